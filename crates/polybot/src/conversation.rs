//! What the bot does with each update: photos become jobs, everything else gets a short answer or
//! is ignored. Runs in the background of the webhook (or the polling loop); never fails outward.

use bytes::Bytes;
use common::{schema::Job, store::Put};
use teloxide_core::types::{
    ChatId, Document, FileId, MediaKind, Message, MessageId, MessageKind, Update, UpdateKind,
};
use uuid::Uuid;

use crate::{
    app::AppState,
    telegram::{MAX_DOWNLOAD_BYTES, TelegramError},
};

/// The answer to `/start` and `/help`.
pub const HELP: &str = "Hi! Send me a photo and I'll tell you which objects I see in it \
    (people, animals, vehicles, everyday things: 80 kinds), with a picture marking where they are.";
/// The answer to plain text.
pub const SEND_A_PHOTO: &str = "Send me a photo and I'll find the objects in it. /help tells more.";
/// The answer to stickers, voice, videos and other non-image messages.
pub const ONLY_PHOTOS: &str =
    "I can only look at photos. Send me a photo (or an image file) and I'll find the objects in it.";
/// The answer to an image format the worker cannot read.
pub const UNSUPPORTED_IMAGE: &str =
    "I can read JPEG, PNG, WebP, BMP and GIF images. Please send the picture as a photo.";
/// The answer to a file over the Bot API's download limit.
pub const TOO_LARGE: &str = "That file is too big for me: bots can only download files up to 20 MB. \
    Please send it as a photo instead.";
/// The acknowledgement of a photo.
pub const ACCEPTED: &str = "Got it, detecting objects…";
/// The answer when taking the photo failed.
pub const TRY_AGAIN: &str =
    "Sorry, something went wrong while I was taking your photo. Please send it again.";

/// The namespace of prediction ids made from updates (a fixed random UUID).
const PREDICTION_NAMESPACE: Uuid = Uuid::from_u128(0x6f0c_5a2e_93d4_4b1f_8e27_1c5d_9b3a_7e40);

/// The prediction id of the photo in an update: the same for a re-sent update, so the photo is
/// stored once and queued once however often Telegram delivers it.
pub fn prediction_id(bot_id: u64, update_id: u32, chat_id: i64, message_id: i32) -> Uuid {
    Uuid::new_v5(&PREDICTION_NAMESPACE, format!("{bot_id}:{update_id}:{chat_id}:{message_id}").as_bytes())
}

/// What an update asks of the bot.
#[derive(Debug, PartialEq)]
enum Intent<'a> {
    Help,
    Text,
    Image {
        file_id: &'a FileId,
        size: u32,
        extension: &'static str,
        content_type: &'static str,
    },
    UnsupportedImage,
    Unsupported,
    /// Edited messages, channel posts, callbacks, member changes…: nothing to say.
    Ignore,
}

fn intent(update: &Update) -> Intent<'_> {
    let UpdateKind::Message(message) = &update.kind else { return Intent::Ignore };
    if !message.chat.is_private() && !addressed_to_bot(message) {
        return Intent::Ignore;
    }
    let MessageKind::Common(common) = &message.kind else { return Intent::Ignore };
    match &common.media_kind {
        MediaKind::Text(text) => {
            let command = text.text.split_whitespace().next().unwrap_or("");
            let command = command.split('@').next().unwrap_or("");
            if matches!(command, "/start" | "/help") { Intent::Help } else { Intent::Text }
        }
        MediaKind::Photo(photo) => {
            // Sizes come smallest first: take the largest a bot may download (or the largest, to refuse it).
            let sizes = &photo.photo;
            match sizes.iter().rev().find(|p| p.file.size <= MAX_DOWNLOAD_BYTES).or(sizes.last()) {
                Some(best) => Intent::Image {
                    file_id: &best.file.id,
                    size: best.file.size,
                    extension: "jpg",
                    content_type: "image/jpeg",
                },
                None => Intent::Unsupported,
            }
        }
        MediaKind::Document(document) => image_document(&document.document),
        _ => Intent::Unsupported,
    }
}

