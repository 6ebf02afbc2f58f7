//! Trust in configuration, numbers and exit codes (issue #7, part 1): one
//! finding per problem, a configuration that cannot be read stops every
//! command with exit 2, a closed pipe is silent and never changes the exit
//! status, and numbers that cannot be right are located findings.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{AS_OF, Workspace, fixtures};

/// The leads fixture of `tests/leads.rs` (business hours, criteria, SLA).
fn leads_fixture() -> Workspace {
    Workspace::empty().overlay(&fixtures().join("leads/workspace"))
}

fn concise_lint(workspace: &Workspace) -> common::Run {
    workspace.align(&["lint", "--format", "concise", "--as-of", AS_OF])
}

/// The lines of a concise lint run that name `code`.
fn with_code<'a>(run: &'a common::Run, code: &str) -> Vec<&'a str> {
    run.stdout
        .lines()
        .filter(|line| line.contains(&format!(": {code} ")))
        .collect()
}

#[test]
fn an_unreadable_align_toml_stops_every_command_with_its_finding_alone() {
    let workspace = leads_fixture().overlay(&fixtures().join("base")).file(
        "align.toml",
        "[workspace\nname = \"x\"\n\n[business_hours]\nmonday = [\"09:00-17:00\"]\n",
    );
    let run = concise_lint(&workspace);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "align.toml:1:11: AL001 unclosed table, expected `]`\nFound 1 error (1 file checked).\n"
    );
    assert_eq!(
        run.stderr,
        "error: align.toml cannot be read, so nothing was checked against it; fix it first\n"
    );
    for args in [
        &["leads", "overdue", "--as-of", AS_OF][..],
        &["leads", "due", "--within", "1h", "--as-of", AS_OF],
        &["leads", "score"],
        &["leads", "sla", "--as-of", AS_OF],
        &["map", "coverage"],
        &["find", "--requirement", "audit-trail"],
        &["render", "proposal", "--segment", "healthcare"],
    ] {
        let run = workspace.align(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.contains("align.toml:1:11") && !run.stderr.contains("AL302"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.ends_with(
            "error: align.toml cannot be read, so nothing was checked against it; fix it first\n"
        ));
    }
}

#[test]
fn an_align_toml_that_is_not_utf8_is_unreadable_too() {
    let workspace =
        Workspace::base().file("align.toml", b"[workspace]\nname = \"\xff\"\n".as_slice());
    let run = concise_lint(&workspace);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout,
        "align.toml:1:1: AL001 align.toml is not valid UTF-8\nFound 1 error (1 file checked).\n"
    );
}

#[test]
fn a_tier_with_an_invalid_sla_stays_known_and_is_reported_once() {
    let criteria =
        std::fs::read_to_string(fixtures().join("leads/workspace/criteria/criteria.toml"))
            .unwrap()
            .replace("C = \"16h\"", "C = \"2d\"");
    let workspace = leads_fixture().file("criteria/criteria.toml", criteria);
    let run = concise_lint(&workspace);
    assert!(!run.stdout.contains("unknown tier `C`"), "{}", run.stdout);
    // A tier no SLA names is still unknown, and the message lists them all.
    assert!(
        run.stdout
            .contains("AL303 unknown tier `Z`: the SLA names `A`, `B` and `C`"),
        "{}",
        run.stdout
    );
    let invalid = with_code(&run, "AL302");
    assert_eq!(invalid.len(), 1, "{}", run.stdout);
    assert!(
        invalid[0].contains("invalid duration `2d`"),
        "{}",
        invalid[0]
    );
}

#[test]
fn an_invalid_id_does_not_make_its_sibling_keys_unknown() {
    let workspace = Workspace::base().file(
        "map/extra.toml",
        "[[segment]]\nid = \"Building-Materials\"\nname = \"Building materials\"\n\n\
         [[message]]\nid = \"Bad Message\"\nheadline = \"h\"\nrequirements = [\"x\"]\nstatus = \"draft\"\n",
    );
    let run = concise_lint(&workspace);
    assert_eq!(
        with_code(&run, "AL002"),
        Vec::<&str>::new(),
        "{}",
        run.stdout
    );
    assert_eq!(with_code(&run, "AL004").len(), 2, "{}", run.stdout);
}

