//! A text file of the workspace held in memory, with the index that turns
//! byte offsets into the 1-based line and character column users see.

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::codes::Rule;
use crate::diagnostic::{Diagnostic, Excerpt, Position};

#[derive(Debug)]
pub struct SourceFile {
    /// Where it was read from (workspace root joined with `relative`).
    pub path: Arc<Path>,
    /// Relative to the workspace root, with `/` separators: what globs in
    /// `per_file_ignores` match against.
    pub relative: String,
    /// The text without a leading byte-order mark.
    pub text: String,
    /// Whether findings carry an excerpt of their lines (only the `human`
    /// format prints one).
    pub excerpts: bool,
    line_starts: OnceLock<Vec<usize>>,
    /// Characters before every [`CHAR_BLOCK`]-th byte, built the first
    /// time a column is counted across a long line of non-ASCII text.
    char_counts: OnceLock<Vec<usize>>,
}

/// Bytes per entry of the character index; a column costs at most this
/// much counting, however long its line.
const CHAR_BLOCK: usize = 4096;

impl SourceFile {
    pub fn new(path: Arc<Path>, relative: String, mut text: String) -> SourceFile {
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceFile {
            path,
            relative,
            text,
            excerpts: true,
            line_starts: OnceLock::new(),
            char_counts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// The position of a byte offset (clamped to the text, and moved back
    /// to a character boundary so a bad offset can never panic).
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset);
        let starts = self.line_starts();
        let line_index = starts.partition_point(|&start| start <= offset) - 1;
        let line_start = starts[line_index];
        Position {
            line: line_index + 1,
            column: self.characters(line_start..offset) + 1,
        }
    }

    /// How many characters a range of the text holds (both ends on
    /// character boundaries), in time bounded by [`CHAR_BLOCK`]: one line
    /// with thousands of findings must not cost its length each time.
    fn characters(&self, range: Range<usize>) -> usize {
        let bytes = self.text.as_bytes();
        if range.len() <= CHAR_BLOCK {
            return count_characters(bytes.get(range).unwrap_or_default());
        }
        let counts = self.char_counts.get_or_init(|| {
            let mut counts = vec![0];
            let mut total = 0;
            for block in bytes.chunks(CHAR_BLOCK) {
                total += count_characters(block);
                counts.push(total);
            }
            counts
        });
        let before = |offset: usize| {
            let block = offset / CHAR_BLOCK;
            let from = block * CHAR_BLOCK;
            counts.get(block).copied().unwrap_or(0)
                + count_characters(bytes.get(from..offset).unwrap_or_default())
        };
        before(range.end) - before(range.start)
    }

    /// The byte range of a whole 1-based line, without its line ending.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let starts = self.line_starts();
        let start = starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        let text = &self.text[start..end];
        let trimmed = text.trim_end_matches(['\n', '\r']);
        start..start + trimmed.len()
    }

    /// A finding about `span` (a byte range of this file).
    pub fn diagnostic(
        &self,
        rule: &'static Rule,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let span = self.clamp(span);
        let start = self.position(span.start);
        let end = self.position(span.end);
        let diagnostic = Diagnostic::at(rule, self.path.clone(), start, end, message);
        if self.excerpts {
            diagnostic.with_excerpt(self.excerpt(start.line, end.line, span))
        } else {
            diagnostic
        }
    }

    /// A finding about a whole file: line 1, column 1.
    pub fn file_diagnostic(&self, rule: &'static Rule, message: impl Into<String>) -> Diagnostic {
        let first_line = self.line_range(1);
        let end = first_line.start..first_line.start.min(first_line.end);
        self.diagnostic(rule, end, message)
    }

    fn clamp(&self, span: Range<usize>) -> Range<usize> {
        let start = span.start.min(self.text.len());
        let end = span.end.clamp(start, self.text.len());
        start..end
    }

    fn excerpt(&self, first_line: usize, last_line: usize, span: Range<usize>) -> Excerpt {
        let mut from = self.line_range(first_line).start;
        let mut to = self.line_range(last_line).end.max(from);
        // A snippet of a huge line (minified HTML, a pasted export) shows a
        // window around the finding, not megabytes of context.
        if to - from > MAX_EXCERPT {
            from = self.floor_char_boundary(span.start.saturating_sub(EXCERPT_CONTEXT).max(from));
            let end = span.end.min(span.start + MAX_EXCERPT / 2);
            to = self
                .floor_char_boundary((end + EXCERPT_CONTEXT).min(to))
                .max(from);
        }
        let text = self.text.get(from..to).unwrap_or_default().to_owned();
        let range = span.start.saturating_sub(from).min(text.len())
            ..span.end.saturating_sub(from).min(text.len());
        Excerpt {
            first_line,
            text,
            range,
        }
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue one.
/// Works on any slice, so a block boundary inside a character is harmless.
fn count_characters(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| byte & 0xC0 != 0x80).count()
}

