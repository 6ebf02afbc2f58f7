//! `align lint PATH...`: the files and folders of a workspace a run reports
//! on, as workspace-relative paths compared component by component.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SelectionError {
    #[error("cannot read {}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is outside the workspace {}", .path.display(), .root.display())]
    Outside { path: PathBuf, root: PathBuf },
}

/// Which workspace files a run covers; every file when empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Workspace-relative, `/`-separated, without a trailing `/`; the root
    /// itself is the empty string and covers everything.
    prefixes: Vec<String>,
}

impl Selection {
    /// The selection of `paths` inside the workspace at `root`. Each path
    /// must exist (a misspelt path would otherwise check nothing and pass)
    /// and lie inside the root once links are resolved.
    pub fn of(root: &Path, paths: &[PathBuf]) -> Result<Selection, SelectionError> {
        let root = canonical(root)?;
        let mut prefixes = Vec::with_capacity(paths.len());
        for path in paths {
            let resolved = canonical(path)?;
            let inside = resolved
                .strip_prefix(&root)
                .map_err(|_| SelectionError::Outside {
                    path: path.clone(),
                    root: root.clone(),
                })?;
            let relative: Vec<_> = inside
                .components()
                .map(|part| part.as_os_str().to_string_lossy())
                .collect();
            prefixes.push(relative.join("/"));
        }
        if prefixes.iter().any(String::is_empty) {
            prefixes.clear();
        }
        Ok(Selection { prefixes })
    }

    pub fn is_everything(&self) -> bool {
        self.prefixes.is_empty()
    }

    /// Whether any selected file can lie in `folder` (workspace-relative,
    /// as `[paths]` writes it): a rule family that only reports on files
    /// there can be skipped otherwise.
    pub fn reaches(&self, folder: &str) -> bool {
        let folder = folder.trim_start_matches("./").trim_end_matches('/');
        self.is_everything()
            || folder.is_empty()
            || self
                .prefixes
                .iter()
                .any(|prefix| is_within(prefix, folder) || is_within(folder, prefix))
    }

    /// Whether the file at `relative` (workspace-relative, `/`-separated)
    /// is one of the selected files or below a selected folder.
    pub fn covers(&self, relative: &str) -> bool {
        self.is_everything()
            || self
                .prefixes
                .iter()
                .any(|prefix| is_within(relative, prefix))
    }
}

/// `path` is below `folder` (both `/`-separated, relative): a file in it
/// or in one of its subfolders.
pub fn is_below(path: &str, folder: &str) -> bool {
    path.strip_prefix(folder)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// `path` is `folder` or below it (both `/`-separated, relative).
fn is_within(path: &str, folder: &str) -> bool {
    path.strip_prefix(folder)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

fn canonical(path: &Path) -> Result<PathBuf, SelectionError> {
    path.canonicalize().map_err(|source| SelectionError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_cover_what_is_below_them_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("collateral/one-pagers")).unwrap();
        std::fs::write(root.join("collateral/x.md"), "x").unwrap();
        let selection = Selection::of(
            root,
            &[
                root.join("collateral/one-pagers"),
                root.join("collateral/x.md"),
            ],
        )
        .unwrap();
        assert!(selection.covers("collateral/one-pagers/a.md"));
        assert!(selection.covers("collateral/x.md"));
        assert!(!selection.covers("collateral/one-pagers2/a.md"));
        assert!(!selection.covers("collateral/x.md.bak"));
        assert!(!selection.covers("map/messages.toml"));
        assert!(selection.reaches("collateral"));
        assert!(selection.reaches("./collateral/one-pagers/"));
        assert!(selection.reaches("collateral/one-pagers/2024"));
        assert!(!selection.reaches("leads"));
        assert!(!selection.reaches("collateral/one"));
        let everything = Selection::of(root, &[root.join("collateral"), root.to_path_buf()]);
        assert!(everything.unwrap().is_everything());
    }

    #[test]
    fn paths_outside_the_root_or_missing_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        std::fs::create_dir_all(&root).unwrap();
        let outside = Selection::of(&root, &[dir.path().to_path_buf()]).unwrap_err();
        assert!(outside.to_string().contains("is outside the workspace"));
        let missing = Selection::of(&root, &[root.join("nope.md")]).unwrap_err();
        assert!(matches!(missing, SelectionError::Io { .. }));
    }
}
