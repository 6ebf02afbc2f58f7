//! The joint objectives, each judged in each period: value, target, met,
//! missed or no data; a trend line per objective with its target drawn.

use std::fmt::Write as _;

use super::{Section, period_headers};
use crate::report::format::{comparison, metric_value, short_name};
use crate::report::html::{self, Point, escape};
use crate::report::table::{grid, heading};
use crate::report::{Judged, Report};

pub struct Objectives;

fn status(judged: Judged) -> &'static str {
    match judged.met {
        Some(true) => "✓ met",
        Some(false) => "✗ missed",
        None => "no data",
    }
}

fn target_shown(objective: &crate::criteria::Objective) -> String {
    let target = &objective.target;
    format!(
        "{} {}",
        comparison(target.comparison.symbol()),
        metric_value(objective.metric, Some(target.value))
    )
}

impl Section for Objectives {
    fn text(&self, report: &Report, out: &mut String) {
        heading(
            out,
            "Objectives (✓ met, ✗ missed, — no data; * period still running)",
        );
        if report.objectives.is_empty() {
            out.push_str("No objectives: add [[objective]] entries to the criteria.\n");
            return;
        }
        let mut headers = vec!["objective".to_owned()];
        headers.extend(period_headers(report));
        let rows: Vec<Vec<String>> = report
            .objectives
            .iter()
            .map(|objective| {
                let mut row = vec![format!(
                    "{} {}",
                    short_name(objective.metric),
                    target_shown(objective)
                )];
                for period in &report.periods {
                    let judged = period.judge(objective);
                    row.push(match judged.met {
                        Some(met) => format!(
                            "{} {}",
                            if met { "✓" } else { "✗" },
                            metric_value(objective.metric, judged.value)
                        ),
                        None => "—".to_owned(),
                    });
                }
                row
            })
            .collect();
        grid(out, &headers, &rows, 24);
        if let Some(period) = report.last_complete() {
            let missed = report.missed();
            if missed.is_empty() {
                let _ = writeln!(
                    out,
                    "All objectives with data were met in {}.",
                    period.label
                );
            } else {
                let _ = writeln!(
                    out,
                    "Missed in {}, the last complete {}:",
                    period.label,
                    report.kind.name()
                );
                for objective in missed {
                    let _ = writeln!(
                        out,
                        "  {} {} (target {})",
                        objective.metric.name(),
                        metric_value(objective.metric, period.value(objective.metric)),
                        target_shown(objective)
                    );
                }
            }
        }
    }

    fn html(&self, report: &Report, out: &mut String) {
        out.push_str("<section id=\"objectives\">\n<h2>Objectives</h2>\n");
        if report.objectives.is_empty() {
            out.push_str("<p class=\"note\">No objectives: add <code>[[objective]]</code> entries to the criteria.</p>\n</section>\n");
            return;
        }
        out.push_str("<div class=\"charts\">\n");
        for (index, objective) in report.objectives.iter().enumerate() {
            let metric = objective.metric;
            let points: Vec<Point> = report
                .periods
                .iter()
                .map(|period| {
                    let value = period.value(metric);
                    Point {
                        label: period.label.clone(),
                        value,
                        shown: metric_value(metric, value),
                    }
                })
                .collect();
            let chart = html::line_chart(
                &points,
                Some((objective.target.value, target_shown(objective))),
            );
            let rows: Vec<Vec<String>> = report
                .periods
                .iter()
                .map(|period| {
                    let judged = period.judge(objective);
                    vec![
                        super::period_name(period),
                        metric_value(metric, judged.value),
                        target_shown(objective),
                        status(judged).to_owned(),
                    ]
                })
                .collect();
            let table = html::table(&["period", short_name(metric), "target", "status"], &rows);
            let caption = format!("{} {}", metric.name(), target_shown(objective));
            out.push_str(&html::figure(
                &format!("objective-{index}"),
                &caption,
                &chart,
                &table,
            ));
        }
        if let Some(period) = report.last_complete() {
            let missed = report.missed();
            let _ = writeln!(
                out,
                "<p class=\"{}\">{}</p>",
                if missed.is_empty() { "met" } else { "missed" },
                escape(&if missed.is_empty() {
                    format!("All objectives with data were met in {}.", period.label)
                } else {
                    let names: Vec<&str> = missed.iter().map(|o| o.metric.name()).collect();
                    format!("Missed in {}: {}.", period.label, names.join(", "))
                })
            );
        }
        out.push_str("</section>\n");
    }
}
