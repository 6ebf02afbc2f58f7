//! The checks of one lead row (AL001 ragged rows and bad UTF-8, AL004 a
//! missing id, AL303 to AL309), run on every row of a block in parallel.

use jiff::Timestamp;

use super::*;
use crate::codes::files::{AL001, AL004};
use crate::criteria::Cells;
use crate::criteria::number::{parse_number, trim};
use crate::diagnostic::Diagnostic;
use crate::leads::canonical::{ASSIGNED_AT, FIRST_TOUCH_AT, ID, NUMBERS, OWNER, TIER, TIMESTAMPS};
use crate::leads::{FileRules, Row};

/// What one block of rows found.
#[derive(Default)]
pub(super) struct Found {
    pub diagnostics: Vec<Diagnostic>,
    /// Every lead id, with where its cell is, in file order.
    pub ids: Ids,
    /// AL309 per column: reported once per file, with a count.
    pub not_numbers: Vec<NotANumber>,
}

/// The cells of one column a numeric rule could not read.
pub(super) struct NotANumber {
    pub column: usize,
    pub count: usize,
    /// The finding at the first such cell.
    pub first: Diagnostic,
    pub value: String,
    pub rule: String,
}

impl NotANumber {
    /// Adds a later block's cells of the same columns.
    pub fn merge(into: &mut Vec<NotANumber>, more: Vec<NotANumber>) {
        for found in more {
            match into.iter_mut().find(|known| known.column == found.column) {
                Some(known) => known.count += found.count,
                None => into.push(found),
            }
        }
    }

    /// The one finding for the column.
    pub fn finding(self, header: &str) -> Diagnostic {
        let mut finding = self.first;
        if self.count > 1 {
            finding.message = format!(
                "{} cells of `{header}` are not numbers (the first is `{}`), so the rule `{}` does not match them",
                self.count, self.value, self.rule
            );
        }
        finding
    }
}

