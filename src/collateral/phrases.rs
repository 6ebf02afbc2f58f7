//! One Aho-Corasick automaton for every phrase a workspace cares about:
//! banned phrases, avoided terms and competitor names and aliases. It is
//! built once per workspace and shared by the threads that lint files, so the
//! cost of a check does not grow with the number of phrases the way one
//! regex per phrase would. Callers keep the pattern index → meaning table.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::collateral::prose::{Prose, fold, is_word_char};

/// Every phrase of a workspace, ready to be found in prose.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    /// `None` when there is no non-empty pattern.
    automaton: Option<AhoCorasick>,
    /// The distinct folded patterns, by automaton pattern id.
    phrases: Vec<Phrase>,
}

/// One distinct folded pattern and every caller's pattern that folds to it.
#[derive(Debug, Clone)]
struct Phrase {
    /// Indices into the caller's patterns, ascending.
    indices: Vec<usize>,
    /// Whether the pattern starts with a word character, and so must not be
    /// preceded by one; `(tm)` needs no boundary before it.
    needs_start_boundary: bool,
    needs_end_boundary: bool,
}

/// A phrase found in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    /// The index of the pattern in the list given to [`PhraseMatcher::new`].
    pub pattern: usize,
    /// The match in [`Prose::as_str`].
    pub folded: Range<usize>,
    /// The match in the file, markup inside it included.
    pub span: Range<usize>,
}

impl PhraseMatcher {
    /// Patterns are normalised exactly like prose (lowercase, white space
    /// folded, trimmed); empty patterns are ignored but keep their index, so
    /// indices always refer to the caller's list.
    pub fn new<I: AsRef<str>>(patterns: impl IntoIterator<Item = I>) -> PhraseMatcher {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut folded_patterns: Vec<String> = Vec::new();
        let mut phrases: Vec<Phrase> = Vec::new();
        for (index, pattern) in patterns.into_iter().enumerate() {
            let folded = fold(pattern.as_ref());
            if folded.is_empty() {
                continue;
            }
            match ids.entry(folded) {
                Entry::Occupied(id) => {
                    if let Some(phrase) = phrases.get_mut(*id.get()) {
                        phrase.indices.push(index);
                    }
                }
                Entry::Vacant(slot) => {
                    let folded = slot.key();
                    phrases.push(Phrase {
                        indices: vec![index],
                        needs_start_boundary: folded.chars().next().is_some_and(is_word_char),
                        needs_end_boundary: folded.chars().next_back().is_some_and(is_word_char),
                    });
                    folded_patterns.push(folded.clone());
                    slot.insert(phrases.len() - 1);
                }
            }
        }
        // Building fails only past the automaton's size limits (billions of
        // states), which memory runs out long before a workspace reaches.
        let automaton = if folded_patterns.is_empty() {
            None
        } else {
            // A DFA costs more memory to build (once per run) but scans
            // several times faster than the default NFA in an overlapping
            // search, which is the hot loop of `align lint`.
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&folded_patterns)
                .ok()
        };
        PhraseMatcher { automaton, phrases }
    }

    /// Whole-word matches in a document's prose, ordered by position and
    /// then pattern index.
    ///
    /// Whole word: the characters just outside the match are not word
    /// characters ([`is_word_char`]), except on a side where the pattern
    /// itself ends in a non-word character. Prose is already lowercase, so
    /// matching is case-insensitive.
    ///
    /// Overlaps: among all word-bounded matches (found with an overlapping
    /// search, so a longer match that is not word-bounded never hides a
    /// valid shorter one), the leftmost is kept, the longest when several
    /// start there, and matches overlapping a kept one are dropped. With
    /// aliases "Legacy Co" and "Legacy Co Suite", the text "Legacy Co Suite"
    /// reports only the longer alias. Patterns that fold to the same text
    /// match the same text, so each of them is reported for a kept match:
    /// a phrase that is both banned and an avoided term yields both.
    /// A pattern is reported every time it occurs.
    pub fn find(&self, prose: &Prose) -> Vec<PhraseMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let text = prose.as_str();
        // Overlapping search only fails on an automaton not built with
        // `MatchKind::Standard`, which `new` always uses.
        let Ok(matches) = automaton.try_find_overlapping_iter(text) else {
            return Vec::new();
        };
        let mut bounded: Vec<(Range<usize>, usize)> = matches
            .filter_map(|found| {
                let id = found.pattern().as_usize();
                let phrase = self.phrases.get(id)?;
                phrase
                    .is_word_bounded(text, found.range())
                    .then(|| (found.range(), id))
            })
            .collect();
        bounded.sort_unstable_by_key(|(range, _)| (range.start, Reverse(range.end)));

        let mut kept = Vec::new();
        let mut covered_to = 0;
        for (folded, id) in bounded {
            if folded.start < covered_to {
                continue;
            }
            covered_to = folded.end;
            let span = prose.original_span(folded.clone());
            let indices = self.phrases.get(id).map_or(&[][..], |p| &p.indices);
            kept.extend(indices.iter().map(|&pattern| PhraseMatch {
                pattern,
                folded: folded.clone(),
                span: span.clone(),
            }));
        }
        kept
    }
}

