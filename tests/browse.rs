//! `align map coverage` and `align find` on the base fixture, whole outputs.

mod common;

use common::{Workspace, assert_matches_file, fixtures};

#[test]
fn coverage_in_every_format() {
    let workspace = Workspace::base();
    for (format, file) in [
        ("table", "coverage.table"),
        ("json", "coverage.json"),
        ("csv", "coverage.csv"),
    ] {
        let run = workspace.align(&["map", "coverage", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_matches_file(&run.stdout, &fixtures().join("browse").join(file));
    }
}

#[test]
fn find_ranks_collateral_for_a_situation() {
    let workspace = Workspace::base();
    let run = workspace.align(&[
        "find",
        "--requirement",
        "audit-trail",
        "--competitor",
        "legacyco",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_matches_file(&run.stdout, &fixtures().join("browse/find.table"));
    let run = workspace.align(&["find", "--kind", "case-study", "--format", "json"]);
    assert_matches_file(&run.stdout, &fixtures().join("browse/find-kind.json"));
}

#[test]
fn find_rejects_unknown_ids_and_kinds() {
    let workspace = Workspace::base();
    let run = workspace.align(&["find", "--requirement", "audit-trial"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: unknown requirement `audit-trial`: did you mean `audit-trail`?\n"
    );
    let run = workspace.align(&["find", "--kind", "poster"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: unknown collateral kind `poster`\n");
}
