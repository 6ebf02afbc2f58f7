//! A finding about the workspace: which rule, where (1-based line and
//! character column), what is wrong and how to fix it. Data problems are
//! values, not errors, so one run can report every problem.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::codes::Rule;

/// How seriously a finding is taken: errors fail `align lint`, warnings
/// fail it only with `--deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };
}

/// The whole source lines a finding covers, kept so a renderer can show a
/// snippet without holding every file in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// Line number of the first line of `text`.
    pub first_line: usize,
    pub text: String,
    /// Byte range of the finding inside `text`.
    pub range: Range<usize>,
}

/// Kept small (a run can hold a million of them): what most findings lack,
/// an excerpt or a fix, is boxed.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The file as the workspace found it (root joined with its relative path).
    pub path: Arc<Path>,
    pub start: Position,
    /// Exclusive: the position just after the last character.
    pub end: Position,
    pub excerpt: Option<Box<Excerpt>>,
    /// A safe, mechanical correction (`align lint --fix` applies it).
    pub fix: Option<Box<Fix>>,
}

/// Replace the bytes `span` of the finding's file with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: Range<usize>,
    pub replacement: String,
}

impl Diagnostic {
    /// A finding at explicit positions, for sources not held in memory
    /// (a streamed CSV cell).
    pub fn at(
        rule: &'static Rule,
        path: Arc<Path>,
        start: Position,
        end: Position,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            help: None,
            path,
            start,
            end,
            excerpt: None,
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, span: Range<usize>, replacement: impl Into<String>) -> Diagnostic {
        self.fix = Some(Box::new(Fix {
            span,
            replacement: replacement.into(),
        }));
        self
    }

    pub fn with_excerpt(mut self, excerpt: Excerpt) -> Diagnostic {
        self.excerpt = Some(Box::new(excerpt));
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// The deterministic output order: path, line, column, code.
    pub fn sort_key(&self) -> (&Path, Position, &'static str, &str) {
        (&self.path, self.start, self.rule.code, &self.message)
    }
}

/// Sorts and removes exact repeats (the same rule, place and message).
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup_by(|a, b| a.sort_key() == b.sort_key());
}
