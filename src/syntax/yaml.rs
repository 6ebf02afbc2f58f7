//! YAML front matter into the spanned value tree, built from yaml-rust2's
//! event stream so every key and scalar keeps its place in the file.
//! Plain scalars are resolved with the YAML 1.2 core schema; dates stay
//! strings and are read as dates by the field that expects one.

use std::cell::Cell;
use std::ops::Range;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

pub use super::yaml_error::YamlError;
use super::yaml_error::{Failure, explain};
use super::{Entry, Kind, Table, Value};

/// Parses `text` (the YAML between the `---` lines) found at byte `offset`
/// of its file; every span is a byte range of the file.
pub fn parse(text: &str, offset: usize) -> Result<Value, YamlError> {
    // Most front matter is simple `key: value` lines, read without the
    // YAML parser; anything else takes the general path below.
    match super::yaml_simple::parse(text, offset) {
        Some(value) => Ok(value),
        None => parse_general(text, offset),
    }
}

/// Parses any YAML front matter through yaml-rust2's event stream.
pub(super) fn parse_general(text: &str, offset: usize) -> Result<Value, YamlError> {
    let mut builder = Builder {
        text,
        offset,
        line_starts: line_starts(text),
        ascii: text.is_ascii(),
        cursor: Cell::new(Cursor::default()),
        parser: Parser::new_from_str(text),
        open_flows: Vec::new(),
    };
    builder.document()
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

struct Builder<'a> {
    text: &'a str,
    offset: usize,
    line_starts: Vec<usize>,
    /// An ASCII text's columns are bytes; most front matter is ASCII.
    ascii: bool,
    /// The last marker placed, so the next one on the same line is found
    /// by walking on from it: a long inline list stays linear.
    cursor: Cell<Cursor>,
    parser: Parser<std::str::Chars<'a>>,
    /// Where each `[` or `{` not yet closed starts, in the YAML text, so
    /// an error can point at the one never closed.
    open_flows: Vec<usize>,
}

/// A marker's line and column and the byte offset (within the YAML text)
/// they were found at.
#[derive(Clone, Copy, Default)]
struct Cursor {
    line: usize,
    column: usize,
    byte: usize,
}

