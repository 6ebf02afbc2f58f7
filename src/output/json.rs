//! `--format json`: the array of findings that the spec fixes, key for key
//! and in that order, pretty-printed with a trailing newline. Scripts depend
//! on these names, so the struct below is the contract: never rename a field.

use std::io;

use serde::Serialize;

use crate::diagnostic::Diagnostic;

#[derive(Serialize)]
struct Finding<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
}

/// One finding as an element of the array.
pub(super) fn finding<'a>(diagnostic: &'a Diagnostic, path: &'a str) -> impl Serialize + 'a {
    Finding {
        code: diagnostic.code(),
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.message,
        path,
        line: diagnostic.start.line,
        column: diagnostic.start.column,
        end_line: diagnostic.end.line,
        end_column: diagnostic.end.column,
        help: diagnostic.help.as_deref(),
    }
}

/// Indent of an element of the array.
pub(super) const INDENT: &str = "  ";

/// A pretty-printed array (the findings, or a SARIF log's results) written
/// a file's elements at a time, in the bytes serde_json's pretty printer
/// gives the whole document.
pub(super) struct Array {
    /// Before the first element.
    opening: Vec<u8>,
    /// After the last element.
    closing: Vec<u8>,
    /// The whole document when there is no element.
    empty: Vec<u8>,
    written: usize,
}

impl Default for Array {
    /// The array of findings `--format json` prints.
    fn default() -> Array {
        Array::around(b"[\n".to_vec(), b"\n]\n".to_vec(), b"[]\n".to_vec())
    }
}

impl Array {
    pub(super) fn around(opening: Vec<u8>, closing: Vec<u8>, empty: Vec<u8>) -> Array {
        Array {
            opening,
            closing,
            empty,
            written: 0,
        }
    }

    /// Appends `count` elements joined by [`SEPARATOR`].
    pub(super) fn write_entries(
        &mut self,
        count: usize,
        entries: &[u8],
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        if count == 0 {
            return Ok(());
        }
        out.write_all(if self.written == 0 {
            &self.opening
        } else {
            SEPARATOR
        })?;
        self.written += count;
        out.write_all(entries)
    }

    pub(super) fn finish(&self, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            &self.empty
        } else {
            &self.closing
        })
    }
}

/// Between two elements of a pretty-printed array.
pub(super) const SEPARATOR: &[u8] = b",\n";

/// `value` pretty-printed as an element nested at `indent`. JSON strings
/// hold no raw line breaks, so indenting each line is exact.
pub(super) fn write_element(
    value: &impl Serialize,
    indent: &str,
    buffer: &mut Vec<u8>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    buffer.clear();
    serde_json::to_writer_pretty(&mut *buffer, value)?;
    for (index, line) in buffer.split(|&byte| byte == b'\n').enumerate() {
        if index > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(indent.as_bytes())?;
        out.write_all(line)?;
    }
    Ok(())
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
