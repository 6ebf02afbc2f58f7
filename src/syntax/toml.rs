//! TOML files into the spanned value tree, via `toml`'s span-keeping
//! `DeTable` parser.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Entry, Kind, Table, Value};

/// A TOML syntax problem: where and what.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
}

/// Parses a whole TOML document.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    match DeTable::parse(text) {
        Ok(table) => {
            let span = 0..text.len();
            Ok(Value {
                span,
                kind: Kind::Table(convert_table(table.get_ref())),
            })
        }
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let mut message = first_line(error.message());
            // Name the key, as the YAML reader does.
            if message == "duplicate key" {
                if let Some(key) = text.get(span.clone()).filter(|key| !key.is_empty()) {
                    message = format!("duplicate key `{key}`");
                }
            }
            Err(SyntaxError { span, message })
        }
    }
}

/// Parses TOML found at byte `offset` of its file (front matter), so spans
/// are file offsets.
pub fn parse_at(text: &str, offset: usize) -> Result<Value, SyntaxError> {
    let mut value = parse(text).map_err(|mut error| {
        error.span = error.span.start + offset..error.span.end + offset;
        error
    })?;
    shift(&mut value, offset);
    Ok(value)
}

fn shift(value: &mut Value, offset: usize) {
    value.span = value.span.start + offset..value.span.end + offset;
    match &mut value.kind {
        Kind::Array(items) => items.iter_mut().for_each(|item| shift(item, offset)),
        Kind::Table(table) => {
            for entry in &mut table.entries {
                entry.key_span = entry.key_span.start + offset..entry.key_span.end + offset;
                shift(&mut entry.value, offset);
            }
        }
        _ => {}
    }
}

fn first_line(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or("syntax error")
        .trim()
        .to_owned()
}

fn convert_table(table: &DeTable<'_>) -> Table {
    Table {
        entries: table
            .iter()
            .map(|(key, value)| Entry {
                key: key.get_ref().to_string(),
                key_span: key.span(),
                value: convert(value.get_ref(), value.span()),
            })
            .collect(),
    }
}

fn convert(value: &DeValue<'_>, span: Range<usize>) -> Value {
    let kind = match value {
        DeValue::String(text) => Kind::String(text.to_string()),
        DeValue::Integer(integer) => integer_kind(integer.as_str(), integer.radix()),
        DeValue::Float(float) => float_kind(float.as_str()),
        DeValue::Boolean(flag) => Kind::Bool(*flag),
        DeValue::Datetime(datetime) => Kind::Datetime(datetime.to_string()),
        DeValue::Array(items) => Kind::Array(
            items
                .iter()
                .map(|item| convert(item.get_ref(), item.span()))
                .collect(),
        ),
        DeValue::Table(table) => Kind::Table(convert_table(table)),
    };
    Value { span, kind }
}

fn integer_kind(digits: &str, radix: u32) -> Kind {
    let cleaned: String = digits.chars().filter(|c| *c != '_').collect();
    match i64::from_str_radix(&cleaned, radix) {
        Ok(number) => Kind::Integer(number),
        // Out of range for i64: keep it as a float so a range check can
        // still say something sensible.
        Err(_) => cleaned.parse().map_or(Kind::Null, Kind::Float),
    }
}

fn float_kind(text: &str) -> Kind {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    cleaned.parse().map_or(Kind::Null, Kind::Float)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_of_keys_values_and_array_table_headers() {
        let text = "[[message]]\nid = \"a\"\nexpires = 2027-06-30\n";
        let root = parse(text).unwrap();
        let Kind::Table(table) = root.kind else {
            panic!("not a table")
        };
        let Kind::Array(messages) = &table.entries[0].value.kind else {
            panic!("not an array")
        };
        assert_eq!(&text[messages[0].span.clone()], "[[message]]");
        let Kind::Table(message) = &messages[0].kind else {
            panic!("not a table")
        };
        let id = message.get("id").unwrap();
        assert_eq!(&text[id.key_span.clone()], "id");
        assert_eq!(&text[id.value.span.clone()], "\"a\"");
        let expires = message.get("expires").unwrap();
        assert_eq!(expires.value.kind, Kind::Datetime("2027-06-30".into()));
    }

    #[test]
    fn duplicate_keys_are_syntax_errors_with_a_place() {
        let error = parse("a = 1\na = 2\n").unwrap_err();
        assert_eq!(error.span, 6..7);
        assert_eq!(error.message, "duplicate key `a`");
    }

    #[test]
    fn integers_in_every_radix() {
        let root = parse("a = 0x10\nb = 1_000\n").unwrap();
        let Kind::Table(table) = root.kind else {
            panic!()
        };
        assert_eq!(table.entries[0].value.kind, Kind::Integer(16));
        assert_eq!(table.entries[1].value.kind, Kind::Integer(1000));
    }
}
