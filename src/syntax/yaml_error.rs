//! YAML syntax errors in plain language. The parser reports where it gave
//! up ("illegal placement of ':' indicator" a line after an unclosed `[`);
//! the writer needs where the mistake is and how to fix it: the line where
//! an unclosed list, mapping or quote opened, a value holding `: ` that
//! needs quotes, a tab used for indentation.

use std::ops::Range;

/// A front-matter syntax problem: where, what, and how to fix it. Spans are
/// byte ranges of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// What the parser saw when it failed, with offsets into the YAML text.
pub struct Failure<'a> {
    /// The YAML between the fences.
    pub text: &'a str,
    /// Where the YAML starts in its file.
    pub offset: usize,
    /// Where the parser stopped.
    pub at: usize,
    /// The parser's own words.
    pub raw: &'a str,
    /// Where each flow collection (`[`, `{`) still open begins, outermost
    /// first.
    pub open_flows: &'a [usize],
}

/// Explains a parser error; falls back to the parser's words, with a
/// hint at the usual causes.
pub fn explain(failure: &Failure<'_>) -> YamlError {
    unclosed_flow(failure)
        .or_else(|| unclosed_quote(failure))
        .or_else(|| tab_indent(failure))
        .or_else(|| colon_in_value(failure))
        .or_else(|| over_indented_key(failure))
        .unwrap_or_else(|| YamlError {
            span: file_span(failure, failure.at..failure.at + 1),
            message: format!("front matter is not valid YAML: {}", failure.raw),
            help: Some(
                "check this line and the one above: a value holding `: ` or ` #` needs quotes, and every `[`, `{` and quote needs its closing pair"
                    .into(),
            ),
        })
}

/// A `[` or `{` opened on an earlier line than the error and never closed.
fn unclosed_flow(failure: &Failure<'_>) -> Option<YamlError> {
    let error_line = line_of(failure.text, failure.at);
    let opener = failure
        .open_flows
        .iter()
        .rev()
        .copied()
        .find(|&start| line_of(failure.text, start).start < error_line.start)?;
    let (what, closing, example) = match failure.text.as_bytes().get(opener) {
        Some(b'[') => ("list", ']', "segments: [mid-market, enterprise]"),
        Some(b'{') => ("mapping", '}', "contact: {name: Dana, role: CFO}"),
        _ => return None,
    };
    if closes(failure.text.get(opener..).unwrap_or_default()) {
        // Closed further down: the mistake is somewhere inside.
        return None;
    }
    let line = line_of(failure.text, opener);
    Some(YamlError {
        span: file_span(failure, opener..trimmed_end(failure.text, line)),
        message: format!("this {what} is never closed: `{closing}` is missing"),
        help: Some(format!(
            "close it with `{closing}` on the same line, as in `{example}`"
        )),
    })
}

