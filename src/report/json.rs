//! The report as JSON, in the SPEC's shape with stable keys (documented in
//! `docs/report.md`): keys in a fixed order, every metric present in
//! every period, `null` when it has no data.

use serde::Serialize;
use serde::ser::{SerializeMap as _, Serializer};
use serde_json::Value;

use super::format::{round_to, rounded};
use super::sections::Section;
use super::sections::sla::histogram;
use super::{PeriodReport, Report};
use crate::criteria::Metric;
use crate::metrics::{GroupRow, Tally};

/// The report as pretty-printed JSON, ending in a newline.
pub fn write(report: &Report, sections: &[Box<dyn Section>]) -> anyhow::Result<String> {
    let top = Top {
        as_of: &report.as_of,
        period: report.kind.name(),
        clock: report.clock,
        periods: report.periods.iter().map(|p| period(report, p)).collect(),
        sections: Extra(sections.iter().filter_map(|s| s.json(report)).collect()),
    };
    let mut text = serde_json::to_string_pretty(&top)?;
    text.push('\n');
    Ok(text)
}

#[derive(Serialize)]
struct Top<'a> {
    as_of: &'a str,
    period: &'a str,
    clock: &'a str,
    periods: Vec<PeriodJson<'a>>,
    /// Top-level keys of sections, after the periods.
    #[serde(flatten)]
    sections: Extra,
}

struct Extra(Vec<(&'static str, Value)>);

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct PeriodJson<'a> {
    label: &'a str,
    start: &'a str,
    end: &'a str,
    complete: bool,
    metrics: Metrics<'a>,
    change: Change<'a>,
    objectives: Vec<ObjectiveJson>,
    speed_to_lead_median_hours: Option<f64>,
    sla_bands: Bands,
    response_histogram: Vec<BucketJson>,
    by_owner: Vec<GroupJson<'a>>,
    by_source: Vec<GroupJson<'a>>,
}

/// Every metric of a tally, in the SPEC's order.
pub struct Metrics<'a>(pub &'a Tally);

impl Serialize for Metrics<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Metric::ALL.len()))?;
        for metric in Metric::ALL {
            map.serialize_entry(
                metric.name(),
                &number(rounded(metric, self.0.metric(metric))),
            )?;
        }
        map.end()
    }
}

/// Every metric's change against the previous period.
struct Change<'a>(&'a PeriodReport);

impl Serialize for Change<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Metric::ALL.len()))?;
        for metric in Metric::ALL {
            map.serialize_entry(
                metric.name(),
                &number(rounded(metric, self.0.change(metric))),
            )?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct ObjectiveJson {
    metric: &'static str,
    target: String,
    value: Value,
    met: Option<bool>,
}

#[derive(Serialize)]
struct Bands {
    within_sla: u64,
    up_to_2x_sla: u64,
    later: u64,
    never: u64,
}

#[derive(Serialize)]
struct BucketJson {
    label: &'static str,
    up_to_hours: Option<f64>,
    count: u64,
}

/// A group: its key under the dimension's name, then its metrics.
struct GroupJson<'a> {
    dimension: &'static str,
    row: &'a GroupRow,
}

impl Serialize for GroupJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        let key = self.row.key.first().map_or("", String::as_str);
        map.serialize_entry(self.dimension, key)?;
        map.serialize_entry("metrics", &Metrics(&self.row.tally))?;
        map.end()
    }
}

fn period<'a>(report: &Report, period: &'a PeriodReport) -> PeriodJson<'a> {
    let objectives = report
        .objectives
        .iter()
        .map(|objective| {
            let judged = period.judge(objective);
            ObjectiveJson {
                metric: objective.metric.name(),
                target: objective.target.to_string(),
                value: number(rounded(objective.metric, judged.value)),
                met: judged.met,
            }
        })
        .collect();
    let [within_sla, up_to_2x_sla, later, never] = period.total.sla_bands();
    let groups = |dimension, rows: &'a [GroupRow]| {
        rows.iter()
            .map(|row| GroupJson { dimension, row })
            .collect()
    };
    PeriodJson {
        label: &period.label,
        start: &period.start,
        end: &period.end,
        complete: period.complete,
        metrics: Metrics(&period.total),
        change: Change(period),
        objectives,
        speed_to_lead_median_hours: period
            .total
            .median_speed_to_lead_hours()
            .map(|h| round_to(h, 3)),
        sla_bands: Bands {
            within_sla,
            up_to_2x_sla,
            later,
            never,
        },
        response_histogram: histogram(&period.total)
            .into_iter()
            .map(|bucket| BucketJson {
                label: bucket.label,
                up_to_hours: bucket.up_to_hours,
                count: bucket.count,
            })
            .collect(),
        by_owner: groups("owner", &period.by_owner),
        by_source: groups("source", &period.by_source),
    }
}

/// A number as JSON writes it: whole values without a fraction (`1468`,
/// not `1468.0`); `null` for no data.
pub fn number(value: Option<f64>) -> Value {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => Value::from(v as i64),
        Some(v) => Value::from(v),
        None => Value::Null,
    }
}
