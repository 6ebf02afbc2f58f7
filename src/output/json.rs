//! `--format json`: the array of findings that the spec fixes, key for key
//! and in that order, pretty-printed with a trailing newline. Scripts depend
//! on these names, so the struct below is the contract: never rename a field.

use std::io;

use serde::Serialize;

use super::{LintReport, display_path};

#[derive(Serialize)]
struct Finding<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
}

pub(super) fn write(report: &LintReport, out: &mut dyn io::Write) -> io::Result<()> {
    let findings: Vec<Finding> = report
        .diagnostics
        .iter()
        .map(|diagnostic| Finding {
            code: diagnostic.code(),
            severity: diagnostic.severity.as_str(),
            message: &diagnostic.message,
            path: display_path(&diagnostic.path, report.cwd),
            line: diagnostic.start.line,
            column: diagnostic.start.column,
            end_line: diagnostic.end.line,
            end_column: diagnostic.end.column,
            help: diagnostic.help.as_deref(),
        })
        .collect();
    write_pretty(&findings, out)
}

/// Pretty JSON and a final newline, shared with `--statistics`.
pub(super) fn write_pretty(value: &impl Serialize, out: &mut dyn io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::super::{LintFormat, fixtures};

    #[test]
    fn parses_with_exactly_the_spec_keys() {
        let diagnostics = fixtures::diagnostics();
        let report = fixtures::report(&diagnostics);
        let text = fixtures::render(LintFormat::Json, &report);
        assert!(text.ends_with("]\n"));
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let findings = value.as_array().expect("an array");
        assert_eq!(findings.len(), diagnostics.len());
        let expected = [
            "code",
            "severity",
            "message",
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "help",
        ];
        for finding in findings {
            let object = finding.as_object().expect("an object");
            assert_eq!(object.len(), expected.len());
            assert!(expected.iter().all(|key| object.contains_key(*key)));
        }
        // serde_json's map forgets the order, so read it from the text: in
        // pretty output every key of a finding is a line indented by four.
        let written: Vec<&str> = text
            .lines()
            .filter_map(|line| line.strip_prefix("    \""))
            .filter_map(|line| line.split_once('"').map(|(key, _)| key))
            .collect();
        let in_order: Vec<&str> = expected
            .iter()
            .copied()
            .cycle()
            .take(expected.len() * findings.len())
            .collect();
        assert_eq!(written, in_order);
        assert_eq!(findings[3]["help"], serde_json::Value::Null);
        assert_eq!(findings[3]["path"], "leads/q1.csv");
    }
}
