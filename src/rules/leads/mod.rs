//! AL3xx: the lead criteria (criteria/*.toml) and the leads themselves
//! (leads/*.csv). Criteria problems are found while loading them
//! ([`crate::criteria::load`]); row problems by one streamed pass over each
//! leads file ([`check`]), each located at the cell's physical line and
//! character column.

declare_rules! {
    /// ## What it does
    /// Reports a criteria rule, or a `handoff.required` entry, that names a
    /// column that is not a canonical lead column, not mapped in
    /// `[leads.columns]`, and not in the header of any leads file.
    ///
    /// ## Why is this bad?
    /// A rule on a column that does not exist never matches: every lead
    /// silently loses its points, and nobody notices the scores are wrong.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [[fit]]
    /// field = "industy"
    /// in = ["fintech"]
    /// points = 20
    /// ```
    /// Passes:
    /// ```toml
    /// [[fit]]
    /// field = "industry"
    /// in = ["fintech"]
    /// points = 20
    /// ```
    AL301 ("unknown-lead-column", Error);

    /// ## What it does
    /// Reports SLA, tier, stage and objective settings that cannot work: an
    /// SLA duration that cannot be read (`2d` on a business clock, whose day
    /// has no single length), a business clock without business hours, a
    /// tier band without a first-touch SLA, scores that fall below every
    /// band, two bands with one minimum, an `sql` stage below `mql`, an
    /// unknown objective metric or a target that is not a comparison and a
    /// number, and a table defined in two criteria files.
    ///
    /// ## Why is this bad?
    /// The SLA is what sales and marketing measure each other by; one that
    /// cannot be computed for some leads makes every report on it wrong.
    ///
    /// ## Example
    /// Fails:
    /// ```toml
    /// [sla]
    /// clock = "business"
    /// first_touch = { A = "1h", B = "4h", C = "2d" }
    /// ```
    /// Passes:
    /// ```toml
    /// [sla]
    /// clock = "business"
    /// first_touch = { A = "1h", B = "4h", C = "16h" }
    /// ```
    AL302 ("invalid-sla-or-tiers", Error);

    /// ## What it does
    /// Reports a lead cell that cannot be read: a timestamp (`created_at`,
    /// `assigned_at`, `first_touch_at`, `closed_at`) that is not RFC 3339 or
    /// a local `YYYY-MM-DD HH:MM[:SS]`, a canonical number (`employees`,
    /// `amount`) that is not a number, or a `tier` the SLA does not name.
    ///
    /// ## Why is this bad?
    /// A lead whose assignment time cannot be read has no deadline, so it
    /// can never show up as overdue.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,assigned_at
    /// NW-1,11/23/2026 9:00 EST
    /// ```
    /// Passes:
    /// ```csv
    /// id,assigned_at
    /// NW-1,2026-11-23T09:00:00-05:00
    /// ```
    AL303 ("unreadable-lead-cell", Error);

    /// ## What it does
    /// Reports a lead id used twice, across all leads files, at the second
    /// row, naming the first. Ids compare exactly after trimming (CRM ids
    /// are case-sensitive).
    ///
    /// ## Why is this bad?
    /// Two rows for one lead count it twice in every SLA figure, and
    /// `--explain` cannot tell which one is meant.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,company
    /// NW-1,Acme Bank
    /// NW-1,Globex
    /// ```
    /// Passes:
    /// ```csv
    /// id,company
    /// NW-1,Acme Bank
    /// NW-2,Globex
    /// ```
    AL304 ("duplicate-lead-id", Error);

    /// ## What it does
    /// Reports timestamps out of order: a first touch before the
    /// assignment, or an assignment before the lead was created. The finding
    /// points at the later column's cell.
    ///
    /// ## Why is this bad?
    /// A touch before assignment gives a response time of zero and flatters
    /// the SLA; usually a time zone is wrong in the export.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,assigned_at,first_touch_at
    /// NW-1,2026-11-23T09:00:00-06:00,2026-11-23T08:30:00-06:00
    /// ```
    /// Passes:
    /// ```csv
    /// id,assigned_at,first_touch_at
    /// NW-1,2026-11-23T09:00:00-06:00,2026-11-23T09:30:00-06:00
    /// ```
    AL305 ("lead-timestamps-out-of-order", Error);

    /// ## What it does
    /// Reports a handed-off lead (one with `assigned_at`) whose cell for a
    /// column listed in `handoff.required` is empty; one finding per cell.
    ///
    /// ## Why is this bad?
    /// Sales agreed to take leads with this information; a lead without it
    /// costs a call to find out what marketing should have known.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,title,assigned_at
    /// NW-1,,2026-11-23T09:00:00-06:00
    /// ```
    /// Passes:
    /// ```csv
    /// id,title,assigned_at
    /// NW-1,Controller,2026-11-23T09:00:00-06:00
    /// ```
    AL306 ("handoff-missing-field", Warning);

    /// ## What it does
    /// Reports a handed-off lead (one with `assigned_at`) that scores below
    /// `handoff.min_score`, or that a `[[disqualify]]` rule rules out. The
    /// finding points at the `assigned_at` cell.
    ///
    /// ## Why is this bad?
    /// Unqualified hand-offs are the "their leads are bad" half of the
    /// sales and marketing quarrel; the agreement says which leads sales
    /// takes.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,contact_email,assigned_at
    /// NW-1,pat@gmail.com,2026-11-23T09:00:00-06:00
    /// ```
    /// Passes:
    /// ```csv
    /// id,contact_email,assigned_at
    /// NW-1,pat@acmebank.example,2026-11-23T09:00:00-06:00
    /// ```
    AL307 ("unqualified-handoff", Warning);

    /// ## What it does
    /// Reports a lead with `assigned_at` set but no `owner`.
    ///
    /// ## Why is this bad?
    /// A lead assigned to nobody is the one nobody calls; its SLA clock
    /// runs all the same.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,owner,assigned_at
    /// NW-1,,2026-11-23T09:00:00-06:00
    /// ```
    /// Passes:
    /// ```csv
    /// id,owner,assigned_at
    /// NW-1,dana@northwind.example,2026-11-23T09:00:00-06:00
    /// ```
    AL308 ("assigned-without-owner", Warning);

    /// ## What it does
    /// Reports a non-empty cell that a numeric criteria rule (`at_least`,
    /// `at_most`, or `equals` with a number) cannot read as a number, in a
    /// column that is not a canonical numeric one (those are AL303). The
    /// rule does not match it.
    ///
    /// ## Why is this bad?
    /// `5+` or `about 40` silently scores as no match; the lead loses points
    /// it may deserve.
    ///
    /// ## Example
    /// Fails:
    /// ```csv
    /// id,pages_viewed
    /// NW-1,5+
    /// ```
    /// Passes:
    /// ```csv
    /// id,pages_viewed
    /// NW-1,5
    /// ```
    AL309 ("numeric-rule-on-text", Warning);
}

