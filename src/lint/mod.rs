//! `align lint`: one run over the workspace, streamed to a [`Sink`].
//!
//! A finding goes through four steps, and no step holds every finding or
//! every document of the workspace:
//!
//! 1. a check finds it: collateral documents in parallel, one rayon task
//!    per file, a chunk of files at a time; the map, templates and leads on
//!    the calling thread;
//! 2. the per-file filter [`Filter::retain`] applies `[lint] severity`,
//!    `per_file_ignores`, `--select` and `--ignore` to one file's findings,
//!    in the worker that found them. It is the one place findings are
//!    dropped: a later filter (a baseline keyed by path, code and message; a
//!    set of changed files) plugs in next to it, in [`Files::settle`];
//! 3. the file's findings are sorted (line, column, code, message) and
//!    exact repeats dropped, still in the worker;
//! 4. files reach the [`Sink`] in path order, as ripgrep's sorted mode
//!    prints them, so output streams while later files are checked. A sink
//!    that needs the whole run (a count in a header, a file written by
//!    rename) buffers what it needs itself, behind the same two calls.
//!
//! The output is byte for byte what a global sort of every finding gives,
//! whatever the number of threads.

mod filter;

pub use filter::{Filter, configured_severity};

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::codes::files::AL003;
use crate::collateral::document::Anchor;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::rules;
use crate::selection::{Selection, is_below};
use crate::workspace::{Workspace, read_source};

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
    pub only: Option<HashSet<String>>,
    /// Whether findings carry the source lines they point at: only the
    /// `human` format prints them, and they are most of a finding's size.
    pub excerpts: bool,
}

/// Where a run's findings go: one call per file that has any, files in
/// path order, each file's findings sorted and with their final severity.
pub trait Sink {
    fn file(&mut self, findings: &[Diagnostic]) -> io::Result<()>;

    /// For a sink whose formatting costs more than the checks (the human
    /// format's snippets): formats a file's findings on any thread, ahead
    /// of [`Sink::file_formatted`], which writes the bytes in order.
    fn formatter(&self) -> Option<Arc<dyn Format>> {
        None
    }

    fn file_formatted(&mut self, findings: &[Diagnostic], _bytes: &[u8]) -> io::Result<()> {
        self.file(findings)
    }
}

/// One file's findings as output bytes, on any thread.
pub trait Format: Send + Sync {
    fn format(&self, findings: &[Diagnostic]) -> io::Result<Vec<u8>>;
}

/// A sink that keeps every finding, for `--fix` and tests.
#[derive(Debug, Default)]
pub struct Collect(pub Vec<Diagnostic>);

impl Sink for Collect {
    fn file(&mut self, findings: &[Diagnostic]) -> io::Result<()> {
        self.0.extend_from_slice(findings);
        Ok(())
    }
}

/// Every finding of a run, in output order, for callers that compare
/// whole runs (`align diff`).
#[derive(Debug)]
pub struct LintRun {
    pub diagnostics: Vec<Diagnostic>,
    pub files_checked: usize,
}

/// Runs every rule family and keeps every finding. Writing to memory
/// cannot fail, so neither can this.
pub fn lint_all(workspace: &Workspace, options: &LintOptions) -> LintRun {
    let mut all = Collect::default();
    let files_checked =
        lint(workspace, options, &mut all).map_or(0, |summary| summary.files_checked);
    LintRun {
        diagnostics: all.0,
        files_checked,
    }
}

/// What a run found, in numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LintSummary {
    pub errors: usize,
    pub warnings: usize,
    pub files_checked: usize,
}

impl LintSummary {
    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
        }
    }
}

/// Collateral files checked in parallel between two flushes to the sink:
/// enough to keep both cores busy, few enough that memory stays that of a
/// chunk's findings.
const CHUNK: usize = 256;

