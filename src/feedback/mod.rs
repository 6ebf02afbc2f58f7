//! Feedback from the field (`feedback/*.csv`): one row per thing heard or
//! asked in a deal, each dated and naming the map entries, collateral,
//! accounts and leads it concerns. Files are read with the leads machinery
//! ([`crate::leads::LeadsReader`]): a BOM, CRLF line ends and RFC 4180
//! quoting are accepted and every cell knows its line and column.

pub mod add;
pub mod cells;
pub mod field;

use std::path::Path;
use std::sync::Arc;

use csv::ByteRecord;

use crate::leads::Row;
use crate::map::EntryKind;
use crate::workspace::Workspace;

/// What a row records.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Objection,
    Question,
    Win,
    Loss,
    ContentRequest,
    MissingProof,
    Praise,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Objection,
        Kind::Question,
        Kind::Win,
        Kind::Loss,
        Kind::ContentRequest,
        Kind::MissingProof,
        Kind::Praise,
    ];

    /// The names a `kind` cell may hold, in [`Kind::ALL`] order.
    pub const NAMES: [&'static str; 7] = [
        "objection",
        "question",
        "win",
        "loss",
        "content-request",
        "missing-proof",
        "praise",
    ];

    pub fn name(self) -> &'static str {
        Kind::NAMES[self as usize]
    }

    pub fn parse(text: &str) -> Option<Kind> {
        let index = Kind::NAMES
            .iter()
            .position(|name| name.eq_ignore_ascii_case(text.trim()))?;
        Kind::ALL.get(index).copied()
    }

    /// Whether a row of this kind raises something sales needs an answer
    /// to. Wins and praise are good news, never a gap.
    pub fn raises(self) -> bool {
        !matches!(self, Kind::Win | Kind::Praise)
    }
}

/// A column the SPEC names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Date,
    From,
    Kind,
    Text,
    Objection,
    Competitor,
    Requirement,
    Segment,
    Message,
    Proof,
    Collateral,
    Account,
    Lead,
}

impl Column {
    /// In the order `align feedback add` writes them.
    pub const ALL: [Column; 13] = [
        Column::Date,
        Column::From,
        Column::Kind,
        Column::Text,
        Column::Objection,
        Column::Competitor,
        Column::Requirement,
        Column::Segment,
        Column::Message,
        Column::Proof,
        Column::Collateral,
        Column::Account,
        Column::Lead,
    ];

    /// The columns that hold an id of something the workspace defines.
    pub const IDS: [Column; 9] = [
        Column::Objection,
        Column::Competitor,
        Column::Requirement,
        Column::Segment,
        Column::Message,
        Column::Proof,
        Column::Collateral,
        Column::Account,
        Column::Lead,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::Date => "date",
            Column::From => "from",
            Column::Kind => "kind",
            Column::Text => "text",
            Column::Objection => "objection",
            Column::Competitor => "competitor",
            Column::Requirement => "requirement",
            Column::Segment => "segment",
            Column::Message => "message",
            Column::Proof => "proof",
            Column::Collateral => "collateral",
            Column::Account => "account",
            Column::Lead => "lead",
        }
    }

    /// The map kind of an id column, where the id is a map entry's.
    pub fn map_kind(self) -> Option<EntryKind> {
        match self {
            Column::Objection => Some(EntryKind::Objection),
            Column::Competitor => Some(EntryKind::Competitor),
            Column::Requirement => Some(EntryKind::Requirement),
            Column::Segment => Some(EntryKind::Segment),
            Column::Message => Some(EntryKind::Message),
            Column::Proof => Some(EntryKind::Proof),
            _ => None,
        }
    }

    pub fn names() -> Vec<&'static str> {
        Column::ALL.iter().map(|column| column.name()).collect()
    }
}

/// Where each column is in one file's header (names compare trimmed and
/// case-insensitively; the first of two equal names wins).
#[derive(Debug, Clone)]
pub struct Header {
    index: [Option<usize>; Column::ALL.len()],
    /// Header cells that name no column: (position in the header, text).
    pub unknown: Vec<(usize, String)>,
    /// Header cells that repeat an earlier column: (position, text).
    pub repeated: Vec<(usize, String)>,
    /// The number of header cells.
    pub width: usize,
}

impl Header {
    pub fn new(record: &ByteRecord) -> Header {
        debug_assert!(
            Column::ALL
                .iter()
                .enumerate()
                .all(|(i, c)| *c as usize == i)
        );
        let mut index = [None; Column::ALL.len()];
        let mut unknown = Vec::new();
        let mut repeated = Vec::new();
        for (at, cell) in record.iter().enumerate() {
            let name = String::from_utf8_lossy(cell.trim_ascii()).into_owned();
            match Column::ALL
                .iter()
                .position(|column| column.name().eq_ignore_ascii_case(&name))
            {
                Some(slot) if index[slot].is_some() => repeated.push((at, name)),
                Some(slot) => index[slot] = Some(at),
                None => unknown.push((at, name)),
            }
        }
        Header {
            index,
            unknown,
            repeated,
            width: record.len(),
        }
    }

    /// The position of a column in the file's rows.
    pub fn get(&self, column: Column) -> Option<usize> {
        // `Column::ALL` lists the columns in declaration order.
        self.index.get(column as usize).copied().flatten()
    }

    /// A row's cell of a column, trimmed; empty when the file lacks it.
    pub fn cell<'r>(&self, row: &Row<'r>, column: Column) -> &'r [u8] {
        row.get(self.get(column)).trim_ascii()
    }
}

/// A feedback file of the workspace.
#[derive(Debug, Clone)]
pub struct FeedbackFile {
    pub path: Arc<Path>,
    /// Relative to the workspace root, with `/` separators.
    pub relative: String,
}

/// Every regular `feedback/*.csv` file, sorted by name (a FIFO would
/// block the reader).
pub fn files(workspace: &Workspace) -> Vec<FeedbackFile> {
    workspace
        .files(&workspace.settings.paths.feedback, "csv")
        .into_iter()
        .filter(|path| path.metadata().is_ok_and(|meta| meta.is_file()))
        .map(|path| FeedbackFile {
            relative: workspace.relative(&path),
            path: Arc::from(path.as_path()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_case_insensitively() {
        assert_eq!(Kind::parse(" Content-Request "), Some(Kind::ContentRequest));
        assert_eq!(Kind::parse("praise"), Some(Kind::Praise));
        assert_eq!(Kind::parse("complaint"), None);
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.name()), Some(kind));
        }
        assert!(Kind::Loss.raises() && !Kind::Win.raises() && !Kind::Praise.raises());
    }

    #[test]
    fn headers_find_columns_and_name_the_rest() {
        let header = Header::new(&ByteRecord::from(vec![
            " Date ",
            "KIND",
            "competitr",
            "kind",
            "text",
        ]));
        assert_eq!(header.get(Column::Date), Some(0));
        assert_eq!(header.get(Column::Kind), Some(1), "the first wins");
        assert_eq!(header.get(Column::Text), Some(4));
        assert_eq!(header.get(Column::Competitor), None);
        assert_eq!(header.unknown, [(2, "competitr".to_owned())]);
        assert_eq!(header.repeated, [(3, "kind".to_owned())]);
        assert_eq!(header.width, 5);
    }
}
