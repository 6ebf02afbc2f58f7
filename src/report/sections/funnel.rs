//! The funnel of the leads created in the newest period: created → MQL →
//! SQL → won, with each step's conversion and the cumulative one.

use super::{Section, period_name};
use crate::metrics::{Tally, rate};
use crate::report::Report;
use crate::report::format::percent;
use crate::report::html::{self, Bar};
use crate::report::table::{grid, heading};

pub struct Funnel;

/// Stage, leads, step conversion, cumulative conversion.
fn steps(tally: &Tally) -> Vec<Vec<String>> {
    let counts = [
        ("created", tally.created),
        ("MQL or SQL", tally.mql_or_sql),
        ("SQL", tally.sql),
        ("won", tally.sql_won),
    ];
    let mut previous = None;
    counts
        .iter()
        .map(|&(stage, count)| {
            let step = previous.map_or("—".to_owned(), |p| percent(rate(count, p)));
            previous = Some(count);
            vec![
                stage.to_owned(),
                count.to_string(),
                step,
                percent(rate(count, tally.created)),
            ]
        })
        .collect()
}

const HEADERS: [&str; 4] = ["stage", "leads", "step", "cumulative"];

impl Section for Funnel {
    fn text(&self, report: &Report, out: &mut String) {
        let Some(latest) = report.latest() else {
            return;
        };
        heading(
            out,
            &format!("Funnel of the leads created in {}", period_name(latest)),
        );
        grid(out, &HEADERS.map(str::to_owned), &steps(&latest.total), 12);
    }

    fn html(&self, report: &Report, out: &mut String) {
        let Some(latest) = report.latest() else {
            return;
        };
        let rows = steps(&latest.total);
        let bars: Vec<Bar> = rows
            .iter()
            .map(|row| Bar {
                label: row[0].clone(),
                values: vec![row[1].parse().unwrap_or(0.0)],
                shown: row[1].clone(),
            })
            .collect();
        out.push_str("<section id=\"funnel\">\n<h2>Funnel</h2>\n");
        out.push_str(&html::figure(
            "funnel",
            &format!(
                "Leads created in {} by the furthest stage reached",
                period_name(latest)
            ),
            &html::bar_chart(&bars, latest.total.created as f64, false),
            &html::table(&HEADERS, &rows),
        ));
        out.push_str("</section>\n");
    }
}
