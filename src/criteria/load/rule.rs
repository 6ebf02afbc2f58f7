//! A rule's test, read from its one test key: the values to compare with
//! lower-cased once, the regular expression compiled once.

use regex::bytes::RegexBuilder;

use crate::codes::files::AL004;
use crate::criteria::{Test, normalize};
use crate::syntax::fields::not_finite;
use crate::syntax::{Fields, Kind, Value};

/// The test of a rule from its one test key.
pub(super) fn read_test(fields: &mut Fields<'_>, key: &str, value: &Value) -> Option<Test> {
    let wrong = |fields: &mut Fields<'_>, expected: &str| {
        fields.problem(
            &AL004,
            value.span.clone(),
            format!(
                "`{key}` must be {expected}, found {}",
                value.kind.describe()
            ),
        );
        None
    };
    match (key, &value.kind) {
        ("equals", Kind::String(text)) => Some(Test::Equals(normalize(text))),
        ("equals", Kind::Integer(number)) => Some(Test::EqualsNumber(*number as f64)),
        ("equals" | "at_least" | "at_most", Kind::Float(number)) if !number.is_finite() => {
            fields
                .problem(&AL004, value.span.clone(), not_finite(key, *number))
                .help = Some("nothing compares with nan or inf: write the number meant".into());
            None
        }
        ("equals", Kind::Float(number)) => Some(Test::EqualsNumber(*number)),
        ("equals", _) => wrong(fields, "a string or a number"),
        ("in" | "not_in", Kind::Array(items)) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                match &item.kind {
                    Kind::String(text) => values.push(normalize(text)),
                    Kind::Integer(number) => values.push(number.to_string()),
                    _ => {
                        fields.problem(
                            &AL004,
                            item.span.clone(),
                            format!("`{key}` must list strings, found {}", item.kind.describe()),
                        );
                    }
                }
            }
            if items.is_empty() {
                fields
                    .problem(&AL004, value.span.clone(), format!("`{key}` lists nothing"))
                    .help = Some("list the values to compare the cell with".into());
                return None;
            }
            Some(if key == "in" {
                Test::In(values)
            } else {
                Test::NotIn(values)
            })
        }
        ("in" | "not_in", _) => wrong(fields, "a list of strings"),
        ("at_least" | "at_most", Kind::Integer(_) | Kind::Float(_)) => {
            let number = match value.kind {
                Kind::Integer(number) => number as f64,
                Kind::Float(number) => number,
                _ => return None,
            };
            Some(if key == "at_least" {
                Test::AtLeast(number)
            } else {
                Test::AtMost(number)
            })
        }
        ("at_least" | "at_most", _) => wrong(fields, "a number"),
        ("matches", Kind::String(pattern)) => {
            match RegexBuilder::new(pattern).case_insensitive(true).build() {
                Ok(regex) => Some(Test::Matches(regex)),
                Err(error) => {
                    let text = error.to_string();
                    let reason = text
                        .lines()
                        .rev()
                        .find(|line| !line.trim().is_empty())
                        .unwrap_or("invalid pattern")
                        .trim_start_matches("error: ")
                        .to_owned();
                    fields.problem(
                        &AL004,
                        value.span.clone(),
                        format!("invalid regular expression: {reason}"),
                    );
                    None
                }
            }
        }
        ("matches", _) => wrong(fields, "a regular expression string"),
        ("present", Kind::Bool(flag)) => Some(Test::Present(*flag)),
        ("present", _) => wrong(fields, "true or false"),
        _ => None,
    }
}
