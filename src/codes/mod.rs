//! The one table of rule codes: each code's name, default severity and
//! documentation, one family per module. It sits below the models, so a
//! loader tags its findings with a code without importing the checks
//! (those live in [`crate::rules`]).
//!
//! A rule is declared once, with its code, name, default severity and a doc
//! comment (`## What it does`, `## Why is this bad?`, `## Example`). That doc
//! comment is what `align explain` prints and what `docs/rules.md` holds, so
//! the two cannot disagree. Codes are stable: never reuse one.

use crate::diagnostic::Severity;

/// Declares rules as statics whose doc comment is kept as a string.
macro_rules! declare_rules {
    ($( $(#[doc = $doc:literal])+ $code:ident ($name:literal, $severity:ident); )+) => {
        $(
            $(#[doc = $doc])+
            pub static $code: $crate::codes::Rule = $crate::codes::Rule {
                code: stringify!($code),
                name: $name,
                default_severity: $crate::diagnostic::Severity::$severity,
                doc: concat!($($doc, "\n"),+),
            };
        )+
    };
}

pub mod collateral;
pub mod feedback;
pub mod files;
pub mod leads;
pub mod map;
pub mod templates;

#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    /// The raw doc comment, one leading space per line.
    doc: &'static str,
}

impl Rule {
    /// The rule's documentation as Markdown.
    pub fn documentation(&self) -> String {
        let mut text = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            text.push_str(line.strip_prefix(' ').unwrap_or(line));
            text.push('\n');
        }
        text
    }

    /// The first sentence under `## What it does`.
    pub fn summary(&self) -> String {
        let documentation = self.documentation();
        let after = documentation
            .split_once("## What it does")
            .map_or(documentation.as_str(), |(_, rest)| rest);
        let paragraph: Vec<&str> = after
            .trim_start()
            .lines()
            .take_while(|line| !line.trim().is_empty())
            .collect();
        paragraph.join(" ")
    }
}

/// The one table of codes, in code order.
pub static ALL: &[&Rule] = &[
    &files::AL001,
    &files::AL002,
    &files::AL003,
    &files::AL004,
    &map::AL101,
    &map::AL102,
    &map::AL103,
    &map::AL104,
    &map::AL105,
    &map::AL106,
    &map::AL107,
    &collateral::AL201,
    &collateral::AL202,
    &collateral::AL203,
    &collateral::AL204,
    &collateral::AL205,
    &collateral::AL206,
    &collateral::AL207,
    &collateral::AL208,
    &collateral::AL209,
    &collateral::AL210,
    &collateral::AL211,
    &collateral::AL212,
    &collateral::AL213,
    &collateral::AL214,
    &leads::AL301,
    &leads::AL302,
    &leads::AL303,
    &leads::AL304,
    &leads::AL305,
    &leads::AL306,
    &leads::AL307,
    &leads::AL308,
    &leads::AL309,
    &templates::AL401,
    &templates::AL402,
    &feedback::AL501,
    &feedback::AL502,
    &feedback::AL503,
];

/// Looks a rule up by its code, case-insensitively (`al204` works too).
pub fn by_code(code: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(code))
}

/// Whether `selector` (a code such as `AL204`, or a prefix such as `AL2`
/// or `AL`) names `code`.
pub fn selects(selector: &str, code: &str) -> bool {
    code.len() >= selector.len()
        && code
            .get(..selector.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(selector))
}

/// Whether a selector names at least one rule.
pub fn is_known_selector(selector: &str) -> bool {
    ALL.iter().any(|rule| selects(selector, rule.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_in_order() {
        let codes: Vec<&str> = ALL.iter().map(|rule| rule.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn every_rule_is_documented_in_the_same_shape() {
        for rule in ALL {
            let doc = rule.documentation();
            assert!(doc.starts_with("## What it does\n"), "{}", rule.code);
            for section in ["## Why is this bad?", "## Example", "Fails:", "Passes:"] {
                assert!(doc.contains(section), "{} lacks {section}", rule.code);
            }
            assert!(!rule.summary().is_empty(), "{}", rule.code);
        }
    }

    #[test]
    fn selectors_are_codes_or_prefixes() {
        assert!(selects("AL2", "AL204"));
        assert!(selects("al204", "AL204"));
        assert!(!selects("AL2040", "AL204"));
        assert!(!selects("AL3", "AL204"));
        assert!(is_known_selector("AL1"));
        assert!(!is_known_selector("AL9"));
        assert_eq!(by_code("al101").map(|rule| rule.code), Some("AL101"));
    }
}
