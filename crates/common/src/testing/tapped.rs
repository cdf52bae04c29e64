//! A prediction table a test can watch, slow down or fail, call by call: [`Tapped`].

use std::{future::Future, sync::Arc};

use async_trait::async_trait;
use uuid::Uuid;

use crate::{
    schema::Prediction,
    table::{Admission, Claim, Mark, PredictionTable, Put, TableError},
};

/// A call to the prediction table, as a [`Tap`] sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableCall {
    /// [`PredictionTable::put_if_absent`].
    Put,
    /// [`PredictionTable::get`].
    Get,
    /// [`PredictionTable::mark_notified`].
    Mark,
    /// [`PredictionTable::claim_notification`].
    Claim,
    /// [`PredictionTable::release_notification`].
    Release,
    /// [`PredictionTable::admit`], for a photo of `chat`.
    Admit {
        /// The photo's chat.
        chat: i64,
    },
    /// [`PredictionTable::answered`], for a photo of `chat`.
    Answered {
        /// The photo's chat.
        chat: i64,
    },
}

/// What a test puts in front of a table.
#[async_trait]
pub trait Tap: Send + Sync + 'static {
    /// Sees `call` about `prediction_id` before the table does; an error is the call's answer, and the table
    /// never sees it.
    async fn before(&self, call: TableCall, prediction_id: Uuid) -> Result<(), TableError> {
        let _ = (call, prediction_id);
        Ok(())
    }

    /// Sees `call` once the table has answered it.
    async fn after(&self, call: TableCall) {
        let _ = call;
    }
}

/// A table whose every call goes through `tap` on its way to `table`.
pub struct Tapped<T> {
    table: Arc<dyn PredictionTable>,
    tap: T,
}

impl<T> std::fmt::Debug for Tapped<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tapped").finish_non_exhaustive()
    }
}

impl<T: Tap> Tapped<T> {
    /// `table`, watched by `tap`.
    pub fn new(table: Arc<dyn PredictionTable>, tap: T) -> Self {
        Self { table, tap }
    }

    /// What watches the calls.
    pub fn tap(&self) -> &T {
        &self.tap
    }

    /// `answer` (the table's call, not yet started) unless the tap answers first.
    async fn through<R>(
        &self,
        call: TableCall,
        prediction_id: Uuid,
        answer: impl Future<Output = Result<R, TableError>> + Send,
    ) -> Result<R, TableError> {
        self.tap.before(call, prediction_id).await?;
        let answered = answer.await;
        self.tap.after(call).await;
        answered
    }
}

#[async_trait]
impl<T: Tap> PredictionTable for Tapped<T> {
    async fn put_if_absent(&self, prediction: &Prediction) -> Result<Put, TableError> {
        self.through(TableCall::Put, prediction.prediction_id, self.table.put_if_absent(prediction)).await
    }

    async fn get(&self, prediction_id: Uuid) -> Result<Option<Prediction>, TableError> {
        self.through(TableCall::Get, prediction_id, self.table.get(prediction_id)).await
    }

    async fn mark_notified(&self, prediction_id: Uuid, at: f64) -> Result<Mark, TableError> {
        self.through(TableCall::Mark, prediction_id, self.table.mark_notified(prediction_id, at)).await
    }

    async fn claim_notification(
        &self,
        prediction_id: Uuid,
        owner: Uuid,
        now: f64,
        lease_until: f64,
    ) -> Result<Claim, TableError> {
        let claim = self.table.claim_notification(prediction_id, owner, now, lease_until);
        self.through(TableCall::Claim, prediction_id, claim).await
    }

    async fn release_notification(&self, prediction_id: Uuid, owner: Uuid) -> Result<(), TableError> {
        let release = self.table.release_notification(prediction_id, owner);
        self.through(TableCall::Release, prediction_id, release).await
    }

    async fn admit(
        &self,
        chat_id: i64,
        prediction_id: Uuid,
        cap: usize,
        now: f64,
    ) -> Result<Admission, TableError> {
        let admit = self.table.admit(chat_id, prediction_id, cap, now);
        self.through(TableCall::Admit { chat: chat_id }, prediction_id, admit).await
    }

    async fn answered(&self, chat_id: i64, prediction_id: Uuid) -> Result<(), TableError> {
        let answered = self.table.answered(chat_id, prediction_id);
        self.through(TableCall::Answered { chat: chat_id }, prediction_id, answered).await
    }
}
