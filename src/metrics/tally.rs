//! The streaming aggregate behind every metric: counts and duration
//! histograms, added to lead by lead and merged across blocks, periods and
//! groups. Each lead adds to a tally in up to three parts, one per cohort
//! timestamp (`created_at`, `assigned_at`, `closed_at`); `leads sla` adds
//! all parts to one tally, `align report` each part to its own period.

use super::durations::Durations;
use super::lead::{Lead, Stage};
use crate::criteria::Metric;
use crate::leads::evaluate::SlaOutcome;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    // The `created_at` cohort.
    pub created: u64,
    pub mql_or_sql: u64,
    pub sql: u64,
    pub sql_won: u64,
    /// Calendar seconds from creation to the first touch.
    pub speed_to_lead: Durations,
    // The `assigned_at` cohort.
    pub assigned: u64,
    pub within_sla: u64,
    pub touched_late: u64,
    /// Late, but within twice the SLA.
    pub late_within_double: u64,
    /// Untouched, open and past the deadline.
    pub open_overdue: u64,
    /// No first touch, whatever the status (open overdue leads included).
    pub never_touched: u64,
    /// Touched, or past the deadline at the as-of instant.
    pub decided: u64,
    pub decided_never_touched: u64,
    pub unqualified: u64,
    /// SLA-clock seconds from assignment to first touch.
    pub responses: Durations,
    // The `closed_at` cohort.
    pub won_count: u64,
    pub won_amount: f64,
}

/// A metric's value: `None` is "no data" (an empty denominator).
pub type Value = Option<f64>;

impl Tally {
    pub fn add_created(&mut self, lead: &Lead<'_>) {
        self.created += 1;
        match lead.stage {
            Stage::Sql => {
                self.sql += 1;
                self.mql_or_sql += 1;
                self.sql_won += u64::from(lead.won);
            }
            Stage::Mql => self.mql_or_sql += 1,
            Stage::None => {}
        }
        if let Some(seconds) = lead.speed_to_lead() {
            self.speed_to_lead.add(seconds);
        }
    }

    /// Adds an assigned lead; others add nothing.
    pub fn add_assigned(&mut self, lead: &Lead<'_>) {
        let Some(assignment) = &lead.assignment else {
            return;
        };
        self.assigned += 1;
        self.unqualified += u64::from(assignment.unqualified);
        self.decided += u64::from(assignment.decided);
        match assignment.outcome {
            SlaOutcome::OnTime { response } => {
                self.within_sla += 1;
                self.responses.add(response);
            }
            SlaOutcome::Late { response } => {
                self.touched_late += 1;
                self.late_within_double += u64::from(response <= 2 * assignment.sla_seconds);
                self.responses.add(response);
            }
            SlaOutcome::Overdue | SlaOutcome::Waiting | SlaOutcome::ClosedUntouched => {
                self.never_touched += 1;
                self.open_overdue += u64::from(assignment.outcome == SlaOutcome::Overdue);
                self.decided_never_touched += u64::from(assignment.decided);
            }
        }
    }

    /// Adds a won lead; others add nothing.
    pub fn add_closed(&mut self, lead: &Lead<'_>) {
        if lead.won {
            self.won_count += 1;
            self.won_amount += lead.amount;
        }
    }

    /// Every part of a lead, in one tally.
    pub fn add(&mut self, lead: &Lead<'_>) {
        self.add_created(lead);
        self.add_assigned(lead);
        self.add_closed(lead);
    }

    pub fn merge(&mut self, other: &Tally) {
        self.created += other.created;
        self.mql_or_sql += other.mql_or_sql;
        self.sql += other.sql;
        self.sql_won += other.sql_won;
        self.speed_to_lead.merge(&other.speed_to_lead);
        self.assigned += other.assigned;
        self.within_sla += other.within_sla;
        self.touched_late += other.touched_late;
        self.late_within_double += other.late_within_double;
        self.open_overdue += other.open_overdue;
        self.never_touched += other.never_touched;
        self.decided += other.decided;
        self.decided_never_touched += other.decided_never_touched;
        self.unqualified += other.unqualified;
        self.responses.merge(&other.responses);
        self.won_count += other.won_count;
        self.won_amount += other.won_amount;
    }

