//! How a term's preferred form replaces an avoided one: where the avoided
//! words are part of the preferred form itself (`use = "widget pro"`,
//! `avoid = ["widget"]`), and which case the replacement is written in.

use std::ops::Range;

use crate::collateral::prose::is_word_char;

/// Whether the avoided words at `found` (a range of folded prose `text`)
/// lie inside a whole-word occurrence of the term's `preferred` form
/// (folded like prose): then they are the correct wording, not a misuse,
/// and a fix that added the rest of the preferred form again would never
/// settle.
pub fn inside_preferred(text: &str, found: Range<usize>, preferred: &str) -> bool {
    if preferred.len() <= found.len() {
        return false;
    }
    let from = floor_boundary(text, found.end.saturating_sub(preferred.len()));
    let to = ceil_boundary(text, (found.start + preferred.len()).min(text.len()));
    let Some(window) = text.get(from..to) else {
        return false;
    };
    window.match_indices(preferred).any(|(at, _)| {
        let occurrence = from + at..from + at + preferred.len();
        occurrence.start <= found.start
            && found.end <= occurrence.end
            && whole_words(text, occurrence, preferred)
    })
}

fn whole_words(text: &str, occurrence: Range<usize>, preferred: &str) -> bool {
    let before = text
        .get(..occurrence.start)
        .and_then(|before| before.chars().next_back());
    let after = text
        .get(occurrence.end..)
        .and_then(|after| after.chars().next());
    let starts_with_word = preferred.chars().next().is_some_and(is_word_char);
    let ends_with_word = preferred.chars().next_back().is_some_and(is_word_char);
    let joins_before = starts_with_word && before.is_some_and(is_word_char);
    let joins_after = ends_with_word && after.is_some_and(is_word_char);
    !joins_before && !joins_after
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_boundary(text: &str, mut index: usize) -> usize {
    while index < text.len() && !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// `preferred` written in the case pattern of `written`, the text it
/// replaces: ALL CAPS stays all caps, Title Case gives every word a
/// capital, a capital first letter (a sentence or heading start) gives the
/// first word one; anything else takes the preferred form as the map
/// spells it, which is the canonical spelling (`NorthLedger`).
pub fn keep_case(written: &str, preferred: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    if all_caps {
        return preferred.to_uppercase();
    }
    let words: Vec<&str> = written.split_whitespace().collect();
    let capitalised = |word: &&str| {
        word.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    };
    if words.len() > 1 && words.iter().all(capitalised) {
        return capitalise_words(preferred);
    }
    if words.first().is_some_and(capitalised) {
        return capitalise_first(preferred);
    }
    preferred.to_owned()
}

fn capitalise_words(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut at_word_start = true;
    for c in text.chars() {
        if at_word_start && c.is_alphabetic() {
            result.extend(c.to_uppercase());
        } else {
            result.push(c);
        }
        at_word_start = c.is_whitespace();
    }
    result
}

fn capitalise_first(text: &str) -> String {
    match text.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((at, c)) => {
            let rest = &text[at + c.len_utf8()..];
            format!("{}{}{rest}", &text[..at], c.to_uppercase())
        }
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_case_pattern_of_the_replaced_text_is_kept() {
        let preferred = "approval flows";
        assert_eq!(keep_case("approval workflows", preferred), "approval flows");
        assert_eq!(keep_case("Approval workflows", preferred), "Approval flows");
        assert_eq!(keep_case("Approval Workflows", preferred), "Approval Flows");
        assert_eq!(keep_case("APPROVAL WORKFLOWS", preferred), "APPROVAL FLOWS");
        assert_eq!(keep_case("aPPROVAL workflows", preferred), "approval flows");
    }

    #[test]
    fn the_map_spelling_wins_for_lower_case_text() {
        assert_eq!(keep_case("north ledger", "NorthLedger"), "NorthLedger");
        assert_eq!(keep_case("North Ledger", "NorthLedger"), "NorthLedger");
        assert_eq!(keep_case("NORTH LEDGER", "NorthLedger"), "NORTHLEDGER");
        assert_eq!(keep_case("Über", "ändern"), "Ändern");
        assert_eq!(keep_case("X", "why"), "Why");
    }

    #[test]
    fn avoided_words_inside_the_preferred_form_are_no_misuse() {
        let text = "the widget pro and a widget, not widget protocol";
        let at = |needle: &str, nth: usize| {
            let start = text.match_indices(needle).nth(nth).unwrap().0;
            start..start + needle.len()
        };
        assert!(inside_preferred(text, at("widget", 0), "widget pro"));
        assert!(!inside_preferred(text, at("widget", 1), "widget pro"));
        assert!(!inside_preferred(text, at("widget", 2), "widget pro"));
        assert!(inside_preferred("my pro widget", 7..13, "pro widget"));
        assert!(!inside_preferred("widget", 0..6, "widget"));
    }

    #[test]
    fn windows_never_split_a_character() {
        let text = "éé widget pro";
        assert!(inside_preferred(text, 5..11, "widget pro"));
        assert!(!inside_preferred("ééé widget", 7..13, "xx widget"));
    }
}
