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
    /// `text` for reading in a terminal, `md` for the Markdown of
    /// docs/rules.md, `json` like `align rules --format json`.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    Text,
    #[value(alias = "markdown")]
    Md,
    Json,
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
    #[value(alias = "md")]
    Markdown,
    Json,
}

pub fn explain(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let rule = codes::by_code(args.code.trim())
        .ok_or_else(|| anyhow!("unknown rule `{}`; `align rules` lists them all", args.code))?;
    let text = match args.format {
        ExplainFormat::Text => plain_text(&explanation(rule)),
        ExplainFormat::Md => explanation(rule),
        ExplainFormat::Json => serde_json::to_string_pretty(&rule_json(rule))? + "\n",
    };
    crate::console::stdout().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// A rule as `align rules --format json` and `align explain --format json`
/// print it.
fn rule_json(rule: &Rule) -> serde_json::Value {
    serde_json::json!({
        "code": rule.code,
        "name": rule.name,
        "severity": rule.default_severity.as_str(),
        "summary": rule.summary(),
        "documentation": rule.documentation(),
    })
}

pub fn rules(args: RulesArgs) -> anyhow::Result<ExitCode> {
    let text = match args.format {
        RulesFormat::Table => table(),
        RulesFormat::Markdown => reference(),
        RulesFormat::Json => {
            let rules: Vec<serde_json::Value> =
                codes::ALL.iter().map(|rule| rule_json(rule)).collect();
            serde_json::to_string_pretty(&rules)? + "\n"
        }
    };
    crate::console::stdout().write_all(text.as_bytes())?;
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

/// Markdown for a terminal: headings without their `#`, code examples
/// without fences and indented, as `man` pages show them.
fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    let mut in_code = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            text.push_str("    ");
            text.push_str(line);
        } else {
            text.push_str(line.trim_start_matches('#').trim_start());
        }
        text.push('\n');
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
