//! Number claims (rule AL213): a number followed by `%`, `x` or `×` in
//! prose, such as `70%`, `3x` or `2.5×`. A claim is backed when a cited
//! proof's `claim` text contains the same number and unit, so both sides go
//! through the same extraction and compare as plain values.

use std::ops::Range;

use super::{Prose, fold, is_word_char};

/// A number claimed in prose.
///
/// Reading rules, chosen so that a claim and its proof compare equal however
/// each is typed, and so that look-alikes are not claims:
///
/// - `%` may follow the number directly or after white space (`70 %`,
///   common in European typography; folding makes any run one space); `x`
///   and `×` must follow directly (`3x`, `2.5×`), because `3 x 4` is a size,
///   not a claim. Case does not matter (`3X`).
/// - The claim is a whole word: `v3x`, `13x` (which is the claim `13`, never
///   `3`), `0x1F` and `3x4` are not claims of `3x`. A letter or digit may not
///   follow `x` or `×`; anything may follow `%`.
/// - `,` between groups of three digits is a thousands separator
///   (`1,200%` is `1200`); a decimal comma (`2,5x`) is not read as a number.
///   A sign is not part of the number (`-30%` claims `30`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberClaim {
    /// The number normalised: no thousands separators, no leading zeros in
    /// the integer part, no trailing zeros in the fraction and no `.` when
    /// the fraction is empty, so `2.50x`, `2.5x` and `02.5x` are all `2.5`
    /// and `3.0x` is `3`.
    pub number: String,
    /// `%` or `x` (`×` is read as `x`).
    pub unit: char,
    /// The number and its unit in the file.
    pub span: Range<usize>,
}

/// Every number claim in a document's prose, in order.
pub fn number_claims(prose: &Prose) -> Vec<NumberClaim> {
    claims(prose.as_str())
        .into_iter()
        .map(|(number, unit, folded)| NumberClaim {
            number,
            unit,
            span: prose.original_span(folded),
        })
        .collect()
}

/// The same extraction over plain text (a proof's `claim` string), so claims
/// compare equal: `(number, unit)` as in [`NumberClaim`].
pub fn number_claims_in_text(text: &str) -> Vec<(String, char)> {
    claims(&fold(text))
        .into_iter()
        .map(|(number, unit, _)| (number, unit))
        .collect()
}

/// Claims in folded text: normalised number, unit, and the folded range of
/// the number and its unit.
fn claims(text: &str) -> Vec<(String, char, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(digit) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
    {
        let start = at + digit;
        let number = Number::read(bytes, start);
        at = number.end;
        if !starts_number(text, start) {
            continue;
        }
        if let Some((unit, end)) = unit_after(text, number.end) {
            found.push((number.normalised(bytes, start), unit, start..end));
        }
    }
    found
}

/// The extent of a number starting at a digit.
struct Number {
    /// End of the integer part, thousands groups included.
    integer_end: usize,
    /// End of the whole number, fraction included.
    end: usize,
}

impl Number {
    fn read(bytes: &[u8], start: usize) -> Number {
        let mut end = start + digits_at(bytes, start);
        // Thousands groups only after a first group of one to three digits.
        if end - start <= 3 {
            while bytes.get(end) == Some(&b',') && digits_at(bytes, end + 1) == 3 {
                end += 4;
            }
        }
        let integer_end = end;
        if bytes.get(end) == Some(&b'.') {
            let fraction = digits_at(bytes, end + 1);
            if fraction > 0 {
                end += 1 + fraction;
            }
        }
        Number { integer_end, end }
    }

    fn normalised(&self, bytes: &[u8], start: usize) -> String {
        let integer = bytes.get(start..self.integer_end).unwrap_or_default();
        let fraction = bytes
            .get(self.integer_end + 1..self.end)
            .unwrap_or_default();
        let mut number = String::with_capacity(self.end - start);
        let digits = integer.iter().filter(|b| b.is_ascii_digit());
        for &digit in digits.skip_while(|&&b| b == b'0') {
            number.push(char::from(digit));
        }
        if number.is_empty() {
            number.push('0');
        }
        let significant = fraction
            .iter()
            .rposition(|&b| b != b'0')
            .map_or(0, |last| last + 1);
        if significant > 0 {
            number.push('.');
            for &digit in fraction.iter().take(significant) {
                number.push(char::from(digit));
            }
        }
        number
    }
}

