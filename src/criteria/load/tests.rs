use std::fs;

use super::*;
use crate::criteria::{Cells, Scorer};

const HOURS: &str =
    "[workspace]\ntimezone = \"America/Chicago\"\n\n[business_hours]\nmonday = [\"09:00-17:00\"]\n";

/// Loads criteria files in a temporary workspace: the criteria and the
/// findings as `(code, line, column, message)`.
fn load_files(
    align_toml: &str,
    files: &[(&str, &str)],
) -> (Criteria, Vec<(String, usize, usize, String)>) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("align.toml"), align_toml).unwrap();
    fs::create_dir(dir.path().join("criteria")).unwrap();
    for (name, text) in files {
        fs::write(dir.path().join("criteria").join(name), text).unwrap();
    }
    let workspace = crate::workspace::open_root(dir.path()).unwrap();
    assert!(
        workspace.diagnostics.is_empty(),
        "{:?}",
        workspace.diagnostics
    );
    let (criteria, diagnostics) = load(&workspace);
    let found = diagnostics
        .iter()
        .map(|d| {
            (
                d.code().to_owned(),
                d.start.line,
                d.start.column,
                d.message.clone(),
            )
        })
        .collect();
    (criteria, found)
}

fn load_one(text: &str) -> (Criteria, Vec<(String, usize, usize, String)>) {
    load_files(HOURS, &[("c.toml", text)])
}

fn codes(found: &[(String, usize, usize, String)]) -> Vec<(&str, usize)> {
    found
        .iter()
        .map(|(code, line, ..)| (code.as_str(), *line))
        .collect()
}

const FULL: &str = r#"
[[fit]]
field = "industry"
in = ["Fintech", " insurance "]
points = 20

[[engagement]]
field = "source"
equals = "Demo-Request"
points = 30

[[fit]]
field = "employees"
at_least = 200
points = 15

[[fit]]
field = "employees"
at_most = 5000
points = 5

[[fit]]
field = "rating"
equals = 3
points = 1

[[fit]]
field = "title"
matches = "\\b(cfo|controller)\\b"
points = 20

[[fit]]
field = "country"
not_in = ["DE"]
points = 5

[[fit]]
field = "phone"
present = true
points = 2

[[disqualify]]
field = "contact_email"
matches = "@gmail\\.com$"
reason = "personal email address"

[stages]
mql = 40
sql = 70

[handoff]
min_score = 70
required = ["company", "title"]

[tiers]
C = 0
A = 90
B = 70

[sla]
clock = "business"
first_touch = { A = "1h", B = "4h", C = "1h30m" }

[[objective]]
metric = "first_touch_within_sla_rate"
target = ">= 0.90"
"#;

#[test]
fn reads_every_part_of_the_agreement() {
    let (criteria, found) = load_one(FULL);
    assert_eq!(found, []);
    assert_eq!(criteria.rules.len(), 9);
    let sections: Vec<&str> = criteria.rules.iter().map(|r| r.section.as_str()).collect();
    assert_eq!(
        sections[..2],
        ["fit", "engagement"],
        "rules stay in file order"
    );
    let tests: Vec<String> = criteria.rules.iter().map(|r| r.describe()).collect();
    assert_eq!(
        tests,
        [
            "industry in [fintech, insurance]",
            "source equals \"demo-request\"",
            "employees at least 200",
            "employees at most 5000",
            "rating equals 3",
            "title matches /\\b(cfo|controller)\\b/",
            "country not in [de]",
            "phone present",
            "contact_email matches /@gmail\\.com$/",
        ]
    );
    assert_eq!(
        criteria.rules[8].reason.as_deref(),
        Some("personal email address")
    );
    let tiers: Vec<&str> = criteria.tiers.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tiers, ["A", "B", "C"], "bands are sorted, highest first");
    let sla = criteria.sla.as_ref().unwrap();
    assert_eq!(sla.clock, ClockKind::Business);
    let seconds: Vec<i64> = sla.first_touch.iter().map(|t| t.seconds).collect();
    assert_eq!(seconds, [3600, 14_400, 5400]);
    assert_eq!(
        criteria.tier_sla(b" a ").map(|t| t.tier.as_str()),
        Some("A")
    );
    assert!(criteria.tier_sla(b"D").is_none());
    assert_eq!(criteria.band(95).map(|t| t.name.as_str()), Some("A"));
    assert_eq!(criteria.band(90).map(|t| t.name.as_str()), Some("A"));
    assert_eq!(criteria.band(89).map(|t| t.name.as_str()), Some("B"));
    assert_eq!(criteria.band(-5).map(|t| t.name.as_str()), None);
    assert_eq!(criteria.stage(70), Some("sql"));
    assert_eq!(criteria.stage(69), Some("mql"));
    assert_eq!(criteria.stage(39), None);
    assert_eq!(criteria.min_handoff_score(), Some(70.0));
    assert_eq!(criteria.objectives.len(), 1);
}

