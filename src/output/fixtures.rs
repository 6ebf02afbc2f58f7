//! The findings every format's snapshot tests render, so the formats can be
//! compared with each other: a multi-line span in TOML, a Markdown line with
//! non-ASCII text, findings with and without help, warnings, a whole-file
//! finding (an empty span at line 1) and one without an excerpt.

use std::path::Path;
use std::sync::Arc;

use super::LintReport;
use crate::codes::{collateral, files, map};
use crate::diagnostic::{self, Diagnostic, Position};
use crate::source::SourceFile;

pub const CWD: &str = "/ws";

const BATTLECARD: &str = "\
---
title: Winning against LegacyCo
kind: battlecard
status: approved
review_by: 2025-01-31
---
# Why we win

Kunden in München sagen: „NorthLedger ist best-in-class“.
";

const CASE_STUDY: &str = "\
---
title: Acme Bank
kind: case-study
---
# Challenge
";

const MESSAGES: &str = "\
[[message]]
id = \"audit-in-minutes\"
headline = \"Audit-ready in minutes, not weeks\"
requirements = [\"audit-trail\"]
proofs = [
  \"acme-bank-audit\",
]
status = \"approved\"
";

fn source(relative: &str, text: &str) -> SourceFile {
    let path = Path::new(CWD).join(relative);
    SourceFile::new(Arc::from(path), relative.to_owned(), text.to_owned())
}

/// The byte range of the first `needle` in `text`.
fn span(text: &str, needle: &str) -> std::ops::Range<usize> {
    let start = text.find(needle).expect("the fixture holds the needle");
    start..start + needle.len()
}

/// Six findings in four files, sorted as `align lint` sorts them.
pub fn diagnostics() -> Vec<Diagnostic> {
    let battlecard = source("collateral/battlecards/legacyco.md", BATTLECARD);
    let case_study = source("collateral/case-studies/acme.md", CASE_STUDY);
    let messages = source("map/messages.toml", MESSAGES);
    let leads = Arc::from(Path::new(CWD).join("leads/q1.csv"));
    let mut diagnostics = vec![
        battlecard.diagnostic(
            &collateral::AL208,
            span(BATTLECARD, "review_by: 2025-01-31"),
            "approved collateral was due for review on 2025-01-31",
        ),
        battlecard
            .diagnostic(
                &collateral::AL204,
                span(BATTLECARD, "best-in-class"),
                "banned phrase \"best-in-class\": unsubstantiated superlative",
            )
            .with_help("say what the customer gets, and cite the proof"),
        case_study.file_diagnostic(
            &collateral::AL209,
            "external collateral (kind `case-study`) carries no message",
        ),
        Diagnostic::at(
            &files::AL001,
            leads,
            Position {
                line: 4,
                column: 17,
            },
            Position {
                line: 4,
                column: 17,
            },
            "unterminated quoted field",
        ),
        messages.diagnostic(
            &map::AL103,
            span(MESSAGES, "[[message]]"),
            "approved message `audit-in-minutes` cites no proof",
        ),
        messages
            .diagnostic(
                &files::AL002,
                span(MESSAGES, "proofs = [\n  \"acme-bank-audit\",\n]"),
                "unknown key `proofs` in [[message]]",
            )
            .with_help("did you mean `proof`?"),
    ];
    diagnostic::sort(&mut diagnostics);
    diagnostics
}

pub fn report(diagnostics: &[Diagnostic]) -> LintReport<'_> {
    LintReport {
        diagnostics,
        files_checked: 7,
        cwd: Path::new(CWD),
        color: false,
        statistics: false,
        quiet: false,
        deny_warnings: false,
    }
}

/// What a format writes, as text.
pub fn render(format: super::LintFormat, report: &LintReport) -> String {
    let mut out = Vec::new();
    super::write_lint(format, report, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("every format writes UTF-8")
}
