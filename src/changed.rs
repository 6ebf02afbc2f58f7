//! `align lint --changed-since REV`: which files' findings to report. A
//! changed file is in scope; a changed map entry brings in every file that
//! cites it; changed criteria bring in the leads files; a changed
//! `align.toml`, term, phrase or competitor (its names are matched in all
//! prose) brings in everything.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::Arc;

use crate::dependents::Dependents;
use crate::git::{GitError, Repository, Revision};
use crate::map::Map;
use crate::selection::is_below;
use crate::source::SourceFile;
use crate::workspace::Workspace;

/// What git says changed since a revision.
pub struct Changes {
    /// Workspace files that differ, relative to the root.
    files: BTreeSet<String>,
    /// The map as it was, read when the map is among the changed files.
    base_map: Option<Map>,
    revision: Revision,
}

/// The workspace files that differ from `rev`, and the map as it was when
/// it changed. Needs the workspace's settings only, not its map, so it can
/// run while the map is parsed.
pub fn since(workspace: &Workspace, rev: &str) -> Result<Changes, GitError> {
    let repository = Repository::open(&workspace.root)?;
    let (revision, files) = repository.changes_since(rev, &workspace.root, &folders(workspace))?;
    let map_folder = &workspace.settings.paths.map;
    let base_map = if files.iter().any(|path| is_below(path, map_folder)) {
        Some(base_map(&repository, &revision, map_folder)?)
    } else {
        None
    };
    Ok(Changes {
        files,
        base_map,
        revision,
    })
}

/// The files to report on, by path relative to the workspace root; `None`
/// when every file is in scope.
pub fn scope(workspace: &Workspace, changes: &Changes) -> Option<HashSet<String>> {
    let existed = |path: &str| changes.revision.files.contains_key(path);
    widen(
        &changes.files,
        changes.base_map.as_ref(),
        &existed,
        workspace,
        None,
    )
}

/// The folders of a workspace git changes are looked for in.
pub fn folders(workspace: &Workspace) -> [&str; 6] {
    let paths = &workspace.settings.paths;
    [
        &paths.map,
        &paths.criteria,
        &paths.collateral,
        &paths.templates,
        &paths.accounts,
        &paths.leads,
    ]
}

/// The map as it was at `revision`, read straight from its blobs.
fn base_map(repository: &Repository, revision: &Revision, folder: &str) -> Result<Map, GitError> {
    let mut files = Vec::new();
    for (relative, id) in &revision.files {
        let direct = relative
            .strip_prefix(folder)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|name| !name.contains('/') && name.ends_with(".toml"));
        if !direct {
            continue;
        }
        let text = String::from_utf8_lossy(&repository.read(revision, *id)?).into_owned();
        files.push(Arc::new(SourceFile::new(
            Arc::from(Path::new(relative)),
            relative.clone(),
            text,
        )));
    }
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(crate::map::load(&files, &mut Vec::new()))
}

/// The changed files and every file whose findings they can change:
/// every map file when the map changed (map rules look across entries),
/// files citing a changed entry, leads files when criteria changed; `None`
/// (everything) when `align.toml` or an entry matched in all prose changed,
/// or a collateral file was added or removed (any document may link to it).
/// `base` is the map at the other revision, given when the map changed;
/// `existed` tells whether a path existed there.
pub fn widen(
    changed: &BTreeSet<String>,
    base: Option<&Map>,
    existed: &dyn Fn(&str) -> bool,
    head: &Workspace,
    dependents: Option<&Dependents>,
) -> Option<HashSet<String>> {
    if changed.contains("align.toml") {
        return None;
    }
    let paths = &head.settings.paths;
    let added_or_removed = |path: &String| existed(path) != head.root.join(path).is_file();
    if changed
        .iter()
        .any(|path| is_below(path, &paths.collateral) && added_or_removed(path))
    {
        return None;
    }
    let mut scope: HashSet<String> = changed.iter().cloned().collect();
    if let Some(base) = base {
        let entries = crate::diff::changed_entries(base, &head.map);
        if entries.iter().any(|(noun, _)| touches_all_prose(noun)) {
            return None;
        }
        scope.extend(head.map_files.iter().map(|file| file.relative.clone()));
        let collected;
        let dependents = match dependents {
            Some(dependents) => dependents,
            None => {
                collected = Dependents::collect(head);
                &collected
            }
        };
        for (noun, id) in entries {
            if let Some(kind) = crate::diff::entry_kind(noun) {
                scope.extend(dependents.of(kind, &id).iter().map(|d| d.path.clone()));
            }
        }
    }
    if changed.iter().any(|path| is_below(path, &paths.criteria)) {
        let (leads, _) = head.files_below(&paths.leads, "csv");
        scope.extend(leads.iter().map(|path| head.relative(path)));
    }
    Some(scope)
}

/// Whether a changed map entry's kind matters to prose everywhere.
fn touches_all_prose(noun: &str) -> bool {
    matches!(noun, "term" | "phrase" | "competitor")
}
