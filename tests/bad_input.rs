//! Bad input never panics and never passes silently: each broken file
//! below is a located finding, and lint still checks every other file.

mod common;

use std::os::unix::fs::symlink;

use common::{AS_OF, Workspace, assert_matches_file, fixtures};

fn lint(workspace: &Workspace) -> common::Run {
    workspace.align(&["lint", "--format", "concise", "--as-of", AS_OF])
}

#[test]
fn every_broken_file_is_reported_and_the_rest_is_still_checked() {
    let huge_line = format!(
        "---\nkind: battlecard\ncompetitors: [legacyco]\n---\n## Why we win\n\n{} best-in-class\n",
        "word ".repeat(400_000)
    );
    let workspace = Workspace::base()
        .file("collateral/invalid-utf8.md", b"---\nkind: battlecard\n---\nbad \xff byte\n".as_slice())
        .file("collateral/unterminated.md", "---\nkind: battlecard\ncompetitors: [legacyco]\n\n## Why we win\n")
        .file("collateral/yaml-syntax.md", "---\nkind: [battlecard\n---\n# x\n")
        .file("collateral/yaml-duplicate.md", "---\nkind: battlecard\nkind: case-study\n---\n# x\n")
        .file("collateral/toml-front-matter.md", "+++\nkind = \"battlecard\"\ncompetitors = \"legacyco\"\n+++\n## Why we win\n")
        .file("collateral/wrong-types.md", "---\nkind: battlecard\ncompetitors: [legacyco]\nreview_by: soon\nstatus: 3\n---\n## Why we win\n")
        .file("collateral/unknown-key.md", "---\nkind: battlecard\ncompetitors: [legacyco]\ncompetitor: [legacyco]\n---\n## Why we win\n")
        .file("collateral/binary.md", b"\x00\x01\x02PNG".as_slice())
        .file("collateral/empty.md", "")
        .file("collateral/huge-line.md", huge_line)
        .file("map/toml-syntax.toml", "[[segment]]\nid = \"healthcare\nname = \"x\"\n")
        .file("map/toml-duplicate.toml", "[[segment]]\nid = \"a\"\nid = \"b\"\n")
        .file("map/wrong-type.toml", "[[proof]]\nid = \"p\"\nclaim = \"c\"\npublic = \"yes\"\n")
        .file("collateral/still-checked.md", "---\nkind: battlecard\ncompetitors: [legacyco]\n---\n## Why we win\n\nOur best-in-class ledger.\n");
    symlink(
        "does-not-exist.md",
        workspace.path().join("collateral/dangling.md"),
    )
    .unwrap();
    std::fs::create_dir_all(workspace.path().join("collateral/loop")).unwrap();
    symlink("..", workspace.path().join("collateral/loop/parent")).unwrap();

    let run = lint(&workspace);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_matches_file(&run.stdout, &fixtures().join("bad-input.expected"));
}

#[test]
fn a_broken_align_toml_is_reported_and_the_map_still_checked() {
    let workspace = Workspace::base()
        .file("align.toml", "[workspace]\nname = \"x\"\ntimezone = \"Mars/Olympus\"\n[business_hours]\nmonday = [\"09:00-12:00\", \"11:00-17:00\"]\ntuesday = [\"9-5\"]\nholidays = [2026-12-24]\nhalf_days = [{ date = 2026-12-24, hours = [\"09:00-12:00\"] }]\n[lint]\nseverity = { AL999 = \"error\", AL204 = \"loud\" }\n[colateral]\n")
        .file("map/extra.toml", "[[message]]\nid = \"x\"\nheadline = \"x\"\nrequirements = [\"nope\"]\n");
    let run = lint(&workspace);
    assert_eq!(run.code, 1);
    assert_matches_file(&run.stdout, &fixtures().join("bad-settings.expected"));
}

#[test]
fn a_missing_workspace_is_a_one_line_error_with_exit_2() {
    let workspace = Workspace::empty();
    let run = workspace.align(&["lint"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: no align.toml in "),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1);
    let run = workspace.align(&["lint", "nowhere"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: nowhere does not exist\n");
}

#[test]
fn usage_errors_exit_2() {
    let workspace = Workspace::base();
    assert_eq!(workspace.align(&["lint", "--format", "xml"]).code, 2);
    let run = workspace.align(&["lint", "--select", "AL9"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`AL9` names no rule"), "{}", run.stderr);
    let run = workspace.align(&["lint", "--as-of", "yesterday"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: invalid --as-of `yesterday`"),
        "{}",
        run.stderr
    );
}
