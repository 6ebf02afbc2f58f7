//! Lint findings new at HEAD and resolved since BASE, matched by code,
//! path and message (not line), so moving text is no change.

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::lint::LintRun;
use crate::workspace::Workspace;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: &'static str,
    pub path: String,
    /// The line at the side the finding belongs to.
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct LintDelta {
    pub new: Vec<Finding>,
    pub resolved: Vec<Finding>,
}

fn finding(workspace: &Workspace, diagnostic: &Diagnostic) -> Finding {
    Finding {
        code: diagnostic.rule.code,
        severity: diagnostic.severity.as_str(),
        path: workspace.relative(&diagnostic.path),
        line: diagnostic.start.line,
        message: diagnostic.message.clone(),
    }
}

type Key = (&'static str, String, String);

/// Findings of `run` counted by key, with the findings in order.
fn keyed(workspace: &Workspace, run: &LintRun) -> (HashMap<Key, usize>, Vec<Finding>) {
    let findings: Vec<Finding> = run
        .diagnostics
        .iter()
        .map(|diagnostic| finding(workspace, diagnostic))
        .collect();
    let mut counts = HashMap::new();
    for finding in &findings {
        let key = (finding.code, finding.path.clone(), finding.message.clone());
        *counts.entry(key).or_insert(0) += 1;
    }
    (counts, findings)
}

/// Those of `findings` beyond the count `other` has of their key.
fn beyond(findings: Vec<Finding>, mut other: HashMap<Key, usize>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|finding| {
            let key = (finding.code, finding.path.clone(), finding.message.clone());
            match other.get_mut(&key) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            }
        })
        .collect()
}

pub(super) fn compare(
    base: &Workspace,
    base_run: &LintRun,
    head: &Workspace,
    head_run: &LintRun,
) -> LintDelta {
    let (base_counts, base_findings) = keyed(base, base_run);
    let (head_counts, head_findings) = keyed(head, head_run);
    LintDelta {
        new: beyond(head_findings, base_counts),
        resolved: beyond(base_findings, head_counts),
    }
}

/// Parse errors (AL001) in `align.toml`, the map or the criteria: with
/// them a side cannot be compared entry by entry.
pub(super) fn agreement_parse_errors(workspace: &Workspace, run: &LintRun) -> Vec<Finding> {
    let settings = &workspace.settings.paths;
    let folders = [
        format!("{}/", settings.map),
        format!("{}/", settings.criteria),
    ];
    run.diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule.code == "AL001")
        .map(|diagnostic| finding(workspace, diagnostic))
        .filter(|finding| {
            finding.path == "align.toml"
                || folders
                    .iter()
                    .any(|folder| finding.path.starts_with(folder.as_str()))
        })
        .collect()
}
