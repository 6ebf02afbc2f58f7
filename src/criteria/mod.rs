//! Lead criteria (`criteria/*.toml`): the written agreement between sales
//! and marketing on what a qualified lead is. Fit and engagement rules add
//! points to a lead's score, disqualifiers rule it out, stages and tiers
//! are score thresholds, the handoff says what sales may expect of a lead
//! it is given, and the SLA says how fast sales must first touch it, per
//! tier, on a business or calendar clock.
//!
//! Loading returns the criteria *and* their problems as diagnostics; the
//! evaluation of a lead works on column indices resolved once per leads
//! file ([`Scorer`]), so scoring a row allocates nothing.

mod criterion;
mod load;
pub mod number;
mod objective;

use std::ops::Range;
use std::sync::Arc;

pub use criterion::{Criterion, Outcome, Section, Test, normalize};
pub use load::{TESTS, check_columns, load};
pub use objective::{Comparison, Metric, Objective, Target};

use crate::clock::ClockKind;
use crate::source::SourceFile;
use crate::syntax::Spanned;

/// The largest number of points a rule may give or take: far above any
/// real scoring, and low enough that no sum of rules can overflow.
pub const MAX_POINTS: i64 = 1_000_000;

/// Every criteria file of a workspace, read into one agreement.
#[derive(Debug, Default)]
pub struct Criteria {
    pub files: Vec<Arc<SourceFile>>,
    /// Fit, engagement and disqualify rules, in file order.
    pub rules: Vec<Criterion>,
    pub stages: Stages,
    pub handoff: Option<Handoff>,
    /// Score bands, highest minimum first.
    pub tiers: Vec<Tier>,
    pub sla: Option<Sla>,
    pub objectives: Vec<Objective>,
}

/// Minimum scores per stage.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stages {
    pub mql: Option<f64>,
    pub sql: Option<f64>,
}

#[derive(Debug)]
pub struct Handoff {
    pub min_score: Option<f64>,
    /// Lead columns that must not be empty once a lead is handed off.
    pub required: Vec<Spanned<String>>,
    pub source: Arc<SourceFile>,
}

/// A tier band: leads scoring at least `min_score` (and less than the band
/// above) get this tier when their `tier` cell is empty.
#[derive(Debug, Clone)]
pub struct Tier {
    pub name: String,
    pub min_score: f64,
    pub source: Arc<SourceFile>,
    pub span: Range<usize>,
}

#[derive(Debug)]
pub struct Sla {
    pub clock: ClockKind,
    /// The first-touch SLA of each tier, in seconds on the clock.
    pub first_touch: Vec<TierSla>,
    /// Every tier `first_touch` names, in file order, including those
    /// whose duration could not be read (AL302): such a tier is known, but
    /// its leads cannot be held to an SLA.
    pub named: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct TierSla {
    /// The tier as the criteria write it (`A`).
    pub tier: String,
    pub seconds: i64,
}

impl Criteria {
    /// The SLA of a tier named in a lead's `tier` cell (trimmed, any case).
    pub fn tier_sla(&self, tier: &[u8]) -> Option<&TierSla> {
        let tier = number::trim(tier);
        self.sla
            .as_ref()?
            .first_touch
            .iter()
            .find(|sla| same_tier(&sla.tier, tier))
    }

    /// Whether the SLA names a tier (trimmed, any case), whether or not
    /// its duration could be read.
    pub fn names_tier(&self, tier: &[u8]) -> bool {
        let tier = number::trim(tier);
        self.sla
            .as_ref()
            .is_some_and(|sla| sla.named.iter().any(|name| same_tier(name, tier)))
    }

    /// Every tier the criteria name, in `[sla]` then `[tiers]` (each once,
    /// ignoring case).
    pub fn tier_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        let sla = self.sla.iter().flat_map(|sla| sla.named.iter());
        for name in sla.chain(self.tiers.iter().map(|tier| &tier.name)) {
            if !names.iter().any(|seen| seen.eq_ignore_ascii_case(name)) {
                names.push(name);
            }
        }
        names
    }

    /// The tier band of a score: the band with the highest minimum the
    /// score reaches.
    pub fn band(&self, score: i64) -> Option<&Tier> {
        self.tiers
            .iter()
            .find(|tier| score as f64 >= tier.min_score)
    }

