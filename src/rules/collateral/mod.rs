//! AL2xx: collateral (collateral/**/*.md) checked against the map: front
//! matter references, required fields and sections, wording, proof use,
//! review dates, fit to the declared situation, links and number claims.

use crate::codes::collateral::*;

mod front_matter;
mod prose;

use crate::key_hash::KeyMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::collateral::Document;
use crate::collateral::phrases::PhraseMatcher;
use crate::collateral::suppression::Usage;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::workspace::Workspace;

/// What a pattern of the workspace's one phrase automaton stands for.
#[derive(Debug, Clone, Copy)]
enum Pattern {
    /// Index into `map.phrases`.
    Banned(usize),
    /// Index into `map.terms`.
    Avoided(usize),
    /// Index into the competitor catalogue.
    Competitor(usize),
}

/// Everything built once per run to check every collateral document.
pub struct Context<'w> {
    workspace: &'w Workspace,
    today: Date,
    matcher: PhraseMatcher,
    patterns: Vec<Pattern>,
    /// Each term's preferred form folded like prose, by term index.
    preferred: Vec<String>,
    /// The number claims each proof's `claim` makes, by proof id.
    proof_numbers: KeyMap<&'w str, Vec<(String, char)>>,
}

impl<'w> Context<'w> {
    pub fn new(workspace: &'w Workspace, today: Date) -> Context<'w> {
        let map = &workspace.map;
        let mut texts: Vec<&str> = Vec::new();
        let mut patterns = Vec::new();
        for (index, phrase) in map.phrases.iter().enumerate() {
            texts.push(&phrase.text.value);
            patterns.push(Pattern::Banned(index));
        }
        for (index, term) in map.terms.iter().enumerate() {
            for avoid in &term.avoid {
                texts.push(&avoid.value);
                patterns.push(Pattern::Avoided(index));
            }
        }
        for (index, competitor) in map.competitors.iter().enumerate() {
            for name in std::iter::once(&competitor.name).chain(&competitor.aliases) {
                texts.push(name);
                patterns.push(Pattern::Competitor(index));
            }
        }
        let proof_numbers = map
            .proof
            .iter()
            .map(|proof| {
                (
                    proof.id.value.as_str(),
                    crate::collateral::prose::number_claims_in_text(&proof.claim),
                )
            })
            .collect();
        Context {
            workspace,
            today,
            matcher: PhraseMatcher::new(texts),
            patterns,
            preferred: map
                .terms
                .iter()
                .map(|term| crate::collateral::prose::fold(&term.preferred.value))
                .collect(),
            proof_numbers,
        }
    }

    /// Checks one document; its findings (after its suppression comments)
    /// go to `found`.
    pub fn check(&self, source: &Arc<SourceFile>, found: &mut Vec<Diagnostic>) -> Document {
        let mut diagnostics = Vec::new();
        let document = Document::read(source, &self.workspace.settings, &mut diagnostics);
        front_matter::check(self, &document, source, &mut diagnostics);
        let suppressions = prose::check(self, &document, source, &mut diagnostics);
        let lint = &self.workspace.settings.lint;
        let (mut usage, mut off_usage) = (Usage::default(), Usage::default());
        for diagnostic in diagnostics {
            let code = diagnostic.rule.code;
            // A finding of a rule that is off would not be reported anyway,
            // so suppressing it does not make a comment useful.
            let is_off = matches!(crate::lint::configured_severity(lint, code), Some(None));
            let usage = if is_off { &mut off_usage } else { &mut usage };
            if !suppressions.suppress(code, diagnostic.start.line, usage) {
                found.push(diagnostic);
            }
        }
        for unused in suppressions.unused(&usage) {
            found.push(
                source
                    .diagnostic(
                        &AL214,
                        unused.span,
                        format!("`{}` suppresses nothing", unused.directive),
                    )
                    .with_help("remove the comment (`align lint --fix` does)")
                    .with_fix(unused.removal, ""),
            );
        }
        document
    }
}
