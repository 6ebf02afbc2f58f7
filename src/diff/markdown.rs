//! The pull-request comment: a hidden marker a bot finds its comment by,
//! the counts first, breaking changes first with before → after per field,
//! long lists folded, and a cut at GitHub's comment limit with a note.

use std::fmt::Write;

use super::{Change, ChangeKind, Finding, Impact, Report};

/// The marker a bot looks for to update its comment in place.
pub const MARKER: &str = "<!-- align-diff -->";
/// GitHub refuses comments longer than 65,536 characters.
pub const LIMIT: usize = 65_000;
/// Dependents and findings shown before the rest is folded.
const SHOWN: usize = 5;

pub fn render(report: &Report) -> String {
    render_within(report, LIMIT)
}

/// The comment, cut before `limit` characters at a block boundary.
pub fn render_within(report: &Report, limit: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{MARKER}");
    let _ = writeln!(
        out,
        "## align diff `{}` → {}\n",
        report.base,
        head_name(&report.head)
    );
    let _ = writeln!(out, "{}\n", counts_line(report));
    let blocks = blocks(report);
    // Room for the note that says how much was left out.
    let reserve = 200;
    let mut left_out = 0;
    let mut left_chars = 0;
    for block in &blocks {
        if left_out == 0 && out.chars().count() + block.chars().count() + reserve <= limit {
            out.push_str(block);
        } else {
            left_out += 1;
            left_chars += block.chars().count();
        }
    }
    if left_out > 0 {
        let _ = writeln!(
            out,
            "\n> Cut to fit a comment: {left_out} more section{} ({left_chars} characters) left out. Run `align diff {} --format json` for everything.",
            if left_out == 1 { "" } else { "s" },
            report.base
        );
    }
    out
}

fn head_name(head: &str) -> String {
    if head == "working tree" {
        head.to_owned()
    } else {
        format!("`{head}`")
    }
}

fn counts_line(report: &Report) -> String {
    let counts = &report.counts;
    if report.changes.is_empty()
        && report.lint.new.is_empty()
        && report.lint.resolved.is_empty()
        && report.unparsed.is_empty()
    {
        return "**No change to the agreement.**".to_owned();
    }
    let mut line = format!(
        "**{} breaking, {} to review, {} added, {} removed, {} modified**",
        counts.breaking, counts.review, counts.added, counts.removed, counts.modified
    );
    let _ = write!(
        line,
        " · lint: {} new, {} resolved",
        report.lint.new.len(),
        report.lint.resolved.len()
    );
    line
}

/// Self-contained pieces of the comment, in reading order.
fn blocks(report: &Report) -> Vec<String> {
    let mut blocks = Vec::new();
    for unparsed in &report.unparsed {
        let mut block = format!(
            "### ⚠ The {} revision does not parse\n\nThe map, criteria or `align.toml` at {} have parse errors, so entries were not compared:\n\n",
            unparsed.side,
            if unparsed.side == "base" {
                &report.base
            } else {
                &report.head
            }
        );
        for finding in &unparsed.findings {
            block.push_str(&finding_line(finding));
        }
        block.push('\n');
        blocks.push(block);
    }
    for (impact, title) in [
        (Impact::Breaking, "Breaking"),
        (Impact::Review, "To review"),
    ] {
        let changes: Vec<&Change> = report
            .changes
            .iter()
            .filter(|c| c.severity == impact)
            .collect();
        if changes.is_empty() && (impact == Impact::Breaking || report.lint.new.is_empty()) {
            continue;
        }
        blocks.push(format!("### {title}\n\n"));
        for change in changes {
            blocks.push(change_block(change));
        }
        if impact == Impact::Review && !report.lint.new.is_empty() {
            blocks.push(findings_block("New lint findings", &report.lint.new, true));
        }
    }
    let info: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.severity == Impact::Info)
        .collect();
    if !info.is_empty() {
        let mut block = format!(
            "### Other changes\n\n<details><summary>{} other change{}</summary>\n\n",
            info.len(),
            if info.len() == 1 { "" } else { "s" }
        );
        for change in info {
            let _ = write!(block, "- {} {}", change.change.as_str(), title(change));
            if change.change == ChangeKind::Modified {
                let fields: Vec<&str> = change.fields.iter().map(|f| f.field.as_str()).collect();
                let _ = write!(block, ": {}", fields.join(", "));
            }
            block.push('\n');
        }
        block.push_str("\n</details>\n\n");
        blocks.push(block);
    }
    if !report.lint.resolved.is_empty() {
        blocks.push(findings_block(
            "Resolved lint findings",
            &report.lint.resolved,
            false,
        ));
    }
    blocks
}

