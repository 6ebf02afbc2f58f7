//! `align quiz` on the example workspace: golden quizzes at fixed seeds,
//! scripted `--take` sessions through standard input, and bad input.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{Run, Workspace, assert_matches_file, run_in};

const AS_OF: &str = "2026-11-23";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind")
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/quiz")
        .join(name)
}

/// The example copied into a temporary workspace that a test may write to.
fn example_copy() -> Workspace {
    Workspace::empty().overlay(&example())
}

fn take(dir: &Path, args: &[&str], answers: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_align"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run align");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(answers.as_bytes())
        .expect("write answers");
    let output = child.wait_with_output().expect("wait for align");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

#[test]
fn golden_quizzes_at_fixed_seeds() {
    for (args, name) in [
        (
            vec!["--seed", "7", "--count", "8", "--answers"],
            "seed-7.md",
        ),
        (
            vec!["--seed", "7", "--count", "8", "--format", "csv"],
            "seed-7.csv",
        ),
        (
            vec!["--seed", "11", "--count", "5", "--format", "json"],
            "seed-11.json",
        ),
        (
            vec![
                "--seed",
                "7",
                "--competitor",
                "legacyco",
                "--count",
                "4",
                "--answers",
            ],
            "legacyco-seed-7.md",
        ),
    ] {
        let mut full = vec!["quiz", "--as-of", AS_OF];
        full.extend(args);
        let run = run_in(&example(), &full);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_matches_file(&run.stdout, &golden(name));
        let again = run_in(&example(), &full);
        assert_eq!(
            again.stdout, run.stdout,
            "{name}: the same seed gives the same quiz"
        );
    }
}

