//! The Bot API client: teloxide-core's [`Bot`] behind its [`Throttle`] adaptor, which keeps within
//! Telegram's per-chat and global limits and waits out 429 `retry_after`; this module adds the
//! workspace's retry policy ([`Backoff`]), size-bounded downloads, and replies that fall back from photo
//! to document.
//!
//! What is retried depends on what a repeat could do. Reads (getMe, getFile, downloads, getUpdates)
//! and settings that a repeat leaves as they were (setWebhook, setMyCommands) are retried on every
//! transient failure. A send is retried only when Telegram's answer shows it did nothing
//! (flood control's 429, a connection that never opened): a send whose answer was lost (a timeout, a
//! connection cut after the request went out) or was a server error (a 5xx: Telegram's front end may have
//! passed the request on before its back end failed to answer) may have been carried out, and counts as
//! sent ([`TelegramError::is_ambiguous`]) rather than risk a second message.

use std::{fmt, time::Duration};

use bytes::Bytes;
use common::retry::{Backoff, Transient};
use futures::{FutureExt, StreamExt, future::BoxFuture};
use reqwest::Url;
use secrecy::{ExposeSecret, SecretString};
pub use teloxide_core::adaptors::throttle::Limits;
use teloxide_core::{
    ApiError, Bot, RequestError,
    adaptors::Throttle,
    net::Download,
    payloads::{
        SendDocumentSetters, SendMessageSetters, SendPhotoSetters, SetMessageReactionSetters,
        SetMyCommandsSetters, SetWebhookSetters,
    },
    prelude::Requester,
    requests::{HasPayload, JsonRequest, Payload, Request},
    types::{
        AllowedUpdate, BotCommand, ChatAction, ChatId, FileId, InputFile, MessageId, ReactionType,
        ReplyParameters, Update, UserId,
    },
};

/// Bots may download files up to 20 MB through the Bot API.
pub const MAX_DOWNLOAD_BYTES: u32 = 20 * 1024 * 1024;
/// The longest one read may take; a longer one is abandoned and retried.
const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Telegram's limit on a photo's caption.
pub const MAX_CAPTION_CHARS: usize = 1024;

/// Why a Bot API call failed.
#[derive(Debug, thiserror::Error)]
pub enum TelegramError {
    /// Telegram answered with an error (teloxide removes the token from network errors' URLs).
    #[error(transparent)]
    Request(#[from] RequestError),
    /// A file download failed.
    #[error("file download failed: {0}")]
    Download(String),
    /// A read took longer than its timeout.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// The file is over the 20 MB a bot may download.
    #[error("file of {size} bytes is over the {MAX_DOWNLOAD_BYTES}-byte download limit")]
    TooLarge {
        /// Its size in bytes.
        size: u64,
    },
}

impl TelegramError {
    /// Whether a send that failed so may still have been carried out: the request went out and its
    /// answer was lost (timed out, connection cut, an answer that is not the Bot API's) or was a server
    /// error, which Telegram's front end may answer after its back end carried the send out.
    pub fn is_ambiguous(&self) -> bool {
        match self {
            Self::Request(RequestError::Network(error)) => !error.is_connect(),
            Self::Request(RequestError::InvalidJson { .. }) | Self::Timeout(_) => true,
            Self::Request(RequestError::Api(ApiError::Unknown(description))) => !is_refusal(description),
            _ => false,
        }
    }
}

impl Transient for TelegramError {
    /// Network trouble and Telegram's server errors. Refusals (`Bad Request`, `Forbidden`: a blocked
    /// bot, a deleted chat) are final.
    fn is_transient(&self) -> bool {
        match self {
            Self::Request(
                RequestError::Network(_)
                | RequestError::InvalidJson { .. }
                | RequestError::Io(_)
                | RequestError::RetryAfter(_),
            ) => true,
            Self::Request(RequestError::Api(ApiError::Unknown(description))) => !is_refusal(description),
            Self::Request(_) | Self::TooLarge { .. } => false,
            Self::Download(_) | Self::Timeout(_) => true,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Request(RequestError::RetryAfter(seconds)) => Some(seconds.duration()),
            _ => None,
        }
    }
}

/// A send's failure as its retry sees it: one that may have been carried out is final.
#[derive(Debug)]
struct SendFailed(TelegramError);

impl fmt::Display for SendFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Transient for SendFailed {
    fn is_transient(&self) -> bool {
        self.0.is_transient() && !self.0.is_ambiguous()
    }

    fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after()
    }
}

fn is_refusal(description: &str) -> bool {
    ["Bad Request", "Forbidden", "Unauthorized", "Not Found", "Conflict"]
        .iter()
        .any(|p| description.starts_with(p))
}

