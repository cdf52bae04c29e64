//! Telling the bot that a prediction is ready: `POST {POLYBOT_URL}/results?predictionId=…`.

use std::{
    sync::{Mutex, PoisonError},
    time::Duration,
};

use async_trait::async_trait;
use common::schema::{RESULTS_PATH, RESULTS_TOKEN_HEADER};
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

/// Why the bot was not told.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The bot answered, but not with success, on every attempt.
    #[error("the bot answered {status} to the callback for prediction {prediction_id}")]
    Rejected {
        /// The prediction.
        prediction_id: Uuid,
        /// The last HTTP status.
        status: u16,
    },
    /// The bot could not be reached on any attempt.
    #[error("the bot could not be reached for prediction {prediction_id}: {message}")]
    Unreachable {
        /// The prediction.
        prediction_id: Uuid,
        /// The last transport error.
        message: String,
    },
}

/// Tells the bot a prediction is stored.
#[async_trait]
pub trait Notifier: Send + Sync + 'static {
    /// Returns once the bot acknowledged with 2xx.
    async fn notify(&self, prediction_id: Uuid) -> Result<(), NotifyError>;
}

/// The bot's `/results` route over HTTP, retried with exponential backoff.
#[derive(Debug)]
pub struct HttpNotifier {
    client: reqwest::Client,
    url: String,
    token: SecretString,
    attempts: u32,
    first_backoff: Duration,
}

impl HttpNotifier {
    /// Calls `{base_url}/results` with the token; `attempts` tries, backing off from `first_backoff`.
    pub fn new(base_url: &str, token: SecretString, attempts: u32, first_backoff: Duration) -> Self {
        let client = reqwest::Client::builder()
            // The bot may first wait out Telegram's flood control (or its 10 s pause after a 5xx).
            .timeout(Duration::from_secs(30))
            .build()
            .expect("a client without custom TLS settings always builds");
        let url = format!("{}{RESULTS_PATH}", base_url.trim_end_matches('/'));
        Self { client, url, token, attempts: attempts.max(1), first_backoff }
    }
}

#[async_trait]
impl Notifier for HttpNotifier {
    async fn notify(&self, prediction_id: Uuid) -> Result<(), NotifyError> {
        let mut backoff = self.first_backoff;
        let mut last = None;
        for attempt in 1..=self.attempts {
            let response = self
                .client
                .post(format!("{}?predictionId={prediction_id}", self.url))
                .header(RESULTS_TOKEN_HEADER, self.token.expose_secret())
                .send()
                .await;
            let error = match response {
                Ok(response) if response.status().is_success() => return Ok(()),
                Ok(response) => NotifyError::Rejected { prediction_id, status: response.status().as_u16() },
                Err(error) => {
                    NotifyError::Unreachable { prediction_id, message: error.without_url().to_string() }
                }
            };
            tracing::warn!(message = "Callback to the bot failed.", %prediction_id, attempt, %error);
            last = Some(error);
            if attempt < self.attempts {
                tokio::time::sleep(backoff).await;
                backoff *= 2;
            }
        }
        Err(last.expect("at least one attempt"))
    }
}

/// A [`Notifier`] that records calls and can fail the first few, for tests.
#[derive(Debug, Default)]
pub struct RecordingNotifier {
    state: Mutex<(Vec<Uuid>, usize)>,
}

impl RecordingNotifier {
    /// Fails the next `n` calls.
    pub fn fail_next(&self, n: usize) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).1 = n;
    }

    /// The predictions the bot was told about, in order (failed calls excluded).
    pub fn notified(&self) -> Vec<Uuid> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).0.clone()
    }
}

#[async_trait]
impl Notifier for RecordingNotifier {
    async fn notify(&self, prediction_id: Uuid) -> Result<(), NotifyError> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.1 > 0 {
            state.1 -= 1;
            return Err(NotifyError::Rejected { prediction_id, status: 503 });
        }
        state.0.push(prediction_id);
        Ok(())
    }
}
