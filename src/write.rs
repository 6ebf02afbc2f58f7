//! Writing what align produces without losing anything: files replaced
//! atomically, and CSV cells a spreadsheet will not run as formulas.

use std::borrow::Cow;
use std::io::{self, Write as _};
use std::path::Path;

/// A CSV cell that a spreadsheet will not run as a formula: a leading `=`,
/// `+`, `-`, `@` (or tab / carriage return) gets a `'` in front.
pub fn csv_safe(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// A cell of a CSV align writes: text read from the user's files, which
/// [`csv_safe`] guards, or a number align computed, written as is so a
/// spreadsheet reads it as a number (a score of `-20`, not `'-20`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvCell {
    Text(String),
    Number(String),
}

impl CsvCell {
    pub fn number(value: impl std::fmt::Display) -> CsvCell {
        CsvCell::Number(value.to_string())
    }

    /// The cell as a CSV field: text guarded, numbers as they are.
    pub fn field(&self) -> Cow<'_, str> {
        match self {
            CsvCell::Text(text) => csv_safe(text),
            CsvCell::Number(number) => Cow::Borrowed(number),
        }
    }

    /// The cell as a table shows it.
    pub fn shown(&self) -> &str {
        match self {
            CsvCell::Text(text) | CsvCell::Number(text) => text,
        }
    }
}

impl From<String> for CsvCell {
    fn from(text: String) -> CsvCell {
        CsvCell::Text(text)
    }
}

/// What a file that is not a regular file is, for messages: `a FIFO`,
/// `a directory`…
pub fn describe_file_type(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, then a rename, so readers see the old file or the whole new
/// one, never half of it. Without `replace`, an existing file is an error
/// (`AlreadyExists`), checked at the rename itself so no race can clobber
/// one. Anything at `path` that is not a regular file (a FIFO, a device,
/// a directory) is never replaced, even with `replace` (`InvalidInput`).
pub fn atomic(path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".align-").suffix(".tmp");
    let existing = std::fs::metadata(path);
    if let Ok(existing) = &existing {
        if !existing.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "it is {}, not a regular file, so it is not replaced",
                    describe_file_type(&existing.file_type())
                ),
            ));
        }
    }
    match existing {
        // A replaced file keeps its mode.
        Ok(existing) if replace => {
            builder.permissions(existing.permissions());
        }
        _ => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                // Readable like any file the user writes (the umask still
                // applies), not the private mode temporary files get.
                builder.permissions(std::fs::Permissions::from_mode(0o644));
            }
        }
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    persisted.map(drop).map_err(|error| error.error)
}

/// Appends one whole `record` to the CSV file at `path` in a single write
/// in append mode, so records appended at the same time never interleave
/// and the bytes already there are never rewritten. A missing file is
/// created atomically with `header` first (its folder too); a last line
/// without a line end gets one, so the record starts a line of its own.
pub fn append_record(path: &Path, header: &[u8], record: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    match atomic(path, &[header, record].concat(), false) {
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
        created => return created,
    }
    let existing = std::fs::metadata(path)?;
    if !existing.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a regular file", path.display()),
        ));
    }
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .read(true)
        .open(path)?;
    let mut bytes = Vec::with_capacity(record.len() + 1);
    if ends_without_newline(&mut file, existing.len())? {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(record);
    file.write_all(&bytes)?;
    file.sync_all()
}

fn ends_without_newline(file: &mut std::fs::File, len: u64) -> io::Result<bool> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    if len == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_refuse_to_replace_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.md");
        atomic(&path, b"one", false).unwrap();
        let error = atomic(&path, b"two", false).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        atomic(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let error = atomic(&fifo, b"x", true).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(
            error.to_string(),
            "it is a FIFO (named pipe), not a regular file, so it is not replaced"
        );
        use std::os::unix::fs::FileTypeExt as _;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        let error = atomic(dir.path(), b"x", true).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_missing_directory_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/draft.md");
        let error = atomic(&path, b"x", false).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(!dir.path().join("missing").exists());
    }

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_safe("-5"), "'-5");
        assert_eq!(csv_safe("@x"), "'@x");
        assert_eq!(csv_safe("+1"), "'+1");
        assert_eq!(csv_safe("acme"), "acme");
        assert_eq!(csv_safe(""), "");
    }

    #[test]
    fn numbers_align_computed_are_not_guarded() {
        assert_eq!(CsvCell::number(-20).field(), "-20");
        assert_eq!(CsvCell::from("-20".to_owned()).field(), "'-20");
        assert_eq!(CsvCell::number(-20).shown(), "-20");
    }

    #[test]
    fn appended_records_keep_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("coaching/results.csv");
        append_record(&path, b"a,b\n", b"1,2\n").unwrap();
        append_record(&path, b"a,b\n", b"3,4\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n1,2\n3,4\n");
        std::fs::write(&path, b"a,b\n1,2").unwrap();
        append_record(&path, b"a,b\n", b"5,6\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n1,2\n5,6\n");
    }

    #[test]
    fn records_are_not_appended_to_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let error = append_record(dir.path(), b"h\n", b"r\n").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
    }
}
