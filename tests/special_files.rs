//! FIFOs and other files that are not regular files: never opened (a FIFO
//! blocks its reader until something writes), named once, never replaced.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{AS_OF, Workspace};

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// Runs align in `dir`, killed after ten seconds: a hang fails the test
/// instead of stalling the suite.
fn align_within(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_align"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("align {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_fifo_in_collateral_or_templates_is_named_once_and_never_opened() {
    let workspace = Workspace::base();
    mkfifo(&workspace.path().join("collateral/pipe.md"));
    mkfifo(&workspace.path().join("templates/pipe.md"));
    let (code, stdout, _) = align_within(
        workspace.path(),
        &["lint", "--format", "concise", "--as-of", AS_OF],
    );
    assert_eq!(
        stdout,
        "collateral/pipe.md:1:1: AL001 a FIFO (named pipe) is not a regular file; skipped\n\
         templates/pipe.md:1:1: AL001 a FIFO (named pipe) is not a regular file; skipped\n\
         Found 2 errors (6 files checked).\n"
    );
    assert_eq!(code, 1);
    let (code, _, stderr) = align_within(workspace.path(), &["find", "--competitor", "legacyco"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn render_never_replaces_a_fifo_even_when_forced() {
    let workspace = Workspace::empty()
        .overlay(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind"));
    let fifo = workspace.path().join("out.md");
    mkfifo(&fifo);
    let (code, stdout, stderr) = align_within(
        workspace.path(),
        &[
            "render",
            "proposal",
            "--account",
            "globex-insurance",
            "-o",
            "out.md",
            "--force",
            "--as-of",
            "2026-11-23",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: cannot write out.md: it is a FIFO (named pipe), not a regular file\n"
    );
    use std::os::unix::fs::FileTypeExt as _;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}