/// Whether Telegram refused a photo it would take as a document (size, dimensions, format).
fn photo_rejected(error: &RequestError) -> bool {
    match error {
        RequestError::Api(ApiError::ImageProcessFailed | ApiError::RequestEntityTooLarge) => true,
        RequestError::Api(ApiError::Unknown(description)) => description.contains("PHOTO_"),
        _ => false,
    }
}

/// Who the bot is, as getMe says: groups address it by its username, and replies to it by its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The bot's user id.
    pub id: UserId,
    /// Its username, without the `@` (every bot has one).
    pub username: String,
}

/// How the client paces, bounds and retries its calls.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Telegram's rate limits ([`Limits::default`] are Telegram's own).
    pub limits: Limits,
    /// Retries of what may be retried.
    pub backoff: Backoff,
    /// The longest one HTTP request may take once the throttle lets it go (uploads of a few MB take a
    /// while on slow links); getUpdates long-polls for less than this.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            limits: Limits::default(),
            backoff: Backoff::new(Duration::from_millis(500), Duration::from_secs(8), 3),
            timeout: Duration::from_secs(60),
        }
    }
}

/// getUpdates, with each update left as Telegram wrote it ([`Telegram::updates`] reads it).
#[derive(Clone, Debug, serde::Serialize)]
struct RawUpdates {
    offset: i32,
    timeout: u32,
    allowed_updates: Vec<AllowedUpdate>,
}

impl Payload for RawUpdates {
    type Output = Vec<serde_json::Value>;

    const NAME: &'static str = "GetUpdates";

    fn timeout_hint(&self) -> Option<Duration> {
        Some(Duration::from_secs(self.timeout.into()))
    }
}

/// The bot's Bot API client. Cheap to clone; it never shows the token (not even in `Debug`).
#[derive(Clone)]
pub struct Telegram {
    bot: Throttle<Bot>,
    raw: Bot,
    bot_id: u64,
    options: Options,
}

