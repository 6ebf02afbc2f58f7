//! Numbers in lead cells, as CRMs and spreadsheets write them: `450`,
//! `1,200`, `-3`, `84000.50`. Read without allocating, since numeric rules
//! run on every row.

/// Longest cell read as a number; anything longer is not one.
const MAX_NUMBER_LEN: usize = 64;

/// Reads a cell as a number, after trimming white space.
///
/// Accepted: an optional sign, digits, optional thousands separators (`,`
/// between groups of exactly three digits, as in `1,200` or `12,345,678`),
/// and an optional `.` with at least one digit after it. Anything else (a
/// currency sign, a unit, `1e3`, `1.200,50`) is not a number, so that a cell
/// is never read as something its author did not mean. Empty is `None`.
pub fn parse_number(cell: &[u8]) -> Option<f64> {
    let text = trim(cell);
    if text.is_empty() || text.len() > MAX_NUMBER_LEN {
        return None;
    }
    let (sign, digits) = match text {
        [b'-', rest @ ..] => (-1.0, rest),
        [b'+', rest @ ..] => (1.0, rest),
        _ => (1.0, text),
    };
    let (whole, fraction) = match memchr::memchr(b'.', digits) {
        Some(dot) => (&digits[..dot], Some(&digits[dot + 1..])),
        None => (digits, None),
    };
    if whole.is_empty() || !valid_whole(whole) {
        return None;
    }
    if let Some(fraction) = fraction {
        if fraction.is_empty() || !fraction.iter().all(u8::is_ascii_digit) {
            return None;
        }
    }
    // Copy the digits without separators into a stack buffer for `parse`.
    let mut buffer = [0u8; MAX_NUMBER_LEN];
    let mut len = 0;
    for &byte in digits.iter().filter(|&&b| b != b',') {
        buffer[len] = byte;
        len += 1;
    }
    let plain = std::str::from_utf8(&buffer[..len]).ok()?;
    plain.parse::<f64>().ok().map(|value| sign * value)
}

/// Digits, or digit groups separated by `,` where every group after the
/// first has exactly three digits and the first has one to three.
fn valid_whole(whole: &[u8]) -> bool {
    if !whole.contains(&b',') {
        return whole.iter().all(u8::is_ascii_digit);
    }
    let mut groups = whole.split(|&b| b == b',');
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len())
        && first.iter().all(u8::is_ascii_digit)
        && groups.all(|group| group.len() == 3 && group.iter().all(u8::is_ascii_digit))
}

/// A cell without surrounding white space (ASCII, and the no-break space
/// some spreadsheets leave).
pub fn trim(cell: &[u8]) -> &[u8] {
    let mut cell = cell.trim_ascii();
    loop {
        if let Some(rest) = cell.strip_prefix("\u{a0}".as_bytes()) {
            cell = rest.trim_ascii_start();
        } else if let Some(rest) = cell.strip_suffix("\u{a0}".as_bytes()) {
            cell = rest.trim_ascii_end();
        } else {
            return cell;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Option<f64> {
        parse_number(text.as_bytes())
    }

    #[test]
    fn reads_plain_and_grouped_numbers() {
        assert_eq!(number("450"), Some(450.0));
        assert_eq!(number("1,200"), Some(1200.0));
        assert_eq!(number(" 12,345,678 "), Some(12_345_678.0));
        assert_eq!(number("84000.50"), Some(84_000.5));
        assert_eq!(number("1,200.5"), Some(1200.5));
        assert_eq!(number("-3"), Some(-3.0));
        assert_eq!(number("+7"), Some(7.0));
        assert_eq!(number("007"), Some(7.0));
        assert_eq!(number("\u{a0}200\u{a0}"), Some(200.0));
    }

    #[test]
    fn rejects_what_is_not_clearly_a_number() {
        for text in [
            "",
            "  ",
            "abc",
            "12 employees",
            "$84,000",
            "1e3",
            "1.200,50",
            "1,20",
            "1,2000",
            ",200",
            "1,",
            "1.",
            ".5",
            "1.2.3",
            "--1",
            "-",
            "NaN",
            "inf",
            "1 200",
        ] {
            assert_eq!(number(text), None, "{text:?}");
        }
        assert_eq!(number(&"9".repeat(65)), None);
    }
}