/// The answers to the seed-7 quiz of `count` questions, read from its JSON.
fn key(dir: &Path, count: &str) -> Vec<usize> {
    let run = run_in(
        dir,
        &[
            "quiz", "--as-of", AS_OF, "--seed", "7", "--count", count, "--format", "json",
        ],
    );
    let quiz: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    quiz["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["answer"].as_u64().expect("answer") as usize)
        .collect()
}

fn script(answers: impl Iterator<Item = usize>) -> String {
    answers.map(|a| format!("{a}\n")).collect()
}

#[test]
fn taking_the_quiz_appends_one_row_per_attempt() {
    // A first attempt creates the file with its header.
    let workspace = example_copy().remove("coaching/results.csv");
    let dir = workspace.path();
    let key = key(dir, "4");
    let args = [
        "quiz",
        "--as-of",
        AS_OF,
        "--seed",
        "7",
        "--count",
        "4",
        "--take",
        "--as",
        "Dana Ortiz",
    ];

    let right = take(dir, &args, &script(key.iter().copied()));
    assert_eq!(right.code, 0, "{}", right.stderr);
    assert!(
        right.stdout.contains("Score: 4 of 4 (100%)"),
        "{}",
        right.stdout
    );
    assert!(
        right.stdout.contains("Recorded in coaching/results.csv"),
        "{}",
        right.stdout
    );

    let wrong = take(dir, &args, &script(key.iter().map(|a| a % 4 + 1)));
    assert_eq!(wrong.code, 0, "{}", wrong.stderr);
    assert!(
        wrong.stdout.contains("Score: 0 of 4 (0%)"),
        "{}",
        wrong.stdout
    );

    let results = std::fs::read_to_string(dir.join("coaching/results.csv")).unwrap();
    let lines: Vec<&str> = results.lines().collect();
    assert_eq!(lines[0], "date,person,questions,correct,seed,missed");
    assert_eq!(lines[1], "2026-11-23,Dana Ortiz,4,4,7,");
    assert!(
        lines[2].starts_with("2026-11-23,Dana Ortiz,4,0,7,"),
        "{}",
        lines[2]
    );
    assert_eq!(lines[2].split(',').nth(5).unwrap().split(' ').count(), 4);
    assert_eq!(lines.len(), 3);
}

#[test]
fn an_attempt_is_appended_after_the_rows_already_recorded() {
    let workspace = example_copy();
    let dir = workspace.path();
    let before = std::fs::read_to_string(dir.join("coaching/results.csv")).unwrap();
    let key = key(dir, "2");
    let args = [
        "quiz", "--as-of", AS_OF, "--seed", "7", "--count", "2", "--take", "--as", "Sam",
    ];
    let run = take(dir, &args, &script(key.iter().copied()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(dir.join("coaching/results.csv")).unwrap();
    assert_eq!(after, format!("{before}2026-11-23,Sam,2,2,7,\n"));
}

#[test]
fn invalid_answers_are_asked_again() {
    let workspace = example_copy();
    let dir = workspace.path();
    let key = key(dir, "2");
    let args = [
        "quiz", "--as-of", AS_OF, "--seed", "7", "--count", "2", "--take", "--as", "Sam",
    ];
    let answers = format!("five\n0\n{}\n{}\n", key[0], key[1]);
    let run = take(dir, &args, &answers);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout
            .matches("Please answer with a number from 1 to 4.")
            .count(),
        2
    );
    assert!(run.stdout.contains("Score: 2 of 2"), "{}", run.stdout);
}

#[test]
fn input_that_ends_mid_quiz_records_nothing() {
    let workspace = example_copy().remove("coaching/results.csv");
    let dir = workspace.path();
    let args = [
        "quiz", "--as-of", AS_OF, "--seed", "7", "--count", "3", "--take", "--as", "Sam",
    ];
    let run = take(dir, &args, "1\n");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: input ended at question 2 of 3; nothing was recorded\n"
    );
    assert!(!dir.join("coaching/results.csv").exists());
}

#[test]
fn csv_cells_cannot_run_as_formulas() {
    let workspace = example_copy().file(
        "map/zz-formula.toml",
        r#"
[[competitor]]
id = "formula-co"
name = "Formula Co"
landmines = ["=HYPERLINK(\"http://x\")", "+cmd", "@SUM(A1)"]
"#,
    );
    let run = workspace.align(&[
        "quiz",
        "--as-of",
        AS_OF,
        "--seed",
        "1",
        "--count",
        "40",
        "--format",
        "csv",
        "--competitor",
        "formula-co",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            cells += 1;
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
    assert!(run.stdout.contains("'=HYPERLINK"), "{}", run.stdout);
    assert!(cells > 0);
}

#[test]
fn unknown_ids_and_a_broken_map_exit_2() {
    let run = run_in(&example(), &["quiz", "--competitor", "legacy-co"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown competitor `legacy-co`: did you mean `legacyco`?"),
        "{}",
        run.stderr
    );

    let broken = example_copy().file("map/zz-broken.toml", "[[message]\n");
    let run = broken.align(&["quiz"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: the map has errors"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("map/zz-broken.toml:1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn lint_reads_coaching_results_and_locates_unreadable_cells() {
    let workspace = example_copy().file(
        "coaching/results.csv",
        "date,person,questions,correct,seed,missed\n\
         2026-11-20,Dana Ortiz,10,8,42,message:audit-in-minutes\n\
         2026-11-31,Sam Lee,ten,11,7,\n\
         2026-11-21,,10,11,7,\n",
    );
    let run = workspace.align(&[
        "lint", "--as-of", AS_OF, "--format", "concise", "--select", "AL502",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "coaching/results.csv:3:1: AL502 invalid date `2026-11-31`\n\
         coaching/results.csv:3:20: AL502 invalid question count `ten`: expected a whole number\n\
         coaching/results.csv:4:12: AL502 empty person: whose attempt is it?\n\
         coaching/results.csv:4:16: AL502 11 correct answers out of 10 questions\n\
         Found 4 errors (41 files checked).\n"
    );
}

#[test]
fn an_unterminated_quote_in_coaching_results_is_located() {
    let workspace = example_copy().file(
        "coaching/results.csv",
        "date,person,questions,correct,seed,missed\n2026-11-20,\"Dana Ortiz,10,8,42,\n",
    );
    let run = workspace.align(&[
        "lint", "--as-of", AS_OF, "--format", "concise", "--select", "AL001",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("coaching/results.csv:2:12: AL001 unterminated quoted field\n"),
        "{}",
        run.stdout
    );
}
