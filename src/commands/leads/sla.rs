//! `align leads sla`: first-touch SLA performance per owner (or tier, or
//! source, or any combination with `--by`): leads assigned, touched within
//! the SLA, touched late, open and overdue, never touched, the SPEC's SLA
//! rates, and the median and 90th percentile response time on the SLA
//! clock. The numbers come from [`crate::metrics`], as `align report`'s do.

use std::io::Write;
use std::process::ExitCode;

use comfy_table::{CellAlignment, Table, presets};
use serde::Serialize;

use super::overdue::write_rows;
use super::{ListFormat, Opened, Session, plural};
use crate::clock::Clock;
use crate::commands::AsOfArgs;
use crate::commands::GlobalArgs;
use crate::criteria::Metric;
use crate::leads::canonical::{OWNER, SOURCE};
use crate::metrics::{Dimension, GroupRow, Groups, Keys, Tally, lead};
use crate::report::format::{duration, percent, rounded};

/// What `--by` groups leads by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Owner,
    Tier,
    Source,
}

impl By {
    fn dimension(self) -> Dimension {
        match self {
            By::Owner => Dimension::Owner,
            By::Tier => Dimension::Tier,
            By::Source => Dimension::Source,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct SlaArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Group by owner, tier and/or source (repeatable or comma-separated;
    /// default: owner). Owners are grouped case-insensitively.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "DIMENSION")]
    pub by: Vec<By>,
    #[command(flatten)]
    pub as_of: AsOfArgs,
}

#[derive(Debug, Serialize)]
struct Figures {
    assigned: u64,
    within_sla: u64,
    touched_late: u64,
    open_overdue: u64,
    never_touched: u64,
    first_touch_within_sla_rate: Option<f64>,
    never_touched_rate: Option<f64>,
    /// Minutes on the SLA clock (nearest rank), to a tenth; `null` without
    /// touched leads.
    median_response_minutes: Option<f64>,
    p90_response_minutes: Option<f64>,
}

impl Figures {
    fn of(tally: &Tally) -> Figures {
        let minutes = |hours: Option<f64>| hours.map(|h| (h * 600.0).round() / 10.0);
        let rate = |metric: Metric| rounded(metric, tally.metric(metric));
        Figures {
            assigned: tally.assigned,
            within_sla: tally.within_sla,
            touched_late: tally.touched_late,
            open_overdue: tally.open_overdue,
            never_touched: tally.never_touched,
            first_touch_within_sla_rate: rate(Metric::FirstTouchWithinSlaRate),
            never_touched_rate: rate(Metric::NeverTouchedRate),
            median_response_minutes: minutes(tally.metric(Metric::MedianFirstTouchHours)),
            p90_response_minutes: minutes(tally.metric(Metric::P90FirstTouchHours)),
        }
    }

    fn counts(&self) -> [String; 5] {
        [
            self.assigned,
            self.within_sla,
            self.touched_late,
            self.open_overdue,
            self.never_touched,
        ]
        .map(|count| count.to_string())
    }
}

pub fn run(global: &GlobalArgs, args: SlaArgs) -> anyhow::Result<ExitCode> {
    let session = match Session::open(global, &args.as_of, true)? {
        Opened::Ready(session) => session,
        Opened::Stopped(code) => return Ok(code),
    };
    let mut dimensions: Vec<Dimension> = Vec::new();
    for by in &args.by {
        if !dimensions.contains(&by.dimension()) {
            dimensions.push(by.dimension());
        }
    }
    if dimensions.is_empty() {
        dimensions.push(Dimension::Owner);
    }
    let as_of = session.as_of;
    let (groups, mut problems) = session.scan_merged(
        || Groups::new(&dimensions),
        |rules, groups: &mut Groups, row| {
            let lead = lead::read(rules, row, as_of)?;
            if let Some(assignment) = &lead.assignment {
                // `[leads.owners]` aliases first; the rest group by case.
                let owner = rules.raw(row, OWNER);
                let keys = Keys {
                    owner: rules.agreement.alias(owner).map_or(owner, str::as_bytes),
                    tier: assignment.tier.as_bytes(),
                    source: rules.raw(row, SOURCE),
                };
                groups.add(keys, |tally| tally.add_assigned(&lead));
            }
            Ok(())
        },
        |mut a, b| {
            a.absorb(b);
            a
        },
    )?;
    let groups = groups.finish();
    let mut total = Tally::default();
    for group in &groups {
        total.merge(&group.tally);
    }
    let clock = match session.agreement.clock {
        Clock::Business(_) => "business",
        Clock::Calendar => "calendar",
    };
    let names: Vec<&str> = dimensions.iter().map(|d| d.name()).collect();

    let mut out = crate::console::stdout();
    match args.format {
        ListFormat::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                as_of: String,
                clock: &'a str,
                by: &'a [&'a str],
                groups: Vec<JsonGroup<'a>>,
                total: Figures,
            }
            let report = Report {
                as_of: session.stamp(as_of),
                clock,
                by: &names,
                groups: groups
                    .iter()
                    .map(|group| JsonGroup {
                        names: &names,
                        group,
                    })
                    .collect(),
                total: Figures::of(&total),
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        ListFormat::Csv => {
            let mut header = names.clone();
            header.extend([
                "assigned",
                "within_sla",
                "touched_late",
                "open_overdue",
                "never_touched",
                "first_touch_within_sla_rate",
                "never_touched_rate",
                "median_response_minutes",
                "p90_response_minutes",
            ]);
            let number = |value: Option<f64>| value.map_or(String::new(), |v| v.to_string());
            let rows = groups.iter().map(|group| {
                let figures = Figures::of(&group.tally);
                let mut row = group.key.clone();
                row.extend(figures.counts());
                row.push(number(figures.first_touch_within_sla_rate));
                row.push(number(figures.never_touched_rate));
                row.push(number(figures.median_response_minutes));
                row.push(number(figures.p90_response_minutes));
                row
            });
            write_rows(&mut out, ListFormat::Csv, &header, rows)?;
        }
        ListFormat::Table => {
            if !groups.is_empty() {
                writeln!(out, "{}", table(&dimensions, &groups, &total))?;
            }
        }
    }
    out.flush()?;
    drop(out);

    session.report_problems(&mut problems)?;
    let summary = format!(
        "{} assigned, {} within SLA, {} late, {} overdue as of {} ({} clock)",
        plural(total.assigned as usize, "lead", "leads"),
        total.within_sla,
        total.touched_late,
        total.open_overdue,
        session.stamp(as_of),
        clock
    );
    session.summary(&summary, problems.len())?;
    Ok(ExitCode::SUCCESS)
}

/// A group in JSON: its key (in `--by` order), then its figures.
struct JsonGroup<'a> {
    names: &'a [&'a str],
    group: &'a GroupRow,
}

