//! Which working-tree files differ from a revision, as `git status` tells
//! it: a file whose stat data still matches an index entry holding the
//! revision's blob is unchanged without being read; any other is hashed.
//!
//! Directories are scanned in parallel, and each file is stat'ed relative
//! to its directory's open handle (`DirEntry::metadata`), so the kernel
//! resolves one name per file rather than the whole path: on 10,000 files
//! that is most of the cost of `lint --changed-since`.

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use gix::bstr::BStr;
use gix::index::entry::stat;

use super::GitError;
use crate::selection::is_below;

/// What the scan compares each file with.
pub(super) struct Baseline<'a> {
    /// The revision's blobs, by path relative to the workspace root.
    pub files: &'a HashMap<String, gix::ObjectId>,
    pub index: &'a gix::index::State,
    /// The workspace root inside the working tree (`""` or `dir/`).
    pub prefix: &'a str,
    pub hash: gix::hash::Kind,
}

/// The state the parallel scan shares.
struct Scan<'a> {
    baseline: &'a Baseline<'a>,
    changed: Mutex<BTreeSet<String>>,
    /// Files found that the revision has, to tell whether any were deleted.
    seen: AtomicUsize,
    error: Mutex<Option<GitError>>,
}

/// Files below `folders` (and `align.toml`) of `root` that were edited,
/// added or deleted since the revision in `baseline`.
pub(super) fn changed(
    baseline: &Baseline<'_>,
    root: &Path,
    folders: &[&str],
) -> Result<BTreeSet<String>, GitError> {
    let scan = Scan {
        baseline,
        changed: Mutex::new(BTreeSet::new()),
        seen: AtomicUsize::new(0),
        error: Mutex::new(None),
    };
    rayon::scope(|scope| {
        for folder in folders {
            let dir = root.join(folder);
            let in_repo = format!("{}{folder}", baseline.prefix);
            let scan = &scan;
            scope.spawn(move |scope| scan.directory(scope, dir, in_repo, Vec::new()));
        }
    });
    if let Ok(metadata) = fs::symlink_metadata(root.join("align.toml")) {
        let in_repo = format!("{}align.toml", baseline.prefix);
        scan.file(root, "align.toml".as_ref(), &in_repo, &metadata);
    }
    if let Some(error) = scan.error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(error);
    }
    let mut changed = scan.changed.into_inner().unwrap_or_else(|e| e.into_inner());
    let in_scope = |relative: &str| {
        relative == "align.toml" || folders.iter().any(|folder| is_below(relative, folder))
    };
    let expected = baseline.files.keys().filter(|path| in_scope(path)).count();
    if scan.seen.into_inner() < expected {
        for relative in baseline.files.keys().filter(|path| in_scope(path)) {
            if !root.join(relative).is_file() {
                changed.insert(relative.clone());
            }
        }
    }
    Ok(changed)
}