impl fmt::Debug for Telegram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Telegram")
            .field("bot_id", &self.bot_id)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Telegram {
    /// A client for `api_url`; spawns the throttle's worker task.
    pub fn new(token: &SecretString, api_url: Url, options: Options) -> Self {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(options.timeout)
            .build()
            .expect("a client without custom TLS settings always builds");
        let raw = Bot::with_client(token.expose_secret(), client).set_api_url(api_url);
        let bot = Throttle::new_spawn(raw.clone(), options.limits);
        Self { bot, raw, bot_id: crate::settings::bot_id(token), options }
    }

    /// The bot's numeric id.
    pub fn bot_id(&self) -> u64 {
        self.bot_id
    }

    /// A read (or a call whose repeat changes nothing more): every transient failure is retried.
    async fn read<T>(
        &self,
        call: &'static str,
        mut attempt: impl FnMut() -> BoxFuture<'static, Result<T, TelegramError>>,
    ) -> Result<T, TelegramError> {
        self.options
            .backoff
            .retry(call, || {
                tokio::time::timeout(READ_TIMEOUT, attempt())
                    .map(|result| result.unwrap_or(Err(TelegramError::Timeout(READ_TIMEOUT))))
            })
            .await
    }

    /// A send: retried only when Telegram's answer shows it did nothing. It is never abandoned while it
    /// waits in the throttle, where it may wait out Telegram's flood control.
    async fn send(
        &self,
        call: &'static str,
        mut attempt: impl FnMut() -> BoxFuture<'static, Result<(), TelegramError>>,
    ) -> Result<(), TelegramError> {
        self.options
            .backoff
            .retry(call, || attempt().map(|result| result.map_err(SendFailed)))
            .await
            .map_err(|SendFailed(error)| error)
    }

    /// Registers the webhook: `url` with `secret`, the updates the bot wants, and an optional
    /// self-signed certificate.
    pub async fn set_webhook(
        &self,
        url: &Url,
        secret: &SecretString,
        certificate: Option<&std::path::Path>,
        max_connections: u8,
        allowed: &[AllowedUpdate],
    ) -> Result<(), TelegramError> {
        self.read("setWebhook", || {
            let mut request = self
                .raw
                .set_webhook(url.clone())
                .secret_token(secret.expose_secret())
                .allowed_updates(allowed.to_vec())
                .max_connections(max_connections);
            if let Some(path) = certificate {
                request = request.certificate(InputFile::file(path.to_owned()));
            }
            Box::pin(async move { Ok(request.send().await.map(drop)?) })
        })
        .await
    }

    /// Who the bot is (getMe).
    pub async fn identity(&self) -> Result<Identity, TelegramError> {
        let me = self
            .read("getMe", || {
                let request = self.raw.get_me();
                Box::pin(async move { Ok(request.send().await?) })
            })
            .await?;
        Ok(Identity { id: me.user.id, username: me.user.username.clone().unwrap_or_default() })
    }

    /// Registers the bot's commands (`name`, `description`), which Telegram's apps offer as the user
    /// types `/` (setMyCommands).
    pub async fn set_commands(
        &self,
        commands: &[(&str, String)],
        language_code: Option<&str>,
    ) -> Result<(), TelegramError> {
        let commands: Vec<_> = commands.iter().map(|(name, about)| BotCommand::new(*name, about)).collect();
        self.read("setMyCommands", || {
            let mut request = self.raw.set_my_commands(commands.clone());
            if let Some(code) = language_code {
                request = request.language_code(code);
            }
            Box::pin(async move { Ok(request.send().await.map(drop)?) })
        })
        .await
    }

    /// Drops the webhook, for polling. Not retried: the polling loop decides.
    pub async fn delete_webhook(&self) -> Result<(), TelegramError> {
        Ok(self.raw.delete_webhook().send().await.map(drop)?)
    }

    /// One getUpdates long poll from `offset`: what arrived within about 25 s (less when the client's
    /// timeout is shorter). Not retried: the polling loop decides.
    pub async fn updates(
        &self,
        offset: i32,
        allowed: &[AllowedUpdate],
    ) -> Result<Vec<Update>, TelegramError> {
        let seconds = self.options.timeout.as_secs().saturating_sub(5).clamp(1, 25) as u32;
        let request = JsonRequest::new(
            self.raw.clone(),
            RawUpdates { offset, timeout: seconds, allowed_updates: allowed.to_vec() },
        );
        let updates = request.send().await?;
        // Each read as the webhook reads its body, past what teloxide cannot read.
        let read = updates.iter().filter_map(|update| match crate::update::read(update.to_string().as_bytes()) {
            Ok(update) => Some(update),
            Err(error) => {
                metrics::counter!("polybot_updates_malformed_total").increment(1);
                tracing::warn!(message = "getUpdates returned something that is not an update; skipped.", %error);
                None
            }
        });
        Ok(read.collect())
    }

    /// Downloads a file by id (getFile, then the file endpoint), refusing files over the 20 MB limit.
    pub async fn download(&self, file_id: &FileId) -> Result<Bytes, TelegramError> {
        let file = self
            .read("getFile", || {
                let request = self.raw.get_file(file_id.clone());
                Box::pin(async move { Ok(request.send().await?) })
            })
            .await?;
        if file.meta.size > MAX_DOWNLOAD_BYTES {
            return Err(TelegramError::TooLarge { size: file.meta.size.into() });
        }
        self.read("download", || {
            let mut stream = self.raw.download_file_stream(&file.path);
            Box::pin(async move {
                let mut body = Vec::with_capacity(file.meta.size as usize);
                while let Some(chunk) = stream.next().await {
                    let chunk =
                        chunk.map_err(|error| TelegramError::Download(error.without_url().to_string()))?;
                    body.extend_from_slice(&chunk);
                    if body.len() > MAX_DOWNLOAD_BYTES as usize {
                        return Err(TelegramError::TooLarge { size: body.len() as u64 });
                    }
                }
                Ok(Bytes::from(body))
            })
        })
        .await
    }

    /// Sends `text` in reply to a message (or on its own if that message is gone).
    pub async fn reply_text(&self, chat: ChatId, to: MessageId, text: &str) -> Result<(), TelegramError> {
        self.send("sendMessage", || {
            let request = self.bot.send_message(chat, text).reply_parameters(reply_to(to));
            Box::pin(async move { Ok(request.send().await.map(drop)?) })
        })
        .await
    }

    /// Acknowledges a message without a message: `emoji` as a reaction on it, and the "sending photo"
    /// chat action in its chat. Both are best effort (a chat may not allow reactions): neither is
    /// retried, and the first failure is returned for the log.
    pub async fn acknowledge(&self, chat: ChatId, to: MessageId, emoji: &str) -> Result<(), TelegramError> {
        let reaction = ReactionType::Emoji { emoji: emoji.to_owned() };
        let reacted = self.raw.set_message_reaction(chat, to).reaction(vec![reaction]).send().await;
        let acting = self.raw.send_chat_action(chat, ChatAction::UploadPhoto).send().await;
        reacted.and(acting).map(drop).map_err(TelegramError::from)
    }

    /// Sends a JPEG in reply to a message, with `text` as its caption (cut to Telegram's 1024
    /// characters): one message, so it is sent whole or not at all. Sent as a document when Telegram
    /// refuses it as a photo.
    pub async fn reply_image(
        &self,
        chat: ChatId,
        to: MessageId,
        jpeg: Bytes,
        file_name: &str,
        text: &str,
    ) -> Result<(), TelegramError> {
        let caption = Some(caption(text));
        let file = InputFile::memory(jpeg).file_name(file_name.to_owned());
        let sent = self
            .send("sendPhoto", || {
                let mut request = self.bot.send_photo(chat, file.clone()).reply_parameters(reply_to(to));
                request.payload_mut().caption.clone_from(&caption);
                Box::pin(async move { Ok(request.send().await.map(drop)?) })
            })
            .await;
        match sent {
            Err(TelegramError::Request(error)) if photo_rejected(&error) => {
                tracing::info!(message = "Telegram refused the photo; sending it as a document.", %error);
                self.send("sendDocument", || {
                    let mut request =
                        self.bot.send_document(chat, file.clone()).reply_parameters(reply_to(to));
                    request.payload_mut().caption.clone_from(&caption);
                    Box::pin(async move { Ok(request.send().await.map(drop)?) })
                })
                .await
            }
            other => other,
        }
    }
}

