//! `align leads score`: each lead's score, stage, tier and
//! disqualification, and with `--explain ID` every rule that fired for one
//! lead, with its points and where the rule is written.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use super::{Opened, Session, plural};
use crate::commands::AsOfArgs;
use crate::commands::GlobalArgs;
use crate::criteria::{Cells, Outcome, Section};
use crate::leads::canonical::TIER;
use crate::leads::{FileRules, Row, RowProblem};
use crate::write::CsvCell;

/// The width `--explain` tables wrap to.
const EXPLAIN_WIDTH: u16 = 110;

#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// Show every rule that fired for this lead id, with its points.
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
    /// `csv` (default) or `json`; `--explain` prints a table unless `json`.
    #[arg(long, value_enum)]
    pub format: Option<ScoreFormat>,
    #[command(flatten)]
    pub as_of: AsOfArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoreFormat {
    Csv,
    Json,
    Table,
}

#[derive(Debug, Serialize)]
struct Scored {
    id: String,
    score: i64,
    stage: Option<&'static str>,
    tier: Option<String>,
    disqualified: bool,
    reason: Option<String>,
}

pub fn run(global: &GlobalArgs, args: ScoreArgs) -> anyhow::Result<ExitCode> {
    let session = match Session::open(global, &args.as_of, false)? {
        Opened::Ready(session) => session,
        Opened::Stopped(code) => return Ok(code),
    };
    if let Some(id) = &args.explain {
        return explain(&session, id.trim(), args.format);
    }
    let format = args.format.unwrap_or(ScoreFormat::Csv);
    if format == ScoreFormat::Csv {
        return write_csv(&session);
    }
    let mut kept = Vec::new();
    let mut unreadable: Vec<Unreadable> = Vec::new();
    let mut problems = session.scan_in_order(|rules, row| {
        rules.check_shape(row)?;
        note_unreadable(&session, rules, row, &mut unreadable);
        kept.push(score(rules, row));
        Ok(())
    })?;
    let count = kept.len();
    let mut out = crate::console::stdout();
    match format {
        ScoreFormat::Json => {
            #[derive(Serialize)]
            struct Scores {
                count: usize,
                leads: Vec<Scored>,
            }
            let report = Scores {
                count: kept.len(),
                leads: kept,
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        ScoreFormat::Csv | ScoreFormat::Table => {
            let mut table = Table::new();
            table.load_style(presets::UTF8_FULL_CONDENSED);
            table.set_header(["id", "score", "stage", "tier", "disqualified"]);
            for lead in &kept {
                table.add_row([
                    lead.id.clone(),
                    lead.score.to_string(),
                    lead.stage.unwrap_or("").to_owned(),
                    lead.tier.clone().unwrap_or_default(),
                    lead.reason.clone().unwrap_or_default(),
                ]);
            }
            if !kept.is_empty() {
                writeln!(out, "{table}")?;
            }
        }
    }
    out.flush()?;
    drop(out);
    finish(&session, count, &mut problems, unreadable)
}

fn score(rules: &FileRules<'_>, row: &Row<'_>) -> Scored {
    let scored = rules.scored(row);
    Scored {
        id: rules.id(row),
        score: scored.score,
        stage: scored.stage,
        tier: scored.tier,
        disqualified: scored.disqualified.is_some(),
        reason: scored.disqualified.and_then(|rule| rule.reason.clone()),
    }
}

/// Counts the row's cells that a numeric rule cannot read; the first one
/// seen of each rule is its example.
fn note_unreadable(
    session: &Session,
    rules: &FileRules<'_>,
    row: &Row<'_>,
    unreadable: &mut Vec<Unreadable>,
) {
    let cells = rules.cells(row);
    rules.scorer.each_unreadable(&cells, |index, rule, column| {
        match unreadable.iter_mut().find(|known| known.index == index) {
            Some(known) => known.count += 1,
            None => unreadable.push(Unreadable {
                index,
                count: 1,
                rule: rule.describe(),
                location: session.location(rule),
                column: rules
                    .columns
                    .headers
                    .get(column)
                    .cloned()
                    .unwrap_or_default(),
                example: String::from_utf8_lossy(cells.cell(column).trim_ascii()).into_owned(),
            }),
        }
    });
}

/// Adds a later block's counts; the earlier block keeps its examples.
fn merge_unreadable(into: &mut Vec<Unreadable>, more: Vec<Unreadable>) {
    for found in more {
        match into.iter_mut().find(|known| known.index == found.index) {
            Some(known) => known.count += found.count,
            None => into.push(found),
        }
    }
}

/// What one block of rows produced for the CSV.
struct Block {
    csv: csv::Writer<Vec<u8>>,
    scored: usize,
    unreadable: Vec<Unreadable>,
}

/// The CSV, streamed: blocks of rows are scored on every core into CSV
/// bytes of their own, written in file order as they are ready, so a
/// million leads never sit in memory and the bytes are those of one
/// writer.
fn write_csv(session: &Session) -> anyhow::Result<ExitCode> {
    let mut out = std::io::BufWriter::with_capacity(64 << 10, crate::console::stdout_unlocked());
    let mut header = csv::Writer::from_writer(Vec::new());
    header.write_record(["id", "score", "stage", "tier", "disqualified", "reason"])?;
    out.write_all(&header.into_inner().map_err(|error| error.into_error())?)?;
    let mut count = 0;
    let mut unreadable = Vec::new();
    let mut problems = session.par_scan_in_order(
        || Block {
            csv: csv::Writer::from_writer(Vec::new()),
            scored: 0,
            unreadable: Vec::new(),
        },
        |block: &mut Block, rules, row| {
            rules.check_shape(row)?;
            note_unreadable(session, rules, row, &mut block.unreadable);
            let lead = score(rules, row);
            block.scored += 1;
            let cells = [
                CsvCell::Text(lead.id),
                CsvCell::number(lead.score),
                CsvCell::Text(lead.stage.unwrap_or_default().to_owned()),
                CsvCell::Text(lead.tier.unwrap_or_default()),
                CsvCell::number(lead.disqualified),
                CsvCell::Text(lead.reason.unwrap_or_default()),
            ];
            // Writing to a Vec cannot fail; a failure would be a bug, not input.
            for cell in &cells {
                let _ = block.csv.write_field(cell.field().as_bytes());
            }
            let _ = block.csv.write_record(std::iter::empty::<&[u8]>());
            Ok(())
        },
        |block| {
            count += block.scored;
            merge_unreadable(&mut unreadable, block.unreadable);
            let bytes = block.csv.into_inner().map_err(|error| error.into_error())?;
            out.write_all(&bytes)
        },
    )?;
    out.flush()?;
    drop(out);
    finish(session, count, &mut problems, unreadable)
}

fn finish(
    session: &Session,
    count: usize,
    problems: &mut [RowProblem],
    mut unreadable: Vec<Unreadable>,
) -> anyhow::Result<ExitCode> {
    session.report_problems(problems)?;
    if !session.quiet {
        unreadable.sort_by_key(|found| found.index);
        for found in &unreadable {
            eprintln!(
                "warning: rule `{}` ({}) could not read {}: `{}` is not a number (such as `{}`), so the rule does not match them",
                found.rule,
                found.location,
                plural(found.count, "lead", "leads"),
                found.column,
                found.example
            );
        }
    }
    session.summary(
        &format!("{} scored", plural(count, "lead", "leads")),
        problems.len(),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A numeric rule's cells that are not numbers, counted over the run.
struct Unreadable {
    index: usize,
    count: usize,
    rule: String,
    location: String,
    column: String,
    example: String,
}

/// One rule and what it made of the lead.
#[derive(Debug, Serialize)]
struct Fired {
    section: &'static str,
    rule: String,
    /// `matched`, `no match` or `unreadable`.
    outcome: &'static str,
    /// Why it did not match, when that is worth saying.
    why: Option<String>,
    points: Option<i64>,
    reason: Option<String>,
    location: String,
}

#[derive(Debug, Serialize)]
struct Explained {
    id: String,
    path: String,
    line: u64,
    score: i64,
    stage: Option<&'static str>,
    tier: Option<String>,
    /// `column` when the CRM set the tier, `score` when a band gave it.
    tier_from: Option<&'static str>,
    /// The band of the score, when the tier column says otherwise.
    score_band: Option<String>,
    disqualified: bool,
    reason: Option<String>,
    rules: Vec<Fired>,
}

fn explain(session: &Session, id: &str, format: Option<ScoreFormat>) -> anyhow::Result<ExitCode> {
    let mut found: Vec<Explained> = Vec::new();
    let mut problems = session.scan_in_order(|rules, row| {
        if rules.id(row) != id {
            return Ok(());
        }
        rules.check_shape(row)?;
        let scored = rules.scored(row);
        let criteria = &rules.agreement.criteria;
        let band = criteria.band(scored.score).map(|band| band.name.clone());
        let from_column = !rules.raw(row, TIER).is_empty();
        found.push(Explained {
            id: id.to_owned(),
            path: session.show(row.path),
            line: row.line(),
            score: scored.score,
            stage: scored.stage,
            tier_from: scored
                .tier
                .as_ref()
                .map(|_| if from_column { "column" } else { "score" }),
            score_band: band.filter(|band| from_column && Some(band) != scored.tier.as_ref()),
            tier: scored.tier,
            disqualified: scored.disqualified.is_some(),
            reason: scored.disqualified.and_then(|rule| rule.reason.clone()),
            rules: rules
                .scorer
                .outcomes(&rules.cells(row))
                .into_iter()
                .map(|(rule, column, outcome)| {
                    let cells = rules.cells(row);
                    let cell = column.map(|index| cells.cell(index).trim_ascii());
                    let (outcome, why) = match (outcome, cell) {
                        (Outcome::Match, _) => ("matched", None),
                        (Outcome::NotANumber, cell) => (
                            "unreadable",
                            Some(format!(
                                "`{}` is not a number",
                                String::from_utf8_lossy(cell.unwrap_or_default())
                            )),
                        ),
                        (Outcome::NoMatch, None) => (
                            "no match",
                            Some(format!("no column `{}` in this file", rule.field.value)),
                        ),
                        (Outcome::NoMatch, Some([])) => ("no match", Some("empty cell".into())),
                        (Outcome::NoMatch, Some(_)) => ("no match", None),
                    };
                    // Say when `[leads.values]` changed what the rule read.
                    let raw = column.map(|index| row.cell(index).trim_ascii());
                    let why = why.or_else(|| match (raw, cell) {
                        (Some(raw), Some(cell)) if raw != cell => Some(format!(
                            "`{}` read as `{}`",
                            String::from_utf8_lossy(raw),
                            String::from_utf8_lossy(cell)
                        )),
                        _ => None,
                    });
                    Fired {
                        section: rule.section.as_str(),
                        rule: rule.describe(),
                        outcome,
                        why,
                        points: (rule.section != Section::Disqualify).then_some(rule.points),
                        reason: rule.reason.clone(),
                        location: session.location(rule),
                    }
                })
                .collect(),
        });
        Ok(())
    })?;
    session.report_problems(&mut problems)?;
    let Some(lead) = found.first() else {
        bail!("no lead with id `{id}` in the leads files");
    };
    let mut out = crate::console::stdout();
    if format == Some(ScoreFormat::Json) {
        serde_json::to_writer_pretty(&mut out, lead)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{} ({}:{})", lead.id, lead.path, lead.line)?;
        let mut table = Table::new();
        // Long regular expressions wrap instead of widening the table.
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(EXPLAIN_WIDTH);
        table.set_header(["section", "rule", "outcome", "points", "where"]);
        for rule in &lead.rules {
            let matched = rule.outcome == "matched";
            let points = match (rule.points, &rule.reason) {
                (Some(points), _) if matched => format!("{points:+}"),
                (Some(_), _) => String::new(),
                (None, Some(reason)) if matched => format!("disqualifies: {reason}"),
                (None, _) if matched => "disqualifies".to_owned(),
                (None, _) => String::new(),
            };
            let outcome = match &rule.why {
                Some(why) => format!("{}: {why}", rule.outcome),
                None => rule.outcome.to_owned(),
            };
            table.add_row([
                rule.section.to_owned(),
                rule.rule.clone(),
                outcome,
                points,
                rule.location.clone(),
            ]);
        }
        if lead.rules.is_empty() {
            writeln!(out, "The criteria have no rules.")?;
        } else {
            writeln!(out, "{table}")?;
        }
        let tier = match (&lead.tier, lead.tier_from, &lead.score_band) {
            (Some(tier), Some("column"), Some(band)) => {
                format!("tier {tier} (from the tier column; the score alone gives {band})")
            }
            (Some(tier), Some("column"), None) => format!("tier {tier} (from the tier column)"),
            (Some(tier), _, _) => format!("tier {tier} (from the score)"),
            (None, ..) => "no tier".to_owned(),
        };
        let stage = lead
            .stage
            .map_or("no stage".to_owned(), |stage| format!("stage {stage}"));
        writeln!(out, "Score {}: {stage}, {tier}.", lead.score)?;
        match &lead.reason {
            Some(reason) => writeln!(out, "Disqualified: {reason}.")?,
            None if lead.disqualified => writeln!(out, "Disqualified.")?,
            None => writeln!(out, "Not disqualified.")?,
        }
    }
    if found.len() > 1 && !session.quiet {
        let others: Vec<String> = found[1..]
            .iter()
            .map(|lead| format!("{}:{}", lead.path, lead.line))
            .collect();
        eprintln!(
            "warning: id `{id}` is used again at {}; the first is shown",
            others.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
