//! `--format github`: one GitHub Actions workflow command per finding
//! (`::error file=…,line=…::message`), which the runner turns into an
//! annotation on the pull request's diff. The help goes on a second line of
//! the message, since an annotation has no other place for it. Escaping
//! follows `@actions/core`: `%`, CR and LF everywhere, and also `:` and `,`
//! in properties, where they would end a value. Columns are as elsewhere:
//! 1-based characters, the end exclusive (as ruff writes them).

use std::io;

use crate::diagnostic::{Diagnostic, Severity};

pub(super) fn write(
    diagnostic: &Diagnostic,
    path: &str,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    writeln!(
        out,
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(path),
        diagnostic.start.line,
        diagnostic.start.column,
        diagnostic.end.line,
        diagnostic.end.column,
        escape_property(&format!("{} {}", diagnostic.code(), diagnostic.rule.name)),
        escape_data(&message),
    )
}

fn escape_data(text: &str) -> String {
    escape(text, false)
}

fn escape_property(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, property: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            ':' if property => escaped.push_str("%3A"),
            ',' if property => escaped.push_str("%2C"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_actions_core() {
        assert_eq!(
            escape_data("50% off:\r\nnow, here"),
            "50%25 off:%0D%0Anow, here"
        );
        assert_eq!(escape_property("a,b:c%\n.md"), "a%2Cb%3Ac%25%0A.md");
    }
}
