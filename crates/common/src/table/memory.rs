//! A [`PredictionTable`](super::PredictionTable) in memory, for tests: compiled only with the `testing` feature,
//! never into a service.

use std::{
    collections::HashMap,
    sync::{Mutex, PoisonError},
};

use async_trait::async_trait;
use uuid::Uuid;

use crate::schema::Prediction;

use super::*;

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