mod rows;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rows::{Found, check_row, quoted};

use crate::diagnostic::{Diagnostic, Position};
use crate::leads::canonical::ID;
use crate::leads::{self, Agreement, Columns, FileRules, LeadsFile, LeadsReader};
use crate::rules::files::{AL001, AL004};
use crate::workspace::Workspace;
use crate::workspace::settings::LEAD_COLUMNS;

/// Longest cell quoted back in a message, in characters.
const MAX_QUOTED: usize = 60;

/// Checks the criteria and every leads file; returns how many files were
/// checked.
pub fn check(workspace: &Workspace, diagnostics: &mut Vec<Diagnostic>) -> usize {
    let (criteria, found) = crate::criteria::load(workspace);
    diagnostics.extend(found);
    let mut checked = criteria.files.len();
    let agreement = Agreement::new(&workspace.settings, criteria);

    let mut opened: Vec<(LeadsFile, LeadsReader, Columns)> = Vec::new();
    for file in leads::files(workspace) {
        checked += 1;
        let at_start = |message: String| {
            Diagnostic::at(
                &AL001,
                file.path.clone(),
                Position::START,
                Position::START,
                message,
            )
        };
        let reader = match LeadsReader::open(&file.path) {
            Ok(reader) => reader,
            Err(error) => {
                diagnostics.push(at_start(format!("cannot read file: {error}")));
                continue;
            }
        };
        let Some(header) = &reader.header else {
            diagnostics.push(at_start(
                "file is empty: a leads file needs a header row".into(),
            ));
            continue;
        };
        let columns = Columns::new(header, &workspace.settings.leads);
        check_header(workspace, &file, &reader, &columns, diagnostics);
        opened.push((file, reader, columns));
    }
    let known = leads::known_columns(&workspace.settings.leads, opened.iter().map(|(.., c)| c));
    crate::criteria::check_columns(
        &agreement.criteria,
        &known,
        |name| leads::is_known_column(&known, name),
        diagnostics,
    );

    let mut first_ids: HashMap<Box<[u8]>, (Arc<Path>, usize)> = HashMap::new();
    for (file, reader, columns) in opened {
        if columns.get(ID).is_none() {
            continue;
        }
        let rules = FileRules::new(&agreement, columns);
        let scanned = reader.par_scan(Found::default, |found, row| check_row(&rules, row, found));
        let (states, end) = match scanned {
            Ok(scanned) => scanned,
            Err(error) => {
                diagnostics.push(Diagnostic::at(
                    &AL001,
                    file.path.clone(),
                    Position::START,
                    Position::START,
                    format!("cannot read file: {error}"),
                ));
                continue;
            }
        };
        for found in states {
            diagnostics.extend(found.diagnostics);
            for (id, start, end) in found.ids {
                let shown = quoted(&id);
                match first_ids.get(&id) {
                    Some((path, line)) => {
                        let first = workspace.relative(path);
                        diagnostics.push(
                            Diagnostic::at(
                                &AL304,
                                file.path.clone(),
                                start,
                                end,
                                format!(
                                    "duplicate lead id `{shown}`; the first is at {first}:{line}"
                                ),
                            )
                            .with_help("give every lead its own id, or merge the two rows"),
                        );
                    }
                    None => {
                        first_ids.insert(id, (file.path.clone(), start.line));
                    }
                }
            }
        }
        if let Some(open) = end.unterminated_quote {
            diagnostics.push(
                Diagnostic::at(
                    &AL001,
                    file.path.clone(),
                    open,
                    open,
                    "unterminated quoted field",
                )
                .with_help("close the quote; everything after it was read as one cell"),
            );
        }
    }
    checked
}