fn title(change: &Change) -> String {
    format!("{} `{}`", change.area, change.id)
}

fn change_block(change: &Change) -> String {
    let mut block = format!("- **{}** {}", title(change), change.change.as_str());
    if let Some(reason) = &change.reason {
        let _ = write!(block, ": {reason}");
    }
    block.push_str("\n\n");
    if change.change == ChangeKind::Modified && !change.fields.is_empty() {
        block.push_str("  | field | before | after |\n  |---|---|---|\n");
        for field in &change.fields {
            let _ = writeln!(
                block,
                "  | `{}` | {} | {} |",
                field.field,
                cell(field.before.as_deref()),
                cell(field.after.as_deref())
            );
        }
        block.push('\n');
    }
    if !change.dependents.is_empty() {
        let lines: Vec<String> = change
            .dependents
            .iter()
            .map(|d| {
                format!(
                    "  - `{}:{}` {} `{}` ({})\n",
                    d.path, d.line, d.kind, d.id, d.field
                )
            })
            .collect();
        let (shown, folded) = lines.split_at(lines.len().min(SHOWN));
        block.push_str("  Cited by:\n\n");
        block.extend(shown.iter().map(String::as_str));
        if !folded.is_empty() {
            let _ = write!(
                block,
                "\n  <details><summary>{} more</summary>\n\n",
                folded.len()
            );
            block.extend(folded.iter().map(String::as_str));
            block.push_str("\n  </details>\n");
        }
        block.push('\n');
    }
    block
}

/// A table cell: the value in code, `|` escaped; a dash when absent.
fn cell(value: Option<&str>) -> String {
    match value {
        None => "—".to_owned(),
        Some(text) => {
            let short: String = if text.chars().count() > 200 {
                let mut cut: String = text.chars().take(200).collect();
                cut.push('…');
                cut
            } else {
                text.to_owned()
            };
            format!("`{}`", short.replace('|', "\\|").replace('`', "'"))
        }
    }
}

fn finding_line(finding: &Finding) -> String {
    format!(
        "- `{}:{}` {} {}: {}\n",
        finding.path, finding.line, finding.severity, finding.code, finding.message
    )
}

fn findings_block(title: &str, findings: &[Finding], open_first: bool) -> String {
    let mut block = format!("**{title} ({})**\n\n", findings.len());
    let shown = if open_first {
        SHOWN.min(findings.len())
    } else {
        0
    };
    for finding in &findings[..shown] {
        block.push_str(&finding_line(finding));
    }
    let rest = &findings[shown..];
    if !rest.is_empty() {
        let _ = write!(
            block,
            "\n<details><summary>{} {}</summary>\n\n",
            rest.len(),
            if shown > 0 { "more" } else { "findings" }
        );
        for finding in rest {
            block.push_str(&finding_line(finding));
        }
        block.push_str("\n</details>\n");
    }
    block.push('\n');
    block
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{Counts, LintDelta};

    fn report(changes: usize) -> Report {
        let change = |index: usize| Change {
            area: "message".into(),
            id: format!("message-{index}"),
            change: ChangeKind::Modified,
            severity: Impact::Review,
            reason: Some("approved wording changed".into()),
            fields: vec![crate::diff::FieldChange {
                field: "headline".into(),
                before: Some("\"Old | words\"".into()),
                after: Some("\"New words\"".into()),
            }],
            dependents: Vec::new(),
        };
        Report {
            base: "origin/main".into(),
            head: "working tree".into(),
            counts: Counts {
                review: changes,
                ..Counts::default()
            },
            changes: (0..changes).map(change).collect(),
            lint: LintDelta::default(),
            unparsed: Vec::new(),
        }
    }

    #[test]
    fn the_comment_is_cut_at_the_limit_with_a_note() {
        let whole = render(&report(10));
        assert!(whole.starts_with("<!-- align-diff -->\n"));
        assert!(whole.contains("`\"Old \\| words\"`"));
        assert!(!whole.contains("Cut to fit"));

        let cut = render_within(&report(1000), 5_000);
        assert!(cut.chars().count() <= 5_000, "{}", cut.len());
        assert!(cut.contains("**0 breaking, 1000 to review"));
        assert!(cut.contains("more sections ("), "{cut}");
        assert!(cut.contains("Run `align diff origin/main --format json` for everything."));
    }
}
