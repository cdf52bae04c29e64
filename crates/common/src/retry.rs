//! The workspace's one retry policy: exponential backoff with jitter (backon's), retrying only errors
//! that a later attempt can fix ([`Transient`]) and waiting as long as the other side asks when it says
//! (a 429's `Retry-After`).
//!
//! Every loop that calls something again after a failure waits as a [`Backoff`] says: the Bot API client,
//! the worker's receive loop and its callback to the bot through [`Backoff::retry`], the polling loop, which
//! also waits after rounds that went wrong, through [`Backoff::waits`]. The AWS SDK keeps its
//! own standard retry mode ([`crate::aws`]), which follows the same rule inside each call.

use std::{fmt::Display, future::Future, time::Duration};

use backon::{BackoffBuilder, ExponentialBuilder, Retryable};

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

    /// This policy's waits one after another, for a loop that paces itself rather than retrying one call:
    /// it takes the next wait after each failure and starts again after a success.
    pub fn waits(self) -> impl Iterator<Item = Duration> + Send {
        self.builder().build()
    }

    fn builder(self) -> ExponentialBuilder {
        let builder =
            ExponentialBuilder::default().with_min_delay(self.first).with_max_delay(self.max).with_jitter();
        match self.retries {
            Some(retries) => builder.with_max_times(retries),
            None => builder.without_max_times(),
        }
    }

    /// Runs `attempt` until it succeeds, fails for good, or the retries run out; each retry is logged
    /// with `call` naming what is retried. Returns the last result.
    pub async fn retry<T, E, F, Fut>(self, call: &'static str, attempt: F) -> Result<T, E>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: Transient + Display,
    {
        attempt
            .retry(self.builder())
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

    #[test]
    fn a_loop_s_waits_double_from_the_first_to_the_max_each_with_its_jitter() {
        let ms = Duration::from_millis;
        let waits: Vec<_> = Backoff::forever(ms(100), ms(800)).waits().take(8).collect();
        assert_eq!(waits.len(), 8, "forever never runs out");
        for (i, wait) in waits.iter().enumerate() {
            let base = (ms(100) * 2u32.pow(u32::try_from(i).expect("small"))).min(ms(800));
            assert!(*wait >= base && *wait <= base * 2, "wait {i}: {wait:?}, base {base:?}");
        }
        assert_eq!(Backoff::new(ms(1), ms(2), 3).waits().count(), 3, "as many as the retries");
    }
}
