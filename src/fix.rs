//! `align lint --fix`: applies the mechanical corrections findings carry
//! (AL205's preferred term), rewriting each file atomically and touching
//! no byte outside the replaced spans.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::Context as _;

use crate::diagnostic::{Diagnostic, Fix};

/// What `apply` changed, or `preview` would change.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub fixes: usize,
    pub files: usize,
}

/// One file's text before and after its fixes.
#[derive(Debug)]
pub struct FileFix<'a> {
    pub path: &'a Path,
    pub original: Vec<u8>,
    pub fixed: Vec<u8>,
    pub fixes: usize,
}

/// Applies every fix of `diagnostics`, file by file. Overlapping fixes
/// keep the first; the rest wait for the next run.
pub fn apply(diagnostics: &[Diagnostic]) -> anyhow::Result<Applied> {
    let planned = plan(diagnostics)?;
    for file in &planned {
        crate::write::atomic(file.path, &file.fixed, true)
            .with_context(|| format!("cannot rewrite {}", file.path.display()))?;
    }
    Ok(count(&planned))
}

/// What `apply` would do, as a unified diff per file (paths shown by
/// `display`), writing nothing.
pub fn preview(
    diagnostics: &[Diagnostic],
    display: impl Fn(&Path) -> String,
) -> anyhow::Result<(String, Applied)> {
    let planned = plan(diagnostics)?;
    let mut diff = String::new();
    for file in &planned {
        let name = display(file.path);
        let before = String::from_utf8_lossy(&file.original);
        let after = String::from_utf8_lossy(&file.fixed);
        let text = similar::TextDiff::from_lines(before.as_ref(), after.as_ref());
        let unified = text
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string();
        diff.push_str(&unified);
    }
    Ok((diff, count(&planned)))
}

fn count(planned: &[FileFix<'_>]) -> Applied {
    Applied {
        fixes: planned.iter().map(|file| file.fixes).sum(),
        files: planned.len(),
    }
}

/// The new text of every file some fix changes.
pub fn plan(diagnostics: &[Diagnostic]) -> anyhow::Result<Vec<FileFix<'_>>> {
    let mut by_file: BTreeMap<&Path, Vec<&Fix>> = BTreeMap::new();
    for diagnostic in diagnostics {
        if let Some(fix) = &diagnostic.fix {
            by_file.entry(&diagnostic.path).or_default().push(fix);
        }
    }
    let mut planned = Vec::new();
    for (path, mut fixes) in by_file {
        fixes.sort_by_key(|fix| (fix.span.start, fix.span.end));
        let original = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let (fixed, count) = fix_text(&original, &fixes);
        if count > 0 && fixed != original {
            planned.push(FileFix {
                path,
                original,
                fixed,
                fixes: count,
            });
        }
    }
    Ok(planned)
}

/// `original` with `fixes` (sorted by span) applied; how many went in.
pub fn fix_text(original: &[u8], fixes: &[&Fix]) -> (Vec<u8>, usize) {
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
        let Some(before) = original.get(copied..start) else {
            continue;
        };
        if end > original.len() || start > end {
            continue;
        }
        fixed.extend_from_slice(before);
        fixed.extend_from_slice(fix.replacement.as_bytes());
        copied = end;
        count += 1;
    }
    fixed.extend_from_slice(original.get(copied..).unwrap_or_default());
    (fixed, count)
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
