//! A collateral document's front matter: what it is (kind, status, owner,
//! review date) and which part of the map it serves and cites.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;

use super::front_matter::{self, Split};
use crate::codes::files::{AL001, AL004};
use crate::diagnostic::{Diagnostic, Excerpt, Position};
use crate::map::Situation;
use crate::source::SourceFile;
use crate::syntax::yaml::YamlError;
use crate::syntax::{Fields, Kind, Spanned, Value};
use crate::workspace::settings::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Review,
    Approved,
    Retired,
}

/// Where a value was written, kept after the file's text is dropped so a
/// finding found later (a duplicate id) can still show it.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub start: Position,
    pub end: Position,
    pub excerpt: Option<Box<Excerpt>>,
}

impl Anchor {
    pub fn of(source: &SourceFile, span: Range<usize>) -> Anchor {
        let located = source.diagnostic(&AL001, span, "");
        Anchor {
            start: located.start,
            end: located.end,
            excerpt: located.excerpt,
        }
    }

    pub fn diagnostic(
        &self,
        rule: &'static crate::codes::Rule,
        path: Arc<Path>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut diagnostic = Diagnostic::at(rule, path, self.start, self.end, message);
        diagnostic.excerpt = self.excerpt.clone();
        diagnostic
    }
}

#[derive(Debug, Clone)]
pub struct Document {
    pub path: Arc<Path>,
    /// Relative to the workspace root, with `/` separators.
    pub relative: String,
    pub id: Spanned<String>,
    pub id_anchor: Anchor,
    pub title: String,
    pub kind: Option<Spanned<String>>,
    pub segments: Vec<Spanned<String>>,
    pub requirements: Vec<Spanned<String>>,
    pub competitors: Vec<Spanned<String>>,
    pub messages: Vec<Spanned<String>>,
    pub proof: Vec<Spanned<String>>,
    pub owner: Option<String>,
    pub status: Option<Status>,
    pub review_by: Option<Spanned<Date>>,
    pub account: Option<Spanned<String>>,
    /// Front matter fields that hold a non-empty value.
    pub filled: Vec<&'static str>,
    /// Where the Markdown body starts.
    pub body: usize,
}

impl Document {
    /// The selling situation the document declares.
    pub fn situation(&self) -> Situation {
        Situation::declared(&self.segments, &self.requirements, &self.competitors)
    }

    pub fn is_filled(&self, field: &str) -> bool {
        self.filled.contains(&field)
    }

