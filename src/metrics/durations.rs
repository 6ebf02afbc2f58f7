//! Durations of a set of leads (response times, speed to lead) kept as a
//! count per distinct number of seconds: percentiles are exact, and memory
//! follows the spread of the durations, not the number of leads (CRM
//! timestamps are whole minutes, so a few thousand entries at most).

use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Durations {
    counts: BTreeMap<u32, u64>,
    len: u64,
}

impl Durations {
    pub fn add(&mut self, seconds: i64) {
        let seconds = u32::try_from(seconds.max(0)).unwrap_or(u32::MAX);
        *self.counts.entry(seconds).or_default() += 1;
        self.len += 1;
    }

    pub fn merge(&mut self, other: &Durations) {
        for (&seconds, &count) in &other.counts {
            *self.counts.entry(seconds).or_default() += count;
        }
        self.len += other.len;
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
        for (&seconds, &count) in &self.counts {
            seen += count;
            if seen >= rank {
                return Some(seconds);
            }
        }
        None
    }

    /// How many durations are at most `seconds`.
    pub fn at_most(&self, seconds: u32) -> u64 {
        self.counts.range(..=seconds).map(|(_, count)| count).sum()
    }
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
            values in proptest::collection::vec(0i64..5000, 1..60),
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
        }
    }
}