/// Whether the flow collection opening `text` is closed in it (brackets
/// inside quotes do not count).
fn closes(text: &str) -> bool {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    // A quote opens a quoted scalar only where a value starts; inside a
    // plain scalar (`O'Brien`) it is a character like any other.
    let mut value_start = true;
    for c in text.chars() {
        let at_value_start = value_start;
        if !c.is_whitespace() {
            value_start = matches!(c, '[' | '{' | ',' | ':');
        }
        match (quote, c) {
            (Some(open), c) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if at_value_start => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// A quoted value whose closing quote never comes.
fn unclosed_quote(failure: &Failure<'_>) -> Option<YamlError> {
    if !failure.raw.contains("quoted scalar") {
        return None;
    }
    let quote = *failure.text.as_bytes().get(failure.at)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let line = line_of(failure.text, failure.at);
    let quote = quote as char;
    Some(YamlError {
        span: file_span(failure, failure.at..trimmed_end(failure.text, line)),
        message: format!("this quoted value is never closed: the closing `{quote}` is missing"),
        help: Some(format!("end the value with `{quote}` on the same line")),
    })
}

/// A tab in the indentation of a line.
fn tab_indent(failure: &Failure<'_>) -> Option<YamlError> {
    if !failure.raw.contains("tab") {
        return None;
    }
    let mut start = 0;
    for line in failure.text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            return Some(YamlError {
                span: file_span(failure, start + tab..start + tab + 1),
                message: "a tab indents this line; YAML allows only spaces".into(),
                help: Some(
                    "indent with spaces, or start the key at the beginning of the line".into(),
                ),
            });
        }
        start += line.len();
    }
    None
}

/// `title: Tallyhawk: AP automation`: a plain value holding `: `.
fn colon_in_value(failure: &Failure<'_>) -> Option<YamlError> {
    if !failure.raw.contains("mapping values are not allowed") {
        return None;
    }
    let line = line_of(failure.text, failure.at);
    let text = &failure.text[line.clone()];
    let key_end = text.find(": ")?;
    let key = text[..key_end].trim();
    let value_start = line.start + key_end + 2;
    let value_start = value_start
        + (failure.text[value_start..].len() - failure.text[value_start..].trim_start().len());
    if failure.at < value_start || key.is_empty() || key.starts_with(['-', '#']) {
        return None;
    }
    let value_end = trimmed_end(failure.text, line);
    let value = failure.text.get(value_start..value_end)?;
    let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(YamlError {
        span: file_span(failure, value_start..value_end),
        message: format!(
            "the value of `{key}` holds `: `, which YAML reads as the start of another key"
        ),
        help: Some(format!("put the value in quotes: `{key}: \"{quoted}\"`")),
    })
}

/// `  competitors: [x]` indented under a key whose value is on its line.
fn over_indented_key(failure: &Failure<'_>) -> Option<YamlError> {
    if !failure.raw.contains("mapping values are not allowed") {
        return None;
    }
    let line = line_of(failure.text, failure.at);
    let text = &failure.text[line.clone()];
    let key = text.trim_start().split(':').next()?.trim();
    if !text.starts_with(' ') || key.is_empty() {
        return None;
    }
    let key_start = line.start + (text.len() - text.trim_start().len());
    Some(YamlError {
        span: file_span(failure, key_start..key_start + key.len()),
        message: format!("`{key}` is indented, so YAML reads it as part of the value above"),
        help: Some("start every front-matter key at the beginning of its line".into()),
    })
}

/// The line holding byte `at`, without its line end.
fn line_of(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let start = text[..floor(text, at)].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    start..end
}

fn floor(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn trimmed_end(text: &str, line: Range<usize>) -> usize {
    line.start + text[line].trim_end().len()
}

fn file_span(failure: &Failure<'_>, span: Range<usize>) -> Range<usize> {
    let end = span
        .end
        .min(failure.text.len())
        .max(span.start.min(failure.text.len()));
    let start = span.start.min(end);
    failure.offset + start..failure.offset + end
}

#[cfg(test)]
mod tests {
    use crate::syntax::yaml::parse;

    /// `(line, column, text under the span, message, help)` of the error.
    fn error(yaml: &str) -> (usize, usize, String, String, String) {
        let error = parse(yaml, 0).unwrap_err();
        let line_start = yaml[..error.span.start].rfind('\n').map_or(0, |i| i + 1);
        (
            yaml[..error.span.start].matches('\n').count() + 1,
            yaml[line_start..error.span.start].chars().count() + 1,
            yaml[error.span.clone()].to_owned(),
            error.message,
            error.help.unwrap_or_default(),
        )
    }

    #[test]
    fn an_unclosed_list_is_reported_where_it_opens() {
        let (line, column, text, message, help) = error(
            "kind: battlecard\ncompetitors: [legacyco]\nsegments: [multi-entity-retail\nowner: dana\n",
        );
        assert_eq!((line, column), (3, 11));
        assert_eq!(text, "[multi-entity-retail");
        assert_eq!(message, "this list is never closed: `]` is missing");
        assert!(
            help.starts_with("close it with `]` on the same line"),
            "{help}"
        );
        let (line, _, _, message, _) = error("a: x\nb: {c: d\n");
        assert_eq!(line, 2);
        assert_eq!(message, "this mapping is never closed: `}` is missing");
        // A list closed further down is not blamed for a mistake inside it.
        let (_, _, _, message, _) = error("a: [b,\n  c: d: e]\n");
        assert!(!message.contains("never closed"), "{message}");
        let (line, _, _, message, _) = error("a: [O'Brien, 'x]'\nb: c\n");
        assert_eq!(line, 1);
        assert_eq!(message, "this list is never closed: `]` is missing");
    }

    #[test]
    fn a_value_holding_a_colon_is_told_to_be_quoted() {
        let (line, column, text, message, help) =
            error("kind: battlecard\ntitle: Tallyhawk: \"AP\" automation\n");
        assert_eq!((line, column), (2, 8));
        assert_eq!(text, "Tallyhawk: \"AP\" automation");
        assert_eq!(
            message,
            "the value of `title` holds `: `, which YAML reads as the start of another key"
        );
        assert_eq!(
            help,
            r#"put the value in quotes: `title: "Tallyhawk: \"AP\" automation"`"#
        );
    }

    #[test]
    fn unclosed_quotes_tabs_and_stray_indentation_are_named() {
        let (line, column, _, message, _) = error("title: \"Tallyhawk\nkind: battlecard\n");
        assert_eq!((line, column), (1, 8));
        assert_eq!(
            message,
            "this quoted value is never closed: the closing `\"` is missing"
        );
        let (line, column, _, message, _) = error("kind: battlecard\n\towner: dana\n");
        assert_eq!((line, column), (2, 1));
        assert_eq!(message, "a tab indents this line; YAML allows only spaces");
        let (line, column, text, message, _) = error("kind: battlecard\n  owner: dana\n");
        assert_eq!((line, column, text.as_str()), (2, 3, "owner"));
        assert_eq!(
            message,
            "`owner` is indented, so YAML reads it as part of the value above"
        );
    }

    #[test]
    fn other_errors_keep_the_parser_words_with_a_hint() {
        let (line, _, _, message, help) = error("seq:\n  - a\n  b: c\n");
        assert_eq!(line, 3);
        assert!(
            message.starts_with("front matter is not valid YAML: "),
            "{message}"
        );
        assert!(help.contains("needs quotes"), "{help}");
    }
}