pub(super) fn check_row(rules: &FileRules<'_>, row: &Row<'_>, found: &mut Found) {
    let columns = &rules.columns;
    let diagnostics = &mut found.diagnostics;
    if let Err(error) = std::str::from_utf8(row.record.as_slice()) {
        let bad = row
            .record
            .iter()
            .position(|cell| std::str::from_utf8(cell).is_err());
        let _ = error;
        diagnostics.push(
            row.diagnostic(&AL001, bad.unwrap_or(0), "the cell is not valid UTF-8")
                .with_help("export the file as UTF-8"),
        );
    }
    if row.len() != columns.width() {
        diagnostics.push(
            row.row_diagnostic(
                &AL001,
                format!(
                    "the row has {} cells, the header has {}",
                    row.len(),
                    columns.width()
                ),
            )
            .with_help("quote cells that hold commas; every row needs one cell per column"),
        );
        return;
    }
    let cell = |canonical: usize| rules.raw(row, canonical);
    let at = |canonical: usize| columns.get(canonical).unwrap_or(0);
    let id = cell(ID);
    if id.is_empty() {
        diagnostics.push(row.diagnostic(&AL004, at(ID), "the lead has no id"));
    } else {
        let (start, end) = row.cell_span(at(ID));
        found.ids.push(id, start, end);
    }
    // Quoted only when a finding names it, not for every row.
    let shown_id = Quoted(id);

    let mut times: [Option<Timestamp>; 4] = [None; 4];
    for (slot, canonical) in TIMESTAMPS.into_iter().enumerate() {
        match rules.timestamp(row, canonical) {
            Ok(time) => times[slot] = time,
            Err(reason) => diagnostics.push(row.diagnostic(&AL303, at(canonical), reason)),
        }
    }
    for canonical in NUMBERS {
        let value = cell(canonical);
        if !value.is_empty() && parse_number(value).is_none() {
            diagnostics.push(
                row.diagnostic(
                    &AL303,
                    at(canonical),
                    format!(
                        "{} is not a number: `{}`",
                        rules.column_name(canonical),
                        quoted(value)
                    ),
                )
                .with_help("write digits, optionally with `,` between thousands: `1,200`"),
            );
        }
    }
    let tier = cell(TIER);
    let criteria = &rules.agreement.criteria;
    if !tier.is_empty() && criteria.sla.is_some() && !criteria.names_tier(tier) {
        let message = format!(
            "unknown tier `{}`: the SLA names {}",
            quoted(tier),
            criteria.sla_tier_names()
        );
        diagnostics.push(
            row.diagnostic(&AL303, at(TIER), message).with_help(
                "use a tier the `[sla]` names, or leave it empty to use the score's band",
            ),
        );
    }

    let [created, assigned, touched, _] = times;
    if let (Some(assigned), Some(touched)) = (assigned, touched) {
        if touched < assigned {
            diagnostics.push(
                row.diagnostic(
                    &AL305,
                    at(FIRST_TOUCH_AT),
                    format!("lead `{shown_id}` was first touched before it was assigned"),
                )
                .with_help("check the time zones of the export"),
            );
        }
    }
    if let (Some(created), Some(assigned)) = (created, assigned) {
        if assigned < created {
            diagnostics.push(
                row.diagnostic(
                    &AL305,
                    at(ASSIGNED_AT),
                    format!("lead `{shown_id}` was assigned before it was created"),
                )
                .with_help("check the time zones of the export"),
            );
        }
    }

    if cell(ASSIGNED_AT).is_empty() {
        check_numbers(rules, row, &mut found.not_numbers);
        return;
    }
    if let Some(handoff) = &criteria.handoff {
        for field in &handoff.required {
            if let Some(index) = columns.index(&field.value) {
                if trim(row.get(Some(index))).is_empty() {
                    diagnostics.push(row.diagnostic(
                        &AL306,
                        index,
                        format!("lead `{shown_id}` was handed off without `{}`", field.value),
                    ));
                }
            }
        }
    }
    let cells = rules.cells(row);
    let disqualifier = rules.scorer.disqualifier(&cells);
    let score = rules.scorer.score(&cells);
    if let Some(rule) = disqualifier {
        let reason = rule
            .reason
            .as_deref()
            .unwrap_or("a disqualify rule matches");
        diagnostics.push(
            row.diagnostic(
                &AL307,
                at(ASSIGNED_AT),
                format!("lead `{shown_id}` was handed off but is disqualified: {reason}"),
            )
            .with_help(format!("the rule is at {}", rule.location())),
        );
    } else if let Some(minimum) = criteria
        .min_handoff_score()
        .filter(|minimum| (score as f64) < *minimum)
    {
        diagnostics.push(
            row.diagnostic(&AL307, at(ASSIGNED_AT), format!("lead `{shown_id}` was handed off with score {score}, below handoff.min_score {minimum}"))
                .with_help(format!("`align leads score --explain {shown_id}` shows which rules fired")),
        );
    }
    if cell(OWNER).is_empty() {
        let place = columns.get(OWNER).unwrap_or(at(ASSIGNED_AT));
        diagnostics.push(row.diagnostic(
            &AL308,
            place,
            format!("lead `{shown_id}` is assigned but has no owner"),
        ));
    }
    check_numbers(rules, row, &mut found.not_numbers);
}

/// AL309: cells a numeric rule cannot read, outside the canonical numeric
/// columns (which are AL303); counted per column.
fn check_numbers(rules: &FileRules<'_>, row: &Row<'_>, found: &mut Vec<NotANumber>) {
    let cells = rules.cells(row);
    for (index, rule) in rules.scorer.not_numbers(&cells) {
        if NUMBERS.iter().any(|&c| rules.columns.get(c) == Some(index)) {
            continue;
        }
        if let Some(known) = found.iter_mut().find(|known| known.column == index) {
            known.count += 1;
            continue;
        }
        let value = quoted(trim(cells.cell(index)));
        let rule_text = rule.describe();
        let first = row
            .diagnostic(
                &AL309,
                index,
                format!("`{value}` is not a number, so the rule `{rule_text}` does not match it"),
            )
            .with_help(format!(
                "the rule is at {}; map such values to numbers in `[leads.values]`",
                rule.location()
            ));
        found.push(NotANumber {
            column: index,
            count: 1,
            first,
            value,
            rule: rule_text,
        });
    }
}

/// A cell for a message, written when it is: lossy UTF-8, cut short.
pub(super) struct Quoted<'a>(pub &'a [u8]);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&quoted(self.0))
    }
}

/// A cell for a message: lossy UTF-8, cut short.
pub(super) fn quoted(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    match text.char_indices().nth(MAX_QUOTED) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}
