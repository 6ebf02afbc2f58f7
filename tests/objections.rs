//! Objections beyond lint: the render context (`objections`,
//! `objection(id)`) and the objection × competitor coverage view.

mod common;

use common::{Workspace, fixtures};

fn workspace() -> Workspace {
    Workspace::base().overlay(&fixtures().join("objections"))
}

#[test]
fn templates_get_the_objections_the_situation_hears_with_their_answers() {
    let run = workspace().align(&[
        "render",
        "battlecard",
        "--requirement",
        "audit-trail",
        "--competitor",
        "legacyco",
        "--as-of",
        "2026-11-23",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let body = run.stdout.split("---\n").nth(2).unwrap();
    // `too-new` and `sso-only` address another requirement; `no-on-prem`
    // is a draft.
    assert_eq!(
        body,
        "## What you will hear and what to say\n\n- \"LegacyCo is cheaper per seat\": Audit-ready in minutes\n\nAlways ready: Audit-ready in minutes\n"
    );
    assert!(run.stdout.contains("messages: [audit-in-minutes]\n"));

    let run = workspace().align(&["render", "battlecard", "--requirement", "fast-close"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("- \"You are too new to trust with our ledger\": Close faster\n")
    );
    assert!(
        run.stdout
            .contains("- \"We only buy tools with SSO\": Close faster\n")
    );
}

#[test]
fn objection_lookups_refuse_drafts_and_unknown_ids() {
    for (id, error) in [
        ("no-on-prem", "objection `no-on-prem` is not approved"),
        (
            "too-old",
            "unknown objection `too-old`: did you mean `too-new`?",
        ),
    ] {
        let workspace = workspace().file(
            "templates/one.md",
            format!("{{{{ objection(\"{id}\").text }}}}\n"),
        );
        let run = workspace.align(&["render", "one", "--requirement", "audit-trail"]);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains(error), "{}", run.stderr);
    }
}

#[test]
fn coverage_shows_each_objection_against_each_competitor() {
    let run = workspace().align(&["map", "coverage", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("objection"))
        .collect();
    assert_eq!(
        rows,
        [
            "objection × competitor,legacyco-is-cheaper,legacyco,true,audit-in-minutes,acme-audit,legacyco,",
            "objection × competitor,no-on-prem,legacyco,true,,,,",
            "objection × competitor,too-new,legacyco,true,close-faster,globex-close,,",
            "objection × competitor,sso-only,legacyco,true,close-faster,globex-close,,",
        ]
    );
}

#[test]
fn an_invalid_objection_id_does_not_make_its_other_keys_unknown() {
    let run = Workspace::base()
        .file(
            "map/zz-objections.toml",
            "[[objection]]\nid = \"Too-Expensive\"\ntext = \"Too expensive\"\nanswers = []\nstatus = \"draft\"\n",
        )
        .align(&["lint", "--format", "concise", "--select", "AL0"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("map/zz-objections.toml:2:6: AL004"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("AL002"), "{}", run.stdout);
}
