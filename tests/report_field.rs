//! The field section of `align report`: feedback rows counted into the
//! report's own periods (JSON `field` key), and the same numbers as text
//! and as escaped HTML.

mod common;

use common::{Workspace, fixtures};

const CRITERIA: &str = r#"[stages]
mql = 10
sql = 20

[tiers]
A = 0

[sla]
clock = "calendar"
first_touch = { A = "1h" }
"#;

const LEADS: &str = "\
id,created_at,stage,owner,assigned_at,first_touch_at
L1,2026-10-02T10:00Z,sql,dana,2026-10-02T10:00Z,2026-10-02T10:30Z
";

/// `legacyco-is-cheaper` (answered) is heard twice in October and once in
/// November, `no-on-prem` (a draft: unanswered) once in October; the
/// September row is before the first period shown.
const FEEDBACK: &str = "\
date,from,kind,text,objection,requirement,message,collateral
2026-09-15,dana,objection,Too early to count,legacyco-is-cheaper,,,
2026-10-05,dana,objection,LegacyCo is cheaper,legacyco-is-cheaper,,,
2026-10-20,luis,objection,Still cheaper,legacyco-is-cheaper,,,
2026-10-21,luis,objection,On our servers,no-on-prem,,,
2026-10-07,sam,content-request,Audit one-pager please,,audit-trail,,
2026-10-09,sam,win,Won Acme on the audit story,,,audit-in-minutes,acme
2026-11-02,luis,objection,Cheaper again,legacyco-is-cheaper,,,
2026-11-03,luis,objection,Typo in the id,<b>cheap</b>,,,
";

fn workspace() -> Workspace {
    Workspace::base()
        .overlay(&fixtures().join("objections"))
        .file("criteria/criteria.toml", CRITERIA)
        .file("leads/leads.csv", LEADS)
        .file("feedback/2026.csv", FEEDBACK)
}

fn report(format: &str) -> String {
    let run = workspace().align(&[
        "report",
        "--format",
        format,
        "--as-of",
        "2026-11-15T00:00:00Z",
        "--from",
        "2026-10-01",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn json_counts_feedback_into_the_report_periods() {
    let report: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    let periods = report["field"]["periods"].as_array().unwrap();
    let labels: Vec<&str> = periods
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2026-10", "2026-11"]);
    let (october, november) = (&periods[0], &periods[1]);
    assert_eq!(
        october["objections"],
        serde_json::json!([
            {"objection": "legacyco-is-cheaper", "text": "LegacyCo is cheaper per seat",
             "heard": 2, "status": "answered", "answers": ["audit-in-minutes"]},
            {"objection": "no-on-prem", "text": "We need it on our own servers",
             "heard": 1, "status": "unanswered", "answers": []},
        ])
    );
    assert_eq!(
        october["content_requests"],
        serde_json::json!([{"requirement": "audit-trail", "requests": 1}])
    );
    assert_eq!(
        october["collateral"],
        serde_json::json!([{"id": "acme", "win": 1, "loss": 0, "praise": 0}])
    );
    assert_eq!(
        october["messages"],
        serde_json::json!([{"id": "audit-in-minutes", "win": 1, "loss": 0, "praise": 0}])
    );
    // A tie in November: id order, `<` before `l`.
    assert_eq!(
        november["objections"],
        serde_json::json!([
            {"objection": "<b>cheap</b>", "text": "", "heard": 1,
             "status": "not-in-map", "answers": []},
            {"objection": "legacyco-is-cheaper", "text": "LegacyCo is cheaper per seat",
             "heard": 1, "status": "answered", "answers": ["audit-in-minutes"]},
        ])
    );
    assert_eq!(november["content_requests"], serde_json::json!([]));
}

#[test]
fn table_shows_each_objection_per_period_with_its_answer_status() {
    let text = report("table");
    let section = &text[text.find("Objections heard").unwrap()..];
    assert_eq!(
        section,
        "\
Objections heard (UNANSWERED: no approved answer)
objection                answer  2026-10  2026-11*
legacyco-is-cheaper    answered        2         1
<b>cheap</b>         not in map        0         1
no-on-prem           UNANSWERED        1         0

Content requests by requirement
requirement  2026-10  2026-11*
audit-trail        1         0

Mentions in wins, losses and praise by collateral (periods shown)
collateral  win  loss  praise
acme          1     0       0

Mentions in wins, losses and praise by message (periods shown)
message           win  loss  praise
audit-in-minutes    1     0       0
"
    );
}

#[test]
fn html_escapes_ids_from_the_feedback_files() {
    let page = report("html");
    let section = &page[page.find("<section id=\"field\">").unwrap()..];
    assert!(section.contains("&lt;b&gt;cheap&lt;/b&gt;"), "{section}");
    assert!(!page.contains("<b>"));
    assert!(section.contains("<th scope=\"row\">legacyco-is-cheaper</th><td>answered</td><td>audit-in-minutes</td><td>2</td><td>1</td>"), "{section}");
}

#[test]
fn no_feedback_adds_no_field_tables() {
    let run = Workspace::base()
        .file("criteria/criteria.toml", CRITERIA)
        .file("leads/leads.csv", LEADS)
        .align(&["report", "--as-of", "2026-11-15T00:00:00Z", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("Objections heard"), "{}", run.stdout);
}
