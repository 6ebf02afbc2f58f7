//! `align report`: the joint objectives and the lead metrics per period
//! (SPEC "Metrics, cohorts and `align report`"). The leads are read once
//! into per-period tallies ([`collect`]), the tallies become a [`Report`],
//! and the report is written as a table, JSON or an HTML page by its
//! sections ([`sections`]), each a module of its own, assembled in
//! [`sections::all`] so that a new section plugs in at one place.

pub mod collect;
pub mod format;
pub mod html;
pub mod json;
pub mod sections;
pub mod table;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::criteria::{Metric, Objective};
use crate::metrics::{GroupRow, PeriodKind, Periods, Tally, Value};
use collect::Collected;

/// Everything a report shows.
#[derive(Debug)]
pub struct Report {
    /// The workspace's name, if it has one.
    pub title: String,
    pub as_of: String,
    pub kind: PeriodKind,
    /// `business` or `calendar`.
    pub clock: &'static str,
    pub objectives: Vec<Objective>,
    /// Oldest first.
    pub periods: Vec<PeriodReport>,
}

#[derive(Debug)]
pub struct PeriodReport {
    pub label: String,
    pub start: String,
    pub end: String,
    /// The period ended at or before the as-of instant.
    pub complete: bool,
    pub total: Tally,
    /// The tally of the period before, for the change.
    pub previous: Tally,
    pub by_owner: Vec<GroupRow>,
    pub by_source: Vec<GroupRow>,
}

/// An objective judged in one period: `None` is "no data".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judged {
    pub value: Value,
    pub met: Option<bool>,
}

impl PeriodReport {
    pub fn value(&self, metric: Metric) -> Value {
        self.total.metric(metric)
    }

    /// The change against the previous period of equal length; `None` when
    /// either has no data.
    pub fn change(&self, metric: Metric) -> Value {
        Some(self.total.metric(metric)? - self.previous.metric(metric)?)
    }

    pub fn judge(&self, objective: &Objective) -> Judged {
        let value = self.value(objective.metric);
        Judged {
            value,
            met: value.map(|v| objective.target.comparison.holds(v, objective.target.value)),
        }
    }
}

impl Report {
    /// Builds the report from a pass over `periods`, whose first period is
    /// the one before the periods shown.
    pub fn new(
        title: String,
        periods: &Periods,
        collected: Collected,
        objectives: Vec<Objective>,
        clock: &'static str,
        as_of: Timestamp,
        zone: &TimeZone,
    ) -> Report {
        let stamp = |t: Timestamp| crate::clock::format_timestamp(t, zone);
        let mut shown = Vec::new();
        let mut previous = Tally::default();
        for (index, (period, slot)) in periods.periods.iter().zip(collected.slots()).enumerate() {
            let total = slot.total;
            let last = std::mem::replace(&mut previous, total.clone());
            if index == 0 {
                continue;
            }
            shown.push(PeriodReport {
                label: period.label.clone(),
                start: stamp(period.start),
                end: stamp(period.end),
                complete: period.end <= as_of,
                total,
                previous: last,
                by_owner: slot.owners,
                by_source: slot.sources,
            });
        }
        Report {
            title,
            as_of: stamp(as_of),
            kind: periods.kind,
            clock,
            objectives,
            periods: shown,
        }
    }

    /// The last period that ended at or before the as-of instant.
    pub fn last_complete(&self) -> Option<&PeriodReport> {
        self.periods.iter().rev().find(|period| period.complete)
    }

    /// The newest period shown (it may still be running).
    pub fn latest(&self) -> Option<&PeriodReport> {
        self.periods.last()
    }

    /// The objectives missed in the last complete period.
    pub fn missed(&self) -> Vec<&Objective> {
        let Some(period) = self.last_complete() else {
            return Vec::new();
        };
        self.objectives
            .iter()
            .filter(|objective| period.judge(objective).met == Some(false))
            .collect()
    }
}
