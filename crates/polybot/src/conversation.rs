//! What the bot does with each update: photos and videos become jobs, everything else gets a short answer or
//! is ignored.
//!
//! In a private chat every message is for the bot. In a group, most messages are people talking to
//! each other, so the bot answers only what is addressed to it: its commands (`/help`, or
//! `/help@its_username`; another bot's are left alone), and photos whose caption mentions it
//! (`@its_username`) or starts with `/detect`, or that reply to one of its messages.
//!
//! A photo is safe once it is stored and its job queued; [`take_photo`] returns only then, so that the
//! webhook answers Telegram 200 (or the polling loop moves its offset) only for photos that cannot be
//! lost, and asks for the update again when one could not be made safe. Both steps can be repeated: the
//! photo's key and job come from the update, the store overwrites the same bytes, and the worker and
//! the results callback answer a prediction once however many jobs name it.
//!
//! A chat may have only so many photos waiting for their answer (`MAX_WAITING_PHOTOS`): past them a photo is not
//! taken, and its sender is told how many wait, so that no chat queues hundreds of jobs ahead of everyone else.

use bytes::Bytes;
use common::{
    question::{Question, QuestionError},
    retry::Transient,
    schema::{Job, Media, unix_now, unix_seconds},
    table::Admission,
};
use teloxide_core::types::{
    ChatId, Document, FileId, FileMeta, MediaKind, Message, MessageId, MessageKind, Update, UpdateKind,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{
    outbox::{self, Reply, Says},
    settings::Acknowledge,
    state::AppState,
    telegram::{Identity, MAX_DOWNLOAD_BYTES, TelegramError},
    words::{self, Text},
};

/// The commands the bot registers at start (setMyCommands, with their descriptions in each language it speaks),
/// which Telegram's apps offer as the user types `/`.
pub const COMMANDS: [&str; 4] = ["start", "help", "detect", "classes"];
/// The acknowledgement of a photo, as a reaction on it ([`Acknowledge::Reaction`], the default).
pub const ACCEPTED_REACTION: &str = "👀";
/// The namespace of prediction ids made from updates (a fixed random UUID).
const PREDICTION_NAMESPACE: Uuid = Uuid::from_u128(0x6f0c_5a2e_93d4_4b1f_8e27_1c5d_9b3a_7e40);

/// The prediction id of the photo in an update: the same for a re-sent update, so however often
/// Telegram delivers it, its photo has one key and every job it queues names one prediction.
pub fn prediction_id(bot_id: u64, update_id: u32, chat_id: i64, message_id: i32) -> Uuid {
    Uuid::new_v5(&PREDICTION_NAMESPACE, format!("{bot_id}:{update_id}:{chat_id}:{message_id}").as_bytes())
}

/// What an update asks of the bot.
#[derive(Debug, PartialEq)]
enum Intent<'a> {
    Help,
    /// `/classes`: the class names a caption may ask for.
    Classes,
    /// `/detect` as text: the photo is missing.
    DetectWithoutPhoto,
    Text,
    /// A photo or video to take.
    File {
        file_id: &'a FileId,
        size: u32,
        extension: &'static str,
        content_type: &'static str,
        media: Media,
    },
    UnsupportedImage,
    /// A video file the worker cannot read (not MP4).
    UnsupportedVideo,
    Unsupported,
    /// Edited messages, channel posts, callbacks, member changes, group chatter…: nothing to say.
    Ignore,
}

fn intent<'a>(update: &'a Update, bot: &Identity) -> Intent<'a> {
    let UpdateKind::Message(message) = &update.kind else { return Intent::Ignore };
    let MessageKind::Common(common) = &message.kind else { return Intent::Ignore };
    let private = message.chat.is_private();
    match &common.media_kind {
        MediaKind::Text(text) => match command(&text.text, bot) {
            Some("start" | "help") => Intent::Help,
            Some("classes") => Intent::Classes,
            Some("detect") => Intent::DetectWithoutPhoto,
            _ if private => Intent::Text,
            // In a group, text that is not one of the bot's commands is people talking.
            _ => Intent::Ignore,
        },
        media if !private && !addressed(message, media, bot) => Intent::Ignore,
        MediaKind::Photo(photo) => {
            // Sizes come smallest first: take the largest a bot may download (or the largest, to refuse it).
            let sizes = &photo.photo;
            match sizes.iter().rev().find(|p| p.file.size <= MAX_DOWNLOAD_BYTES).or(sizes.last()) {
                Some(best) => Intent::File {
                    file_id: &best.file.id,
                    size: best.file.size,
                    extension: "jpg",
                    content_type: "image/jpeg",
                    media: Media::Image,
                },
                None => Intent::Unsupported,
            }
        }
        MediaKind::Document(document) => document_intent(&document.document),
        MediaKind::Video(video) => {
            let mime = video.video.mime_type.as_ref();
            video_intent(&video.video.file, mime.map(|mime| (mime.type_().as_str(), mime.subtype().as_str())))
        }
        MediaKind::Animation(animation) => {
            let mime = animation.animation.mime_type.as_ref();
            video_intent(
                &animation.animation.file,
                mime.map(|mime| (mime.type_().as_str(), mime.subtype().as_str())),
            )
        }
        // Video notes are MP4 always.
        MediaKind::VideoNote(note) => video_intent(&note.video_note.file, None),
        _ => Intent::Unsupported,
    }
}

