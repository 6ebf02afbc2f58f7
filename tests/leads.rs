//! `align leads overdue|due|score|sla` and the AL3xx lint run on fixture
//! workspaces; every comparison is of the whole output (stdout, stderr and
//! exit status) with a file in `tests/fixtures/leads/expected/`
//! (regenerate with `UPDATE_EXPECT=1 cargo test --test leads`, then review
//! the diff).
//!
//! The main fixture (`tests/fixtures/leads/workspace`) is read at Monday
//! 2026-11-23 12:00 in Chicago. Business hours: Monday 09-12 and 13-17,
//! Tuesday to Thursday 09-17, Friday 09-15. Its leads tell these stories:
//! L01 (A, assigned Monday 09:00) was due at 10:00; L02 (A, Friday 14:30)
//! ran 30 minutes on Friday and 30 on Monday; L08 has no tier and its score
//! makes it A, assigned before hours, so it ties with L01 at 10:00 and
//! sorts after it by id; L11 was assigned at a naive New York time; L04 is
//! due exactly at the as-of instant, so it is due, not overdue; L05 was
//! touched exactly at its deadline (on time) and L06 a minute later
//! (late); L12 (C, 16 business hours) is due Tuesday at 12:00. L13 to L16
//! cannot be evaluated (a US-style date, an unknown tier, no id, a ragged
//! row), and L02's company is a quoted two-line cell, so every later row's
//! line number is one more than its record number.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{Run, Workspace, assert_matches_file, fixtures};

const AS_OF: &str = "2026-11-23T12:00:00-06:00";

fn fixture() -> Workspace {
    Workspace::empty().overlay(&fixtures().join("leads/workspace"))
}

fn expected(name: &str) -> PathBuf {
    fixtures().join("leads/expected").join(name)
}

/// The whole run as one text: command, stdout, stderr, exit status.
fn transcript(args: &[&str], run: &Run) -> String {
    format!(
        "$ align {}\n--- stdout\n{}--- stderr\n{}--- exit {}\n",
        args.join(" "),
        run.stdout,
        run.stderr,
        run.code
    )
}

/// Runs `align ARGS` in `workspace` and compares the transcript.
fn check_in(workspace: &Workspace, name: &str, args: &[&str]) -> Run {
    let run = workspace.align(args);
    assert_matches_file(&transcript(args, &run), &expected(name));
    run
}

fn check(name: &str, args: &[&str]) -> Run {
    check_in(&fixture(), name, args)
}

/// The fixture without the rows that cannot be evaluated.
fn clean_fixture() -> Workspace {
    let text = fs::read_to_string(fixtures().join("leads/workspace/leads/leads.csv")).unwrap();
    let kept: Vec<&str> = text
        .split_inclusive('\n')
        .filter(|line| {
            !["L13,", "L14,", ",2026", "L16,"]
                .iter()
                .any(|start| line.starts_with(start))
        })
        .collect();
    fixture().file("leads/leads.csv", kept.concat())
}

#[test]
fn overdue_as_a_table() {
    let run = check("overdue-table", &["leads", "overdue", "--as-of", AS_OF]);
    assert_eq!(run.code, 0);
}

#[test]
fn overdue_as_csv() {
    check(
        "overdue-csv",
        &["leads", "overdue", "--format", "csv", "--as-of", AS_OF],
    );
}

#[test]
fn overdue_as_json() {
    let run = check(
        "overdue-json",
        &["leads", "overdue", "--format", "json", "--as-of", AS_OF],
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["count"], 4);
    assert_eq!(json["overdue"][0]["id"], "L02");
}

#[test]
fn overdue_filters_by_owner_tier_and_limit() {
    check(
        "overdue-owner",
        &[
            "leads",
            "overdue",
            "--owner",
            "DANA@northwind.example",
            "--format",
            "csv",
            "--as-of",
            AS_OF,
            "-q",
        ],
    );
    check(
        "overdue-tier-limit",
        &[
            "leads", "overdue", "--tier", "a", "--limit", "2", "--format", "csv", "--as-of", AS_OF,
        ],
    );
}

