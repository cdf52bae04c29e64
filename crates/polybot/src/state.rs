//! What every handler shares: the outside services, the bot's identity, and the runtime that
//! updates and deliveries run on. [`crate::app`] builds it; [`crate::conversation`] and
//! [`crate::results`] use it.

use std::{future::Future, sync::Arc, time::Duration};

use common::{queue::JobQueue, store::ObjectStore, table::PredictionTable};
use metrics_exporter_prometheus::PrometheusHandle;
use secrecy::SecretString;
use tokio::{runtime::Handle, sync::Semaphore, task::JoinHandle};
use tokio_util::task::TaskTracker;

use crate::{
    outbox::Outbox,
    settings::Acknowledge,
    telegram::{Identity, Telegram},
    turns::ChatTurns,
    waits::RecentWaits,
};

/// What every handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The Bot API client.
    pub telegram: Telegram,
    /// Who the bot is (getMe, asked once at start): groups address it by its username.
    pub bot: Identity,
    /// Photos and annotated images.
    pub store: Arc<dyn ObjectStore>,
    /// The job queue.
    pub queue: Arc<dyn JobQueue>,
    /// Predictions.
    pub table: Arc<dyn PredictionTable>,
    pub(crate) results_token: SecretString,
    pub(crate) webhook_secret: Option<SecretString>,
    pub(crate) tasks: TaskTracker,
    /// The runtime the updates and deliveries run on (see [`crate::app::Application`]).
    pub(crate) background: Handle,
    /// Photos being taken at once (replies wait in [`AppState::outbox`], holding nothing).
    pub(crate) in_flight: Arc<Semaphore>,
    /// Each chat's replies waiting for Telegram's per-chat limits.
    pub(crate) outbox: Arc<Outbox>,
    /// Photos a chat may have waiting for their answer; past them it is told to wait.
    pub(crate) max_waiting_photos: usize,
    /// Whose photo is taking its place: one per chat at a time.
    pub(crate) turns: Arc<ChatTurns>,
    /// The waits of the last minute's answers.
    pub(crate) waits: Arc<RecentWaits>,
    /// Past this typical wait, a photo's sender is told the wait.
    pub(crate) slow_answer: Duration,
    /// Bounds the memory photos take: a few photos of up to 20 MB each.
    pub(crate) photos_in_hand: Arc<Semaphore>,
    /// How a queued photo is acknowledged.
    pub(crate) acknowledge: Acknowledge,
    pub(crate) metrics: PrometheusHandle,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("telegram", &self.telegram)
            .field("bot", &self.bot)
            .field("tasks", &self.tasks)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// Runs `task` on the background runtime, tracked: shutdown waits for it.
    pub(crate) fn spawn<F>(&self, task: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.tasks.spawn_on(task, &self.background)
    }
}
