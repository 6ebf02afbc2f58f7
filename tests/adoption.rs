//! Adopting align in CI and editors: baselines, linting some paths,
//! `--output-file`, `--version`, completions and the man page.

mod common;

use std::fs;

use common::{AS_OF, Workspace, fixtures};

/// The base workspace with one banned phrase in `collateral/fixture.md`.
fn with_finding() -> Workspace {
    Workspace::base().overlay(&fixtures().join("rules/AL204/fail"))
}

fn lint(workspace: &Workspace, extra: &[&str]) -> common::Run {
    let mut args = vec!["lint", "--format", "concise", "--as-of", AS_OF];
    args.extend_from_slice(extra);
    workspace.align(&args)
}

#[test]
fn a_baselined_finding_stays_suppressed_when_text_moves_it() {
    let workspace = with_finding();
    let written = lint(
        &workspace,
        &["--baseline", "baseline.toml", "--update-baseline"],
    );
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert_eq!(
        written.stderr,
        "Wrote 1 finding in 1 file to baseline.toml.\n"
    );
    assert_eq!(written.stdout, "All checks passed (5 files checked).\n");
    let baseline = fs::read_to_string(workspace.path().join("baseline.toml")).unwrap();
    assert!(
        baseline.ends_with(
            "\n[files.\"collateral/fixture.md\".AL204]\n\
             \"banned phrase `Best-In-Class`: unsubstantiated superlative\" = 1\n"
        ),
        "{baseline}"
    );
    assert!(!baseline.contains("14"), "no line numbers: {baseline}");

    let path = workspace.path().join("collateral/fixture.md");
    let moved = fs::read_to_string(&path).unwrap().replace(
        "## Results\n",
        "## Results\n\nA new paragraph.\n\nAnd another.\n",
    );
    fs::write(&path, moved).unwrap();
    let run = lint(&workspace, &["--baseline", "baseline.toml"]);
    assert_eq!(run.stdout, "All checks passed (5 files checked).\n");
    assert_eq!(run.stderr, "");
    assert_eq!(run.code, 0);

    // A second copy of the same finding is new, so it is reported.
    let path = workspace.path().join("collateral/fixture.md");
    let doubled = fs::read_to_string(&path).unwrap() + "\nBest-in-class again.\n";
    fs::write(&path, doubled).unwrap();
    let run = lint(&workspace, &["--baseline", "baseline.toml"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout.lines().filter(|l| l.contains("AL204")).count(),
        1
    );
}

#[test]
fn a_fixed_finding_leaves_a_stale_entry_and_exit_0() {
    let workspace = with_finding();
    lint(&workspace, &["--baseline", "b.toml", "--update-baseline"]);
    let path = workspace.path().join("collateral/fixture.md");
    let fixed = fs::read_to_string(&path)
        .unwrap()
        .replace("Best-In-Class", "Audit-ready");
    fs::write(&path, fixed).unwrap();
    let run = lint(&workspace, &["--baseline", "b.toml"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "All checks passed (5 files checked).\n");
    assert_eq!(
        run.stderr,
        "warning: 1 finding in the baseline b.toml no longer found; run \
         `align lint --baseline b.toml --update-baseline` to drop it:\n  \
         collateral/fixture.md: AL204 banned phrase `Best-In-Class`: unsubstantiated superlative\n"
    );
    // Checking only the map cannot tell whether collateral findings remain.
    let run = lint(&workspace, &["--baseline", "b.toml", "map"]);
    assert_eq!(run.stderr, "");
    // Updating shrinks the baseline to nothing.
    lint(
        &workspace,
        &["--baseline", "b.toml", "--update-baseline", "-q"],
    );
    let run = lint(&workspace, &["--baseline", "b.toml"]);
    assert_eq!(run.stderr, "");
}

#[test]
fn an_invalid_baseline_is_a_located_error_with_exit_2() {
    let workspace = with_finding().file(
        "b.toml",
        "[files.\"collateral/fixture.md\".AL999]\n\"m\" = 1\n",
    );
    let run = lint(&workspace, &["--baseline", "b.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("b.toml:1:32"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`AL999` names no rule"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("error: the baseline b.toml is invalid; fix it or regenerate it with --update-baseline\n"),
        "{}",
        run.stderr
    );
    let workspace = workspace.file("b.toml", "[files\n");
    let run = lint(&workspace, &["--baseline", "b.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("b.toml:1:"), "{}", run.stderr);
    let run = lint(&workspace, &["--baseline", "missing.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: cannot read the baseline missing.toml")
    );
}

#[test]
fn paths_limit_the_findings_to_those_files_and_folders() {
    let workspace = with_finding().file(
        "collateral/battlecards/extra.md",
        fs::read(fixtures().join("rules/AL204/fail/collateral/fixture.md")).unwrap(),
    );
    let all = lint(&workspace, &["-q"]);
    assert_eq!(all.stdout.lines().count(), 2, "{}", all.stdout);
    let one = lint(&workspace, &["-q", "collateral/battlecards"]);
    assert_eq!(
        one.stdout,
        "collateral/battlecards/extra.md:14:1: AL204 banned phrase `Best-In-Class`: unsubstantiated superlative\n"
    );
    let file = lint(&workspace, &["-q", "collateral/fixture.md"]);
    assert!(file.stdout.starts_with("collateral/fixture.md:14:1"));
    assert_eq!(file.stdout.lines().count(), 1);
    let clean = lint(&workspace, &["map"]);
    assert_eq!(clean.code, 0);

    // From inside a folder of the workspace, the workspace is found above.
    let inside = common::run_in(
        &workspace.path().join("collateral"),
        &[
            "lint",
            "--format",
            "concise",
            "-q",
            "--as-of",
            AS_OF,
            "battlecards",
        ],
    );
    assert_eq!(inside.code, 1, "{}", inside.stderr);
    assert!(inside.stdout.starts_with("battlecards/extra.md:14:1"));
}

#[test]
fn a_path_outside_the_workspace_names_its_root() {
    let workspace = Workspace::base();
    let outside = tempfile::tempdir().unwrap();
    let run = lint(&workspace, &[outside.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    let root = workspace.path().canonicalize().unwrap();
    assert_eq!(
        run.stderr,
        format!(
            "error: {} is outside the workspace {}\n",
            outside.path().display(),
            root.display()
        )
    );
}

#[test]
fn output_file_holds_the_report_in_every_format() {
    let workspace = with_finding();
    for format in ["human", "concise", "json", "github", "sarif", "junit"] {
        let stdout = workspace.align(&["lint", "--format", format, "--as-of", AS_OF]);
        let run = workspace.align(&[
            "lint",
            "--format",
            format,
            "--as-of",
            AS_OF,
            "--output-file",
            "report.out",
        ]);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{format}");
        let written = fs::read_to_string(workspace.path().join("report.out")).unwrap();
        assert_eq!(written, stdout.stdout, "{format}");
    }
}

#[test]
fn an_unwritable_output_file_is_exit_2_and_leaves_nothing() {
    let workspace = with_finding();
    let run = lint(&workspace, &["--output-file", "missing/report.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: cannot write missing/report.txt"),
        "{}",
        run.stderr
    );
    assert!(!workspace.path().join("missing").exists());
    let names: Vec<_> = fs::read_dir(workspace.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn version_names_the_release_and_a_revision() {
    let run = Workspace::empty().align(&["--version"]);
    assert_eq!(run.code, 0);
    let line = run.stdout.trim_end();
    let version = concat!("align ", env!("CARGO_PKG_VERSION"), " (");
    assert!(line.starts_with(version), "{line}");
    let revision = line
        .strip_prefix(version)
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_default();
    assert!(
        revision == "unknown"
            || (revision.len() == 12 && revision.bytes().all(|b| b.is_ascii_hexdigit())),
        "{line}"
    );
}

#[test]
fn completions_and_man_page_cover_the_commands() {
    let workspace = Workspace::empty();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = workspace.align(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        assert!(run.stdout.contains("update-baseline"), "{shell}");
    }
    assert_eq!(workspace.align(&["completions", "tcsh"]).code, 2);
    let man = workspace.align(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.starts_with(".ie"), "{}", &man.stdout[..40]);
    assert!(man.stdout.contains(".TH align 1"));
    assert!(man.stdout.contains("lint"));
}

#[test]
fn fix_removes_an_unused_suppression_line_and_nothing_else() {
    let workspace = Workspace::base().overlay(&fixtures().join("rules/AL214/fail"));
    let path = workspace.path().join("collateral/fixture.md");
    let before = fs::read_to_string(&path).unwrap();
    let run = lint(&workspace, &["--fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "Fixed 2 findings in 1 file.\n");
    let expected = before
        .replace(
            "<!-- align-disable-next-line AL204 -- the analyst quote was cut -->\n",
            "",
        )
        .replace("<!-- align-disable AL206 -->\n", "");
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(run.stdout, "All checks passed (5 files checked).\n");
}

#[test]
fn a_rule_that_is_off_stays_off_and_its_suppression_is_unused() {
    let settings = fs::read_to_string(fixtures().join("base/align.toml")).unwrap();
    let workspace = Workspace::base()
        .file(
            "align.toml",
            format!("{settings}\n[lint]\nseverity = {{ AL204 = \"off\" }}\n"),
        )
        .file(
            "collateral/fixture.md",
            fs::read_to_string(fixtures().join("rules/AL214/pass/collateral/fixture.md")).unwrap()
                + "\n<!-- align-enable AL204 -->\nBest-In-Class again.\n",
        );
    let run = lint(&workspace, &["-q"]);
    assert_eq!(
        run.stdout,
        "collateral/fixture.md:13:1: AL214 `align-disable-next-line AL204` suppresses nothing\n"
    );
}

#[test]
fn schema_writes_the_committed_schemas_and_refuses_to_clobber() {
    let workspace = Workspace::empty();
    let run = workspace.align(&["schema", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "Wrote 4 schemas to out.\n");
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for name in ["align", "map", "criteria", "accounts"] {
        let file = format!("{name}.schema.json");
        assert_eq!(
            fs::read_to_string(workspace.path().join("out").join(&file)).unwrap(),
            fs::read_to_string(committed.join(&file)).unwrap(),
            "{file}"
        );
    }
    // The same again is fine; a changed file needs --force.
    assert_eq!(workspace.align(&["schema", "--out", "out"]).code, 0);
    let workspace = workspace.file("out/map.schema.json", "{}");
    let refused = workspace.align(&["schema", "--out", "out"]);
    assert_eq!(refused.code, 2);
    assert_eq!(
        refused.stderr,
        "error: out/map.schema.json already exists with other contents; pass --force to replace\n"
    );
    assert_eq!(
        fs::read_to_string(workspace.path().join("out/map.schema.json")).unwrap(),
        "{}"
    );
    assert_eq!(
        workspace.align(&["schema", "--out", "out", "--force"]).code,
        0
    );
}

fn yaml(name: &str) -> yaml_rust2::Yaml {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    let text = fs::read_to_string(path).unwrap();
    let mut documents = yaml_rust2::YamlLoader::load_from_str(&text).unwrap();
    assert_eq!(documents.len(), 1, "{name}");
    documents.remove(0)
}

#[test]
fn the_pre_commit_hook_runs_align_lint() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("align-lint"));
    assert_eq!(hook["entry"].as_str(), Some("align lint"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    assert!(files.is_match("collateral/battlecards/legacyco.md"));
    assert!(files.is_match("align.toml"));
    assert!(!files.is_match("src/main.rs"));
}

/// The action's lint step, run as GitHub would: errors first, a summary,
/// and a failure only on errors unless warnings are denied.
#[test]
fn the_action_puts_errors_first_and_fails_only_on_errors() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    assert_eq!(
        action["inputs"]["deny-warnings"]["default"].as_str(),
        Some("false")
    );
    let steps = action["runs"]["steps"].as_vec().unwrap();
    let install = steps
        .iter()
        .find(|step| step["name"].as_str() == Some("Install align"))
        .unwrap();
    assert!(
        install["run"]
            .as_str()
            .unwrap()
            .contains("cargo install --locked --git")
    );
    let script = steps
        .iter()
        .find(|step| step["name"].as_str() == Some("align lint"))
        .and_then(|step| step["run"].as_str())
        .unwrap()
        .to_owned();

    let unused = fs::read(fixtures().join("rules/AL214/fail/collateral/fixture.md")).unwrap();
    let workspace = with_finding().file("collateral/a-unused.md", unused);
    let run_step = |deny: &str| {
        let temp = tempfile::tempdir().unwrap();
        let summary = temp.path().join("summary.md");
        let bin = std::path::Path::new(env!("CARGO_BIN_EXE_align"))
            .parent()
            .unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let output = std::process::Command::new("bash")
            .args(["-c", &script])
            .current_dir(workspace.path())
            .env("PATH", path)
            .env("ALIGN_PATH", ".")
            .env("ALIGN_ARGS", format!("--as-of {AS_OF}"))
            .env("ALIGN_DENY_WARNINGS", deny)
            .env("RUNNER_TEMP", temp.path())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        (
            output.status.code(),
            stdout,
            fs::read_to_string(summary).unwrap(),
        )
    };
    let (code, stdout, summary) = run_step("false");
    assert_eq!(code, Some(1), "{stdout}");
    let kinds: Vec<&str> = stdout
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(kinds, ["::error", "::warning", "::warning"], "{stdout}");
    assert!(
        summary.starts_with("### align lint\n\n**1 error(s), 2 warning(s)**\n"),
        "{summary}"
    );
    assert!(
        summary.contains("collateral/a-unused.md:13:1: AL214"),
        "{summary}"
    );

    // Warnings alone pass, unless denied.
    let path = workspace.path().join("collateral/fixture.md");
    let fixed = fs::read_to_string(&path)
        .unwrap()
        .replace("Best-In-Class", "Audit-ready");
    fs::write(&path, fixed).unwrap();
    assert_eq!(run_step("false").0, Some(0));
    assert_eq!(run_step("true").0, Some(1));
}

#[test]
fn paths_skip_the_templates_and_leads_they_do_not_reach() {
    let workspace = Workspace::base()
        .overlay(&fixtures().join("rules/AL401/pass"))
        .overlay(&fixtures().join("rules/AL301/fail"));
    let all = lint(&workspace, &[]);
    assert!(all.stdout.contains(": AL301 "), "{}", all.stdout);
    assert!(
        all.stdout.ends_with("(7 files checked).\n"),
        "{}",
        all.stdout
    );
    let collateral = lint(&workspace, &["collateral"]);
    assert_eq!(collateral.stdout, "All checks passed (4 files checked).\n");
    let leads = lint(&workspace, &["criteria", "-q"]);
    assert!(leads.stdout.contains(": AL301 "), "{}", leads.stdout);
}