#[test]
fn overdue_check_exits_1_when_any_lead_is_overdue_or_unreadable() {
    let clean = clean_fixture();
    let early = "2026-11-23T09:15:00-06:00";
    let none = clean.align(&["leads", "overdue", "--check", "--as-of", early]);
    assert_eq!(
        (none.code, none.stdout.as_str()),
        (0, ""),
        "{}",
        none.stderr
    );
    assert_eq!(
        none.stderr,
        "0 overdue leads as of 2026-11-23T09:15:00-06:00\n"
    );
    let some = clean.align(&[
        "leads", "overdue", "--check", "--as-of", AS_OF, "-q", "--format", "csv",
    ]);
    assert_eq!(some.code, 1);
    assert_eq!(some.stderr, "");
    assert_eq!(some.stdout.lines().count(), 5);
    // Without --check, overdue leads are a result, not a failure.
    assert_eq!(clean.align(&["leads", "overdue", "--as-of", AS_OF]).code, 0);
    // A row that cannot be evaluated might be overdue: --check fails.
    check(
        "overdue-check-unreadable",
        &["leads", "overdue", "--check", "--as-of", early],
    );
}

#[test]
fn due_within_includes_a_deadline_exactly_now() {
    check(
        "due-4h",
        &["leads", "due", "--within", "4h", "--as-of", AS_OF],
    );
    check(
        "due-8h-json",
        &[
            "leads", "due", "--within", "8h", "--format", "json", "--as-of", AS_OF, "-q",
        ],
    );
}

#[test]
fn due_within_measures_on_the_sla_clock() {
    let run = check(
        "due-2d",
        &["leads", "due", "--within", "2d", "--as-of", AS_OF],
    );
    assert_eq!(run.code, 2);
}