/// Runs every rule family; the findings go to `sink`. An error is the
/// sink's (a closed pipe, a full disk).
pub fn lint(
    workspace: &Workspace,
    options: &LintOptions,
    sink: &mut dyn Sink,
) -> io::Result<LintSummary> {
    let filter = Filter::new(&workspace.settings.lint, &options.select, &options.ignore);
    let files = Files {
        workspace,
        filter: &filter,
        selection: &options.selection,
        only: options.only.as_ref(),
        excerpts: options.excerpts,
    };
    let mut out = Emitter {
        sink,
        summary: LintSummary::default(),
    };

    let mut others = workspace.diagnostics.clone();
    out.summary.files_checked = 1 + workspace.map_files.len();
    rules::map::check(&workspace.map, options.today, &mut others);
    let (mut paths, problems) = match &options.only {
        // Git named the files: no need to walk ten thousand others.
        Some(only) => (collateral_in(workspace, only), Vec::new()),
        None => workspace.files_below(&workspace.settings.paths.collateral, "md"),
    };
    paths.retain(|path| options.selection.covers(&workspace.relative(path)));
    others.extend(problems);
    out.summary.files_checked += paths.len();
    // `align lint PATH...` skips families that report on no selected file
    // (a writer checking one document does not wait for a million leads).
    let folders = &workspace.settings.paths;
    let in_scope = |folder: &str| {
        options
            .only
            .as_ref()
            .is_none_or(|only| only.iter().any(|path| is_below(path, folder)))
    };
    let reaches = |names: [&str; 2]| {
        names
            .iter()
            .any(|f| options.selection.reaches(f) && in_scope(f))
    };
    if reaches([&folders.templates, &folders.accounts]) {
        out.summary.files_checked += rules::templates::check(workspace, &mut others);
    }
    if reaches([&folders.criteria, &folders.leads]) {
        let keep = |relative: &str, found: &mut Vec<Diagnostic>| files.keep(relative, found);
        out.summary.files_checked += rules::leads::check(workspace, &keep, &mut others);
    }
    if options.selection.reaches(&folders.feedback)
        && in_scope(&folders.feedback)
        && !crate::feedback::files(workspace).is_empty()
    {
        // Feedback names collateral by id, every document's: read their
        // front matter once more rather than keep every document of the
        // stream until the end.
        let (documents, _) = crate::collateral::load_documents(workspace);
        out.summary.files_checked +=
            rules::feedback::check(workspace, &documents, options.today, &mut others);
    }
    if options.selection.reaches(&folders.coaching) && in_scope(&folders.coaching) {
        out.summary.files_checked += rules::coaching::check(workspace, &mut others);
    }
    let mut others = files.settle_all(others).into_iter().peekable();

    // The sink wants files in `Path` order, which is what the global sort
    // of findings used; the walk's order is close but not promised.
    paths.sort();
    let context = rules::collateral::Context::new(workspace, options.today);
    let mut first_ids: HashMap<String, String> = HashMap::new();
    for chunk in paths.chunks(CHUNK) {
        let checked: Vec<Checked> = chunk
            .par_iter()
            .map(|path| check_collateral(&context, &files, options, path))
            .collect();
        // The chunk's files in output order, others merged in.
        let mut batch: Vec<Vec<Diagnostic>> = Vec::new();
        for mut file in checked {
            while let Some(group) = others.next_if(|group| group.path < file.path) {
                batch.push(group.findings);
            }
            let mut extra = Vec::new();
            if let Some(group) = others.next_if(|group| group.path == file.path) {
                extra = group.findings;
            }
            if let Some(id) = file.id.take() {
                extra.extend(duplicate_id(&mut first_ids, id, &files, &file.relative));
            }
            if !extra.is_empty() {
                // Others first, as the whole-run sort kept them.
                extra.append(&mut file.findings);
                diagnostic::sort(&mut extra);
                file.findings = extra;
            }
            batch.push(file.findings);
        }
        out.emit_all(&batch)?;
    }
    for group in others {
        out.emit(&group.findings)?;
    }
    Ok(out.summary)
}

/// The collateral files among `only` (paths relative to the root) that
/// are still there.
fn collateral_in(workspace: &Workspace, only: &HashSet<String>) -> Vec<PathBuf> {
    let folder = &workspace.settings.paths.collateral;
    only.iter()
        .filter(|relative| relative.ends_with(".md") && is_below(relative, folder))
        .map(|relative| workspace.root.join(relative))
        .filter(|path| path.exists())
        .collect()
}

/// The findings of one file, settled.
struct Group {
    path: Arc<Path>,
    findings: Vec<Diagnostic>,
}

/// One collateral document, checked.
struct Checked {
    path: Arc<Path>,
    relative: String,
    id: Option<DocumentId>,
    findings: Vec<Diagnostic>,
}

/// What the duplicate-id check needs of a document: not the document.
struct DocumentId {
    id: String,
    anchor: Anchor,
    path: Arc<Path>,
}

fn check_collateral(
    context: &rules::collateral::Context<'_>,
    files: &Files<'_>,
    options: &LintOptions,
    path: &Path,
) -> Checked {
    let relative = files.workspace.relative(path);
    let (id, mut findings) = match read_source(path, relative.clone()) {
        Ok(mut source) => {
            source.excerpts = options.excerpts;
            let mut found = Vec::new();
            let document = context.check(&Arc::new(source), &mut found);
            let id = DocumentId {
                id: document.id.value,
                anchor: document.id_anchor,
                path: document.path,
            };
            (Some(id), found)
        }
        Err(problem) => (None, vec![*problem]),
    };
    files.settle(&relative, &mut findings);
    Checked {
        path: Arc::from(path),
        relative,
        id,
        findings,
    }
}