    /// Reads the front matter of `source`; problems go to `diagnostics`.
    pub fn read(
        source: &SourceFile,
        settings: &Settings,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Document {
        let stem = Path::new(&source.relative)
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut document = Document {
            path: source.path.clone(),
            relative: source.relative.clone(),
            id: Spanned::new(stem, 0..0),
            id_anchor: Anchor::of(source, 0..0),
            title: String::new(),
            kind: None,
            segments: Vec::new(),
            requirements: Vec::new(),
            competitors: Vec::new(),
            messages: Vec::new(),
            proof: Vec::new(),
            owner: None,
            status: None,
            review_by: None,
            account: None,
            filled: Vec::new(),
            body: 0,
        };
        let split = front_matter::split(&source.text);
        let yaml = matches!(split, Split::Yaml { .. });
        let parsed = match split {
            Split::None => {
                diagnostics.push(
                    source
                        .file_diagnostic(&AL004, "collateral has no front matter")
                        .with_help(
                            "start the file with `---`, `kind: <a declared kind>` and `---`",
                        ),
                );
                return document;
            }
            Split::Unterminated { fence, toml } => {
                // Without a closing fence nothing after it can be told apart
                // from front matter, so the body is left unchecked.
                document.body = source.text.len();
                let closing = if toml { "+++" } else { "---" };
                diagnostics.push(
                    source
                        .diagnostic(&AL001, fence, "front matter is never closed")
                        .with_help(format!(
                            "end the front matter with a line holding only `{closing}`"
                        )),
                );
                return document;
            }
            Split::Yaml { content, body } => {
                document.body = body;
                crate::syntax::yaml::parse(&source.text[content.clone()], content.start)
            }
            Split::Toml { content, body } => {
                document.body = body;
                crate::syntax::toml::parse_at(&source.text[content.clone()], content.start).map_err(
                    |error| YamlError {
                        span: error.span,
                        message: error.message,
                        help: None,
                    },
                )
            }
        };
        match parsed {
            Ok(root) => document.read_fields(&root, yaml, source, settings, diagnostics),
            Err(error) => {
                let mut diagnostic = source.diagnostic(&AL001, error.span, error.message);
                diagnostic.help = error.help;
                diagnostics.push(diagnostic);
            }
        }
        document
    }

    fn read_fields(
        &mut self,
        root: &Value,
        yaml: bool,
        source: &SourceFile,
        settings: &Settings,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let Some(mut fields) = Fields::of(root, "front matter", source, diagnostics) else {
            return;
        };
        // `messages: audit-in-minutes` is a one-item list to a YAML reader.
        fields.accept_scalar_lists(yaml);
        if let Some(id) = fields.string("id") {
            if crate::syntax::fields::is_valid_id(&id.value) {
                self.id_anchor = Anchor::of(source, id.span.clone());
                self.id = id;
            } else {
                fields
                    .problem(
                        &AL004,
                        id.span.clone(),
                        format!("invalid id `{}`", id.value),
                    )
                    .help = Some("ids are lowercase letters, digits and dashes".into());
            }
        }
        self.title = fields.string("title").map(|t| t.value).unwrap_or_default();
        self.kind = fields.string("kind");
        match &self.kind {
            Some(kind) if settings.kind(&kind.value).is_none() => {
                let names: Vec<&str> = settings.kinds.iter().map(|k| k.name.as_str()).collect();
                let help = match crate::syntax::fields::did_you_mean(&kind.value, &names) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None if names.is_empty() => {
                        "declare kinds under `[collateral.kinds.NAME]` in align.toml".into()
                    }
                    None => format!("declared kinds: {}", names.join(", ")),
                };
                fields
                    .problem(
                        &AL004,
                        kind.span.clone(),
                        format!(
                            "collateral kind `{}` is not declared in align.toml",
                            kind.value
                        ),
                    )
                    .help = Some(help);
            }
            Some(_) => {}
            None if fields.value("kind").is_none() => fields.missing("kind"),
            None => {}
        }
        self.segments = fields.ids("segments");
        self.requirements = fields.ids("requirements");
        self.competitors = fields.ids("competitors");
        self.messages = fields.ids("messages");
        self.proof = fields.ids("proof");
        self.owner = fields.string("owner").map(|o| o.value);
        self.status = crate::map::choose(
            &mut fields,
            "status",
            &[
                ("draft", Status::Draft),
                ("review", Status::Review),
                ("approved", Status::Approved),
                ("retired", Status::Retired),
            ],
        );
        self.review_by = fields.date("review_by");
        self.account = fields.string("account");
        fields.string("template");
        fields.string("revision");
        // What a rendered draft could not address; for people, not rules.
        fields.strings("gaps");
        if let Kind::Table(table) = &root.kind {
            self.filled = crate::workspace::settings::FRONT_MATTER_FIELDS
                .iter()
                .copied()
                .filter(|field| {
                    table
                        .get(field)
                        .is_some_and(|entry| !is_empty(&entry.value))
                })
                .collect();
        }
        fields.finish();
    }
}

fn is_empty(value: &Value) -> bool {
    match &value.kind {
        Kind::Null => true,
        Kind::String(text) => text.trim().is_empty(),
        Kind::Array(items) => items.is_empty(),
        Kind::Table(table) => table.entries.is_empty(),
        _ => false,
    }
}