    /// A metric of the SPEC, exactly as its table defines it.
    pub fn metric(&self, metric: Metric) -> Value {
        let count = |n: u64| Some(n as f64);
        let hours = |seconds: Option<u32>| seconds.map(|s| f64::from(s) / 3600.0);
        match metric {
            Metric::LeadsCreated => count(self.created),
            Metric::LeadsAssigned => count(self.assigned),
            Metric::FirstTouchWithinSlaRate => rate(self.within_sla, self.decided),
            Metric::MedianFirstTouchHours => hours(self.responses.percentile(50)),
            Metric::P90FirstTouchHours => hours(self.responses.percentile(90)),
            Metric::NeverTouchedRate => rate(self.decided_never_touched, self.decided),
            Metric::UnqualifiedHandoffRate => rate(self.unqualified, self.assigned),
            Metric::MqlToSqlRate => rate(self.sql, self.mql_or_sql),
            Metric::SqlToWonRate => rate(self.sql_won, self.sql),
            Metric::WonCount => count(self.won_count),
            Metric::WonAmount => Some(self.won_amount),
        }
    }

    /// The median speed to lead in calendar hours.
    pub fn median_speed_to_lead_hours(&self) -> Value {
        self.speed_to_lead
            .percentile(50)
            .map(|s| f64::from(s) / 3600.0)
    }

    /// Decided first touches by SLA band: within the SLA, up to twice the
    /// SLA, later, never.
    pub fn sla_bands(&self) -> [u64; 4] {
        [
            self.within_sla,
            self.late_within_double,
            self.touched_late - self.late_within_double,
            self.decided_never_touched,
        ]
    }
}

/// `part / whole`; `None` when `whole` is 0.
pub fn rate(part: u64, whole: u64) -> Value {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::metrics::lead::Assignment;

    fn assigned(outcome: SlaOutcome, decided: bool, unqualified: bool) -> Lead<'static> {
        Lead {
            created: None,
            assignment: Some(Assignment {
                at: Timestamp::UNIX_EPOCH,
                tier: "A",
                sla_seconds: 3600,
                outcome,
                decided,
                unqualified,
            }),
            first_touch: None,
            closed: None,
            stage: Stage::None,
            won: false,
            amount: 0.0,
        }
    }

    #[test]
    fn sla_rates_count_decided_leads_only() {
        let mut tally = Tally::default();
        for lead in [
            assigned(SlaOutcome::OnTime { response: 600 }, true, false),
            assigned(SlaOutcome::Late { response: 7200 }, true, false),
            assigned(SlaOutcome::Late { response: 7201 }, true, true),
            assigned(SlaOutcome::Overdue, true, false),
            assigned(SlaOutcome::ClosedUntouched, true, false),
            assigned(SlaOutcome::ClosedUntouched, false, false),
            assigned(SlaOutcome::Waiting, false, false),
        ] {
            tally.add(&lead);
        }
        assert_eq!(tally.assigned, 7);
        assert_eq!(tally.decided, 5);
        assert_eq!(tally.metric(Metric::FirstTouchWithinSlaRate), Some(0.2));
        assert_eq!(tally.metric(Metric::NeverTouchedRate), Some(0.4));
        assert_eq!(
            tally.metric(Metric::UnqualifiedHandoffRate),
            Some(1.0 / 7.0)
        );
        assert_eq!(
            tally.sla_bands(),
            [1, 1, 1, 2],
            "7200 s is exactly twice the SLA"
        );
        assert_eq!(tally.never_touched, 4);
        assert_eq!(tally.open_overdue, 1);
        assert_eq!(tally.metric(Metric::MedianFirstTouchHours), Some(2.0));
        assert_eq!(Tally::default().metric(Metric::SqlToWonRate), None);
        assert_eq!(Tally::default().metric(Metric::WonAmount), Some(0.0));
    }

    #[test]
    fn merging_is_adding() {
        let lead = assigned(SlaOutcome::OnTime { response: 60 }, true, false);
        let (mut one, mut two, mut both) = (Tally::default(), Tally::default(), Tally::default());
        one.add(&lead);
        two.add(&assigned(SlaOutcome::Overdue, true, true));
        both.add(&lead);
        both.add(&assigned(SlaOutcome::Overdue, true, true));
        one.merge(&two);
        assert_eq!(one, both);
    }
}
