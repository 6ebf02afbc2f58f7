//! Which findings a run keeps, and with which severity: `[lint] severity`
//! (a code turned `off` is dropped), `per_file_ignores`, then `--select`
//! and `--ignore`. Applied to one file's findings at a time, in the worker
//! that found them, so a finding nobody asked for is never kept.

use std::collections::HashMap;

use crate::codes;
use crate::diagnostic::{Diagnostic, Severity};
use crate::workspace::settings::{FileIgnore, LintSettings};

/// The severity `[lint] severity` gives a code: `Some(None)` when it is
/// off, `None` when the configuration does not name it.
pub fn configured_severity(lint: &LintSettings, code: &str) -> Option<Option<Severity>> {
    lint.severity
        .iter()
        .filter(|(selector, _)| codes::selects(selector, code))
        // The most specific selector wins; among equals, the last.
        .max_by_key(|(selector, _)| selector.len())
        .map(|(_, severity)| *severity)
}

/// The configuration and the command line's choice of rules.
pub struct Filter<'a> {
    lint: &'a LintSettings,
    select: &'a [String],
    ignore: &'a [String],
    /// What each code of `codes::ALL` becomes before per-file ignores.
    /// Decided once per run.
    decisions: HashMap<&'static str, Decision>,
}

#[derive(Clone, Copy)]
enum Decision {
    Drop,
    /// Kept, with the configured severity or (`None`) its own.
    Keep(Option<Severity>),
}

impl<'a> Filter<'a> {
    pub fn new(lint: &'a LintSettings, select: &'a [String], ignore: &'a [String]) -> Filter<'a> {
        let mut filter = Filter {
            lint,
            select,
            ignore,
            decisions: HashMap::new(),
        };
        filter.decisions = codes::ALL
            .iter()
            .map(|rule| (rule.code, filter.decide(rule.code)))
            .collect();
        filter
    }

    /// Keeps the findings of one file (`relative` to the workspace root,
    /// with `/` separators) that the run asked for, with their configured
    /// severities. The one place findings are dropped: a later filter
    /// (a baseline, a set of changed files) belongs next to this call.
    pub fn retain(&self, relative: &str, findings: &mut Vec<Diagnostic>) {
        if findings.is_empty() {
            return;
        }
        let ignores: Vec<&FileIgnore> = self
            .lint
            .per_file_ignores
            .iter()
            .filter(|ignore| ignore.glob.is_match(relative))
            .collect();
        findings.retain_mut(|finding| {
            let code = finding.rule.code;
            match self.decision(code) {
                Decision::Drop => return false,
                Decision::Keep(Some(severity)) => finding.severity = severity,
                Decision::Keep(None) => {}
            }
            !ignores
                .iter()
                .any(|ignore| ignore.selectors.iter().any(|s| codes::selects(s, code)))
        });
    }

    fn decision(&self, code: &str) -> Decision {
        match self.decisions.get(code) {
            Some(decided) => *decided,
            // A code outside the table: never, but not worth a panic.
            None => self.decide(code),
        }
    }

    fn decide(&self, code: &str) -> Decision {
        let configured = configured_severity(self.lint, code);
        let selected =
            self.select.is_empty() || self.select.iter().any(|s| codes::selects(s, code));
        let ignored = self.ignore.iter().any(|s| codes::selects(s, code));
        match configured {
            Some(None) => Decision::Drop,
            _ if !selected || ignored => Decision::Drop,
            Some(severity) => Decision::Keep(severity),
            None => Decision::Keep(None),
        }
    }
}
