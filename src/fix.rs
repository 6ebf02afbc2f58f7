//! `align lint --fix`: applies the mechanical corrections findings carry
//! (AL205's preferred term), rewriting each file atomically and touching
//! no byte outside the replaced spans.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::Context as _;

use crate::diagnostic::{Diagnostic, Fix};

/// What `apply` changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub fixes: usize,
    pub files: usize,
}

/// Applies every fix of `diagnostics`, file by file. Overlapping fixes
/// keep the first; the rest wait for the next run.
pub fn apply(diagnostics: &[Diagnostic]) -> anyhow::Result<Applied> {
    let mut by_file: BTreeMap<&Path, Vec<&Fix>> = BTreeMap::new();
    for diagnostic in diagnostics {
        if let Some(fix) = &diagnostic.fix {
            by_file.entry(&diagnostic.path).or_default().push(fix);
        }
    }
    let mut applied = Applied::default();
    for (path, mut fixes) in by_file {
        fixes.sort_by_key(|fix| (fix.span.start, fix.span.end));
        let count = rewrite(path, &fixes)?;
        if count > 0 {
            applied.fixes += count;
            applied.files += 1;
        }
    }
    Ok(applied)
}

/// Rewrites one file; returns how many fixes went in.
fn rewrite(path: &Path, fixes: &[&Fix]) -> anyhow::Result<usize> {
    let original = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    // Spans count from after a byte-order mark, which stays in place.
    let bom = if original.starts_with("\u{feff}".as_bytes()) {
        3
    } else {
        0
    };
    let mut fixed = Vec::with_capacity(original.len());
    let mut copied = 0;
    let mut count = 0;
    for fix in fixes {
        let (start, end) = (fix.span.start + bom, fix.span.end + bom);
        if start < copied || end > original.len() || start > end {
            continue;
        }
        fixed.extend_from_slice(&original[copied..start]);
        fixed.extend_from_slice(fix.replacement.as_bytes());
        copied = end;
        count += 1;
    }
    fixed.extend_from_slice(&original[copied..]);
    if count > 0 {
        crate::write::atomic(path, &fixed, true)
            .with_context(|| format!("cannot rewrite {}", path.display()))?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::codes::collateral::AL205;
    use crate::diagnostic::Position;

    fn finding(path: &Path, span: std::ops::Range<usize>, replacement: &str) -> Diagnostic {
        Diagnostic::at(
            &AL205,
            Arc::from(path),
            Position::START,
            Position::START,
            "m",
        )
        .with_fix(span, replacement)
    }

    #[test]
    fn replaces_only_the_spans_and_keeps_a_bom_and_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        fs::write(&path, "\u{feff}North\r\nLedger and North Ledger.\r\n").unwrap();
        let findings = [
            finding(&path, 0..13, "NorthLedger"),
            finding(&path, 18..30, "NorthLedger"),
        ];
        assert_eq!(apply(&findings).unwrap(), Applied { fixes: 2, files: 1 });
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "\u{feff}NorthLedger and NorthLedger.\r\n"
        );
    }

    #[test]
    fn overlapping_fixes_keep_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        fs::write(&path, "abcdef").unwrap();
        let findings = [finding(&path, 0..3, "X"), finding(&path, 2..4, "Y")];
        assert_eq!(apply(&findings).unwrap().fixes, 1);
        assert_eq!(fs::read_to_string(&path).unwrap(), "Xdef");
    }
}
