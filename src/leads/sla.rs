//! SLA performance per owner, tier and source: counts of assigned leads by
//! outcome, and response times on the SLA clock. Each block of a file
//! keeps its own groups, merged as blocks finish, so reading stays parallel.
//! Response times are kept as a count per distinct number of seconds: the
//! percentiles are exact, and memory follows the spread of response times,
//! not the number of leads.

use std::collections::{BTreeMap, HashMap};

use super::evaluate::SlaOutcome;

/// The outcome counts and response times of a set of assigned leads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SlaStats {
    pub assigned: u64,
    pub within_sla: u64,
    pub touched_late: u64,
    /// Untouched, open and past the deadline.
    pub open_overdue: u64,
    /// No first touch at all, whatever the status (open overdue leads
    /// included).
    pub never_touched: u64,
    /// Response times of touched leads, in seconds on the SLA clock: how
    /// many leads took each.
    responses: BTreeMap<u32, u64>,
}

impl SlaStats {
    pub fn add(&mut self, outcome: SlaOutcome) {
        self.assigned += 1;
        match outcome {
            SlaOutcome::OnTime { response } => {
                self.within_sla += 1;
                *self.responses.entry(clamp(response)).or_default() += 1;
            }
            SlaOutcome::Late { response } => {
                self.touched_late += 1;
                *self.responses.entry(clamp(response)).or_default() += 1;
            }
            SlaOutcome::Overdue => {
                self.open_overdue += 1;
                self.never_touched += 1;
            }
            SlaOutcome::Waiting | SlaOutcome::ClosedUntouched => self.never_touched += 1,
        }
    }

    pub fn merge(&mut self, other: &SlaStats) {
        self.assigned += other.assigned;
        self.within_sla += other.within_sla;
        self.touched_late += other.touched_late;
        self.open_overdue += other.open_overdue;
        self.never_touched += other.never_touched;
        for (&seconds, &count) in &other.responses {
            *self.responses.entry(seconds).or_default() += count;
        }
    }

    /// A percentile (0 to 1) of the response times in minutes, linearly
    /// interpolated between neighbours as spreadsheets' `PERCENTILE` and
    /// `MEDIAN` do; `None` without touched leads.
    pub fn percentile(&self, share: f64) -> Option<f64> {
        let touched = self.within_sla + self.touched_late;
        let last = touched.checked_sub(1)?;
        let rank = share.clamp(0.0, 1.0) * last as f64;
        let below = rank.floor() as u64;
        let low = f64::from(self.nth(below)?);
        let high = f64::from(self.nth((below + 1).min(last))?);
        Some((low + (high - low) * (rank - below as f64)) / 60.0)
    }

    /// The response time at a 0-based position in ascending order.
    fn nth(&self, position: u64) -> Option<u32> {
        let mut seen = 0;
        for (&seconds, &count) in &self.responses {
            seen += count;
            if position < seen {
                return Some(seconds);
            }
        }
        None
    }
}

fn clamp(seconds: i64) -> u32 {
    u32::try_from(seconds.max(0)).unwrap_or(u32::MAX)
}

/// One group's key: owner, tier, source.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey {
    pub owner: String,
    pub tier: String,
    pub source: String,
}

/// Stats per group, keyed by the raw cells so that a row allocates only
/// when it opens a new group.
#[derive(Debug, Default)]
pub struct Groups {
    groups: HashMap<Box<[u8]>, SlaStats>,
    scratch: Vec<u8>,
}

impl Groups {
    pub fn add(&mut self, owner: &[u8], tier: &str, source: &[u8], outcome: SlaOutcome) {
        self.scratch.clear();
        for part in [owner, tier.as_bytes(), source] {
            self.scratch.extend_from_slice(part);
            self.scratch.push(0);
        }
        match self.groups.get_mut(self.scratch.as_slice()) {
            Some(stats) => stats.add(outcome),
            None => {
                let mut stats = SlaStats::default();
                stats.add(outcome);
                self.groups
                    .insert(self.scratch.clone().into_boxed_slice(), stats);
            }
        }
    }

    /// Adds another block's groups to these.
    pub fn absorb(&mut self, other: Groups) {
        for (key, stats) in other.groups {
            match self.groups.get_mut(&key) {
                Some(mine) => mine.merge(&stats),
                None => {
                    self.groups.insert(key, stats);
                }
            }
        }
    }

    /// The groups sorted by owner, tier and source, and the total over all
    /// of them.
    pub fn finish(self) -> (Vec<(GroupKey, SlaStats)>, SlaStats) {
        let mut total = SlaStats::default();
        let mut rows: Vec<(GroupKey, SlaStats)> = self
            .groups
            .into_iter()
            .map(|(key, stats)| {
                total.merge(&stats);
                let mut parts = key
                    .split(|&b| b == 0)
                    .map(|part| String::from_utf8_lossy(part).into_owned());
                let mut next = || parts.next().unwrap_or_default();
                let key = GroupKey {
                    owner: next(),
                    tier: next(),
                    source: next(),
                };
                (key, stats)
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        (rows, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_outcomes_and_interpolates_percentiles() {
        let mut stats = SlaStats::default();
        for response in [600, 60, 1200, 1800] {
            stats.add(SlaOutcome::OnTime { response });
        }
        stats.add(SlaOutcome::Late { response: 36_000 });
        stats.add(SlaOutcome::Overdue);
        stats.add(SlaOutcome::Waiting);
        stats.add(SlaOutcome::ClosedUntouched);
        assert_eq!(
            (
                stats.assigned,
                stats.within_sla,
                stats.touched_late,
                stats.open_overdue,
                stats.never_touched
            ),
            (8, 4, 1, 1, 3)
        );
        // Minutes 1, 10, 20, 30, 600: the median is the middle one; p90 is
        // 60% of the way from 30 to 600.
        assert_eq!(stats.percentile(0.5), Some(20.0));
        let p90 = stats.percentile(0.9).unwrap();
        assert!((p90 - 372.0).abs() < 1e-9, "{p90}");
        assert_eq!(SlaStats::default().percentile(0.5), None);
        let mut even = SlaStats::default();
        even.add(SlaOutcome::OnTime { response: 60 });
        even.add(SlaOutcome::OnTime { response: 120 });
        assert_eq!(even.percentile(0.5), Some(1.5));
    }

    #[test]
    fn groups_merge_across_blocks() {
        let mut first = Groups::default();
        first.add(
            b"dana",
            "A",
            b"webinar",
            SlaOutcome::OnTime { response: 60 },
        );
        first.add(b"luis", "B", b"event", SlaOutcome::Overdue);
        let mut second = Groups::default();
        second.add(
            b"dana",
            "A",
            b"webinar",
            SlaOutcome::Late { response: 7200 },
        );
        first.absorb(second);
        let (rows, total) = first.finish();
        let keys: Vec<(&str, u64)> = rows
            .iter()
            .map(|(key, stats)| (key.owner.as_str(), stats.assigned))
            .collect();
        assert_eq!(keys, [("dana", 2), ("luis", 1)]);
        assert_eq!(rows[0].0.source, "webinar");
        assert_eq!(total.assigned, 3);
        assert_eq!(total.percentile(1.0), Some(120.0));
    }
}
