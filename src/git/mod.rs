//! Reading the git repository a workspace lives in, with `gix` (no `git`
//! process, no libgit2): resolving a revision, listing and reading the
//! workspace's files at that revision, and telling which files of the
//! working tree differ from it.

mod worktree;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;
use rayon::prelude::*;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("{} is not inside a git repository", .0.display())]
    NotARepository(PathBuf),
    #[error("{} is a bare git repository; align needs a working tree", .0.display())]
    Bare(PathBuf),
    #[error("revision `{rev}` is not in this repository{shallow}; fetch it with `{fetch}`")]
    UnknownRevision {
        rev: String,
        fetch: String,
        shallow: &'static str,
    },
    #[error("cannot read revision `{rev}` from git: {cause}")]
    Read { rev: String, cause: String },
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The repository around a workspace, and where the workspace sits in it.
pub struct Repository {
    repo: gix::Repository,
    /// The workspace root relative to the top of the working tree, with `/`
    /// separators and a trailing `/`; empty when they are the same.
    prefix: String,
}

/// The workspace's files at one revision, by path relative to the
/// workspace root.
pub struct Revision {
    pub name: String,
    pub files: HashMap<String, gix::ObjectId>,
}

impl Revision {
    /// Files added, removed or changed from `self` to `other`.
    pub fn changed_to(&self, other: &Revision) -> BTreeSet<String> {
        let mut changed: BTreeSet<String> = self
            .files
            .iter()
            .filter(|(path, id)| other.files.get(*path) != Some(*id))
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(
            other
                .files
                .keys()
                .filter(|path| !self.files.contains_key(*path))
                .cloned(),
        );
        changed
    }
}

impl Repository {
    /// The repository whose working tree holds `workspace_root`.
    pub fn open(workspace_root: &Path) -> Result<Repository, GitError> {
        let root = fs::canonicalize(workspace_root).map_err(|source| GitError::Io {
            path: workspace_root.to_path_buf(),
            source,
        })?;
        let repo = gix::discover(&root)
            .map_err(|_| GitError::NotARepository(workspace_root.to_path_buf()))?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| GitError::Bare(workspace_root.to_path_buf()))?;
        let workdir = fs::canonicalize(workdir).map_err(|source| GitError::Io {
            path: workdir.to_path_buf(),
            source,
        })?;
        let inside = root.strip_prefix(&workdir).unwrap_or(Path::new(""));
        let mut prefix: String = inside
            .components()
            .map(|part| part.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if !prefix.is_empty() {
            prefix.push('/');
        }
        Ok(Repository { repo, prefix })
    }

    /// Resolves `rev` (`HEAD~1`, `origin/main`, a hash) and lists the
    /// workspace's files in its tree.
    pub fn revision(&self, rev: &str) -> Result<Revision, GitError> {
        let read = |cause: String| GitError::Read {
            rev: rev.to_owned(),
            cause,
        };
        let id = self
            .repo
            .rev_parse_single(rev)
            .map_err(|_| self.unknown(rev))?;
        let tree = id
            .object()
            .map_err(|_| self.unknown(rev))?
            .peel_to_tree()
            .map_err(|error| read(error.to_string()))?;
        let tree = if self.prefix.is_empty() {
            tree
        } else {
            let path = self.prefix.trim_end_matches('/');
            match tree
                .lookup_entry_by_path(path)
                .map_err(|error| read(error.to_string()))?
            {
                Some(entry) if entry.mode().is_tree() => entry
                    .object()
                    .map_err(|error| read(error.to_string()))?
                    .into_tree(),
                // The workspace did not exist yet: every file is new.
                _ => {
                    return Ok(Revision {
                        name: rev.to_owned(),
                        files: HashMap::new(),
                    });
                }
            }
        };
        let entries = tree
            .traverse()
            .breadthfirst
            .files()
            .map_err(|error| read(error.to_string()))?;
        let files = entries
            .into_iter()
            .filter(|entry| entry.mode.is_blob())
            .map(|entry| (entry.filepath.to_str_lossy().into_owned(), entry.oid))
            .collect();
        Ok(Revision {
            name: rev.to_owned(),
            files,
        })
    }

    /// The error for a revision the object database lacks, with the fetch
    /// that brings it.
    fn unknown(&self, rev: &str) -> GitError {
        let shallow = self.repo.is_shallow();
        let fetch = match rev.split_once('/') {
            Some((remote, branch)) if self.repo.find_remote(remote).is_ok() => {
                if shallow {
                    format!("git fetch --unshallow {remote} {branch}")
                } else {
                    format!("git fetch {remote} {branch}")
                }
            }
            _ if shallow => "git fetch --unshallow".to_owned(),
            _ => format!("git fetch origin {rev}"),
        };
        GitError::UnknownRevision {
            rev: rev.to_owned(),
            fetch,
            shallow: if shallow {
                " (the clone is shallow)"
            } else {
                ""
            },
        }
    }

