//! The job queue: at-least-once delivery with visibility timeouts, as SQS gives it.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, SystemTime},
};

use async_trait::async_trait;
use tokio::{sync::Notify, time::Instant};
use uuid::Uuid;

/// Why a queue call failed.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// The receipt belongs to an earlier delivery, or the message is gone.
    #[error("receipt for message {message_id} is no longer valid")]
    StaleReceipt {
        /// The message the receipt was for.
        message_id: String,
    },
    /// The queue refused the call or could not be reached.
    #[error("queue call {operation} failed: {message}")]
    Backend {
        /// The call, e.g. `ReceiveMessage`.
        operation: &'static str,
        /// What the queue said, with its context.
        message: String,
    },
}

impl crate::retry::Transient for QueueError {
    /// A backend failure may pass; a stale receipt never will.
    fn is_transient(&self) -> bool {
        matches!(self, Self::Backend { .. })
    }
}

/// The handle that lets the receiver of one delivery delete the message or change its visibility.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Receipt {
    /// The message's id, stable across deliveries.
    pub message_id: String,
    /// The handle of this delivery.
    pub handle: String,
}

/// One delivery of a message.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    /// Deletes the message or changes its visibility.
    pub receipt: Receipt,
    /// The message body.
    pub body: String,
    /// How many times the message has been delivered, this one included.
    pub receive_count: u32,
    /// When the message was sent.
    pub sent_at: SystemTime,
}

/// How many messages the queue holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueDepth {
    /// Waiting to be received.
    pub visible: u64,
    /// Received and not yet deleted or visible again.
    pub in_flight: u64,
}

/// A queue of message bodies: SQS in production, [`MemoryJobQueue`] in tests.
#[async_trait]
pub trait JobQueue: Send + Sync + 'static {
    /// Sends a message; returns its id.
    async fn send(&self, body: &str) -> Result<String, QueueError>;

    /// Receives up to `max` messages (1..=10), waiting up to `wait` for the first one to arrive.
    /// Each is hidden from other receivers for the queue's visibility timeout.
    async fn receive(&self, max: u8, wait: Duration) -> Result<Vec<Delivery>, QueueError>;

    /// Deletes the message of a delivery. A receipt from an earlier delivery deletes nothing, as in SQS.
    async fn delete(&self, receipt: &Receipt) -> Result<(), QueueError>;

    /// Hides the message for `timeout` from now (zero makes it visible at once).
    async fn set_visibility(&self, receipt: &Receipt, timeout: Duration) -> Result<(), QueueError>;

    /// The approximate number of visible and in-flight messages.
    async fn depth(&self) -> Result<QueueDepth, QueueError>;

    /// The delivery after which the queue moves a message to its dead-letter queue (its redrive
    /// policy's `maxReceiveCount`); `None` when it has none.
    async fn max_receive_count(&self) -> Result<Option<u32>, QueueError>;
}

/// A [`JobQueue`] in memory with SQS's visibility semantics and an optional dead-letter queue, for tests.
#[derive(Debug)]
pub struct MemoryJobQueue {
    state: Mutex<State>,
    changed: Notify,
    visibility_timeout: Duration,
    redrive: Option<(u32, Arc<MemoryJobQueue>)>,
}

#[derive(Debug, Default)]
struct State {
    messages: VecDeque<Message>,
}

#[derive(Debug)]
struct Message {
    id: String,
    body: String,
    sent_at: SystemTime,
    receive_count: u32,
    visible_at: Instant,
    handle: Option<String>,
}

impl MemoryJobQueue {
    /// A queue whose deliveries stay hidden for `visibility_timeout`.
    pub fn new(visibility_timeout: Duration) -> Self {
        Self { state: Mutex::default(), changed: Notify::new(), visibility_timeout, redrive: None }
    }

    /// Moves a message to `dlq` when it would be delivered more than `max_receive_count` times.
    pub fn with_dead_letter_queue(mut self, max_receive_count: u32, dlq: Arc<MemoryJobQueue>) -> Self {
        self.redrive = Some((max_receive_count, dlq));
        self
    }

