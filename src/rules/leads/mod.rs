//! AL3xx: the lead criteria (criteria/*.toml) and the leads themselves
//! (leads/*.csv). Criteria problems are found while loading them
//! ([`crate::criteria::load`]); row problems by one streamed pass over each
//! leads file ([`check`]), each located at the cell's physical line and
//! character column.

use crate::codes::leads::*;

mod ids;
mod rows;

use std::path::Path;
use std::sync::Arc;

use ids::{IdRef, Ids};
use rows::{Found, NotANumber, check_row, quoted};

use crate::codes::files::{AL001, AL004};
use crate::diagnostic::{Diagnostic, Position, Severity};
use crate::leads::canonical::ID;
use crate::leads::{self, Agreement, Columns, FileRules, LeadsFile, LeadsReader};
use crate::workspace::Workspace;
use crate::workspace::settings::LEAD_COLUMNS;

/// Longest cell quoted back in a message, in characters.
const MAX_QUOTED: usize = 60;

/// Checks the criteria and every leads file; returns how many files were
/// checked. `keep` settles the findings of each row as they are found
/// (given the file's path relative to the workspace), so a million rows'
/// findings that the run does not want are never held.
pub fn check(
    workspace: &Workspace,
    keep: &(dyn Fn(&str, &mut Vec<Diagnostic>) + Sync),
    diagnostics: &mut Vec<Diagnostic>,
) -> usize {
    let (criteria, found) = crate::criteria::load(workspace);
    diagnostics.extend(found);
    let mut checked = criteria.files.len();
    let agreement = Agreement::new(&workspace.settings, criteria);

    check_file_globs(workspace, diagnostics);
    for path in leads::skipped(workspace) {
        let mut finding = Diagnostic::at(
            &AL001,
            Arc::from(path.as_path()),
            Position::START,
            Position::START,
            "not a regular file (a FIFO, a device or a broken link): skipped, never opened",
        )
        .with_help("leads files are CSV files; move this entry out of the leads folder");
        finding.severity = Severity::Warning;
        diagnostics.push(finding);
    }
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
        let reader = match file.open() {
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
        let columns = Columns::new(header, &file.import);
        check_header(workspace, &file, &reader, &columns, diagnostics);
        opened.push((file, reader, columns));
    }
    let known = leads::known_columns(opened.iter().map(|(.., c)| c));
    crate::criteria::check_columns(
        &agreement.criteria,
        &known,
        |name| leads::is_known_column(&known, name),
        diagnostics,
    );

    // Every file's ids, by file and block, until the last file is checked.
    let mut files_ids: Vec<(Arc<Path>, Vec<Ids>)> = Vec::new();
    for (file, reader, columns) in opened {
        if columns.get(ID).is_none() {
            continue;
        }
        let headers = columns.headers.clone();
        let rules = FileRules::new(&agreement, columns, &file.import);
        let scanned = reader.par_scan(Found::default, |found, row| {
            let before = found.diagnostics.len();
            check_row(&rules, row, found);
            if found.diagnostics.len() > before {
                let mut fresh = found.diagnostics.split_off(before);
                keep(&file.relative, &mut fresh);
                found.diagnostics.append(&mut fresh);
            }
        });
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
        let mut blocks = Vec::with_capacity(states.len());
        let mut not_numbers = Vec::new();
        for found in states {
            diagnostics.extend(found.diagnostics);
            NotANumber::merge(&mut not_numbers, found.not_numbers);
            blocks.push(found.ids);
        }
        files_ids.push((file.path.clone(), blocks));
        for found in not_numbers {
            let header = headers.get(found.column).cloned().unwrap_or_default();
            diagnostics.push(found.finding(&header));
        }
        diagnostics.extend(end.unterminated_quote_finding(&file.path));
    }
    duplicate_ids(workspace, &files_ids, diagnostics);
    checked
}

/// AL304: an id seen before, in the same file or an earlier one, reported
/// at the repeat and naming the first.
fn duplicate_ids(
    workspace: &Workspace,
    files_ids: &[(Arc<Path>, Vec<Ids>)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut blocks = Vec::new();
    let mut paths = Vec::new();
    for (path, ids) in files_ids {
        for block in ids {
            blocks.push(block);
            paths.push(path);
        }
    }
    let id_at = |at: IdRef| blocks.get(at.block)?.get(at.index);
    for (repeat, first) in ids::repeats(&blocks) {
        let (Some((id, start, end)), Some((_, first_start, _))) = (id_at(repeat), id_at(first))
        else {
            continue;
        };
        let (Some(path), Some(first_path)) = (paths.get(repeat.block), paths.get(first.block))
        else {
            continue;
        };
        let shown = quoted(id);
        let first = workspace.relative(first_path);
        let line = first_start.line;
        diagnostics.push(
            Diagnostic::at(
                &AL304,
                Arc::clone(path),
                start,
                end,
                format!("duplicate lead id `{shown}`; the first is at {first}:{line}"),
            )
            .with_help("give every lead its own id, or merge the two rows"),
        );
    }
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
    // One set of the names seen so far, not a scan of them per column: an
    // export can have thousands of columns.
    let mut seen = std::collections::HashSet::new();
    for (index, name) in columns.headers.iter().enumerate() {
        if name.is_empty() && columns.width() > 1 {
            let (start, end) = reader
                .header_spans
                .get(index)
                .copied()
                .unwrap_or((at_line, at_line));
            diagnostics.push(
                Diagnostic::at(
                    &AL004,
                    file.path.clone(),
                    start,
                    end,
                    format!("column {} of the header has no name", index + 1),
                )
                .with_help("name the column, or remove it (and its cells) from the export; rules and `[leads.columns]` find columns by name"),
            );
            continue;
        }
        let earlier = !seen.insert(name.to_lowercase()) && !name.is_empty();
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
    for (canonical, header, span) in &columns.missing_mapped {
        diagnostics.push(
            workspace
                .settings_source
                .diagnostic(
                    &AL004,
                    span.clone(),
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

/// A `[leads.files]` glob that matches no leads file is a warning: it is
/// most likely misspelt, and its settings silently apply to nothing.
fn check_file_globs(workspace: &Workspace, diagnostics: &mut Vec<Diagnostic>) {
    let files = leads::files(workspace);
    for table in &workspace.settings.leads.files {
        let matched = files.iter().any(|file| {
            file.path
                .file_name()
                .is_some_and(|name| table.matcher.is_match(name))
        });
        if !matched {
            let mut finding = workspace
                .settings_source
                .diagnostic(
                    &AL004,
                    table.glob_span.clone(),
                    format!(
                        "`[leads.files.\"{}\"]` matches no file in {}/",
                        table.glob, workspace.settings.paths.leads
                    ),
                )
                .with_help("globs are relative to the leads folder, such as \"salesforce-*.csv\"");
            finding.severity = Severity::Warning;
            diagnostics.push(finding);
        }
    }
}