/// A video, video note or animation: an MP4 (or one that does not say) is taken; a GIF that Telegram left a GIF
/// is an image; another kind of video file is refused.
fn video_intent<'a>(file: &'a FileMeta, mime: Option<(&str, &str)>) -> Intent<'a> {
    match mime {
        None | Some(("video", "mp4")) => Intent::File {
            file_id: &file.id,
            size: file.size,
            extension: "mp4",
            content_type: "video/mp4",
            media: Media::Video,
        },
        Some(("image", "gif")) => Intent::File {
            file_id: &file.id,
            size: file.size,
            extension: "gif",
            content_type: "image/gif",
            media: Media::Image,
        },
        Some(_) => Intent::UnsupportedVideo,
    }
}

/// The bot's command that `text` starts with, without its `/` and `@username`: `/detect` and
/// `/detect@its_username` are the bot's, `/detect@other_bot` is not.
fn command<'t>(text: &'t str, bot: &Identity) -> Option<&'t str> {
    let word = text.split_whitespace().next()?.strip_prefix('/')?;
    match word.split_once('@') {
        None => Some(word),
        Some((name, to)) if to.eq_ignore_ascii_case(&bot.username) => Some(name),
        Some(_) => None,
    }
}

/// What a photo's caption asks ([`Question`]): the words after `/detect` (or `/detect@its_username`), where a word
/// that names no class is an error; else the whole caption, when every word of it names a class or a confidence
/// ("dogs and cats", "person >50%"), and nothing when it is a caption people write for each other.
fn question(caption: Option<&str>, bot: &Identity) -> Result<Option<Question>, QuestionError> {
    let caption = caption.unwrap_or_default();
    match command(caption, bot) {
        Some("detect") => {
            let words = caption.trim_start().split_once(char::is_whitespace).map_or("", |(_, rest)| rest);
            Question::parse(words, true)
        }
        Some(_) => Ok(None),
        None => Question::parse(caption, false),
    }
}

/// Whether a group message that is not text is for the bot: its caption mentions the bot or starts
/// with `/detect`, or it is an image sent as a reply to one of the bot's messages (a sticker or voice
/// message in reply is chatter).
fn addressed(message: &Message, media: &MediaKind, bot: &Identity) -> bool {
    let caption = message.caption().unwrap_or_default();
    let is_image = match media {
        MediaKind::Photo(_) | MediaKind::Video(_) | MediaKind::Animation(_) | MediaKind::VideoNote(_) => true,
        MediaKind::Document(document) => document
            .document
            .mime_type
            .as_ref()
            .is_some_and(|mime| mime.type_() == "image" || mime.type_() == "video"),
        _ => false,
    };
    let replies_to_bot = message
        .reply_to_message()
        .and_then(|replied| replied.from.as_ref())
        .is_some_and(|author| author.id == bot.id);
    mentions(caption, &bot.username)
        || command(caption, bot) == Some("detect")
        || (is_image && replies_to_bot)
}

/// Whether `text` holds `@username` as a whole word (usernames are case-insensitive, and made of
/// letters, digits and `_`, so `@polybot_bot_2` does not mention `@polybot_bot`).
fn mentions(text: &str, username: &str) -> bool {
    let part_of_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    !username.is_empty()
        && text.match_indices('@').any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let rest = &text[at + 1..];
            let name = rest.get(..username.len());
            let after = rest.get(username.len()..).and_then(|r| r.chars().next());
            !before.is_some_and(part_of_name)
                && name.is_some_and(|name| name.eq_ignore_ascii_case(username))
                && !after.is_some_and(part_of_name)
        })
}

fn document_intent(document: &Document) -> Intent<'_> {
    let Some(mime) = &document.mime_type else { return Intent::Unsupported };
    if mime.type_() == "video" {
        return video_intent(&document.file, Some((mime.type_().as_str(), mime.subtype().as_str())));
    }
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
    Intent::File {
        file_id: &document.file.id,
        size: document.file.size,
        extension,
        content_type,
        media: Media::Image,
    }
}

