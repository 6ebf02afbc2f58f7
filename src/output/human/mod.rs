//! The default format: each finding as a rustc-style snippet (title with
//! severity and code, `--> path:line:col`, the source lines with the span
//! underlined, then `help:`), rendered by annotate-snippets, and a summary
//! line. Without color the output holds no escape sequences at all, so it
//! can be piped or pasted as is.

use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Excerpt, Severity};

mod one_line;

fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// How findings are drawn: annotate-snippets' renderer, and whether it
/// is the plain one (no color), whose commonest findings are drawn here.
pub(super) struct Painter {
    renderer: Renderer,
    plain: bool,
}

pub(super) fn painter(color: bool) -> Painter {
    Painter {
        renderer: renderer(color),
        plain: !color,
    }
}

pub(super) fn write(
    painter: &Painter,
    diagnostic: &Diagnostic,
    path: &str,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    if painter.plain && one_line::write(diagnostic, path, out)? {
        return Ok(());
    }
    writeln!(
        out,
        "{}\n",
        painter.renderer.render(&groups(diagnostic, path))
    )
}

fn groups<'a>(diagnostic: &'a Diagnostic, path: &'a str) -> Vec<Group<'a>> {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code());
    let finding = match &diagnostic.excerpt {
        Some(excerpt) => title.element(
            Snippet::source(excerpt.text.as_str())
                .line_start(excerpt.first_line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(char_range(excerpt))),
        ),
        // A streamed source (a CSV cell) keeps no text: the location is
        // all there is to show.
        None => title.element(
            Origin::path(path)
                .line(diagnostic.start.line)
                .char_column(diagnostic.start.column),
        ),
    };
    let mut groups = vec![finding];
    if let Some(help) = &diagnostic.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    groups
}

/// The excerpt's range, clamped to its text and widened to character
/// boundaries: a rule's span is trusted for positions, but the renderer
/// slices the text with it and must never panic on a bad one.
fn char_range(excerpt: &Excerpt) -> Range<usize> {
    let text = excerpt.text.as_str();
    let mut start = excerpt.range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if excerpt.range.is_empty() {
        return start..start;
    }
    let mut end = excerpt.range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::super::{LintFormat, fixtures};
    use super::*;

    #[test]
    fn without_color_there_are_no_escapes() {
        let diagnostics = fixtures::diagnostics();
        let mut report = fixtures::report(&diagnostics);
        assert!(!fixtures::render(LintFormat::Human, &report).contains('\x1b'));
        report.color = true;
        assert!(fixtures::render(LintFormat::Human, &report).contains('\x1b'));
    }

    #[test]
    fn crlf_sources_render_without_carriage_returns() {
        let text = "[[proof]]\r\nid = \"a\"\r\nclaim = [\r\n]\r\n";
        let file = crate::source::SourceFile::new(
            std::sync::Arc::from(std::path::Path::new("/ws/map/proof.toml")),
            "map/proof.toml".into(),
            text.into(),
        );
        let start = text.find("claim").expect("claim");
        let diagnostics = [file.diagnostic(
            &crate::codes::files::AL004,
            start..text.len() - 2,
            "`claim` must be a string",
        )];
        let report = fixtures::report(&diagnostics);
        let rendered = fixtures::render(LintFormat::Human, &report);
        assert!(!rendered.contains('\r'));
        insta::assert_snapshot!(rendered);
    }

    #[test]
    fn a_range_inside_a_character_is_widened() {
        let excerpt = Excerpt {
            first_line: 1,
            text: "é".into(),
            range: 1..1,
        };
        assert_eq!(char_range(&excerpt), 0..0);
        let excerpt = Excerpt {
            range: 0..1,
            ..excerpt
        };
        assert_eq!(char_range(&excerpt), 0..2);
    }
}
