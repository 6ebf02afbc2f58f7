//! `align diff` and `align lint --changed-since` on real git repositories
//! built in temp dirs (the `git` binary is used here, in tests only). Each
//! case commits the base fixture workspace, applies one kind of change and
//! compares the whole Markdown and JSON output with golden files.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Workspace, assert_matches_file, fixtures};

const AS_OF: &str = "2026-11-23";

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("run git");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// The base fixture with criteria, a template and an account, committed.
fn repository() -> Workspace {
    let workspace = Workspace::base()
        .file(
            "criteria/leads.toml",
            "[tiers]\nA = 70\nB = 0\n\n[sla]\nclock = \"calendar\"\nfirst_touch = { A = \"1h\", B = \"4h\" }\n\n[[objective]]\nmetric = \"never_touched_rate\"\ntarget = \"<= 0.05\"\n",
        )
        .file(
            "templates/proposal.md",
            "# Proposal\n\n{{ message(\"audit-in-minutes\").headline }}\n\n{{ proof(\"globex-close\").claim }}\n",
        )
        .file(
            "accounts/acme.toml",
            "[[account]]\nid = \"acme\"\nname = \"Acme\"\nsegments = [\"insurance\"]\nrequirements = [\"audit-trail\"]\ncompetitors = [\"legacyco\"]\n",
        );
    git(workspace.path(), &["init", "-q"]);
    git(workspace.path(), &["add", "-A"]);
    git(workspace.path(), &["commit", "-q", "-m", "base"]);
    workspace
}