impl Serialize for JsonGroup<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Flat<'a> {
            #[serde(flatten)]
            key: Key<'a>,
            #[serde(flatten)]
            figures: Figures,
        }
        Flat {
            key: Key(self),
            figures: Figures::of(&self.group.tally),
        }
        .serialize(serializer)
    }
}

struct Key<'a>(&'a JsonGroup<'a>);

impl Serialize for Key<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(self.0.names.len()))?;
        for (name, value) in self.0.names.iter().zip(&self.0.group.key) {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

fn table(dimensions: &[Dimension], groups: &[GroupRow], total: &Tally) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    let mut header: Vec<&str> = dimensions.iter().map(|d| d.name()).collect();
    header.extend([
        "assigned",
        "within SLA",
        "late",
        "overdue",
        "never touched",
        "on time",
        "median",
        "p90",
    ]);
    table.set_header(header);
    let row = |key: Vec<String>, tally: &Tally| {
        let figures = Figures::of(tally);
        let mut row = key;
        row.extend(figures.counts());
        row.push(percent(figures.first_touch_within_sla_rate));
        row.push(duration(tally.metric(Metric::MedianFirstTouchHours)));
        row.push(duration(tally.metric(Metric::P90FirstTouchHours)));
        row
    };
    for group in groups {
        let key = group
            .key
            .iter()
            .map(|part| {
                if part.is_empty() {
                    "(none)".to_owned()
                } else {
                    part.clone()
                }
            })
            .collect();
        table.add_row(row(key, &group.tally));
    }
    let mut all = vec![String::new(); dimensions.len()];
    if let Some(first) = all.first_mut() {
        *first = "all".to_owned();
    }
    table.add_row(row(all, total));
    for index in dimensions.len()..dimensions.len() + 8 {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}
