//! Timing on a noisy machine: the best of a few calls, and each figure paired with its reference in every round.

use std::time::{Duration, Instant};

/// The best of `iterations` calls of `f` (the least disturbed run).
pub(crate) fn time(iterations: usize, mut f: impl FnMut()) -> Duration {
    (0..iterations.max(1))
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// [`time`] of `f` on each item, averaged over the items: what an item of the set costs. (The best of
/// `iterations` calls over items taken in turn would be the cheapest item's.)
pub(crate) fn time_each<T>(iterations: usize, items: &[T], mut f: impl FnMut(&T)) -> Duration {
    let total: Duration = items.iter().map(|item| time(iterations, || f(item))).sum();
    total / u32::try_from(items.len().max(1)).unwrap_or(u32::MAX)
}

/// A figure and its reference, per photo, measured one beside the other in each round, so that each ratio
/// compares the same seconds of a machine whose speed drifts within minutes (as the 2-core machine this
/// project is developed on does: docs/capacity.md).
#[derive(Debug, Default)]
pub(crate) struct Paired(Vec<(Duration, Duration)>);

/// The round whose ratio is the median, and the range of the ratios.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct MedianRound {
    pub(crate) figure: Duration,
    pub(crate) reference: Duration,
    /// Figure over reference.
    pub(crate) ratio: f64,
    pub(crate) lowest: f64,
    pub(crate) highest: f64,
}

impl Paired {
    pub(crate) fn push(&mut self, figure: Duration, reference: Duration) {
        self.0.push((figure, reference));
    }

    pub(crate) fn median(&self) -> Option<MedianRound> {
        let ratio =
            |(figure, reference): &(Duration, Duration)| figure.as_secs_f64() / reference.as_secs_f64();
        let mut rounds = self.0.clone();
        rounds.sort_by(|a, b| ratio(a).total_cmp(&ratio(b)));
        let median @ (figure, reference) = *rounds.get(rounds.len() / 2)?;
        Some(MedianRound {
            figure,
            reference,
            ratio: ratio(&median),
            lowest: ratio(rounds.first()?),
            highest: ratio(rounds.last()?),
        })
    }

    /// `what`, the median round's figure per photo and its ratio to the reference, `against`, with the
    /// reference's time in that round and the range of the ratios.
    pub(crate) fn print(&self, what: &str, against: &str) {
        let Some(round) = self.median() else { return };
        println!(
            "{what:<38}{:8.1} ms/img   {:.2}× {against} ({:.1} ms; {:.2}–{:.2}×)",
            ms(round.figure),
            round.ratio,
            ms(round.reference),
            round.lowest,
            round.highest
        );
    }
}

pub(crate) fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{Paired, time_each};
    #[test]
    fn time_each_is_the_mean_of_each_items_best_not_the_cheapest_items() {
        let naps = [Duration::from_millis(2), Duration::from_millis(10)];
        let took = time_each(3, &naps, |nap| std::thread::sleep(*nap));
        // A sleep never ends early: each item's best is at least its nap, so their mean is at least 6 ms,
        // where the best of calls over the items taken in turn would be about the 2 ms item's.
        assert!(took >= Duration::from_millis(6), "{took:?}");
    }

    #[test]
    fn paired_rounds_give_the_median_rounds_ratio_and_the_range() {
        let ms = Duration::from_millis;
        let mut paired = Paired::default();
        assert_eq!(paired.median(), None);
        for (figure, reference) in [(30, 10), (12, 10), (40, 20)] {
            paired.push(ms(figure), ms(reference));
        }
        let median = paired.median().expect("three rounds");
        assert_eq!((median.figure, median.reference), (ms(40), ms(20)));
        assert!((median.ratio - 2.0).abs() < 1e-9 && (median.lowest - 1.2).abs() < 1e-9);
        assert!((median.highest - 3.0).abs() < 1e-9, "{median:?}");
    }
}
