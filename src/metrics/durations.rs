//! Durations of a set of leads (response times, speed to lead) kept as a
//! count per distinct number of seconds: percentiles are exact, and memory
//! follows the spread of the durations, not the number of leads (CRM
//! timestamps are whole minutes, so a few thousand entries at most).

use std::borrow::Cow;

/// The fewest durations waiting before they are folded into the runs.
const PENDING: usize = 256;

/// The durations as runs of (seconds, count), ascending, plus recent
/// additions not yet folded in. Adding, and merging a small set into a
/// large one (what the parallel reading does for every block), are
/// pushes; the pending ones are sorted in once they are a quarter as many
/// as the runs, so each costs a constant and a logarithm, amortized.
/// Counts are `u32` (8-byte entries keep memory low); a count that would
/// pass `u32::MAX` stays there.
#[derive(Debug, Clone, Default)]
pub struct Durations {
    runs: Vec<(u32, u32)>,
    pending: Vec<(u32, u32)>,
    len: u64,
}

impl PartialEq for Durations {
    fn eq(&self, other: &Durations) -> bool {
        self.len == other.len && self.all_runs() == other.all_runs()
    }
}

impl Durations {
    pub fn add(&mut self, seconds: i64) {
        let seconds = u32::try_from(seconds.max(0)).unwrap_or(u32::MAX);
        self.pending.push((seconds, 1));
        self.len += 1;
        self.fold_when_due();
    }

    pub fn merge(&mut self, other: &Durations) {
        self.pending.extend_from_slice(&other.runs);
        self.pending.extend_from_slice(&other.pending);
        self.len += other.len;
        self.fold_when_due();
    }

    fn fold_when_due(&mut self) {
        if self.pending.len() >= (self.runs.len() / 4).max(PENDING) {
            self.fold_pending();
        }
    }

    fn fold_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let fresh = runs_of(&mut self.pending);
        self.pending.clear();
        self.runs = merge_runs(&self.runs, &fresh);
    }

    /// Every duration as runs, pending ones included.
    fn all_runs(&self) -> Cow<'_, [(u32, u32)]> {
        if self.pending.is_empty() {
            Cow::Borrowed(&self.runs)
        } else {
            let mut pending = self.pending.clone();
            Cow::Owned(merge_runs(&self.runs, &runs_of(&mut pending)))
        }
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The nearest-rank percentile in seconds: the smallest value with at
    /// least `percent` % of the values at or below it. `None` when empty.
    pub fn percentile(&self, percent: u8) -> Option<u32> {
        if self.len == 0 {
            return None;
        }
        // rank = ceil(percent / 100 × n), at least 1; integers keep it exact.
        let rank = (u64::from(percent.min(100)) * self.len)
            .div_ceil(100)
            .max(1);
        let mut seen = 0;
        for &(seconds, count) in self.all_runs().iter() {
            seen += u64::from(count);
            if seen >= rank {
                return Some(seconds);
            }
        }
        None
    }

    /// How many durations are at most `seconds`.
    pub fn at_most(&self, seconds: u32) -> u64 {
        self.all_runs()
            .iter()
            .take_while(|(value, _)| *value <= seconds)
            .map(|&(_, count)| u64::from(count))
            .sum()
    }
}

/// Sorts `values` and sums the counts of each distinct one.
fn runs_of(values: &mut [(u32, u32)]) -> Vec<(u32, u32)> {
    values.sort_unstable_by_key(|&(value, _)| value);
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &(value, count) in values.iter() {
        match runs.last_mut() {
            Some((last, total)) if *last == value => *total = total.saturating_add(count),
            _ => runs.push((value, count)),
        }
    }
    runs
}

/// Two ascending run lists as one.
fn merge_runs(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        if x.0 < y.0 {
            merged.push(x);
            i += 1;
        } else if y.0 < x.0 {
            merged.push(y);
            j += 1;
        } else {
            merged.push((x.0, x.1.saturating_add(y.1)));
            i += 1;
            j += 1;
        }
    }
    merged.extend_from_slice(a.get(i..).unwrap_or_default());
    merged.extend_from_slice(b.get(j..).unwrap_or_default());
    merged
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut durations = Durations::default();
        for seconds in [600, 60, 1200, 1800, 36_000] {
            durations.add(seconds);
        }
        assert_eq!(durations.percentile(50), Some(1200));
        assert_eq!(durations.percentile(90), Some(36_000));
        assert_eq!(durations.percentile(20), Some(60));
        assert_eq!(durations.percentile(21), Some(600));
        let mut even = Durations::default();
        even.add(60);
        even.add(120);
        assert_eq!(even.percentile(50), Some(60), "no interpolation");
        assert_eq!(Durations::default().percentile(50), None);
        assert_eq!(durations.at_most(1200), 3);
    }

    proptest! {
        /// Against the definition on a sorted list.
        #[test]
        fn percentile_matches_sorted_oracle(
            values in proptest::collection::vec(0i64..5000, 1..700),
            percent in 1u8..=100,
        ) {
            let mut durations = Durations::default();
            let mut half = Durations::default();
            for (index, &value) in values.iter().enumerate() {
                if index % 2 == 0 { durations.add(value) } else { half.add(value) }
            }
            durations.merge(&half);
            let mut sorted = values.clone();
            sorted.sort_unstable();
            let n = sorted.len();
            let oracle = sorted
                .iter()
                .copied()
                .find(|&v| sorted.iter().filter(|&&w| w <= v).count() * 100 >= usize::from(percent) * n);
            prop_assert_eq!(durations.percentile(percent).map(i64::from), oracle);
            prop_assert_eq!(durations.len(), n as u64);
            prop_assert_eq!(durations.at_most(2500) as usize, sorted.iter().filter(|&&v| v <= 2500).count());
        }
    }
}