#[test]
fn score_as_csv_and_json() {
    check("score-csv", &["leads", "score"]);
    let run = check("score-json", &["leads", "score", "--format", "json", "-q"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["count"], 15);
}

#[test]
fn score_explains_every_rule_that_fired() {
    check("explain-l08", &["leads", "score", "--explain", "L08"]);
    check(
        "explain-l17-json",
        &[
            "leads",
            "score",
            "--explain",
            "L17",
            "--format",
            "json",
            "-q",
        ],
    );
    let run = check(
        "explain-unknown",
        &["leads", "score", "--explain", "L99", "-q"],
    );
    assert_eq!(run.code, 2);
}

#[test]
fn sla_per_owner_tier_and_source() {
    check("sla-table", &["leads", "sla", "--as-of", AS_OF]);
    check(
        "sla-csv",
        &[
            "leads",
            "sla",
            "--by",
            "owner",
            "--by",
            "tier,source",
            "--format",
            "csv",
            "--as-of",
            AS_OF,
            "-q",
        ],
    );
    check(
        "sla-by-source-table",
        &["leads", "sla", "--by", "source", "--as-of", AS_OF, "-q"],
    );
    let run = check(
        "sla-json",
        &["leads", "sla", "--format", "json", "--as-of", AS_OF, "-q"],
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    // L05 was touched exactly at its deadline: within the SLA.
    assert_eq!(json["total"]["within_sla"], 2);
    assert_eq!(json["total"]["touched_late"], 1);
}

#[test]
fn lint_locates_lead_cells_on_physical_lines() {
    let run = check("lint", &["lint", "--format", "concise", "--as-of", AS_OF]);
    assert_eq!(run.code, 1);
}

#[test]
fn a_byte_order_mark_and_crlf_change_nothing() {
    let text = fs::read_to_string(fixtures().join("leads/workspace/leads/leads.csv")).unwrap();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let workspace = fixture().file("leads/leads.csv", crlf);
    for args in [
        &["leads", "overdue", "--format", "csv", "--as-of", AS_OF][..],
        &["leads", "sla", "--format", "csv", "--as-of", AS_OF],
        &["leads", "score"],
        &["lint", "--format", "concise", "--as-of", AS_OF],
    ] {
        let plain = fixture().align(args);
        let windows = workspace.align(args);
        assert_eq!(
            (windows.stdout, windows.stderr, windows.code),
            (plain.stdout, plain.stderr, plain.code),
            "{args:?}"
        );
    }
}

#[test]
fn empty_and_header_only_files() {
    let header = "id,Date Assigned,First Activity,tier,Lead Owner,pages_viewed\n";
    let workspace = fixture()
        .file("leads/leads.csv", header)
        .file("leads/z-empty.csv", "");
    check_in(
        &workspace,
        "empty-files-overdue",
        &["leads", "overdue", "--as-of", AS_OF],
    );
    check_in(
        &workspace,
        "empty-files-lint",
        &["lint", "--format", "concise", "--as-of", AS_OF],
    );
}

#[test]
fn an_unterminated_quote_is_reported_not_fatal() {
    let text = "id,Date Assigned,First Activity,tier,Lead Owner,pages_viewed\n\
                X1,2026-11-23T09:00:00-06:00,,A,dana,1\n\
                X2,\"2026-11-23T09:00:00-06:00,,A,dana,1\n\
                X3,2026-11-23T09:00:00-06:00,,A,dana,1\n";
    let workspace = fixture().file("leads/leads.csv", text);
    check_in(
        &workspace,
        "unterminated-overdue",
        &["leads", "overdue", "--format", "csv", "--as-of", AS_OF],
    );
    check_in(
        &workspace,
        "unterminated-lint",
        &["lint", "--format", "concise", "--as-of", AS_OF],
    );
}

#[test]
fn a_100_mb_cell_is_read_in_stride() {
    let workspace = fixture();
    let mut text = Vec::with_capacity(101 << 20);
    text.extend_from_slice(
        b"id,company,Date Assigned,First Activity,tier,Lead Owner,pages_viewed\n",
    );
    text.extend_from_slice(b"BIG,\"");
    text.resize(text.len() + (100 << 20), b'x');
    text.extend_from_slice(
        b"\",2026-11-23T09:00:00-06:00,,A,dana,1\nSMALL,Acme,2026-11-23T09:30:00-06:00,,A,dana,1\n",
    );
    fs::write(workspace.path().join("leads/leads.csv"), text).unwrap();
    let args = ["leads", "overdue", "--format", "csv", "--as-of", AS_OF];
    let run = workspace.align(&args);
    assert_eq!(
        run.stdout,
        "id,owner,tier,assigned_at,due_at,overdue_minutes\n\
         BIG,dana,A,2026-11-23T09:00:00-06:00,2026-11-23T10:00:00-06:00,120\n\
         SMALL,dana,A,2026-11-23T09:30:00-06:00,2026-11-23T10:30:00-06:00,90\n"
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn malformed_criteria_exit_2_with_located_findings() {
    let workspace = fixture().file(
        "criteria/criteria.toml",
        "[[fit]]\nfield = \"industry\"\nin = [\"fintech\"]\npoint = 30\n\n[sla]\nclock = \"business\"\nfirst_touch = { A = \"1h\", B = \"2d\", C = \"16h\" }\n",
    );
    let run = check_in(
        &workspace,
        "malformed-criteria",
        &["leads", "overdue", "--as-of", AS_OF],
    );
    assert_eq!(run.code, 2);
    let broken = fixture().file("criteria/criteria.toml", "[[fit]\nfield = 1\n");
    let run = broken.align(&["leads", "score"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("criteria/criteria.toml:1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_business_hours_exit_2() {
    let align_toml = fs::read_to_string(fixtures().join("leads/workspace/align.toml"))
        .unwrap()
        .replace("tuesday   = [\"09:00-17:00\"]", "tuesday   = [\"09:00-13:00\", \"12:00-17:00\"]")
        .replace("holidays  = [\"2026-11-26\"]", "holidays  = [\"2026-11-26\"]\nhalf_days = [{ date = \"2026-11-26\", hours = [\"09:00-12:00\"] }]");
    let workspace = fixture().file("align.toml", align_toml);
    let run = check_in(
        &workspace,
        "bad-business-hours",
        &["leads", "sla", "--as-of", AS_OF],
    );
    assert_eq!(run.code, 2);
}

#[test]
fn commands_that_need_an_sla_say_so() {
    let workspace = fixture().file("criteria/criteria.toml", "[tiers]\nA = 0\n");
    let run = workspace.align(&["leads", "overdue", "--as-of", AS_OF]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: the criteria define no `[sla]`: add one with the first-touch time of each tier\n"
    );
    // Scoring needs no SLA.
    assert_eq!(workspace.align(&["leads", "score", "-q"]).code, 0);
}

/// A workspace whose business hours span the DST changes of Chicago:
/// Sundays 00:00-06:00, so the range is 5 real hours on 2026-03-08
/// (clocks jump from 02:00 to 03:00) and 7 on 2026-11-01 (they fall back).
fn dst_workspace(leads: &str) -> Workspace {
    Workspace::empty()
        .file(
            "align.toml",
            "[workspace]\ntimezone = \"America/Chicago\"\n\n[business_hours]\nsunday = [\"00:00-06:00\"]\n",
        )
        .file(
            "criteria/criteria.toml",
            "[sla]\nclock = \"business\"\nfirst_touch = { A = \"1h\", B = \"4h\", C = \"6h\" }\n",
        )
        .file("leads/leads.csv", format!("id,assigned_at,first_touch_at,tier,owner\n{leads}"))
}

#[test]
fn deadlines_across_dst_changes_count_real_business_time() {
    let workspace = dst_workspace(
        "FALL,2026-11-01T00:30:00-05:00,,B,dana\n\
         FALLDAY,2026-11-01T00:00:00-05:00,,C,dana\n\
         SPRING,2026-03-08T01:30:00-06:00,,A,dana\n\
         GAP,2026-03-08 02:30,,A,dana\n\
         SPRINGDAY,2026-03-08 00:00,,C,dana\n",
    );
    // Four business hours from 00:30 CDT on the night clocks fall back end
    // at 03:30 CST (00:30-01:00 CDT, 01:00-02:00 CDT, 01:00-03:30 CST). Six
    // business hours from midnight end at 05:00 CST. Where clocks jump
    // forward, one hour from 01:30 CST ends at 03:30 CDT; 02:30 does not
    // exist and reads as 03:30 CDT; the 5-hour day leaves one hour of a
    // 6-hour SLA for the next Sunday.
    check_in(
        &workspace,
        "dst-overdue",
        &[
            "leads",
            "overdue",
            "--format",
            "csv",
            "--as-of",
            "2026-11-30T00:00:00-06:00",
        ],
    );
}

#[test]
fn a_touch_exactly_at_the_deadline_is_on_time() {
    let workspace = dst_workspace(
        "ONTIME,2026-11-01T00:30:00-05:00,2026-11-01T03:30:00-06:00,B,dana\n\
         LATE,2026-11-01T00:30:00-05:00,2026-11-01T03:30:01-06:00,B,dana\n",
    );
    let run = workspace.align(&[
        "leads",
        "sla",
        "--by",
        "owner,tier",
        "--format",
        "csv",
        "--as-of",
        "2026-11-30T00:00:00-06:00",
        "-q",
    ]);
    assert_eq!(
        run.stdout,
        "owner,tier,assigned,within_sla,touched_late,open_overdue,never_touched,first_touch_within_sla_rate,never_touched_rate,median_response_minutes,p90_response_minutes\n\
         dana,B,2,1,1,0,0,0.5,0,240,240\n"
    );
}

#[test]
fn csv_cells_are_spreadsheet_safe() {
    let workspace = fixture().file(
        "leads/leads.csv",
        "id,Date Assigned,First Activity,tier,Lead Owner,pages_viewed\n\
         =HYPERLINK(\"x\"),2026-11-23T09:00:00-06:00,,A,@dana,1\n\
         -5,2026-11-23T09:00:00-06:00,,A,+luis,1\n",
    );
    let run = workspace.align(&[
        "leads", "overdue", "--format", "csv", "--as-of", AS_OF, "-q",
    ]);
    assert_eq!(
        run.stdout,
        "id,owner,tier,assigned_at,due_at,overdue_minutes\n\
         '-5,'+luis,A,2026-11-23T09:00:00-06:00,2026-11-23T10:00:00-06:00,120\n\
         \"'=HYPERLINK(\"\"x\"\")\",'@dana,A,2026-11-23T09:00:00-06:00,2026-11-23T10:00:00-06:00,120\n"
    );
}

#[test]
fn commands_follow_lint_severities() {
    let criteria = fs::read_to_string(fixtures().join("leads/workspace/criteria/criteria.toml"))
        .unwrap()
        .replace("field = \"industry\"", "field = \"industy\"");
    let strict = fixture().file("criteria/criteria.toml", &criteria);
    let run = strict.align(&["leads", "overdue", "--as-of", AS_OF, "-q"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("error[AL301]"), "{}", run.stderr);
    let align_toml = fs::read_to_string(fixtures().join("leads/workspace/align.toml")).unwrap()
        + "\n[lint]\nseverity = { AL301 = \"warning\" }\n";
    let relaxed = strict.file("align.toml", align_toml);
    let run = relaxed.align(&[
        "leads", "overdue", "--as-of", AS_OF, "-q", "--format", "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 5);
}
