//! Every metric per period, with the change against the previous period of
//! equal length: KPI tiles for the newest period on the page, a grid in
//! the terminal.

use std::fmt::Write as _;

use super::{Section, period_headers, period_name};
use crate::criteria::Metric;
use crate::report::format::{change, duration, metric_value, short_name};
use crate::report::html::{self, escape};
use crate::report::table::{grid, heading};
use crate::report::{PeriodReport, Report};

pub struct Kpis;

const SPEED: &str = "speed to lead";

fn rows(report: &Report, cell: impl Fn(&PeriodReport, Metric) -> String) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Metric::ALL
        .iter()
        .map(|&metric| {
            let mut row = vec![short_name(metric).to_owned()];
            row.extend(report.periods.iter().map(|p| cell(p, metric)));
            row
        })
        .collect();
    let mut speed = vec![SPEED.to_owned()];
    speed.extend(
        report
            .periods
            .iter()
            .map(|p| duration(p.total.median_speed_to_lead_hours())),
    );
    rows.push(speed);
    rows
}

impl Section for Kpis {
    fn text(&self, report: &Report, out: &mut String) {
        heading(
            out,
            "Metrics (speed to lead: median calendar time from created to first touch)",
        );
        let mut headers = vec!["metric".to_owned()];
        headers.extend(period_headers(report));
        grid(
            out,
            &headers,
            &rows(report, |p, m| metric_value(m, p.value(m))),
            22,
        );
        if let Some(latest) = report.latest() {
            heading(
                out,
                &format!(
                    "Change in {} against the period before",
                    period_name(latest)
                ),
            );
            let changes: Vec<Vec<String>> = Metric::ALL
                .iter()
                .map(|&m| {
                    vec![
                        short_name(m).to_owned(),
                        metric_value(m, latest.previous.metric(m)),
                        metric_value(m, latest.value(m)),
                        change(m, latest.change(m)),
                    ]
                })
                .collect();
            let headers = ["metric", "before", "now", "change"].map(str::to_owned);
            grid(out, &headers, &changes, 22);
        }
    }

    fn html(&self, report: &Report, out: &mut String) {
        let Some(latest) = report.latest() else {
            out.push_str("<p class=\"note\">No periods to show.</p>\n");
            return;
        };
        let _ = writeln!(
            out,
            "<section id=\"kpis\">\n<h2>{}</h2>\n<div class=\"tiles\">",
            escape(&period_name(latest))
        );
        for metric in Metric::ALL {
            let _ = writeln!(
                out,
                "<div class=\"tile\"><div class=\"name\">{}</div><div class=\"value\">{}</div><div class=\"change\">{} vs previous</div></div>",
                escape(short_name(metric)),
                escape(&metric_value(metric, latest.value(metric))),
                escape(&change(metric, latest.change(metric)))
            );
        }
        let _ = writeln!(
            out,
            "<div class=\"tile\"><div class=\"name\">speed to lead (calendar)</div><div class=\"value\">{}</div><div class=\"change\">SLA clock: {}</div></div>",
            escape(&duration(latest.total.median_speed_to_lead_hours())),
            escape(&duration(latest.value(Metric::MedianFirstTouchHours)))
        );
        out.push_str("</div>\n<h3>Every metric per period</h3>\n");
        let mut headers = vec!["metric"];
        let labels: Vec<String> = report.periods.iter().map(period_name).collect();
        headers.extend(labels.iter().map(String::as_str));
        out.push_str(&html::table(
            &headers,
            &rows(report, |p, m| metric_value(m, p.value(m))),
        ));
        out.push_str("</section>\n");
    }
}
