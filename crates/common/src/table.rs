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

use std::{
    collections::HashMap,
    sync::{Mutex, PoisonError},
    time::Duration,
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

/// Predictions by id: DynamoDB in production, [`MemoryPredictionTable`] in tests.
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

/// A [`PredictionTable`] in memory, for tests.
#[derive(Debug, Default)]
pub struct MemoryPredictionTable {
    items: Mutex<HashMap<Uuid, Item>>,
    /// Each chat's waiting photos, with when each was admitted.
    waiting: Mutex<HashMap<i64, HashMap<Uuid, f64>>>,
}

#[derive(Debug)]
struct Item {
    prediction: Prediction,
    /// The claim's owner and expiry.
    lease: Option<(Uuid, f64)>,
}

impl MemoryPredictionTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every prediction, in no order.
    pub fn all(&self) -> Vec<Prediction> {
        self.lock().values().map(|item| item.prediction.clone()).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Item>> {
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
        items.insert(prediction.prediction_id, Item { prediction: prediction.clone(), lease: None });
        Ok(Put::Inserted)
    }

    async fn get(&self, prediction_id: Uuid) -> Result<Option<Prediction>, TableError> {
        Ok(self.lock().get(&prediction_id).map(|item| item.prediction.clone()))
    }

    async fn mark_notified(&self, prediction_id: Uuid, at: f64) -> Result<Mark, TableError> {
        let mut items = self.lock();
        let item = items.get_mut(&prediction_id).ok_or(TableError::NotFound { prediction_id })?;
        if item.prediction.notified_at.is_some() {
            return Ok(Mark::AlreadyNotified);
        }
        item.prediction.notified_at = Some(at);
        item.lease = None;
        Ok(Mark::Marked)
    }

    async fn claim_notification(
        &self,
        prediction_id: Uuid,
        owner: Uuid,
        now: f64,
        lease_until: f64,
    ) -> Result<Claim, TableError> {
        let mut items = self.lock();
        let item = items.get_mut(&prediction_id).ok_or(TableError::NotFound { prediction_id })?;
        if item.prediction.notified_at.is_some() {
            return Ok(Claim::AlreadyNotified);
        }
        if item.lease.is_some_and(|(holder, until)| holder != owner && until >= now) {
            return Ok(Claim::Busy);
        }
        item.lease = Some((owner, lease_until));
        Ok(Claim::Claimed)
    }

    async fn release_notification(&self, prediction_id: Uuid, owner: Uuid) -> Result<(), TableError> {
        if let Some(item) = self.lock().get_mut(&prediction_id)
            && item.lease.is_some_and(|(holder, _)| holder == owner)
        {
            item.lease = None;
        }
        Ok(())
    }

    async fn admit(
        &self,
        chat_id: i64,
        prediction_id: Uuid,
        cap: usize,
        now: f64,
    ) -> Result<Admission, TableError> {
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        let places = waiting.entry(chat_id).or_default();
        places.retain(|_, admitted| now - *admitted < WAITING_EXPIRES_AFTER.as_secs_f64());
        if places.len() >= cap && !places.contains_key(&prediction_id) {
            return Ok(Admission::Full { waiting: places.len() });
        }
        places.entry(prediction_id).or_insert(now);
        Ok(Admission::Admitted)
    }

    async fn answered(&self, chat_id: i64, prediction_id: Uuid) -> Result<(), TableError> {
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(places) = waiting.get_mut(&chat_id) {
            places.remove(&prediction_id);
            if places.is_empty() {
                waiting.remove(&chat_id);
            }
        }
        Ok(())
    }
}

/// What every [`PredictionTable`] must do, run on each implementation (the memory one here, DynamoDB on moto in
/// `tests/integration`).
#[cfg(feature = "testing")]
pub mod contract {
    use super::*;

    /// What every [`PredictionTable`] must do with waiting photos (also run against DynamoDB on moto):
    /// chat `chat` is assumed to hold no places.
    pub async fn admits_up_to_the_cap_per_chat(table: &dyn PredictionTable, chat: i64) {
        let (other, now) = (chat + 1, 1_000_000.0);
        let photos: Vec<Uuid> = (0..4).map(|_| Uuid::new_v4()).collect();
        for (i, photo) in photos[..3].iter().enumerate() {
            let admitted = table.admit(chat, *photo, 3, now + i as f64).await.expect("admit");
            assert_eq!(admitted, Admission::Admitted, "photo {i}");
        }
        assert_eq!(
            table.admit(chat, photos[3], 3, now).await.expect("admit"),
            Admission::Full { waiting: 3 }
        );
        assert_eq!(
            table.admit(chat, photos[1], 3, now).await.expect("admit"),
            Admission::Admitted,
            "its own place"
        );
        assert_eq!(
            table.admit(other, photos[3], 3, now).await.expect("admit"),
            Admission::Admitted,
            "chats apart"
        );
        table.answered(chat, photos[0]).await.expect("answered");
        table.answered(chat, photos[0]).await.expect("answered twice is nothing");
        table.answered(other + 1, photos[0]).await.expect("a chat without places");
        assert_eq!(table.admit(chat, photos[3], 3, now).await.expect("admit"), Admission::Admitted);
        assert_eq!(
            table.admit(chat, Uuid::new_v4(), 3, now).await.expect("admit"),
            Admission::Full { waiting: 3 }
        );
        // An hour on, the places taken at `now` and `now + 1` count no more.
        let later = now + 1.5 + WAITING_EXPIRES_AFTER.as_secs_f64();
        assert_eq!(table.admit(chat, Uuid::new_v4(), 3, later).await.expect("admit"), Admission::Admitted);
        assert_eq!(table.admit(chat, Uuid::new_v4(), 3, later).await.expect("admit"), Admission::Admitted);
        assert_eq!(
            table.admit(chat, Uuid::new_v4(), 3, later).await.expect("admit"),
            Admission::Full { waiting: 3 }
        );
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
        assert_eq!(
            table.claim_notification(job.prediction_id, Uuid::new_v4(), 3.0, 63.0).await.expect("claim"),
            Claim::AlreadyNotified
        );
        let missing = Uuid::new_v4();
        assert!(matches!(
            table.mark_notified(missing, 1.0).await,
            Err(TableError::NotFound { prediction_id }) if prediction_id == missing
        ));
    }

    #[tokio::test]
    async fn memory_table_admits_up_to_the_cap_per_chat() {
        contract::admits_up_to_the_cap_per_chat(&MemoryPredictionTable::new(), 1).await;
    }

    #[tokio::test]
    async fn memory_table_claims_are_exclusive_until_released_or_expired() {
        let table = MemoryPredictionTable::new();
        let job = Job::new(Uuid::new_v4(), 1, 2, "jpg");
        let id = job.prediction_id;
        let (ann, bob) = (Uuid::new_v4(), Uuid::new_v4());
        table.put_if_absent(&Prediction::failed(&job, "m", "r")).await.expect("put");
        assert_eq!(table.claim_notification(id, ann, 10.0, 70.0).await.expect("claim"), Claim::Claimed);
        assert_eq!(table.claim_notification(id, bob, 20.0, 80.0).await.expect("claim"), Claim::Busy);
        assert_eq!(table.claim_notification(id, ann, 20.0, 80.0).await.expect("renew"), Claim::Claimed);
        table.release_notification(id, bob).await.expect("releasing another's claim does nothing");
        assert_eq!(table.claim_notification(id, bob, 79.0, 139.0).await.expect("claim"), Claim::Busy);
        table.release_notification(id, ann).await.expect("release");
        assert_eq!(table.claim_notification(id, bob, 81.0, 141.0).await.expect("claim"), Claim::Claimed);
        assert_eq!(
            table.claim_notification(id, ann, 142.0, 202.0).await.expect("claim"),
            Claim::Claimed,
            "expired"
        );
        assert_eq!(table.mark_notified(id, 143.0).await.expect("mark"), Mark::Marked);
        assert_eq!(
            table.claim_notification(id, ann, 144.0, 204.0).await.expect("claim"),
            Claim::AlreadyNotified
        );
    }
}
