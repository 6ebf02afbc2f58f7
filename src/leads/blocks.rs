//! A leads file read as blocks of whole records, so that several threads
//! can parse it at once while memory stays bounded: each block is a buffer
//! of about [`BLOCK_SIZE`] bytes that ends at a record boundary, and
//! buffers are recycled once a block is done.
//!
//! A record boundary is a line feed outside quotes. Whether a byte is inside
//! quotes follows the csv crate's reading exactly: a quote opens a quoted
//! field only at the start of a field (after a comma or a line end), `""`
//! inside one is an escaped quote, and a quote anywhere else is a literal
//! character. Only quotes are visited (memchr), so a file with few quotes is
//! split at memory speed.

use std::io::{self, Read};
use std::sync::{Arc, Mutex};

/// Bytes read per block: large enough that per-block costs (a csv reader,
/// a record) vanish, small enough that the threads finish together and the
/// blocks in flight stay far below the memory budget. Measured on the
/// 1,000,000-lead benchmark, 1 MiB beat 2, 4, 8 and 16 MiB.
pub const BLOCK_SIZE: usize = 1 << 20;

/// Bytes a block leaves for the next one at least, when the file goes on:
/// so the last block always holds the file's last 64 KiB whole, and a
/// report footer is never split between two blocks.
const TAIL: usize = 64 << 10;

/// Field delimiters detected from the header line, in order of preference
/// on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Buffers kept for reuse; a buffer grown past `BLOCK_SIZE` (a record
/// larger than a block) is dropped instead of kept.
const POOL_LIMIT: usize = 4;

type Pool = Arc<Mutex<Vec<Vec<u8>>>>;

/// Whole records of a file, with the physical line of their first byte.
pub struct Block {
    pub index: usize,
    buf: Vec<u8>,
    /// Where the records start (after the header in block 0).
    pub start: usize,
    pub len: usize,
    /// The physical line of `buf[0]`.
    pub first_line: u64,
    /// Where a quoted field opens that the file never closes (last block).
    pub open_quote: Option<usize>,
    /// The block ends the file.
    pub last: bool,
    pool: Pool,
}

impl Block {
    /// The block's bytes from its first byte (not from `start`).
    pub fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        let buf = std::mem::take(&mut self.buf);
        if buf.len() == BLOCK_SIZE {
            if let Ok(mut pool) = self.pool.lock() {
                if pool.len() < POOL_LIMIT {
                    pool.push(buf);
                }
            }
        }
    }
}

/// Reads a file block by block.
pub struct Blocks {
    file: Box<dyn Read + Send>,
    /// The field delimiter: given, or detected from the header line.
    delimiter: Option<u8>,
    pool: Pool,
    /// Bytes read past the last block's final record.
    carry: Vec<u8>,
    next_index: usize,
    next_line: u64,
    eof: bool,
    started: bool,
    block_size: usize,
}

impl Blocks {
    pub fn new(file: Box<dyn Read + Send>, delimiter: Option<u8>) -> Blocks {
        Blocks::with_block_size(file, delimiter, BLOCK_SIZE)
    }

    /// Smaller blocks, so tests can cross block boundaries cheaply.
    pub fn with_block_size(
        file: Box<dyn Read + Send>,
        delimiter: Option<u8>,
        block_size: usize,
    ) -> Blocks {
        Blocks {
            file,
            delimiter,
            pool: Arc::new(Mutex::new(Vec::new())),
            carry: Vec::new(),
            next_index: 0,
            next_line: 1,
            eof: false,
            started: false,
            block_size: block_size.max(1),
        }
    }

    fn buffer(&self) -> Vec<u8> {
        let reused = self.pool.lock().ok().and_then(|mut pool| pool.pop());
        match reused {
            Some(buf) if buf.len() == self.block_size => buf,
            _ => vec![0; self.block_size],
        }
    }

