//! `align lint` end to end: the example, configuration, suppression,
//! output formats, paths and exit codes.

mod common;

use std::path::Path;

use common::{AS_OF, Workspace, assert_matches_file, fixtures, run_in};

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind")
}

/// Clean but for one warning kept on purpose: the gap the field found
/// (AL503, docs/feedback.md), which CI allows since it is a warning.
#[test]
fn the_example_workspace_is_clean() {
    let run = run_in(
        &example(),
        &[
            "lint", "--as-of", AS_OF, "--color", "never", "--format", "concise",
        ],
    );
    assert_eq!(
        run.stdout,
        "feedback/2026.csv:5:103: AL503 objection `legacyco-has-a-statutory-module` heard 5 times in the last 90 days; the map has no approved answer to it\n\
         Found 1 warning (41 files checked).\n"
    );
    assert_eq!(run.code, 0);
}

/// What a user sees when the example goes wrong: the human format, whole.
#[test]
fn a_broken_copy_of_the_example_in_the_human_format() {
    let workspace = Workspace::empty()
        .overlay(&example())
        .overlay(&fixtures().join("northwind-broken"));
    let run = workspace.align(&["lint", "--as-of", AS_OF, "--color", "never"]);
    assert_eq!(run.code, 1);
    assert_matches_file(&run.stdout, &fixtures().join("northwind-broken.expected"));
}

const DIRTY: &str = "---\nkind: battlecard\ncompetitors: [legacyco]\nstatus: approved\nreview_by: 2020-01-01\n---\n## Why we win\n\nOur best-in-class ledger beats LegacyCo 3x.\n";