    /// The stage a score reaches: `sql`, `mql`, or none.
    pub fn stage(&self, score: i64) -> Option<&'static str> {
        let score = score as f64;
        if self.stages.sql.is_some_and(|sql| score >= sql) {
            Some("sql")
        } else if self.stages.mql.is_some_and(|mql| score >= mql) {
            Some("mql")
        } else {
            None
        }
    }

    /// The tiers the SLA names, for messages: `` `A`, `B` and `C` ``.
    pub fn sla_tier_names(&self) -> String {
        let names: Vec<String> = self
            .sla
            .iter()
            .flat_map(|sla| sla.named.iter().map(|tier| format!("`{tier}`")))
            .collect();
        match names.as_slice() {
            [] => "no tier".to_owned(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }

    /// The lowest handoff score, if the handoff sets one.
    pub fn min_handoff_score(&self) -> Option<f64> {
        self.handoff.as_ref().and_then(|handoff| handoff.min_score)
    }
}

/// Whether a trimmed `tier` cell names the tier `name`, in any case.
fn same_tier(name: &str, cell: &[u8]) -> bool {
    name.as_bytes().eq_ignore_ascii_case(cell)
        || (!cell.is_ascii() && normalize(&String::from_utf8_lossy(cell)) == name.to_lowercase())
}

/// Read access to the cells of one lead, by column index.
pub trait Cells {
    /// The cell at `index`; empty when the row has no such cell.
    fn cell(&self, index: usize) -> &[u8];
}

impl Cells for csv::ByteRecord {
    fn cell(&self, index: usize) -> &[u8] {
        self.get(index).unwrap_or_default()
    }
}

impl Cells for [&str] {
    fn cell(&self, index: usize) -> &[u8] {
        self.get(index).map_or(&[], |cell| cell.as_bytes())
    }
}

/// The criteria's rules bound to the columns of one leads file.
#[derive(Debug)]
pub struct Scorer<'c> {
    /// Each rule with its column; `None` when the file lacks the column
    /// (the cell is then empty).
    rules: Vec<(Option<usize>, &'c Criterion)>,
}

impl<'c> Scorer<'c> {
    pub fn new(criteria: &'c Criteria, column: impl Fn(&str) -> Option<usize>) -> Scorer<'c> {
        Scorer {
            rules: criteria
                .rules
                .iter()
                .map(|rule| (column(&rule.field.value), rule))
                .collect(),
        }
    }

    fn cell<C: Cells + ?Sized>(cells: &C, column: Option<usize>) -> &[u8] {
        column.map_or(&[], |index| cells.cell(index))
    }

    /// The sum of the points of the fit and engagement rules that match.
    pub fn score<C: Cells + ?Sized>(&self, cells: &C) -> i64 {
        self.rules
            .iter()
            .filter(|(_, rule)| rule.section != Section::Disqualify)
            .filter(|(column, rule)| {
                rule.test.evaluate(Self::cell(cells, *column)) == Outcome::Match
            })
            .map(|(_, rule)| rule.points)
            // Points are bounded (MAX_POINTS), so this never saturates in
            // practice; it must never wrap.
            .fold(0i64, i64::saturating_add)
    }

    /// The first disqualifier that matches.
    pub fn disqualifier<C: Cells + ?Sized>(&self, cells: &C) -> Option<&'c Criterion> {
        self.rules
            .iter()
            .filter(|(_, rule)| rule.section == Section::Disqualify)
            .find(|(column, rule)| rule.test.evaluate(Self::cell(cells, *column)) == Outcome::Match)
            .map(|(_, rule)| *rule)
    }

    /// Every rule that matches, in file order (`--explain`).
    pub fn fired<C: Cells + ?Sized>(&self, cells: &C) -> Vec<&'c Criterion> {
        self.rules
            .iter()
            .filter(|(column, rule)| {
                rule.test.evaluate(Self::cell(cells, *column)) == Outcome::Match
            })
            .map(|(_, rule)| *rule)
            .collect()
    }

    /// Every rule, in file order, with its column in this file (`None`:
    /// the file has none) and what it made of the lead (`--explain`).
    pub fn outcomes<C: Cells + ?Sized>(
        &self,
        cells: &C,
    ) -> Vec<(&'c Criterion, Option<usize>, Outcome)> {
        self.rules
            .iter()
            .map(|(column, rule)| {
                (
                    *rule,
                    *column,
                    rule.test.evaluate(Self::cell(cells, *column)),
                )
            })
            .collect()
    }

    /// Calls `found(rule index, rule, column)` for each rule that could not
    /// read its cell as a number, without allocating.
    pub fn each_unreadable<C: Cells + ?Sized>(
        &self,
        cells: &C,
        mut found: impl FnMut(usize, &'c Criterion, usize),
    ) {
        for (index, (column, rule)) in self.rules.iter().enumerate() {
            let Some(column) = *column else { continue };
            if rule.test.is_numeric()
                && rule.test.evaluate(cells.cell(column)) == Outcome::NotANumber
            {
                found(index, rule, column);
            }
        }
    }

    /// The columns whose non-empty cell a numeric rule could not read as a
    /// number (each column once), with the first such rule.
    pub fn not_numbers<C: Cells + ?Sized>(&self, cells: &C) -> Vec<(usize, &'c Criterion)> {
        let mut found: Vec<(usize, &'c Criterion)> = Vec::new();
        for (column, rule) in &self.rules {
            let Some(column) = *column else { continue };
            if rule.test.is_numeric()
                && !found.iter().any(|(seen, _)| *seen == column)
                && rule.test.evaluate(cells.cell(column)) == Outcome::NotANumber
            {
                found.push((column, rule));
            }
        }
        found
    }
}