/// AL003 for collateral: two documents with the same id (the file stem
/// unless front matter sets `id`). Reported at the second in path order,
/// naming the first.
fn duplicate_id(
    first_ids: &mut HashMap<String, String>,
    document: DocumentId,
    files: &Files<'_>,
    relative: &str,
) -> Vec<Diagnostic> {
    let Some(original) = first_ids.get(&document.id) else {
        first_ids.insert(document.id, relative.to_owned());
        return Vec::new();
    };
    let mut found = vec![
        document
            .anchor
            .diagnostic(
                &AL003,
                document.path,
                format!(
                    "duplicate collateral id `{}`, first used by {original}",
                    document.id
                ),
            )
            .with_help("set a distinct `id` in the front matter of one of them"),
    ];
    files.settle(relative, &mut found);
    found
}

/// How findings are settled: shared by the workers.
struct Files<'w> {
    workspace: &'w Workspace,
    filter: &'w Filter<'w>,
    selection: &'w Selection,
    only: Option<&'w HashSet<String>>,
    excerpts: bool,
}

impl Files<'_> {
    /// Step 2 for findings kept a long while (a leads file's, until the
    /// file is read): filtered, and trimmed to what will be printed.
    fn keep(&self, relative: &str, findings: &mut Vec<Diagnostic>) {
        self.retain(relative, findings);
        for finding in findings {
            if !self.excerpts {
                finding.excerpt = None;
            }
            finding.message.shrink_to_fit();
            if let Some(help) = &mut finding.help {
                help.shrink_to_fit();
            }
        }
    }

    /// Steps 2 and 3 for one file's findings.
    fn settle(&self, relative: &str, findings: &mut Vec<Diagnostic>) {
        self.retain(relative, findings);
        diagnostic::sort(findings);
    }

    /// The per-file filter point: `align lint PATH...` and
    /// `--changed-since`, then the configuration and `--select`/`--ignore`.
    fn retain(&self, relative: &str, findings: &mut Vec<Diagnostic>) {
        let changed = self.only.is_none_or(|only| only.contains(relative));
        if !changed || !self.selection.covers(relative) {
            findings.clear();
            return;
        }
        self.filter.retain(relative, findings);
    }

    /// Findings of any files, grouped by file in path order and settled.
    fn settle_all(&self, mut findings: Vec<Diagnostic>) -> Vec<Group> {
        // Stable, so repeats keep the order the checks found them in.
        findings.sort_by(|a, b| a.path.cmp(&b.path));
        let mut groups: Vec<Group> = Vec::new();
        for finding in findings {
            match groups.last_mut() {
                Some(group) if group.path == finding.path => group.findings.push(finding),
                _ => groups.push(Group {
                    path: finding.path.clone(),
                    findings: vec![finding],
                }),
            }
        }
        groups.par_iter_mut().for_each(|group| {
            self.settle(&self.workspace.relative(&group.path), &mut group.findings);
        });
        groups.retain(|group| !group.findings.is_empty());
        groups
    }
}

/// The sink and the running counts.
struct Emitter<'s> {
    sink: &'s mut dyn Sink,
    summary: LintSummary,
}

impl Emitter<'_> {
    fn emit(&mut self, findings: &[Diagnostic]) -> io::Result<()> {
        if findings.is_empty() {
            return Ok(());
        }
        self.count(findings);
        self.sink.file(findings)
    }

    /// Several files' findings, formatted in parallel when the sink can.
    fn emit_all(&mut self, batch: &[Vec<Diagnostic>]) -> io::Result<()> {
        let Some(format) = self.sink.formatter() else {
            return batch.iter().try_for_each(|findings| self.emit(findings));
        };
        let formatted: Vec<io::Result<Vec<u8>>> = batch
            .par_iter()
            .map(|findings| format.format(findings))
            .collect();
        for (findings, bytes) in batch.iter().zip(formatted) {
            if !findings.is_empty() {
                self.count(findings);
                self.sink.file_formatted(findings, &bytes?)?;
            }
        }
        Ok(())
    }

    fn count(&mut self, findings: &[Diagnostic]) {
        for finding in findings {
            match finding.severity {
                Severity::Error => self.summary.errors += 1,
                Severity::Warning => self.summary.warnings += 1,
            }
        }
    }
}