fn check_header(
    workspace: &Workspace,
    file: &LeadsFile,
    reader: &LeadsReader,
    columns: &Columns,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let line = usize::try_from(reader.header_line).unwrap_or(usize::MAX);
    let at_line = Position { line, column: 1 };
    if columns.get(ID).is_none() {
        diagnostics.push(
            Diagnostic::at(
                &AL004,
                file.path.clone(),
                at_line,
                at_line,
                "the header has no `id` column",
            )
            .with_help(
                "every lead needs a unique id; map the export's id column in `[leads.columns]`",
            ),
        );
    }
    for (index, name) in columns.headers.iter().enumerate() {
        let earlier = columns.headers[..index]
            .iter()
            .any(|other| !name.is_empty() && other.to_lowercase() == name.to_lowercase());
        if earlier {
            diagnostics.push(Diagnostic::at(
                &AL004,
                file.path.clone(),
                at_line,
                at_line,
                format!("column `{name}` appears twice in the header; rules read the first"),
            ));
        }
    }
    let settings = &workspace.settings.leads;
    for (canonical, header) in &columns.missing_mapped {
        let Some((_, mapped)) = settings
            .columns
            .iter()
            .find(|(name, _)| name == LEAD_COLUMNS[*canonical])
        else {
            continue;
        };
        diagnostics.push(
            workspace
                .settings_source
                .diagnostic(
                    &AL004,
                    mapped.span.clone(),
                    format!(
                        "no column `{header}` in {}, so its `{}` is empty",
                        file.relative, LEAD_COLUMNS[*canonical]
                    ),
                )
                .with_help(format!(
                    "use the header exactly as the export writes it: {}",
                    columns.headers.join(", ")
                )),
        );
    }
}