/// The photo of an update could not be made safe for a reason that may pass (AWS or Telegram
/// trouble): Telegram should send the update again.
#[derive(Debug)]
pub struct NotTaken;

/// A photo to take ([`take_photo`]): the update it came in, and its job.
#[derive(Debug)]
pub struct Photo {
    update_id: u32,
    chat: ChatId,
    to: MessageId,
    job: Job,
    file_id: FileId,
    content_type: &'static str,
}

/// Reads one update and answers all but a photo: the reply waits in the chat's [`outbox`] and goes out in the
/// background, so this returns at once. A photo is returned, to be taken with [`take_photo`].
pub fn take(state: &AppState, update: Update) -> Option<Photo> {
    // Where the user's wait starts, for the end-to-end time (`polybot_end_to_end_seconds`).
    let received_at = OffsetDateTime::now_utc();
    let intent = intent(&update, &state.bot);
    metrics::counter!("polybot_updates_total", "intent" => intent_name(&intent)).increment(1);
    if crate::update::unread(&update) {
        // Not even its message could be read ([`crate::update`]): nothing to answer, but not in silence.
        metrics::counter!("polybot_updates_unusable_total").increment(1);
        tracing::warn!(message = "An update could not be read; dropped.", update_id = update.id.0);
    }
    let UpdateKind::Message(message) = &update.kind else { return None };
    let (update_id, chat, to) = (update.id.0, message.chat.id, message.id);
    // The sender's language, in which the bot answers them (in a group too).
    let words = words::for_user(message.from.as_ref().and_then(|sender| sender.language_code.as_deref()));
    let text = match intent {
        Intent::Ignore => return None,
        Intent::Help => words.text(Text::Help),
        Intent::Classes => words.classes(),
        Intent::DetectWithoutPhoto => words.text(Text::DetectNeedsAPhoto),
        Intent::Text => words.text(Text::SendAPhoto),
        Intent::Unsupported => words.text(Text::OnlyPhotos),
        Intent::UnsupportedImage => words.text(Text::UnsupportedImage),
        Intent::UnsupportedVideo => words.text(Text::UnsupportedVideo),
        Intent::File { size, media, .. } if size > MAX_DOWNLOAD_BYTES => words.text(match media {
            Media::Image => Text::TooLarge,
            Media::Video => Text::VideoTooLarge,
        }),
        Intent::File { file_id, extension, content_type, media, .. } => {
            match question(message.caption(), &state.bot) {
                // Asked for what the model does not know: the user is told what it knows, and no job is made.
                Err(error) => words.question_error(&error),
                Ok(question) => {
                    let id = prediction_id(state.telegram.bot_id(), update_id, chat.0, to.0);
                    let job = Job {
                        received_at: Some(received_at),
                        language: Some(words.tag().to_owned()),
                        ..Job::new(id, chat.0, to.0, extension)
                    };
                    let job = match media {
                        Media::Image => job,
                        Media::Video => job.of_video(),
                    };
                    let job = job.asking(question);
                    return Some(Photo { update_id, chat, to, job, file_id: file_id.clone(), content_type });
                }
            }
        }
    };
    outbox::send(state, chat, Reply { update_id, to, says: Says::Text(text.into()) });
    None
}

/// Takes an update ([`take`]): anything but a photo at once, a photo on the background runtime,
/// waiting until it is safe ([`take_photo`]). A caller that hangs up (Telegram's timeout) does not
/// cut the storing of a photo short, and an update that needs no storing never waits for the background runtime,
/// whose threads yield to the routes' (a burst of replies there would otherwise stall the webhook's answers).
pub async fn take_update(state: &AppState, update: Update) -> Result<(), NotTaken> {
    let update_id = update.id.0;
    let Some(photo) = take(state, update) else { return Ok(()) };
    let permit = state.in_flight.clone().acquire_owned().await.expect("the semaphore is never closed");
    let task_state = state.clone();
    let taken = state.spawn(async move {
        let _taking = permit;
        take_photo(&task_state, photo).await
    });
    taken.await.unwrap_or_else(|panic| {
        tracing::error!(message = "Taking an update panicked.", update_id, error = %panic);
        Err(NotTaken)
    })
}

