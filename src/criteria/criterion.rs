//! One rule of the criteria (`[[fit]]`, `[[engagement]]`, `[[disqualify]]`):
//! a lead column and one test of its cell. Tests run on every row, so the
//! text to compare with is lower-cased once and regular expressions are
//! compiled once, when the criteria are read.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use regex::bytes::Regex;

use super::number::{parse_number, trim};
use crate::source::SourceFile;
use crate::syntax::Spanned;

/// The section a rule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Fit,
    Engagement,
    Disqualify,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Fit => "fit",
            Section::Engagement => "engagement",
            Section::Disqualify => "disqualify",
        }
    }
}

#[derive(Debug)]
pub struct Criterion {
    pub section: Section,
    /// The lead column, as written (canonical name, mapped name or header).
    pub field: Spanned<String>,
    pub test: Test,
    /// Points added when it matches (0 for a disqualifier).
    pub points: i64,
    /// Why a matching lead is disqualified (disqualifiers only).
    pub reason: Option<String>,
    pub source: Arc<SourceFile>,
    /// The `[[section]]` header.
    pub span: Range<usize>,
}

/// The test of a rule's cell. Text is compared trimmed and
/// case-insensitively; the values here are already lower case.
#[derive(Debug)]
pub enum Test {
    Equals(String),
    EqualsNumber(f64),
    In(Vec<String>),
    NotIn(Vec<String>),
    AtLeast(f64),
    AtMost(f64),
    /// Case-insensitive, searched anywhere in the trimmed cell.
    Matches(Regex),
    /// `true`: the cell is not empty; `false`: it is empty.
    Present(bool),
}

/// What a test made of a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Match,
    NoMatch,
    /// A numeric test on a non-empty cell that is not a number: no match,
    /// and lint says so (AL309).
    NotANumber,
}

impl Test {
    /// Whether the test reads its cell as a number.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Test::EqualsNumber(_) | Test::AtLeast(_) | Test::AtMost(_)
        )
    }

    /// Tests a cell. An empty cell matches nothing but `present = false`.
    pub fn evaluate(&self, cell: &[u8]) -> Outcome {
        let cell = trim(cell);
        if cell.is_empty() {
            return outcome(matches!(self, Test::Present(false)));
        }
        match self {
            Test::Present(present) => outcome(*present),
            Test::Equals(value) => outcome(text_equals(cell, value)),
            Test::In(values) => outcome(values.iter().any(|value| text_equals(cell, value))),
            Test::NotIn(values) => outcome(!values.iter().any(|value| text_equals(cell, value))),
            Test::Matches(regex) => outcome(regex.is_match(cell)),
            Test::EqualsNumber(wanted) => numeric(cell, |number| number == *wanted),
            Test::AtLeast(minimum) => numeric(cell, |number| number >= *minimum),
            Test::AtMost(maximum) => numeric(cell, |number| number <= *maximum),
        }
    }
}

fn outcome(matched: bool) -> Outcome {
    if matched {
        Outcome::Match
    } else {
        Outcome::NoMatch
    }
}

fn numeric(cell: &[u8], test: impl FnOnce(f64) -> bool) -> Outcome {
    match parse_number(cell) {
        Some(number) => outcome(test(number)),
        None => Outcome::NotANumber,
    }
}

/// Case-insensitive equality of a trimmed cell and a lower-case value,
/// without allocating for ASCII cells.
fn text_equals(cell: &[u8], lower: &str) -> bool {
    if cell.is_ascii() {
        return cell.eq_ignore_ascii_case(lower.as_bytes());
    }
    String::from_utf8_lossy(cell).to_lowercase() == lower
}

/// Text as tests compare it: trimmed and lower case.
pub fn normalize(text: &str) -> String {
    std::str::from_utf8(trim(text.as_bytes()))
        .unwrap_or(text)
        .to_lowercase()
}

impl fmt::Display for Test {
    /// How `--explain` shows a test: `in [fintech, insurance]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Test::Equals(value) => write!(f, "equals \"{value}\""),
            Test::EqualsNumber(value) => write!(f, "equals {value}"),
            Test::In(values) => write!(f, "in [{}]", values.join(", ")),
            Test::NotIn(values) => write!(f, "not in [{}]", values.join(", ")),
            Test::AtLeast(value) => write!(f, "at least {value}"),
            Test::AtMost(value) => write!(f, "at most {value}"),
            Test::Matches(regex) => write!(f, "matches /{}/", regex.as_str()),
            Test::Present(true) => write!(f, "present"),
            Test::Present(false) => write!(f, "absent"),
        }
    }
}