    /// The bodies of every message still in the queue, visible or not, oldest first.
    pub fn bodies(&self) -> Vec<String> {
        self.lock().messages.iter().map(|m| m.body.clone()).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, body: String, sent_at: SystemTime) -> String {
        let id = Uuid::new_v4().to_string();
        let message = Message {
            id: id.clone(),
            body,
            sent_at,
            receive_count: 0,
            visible_at: Instant::now(),
            handle: None,
        };
        self.lock().messages.push_back(message);
        self.changed.notify_waiters();
        id
    }

    /// Takes up to `max` visible messages; else the instant the next one becomes visible.
    fn take_visible(&self, max: usize) -> Result<Vec<Delivery>, Option<Instant>> {
        let now = Instant::now();
        let mut state = self.lock();
        let mut deliveries = Vec::new();
        let mut dead = Vec::new();
        for message in state.messages.iter_mut().filter(|m| m.visible_at <= now) {
            if deliveries.len() == max {
                break;
            }
            if let Some((max_receive_count, _)) = &self.redrive
                && message.receive_count >= *max_receive_count
            {
                dead.push(message.id.clone());
                continue;
            }
            let handle = Uuid::new_v4().to_string();
            message.receive_count += 1;
            message.visible_at = now + self.visibility_timeout;
            message.handle = Some(handle.clone());
            deliveries.push(Delivery {
                receipt: Receipt { message_id: message.id.clone(), handle },
                body: message.body.clone(),
                receive_count: message.receive_count,
                sent_at: message.sent_at,
            });
        }
        if let Some((_, dlq)) = &self.redrive {
            for id in dead {
                if let Some(at) = state.messages.iter().position(|m| m.id == id)
                    && let Some(message) = state.messages.remove(at)
                {
                    dlq.push(message.body, message.sent_at);
                }
            }
        }
        if deliveries.is_empty() {
            Err(state.messages.iter().map(|m| m.visible_at).min())
        } else {
            Ok(deliveries)
        }
    }

    /// Runs `change` on the message the receipt currently holds.
    fn with_current(
        &self,
        receipt: &Receipt,
        change: impl FnOnce(&mut State, usize),
    ) -> Result<(), QueueError> {
        let mut state = self.lock();
        let at = state
            .messages
            .iter()
            .position(|m| m.id == receipt.message_id && m.handle.as_deref() == Some(&receipt.handle))
            .ok_or_else(|| QueueError::StaleReceipt { message_id: receipt.message_id.clone() })?;
        change(&mut state, at);
        drop(state);
        self.changed.notify_waiters();
        Ok(())
    }
}

#[async_trait]
impl JobQueue for MemoryJobQueue {
    async fn send(&self, body: &str) -> Result<String, QueueError> {
        Ok(self.push(body.to_owned(), SystemTime::now()))
    }

    async fn receive(&self, max: u8, wait: Duration) -> Result<Vec<Delivery>, QueueError> {
        let deadline = Instant::now() + wait;
        loop {
            // Registered before looking, so a send between the look and the wait still wakes us.
            let changed = self.changed.notified();
            let next_visible = match self.take_visible(usize::from(max.clamp(1, 10))) {
                Ok(deliveries) => return Ok(deliveries),
                Err(next_visible) => next_visible,
            };
            let wake_at = next_visible.map_or(deadline, |at| at.min(deadline));
            if Instant::now() >= deadline {
                return Ok(Vec::new());
            }
            tokio::select! {
                () = changed => {}
                () = tokio::time::sleep_until(wake_at) => {}
            }
        }
    }

    async fn delete(&self, receipt: &Receipt) -> Result<(), QueueError> {
        // SQS answers success to a stale receipt and keeps the message; so does the fake.
        let _ = self.with_current(receipt, |state, at| {
            state.messages.remove(at);
        });
        Ok(())
    }

