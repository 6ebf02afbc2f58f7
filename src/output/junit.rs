//! `--format junit`: JUnit XML for CI test report views. Like ruff, each
//! finding is its own failing test case, so a report view lists findings
//! rather than files; they sit in one test suite named `align lint`, with
//! the file as the class name. JUnit has no "warning" status; a warning
//! does not fail the run (exit 0), so it must not fail the report either: it
//! is a skipped case whose message is the finding, which report views show
//! apart from passes. With `--deny-warnings` warnings fail the run and are
//! failures like errors. A clean run is one passing case, since some
//! readers reject a suite without cases.

use std::borrow::Cow;
use std::io::{self, BufReader, BufWriter, Seek, Write};

use tempfile::SpooledTempFile;

use crate::diagnostic::{Diagnostic, Severity};

/// Test cases kept until the run ends, since the suite's header counts
/// them: in memory up to [`IN_MEMORY`] bytes, then in an unnamed temporary
/// file, so a run with a million findings does not hold them all.
pub(super) struct Cases {
    body: BufWriter<SpooledTempFile>,
    /// `--deny-warnings`: warnings are failures too.
    deny_warnings: bool,
    failures: usize,
    skipped: usize,
}

const IN_MEMORY: usize = 4 << 20;
/// Past [`IN_MEMORY`] the cases go to the file and come back in writes
/// and reads of this size, not 8 KB ones.
const SPOOL_BUFFER: usize = 1 << 20;

impl Cases {
    pub(super) fn new(deny_warnings: bool) -> Cases {
        Cases {
            body: BufWriter::with_capacity(SPOOL_BUFFER, SpooledTempFile::new(IN_MEMORY)),
            deny_warnings,
            failures: 0,
            skipped: 0,
        }
    }

    /// Whether a finding is a failing case (else a skipped one).
    pub(super) fn fails(diagnostic: &Diagnostic, deny_warnings: bool) -> bool {
        diagnostic.severity == Severity::Error || deny_warnings
    }

    /// Keeps a file's cases, written ahead by [`write_case`].
    pub(super) fn write_cases(&mut self, findings: &[Diagnostic], cases: &[u8]) -> io::Result<()> {
        let failing = findings
            .iter()
            .filter(|diagnostic| Cases::fails(diagnostic, self.deny_warnings))
            .count();
        self.failures += failing;
        self.skipped += findings.len() - failing;
        self.body.write_all(cases)
    }

    pub(super) fn finish(self, files_checked: usize, out: &mut dyn io::Write) -> io::Result<()> {
        write_header(self.failures, self.skipped, files_checked, out)?;
        let mut body = self.body.into_inner().map_err(|error| error.into_error())?;
        body.rewind()?;
        io::copy(&mut BufReader::with_capacity(SPOOL_BUFFER, body), out)?;
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

fn write_header(
    failures: usize,
    skipped: usize,
    files_checked: usize,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let cases = failures + skipped;
    let tests = cases.max(1);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="align" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="align lint" tests="{tests}" failures="{failures}" errors="0" skipped="{skipped}">"#
    )?;
    writeln!(out, "    <properties>")?;
    writeln!(
        out,
        r#"      <property name="files_checked" value="{files_checked}"/>"#,
    )?;
    writeln!(out, "    </properties>")?;
    if cases == 0 {
        writeln!(
            out,
            r#"    <testcase name="all checks passed" classname="align lint"/>"#
        )?;
    }
    Ok(())
}

pub(super) fn write_case(
    diagnostic: &Diagnostic,
    path: &str,
    fails: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (line, column) = (diagnostic.start.line, diagnostic.start.column);
    let name = format!(
        "{} {} at {line}:{column}",
        diagnostic.code(),
        diagnostic.rule.name
    );
    let mut body = format!(
        "{path}:{line}:{column}: {} {}",
        diagnostic.code(),
        diagnostic.message
    );
    if let Some(help) = &diagnostic.help {
        body.push_str("\nhelp: ");
        body.push_str(help);
    }
    writeln!(
        out,
        r#"    <testcase name="{}" classname="{path}" file="{path}" line="{line}">"#,
        attribute(&name),
        path = attribute(path),
    )?;
    if fails {
        writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            diagnostic.severity.as_str(),
            attribute(&diagnostic.message),
            text(&body),
        )?;
    } else {
        // The JUnit schema gives `skipped` no `type`; the severity leads
        // the message instead.
        writeln!(
            out,
            r#"      <skipped message="warning: {}">{}</skipped>"#,
            attribute(&diagnostic.message),
            text(&body),
        )?;
    }
    writeln!(out, "    </testcase>")
}

/// Escapes character data.
fn text(value: &str) -> Cow<'_, str> {
    escape(value, false)
}

/// Escapes a double-quoted attribute value. Line breaks and tabs become
/// character references, since a parser turns literal ones into spaces.
fn attribute(value: &str) -> Cow<'_, str> {
    escape(value, true)
}

/// Most messages and paths need no escaping: they are borrowed as they
/// are (a run writes a hundred thousand cases).
fn escape(value: &str, attribute: bool) -> Cow<'_, str> {
    // `0xEF` leads the UTF-8 of U+FFFE and U+FFFF.
    let plain = value
        .bytes()
        .all(|byte| !matches!(byte, b'&' | b'<' | b'>' | b'"' | 0..=0x1f | 0xef));
    if plain {
        return Cow::Borrowed(value);
    }
    let mut escaped = String::with_capacity(value.len());
    for character in value.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' if attribute => escaped.push_str("&quot;"),
            '\n' if attribute => escaped.push_str("&#10;"),
            '\t' if attribute => escaped.push_str("&#9;"),
            // A literal CR would be read back as a line feed.
            '\r' => escaped.push_str("&#13;"),
            '\n' | '\t' => escaped.push(character),
            // XML 1.0 cannot carry these at all, not even as references.
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => escaped.push('\u{fffd}'),
            other => escaped.push(other),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::super::LintReport;
    use super::*;

    #[test]
    fn warnings_fail_only_when_denied() {
        let diagnostics = super::super::fixtures::diagnostics();
        let mut report = super::super::fixtures::report(&diagnostics);
        let counts = |report: &LintReport| {
            let xml = super::super::fixtures::render(super::super::LintFormat::Junit, report);
            xml.lines().nth(2).unwrap_or_default().to_owned()
        };
        assert!(counts(&report).contains(r#"tests="6" failures="4" errors="0" skipped="2""#));
        report.deny_warnings = true;
        assert!(counts(&report).contains(r#"tests="6" failures="6" errors="0" skipped="0""#));
    }

    #[test]
    fn escapes_markup_breaks_and_forbidden_characters() {
        let value = "a < b & \"c\" > d\r\n\te\u{1}";
        assert_eq!(text(value), "a &lt; b &amp; \"c\" &gt; d&#13;\n\te\u{fffd}");
        assert_eq!(
            attribute(value),
            "a &lt; b &amp; &quot;c&quot; &gt; d&#13;&#10;&#9;e\u{fffd}"
        );
    }
}
