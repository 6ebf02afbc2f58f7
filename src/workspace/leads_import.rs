//! How a leads export is read: `preset`, `columns`, `timestamp_formats`,
//! `delimiter` and `values`, set in `[leads]` and per file in
//! `[leads.files."GLOB"]` (the first matching glob wins; its keys override
//! `[leads]`, whose keys override the preset), and `[leads.owners]`.

use std::ops::Range;
use std::sync::Arc;

use globset::{GlobBuilder, GlobMatcher};

use super::presets::{PRESET_NAMES, Preset};
use super::settings::{LEAD_COLUMNS, with_nested};
use crate::clock::{TimestampFormat, ambiguous_pair};
use crate::codes::files::AL004;
use crate::syntax::{Fields, Kind, Spanned, Value};

/// The import keys of one table: `[leads]` or one `[leads.files."GLOB"]`.
#[derive(Debug, Clone, Default)]
pub struct ImportKeys {
    pub preset: Option<Preset>,
    /// Canonical column name → the header the export uses.
    pub columns: Vec<(String, Spanned<String>)>,
    pub timestamp_formats: Option<Arc<[TimestampFormat]>>,
    pub delimiter: Option<u8>,
    pub values: Vec<ValueMap>,
}

/// `[leads.values.COLUMN]`: cell text (trimmed, any case) → the value used.
#[derive(Debug, Clone)]
pub struct ValueMap {
    /// A canonical column or a header, as written.
    pub column: String,
    pub entries: Vec<(String, String)>,
}

impl ValueMap {
    /// The value a cell maps to, if the map names it.
    pub fn get(&self, cell: &[u8]) -> Option<&str> {
        let cell = cell.trim_ascii();
        self.entries
            .iter()
            .find(|(from, _)| from.as_bytes().eq_ignore_ascii_case(cell))
            .map(|(_, to)| to.as_str())
    }
}

/// One `[leads.files."GLOB"]` table.
#[derive(Debug, Clone)]
pub struct FileKeys {
    pub glob: String,
    pub glob_span: Range<usize>,
    pub matcher: GlobMatcher,
    pub keys: ImportKeys,
}

/// The import settings in force for one leads file.
#[derive(Debug, Clone, Default)]
pub struct Import {
    pub preset: Option<Preset>,
    /// Canonical column → headers to look for (first found wins), and
    /// where `align.toml` wrote it (`None` for a preset's).
    pub columns: Vec<(String, Vec<String>, Option<Range<usize>>)>,
    pub timestamp_formats: Arc<[TimestampFormat]>,
    /// `None`: detected from the header line.
    pub delimiter: Option<u8>,
    pub values: Vec<ValueMap>,
}

impl Import {
    /// Resolves `[leads]` and the first matching file table for a file.
    pub fn resolve(leads: &ImportKeys, file: Option<&ImportKeys>) -> Import {
        let preset = file.and_then(|keys| keys.preset).or(leads.preset);
        let mut columns: Vec<(String, Vec<String>, Option<Range<usize>>)> = preset
            .map(|preset| {
                preset
                    .columns()
                    .iter()
                    .map(|(canonical, headers)| {
                        let headers = headers.iter().map(|h| (*h).to_owned()).collect();
                        ((*canonical).to_owned(), headers, None)
                    })
                    .collect()
            })
            .unwrap_or_default();
        for keys in std::iter::once(leads).chain(file) {
            for (canonical, header) in &keys.columns {
                columns.retain(|(name, ..)| name != canonical);
                columns.push((
                    canonical.clone(),
                    vec![header.value.clone()],
                    Some(header.span.clone()),
                ));
            }
        }
        let timestamp_formats = file
            .and_then(|keys| keys.timestamp_formats.clone())
            .or_else(|| leads.timestamp_formats.clone())
            .unwrap_or_else(|| {
                preset
                    .map(|preset| {
                        preset
                            .timestamp_formats()
                            .iter()
                            .filter_map(|text| TimestampFormat::compile(text).ok())
                            .collect()
                    })
                    .unwrap_or_default()
            });
        let mut values = leads.values.clone();
        for map in file.map(|keys| keys.values.as_slice()).unwrap_or_default() {
            values.retain(|known| !known.column.eq_ignore_ascii_case(&map.column));
            values.push(map.clone());
        }
        Import {
            preset,
            columns,
            timestamp_formats,
            delimiter: file.and_then(|keys| keys.delimiter).or(leads.delimiter),
            values,
        }
    }
}

