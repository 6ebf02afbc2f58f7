//! How `align lint` writes its findings: one small module per `--format`,
//! picked by the one `match` in [`write_lint`]. Every format receives the
//! diagnostics already filtered, sorted and with their final severities, so
//! a format only decides how a finding looks, never which findings exist.
//!
//! `--statistics` replaces the findings by a count per code in the formats
//! read by people (`human`, `concise`) and in `json`. The `github`, `sarif`
//! and `junit` formats ignore it: their readers (workflow annotations, code
//! scanning, test reports) exist to place each finding, and a count would
//! leave them with nothing to show.

use std::io;
use std::path::{Component, Path};

use crate::diagnostic::{Diagnostic, Severity};

mod concise;
mod github;
mod human;
mod json;
mod junit;
mod sarif;
mod statistics;

#[cfg(test)]
mod fixtures;

/// The values of `align lint --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    /// A rustc-style snippet of the source under each finding.
    Human,
    /// One line per finding: `path:line:col: CODE message`.
    Concise,
    /// An array of findings for scripts.
    Json,
    /// GitHub Actions workflow commands, shown as annotations on the diff.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML, for CI test report views.
    Junit,
}

/// Everything a format needs to write one run of `align lint`.
pub struct LintReport<'a> {
    /// Already filtered and sorted (path, line, column, code), with the
    /// severities that configuration gave them.
    pub diagnostics: &'a [Diagnostic],
    pub files_checked: usize,
    /// Paths under it are shown relative to it.
    pub cwd: &'a Path,
    /// Styles the `human` format; the caller decides (`--color`,
    /// `NO_COLOR`, whether stdout is a terminal).
    pub color: bool,
    /// `--statistics`: a count per code instead of the findings.
    pub statistics: bool,
    /// `-q`: no summary line.
    pub quiet: bool,
    /// `--deny-warnings`: warnings fail the run, so formats that judge
    /// (JUnit) count them as failures.
    pub deny_warnings: bool,
}

/// Writes `report` in `format`. A write error (a closed pipe included) is
/// returned as is: what it means for the exit status is the caller's call.
pub fn write_lint(
    format: LintFormat,
    report: &LintReport,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match (format, report.statistics) {
        (LintFormat::Human | LintFormat::Concise, true) => statistics::write_text(report, out),
        (LintFormat::Json, true) => statistics::write_json(report, out),
        (LintFormat::Human, false) => human::write(report, out),
        (LintFormat::Concise, false) => concise::write(report, out),
        (LintFormat::Json, false) => json::write(report, out),
        (LintFormat::Github, _) => github::write(report, out),
        (LintFormat::Sarif, _) => sarif::write(report, out),
        (LintFormat::Junit, _) => junit::write(report, out),
    }
}

/// A path as users see it: relative to `cwd` with `/` separators when the
/// file is under `cwd` (as ruff and ripgrep print them), otherwise as given.
/// A relative path is already relative to the current directory, so it only
/// has its separators normalised and any `./` dropped.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let relative = match path.strip_prefix(cwd) {
        Ok(inside) if inside.as_os_str().is_empty() => return path.display().to_string(),
        Ok(inside) => inside,
        Err(_) if path.is_relative() => path,
        Err(_) => return path.display().to_string(),
    };
    let mut shown = String::with_capacity(relative.as_os_str().len());
    for component in relative.components() {
        if component == Component::CurDir {
            continue;
        }
        if !shown.is_empty() {
            shown.push('/');
        }
        shown.push_str(&component.as_os_str().to_string_lossy());
    }
    if shown.is_empty() {
        path.display().to_string()
    } else {
        shown
    }
}

/// The summary line, unless `-q` asked for findings only.
fn write_summary(report: &LintReport, out: &mut dyn io::Write) -> io::Result<()> {
    if report.quiet {
        return Ok(());
    }
    writeln!(out, "{}", summary_line(report))
}

/// The last line of the `human` and `concise` formats:
/// `Found 3 errors and 1 warning (12 files checked).` or
/// `All checks passed (12 files checked).` The file count is in
/// parentheses because "in 12 files" would read as where the findings are.
fn summary_line(report: &LintReport) -> String {
    let count = |severity| {
        report
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let files = plural(report.files_checked, "file");
    let found = match (errors, warnings) {
        (0, 0) => return format!("All checks passed ({files} checked)."),
        (_, 0) => plural(errors, "error"),
        (0, _) => plural(warnings, "warning"),
        (_, _) => format!(
            "{} and {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        ),
    };
    format!("Found {found} ({files} checked).")
}

/// `1 file`, `2 files`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every format on the same findings, and on none: one snapshot each.
    #[test]
    fn each_format_on_the_fixture_findings_and_on_none() {
        let diagnostics = fixtures::diagnostics();
        for format in [
            LintFormat::Human,
            LintFormat::Concise,
            LintFormat::Json,
            LintFormat::Github,
            LintFormat::Junit,
        ] {
            let name = format!("{format:?}").to_lowercase();
            let report = fixtures::report(&diagnostics);
            insta::assert_snapshot!(
                format!("{name}_findings"),
                fixtures::render(format, &report)
            );
            let empty = fixtures::report(&[]);
            insta::assert_snapshot!(
                format!("{name}_no_findings"),
                fixtures::render(format, &empty)
            );
        }
    }

    #[test]
    fn paths_under_cwd_are_relative_with_slashes() {
        let cwd = Path::new("/work/ws");
        let path = Path::new("/work/ws").join("collateral").join("a b.md");
        assert_eq!(display_path(&path, cwd), "collateral/a b.md");
    }

    #[test]
    fn paths_outside_cwd_are_shown_as_given() {
        let cwd = Path::new("/work/ws");
        assert_eq!(
            display_path(Path::new("/work/other/map/x.toml"), cwd),
            "/work/other/map/x.toml"
        );
        // A sibling whose name merely starts like cwd is not under it.
        assert_eq!(
            display_path(Path::new("/work/ws2/x.toml"), cwd),
            "/work/ws2/x.toml"
        );
    }

    #[test]
    fn relative_paths_drop_the_current_directory() {
        let cwd = Path::new("/work/ws");
        assert_eq!(display_path(Path::new("./map/x.toml"), cwd), "map/x.toml");
        assert_eq!(display_path(Path::new("../up/x.toml"), cwd), "../up/x.toml");
    }

    #[test]
    fn summary_counts_use_singulars() {
        let diagnostics = fixtures::diagnostics();
        let mut report = fixtures::report(&diagnostics);
        assert_eq!(
            summary_line(&report),
            "Found 4 errors and 2 warnings (7 files checked)."
        );
        report.diagnostics = &diagnostics[..1];
        report.files_checked = 1;
        assert_eq!(summary_line(&report), "Found 1 warning (1 file checked).");
        report.diagnostics = &diagnostics[1..2];
        assert_eq!(summary_line(&report), "Found 1 error (1 file checked).");
        report.diagnostics = &[];
        report.files_checked = 0;
        assert_eq!(
            summary_line(&report),
            "All checks passed (0 files checked)."
        );
    }
}
