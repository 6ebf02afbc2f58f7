//! One lead as read from its file: the parsed cells, and the raw bytes
//! around them so that a finding can name the cell's physical line and
//! character column. Positions are worked out only when a finding needs
//! them; reading a row costs nothing beyond the csv crate's parse.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use csv::ByteRecord;

use crate::codes::Rule;
use crate::criteria::Cells;
use crate::diagnostic::{Diagnostic, Excerpt, Position};

/// Longest stretch of lines shown as an excerpt under a finding; a cell in
/// a longer line is located without one.
const MAX_EXCERPT_BYTES: usize = 1000;

pub struct Row<'a> {
    pub record: &'a ByteRecord,
    /// The raw bytes the record was read from (its block, from where the
    /// block's reader started).
    data: &'a [u8],
    /// The physical line of `data[0]`.
    data_line: u64,
    pub path: &'a Arc<Path>,
    delimiter: u8,
}

impl Cells for Row<'_> {
    fn cell(&self, index: usize) -> &[u8] {
        self.record.get(index).unwrap_or_default()
    }
}

impl<'a> Row<'a> {
    pub fn new(
        record: &'a ByteRecord,
        data: &'a [u8],
        data_line: u64,
        path: &'a Arc<Path>,
    ) -> Row<'a> {
        Row {
            record,
            data,
            data_line,
            path,
            delimiter: b',',
        }
    }

    /// The row of a file whose cells are separated by `delimiter`.
    pub fn delimited(mut self, delimiter: u8) -> Row<'a> {
        self.delimiter = delimiter;
        self
    }

    /// The cell of an optional column; empty when the column is absent.
    pub fn get(&self, column: Option<usize>) -> &'a [u8] {
        column
            .and_then(|index| self.record.get(index))
            .unwrap_or_default()
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        self.record.len()
    }

    pub fn is_empty(&self) -> bool {
        self.record.is_empty()
    }

    /// Where the record's first byte is in `data`, and its physical line.
    fn start(&self) -> (usize, u64) {
        let (byte, line) = self
            .record
            .position()
            .map_or((0, 1), |position| (position.byte(), position.line()));
        let mut offset = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.data.len());
        let mut line = self.data_line + line.saturating_sub(1);
        // The reader's position is just after the previous record: skip the
        // rest of its line ending and any blank lines.
        while let Some(&byte @ (b'\r' | b'\n')) = self.data.get(offset) {
            line += u64::from(byte == b'\n');
            offset += 1;
        }
        (offset, line)
    }

    /// The physical line the record starts on.
    pub fn line(&self) -> u64 {
        self.start().1
    }

    /// The raw byte range of a cell (quotes included) inside `data`; an
    /// empty range at the record's end when the row has no such cell.
    fn raw_cell(&self, index: usize) -> Range<usize> {
        let (start, _) = self.start();
        let raw = &self.data[start..];
        let range = field_range(raw, index, self.delimiter);
        start + range.start..start + range.end
    }

    /// The position of a byte of `data` on or after the record's start.
    fn position(&self, offset: usize) -> Position {
        let (start, line) = self.start();
        let before = &self.data[start..offset.max(start)];
        let line_feeds = memchr::memchr_iter(b'\n', before).count();
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        Position {
            line: usize::try_from(line).unwrap_or(usize::MAX) + line_feeds,
            column: count_chars(&before[line_start..]) + 1,
        }
    }

    /// Where a cell starts and ends.
    pub fn cell_span(&self, index: usize) -> (Position, Position) {
        let range = self.raw_cell(index);
        (self.position(range.start), self.position(range.end))
    }

    /// A finding at a cell, with the line it is on when that is short.
    pub fn diagnostic(
        &self,
        rule: &'static Rule,
        index: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let range = self.raw_cell(index);
        let (start, end) = (self.position(range.start), self.position(range.end));
        let diagnostic = Diagnostic::at(rule, self.path.clone(), start, end, message);
        match self.excerpt(range, start.line) {
            Some(excerpt) => diagnostic.with_excerpt(excerpt),
            None => diagnostic,
        }
    }

    /// A finding about the whole row, at its first cell.
    pub fn row_diagnostic(&self, rule: &'static Rule, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(rule, 0, message)
    }

    /// The whole lines holding `range`, if they are short and UTF-8.
    fn excerpt(&self, range: Range<usize>, first_line: usize) -> Option<Excerpt> {
        let from = memchr::memrchr(b'\n', &self.data[..range.start]).map_or(0, |i| i + 1);
        let to = memchr::memchr(b'\n', &self.data[range.end..])
            .map_or(self.data.len(), |i| range.end + i);
        if to - from > MAX_EXCERPT_BYTES {
            return None;
        }
        let mut text = std::str::from_utf8(&self.data[from..to]).ok()?;
        text = text.strip_suffix('\r').unwrap_or(text);
        let start = (range.start - from).min(text.len());
        let end = (range.end - from).clamp(start, text.len());
        Some(Excerpt {
            first_line,
            text: text.to_owned(),
            range: start..end,
        })
    }
}