fn addressed_to_bot(message: &Message) -> bool {
    // In groups the bot sees commands and replies (privacy mode); photos there are for people.
    message.text().is_some_and(|t| t.starts_with('/'))
}

fn image_document(document: &Document) -> Intent<'_> {
    let Some(mime) = &document.mime_type else { return Intent::Unsupported };
    if mime.type_() != "image" {
        return Intent::Unsupported;
    }
    let (extension, content_type) = match mime.subtype().as_str() {
        "jpeg" | "jpg" => ("jpg", "image/jpeg"),
        "png" => ("png", "image/png"),
        "webp" => ("webp", "image/webp"),
        "bmp" => ("bmp", "image/bmp"),
        "gif" => ("gif", "image/gif"),
        _ => return Intent::UnsupportedImage,
    };
    Intent::Image { file_id: &document.file.id, size: document.file.size, extension, content_type }
}

/// Handles one update to the end: answers, queues, or ignores. Failures are told to the user and logged.
pub async fn handle(state: &AppState, update: Update) {
    let intent = intent(&update);
    metrics::counter!("polybot_updates_total", "intent" => intent_name(&intent)).increment(1);
    let UpdateKind::Message(message) = &update.kind else { return };
    let (chat, to) = (message.chat.id, message.id);
    let reply = match intent {
        Intent::Ignore => return,
        Intent::Help => HELP,
        Intent::Text => SEND_A_PHOTO,
        Intent::Unsupported => ONLY_PHOTOS,
        Intent::UnsupportedImage => UNSUPPORTED_IMAGE,
        Intent::Image { size, .. } if size > MAX_DOWNLOAD_BYTES => TOO_LARGE,
        Intent::Image { file_id, extension, content_type, .. } => {
            let id = prediction_id(state.telegram.bot_id(), update.id.0, chat.0, to.0);
            match accept(state, id, chat, to, file_id, extension, content_type).await {
                Ok(Accepted::Queued) => ACCEPTED,
                Ok(Accepted::Duplicate) => {
                    tracing::info!(message = "Update delivered again; its photo is queued already.",
                        update_id = update.id.0, chat_id = chat.0, prediction_id = %id);
                    return;
                }
                Err(AcceptError::Telegram(TelegramError::TooLarge { .. })) => TOO_LARGE,
                Err(error) => {
                    metrics::counter!("polybot_photos_failed_total").increment(1);
                    tracing::error!(message = "Could not take a photo.", update_id = update.id.0,
                        chat_id = chat.0, prediction_id = %id, error = %error);
                    TRY_AGAIN
                }
            }
        }
    };
    if let Err(error) = state.telegram.reply_text(chat, to, reply).await {
        tracing::error!(message = "Could not answer a message.", update_id = update.id.0, chat_id = chat.0,
            error = %error);
    }
}

