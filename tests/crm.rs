//! Leads as CRMs really export them: a HubSpot contacts export and a
//! Salesforce lead report (quoted cells, US dates, a report footer) side by
//! side in one workspace (`tests/fixtures/crm/workspace`), read with the
//! `hubspot` preset and, per file, the `salesforce` one. The `utf16` and
//! `semicolon` overlays replace a file with the same export saved as
//! UTF-16 or with `;` between cells: every command must print exactly
//! what it prints for the original. Whole outputs are compared with
//! `tests/fixtures/crm/expected/` (`UPDATE_EXPECT=1` rewrites them).
//!
//! The workspace is read at Monday 2026-11-23 12:00 in New York, business
//! hours 09-17 on weekdays. HubSpot writes `Number of Employees` as size
//! bands (`201-500`), which `[leads.values.employees]` maps to numbers;
//! Salesforce's `Rating` (`Hot`/`Warm`/`Cold`) maps to the tiers; `Jo Park`
//! and `jo park ` are both `jo@acme.example` through `[leads.owners]`.

mod common;

use std::path::PathBuf;

use common::{Run, Workspace, assert_matches_file, fixtures};

const AS_OF: &str = "2026-11-23T12:00:00-05:00";

fn crm() -> PathBuf {
    fixtures().join("crm")
}

fn workspace() -> Workspace {
    Workspace::empty().overlay(&crm().join("workspace"))
}

fn transcript(args: &[&str], run: &Run) -> String {
    format!(
        "$ align {}\n--- stdout\n{}--- stderr\n{}--- exit {}\n",
        args.join(" "),
        run.stdout,
        run.stderr,
        run.code
    )
}

/// Runs `args` on the workspace and on each variant; all must print the
/// expected transcript.
fn check_everywhere(name: &str, args: &[&str]) -> Run {
    let run = workspace().align(args);
    let expected = crm().join("expected").join(name);
    assert_matches_file(&transcript(args, &run), &expected);
    for variant in ["utf16", "semicolon"] {
        let variant_run = workspace().overlay(&crm().join(variant)).align(args);
        assert_eq!(
            transcript(args, &variant_run),
            transcript(args, &run),
            "the {variant} variant reads differently"
        );
    }
    run
}

#[test]
fn overdue_across_hubspot_and_salesforce() {
    let run = check_everywhere("overdue", &["leads", "overdue", "--as-of", AS_OF]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("00Q5e00000AbC01"), "US dates are read");
    assert!(
        run.stderr.contains("6 lines after the last lead skipped"),
        "the footer is one note: {}",
        run.stderr
    );
}

#[test]
fn due_within_an_hour() {
    check_everywhere("due", &["leads", "due", "--within", "1h", "--as-of", AS_OF]);
}

#[test]
fn scores_through_value_maps() {
    let run = check_everywhere("score", &["leads", "score", "--as-of", AS_OF]);
    assert!(
        run.stdout.contains("\n101,110,sql,A,"),
        "201-500 reads as 201"
    );
    assert!(
        run.stderr.contains("could not read 1 lead"),
        "{}",
        run.stderr
    );
}

#[test]
fn explain_lists_every_rule_with_its_outcome() {
    check_everywhere(
        "explain-105",
        &["leads", "score", "--explain", "105", "--as-of", AS_OF],
    );
}

#[test]
fn sla_groups_owner_spellings_through_aliases() {
    let run = check_everywhere("sla", &["leads", "sla", "--as-of", AS_OF]);
    assert!(!run.stdout.contains("Jo Park") && !run.stdout.contains("jo park"));
}

#[test]
fn owner_filter_matches_the_reported_owner() {
    let everyone = workspace().align(&["leads", "overdue", "--as-of", AS_OF, "--format", "csv"]);
    for owner in [
        "sam@acme.example",
        " SAM@acme.example ",
        "sam lee",
        "Sam Lee",
    ] {
        let run = workspace().align(&[
            "leads", "overdue", "--as-of", AS_OF, "--format", "csv", "--owner", owner,
        ]);
        let expected: Vec<&str> = everyone
            .stdout
            .lines()
            .filter(|line| line.starts_with("id,") || line.contains(",sam@acme.example,"))
            .collect();
        assert_eq!(run.stdout.lines().collect::<Vec<_>>(), expected, "{owner}");
        assert_eq!(expected.len(), 3);
    }
}

#[test]
fn lint_names_what_no_format_reads() {
    let args = ["lint", "--as-of", "2026-11-23"];
    let run = workspace().align(&args);
    assert_matches_file(&transcript(&args, &run), &crm().join("expected/lint"));
    assert_eq!(run.code, 1);
}

/// Import settings that cannot be right, and leads files that are odd:
/// every problem is a located finding, and a FIFO is never opened.
#[test]
fn bad_import_settings_and_odd_files_are_findings() {
    let toml = std::fs::read_to_string(crm().join("workspace/align.toml")).unwrap();
    let toml = toml
        + "\n[leads.files.\"odd.csv\"]\n"
        + "timestamp_formats = [\"%d/%m/%Y\", \"%m/%d/%Y\", \"%Y-%m-%d %q\"]\n"
        + "delimiter = \"::\"\n"
        + "\n[leads.files.\"pipedrive-*.csv\"]\npreset = \"pipedrive\"\n";
    let toml = toml.replace(
        "\"Sam Lee\" = \"sam@acme.example\"",
        "\"Sam Lee\" = \"sam@acme.example\"\n\"S. Lee\" = \"Sam Lee\"",
    );
    let workspace = workspace().file("align.toml", toml).file(
        "leads/odd.csv",
        "id,,created_at,Number of Pageviews\n\
             X1,a,2016-12-31 23:59:60,lots\n\
             X2,b,1899-12-31 09:00,many\n",
    );
    #[cfg(unix)]
    {
        let fifo = workspace.path().join("leads/pipe.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|status| status.success()), "mkfifo");
    }
    let args = ["lint", "--as-of", "2026-11-23"];
    let run = workspace.align(&args);
    assert_matches_file(
        &transcript(&args, &run),
        &crm().join("expected/bad-settings"),
    );
    assert_eq!(run.code, 1);
}

#[cfg(unix)]
#[test]
fn leads_commands_skip_a_fifo_with_one_note() {
    let workspace = workspace();
    let fifo = workspace.path().join("leads/pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|status| status.success()), "mkfifo");
    let run = workspace.align(&["leads", "overdue", "--as-of", AS_OF]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr
            .matches("leads/pipe.csv: not a regular file, skipped")
            .count(),
        1,
        "{}",
        run.stderr
    );
}