impl<'a> Scan<'a> {
    /// Scans one directory: its files here, its subdirectories as new
    /// tasks. `in_repo` is its path in the repository, which its files'
    /// paths extend (one buffer, not a string per file). `ancestors` are
    /// the identities of the directories above, so a link back to one of
    /// them is not followed forever. An unreadable directory is skipped:
    /// the lint itself reports it.
    fn directory<'s>(
        &'s self,
        scope: &rayon::Scope<'s>,
        dir: PathBuf,
        in_repo: String,
        mut ancestors: Vec<(u64, u64)>,
    ) {
        let Ok(entries) = fs::read_dir(&dir) else {
            return;
        };
        if let Some(identity) = fs::metadata(&dir).ok().as_ref().and_then(identity) {
            if ancestors.contains(&identity) {
                return;
            }
            ancestors.push(identity);
        }
        let mut child = in_repo;
        child.push('/');
        let parent = child.len();
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            if name == ".git" {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            child.truncate(parent);
            child.push_str(&name.to_string_lossy());
            // Links to directories are followed where a loop can be told.
            let is_dir = kind.is_dir()
                || (cfg!(unix)
                    && kind.is_symlink()
                    && fs::metadata(dir.join(&name)).is_ok_and(|m| m.is_dir()));
            if is_dir {
                let (path, in_repo, ancestors) =
                    (dir.join(&name), child.clone(), ancestors.clone());
                scope.spawn(move |scope| self.directory(scope, path, in_repo, ancestors));
            } else if kind.is_file() || kind.is_symlink() {
                // The link itself, not its target, is what git stores.
                if let Ok(metadata) = entry.metadata() {
                    self.file(&dir, &name, &child, &metadata);
                }
            }
        }
    }

    /// Compares one file, `name` in `dir`, with the revision.
    fn file(&self, dir: &Path, name: &OsStr, in_repo: &str, metadata: &fs::Metadata) {
        let relative = in_repo.get(self.baseline.prefix.len()..).unwrap_or(in_repo);
        let Some(&base) = self.baseline.files.get(relative) else {
            self.changed_file(relative);
            return;
        };
        self.seen.fetch_add(1, Ordering::Relaxed);
        match self.same_content(dir, name, in_repo, metadata, base) {
            Ok(true) => {}
            Ok(false) => self.changed_file(relative),
            Err(error) => {
                let mut slot = self.error.lock().unwrap_or_else(|e| e.into_inner());
                slot.get_or_insert(error);
            }
        }
    }

    fn changed_file(&self, relative: &str) {
        self.changed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(relative.to_owned());
    }

    /// Whether the file holds `base`: told by its stat data when the index
    /// vouches for it, else by hashing it.
    fn same_content(
        &self,
        dir: &Path,
        name: &OsStr,
        in_repo: &str,
        metadata: &fs::Metadata,
        base: gix::ObjectId,
    ) -> Result<bool, GitError> {
        let index = self.baseline.index;
        if let Some(entry) = index.entry_by_path(BStr::new(in_repo.as_bytes()))
            && entry.id == base
            && let Some(now) = index_stat(metadata)
        {
            let options = stat::Options::default();
            if !entry.stat.is_racy(index.timestamp(), options) && entry.stat.matches(&now, options)
            {
                return Ok(true);
            }
        }
        let path = dir.join(name);
        let bytes = fs::read(&path).map_err(|source| GitError::Io { path, source })?;
        let id = gix::objs::compute_hash(self.baseline.hash, gix::objs::Kind::Blob, &bytes)
            .map_err(|error| GitError::Read {
                rev: in_repo.to_owned(),
                cause: error.to_string(),
            })?;
        Ok(id == base)
    }
}

/// A file's stat data as the index records it (as `gix` computes it from
/// an `lstat`; times and sizes truncated to 32 bits as git does).
#[cfg(unix)]
fn index_stat(metadata: &fs::Metadata) -> Option<gix::index::entry::Stat> {
    use std::os::unix::fs::MetadataExt;
    let time = |secs: i64, nsecs: i64| stat::Time {
        secs: secs as u32,
        nsecs: nsecs as u32,
    };
    Some(gix::index::entry::Stat {
        mtime: time(metadata.mtime(), metadata.mtime_nsec()),
        ctime: time(metadata.ctime(), metadata.ctime_nsec()),
        dev: metadata.dev() as u32,
        ino: metadata.ino() as u32,
        uid: metadata.uid(),
        gid: metadata.gid(),
        size: metadata.size() as u32,
    })
}

/// Elsewhere every file is hashed: correct, only slower.
#[cfg(not(unix))]
fn index_stat(_: &fs::Metadata) -> Option<gix::index::entry::Stat> {
    None
}

/// A directory's identity, to notice a link loop.
#[cfg(unix)]
fn identity(metadata: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn identity(_: &fs::Metadata) -> Option<(u64, u64)> {
    None
}
