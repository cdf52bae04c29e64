//! What a photo's sender can expect: the waits of the answers of the last minute.
//!
//! When the workers fall behind (a burst of photos, a worker group still scaling out), photos are still
//! taken, and a sender is better told the wait than left wondering: once the answers of the last minute
//! waited longer than `SLOW_ANSWER_SECONDS` (their median, from the photo taken to its answer sent), a photo
//! is acknowledged with the wait in words instead of a reaction (`Words::expect_to_wait`). Each bot sees the answers it sends (behind
//! the load balancer, about its share of them): a fair sample of what every user waits.

use std::{
    collections::VecDeque,
    sync::{Mutex, PoisonError},
    time::{Duration, Instant},
};

/// How far back the answers count.
pub const WINDOW: Duration = Duration::from_secs(60);
/// Answers kept at most (a few thousand a minute is far beyond one bot's share of 30 photos a second).
const MAX_KEPT: usize = 4096;

/// The end-to-end waits of the last [`WINDOW`]'s answers.
#[derive(Debug, Default)]
pub struct RecentWaits {
    answers: Mutex<VecDeque<(Instant, f64)>>,
}

impl RecentWaits {
    /// An answer sent at `now` after its photo waited `seconds`.
    pub fn record(&self, now: Instant, seconds: f64) {
        let mut answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        if answers.len() == MAX_KEPT {
            answers.pop_front();
        }
        answers.push_back((now, seconds));
    }

    /// The median wait of the answers of the [`WINDOW`] before `now`; `None` when there were none.
    pub fn typical(&self, now: Instant) -> Option<f64> {
        let mut answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        while answers.front().is_some_and(|(at, _)| now.saturating_duration_since(*at) > WINDOW) {
            answers.pop_front();
        }
        let mut waits: Vec<f64> = answers.iter().map(|(_, seconds)| *seconds).collect();
        waits.sort_by(f64::total_cmp);
        waits.get(waits.len() / 2).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typical_wait_is_the_median_of_the_last_minute() {
        let (waits, start) = (RecentWaits::default(), Instant::now());
        assert_eq!(waits.typical(start), None);
        for (after, seconds) in [(0, 100.0), (10, 3.0), (20, 5.0), (30, 4.0)] {
            waits.record(start + Duration::from_secs(after), seconds);
        }
        assert_eq!(waits.typical(start + Duration::from_secs(30)), Some(5.0), "3, 4, 5, 100");
        assert_eq!(
            waits.typical(start + Duration::from_secs(65)),
            Some(4.0),
            "the 100 s answer is over a minute old"
        );
        assert_eq!(waits.typical(start + Duration::from_secs(200)), None);
    }
}
