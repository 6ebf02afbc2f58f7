//! The AL2xx rules that read a document's Markdown body: required sections
//! (AL203), banned phrases (AL204), term misuse (AL205), undeclared
//! competitors (AL206), broken relative links (AL212) and unbacked number
//! claims (AL213). Also reads the suppression comments.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use super::*;
use crate::codes::files::AL004;
use crate::collateral::prose::{self, MarkdownScan};
use crate::collateral::suppression::Suppressions;
use crate::map::Term;

/// Runs the body rules; returns the document's suppressions.
pub(super) fn check(
    context: &Context<'_>,
    document: &Document,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Suppressions {
    let body = source.text.get(document.body..).unwrap_or_default();
    let scan = prose::scan(body, document.body);
    let (suppressions, problems) = Suppressions::from_comments(&scan.comments, &source.text);
    for (span, problem) in problems {
        diagnostics.push(source.diagnostic(&AL004, span, problem).with_help(
            "write `align-disable CODES`, `align-enable`, or `align-disable-next-line CODES`",
        ));
    }
    required_sections(context, document, &scan, source, diagnostics);
    wording(context, document, &scan, source, diagnostics);
    links(context, document, &scan, source, diagnostics);
    number_claims(context, document, &scan, source, diagnostics);
    suppressions
}

fn required_sections(
    context: &Context<'_>,
    document: &Document,
    scan: &MarkdownScan,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(kind) = document.kind.as_ref() else {
        return;
    };
    let Some(declared) = context.workspace.settings.kind(&kind.value) else {
        return;
    };
    for section in &declared.required_sections {
        let wanted = section.trim().to_lowercase();
        if !scan
            .headings
            .iter()
            .any(|heading| heading.text.trim().to_lowercase() == wanted)
        {
            diagnostics.push(
                source
                    .file_diagnostic(
                        &AL203,
                        format!("section `{section}` is required for kind `{}`", kind.value),
                    )
                    .with_help(format!("add a heading `## {section}`")),
            );
        }
    }
}

fn wording(
    context: &Context<'_>,
    document: &Document,
    scan: &MarkdownScan,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let map = &context.workspace.map;
    let competitors: Vec<_> = map.competitors.iter().collect();
    let mut mentioned = HashSet::new();
    for found in context.matcher.find(&scan.prose) {
        let Some(pattern) = context.patterns.get(found.pattern) else {
            continue;
        };
        let written = source.text.get(found.span.clone()).unwrap_or_default();
        match *pattern {
            Pattern::Banned(index) => {
                let phrase = &map.phrases[index];
                let mut diagnostic = source.diagnostic(
                    &AL204,
                    found.span,
                    format!("banned phrase `{}`", fold(written)),
                );
                if !phrase.reason.is_empty() {
                    diagnostic.message.push_str(&format!(": {}", phrase.reason));
                }
                diagnostics
                    .push(diagnostic.with_help("rephrase with a claim a cited proof supports"));
            }
            Pattern::Avoided(index) => {
                let term = &map.terms[index];
                // Text already spelled exactly as the preferred form is never a misuse.
                if fold(written) == fold(&term.preferred.value) {
                    continue;
                }
                let preferred = context.preferred.get(index).map_or("", String::as_str);
                if crate::collateral::terms::inside_preferred(
                    scan.prose.as_str(),
                    found.folded.clone(),
                    preferred,
                ) {
                    continue;
                }
                diagnostics.push(misused_term(term, scan, source, found.span, written));
            }
            Pattern::Competitor(index) => {
                let competitor = competitors[index];
                let declared = document
                    .competitors
                    .iter()
                    .any(|c| c.value == competitor.id.value);
                if declared || !mentioned.insert(index) {
                    continue;
                }
                diagnostics.push(
                    source
                        .diagnostic(
                            &AL206,
                            found.span,
                            format!("competitor {} is named but not declared", competitor.name),
                        )
                        .with_help(format!(
                            "add `{}` to `competitors` in the front matter",
                            competitor.id.value
                        )),
                );
            }
        }
    }
}

/// AL205 with a fix that keeps the case pattern of what it replaces,
/// unless replacing would break markup or a reference link.
fn misused_term(
    term: &Term,
    scan: &MarkdownScan,
    source: &SourceFile,
    span: std::ops::Range<usize>,
    written: &str,
) -> Diagnostic {
    let preferred = &term.preferred.value;
    let diagnostic = source.diagnostic(
        &AL205,
        span.clone(),
        format!("write `{preferred}`, not `{}`", fold(written)),
    );
    if written.contains(MARKUP) {
        // Replacing across `*emphasis*` or a link would break the markup.
        return diagnostic.with_help(format!("replace with `{preferred}`"));
    }
    let in_label = scan.links.iter().filter_map(|link| link.label.as_ref());
    if let Some(label) = in_label
        .into_iter()
        .find(|label| label.start < span.end && span.start < label.end)
    {
        let link = source.text.get(label.clone()).unwrap_or_default();
        return diagnostic.with_help(format!(
            "replace with `{preferred}` in the link text and in its definition's label together (`{}` is found by its text, so `--fix` leaves it alone)",
            link.trim()
        ));
    }
    diagnostic
        .with_help(format!(
            "replace with `{preferred}` (`align lint --fix` does it)"
        ))
        .with_fix(span, replacement(term, written))
}

/// The preferred form in the case of the replaced text, unless that text
/// is spelled exactly as the map spells the avoided form (`NL`, `North
/// Ledger`): then its case says nothing about the writer's intent.
fn replacement(term: &Term, written: &str) -> String {
    let as_the_map_spells_it = term
        .avoid
        .iter()
        .any(|avoided| fold(&avoided.value) == fold(written));
    if as_the_map_spells_it {
        term.preferred.value.clone()
    } else {
        crate::collateral::terms::keep_case(written, &term.preferred.value)
    }
}

/// Characters that mean a match runs across Markdown markup.
const MARKUP: &[char] = &['*', '_', '`', '[', ']', '<', '>', '&', '\\'];

/// White space folded to single spaces, as the SPEC compares wording.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn links(
    context: &Context<'_>,
    document: &Document,
    scan: &MarkdownScan,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let root = &context.workspace.root;
    let dir = document.path.parent().unwrap_or(root);
    for link in &scan.links {
        let Some(target) = local_target(&link.destination) else {
            continue;
        };
        let resolved = if let Some(from_root) = target.strip_prefix('/') {
            root.join(from_root)
        } else {
            dir.join(&target)
        };
        if !normalize(&resolved).exists() {
            diagnostics.push(
                source
                    .diagnostic(
                        &AL212,
                        link.span.clone(),
                        format!("link target `{target}` does not exist"),
                    )
                    .with_help("fix the path (relative to this document) or remove the link"),
            );
        }
    }
}

