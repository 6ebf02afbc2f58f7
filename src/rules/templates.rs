//! AL4xx: proposal templates (templates/**/*.md) and key accounts
//! (accounts/*.toml): template syntax, and map ids that a template or an
//! account names but the map does not define.

use crate::codes::templates::*;

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::accounts::{Account, Accounts};
use crate::diagnostic::Diagnostic;
use crate::map::{EntryKind, Map};
use crate::source::SourceFile;
use crate::syntax::Spanned;
use crate::workspace::{Workspace, read_source};

/// Runs AL401 and AL402 (and the AL0xx checks of account files); returns
/// how many files were checked.
pub fn check(workspace: &Workspace, diagnostics: &mut Vec<Diagnostic>) -> usize {
    let (accounts, problems) = Accounts::load(workspace);
    diagnostics.extend(problems);
    for account in accounts.accounts.iter() {
        diagnostics.extend(account_references(&workspace.map, account));
    }
    let (paths, problems) = workspace.files_below(&workspace.settings.paths.templates, "md");
    diagnostics.extend(problems);
    let mut sources = Vec::with_capacity(paths.len());
    for path in &paths {
        match read_source(path, workspace.relative(path)) {
            Ok(source) => sources.push(Arc::new(source)),
            Err(problem) => diagnostics.push(*problem),
        }
    }
    let folder = workspace.folder(&workspace.settings.paths.templates);
    let used_by_others: HashSet<String> = sources
        .iter()
        .flat_map(|source| referenced_templates(&source.text))
        .collect();
    for source in &sources {
        let name = source
            .path
            .strip_prefix(&folder)
            .map(|inside| inside.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let standalone = !used_by_others.contains(&name);
        check_template(workspace, source, standalone, diagnostics);
    }
    accounts.files.len() + paths.len()
}

/// AL402 for one account: every id it names that the map lacks.
pub fn account_references(map: &Map, account: &Account) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let source = &account.origin.source;
    let owner = format!("account `{}`", account.id.value);
    let mut check = |ids: &[Spanned<String>], kind: EntryKind, owner: &str| {
        for id in ids.iter().filter(|id| !map.contains(kind, &id.value)) {
            found.push(
                source
                    .diagnostic(
                        &AL402,
                        id.span.clone(),
                        format!("{owner} names unknown {} `{}`", kind.noun(), id.value),
                    )
                    .with_help(map.unknown_id_help(kind, &id.value)),
            );
        }
    };
    check(&account.segments, EntryKind::Segment, &owner);
    check(&account.requirements, EntryKind::Requirement, &owner);
    check(&account.competitors, EntryKind::Competitor, &owner);
    for contact in &account.contacts {
        let owner = format!("contact {} of {owner}", contact.name);
        check(&contact.cares_about, EntryKind::Requirement, &owner);
    }
    found
}

/// The template's front matter, then AL401 for a template that does not
/// parse, else AL402 for the literal ids of its lookup calls.
fn check_template(
    workspace: &Workspace,
    source: &Arc<SourceFile>,
    standalone: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let map = &workspace.map;
    crate::render::header::read(source, &workspace.settings, diagnostics);
    let text = crate::render::header::blank(&source.text);
    let env = minijinja::Environment::new();
    let template = match env.template_from_named_str(&source.relative, &text) {
        Ok(template) => template,
        Err(error) => {
            let span = syntax_error_span(source, &error);
            let detail = error.detail().unwrap_or("cannot parse the template");
            diagnostics.push(
            source
                .diagnostic(&AL401, span, format!("template syntax error: {detail}"))
                .with_help("every `{% for %}`, `{% if %}` and `{% macro %}` needs its `{% end… %}`; `{{ }}` holds one expression"),
        );
            return;
        }
    };
    let tags = tag_ranges(&text);
    super::template_names::Names {
        map,
        source,
        text: &text,
        tags: &tags,
    }
    .check(&template, standalone, diagnostics);
    for call in lookup_calls(&source.text) {
        if !map.contains(call.kind, &call.id.value) {
            diagnostics.push(
                source
                    .diagnostic(
                        &AL402,
                        call.id.span.clone(),
                        format!(
                            "template calls `{}` with unknown {} `{}`",
                            call.kind.noun(),
                            call.kind.noun(),
                            call.id.value
                        ),
                    )
                    .with_help(map.unknown_id_help(call.kind, &call.id.value)),
            );
        }
    }
}

