//! `align lint --changed-since REV`: which files' findings to report. A
//! changed file is in scope; a changed map entry brings in every file that
//! cites it; changed criteria bring in the leads files; a changed
//! `align.toml`, term, phrase or competitor (its names are matched in all
//! prose) brings in everything.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use crate::dependents::Dependents;
use crate::git::{GitError, Repository};
use crate::source::SourceFile;
use crate::workspace::Workspace;

/// The files to report on, by path relative to the workspace root; `None`
/// when every file is in scope.
pub fn scope(workspace: &Workspace, rev: &str) -> Result<Option<HashSet<String>>, GitError> {
    let repository = Repository::open(&workspace.root)?;
    let revision = repository.revision(rev)?;
    let paths = &workspace.settings.paths;
    let folders = [
        paths.map.as_str(),
        &paths.criteria,
        &paths.collateral,
        &paths.templates,
        &paths.accounts,
        &paths.leads,
    ];
    let changed = repository.changed_files(&revision, &workspace.root, &folders)?;
    let under = |folder: &str, path: &str| {
        path.strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    if changed.contains("align.toml") {
        return Ok(None);
    }
    let mut scope: HashSet<String> = changed.iter().cloned().collect();
    if changed.iter().any(|path| under(&paths.map, path)) {
        let mut base_files = Vec::new();
        for (relative, id) in &revision.files {
            let direct = relative
                .strip_prefix(&paths.map)
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|name| !name.contains('/') && name.ends_with(".toml"));
            if !direct {
                continue;
            }
            let text = String::from_utf8_lossy(&repository.read(&revision, *id)?).into_owned();
            base_files.push(Arc::new(SourceFile::new(
                Arc::from(Path::new(relative)),
                relative.clone(),
                text,
            )));
        }
        let base = crate::map::load(&base_files, &mut Vec::new());
        let entries = crate::diff::changed_entries(&base, &workspace.map);
        if entries.iter().any(|(noun, _)| touches_all_prose(noun)) {
            return Ok(None);
        }
        let dependents = Dependents::collect(workspace);
        for (noun, id) in entries {
            if let Some(kind) = crate::diff::entry_kind(noun) {
                scope.extend(dependents.of(kind, &id).iter().map(|d| d.path.clone()));
            }
        }
    }
    if changed.iter().any(|path| under(&paths.criteria, path)) {
        let (leads, _) = workspace.files_below(&paths.leads, "csv");
        scope.extend(leads.iter().map(|path| workspace.relative(path)));
    }
    Ok(Some(scope))
}

/// Whether a changed map entry's kind matters to prose everywhere.
fn touches_all_prose(noun: &str) -> bool {
    matches!(noun, "term" | "phrase" | "competitor")
}
