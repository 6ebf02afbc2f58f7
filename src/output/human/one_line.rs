//! The commonest human finding — one plain-ASCII source line with a span
//! on it, no color — written directly, byte for byte as annotate-snippets
//! writes it. A run that adopts align prints a hundred thousand of these,
//! and annotate-snippets' general layout (any number of lines, widths of
//! every character, labels, styles) cost four times the checks. Anything
//! else declines and goes to annotate-snippets; a property test holds the
//! two to the same bytes.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Excerpt, Severity};

/// annotate-snippets' default terminal width, which its plain renderer uses.
const TERM_WIDTH: usize = 140;
/// What annotate-snippets leaves around a span when it cuts a long line.
const ELLIPSIS_PASSING: usize = 6;
const LONG_WHITESPACE: usize = 20;
const LONG_WHITESPACE_PADDING: usize = 4;
const ELLIPSIS: &[u8] = b"...";

/// Writes `diagnostic` as the plain renderer would, or returns `false`
/// having written nothing when it is not a one-line ASCII finding.
pub(super) fn write(diagnostic: &Diagnostic, path: &str, out: &mut Vec<u8>) -> io::Result<bool> {
    let Some(excerpt) = &diagnostic.excerpt else {
        return Ok(false);
    };
    if !is_one_line(excerpt) || !is_plain_text(&diagnostic.message) {
        return Ok(false);
    }
    if diagnostic
        .help
        .as_deref()
        .is_some_and(|help| !is_plain_text(help))
    {
        return Ok(false);
    }
    let line = excerpt.text.as_bytes();
    let (start, end) = (excerpt.range.start, excerpt.range.end);
    let number = excerpt.first_line.to_string();
    let gutter = number.len();
    let Some(window) = Window::of(line, start, end, TERM_WIDTH.saturating_sub(gutter + 3)) else {
        return Ok(false);
    };
    let level = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    writeln!(
        out,
        "{level}[{}]: {}",
        diagnostic.code(),
        diagnostic.message
    )?;
    writeln!(out, "{:gutter$}--> {path}:{}:{}", "", number, start + 1)?;
    writeln!(out, "{:gutter$} |", "")?;
    write!(out, "{number} | ")?;
    window.write_code(line, out);
    writeln!(out)?;
    let carets = start.saturating_sub(window.left);
    write!(out, "{:gutter$} | {:carets$}", "", "")?;
    out.extend(std::iter::repeat_n(b'^', end - start));
    if let Some(help) = &diagnostic.help {
        write!(out, "\n{:gutter$} |\nhelp: {help}", "")?;
    }
    out.extend_from_slice(b"\n\n");
    Ok(true)
}

/// One line of printable ASCII (no tab, which is widened), not ending in
/// whitespace (which the renderer trims), with a non-empty span inside it.
fn is_one_line(excerpt: &Excerpt) -> bool {
    let line = excerpt.text.as_bytes();
    let range = &excerpt.range;
    range.start < range.end
        && range.end <= line.len()
        && line.iter().all(|&byte| (b' '..=b'~').contains(&byte))
        && line.last().is_some_and(|&byte| byte != b' ')
}

/// A title or help the renderer writes as it is.
fn is_plain_text(text: &str) -> bool {
    !text.chars().any(char::is_control)
}

/// The part of a long line shown, as annotate-snippets' `Margin` computes
/// it for one line, one span and no label (ASCII: columns are bytes).
struct Window {
    left: usize,
    right: usize,
    cut_left: bool,
}

impl Window {
    /// `None` for a span wider than the terminal, whose middle
    /// annotate-snippets elides.
    fn of(line: &[u8], start: usize, end: usize, width: usize) -> Option<Window> {
        let leading = line.iter().take_while(|&&byte| byte == b' ').count();
        let whitespace_left = leading.min(start).saturating_sub(ELLIPSIS_PASSING);
        let span_left = start.saturating_sub(ELLIPSIS_PASSING);
        let span_right = end + ELLIPSIS_PASSING;
        // No label: its right edge is the span's.
        let label_right = span_right;
        let mut left = if whitespace_left > LONG_WHITESPACE {
            whitespace_left - (LONG_WHITESPACE - LONG_WHITESPACE_PADDING)
        } else {
            0
        };
        let mut right = line.len().max(left);
        if right - left > width {
            (left, right) = if label_right.saturating_sub(whitespace_left) <= width
                && label_right >= whitespace_left
            {
                (whitespace_left, whitespace_left + width)
            } else if label_right - span_left <= width {
                let left = span_left.saturating_sub((width - (label_right - span_left)) / 2);
                (left, left + width)
            } else if span_right - span_left <= width {
                let left = span_left.saturating_sub((width - (span_right - span_left)) / 5 * 2);
                (left, left + width)
            } else {
                return None;
            };
        }
        let shown_left = left.min(line.len());
        let shown_right = if line.len().saturating_sub(left) <= width {
            line.len()
        } else {
            line.len().min(right)
        };
        Some(Window {
            left: shown_left,
            right: shown_right.max(shown_left),
            cut_left: left > 0,
        })
    }

