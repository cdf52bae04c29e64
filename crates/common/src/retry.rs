//! The workspace's one retry policy: exponential backoff with jitter (backon's), retrying only errors
//! that a later attempt can fix ([`Transient`]) and waiting as long as the other side asks when it says
//! (a 429's `Retry-After`).
//!
//! Every loop that calls something again after a failure goes through [`Backoff::retry`]: the Bot API
//! client, the polling loop, the worker's receive loop and its callback to the bot. The AWS SDK keeps its
//! own standard retry mode ([`crate::aws`]), which follows the same rule inside each call.

use std::{fmt::Display, future::Future, time::Duration};

use backon::{ExponentialBuilder, Retryable};

/// What a retry needs to know of an error.
pub trait Transient {
    /// Whether a later attempt may succeed. Refusals, bad input and ambiguous sends are final.
    fn is_transient(&self) -> bool;

    /// How long the other side asked to wait before the next attempt, when it said.
    fn retry_after(&self) -> Option<Duration> {
        None
    }
}

/// How patiently to retry: waits of `first`, then twice the last, up to `max`, each with a random
/// extra of up to itself, so that many callers failing together do not retry together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// The wait after the first failure.
    pub first: Duration,
    /// The longest wait.
    pub max: Duration,
    /// Attempts after the first; `None` retries until the call succeeds or fails for good.
    pub retries: Option<usize>,
}

impl Backoff {
    /// Retries up to `retries` times.
    pub const fn new(first: Duration, max: Duration, retries: usize) -> Self {
        Self { first, max, retries: Some(retries) }
    }

    /// Retries until the call succeeds or fails for good.
    pub const fn forever(first: Duration, max: Duration) -> Self {
        Self { first, max, retries: None }
    }

    /// Runs `attempt` until it succeeds, fails for good, or the retries run out; each retry is logged
    /// with `call` naming what is retried. Returns the last result.
    pub async fn retry<T, E, F, Fut>(self, call: &'static str, attempt: F) -> Result<T, E>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: Transient + Display,
    {
        let mut builder =
            ExponentialBuilder::default().with_min_delay(self.first).with_max_delay(self.max).with_jitter();
        builder = match self.retries {
            Some(retries) => builder.with_max_times(retries),
            None => builder.without_max_times(),
        };
        attempt
            .retry(builder)
            .when(E::is_transient)
            // A wait the other side asked for replaces ours; none is left when the retries ran out.
            .adjust(|error, wait| wait.map(|wait| error.retry_after().unwrap_or(wait)))
            .notify(|error, wait| {
                tracing::warn!(message = "Call failed; retrying.", call, %error, ?wait);
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[derive(Debug)]
    enum Failure {
        Busy,
        SlowDown(Duration),
        Refused,
    }

    impl Display for Failure {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{self:?}")
        }
    }

    impl Transient for Failure {
        fn is_transient(&self) -> bool {
            !matches!(self, Self::Refused)
        }

        fn retry_after(&self) -> Option<Duration> {
            match self {
                Self::SlowDown(wait) => Some(*wait),
                _ => None,
            }
        }
    }

    const QUICK: Backoff = Backoff::new(Duration::from_millis(1), Duration::from_millis(4), 3);

    #[tokio::test]
    async fn transient_failures_are_retried_until_success() {
        let calls = AtomicU32::new(0);
        let result = QUICK
            .retry("test", || async {
                match calls.fetch_add(1, Ordering::SeqCst) {
                    0 | 1 => Err(Failure::Busy),
                    n => Ok(n),
                }
            })
            .await;
        assert_eq!(result.expect("third attempt succeeds"), 2);
    }

    #[tokio::test]
    async fn final_failures_are_not_retried_and_retries_run_out() {
        let calls = AtomicU32::new(0);
        let refused: Result<(), _> = QUICK
            .retry("test", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(Failure::Refused)
            })
            .await;
        assert!(matches!(refused, Err(Failure::Refused)));
        assert_eq!(calls.swap(0, Ordering::SeqCst), 1);

        let busy: Result<(), _> = QUICK
            .retry("test", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(Failure::Busy)
            })
            .await;
        assert!(matches!(busy, Err(Failure::Busy)));
        assert_eq!(calls.load(Ordering::SeqCst), 4, "the first attempt and 3 retries");
    }

    #[tokio::test(start_paused = true)]
    async fn the_wait_the_other_side_asks_for_is_kept() {
        let calls = AtomicU32::new(0);
        let started = tokio::time::Instant::now();
        let result = QUICK
            .retry("test", || async {
                match calls.fetch_add(1, Ordering::SeqCst) {
                    0 => Err(Failure::SlowDown(Duration::from_secs(7))),
                    _ => Ok(()),
                }
            })
            .await;
        assert!(result.is_ok());
        assert!(started.elapsed() >= Duration::from_secs(7), "waited {:?}", started.elapsed());
    }
}
