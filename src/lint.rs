//! `align lint`: load the workspace, run every rule family, then apply the
//! configuration (severities, per-file ignores, `--select`/`--ignore`) and
//! sort the findings into their stable order.

use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::selection::Selection;
use crate::workspace::{Workspace, read_source};
use crate::{codes, rules};

/// What to check and how to judge it, already validated.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// The date deadlines and expiry dates are compared with.
    pub today: Date,
    /// The instant lead deadlines are compared with.
    pub as_of: jiff::Timestamp,
    /// Codes or prefixes; empty means every rule.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// `align lint PATH...`: the files findings are reported for.
    pub selection: Selection,
    /// Report only findings in these files (relative paths), and check no
    /// other collateral; `None` means every file (`--changed-since`).
    pub only: Option<std::collections::HashSet<String>>,
}

#[derive(Debug)]
pub struct LintRun {
    pub diagnostics: Vec<Diagnostic>,
    pub files_checked: usize,
}

impl LintRun {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

pub fn lint(workspace: &Workspace, options: &LintOptions) -> LintRun {
    let mut diagnostics = workspace.diagnostics.clone();
    let mut files_checked = 1 + workspace.map_files.len();
    rules::map::check(&workspace.map, options.today, &mut diagnostics);

    let (mut paths, problems) = workspace.files_below(&workspace.settings.paths.collateral, "md");
    paths.retain(|path| options.selection.covers(&workspace.relative(path)));
    diagnostics.extend(problems);
    if let Some(only) = &options.only {
        paths.retain(|path| only.contains(&workspace.relative(path)));
    }
    files_checked += paths.len();
    let context = rules::collateral::Context::new(workspace, options.today);
    let checked: Vec<(Option<crate::collateral::Document>, Vec<Diagnostic>)> = paths
        .par_iter()
        .map(|path| match read_source(path, workspace.relative(path)) {
            Ok(source) => {
                let mut found = Vec::new();
                let document = context.check(&Arc::new(source), &mut found);
                (Some(document), found)
            }
            Err(problem) => (None, vec![*problem]),
        })
        .collect();
    let mut documents = Vec::with_capacity(checked.len());
    for (document, found) in checked {
        diagnostics.extend(found);
        documents.extend(document);
    }
    rules::collateral::duplicate_ids(&documents, &mut diagnostics);
    // `align lint PATH...` skips families that report on no selected file
    // (a writer checking one document does not wait for a million leads).
    let paths = &workspace.settings.paths;
    let in_scope = |folder: &str| {
        options.only.as_ref().is_none_or(|only| {
            only.iter().any(|path| {
                path.strip_prefix(folder)
                    .is_some_and(|rest| rest.starts_with('/'))
            })
        })
    };
    let reaches = |folders: [&str; 2]| {
        folders
            .iter()
            .any(|f| options.selection.reaches(f) && in_scope(f))
    };
    if reaches([&paths.templates, &paths.accounts]) {
        files_checked += rules::templates::check(workspace, &mut diagnostics);
    }
    if reaches([&paths.criteria, &paths.leads]) {
        files_checked += rules::leads::check(workspace, &mut diagnostics);
    }
    if options.selection.reaches(&paths.feedback) {
        // Feedback names collateral by id: every document's, not only the
        // selected ones'.
        let every_document;
        let named = if options.selection.is_everything() {
            &documents
        } else {
            every_document = crate::collateral::load_documents(workspace).0;
            &every_document
        };
        files_checked += rules::feedback::check(workspace, named, options.today, &mut diagnostics);
    }
    if options.selection.reaches(&paths.coaching) && in_scope(&paths.coaching) {
        files_checked += rules::coaching::check(workspace, &mut diagnostics);
    }

    if let Some(only) = &options.only {
        diagnostics.retain(|diagnostic| only.contains(&workspace.relative(&diagnostic.path)));
    }
    let mut diagnostics = configure(workspace, options, diagnostics);
    diagnostic::sort(&mut diagnostics);
    LintRun {
        diagnostics,
        files_checked,
    }
}

/// The severity `[lint] severity` gives a code: `Some(None)` when it is
/// off, `None` when the configuration does not name it.
pub fn configured_severity(
    lint: &crate::workspace::settings::LintSettings,
    code: &str,
) -> Option<Option<Severity>> {
    lint.severity
        .iter()
        .filter(|(selector, _)| codes::selects(selector, code))
        // The most specific selector wins; among equals, the last.
        .max_by_key(|(selector, _)| selector.len())
        .map(|(_, severity)| *severity)
}

/// Applies `[lint]` severities and per-file ignores, then `--select` and
/// `--ignore`.
fn configure(
    workspace: &Workspace,
    options: &LintOptions,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let lint = &workspace.settings.lint;
    diagnostics
        .into_iter()
        .filter_map(|mut diagnostic| {
            let code = diagnostic.rule.code;
            match configured_severity(lint, code) {
                Some(None) => return None,
                Some(Some(severity)) => diagnostic.severity = severity,
                None => {}
            }
            let relative = workspace.relative(&diagnostic.path);
            if !options.selection.covers(&relative) {
                return None;
            }
            let ignored_here = lint.per_file_ignores.iter().any(|ignore| {
                ignore.glob.is_match(&relative)
                    && ignore.selectors.iter().any(|s| codes::selects(s, code))
            });
            let selected =
                options.select.is_empty() || options.select.iter().any(|s| codes::selects(s, code));
            let ignored = options.ignore.iter().any(|s| codes::selects(s, code));
            (!ignored_here && selected && !ignored).then_some(diagnostic)
        })
        .collect()
}
