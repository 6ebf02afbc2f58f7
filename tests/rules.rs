//! Every lint rule has a fixture that fails and one that passes: each is an
//! overlay on the clean base workspace. A failing fixture's whole concise
//! output (code, path, line, column, message) is compared with its
//! `expected` file; a passing fixture must produce no finding at all.

mod common;

use std::fs;

use common::{AS_OF, Workspace, assert_matches_file, fixtures};

fn lint(workspace: &Workspace) -> common::Run {
    workspace.align(&["lint", "--format", "concise", "--as-of", AS_OF, "-q"])
}

#[test]
fn the_base_workspace_is_clean() {
    let run = lint(&Workspace::base());
    assert_eq!(run.stdout, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn every_rule_fails_and_passes_on_its_fixtures() {
    let root = fixtures().join("rules");
    let mut codes: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    codes.sort();
    for rule in align::codes::ALL {
        assert!(
            codes.iter().any(|code| code == rule.code),
            "{} has no fixture",
            rule.code
        );
    }
    for code in &codes {
        let failing = lint(&Workspace::base().overlay(&root.join(code).join("fail")));
        assert!(
            failing
                .stdout
                .lines()
                .any(|line| line.contains(&format!(": {code} "))),
            "{code}: the failing fixture does not report {code}:\n{}",
            failing.stdout
        );
        assert_matches_file(&failing.stdout, &root.join(code).join("expected"));

        let passing = lint(&Workspace::base().overlay(&root.join(code).join("pass")));
        assert_eq!(
            passing.stdout, "",
            "{code}: the passing fixture reports findings"
        );
        assert_eq!(passing.code, 0, "{code}: {}", passing.stderr);
    }
}
