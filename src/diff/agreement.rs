//! The rest of the agreement compared by value: criteria sections,
//! `align.toml` tables (business hours above all) and collateral front
//! matter.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::values::{compare as compare_fields, flatten};
use super::{Change, ChangeKind, Impact};
use crate::collateral::front_matter::{self, Split};
use crate::syntax::{Entry, Kind, Table};
use crate::workspace::{Workspace, read_source};

type Leaves = BTreeMap<String, String>;

/// `changed`: the files that differ; others have the same front matter.
pub(super) fn compare(
    base: &Workspace,
    head: &Workspace,
    changed: &BTreeSet<String>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    let criteria =
        |workspace: &Workspace| sections(&merged(workspace, &workspace.settings.paths.criteria));
    compare_sections(
        "criteria",
        &criteria(base),
        &criteria(head),
        criteria_impact,
        &mut changes,
    );
    let settings = |workspace: &Workspace| {
        let table = crate::syntax::toml::parse(&workspace.settings_source.text)
            .ok()
            .and_then(|value| match value.kind {
                Kind::Table(table) => Some(table),
                _ => None,
            })
            .unwrap_or_default();
        sections(&table)
    };
    compare_sections(
        "settings",
        &settings(base),
        &settings(head),
        settings_impact,
        &mut changes,
    );
    compare_sections(
        "collateral",
        &front_matters(base, changed),
        &front_matters(head, changed),
        |_, _| None,
        &mut changes,
    );
    changes
}

/// The severity a changed section gets beyond info, with the reason.
type Judge = fn(&str, &[super::FieldChange]) -> Option<&'static str>;

fn criteria_impact(section: &str, _: &[super::FieldChange]) -> Option<&'static str> {
    match section {
        "sla" => Some("response-time SLA changed"),
        "tiers" => Some("tier thresholds changed"),
        "handoff" => Some("handoff terms changed"),
        "objective" => Some("objective targets changed"),
        _ => None,
    }
}

fn settings_impact(section: &str, fields: &[super::FieldChange]) -> Option<&'static str> {
    match section {
        "business_hours" => Some("business hours changed: every SLA clock moves"),
        "workspace" if fields.iter().any(|f| f.field == "timezone") => {
            Some("time zone changed: every SLA clock moves")
        }
        _ => None,
    }
}

fn compare_sections(
    area: &str,
    before: &BTreeMap<String, Leaves>,
    after: &BTreeMap<String, Leaves>,
    judge: Judge,
    changes: &mut Vec<Change>,
) {
    let empty = Leaves::new();
    let added = after.keys().filter(|key| !before.contains_key(*key));
    for key in before.keys().chain(added) {
        let (old, new) = (before.get(key), after.get(key));
        let change = match (old, new) {
            (Some(_), None) => ChangeKind::Removed,
            (None, Some(_)) => ChangeKind::Added,
            _ => ChangeKind::Modified,
        };
        let fields = compare_fields(old.unwrap_or(&empty), new.unwrap_or(&empty));
        if fields.is_empty() && change == ChangeKind::Modified {
            continue;
        }
        let reason = judge(key, &fields);
        changes.push(Change {
            area: area.to_owned(),
            id: key.clone(),
            change,
            severity: if reason.is_some() {
                Impact::Review
            } else {
                Impact::Info
            },
            reason: reason.map(str::to_owned),
            fields,
            dependents: Vec::new(),
        });
    }
}

/// Each top-level key of a table with its leaves.
fn sections(table: &Table) -> BTreeMap<String, Leaves> {
    let mut sections = BTreeMap::new();
    for entry in &table.entries {
        let single = Table {
            entries: vec![entry.clone()],
        };
        let leaves = flatten(&single)
            .into_iter()
            .map(|(path, value)| {
                let inner = path
                    .strip_prefix(entry.key.as_str())
                    .map(|rest| rest.trim_start_matches('.'))
                    .filter(|rest| !rest.is_empty())
                    .unwrap_or("value");
                (inner.to_owned(), value)
            })
            .collect();
        sections.insert(entry.key.clone(), leaves);
    }
    sections
}

/// Every criteria file's top-level tables as one table: arrays of tables
/// from several files are joined.
fn merged(workspace: &Workspace, folder: &str) -> Table {
    let (sources, _) = workspace.read_sources(folder, "toml");
    let mut merged = Table::default();
    for source in sources {
        let Ok(value) = crate::syntax::toml::parse(&source.text) else {
            continue;
        };
        let Kind::Table(table) = value.kind else {
            continue;
        };
        for entry in table.entries {
            join(&mut merged, entry);
        }
    }
    merged
}

fn join(merged: &mut Table, entry: Entry) {
    let existing = merged.entries.iter_mut().find(|e| e.key == entry.key);
    match existing {
        Some(existing) => {
            if let (Kind::Array(items), Kind::Array(more)) =
                (&mut existing.value.kind, entry.value.kind)
            {
                items.extend(more);
            }
        }
        None => merged.entries.push(entry),
    }
}

/// Collateral path → its front matter's leaves.
fn front_matters(workspace: &Workspace, changed: &BTreeSet<String>) -> BTreeMap<String, Leaves> {
    let (mut paths, _) = workspace.files_below(&workspace.settings.paths.collateral, "md");
    paths.retain(|path| changed.contains(&workspace.relative(path)));
    paths
        .par_iter()
        .filter_map(|path| {
            let source = read_source(path, workspace.relative(path)).ok()?;
            let parsed = match front_matter::split(&source.text) {
                // A front matter that does not parse compares as empty; its
                // AL001 shows in the lint delta.
                Split::Yaml { content, .. } => {
                    crate::syntax::yaml::parse(&source.text[content.clone()], content.start).ok()
                }
                Split::Toml { content, .. } => {
                    crate::syntax::toml::parse_at(&source.text[content.clone()], content.start).ok()
                }
                _ => return Some((source.relative, Leaves::new())),
            };
            let leaves = match parsed.map(|value| value.kind) {
                Some(Kind::Table(table)) => flatten(&table),
                _ => Leaves::new(),
            };
            Some((source.relative, leaves))
        })
        .collect()
}
