//! AL401 for names a template uses that cannot exist when it renders, found
//! without rendering: top-level variables outside the SPEC's template
//! context, fields a map entry does not have (`{{ message.bodyy }}` in
//! `{% for message in messages %}`), and unknown filters. MiniJinja
//! decides what is a builtin (a probe render of the name alone), so a
//! name MiniJinja knows is never reported.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use regex::Regex;

use crate::codes::templates::AL401;
use crate::diagnostic::Diagnostic;
use crate::map::{EntryKind, Map};
use crate::source::SourceFile;
use crate::syntax::fields::did_you_mean;

/// The top-level names of the SPEC's template context.
pub const CONTEXT: [&str; 11] = [
    "workspace",
    "today",
    "account",
    "segments",
    "requirements",
    "competitors",
    "messages",
    "proof",
    "features",
    "terms",
    "objections",
];

/// Filters offered as "did you mean" (whether a filter exists is MiniJinja's
/// answer, not this list's).
const COMMON_FILTERS: [&str; 24] = [
    "safe",
    "escape",
    "lower",
    "upper",
    "title",
    "capitalize",
    "length",
    "trim",
    "join",
    "split",
    "lines",
    "default",
    "round",
    "first",
    "last",
    "sort",
    "list",
    "string",
    "unique",
    "map",
    "select",
    "reject",
    "replace",
    "indent",
];

/// What one template uses, checked against what its context has.
pub struct Names<'a> {
    pub map: &'a Map,
    pub source: &'a SourceFile,
    /// The template as MiniJinja reads it (front matter blanked).
    pub text: &'a str,
    /// The insides of its `{{ }}` and `{% %}` tags.
    pub tags: &'a [Range<usize>],
}

