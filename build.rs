//! Records the git revision align is built from, for `align --version`.
//!
//! Reads `.git` directly (HEAD, then the loose ref or `packed-refs`) rather
//! than running `git`: a build must not depend on a git binary, and
//! `cargo install` from a tarball has no checkout at all ("unknown").

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let revision = match git_dirs(&manifest) {
        Some((git_dir, common_dir)) => {
            // Rebuild when HEAD moves or the branch it names gets a commit.
            // Only existing paths: cargo reruns a build script on every
            // build while a watched path is missing.
            let mut watched = vec![
                git_dir.join("HEAD"),
                common_dir.join("packed-refs"),
                common_dir.join("refs/heads"),
            ];
            if let Some(reference) = symbolic_head(&git_dir) {
                watched.push(common_dir.join(reference));
            }
            for path in watched.iter().filter(|path| path.exists()) {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            let head = head_revision(&git_dir, &common_dir);
            head.unwrap_or_else(|| "unknown".to_owned())
        }
        None => "unknown".to_owned(),
    };
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-env=ALIGN_GIT_REVISION={revision}");
}

/// The git directory of the checkout holding the manifest and its common
/// directory (they differ in a linked worktree, where `.git` is a file).
fn git_dirs(manifest: &Path) -> Option<(PathBuf, PathBuf)> {
    let dot_git = manifest.join(".git");
    let git_dir = if dot_git.is_dir() {
        dot_git
    } else {
        let pointer = fs::read_to_string(&dot_git).ok()?;
        let target = pointer.strip_prefix("gitdir:")?.trim();
        manifest.join(target)
    };
    let common_dir = match fs::read_to_string(git_dir.join("commondir")) {
        Ok(relative) => git_dir.join(relative.trim()),
        Err(_) => git_dir.clone(),
    };
    Some((git_dir, common_dir))
}

/// `refs/heads/main` when HEAD names a branch.
fn symbolic_head(git_dir: &Path) -> Option<String> {
    let head = fs::read_to_string(git_dir.join("HEAD")).ok()?;
    head.strip_prefix("ref:").map(|name| name.trim().to_owned())
}

/// The abbreviated commit HEAD points at.
fn head_revision(git_dir: &Path, common_dir: &Path) -> Option<String> {
    let head = fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let full = match head.strip_prefix("ref:") {
        None => head.trim().to_owned(),
        Some(name) => {
            let name = name.trim();
            match fs::read_to_string(common_dir.join(name)) {
                Ok(loose) => loose.trim().to_owned(),
                Err(_) => packed_ref(common_dir, name)?,
            }
        }
    };
    let is_hash = full.len() >= 40 && full.bytes().all(|b| b.is_ascii_hexdigit());
    is_hash.then(|| full.chars().take(12).collect())
}

fn packed_ref(common_dir: &Path, name: &str) -> Option<String> {
    let packed = fs::read_to_string(common_dir.join("packed-refs")).ok()?;
    packed.lines().find_map(|line| {
        let (hash, reference) = line.split_once(' ')?;
        (reference.trim() == name).then(|| hash.to_owned())
    })
}
