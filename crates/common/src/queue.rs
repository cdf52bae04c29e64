//! The job queue: at-least-once delivery with visibility timeouts, as SQS gives it.

use std::time::{Duration, SystemTime};

use async_trait::async_trait;

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

/// A queue of message bodies: SQS in production, `MemoryJobQueue` in tests (the `testing` feature).
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

#[cfg(any(test, feature = "testing"))]
mod memory;
#[cfg(any(test, feature = "testing"))]
pub use memory::MemoryJobQueue;
