//! `--statistics`: how many findings each code produced, most frequent
//! first (ties by code), like `ruff --statistics`. A code appears once per
//! severity it was reported with, so a count never mixes errors and
//! warnings. People get an aligned table and the summary line; `json` gets
//! an array of `{"code", "name", "severity", "count"}`.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::io;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};

#[derive(Serialize)]
struct Statistic {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    count: usize,
}

/// The counts so far: findings are counted as they stream by, never kept.
#[derive(Default)]
pub(super) struct Counts(BTreeMap<(&'static str, Severity), Statistic>);

impl Counts {
    pub(super) fn add(&mut self, diagnostic: &Diagnostic) {
        self.0
            .entry((diagnostic.code(), diagnostic.severity))
            .or_insert(Statistic {
                code: diagnostic.code(),
                name: diagnostic.rule.name,
                severity: diagnostic.severity.as_str(),
                count: 0,
            })
            .count += 1;
    }
}

fn statistics(counts: Counts) -> Vec<Statistic> {
    let mut statistics: Vec<Statistic> = counts.0.into_values().collect();
    // "error" sorts before "warning", so errors come first within a code.
    statistics
        .sort_by_key(|statistic| (Reverse(statistic.count), statistic.code, statistic.severity));
    statistics
}

/// `count  CODE  severity  name` rows (the caller adds the summary line).
pub(super) fn write_text(counts: Counts, out: &mut dyn io::Write) -> io::Result<()> {
    let statistics = statistics(counts);
    let count_width = statistics
        .iter()
        .map(|statistic| statistic.count.to_string().len())
        .max()
        .unwrap_or(0);
    let code_width = statistics
        .iter()
        .map(|statistic| statistic.code.len())
        .max()
        .unwrap_or(0);
    let severity_width = Severity::Warning.as_str().len();
    for statistic in &statistics {
        writeln!(
            out,
            "{:>count_width$}  {:<code_width$}  {:<severity_width$}  {}",
            statistic.count, statistic.code, statistic.severity, statistic.name
        )?;
    }
    Ok(())
}

pub(super) fn write_json(counts: Counts, out: &mut dyn io::Write) -> io::Result<()> {
    super::json::write_pretty(&statistics(counts), out)
}

#[cfg(test)]
mod tests {
    use super::super::{LintFormat, fixtures};
    use crate::diagnostic::Diagnostic;

    /// The fixture with AL204 reported three times, so that counts differ
    /// and the codes reported once each are ordered among themselves.
    fn diagnostics() -> Vec<Diagnostic> {
        let mut diagnostics = fixtures::diagnostics();
        let repeats: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code() == "AL204")
            .cloned()
            .collect();
        diagnostics.extend(repeats.iter().cloned());
        diagnostics.extend(repeats);
        diagnostics
    }

    #[test]
    fn text() {
        let diagnostics = diagnostics();
        let mut report = fixtures::report(&diagnostics);
        report.statistics = true;
        let human = fixtures::render(LintFormat::Human, &report);
        assert_eq!(human, fixtures::render(LintFormat::Concise, &report));
        insta::assert_snapshot!(human);
    }

    #[test]
    fn json() {
        let diagnostics = diagnostics();
        let mut report = fixtures::report(&diagnostics);
        report.statistics = true;
        insta::assert_snapshot!(fixtures::render(LintFormat::Json, &report));
    }

    #[test]
    fn no_findings() {
        let mut report = fixtures::report(&[]);
        report.statistics = true;
        insta::assert_snapshot!(fixtures::render(LintFormat::Concise, &report), @"All checks passed (7 files checked).");
        insta::assert_snapshot!(fixtures::render(LintFormat::Json, &report), @"[]");
    }

    #[test]
    fn machine_formats_ignore_it() {
        let diagnostics = fixtures::diagnostics();
        let mut report = fixtures::report(&diagnostics);
        for format in [LintFormat::Github, LintFormat::Sarif, LintFormat::Junit] {
            report.statistics = false;
            let findings = fixtures::render(format, &report);
            report.statistics = true;
            assert_eq!(fixtures::render(format, &report), findings, "{format:?}");
        }
    }
}