impl Names<'_> {
    /// Unknown top-level names (only for a template rendered on its own:
    /// an included one sees its includer's variables) and unknown
    /// filters and entry fields.
    pub fn check(
        &self,
        template: &minijinja::Template<'_, '_>,
        standalone: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let probe = probe_environment();
        if standalone {
            self.top_level(template, &probe, diagnostics);
        }
        self.filters(&probe, diagnostics);
        self.loop_fields(diagnostics);
        self.lookup_fields(diagnostics);
    }

    /// `{{ message("audit-in-minutes").bodyy }}`.
    fn lookup_fields(&self, diagnostics: &mut Vec<Diagnostic>) {
        for tag in self.tags {
            let code = without_strings(self.text.get(tag.clone()).unwrap_or_default());
            for used in LOOKUP_FIELD.captures_iter(&code) {
                let (Some(function), Some(field)) = (used.get(1), used.get(2)) else {
                    continue;
                };
                if used.get(3).is_some() {
                    continue;
                }
                let kind = crate::render::context::FUNCTIONS
                    .iter()
                    .copied()
                    .find(|kind| kind.noun() == function.as_str());
                let Some(kind) = kind else { continue };
                let fields = crate::render::context::field_names(self.map, kind);
                if fields.iter().any(|known| known == field.as_str()) {
                    continue;
                }
                let known: Vec<&str> = fields.iter().map(String::as_str).collect();
                let call = code
                    .get(function.start()..field.start())
                    .unwrap_or_default();
                let call = call.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
                let original = self
                    .text
                    .get(tag.start + function.start()..tag.start + function.start() + call.len())
                    .unwrap_or(call);
                diagnostics.push(self.field_diagnostic(
                    original,
                    field.as_str(),
                    &known,
                    tag.start + function.start()..tag.start + field.end(),
                ));
            }
        }
    }

    fn top_level(
        &self,
        template: &minijinja::Template<'_, '_>,
        probe: &Environment<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut known: Vec<&str> = CONTEXT.to_vec();
        known.extend(
            crate::render::context::FUNCTIONS
                .iter()
                .map(|kind| kind.noun()),
        );
        let undeclared: BTreeSet<String> =
            template.undeclared_variables(true).into_iter().collect();
        let mut reported = BTreeSet::new();
        for dotted in &undeclared {
            let (name, attribute) = match dotted.split_once('.') {
                Some((name, attribute)) => (name, Some(attribute)),
                None => (dotted.as_str(), None),
            };
            if !known.contains(&name) && !is_builtin_global(probe, name) {
                if reported.insert(name.to_owned()) {
                    let help = match did_you_mean(name, &known) {
                        Some(close) => format!("did you mean `{close}`? "),
                        None => String::new(),
                    } + &format!("the context has {}", CONTEXT.join(", "));
                    self.report(name, format!("unknown name `{name}`"), help, diagnostics);
                }
                continue;
            }
            let attributes: &[&str] = match name {
                "workspace" => &["name"],
                "account" => &[
                    "id",
                    "name",
                    "segments",
                    "requirements",
                    "competitors",
                    "contacts",
                ],
                _ => continue,
            };
            let Some(attribute) = attribute.map(|a| a.split('.').next().unwrap_or(a)) else {
                continue;
            };
            if !attributes.contains(&attribute) {
                self.report_field(name, attribute, attributes, diagnostics);
            }
        }
    }

    fn filters(&self, probe: &Environment<'_>, diagnostics: &mut Vec<Diagnostic>) {
        let mut seen = BTreeSet::new();
        for tag in self.tags {
            let code = without_strings(self.text.get(tag.clone()).unwrap_or_default());
            for found in FILTER.captures_iter(&code) {
                let Some(name) = found.get(1) else { continue };
                let name = name.as_str();
                if !seen.insert(name.to_owned()) || !is_unknown_filter(probe, name) {
                    continue;
                }
                let help = match did_you_mean(name, &COMMON_FILTERS) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => "see the filters MiniJinja provides: https://docs.rs/minijinja/latest/minijinja/filters/".into(),
                };
                let span = self.first_in_tags(&format!(r"\|\s*({})\b", regex::escape(name)));
                diagnostics.push(
                    self.source
                        .diagnostic(&AL401, span, format!("unknown filter `{name}`"))
                        .with_help(help),
                );
            }
        }
    }

    /// `{% for message in messages %}…{{ message.bodyy }}…{% endfor %}`.
    fn loop_fields(&self, diagnostics: &mut Vec<Diagnostic>) {
        let mut seen = BTreeSet::new();
        for (index, tag) in self.tags.iter().enumerate() {
            let inside = self.text.get(tag.clone()).unwrap_or_default();
            let Some(found) = FOR
                .captures(inside.trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace()))
            else {
                continue;
            };
            let (Some(variable), Some(list)) = (found.get(1), found.get(2)) else {
                continue;
            };
            let Some(fields) = self.fields_of(list.as_str()) else {
                continue;
            };
            let body = loop_body(self.text, self.tags, index);
            let field = Regex::new(&format!(
                r"(?:^|[^\w.])({})\s*\.\s*([A-Za-z_]\w*)\b(\s*\()?",
                regex::escape(variable.as_str())
            ));
            let Ok(field) = field else { continue };
            for tag in body {
                let code = without_strings(self.text.get(tag.clone()).unwrap_or_default());
                for used in field.captures_iter(&code) {
                    let (Some(whole), Some(name)) = (used.get(1), used.get(2)) else {
                        continue;
                    };
                    let name = name.as_str();
                    if used.get(3).is_some() || fields.iter().any(|f| f == name) {
                        continue;
                    }
                    if !seen.insert((variable.as_str().to_owned(), name.to_owned())) {
                        continue;
                    }
                    let known: Vec<&str> = fields.iter().map(String::as_str).collect();
                    let span = tag.start + whole.start()
                        ..tag.start + used.get(2).map_or(whole.end(), |m| m.end());
                    diagnostics.push(self.field_diagnostic(variable.as_str(), name, &known, span));
                }
            }
        }
    }

    /// The fields of the items of a context list, for the lists whose
    /// items are known.
    fn fields_of(&self, list: &str) -> Option<Vec<String>> {
        let last = list.rsplit('.').next().unwrap_or(list);
        let kind = match (list, last) {
            ("messages", _) => EntryKind::Message,
            (_, "proof") => EntryKind::Proof,
            (_, "features") => EntryKind::Feature,
            ("requirements", _) => EntryKind::Requirement,
            ("competitors", _) => EntryKind::Competitor,
            ("segments", _) => EntryKind::Segment,
            ("objections", _) => EntryKind::Objection,
            ("account.contacts", _) => {
                return Some(vec!["name".into(), "role".into(), "cares_about".into()]);
            }
            _ => return None,
        };
        Some(crate::render::context::field_names(self.map, kind))
    }

    fn report_field(
        &self,
        variable: &str,
        field: &str,
        known: &[&str],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let span = self.first_in_tags(&format!(
            r"\b{}\s*\.\s*{}\b",
            regex::escape(variable),
            regex::escape(field)
        ));
        diagnostics.push(self.field_diagnostic(variable, field, known, span));
    }

    fn field_diagnostic(
        &self,
        variable: &str,
        field: &str,
        known: &[&str],
        span: Range<usize>,
    ) -> Diagnostic {
        let help = match did_you_mean(field, known) {
            Some(close) => format!("did you mean `{variable}.{close}`?"),
            None => format!("`{variable}` has {}", known.join(", ")),
        };
        self.source
            .diagnostic(&AL401, span, format!("`{variable}` has no field `{field}`"))
            .with_help(help)
    }

    fn report(&self, name: &str, message: String, help: String, diagnostics: &mut Vec<Diagnostic>) {
        let span = self.first_in_tags(&format!(r"(?:^|[^\w.])({})\b", regex::escape(name)));
        diagnostics.push(
            self.source
                .diagnostic(&AL401, span, message)
                .with_help(help),
        );
    }

    /// Where `pattern` (its first group, else all of it) first matches
    /// inside a tag, strings left out; the start of the file otherwise.
    fn first_in_tags(&self, pattern: &str) -> Range<usize> {
        let Ok(pattern) = Regex::new(pattern) else {
            return 0..0;
        };
        for tag in self.tags {
            let code = without_strings(self.text.get(tag.clone()).unwrap_or_default());
            if let Some(found) = pattern.captures(&code) {
                let matched = found.get(1).or_else(|| found.get(0));
                if let Some(matched) = matched {
                    return tag.start + matched.start()..tag.start + matched.end();
                }
            }
        }
        0..0
    }
}

static FILTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\|\s*([A-Za-z_]\w*)").expect("valid pattern"));

static LOOKUP_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?:^|[^\w.])(message|proof|feature|requirement|competitor|segment)\s*\(\s*(?:"[^"]*"|'[^']*')\s*\)\s*\.\s*([A-Za-z_]\w*)\b(\s*\()?"#,
    )
    .expect("valid pattern")
});

static FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^for\s+([A-Za-z_]\w*)\s+in\s+([A-Za-z_][\w.]*)\s*(?:\|.*|if\s.*|recursive\s*)?$")
        .expect("valid pattern")
});

/// MiniJinja with its builtins and strict undefined, to ask what exists.
fn probe_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env
}

fn is_builtin_global(probe: &Environment<'_>, name: &str) -> bool {
    probe
        .render_str(&format!("{{{{ {name} is defined }}}}"), ())
        .is_ok_and(|shown| shown.eq_ignore_ascii_case("true"))
}

fn is_unknown_filter(probe: &Environment<'_>, name: &str) -> bool {
    probe
        .render_str(&format!("{{{{ 1|{name} }}}}"), ())
        .is_err_and(|error| error.kind() == ErrorKind::UnknownFilter)
}

/// The tags between a `{% for %}` (at `index`) and its `{% endfor %}`.
fn loop_body<'t>(text: &str, tags: &'t [Range<usize>], index: usize) -> &'t [Range<usize>] {
    let rest = tags.get(index + 1..).unwrap_or_default();
    let mut depth = 0usize;
    for (offset, tag) in rest.iter().enumerate() {
        let word = text
            .get(tag.clone())
            .unwrap_or_default()
            .trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace())
            .split_whitespace()
            .next()
            .unwrap_or_default();
        match word {
            "for" => depth += 1,
            "endfor" if depth == 0 => return &rest[..offset],
            "endfor" => depth -= 1,
            _ => {}
        }
    }
    rest
}

/// A tag's code with the insides of string literals blanked, so text in
/// quotes is never read as a name; offsets are kept.
fn without_strings(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in code.chars() {
        match quote {
            Some(open) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == open {
                    quote = None;
                    out.push(c);
                    continue;
                }
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_blanked_with_offsets_kept() {
        let code = r#" x|join(", ") ~ 'a|b\'c' "#;
        let blanked = without_strings(code);
        assert_eq!(blanked.len(), code.len());
        assert_eq!(blanked, r#" x|join("  ") ~ '      ' "#);
    }

    #[test]
    fn minijinja_says_what_exists() {
        let probe = probe_environment();
        assert!(is_builtin_global(&probe, "range"));
        assert!(is_builtin_global(&probe, "namespace"));
        assert!(!is_builtin_global(&probe, "messagez"));
        assert!(is_unknown_filter(&probe, "uper"));
        assert!(!is_unknown_filter(&probe, "upper"));
        assert!(!is_unknown_filter(&probe, "join"));
    }
}