    async fn set_visibility(&self, receipt: &Receipt, timeout: Duration) -> Result<(), QueueError> {
        self.with_current(receipt, |state, at| state.messages[at].visible_at = Instant::now() + timeout)
    }

    async fn depth(&self) -> Result<QueueDepth, QueueError> {
        let now = Instant::now();
        let state = self.lock();
        let visible = state.messages.iter().filter(|m| m.visible_at <= now).count() as u64;
        Ok(QueueDepth { visible, in_flight: state.messages.len() as u64 - visible })
    }

    async fn max_receive_count(&self) -> Result<Option<u32>, QueueError> {
        Ok(self.redrive.as_ref().map(|(count, _)| *count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: Duration = Duration::from_secs(5);

    #[tokio::test]
    async fn a_received_message_is_hidden_until_its_visibility_expires() {
        let queue = MemoryJobQueue::new(Duration::from_millis(50));
        queue.send("job").await.expect("send");
        let first = queue.receive(10, LONG).await.expect("receive");
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].receive_count, 1);
        assert_eq!(queue.depth().await.expect("depth"), QueueDepth { visible: 0, in_flight: 1 });

        let again = queue.receive(10, LONG).await.expect("receive");
        assert_eq!(again[0].body, "job");
        assert_eq!(again[0].receive_count, 2);
        assert_ne!(again[0].receipt.handle, first[0].receipt.handle);
    }

    #[tokio::test]
    async fn only_the_latest_receipt_deletes() {
        let queue = MemoryJobQueue::new(Duration::ZERO);
        queue.send("job").await.expect("send");
        let first = queue.receive(1, LONG).await.expect("receive").remove(0);
        let second = queue.receive(1, LONG).await.expect("receive").remove(0);
        queue.delete(&first.receipt).await.expect("stale delete answers success");
        assert_eq!(queue.bodies(), ["job"]);
        assert!(matches!(
            queue.set_visibility(&first.receipt, LONG).await,
            Err(QueueError::StaleReceipt { .. })
        ));
        queue.delete(&second.receipt).await.expect("delete");
        assert!(queue.bodies().is_empty());
    }

    #[tokio::test]
    async fn a_long_poll_wakes_when_a_message_arrives() {
        let queue = Arc::new(MemoryJobQueue::new(LONG));
        let receiver = tokio::spawn({
            let queue = queue.clone();
            async move { queue.receive(10, Duration::from_secs(30)).await }
        });
        tokio::task::yield_now().await;
        queue.send("late").await.expect("send");
        let got = tokio::time::timeout(LONG, receiver).await.expect("woken").expect("joined").expect("ok");
        assert_eq!(got[0].body, "late");
    }

    #[tokio::test]
    async fn an_empty_long_poll_waits_for_its_time() {
        let queue = MemoryJobQueue::new(LONG);
        let started = Instant::now();
        assert!(queue.receive(10, Duration::from_millis(100)).await.expect("receive").is_empty());
        assert!(started.elapsed() >= Duration::from_millis(100));
    }

    #[tokio::test]
    async fn visibility_zero_releases_at_once() {
        let queue = MemoryJobQueue::new(LONG);
        queue.send("job").await.expect("send");
        let delivery = queue.receive(1, LONG).await.expect("receive").remove(0);
        queue.set_visibility(&delivery.receipt, Duration::ZERO).await.expect("release");
        assert_eq!(queue.receive(1, Duration::ZERO).await.expect("receive")[0].receive_count, 2);
    }

    #[tokio::test]
    async fn redrive_moves_a_message_after_max_receive_count() {
        let dlq = Arc::new(MemoryJobQueue::new(LONG));
        let queue = MemoryJobQueue::new(Duration::ZERO).with_dead_letter_queue(3, dlq.clone());
        queue.send("poison").await.expect("send");
        for count in 1..=3 {
            assert_eq!(queue.receive(1, LONG).await.expect("receive")[0].receive_count, count);
        }
        assert!(queue.receive(1, Duration::ZERO).await.expect("receive").is_empty());
        assert_eq!(dlq.bodies(), ["poison"]);
    }
}
