//! Bare URLs inside text (`https://legacyco.example/pricing`,
//! `www.legacyco.example`). CommonMark leaves them as text, but GitHub and
//! most renderers show them as links, and a competitor's name inside their
//! URL is not something we wrote about them, so they are not prose.

use std::ops::Range;

use super::is_word_char;

/// The first bare URL in `text` at or after byte `from`, as a byte range.
///
/// A URL starts with `scheme://` or `www.` at the start of a word and runs to
/// the next white space or `<`; trailing punctuation (`.`, `,`, `)`, …) is
/// left to the sentence, as GFM does, except a `)` that closes a `(` inside
/// the URL.
pub(super) fn next(text: &str, from: usize) -> Option<Range<usize>> {
    let scheme = scheme_url(text, from);
    let www = www_url(text, from);
    let start = match (scheme, www) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let end = url_end(text, start);
    Some(start..end)
}

/// The start of the first `scheme://…` URL at or after `from`.
fn scheme_url(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        // `:` is rare in prose, so looking for it first is cheap.
        let separator = at + memchr::memchr(b':', bytes.get(at..)?)?;
        at = separator + 1;
        if bytes.get(separator..separator + 3) != Some(b"://") {
            continue;
        }
        at = separator + 3;
        let scheme_start = bytes
            .get(..separator)?
            .iter()
            .rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
            .map_or(0, |i| i + 1);
        let scheme_starts_word = bytes.get(scheme_start).is_some_and(u8::is_ascii_alphabetic)
            && starts_word(text, scheme_start);
        if scheme_starts_word && continues_after(text, at) {
            return Some(scheme_start);
        }
    }
}

/// The start of the first `www.…` URL at or after `from`.
fn www_url(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        let w = at + memchr::memchr2(b'w', b'W', bytes.get(at..)?)?;
        at = w + 1;
        let is_www = bytes
            .get(w..w + 4)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(b"www."));
        if is_www && starts_word(text, w) && continues_after(text, w + 4) {
            return Some(w);
        }
    }
}

fn starts_word(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|before| before.chars().next_back())
        .is_none_or(|c| !is_word_char(c))
}

fn continues_after(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|after| after.chars().next())
        .is_some_and(|c| !c.is_whitespace() && c != '<')
}

fn url_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or_default();
    let mut url = rest
        .find(|c: char| c.is_whitespace() || c == '<')
        .and_then(|end| rest.get(..end))
        .unwrap_or(rest);
    while let Some(last) = url.chars().next_back() {
        let unbalanced_paren = last == ')' && url.matches(')').count() > url.matches('(').count();
        if !(unbalanced_paren
            || matches!(
                last,
                '.' | ',' | ':' | ';' | '!' | '?' | '*' | '_' | '~' | '\'' | '"'
            ))
        {
            break;
        }
        url = url.get(..url.len() - 1).unwrap_or_default();
    }
    start + url.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(url) = next(text, from) {
            found.push(text.get(url.clone()).unwrap_or_default());
            from = url.end.max(from + 1);
        }
        found
    }

    #[test]
    fn finds_scheme_and_www_urls_without_trailing_punctuation() {
        assert_eq!(
            urls("See https://legacyco.example/pricing, or www.LegacyCo.example."),
            ["https://legacyco.example/pricing", "www.LegacyCo.example"]
        );
    }

    #[test]
    fn keeps_balanced_parentheses_and_drops_a_closing_one() {
        assert_eq!(
            urls("(see https://en.example/wiki/Ledger_(book))"),
            ["https://en.example/wiki/Ledger_(book)"]
        );
    }

    #[test]
    fn ignores_look_alikes() {
        assert!(urls("a :// b, subwww.example, www. alone, 3://x").is_empty());
    }
}