/// The file a link points at, for links into the workspace: no scheme, no
/// pure anchor; `#fragment` and `?query` dropped, `%20` decoded.
fn local_target(destination: &str) -> Option<String> {
    let destination = destination.trim();
    if destination.is_empty() || destination.starts_with('#') || destination.starts_with("//") {
        return None;
    }
    if let Some(colon) = destination.find(':') {
        let scheme = &destination[..colon];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return None;
        }
    }
    let path = destination.split(['#', '?']).next().unwrap_or_default();
    (!path.is_empty()).then(|| percent_decode(path))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok());
        match (
            bytes[index],
            hex.and_then(|pair| u8::from_str_radix(pair, 16).ok()),
        ) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// Resolves `.` and `..` without touching the file system, so a link that
/// climbs through a missing folder is still judged by its target.
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}

fn number_claims(
    context: &Context<'_>,
    document: &Document,
    scan: &MarkdownScan,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let claims = prose::number_claims(&scan.prose);
    if claims.is_empty() {
        return;
    }
    let backing: Vec<&(String, char)> = document
        .proof
        .iter()
        .filter_map(|cited| context.proof_numbers.get(cited.value.as_str()))
        .flatten()
        .collect();
    for claim in claims {
        if backing
            .iter()
            .any(|(number, unit)| *number == claim.number && *unit == claim.unit)
        {
            continue;
        }
        let written = source
            .text
            .get(claim.span.clone())
            .unwrap_or_default()
            .to_owned();
        diagnostics.push(
            source
                .diagnostic(&AL213, claim.span, format!("number claim `{written}` is not backed by cited proof"))
                .with_help("cite the proof whose claim states this number in `proof`, or remove the number"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_links_are_checked() {
        assert_eq!(local_target("https://example.com/x"), None);
        assert_eq!(local_target("mailto:dana@example.com"), None);
        assert_eq!(local_target("#why-we-win"), None);
        assert_eq!(
            local_target("../pricing.md#tiers"),
            Some("../pricing.md".into())
        );
        assert_eq!(local_target("a%20b.md?x=1"), Some("a b.md".into()));
    }

    #[test]
    fn paths_are_normalised_lexically() {
        assert_eq!(
            normalize(Path::new("/w/c/x/../y.md")),
            PathBuf::from("/w/c/y.md")
        );
    }
}
