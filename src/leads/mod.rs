//! Leads (`leads/*.csv`) as CRMs export them: one header row, one lead per
//! row, RFC 4180 quoting (multi-line cells included), a byte-order mark and
//! CRLF line ends accepted, CRM column names mapped to the canonical ones by
//! `[leads.columns]`, and every other column kept for criteria rules.
//!
//! Files are streamed in blocks of whole records ([`blocks`]), parsed in
//! parallel ([`scan`]), and each lead is judged against the criteria and the
//! SLA clock ([`evaluate`]) without allocating unless it is a result.

pub mod blocks;
pub mod evaluate;
pub mod row;
pub mod scan;
pub mod utf16;

use std::path::Path;
use std::sync::Arc;

use csv::ByteRecord;

pub use evaluate::{Agreement, FileRules, OpenLead, RowProblem};
pub use row::Row;
pub use scan::{Footer, LeadsReader, ScanEnd};

use crate::criteria::number::trim;
use crate::workspace::Workspace;
use crate::workspace::leads_import::{Import, ValueMap};
use crate::workspace::settings::LEAD_COLUMNS;

/// Indices of the canonical columns in [`LEAD_COLUMNS`].
pub mod canonical {
    pub const ID: usize = 0;
    pub const CREATED_AT: usize = 1;
    pub const SOURCE: usize = 2;
    pub const EMPLOYEES: usize = 7;
    pub const TIER: usize = 9;
    pub const STAGE: usize = 10;
    pub const OWNER: usize = 11;
    pub const ASSIGNED_AT: usize = 12;
    pub const FIRST_TOUCH_AT: usize = 13;
    pub const STATUS: usize = 14;
    pub const CLOSED_AT: usize = 15;
    pub const OUTCOME: usize = 16;
    pub const AMOUNT: usize = 17;
    /// The canonical columns read as timestamps.
    pub const TIMESTAMPS: [usize; 4] = [CREATED_AT, ASSIGNED_AT, FIRST_TOUCH_AT, CLOSED_AT];
    /// The canonical columns read as numbers.
    pub const NUMBERS: [usize; 2] = [EMPLOYEES, AMOUNT];
}

/// A leads file of the workspace.
#[derive(Debug, Clone)]
pub struct LeadsFile {
    pub path: Arc<Path>,
    /// Relative to the workspace root, with `/` separators.
    pub relative: String,
    /// How it is read: preset, columns, formats, delimiter, value maps.
    pub import: Import,
}

impl LeadsFile {
    pub fn open(&self) -> std::io::Result<LeadsReader> {
        LeadsReader::open(&self.path, self.import.delimiter)
    }
}

/// Every regular `leads/*.csv` file, sorted by name.
pub fn files(workspace: &Workspace) -> Vec<LeadsFile> {
    let leads = &workspace.settings.leads;
    workspace
        .files(&workspace.settings.paths.leads, "csv")
        .into_iter()
        .filter(|path| path.metadata().is_ok_and(|meta| meta.is_file()))
        .map(|path| {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            LeadsFile {
                relative: workspace.relative(&path),
                import: leads.import_for(&name),
                path: Arc::from(path.as_path()),
            }
        })
        .collect()
}

/// `leads/*.csv` entries that are not regular files (a FIFO, a device, a
/// broken link): never opened, since reading one could block forever.
pub fn skipped(workspace: &Workspace) -> Vec<std::path::PathBuf> {
    workspace
        .files(&workspace.settings.paths.leads, "csv")
        .into_iter()
        .filter(|path| !path.metadata().is_ok_and(|meta| meta.is_file()))
        .collect()
}

/// Where each column is in one file's header. Header names compare
/// trimmed and case-insensitively; a canonical column is found under its
/// mapped names first (`columns`, or the preset's), then under its own.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The header cells, trimmed.
    pub headers: Vec<String>,
    canonical: [Option<usize>; LEAD_COLUMNS.len()],
    /// Canonical columns whose header, as `align.toml` maps it, is in
    /// neither form here: the column, the header, where it is mapped.
    pub missing_mapped: Vec<(usize, String, std::ops::Range<usize>)>,
    /// The headers `align.toml` maps, found or not (rules may name them).
    pub mapped_names: Vec<String>,
    /// `values` maps by column index.
    values: Vec<(usize, ValueMap)>,
}