#[test]
fn severities_can_be_raised_lowered_and_turned_off() {
    let workspace = Workspace::base().file("collateral/dirty.md", DIRTY).file(
        "align.toml",
        std::fs::read_to_string(fixtures().join("base/align.toml")).unwrap()
            + "\n[lint]\nseverity = { AL208 = \"error\", AL2 = \"warning\", AL213 = \"off\" }\n",
    );
    let run = workspace.align(&["lint", "--format", "json", "--as-of", AS_OF]);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<(String, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().into(),
                f["severity"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("AL208".into(), "error".into()),
            ("AL204".into(), "warning".into())
        ]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn per_file_ignores_select_and_ignore() {
    let base_settings = std::fs::read_to_string(fixtures().join("base/align.toml")).unwrap();
    let workspace = Workspace::base()
        .file("collateral/archive/old.md", DIRTY)
        .file("collateral/dirty.md", DIRTY)
        .file(
            "align.toml",
            base_settings
                + "\n[lint]\nper_file_ignores = { \"collateral/archive/**\" = [\"AL2\"] }\n",
        );
    let concise = |args: &[&str]| {
        let mut all = vec!["lint", "--format", "concise", "-q", "--as-of", AS_OF];
        all.extend_from_slice(args);
        workspace.align(&all).stdout
    };
    assert_eq!(
        concise(&[]),
        "collateral/dirty.md:5:12: AL208 approved collateral was due for review on 2020-01-01\n\
         collateral/dirty.md:9:5: AL204 banned phrase `best-in-class`: unsubstantiated superlative\n\
         collateral/dirty.md:9:41: AL213 number claim `3x` is not backed by cited proof\n"
    );
    assert_eq!(
        concise(&["--select", "AL204,al213"]),
        "collateral/dirty.md:9:5: AL204 banned phrase `best-in-class`: unsubstantiated superlative\n\
         collateral/dirty.md:9:41: AL213 number claim `3x` is not backed by cited proof\n"
    );
    assert_eq!(
        concise(&["--ignore", "AL20"]),
        "collateral/dirty.md:9:41: AL213 number claim `3x` is not backed by cited proof\n"
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let workspace = Workspace::base().file(
        "collateral/dirty.md",
        "---\nkind: battlecard\ncompetitors: [legacyco]\n---\n## Why we win\n\nTwice as fast: 2x.\n",
    );
    let run = workspace.align(&["lint", "--as-of", AS_OF, "--format", "concise"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.ends_with("Found 1 warning (5 files checked).\n"),
        "{}",
        run.stdout
    );
    let run = workspace.align(&["lint", "--as-of", AS_OF, "--deny-warnings"]);
    assert_eq!(run.code, 1);
}

#[test]
fn suppression_comments_switch_rules_off_in_place() {
    let body = "---\nkind: battlecard\ncompetitors: [legacyco]\n---\n## Why we win\n\n\
        <!-- align-disable-next-line AL204 -->\nOur best-in-class ledger.\nOur best-in-class ledger.\n\n\
        <!-- align-disable AL2 -- analyst quote -->\nA best-in-class 9x tool.\n<!-- align-enable -->\n\n\
        A best-in-class tool.\n<!-- align-disable AL999 please -->\n";
    let workspace = Workspace::base().file("collateral/quoted.md", body);
    let run = workspace.align(&["lint", "--as-of", AS_OF, "--format", "concise", "-q"]);
    assert_eq!(
        run.stdout,
        "collateral/quoted.md:9:5: AL204 banned phrase `best-in-class`: unsubstantiated superlative\n\
         collateral/quoted.md:15:3: AL204 banned phrase `best-in-class`: unsubstantiated superlative\n\
         collateral/quoted.md:16:20: AL004 `AL999` in `align-disable` names no rule\n\
         collateral/quoted.md:16:26: AL004 `please` in `align-disable` is not a rule code or prefix; write codes like `AL204` or prefixes like `AL2`, and put a reason after `--`\n"
    );
}

#[test]
fn statistics_count_per_rule() {
    let workspace = Workspace::base().file("collateral/dirty.md", DIRTY);
    let run = workspace.align(&["lint", "--as-of", AS_OF, "--statistics", "--format", "json"]);
    let counts: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(counts.as_array().unwrap().len(), 3);
    assert_eq!(counts[0]["count"], 1);
}

#[test]
fn json_paths_are_relative_to_the_current_directory() {
    let workspace = Workspace::base().file("collateral/dirty.md", DIRTY);
    let from_inside = run_in(
        &workspace.path().join("collateral"),
        &[
            "lint", "--format", "json", "--as-of", AS_OF, "--select", "AL204",
        ],
    );
    let findings: serde_json::Value = serde_json::from_str(&from_inside.stdout).unwrap();
    assert_eq!(findings[0]["path"], "dirty.md");
    assert_eq!(findings[0]["line"], 9);
    assert_eq!(findings[0]["column"], 5);
    assert_eq!(findings[0]["end_line"], 9);
    assert_eq!(findings[0]["end_column"], 18);
    assert_eq!(
        findings[0]["help"],
        "rephrase with a claim a cited proof supports"
    );

    let outside = tempfile::tempdir().unwrap();
    let dir = workspace.path().to_str().unwrap();
    let from_outside = run_in(
        outside.path(),
        &[
            "lint", dir, "--format", "json", "--as-of", AS_OF, "--select", "AL204",
        ],
    );
    let findings: serde_json::Value = serde_json::from_str(&from_outside.stdout).unwrap();
    let path = findings[0]["path"].as_str().unwrap();
    assert_eq!(path, format!("{dir}/collateral/dirty.md"));
}

#[test]
fn github_annotations_and_colour() {
    let workspace = Workspace::base().file("collateral/dirty.md", DIRTY);
    let run = workspace.align(&[
        "lint", "--format", "github", "--as-of", AS_OF, "--select", "AL204",
    ]);
    assert_eq!(
        run.stdout,
        "::error file=collateral/dirty.md,line=9,col=5,endLine=9,endColumn=18,title=AL204 banned-phrase::banned phrase `best-in-class`: unsubstantiated superlative%0Ahelp: rephrase with a claim a cited proof supports\n"
    );
    let coloured = workspace.align(&["lint", "--color", "always", "--as-of", AS_OF]);
    assert!(coloured.stdout.contains('\u{1b}'));
    let plain = workspace.align(&["lint", "--color", "never", "--as-of", AS_OF]);
    assert!(!plain.stdout.contains('\u{1b}'));
}

#[test]
fn explain_prints_the_rule_documentation() {
    let run = Workspace::empty().align(&["explain", "al204", "--format", "md"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("# AL204 banned-phrase\n\nDefault severity: error.\n\n## What it does\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Fails:\n```markdown\nThe best-in-class ledger for fintech.\n```")
    );
    let unknown = Workspace::empty().align(&["explain", "AL999"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(
        unknown.stderr,
        "error: unknown rule `AL999`; `align rules` lists them all\n"
    );
}

#[test]
fn docs_rules_md_is_generated_from_the_rules() {
    let generated = Workspace::empty()
        .align(&["rules", "--format", "markdown"])
        .stdout;
    assert_matches_file(
        &generated,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"),
    );
}

#[test]
fn fix_rewrites_avoided_terms_and_nothing_else() {
    let body = "---\nkind: battlecard\ncompetitors: [legacyco]\n---\n## Why we win\r\n\r\nNorth\r\nLedger and *North Ledger* and `North Ledger`.\r\n";
    let workspace = Workspace::base().file("collateral/terms.md", body);
    let run = workspace.align(&["lint", "--fix", "--format", "concise", "--as-of", AS_OF]);
    assert_eq!(run.stderr, "Fixed 2 findings in 1 file.\n");
    assert_eq!(run.code, 0);
    let fixed = std::fs::read_to_string(workspace.path().join("collateral/terms.md")).unwrap();
    assert_eq!(
        fixed,
        "---\nkind: battlecard\ncompetitors: [legacyco]\n---\n## Why we win\r\n\r\nNorthLedger and *NorthLedger* and `North Ledger`.\r\n"
    );
    assert!(
        run.stdout.starts_with("All checks passed"),
        "{}",
        run.stdout
    );
}