fn edit(workspace: &Workspace, relative: &str, from: &str, to: &str) {
    let path = workspace.path().join(relative);
    let text = fs::read_to_string(&path).expect("file exists");
    assert!(text.contains(from), "{relative} lacks {from:?}");
    fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// Runs `align diff HEAD` in both formats and compares each with
/// `tests/golden/diff/NAME.{md,json}`; returns the Markdown.
fn assert_diff(workspace: &Workspace, name: &str) -> String {
    let golden = fixtures().join("../golden/diff");
    fs::create_dir_all(&golden).expect("golden folder");
    let md = workspace.align(&["diff", "HEAD", "--as-of", AS_OF]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert_matches_file(&md.stdout, &golden.join(format!("{name}.md")));
    let json = workspace.align(&["diff", "HEAD", "--format", "json", "--as-of", AS_OF]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    assert_matches_file(&json.stdout, &golden.join(format!("{name}.json")));
    md.stdout
}

#[test]
fn a_removed_message_still_cited_is_breaking() {
    let workspace = repository();
    let path = workspace.path().join("map/core.toml");
    let text = fs::read_to_string(&path).unwrap();
    let start = text.find("[[message]]\nid = \"audit-in-minutes\"").unwrap();
    let end = start + text[start..].find("\n\n").unwrap() + 2;
    fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let md = assert_diff(&workspace, "message-removed");
    assert!(md.contains("**message `audit-in-minutes`** removed"));
}

#[test]
fn a_retired_message_still_cited_is_breaking() {
    let workspace = repository();
    edit(
        &workspace,
        "map/core.toml",
        "features = [\"ledger\"]\nstatus = \"approved\"",
        "features = [\"ledger\"]\nstatus = \"retired\"",
    );
    let md = assert_diff(&workspace, "message-retired");
    assert!(md.contains("retired while"));
}

#[test]
fn a_message_sent_back_to_draft_is_breaking() {
    let workspace = repository();
    edit(
        &workspace,
        "map/core.toml",
        "features = [\"ledger\"]\nstatus = \"approved\"",
        "features = [\"ledger\"]\nstatus = \"draft\"",
    );
    let md = assert_diff(&workspace, "message-draft");
    assert!(md.contains("sent back to draft"));
}

#[test]
fn removed_or_private_or_expiring_proof_is_breaking() {
    let workspace = repository();
    edit(
        &workspace,
        "map/core.toml",
        "public = true\nexpires = 2030-06-30",
        "public = false\nexpires = 2030-06-30",
    );
    let md = assert_diff(&workspace, "proof-private");
    assert!(md.contains("made non-public while 1 external collateral cites it"));

    let workspace = repository();
    edit(
        &workspace,
        "map/core.toml",
        "expires = 2030-06-30",
        "expires = 2026-01-31",
    );
    let md = assert_diff(&workspace, "proof-expiring");
    assert!(md.contains("now expires 2026-01-31"));

    let workspace = repository();
    edit(
        &workspace,
        "map/core.toml",
        "[[proof]]\nid = \"globex-close\"\ncustomer = \"Globex\"\nclaim = \"Closed the books 3x faster\"\npublic = true\n",
        "",
    );
    let md = assert_diff(&workspace, "proof-removed");
    assert!(md.contains("**proof `globex-close`** removed: removed while 2 places cite it"));
}

#[test]
fn a_feature_moved_to_roadmap_under_an_approved_message_is_breaking() {
    let workspace = repository();
    edit(
        &workspace,
        "map/core.toml",
        "status = \"ga\"",
        "status = \"roadmap\"",
    );
    let md = assert_diff(&workspace, "feature-roadmap");
    assert!(md.contains("moved to roadmap under 1 approved message"));
}

#[test]
fn a_referenced_segment_requirement_or_competitor_removed_is_breaking() {
    let workspace = repository();
    edit(
        &workspace,
        "map/core.toml",
        "[[segment]]\nid = \"insurance\"\nname = \"Insurance\"\n",
        "",
    );
    edit(
        &workspace,
        "map/core.toml",
        "[[competitor]]\nid = \"legacyco\"\nname = \"LegacyCo\"\naliases = [\"Legacy Co\"]\nlandmines = [\"Ask how long their last audit export took\"]\n",
        "",
    );
    edit(
        &workspace,
        "map/core.toml",
        "[[requirement]]\nid = \"audit-trail\"\nstatement = \"Prove every change to auditors\"\n",
        "",
    );
    let md = assert_diff(&workspace, "entries-removed");
    for entry in [
        "segment `insurance`",
        "requirement `audit-trail`",
        "competitor `legacyco`",
    ] {
        assert!(
            md.contains(&format!("**{entry}** removed: removed while")),
            "{entry}"
        );
    }
}

#[test]
fn reformatting_and_reordering_is_no_change() {
    let workspace = repository();
    edit(
        &workspace,
        "map/core.toml",
        "[[competitor]]\nid = \"legacyco\"\nname = \"LegacyCo\"\naliases = [\"Legacy Co\"]\n",
        "[[competitor]]\n# reordered and reformatted\naliases = [\n  \"Legacy Co\",\n]\nname = 'LegacyCo'\nid = \"legacyco\"\n",
    );
    edit(
        &workspace,
        "criteria/leads.toml",
        "first_touch = { A = \"1h\", B = \"4h\" }",
        "first_touch.B = \"4h\"\nfirst_touch.A = \"1h\"",
    );
    edit(
        &workspace,
        "collateral/battlecards/legacyco.md",
        "competitors: [legacyco]",
        "competitors:\n  - legacyco",
    );
    let md = assert_diff(&workspace, "reformat-only");
    assert!(md.contains("**No change to the agreement.**"));
}

#[test]
fn a_renamed_collateral_file_is_a_removal_and_an_addition() {
    let workspace = repository();
    git(
        workspace.path(),
        &[
            "mv",
            "collateral/case-studies/acme.md",
            "collateral/case-studies/acme-bank.md",
        ],
    );
    let md = assert_diff(&workspace, "rename");
    assert!(md.contains("removed collateral `collateral/case-studies/acme.md`"));
    assert!(md.contains("added collateral `collateral/case-studies/acme-bank.md`"));
}

#[test]
fn an_sla_change_is_to_review_with_before_and_after() {
    let workspace = repository();
    edit(
        &workspace,
        "criteria/leads.toml",
        "B = \"4h\"",
        "B = \"8h\"",
    );
    let md = assert_diff(&workspace, "sla");
    assert!(md.contains("| `first_touch.B` | `\"4h\"` | `\"8h\"` |"));
}

#[test]
fn the_lint_delta_matches_findings_by_code_path_and_message_not_line() {
    let workspace = repository();
    // Text inserted above existing findings moves them: no change. A new
    // banned phrase is a new finding.
    edit(
        &workspace,
        "collateral/battlecards/legacyco.md",
        "# Winning against LegacyCo\n",
        "# Winning against LegacyCo\n\nIntro.\n\nOur best-in-class ledger.\n",
    );
    let md = assert_diff(&workspace, "lint-delta");
    assert!(md.contains("**New lint findings (1)**"));
}

#[test]
fn fail_on_sets_exit_one() {
    let workspace = repository();
    edit(
        &workspace,
        "criteria/leads.toml",
        "B = \"4h\"",
        "B = \"8h\"",
    );
    let breaking = workspace.align(&["diff", "HEAD", "--fail-on", "breaking", "--as-of", AS_OF]);
    assert_eq!(breaking.code, 0);
    let review = workspace.align(&["diff", "HEAD", "--fail-on", "review", "--as-of", AS_OF]);
    assert_eq!(review.code, 1);
}

#[test]
fn head_can_be_a_revision() {
    let workspace = repository();
    edit(
        &workspace,
        "criteria/leads.toml",
        "B = \"4h\"",
        "B = \"8h\"",
    );
    git(workspace.path(), &["commit", "-q", "-am", "slower B"]);
    edit(
        &workspace,
        "criteria/leads.toml",
        "A = \"1h\"",
        "A = \"2h\"",
    );
    let run = workspace.align(&[
        "diff", "HEAD~1", "HEAD", "--format", "json", "--as-of", AS_OF,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\"field\": \"first_touch.B\""));
    assert!(
        !run.stdout.contains("first_touch.A"),
        "the working tree is not HEAD"
    );
}

#[test]
fn a_side_that_does_not_parse_is_reported_with_its_findings() {
    let workspace = repository();
    edit(
        &workspace,
        "map/core.toml",
        "[[segment]]\nid = \"fintech\"",
        "[[segment]\nid = \"fintech\"",
    );
    let run = workspace.align(&["diff", "HEAD", "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("### ⚠ The head revision does not parse"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("`map/core.toml:1` error AL001"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unknown_base_exits_2_with_the_fetch_that_brings_it() {
    let workspace = repository();
    let run = workspace.align(&["diff", "origin/main"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: revision `origin/main` is not in this repository; fetch it with `git fetch origin origin/main`\n"
    );
    git(
        workspace.path(),
        &["remote", "add", "origin", "https://example.com/repo.git"],
    );
    let run = workspace.align(&["lint", "--changed-since", "origin/main"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("fetch it with `git fetch origin main`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_shallow_clone_is_told_to_unshallow() {
    let origin = repository();
    edit(&origin, "criteria/leads.toml", "B = \"4h\"", "B = \"8h\"");
    git(origin.path(), &["commit", "-q", "-am", "second"]);
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git(
        clone.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let run = common::run_in(&clone.path().join("shallow"), &["diff", "HEAD~1"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("(the clone is shallow); fetch it with `git fetch --unshallow`"),
        "{}",
        run.stderr
    );
}

#[test]
fn outside_a_git_repository_exits_2_with_one_line() {
    let workspace = Workspace::base();
    let run = workspace.align(&["diff", "main"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.ends_with("is not inside a git repository\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1);
}

#[test]
fn changed_since_reports_only_the_changed_collateral_file() {
    let workspace = repository();
    for path in [
        "collateral/battlecards/legacyco.md",
        "collateral/case-studies/acme.md",
    ] {
        let text = fs::read_to_string(workspace.path().join(path)).unwrap();
        fs::write(
            workspace.path().join(path),
            format!("{text}\nA best-in-class claim.\n"),
        )
        .unwrap();
    }
    git(workspace.path(), &["commit", "-q", "-am", "two findings"]);
    edit(
        &workspace,
        "collateral/case-studies/acme.md",
        "Acme Bank cut",
        "Acme Bank, best-in-class, cut",
    );
    let all = workspace.align(&["lint", "--format", "concise", "--as-of", AS_OF]);
    assert_eq!(all.stdout.matches("AL204").count(), 3, "{}", all.stdout);
    let findings = changed_since_findings(&workspace, "AL204");
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert!(
        findings
            .iter()
            .all(|line| line.starts_with("collateral/case-studies/acme.md:"))
    );
}

#[test]
fn changed_since_with_a_map_message_edit_rechecks_its_citing_files() {
    let workspace = repository();
    edit(
        &workspace,
        "map/core.toml",
        "features = [\"ledger\"]\nstatus = \"approved\"",
        "features = [\"ledger\"]\nstatus = \"retired\"",
    );
    let run = lint_changed_since(&workspace, "HEAD");
    let al211: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.contains("AL211"))
        .collect();
    assert_eq!(al211.len(), 2, "{}", run.stdout);
    assert!(
        al211
            .iter()
            .any(|line| line.starts_with("collateral/battlecards/legacyco.md:"))
    );
    assert!(
        al211
            .iter()
            .any(|line| line.starts_with("collateral/case-studies/acme.md:"))
    );
    let unchanged = lint_changed_since(&workspace, "HEAD~0");
    assert_eq!(unchanged.stdout, run.stdout);
}

#[test]
fn changed_since_with_a_removed_file_rechecks_the_documents_linking_to_it() {
    let workspace = repository();
    fs::remove_file(workspace.path().join("collateral/case-studies/acme.md")).unwrap();
    let run = lint_changed_since(&workspace, "HEAD");
    assert!(
        run.stdout
            .contains("collateral/battlecards/legacyco.md:14:")
            && run.stdout.contains("AL212"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_workspace_in_a_subfolder_of_the_repository_is_found() {
    let repo = tempfile::tempdir().unwrap();
    let status = Command::new("cp")
        .arg("-r")
        .arg(fixtures().join("base"))
        .arg(repo.path().join("gtm"))
        .status()
        .unwrap();
    assert!(status.success());
    fs::write(repo.path().join("README.md"), "other project\n").unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "base"]);
    let map = repo.path().join("gtm/map/core.toml");
    let text = fs::read_to_string(&map).unwrap();
    fs::write(
        &map,
        text.replace("name = \"Insurance\"", "name = \"Insurers\""),
    )
    .unwrap();
    fs::write(repo.path().join("README.md"), "changed\n").unwrap();
    let run = common::run_in(
        &repo.path().join("gtm"),
        &["diff", "HEAD", "--format", "json", "--as-of", AS_OF],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\"id\": \"insurance\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\"after\": \"\\\"Insurers\\\"\""),
        "{}",
        run.stdout
    );
    let lint = common::run_in(
        &repo.path().join("gtm"),
        &["lint", "--changed-since", "HEAD", "--as-of", AS_OF],
    );
    assert_eq!(lint.code, 0, "{}{}", lint.stdout, lint.stderr);
}

#[test]
fn changed_since_compares_content_not_times_and_survives_a_link_loop() {
    let workspace = repository();
    let legacyco = workspace.path().join("collateral/battlecards/legacyco.md");
    let text = fs::read_to_string(&legacyco).unwrap();
    fs::write(&legacyco, format!("{text}\nA best-in-class claim.\n")).unwrap();
    git(workspace.path(), &["commit", "-q", "-am", "one finding"]);
    // Same bytes, new times: unchanged, as `git status` says.
    let committed = fs::read(&legacyco).unwrap();
    fs::write(&legacyco, committed).unwrap();
    edit(
        &workspace,
        "collateral/case-studies/acme.md",
        "Acme Bank cut",
        "Acme Bank, best-in-class, cut",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(".", workspace.path().join("collateral/again")).unwrap();
    assert_eq!(
        changed_since_findings(&workspace, "AL204"),
        [
            "collateral/case-studies/acme.md:14:12: AL204 banned phrase `best-in-class`: unsubstantiated superlative"
        ]
    );
}

/// `lint --changed-since REV --format concise`.
fn lint_changed_since(workspace: &Workspace, rev: &str) -> common::Run {
    workspace.align(&[
        "lint",
        "--changed-since",
        rev,
        "--format",
        "concise",
        "--as-of",
        AS_OF,
    ])
}

/// The concise lines of `lint --changed-since HEAD` with `code`.
fn changed_since_findings(workspace: &Workspace, code: &str) -> Vec<String> {
    let run = lint_changed_since(workspace, "HEAD");
    run.stdout
        .lines()
        .filter(|line| line.contains(code))
        .map(str::to_owned)
        .collect()
}
