//! The draft's front matter: what makes a rendered draft collateral of kind
//! `proposal` that lists what it carries, so `align lint` checks it like
//! any other document.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The kind of a draft whose template declares none.
pub const KIND: &str = "proposal";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    /// The collateral kind the template declares (`proposal` by default).
    pub kind: String,
    pub account: Option<String>,
    /// The template's name inside the templates folder, without `.md`.
    pub template: String,
    pub segments: Vec<String>,
    pub requirements: Vec<String>,
    pub competitors: Vec<String>,
    pub messages: Vec<String>,
    pub proof: Vec<String>,
    pub revision: Option<String>,
    /// Requirements of the situation no fitting approved message
    /// addresses, so marketing sees what the draft could not say.
    pub gaps: Vec<String>,
}

impl FrontMatter {
    /// YAML between `---` lines; empty lists are left out (an empty list
    /// declares nothing), except `messages`, which a proposal requires.
    pub fn yaml(&self) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!("title: {}\n", yaml_scalar(&self.title)));
        let kind = if self.kind.is_empty() {
            KIND
        } else {
            &self.kind
        };
        out.push_str(&format!("kind: {}\n", yaml_scalar(kind)));
        if let Some(account) = &self.account {
            out.push_str(&format!("account: {account}\n"));
        }
        out.push_str(&format!("template: {}\n", yaml_scalar(&self.template)));
        for (key, ids) in [
            ("segments", &self.segments),
            ("requirements", &self.requirements),
            ("competitors", &self.competitors),
        ] {
            if !ids.is_empty() {
                out.push_str(&format!("{key}: [{}]\n", ids.join(", ")));
            }
        }
        out.push_str(&format!("messages: [{}]\n", self.messages.join(", ")));
        if !self.proof.is_empty() {
            out.push_str(&format!("proof: [{}]\n", self.proof.join(", ")));
        }
        if !self.gaps.is_empty() {
            out.push_str(&format!("gaps: [{}]\n", self.gaps.join(", ")));
        }
        out.push_str("status: draft\n");
        if let Some(revision) = &self.revision {
            out.push_str(&format!("revision: {revision}\n"));
        }
        out.push_str("---\n");
        out
    }
}

/// The text of the first level-1 heading of a Markdown document.
pub fn first_heading(markdown: &str) -> Option<String> {
    let mut inside = false;
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => inside = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if inside => break,
            Event::Text(part) | Event::Code(part) if inside => text.push_str(&part),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A YAML scalar: plain when it cannot be misread, double-quoted otherwise.
fn yaml_scalar(text: &str) -> String {
    let plain = text
        .chars()
        .next()
        .is_some_and(|first| first.is_alphanumeric())
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '-' | '.' | ',' | '(' | ')' | '/' | '+' | '&' | '\'' | ';' | '?' | '!'
                )
        })
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        )
        && text.parse::<f64>().is_err();
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_plain_unless_yaml_would_misread_them() {
        assert_eq!(yaml_scalar("NorthLedger for Acme"), "NorthLedger for Acme");
        assert_eq!(yaml_scalar("Acme: a proposal"), "\"Acme: a proposal\"");
        assert_eq!(yaml_scalar("# heading"), "\"# heading\"");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("2026"), "\"2026\"");
        assert_eq!(yaml_scalar("Say \"hi\""), "\"Say \\\"hi\\\"\"");
        assert_eq!(yaml_scalar(""), "\"\"");
    }

    #[test]
    fn the_first_top_heading_is_the_title() {
        let text = "Intro\n\n## Not this\n\n# NorthLedger for *Acme*  Bank\n\n# Later\n";
        assert_eq!(
            first_heading(text).as_deref(),
            Some("NorthLedger for Acme Bank")
        );
        assert_eq!(first_heading("no heading"), None);
    }

    #[test]
    fn yaml_lists_what_the_draft_carries() {
        let front = FrontMatter {
            title: "NorthLedger for Acme".into(),
            account: Some("acme".into()),
            template: "proposal".into(),
            requirements: vec!["audit-trail".into()],
            messages: vec!["audit-in-minutes".into()],
            proof: vec!["acme-audit".into()],
            ..FrontMatter::default()
        };
        assert_eq!(
            front.yaml(),
            "---\ntitle: NorthLedger for Acme\nkind: proposal\naccount: acme\ntemplate: proposal\n\
             requirements: [audit-trail]\nmessages: [audit-in-minutes]\nproof: [acme-audit]\n\
             status: draft\n---\n"
        );
    }
}
