//! `align init`: a starter workspace that passes lint, and never into a
//! directory that already holds something.

mod common;

use std::fs;

use common::{AS_OF, Workspace, run_in};

#[test]
fn a_new_workspace_passes_lint_and_renders_a_draft_that_passes_too() {
    let parent = Workspace::empty();
    let run = parent.align(&["init", "acme-gtm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Created the workspace \"Acme GTM\" in acme-gtm")
    );
    let dir = parent.path().join("acme-gtm");
    let header = fs::read_to_string(dir.join("leads/leads.csv")).unwrap();
    assert_eq!(
        header.trim_end(),
        align::workspace::settings::LEAD_COLUMNS.join(",")
    );

    let lint = run_in(
        &dir,
        &["lint", "--format", "concise", "--as-of", AS_OF, "-q"],
    );
    assert_eq!(lint.stdout, "");
    assert_eq!(lint.code, 0, "{}", lint.stderr);

    let render = run_in(
        &dir,
        &[
            "render",
            "proposal",
            "--account",
            "example-account",
            "--as-of",
            AS_OF,
            "-o",
            "collateral/example-account-proposal.md",
        ],
    );
    assert_eq!(render.code, 0, "{}", render.stderr);
    let lint = run_in(
        &dir,
        &["lint", "--format", "concise", "--as-of", AS_OF, "-q"],
    );
    assert_eq!(lint.stdout, "", "the rendered draft lints clean");
    assert_eq!(lint.code, 0, "{}", lint.stderr);
}

#[test]
fn an_empty_current_directory_is_fine() {
    let workspace = Workspace::empty();
    let run = workspace.align(&["init", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(workspace.path().join("align.toml").is_file());
}

#[test]
fn a_directory_that_is_not_empty_is_refused() {
    let workspace = Workspace::empty().file("notes.txt", "mine\n");
    let run = workspace.align(&["init", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            ". is not empty; align init writes a workspace only into a new or empty directory"
        ),
        "{}",
        run.stderr
    );
    assert!(!workspace.path().join("align.toml").exists());
    assert_eq!(
        fs::read_to_string(workspace.path().join("notes.txt")).unwrap(),
        "mine\n"
    );
}

#[test]
fn a_file_is_not_a_directory() {
    let workspace = Workspace::empty().file("taken", "x");
    let run = workspace.align(&["init", "taken"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("taken is not a directory"),
        "{}",
        run.stderr
    );
}
