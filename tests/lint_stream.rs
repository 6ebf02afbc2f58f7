//! `align lint` streams its findings file by file (issue #11): the output
//! must be what one global sort of every finding gives, whatever the
//! number of threads and however the files fall into parallel chunks.

mod common;

use std::process::Command;

use common::{AS_OF, Workspace};

/// More documents than one parallel chunk holds, with findings in the
/// body, in the front matter, a duplicate id across chunks, and findings
/// in files that sort before, between and after the collateral.
fn busy_workspace() -> Workspace {
    let mut workspace = Workspace::base()
        .file(
            "map/extra.toml",
            "[[segment]]\nid = \"Bad Id\"\nname = \"x\"\n",
        )
        .file("leads/leads.csv", "id,tier\nL1,Z\nL1,A\n");
    for index in 0..300 {
        let body = match index % 3 {
            0 => "Unlike LegacyCo, we close 40% faster. Legacy Co agrees: 3x.\n",
            1 => "Nothing to see here.\n",
            _ => "We cut audit time by 75%.\n",
        };
        // One id repeats across the two chunks: batch-01 is in the first,
        // batch-16 (the last 17 files in path order) in the second.
        let id = match index {
            1 | 16 => "shared".to_owned(),
            _ => format!("doc-{index}"),
        };
        workspace = workspace.file(
            &format!("collateral/batch-{:02}/doc-{index:03}.md", index % 17),
            format!(
                "---\nid: {id}\nkind: battlecard\ntitle: Doc {index}\ncompetitors: [legacyco]\n\
                 requirements: [audit-trail]\nmessages: [nonexistent-{index}]\nstatus: draft\n---\n\
                 # Doc {index}\n\n## Why we win\n\n{body}"
            ),
        );
    }
    workspace
}

fn lint(workspace: &Workspace, format: &str, threads: Option<&str>) -> (String, i32) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_align"));
    command
        .args(["lint", "--format", format, "--as-of", AS_OF])
        .current_dir(workspace.path())
        .env_remove("NO_COLOR");
    if let Some(threads) = threads {
        command.env("RAYON_NUM_THREADS", threads);
    }
    let output = command.output().expect("run align");
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn output_is_identical_on_one_thread_and_on_all() {
    let workspace = busy_workspace();
    for format in ["human", "concise", "json", "github", "sarif", "junit"] {
        let (one, one_code) = lint(&workspace, format, Some("1"));
        let (all, all_code) = lint(&workspace, format, None);
        assert_eq!(one, all, "{format}");
        assert_eq!(one_code, all_code, "{format}");
        assert_eq!(one_code, 1, "{format}");
    }
}

#[test]
fn files_come_in_path_order_with_each_file_sorted() {
    let workspace = busy_workspace();
    let (concise, _) = lint(&workspace, "concise", None);
    let findings: Vec<(String, usize, usize, String)> = concise
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(4, ':');
            let path = parts.next()?.to_owned();
            let line = parts.next()?.parse().ok()?;
            let column = parts.next()?.parse().ok()?;
            let rest = parts.next()?.trim().to_owned();
            Some((path, line, column, rest))
        })
        .collect();
    let by_path = |(path, line, column, rest): &(String, usize, usize, String)| {
        let components: Vec<String> = path.split('/').map(str::to_owned).collect();
        (components, *line, *column, rest.clone())
    };
    let mut sorted = findings.clone();
    sorted.sort_by_key(by_path);
    assert_eq!(findings, sorted);
    // Files before, among and after the collateral are all there.
    for path in [
        "map/extra.toml",
        "collateral/batch-00/doc-000.md",
        "leads/leads.csv",
    ] {
        assert!(findings.iter().any(|f| f.0 == path), "{path}\n{concise}");
    }
    // The duplicate id is reported once, at the later file in path order.
    let duplicates: Vec<&(String, usize, usize, String)> = findings
        .iter()
        .filter(|f| f.3.starts_with("AL003"))
        .collect();
    assert_eq!(duplicates.len(), 1, "{concise}");
    assert_eq!(duplicates[0].0, "collateral/batch-16/doc-016.md");
    assert!(
        duplicates[0]
            .3
            .contains("first used by collateral/batch-01/doc-001.md")
    );
}

#[test]
fn select_keeps_only_the_selected_findings_and_counts_them() {
    let workspace = busy_workspace();
    let run = workspace.align(&[
        "lint", "--format", "concise", "--select", "AL213", "--as-of", AS_OF,
    ]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let (summary, findings) = lines.split_last().expect("a summary line");
    assert!(!findings.is_empty());
    assert!(
        findings.iter().all(|line| line.contains(": AL213 ")),
        "{}",
        run.stdout
    );
    assert_eq!(
        *summary,
        format!("Found {} warnings (306 files checked).", findings.len())
    );
    assert_eq!(run.code, 0);
}