impl Builder<'_> {
    fn document(&mut self) -> Result<Value, YamlError> {
        let mut root = None;
        loop {
            let (event, marker) = self.next()?;
            match event {
                Event::StreamEnd => break,
                Event::StreamStart | Event::DocumentStart | Event::DocumentEnd => {}
                event if root.is_none() => root = Some(self.node(event, marker)?),
                _ => {
                    return Err(self.error(marker, "front matter holds more than one document"));
                }
            }
        }
        // An empty front matter is an empty table, not an error.
        Ok(root.unwrap_or(Value {
            span: self.offset..self.offset,
            kind: Kind::Table(Table::default()),
        }))
    }

    fn next(&mut self) -> Result<(Event, Marker), YamlError> {
        self.parser.next_token().map_err(|error| {
            explain(&Failure {
                text: self.text,
                offset: self.offset,
                at: self.byte(*error.marker()) - self.offset,
                raw: error.info(),
                open_flows: &self.open_flows,
            })
        })
    }

    fn node(&mut self, event: Event, marker: Marker) -> Result<Value, YamlError> {
        match event {
            Event::Scalar(text, style, _, _) => Ok(self.scalar(text, style, marker)),
            Event::SequenceStart(..) => self.in_flow(marker, |this| this.sequence(marker)),
            Event::MappingStart(..) => self.in_flow(marker, |this| this.mapping(marker)),
            Event::Alias(_) => Err(self.error(marker, "YAML aliases are not supported here")),
            _ => Err(self.error(marker, "unexpected YAML structure")),
        }
    }

    /// Reads a collection, remembering where it opens while it is read
    /// when it is a flow collection.
    fn in_flow(
        &mut self,
        start: Marker,
        read: impl FnOnce(&mut Self) -> Result<Value, YamlError>,
    ) -> Result<Value, YamlError> {
        let at = self.byte(start) - self.offset;
        let flow = matches!(self.text.as_bytes().get(at), Some(b'[' | b'{'));
        if flow {
            self.open_flows.push(at);
        }
        let value = read(self)?;
        if flow {
            self.open_flows.pop();
        }
        Ok(value)
    }

    fn sequence(&mut self, start: Marker) -> Result<Value, YamlError> {
        let mut items = Vec::new();
        loop {
            let (event, marker) = self.next()?;
            if event == Event::SequenceEnd {
                let span = self.byte(start)..self.byte(marker).max(self.byte(start));
                return Ok(Value {
                    span,
                    kind: Kind::Array(items),
                });
            }
            items.push(self.node(event, marker)?);
        }
    }

    fn mapping(&mut self, start: Marker) -> Result<Value, YamlError> {
        let mut table = Table::default();
        loop {
            let (event, marker) = self.next()?;
            let key = match event {
                Event::MappingEnd => {
                    let span = self.byte(start)..self.byte(marker).max(self.byte(start));
                    return Ok(Value {
                        span,
                        kind: Kind::Table(table),
                    });
                }
                Event::Scalar(text, _, _, _) => text,
                _ => return Err(self.error(marker, "a key must be a plain name")),
            };
            let key_span = self.span_at(marker, key.len().max(1));
            if table.get(&key).is_some() {
                return Err(YamlError {
                    span: key_span,
                    message: format!("duplicate key `{key}`"),
                    help: Some("remove one of them".into()),
                });
            }
            let (event, marker) = self.next()?;
            let value = self.node(event, marker)?;
            table.entries.push(Entry {
                key,
                key_span,
                value,
            });
        }
    }

    fn scalar(&self, text: String, style: TScalarStyle, marker: Marker) -> Value {
        let start = self.byte(marker);
        let span = start..self.scalar_end(start - self.offset, style) + self.offset;
        let kind = match style {
            TScalarStyle::Plain => resolve_plain(text),
            _ => Kind::String(text),
        };
        Value { span, kind }
    }

    /// Where a scalar's source text ends, starting at `start` within the
    /// YAML text: the closing quote, or the end of a plain scalar.
    fn scalar_end(&self, start: usize, style: TScalarStyle) -> usize {
        let rest = self.text.get(start..).unwrap_or_default();
        let end = match style {
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => quoted_len(rest),
            TScalarStyle::Plain => plain_len(rest),
            _ => rest.find('\n').unwrap_or(rest.len()),
        };
        start + end
    }

    /// The byte offset in the file of a marker (line is 1-based, column is
    /// 0-based in characters).
    fn byte(&self, marker: Marker) -> usize {
        let line_start = self
            .line_starts
            .get(marker.line().saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        if self.ascii {
            return self.offset + (line_start + marker.col()).min(self.text.len());
        }
        let cursor = self.cursor.get();
        let (mut column, mut byte) =
            if cursor.line == marker.line() && cursor.column <= marker.col() {
                (cursor.column, cursor.byte)
            } else {
                (0, line_start)
            };
        let rest = self.text.get(byte..).unwrap_or_default();
        let mut chars = rest.char_indices();
        while column < marker.col() {
            match chars.next() {
                Some(_) => column += 1,
                None => break,
            }
        }
        byte += chars.next().map_or(rest.len(), |(index, _)| index);
        self.cursor.set(Cursor {
            line: marker.line(),
            column,
            byte,
        });
        self.offset + byte
    }

    fn span_at(&self, marker: Marker, len: usize) -> Range<usize> {
        let start = self.byte(marker);
        let end = (start + len).min(self.offset + self.text.len());
        start..end.max(start)
    }

    fn error(&self, marker: Marker, message: &str) -> YamlError {
        YamlError {
            span: self.span_at(marker, 1),
            message: message.to_owned(),
            help: None,
        }
    }
}

fn quoted_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    let Some((_, quote)) = chars.next() else {
        return 0;
    };
    let mut escaped = false;
    for (index, c) in chars {
        if quote == '"' && c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        if c == quote && !escaped {
            return index + 1;
        }
        escaped = false;
    }
    rest.len()
}

