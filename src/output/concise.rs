//! One line per finding, `path:line:col: severity[CODE] message`, then the
//! summary line. ruff's concise lines carry no severity because all of
//! ruff's findings are errors; align has warnings that do not fail a run, so
//! it writes the severity the way ty (ruff's type checker) does. The line
//! still starts with `path:line:col:`, which editors and `grep` understand.

use std::io;

use super::{LintReport, display_path, summary_line};

pub(super) fn write(report: &LintReport, out: &mut dyn io::Write) -> io::Result<()> {
    for diagnostic in report.diagnostics {
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            display_path(&diagnostic.path, report.cwd),
            diagnostic.start.line,
            diagnostic.start.column,
            diagnostic.severity.as_str(),
            diagnostic.code(),
            diagnostic.message
        )?;
    }
    writeln!(out, "{}", summary_line(report))
}

#[cfg(test)]
mod tests {
    use super::super::{LintFormat, fixtures};

    #[test]
    fn findings() {
        let diagnostics = fixtures::diagnostics();
        let report = fixtures::report(&diagnostics);
        insta::assert_snapshot!(fixtures::render(LintFormat::Concise, &report));
    }

    #[test]
    fn no_findings() {
        let report = fixtures::report(&[]);
        insta::assert_snapshot!(fixtures::render(LintFormat::Concise, &report), @"All checks passed (7 files checked).");
    }
}