fn digits_at(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..).map_or(0, |rest| {
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    })
}

/// Whether a digit run at `start` begins a number of its own, rather than
/// continuing a word (`v3`), a version (`1.2.3`) or a malformed number
/// (`12,5`).
fn starts_number(text: &str, start: usize) -> bool {
    let mut before = text.get(..start).unwrap_or_default().chars().rev();
    match before.next() {
        None => true,
        Some('.') => false,
        Some(',') => !before.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) => !is_word_char(c),
    }
}

/// The unit right after a number ending at `end`, and where the claim ends.
fn unit_after(text: &str, end: usize) -> Option<(char, usize)> {
    let rest = text.get(end..)?;
    let mut chars = rest.chars();
    let first = chars.next()?;
    match first {
        '%' => Some(('%', end + 1)),
        ' ' if chars.next() == Some('%') => Some(('%', end + 2)),
        'x' | '×' if !chars.next().is_some_and(is_word_char) => {
            Some(('x', end + first.len_utf8()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collateral::prose::scan;

    fn claimed(text: &str) -> Vec<(String, char)> {
        number_claims_in_text(text)
    }

    fn claim(number: &str, unit: char) -> (String, char) {
        (number.to_owned(), unit)
    }

    #[test]
    fn reads_percent_and_multiples() {
        assert_eq!(
            claimed("70% fewer errors, 3x faster, 2.5× the throughput, 4X more"),
            [
                claim("70", '%'),
                claim("3", 'x'),
                claim("2.5", 'x'),
                claim("4", 'x')
            ]
        );
    }

    #[test]
    fn allows_one_space_before_percent_only() {
        assert_eq!(claimed("70 % and 3 x 4"), [claim("70", '%')]);
        assert_eq!(claimed("70\n  %"), [claim("70", '%')]);
        assert!(claimed("3 × 4").is_empty());
    }

    #[test]
    fn look_alikes_are_not_claims() {
        assert!(claimed("0x1F max v3x 3x4 3xl 1.2.3% 12,5% 3×4 .5x").is_empty());
    }

    #[test]
    fn a_longer_number_is_read_whole() {
        assert_eq!(claimed("13x"), [claim("13", 'x')]);
        assert_eq!(
            claimed("1,200% and 1,234,567x"),
            [claim("1200", '%'), claim("1234567", 'x')]
        );
        assert_eq!(claimed("1,2345%"), []);
    }

    #[test]
    fn normalises_zeros_and_ignores_sign() {
        assert_eq!(
            claimed("2.50x, 3.0x, 02.5x, 0.5x, -30%, 0%"),
            [
                claim("2.5", 'x'),
                claim("3", 'x'),
                claim("2.5", 'x'),
                claim("0.5", 'x'),
                claim("30", '%'),
                claim("0", '%'),
            ]
        );
    }

    #[test]
    fn unit_may_end_a_sentence_or_precede_punctuation() {
        assert_eq!(claimed("It is 3x."), [claim("3", 'x')]);
        assert_eq!(claimed("(40%)"), [claim("40", '%')]);
    }

    #[test]
    fn proof_and_prose_compare_equal() {
        let scanned = scan("We cut audit prep by **1,200%** and ran 2.50X faster.\n", 0);
        let in_prose: Vec<_> = number_claims(&scanned.prose)
            .into_iter()
            .map(|claim| (claim.number, claim.unit))
            .collect();
        assert_eq!(in_prose, claimed("Prep time down 1200 %; 2.5× faster"));
    }

    #[test]
    fn spans_cover_number_and_unit_in_the_file() {
        let body = "Intro\n\nÜber 2.5× and  70\n%.\n";
        let scanned = scan(body, 100);
        let spans: Vec<_> = number_claims(&scanned.prose)
            .into_iter()
            .map(|claim| claim.span)
            .collect();
        let texts: Vec<_> = spans
            .iter()
            .map(|span| body.get(span.start - 100..span.end - 100).unwrap_or("?"))
            .collect();
        assert_eq!(texts, ["2.5×", "70\n%"]);
    }

    #[test]
    fn not_across_blocks_or_inline_code() {
        let scanned = scan("Up 70\n\n%\n\nUp `70`% and 3`x`\n", 0);
        assert!(number_claims(&scanned.prose).is_empty());
    }
}
