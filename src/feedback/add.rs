//! Appending one row to a feedback file without touching the rows already
//! there. A new file appears whole (header and row) through an atomic
//! create; an existing file gets the row in the file's own column order and
//! line ending, written with one `O_APPEND` write, so two people adding at
//! the same moment both land and never interleave.

use std::fs::OpenOptions;
use std::io::{self, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::Path;

use csv::ByteRecord;

use super::{Column, Header};
use crate::write::csv_safe;

/// The cells of the row to add, by column; empty cells are left out.
#[derive(Debug, Clone, Default)]
pub struct NewRow {
    pub cells: Vec<(Column, String)>,
}

impl NewRow {
    pub fn set(&mut self, column: Column, value: impl Into<String>) {
        let value = value.into();
        if !value.is_empty() {
            self.cells.retain(|(c, _)| *c != column);
            self.cells.push((column, value));
        }
    }

    fn get(&self, column: Column) -> &str {
        self.cells
            .iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, value)| value.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("{path} has no `{column}` column; add it to the header, then run this again")]
    MissingColumn { path: String, column: &'static str },
    #[error("{path} has no header row")]
    NoHeader { path: String },
    #[error("cannot write {path}: {source}")]
    Io { path: String, source: io::Error },
}

/// What the append did.
#[derive(Debug, PartialEq, Eq)]
pub enum Added {
    /// The file was created with the header and the row.
    Created,
    Appended,
}

/// Appends `row` to the feedback file at `path`, creating it (with a
/// header of every column) when it does not exist.
pub fn append(path: &Path, shown: &str, row: &NewRow) -> Result<Added, AddError> {
    let io_error = |source| AddError::Io {
        path: shown.to_owned(),
        source,
    };
    if !path.exists() {
        let mut bytes = line(&Column::names(), b',', "\n");
        let cells: Vec<String> = Column::ALL.iter().map(|c| cell(row, *c)).collect();
        bytes.extend(line(&cells, b',', "\n"));
        match crate::write::atomic(path, &bytes, false) {
            Ok(()) => return Ok(Added::Created),
            // Someone else created it first: append to theirs.
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(io_error(error)),
        }
    }
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .open(path)
        .map_err(io_error)?;
    let layout = layout(&mut file).map_err(io_error)?;
    let Some(header) = layout.header else {
        return Err(AddError::NoHeader {
            path: shown.to_owned(),
        });
    };
    let columns = Header::new(&header);
    for (column, _) in &row.cells {
        if columns.get(*column).is_none() {
            return Err(AddError::MissingColumn {
                path: shown.to_owned(),
                column: column.name(),
            });
        }
    }
    let mut cells = vec![String::new(); header.len()];
    for column in Column::ALL {
        if let Some(slot) = columns.get(column).and_then(|at| cells.get_mut(at)) {
            *slot = cell(row, column);
        }
    }
    let mut bytes = Vec::new();
    if !layout.ends_with_newline {
        bytes.extend_from_slice(layout.newline.as_bytes());
    }
    bytes.extend(line(&cells, layout.delimiter, layout.newline));
    // One write of the whole row: with O_APPEND the kernel places it at
    // the end as one piece, whoever else is appending.
    file.write_all(&bytes).map_err(io_error)?;
    file.sync_all().map_err(io_error)?;
    Ok(Added::Appended)
}

/// A cell as written: spreadsheet-safe, since people open these files in
/// Excel.
fn cell(row: &NewRow, column: Column) -> String {
    csv_safe(row.get(column)).into_owned()
}

/// One CSV line, quoted where needed, ending with `newline`.
fn line<S: AsRef<str>>(cells: &[S], delimiter: u8, newline: &str) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let record: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
    // Writing to memory cannot fail.
    let bytes = match writer.write_record(&record) {
        Ok(()) => writer.into_inner().unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    let mut bytes = bytes
        .strip_suffix(b"\n")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    bytes.extend_from_slice(newline.as_bytes());
    bytes
}

struct Layout {
    header: Option<ByteRecord>,
    delimiter: u8,
    newline: &'static str,
    ends_with_newline: bool,
}

/// The header, the line ending the file uses, and whether it ends with
/// one.
fn layout(file: &mut std::fs::File) -> io::Result<Layout> {
    let mut start = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    (&mut *file).take(1 << 16).read_to_end(&mut start)?;
    if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the file is UTF-16 and rows are added as UTF-8; save it as UTF-8 first",
        ));
    }
    let text = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&start);
    let delimiter = crate::leads::blocks::detect_delimiter(text);
    let mut header = ByteRecord::new();
    let read = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text)
        .read_byte_record(&mut header)
        .unwrap_or(false);
    let newline = match memchr::memchr(b'\n', text) {
        Some(at) if at > 0 && text[at - 1] == b'\r' => "\r\n",
        _ => "\n",
    };
    let len = file.seek(SeekFrom::End(0))?;
    let ends_with_newline = if len == 0 {
        true
    } else {
        file.seek(SeekFrom::End(-1))?;
        let mut last = [0u8];
        file.read_exact(&mut last)?;
        last[0] == b'\n'
    };
    Ok(Layout {
        header: read.then_some(header),
        delimiter,
        newline,
        ends_with_newline,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> NewRow {
        let mut row = NewRow::default();
        row.set(Column::Date, "2026-11-23");
        row.set(Column::Kind, "objection");
        row.set(Column::Competitor, "legacyco");
        row.set(Column::Text, "They said \"cheaper\", twice\nand =SUM(A1)");
        row
    }

    #[test]
    fn a_new_file_gets_the_header_and_a_quoted_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026.csv");
        assert_eq!(append(&path, "2026.csv", &row()).unwrap(), Added::Created);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "date,from,kind,text,objection,competitor,requirement,segment,message,proof,collateral,account,lead\n\
             2026-11-23,,objection,\"They said \"\"cheaper\"\", twice\nand =SUM(A1)\",,legacyco,,,,,,,\n"
        );
    }

    #[test]
    fn existing_files_keep_their_bytes_order_and_line_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026.csv");
        let before = "\u{feff}text,Date,competitor,kind\r\nold,2026-01-01,,win";
        std::fs::write(&path, before).unwrap();
        let mut row = row();
        row.set(Column::Text, "=cheaper");
        assert_eq!(append(&path, "2026.csv", &row).unwrap(), Added::Appended);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            format!("{before}\r\n'=cheaper,2026-11-23,legacyco,objection\r\n")
        );
    }

    #[test]
    fn rows_use_the_file_s_delimiter_and_utf16_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026.csv");
        std::fs::write(&path, "date;kind;text;competitor\n").unwrap();
        append(&path, "2026.csv", &row()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with(";legacyco\n"), "{text}");
        assert!(text.contains("2026-11-23;objection;\"They said"), "{text}");
        std::fs::write(&path, b"\xFF\xFEd\x00a\x00").unwrap();
        let error = append(&path, "2026.csv", &row()).unwrap_err();
        assert!(error.to_string().contains("UTF-16"), "{error}");
    }

    #[test]
    fn a_missing_column_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026.csv");
        std::fs::write(&path, "date,kind,text\n").unwrap();
        let error = append(&path, "feedback/2026.csv", &row()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "feedback/2026.csv has no `competitor` column; add it to the header, then run this again"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "date,kind,text\n");
    }
}