    /// The next block of whole records; `None` at the end of the file.
    pub fn next_block(&mut self) -> io::Result<Option<Block>> {
        if self.eof && self.carry.is_empty() {
            return Ok(None);
        }
        let mut buf = self.buffer();
        let mut filled = self.carry.len();
        if buf.len() < filled {
            buf.resize(filled.next_power_of_two(), 0);
        }
        buf[..filled].copy_from_slice(&self.carry);
        self.carry.clear();
        loop {
            while filled < buf.len() && !self.eof {
                match self.file.read(&mut buf[filled..]) {
                    Ok(0) => self.eof = true,
                    Ok(n) => filled += n,
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                    Err(error) => return Err(error),
                }
            }
            if !self.started {
                self.started = true;
                // A byte-order mark is not part of the first cell, and does
                // not count as a column.
                if buf[..filled].starts_with(b"\xEF\xBB\xBF") {
                    buf.copy_within(3..filled, 0);
                    filled -= 3;
                }
                if self.delimiter.is_none() {
                    self.delimiter = Some(detect_delimiter(&buf[..filled]));
                }
            }
            if filled == 0 {
                return Ok(None);
            }
            let delimiter = self.delimiter();
            let tail = TAIL.min(self.block_size / 8);
            let (end, open_quote) = if self.eof {
                (
                    filled,
                    scan_quotes(&buf[..filled], delimiter, true).open_quote,
                )
            } else {
                let before_tail = scan_quotes(&buf[..filled - tail.min(filled)], delimiter, false)
                    .last_record_end
                    .filter(|&end| end > 0);
                match before_tail
                    .or_else(|| scan_quotes(&buf[..filled], delimiter, false).last_record_end)
                {
                    Some(end) => (end, None),
                    None => {
                        // One record is larger than the buffer: grow it.
                        let larger = buf.len().saturating_mul(2);
                        buf.resize(larger, 0);
                        continue;
                    }
                }
            };
            self.carry.extend_from_slice(&buf[end..filled]);
            let first_line = self.next_line;
            self.next_line += memchr::memchr_iter(b'\n', &buf[..end]).count() as u64;
            let index = self.next_index;
            self.next_index += 1;
            return Ok(Some(Block {
                index,
                buf,
                start: 0,
                len: end,
                first_line,
                open_quote,
                last: self.eof && self.carry.is_empty(),
                pool: self.pool.clone(),
            }));
        }
    }
}

impl Blocks {
    /// The field delimiter (`,` until the first block is read).
    pub fn delimiter(&self) -> u8 {
        self.delimiter.unwrap_or(b',')
    }
}