impl Phrase {
    fn is_word_bounded(&self, text: &str, range: Range<usize>) -> bool {
        let before = text
            .get(..range.start)
            .and_then(|before| before.chars().next_back());
        let after = text.get(range.end..).and_then(|after| after.chars().next());
        let joins_before = self.needs_start_boundary && before.is_some_and(is_word_char);
        let joins_after = self.needs_end_boundary && after.is_some_and(is_word_char);
        !joins_before && !joins_after
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collateral::prose::scan;
    use proptest::prelude::*;

    /// `(pattern index, file text)` of every match.
    fn found<'a>(body: &'a str, patterns: &[&str]) -> Vec<(usize, &'a str)> {
        let scanned = scan(body, 0);
        PhraseMatcher::new(patterns)
            .find(&scanned.prose)
            .into_iter()
            .map(|found| (found.pattern, body.get(found.span).unwrap_or("<bad span>")))
            .collect()
    }

    #[test]
    fn matcher_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<PhraseMatcher>();
    }

    #[test]
    fn matches_whole_words_only() {
        let body = "classy subclass class_name class. (Class) 1class";
        assert_eq!(found(body, &["class"]), [(0, "class"), (0, "Class")]);
    }

    #[test]
    fn non_word_pattern_edges_need_no_boundary() {
        let body = "NorthLedger(TM) and C++x";
        assert_eq!(found(body, &["(tm)", "c++"]), [(0, "(TM)"), (1, "C++")]);
        assert_eq!(found(body, &["c++x"]), [(0, "C++x")]);
        assert_eq!(found("preC++", &["c++"]), []);
    }

    #[test]
    fn patterns_are_folded_like_prose() {
        assert_eq!(
            found("We are Best-In-Class.", &["  BEST-in-class\n"]),
            [(0, "Best-In-Class")]
        );
    }

    #[test]
    fn longest_of_overlapping_patterns_wins() {
        let patterns = ["legacy co", "legacy co suite", "co suite", "legacyco suite"];
        assert_eq!(
            found("Legacy Co Suite", &patterns),
            [(1, "Legacy Co Suite")]
        );
        assert_eq!(found("Legacy Co rocks", &patterns), [(0, "Legacy Co")]);
        assert_eq!(
            found("LegacyCo Suite, not Legacy Co.", &patterns),
            [(3, "LegacyCo Suite"), (0, "Legacy Co")]
        );
    }

    #[test]
    fn a_longer_match_that_is_not_a_whole_word_hides_nothing() {
        assert_eq!(
            found("best-in-classy", &["best-in-class", "best"]),
            [(1, "best")]
        );
    }

    #[test]
    fn patterns_that_fold_alike_are_all_reported() {
        let patterns = ["", "North Ledger", "north\n ledger", "   "];
        assert_eq!(
            found("Try North Ledger", &patterns),
            [(1, "North Ledger"), (2, "North Ledger")]
        );
    }

    #[test]
    fn every_occurrence_is_reported() {
        assert_eq!(
            found("Best, best and BEST.", &["best"]),
            [(0, "Best"), (0, "best"), (0, "BEST")]
        );
    }

    #[test]
    fn no_patterns_find_nothing() {
        assert!(found("anything at all", &[]).is_empty());
        assert!(found("anything at all", &["", " \n"]).is_empty());
    }

    /// Text around the planted phrase: it starts with a letter and holds no
    /// Markdown syntax, so the phrase always stays in one paragraph.
    fn surrounding_text() -> impl Strategy<Value = String> {
        "[a-zA-Z][a-zA-Z0-9 ,;:!?'éÜß]{0,30}"
    }

    fn separator() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            " ", "  ", "\t", "\n", " \n", "  \n", "\n   ", "\r\n", "\u{a0}",
        ])
    }

    proptest! {
        #[test]
        fn planted_phrase_is_found_across_any_white_space(
            words in prop::collection::vec("[a-zA-ZéÜßİ]{1,8}", 1..5),
            separators in prop::collection::vec(separator(), 4),
            before in surrounding_text(),
            after in surrounding_text(),
        ) {
            let phrase = words.join(" ");
            let mut planted = String::new();
            for (i, word) in words.iter().enumerate() {
                if i > 0 {
                    planted.push_str(separators.get(i - 1).copied().unwrap_or(" "));
                }
                planted.push_str(word);
            }
            let body = format!("{before}. {planted} ;{after}\n");
            let planted_at = before.len() + 2;

            let scanned = scan(&body, 0);
            let matches = PhraseMatcher::new([phrase.as_str()]).find(&scanned.prose);
            let at_plant: Vec<_> = matches
                .iter()
                .filter(|found| found.span.start == planted_at)
                .collect();
            prop_assert_eq!(at_plant.len(), 1, "{:?} in {:?}", phrase, body);
            let original = body.get(at_plant[0].span.clone()).unwrap_or_default();
            prop_assert_eq!(original, planted.as_str());
            prop_assert_eq!(fold(original), fold(&phrase));
        }
    }
}