/// Where a syntax error is: MiniJinja's span when it has one, else the
/// whole line it names.
pub fn syntax_error_span(source: &SourceFile, error: &minijinja::Error) -> std::ops::Range<usize> {
    if let Some(range) = error.range() {
        return range;
    }
    match error.line() {
        Some(line) => source.line_range(line),
        None => 0..0,
    }
}

/// `message("id")` and its kin, with the literal id and its span (inside
/// the quotes).
#[derive(Debug, PartialEq)]
pub struct LookupCall {
    pub kind: EntryKind,
    pub id: Spanned<String>,
}

static CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?:^|[^\w.])(message|proof|feature|requirement|competitor|segment|objection)\s*\(\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\)"#,
    )
    .expect("valid pattern")
});

/// Lookup calls inside `{{ }}` and `{% %}` tags (not in comments, raw
/// blocks or plain text).
pub fn lookup_calls(text: &str) -> Vec<LookupCall> {
    let mut calls = Vec::new();
    for range in tag_ranges(text) {
        let tag = &text[range.clone()];
        for captures in CALL.captures_iter(tag) {
            let kind = match &captures[1] {
                "message" => EntryKind::Message,
                "proof" => EntryKind::Proof,
                "feature" => EntryKind::Feature,
                "requirement" => EntryKind::Requirement,
                "competitor" => EntryKind::Competitor,
                "objection" => EntryKind::Objection,
                _ => EntryKind::Segment,
            };
            let id = captures
                .get(2)
                .or_else(|| captures.get(3))
                .expect("one quote style");
            calls.push(LookupCall {
                kind,
                id: Spanned::new(
                    id.as_str().to_owned(),
                    range.start + id.start()..range.start + id.end(),
                ),
            });
        }
    }
    calls
}

static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b(?:include|import|extends|from)\s+(?:\[\s*)?["']([^"']+)["']"#)
        .expect("valid pattern")
});

/// The templates a template includes, imports or extends by a literal
/// name: they render with its variables, not on their own.
fn referenced_templates(text: &str) -> Vec<String> {
    tag_ranges(text)
        .into_iter()
        .flat_map(|range| {
            REFERENCE
                .captures_iter(&text[range])
                .filter_map(|found| found.get(1).map(|name| name.as_str().to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Byte ranges of the insides of expression and statement tags.
fn tag_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut at = 0;
    let mut in_raw = false;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let closing = match text.as_bytes().get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                at = start + 1;
                continue;
            }
        };
        let inner = start + 2;
        let Some(length) = text[inner..].find(closing) else {
            break;
        };
        let end = inner + length;
        at = end + 2;
        let body =
            text[inner..end].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        if closing == "%}" {
            let word = body.split_whitespace().next().unwrap_or("");
            if in_raw {
                in_raw = word != "endraw";
                continue;
            }
            if word == "raw" {
                in_raw = true;
                continue;
            }
        }
        if in_raw || closing == "#}" {
            continue;
        }
        ranges.push(inner..end);
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_found_in_tags_only() {
        let text = "message(\"prose\") {{ message(\"a\").headline }} {# proof('c') #}\n\
                    {% for id in x %}{{ requirement( 'b' ) }}{% endfor %}\n\
                    {% raw %}{{ segment(\"d\") }}{% endraw %} {{ x.message(\"e\") }}";
        let calls = lookup_calls(text);
        let found: Vec<(&str, &str)> = calls
            .iter()
            .map(|call| (call.kind.noun(), &text[call.id.span.clone()]))
            .collect();
        assert_eq!(found, [("message", "a"), ("requirement", "b")]);
        assert_eq!(calls[0].id.value, "a");
    }
}
