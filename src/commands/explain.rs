//! `align explain CODE` and `align rules`: the rule documentation, taken
//! from each rule's doc comment.

use std::io::Write;
use std::process::ExitCode;

use anyhow::anyhow;

use crate::codes::{self, Rule};

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule code, such as AL204.
    pub code: String,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// `table` lists codes and summaries; `markdown` prints the full
    /// reference (as in docs/rules.md).
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    Table,
    Markdown,
    Json,
}

pub fn explain(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let rule = codes::by_code(args.code.trim())
        .ok_or_else(|| anyhow!("unknown rule `{}`; `align rules` lists them all", args.code))?;
    let mut out = crate::stdout::lock();
    out.write_all(explanation(rule).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn rules(args: RulesArgs) -> anyhow::Result<ExitCode> {
    let text = match args.format {
        RulesFormat::Table => table(),
        RulesFormat::Markdown => reference(),
        RulesFormat::Json => {
            let rules: Vec<serde_json::Value> = codes::ALL
                .iter()
                .map(|rule| {
                    serde_json::json!({
                        "code": rule.code,
                        "name": rule.name,
                        "severity": rule.default_severity.as_str(),
                        "summary": rule.summary(),
                        "documentation": rule.documentation(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rules)? + "\n"
        }
    };
    crate::stdout::lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `# AL204 banned-phrase (error by default)` and the rule's documentation.
pub fn explanation(rule: &Rule) -> String {
    format!(
        "# {} {}\n\nDefault severity: {}.\n\n{}",
        rule.code,
        rule.name,
        rule.default_severity.as_str(),
        rule.documentation()
    )
}

fn table() -> String {
    let mut text = String::new();
    for rule in codes::ALL {
        text.push_str(&format!(
            "{}  {:<7}  {:<30}  {}\n",
            rule.code,
            rule.default_severity.as_str(),
            rule.name,
            rule.summary()
        ));
    }
    text
}

/// The whole rule reference, as checked in at docs/rules.md.
pub fn reference() -> String {
    let mut text = String::from(
        "# Lint rules\n\n<!-- Generated from the rules' doc comments by `align rules --format markdown`; do not edit. -->\n\n| Code | Name | Default | What it does |\n|---|---|---|---|\n",
    );
    for rule in codes::ALL {
        text.push_str(&format!(
            "| [{code}](#{anchor}) | {} | {} | {} |\n",
            rule.name,
            rule.default_severity.as_str(),
            rule.summary(),
            code = rule.code,
            anchor = rule.code.to_lowercase() + "-" + rule.name,
        ));
    }
    for rule in codes::ALL {
        text.push('\n');
        text.push_str(&demote_headings(&explanation(rule)));
    }
    text
}

/// Moves every Markdown heading one level down, leaving code examples (which
/// may hold headings of their own) untouched.
fn demote_headings(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len() + 64);
    let mut in_code = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with('#') {
            text.push('#');
        }
        text.push_str(line);
        text.push('\n');
    }
    text
}
