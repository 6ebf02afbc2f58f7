//! Who cites a map entry: collateral front matter, templates (ids written
//! literally in `message("…")` and its kin), accounts, and other map
//! entries, each with path and line. `align diff` attaches them to a
//! change; `align lint --changed-since` re-checks the files among them.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::accounts::Accounts;
use crate::collateral::Document;
use crate::map::EntryKind;
use crate::source::SourceFile;
use crate::syntax::Spanned;
use crate::workspace::{Workspace, read_source};

/// What kind of file or entry cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Citer {
    Collateral {
        external: bool,
    },
    Template,
    Account,
    /// A map message; `approved` says whether it is approved.
    Message {
        approved: bool,
    },
    Requirement,
}

impl Citer {
    pub fn noun(self) -> &'static str {
        match self {
            Citer::Collateral { .. } => "collateral",
            Citer::Template => "template",
            Citer::Account => "account",
            Citer::Message { .. } => "message",
            Citer::Requirement => "requirement",
        }
    }
}

/// One place that cites an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependent {
    /// Relative to the workspace root, with `/` separators.
    pub path: String,
    pub line: usize,
    /// The citing field (`messages`, `against`, `message()`).
    pub field: String,
    /// The citing collateral, account or entry id; the template's path.
    pub id: String,
    pub citer: Citer,
}

/// Every citation of every map entry in a workspace.
#[derive(Debug, Default)]
pub struct Dependents {
    by_entry: HashMap<(EntryKind, String), Vec<Dependent>>,
}

impl Dependents {
    /// Reads the collateral front matter, templates and accounts of the
    /// workspace (problems are `align lint`'s to report, not ours).
    pub fn collect(workspace: &Workspace) -> Dependents {
        let mut dependents = Dependents::default();
        dependents.add_map(workspace);
        dependents.add_accounts(workspace);
        dependents.add_templates(workspace);
        dependents.add_collateral(workspace);
        for list in dependents.by_entry.values_mut() {
            list.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        }
        dependents
    }

    /// The places citing one entry, by path and line.
    pub fn of(&self, kind: EntryKind, id: &str) -> &[Dependent] {
        self.by_entry
            .get(&(kind, id.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    fn cite(&mut self, kind: EntryKind, id: &str, dependent: Dependent) {
        self.by_entry
            .entry((kind, id.to_owned()))
            .or_default()
            .push(dependent);
    }

    fn cite_all(
        &mut self,
        source: &SourceFile,
        citer: Citer,
        citer_id: &str,
        citations: &[(&str, EntryKind, &[Spanned<String>])],
    ) {
        for (field, kind, ids) in citations {
            for id in *ids {
                let dependent = Dependent {
                    path: source.relative.clone(),
                    line: source.position(id.span.start).line,
                    field: (*field).to_owned(),
                    id: citer_id.to_owned(),
                    citer,
                };
                self.cite(*kind, &id.value, dependent);
            }
        }
    }

    fn add_map(&mut self, workspace: &Workspace) {
        let map = &workspace.map;
        for message in map.messages.iter() {
            let citer = Citer::Message {
                approved: message.is_approved(),
            };
            self.cite_all(
                &message.origin.source,
                citer,
                &message.id.value,
                &[
                    (
                        "requirements",
                        EntryKind::Requirement,
                        &message.requirements,
                    ),
                    ("segments", EntryKind::Segment, &message.segments),
                    ("against", EntryKind::Competitor, &message.against),
                    ("proof", EntryKind::Proof, &message.proof),
                    ("features", EntryKind::Feature, &message.features),
                ],
            );
        }
        for requirement in map.requirements.iter() {
            self.cite_all(
                &requirement.origin.source,
                Citer::Requirement,
                &requirement.id.value,
                &[("segments", EntryKind::Segment, &requirement.segments)],
            );
        }
    }

    fn add_accounts(&mut self, workspace: &Workspace) {
        let (accounts, _) = Accounts::load(workspace);
        for account in accounts.accounts.iter() {
            let source = &account.origin.source;
            self.cite_all(
                source,
                Citer::Account,
                &account.id.value,
                &[
                    ("segments", EntryKind::Segment, &account.segments),
                    (
                        "requirements",
                        EntryKind::Requirement,
                        &account.requirements,
                    ),
                    ("competitors", EntryKind::Competitor, &account.competitors),
                ],
            );
            for contact in &account.contacts {
                self.cite_all(
                    source,
                    Citer::Account,
                    &account.id.value,
                    &[("cares_about", EntryKind::Requirement, &contact.cares_about)],
                );
            }
        }
    }

    fn add_templates(&mut self, workspace: &Workspace) {
        let (paths, _) = workspace.files_below(&workspace.settings.paths.templates, "md");
        for path in &paths {
            let Ok(source) = read_source(path, workspace.relative(path)) else {
                continue;
            };
            for call in crate::rules::templates::lookup_calls(&source.text) {
                let dependent = Dependent {
                    path: source.relative.clone(),
                    line: source.position(call.id.span.start).line,
                    field: format!("{}()", call.kind.noun()),
                    id: source.relative.clone(),
                    citer: Citer::Template,
                };
                self.cite(call.kind, &call.id.value, dependent);
            }
        }
    }

    fn add_collateral(&mut self, workspace: &Workspace) {
        let (paths, _) = workspace.files_below(&workspace.settings.paths.collateral, "md");
        let found: Vec<Vec<(EntryKind, String, Dependent)>> = paths
            .par_iter()
            .map(|path| collateral_citations(workspace, path))
            .collect();
        for (kind, id, dependent) in found.into_iter().flatten() {
            self.cite(kind, &id, dependent);
        }
    }
}

fn collateral_citations(
    workspace: &Workspace,
    path: &std::path::Path,
) -> Vec<(EntryKind, String, Dependent)> {
    let Ok(source) = read_source(path, workspace.relative(path)) else {
        return Vec::new();
    };
    let source = Arc::new(source);
    let document = Document::read(&source, &workspace.settings, &mut Vec::new());
    let external = document.kind.as_ref().is_some_and(|kind| {
        workspace
            .settings
            .kinds
            .iter()
            .any(|declared| declared.name == kind.value && declared.external)
    });
    let citer = Citer::Collateral { external };
    let fields: [(&str, EntryKind, &[Spanned<String>]); 5] = [
        ("segments", EntryKind::Segment, &document.segments),
        (
            "requirements",
            EntryKind::Requirement,
            &document.requirements,
        ),
        ("competitors", EntryKind::Competitor, &document.competitors),
        ("messages", EntryKind::Message, &document.messages),
        ("proof", EntryKind::Proof, &document.proof),
    ];
    let mut found = Vec::new();
    for (field, kind, ids) in fields {
        for id in ids {
            let dependent = Dependent {
                path: source.relative.clone(),
                line: source.position(id.span.start).line,
                field: field.to_owned(),
                id: document.id.value.clone(),
                citer,
            };
            found.push((kind, id.value.clone(), dependent));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_cites_its_messages_from_collateral_templates_and_map() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind");
        let workspace = crate::workspace::open_root(&root).expect("example opens");
        let dependents = Dependents::collect(&workspace);
        let message = workspace.map.messages.iter().next().expect("a message");
        let citing = dependents.of(EntryKind::Message, &message.id.value);
        assert!(
            citing
                .iter()
                .any(|d| matches!(d.citer, Citer::Collateral { .. }))
        );
        let requirement = &message.requirements[0].value;
        let citing = dependents.of(EntryKind::Requirement, requirement);
        assert!(citing.iter().any(|d| d.id == message.id.value));
        assert!(citing.iter().all(|d| d.line > 0));
    }
}
