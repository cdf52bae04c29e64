//! The prediction table: one item per prediction, written once by the worker, marked once by the bot.
//!
//! The bot tells the user under a fenced lease: [`PredictionTable::claim_notification`] lets one owner
//! at a time send the reply (the same owner claiming again renews its lease, so a sender keeps it for as
//! long as Telegram takes), [`PredictionTable::mark_notified`] records that it was sent, and
//! [`PredictionTable::release_notification`] hands the owner's claim back when sending failed, never
//! another owner's. A bot that dies while holding a claim loses it when the lease runs out, and the
//! worker's next callback sends again.
//!
//! The table also counts each chat's photos waiting for their answer, so that no chat can queue more than a few
//! ahead of everyone else, however many bots take its updates: [`PredictionTable::admit`] holds a place for a
//! photo unless its chat has `cap` already, and [`PredictionTable::answered`] gives it back. A place held for
//! longer than [`WAITING_EXPIRES_AFTER`] no longer counts (its answer is not coming: a job in the dead-letter queue).

use std::time::Duration;

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

impl crate::retry::Transient for TableError {
    /// The table's refusals and outages may pass; a missing or malformed prediction will not.
    fn is_transient(&self) -> bool {
        matches!(self, Self::Backend { .. })
    }
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

/// What [`PredictionTable::claim_notification`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// This caller holds the claim until the lease runs out: it sends, then marks or releases.
    Claimed,
    /// The user was told already.
    AlreadyNotified,
    /// Another caller holds an unexpired claim.
    Busy,
}

/// What [`PredictionTable::admit`] decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// The photo holds a place among its chat's waiting photos (or held one already: a re-sent update).
    Admitted,
    /// The chat has this many photos waiting, as many as it may: the photo was not admitted.
    Full {
        /// The chat's photos waiting for their answer.
        waiting: usize,
    },
}

/// How long a photo counts as waiting at most: one not answered by then is not going to be (its job is in the
/// dead-letter queue), and must not keep its chat's place.
pub const WAITING_EXPIRES_AFTER: Duration = Duration::from_secs(3600);

/// Predictions by id: DynamoDB in production, `MemoryPredictionTable` in tests (the `testing` feature).
#[async_trait]
pub trait PredictionTable: Send + Sync + 'static {
    /// Stores the prediction unless one with its id exists.
    async fn put_if_absent(&self, prediction: &Prediction) -> Result<Put, TableError>;

    /// The prediction with this id, if any.
    async fn get(&self, prediction_id: Uuid) -> Result<Option<Prediction>, TableError>;

    /// Sets `notified_at` unless it is set, and drops any claim: of concurrent callers exactly one gets
    /// [`Mark::Marked`].
    async fn mark_notified(&self, prediction_id: Uuid, at: f64) -> Result<Mark, TableError>;

    /// Claims for `owner` the right to tell the user until `lease_until` (seconds since the Unix epoch),
    /// unless the user was told or another owner's claim is unexpired at `now`. An owner claiming again
    /// renews its lease (and a claim retried after its answer was lost finds itself, not a rival).
    async fn claim_notification(
        &self,
        prediction_id: Uuid,
        owner: Uuid,
        now: f64,
        lease_until: f64,
    ) -> Result<Claim, TableError>;

    /// Drops `owner`'s claim, so the next caller may send; a claim another owner holds stays.
    async fn release_notification(&self, prediction_id: Uuid, owner: Uuid) -> Result<(), TableError>;

    /// Holds a place for photo `prediction_id` among chat `chat_id`'s photos waiting for their answer, unless
    /// `cap` photos wait already (places older than [`WAITING_EXPIRES_AFTER`] at `now` do not count). A photo
    /// admitted before is admitted again: a re-sent update is not refused for its own place.
    async fn admit(
        &self,
        chat_id: i64,
        prediction_id: Uuid,
        cap: usize,
        now: f64,
    ) -> Result<Admission, TableError>;

    /// Gives photo `prediction_id`'s place back: it was answered, or never queued. Nothing if it held none.
    async fn answered(&self, chat_id: i64, prediction_id: Uuid) -> Result<(), TableError>;
}

#[cfg(any(test, feature = "testing"))]
mod memory;
#[cfg(any(test, feature = "testing"))]
pub use memory::MemoryPredictionTable;