/// Characters in UTF-8 bytes (invalid bytes count one each).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The raw range of field `index` of the record starting at `raw[0]`,
/// quotes included: read as the csv crate reads it.
pub fn field_range(raw: &[u8], index: usize, delimiter: u8) -> Range<usize> {
    let mut at = 0;
    let mut field = 0;
    loop {
        let start = at;
        if raw.get(at) == Some(&b'"') {
            at += 1;
            loop {
                match memchr::memchr(b'"', &raw[at..]) {
                    None => {
                        at = raw.len();
                        break;
                    }
                    Some(quote) => {
                        at += quote + 1;
                        if raw.get(at) == Some(&b'"') {
                            at += 1;
                        } else {
                            break;
                        }
                    }
                }
            }
        }
        at += raw[at..]
            .iter()
            .position(|&b| b == delimiter || matches!(b, b'\n' | b'\r'))
            .unwrap_or(raw.len() - at);
        if field == index {
            return start..at;
        }
        if raw.get(at) != Some(&delimiter) {
            return at..at;
        }
        at += 1;
        field += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ranges_include_quotes() {
        let raw = b"a,\"b,\"\"c\"\"\",,\"x\ny\"z,last\r\nnext";
        let text = |index| String::from_utf8(raw[field_range(raw, index, b',')].to_vec()).unwrap();
        assert_eq!(text(0), "a");
        assert_eq!(text(1), "\"b,\"\"c\"\"\"");
        assert_eq!(text(2), "");
        assert_eq!(text(3), "\"x\ny\"z");
        assert_eq!(text(4), "last");
        assert_eq!(
            field_range(raw, 5, b','),
            24..24,
            "past the last cell: the record's end"
        );
    }

    /// Cells, the record's line, and each cell's (line, column).
    type Read = (Vec<String>, u64, Vec<(usize, usize)>);

    fn rows(text: &str) -> Vec<Read> {
        let path: Arc<Path> = Arc::from(Path::new("leads.csv"));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = ByteRecord::new();
        let mut found = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let row = Row::new(&record, text.as_bytes(), 1, &path);
            let cells = record
                .iter()
                .map(|cell| String::from_utf8_lossy(cell).into_owned())
                .collect();
            let places = (0..record.len())
                .map(|index| {
                    let (start, _) = row.cell_span(index);
                    (start.line, start.column)
                })
                .collect();
            found.push((cells, row.line(), places));
        }
        found
    }

    #[test]
    fn cells_know_their_physical_line_and_column() {
        let found =
            rows("id,note,x\r\n\r\nA1,\"two\r\nlines\",é\r\nA2,\"q\"\"uote\",z\nA3,,\"é\n\"");
        assert_eq!(found.len(), 4);
        assert_eq!(found[1].0, ["A1", "two\r\nlines", "é"]);
        assert_eq!(found[1].1, 3, "the blank line is skipped");
        assert_eq!(found[1].2, [(3, 1), (3, 4), (4, 8)]);
        assert_eq!(found[2].1, 5);
        assert_eq!(found[2].2, [(5, 1), (5, 4), (5, 14)]);
        assert_eq!(found[3].2, [(6, 1), (6, 4), (6, 5)]);
    }

    #[test]
    fn findings_carry_a_short_excerpt() {
        let text = "id,employees\nA1,lots\n";
        let path: Arc<Path> = Arc::from(Path::new("leads.csv"));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut record = ByteRecord::new();
        reader.read_byte_record(&mut record).unwrap();
        reader.read_byte_record(&mut record).unwrap();
        let row = Row::new(&record, text.as_bytes(), 1, &path);
        let finding = row.diagnostic(&crate::codes::leads::AL303, 1, "m");
        assert_eq!((finding.start.line, finding.start.column), (2, 4));
        assert_eq!((finding.end.line, finding.end.column), (2, 8));
        let excerpt = finding.excerpt.unwrap();
        assert_eq!(excerpt.text, "A1,lots");
        assert_eq!(&excerpt.text[excerpt.range], "lots");
    }
}
