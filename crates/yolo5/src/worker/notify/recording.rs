//! A [`Notifier`](super::Notifier) for tests: compiled only with the `testing` feature, never into the worker.

use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use uuid::Uuid;

use super::{Notifier, NotifyError};

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
            return Err(NotifyError::Unavailable { prediction_id, status: 503, retry_after: None });
        }
        state.0.push(prediction_id);
        Ok(())
    }
}