#[test]
fn scores_and_disqualifies_a_lead() {
    let (criteria, _) = load_one(FULL);
    let columns = [
        "industry",
        "source",
        "employees",
        "rating",
        "title",
        "country",
        "phone",
        "contact_email",
    ];
    let scorer = Scorer::new(&criteria, |field| columns.iter().position(|c| *c == field));
    let lead: &[&str] = &[
        "FinTech",
        "demo-request",
        "1,200",
        "3.0",
        "Corporate Controller",
        "US",
        "",
        "a@gmail.com",
    ];
    // 20 + 30 + 15 + 5 + 1 + 20 + 5; the empty phone gets nothing.
    assert_eq!(scorer.score(lead), 96);
    assert_eq!(
        scorer.disqualifier(lead).and_then(|r| r.reason.as_deref()),
        Some("personal email address")
    );
    assert_eq!(scorer.fired(lead).len(), 8);
    let odd: &[&str] = &["retail", "webinar", "lots", "three", "", "", "", ""];
    assert_eq!(scorer.score(odd), 0);
    assert!(scorer.disqualifier(odd).is_none());
    let columns_not_numbers: Vec<usize> = scorer.not_numbers(odd).iter().map(|(c, _)| *c).collect();
    assert_eq!(columns_not_numbers, [2, 3], "each column once");
    assert_eq!(odd.cell(99), b"");
}

#[test]
fn malformed_rules_are_located() {
    let (criteria, found) = load_one(
        r#"[[fit]]
field = "industry"
points = 20

[[fit]]
field = "industry"
in = ["fintech"]
equals = "fintech"
points = 20

[[engagement]]
field = "source"
in = ["webinar"]

[[fit]]
field = "title"
matches = "(cfo"
points = 5

[[disqualify]]
field = "country"
in = "US"
reason = "x"
points = 3

[[fit]]
field = "employees"
at_least = "200"
pionts = 15
"#,
    );
    assert_eq!(
        criteria.rules.len(),
        1,
        "only the rule without points is kept"
    );
    assert_eq!(
        codes(&found),
        [
            ("AL004", 1),
            ("AL004", 8),
            ("AL004", 11),
            ("AL004", 17),
            ("AL004", 22),
            ("AL002", 24),
            ("AL004", 28),
            ("AL004", 26),
            ("AL002", 29),
        ]
    );
    assert!(found[0].3.contains("has no test"), "{}", found[0].3);
    assert!(
        found[1].3.contains("more than one test: `equals`"),
        "{}",
        found[1].3
    );
    assert!(
        found[2].3.contains("required key `points`"),
        "{}",
        found[2].3
    );
    assert!(
        found[3].3.starts_with("invalid regular expression: "),
        "{}",
        found[3].3
    );
    assert_eq!(
        found[5].3,
        "unknown key `points` in a `[[disqualify]]` rule"
    );
}

#[test]
fn sla_tier_and_stage_problems_are_al302() {
    let (_, found) = load_one(
        r#"[stages]
mql = 80
sql = 70

[tiers]
A = 90
B = 50
D = 50

[sla]
clock = "business"
first_touch = { A = "1h", B = "2d" }

[[objective]]
metric = "first_touch_within_sla"
target = ">= 0.9"

[[objective]]
metric = "never_touched_rate"
target = "<= 5"

[[objective]]
metric = "won_count"
target = 10
"#,
    );
    let messages: Vec<(&str, usize, &str)> = found
        .iter()
        .map(|(code, line, _, message)| (code.as_str(), *line, message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "AL302",
                3,
                "the sql stage (70) needs less than the mql stage (80)"
            ),
            ("AL302", 8, "tiers `B` and `D` both start at score 50"),
            (
                "AL302",
                12,
                "invalid duration `2d`: `d` needs a calendar clock, because a business day has no single length; write hours instead, such as `16h`"
            ),
            ("AL302", 15, "unknown metric `first_touch_within_sla`"),
            (
                "AL302",
                20,
                "`never_touched_rate` is a rate between 0 and 1, so `<= 5` cannot be met as meant"
            ),
            ("AL302", 24, "a target is a comparison and a number"),
            (
                "AL302",
                7,
                "a lead scoring below 50 gets no tier, so no SLA, unless the CRM sets its tier"
            ),
        ]
    );
}

#[test]
fn a_business_clock_needs_business_hours() {
    let text = "[sla]\nclock = \"business\"\nfirst_touch = { A = \"1h\" }\n";
    let (_, found) = load_files("[workspace]\ntimezone = \"UTC\"\n", &[("c.toml", text)]);
    assert_eq!(codes(&found), [("AL302", 2)]);
    let (_, found) = load_files("[business_hours]\nmonday = []\n", &[("c.toml", text)]);
    assert_eq!(
        found[0].3,
        "the SLA runs on a business clock, but `[business_hours]` has no hours on any weekday"
    );
    // Half days alone run out; a clock left to align.toml is checked too.
    let only_half_days =
        "[business_hours]\nhalf_days = [{ date = 2026-12-24, hours = [\"09:00-12:00\"] }]\n";
    let (_, found) = load_files(only_half_days, &[("c.toml", text)]);
    assert_eq!(codes(&found), [("AL302", 2)]);
    let (_, found) = load_files(
        only_half_days,
        &[("c.toml", "\n[sla]\nfirst_touch = { A = \"1h\" }\n")],
    );
    assert_eq!(
        found,
        [(
            "AL302".to_owned(),
            2,
            1,
            "the SLA runs on the business clock of `[business_hours]`, which has no hours on any weekday".to_owned()
        )]
    );
    // Without a clock, the SLA follows align.toml: calendar time here, so `d` is fine.
    let (criteria, found) = load_files("", &[("c.toml", "[sla]\nfirst_touch = { A = \"2d\" }\n")]);
    assert_eq!(found, []);
    assert_eq!(criteria.sla.unwrap().clock, ClockKind::Calendar);
    let (_, found) = load_one("[sla]\nclock = \"wall\"\n");
    assert_eq!(codes(&found), [("AL302", 2), ("AL302", 1)]);
}

