//! Reading a leads file: its header, then every row, either in order on
//! the calling thread or in parallel over blocks of whole records. Each
//! block gets its own csv reader and one `ByteRecord` reused for every row,
//! so reading allocates per block, never per row.

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;

use csv::{ByteRecord, ReaderBuilder};
use rayon::prelude::*;

use super::blocks::{Block, Blocks};
use super::row::Row;
use super::utf16;
use crate::codes::files::AL001;
use crate::diagnostic::{Diagnostic, Position};

/// The csv reader's own buffer: the block is already in memory, so this
/// only sets how often the reader refills.
const READER_BUFFER: usize = 64 << 10;

/// A leads file opened for reading, its header read.
pub struct LeadsReader {
    path: Arc<Path>,
    blocks: Blocks,
    first: Option<Block>,
    /// The field delimiter, given or detected from the header line.
    pub delimiter: u8,
    /// The header row; `None` for a file without one (empty).
    pub header: Option<ByteRecord>,
    /// The physical line of the header.
    pub header_line: u64,
    /// Where each header cell starts and ends.
    pub header_spans: Vec<(Position, Position)>,
}

/// What reading the rows found besides the rows.
#[derive(Debug, Default)]
pub struct ScanEnd {
    /// Where a quoted field opens that the file never closes: the csv
    /// reader took everything after it as that field.
    pub unterminated_quote: Option<Position>,
    /// A report footer after the last record, skipped.
    pub footer: Option<Footer>,
}

impl ScanEnd {
    /// The AL001 finding for a quote the file never closes, if there is one.
    pub fn unterminated_quote_finding(&self, path: &Arc<Path>) -> Option<Diagnostic> {
        self.unterminated_quote.map(|open| {
            Diagnostic::at(
                &AL001,
                path.clone(),
                open,
                open,
                "unterminated quoted field",
            )
            .with_help("close the quote; everything after it was read as one cell")
        })
    }
}

/// Lines after the last record that are empty or hold one cell
/// (Salesforce's "Grand Totals (3 records)", "Confidential Information").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footer {
    /// The physical line of its first non-empty line.
    pub line: u64,
    /// Its non-empty lines.
    pub lines: usize,
}

impl ScanEnd {
    fn add(&mut self, block: BlockEnd) {
        if block.open_quote.is_some() {
            self.unterminated_quote = block.open_quote;
        }
        if block.footer.is_some() {
            self.footer = block.footer;
        }
    }
}

/// Up to `count` blocks, `first` (a block already read) leading.
fn read_window(blocks: &mut Blocks, first: Option<Block>, count: usize) -> io::Result<Vec<Block>> {
    let mut window: Vec<Block> = first.into_iter().collect();
    while window.len() < count {
        match blocks.next_block()? {
            Some(block) => window.push(block),
            None => break,
        }
    }
    Ok(window)
}

