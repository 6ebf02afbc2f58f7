//! The first-touch SLA in a period: each owner's first touches by SLA band
//! (within the SLA, up to twice it, later, never), a histogram of response
//! times, and speed to lead (created → first touch, calendar time, Marketing
//! Ops' routing) beside the SLA clock (assigned → first touch, Sales').

use super::{Section, period_name};
use crate::criteria::Metric;
use crate::metrics::Tally;
use crate::report::Report;
use crate::report::format::{duration, percent};
use crate::report::html::{self, Bar};
use crate::report::table::{grid, heading};

pub struct Sla;

const BANDS: [&str; 4] = ["within SLA", "up to 2× SLA", "later", "never"];

/// One bar of the response-time histogram.
pub struct Bucket {
    pub label: &'static str,
    /// The bucket's upper bound in hours; `None` for the last.
    pub up_to_hours: Option<f64>,
    pub count: u64,
}

const EDGES: [(&str, Option<u32>); 8] = [
    ("≤ 15m", Some(900)),
    ("≤ 30m", Some(1800)),
    ("≤ 1h", Some(3600)),
    ("≤ 2h", Some(7200)),
    ("≤ 4h", Some(14_400)),
    ("≤ 8h", Some(28_800)),
    ("≤ 16h", Some(57_600)),
    ("> 16h", None),
];

/// Touched leads by response time on the SLA clock.
pub fn histogram(tally: &Tally) -> Vec<Bucket> {
    let mut below = 0;
    EDGES
        .iter()
        .map(|&(label, edge)| {
            let upto = edge.map_or(tally.responses.len(), |s| tally.responses.at_most(s));
            let count = upto - below;
            below = upto;
            Bucket {
                label,
                up_to_hours: edge.map(|s| f64::from(s) / 3600.0),
                count,
            }
        })
        .collect()
}

fn band_rows(report: &Report) -> Vec<(String, [u64; 4])> {
    report.latest().map_or_else(Vec::new, |latest| {
        let mut rows: Vec<(String, [u64; 4])> = latest
            .by_owner
            .iter()
            .filter(|group| group.tally.decided > 0)
            .map(|group| (owner_name(&group.key), group.tally.sla_bands()))
            .collect();
        rows.push(("all".to_owned(), latest.total.sla_bands()));
        rows
    })
}

pub fn owner_name(key: &[String]) -> String {
    match key.first() {
        Some(owner) if !owner.is_empty() => owner.clone(),
        _ => "(no owner)".to_owned(),
    }
}

fn band_cells(label: &str, bands: [u64; 4]) -> Vec<String> {
    let total: u64 = bands.iter().sum();
    let mut row = vec![label.to_owned()];
    row.extend(bands.iter().map(|&n| {
        if total == 0 {
            "—".to_owned()
        } else {
            format!("{n} ({})", percent(Some(n as f64 / total as f64)))
        }
    }));
    row
}

fn speed_rows(report: &Report) -> Vec<Vec<String>> {
    report
        .periods
        .iter()
        .map(|p| {
            vec![
                period_name(p),
                duration(p.total.median_speed_to_lead_hours()),
                duration(p.value(Metric::MedianFirstTouchHours)),
            ]
        })
        .collect()
}

impl Section for Sla {
    fn text(&self, report: &Report, out: &mut String) {
        let Some(latest) = report.latest() else {
            return;
        };
        heading(
            out,
            &format!(
                "First touches by SLA band, {} (decided leads)",
                period_name(latest)
            ),
        );
        let mut headers = vec!["owner".to_owned()];
        headers.extend(BANDS.iter().map(|b| (*b).to_owned()));
        let rows: Vec<Vec<String>> = band_rows(report)
            .iter()
            .map(|(label, bands)| band_cells(label, *bands))
            .collect();
        grid(out, &headers, &rows, 24);
        heading(
            out,
            &format!("Response times, {} (SLA clock)", period_name(latest)),
        );
        let rows: Vec<Vec<String>> = histogram(&latest.total)
            .iter()
            .map(|b| vec![b.label.to_owned(), b.count.to_string()])
            .collect();
        grid(out, &["response".to_owned(), "leads".to_owned()], &rows, 10);
        heading(
            out,
            "Medians: speed to lead (created → first touch, calendar)\nbeside the SLA clock (assigned → first touch)",
        );
        let headers = ["period", "speed to lead", "SLA clock"].map(str::to_owned);
        grid(out, &headers, &speed_rows(report), 20);
    }

    fn html(&self, report: &Report, out: &mut String) {
        let Some(latest) = report.latest() else {
            return;
        };
        out.push_str("<section id=\"sla\">\n<h2>First-touch SLA</h2>\n");
        let rows = band_rows(report);
        let bars: Vec<Bar> = rows
            .iter()
            .map(|(label, bands)| {
                let total: u64 = bands.iter().sum();
                let share = |n: u64| {
                    if total == 0 {
                        0.0
                    } else {
                        n as f64 / total as f64
                    }
                };
                Bar {
                    label: label.clone(),
                    values: bands.iter().map(|&n| share(n)).collect(),
                    shown: percent(Some(share(bands[0]))),
                }
            })
            .collect();
        let chart = format!(
            "{}{}",
            html::legend(&BANDS),
            html::bar_chart(&bars, 1.0, true)
        );
        let mut headers = vec!["owner"];
        headers.extend(BANDS);
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|(label, bands)| band_cells(label, *bands))
            .collect();
        out.push_str(&html::figure(
            "sla-bands",
            &format!(
                "First touches by SLA band per owner, {}",
                period_name(latest)
            ),
            &chart,
            &html::table(&headers, &cells),
        ));
        let buckets = histogram(&latest.total);
        let max = buckets.iter().map(|b| b.count).max().unwrap_or(0) as f64;
        let bars: Vec<Bar> = buckets
            .iter()
            .map(|b| Bar {
                label: b.label.to_owned(),
                values: vec![b.count as f64],
                shown: b.count.to_string(),
            })
            .collect();
        let cells: Vec<Vec<String>> = buckets
            .iter()
            .map(|b| vec![b.label.to_owned(), b.count.to_string()])
            .collect();
        out.push_str(&html::figure(
            "response-histogram",
            &format!("Response times on the SLA clock, {}", period_name(latest)),
            &html::bar_chart(&bars, max, false),
            &html::table(&["response", "leads"], &cells),
        ));
        let hours = |v: Option<f64>| v.unwrap_or(0.0);
        let bars: Vec<Bar> = report
            .periods
            .iter()
            .map(|p| {
                let speed = p.total.median_speed_to_lead_hours();
                let sla = p.value(Metric::MedianFirstTouchHours);
                Bar {
                    label: p.label.clone(),
                    values: vec![hours(speed), hours(sla)],
                    shown: format!("{} / {}", duration(speed), duration(sla)),
                }
            })
            .collect();
        let max = bars
            .iter()
            .flat_map(|b| b.values.iter().copied())
            .fold(0.0, f64::max);
        let chart = format!(
            "{}{}",
            html::legend(&["speed to lead (calendar)", "first touch (SLA clock)"]),
            html::bar_chart(&bars, max, false)
        );
        out.push_str(&html::figure(
            "speed-to-lead",
            "Speed to lead beside the SLA clock, medians",
            &chart,
            &html::table(
                &["period", "speed to lead", "SLA clock"],
                &speed_rows(report),
            ),
        ));
        out.push_str("</section>\n");
    }
}