#[test]
fn tables_are_defined_once_across_files() {
    let (_, found) = load_files(
        HOURS,
        &[
            ("a.toml", "[stages]\nmql = 40\n"),
            ("b.toml", "# more\n[stages]\nmql = 50\n"),
        ],
    );
    assert_eq!(codes(&found), [("AL302", 2)]);
    assert_eq!(
        found[0].3,
        "`[stages]` is defined twice; the first is at criteria/a.toml:1"
    );
}

#[test]
fn syntax_errors_and_unknown_sections() {
    let (_, found) = load_files(
        HOURS,
        &[
            ("a.toml", "[[fit]\nfield = 1\n"),
            ("b.toml", "[stage]\nmql = 40\n"),
        ],
    );
    assert_eq!(codes(&found), [("AL001", 1), ("AL002", 1)]);
    assert!(found[1].3.contains("`stage`"));
}

#[test]
fn unknown_columns_are_al301() {
    let (criteria, _) = load_one(
        "[[fit]]\nfield = \"industy\"\nin = [\"x\"]\npoints = 1\n\n[handoff]\nrequired = [\"title\", \"Lead Owner\"]\n",
    );
    let known: Vec<String> = ["industry", "title"].map(String::from).to_vec();
    let mut found = Vec::new();
    check_columns(
        &criteria,
        &known,
        |name| known.iter().any(|k| k == name),
        &mut found,
    );
    let places: Vec<(&str, usize, usize)> = found
        .iter()
        .map(|d| (d.code(), d.start.line, d.start.column))
        .collect();
    assert_eq!(places, [("AL301", 2, 9), ("AL301", 7, 22)]);
    assert_eq!(found[0].help.as_deref(), Some("did you mean `industry`?"));
    assert_eq!(
        found[1].help.as_deref(),
        Some("lead columns: industry, title")
    );
}

#[test]
fn every_tier_band_needs_an_sla() {
    let (_, found) = load_one("[tiers]\nA = 90\nC = 0\n\n[sla]\nfirst_touch = { A = \"1h\" }\n");
    assert_eq!(codes(&found), [("AL302", 3)]);
    assert_eq!(found[0].3, "tier `C` has no first-touch SLA");
}

#[test]
fn points_out_of_range_and_non_finite_numbers_are_located() {
    let (criteria, found) = load_one(
        "[[fit]]\nfield = \"industry\"\nequals = \"fintech\"\npoints = 9223372036854775807\n\n\
         [[fit]]\nfield = \"employees\"\nat_least = nan\npoints = 5\n\n\
         [[fit]]\nfield = \"employees\"\nat_most = -inf\npoints = -1000000\n\n\
         [stages]\nmql = inf\n\n[tiers]\nA = nan\nB = 0\n",
    );
    assert_eq!(
        found
            .iter()
            .map(|(code, line, column, message)| format!("{code} {line}:{column} {message}"))
            .collect::<Vec<_>>(),
        [
            "AL004 4:10 9223372036854775807 points is out of range",
            "AL004 8:12 `at_least` must be a finite number, found `nan`",
            "AL004 13:11 `at_most` must be a finite number, found `-inf`",
            "AL004 17:7 `mql` must be a finite number, found `inf`",
            "AL004 20:5 `A` must be a finite number, found `nan`",
        ]
    );
    // The rule with a bad threshold is dropped; -1000000 points is in range.
    assert_eq!(criteria.rules.len(), 1);
    assert_eq!(criteria.stages.mql, None);
    assert_eq!(criteria.tiers.len(), 1);
}

#[test]
fn scores_saturate_instead_of_wrapping() {
    let (mut criteria, found) = load_one(
        "[[fit]]\nfield = \"industry\"\nequals = \"fintech\"\npoints = 1\n\n\
         [[fit]]\nfield = \"industry\"\npresent = true\npoints = 1\n",
    );
    assert!(found.is_empty(), "{found:?}");
    // Beyond what loading allows, to check the sum itself.
    for rule in &mut criteria.rules {
        rule.points = i64::MAX;
    }
    let scorer = Scorer::new(&criteria, |field| (field == "industry").then_some(0));
    assert_eq!(scorer.score(&["fintech"][..]), i64::MAX);
}