/// Each block of a window folded into a fresh state, in parallel, in
/// file order.
fn visit_window<S: Send>(
    window: &[Block],
    path: &Arc<Path>,
    shape: Shape,
    init: &(impl Fn() -> S + Sync),
    visit: &(impl Fn(&mut S, &Row<'_>) + Sync),
) -> io::Result<Vec<(S, BlockEnd)>> {
    window
        .par_iter()
        .map(|block| {
            let mut state = init();
            let end = read_block(block, path, shape, |row| visit(&mut state, row))?;
            Ok((state, end))
        })
        .collect()
}

/// What one block found besides its rows.
#[derive(Debug, Default, Clone, Copy)]
struct BlockEnd {
    open_quote: Option<Position>,
    footer: Option<Footer>,
}

impl BlockEnd {
    /// What two runs of blocks found.
    fn then(self, other: BlockEnd) -> BlockEnd {
        BlockEnd {
            open_quote: self.open_quote.or(other.open_quote),
            footer: self.footer.or(other.footer),
        }
    }
}

impl LeadsReader {
    /// Opens a file; `delimiter` `None` detects it from the header line.
    pub fn open(path: &Arc<Path>, delimiter: Option<u8>) -> io::Result<LeadsReader> {
        let text = utf16::open(File::open(path)?)?;
        LeadsReader::with_blocks(path, Blocks::new(text, delimiter))
    }

    /// Reads with small blocks (tests of block boundaries).
    pub fn with_block_size(path: &Arc<Path>, block_size: usize) -> io::Result<LeadsReader> {
        let text = utf16::open(File::open(path)?)?;
        LeadsReader::with_blocks(path, Blocks::with_block_size(text, None, block_size))
    }

    fn with_blocks(path: &Arc<Path>, mut blocks: Blocks) -> io::Result<LeadsReader> {
        let mut first = blocks.next_block()?;
        let delimiter = blocks.delimiter();
        let mut header = None;
        let mut header_line = 1;
        let mut header_spans = Vec::new();
        if let Some(block) = &mut first {
            let mut reader = reader(block.bytes(), delimiter);
            let mut record = ByteRecord::new();
            if reader
                .read_byte_record(&mut record)
                .map_err(io::Error::other)?
            {
                let row =
                    Row::new(&record, block.bytes(), block.first_line, path).delimited(delimiter);
                header_line = row.line();
                header_spans = (0..record.len())
                    .map(|index| row.cell_span(index))
                    .collect();
                block.start = usize::try_from(reader.position().byte()).unwrap_or(block.len);
                header = Some(record);
            } else {
                block.start = block.len;
            }
        }
        Ok(LeadsReader {
            path: path.clone(),
            blocks,
            first,
            delimiter,
            header,
            header_line,
            header_spans,
        })
    }

    /// How each block is read: the delimiter, and the header's width (a
    /// footer is told from rows by having fewer cells).
    fn shape(&self) -> Shape {
        Shape {
            delimiter: self.delimiter,
            width: self.header.as_ref().map_or(0, ByteRecord::len),
        }
    }

    /// Visits every row in file order on this thread.
    pub fn scan(mut self, mut visit: impl FnMut(&Row<'_>)) -> io::Result<ScanEnd> {
        let mut end = ScanEnd::default();
        let shape = self.shape();
        let mut next = self.first.take();
        while let Some(block) = next {
            end.add(read_block(&block, &self.path, shape, |row| visit(row))?);
            next = self.blocks.next_block()?;
        }
        Ok(end)
    }

    /// Visits every row, blocks in parallel, and hands each block's state
    /// to `emit` in file order as soon as the blocks before it are done: a
    /// window of a few blocks per thread is in memory, never the file's
    /// states, so output can stream in order. The next window is read
    /// while this one is visited: reading is serial, and was most of the
    /// time of a light visit such as `leads score`.
    pub fn par_scan_ordered<S, I, V, E>(self, init: I, visit: V, mut emit: E) -> io::Result<ScanEnd>
    where
        S: Send,
        I: Fn() -> S + Sync + Send,
        V: Fn(&mut S, &Row<'_>) + Sync + Send,
        E: FnMut(S) -> io::Result<()> + Send,
    {
        let shape = self.shape();
        let LeadsReader {
            path,
            mut blocks,
            first,
            ..
        } = self;
        let window = rayon::current_num_threads() * 2;
        let mut end = ScanEnd::default();
        let mut batch = read_window(&mut blocks, first, window)?;
        // Visited, waiting to be emitted while the next window is visited.
        let mut visited: Vec<(S, BlockEnd)> = Vec::new();
        while !batch.is_empty() || !visited.is_empty() {
            let read_next = || {
                if batch.is_empty() {
                    Ok(Vec::new())
                } else {
                    read_window(&mut blocks, None, window)
                }
            };
            let visit_batch = || visit_window(&batch, &path, shape, &init, &visit);
            let ((next, done), emitted) = rayon::join(
                || rayon::join(read_next, visit_batch),
                || -> io::Result<()> {
                    for (state, block_end) in visited.drain(..) {
                        end.add(block_end);
                        emit(state)?;
                    }
                    Ok(())
                },
            );
            emitted?;
            visited = done?;
            batch = next?;
        }
        Ok(end)
    }

    /// Visits every row, blocks in parallel: each block folds its rows
    /// into a fresh `init()` state. The states come back in file order.
    pub fn par_scan<S, I, V>(self, init: I, visit: V) -> io::Result<(Vec<S>, ScanEnd)>
    where
        S: Send,
        I: Fn() -> S + Sync + Send,
        V: Fn(&mut S, &Row<'_>) + Sync + Send,
    {
        let shape = self.shape();
        let LeadsReader {
            path,
            mut blocks,
            first,
            ..
        } = self;
        let rest = std::iter::from_fn(move || blocks.next_block().transpose());
        let mut done: Vec<(usize, S, BlockEnd)> = first
            .map(Ok)
            .into_iter()
            .chain(rest)
            .par_bridge()
            .map(|block| {
                let block = block?;
                let mut state = init();
                let end = read_block(&block, &path, shape, |row| visit(&mut state, row))?;
                Ok((block.index, state, end))
            })
            .collect::<io::Result<_>>()?;
        done.sort_by_key(|(index, ..)| *index);
        let mut end = ScanEnd::default();
        let states = done
            .into_iter()
            .map(|(_, state, block_end)| {
                end.add(block_end);
                state
            })
            .collect();
        Ok((states, end))
    }
}

impl LeadsReader {
    /// Like [`LeadsReader::par_scan`], but merges the states of finished
    /// blocks as it goes (in no particular order), so memory stays that of
    /// a few states whatever the file's size.
    pub fn par_reduce<S, I, V, M>(self, init: I, visit: V, merge: M) -> io::Result<(S, ScanEnd)>
    where
        S: Send,
        I: Fn() -> S + Sync + Send,
        V: Fn(&mut S, &Row<'_>) + Sync + Send,
        M: Fn(S, S) -> S + Sync + Send,
    {
        let shape = self.shape();
        let LeadsReader {
            path,
            mut blocks,
            first,
            ..
        } = self;
        let rest = std::iter::from_fn(move || blocks.next_block().transpose());
        let reduced = first
            .map(Ok)
            .into_iter()
            .chain(rest)
            .par_bridge()
            // One state per worker's run of blocks, not per block: a
            // state can be large (a report's periods × owners), and
            // making and merging one per megabyte cost a third of a run.
            .try_fold(
                || (init(), BlockEnd::default()),
                |(mut state, end), block| -> io::Result<(S, BlockEnd)> {
                    let block = block?;
                    let this = read_block(&block, &path, shape, |row| visit(&mut state, row))?;
                    Ok((state, end.then(this)))
                },
            )
            .try_reduce_with(|(a, end_a), (b, end_b)| Ok((merge(a, b), end_a.then(end_b))));
        match reduced {
            Some(result) => {
                let (state, block_end) = result?;
                let mut end = ScanEnd::default();
                end.add(block_end);
                Ok((state, end))
            }
            None => Ok((init(), ScanEnd::default())),
        }
    }
}

fn reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(READER_BUFFER)
        .from_reader(bytes)
}

#[derive(Debug, Clone, Copy)]
struct Shape {
    delimiter: u8,
    width: usize,
}

/// Reads the rows of one block; its unterminated quote and footer, if any.
///
/// In the file's last block, one-cell records are held back instead of
/// visited: if a record of more cells follows, they were ordinary rows and
/// are read again and visited (rare, and only those bytes); if none does,
/// they are the report footer. One pass, whatever the block's size.
fn read_block(
    block: &Block,
    path: &Arc<Path>,
    shape: Shape,
    mut visit: impl FnMut(&Row<'_>),
) -> io::Result<BlockEnd> {
    let bytes = block.bytes();
    let start = block.start.min(bytes.len());
    let data = &bytes[start..];
    let data_line = block.first_line + memchr::memchr_iter(b'\n', &bytes[..start]).count() as u64;
    let footer_possible = block.last && shape.width > 1;
    let mut reader = reader(data, shape.delimiter);
    let mut record = ByteRecord::new();
    // Where the held-back run starts (byte, line), and its length.
    let mut held: Option<(usize, u64, usize)> = None;
    while reader
        .read_byte_record(&mut record)
        .map_err(io::Error::other)?
    {
        let row = Row::new(&record, data, data_line, path).delimited(shape.delimiter);
        let at = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        if footer_possible && record.len() <= 1 {
            match &mut held {
                Some((.., count)) => *count += 1,
                None => held = Some((at, row.line(), 1)),
            }
            continue;
        }
        if let Some((from, ..)) = held.take() {
            replay(data, from..at, data_line, path, shape, &mut visit)?;
        }
        visit(&row);
    }
    let open_quote = block.open_quote.map(|quote| {
        let before = &bytes[..quote];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        Position {
            line: usize::try_from(block.first_line).unwrap_or(usize::MAX)
                + memchr::memchr_iter(b'\n', before).count(),
            column: before[line_start..]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count()
                + 1,
        }
    });
    Ok(BlockEnd {
        open_quote,
        footer: held.map(|(_, line, lines)| Footer { line, lines }),
    })
}

/// Visits the records of `data[range]`, held back as a possible footer.
fn replay(
    data: &[u8],
    range: std::ops::Range<usize>,
    data_line: u64,
    path: &Arc<Path>,
    shape: Shape,
    visit: &mut impl FnMut(&Row<'_>),
) -> io::Result<()> {
    let from = range.start.min(data.len());
    let to = range.end.clamp(from, data.len());
    let line = data_line + memchr::memchr_iter(b'\n', &data[..from]).count() as u64;
    let part = &data[from..to];
    let mut reader = reader(part, shape.delimiter);
    let mut record = ByteRecord::new();
    while reader
        .read_byte_record(&mut record)
        .map_err(io::Error::other)?
    {
        visit(&Row::new(&record, part, line, path).delimited(shape.delimiter));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn write(text: &[u8]) -> (tempfile::TempDir, Arc<Path>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("leads.csv");
        fs::write(&path, text).unwrap();
        (dir, Arc::from(path.as_path()))
    }

    /// Every row as `line: cells`, read sequentially and in parallel with
    /// tiny blocks; both must agree.
    fn read_all(text: &[u8], block_size: usize) -> (Option<Vec<String>>, Vec<String>, ScanEnd) {
        let (_dir, path) = write(text);
        let show = |row: &Row<'_>| {
            let cells: Vec<String> = row
                .record
                .iter()
                .map(|cell| String::from_utf8_lossy(cell).into_owned())
                .collect();
            format!("{}: {}", row.line(), cells.join("|"))
        };
        let reader = LeadsReader::with_block_size(&path, block_size).unwrap();
        let header = reader.header.as_ref().map(|record| {
            record
                .iter()
                .map(|cell| String::from_utf8_lossy(cell).into_owned())
                .collect()
        });
        let mut rows = Vec::new();
        let end = reader.scan(|row| rows.push(show(row))).unwrap();
        let reader = LeadsReader::with_block_size(&path, block_size).unwrap();
        let (states, par_end) = reader
            .par_scan(Vec::new, |rows: &mut Vec<String>, row| rows.push(show(row)))
            .unwrap();
        assert_eq!(states.concat(), rows, "parallel and sequential reads agree");
        let reader = LeadsReader::with_block_size(&path, block_size).unwrap();
        let mut emitted = Vec::new();
        let ordered_end = reader
            .par_scan_ordered(
                Vec::new,
                |rows: &mut Vec<String>, row| rows.push(show(row)),
                |block| {
                    emitted.extend(block);
                    Ok(())
                },
            )
            .unwrap();
        assert_eq!(
            emitted, rows,
            "an ordered parallel read emits in file order"
        );
        assert_eq!(ordered_end.unterminated_quote, end.unterminated_quote);
        let reader = LeadsReader::with_block_size(&path, block_size).unwrap();
        let (mut reduced, _) = reader
            .par_reduce(
                Vec::new,
                |rows: &mut Vec<String>, row| rows.push(show(row)),
                |mut a, b| {
                    a.extend(b);
                    a
                },
            )
            .unwrap();
        let mut sorted = rows.clone();
        sorted.sort();
        reduced.sort();
        assert_eq!(reduced, sorted, "a reduced read sees every row once");
        assert_eq!(par_end.unterminated_quote, end.unterminated_quote);
        assert_eq!(par_end.footer, end.footer);
        (header, rows, end)
    }

    #[test]
    fn rows_keep_physical_lines_across_blocks() {
        let text =
            b"\xEF\xBB\xBFid,note\r\n1,\"a, \"\"quoted\"\"\r\nnote\"\r\n\r\n2,plain\r\n3,\"x\"\r\n";
        for block_size in [4, 16, 1 << 20] {
            let (header, rows, end) = read_all(text, block_size);
            assert_eq!(header.unwrap(), ["id", "note"]);
            assert_eq!(
                rows,
                ["2: 1|a, \"quoted\"\r\nnote", "5: 2|plain", "6: 3|x"],
                "block size {block_size}"
            );
            assert!(end.unterminated_quote.is_none());
        }
    }

    #[test]
    fn empty_and_header_only_files() {
        let (header, rows, _) = read_all(b"", 8);
        assert!(header.is_none() && rows.is_empty());
        let (header, rows, _) = read_all(b"\xEF\xBB\xBF", 8);
        assert!(header.is_none() && rows.is_empty());
        let (header, rows, _) = read_all(b"id,owner", 8);
        assert_eq!(header.unwrap(), ["id", "owner"]);
        assert!(rows.is_empty());
    }

    #[test]
    fn a_report_footer_is_skipped_and_counted() {
        let text = b"id,a\n1,x\n\"lonely\"\n2,y\n\n\"Grand Totals (2 records)\"\n\"\"\n\"Copyright, Inc.\"\n";
        // The held-back `lonely` row is visited in its place.
        let (_, rows, end) = read_all(text, 1 << 20);
        assert_eq!(rows, ["2: 1|x", "3: lonely", "4: 2|y"]);
        assert_eq!(end.footer, Some(Footer { line: 6, lines: 3 }));
        let (_, rows, end) = read_all(b"id\n1\n2\n", 1 << 20);
        assert_eq!(rows, ["2: 1", "3: 2"], "one column: no footer");
        assert_eq!(end.footer, None);
    }

    #[test]
    fn ragged_rows_and_unterminated_quotes_are_read_not_fatal() {
        let (_, rows, end) = read_all(b"id,a,b\n1\n2,x,y,z\n3,\"open\nrest,of,file\n", 8);
        assert_eq!(rows, ["2: 1", "3: 2|x|y|z", "4: 3|open\nrest,of,file\n"]);
        assert_eq!(
            end.unterminated_quote,
            Some(Position { line: 4, column: 3 })
        );
    }
}
