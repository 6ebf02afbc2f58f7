//! One line per finding, `path:line:col: CODE message` as the contract
//! gives it (ruff's concise layout, which editors and `grep` understand),
//! then the summary line.

use std::io;

use super::{LintReport, display_path, write_summary};

pub(super) fn write(report: &LintReport, out: &mut dyn io::Write) -> io::Result<()> {
    for diagnostic in report.diagnostics {
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            display_path(&diagnostic.path, report.cwd),
            diagnostic.start.line,
            diagnostic.start.column,
            diagnostic.code(),
            diagnostic.message
        )?;
    }
    write_summary(report, out)
}
