//! One line per finding, `path:line:col: CODE message` as the contract
//! gives it (ruff's concise layout, which editors and `grep` understand),
//! then the summary line.

use std::io;

use crate::diagnostic::Diagnostic;

pub(super) fn write(
    diagnostic: &Diagnostic,
    path: &str,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{path}:{}:{}: {} {}",
        diagnostic.start.line,
        diagnostic.start.column,
        diagnostic.code(),
        diagnostic.message
    )
}