fn intent_name(intent: &Intent<'_>) -> &'static str {
    match intent {
        Intent::Help => "help",
        Intent::Text => "text",
        Intent::Image { .. } => "image",
        Intent::UnsupportedImage | Intent::Unsupported => "unsupported",
        Intent::Ignore => "ignored",
    }
}

enum Accepted {
    Queued,
    Duplicate,
}

#[derive(Debug, thiserror::Error)]
enum AcceptError {
    #[error("download from Telegram failed: {0}")]
    Telegram(#[from] TelegramError),
    #[error(transparent)]
    Store(#[from] common::store::StoreError),
    #[error(transparent)]
    Queue(#[from] common::queue::QueueError),
}

async fn accept(
    state: &AppState,
    prediction_id: Uuid,
    chat: ChatId,
    message: MessageId,
    file_id: &FileId,
    extension: &str,
    content_type: &str,
) -> Result<Accepted, AcceptError> {
    // Held until the photo is stored and queued: at most a bounded number of photos in memory.
    let _in_hand = state.photos_in_hand.acquire().await.expect("the semaphore is never closed");
    let photo: Bytes = state.telegram.download(file_id).await?;
    let job = Job::new(prediction_id, chat.0, message.0, extension);
    // The conditional write is the dedupe: only the first delivery of an update stores and queues.
    if state.store.put_if_absent(&job.image_key, photo, content_type).await? == Put::AlreadyExists {
        return Ok(Accepted::Duplicate);
    }
    state.queue.send(&job.to_json()).await?;
    metrics::counter!("polybot_photos_queued_total").increment(1);
    tracing::info!(message = "Photo queued.", chat_id = chat.0, prediction_id = %prediction_id, key = job.image_key);
    Ok(Accepted::Queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(json: serde_json::Value) -> Update {
        // As the webhook reads it: from text (teloxide's message types do not read from a `Value`).
        serde_json::from_str(&json.to_string()).expect("an update")
    }

    fn message(extra: serde_json::Value, chat_type: &str) -> Update {
        let mut message = serde_json::json!({
            "message_id": 7, "date": 1_700_000_000,
            "chat": {"id": 42, "type": chat_type, "first_name": "Ann"},
            "from": {"id": 42, "is_bot": false, "first_name": "Ann"},
        });
        message.as_object_mut().expect("object").extend(extra.as_object().expect("object").clone());
        update(serde_json::json!({"update_id": 1, "message": message}))
    }

    #[test]
    fn commands_text_and_media_map_to_intents() {
        let text = |t: &str| message(serde_json::json!({"text": t}), "private");
        assert_eq!(intent(&text("/start")), Intent::Help);
        assert_eq!(intent(&text("/help@polybot extra")), Intent::Help);
        assert_eq!(intent(&text("hello")), Intent::Text);
        let sticker = message(
            serde_json::json!({"sticker": {"file_id": "s", "file_unique_id": "u", "type": "regular",
                "width": 512, "height": 512, "is_animated": false, "is_video": false}}),
            "private",
        );
        assert_eq!(intent(&sticker), Intent::Unsupported);
        let in_group = message(serde_json::json!({"text": "hi"}), "group");
        assert_eq!(intent(&in_group), Intent::Ignore);
    }

    #[test]
    fn the_largest_downloadable_photo_size_is_taken() {
        let size = |id: &str, s: u32, w: u32| serde_json::json!({"file_id": id, "file_unique_id": id, "file_size": s, "width": w, "height": w});
        let photo = message(
            serde_json::json!({"photo": [size("a", 1000, 90), size("b", 90_000, 800), size("c", 30_000_000, 9000)]}),
            "private",
        );
        let Intent::Image { file_id, size, extension, .. } = intent(&photo) else { panic!("an image") };
        assert_eq!((file_id.0.as_str(), size, extension), ("b", 90_000, "jpg"));
    }

    #[test]
    fn image_documents_are_images_and_other_documents_are_not() {
        let document = |mime: &str| {
            message(
                serde_json::json!({"document": {"file_id": "d", "file_unique_id": "d", "file_size": 5, "mime_type": mime}}),
                "private",
            )
        };
        assert!(matches!(intent(&document("image/png")), Intent::Image { extension: "png", .. }));
        assert_eq!(intent(&document("image/heic")), Intent::UnsupportedImage);
        assert_eq!(intent(&document("application/pdf")), Intent::Unsupported);
    }

    #[test]
    fn edited_messages_and_other_updates_are_ignored() {
        let edited = update(serde_json::json!({"update_id": 2, "edited_message": {
            "message_id": 7, "date": 1, "edit_date": 2, "chat": {"id": 42, "type": "private"}, "text": "x"}}));
        assert_eq!(intent(&edited), Intent::Ignore);
        let unknown = update(serde_json::json!({"update_id": 3, "something_new": {"a": 1}}));
        assert_eq!(intent(&unknown), Intent::Ignore);
    }

    #[test]
    fn prediction_ids_are_stable_per_update() {
        assert_eq!(prediction_id(1, 2, 3, 4), prediction_id(1, 2, 3, 4));
        assert_ne!(prediction_id(1, 2, 3, 4), prediction_id(1, 5, 3, 4));
        assert_ne!(prediction_id(1, 2, 3, 4), prediction_id(9, 2, 3, 4));
    }
}