    /// The shown code, with `...` over its first and last three columns
    /// where the line was cut.
    fn write_code(&self, line: &[u8], out: &mut Vec<u8>) {
        let mut code = line[self.left..self.right].to_vec();
        if self.cut_left {
            overwrite(&mut code, 0);
        }
        if line.len() > self.right {
            let at = code.len().saturating_sub(ELLIPSIS.len());
            overwrite(&mut code, at);
        }
        out.extend_from_slice(&code);
    }
}

fn overwrite(code: &mut Vec<u8>, at: usize) {
    if code.len() < at + ELLIPSIS.len() {
        code.resize(at + ELLIPSIS.len(), b' ');
    }
    code[at..at + ELLIPSIS.len()].copy_from_slice(ELLIPSIS);
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::*;
    use crate::codes::collateral::{AL204, AL206};
    use crate::diagnostic::Position;

    fn finding(
        line: &str,
        range: std::ops::Range<usize>,
        first_line: usize,
        help: Option<&str>,
    ) -> Diagnostic {
        titled(
            "competitor RivalCo is named but not declared",
            line,
            range,
            first_line,
            help,
        )
    }

    fn titled(
        message: &str,
        line: &str,
        range: std::ops::Range<usize>,
        first_line: usize,
        help: Option<&str>,
    ) -> Diagnostic {
        let found = Diagnostic::at(
            if help.is_some() { &AL206 } else { &AL204 },
            Arc::from(Path::new("/ws/collateral/doc.md")),
            Position::START,
            Position::START,
            message,
        )
        .with_excerpt(Excerpt {
            first_line,
            text: line.to_owned(),
            range,
        });
        match help {
            Some(help) => found.with_help(help),
            None => found,
        }
    }

    /// What annotate-snippets' plain renderer writes.
    fn oracle(diagnostic: &Diagnostic) -> String {
        let mut out = Vec::new();
        let painter = super::super::painter(false);
        let groups = super::super::groups(diagnostic, "collateral/doc.md");
        writeln!(out, "{}\n", painter.renderer.render(&groups)).expect("to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    fn fast(diagnostic: &Diagnostic) -> Option<String> {
        let mut out = Vec::new();
        let written = write(diagnostic, "collateral/doc.md", &mut out).expect("to memory");
        assert!(written || out.is_empty(), "declined after writing");
        written.then(|| String::from_utf8(out).expect("UTF-8"))
    }

    /// Printable ASCII lines: words, punctuation, runs of spaces (leading
    /// ones too), short and far longer than the terminal.
    fn line() -> impl Strategy<Value = String> {
        (
            0usize..48,
            "[ -~]{0,12}",
            "[a-zA-Z0-9 ,.%`'\"()-]{1,420}",
            0usize..3,
        )
            .prop_map(|(leading, head, body, spaces)| {
                let mut line = " ".repeat(leading) + &head + &" ".repeat(spaces * 20) + &body;
                line.truncate(line.trim_end().len());
                if line.is_empty() {
                    line.push('x');
                }
                line
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        #[test]
        fn writes_what_annotate_snippets_writes(
            line in line(),
            start in 0.0f64..1.0,
            length in prop_oneof![1usize..6, 1usize..40, 1usize..400],
            first_line in prop_oneof![1usize..10, 1usize..1_000_000],
            message in "[ -~äé€“”]{1,80}",
            help in proptest::option::of("[ -~äé€“”]{1,80}"),
        ) {
            let start = ((line.len() - 1) as f64 * start) as usize;
            let end = (start + length).min(line.len());
            let diagnostic = titled(&message, &line, start..end, first_line, help.as_deref());
            let fast = fast(&diagnostic);
            // Only spans about as wide as the terminal go to annotate-snippets.
            let width = TERM_WIDTH - 3 - first_line.to_string().len();
            if end - start + 3 * ELLIPSIS_PASSING < width {
                prop_assert!(fast.is_some(), "a one-line ASCII finding is drawn here");
            }
            if let Some(fast) = fast {
                prop_assert_eq!(fast, oracle(&diagnostic));
            }
        }
    }

    #[test]
    fn other_findings_go_to_annotate_snippets() {
        for (line, range) in [
            ("\tindented", 1..4),
            ("Kunden in München", 0..6),
            ("two\nlines", 0..6),
            ("trailing space ", 0..4),
            ("empty span", 3..3),
        ] {
            assert_eq!(fast(&finding(line, range, 3, None)), None, "{line:?}");
        }
        let mut multiline_message = finding("plain", 0..2, 3, None);
        multiline_message.message.push_str("\nsecond line");
        assert_eq!(fast(&multiline_message), None);
    }
}
