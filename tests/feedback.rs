//! `align feedback add`: ids checked before anything is written, rows
//! appended whole, concurrent runs all landing.

mod common;

use std::fs;
use std::process::{Command, Stdio};

use common::Workspace;

fn rows(workspace: &Workspace, file: &str) -> Vec<Vec<String>> {
    let text = fs::read_to_string(workspace.path().join(file)).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn adding_creates_the_year_file_with_its_header_then_appends() {
    let workspace = Workspace::base();
    let add = |args: &[&str]| {
        let mut all = vec!["feedback", "add"];
        all.extend_from_slice(args);
        workspace.align(&all)
    };
    let run = add(&[
        "--kind",
        "objection",
        "--competitor",
        "legacyco",
        "--text",
        "LegacyCo is \"cheaper\", per seat",
        "--from",
        "Jo Park",
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "feedback/2026.csv: created with one objection row\n"
    );
    let run = add(&[
        "--kind",
        "praise",
        "--collateral",
        "legacyco",
        "--message",
        "audit-in-minutes",
        "--text",
        "=the battlecard won it",
        "--date",
        "2026-11-21",
        "-q",
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let read = rows(&workspace, "feedback/2026.csv");
    assert_eq!(read.len(), 3);
    assert_eq!(read[0][..4], ["date", "from", "kind", "text"]);
    assert_eq!(
        read[1][..6],
        [
            "2026-11-20",
            "Jo Park",
            "objection",
            "LegacyCo is \"cheaper\", per seat",
            "",
            "legacyco"
        ]
    );
    assert_eq!(read[2][3], "'=the battlecard won it", "spreadsheet-safe");
    let lint = workspace.align(&[
        "lint",
        "--as-of",
        common::AS_OF,
        "--format",
        "concise",
        "-q",
    ]);
    assert_eq!(lint.stdout, "", "what feedback add writes passes lint");
}

#[test]
fn an_unknown_id_exits_2_and_writes_nothing() {
    let workspace = Workspace::base();
    for (flag, id, message) in [
        (
            "--competitor",
            "legacy-co",
            "unknown competitor `legacy-co`: did you mean `legacyco`?",
        ),
        (
            "--objection",
            "too-new",
            "unknown objection `too-new`: the map defines no objection",
        ),
        ("--collateral", "nope", "unknown collateral `nope`"),
        ("--account", "acme", "unknown account `acme`"),
        ("--lead", "L-1", "unknown lead `L-1`"),
    ] {
        let run = workspace.align(&["feedback", "add", "--kind", "loss", "--text", "x", flag, id]);
        assert_eq!(run.code, 2, "{flag}");
        assert_eq!(run.stderr, format!("error: {message}\n"));
    }
    assert!(!workspace.path().join("feedback").exists());
    let run = workspace.align(&["feedback", "add", "--kind", "loss", "--text", "  "]);
    assert_eq!(run.code, 2);
    let run = workspace.align(&[
        "feedback",
        "add",
        "--kind",
        "loss",
        "--text",
        "x",
        "--date",
        "11/20/2026",
    ]);
    assert_eq!(run.code, 2);
    assert!(!workspace.path().join("feedback").exists());
}

#[test]
fn an_existing_file_keeps_its_rows_and_a_missing_column_writes_nothing() {
    let before = "\u{feff}date,kind,text\r\n2026-01-05,win,\"kept, as is\"";
    let workspace = Workspace::base().file("feedback/2026.csv", before);
    let run = workspace.align(&[
        "feedback",
        "add",
        "--kind",
        "loss",
        "--text",
        "x",
        "--competitor",
        "legacyco",
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("has no `competitor` column"),
        "{}",
        run.stderr
    );
    let after = fs::read_to_string(workspace.path().join("feedback/2026.csv")).unwrap();
    assert_eq!(after, before);
    let run = workspace.align(&[
        "feedback",
        "add",
        "--kind",
        "loss",
        "--text",
        "lost",
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(workspace.path().join("feedback/2026.csv")).unwrap();
    assert_eq!(after, format!("{before}\r\n2026-11-20,loss,lost\r\n"));
}

#[test]
fn concurrent_adds_all_land() {
    let workspace = Workspace::base();
    const RUNS: usize = 12;
    let children: Vec<_> = (0..RUNS)
        .map(|n| {
            Command::new(env!("CARGO_BIN_EXE_align"))
                .args([
                    "feedback",
                    "add",
                    "--kind",
                    "question",
                    "--date",
                    "2026-11-20",
                    "-q",
                ])
                .args([
                    "--text",
                    &format!("question {n}, asked \"twice\"\nover two lines"),
                ])
                .current_dir(workspace.path())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let read = rows(&workspace, "feedback/2026.csv");
    assert_eq!(read.len(), RUNS + 1, "one header and every row");
    assert_eq!(read[0][0], "date");
    let mut texts: Vec<&str> = read[1..].iter().map(|row| row[3].as_str()).collect();
    texts.sort_unstable();
    let mut expected: Vec<String> = (0..RUNS)
        .map(|n| format!("question {n}, asked \"twice\"\nover two lines"))
        .collect();
    expected.sort_unstable();
    assert_eq!(texts, expected);
}

fn settings(extra: &str) -> String {
    fs::read_to_string(common::fixtures().join("base/align.toml")).unwrap() + extra
}

fn lint(workspace: &Workspace) -> common::Run {
    workspace.align(&[
        "lint",
        "--as-of",
        common::AS_OF,
        "--format",
        "concise",
        "-q",
    ])
}

#[test]
fn the_gap_window_and_threshold_come_from_the_settings() {
    let rows = "date,kind,competitor\n\
                2026-10-24,objection,legacyco\n\
                2026-10-25,loss,legacyco\n\
                2026-11-23 17:00,objection,legacyco\n";
    let workspace = Workspace::base()
        .file(
            "align.toml",
            settings("\n[feedback]\ngap_threshold = 2\nwindow = \"30d\"\n"),
        )
        .file("feedback/rows.csv", rows);
    // 30 days ending 2026-11-23 start on 2026-10-25.
    assert_eq!(
        lint(&workspace).stdout,
        "feedback/rows.csv:3:17: AL503 competitor `legacyco` heard 2 times in the last 30 days; no approved objection answers it\n"
    );
    let workspace = workspace.file(
        "align.toml",
        settings("\n[feedback]\ngap_threshold = 3\nwindow = \"30d\"\n"),
    );
    assert_eq!(lint(&workspace).stdout, "");
    let workspace = workspace.file("align.toml", settings("\n[feedback]\nwindow = \"31d\"\n"));
    assert!(
        lint(&workspace)
            .stdout
            .contains("heard 3 times in the last 31 days")
    );
}

#[test]
fn bad_feedback_settings_are_located() {
    let workspace = Workspace::base().file(
        "align.toml",
        settings("\n[feedback]\ngap_threshold = 0\nwindow = \"36h\"\nwindw = \"9d\"\n"),
    );
    let run = lint(&workspace);
    assert_eq!(run.code, 1);
    let codes: Vec<&str> = run
        .stdout
        .lines()
        .map(|line| line.split(' ').nth(1).unwrap())
        .collect();
    assert_eq!(codes, ["AL004", "AL004", "AL002"], "{}", run.stdout);
    assert!(
        run.stdout
            .contains("invalid window `36h`: the window counts whole calendar days")
    );
}

#[test]
fn a_repeated_header_column_is_reported_and_the_first_read() {
    let workspace = Workspace::base().file(
        "feedback/rows.csv",
        "date,kind,competitor,Competitor\n2026-11-02,objection,legacyco,nobody\n",
    );
    assert_eq!(
        lint(&workspace).stdout,
        "feedback/rows.csv:1:22: AL004 column `Competitor` appears twice in the header; the first is read\n"
    );
}

#[test]
fn linting_only_the_feedback_folder_still_knows_every_collateral_id() {
    let workspace = Workspace::base().file(
        "feedback/rows.csv",
        "date,kind,collateral\n2026-11-02,praise,legacyco\n2026-11-03,praise,legacy\n",
    );
    let run = workspace.align(&[
        "lint",
        "feedback",
        "--as-of",
        common::AS_OF,
        "--format",
        "concise",
        "-q",
    ]);
    assert_eq!(
        run.stdout,
        "feedback/rows.csv:3:19: AL501 feedback names unknown collateral `legacy`\n"
    );
}

#[test]
fn feedback_files_may_use_another_delimiter_or_utf16() {
    let semicolons =
        "date;kind;competitor;text\n2026-11-02;objecton;legacyco;\"Cheaper; they said\"\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "date,kind,competitor\r\n2026-11-02,win,legacy-co\r\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let workspace = Workspace::base()
        .file("feedback/semicolons.csv", semicolons)
        .file("feedback/utf16.csv", utf16);
    assert_eq!(
        lint(&workspace).stdout,
        "feedback/semicolons.csv:2:12: AL502 unknown kind `objecton`\n\
         feedback/utf16.csv:2:16: AL501 feedback names unknown competitor `legacy-co`\n"
    );
}
