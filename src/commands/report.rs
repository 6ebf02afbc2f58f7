//! `align report`: the joint objectives and the lead metrics per period,
//! as a table, JSON or an HTML page (to stdout, or atomically to `-o
//! FILE`). `--check` exits 1 when an objective is missed in the last
//! complete period.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use jiff::civil::Date;

use crate::clock::Clock;
use crate::commands::leads::{Opened, Session, plural};
use crate::commands::{AsOfArgs, GlobalArgs};
use crate::metrics::{PeriodKind, Periods};
use crate::report::collect::Collected;
use crate::report::{Report, html, json, sections, table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeriodArg {
    Week,
    Month,
    Quarter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Calendar weeks (Monday first), months or quarters in the workspace
    /// zone.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    pub period: PeriodArg,
    /// The first period shown is the one holding this date (YYYY-MM-DD);
    /// default: 6 periods back from --to.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last period shown is the one holding this date (YYYY-MM-DD);
    /// default: the one holding --as-of.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Exit 1 when an objective is missed in the last complete period.
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub as_of: AsOfArgs,
}

/// Periods shown by default.
const DEFAULT_PERIODS: usize = 6;

pub fn run(global: &GlobalArgs, args: ReportArgs) -> anyhow::Result<ExitCode> {
    let kind = match args.period {
        PeriodArg::Week => PeriodKind::Week,
        PeriodArg::Month => PeriodKind::Month,
        PeriodArg::Quarter => PeriodKind::Quarter,
    };
    let from = args
        .from
        .as_deref()
        .map(|t| date("--from", t))
        .transpose()?;
    let to = args.to.as_deref().map(|t| date("--to", t)).transpose()?;
    if let Some(output) = &args.output {
        super::check_output(output, args.force)?;
    }
    let session = match Session::open(global, &args.as_of, true)? {
        Opened::Ready(session) => session,
        Opened::Stopped(code) => return Ok(code),
    };
    let zone = &session.workspace.settings.timezone;
    let as_of = session.as_of;
    let to = match to {
        Some(to) => to,
        None => zone.to_datetime(as_of).date(),
    };
    let from = match from {
        Some(from) => from,
        None => Periods::first_day_back(kind, to, DEFAULT_PERIODS)
            .context("the periods before --to are out of range")?,
    };
    if to < from {
        bail!("--to {to} is before --from {from}");
    }
    // One period more than shown: the change of the first needs the one
    // before it.
    let before = kind
        .start_of(from)
        .yesterday()
        .context("--from is out of range")?;
    let Some(periods) = Periods::between(kind, before, to, zone) else {
        bail!(
            "too many periods from {from} to {to}: at most {} per report",
            crate::metrics::period::MAX_PERIODS
        );
    };

    let (collected, mut problems) = session.scan_merged(
        || Collected::new(&periods),
        |rules, collected: &mut Collected, row| collected.visit(&periods, rules, row, as_of),
        Collected::merge,
    )?;
    let won_without_close = collected.won_without_close;
    let clock = match session.agreement.clock {
        Clock::Business(_) => "business",
        Clock::Calendar => "calendar",
    };
    let report = Report::new(
        session.workspace.settings.name.clone(),
        &periods,
        collected,
        session.agreement.criteria.objectives.clone(),
        clock,
        as_of,
        zone,
    );
    // The report's own periods, without the one before the first shown.
    let shown = periods.periods.get(1..).unwrap_or_default();
    let field = sections::field::Field::read(&session.workspace, shown)
        .context("cannot read the feedback files")?;
    let mut sections = sections::all(field);
    sections.push(Box::new(coaching(&session.workspace, to)?));
    let text = match args.format {
        ReportFormat::Table => table::write(&report, &sections),
        ReportFormat::Json => json::write(&report, &sections)?,
        ReportFormat::Html => html::write(&report, &sections),
    };
    match &args.output {
        Some(output) => super::write_output(output, text.as_bytes(), args.force)?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }

    session.report_problems(&mut problems)?;
    if won_without_close > 0 {
        writeln!(
            std::io::stderr().lock(),
            "note: {} won but without `closed_at`: in no period's won_count or won_amount",
            plural(won_without_close as usize, "lead is", "leads are")
        )?;
    }
    let missed = report.missed();
    let mut summary = match report.last_complete() {
        Some(period) if !report.objectives.is_empty() => format!(
            "{} of {} missed in {}, the last complete {}",
            missed.len(),
            plural(report.objectives.len(), "objective", "objectives"),
            period.label,
            kind.name()
        ),
        Some(_) => "no objectives to judge".to_owned(),
        None => format!("no complete {} in the report yet", kind.name()),
    };
    if let Some(output) = &args.output {
        summary.push_str(&format!("; wrote {}", session.show(output)));
    }
    session.summary(&summary, problems.len())?;
    Ok(if args.check && !missed.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn date(flag: &str, text: &str) -> anyhow::Result<Date> {
    text.trim()
        .parse::<Date>()
        .with_context(|| format!("invalid {flag} `{text}`: use a date such as 2026-11-01"))
}

/// The coaching section from `coaching/results.csv`, attempts up to `until`;
/// rows that cannot be read are counted on stderr (lint locates them).
fn coaching(
    workspace: &crate::workspace::Workspace,
    until: jiff::civil::Date,
) -> anyhow::Result<sections::coaching::Coaching> {
    use crate::coaching::{results, summary};
    let path = workspace
        .folder(&workspace.settings.paths.coaching)
        .join(results::FILE_NAME);
    let attempts = if path.is_file() {
        let (attempts, problems) = results::read(
            &std::sync::Arc::from(path.as_path()),
            &workspace.settings.timezone,
        );
        if !problems.is_empty() {
            writeln!(
                crate::console::stderr(),
                "note: {} in {} could not be read and {} left out of coaching; `align lint` locates {}",
                plural(problems.len(), "cell", "cells"),
                workspace.relative(&path),
                if problems.len() == 1 {
                    "its row is"
                } else {
                    "their rows are"
                },
                if problems.len() == 1 { "it" } else { "them" },
            )?;
        }
        attempts
    } else {
        Vec::new()
    };
    let map = &workspace.map;
    let label = |entry: &str| {
        let (kind, id) = entry.split_once(':')?;
        match kind {
            "message" => map.messages.get(id).map(|m| m.headline.clone()),
            "competitor" => map.competitors.get(id).map(|c| c.name.clone()),
            "proof" => map.proof.get(id).map(crate::quiz::proof_text),
            "requirement" => map.requirements.get(id).map(|r| r.statement.clone()),
            "objection" => map.objections.get(id).map(|o| o.text.clone()),
            _ => None,
        }
    };
    Ok(sections::coaching::Coaching::new(summary::summarize(
        &attempts, until, label,
    )))
}
