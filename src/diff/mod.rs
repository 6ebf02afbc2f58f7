//! `align diff`: what changed in the agreement between two revisions of a
//! workspace, by meaning rather than text. Map entries are matched by kind
//! and id, criteria, business hours and collateral front matter by value;
//! each change carries a severity and the places that depend on it, and the
//! lint findings new and resolved at HEAD complete the picture.

mod agreement;
mod entries;
mod lint_delta;
pub mod markdown;
pub mod values;

use std::collections::BTreeSet;

use jiff::civil::Date;
use serde::Serialize;

use crate::dependents::{Dependent, Dependents};
use crate::lint::LintOptions;
use crate::workspace::Workspace;

pub(crate) use entries::{changed as changed_entries, entry_kind};
pub use lint_delta::{Finding, LintDelta};
pub use values::FieldChange;

/// How much a change matters to a reviewer, most first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    Breaking,
    Review,
    Info,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Modified,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Modified => "modified",
        }
    }
}

/// One thing of the agreement that changed.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// `message`, `proof`, … for map entries; `criteria`, `settings` or
    /// `collateral` otherwise.
    pub area: String,
    /// The entry id, criteria section, settings table or collateral path.
    pub id: String,
    pub change: ChangeKind,
    pub severity: Impact,
    /// Why it is breaking or needs review, in a sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub fields: Vec<FieldChange>,
    pub dependents: Vec<DependentView>,
}

/// A dependent as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DependentView {
    pub path: String,
    pub line: usize,
    pub field: String,
    /// `collateral`, `template`, `account`, `message`, `requirement`.
    pub kind: &'static str,
    pub id: String,
}

impl From<&Dependent> for DependentView {
    fn from(dependent: &Dependent) -> DependentView {
        DependentView {
            path: dependent.path.clone(),
            line: dependent.line,
            field: dependent.field.clone(),
            kind: dependent.citer.noun(),
            id: dependent.id.clone(),
        }
    }
}

/// A side whose map, criteria or settings do not parse: its findings, in
/// place of a comparison that would be misleading.
#[derive(Debug, Clone, Serialize)]
pub struct Unparsed {
    pub side: &'static str,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub base: String,
    pub head: String,
    pub counts: Counts,
    pub changes: Vec<Change>,
    pub lint: LintDelta,
    pub unparsed: Vec<Unparsed>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub breaking: usize,
    pub review: usize,
    pub added: usize,
    pub removed: usize,
    pub modified: usize,
}

/// One side of the comparison, loaded.
pub struct Side<'w> {
    pub name: String,
    pub workspace: &'w Workspace,
}

/// Compares `base` with `head`, given the workspace files that differ
/// between them (relative paths); `options` date proof expiry and the lint.
/// Both sides are linted only where findings can differ: the changed files
/// and those depending on what changed (as `lint --changed-since`).
pub fn compare(
    base: &Side,
    head: &Side,
    changed: &BTreeSet<String>,
    options: &LintOptions,
) -> Report {
    let dependents = Dependents::collect(head.workspace);
    let map_changed = changed
        .iter()
        .any(|path| base.workspace.map_files.iter().any(|f| &f.relative == path))
        || changed
            .iter()
            .any(|path| head.workspace.map_files.iter().any(|f| &f.relative == path));
    let base_map = map_changed.then_some(&base.workspace.map);
    let scoped = LintOptions {
        only: crate::changed::widen(
            changed,
            base_map,
            &|path| base.workspace.root.join(path).is_file(),
            head.workspace,
            Some(&dependents),
        ),
        ..options.clone()
    };
    let (base_lint, head_lint) = rayon::join(
        || crate::lint::lint_all(base.workspace, &scoped),
        || crate::lint::lint_all(head.workspace, &scoped),
    );
    let mut unparsed = Vec::new();
    for (side, workspace, run) in [
        ("base", base.workspace, &base_lint),
        ("head", head.workspace, &head_lint),
    ] {
        let findings = lint_delta::agreement_parse_errors(workspace, run);
        if !findings.is_empty() {
            unparsed.push(Unparsed { side, findings });
        }
    }
    let mut changes = Vec::new();
    if unparsed.is_empty() {
        let context = Context {
            dependents: &dependents,
            today: options.today,
        };
        changes.extend(entries::compare(
            &base.workspace.map,
            &head.workspace.map,
            &context,
        ));
        changes.extend(agreement::compare(base.workspace, head.workspace, changed));
    }
    let lint = lint_delta::compare(base.workspace, &base_lint, head.workspace, &head_lint);
    changes.sort_by(|a, b| (a.severity, &a.area, &a.id).cmp(&(b.severity, &b.area, &b.id)));
    let counts = count(&changes);
    Report {
        base: base.name.clone(),
        head: head.name.clone(),
        counts,
        changes,
        lint,
        unparsed,
    }
}

/// What classifying a change needs besides the two values.
pub(crate) struct Context<'a> {
    pub dependents: &'a Dependents,
    pub today: Date,
}

fn count(changes: &[Change]) -> Counts {
    let mut counts = Counts::default();
    for change in changes {
        match (change.severity, change.change) {
            (Impact::Breaking, _) => counts.breaking += 1,
            (Impact::Review, _) => counts.review += 1,
            (Impact::Info, ChangeKind::Added) => counts.added += 1,
            (Impact::Info, ChangeKind::Removed) => counts.removed += 1,
            (Impact::Info, ChangeKind::Modified) => counts.modified += 1,
        }
    }
    counts
}

impl Report {
    /// The most severe impact present, for `--fail-on`.
    pub fn worst(&self) -> Option<Impact> {
        let lint = (!self.lint.new.is_empty()).then_some(Impact::Review);
        let unparsed = (!self.unparsed.is_empty()).then_some(Impact::Breaking);
        self.changes
            .iter()
            .map(|change| change.severity)
            .chain(lint)
            .chain(unparsed)
            .min()
    }
}
