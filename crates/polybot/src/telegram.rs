//! The Bot API client: teloxide-core's [`Bot`] behind its [`Throttle`] adaptor, which keeps within
//! Telegram's per-chat and global limits and waits out 429 `retry_after`; this module adds retries of
//! server and network errors, size-bounded downloads, and replies that fall back from photo to document.

use std::{fmt, time::Duration};

use bytes::Bytes;
use futures::{StreamExt, future::BoxFuture};
use reqwest::Url;
use secrecy::{ExposeSecret, SecretString};
pub use teloxide_core::adaptors::throttle::Limits;
use teloxide_core::{
    ApiError, Bot, RequestError,
    adaptors::Throttle,
    net::Download,
    payloads::{SendDocumentSetters, SendMessageSetters, SendPhotoSetters},
    prelude::Requester,
    requests::{HasPayload, Request},
    types::{ChatId, FileId, InputFile, MessageId, ReplyParameters},
};

/// Bots may download files up to 20 MB through the Bot API.
pub const MAX_DOWNLOAD_BYTES: u32 = 20 * 1024 * 1024;
/// The longest one attempt may take, throttle queue included; a longer one is abandoned and retried.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
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
    /// An attempt took longer than its timeout (Telegram or the throttle's queue stalled).
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
    /// Whether trying again later may succeed: network trouble and Telegram's server errors.
    /// Refusals (`Bad Request`, `Forbidden`: a blocked bot, a deleted chat) are final.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Request(
                RequestError::Network(_) | RequestError::InvalidJson { .. } | RequestError::Io(_),
            ) => true,
            Self::Request(RequestError::RetryAfter(_)) => true,
            Self::Request(RequestError::Api(ApiError::Unknown(description))) => !is_refusal(description),
            Self::Request(_) | Self::TooLarge { .. } => false,
            Self::Download(_) | Self::Timeout(_) => true,
        }
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

/// How often and how patiently to retry transient failures.
#[derive(Clone, Copy, Debug)]
pub struct Retry {
    /// Tries in all, at least 1.
    pub attempts: u32,
    /// The wait after the first failure; it doubles after each.
    pub first_backoff: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Self { attempts: 4, first_backoff: Duration::from_millis(500) }
    }
}

/// The bot's Bot API client. Cheap to clone; it never shows the token (not even in `Debug`).
#[derive(Clone)]
pub struct Telegram {
    bot: Throttle<Bot>,
    raw: Bot,
    bot_id: u64,
    retry: Retry,
}

impl fmt::Debug for Telegram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Telegram")
            .field("bot_id", &self.bot_id)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Telegram {
    /// A client for `api_url` keeping within `limits` (Telegram's are [`Limits::default`]); spawns the
    /// throttle's worker task.
    pub fn new(token: &SecretString, api_url: Url, retry: Retry, limits: Limits) -> Self {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            // getUpdates long-polls for 30 s; uploads of a few MB take a while on slow links.
            .timeout(Duration::from_secs(60))
            .build()
            .expect("a client without custom TLS settings always builds");
        let raw = Bot::with_client(token.expose_secret(), client).set_api_url(api_url);
        let bot = Throttle::new_spawn(raw.clone(), limits);
        Self { bot, raw, bot_id: crate::settings::bot_id(token), retry }
    }

    /// The bot's numeric id.
    pub fn bot_id(&self) -> u64 {
        self.bot_id
    }

    /// The throttled requester, for calls this module does not wrap (setWebhook, getUpdates).
    pub fn requester(&self) -> &Throttle<Bot> {
        &self.bot
    }

    async fn with_retries<T>(
        &self,
        what: &'static str,
        mut call: impl FnMut() -> BoxFuture<'static, Result<T, TelegramError>>,
    ) -> Result<T, TelegramError> {
        let mut backoff = self.retry.first_backoff;
        let mut attempt = 1;
        loop {
            let attempt_result = tokio::time::timeout(ATTEMPT_TIMEOUT, call())
                .await
                .unwrap_or(Err(TelegramError::Timeout(ATTEMPT_TIMEOUT)));
            match attempt_result {
                Err(error) if error.is_transient() && attempt < self.retry.attempts => {
                    tracing::warn!(message = "Telegram call failed; retrying.", call = what, attempt, %error);
                    tokio::time::sleep(backoff).await;
                    backoff *= 2;
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    /// Downloads a file by id (getFile, then the file endpoint), refusing files over the 20 MB limit.
    pub async fn download(&self, file_id: &FileId) -> Result<Bytes, TelegramError> {
        let file = self
            .with_retries("getFile", || {
                let request = self.bot.get_file(file_id.clone());
                Box::pin(async move { Ok(request.send().await?) })
            })
            .await?;
        if file.meta.size > MAX_DOWNLOAD_BYTES {
            return Err(TelegramError::TooLarge { size: file.meta.size.into() });
        }
        self.with_retries("download", || {
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
        self.with_retries("sendMessage", || {
            let request = self.bot.send_message(chat, text).reply_parameters(reply_to(to));
            Box::pin(async move { Ok(request.send().await.map(drop)?) })
        })
        .await
    }

    /// Sends a JPEG in reply to a message with `text` as its caption, or as a separate message when the
    /// caption is too long; sends it as a document when Telegram refuses it as a photo.
    pub async fn reply_image(
        &self,
        chat: ChatId,
        to: MessageId,
        jpeg: Bytes,
        file_name: &str,
        text: &str,
    ) -> Result<(), TelegramError> {
        let caption = (text.chars().count() <= MAX_CAPTION_CHARS).then(|| text.to_owned());
        let file = InputFile::memory(jpeg).file_name(file_name.to_owned());
        let sent = self
            .with_retries("sendPhoto", || {
                let mut request = self.bot.send_photo(chat, file.clone()).reply_parameters(reply_to(to));
                request.payload_mut().caption.clone_from(&caption);
                Box::pin(async move { Ok(request.send().await.map(drop)?) })
            })
            .await;
        match sent {
            Err(TelegramError::Request(error)) if photo_rejected(&error) => {
                tracing::info!(message = "Telegram refused the photo; sending it as a document.", %error);
                self.with_retries("sendDocument", || {
                    let mut request =
                        self.bot.send_document(chat, file.clone()).reply_parameters(reply_to(to));
                    request.payload_mut().caption.clone_from(&caption);
                    Box::pin(async move { Ok(request.send().await.map(drop)?) })
                })
                .await?;
            }
            other => other?,
        }
        if caption.is_none() {
            self.reply_text(chat, to, text).await?;
        }
        Ok(())
    }
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
        let telegram = Telegram::new(
            &token,
            Url::parse("http://127.0.0.1:9").expect("url"),
            Retry::default(),
            Limits::default(),
        );
        let debug = format!("{telegram:?}");
        assert!(!debug.contains("AAsecret"), "{debug}");
        assert_eq!(telegram.bot_id(), 42);
    }
}
