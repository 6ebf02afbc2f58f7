//! Reading the keys of one table against its schema. Each accessor names a
//! key it knows, so `finish` can report every other key as unknown (AL002,
//! with a "did you mean"), and a wrong type is a located AL004 instead of a
//! silently dropped value. Every problem is collected; none stops the read.

use std::ops::Range;

use jiff::civil::Date;

use super::{Kind, Spanned, Table, Value};
use crate::codes::files::{AL002, AL004};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

pub struct Fields<'a> {
    table: &'a Table,
    /// Where "missing key" findings point: the table's header or value.
    at: Range<usize>,
    /// What the table is, for messages: "a `[[message]]` entry".
    what: &'a str,
    source: &'a SourceFile,
    diagnostics: &'a mut Vec<Diagnostic>,
    known: Vec<&'static str>,
    /// Whether a single string reads as a one-item list (YAML).
    scalar_lists: bool,
    /// The keys are data (a map), not a schema: none is unknown.
    free: bool,
}

impl<'a> Fields<'a> {
    pub fn new(
        table: &'a Table,
        at: Range<usize>,
        what: &'a str,
        source: &'a SourceFile,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Fields<'a> {
        Fields {
            table,
            at,
            what,
            source,
            diagnostics,
            known: Vec::new(),
            scalar_lists: false,
            free: false,
        }
    }

    /// Lets a single string stand for a one-item list, as YAML readers
    /// expect (`messages: audit-in-minutes`); TOML keeps its types strict.
    pub fn accept_scalar_lists(&mut self, accept: bool) {
        self.scalar_lists = accept;
    }

    /// Reads a value that must be a table; `None` (after a finding) otherwise.
    pub fn of(
        value: &'a Value,
        what: &'a str,
        source: &'a SourceFile,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Option<Fields<'a>> {
        match &value.kind {
            Kind::Table(table) => Some(Fields::new(
                table,
                value.span.clone(),
                what,
                source,
                diagnostics,
            )),
            other => {
                diagnostics.push(source.diagnostic(
                    &AL004,
                    value.span.clone(),
                    format!("{what} must be a table, found {}", other.describe()),
                ));
                None
            }
        }
    }

    pub fn source(&self) -> &'a SourceFile {
        self.source
    }

    pub fn span(&self) -> Range<usize> {
        self.at.clone()
    }

    /// Adds a finding to the same list.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// A finding of `rule` at `span` of this file.
    pub fn problem(
        &mut self,
        rule: &'static crate::codes::Rule,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let diagnostic = self.source.diagnostic(rule, span, message);
        self.diagnostics.push(diagnostic);
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// The raw value of a key, marking the key as known.
    pub fn value(&mut self, key: &'static str) -> Option<&'a Value> {
        self.known.push(key);
        self.table.get(key).map(|entry| &entry.value)
    }

    /// Like `value`, but an explicit YAML null counts as absent.
    fn present(&mut self, key: &'static str) -> Option<&'a Value> {
        self.value(key).filter(|value| value.kind != Kind::Null)
    }

    fn wrong_type(&mut self, key: &str, value: &Value, expected: &str) {
        let message = format!(
            "`{key}` must be {expected}, found {}",
            value.kind.describe()
        );
        self.problem(&AL004, value.span.clone(), message);
    }

    pub fn string(&mut self, key: &'static str) -> Option<Spanned<String>> {
        let value = self.present(key)?;
        match &value.kind {
            Kind::String(text) => Some(Spanned::new(text.clone(), value.span.clone())),
            _ => {
                self.wrong_type(key, value, "a string");
                None
            }
        }
    }

    /// A string that must be present.
    pub fn required_string(&mut self, key: &'static str) -> Option<Spanned<String>> {
        let found = self.table.get(key).is_some();
        let value = self.string(key);
        if !found {
            self.missing(key);
        }
        value
    }

    pub fn missing(&mut self, key: &str) {
        let message = format!("{} is missing the required key `{key}`", self.what);
        self.problem(&AL004, self.at.clone(), message);
    }

    /// An id: lowercase `[a-z0-9][a-z0-9-]*`.
    pub fn id(&mut self, key: &'static str) -> Option<Spanned<String>> {
        let id = self.required_string(key)?;
        if is_valid_id(&id.value) {
            Some(id)
        } else {
            self.problem(
                &AL004,
                id.span.clone(),
                format!("invalid id `{}`", id.value),
            )
            .help = Some(format!(
                "ids are lowercase letters, digits and dashes, starting with a letter or digit: `{}`",
                suggest_id(&id.value)
            ));
            None
        }
    }

    pub fn bool(&mut self, key: &'static str) -> Option<bool> {
        let value = self.present(key)?;
        match value.kind {
            Kind::Bool(flag) => Some(flag),
            _ => {
                self.wrong_type(key, value, "true or false");
                None
            }
        }
    }

    pub fn integer(&mut self, key: &'static str) -> Option<Spanned<i64>> {
        let value = self.present(key)?;
        match value.kind {
            Kind::Integer(number) => Some(Spanned::new(number, value.span.clone())),
            _ => {
                self.wrong_type(key, value, "a whole number");
                None
            }
        }
    }

    pub fn number(&mut self, key: &'static str) -> Option<Spanned<f64>> {
        let value = self.present(key)?;
        match value.kind {
            Kind::Integer(number) => Some(Spanned::new(number as f64, value.span.clone())),
            Kind::Float(number) if number.is_finite() => {
                Some(Spanned::new(number, value.span.clone()))
            }
            Kind::Float(number) => {
                self.problem(&AL004, value.span.clone(), not_finite(key, number))
                    .help = Some("nothing compares with nan or inf: write the number meant".into());
                None
            }
            _ => {
                self.wrong_type(key, value, "a number");
                None
            }
        }
    }

    /// A calendar date: a TOML date, or a `YYYY-MM-DD` string (YAML).
    pub fn date(&mut self, key: &'static str) -> Option<Spanned<Date>> {
        let value = self.present(key)?;
        let text = match &value.kind {
            Kind::Datetime(text) | Kind::String(text) => text,
            _ => {
                self.wrong_type(key, value, "a date (YYYY-MM-DD)");
                return None;
            }
        };
        match parse_date(text) {
            Some(date) => Some(Spanned::new(date, value.span.clone())),
            None => {
                self.problem(
                    &AL004,
                    value.span.clone(),
                    format!("`{key}` is not a valid date: `{text}`"),
                )
                .help = Some("write a calendar date as YYYY-MM-DD, e.g. 2027-01-31".into());
                None
            }
        }
    }

    /// A list of strings; absent is empty.
    pub fn strings(&mut self, key: &'static str) -> Vec<Spanned<String>> {
        let Some(value) = self.present(key) else {
            return Vec::new();
        };
        let items = match &value.kind {
            Kind::Array(items) => items.as_slice(),
            Kind::String(_) if self.scalar_lists => std::slice::from_ref(value),
            _ => {
                self.wrong_type(key, value, "a list of strings");
                return Vec::new();
            }
        };
        let mut strings = Vec::with_capacity(items.len());
        for item in items {
            match &item.kind {
                Kind::String(text) => strings.push(Spanned::new(text.clone(), item.span.clone())),
                _ => self.wrong_type(key, item, "a list of strings, but an item"),
            }
        }
        strings
    }

    /// A list of ids, each checked for id syntax.
    pub fn ids(&mut self, key: &'static str) -> Vec<Spanned<String>> {
        let strings = self.strings(key);
        let mut ids = Vec::with_capacity(strings.len());
        for id in strings {
            if is_valid_id(&id.value) {
                ids.push(id);
            } else {
                self.problem(&AL004, id.span, format!("invalid id `{}`", id.value))
                    .help = Some(format!("did you mean `{}`?", suggest_id(&id.value)));
            }
        }
        ids
    }

    pub fn table(&mut self, key: &'static str) -> Option<(&'a Table, Range<usize>)> {
        let value = self.present(key)?;
        match &value.kind {
            Kind::Table(table) => Some((table, value.span.clone())),
            _ => {
                self.wrong_type(key, value, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[key]]`): each element's value.
    pub fn tables(&mut self, key: &'static str) -> Vec<&'a Value> {
        let Some(value) = self.present(key) else {
            return Vec::new();
        };
        let Kind::Array(items) = &value.kind else {
            self.wrong_type(key, value, "an array of tables");
            return Vec::new();
        };
        items.iter().collect()
    }

    /// The table itself, for a table whose keys are data (a map from CRM
    /// spellings to values): every key then counts as known.
    pub fn table_itself(&mut self) -> &'a Table {
        self.free = true;
        self.table
    }

    /// Reports every key no accessor asked for.
    pub fn finish(self) {
        if self.free {
            return;
        }
        for entry in &self.table.entries {
            if self.known.contains(&entry.key.as_str()) {
                continue;
            }
            let mut diagnostic = self.source.diagnostic(
                &AL002,
                entry.key_span.clone(),
                format!("unknown key `{}` in {}", entry.key, self.what),
            );
            diagnostic.help = Some(match did_you_mean(&entry.key, &self.known) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!("known keys: {}", self.known.join(", ")),
            });
            self.diagnostics.push(diagnostic);
        }
    }
}

/// The finding for `nan` or `inf` where a number is needed, spelled as
/// TOML spells them.
pub fn not_finite(key: &str, number: f64) -> String {
    let written = if number.is_nan() {
        "nan".to_owned()
    } else {
        number.to_string()
    };
    format!("`{key}` must be a finite number, found `{written}`")
}

/// The closest known name, when it is close enough to be a likely typo.
pub fn did_you_mean<'k>(unknown: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), *candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The nearest valid id: lowercase, runs of other characters as one dash.
fn suggest_id(id: &str) -> String {
    let mut suggestion = String::with_capacity(id.len());
    for c in id.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            suggestion.push(c);
        } else if !suggestion.is_empty() && !suggestion.ends_with('-') {
            suggestion.push('-');
        }
    }
    suggestion.trim_end_matches('-').to_owned()
}

/// A `YYYY-MM-DD` date (also the date part of a TOML local date).
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = text.get(0..4)?.parse().ok()?;
    let month = text.get(5..7)?.parse().ok()?;
    let day = text.get(8..10)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::new(Arc::from(Path::new("m.toml")), "m.toml".into(), text.into())
    }

    fn read(text: &str, reader: impl FnOnce(&mut Fields)) -> Vec<Diagnostic> {
        let file = source(text);
        let root = crate::syntax::toml::parse(text).unwrap();
        let mut diagnostics = Vec::new();
        let mut fields = Fields::of(&root, "the file", &file, &mut diagnostics).unwrap();
        reader(&mut fields);
        fields.finish();
        diagnostics
    }

    #[test]
    fn unknown_keys_suggest_the_closest_known_key() {
        let found = read("id = \"a\"\nsegmetns = []\n", |fields| {
            fields.id("id");
            fields.ids("segments");
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule.code, "AL002");
        assert_eq!((found[0].start.line, found[0].start.column), (2, 1));
        assert_eq!(found[0].help.as_deref(), Some("did you mean `segments`?"));
    }

    #[test]
    fn wrong_types_and_bad_ids_are_located() {
        let found = read(
            "id = \"Bad Id\"\nsegments = \"x\"\npublic = 1\n",
            |fields| {
                fields.id("id");
                fields.ids("segments");
                fields.bool("public");
            },
        );
        let places: Vec<_> = found
            .iter()
            .map(|d| (d.rule.code, d.start.line, d.start.column))
            .collect();
        assert_eq!(
            places,
            [("AL004", 1, 6), ("AL004", 2, 12), ("AL004", 3, 10)]
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "ids are lowercase letters, digits and dashes, starting with a letter or digit: `bad-id`"
            )
        );
    }

    #[test]
    fn a_single_string_is_a_one_item_list_only_where_accepted() {
        let text = "messages: audit-in-minutes\n";
        let file = source(text);
        let root = crate::syntax::yaml::parse(text, 0).unwrap();
        let mut diagnostics = Vec::new();
        let mut fields = Fields::of(&root, "front matter", &file, &mut diagnostics).unwrap();
        fields.accept_scalar_lists(true);
        let ids = fields.ids("messages");
        fields.finish();
        assert!(diagnostics.is_empty());
        assert_eq!(ids.len(), 1);
        assert_eq!(
            (ids[0].value.as_str(), ids[0].span.clone()),
            ("audit-in-minutes", 10..26)
        );

        let found = read("messages = \"audit-in-minutes\"\n", |fields| {
            assert!(fields.ids("messages").is_empty());
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule.code, "AL004");
    }

    #[test]
    fn a_missing_required_key_is_reported_once() {
        let found = read("name = \"x\"\n", |fields| {
            fields.id("id");
            fields.string("name");
        });
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("required key `id`"));
    }

    #[test]
    fn dates_from_toml_and_strings() {
        let found = read("a = 2027-06-30\nb = \"2027-02-30\"\n", |fields| {
            assert_eq!(
                fields.date("a").map(|d| d.value),
                Some(jiff::civil::date(2027, 6, 30))
            );
            assert!(fields.date("b").is_none());
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].start.line, 2);
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("mid-market-2"));
        assert!(is_valid_id("9lives"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("Caps"));
        assert!(!is_valid_id(""));
        assert_eq!(suggest_id("Immutable Ledger!"), "immutable-ledger");
    }
}
