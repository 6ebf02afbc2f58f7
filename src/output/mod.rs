//! How `align lint` writes its findings: one small module per `--format`,
//! driven by [`LintWriter`], the run's [`Sink`]. Every format receives the
//! diagnostics already filtered, sorted and with their final severities, so
//! a format only decides how a finding looks, never which findings exist.
//! Findings are written as they arrive; what a format can only write at
//! the end (the summary line, a count in a header, statistics) it writes in
//! [`LintWriter::finish`].
//!
//! `--statistics` replaces the findings by a count per code in the formats
//! read by people (`human`, `concise`) and in `json`. The `github`, `sarif`
//! and `junit` formats ignore it: their readers (workflow annotations, code
//! scanning, test reports) exist to place each finding, and a count would
//! leave them with nothing to show.

use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{Format as FormatAhead, LintSummary, Sink};

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

impl LintFormat {
    /// Whether findings need the source lines they point at.
    pub fn prints_excerpts(self) -> bool {
        self == LintFormat::Human
    }
}

/// Writes `report` in `format`. A write error (a closed pipe included) is
/// returned as is: what it means for the exit status is the caller's call.
pub fn write_lint(
    format: LintFormat,
    report: &LintReport,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let options = WriterOptions {
        cwd: report.cwd.to_path_buf(),
        color: report.color,
        statistics: report.statistics,
        quiet: report.quiet,
        deny_warnings: report.deny_warnings,
    };
    let mut writer = LintWriter::new(format, options, out)?;
    writer.file(report.diagnostics)?;
    let count = |severity| {
        report
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    };
    writer.finish(&LintSummary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        files_checked: report.files_checked,
    })
}

/// How a [`LintWriter`] shows findings, besides its format.
pub struct WriterOptions {
    /// Paths under it are shown relative to it.
    pub cwd: PathBuf,
    /// Styles the `human` format.
    pub color: bool,
    /// `--statistics`: a count per code instead of the findings.
    pub statistics: bool,
    /// `-q`: no summary line.
    pub quiet: bool,
    /// `--deny-warnings`: warnings fail the run, so formats that judge
    /// (JUnit) count them as failures.
    pub deny_warnings: bool,
}

/// A run's findings written in one format as they stream in.
pub struct LintWriter<'o> {
    options: WriterOptions,
    format: Format,
    /// How a file's findings look; `None` for `--statistics`, which
    /// counts them instead.
    entries: Option<Arc<Entries>>,
    out: &'o mut dyn io::Write,
}

/// Each format's state between files.
enum Format {
    /// Findings stand alone: their bytes are written as they come, then
    /// the summary line if the format has one.
    Stream {
        summary: bool,
    },
    /// The JSON array of findings, or a SARIF log's results.
    Elements(json::Array),
    Junit(junit::Cases),
    Statistics(statistics::Counts, LintFormat),
}

impl<'o> LintWriter<'o> {
    pub fn new(
        format: LintFormat,
        options: WriterOptions,
        out: &'o mut dyn io::Write,
    ) -> io::Result<LintWriter<'o>> {
        let state = match (format, options.statistics) {
            (LintFormat::Human | LintFormat::Concise | LintFormat::Json, true) => {
                Format::Statistics(statistics::Counts::default(), format)
            }
            (LintFormat::Human | LintFormat::Concise, false) => Format::Stream { summary: true },
            (LintFormat::Github, _) => Format::Stream { summary: false },
            (LintFormat::Json, false) => Format::Elements(json::Array::default()),
            (LintFormat::Sarif, _) => Format::Elements(sarif::results()?),
            (LintFormat::Junit, _) => Format::Junit(junit::Cases::new(options.deny_warnings)),
        };
        let entries = match state {
            Format::Statistics(..) => None,
            _ => Some(Arc::new(Entries {
                format,
                painter: human::painter(options.color),
                cwd: options.cwd.clone(),
                deny_warnings: options.deny_warnings,
            })),
        };
        Ok(LintWriter {
            options,
            format: state,
            entries,
            out,
        })
    }

    /// Writes what only the whole run knows: the summary line, counts.
    pub fn finish(self, summary: &LintSummary) -> io::Result<()> {
        let LintWriter {
            options,
            format,
            out,
            ..
        } = self;
        let files_checked = summary.files_checked;
        let summary = (!options.quiet).then(|| summary_text(summary));
        match format {
            Format::Stream { summary: false } => Ok(()),
            Format::Stream { summary: true } => write_summary(summary.as_deref(), out),
            Format::Elements(array) => array.finish(out),
            Format::Junit(cases) => cases.finish(files_checked, out),
            Format::Statistics(counts, LintFormat::Json) => statistics::write_json(counts, out),
            Format::Statistics(counts, _) => {
                statistics::write_text(counts, out)?;
                write_summary(summary.as_deref(), out)
            }
        }
    }
}