/// Where a plain scalar ends: the end of its line, a ` #` comment, or
/// (inside a flow collection) the next separator, whichever comes first.
/// Scans only as far as that, so the items of a long inline list cost
/// their own length, not the rest of the line each.
fn plain_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut end = bytes.len();
    for (index, &byte) in bytes.iter().enumerate() {
        let stop = match byte {
            b'\n' | b'\r' | b',' | b']' | b'}' => Some(index),
            b'#' if index > 0 && bytes.get(index - 1) == Some(&b' ') => Some(index - 1),
            _ => None,
        };
        if let Some(stop) = stop {
            end = stop;
            break;
        }
    }
    rest.get(..end).unwrap_or(rest).trim_end().len()
}

/// YAML 1.2 core schema resolution of a plain scalar.
pub(super) fn resolve_plain(text: String) -> Kind {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => Kind::Null,
        "true" | "True" | "TRUE" => Kind::Bool(true),
        "false" | "False" | "FALSE" => Kind::Bool(false),
        _ => {
            if let Ok(integer) = text.parse::<i64>() {
                Kind::Integer(integer)
            } else if looks_like_float(&text) {
                text.parse().map_or(Kind::String(text), Kind::Float)
            } else {
                Kind::String(text)
            }
        }
    }
}

fn looks_like_float(text: &str) -> bool {
    let digits = text.trim_start_matches(['-', '+']);
    digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(value: &Value) -> &Table {
        match &value.kind {
            Kind::Table(table) => table,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn spans_are_file_offsets() {
        let file = "---\nid: é-x\ntitle: \"Win, big\"\nlist: [a, bb]\n---\n";
        let yaml = &file[4..file.len() - 4];
        let root = parse(yaml, 4).unwrap();
        let root = table(&root);
        let id = root.get("id").unwrap();
        assert_eq!(&file[id.key_span.clone()], "id");
        assert_eq!(&file[id.value.span.clone()], "é-x");
        let title = root.get("title").unwrap();
        assert_eq!(&file[title.value.span.clone()], "\"Win, big\"");
        let Kind::Array(items) = &root.get("list").unwrap().value.kind else {
            panic!()
        };
        assert_eq!(&file[items[1].span.clone()], "bb");
    }

    #[test]
    fn block_sequences_and_core_schema() {
        let yaml = "seq:\n  - one # note\n  - 2\nflag: true\nnothing:\nquoted: 'true'\n";
        let root = parse(yaml, 0).unwrap();
        let root = table(&root);
        let Kind::Array(items) = &root.get("seq").unwrap().value.kind else {
            panic!()
        };
        assert_eq!(&yaml[items[0].span.clone()], "one");
        assert_eq!(items[1].kind, Kind::Integer(2));
        assert_eq!(root.get("flag").unwrap().value.kind, Kind::Bool(true));
        assert_eq!(root.get("nothing").unwrap().value.kind, Kind::Null);
        assert_eq!(
            root.get("quoted").unwrap().value.kind,
            Kind::String("true".into())
        );
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_second_key() {
        let yaml = "id: a\nid: b\n";
        let error = parse(yaml, 0).unwrap_err();
        assert_eq!(error.span, 6..8);
        assert_eq!(error.message, "duplicate key `id`");
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let error = parse("a: [b, c\nd: e\n", 10).unwrap_err();
        assert!(error.span.start >= 10);
        assert!(!error.message.is_empty());
    }

    #[test]
    fn long_inline_lists_keep_their_spans() {
        let items: Vec<String> = (0..2_000).map(|i| format!("ïd-{i}")).collect();
        let text = format!("proof: [{}] # cited\n", items.join(", "));
        let value = parse(&text, 10).unwrap();
        let Kind::Array(list) = &table(&value).get("proof").unwrap().value.kind else {
            panic!("a list");
        };
        assert_eq!(list.len(), 2_000);
        for (item, written) in list.iter().zip(&items) {
            assert_eq!(&text[item.span.start - 10..item.span.end - 10], written);
        }
    }

    #[test]
    fn plain_scalars_end_at_comments_and_separators() {
        assert_eq!(plain_len("abc # note"), 3);
        assert_eq!(plain_len("a#b, c"), 3);
        assert_eq!(plain_len("value  \nnext"), 5);
        assert_eq!(plain_len("x]"), 1);
    }

    #[test]
    fn empty_front_matter_is_an_empty_table() {
        let root = parse("", 4).unwrap();
        assert!(table(&root).entries.is_empty());
    }
}