    /// The bytes of one file of a revision.
    pub fn read(&self, revision: &Revision, id: gix::ObjectId) -> Result<Vec<u8>, GitError> {
        let object = self.repo.find_object(id).map_err(|error| GitError::Read {
            rev: revision.name.clone(),
            cause: error.to_string(),
        })?;
        Ok(object.detach().data)
    }

    /// Writes the workspace as it was at `revision` into `dir`, so the
    /// ordinary loader can read it; blobs are read and written in parallel.
    pub fn materialise(&self, revision: &Revision, dir: &Path) -> Result<(), GitError> {
        let io = |path: &Path, source| GitError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut folders: Vec<PathBuf> = revision
            .files
            .keys()
            .filter_map(|relative| dir.join(relative).parent().map(Path::to_path_buf))
            .collect();
        folders.sort();
        folders.dedup();
        for folder in &folders {
            fs::create_dir_all(folder).map_err(|source| io(folder, source))?;
        }
        // A gix repository handle stays on its thread: each worker opens
        // its own (cheap: the object store is read lazily).
        let git_dir = self.repo.git_dir().to_path_buf();
        let read = |cause: String| GitError::Read {
            rev: revision.name.clone(),
            cause,
        };
        let files: Vec<(&String, &gix::ObjectId)> = revision.files.iter().collect();
        files.par_iter().try_for_each_init(
            || gix::open(&git_dir).map_err(|error| error.to_string()),
            |repo, (relative, id)| {
                let repo = repo.as_ref().map_err(|cause| read(cause.clone()))?;
                let object = repo
                    .find_object(**id)
                    .map_err(|error| read(error.to_string()))?;
                let path = dir.join(relative);
                fs::write(&path, &object.data).map_err(|source| io(&path, source))
            },
        )
    }

    /// Resolves `rev` and tells which workspace files differ from it (as
    /// [`Repository::changed_files`]); the index is read while the
    /// revision's tree is.
    pub fn changes_since(
        &self,
        rev: &str,
        workspace_root: &Path,
        folders: &[&str],
    ) -> Result<(Revision, BTreeSet<String>), GitError> {
        let (path, hash) = (self.repo.index_path(), self.repo.object_hash());
        let mut index = None;
        let revision = rayon::in_place_scope(|scope| {
            scope.spawn(|_| index = Some(read_index(path, hash)));
            self.revision(rev)
        })?;
        let index = index.unwrap_or_else(|| read_index(self.repo.index_path(), hash))?;
        let changed = self.changed_against(&index, &revision, workspace_root, folders)?;
        Ok((revision, changed))
    }

    /// Workspace files (relative to `workspace_root`) whose working-tree
    /// content differs from `revision`: edited, added or deleted. A file
    /// whose stat data still matches an index entry holding the revision's
    /// blob is unchanged without being read, as in `git status`.
    /// Only `align.toml` and the files below `folders` are looked at, so
    /// build output or other projects in the tree cost nothing.
    pub fn changed_files(
        &self,
        revision: &Revision,
        workspace_root: &Path,
        folders: &[&str],
    ) -> Result<BTreeSet<String>, GitError> {
        let index = read_index(self.repo.index_path(), self.repo.object_hash())?;
        self.changed_against(&index, revision, workspace_root, folders)
    }

    fn changed_against(
        &self,
        index: &gix::index::State,
        revision: &Revision,
        workspace_root: &Path,
        folders: &[&str],
    ) -> Result<BTreeSet<String>, GitError> {
        let baseline = worktree::Baseline {
            files: &revision.files,
            index,
            prefix: &self.prefix,
            hash: self.repo.object_hash(),
        };
        worktree::changed(&baseline, workspace_root, folders)
    }
}

/// The index, or an empty one in a repository without commits staged.
/// Its trailing checksum is not verified: git does not verify it on
/// reading either, and it would cost a SHA-1 of the whole file.
fn read_index(path: PathBuf, hash: gix::hash::Kind) -> Result<gix::index::File, GitError> {
    match gix::index::File::at(&path, hash, true, Default::default()) {
        Ok(index) => Ok(index),
        Err(gix::index::file::init::Error::Io(error))
            if error.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(gix::index::File::from_state(
                gix::index::State::new(hash),
                path,
            ))
        }
        Err(error) => Err(GitError::Read {
            rev: "the index".to_owned(),
            cause: error.to_string(),
        }),
    }
}
