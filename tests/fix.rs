//! `align lint --fix` and `--diff`: fixes that keep the case of what they
//! replace, settle after one run, leave reference-link labels alone, and
//! can be previewed without writing.

mod common;

use std::fs;

use common::{AS_OF, Workspace};
use proptest::prelude::*;

const TERMS: &str = r#"
[[term]]
use = "approval flows"
avoid = ["approval workflows"]

[[term]]
use = "widget pro"
avoid = ["widget"]

[[term]]
use = "NorthLedger Cloud"
avoid = ["NLC"]
"#;

fn with_terms() -> Workspace {
    let map = fs::read_to_string(common::fixtures().join("base/map/core.toml")).unwrap();
    Workspace::base().file("map/core.toml", format!("{map}{TERMS}"))
}

fn battlecard(body: &str) -> String {
    format!("---\nkind: battlecard\ncompetitors: [legacyco]\n---\n## Why we win\n\n{body}")
}

fn read(workspace: &Workspace, relative: &str) -> String {
    fs::read_to_string(workspace.path().join(relative)).unwrap()
}

#[test]
fn fixes_keep_the_case_pattern_of_what_they_replace() {
    let body = "# Approval workflows that scale\n\napproval workflows, Approval Workflows, APPROVAL WORKFLOWS.\n\nNLC, as the map spells it; nlc.\n";
    let workspace = with_terms().file("collateral/case.md", battlecard(body));
    let run = workspace.align(&["lint", "--fix", "--format", "concise", "--as-of", AS_OF]);
    assert_eq!(run.stderr, "Fixed 6 findings in 1 file.\n");
    assert_eq!(
        read(&workspace, "collateral/case.md"),
        battlecard(
            "# Approval flows that scale\n\napproval flows, Approval Flows, APPROVAL FLOWS.\n\nNorthLedger Cloud, as the map spells it; NorthLedger Cloud.\n"
        )
    );
}

#[test]
fn quiet_fixes_say_nothing() {
    let workspace = with_terms().file("collateral/case.md", battlecard("A widget.\n"));
    let run = workspace.align(&["-q", "lint", "--fix", "--as-of", AS_OF]);
    assert_eq!(run.stderr, "");
    assert_eq!(
        read(&workspace, "collateral/case.md"),
        battlecard("A widget pro.\n")
    );
}

#[test]
fn the_preferred_form_holding_an_avoided_word_is_no_misuse_and_fixing_settles() {
    let workspace = with_terms().file(
        "collateral/case.md",
        battlecard("The Widget Pro ships; a widget does not.\n"),
    );
    let first = workspace.align(&["lint", "--fix", "--format", "concise", "--as-of", AS_OF]);
    assert_eq!(first.stderr, "Fixed 1 finding in 1 file.\n");
    let once = read(&workspace, "collateral/case.md");
    assert_eq!(
        once,
        battlecard("The Widget Pro ships; a widget pro does not.\n")
    );
    let second = workspace.align(&["lint", "--fix", "--format", "concise", "--as-of", AS_OF]);
    assert_eq!(second.stderr, "");
    assert!(
        second.stdout.starts_with("All checks passed"),
        "{}",
        second.stdout
    );
    assert_eq!(read(&workspace, "collateral/case.md"), once);
}

#[test]
fn reference_link_labels_are_never_rewritten() {
    let body = "Try [North Ledger] or [North Ledger][] or [North Ledger](https://x.example) or [it][North Ledger].\n\n[north ledger]: https://northledger.example\n";
    let workspace = Workspace::base().file("collateral/links.md", battlecard(body));
    let run = workspace.align(&["lint", "--fix", "--format", "concise", "--as-of", AS_OF]);
    assert_eq!(run.stderr, "Fixed 1 finding in 1 file.\n");
    let expected = body.replacen(
        "[North Ledger](https://x.example)",
        "[NorthLedger](https://x.example)",
        1,
    );
    assert_eq!(
        read(&workspace, "collateral/links.md"),
        battlecard(&expected)
    );
    assert_eq!(run.code, 1, "the label findings stay: {}", run.stdout);
    assert_eq!(run.stdout.matches("AL205").count(), 2, "{}", run.stdout);
    let json = workspace.align(&["lint", "--format", "json", "--as-of", AS_OF]);
    assert!(
        json.stdout
            .contains("in the link text and in its definition's label together"),
        "{}",
        json.stdout
    );
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let body = "North Ledger, twice: North Ledger.\n";
    let workspace = Workspace::base().file("collateral/diff.md", battlecard(body));
    let run = workspace.align(&["lint", "--fix", "--diff", "--as-of", AS_OF]);
    assert_eq!(
        run.stdout,
        "--- a/collateral/diff.md\n+++ b/collateral/diff.md\n@@ -4,4 +4,4 @@\n ---\n ## Why we win\n \n-North Ledger, twice: North Ledger.\n+NorthLedger, twice: NorthLedger.\n"
    );
    assert_eq!(run.stderr, "Would fix 2 findings in 1 file.\n");
    assert_eq!(run.code, 1);
    assert_eq!(read(&workspace, "collateral/diff.md"), battlecard(body));

    let clean = Workspace::base().align(&["lint", "--diff", "--as-of", AS_OF]);
    assert_eq!((clean.stdout.as_str(), clean.code), ("", 0));
    assert_eq!(clean.stderr, "No fixes available.\n");
}

/// Fixes through the library, as `lint --fix` runs them.
fn fix_once(root: &std::path::Path) -> usize {
    let workspace = align::workspace::open_root(root).unwrap();
    let today = jiff::civil::date(2026, 11, 23);
    let options = align::lint::LintOptions {
        today,
        as_of: "2026-11-23T18:00:00Z".parse().unwrap(),
        select: vec!["AL205".into()],
        ignore: Vec::new(),
        selection: Default::default(),
        only: None,
        excerpts: false,
    };
    let run = align::lint::lint_all(&workspace, &options);
    align::fix::apply(&run.diagnostics).unwrap().fixes
}

fn word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "widget",
        "Widget",
        "WIDGET",
        "pro",
        "Pro",
        "widget pro",
        "Widget Pro",
        "approval",
        "workflows",
        "Approval Workflows",
        "flows",
        "and",
        ",",
        ".",
        "\n",
        "*",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn fixing_twice_equals_fixing_once(words in prop::collection::vec(word(), 1..14)) {
        let body = format!("{}\n", words.join(" "));
        let workspace = with_terms().file("collateral/p.md", battlecard(&body));
        let path = workspace.path().join("collateral/p.md");
        fix_once(workspace.path());
        let once = fs::read_to_string(&path).unwrap();
        let again = fix_once(workspace.path());
        prop_assert_eq!(fs::read_to_string(&path).unwrap(), once);
        prop_assert_eq!(again, 0);
    }
}