/// Reads the import keys of `[leads]` or of one file table (`owners` and
/// `files` are read by the caller, for `[leads]` only).
pub(super) fn read_import_keys(fields: &mut Fields<'_>) -> ImportKeys {
    let mut keys = ImportKeys::default();
    if let Some(name) = fields.string("preset") {
        match Preset::named(&name.value) {
            Some(preset) => keys.preset = Some(preset),
            None => {
                fields
                    .problem(
                        &AL004,
                        name.span,
                        format!("unknown preset `{}`", name.value),
                    )
                    .help = Some(format!("presets: {}", PRESET_NAMES.join(", ")));
            }
        }
    }
    if let Some(value) = fields.value("columns") {
        let columns = with_nested(fields, value, "`columns`", |columns| {
            LEAD_COLUMNS
                .iter()
                .filter_map(|canonical| {
                    columns
                        .string(canonical)
                        .map(|header| ((*canonical).to_owned(), header))
                })
                .collect()
        });
        keys.columns = columns.unwrap_or_default();
    }
    if fields.value("timestamp_formats").is_some() {
        keys.timestamp_formats = Some(read_formats(fields));
    }
    if let Some(text) = fields.string("delimiter") {
        keys.delimiter = delimiter(&text, fields);
    }
    if let Some((table, _)) = fields.table("values") {
        for entry in &table.entries {
            let what = format!("`values.{}`", entry.key);
            let map = with_nested(fields, &entry.value, &what, |map| string_pairs(map, &what));
            if let Some(entries) = map {
                keys.values.push(ValueMap {
                    column: entry.key.trim().to_owned(),
                    entries: entries
                        .into_iter()
                        .map(|(from, to)| (from.value.trim().to_owned(), to.value))
                        .collect(),
                });
            }
        }
    }
    keys
}

fn read_formats(fields: &mut Fields<'_>) -> Arc<[TimestampFormat]> {
    let texts = fields.strings("timestamp_formats");
    let mut formats = Vec::new();
    let mut spans = Vec::new();
    for text in texts {
        match TimestampFormat::compile(&text.value) {
            Ok(format) => {
                formats.push(format);
                spans.push(text.span);
            }
            Err(error) => {
                fields
                    .problem(
                        &AL004,
                        text.span,
                        format!("invalid timestamp format `{}`: {error}", text.value),
                    )
                    .help =
                    Some("write a strftime-style format such as `%m/%d/%Y %I:%M %p`".into());
            }
        }
    }
    if let Some((first, second)) = ambiguous_pair(&formats) {
        let at = formats
            .iter()
            .position(|format| format.text == second)
            .and_then(|index| spans.get(index).cloned())
            .unwrap_or_else(|| fields.span());
        fields
            .problem(
                &AL004,
                at,
                format!(
                    "`{first}` and `{second}` read a date such as 03/04/2026 as two different days"
                ),
            )
            .help =
            Some("keep the one order your CRM writes; align never guesses day/month order".into());
        return Arc::from([]);
    }
    formats.into()
}

fn delimiter(text: &Spanned<String>, fields: &mut Fields<'_>) -> Option<u8> {
    match text.value.as_bytes() {
        [byte] if !matches!(byte, b'"' | b'\r' | b'\n') => Some(*byte),
        _ if text.value == "\\t" || text.value.eq_ignore_ascii_case("tab") => Some(b'\t'),
        _ => {
            fields
                .problem(
                    &AL004,
                    text.span.clone(),
                    format!("invalid delimiter `{}`", text.value.escape_debug()),
                )
                .help = Some(
                "use one character such as \",\", \";\", \"|\" or \"\\t\" (tab), or leave it out to detect it".into(),
            );
            None
        }
    }
}

/// A table of string values, read as pairs.
fn string_pairs(map: &mut Fields<'_>, what: &str) -> Vec<(Spanned<String>, Spanned<String>)> {
    let table = map.table_itself();
    let mut pairs = Vec::new();
    for entry in &table.entries {
        match &entry.value.kind {
            Kind::String(to) => pairs.push((
                Spanned::new(entry.key.clone(), entry.key_span.clone()),
                Spanned::new(to.clone(), entry.value.span.clone()),
            )),
            other => {
                let message = format!(
                    "{what}: `{}` must map to a string, found {}",
                    entry.key,
                    other.describe()
                );
                map.problem(&AL004, entry.value.span.clone(), message);
            }
        }
    }
    pairs
}

/// `[leads.owners]`: CRM spelling → owner. An alias whose owner is itself
/// another alias is AL004: a chain would make the reported owner depend
/// on how often aliases are applied.
pub(super) fn read_owners(fields: &mut Fields<'_>, value: &Value) -> Vec<(String, String)> {
    with_nested(fields, value, "`[leads.owners]`", |owners| {
        let pairs = string_pairs(owners, "`[leads.owners]`");
        let mut read = Vec::new();
        for (from, to) in &pairs {
            let target = to.value.trim();
            let chained = pairs.iter().any(|(other, _)| {
                other.value.trim().eq_ignore_ascii_case(target)
                    && !other.value.trim().eq_ignore_ascii_case(from.value.trim())
            });
            if chained {
                owners
                    .problem(
                        &AL004,
                        to.span.clone(),
                        format!(
                            "owner alias `{}` maps to `{target}`, which is itself an alias",
                            from.value
                        ),
                    )
                    .help = Some(format!(
                    "map `{}` straight to the owner `{target}` stands for",
                    from.value
                ));
                continue;
            }
            read.push((from.value.trim().to_owned(), target.to_owned()));
        }
        read
    })
    .unwrap_or_default()
}

