//! AL3xx: the lead criteria (criteria/*.toml) and the leads themselves
//! (leads/*.csv). Criteria problems are found while loading them
//! ([`crate::criteria::load`]); row problems by one streamed pass over each
//! leads file ([`check`]), each located at the cell's physical line and
//! character column.

use crate::codes::leads::*;

mod rows;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

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
/// checked.
pub fn check(workspace: &Workspace, diagnostics: &mut Vec<Diagnostic>) -> usize {
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

    let mut first_ids: HashMap<Box<[u8]>, (Arc<Path>, usize)> = HashMap::new();
    for (file, reader, columns) in opened {
        if columns.get(ID).is_none() {
            continue;
        }
        let headers = columns.headers.clone();
        let rules = FileRules::new(&agreement, columns, &file.import);
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
        let mut not_numbers = Vec::new();
        for found in states {
            diagnostics.extend(found.diagnostics);
            NotANumber::merge(&mut not_numbers, found.not_numbers);
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
        for found in not_numbers {
            let header = headers.get(found.column).cloned().unwrap_or_default();
            diagnostics.push(found.finding(&header));
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
