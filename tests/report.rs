//! `align report`: golden JSON and table output for the Northwind example
//! (`tests/golden/report-northwind.*`, regenerate with `UPDATE_EXPECT=1`),
//! and the SPEC's cohort rules, "no data", `--check`, `-o`, escaping and the
//! agreement with `leads sla` on a small calendar-clock workspace whose
//! every number can be worked out by hand.

mod common;

use std::fs;
use std::path::Path;

use common::{Workspace, assert_matches_file, run_in};

const NORTHWIND_AS_OF: &str = "2026-11-23T10:00:00-06:00";

fn northwind(args: &[&str]) -> common::Run {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind");
    let mut all = vec!["report", "--as-of", NORTHWIND_AS_OF];
    all.extend(args);
    run_in(&example, &all)
}

fn golden(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

#[test]
fn northwind_json_is_golden() {
    let run = northwind(&["--format", "json", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_matches_file(&run.stdout, &golden("report-northwind.json"));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let periods = json["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 6, "six months by default");
    // June has no leads: its rates have no data, never 0.
    assert_eq!(periods[0]["label"], "2026-06");
    assert!(periods[0]["metrics"]["first_touch_within_sla_rate"].is_null());
    assert_eq!(periods[0]["metrics"]["leads_created"], 0);
}

#[test]
fn northwind_table_is_golden_and_fits_80_columns() {
    let run = northwind(&["--from", "2026-09-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_matches_file(&run.stdout, &golden("report-northwind.txt"));
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert_eq!(
        run.stderr,
        "3 of 8 objectives missed in 2026-10, the last complete month\n"
    );
}

#[test]
fn northwind_check_fails_on_the_missed_objectives() {
    let run = northwind(&["--check", "-q"]);
    assert_eq!(run.code, 1);
}

const ALIGN_TOML: &str = "[workspace]\nname = \"Small <Co>\"\ntimezone = \"UTC\"\n";

const CRITERIA: &str = r#"[[fit]]
field = "industry"
equals = "fintech"
points = 20

[stages]
mql = 10
sql = 20

[handoff]
min_score = 20

[tiers]
A = 0

[sla]
clock = "calendar"
first_touch = { A = "1h" }

[[objective]]
metric = "first_touch_within_sla_rate"
target = ">= 0.5"

[[objective]]
metric = "leads_created"
target = ">= 3"
"#;

/// S1 is created in September and assigned in October; S2 is late (2h of
/// a 1h SLA) and won in November; S3 is unqualified and overdue; S4 waits
/// (its deadline is after the as-of instant), so it is not decided; S5 is
/// never assigned; S6 cannot be read.
const LEADS: &str = "\
id,created_at,industry,stage,owner,assigned_at,first_touch_at,status,closed_at,outcome,amount,source
S1,2026-09-30T23:00Z,fintech,sql,Dana,2026-10-01T00:30Z,2026-10-01T01:00Z,working,,,,web
S2,2026-10-02T10:00Z,fintech,sql,dana,2026-10-02T10:00Z,2026-10-02T12:00Z,won,2026-11-03T10:00Z,won,\"1,200\",web
S3,2026-10-03T10:00Z,retail,,DANA,2026-10-03T10:00Z,,open,,,,event
S4,2026-10-04T10:00Z,fintech,mql,luis,2026-11-14T23:30Z,,open,,,,<b>ads</b>
S5,2026-10-05T10:00Z,retail,mql,,,,open,,,,web
S6,05/10/2026,retail,,,,,open,,,,web
";

const AS_OF: &str = "2026-11-15T00:00:00Z";

fn small() -> Workspace {
    Workspace::empty()
        .file("align.toml", ALIGN_TOML)
        .file("criteria/criteria.toml", CRITERIA)
        .file("leads/leads.csv", LEADS)
}

fn json(workspace: &Workspace, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["report", "--format", "json", "--as-of", AS_OF];
    all.extend(args);
    let run = workspace.align(&all);
    serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{}", run.stderr))
}

#[test]
fn each_metric_counts_in_the_period_of_its_own_timestamp() {
    let report = json(&small(), &["--from", "2026-09-01"]);
    let periods = report["periods"].as_array().unwrap();
    let labels: Vec<&str> = periods
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2026-09", "2026-10", "2026-11"]);
    let (september, october, november) = (&periods[0], &periods[1], &periods[2]);
    assert_eq!(september["metrics"]["leads_created"], 1);
    assert_eq!(september["metrics"]["leads_assigned"], 0);
    let october_metrics = serde_json::json!({
        "leads_created": 4,
        "leads_assigned": 3,
        "first_touch_within_sla_rate": 0.3333,
        "median_first_touch_hours": 0.5,
        "p90_first_touch_hours": 2,
        "never_touched_rate": 0.3333,
        "unqualified_handoff_rate": 0.3333,
        "mql_to_sql_rate": 0.3333,
        "sql_to_won_rate": 1,
        "won_count": 0,
        "won_amount": 0
    });
    assert_eq!(october["metrics"], october_metrics);
    // S4 waits: assigned in November, but not decided, so no data.
    assert_eq!(november["metrics"]["leads_assigned"], 1);
    assert!(november["metrics"]["first_touch_within_sla_rate"].is_null());
    assert!(november["metrics"]["median_first_touch_hours"].is_null());
    assert_eq!(november["metrics"]["won_count"], 1);
    assert_eq!(november["metrics"]["won_amount"], 1200);
    assert_eq!(november["complete"], false);
    assert_eq!(
        october["sla_bands"],
        serde_json::json!({"within_sla": 1, "up_to_2x_sla": 1, "later": 0, "never": 1})
    );
    assert_eq!(october["change"]["leads_created"], 3);
    assert!(october["change"]["first_touch_within_sla_rate"].is_null());
    assert_eq!(
        october["objectives"],
        serde_json::json!([
            {"metric": "first_touch_within_sla_rate", "target": ">= 0.5", "value": 0.3333, "met": false},
            {"metric": "leads_created", "target": ">= 3", "value": 4, "met": true}
        ])
    );
    // Owners group case-insensitively; the tie between `dana` and `DANA`
    // goes to the first in byte order.
    let owners: Vec<&str> = october["by_owner"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["owner"].as_str().unwrap())
        .collect();
    assert_eq!(
        owners,
        ["", "DANA", "luis"],
        "S5 has no owner; S4 was created in October"
    );
    assert_eq!(october["by_owner"][1]["metrics"]["leads_assigned"], 3);
    assert_eq!(october["by_owner"][2]["metrics"]["leads_assigned"], 0);
}

#[test]
fn leads_sla_gives_the_same_numbers() {
    let workspace = small();
    let run = workspace.align(&["leads", "sla", "--format", "json", "--as-of", AS_OF, "-q"]);
    let sla: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let report = json(&workspace, &["--from", "2026-09-01"]);
    let october = &report["periods"][1]["metrics"];
    // Every assigned lead but S4 (undecided, untouched) is October's.
    assert_eq!(
        sla["total"]["first_touch_within_sla_rate"],
        october["first_touch_within_sla_rate"]
    );
    assert_eq!(
        sla["total"]["never_touched_rate"],
        october["never_touched_rate"]
    );
    assert_eq!(sla["total"]["median_response_minutes"], 30.0);
    assert_eq!(sla["total"]["p90_response_minutes"], 120.0);
    assert_eq!(sla["groups"].as_array().unwrap().len(), 2, "DANA and luis");
}

#[test]
fn unreadable_leads_are_named_and_counted() {
    let run = small().align(&["report", "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .starts_with("leads/leads.csv:7: `created_at`: invalid timestamp `05/10/2026`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("; 1 could not be evaluated (listed above)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_exits_1_on_a_missed_objective_in_the_last_complete_period() {
    let workspace = small();
    let missed = workspace.align(&["report", "--check", "--as-of", AS_OF, "-q"]);
    assert_eq!(missed.code, 1);
    // October's third of leads within the SLA meets a lower target.
    let met = workspace
        .file(
            "criteria/criteria.toml",
            CRITERIA.replace(">= 0.5", ">= 0.3"),
        )
        .align(&["report", "--check", "--as-of", AS_OF, "-q"]);
    assert_eq!(met.code, 0, "{}{}", met.stdout, met.stderr);
}

#[test]
fn weeks_and_quarters() {
    let weeks = json(
        &small(),
        &[
            "--period",
            "week",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-08",
        ],
    );
    let labels: Vec<&str> = weeks["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2026-W40", "2026-W41"]);
    assert_eq!(weeks["periods"][0]["start"], "2026-09-28T00:00:00+00:00");
    let quarters = json(&small(), &["--period", "quarter", "--from", "2026-09-01"]);
    assert_eq!(quarters["periods"][0]["label"], "2026-Q3");
    assert_eq!(quarters["periods"][1]["metrics"]["leads_created"], 4);
}

#[test]
fn html_escapes_workspace_text_and_writes_atomically_without_clobbering() {
    let workspace = small();
    let args = [
        "report",
        "--format",
        "html",
        "--as-of",
        AS_OF,
        "-o",
        "out/report.html",
        "-q",
    ];
    fs::create_dir(workspace.path().join("out")).unwrap();
    let first = workspace.align(&args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let page = fs::read_to_string(workspace.path().join("out/report.html")).unwrap();
    assert!(page.contains("Small &lt;Co&gt;"));
    assert!(page.contains("&lt;b&gt;ads&lt;/b&gt;") || !page.contains("<b>ads"));
    assert!(!page.contains("<b>") && !page.contains("<Co>"));
    assert!(!page.contains("<script") && !page.contains("http://") && !page.contains("https://"));

    fs::write(workspace.path().join("out/report.html"), "mine").unwrap();
    let again = workspace.align(&args);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already exists; pass --force"),
        "{}",
        again.stderr
    );
    assert_eq!(
        fs::read_to_string(workspace.path().join("out/report.html")).unwrap(),
        "mine"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(workspace.align(&forced).code, 0);
    assert!(
        fs::read_to_string(workspace.path().join("out/report.html"))
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn an_objective_with_an_unknown_metric_stops_the_report() {
    let workspace = small().file(
        "criteria/criteria.toml",
        CRITERIA.replace("metric = \"leads_created\"", "metric = \"leads_made\""),
    );
    let run = workspace.align(&["report", "--as-of", AS_OF]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("AL302"), "{}", run.stderr);
    assert!(
        run.stderr.contains("criteria/criteria.toml:"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn bad_flags_exit_2() {
    for args in [
        &["report", "--from", "2026-11-01", "--to", "2026-10-01"][..],
        &["report", "--from", "November"],
        &[
            "report",
            "--period",
            "week",
            "--from",
            "2000-01-01",
            "--to",
            "2026-01-01",
        ],
    ] {
        let run = small().align(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    }
}

#[test]
fn owners_are_reported_through_their_aliases() {
    let workspace = small().file(
        "align.toml",
        format!("{ALIGN_TOML}\n[leads.owners]\n\"luis\" = \"luis@small.example\"\n"),
    );
    let report = json(&workspace, &["--from", "2026-10-01"]);
    let owners: Vec<&str> = report["periods"][0]["by_owner"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["owner"].as_str().unwrap())
        .collect();
    assert_eq!(owners, ["", "DANA", "luis@small.example"]);
}
