//! The newest period per owner (the SLA, Sales' side) and per source (the
//! funnel, Marketing's side). Every period's breakdowns are in the JSON.

use super::sla::owner_name;
use super::{Section, period_name};
use crate::criteria::Metric;
use crate::metrics::GroupRow;
use crate::report::Report;
use crate::report::format::{metric_value, thousands};
use crate::report::html;
use crate::report::table::{grid, heading};

pub struct Breakdown;

const OWNER: [&str; 6] = [
    "owner",
    "assigned",
    "in SLA",
    "median",
    "never",
    "unqualified",
];
const SOURCE: [&str; 6] = [
    "source",
    "created",
    "MQL→SQL",
    "SQL→won",
    "won",
    "won amount",
];

fn owner_rows(groups: &[GroupRow]) -> Vec<Vec<String>> {
    groups
        .iter()
        .filter(|g| g.tally.assigned > 0)
        .map(|g| {
            let m = |metric: Metric| metric_value(metric, g.tally.metric(metric));
            vec![
                owner_name(&g.key),
                g.tally.assigned.to_string(),
                m(Metric::FirstTouchWithinSlaRate),
                m(Metric::MedianFirstTouchHours),
                m(Metric::NeverTouchedRate),
                m(Metric::UnqualifiedHandoffRate),
            ]
        })
        .collect()
}

fn source_rows(groups: &[GroupRow]) -> Vec<Vec<String>> {
    groups
        .iter()
        .filter(|g| g.tally.created > 0 || g.tally.won_count > 0)
        .map(|g| {
            let m = |metric: Metric| metric_value(metric, g.tally.metric(metric));
            let source = match g.key.first() {
                Some(source) if !source.is_empty() => source.clone(),
                _ => "(no source)".to_owned(),
            };
            vec![
                source,
                g.tally.created.to_string(),
                m(Metric::MqlToSqlRate),
                m(Metric::SqlToWonRate),
                g.tally.won_count.to_string(),
                thousands(g.tally.won_amount),
            ]
        })
        .collect()
}

impl Section for Breakdown {
    fn text(&self, report: &Report, out: &mut String) {
        let Some(latest) = report.latest() else {
            return;
        };
        let name = period_name(latest);
        heading(out, &format!("Per owner, {name} (by assigned_at)"));
        grid(
            out,
            &OWNER.map(str::to_owned),
            &owner_rows(&latest.by_owner),
            28,
        );
        heading(
            out,
            &format!("Per source, {name} (created_at; won by closed_at)"),
        );
        grid(
            out,
            &SOURCE.map(str::to_owned),
            &source_rows(&latest.by_source),
            20,
        );
    }

    fn html(&self, report: &Report, out: &mut String) {
        let Some(latest) = report.latest() else {
            return;
        };
        let name = html::escape(&period_name(latest));
        out.push_str(&format!(
            "<section id=\"breakdown\">\n<h2>Per owner, {name}</h2>\n"
        ));
        out.push_str(&html::table(&OWNER, &owner_rows(&latest.by_owner)));
        out.push_str(&format!("<h2>Per source, {name}</h2>\n"));
        out.push_str(&html::table(&SOURCE, &source_rows(&latest.by_source)));
        out.push_str("</section>\n");
    }
}