#[test]
fn a_yaml_scalar_where_a_list_is_expected_is_a_one_item_list() {
    let base = Workspace::base();
    let core = std::fs::read_to_string(base.path().join("map/core.toml")).unwrap();
    let message = core
        .lines()
        .skip_while(|line| *line != "[[message]]")
        .nth(1)
        .and_then(|line| line.strip_prefix("id = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("the base map has a message")
        .to_owned();
    let workspace = base.file(
        "collateral/scalar.md",
        format!("---\nkind: battlecard\ncompetitors: legacyco\nmessages: {message}\n---\n## Why we win\n"),
    );
    let run = concise_lint(&workspace);
    let here: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("collateral/scalar.md"))
        .collect();
    assert!(
        here.iter()
            .all(|line| !line.contains("AL004") && !line.contains("AL209")),
        "{}",
        run.stdout
    );
}

/// Runs `align ARGS`, reads `keep` bytes of its stdout, closes the pipe and
/// returns the exit status and stderr.
fn cut_short(workspace: &Workspace, args: &[&str], keep: usize) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_align"))
        .args(args)
        .current_dir(workspace.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run align");
    let mut stdout = child.stdout.take().unwrap();
    let mut kept = vec![0; keep];
    stdout
        .read_exact(&mut kept)
        .unwrap_or_else(|error| panic!("{args:?}: {error}"));
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    (status.code().unwrap_or(-1), stderr)
}

/// Far more output than a pipe buffers (64 KiB), so the writer always
/// meets the closed pipe.
fn many_overdue_leads() -> Workspace {
    let mut leads =
        String::from("id,Date Assigned,First Activity,tier,Lead Owner,status,pages_viewed\n");
    for n in 0..700 {
        leads.push_str(&format!(
            "P{n:05},2026-11-16T10:00:00-05:00,,A,owner{}@northwind.example,open,3\n",
            n % 7
        ));
    }
    // Lint errors too: leads without an id (AL004).
    for _ in 0..100 {
        leads.push_str(",2026-11-16T10:00:00-05:00,,A,someone@northwind.example,open,3\n");
    }
    leads_fixture().file("leads/leads.csv", leads)
}

#[test]
fn a_closed_pipe_is_silent_and_keeps_the_exit_status() {
    let workspace = many_overdue_leads();
    for _ in 0..3 {
        let (code, stderr) = cut_short(&workspace, &["lint", "--as-of", AS_OF], 10);
        assert_eq!(code, 1, "lint | head: {stderr}");
        assert!(!stderr.contains("error"), "{stderr}");

        let args = ["leads", "overdue", "--check", "--as-of", AS_OF];
        let (code, stderr) = cut_short(&workspace, &args, 10);
        assert_eq!(code, 1, "overdue --check | head: {stderr}");
        assert!(!stderr.contains("error"), "{stderr}");

        for args in [
            &["leads", "overdue", "--as-of", AS_OF][..],
            &["leads", "overdue", "--format", "csv", "--as-of", AS_OF],
            &["leads", "overdue", "--format", "json", "--as-of", AS_OF],
            &["leads", "score"],
            &["leads", "sla", "--format", "csv", "--as-of", AS_OF],
            &["rules"],
        ] {
            let (code, stderr) = cut_short(&workspace, args, 10);
            assert!(!stderr.contains("error"), "{args:?}: {stderr}");
            assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
            assert_ne!(code, 2, "{args:?}: {stderr}");
        }
    }
}

#[test]
fn a_tier_no_criteria_name_is_a_usage_error_listing_the_tiers() {
    let workspace = leads_fixture();
    for args in [
        &["leads", "overdue", "--tier", "Z", "--as-of", AS_OF][..],
        &[
            "leads", "due", "--within", "4h", "--tier", "Z", "--as-of", AS_OF,
        ],
    ] {
        let run = workspace.align(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stdout, "");
        assert_eq!(
            run.stderr,
            "error: --tier Z: the criteria name no such tier; the tiers are `A`, `B`, `C`\n"
        );
    }
    // Any case names a tier, as in the `tier` column.
    let run = workspace.align(&["leads", "overdue", "--tier", "b", "-q", "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_workspace_given_twice_is_a_usage_error() {
    let workspace = Workspace::base().file("other/align.toml", "[workspace]\nname = \"o\"\n");
    // A global flag given before and after the command: clap would keep B.
    let run = workspace.align(&["--workspace", ".", "lint", "--workspace=other"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: --workspace is given twice, as . and as other: give it once\n"),
        "{}",
        run.stderr
    );
    // The same directory twice is no disagreement.
    let args = [
        "--workspace",
        "other",
        "lint",
        "--workspace",
        "./other",
        "--as-of",
        AS_OF,
    ];
    assert_eq!(workspace.align(&args).code, 0);
}

#[test]
fn explain_prints_text_markdown_or_json() {
    let workspace = Workspace::empty();
    let text = workspace.align(&["explain", "AL204"]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout.starts_with(
            "AL204 banned-phrase\n\nDefault severity: error.\n\nWhat it does\nReports a banned"
        ),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("Fails:\n    The best-in-class ledger for fintech.\nPasses:\n"),
        "{}",
        text.stdout
    );
    let markdown = workspace.align(&["explain", "AL204", "--format", "md"]);
    assert!(markdown.stdout.starts_with("# AL204 banned-phrase\n"));
    let json = workspace.align(&["explain", "AL204", "--format", "json"]);
    let rule: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let listed: serde_json::Value =
        serde_json::from_str(&workspace.align(&["rules", "--format", "json"]).stdout).unwrap();
    assert_eq!(
        Some(&rule),
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "AL204")
    );
    assert!(
        rule["documentation"]
            .as_str()
            .unwrap()
            .starts_with("## What it does\n")
    );
    assert_eq!(
        workspace
            .align(&["explain", "AL204", "--format", "xml"])
            .code,
        2
    );
}

#[test]
fn numbers_align_prints_in_csv_are_not_formula_guarded() {
    let workspace = leads_fixture()
        .file(
            "criteria/criteria.toml",
            "[[fit]]\nfield = \"industry\"\nequals = \"fintech\"\npoints = -20\n\n[tiers]\nA = 0\nB = -1000\n\n\
             [sla]\nfirst_touch = { A = \"1h\", B = \"1h\" }\n",
        )
        .file(
            "leads/leads.csv",
            "id,industry,tier,Lead Owner,Date Assigned,First Activity,status\n\
             -L1,fintech,,=cmd,2026-11-16T10:00:00-06:00,,open\n",
        );
    let run = workspace.align(&["leads", "score", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "id,score,stage,tier,disqualified,reason\n'-L1,-20,,B,false,\n"
    );
    let run = workspace.align(&[
        "leads", "overdue", "--format", "csv", "-q", "--as-of", AS_OF,
    ]);
    assert_eq!(
        run.stdout,
        "id,owner,tier,assigned_at,due_at,overdue_minutes\n\
         '-L1,'=cmd,B,2026-11-16T10:00:00-06:00,2026-11-16T11:00:00-06:00,2280\n"
    );
}

#[test]
fn a_business_clock_without_weekly_hours_stops_the_leads_commands() {
    let align_toml = std::fs::read_to_string(fixtures().join("leads/workspace/align.toml"))
        .unwrap()
        .lines()
        .filter(|line| !line.contains("day "))
        .map(|line| match line.starts_with("holidays") {
            true => "half_days = [{ date = \"2026-12-24\", hours = [\"09:00-12:00\"] }]",
            false => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let workspace = leads_fixture().file("align.toml", align_toml);
    let run = concise_lint(&workspace);
    assert!(!run.stdout.contains("align.toml"), "{}", run.stdout);
    assert_eq!(
        with_code(&run, "AL302"),
        [
            "criteria/criteria.toml:45:9: AL302 the SLA runs on a business clock, but `[business_hours]` has no hours on any weekday"
        ]
    );
    for args in [
        &["leads", "overdue", "--as-of", AS_OF][..],
        &["leads", "sla", "--as-of", AS_OF],
    ] {
        let run = workspace.align(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains("criteria/criteria.toml:45:9"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("no deadline"), "{}", run.stderr);
    }
}

/// Runs `align ARGS` with stdout and stderr on one pipe (`2>&1 | head`),
/// reads `keep` bytes, closes it and returns the exit status.
fn both_cut_short(workspace: &Workspace, args: &[&str], keep: usize) -> i32 {
    // `sh` joins stderr to stdout, then becomes align (exec).
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" 2>&1")
        .arg(env!("CARGO_BIN_EXE_align"))
        .args(args)
        .current_dir(workspace.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run align");
    let mut reader = child.stdout.take().unwrap();
    let mut kept = vec![0; keep];
    reader.read_exact(&mut kept).unwrap();
    drop(reader);
    child.wait().unwrap().code().unwrap_or(-1)
}

#[test]
fn a_closed_pipe_on_stderr_too_keeps_the_exit_status() {
    let workspace = many_overdue_leads();
    for _ in 0..2 {
        let args = ["leads", "overdue", "--check", "--as-of", AS_OF];
        assert_eq!(both_cut_short(&workspace, &args, 10), 1);
        assert_eq!(
            both_cut_short(&workspace, &["lint", "--as-of", AS_OF], 10),
            1
        );
    }
}
