//! The sections of a report, each in its own module, each writing itself
//! as text and as HTML (and, when it holds data the periods do not, as a
//! top-level JSON key). [`all`] is the one place they are assembled, in
//! page order; a new section (field feedback, coaching) is a module and a
//! line there.

pub mod breakdown;
pub mod coaching;
pub mod field;
pub mod funnel;
pub mod kpis;
pub mod objectives;
pub mod sla;

use serde_json::Value;

use super::{PeriodReport, Report};

pub trait Section {
    /// Plain text for the terminal, appended to `out`.
    fn text(&self, report: &Report, out: &mut String);
    /// An HTML `<section>`, appended to `out`.
    fn html(&self, report: &Report, out: &mut String);
    /// A top-level JSON key and its value, for data the periods do not
    /// already carry.
    fn json(&self, _report: &Report) -> Option<(&'static str, Value)> {
        None
    }
}

/// Every section, in the order a revenue meeting reads them; `field` is
/// the feedback counted into the report's periods.
pub fn all(field: field::Field) -> Vec<Box<dyn Section>> {
    vec![
        Box::new(kpis::Kpis),
        Box::new(objectives::Objectives),
        Box::new(sla::Sla),
        Box::new(funnel::Funnel),
        Box::new(breakdown::Breakdown),
        Box::new(field),
    ]
}

/// A period's label as headings show it: `2026-11 (to date)` while it runs.
pub fn period_name(period: &PeriodReport) -> String {
    if period.complete {
        period.label.clone()
    } else {
        format!("{} (to date)", period.label)
    }
}

/// The period labels for column headers, a running period marked `*`.
pub fn period_headers(report: &Report) -> Vec<String> {
    report
        .periods
        .iter()
        .map(|p| {
            if p.complete {
                p.label.clone()
            } else {
                format!("{}*", p.label)
            }
        })
        .collect()
}
