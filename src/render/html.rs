//! `--format html`: the draft as one self-contained HTML page.
//!
//! Map and account text never reaches the page as markup: when rendering
//! for HTML, every value a template prints is HTML-escaped before it joins
//! the Markdown (MiniJinja's HTML auto-escaping), so `<script>` in a
//! message body arrives as the text `<script>`. Markup written in the
//! template itself is the template author's and passes through. Links
//! whose scheme could run code (`javascript:` and the like) lose their
//! target, and a content security policy forbids scripts and remote
//! resources other than images.
//!
//! The page is meant for the customer, so it carries nothing internal:
//! no map ids, competitors, template name or git revision in its head.
//! That provenance stays in the Markdown draft's front matter.
//!
//! HTML comments are left out of the page: in a template they are notes
//! for whoever edits the Markdown draft ("rep notes, not sent"), and a page
//! is what gets sent.

use crate::html::escape;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

use super::draft::FrontMatter;

const STYLE: &str = "\
body{margin:0;background:#f6f7f9;color:#1d232b;font:16px/1.55 -apple-system,BlinkMacSystemFont,\"Segoe UI\",Roboto,Helvetica,Arial,sans-serif}
main{max-width:46rem;margin:2rem auto;padding:2.5rem 3rem;background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.9rem;line-height:1.25;margin-top:0}
h2{font-size:1.35rem;margin-top:2.2rem;border-bottom:1px solid #e3e6ea;padding-bottom:.3rem}
h3{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #d9dde2;padding:.45rem .6rem;text-align:left;vertical-align:top}
th{background:#f0f2f5}
code{background:#f0f2f5;padding:.1rem .3rem;border-radius:3px}
.draft{color:#8a5a00;background:#fff4d6;border-radius:4px;padding:.3rem .6rem;font-size:.85rem;display:inline-block;margin-bottom:1rem}
@media print{body{background:#fff}main{box-shadow:none;margin:0;max-width:none}.draft{display:none}}
";

/// The whole page: a head with the title only, the body as HTML.
pub fn page(front: &FrontMatter, markdown: &str) -> String {
    let mut body = String::with_capacity(markdown.len() * 3 / 2);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut in_comment = false;
    let events = Parser::new_ext(markdown, options)
        .filter(move |event| match event {
            Event::Html(text) if in_comment || text.trim_start().starts_with("<!--") => {
                in_comment = !text.contains("-->");
                false
            }
            Event::InlineHtml(text) => !text.starts_with("<!--"),
            _ => true,
        })
        .map(|event| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url, false),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: safe_url(dest_url, true),
                title,
                id,
            }),
            other => other,
        });
    pulldown_cmark::html::push_html(&mut body, events);

    let mut out = String::with_capacity(body.len() + 2048);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data: https:\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&front.title)));
    out.push_str("<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    out.push_str("<p class=\"draft\">Draft: review before sending.</p>\n");
    out.push_str(&body);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// A link target that cannot run code: relative, a fragment, or one of a
/// few schemes (`data:` only for images); anything else becomes `#`.
fn safe_url(url: CowStr<'_>, image: bool) -> CowStr<'_> {
    let scheme = url
        .split_once(':')
        .map(|(scheme, _)| scheme)
        .filter(|scheme| {
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
    let allowed = match scheme.map(str::to_ascii_lowercase).as_deref() {
        None => !url.trim_start().starts_with("//") || image,
        Some("http" | "https") => true,
        Some("mailto" | "tel") => !image,
        Some("data") => image && url.get(5..).is_some_and(|rest| rest.starts_with("image/")),
        Some(_) => false,
    };
    if allowed { url } else { CowStr::from("#") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_in_links_lose_their_target() {
        let front = FrontMatter {
            title: "<T>".into(),
            ..FrontMatter::default()
        };
        let html = page(
            &front,
            "[a](javascript:alert(1)) [b](https://x.example) [c](other.md) ![i](data:text/html,x)\n",
        );
        assert!(html.contains("<title>&lt;T&gt;</title>"));
        assert!(html.contains("<a href=\"#\">a</a>"));
        assert!(html.contains("<a href=\"https://x.example\">b</a>"));
        assert!(html.contains("<a href=\"other.md\">c</a>"));
        assert!(html.contains("<img src=\"#\""));
        assert!(!html.contains("javascript"));
    }

    #[test]
    fn comments_are_notes_for_editors_and_left_out() {
        let html = page(
            &FrontMatter::default(),
            "Before <!-- inline note --> after.\n\n<!-- Rep notes:\n  landmine\n-->\n\nEnd.\n",
        );
        assert!(!html.contains("note"), "{html}");
        assert!(!html.contains("landmine"), "{html}");
        assert!(html.contains("<p>Before  after.</p>"), "{html}");
        assert!(html.contains("<p>End.</p>"), "{html}");
    }

    #[test]
    fn tables_become_html_tables() {
        let html = page(&FrontMatter::default(), "| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<table>"), "{html}");
    }
}