/// `[leads.files]`: each glob (relative to the leads folder) and its keys.
pub(super) fn read_files(fields: &mut Fields<'_>, value: &Value) -> Vec<FileKeys> {
    with_nested(fields, value, "`[leads.files]`", |files| {
        let table = files.table_itself();
        let mut read = Vec::new();
        for entry in &table.entries {
            let what = format!("`[leads.files.\"{}\"]`", entry.key);
            let keys = with_nested(files, &entry.value, &what, read_import_keys);
            let matcher = GlobBuilder::new(&entry.key)
                .literal_separator(true)
                .build()
                .map(|glob| glob.compile_matcher());
            match (keys, matcher) {
                (Some(keys), Ok(matcher)) => read.push(FileKeys {
                    glob: entry.key.clone(),
                    glob_span: entry.key_span.clone(),
                    matcher,
                    keys,
                }),
                (_, Err(error)) => {
                    files.problem(
                        &AL004,
                        entry.key_span.clone(),
                        format!("invalid glob `{}`: {}", entry.key, error.kind()),
                    );
                }
                (None, Ok(_)) => {}
            }
        }
        read
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(columns: &[(&str, &str)], formats: Option<&[&str]>) -> ImportKeys {
        ImportKeys {
            columns: columns
                .iter()
                .map(|(canonical, header)| {
                    (
                        (*canonical).to_owned(),
                        Spanned::new((*header).to_owned(), 0..0),
                    )
                })
                .collect(),
            timestamp_formats: formats.map(|list| {
                list.iter()
                    .map(|text| TimestampFormat::compile(text).unwrap())
                    .collect()
            }),
            ..ImportKeys::default()
        }
    }

    fn headers<'i>(import: &'i Import, canonical: &str) -> Option<&'i [String]> {
        import
            .columns
            .iter()
            .find(|(name, ..)| name == canonical)
            .map(|(_, headers, _)| headers.as_slice())
    }

    #[test]
    fn file_keys_override_leads_keys_which_override_the_preset() {
        let mut leads = keys(&[("owner", "Rep")], Some(&["%d.%m.%Y"]));
        leads.preset = Some(Preset::Hubspot);
        leads.values.push(ValueMap {
            column: "tier".into(),
            entries: vec![("Hot".into(), "A".into())],
        });
        let mut file = keys(&[("first_touch_at", "First Call Date")], None);
        file.preset = Some(Preset::Salesforce);
        file.values.push(ValueMap {
            column: "TIER".into(),
            entries: vec![("Hot".into(), "B".into())],
        });

        let alone = Import::resolve(&leads, None);
        assert_eq!(alone.preset, Some(Preset::Hubspot));
        assert_eq!(headers(&alone, "id").unwrap(), ["Record ID", "Contact ID"]);
        assert_eq!(headers(&alone, "owner").unwrap(), ["Rep"], "[leads] wins");
        assert_eq!(alone.timestamp_formats.len(), 1);

        let both = Import::resolve(&leads, Some(&file));
        assert_eq!(both.preset, Some(Preset::Salesforce));
        assert_eq!(headers(&both, "id").unwrap(), ["Lead ID"]);
        assert_eq!(headers(&both, "owner").unwrap(), ["Rep"]);
        assert_eq!(
            headers(&both, "first_touch_at").unwrap(),
            ["First Call Date"]
        );
        assert_eq!(
            both.timestamp_formats[0].text, "%d.%m.%Y",
            "a [leads] list replaces the file preset's"
        );
        assert_eq!(both.values.len(), 1);
        assert_eq!(
            both.values[0].get(b" hot "),
            Some("B"),
            "the file's map wins"
        );

        let preset_only = Import::resolve(&ImportKeys::default(), Some(&file));
        assert_eq!(
            preset_only
                .timestamp_formats
                .iter()
                .map(|format| format.text.as_str())
                .collect::<Vec<_>>(),
            ["%m/%d/%Y %I:%M %p", "%m/%d/%Y"]
        );
        assert!(
            headers(&preset_only, "first_touch_at").is_some()
                && headers(&Import::resolve(&keys(&[], None), None), "id").is_none()
        );
    }

    #[test]
    fn no_preset_maps_last_activity_to_the_first_touch() {
        for preset in [Preset::Hubspot, Preset::Salesforce] {
            for (canonical, headers) in preset.columns() {
                assert!(
                    !headers
                        .iter()
                        .any(|h| h.eq_ignore_ascii_case("Last Activity")),
                    "{} maps `Last Activity` to {canonical}",
                    preset.name()
                );
            }
            let formats: Vec<TimestampFormat> = preset
                .timestamp_formats()
                .iter()
                .map(|format| TimestampFormat::compile(format).unwrap())
                .collect();
            assert_eq!(ambiguous_pair(&formats), None, "{}", preset.name());
        }
    }
}
