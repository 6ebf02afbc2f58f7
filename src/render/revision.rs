//! The git revision a workspace is at, read from the repository's files
//! (`HEAD`, the ref it names, `packed-refs`), so a draft can say which
//! agreement it was rendered from without running git or linking libgit2.
//! Anything unexpected (no repository, an unborn branch, a corrupt file)
//! means no revision, never an error.

use std::fs;
use std::path::{Path, PathBuf};

/// The commit `HEAD` points at in the repository holding `dir`.
pub fn head(dir: &Path) -> Option<String> {
    let git_dir = find_git_dir(dir)?;
    // A linked worktree keeps HEAD in its own directory and refs in the
    // common one.
    let common = match fs::read_to_string(git_dir.join("commondir")) {
        Ok(text) => git_dir.join(text.trim()),
        Err(_) => git_dir.clone(),
    };
    let head = fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let head = head.trim();
    let mut reference = match head.strip_prefix("ref:") {
        Some(name) => name.trim().to_owned(),
        None => return is_object_id(head).then(|| head.to_owned()),
    };
    // A symbolic ref may name another one; follow a few hops.
    for _ in 0..5 {
        if !reference.starts_with("refs/") || reference.contains("..") {
            return None;
        }
        let loose = [git_dir.join(&reference), common.join(&reference)]
            .into_iter()
            .find_map(|path| fs::read_to_string(path).ok());
        match loose {
            Some(text) => {
                let text = text.trim();
                match text.strip_prefix("ref:") {
                    Some(next) => reference = next.trim().to_owned(),
                    None => return is_object_id(text).then(|| text.to_owned()),
                }
            }
            None => return packed(&common, &reference),
        }
    }
    None
}

fn packed(common: &Path, reference: &str) -> Option<String> {
    let text = fs::read_to_string(common.join("packed-refs")).ok()?;
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.starts_with('^'))
        .find_map(|line| {
            let (id, name) = line.split_once(' ')?;
            (name.trim() == reference && is_object_id(id)).then(|| id.to_owned())
        })
}

/// The `.git` directory of the repository holding `dir`: a `.git` folder,
/// or a `.git` file (`gitdir: …`) as in worktrees and submodules.
fn find_git_dir(dir: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(dir).ok()?;
    for ancestor in start.ancestors() {
        let dot_git = ancestor.join(".git");
        if dot_git.is_dir() {
            return Some(dot_git);
        }
        if dot_git.is_file() {
            let text = fs::read_to_string(&dot_git).ok()?;
            let target = text.trim().strip_prefix("gitdir:")?.trim();
            return Some(ancestor.join(target));
        }
    }
    None
}

/// A SHA-1 or SHA-256 object id in hex.
fn is_object_id(text: &str) -> bool {
    matches!(text.len(), 40 | 64) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0123456789abcdef0123456789abcdef01234567";

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn no_repository_no_revision() {
        let dir = tempfile::tempdir().unwrap();
        // The temporary directory may itself sit inside a repository; a
        // fake `.git` file pointing nowhere stops the walk here.
        write(&dir.path().join(".git"), "gitdir: missing\n");
        assert_eq!(head(dir.path()), None);
    }

    #[test]
    fn loose_ref_from_a_subdirectory() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join(".git/HEAD"), "ref: refs/heads/main\n");
        write(&dir.path().join(".git/refs/heads/main"), &format!("{ID}\n"));
        let nested = dir.path().join("examples/northwind");
        fs::create_dir_all(&nested).unwrap();
        assert_eq!(head(&nested).as_deref(), Some(ID));
    }

    #[test]
    fn packed_ref_and_detached_head() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join(".git/HEAD"), "ref: refs/heads/main\n");
        write(
            &dir.path().join(".git/packed-refs"),
            &format!("# pack-refs with: peeled\n{ID} refs/heads/main\n^{ID}\n"),
        );
        assert_eq!(head(dir.path()).as_deref(), Some(ID));
        write(&dir.path().join(".git/HEAD"), &format!("{ID}\n"));
        assert_eq!(head(dir.path()).as_deref(), Some(ID));
    }

    #[test]
    fn worktree_reads_refs_from_the_common_directory() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("main/.git");
        write(&main.join("refs/heads/render"), &format!("{ID}\n"));
        let linked = main.join("worktrees/render");
        write(&linked.join("HEAD"), "ref: refs/heads/render\n");
        write(&linked.join("commondir"), "../..\n");
        let tree = dir.path().join("render");
        write(
            &tree.join(".git"),
            &format!("gitdir: {}\n", linked.display()),
        );
        assert_eq!(head(&tree).as_deref(), Some(ID));
    }

    #[test]
    fn an_unborn_branch_has_no_revision() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join(".git/HEAD"), "ref: refs/heads/main\n");
        assert_eq!(head(dir.path()), None);
    }
}
