//! Shared pieces of data output: spreadsheet-safe CSV cells and atomic
//! file writes.

use std::borrow::Cow;

/// A CSV cell that a spreadsheet will not run as a formula: a leading `=`,
/// `+`, `-`, `@` (or tab / carriage return) gets a `'` in front.
pub fn csv_safe(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_safe("-5"), "'-5");
        assert_eq!(csv_safe("@x"), "'@x");
        assert_eq!(csv_safe("+1"), "'+1");
        assert_eq!(csv_safe("acme"), "acme");
        assert_eq!(csv_safe(""), "");
    }
}
