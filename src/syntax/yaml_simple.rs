//! A fast path for the front matter nearly every document has: one
//! `key: value` a line at column 0, the value a plain word (or a few words)
//! or a one-line flow list of them, such as `proof: [proof-1, proof-2]`.
//!
//! yaml-rust2 reads such a list token by token, with a few allocations per
//! item, and that dominated `lint` when documents cite hundreds of ids.
//! Here the lines are read directly into the same `Value` tree the general
//! path builds — same kinds (through the same `resolve_plain`), same spans,
//! same order. The subset is deliberately strict: anything YAML could read
//! differently (comments, quotes, indicators, blank or indented lines,
//! duplicate keys, non-ASCII, CR) makes the whole front matter go to the
//! general path, so every error message and every unusual document behaves
//! exactly as before. The oracle test below holds the two paths together.

use super::yaml::resolve_plain;
use super::{Entry, Kind, Table, Value};

/// More keys than this go to the general path, so the duplicate check
/// (a scan of the keys already read) stays small.
const MAX_KEYS: usize = 64;

/// yaml-rust2 only takes a key of at most 1024 characters as an implicit
/// key; names are kept far below that.
const MAX_KEY_LEN: usize = 128;

/// The front matter `text` (found at byte `offset` of its file) read
/// without the YAML parser, or `None` when any line is outside the subset.
pub(super) fn parse(text: &str, offset: usize) -> Option<Value> {
    let body = text.strip_suffix('\n')?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut line_start = offset;
    for line in body.split('\n') {
        let entry = entry(line, line_start)?;
        // A duplicate is an error, and the general path words it.
        if entries.len() == MAX_KEYS || entries.iter().any(|seen| seen.key == entry.key) {
            return None;
        }
        entries.push(entry);
        line_start += line.len() + 1;
    }
    // yaml-rust2 starts a block mapping at its first key's colon, and ends
    // it where the stream ends.
    let start = entries.first()?.key_span.end;
    Some(Value {
        span: start..offset + text.len(),
        kind: Kind::Table(Table { entries }),
    })
}

/// One `key: value` line starting at byte `at` of the file.
fn entry(line: &str, at: usize) -> Option<Entry> {
    let (key, rest) = line.split_once(": ")?;
    if !is_plain_name(key) {
        return None;
    }
    let value_text = rest.trim_start_matches(' ');
    let value_at = at + line.len() - value_text.len();
    let value = if value_text.starts_with('[') {
        flow_list(value_text, value_at)?
    } else {
        word(value_text, value_at)?
    };
    Some(Entry {
        key: key.to_owned(),
        key_span: at..at + key.len(),
        value,
    })
}

/// `[a, b, c]` (or `[]`) closing at the end of its line, at byte `at`.
fn flow_list(text: &str, at: usize) -> Option<Value> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    // yaml-rust2's sequence runs from `[` up to (not over) `]`.
    let span = at..at + text.len() - 1;
    let inner_at = at + 1;
    if inner.bytes().all(|byte| byte == b' ') {
        return Some(Value {
            span,
            kind: Kind::Array(Vec::new()),
        });
    }
    let mut items = Vec::with_capacity(memchr::memchr_iter(b',', inner.as_bytes()).count() + 1);
    let mut item_start = 0;
    for item in inner.split(',') {
        let trimmed = item.trim_start_matches(' ').trim_end_matches(' ');
        let leading = item.len() - item.trim_start_matches(' ').len();
        items.push(word(trimmed, inner_at + item_start + leading)?);
        item_start += item.len() + 1;
    }
    Some(Value {
        span,
        kind: Kind::Array(items),
    })
}

/// A plain scalar at byte `at`, when it is a safe word (see `is_safe_word`).
fn word(text: &str, at: usize) -> Option<Value> {
    if !is_safe_word(text) {
        return None;
    }
    Some(Value {
        span: at..at + text.len(),
        kind: resolve_plain(text.to_owned()),
    })
}

/// A key YAML can only read as itself: a letter or `_`, then letters,
/// digits, `_` and `-`.
fn is_plain_name(key: &str) -> bool {
    let bytes = key.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == b'_')
        && bytes.len() <= MAX_KEY_LEN
        && bytes
            .iter()
            .all(|&byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-'))
}

/// A plain scalar that reads as its own text in block and flow context
/// alike: ASCII letters, digits, `-_./+` and single-line inner spaces. It
/// starts with no YAML indicator (a `-`, `+` or `.` only before a letter
/// or digit, so never `- `, `---` or `...`), and ends with no space. No
/// `:`, `#`, quote, bracket, comma, tab or other indicator appears at all.
fn is_safe_word(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    let starts_safely = match first {
        b'-' | b'+' | b'.' => bytes.get(1).is_some_and(u8::is_ascii_alphanumeric),
        _ => first.is_ascii_alphanumeric() || matches!(first, b'_' | b'/'),
    };
    starts_safely
        && last != b' '
        && bytes.iter().all(|&byte| {
            byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'/' | b'+' | b' ')
        })
}

#[cfg(test)]
#[path = "yaml_simple_tests.rs"]
mod tests;