impl Criterion {
    /// `industry in [fintech, insurance]`.
    pub fn describe(&self) -> String {
        format!("{} {}", self.field.value, self.test)
    }

    /// Where the rule is written: `criteria/lead-criteria.toml:12`.
    pub fn location(&self) -> String {
        let line = self.source.position(self.span.start).line;
        format!("{}:{line}", self.source.relative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regex(pattern: &str) -> Test {
        Test::Matches(
            regex::bytes::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .unwrap(),
        )
    }

    fn check(test: &Test, cell: &str) -> Outcome {
        test.evaluate(cell.as_bytes())
    }

    use Outcome::{Match, NoMatch, NotANumber};

    #[test]
    fn equals_is_trimmed_and_case_insensitive() {
        let test = Test::Equals(normalize(" Partner-Referral "));
        assert_eq!(check(&test, "partner-referral"), Match);
        assert_eq!(check(&test, "  PARTNER-referral\t"), Match);
        assert_eq!(check(&test, "partner referral"), NoMatch);
        assert_eq!(check(&test, ""), NoMatch);
        let accented = Test::Equals(normalize("Zürich"));
        assert_eq!(check(&accented, "ZÜRICH"), Match);
    }

    #[test]
    fn in_and_not_in() {
        let inside = Test::In(vec!["fintech".into(), "insurance".into()]);
        assert_eq!(check(&inside, "Insurance"), Match);
        assert_eq!(check(&inside, "retail"), NoMatch);
        assert_eq!(check(&inside, " "), NoMatch);
        let outside = Test::NotIn(vec!["us".into(), "ca".into()]);
        assert_eq!(check(&outside, "DE"), Match);
        assert_eq!(check(&outside, "us"), NoMatch);
        // An empty cell is unknown, not "outside the list".
        assert_eq!(check(&outside, ""), NoMatch);
    }

    #[test]
    fn numeric_tests_read_grouped_numbers() {
        let at_least = Test::AtLeast(200.0);
        assert_eq!(check(&at_least, "1,200"), Match);
        assert_eq!(check(&at_least, "200"), Match);
        assert_eq!(check(&at_least, "199.9"), NoMatch);
        assert_eq!(check(&at_least, ""), NoMatch);
        assert_eq!(check(&at_least, "lots"), NotANumber);
        let at_most = Test::AtMost(50.0);
        assert_eq!(check(&at_most, " 50 "), Match);
        assert_eq!(check(&at_most, "51"), NoMatch);
        assert_eq!(check(&at_most, "5O"), NotANumber);
        let equals = Test::EqualsNumber(1200.0);
        assert_eq!(check(&equals, "1,200.0"), Match);
        assert_eq!(check(&equals, "1200.5"), NoMatch);
        assert!(equals.is_numeric() && at_least.is_numeric() && !inside_test().is_numeric());
    }

    fn inside_test() -> Test {
        Test::In(Vec::new())
    }

    #[test]
    fn matches_searches_case_insensitively_in_the_trimmed_cell() {
        let test = regex(r"@(gmail|yahoo)\.com$");
        assert_eq!(check(&test, "j.rivera@GMAIL.com  "), Match);
        assert_eq!(check(&test, "j@gmail.com.example"), NoMatch);
        assert_eq!(check(&test, ""), NoMatch);
        let word = regex(r"\b(cfo|controller)\b");
        assert_eq!(check(&word, "Corporate Controller"), Match);
        assert_eq!(check(&word, "Controllership lead"), NoMatch);
    }

    #[test]
    fn present_tests_emptiness() {
        assert_eq!(check(&Test::Present(true), "x"), Match);
        assert_eq!(check(&Test::Present(true), "  "), NoMatch);
        assert_eq!(check(&Test::Present(false), "\t"), Match);
        assert_eq!(check(&Test::Present(false), "x"), NoMatch);
    }

    #[test]
    fn tests_describe_themselves() {
        assert_eq!(
            Test::In(vec!["a".into(), "b".into()]).to_string(),
            "in [a, b]"
        );
        assert_eq!(Test::AtLeast(200.0).to_string(), "at least 200");
        assert_eq!(regex("x|y").to_string(), "matches /x|y/");
        assert_eq!(Test::Present(false).to_string(), "absent");
    }
}
