//! `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other
//! viewers. The driver lists every rule of `codes::ALL` (so a viewer can
//! explain a code even when this run did not report it), and each result
//! points back into that list. SARIF counts columns in UTF-16 code units
//! unless told otherwise; align counts characters, so the run says
//! `unicodeCodePoints`. Regions keep align's exclusive end, which is what
//! SARIF's `endColumn` means. The help goes on a second line of the message,
//! since a SARIF result has no field of its own for it.

use std::io;
use std::path::Path;

use serde::Serialize;

use super::json::Array;
use crate::codes::{self, Rule};
use crate::diagnostic::Diagnostic;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<RuleMetadata>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleMetadata {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Markdown,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Markdown {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// Where the results array sits in the pretty-printed log.
const RESULTS: &str = "\"results\": []";
/// Indent of a result, and of the array's closing bracket.
pub(super) const RESULT_INDENT: &str = "        ";
const RESULTS_END: &str = "\n      ";

/// The log, its results written a file at a time: the run's fixed part is
/// printed once without results and cut where they go, so the bytes are
/// those of the whole log pretty-printed at once.
pub(super) fn results() -> io::Result<Array> {
    let mut empty = Vec::new();
    super::json::write_pretty(&log(), &mut empty)?;
    let text = String::from_utf8(empty).map_err(io::Error::other)?;
    // The results are the log's last field, so the last match is theirs
    // even if a rule's documentation quotes the same text.
    let at = text
        .rfind(RESULTS)
        .ok_or_else(|| io::Error::other("the SARIF log has no results array"))?;
    let open = at + RESULTS.len() - 1;
    let (head, tail) = (&text[..open], &text[open + 1..]);
    Ok(Array::around(
        format!("{head}\n").into_bytes(),
        format!("{RESULTS_END}]{tail}").into_bytes(),
        format!("{head}]{tail}").into_bytes(),
    ))
}

fn log() -> Log {
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "align",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: codes::ALL.iter().copied().map(rule_metadata).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results: Vec::new(),
        }],
    }
}

fn rule_metadata(rule: &'static Rule) -> RuleMetadata {
    let documentation = rule.documentation();
    RuleMetadata {
        id: rule.code,
        name: rule.name,
        short_description: Text {
            text: rule.summary(),
        },
        full_description: Text {
            text: documentation.clone(),
        },
        // Viewers that cannot show Markdown fall back to `text`; the full
        // documentation is in `fullDescription` already.
        help: Markdown {
            text: rule.summary(),
            markdown: documentation,
        },
        default_configuration: Configuration {
            level: rule.default_severity.as_str(),
        },
    }
}

/// One finding as an element of the results array.
pub(super) fn result(diagnostic: &Diagnostic, path: &str) -> impl Serialize + use<> {
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    SarifResult {
        rule_id: diagnostic.code(),
        rule_index: codes::ALL
            .iter()
            .position(|rule| rule.code == diagnostic.code()),
        level: diagnostic.severity.as_str(),
        message: Text { text: message },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri(path) },
                region: Region {
                    start_line: diagnostic.start.line,
                    start_column: diagnostic.start.column,
                    end_line: diagnostic.end.line,
                    end_column: diagnostic.end.column,
                },
            },
        }],
    }
}

/// A shown path as a URI reference: a relative one stays relative (viewers
/// resolve it against the repository), an absolute one becomes `file://`.
/// Bytes that may not appear in a URI path are percent-encoded; `:` too in
/// a relative one, where it would read as a scheme.
fn uri(shown: &str) -> String {
    let absolute = Path::new(shown).is_absolute();
    let normalised = shown.replace('\\', "/");
    let mut uri = String::with_capacity(normalised.len() + 8);
    if absolute {
        uri.push_str("file://");
        if !normalised.starts_with('/') {
            uri.push('/');
        }
    }
    for &byte in normalised.as_bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~/!$&'()*+,;=@".contains(&byte)
            || (absolute && byte == b':');
        if keep {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::super::{LintFormat, fixtures};
    use super::*;

    /// The log with the rule list cut to its first entry (the rest is the
    /// rules' documentation, checked below) and the crate version masked.
    fn shortened(text: &str) -> String {
        let mut kept = Vec::new();
        let mut lines = text.lines();
        for line in lines.by_ref() {
            kept.push(line);
            if line == "          \"rules\": [" {
                break;
            }
        }
        for line in lines.by_ref() {
            kept.push(line);
            if line == "            }," {
                kept.push("            …");
                break;
            }
        }
        kept.extend(lines.skip_while(|line| *line != "          ]"));
        kept.join("\n").replace(
            &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
            "\"version\": \"[version]\"",
        )
    }

    #[test]
    fn findings() {
        let diagnostics = fixtures::diagnostics();
        let report = fixtures::report(&diagnostics);
        insta::assert_snapshot!(shortened(&fixtures::render(LintFormat::Sarif, &report)));
    }

    #[test]
    fn no_findings() {
        let report = fixtures::report(&[]);
        let text = fixtures::render(LintFormat::Sarif, &report);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["runs"][0]["results"], serde_json::json!([]));
    }

    #[test]
    fn every_rule_is_described_and_results_point_at_theirs() {
        let diagnostics = fixtures::diagnostics();
        let report = fixtures::report(&diagnostics);
        let text = fixtures::render(LintFormat::Sarif, &report);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let run = &value["runs"][0];
        let described = run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(described.len(), codes::ALL.len());
        for (metadata, rule) in described.iter().zip(codes::ALL) {
            assert_eq!(metadata["id"], rule.code);
            assert_eq!(metadata["name"], rule.name);
            assert_eq!(metadata["shortDescription"]["text"], rule.summary());
            assert_eq!(metadata["fullDescription"]["text"], rule.documentation());
            assert_eq!(metadata["help"]["markdown"], rule.documentation());
            assert_eq!(
                metadata["defaultConfiguration"]["level"],
                rule.default_severity.as_str()
            );
        }
        for result in run["results"].as_array().expect("results") {
            let index = result["ruleIndex"].as_u64().expect("an index") as usize;
            assert_eq!(described[index]["id"], result["ruleId"]);
        }
    }

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("collateral/a b/ü.md"), "collateral/a%20b/%C3%BC.md");
        assert_eq!(uri("a:b.md"), "a%3Ab.md");
        assert_eq!(uri("/tmp/x y.md"), "file:///tmp/x%20y.md");
    }
}
