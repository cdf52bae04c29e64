//! The prediction table: one item per prediction, written once by the worker, marked once by the bot.

use std::{
    collections::HashMap,
    sync::{Mutex, PoisonError},
};

use async_trait::async_trait;
use uuid::Uuid;

use crate::schema::Prediction;

/// Why a table call failed.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// No prediction has this id.
    #[error("prediction {prediction_id} not found")]
    NotFound {
        /// The prediction asked for.
        prediction_id: Uuid,
    },
    /// The stored item is not a prediction this build can read.
    #[error("prediction {prediction_id} is malformed in the table: {message}")]
    Malformed {
        /// The prediction asked for.
        prediction_id: Uuid,
        /// What did not fit the schema.
        message: String,
    },
    /// The table refused the call or could not be reached.
    #[error("table call {operation} for prediction {prediction_id} failed: {message}")]
    Backend {
        /// The call, e.g. `PutItem`.
        operation: &'static str,
        /// The prediction of the call.
        prediction_id: Uuid,
        /// What the table said, with its context.
        message: String,
    },
}

/// What [`PredictionTable::put_if_absent`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Put {
    /// The prediction was stored.
    Inserted,
    /// A prediction with this id was already stored; it was left as it was.
    AlreadyExists,
}

/// What [`PredictionTable::mark_notified`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// The prediction is now marked notified, by this call.
    Marked,
    /// An earlier call had marked it.
    AlreadyNotified,
}

/// Predictions by id: DynamoDB in production, [`MemoryPredictionTable`] in tests.
#[async_trait]
pub trait PredictionTable: Send + Sync + 'static {
    /// Stores the prediction unless one with its id exists.
    async fn put_if_absent(&self, prediction: &Prediction) -> Result<Put, TableError>;

    /// The prediction with this id, if any.
    async fn get(&self, prediction_id: Uuid) -> Result<Option<Prediction>, TableError>;

    /// Sets `notified_at` unless it is set: of concurrent callers exactly one gets [`Mark::Marked`].
    async fn mark_notified(&self, prediction_id: Uuid, at: f64) -> Result<Mark, TableError>;
}

/// A [`PredictionTable`] in memory, for tests.
#[derive(Debug, Default)]
pub struct MemoryPredictionTable {
    items: Mutex<HashMap<Uuid, Prediction>>,
}

impl MemoryPredictionTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every prediction, in no order.
    pub fn all(&self) -> Vec<Prediction> {
        self.lock().values().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Prediction>> {
        self.items.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl PredictionTable for MemoryPredictionTable {
    async fn put_if_absent(&self, prediction: &Prediction) -> Result<Put, TableError> {
        let mut items = self.lock();
        if items.contains_key(&prediction.prediction_id) {
            return Ok(Put::AlreadyExists);
        }
        items.insert(prediction.prediction_id, prediction.clone());
        Ok(Put::Inserted)
    }

    async fn get(&self, prediction_id: Uuid) -> Result<Option<Prediction>, TableError> {
        Ok(self.lock().get(&prediction_id).cloned())
    }

    async fn mark_notified(&self, prediction_id: Uuid, at: f64) -> Result<Mark, TableError> {
        let mut items = self.lock();
        let item = items.get_mut(&prediction_id).ok_or(TableError::NotFound { prediction_id })?;
        if item.notified_at.is_some() {
            return Ok(Mark::AlreadyNotified);
        }
        item.notified_at = Some(at);
        Ok(Mark::Marked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Job;

    #[tokio::test]
    async fn memory_table_puts_once_and_marks_once() {
        let table = MemoryPredictionTable::new();
        let job = Job::new(Uuid::new_v4(), 1, 2, "jpg");
        let prediction = Prediction::failed(&job, "m", "r");
        assert_eq!(table.put_if_absent(&prediction).await.expect("put"), Put::Inserted);
        assert_eq!(table.put_if_absent(&prediction).await.expect("put"), Put::AlreadyExists);
        assert_eq!(table.mark_notified(job.prediction_id, 1.5).await.expect("mark"), Mark::Marked);
        assert_eq!(table.mark_notified(job.prediction_id, 2.5).await.expect("mark"), Mark::AlreadyNotified);
        let stored = table.get(job.prediction_id).await.expect("get").expect("present");
        assert_eq!(stored.notified_at, Some(1.5));
        let missing = Uuid::new_v4();
        assert!(matches!(
            table.mark_notified(missing, 1.0).await,
            Err(TableError::NotFound { prediction_id }) if prediction_id == missing
        ));
    }
}
