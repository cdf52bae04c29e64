//! Reading an update as Telegram sends it, even where teloxide cannot read all of it.
//!
//! Telegram adds to its types every few months (a caption entity of a new type, a new kind of chat member…),
//! and teloxide reads a message holding anything it does not know as an empty one ([`MessageKind::Empty`]), or
//! the update as no message at all ([`UpdateKind::Error`]): either would be answered 200 and forgotten, a photo
//! lost in silence. [`read`] then
//! reads the message again with only the fields the bot uses (who, where, the text or caption, the photo,
//! document or video, the message it replies to), so that such a photo is taken like any other; an update still
//! unusable is logged at warn with its id and counted (`polybot_updates_unusable_total`) where it is taken.

use serde_json::{Map, Value};
use teloxide_core::types::{MessageKind, Update, UpdateKind};

/// The fields of a message the bot reads; with each the fields of its value that it reads, where it has some
/// (`None`: taken whole, a number or text; photos are lists of sizes).
const MESSAGE_FIELDS: [(&str, Option<&[&str]>); 14] = [
    ("message_id", None),
    ("message_thread_id", None),
    ("date", None),
    ("chat", Some(&["id", "type", "title", "username", "first_name", "last_name", "is_forum"])),
    ("from", Some(&["id", "is_bot", "first_name", "last_name", "username", "language_code"])),
    ("sender_chat", Some(&["id", "type", "title", "username", "first_name", "last_name", "is_forum"])),
    ("text", None),
    ("caption", None),
    ("photo", Some(&["file_id", "file_unique_id", "file_size", "width", "height"])),
    ("document", Some(&["file_id", "file_unique_id", "file_size", "file_name", "mime_type"])),
    ("video", Some(&["file_id", "file_unique_id", "file_size", "width", "height", "duration", "mime_type"])),
    ("video_note", Some(&["file_id", "file_unique_id", "file_size", "length", "duration"])),
    (
        "animation",
        Some(&["file_id", "file_unique_id", "file_size", "width", "height", "duration", "mime_type"]),
    ),
    ("reply_to_message", None),
];

/// Reads a webhook body as an update: as teloxide reads it, or, where teloxide cannot read its message, with
/// only the message's fields the bot uses. An error only for a body that is no update at all.
pub fn read(body: &[u8]) -> Result<Update, serde_json::Error> {
    let update: Update = serde_json::from_slice(body)?;
    if !unread(&update) {
        return Ok(update);
    }
    let Ok(Value::Object(mut raw)) = serde_json::from_slice::<Value>(body) else { return Ok(update) };
    // The bot asks only for messages (allowed_updates); another kind it cannot read is not for it.
    let Some(message) = raw.get("message").map(|message| essentials(message, 1)) else { return Ok(update) };
    raw.insert("message".to_owned(), message);
    // teloxide's message types read from text, not from a `Value`.
    Ok(serde_json::from_str(&Value::Object(raw).to_string()).unwrap_or(update))
}

/// Whether teloxide could not read the update's message (Telegram sends no empty messages in updates).
pub fn unread(update: &Update) -> bool {
    match &update.kind {
        UpdateKind::Error(_) => true,
        UpdateKind::Message(message) => matches!(message.kind, MessageKind::Empty {}),
        _ => false,
    }
}

/// The fields of `message` the bot uses; those of the message it replies to too, `depth` levels down.
fn essentials(message: &Value, depth: usize) -> Value {
    let Value::Object(fields) = message else { return message.clone() };
    let kept = MESSAGE_FIELDS.iter().filter_map(|(name, parts)| {
        let value = fields.get(*name)?;
        let value = match (*name, parts, value) {
            ("reply_to_message", _, _) if depth == 0 => return None,
            ("reply_to_message", _, reply) => essentials(reply, depth - 1),
            (_, Some(parts), Value::Array(sizes)) => sizes.iter().map(|size| only(size, parts)).collect(),
            (_, Some(parts), value) => only(value, parts),
            (_, None, value) => value.clone(),
        };
        Some(((*name).to_owned(), value))
    });
    Value::Object(kept.collect())
}