/// How one file's findings look in a format, as bytes: formatted on the
/// workers, ahead of [`Sink::file_formatted`], so the thread that writes
/// in order only copies bytes (a human snippet costs more than checking
/// the file it points into).
struct Entries {
    format: LintFormat,
    painter: human::Painter,
    cwd: PathBuf,
    deny_warnings: bool,
}

impl FormatAhead for Entries {
    fn format(&self, findings: &[Diagnostic]) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        let mut buffer = Vec::new();
        let mut shown: Option<(&Path, String)> = None;
        for (index, diagnostic) in findings.iter().enumerate() {
            if !matches!(&shown, Some((path, _)) if *path == &*diagnostic.path) {
                shown = Some((&diagnostic.path, display_path(&diagnostic.path, &self.cwd)));
            }
            let path = shown.as_ref().map_or("", |(_, text)| text.as_str());
            let joined = index > 0;
            let out = &mut bytes;
            match self.format {
                LintFormat::Human => human::write(&self.painter, diagnostic, path, out)?,
                LintFormat::Concise => concise::write(diagnostic, path, out)?,
                LintFormat::Github => github::write(diagnostic, path, out)?,
                LintFormat::Json | LintFormat::Sarif if joined => {
                    out.extend_from_slice(json::SEPARATOR);
                    self.element(diagnostic, path, &mut buffer, out)?;
                }
                LintFormat::Json | LintFormat::Sarif => {
                    self.element(diagnostic, path, &mut buffer, out)?;
                }
                LintFormat::Junit => {
                    let fails = junit::Cases::fails(diagnostic, self.deny_warnings);
                    junit::write_case(diagnostic, path, fails, out)?;
                }
            }
        }
        Ok(bytes)
    }
}

impl Entries {
    /// An element of the JSON array or of the SARIF results.
    fn element(
        &self,
        diagnostic: &Diagnostic,
        path: &str,
        buffer: &mut Vec<u8>,
        out: &mut Vec<u8>,
    ) -> io::Result<()> {
        match self.format {
            LintFormat::Sarif => json::write_element(
                &sarif::result(diagnostic, path),
                sarif::RESULT_INDENT,
                buffer,
                out,
            ),
            _ => json::write_element(&json::finding(diagnostic, path), json::INDENT, buffer, out),
        }
    }
}

impl Sink for LintWriter<'_> {
    fn formatter(&self) -> Option<Arc<dyn FormatAhead>> {
        self.entries
            .clone()
            .map(|entries| entries as Arc<dyn FormatAhead>)
    }

    fn file_formatted(&mut self, findings: &[Diagnostic], bytes: &[u8]) -> io::Result<()> {
        let out = &mut *self.out;
        match &mut self.format {
            Format::Stream { .. } => out.write_all(bytes),
            Format::Elements(array) => array.write_entries(findings.len(), bytes, out),
            Format::Junit(cases) => cases.write_cases(findings, bytes),
            Format::Statistics(counts, _) => {
                findings.iter().for_each(|finding| counts.add(finding));
                Ok(())
            }
        }
    }

    fn file(&mut self, findings: &[Diagnostic]) -> io::Result<()> {
        let bytes = match &self.entries {
            Some(entries) => entries.format(findings)?,
            None => Vec::new(),
        };
        self.file_formatted(findings, &bytes)
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
fn write_summary(summary: Option<&str>, out: &mut dyn io::Write) -> io::Result<()> {
    match summary {
        Some(line) => writeln!(out, "{line}"),
        None => Ok(()),
    }
}

/// The summary line of a report whose findings are all in hand.
#[cfg(test)]
fn summary_line(report: &LintReport) -> String {
    let count = |severity| {
        report
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    };
    summary_text(&LintSummary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        files_checked: report.files_checked,
    })
}

/// The last line of the `human` and `concise` formats:
/// `Found 3 errors and 1 warning (12 files checked).` or
/// `All checks passed (12 files checked).` The file count is in
/// parentheses because "in 12 files" would read as where the findings are.
fn summary_text(summary: &LintSummary) -> String {
    let (errors, warnings) = (summary.errors, summary.warnings);
    let files = plural(summary.files_checked, "file");
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
