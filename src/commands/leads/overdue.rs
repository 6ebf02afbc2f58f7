//! `align leads overdue` and `align leads due --within D`: the open leads
//! that missed their first-touch deadline, and those whose deadline is
//! coming up. Earliest deadline first, ties by id.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use comfy_table::{Table, presets};
use jiff::Timestamp;
use serde::Serialize;

use super::{ListFormat, Opened, Session, plural};
use crate::clock::parse_sla_duration;
use crate::commands::AsOfArgs;
use crate::commands::GlobalArgs;
use crate::leads::{FileRules, OpenLead, Row};
use crate::write::CsvCell;

/// Filters shared by `overdue` and `due`.
#[derive(Debug, Clone, clap::Args)]
pub struct Filters {
    /// Only leads of this owner, as reported: trimmed, through
    /// `[leads.owners]`, in any case.
    #[arg(long, value_name = "OWNER")]
    pub owner: Option<String>,
    /// Only leads of this tier.
    #[arg(long, value_name = "TIER")]
    pub tier: Option<String>,
    /// List at most N leads (the earliest deadlines).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    #[command(flatten)]
    pub as_of: AsOfArgs,
}

#[derive(Debug, clap::Args)]
pub struct OverdueArgs {
    /// Exit 1 when any lead is overdue (or a row could not be evaluated,
    /// since it might be).
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub filters: Filters,
}

#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// How far ahead to look, on the SLA's clock: `30m`, `2h`, `1h30m`
    /// (`d` only on a calendar clock).
    #[arg(long, value_name = "DURATION")]
    pub within: String,
    #[command(flatten)]
    pub filters: Filters,
}

/// A lead in a list, with what the lists print.
#[derive(Debug)]
struct Listed {
    id: String,
    owner: String,
    tier: String,
    assigned: Timestamp,
    deadline: Timestamp,
}

impl Filters {
    /// `--tier` must name a tier of the criteria: a typo would otherwise
    /// list nothing, which reads as "nobody is overdue".
    fn check_tier(&self, criteria: &crate::criteria::Criteria) -> anyhow::Result<()> {
        let Some(tier) = self.tier.as_deref() else {
            return Ok(());
        };
        let names = criteria.tier_names();
        if names
            .iter()
            .any(|name| name.eq_ignore_ascii_case(tier.trim()))
        {
            return Ok(());
        }
        let listed: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
        bail!(
            "--tier {tier}: the criteria name no such tier; the tiers are {}",
            if listed.is_empty() {
                "none".to_owned()
            } else {
                listed.join(", ")
            }
        )
    }

    /// Whether an open lead passes `--owner` and `--tier`.
    fn keep(&self, rules: &FileRules<'_>, row: &Row<'_>, lead: &OpenLead<'_>) -> bool {
        // Both sides as reported: trimmed, through `[leads.owners]`, in
        // any case (so the CRM's spelling finds the owner too).
        let owner_ok = self.owner.as_deref().is_none_or(|owner| {
            let wanted = rules.agreement.owner(owner.as_bytes());
            rules.owner(row).to_lowercase() == wanted.to_lowercase()
        });
        let tier_ok = self
            .tier
            .as_deref()
            .is_none_or(|tier| lead.tier.eq_ignore_ascii_case(tier.trim()));
        owner_ok && tier_ok
    }
}

/// Every open lead whose deadline passes `select`, sorted, and the rows
/// that could not be evaluated.
fn collect(
    session: &Session,
    filters: &Filters,
    select: impl Fn(Timestamp) -> bool + Sync + Send,
) -> anyhow::Result<(Vec<Listed>, Vec<crate::leads::RowProblem>)> {
    let (states, problems) = session.scan(Vec::new, |rules, found: &mut Vec<Listed>, row| {
        let Some(lead) = rules.open_lead(row)? else {
            return Ok(());
        };
        if select(lead.deadline) && filters.keep(rules, row, &lead) {
            found.push(Listed {
                id: rules.id(row),
                owner: rules.owner(row),
                tier: lead.tier.to_owned(),
                assigned: lead.assigned,
                deadline: lead.deadline,
            });
        }
        Ok(())
    })?;
    let mut listed: Vec<Listed> = states.into_iter().flatten().collect();
    listed.sort_by(|a, b| (a.deadline, &a.id).cmp(&(b.deadline, &b.id)));
    Ok((listed, problems))
}