/// Takes a photo: it is downloaded, stored and queued before this returns, and its acknowledgement (a reaction
/// or a message) waits in the chat's [`outbox`]. Failures the user can act on are told to them; a photo that
/// could not be made safe for a passing reason is logged and returned as [`NotTaken`].
pub async fn take_photo(state: &AppState, photo: Photo) -> Result<(), NotTaken> {
    let says = answer_photo(state, &photo).await?;
    outbox::send(state, photo.chat, Reply { update_id: photo.update_id, to: photo.to, says });
    Ok(())
}

/// Takes a photo unless its chat has too many waiting: holds its place, then stores and queues it
/// ([`accept`]). What to tell the user, or [`NotTaken`] when Telegram should send the update again.
async fn answer_photo(state: &AppState, photo: &Photo) -> Result<Says, NotTaken> {
    let Photo { update_id, ref job, ref file_id, content_type, .. } = *photo;
    let words = words::for_user(job.language.as_deref());
    metrics::counter!("polybot_photos_received_total").increment(1);
    let (chat_id, id) = (job.chat_id, job.prediction_id);
    let now = job.received_at.map_or_else(unix_now, unix_seconds);
    let turn = state.turns.take(chat_id).await;
    let admitted = state.table.admit(chat_id, id, state.max_waiting_photos, now).await;
    drop(turn);
    match admitted {
        Ok(Admission::Admitted) => {}
        Ok(Admission::Full { waiting }) => {
            metrics::counter!("polybot_photos_refused_total", "reason" => "chat_waiting").increment(1);
            tracing::info!(
                message = "A chat has too many photos waiting; this one was not taken.",
                update_id,
                chat_id,
                waiting
            );
            return Ok(Says::Text(words.too_many_waiting(waiting).into()));
        }
        // Refusing photos because the count is out of reach would punish every chat for the table's trouble;
        // the queue and the worker take them as before the cap.
        Err(error) => {
            tracing::warn!(message = "Could not count the chat's waiting photos; taking the photo.",
            update_id, chat_id, prediction_id = %id, %error)
        }
    }
    let told = match accept(state, job, file_id, content_type).await {
        Ok(()) => {
            let typical = state.waits.typical(std::time::Instant::now());
            if let Some(seconds) = typical.filter(|seconds| *seconds > state.slow_answer.as_secs_f64()) {
                // The workers are behind: the wait in words rather than a reaction that promises an answer soon.
                return Ok(Says::Text(words.expect_to_wait(seconds).into()));
            }
            return Ok(match state.acknowledge {
                Acknowledge::Reaction => Says::Reaction(ACCEPTED_REACTION),
                Acknowledge::Message => Says::Text(words.text(Text::Accepted).into()),
            });
        }
        Err(AcceptError::Telegram(TelegramError::TooLarge { .. })) => Ok(match job.media {
            Media::Image => Text::TooLarge,
            Media::Video => Text::VideoTooLarge,
        }),
        Err(AcceptError::Telegram(error)) if !error.is_transient() => {
            // Telegram will not give the file (gone, refused): telling the user is all there is.
            metrics::counter!("polybot_photos_failed_total").increment(1);
            tracing::error!(message = "Telegram refused the photo's file.", update_id, chat_id,
                prediction_id = %id, %error);
            Ok(Text::TryAgain)
        }
        Err(error) => {
            metrics::counter!("polybot_photos_deferred_total").increment(1);
            tracing::error!(message = "Could not take a photo; Telegram will send it again.",
                update_id, chat_id, prediction_id = %id, %error);
            Err(NotTaken)
        }
    };
    // Not queued: its place goes back (a re-sent update takes it again).
    if let Err(error) = state.table.answered(chat_id, id).await {
        tracing::warn!(message = "Could not give a photo's place back; it expires by itself.",
            update_id, chat_id, prediction_id = %id, %error);
    }
    told.map(|text| Says::Text(words.text(text).into()))
}

