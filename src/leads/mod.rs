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

use std::path::Path;
use std::sync::Arc;

use csv::ByteRecord;

pub use evaluate::{Agreement, FileRules, OpenLead, RowProblem};
pub use row::Row;
pub use scan::{LeadsReader, ScanEnd};

use crate::criteria::number::trim;
use crate::workspace::Workspace;
use crate::workspace::settings::{LEAD_COLUMNS, LeadsSettings};

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
}

/// Every `leads/*.csv` file, sorted by name.
pub fn files(workspace: &Workspace) -> Vec<LeadsFile> {
    workspace
        .files(&workspace.settings.paths.leads, "csv")
        .into_iter()
        .map(|path| LeadsFile {
            relative: workspace.relative(&path),
            path: Arc::from(path.as_path()),
        })
        .collect()
}

/// Where each column is in one file's header. Header names compare
/// trimmed and case-insensitively; a canonical column is found under its
/// mapped name first (`[leads.columns]`), then under its own name.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The header cells, trimmed.
    pub headers: Vec<String>,
    canonical: [Option<usize>; LEAD_COLUMNS.len()],
    /// Canonical columns whose mapped header is in neither form here.
    pub missing_mapped: Vec<(usize, String)>,
}

impl Columns {
    pub fn new(header: &ByteRecord, settings: &LeadsSettings) -> Columns {
        let headers: Vec<String> = header
            .iter()
            .map(|cell| String::from_utf8_lossy(trim(cell)).into_owned())
            .collect();
        let find = |name: &str| {
            headers
                .iter()
                .position(|header| header.to_lowercase() == name.trim().to_lowercase())
        };
        let mut canonical = [None; LEAD_COLUMNS.len()];
        let mut missing_mapped = Vec::new();
        for (index, name) in LEAD_COLUMNS.iter().enumerate() {
            let mapped = settings
                .columns
                .iter()
                .find(|(column, _)| column == name)
                .map(|(_, header)| header.value.clone());
            canonical[index] = match &mapped {
                Some(header) => find(header).or_else(|| find(name)),
                None => find(name),
            };
            if let (Some(header), None) = (mapped, canonical[index]) {
                missing_mapped.push((index, header));
            }
        }
        Columns {
            headers,
            canonical,
            missing_mapped,
        }
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
pub fn known_columns<'a>(
    settings: &LeadsSettings,
    columns: impl IntoIterator<Item = &'a Columns>,
) -> Vec<String> {
    let mut known: Vec<String> = LEAD_COLUMNS.iter().map(|name| (*name).to_owned()).collect();
    known.extend(
        settings
            .columns
            .iter()
            .map(|(_, header)| header.value.clone()),
    );
    for columns in columns {
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
    use crate::syntax::Spanned;

    fn settings(columns: &[(&str, &str)]) -> LeadsSettings {
        LeadsSettings {
            columns: columns
                .iter()
                .map(|(canonical, header)| {
                    (
                        (*canonical).to_owned(),
                        Spanned::new((*header).to_owned(), 0..0),
                    )
                })
                .collect(),
            ..LeadsSettings::default()
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
            [(canonical::TIER, "Rating".to_owned())]
        );
        assert_eq!(columns.index("owner"), Some(1));
        assert_eq!(columns.index("Pages_Viewed"), Some(4));
        assert_eq!(columns.index("Lead Owner"), Some(1));
        assert_eq!(columns.index("industry"), None);
        assert_eq!(columns.width(), 5);
        let known = known_columns(&settings(&[("owner", "Lead Owner")]), [&columns]);
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
