//! Telling the bot that a prediction is ready: `POST {POLYBOT_URL}/results` with the prediction's id
//! ([`ResultsQuery`]).
//!
//! The bot's answer says what to do: 2xx is done; 409 (another call is telling the user right now) and
//! 429 and 5xx may pass, so they are retried (a 429's `Retry-After` is waited out); 400, 401 (a wrong
//! `RESULTS_TOKEN`), 403 and 404 (a bot reading another table) cannot pass by repeating, so they are not.

use std::time::Duration;

use async_trait::async_trait;
use common::{
    retry::{Backoff, Transient},
    schema::{RESULTS_PATH, RESULTS_TOKEN_HEADER, ResultsQuery},
};
use reqwest::{StatusCode, header::RETRY_AFTER};
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

/// Why the bot was not told.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The bot answered with a status that repeating cannot change (400, 401, 403, 404).
    #[error("the bot refused the callback for prediction {prediction_id} with {status}")]
    Refused {
        /// The prediction.
        prediction_id: Uuid,
        /// The HTTP status.
        status: u16,
    },
    /// The bot answered with a status that may pass: 409 (being sent by another call), 429, 5xx.
    #[error("the bot answered {status} to the callback for prediction {prediction_id}")]
    Unavailable {
        /// The prediction.
        prediction_id: Uuid,
        /// The HTTP status.
        status: u16,
        /// How long the bot asked to wait (429's `Retry-After`).
        retry_after: Option<Duration>,
    },
    /// The bot could not be reached.
    #[error("the bot could not be reached for prediction {prediction_id}: {message}")]
    Unreachable {
        /// The prediction.
        prediction_id: Uuid,
        /// The transport error.
        message: String,
    },
}

impl Transient for NotifyError {
    fn is_transient(&self) -> bool {
        !matches!(self, Self::Refused { .. })
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Unavailable { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// Tells the bot a prediction is stored.
#[async_trait]
pub trait Notifier: Send + Sync + 'static {
    /// Returns once the bot acknowledged with 2xx.
    async fn notify(&self, prediction_id: Uuid) -> Result<(), NotifyError>;
}

/// The bot's `/results` route over HTTP, retried by the workspace's policy.
#[derive(Debug)]
pub struct HttpNotifier {
    client: reqwest::Client,
    url: String,
    token: SecretString,
    backoff: Backoff,
}

impl HttpNotifier {
    /// Calls `{base_url}/results` with the token, retrying what may pass as `backoff` says.
    pub fn new(base_url: &str, token: SecretString, backoff: Backoff) -> Self {
        let client = reqwest::Client::builder()
            // The bot may first wait out Telegram's flood control (or its 10 s pause after a 5xx).
            .timeout(Duration::from_secs(30))
            .build()
            .expect("a client without custom TLS settings always builds");
        let url = format!("{}{RESULTS_PATH}", base_url.trim_end_matches('/'));
        Self { client, url, token, backoff }
    }

    async fn call(&self, prediction_id: Uuid) -> Result<(), NotifyError> {
        let response = self
            .client
            .post(&self.url)
            .query(&ResultsQuery::of(prediction_id))
            .header(RESULTS_TOKEN_HEADER, self.token.expose_secret())
            .send()
            .await
            .map_err(|error| NotifyError::Unreachable {
                prediction_id,
                message: error.without_url().to_string(),
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        if status.is_client_error() && !matches!(status, StatusCode::CONFLICT | StatusCode::TOO_MANY_REQUESTS)
        {
            return Err(NotifyError::Refused { prediction_id, status: status.as_u16() });
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok()?.trim().parse().ok())
            .map(Duration::from_secs);
        Err(NotifyError::Unavailable { prediction_id, status: status.as_u16(), retry_after })
    }
}

#[async_trait]
impl Notifier for HttpNotifier {
    async fn notify(&self, prediction_id: Uuid) -> Result<(), NotifyError> {
        self.backoff.retry("POST /results", || self.call(prediction_id)).await
    }
}

#[cfg(any(test, feature = "testing"))]
mod recording;
#[cfg(any(test, feature = "testing"))]
pub use recording::RecordingNotifier;