fn intent_name(intent: &Intent<'_>) -> &'static str {
    match intent {
        Intent::Help => "help",
        Intent::Classes => "classes",
        Intent::DetectWithoutPhoto => "detect_without_photo",
        Intent::Text => "text",
        Intent::File { media: Media::Image, .. } => "image",
        Intent::File { media: Media::Video, .. } => "video",
        Intent::UnsupportedImage | Intent::UnsupportedVideo | Intent::Unsupported => "unsupported",
        Intent::Ignore => "ignored",
    }
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

/// Downloads the photo, stores it under its job's key and queues the job.
async fn accept(
    state: &AppState,
    job: &Job,
    file_id: &FileId,
    content_type: &str,
) -> Result<(), AcceptError> {
    // Held until the photo is stored and queued: at most a bounded number of photos in memory.
    let _in_hand = state.photos_in_hand.acquire().await.expect("the semaphore is never closed");
    let photo: Bytes = state.telegram.download(file_id).await?;
    // Not a conditional write: a write retried after its answer was lost, or a photo stored by a
    // delivery of this update that died before queueing, must still lead to a job.
    state.store.put(&job.image_key, photo, content_type).await?;
    state.queue.send(&job.to_json()).await?;
    metrics::counter!("polybot_photos_queued_total").increment(1);
    tracing::info!(message = "Photo queued.", chat_id = job.chat_id, prediction_id = %job.prediction_id, key = job.image_key);
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use teloxide_core::types::UserId;

    use super::*;

    /// The bot's user id, as getMe says.
    const BOT_ID: u64 = 4242;
    /// A supergroup's chat id, in Telegram's form.
    const GROUP_ID: i64 = -1_001_234_567_890;

    fn bot() -> Identity {
        Identity { id: UserId(BOT_ID), username: "polybot_test_bot".to_owned() }
    }

    fn update(json: serde_json::Value) -> Update {
        // As the webhook reads it: from text (teloxide's message types do not read from a `Value`).
        serde_json::from_str(&json.to_string()).expect("an update")
    }

    /// The body of a message update with `extra` fields, from Ann in a chat of `chat_type`.
    fn message_json(extra: serde_json::Value, chat_type: &str) -> serde_json::Value {
        let chat = if chat_type == "private" {
            json!({"id": 42, "type": chat_type, "first_name": "Ann"})
        } else {
            json!({"id": GROUP_ID, "type": chat_type, "title": "Family"})
        };
        let mut message = json!({
            "message_id": 7, "date": 1_700_000_000, "chat": chat,
            "from": {"id": 42, "is_bot": false, "first_name": "Ann"},
        });
        message.as_object_mut().expect("object").extend(extra.as_object().expect("object").clone());
        json!({"update_id": 1, "message": message})
    }

    fn message(extra: serde_json::Value, chat_type: &str) -> Update {
        update(message_json(extra, chat_type))
    }

    /// `extra` with a photo added.
    fn with_photo(extra: serde_json::Value) -> serde_json::Value {
        let mut fields = json!({"photo": [{"file_id": "p", "file_unique_id": "p", "file_size": 90_000,
            "width": 800, "height": 600}]});
        fields.as_object_mut().expect("object").extend(extra.as_object().expect("object").clone());
        fields
    }

    /// The fields of a message that replies to one from user `from`.
    fn replying_to(from: u64, is_bot: bool) -> serde_json::Value {
        json!({"reply_to_message": {"message_id": 5, "date": 1_700_000_000,
            "chat": {"id": GROUP_ID, "type": "supergroup", "title": "Family"},
            "from": {"id": from, "is_bot": is_bot, "first_name": "Someone"}, "text": "I found 1 object"}})
    }

    fn document_json(mime: &str) -> serde_json::Value {
        json!({"document": {"file_id": "d", "file_unique_id": "d", "file_size": 5, "mime_type": mime}})
    }

    #[test]
    fn commands_text_and_media_map_to_intents() {
        let text = |t: &str| message(json!({"text": t}), "private");
        assert_eq!(intent(&text("/start"), &bot()), Intent::Help);
        assert_eq!(intent(&text("/help@polybot_test_bot extra"), &bot()), Intent::Help);
        assert_eq!(intent(&text("/help@other_bot"), &bot()), Intent::Text, "another bot's command");
        assert_eq!(intent(&text("hello"), &bot()), Intent::Text);
        let sticker = message(
            json!({"sticker": {"file_id": "s", "file_unique_id": "u", "type": "regular",
                "width": 512, "height": 512, "is_animated": false, "is_video": false}}),
            "private",
        );
        assert_eq!(intent(&sticker, &bot()), Intent::Unsupported);
        let in_group = message(json!({"text": "hi"}), "group");
        assert_eq!(intent(&in_group, &bot()), Intent::Ignore);
    }

    #[test]
    fn detect_without_a_photo_is_explained_and_every_private_photo_is_taken() {
        for chat in ["private", "group", "supergroup"] {
            for command in ["/detect", "/detect@polybot_test_bot", "/detect@POLYBOT_TEST_BOT now"] {
                let update = message(json!({"text": command}), chat);
                assert_eq!(intent(&update, &bot()), Intent::DetectWithoutPhoto, "{chat}: {command}");
            }
        }
        for extra in [json!({}), json!({"caption": "our holiday"}), json!({"caption": "/detect@other_bot"})] {
            let photo = message(with_photo(extra.clone()), "private");
            assert!(matches!(intent(&photo, &bot()), Intent::File { .. }), "{extra}");
        }
    }

    #[test]
    fn in_groups_the_bot_answers_its_commands_and_ignores_chatter() {
        let text = |chat: &str, t: &str| message(json!({"text": t}), chat);
        for chat in ["group", "supergroup"] {
            assert_eq!(intent(&text(chat, "/start"), &bot()), Intent::Help);
            assert_eq!(intent(&text(chat, "/help@Polybot_Test_Bot"), &bot()), Intent::Help, "any case");
            assert_eq!(intent(&text(chat, "/help@other_bot"), &bot()), Intent::Ignore, "another bot's");
            assert_eq!(intent(&text(chat, "/weather"), &bot()), Intent::Ignore, "not the bot's command");
            assert_eq!(intent(&text(chat, "hi all"), &bot()), Intent::Ignore);
            let about = text(chat, "ask @polybot_test_bot");
            assert_eq!(intent(&about, &bot()), Intent::Ignore, "talk about the bot is still talk");
        }
        let mut thanks = replying_to(BOT_ID, true);
        thanks["text"] = json!("thanks!");
        let reply = message(thanks, "supergroup");
        assert_eq!(intent(&reply, &bot()), Intent::Ignore, "text in reply to the bot is talk");
    }

    #[test]
    fn in_groups_a_photo_is_taken_only_when_addressed_to_the_bot() {
        let taken = |extra: serde_json::Value| {
            matches!(intent(&message(with_photo(extra), "supergroup"), &bot()), Intent::File { .. })
        };
        assert!(!taken(json!({})), "a photo for the group");
        assert!(!taken(json!({"caption": "our holiday"})));
        assert!(taken(json!({"caption": "what is this, @polybot_test_bot?"})), "a mention");
        assert!(taken(json!({"caption": "@POLYBOT_TEST_BOT"})), "usernames ignore case");
        assert!(!taken(json!({"caption": "@polybot_test_bot_2 look"})), "another bot's name");
        assert!(!taken(json!({"caption": "write to ann@polybot_test_bot"})), "not a mention");
        assert!(taken(json!({"caption": "/detect"})), "the command");
        assert!(taken(json!({"caption": "/detect@polybot_test_bot please"})));
        assert!(!taken(json!({"caption": "/detect@other_bot"})), "another bot's command");
        assert!(!taken(json!({"caption": "look /detect"})), "a command starts the caption");
        assert!(taken(replying_to(BOT_ID, true)), "a reply to the bot");
        assert!(!taken(replying_to(43, false)), "a reply to a person");
        assert!(!taken(replying_to(99, true)), "a reply to another bot");
    }

    #[test]
    fn in_groups_other_media_is_answered_only_when_its_caption_addresses_the_bot() {
        let group = |fields: serde_json::Value, extra: serde_json::Value| {
            let mut fields = fields;
            fields.as_object_mut().expect("object").extend(extra.as_object().expect("object").clone());
            message(fields, "group")
        };
        let in_group = |fields, extra| intent_name(&intent(&group(fields, extra), &bot()));
        let png = document_json("image/png");
        let detect = group(png.clone(), json!({"caption": "/detect"}));
        assert!(matches!(intent(&detect, &bot()), Intent::File { extension: "png", .. }));
        assert_eq!(in_group(png.clone(), replying_to(BOT_ID, true)), "image");
        assert_eq!(in_group(png, json!({})), "ignored");
        let pdf = document_json("application/pdf");
        assert_eq!(in_group(pdf.clone(), json!({"caption": "@polybot_test_bot"})), "unsupported");
        assert_eq!(in_group(pdf, replying_to(BOT_ID, true)), "ignored", "not an image: chatter");
        let voice = json!({"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}});
        assert_eq!(in_group(voice, replying_to(BOT_ID, true)), "ignored");
    }

    #[test]
    fn a_caption_asks_after_detect_strictly_and_alone_only_when_every_word_is_a_class() {
        let asks = |caption: &str| question(Some(caption), &bot()).map(|q| q.map(|q| q.classes));
        assert_eq!(asks("/detect dog cat"), Ok(Some(vec!["dog".into(), "cat".into()])));
        assert_eq!(asks("/detect@polybot_test_bot dogs"), Ok(Some(vec!["dog".into()])));
        assert_eq!(asks("@polybot_test_bot people"), Ok(Some(vec!["person".into()])), "a mention is no word");
        assert_eq!(asks("dogs and cats"), Ok(Some(vec!["dog".into(), "cat".into()])));
        assert!(matches!(asks("/detect our holiday"), Err(QuestionError::Unknown { .. })), "after /detect");
        assert_eq!(asks("our holiday"), Ok(None), "a caption for people");
        assert_eq!(asks("/detect"), Ok(None));
        assert_eq!(asks("/help dog"), Ok(None), "another command's words ask nothing");
        assert_eq!(question(None, &bot()), Ok(None));
    }

    #[test]
    fn classes_is_a_command() {
        let text = message(json!({"text": "/classes"}), "private");
        assert_eq!(intent(&text, &bot()), Intent::Classes);
        assert!(COMMANDS.contains(&"classes"), "offered as the user types /");
    }

    #[test]
    fn mentions_are_whole_usernames() {
        assert!(mentions("@bot", "bot"));
        assert!(mentions("hey @Bot, look", "bot"));
        assert!(mentions("(@bot)", "bot"));
        assert!(!mentions("@bots", "bot"));
        assert!(!mentions("a@bot", "bot"));
        assert!(!mentions("@bo", "bot"));
        assert!(!mentions("@", "bot"));
        assert!(!mentions("@ünïcode @bö", "bot"), "no panic on other letters");
        assert!(!mentions("@anything", ""), "an unknown username matches nothing");
    }

    #[test]
    fn the_largest_downloadable_photo_size_is_taken() {
        let size = |id: &str, s: u32, w: u32| serde_json::json!({"file_id": id, "file_unique_id": id, "file_size": s, "width": w, "height": w});
        let photo = message(
            serde_json::json!({"photo": [size("a", 1000, 90), size("b", 90_000, 800), size("c", 30_000_000, 9000)]}),
            "private",
        );
        let Intent::File { file_id, size, extension, .. } = intent(&photo, &bot()) else {
            panic!("an image")
        };
        assert_eq!((file_id.0.as_str(), size, extension), ("b", 90_000, "jpg"));
    }

    #[test]
    fn image_documents_are_images_and_other_documents_are_not() {
        let document = |mime: &str| message(document_json(mime), "private");
        assert!(matches!(intent(&document("image/png"), &bot()), Intent::File { extension: "png", .. }));
        assert_eq!(intent(&document("image/heic"), &bot()), Intent::UnsupportedImage);
        assert_eq!(intent(&document("application/pdf"), &bot()), Intent::Unsupported);
        assert!(matches!(intent(&document("video/mp4"), &bot()), Intent::File { media: Media::Video, .. }));
        assert_eq!(intent(&document("video/quicktime"), &bot()), Intent::UnsupportedVideo);
    }

    #[test]
    fn videos_video_notes_and_animations_are_videos_and_a_gif_left_a_gif_an_image() {
        let file = json!({"file_id": "v", "file_unique_id": "v", "file_size": 400_000});
        let with = |extra: serde_json::Value| {
            let mut fields = file.clone();
            fields.as_object_mut().expect("object").extend(extra.as_object().expect("object").clone());
            fields
        };
        let video = with(json!({"width": 640, "height": 480, "duration": 4, "mime_type": "video/mp4"}));
        let note = with(json!({"length": 240, "duration": 4}));
        let animation = with(json!({"width": 320, "height": 240, "duration": 2, "mime_type": "video/mp4"}));
        let gif = with(json!({"width": 320, "height": 240, "duration": 2, "mime_type": "image/gif"}));
        let mov = with(json!({"width": 640, "height": 480, "duration": 4, "mime_type": "video/quicktime"}));
        let cases = [
            (json!({"video": video}), Some((Media::Video, "mp4"))),
            (json!({"video_note": note}), Some((Media::Video, "mp4"))),
            (json!({"animation": animation.clone(), "document": animation}), Some((Media::Video, "mp4"))),
            (json!({"animation": gif.clone(), "document": gif}), Some((Media::Image, "gif"))),
            (json!({"video": mov}), None),
        ];
        for (fields, expected) in cases {
            let taken = match intent(&message(fields.clone(), "private"), &bot()) {
                Intent::File { media, extension, .. } => Some((media, extension)),
                Intent::UnsupportedVideo => None,
                other => panic!("{fields}: {other:?}"),
            };
            assert_eq!(taken, expected, "{fields}");
        }
        let video =
            json!({"video": with(json!({"width": 6, "height": 4, "duration": 1, "mime_type": "video/mp4"}))});
        let replying = message(video.clone(), "supergroup");
        assert_eq!(intent(&replying, &bot()), Intent::Ignore, "group chatter");
        let mut to_bot = message_json(video, "supergroup");
        to_bot["message"]
            .as_object_mut()
            .expect("message")
            .extend(replying_to(BOT_ID, true).as_object().expect("object").clone());
        let to_bot = update(to_bot);
        let taken = intent(&to_bot, &bot());
        assert!(
            matches!(taken, Intent::File { media: Media::Video, .. }),
            "a reply to the bot: {taken:?} {to_bot:?}"
        );
    }

    #[test]
    fn edited_messages_and_other_updates_are_ignored() {
        let edited = update(serde_json::json!({"update_id": 2, "edited_message": {
            "message_id": 7, "date": 1, "edit_date": 2, "chat": {"id": 42, "type": "private"}, "text": "x"}}));
        assert_eq!(intent(&edited, &bot()), Intent::Ignore);
        let unknown = update(serde_json::json!({"update_id": 3, "something_new": {"a": 1}}));
        assert_eq!(intent(&unknown, &bot()), Intent::Ignore);
    }

    #[test]
    fn prediction_ids_are_stable_per_update() {
        assert_eq!(prediction_id(1, 2, 3, 4), prediction_id(1, 2, 3, 4));
        assert_ne!(prediction_id(1, 2, 3, 4), prediction_id(1, 5, 3, 4));
        assert_ne!(prediction_id(1, 2, 3, 4), prediction_id(9, 2, 3, 4));
    }

    mod fuzz {
        use proptest::prelude::*;

        use super::*;

        /// Update bodies of every kind the bot handles, as Telegram sends them.
        fn seeds() -> Vec<Vec<u8>> {
            let size = |id: &str, s: u32, w: u32| serde_json::json!({"file_id": id, "file_unique_id": id, "file_size": s, "width": w, "height": w});
            [
                serde_json::json!({"text": "/start@polybot"}),
                serde_json::json!({"photo": [size("a", 1000, 90), size("b", 90_000, 800)], "caption": "hi"}),
                serde_json::json!({"document": {"file_id": "d", "file_unique_id": "d", "file_size": 5, "mime_type": "image/png"}}),
                serde_json::json!({"sticker": {"file_id": "s", "file_unique_id": "u", "type": "regular",
                    "width": 512, "height": 512, "is_animated": false, "is_video": false}}),
            ]
            .into_iter()
            .map(|extra| message_json(extra, "private"))
            .chain([message_json(
                with_photo(json!({"caption": "@polybot_test_bot /detect", "reply_to_message": replying_to(BOT_ID, true)["reply_to_message"]})),
                "supergroup",
            )])
            .map(|update| update.to_string().into_bytes())
            .collect()
        }

        #[test]
        fn every_seed_is_an_update_with_an_intent() {
            for seed in seeds() {
                let update: Update = serde_json::from_slice(&seed).expect("an update");
                assert_ne!(intent(&update, &bot()), Intent::Ignore, "{}", String::from_utf8_lossy(&seed));
            }
        }

        /// JSON made of the words updates use, nested a few levels.
        fn json() -> impl Strategy<Value = serde_json::Value> {
            let word = prop_oneof![
                Just("update_id"),
                Just("message"),
                Just("message_id"),
                Just("chat"),
                Just("id"),
                Just("type"),
                Just("private"),
                Just("group"),
                Just("text"),
                Just("photo"),
                Just("document"),
                Just("file_id"),
                Just("file_unique_id"),
                Just("file_size"),
                Just("mime_type"),
                Just("width"),
                Just("height"),
                Just("date"),
                Just("from"),
                Just("caption"),
                Just("reply_to_message"),
                Just("is_bot"),
                Just("supergroup"),
                Just("@polybot_test_bot"),
                Just("/detect"),
                Just("edited_message"),
            ];
            let leaf = prop_oneof![
                any::<i64>().prop_map(serde_json::Value::from),
                any::<u32>().prop_map(serde_json::Value::from),
                any::<bool>().prop_map(serde_json::Value::from),
                word.clone().prop_map(serde_json::Value::from),
                Just(serde_json::Value::Null),
            ];
            leaf.prop_recursive(4, 64, 6, move |inner| {
                prop_oneof![
                    proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                    proptest::collection::btree_map(word.clone().prop_map(str::to_owned), inner, 0..6)
                        .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
                ]
            })
        }

        /// Whatever parses as an update is read to an intent without a panic.
        fn read(bytes: &[u8]) {
            if let Ok(update) = serde_json::from_slice::<Update>(bytes) {
                let _ = intent(&update, &bot());
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn mutated_updates_never_panic(
                seed in 0..5usize,
                edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0..3u8), 1..8),
            ) {
                let bytes = common::testing::mutated(seeds()[seed].clone(), &edits);
                read(&bytes);
            }

            #[test]
            fn updates_of_any_shape_never_panic(update_id in any::<u32>(), message in json()) {
                read(serde_json::json!({"update_id": update_id, "message": message}).to_string().as_bytes());
            }
        }
    }
}