pub fn overdue(global: &GlobalArgs, args: OverdueArgs) -> anyhow::Result<ExitCode> {
    let filters = &args.filters;
    let session = match Session::open(global, &filters.as_of, true)? {
        Opened::Ready(session) => session,
        Opened::Stopped(code) => return Ok(code),
    };
    filters.check_tier(&session.agreement.criteria)?;
    let as_of = session.as_of;
    let (listed, mut problems) = collect(&session, filters, |deadline| as_of > deadline)?;
    let total = listed.len();
    let shown = &listed[..filters.limit.unwrap_or(total).min(total)];
    let clock = &session.agreement.clock;
    let minutes = |lead: &Listed| clock.elapsed_seconds(lead.deadline, as_of) / 60;

    let mut out = crate::console::stdout();
    match filters.format {
        ListFormat::Json => {
            #[derive(Serialize)]
            struct Item<'a> {
                id: &'a str,
                owner: Option<&'a str>,
                tier: &'a str,
                assigned_at: String,
                due_at: String,
                overdue_minutes: i64,
            }
            #[derive(Serialize)]
            struct Overdue<'a> {
                as_of: String,
                count: usize,
                overdue: Vec<Item<'a>>,
            }
            let report = Overdue {
                as_of: session.stamp(as_of),
                count: shown.len(),
                overdue: shown
                    .iter()
                    .map(|lead| Item {
                        id: &lead.id,
                        owner: Some(lead.owner.as_str()).filter(|owner| !owner.is_empty()),
                        tier: &lead.tier,
                        assigned_at: session.stamp(lead.assigned),
                        due_at: session.stamp(lead.deadline),
                        overdue_minutes: minutes(lead),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        format => {
            let header = [
                "id",
                "owner",
                "tier",
                "assigned_at",
                "due_at",
                "overdue_minutes",
            ];
            let rows = shown.iter().map(|lead| {
                vec![
                    lead.id.clone().into(),
                    lead.owner.clone().into(),
                    lead.tier.clone().into(),
                    session.stamp(lead.assigned).into(),
                    session.stamp(lead.deadline).into(),
                    CsvCell::number(minutes(lead)),
                ]
            });
            write_rows(&mut out, format, &header, rows)?;
        }
    }
    out.flush()?;
    drop(out);

    session.report_problems(&mut problems)?;
    let mut summary = format!(
        "{} as of {}",
        plural(total, "overdue lead", "overdue leads"),
        session.stamp(as_of)
    );
    if shown.len() < total {
        summary.push_str(&format!(" ({} shown)", shown.len()));
    }
    session.summary(&summary, problems.len())?;
    let failing = args.check && (total > 0 || !problems.is_empty());
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn due(global: &GlobalArgs, args: DueArgs) -> anyhow::Result<ExitCode> {
    let filters = &args.filters;
    let session = match Session::open(global, &filters.as_of, true)? {
        Opened::Ready(session) => session,
        Opened::Stopped(code) => return Ok(code),
    };
    filters.check_tier(&session.agreement.criteria)?;
    let clock = &session.agreement.clock;
    let within = match parse_sla_duration(&args.within, clock.kind()) {
        Ok(seconds) => seconds,
        Err(error) => bail!("--within: {error}"),
    };
    let as_of = session.as_of;
    // On a business clock, D is business time: the window ends when D of
    // it has passed since T.
    let window_end = clock.deadline(as_of, within).ok_or_else(|| {
        anyhow!(
            "--within {}: the business hours have no time ahead",
            args.within
        )
    })?;
    let (listed, mut problems) = collect(&session, filters, |deadline| {
        as_of <= deadline && deadline <= window_end
    })?;
    let total = listed.len();
    let shown = &listed[..filters.limit.unwrap_or(total).min(total)];

    let mut out = crate::console::stdout();
    match filters.format {
        ListFormat::Json => {
            #[derive(Serialize)]
            struct Item<'a> {
                id: &'a str,
                owner: Option<&'a str>,
                tier: &'a str,
                due_at: String,
            }
            #[derive(Serialize)]
            struct Due<'a> {
                as_of: String,
                count: usize,
                due: Vec<Item<'a>>,
            }
            let report = Due {
                as_of: session.stamp(as_of),
                count: shown.len(),
                due: shown
                    .iter()
                    .map(|lead| Item {
                        id: &lead.id,
                        owner: Some(lead.owner.as_str()).filter(|owner| !owner.is_empty()),
                        tier: &lead.tier,
                        due_at: session.stamp(lead.deadline),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        format => {
            let header = ["id", "owner", "tier", "due_at"];
            let rows = shown.iter().map(|lead| {
                vec![
                    lead.id.clone(),
                    lead.owner.clone(),
                    lead.tier.clone(),
                    session.stamp(lead.deadline),
                ]
            });
            write_rows(&mut out, format, &header, rows)?;
        }
    }
    out.flush()?;
    drop(out);

    session.report_problems(&mut problems)?;
    let mut summary = format!(
        "{} due within {} as of {}",
        plural(total, "lead", "leads"),
        args.within.trim(),
        session.stamp(as_of)
    );
    if shown.len() < total {
        summary.push_str(&format!(" ({} shown)", shown.len()));
    }
    session.summary(&summary, problems.len())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes rows as a table (nothing when there are none) or as CSV (always
/// with its header), every CSV text cell spreadsheet-safe.
pub(super) fn write_rows<C: Into<CsvCell>>(
    out: &mut dyn Write,
    format: ListFormat,
    header: &[&str],
    rows: impl Iterator<Item = Vec<C>>,
) -> anyhow::Result<()> {
    let rows = rows.map(|row| row.into_iter().map(Into::into).collect::<Vec<CsvCell>>());
    match format {
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(header)?;
            for row in rows {
                writer.write_record(row.iter().map(|cell| cell.field().into_owned()))?;
            }
            writer.flush()?;
        }
        ListFormat::Table | ListFormat::Json => {
            let mut table = Table::new();
            table.load_style(presets::UTF8_FULL_CONDENSED);
            table.set_header(header.to_vec());
            let mut any = false;
            for row in rows {
                table.add_row(row.iter().map(CsvCell::shown));
                any = true;
            }
            if any {
                writeln!(out, "{table}")?;
            }
        }
    }
    Ok(())
}
