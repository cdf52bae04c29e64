//! A [`JobQueue`](super::JobQueue) in memory, for tests: compiled only with the `testing` feature,
//! never into a service.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, SystemTime},
};

use async_trait::async_trait;
use tokio::{sync::Notify, time::Instant};
use uuid::Uuid;

use super::*;

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
        // With an earlier delivery's receipt, SQS answers success and "the message might not be deleted"; moto
        // deletes it, and so does the fake (the contract suite holds them to it), so that tests meet the harder
        // case: a late delete that takes a message from under its newer delivery.
        self.lock().messages.retain(|m| m.id != receipt.message_id);
        self.changed.notify_waiters();
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