impl Columns {
    pub fn new(header: &ByteRecord, import: &Import) -> Columns {
        let headers: Vec<String> = header
            .iter()
            .map(|cell| String::from_utf8_lossy(trim(cell)).into_owned())
            .collect();
        let lowered: Vec<String> = headers.iter().map(|header| header.to_lowercase()).collect();
        let find = |name: &str| {
            let name = name.trim().to_lowercase();
            lowered.iter().position(|header| *header == name)
        };
        let mut canonical = [None; LEAD_COLUMNS.len()];
        let mut missing_mapped = Vec::new();
        let mut mapped_names = Vec::new();
        for (index, name) in LEAD_COLUMNS.iter().enumerate() {
            let mapped = import.columns.iter().find(|(column, ..)| column == name);
            let found = mapped.and_then(|(_, headers, _)| headers.iter().find_map(|h| find(h)));
            canonical[index] = found.or_else(|| find(name));
            if let Some((_, headers, Some(span))) = mapped {
                mapped_names.extend(headers.iter().cloned());
                if canonical[index].is_none() {
                    let header = headers.first().cloned().unwrap_or_default();
                    missing_mapped.push((index, header, span.clone()));
                }
            }
        }
        let mut columns = Columns {
            headers,
            canonical,
            missing_mapped,
            mapped_names,
            values: Vec::new(),
        };
        for map in &import.values {
            if let Some(index) = columns.index(&map.column) {
                columns.values.retain(|(known, _)| *known != index);
                columns.values.push((index, map.clone()));
            }
        }
        columns
    }

    /// The value map of a column, if `values` names one.
    pub fn value_map(&self, index: usize) -> Option<&ValueMap> {
        self.values
            .iter()
            .find(|(column, _)| *column == index)
            .map(|(_, map)| map)
    }

    /// Whether any column has a value map.
    pub fn has_value_maps(&self) -> bool {
        !self.values.is_empty()
    }

    /// The index of a canonical column (see [`canonical`]).
    pub fn get(&self, canonical: usize) -> Option<usize> {
        self.canonical.get(canonical).copied().flatten()
    }

    /// The index of a column a rule names: a canonical name, else a header.
    pub fn index(&self, field: &str) -> Option<usize> {
        match LEAD_COLUMNS.iter().position(|name| *name == field) {
            Some(canonical) => self.get(canonical),
            None => {
                let field = field.trim().to_lowercase();
                self.headers
                    .iter()
                    .position(|header| header.to_lowercase() == field)
            }
        }
    }

    /// The number of columns of the header.
    pub fn width(&self) -> usize {
        self.headers.len()
    }
}

/// The column names criteria rules may use: canonical names, mapped
/// headers and the headers of `columns`, each once.
pub fn known_columns<'a>(columns: impl IntoIterator<Item = &'a Columns>) -> Vec<String> {
    let mut known: Vec<String> = LEAD_COLUMNS.iter().map(|name| (*name).to_owned()).collect();
    for columns in columns {
        known.extend(columns.mapped_names.iter().cloned());
        known.extend(columns.headers.iter().cloned());
    }
    let mut seen = std::collections::HashSet::new();
    known.retain(|name| !name.is_empty() && seen.insert(name.to_lowercase()));
    known
}

/// Whether a name is one of `known`, as header names compare.
pub fn is_known_column(known: &[String], name: &str) -> bool {
    let name = name.trim().to_lowercase();
    known.iter().any(|known| known.to_lowercase() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(columns: &[(&str, &str)]) -> Import {
        Import {
            columns: columns
                .iter()
                .map(|(canonical, header)| {
                    (
                        (*canonical).to_owned(),
                        vec![(*header).to_owned()],
                        Some(0..0),
                    )
                })
                .collect(),
            ..Import::default()
        }
    }

    #[test]
    fn canonical_columns_are_found_by_mapped_or_own_name() {
        let header = ByteRecord::from(vec![
            " ID ",
            "Lead Owner",
            "owner",
            "Date Assigned",
            "pages_viewed",
        ]);
        let columns = Columns::new(
            &header,
            &settings(&[
                ("owner", "lead owner"),
                ("assigned_at", "Date Assigned"),
                ("tier", "Rating"),
            ]),
        );
        assert_eq!(columns.get(canonical::ID), Some(0));
        assert_eq!(
            columns.get(canonical::OWNER),
            Some(1),
            "the mapped name wins"
        );
        assert_eq!(columns.get(canonical::ASSIGNED_AT), Some(3));
        assert_eq!(columns.get(canonical::TIER), None);
        assert_eq!(
            columns.missing_mapped,
            [(canonical::TIER, "Rating".to_owned(), 0..0)]
        );
        assert_eq!(columns.index("owner"), Some(1));
        assert_eq!(columns.index("Pages_Viewed"), Some(4));
        assert_eq!(columns.index("Lead Owner"), Some(1));
        assert_eq!(columns.index("industry"), None);
        assert_eq!(columns.width(), 5);
        let known = known_columns([&columns]);
        assert!(is_known_column(&known, "PAGES_VIEWED"));
        assert!(is_known_column(&known, "industry"));
        assert!(!is_known_column(&known, "industy"));
        assert_eq!(
            known
                .iter()
                .filter(|k| k.eq_ignore_ascii_case("lead owner"))
                .count(),
            1
        );
    }
}