/// Longest excerpt kept whole, in bytes.
const MAX_EXCERPT: usize = 4096;
/// Context kept on each side of a finding in a huge line.
const EXCERPT_CONTEXT: usize = 120;

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(Arc::from(Path::new("f.md")), "f.md".into(), text.into())
    }

    #[test]
    fn positions_count_characters_from_one() {
        let f = file("ab\nçé x\r\nlast");
        assert_eq!(f.position(0), Position { line: 1, column: 1 });
        assert_eq!(f.position(3), Position { line: 2, column: 1 });
        // 'x' follows two 2-byte characters and a space.
        assert_eq!(f.position(8), Position { line: 2, column: 4 });
        assert_eq!(f.position(11), Position { line: 3, column: 1 });
        assert_eq!(f.position(999), Position { line: 3, column: 5 });
    }

    #[test]
    fn columns_on_long_lines_count_characters() {
        let line = "é".repeat(9_000) + "x" + &"a".repeat(5_000) + "y";
        let f = file(&format!("first\n{line}"));
        let x = f.text.find('x').unwrap();
        assert_eq!(
            f.position(x),
            Position {
                line: 2,
                column: 9_001
            }
        );
        let y = f.text.find('y').unwrap();
        assert_eq!(
            f.position(y),
            Position {
                line: 2,
                column: 14_002
            }
        );
        // Every offset agrees with counting from the line start.
        for offset in (6..f.text.len()).step_by(997) {
            let offset = f.floor_char_boundary(offset);
            let expected = f.text[6..offset].chars().count() + 1;
            assert_eq!(f.position(offset).column, expected, "{offset}");
        }
    }

    #[test]
    fn without_excerpts_a_finding_is_only_located() {
        let mut f = file("alpha\nbeta");
        f.excerpts = false;
        let d = f.diagnostic(&crate::codes::files::AL001, 6..10, "m");
        assert!(d.excerpt.is_none());
        assert_eq!(d.start, Position { line: 2, column: 1 });
    }

    #[test]
    fn an_offset_inside_a_character_moves_back() {
        let f = file("é");
        assert_eq!(f.position(1), Position { line: 1, column: 1 });
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let f = file("\u{feff}key");
        assert_eq!(f.text, "key");
        assert_eq!(f.position(0), Position::START);
    }

    #[test]
    fn line_ranges_leave_out_line_endings() {
        let f = file("one\r\ntwo\n");
        assert_eq!(&f.text[f.line_range(1)], "one");
        assert_eq!(&f.text[f.line_range(2)], "two");
        assert_eq!(&f.text[f.line_range(3)], "");
    }

    #[test]
    fn excerpts_of_huge_lines_are_windows() {
        let line = "é".repeat(10_000) + "needle" + &"x".repeat(10_000);
        let f = file(&line);
        let start = "é".len() * 10_000;
        let d = f.diagnostic(&crate::codes::files::AL001, start..start + 6, "m");
        let excerpt = d.excerpt.unwrap();
        assert!(excerpt.text.len() < 400, "{}", excerpt.text.len());
        assert_eq!(&excerpt.text[excerpt.range], "needle");
        assert_eq!(d.start.column, 10_001);
    }

    #[test]
    fn excerpts_hold_whole_lines() {
        let f = file("alpha\nbeta gamma\ndelta");
        let d = f.diagnostic(&crate::codes::files::AL001, 11..16, "m");
        let excerpt = d.excerpt.unwrap();
        assert_eq!(excerpt.first_line, 2);
        assert_eq!(excerpt.text, "beta gamma");
        assert_eq!(&excerpt.text[excerpt.range], "gamma");
        assert_eq!(
            d.end,
            Position {
                line: 2,
                column: 11
            }
        );
    }
}
