//! A template's front matter: what it declares about the draft it
//! produces. Today that is the draft's collateral `kind` (a follow-up email
//! is not a proposal), `proposal` when the template does not say.
//!
//! ```markdown
//! ---
//! kind: follow-up-email
//! ---
//! **Subject:** ...
//! ```

use std::borrow::Cow;

use super::draft::KIND;
use crate::codes::files::AL004;
use crate::codes::templates::AL401;
use crate::collateral::front_matter::{Split, split};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::syntax::{Fields, Spanned};
use crate::workspace::settings::Settings;

/// What a template declares about its drafts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub kind: Option<Spanned<String>>,
}

impl Header {
    /// The kind of the drafts: as declared, else `proposal`.
    pub fn kind(&self) -> &str {
        self.kind.as_ref().map_or(KIND, |kind| kind.value.as_str())
    }
}

/// Reads the front matter of a template, if it has one: a syntax error is
/// AL401, an unknown key AL002, a kind align.toml does not declare AL004.
pub fn read(source: &SourceFile, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) -> Header {
    let text = &source.text;
    let parsed = match split(text) {
        Split::None => return Header::default(),
        Split::Unterminated { fence, .. } => {
            diagnostics.push(
                source
                    .diagnostic(&AL401, fence, "template front matter is never closed")
                    .with_help("end it with a line holding only `---`"),
            );
            return Header::default();
        }
        Split::Yaml { content, .. } => {
            crate::syntax::yaml::parse(&text[content.clone()], content.start)
                .map_err(|error| (error.span, error.message, error.help))
        }
        Split::Toml { content, .. } => {
            crate::syntax::toml::parse_at(&text[content.clone()], content.start)
                .map_err(|error| (error.span, error.message, None))
        }
    };
    let root = match parsed {
        Ok(root) => root,
        Err((span, message, help)) => {
            let mut diagnostic = source.diagnostic(&AL401, span, message);
            diagnostic.help = help;
            diagnostics.push(diagnostic);
            return Header::default();
        }
    };
    let Some(mut fields) = Fields::of(&root, "template front matter", source, diagnostics) else {
        return Header::default();
    };
    let kind = fields.string("kind");
    if let Some(kind) = &kind {
        if settings.kind(&kind.value).is_none() {
            let names: Vec<&str> = settings.kinds.iter().map(|k| k.name.as_str()).collect();
            let help = match crate::syntax::fields::did_you_mean(&kind.value, &names) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "declare it under `[collateral.kinds.{}]` in align.toml, so the drafts lint clean",
                    kind.value
                ),
            };
            fields
                .problem(
                    &AL004,
                    kind.span.clone(),
                    format!(
                        "the template's drafts are of kind `{}`, which align.toml does not declare",
                        kind.value
                    ),
                )
                .help = Some(help);
        }
    }
    fields.finish();
    Header { kind }
}

/// The template with its front matter replaced by as many line ends, so
/// MiniJinja never sees it and its line numbers stay those of the file.
pub fn blank(text: &str) -> Cow<'_, str> {
    let body = match split(text) {
        Split::Yaml { body, .. } | Split::Toml { body, .. } => body,
        Split::None | Split::Unterminated { .. } => return Cow::Borrowed(text),
    };
    let lines = text
        .get(..body)
        .map_or(0, |front| front.matches('\n').count());
    let mut blanked = "\n".repeat(lines);
    blanked.push_str(text.get(body..).unwrap_or_default());
    Cow::Owned(blanked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_becomes_blank_lines() {
        assert_eq!(blank("---\nkind: email\n---\n# Hi\n"), "\n\n\n# Hi\n");
        assert_eq!(blank("# Hi\n---\n"), "# Hi\n---\n");
        assert_eq!(blank("---\nkind: email\n"), "---\nkind: email\n");
    }
}
