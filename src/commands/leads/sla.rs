//! `align leads sla`: first-touch SLA performance per owner, tier and
//! source: leads assigned, touched within the SLA, touched late, open and
//! overdue, never touched, and the median and 90th percentile response
//! time on the SLA clock.

use std::io::Write;
use std::process::ExitCode;

use comfy_table::{CellAlignment, Table, presets};
use serde::Serialize;

use super::overdue::write_rows;
use super::{ListFormat, Opened, Session, plural};
use crate::clock::Clock;
use crate::commands::AsOfArgs;
use crate::commands::GlobalArgs;
use crate::leads::canonical::{OWNER, SOURCE};
use crate::leads::sla::{GroupKey, Groups, SlaStats};

#[derive(Debug, clap::Args)]
pub struct SlaArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
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
    /// Minutes on the SLA clock, to a tenth; `null` without touched leads.
    median_response_minutes: Option<f64>,
    p90_response_minutes: Option<f64>,
}

impl Figures {
    fn of(stats: &SlaStats) -> Figures {
        let tenth = |minutes: f64| (minutes * 10.0).round() / 10.0;
        Figures {
            assigned: stats.assigned,
            within_sla: stats.within_sla,
            touched_late: stats.touched_late,
            open_overdue: stats.open_overdue,
            never_touched: stats.never_touched,
            median_response_minutes: stats.percentile(0.5).map(tenth),
            p90_response_minutes: stats.percentile(0.9).map(tenth),
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

#[derive(Debug, Serialize)]
struct Group {
    owner: String,
    tier: String,
    source: String,
    #[serde(flatten)]
    figures: Figures,
}

pub fn run(global: &GlobalArgs, args: SlaArgs) -> anyhow::Result<ExitCode> {
    let session = match Session::open(global, &args.as_of, true)? {
        Opened::Ready(session) => session,
        Opened::Stopped(code) => return Ok(code),
    };
    let as_of = session.as_of;
    let (groups, mut problems) = session.scan_merged(
        Groups::default,
        |rules, groups: &mut Groups, row| {
            if let Some((tier, outcome)) = rules.sla_outcome(row, as_of)? {
                let owner = rules.raw(row, OWNER);
                let owner = rules.agreement.alias(owner).map_or(owner, str::as_bytes);
                groups.add(owner, tier, rules.raw(row, SOURCE), outcome);
            }
            Ok(())
        },
        |mut a, b| {
            a.absorb(b);
            a
        },
    )?;
    let (groups, total) = groups.finish();
    let groups: Vec<Group> = groups
        .into_iter()
        .map(
            |(
                GroupKey {
                    owner,
                    tier,
                    source,
                },
                stats,
            )| Group {
                owner,
                tier,
                source,
                figures: Figures::of(&stats),
            },
        )
        .collect();
    let total = Figures::of(&total);
    let clock = match session.agreement.clock {
        Clock::Business(_) => "business",
        Clock::Calendar => "calendar",
    };

    let mut out = crate::console::stdout();
    match args.format {
        ListFormat::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                as_of: String,
                clock: &'a str,
                groups: &'a [Group],
                total: &'a Figures,
            }
            let report = Report {
                as_of: session.stamp(as_of),
                clock,
                groups: &groups,
                total: &total,
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        ListFormat::Csv => {
            let header = [
                "owner",
                "tier",
                "source",
                "assigned",
                "within_sla",
                "touched_late",
                "open_overdue",
                "never_touched",
                "median_response_minutes",
                "p90_response_minutes",
            ];
            let number = |minutes: Option<f64>| minutes.map_or(String::new(), |m| m.to_string());
            let rows = groups.iter().map(|group| {
                let mut row = vec![
                    group.owner.clone(),
                    group.tier.clone(),
                    group.source.clone(),
                ];
                row.extend(group.figures.counts());
                row.push(number(group.figures.median_response_minutes));
                row.push(number(group.figures.p90_response_minutes));
                row
            });
            write_rows(&mut out, ListFormat::Csv, &header, rows)?;
        }
        ListFormat::Table => {
            if !groups.is_empty() {
                let mut table = Table::new();
                table.load_style(presets::UTF8_FULL_CONDENSED);
                table.set_header([
                    "owner",
                    "tier",
                    "source",
                    "assigned",
                    "within SLA",
                    "late",
                    "overdue",
                    "never touched",
                    "median",
                    "p90",
                ]);
                let row = |owner: &str, tier: &str, source: &str, figures: &Figures| {
                    let mut row = vec![owner.to_owned(), tier.to_owned(), source.to_owned()];
                    row.extend(figures.counts());
                    row.push(duration(figures.median_response_minutes));
                    row.push(duration(figures.p90_response_minutes));
                    row
                };
                for group in &groups {
                    let owner = if group.owner.is_empty() {
                        "(no owner)"
                    } else {
                        &group.owner
                    };
                    table.add_row(row(owner, &group.tier, &group.source, &group.figures));
                }
                table.add_row(row("all", "", "", &total));
                for index in 3..10 {
                    if let Some(column) = table.column_mut(index) {
                        column.set_cell_alignment(CellAlignment::Right);
                    }
                }
                writeln!(out, "{table}")?;
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

/// Minutes as a person reads them: `45m`, `3h 05m`; `—` for none.
fn duration(minutes: Option<f64>) -> String {
    let Some(minutes) = minutes else {
        return "—".to_owned();
    };
    let whole = minutes.round() as i64;
    if whole < 60 {
        format!("{whole}m")
    } else {
        format!("{}h {:02}m", whole / 60, whole % 60)
    }
}
