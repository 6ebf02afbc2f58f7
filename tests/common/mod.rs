//! A small builder for integration tests: a temporary workspace made from
//! fixture folders and inline files, and the `align` binary run inside it.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const AS_OF: &str = "2026-11-23T12:00:00-06:00";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub struct Workspace {
    dir: tempfile::TempDir,
}

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Workspace {
    pub fn empty() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// The clean base workspace every rule fixture starts from.
    pub fn base() -> Workspace {
        Workspace::empty().overlay(&fixtures().join("base"))
    }

    /// Copies every file below `dir` into the workspace, replacing files
    /// of the same name.
    pub fn overlay(self, dir: &Path) -> Workspace {
        copy_tree(dir, self.path());
        self
    }

    pub fn file(self, relative: &str, contents: impl AsRef<[u8]>) -> Workspace {
        let path = self.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
        self
    }

    pub fn remove(self, relative: &str) -> Workspace {
        fs::remove_file(self.path().join(relative)).unwrap();
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `align ARGS` with the workspace as the current directory.
    pub fn align(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_align"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run align");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Compares `actual` with the file `expected`; with `UPDATE_EXPECT=1`
/// writes it instead (review the diff before committing).
pub fn assert_matches_file(actual: &str, expected: &Path) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::write(expected, actual).unwrap();
        return;
    }
    let wanted = fs::read_to_string(expected)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_EXPECT=1", expected.display()));
    if wanted != actual {
        panic!(
            "output differs from {}\n--- expected ---\n{wanted}\n--- actual ---\n{actual}",
            expected.display()
        );
    }
}