/// `text` cut to a caption's [`MAX_CAPTION_CHARS`], ending in "…" when cut.
pub fn caption(text: &str) -> String {
    if text.chars().count() <= MAX_CAPTION_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(MAX_CAPTION_CHARS - 1).collect();
    cut.push('…');
    cut
}

fn reply_to(message: MessageId) -> ReplyParameters {
    ReplyParameters { allow_sending_without_reply: Some(true), ..ReplyParameters::new(message) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_final_and_server_trouble_is_transient() {
        let api = |d: &str| TelegramError::Request(RequestError::Api(ApiError::Unknown(d.to_owned())));
        assert!(api("Internal Server Error").is_transient());
        assert!(api("Bad Gateway").is_transient());
        assert!(!api("Forbidden: bot was blocked by the user").is_transient());
        assert!(!api("Bad Request: chat not found").is_transient());
        assert!(!TelegramError::Request(RequestError::Api(ApiError::BotBlocked)).is_transient());
        assert!(!TelegramError::TooLarge { size: 1 }.is_transient());
    }

    #[test]
    fn a_send_is_retried_only_when_telegram_did_nothing() {
        let flood = || {
            TelegramError::Request(RequestError::RetryAfter(teloxide_core::types::Seconds::from_seconds(1)))
        };
        assert!(!flood().is_ambiguous());
        assert!(SendFailed(flood()).is_transient(), "flood control: nothing was sent");
        let refused = TelegramError::Request(RequestError::Api(ApiError::Unknown(
            "Bad Request: chat not found".into(),
        )));
        assert!(
            !refused.is_ambiguous() && !SendFailed(refused).is_transient(),
            "a refusal: nothing sent, nothing to retry"
        );
        for server_error in ["Bad Gateway", "Internal Server Error", "Gateway Timeout"] {
            let error = TelegramError::Request(RequestError::Api(ApiError::Unknown(server_error.into())));
            assert!(error.is_transient(), "{server_error}: a read may try again");
            assert!(error.is_ambiguous(), "{server_error}: a send may have been carried out");
            assert!(!SendFailed(error).is_transient(), "{server_error}: a send is not repeated");
        }
        let garbled = serde_json::from_str::<u8>("<html>").expect_err("not JSON");
        let garbled = TelegramError::Request(RequestError::InvalidJson {
            source: garbled.into(),
            raw: "<html>".into(),
        });
        assert!(garbled.is_transient() && garbled.is_ambiguous());
        assert!(!SendFailed(garbled).is_transient(), "an answer that is not the Bot API's may follow a send");
    }

    #[test]
    fn captions_are_cut_to_telegrams_limit() {
        assert_eq!(caption("I found 1 object: 1 × dog"), "I found 1 object: 1 × dog");
        let long = "ö".repeat(MAX_CAPTION_CHARS + 10);
        let cut = caption(&long);
        assert_eq!(cut.chars().count(), MAX_CAPTION_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(
            caption(&long[..2 * MAX_CAPTION_CHARS]),
            long[..2 * MAX_CAPTION_CHARS],
            "exactly the limit"
        );
    }

    #[test]
    fn photo_refusals_fall_back_to_documents() {
        let api = |d: &str| RequestError::Api(ApiError::Unknown(d.to_owned()));
        assert!(photo_rejected(&api("Bad Request: PHOTO_INVALID_DIMENSIONS")));
        assert!(photo_rejected(&RequestError::Api(ApiError::ImageProcessFailed)));
        assert!(!photo_rejected(&api("Bad Request: chat not found")));
    }

    #[test]
    fn debug_never_shows_the_token() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let _guard = runtime.enter();
        let token = SecretString::from("42:AAsecretsecretsecretsecretsecret".to_owned());
        let telegram =
            Telegram::new(&token, Url::parse("http://127.0.0.1:9").expect("url"), Options::default());
        let debug = format!("{telegram:?}");
        assert!(!debug.contains("AAsecret"), "{debug}");
        assert_eq!(telegram.bot_id(), 42);
    }
}