/// The delimiter of a header line: the one of [`DELIMITERS`] found most
/// often outside quotes (`,` when none is).
pub fn detect_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for &byte in bytes {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = DELIMITERS.iter().position(|&d| d == byte) {
                    counts[slot] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for slot in 1..DELIMITERS.len() {
        if counts[slot] > counts[best] {
            best = slot;
        }
    }
    DELIMITERS[best]
}

/// What a scan of a buffer's quotes found.
#[derive(Debug, PartialEq, Eq)]
pub struct QuoteScan {
    /// The offset just after the last line feed outside quotes.
    pub last_record_end: Option<usize>,
    /// Where the quoted field opened that is still open at the end.
    pub open_quote: Option<usize>,
}

/// Scans a buffer that starts at a record boundary. With `at_eof` false, a
/// quote as the very last byte may be the first half of an escaped `""`,
/// so the state after it is unknown; boundaries before it still count.
///
/// Quotes outside a quoted field are found with memchr; a field that
/// closes right before a delimiter or line end and a field that opens right
/// after one are stepped over directly, so an export that quotes every
/// cell (Salesforce) costs one search per field, not three.
pub fn scan_quotes(buf: &[u8], delimiter: u8, at_eof: bool) -> QuoteScan {
    let mut last_record_end = None;
    // Outside quotes from here; no line feed before it is unrecorded.
    let mut outside_from = 0;
    let mut at = 0;
    // Outside quotes at `at`: find the next quote that opens a field.
    while let Some(found) = memchr::memchr(b'"', buf.get(at..).unwrap_or_default()) {
        let quote = at + found;
        let opens = quote == 0 || {
            let before = buf[quote - 1];
            before == delimiter || matches!(before, b'\n' | b'\r')
        };
        if !opens {
            at = quote + 1;
            continue;
        }
        if let Some(line_feed) = memchr::memrchr(b'\n', &buf[outside_from..quote]) {
            last_record_end = Some(outside_from + line_feed + 1);
        }
        let mut open = quote;
        // Inside the quoted field opened at `open`: find where it closes.
        loop {
            let closing = match close_quote(buf, open + 1, at_eof) {
                Closing::At(closing) => closing,
                Closing::Open => {
                    return QuoteScan {
                        last_record_end,
                        open_quote: Some(open),
                    };
                }
            };
            // The common shapes after a closing quote: `,"` opens the next
            // field; `\n"` or `\r\n"` ends the record and opens one.
            let next = closing + 1;
            let step = match buf.get(next..) {
                Some([d, b'"', ..]) if *d == delimiter => Some((next + 1, None)),
                Some([b'\n', b'"', ..]) => Some((next + 1, Some(next + 1))),
                Some([b'\r', b'\n', b'"', ..]) => Some((next + 2, Some(next + 2))),
                _ => None,
            };
            match step {
                Some((opening, record_end)) => {
                    if record_end.is_some() {
                        last_record_end = record_end;
                    }
                    open = opening;
                }
                None => {
                    outside_from = next;
                    at = next;
                    break;
                }
            }
        }
    }
    if let Some(line_feed) = memchr::memrchr(b'\n', &buf[outside_from.min(buf.len())..]) {
        last_record_end = Some(outside_from + line_feed + 1);
    }
    QuoteScan {
        last_record_end,
        open_quote: None,
    }
}

enum Closing {
    /// The closing quote's offset.
    At(usize),
    /// Still open at the end (or unknown: a last `"` before the end of
    /// the file may be half of `""`).
    Open,
}

/// Bytes looked at one by one before a search for the closing quote:
/// most cells are short, and a memchr call costs more than a short loop.
const SHORT_CELL: usize = 24;

/// Where the quoted field whose content starts at `from` closes.
fn close_quote(buf: &[u8], mut from: usize, at_eof: bool) -> Closing {
    loop {
        let rest = buf.get(from..).unwrap_or_default();
        let near = &rest[..rest.len().min(SHORT_CELL)];
        let found = near
            .iter()
            .position(|&b| b == b'"')
            .or_else(|| memchr::memchr(b'"', &rest[near.len()..]).map(|i| near.len() + i));
        let Some(found) = found else {
            return Closing::Open;
        };
        let quote = from + found;
        match buf.get(quote + 1) {
            Some(b'"') => from = quote + 2,
            None if !at_eof => return Closing::Open,
            _ => return Closing::At(quote),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn scan(text: &str) -> (Option<usize>, Option<usize>) {
        let found = scan_quotes(text.as_bytes(), b',', true);
        (found.last_record_end, found.open_quote)
    }

    #[test]
    fn boundaries_are_line_feeds_outside_quotes() {
        assert_eq!(scan("a,b\nc,d\n"), (Some(8), None));
        assert_eq!(scan("a,b\nc,d"), (Some(4), None));
        assert_eq!(scan("a,\"x\ny\"\nc"), (Some(8), None));
        assert_eq!(scan("a\r\n\"b\r\n\"\r\nc"), (Some(10), None));
        assert_eq!(scan("no line end"), (None, None));
    }

    #[test]
    fn quotes_follow_the_csv_reader() {
        // A quote inside an unquoted field is a literal character.
        assert_eq!(scan("a,b\"c\nd"), (Some(6), None));
        // `""` inside quotes is an escaped quote; the line feed stays inside.
        assert_eq!(scan("\"a\"\"b\nc"), (None, Some(0)));
        // After a closing quote, text runs on to the comma; the next quote
        // after a comma opens a field again.
        assert_eq!(scan("\"ab\"c,\"d\n\"\nx"), (Some(11), None));
        // A quote after a space is literal, as the csv crate reads it.
        assert_eq!(scan("a, \"b\nc"), (Some(6), None));
    }

    /// The quote rules byte by byte, the slow obvious way.
    fn oracle(buf: &[u8], delimiter: u8, at_eof: bool) -> QuoteScan {
        let (mut inside, mut last_record_end, mut at) = (None, None, 0);
        while at < buf.len() {
            let byte = buf[at];
            match inside {
                None if byte == b'"'
                    && (at == 0
                        || buf[at - 1] == delimiter
                        || matches!(buf[at - 1], b'\n' | b'\r')) =>
                {
                    inside = Some(at)
                }
                None if byte == b'\n' => last_record_end = Some(at + 1),
                Some(open) if byte == b'"' => match buf.get(at + 1) {
                    Some(b'"') => at += 1,
                    None if !at_eof => {
                        return QuoteScan {
                            last_record_end,
                            open_quote: Some(open),
                        };
                    }
                    _ => inside = None,
                },
                _ => {}
            }
            at += 1;
        }
        QuoteScan {
            last_record_end,
            open_quote: inside,
        }
    }

    proptest::proptest! {
        #[test]
        fn scans_like_the_obvious_byte_loop(
            text in proptest::collection::vec(proptest::sample::select(&b"a,;\"\n\r"[..]), 0..48),
            semicolon in proptest::bool::ANY,
            at_eof in proptest::bool::ANY,
        ) {
            let delimiter = if semicolon { b';' } else { b',' };
            proptest::prop_assert_eq!(
                scan_quotes(&text, delimiter, at_eof),
                oracle(&text, delimiter, at_eof)
            );
        }
    }

    #[test]
    fn a_final_quote_is_ambiguous_before_the_end_of_the_file() {
        let text = b"a\n\"b\nc\"";
        assert_eq!(
            scan_quotes(text, b',', false),
            QuoteScan {
                last_record_end: Some(2),
                open_quote: Some(2)
            }
        );
        assert_eq!(scan_quotes(text, b',', true).open_quote, None);
    }

    fn blocks_of(text: &[u8], block_size: usize) -> Vec<(String, u64, Option<usize>)> {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(text).unwrap();
        std::io::Seek::rewind(&mut file).unwrap();
        let mut blocks = Blocks::with_block_size(Box::new(file), None, block_size);
        let mut found = Vec::new();
        while let Some(block) = blocks.next_block().unwrap() {
            let text = String::from_utf8(block.bytes().to_vec()).unwrap();
            found.push((text, block.first_line, block.open_quote));
        }
        found
    }

    #[test]
    fn blocks_end_at_records_and_know_their_lines() {
        let text = b"\xEF\xBB\xBFid,x\n1,\"two\nlines\"\n2,b\n3,c";
        let blocks = blocks_of(text, 8);
        let joined: String = blocks.iter().map(|(text, ..)| text.as_str()).collect();
        assert_eq!(
            joined.as_bytes(),
            &text[3..],
            "the BOM is dropped, nothing else"
        );
        for (text, ..) in &blocks[..blocks.len() - 1] {
            assert!(text.ends_with('\n'), "{text:?}");
        }
        let lines: Vec<u64> = blocks.iter().map(|(_, line, _)| *line).collect();
        assert_eq!(lines, [1, 2, 4]);
        assert_eq!(
            blocks[1].0, "1,\"two\nlines\"\n",
            "a record larger than a block grows it"
        );
    }

    #[test]
    fn delimiters_are_detected_from_the_header_line() {
        assert_eq!(detect_delimiter(b"id;owner;\"a,b\"\n1,2,3,4"), b';');
        assert_eq!(detect_delimiter(b"id\towner\n"), b'\t');
        assert_eq!(detect_delimiter(b"id|owner|x"), b'|');
        assert_eq!(
            detect_delimiter(b"id,owner;x"),
            b',',
            "a tie goes to the comma"
        );
        assert_eq!(detect_delimiter(b"id"), b',');
        assert_eq!(
            scan("a;\"b\nc").0,
            Some(5),
            "after `;` a quote is literal in a `,` file"
        );
        let found = scan_quotes(b"a;\"b\nc", b';', true);
        assert_eq!((found.last_record_end, found.open_quote), (None, Some(2)));
    }

    #[test]
    fn the_last_block_holds_the_end_of_the_file() {
        let mut text = String::from("id,x\n");
        for row in 0..200 {
            text.push_str(&format!("{row},value\n"));
        }
        let blocks = blocks_of(text.as_bytes(), 400);
        let last = blocks.last().unwrap();
        assert!(last.0.len() >= 50, "{}", last.0.len());
        let joined: String = blocks.iter().map(|(text, ..)| text.as_str()).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn an_unterminated_quote_is_found_in_the_last_block() {
        let blocks = blocks_of(b"id,x\n1,\"never closed\n2,b\n", 1 << 20);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].2, Some(7));
        assert!(blocks_of(b"", 16).is_empty());
        assert!(blocks_of(b"\xEF\xBB\xBF", 16).is_empty());
    }
}