/// `value`'s fields named in `parts`.
fn only(value: &Value, parts: &[&str]) -> Value {
    let Value::Object(fields) = value else { return value.clone() };
    let kept: Map<String, Value> = fields
        .iter()
        .filter(|(name, _)| parts.contains(&name.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Value::Object(kept)
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use teloxide_core::types::MediaKind;

    use super::*;

    /// A group photo addressed to the bot, in reply to it, whose caption and reply hold what teloxide cannot read.
    fn from_the_future() -> Value {
        json!({"update_id": 9, "message": {
            "message_id": 7, "date": 1_700_000_000,
            "chat": {"id": -100_123, "type": "supergroup", "title": "Family", "a_new_chat_field": {"x": 1}},
            "from": {"id": 42, "is_bot": false, "first_name": "Ann"},
            "photo": [{"file_id": "p", "file_unique_id": "p", "file_size": 90_000, "width": 800, "height": 600}],
            "caption": "/detect look",
            "caption_entities": [{"type": "a_new_entity", "offset": 0, "length": 7}],
            "reply_to_message": {"message_id": 5, "date": 1_700_000_000,
                "chat": {"id": -100_123, "type": "supergroup", "title": "Family"},
                "from": {"id": 4242, "is_bot": true, "first_name": "Bot"},
                "text": "I found", "entities": [{"type": "another_new_entity", "offset": 0, "length": 1}]},
        }})
    }

    #[test]
    fn a_message_teloxide_cannot_read_is_read_with_the_fields_the_bot_uses() {
        let body = from_the_future().to_string();
        let strict: Update = serde_json::from_str(&body).expect("an update");
        assert!(unread(&strict), "teloxide alone reads an empty message: {strict:?}");
        let update = read(body.as_bytes()).expect("an update");
        let UpdateKind::Message(message) = &update.kind else { panic!("a message: {update:?}") };
        assert_eq!((update.id.0, message.id.0, message.chat.id.0), (9, 7, -100_123));
        let MessageKind::Common(common) = &message.kind else { panic!("a common message") };
        let MediaKind::Photo(photo) = &common.media_kind else { panic!("a photo") };
        assert_eq!(photo.photo[0].file.id.0, "p");
        assert_eq!(message.caption(), Some("/detect look"));
        let replied = message.reply_to_message().expect("the reply is kept");
        assert_eq!(replied.from.as_ref().map(|author| author.id.0), Some(4242));
    }

    #[test]
    fn a_video_teloxide_cannot_read_is_read_as_a_video() {
        let video = json!({"file_id": "v", "file_unique_id": "v", "file_size": 400_000, "width": 640, "height": 480,
            "duration": 4, "mime_type": "video/mp4", "a_new_video_field": {"x": 1}});
        for (kind, media) in [("video", video.clone()), ("animation", video)] {
            let mut body = from_the_future();
            let message = body["message"].as_object_mut().expect("a message");
            message.remove("photo");
            message.insert(kind.to_owned(), media.clone());
            if kind == "animation" {
                message.insert("document".to_owned(), media);
            }
            let update = read(body.to_string().as_bytes()).expect("an update");
            let UpdateKind::Message(message) = &update.kind else { panic!("a message: {update:?}") };
            let MessageKind::Common(common) = &message.kind else {
                panic!("{kind}: a common message {message:?}")
            };
            let read = match &common.media_kind {
                MediaKind::Video(video) => video.video.file.id.0.as_str(),
                MediaKind::Animation(animation) => animation.animation.file.id.0.as_str(),
                other => panic!("{kind}: {other:?}"),
            };
            assert_eq!(read, "v", "{kind}");
        }
    }

    #[test]
    fn what_teloxide_reads_is_read_as_it_is_and_other_kinds_are_left_alone() {
        let body = json!({"update_id": 1, "message": {"message_id": 2, "date": 1, "chat": {"id": 3, "type": "private"},
            "text": "/help", "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}})
        .to_string();
        let update = read(body.as_bytes()).expect("an update");
        assert_eq!(update, serde_json::from_str::<Update>(&body).expect("an update"), "entities and all");
        let unknown = json!({"update_id": 4, "a_kind_from_the_future": {"x": 1}}).to_string();
        assert!(matches!(read(unknown.as_bytes()).expect("an update").kind, UpdateKind::Error(_)));
        let broken = json!({"update_id": 5, "message": {"message_id": "seven"}}).to_string();
        assert!(unread(&read(broken.as_bytes()).expect("an update")), "still unusable");
        assert!(read(b"[1, 2]").is_err(), "no update at all");
    }
}
