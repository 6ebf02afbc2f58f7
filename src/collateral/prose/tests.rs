use super::*;
use crate::collateral::phrases::PhraseMatcher;

fn prose(body: &str) -> String {
    scan(body, 0).prose.as_str().to_owned()
}

/// The file text of every match of `patterns` in `body`.
fn found<'a>(body: &'a str, patterns: &[&str]) -> Vec<&'a str> {
    let scanned = scan(body, 0);
    PhraseMatcher::new(patterns)
        .find(&scanned.prose)
        .into_iter()
        .map(|found| body.get(found.span).unwrap_or("<bad span>"))
        .collect()
}

fn texts(body: &str, spans: impl IntoIterator<Item = Range<usize>>) -> Vec<&str> {
    spans
        .into_iter()
        .map(|span| body.get(span).unwrap_or("<bad span>"))
        .collect()
}

#[test]
fn paragraphs_are_lowercased_and_separated() {
    assert_eq!(
        prose("Hello  World\n\nSecond Para\n"),
        "hello world\nsecond para"
    );
}

#[test]
fn fenced_and_indented_code_blocks_are_not_prose() {
    let body = "Intro\n\n```text\nbest-in-class\n```\n\n    best-in-class\n\nOutro\n";
    assert_eq!(prose(body), "intro\noutro");
}

#[test]
fn inline_code_is_not_prose_and_separates_its_sides() {
    assert_eq!(
        prose("Use `legacy co` in best `x` class"),
        "use\nin best\nclass"
    );
    assert!(found("best `in` class", &["best class", "best in class"]).is_empty());
}

#[test]
fn autolinks_and_destinations_are_not_prose_but_link_text_is() {
    let body = "See <https://legacyco.example> and \
                [LegacyCo pricing](https://legacyco.example/pricing \"LegacyCo\").";
    assert_eq!(prose(body), "see\nand legacyco pricing.");
    let scanned = scan(body, 0);
    let destinations: Vec<_> = scanned
        .links
        .iter()
        .map(|l| l.destination.as_str())
        .collect();
    assert_eq!(
        destinations,
        [
            "https://legacyco.example",
            "https://legacyco.example/pricing"
        ]
    );
    assert_eq!(
        texts(body, scanned.links.iter().map(|l| l.span.clone())),
        [
            "https://legacyco.example",
            "https://legacyco.example/pricing"
        ]
    );
}

#[test]
fn link_destination_span_is_found_after_the_text() {
    let body = "[docs/a.md](docs/a.md) and [ref][r]\n\n[r]: ../b.md\n";
    let scanned = scan(body, 0);
    assert_eq!(scanned.links[0].span, 12..21);
    assert_eq!(scanned.links[1].destination, "../b.md");
    assert_eq!(texts(body, [scanned.links[1].span.clone()]), ["[ref][r]"]);
}

#[test]
fn image_alt_text_is_prose_of_its_own() {
    let body = "Logo ![LegacyCo logo](img/logo.png) here";
    assert_eq!(prose(body), "logo\nlegacyco logo\nhere");
    let scanned = scan(body, 0);
    assert_eq!(
        texts(body, [scanned.links[0].span.clone()]),
        ["img/logo.png"]
    );
}

#[test]
fn bare_urls_are_not_prose() {
    let body = "Visit https://legacyco.example/best-in-class or www.best-in-class.example.";
    assert_eq!(prose(body), "visit\nor\n.");
    assert!(found(body, &["best-in-class"]).is_empty());
}

#[test]
fn html_blocks_and_inline_html_are_not_prose() {
    let body = "<div>\nbest-in-class\n</div>\n\nText <span>best</span>-in-class here\n";
    assert_eq!(prose(body), "text\nbest\n-in-class here");
    assert!(found(body, &["best-in-class"]).is_empty());
}

#[test]
fn html_comments_are_collected_with_exact_spans() {
    let body = "<!-- block\ncomment -->\n\nText <!-- inline --> more <!---->\n\n\
                <div>\n<!-- in div --></div>\n";
    let scanned = scan(body, 5);
    let inner: Vec<_> = scanned.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(inner, [" block\ncomment ", " inline ", "", " in div "]);
    let shifted: Vec<_> = scanned
        .comments
        .iter()
        .map(|c| c.span.start - 5..c.span.end - 5)
        .collect();
    assert_eq!(
        texts(body, shifted),
        [
            "<!-- block\ncomment -->",
            "<!-- inline -->",
            "<!---->",
            "<!-- in div -->"
        ]
    );
    assert_eq!(prose(body), "text\nmore");
}

#[test]
fn table_cells_are_separate_prose() {
    let body = "| Legacy | Co |\n|---|---|\n| best \\| in | class |\n";
    assert_eq!(prose(body), "legacy\nco\nbest | in\nclass");
    assert!(found(body, &["legacy co", "in class"]).is_empty());
}

#[test]
fn headings_give_plain_text_and_span() {
    let body = "# Why *we* `win`  \n\nSetext\nheading\n---\n\nBody\n";
    let scanned = scan(body, 0);
    let headings: Vec<_> = scanned.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(headings, ["Why we win", "Setext heading"]);
    assert_eq!(
        texts(body, scanned.headings.iter().map(|h| h.span.clone())),
        ["# Why *we* `win`", "Setext\nheading\n---"]
    );
    assert_eq!(scanned.prose.as_str(), "why we\nsetext heading\nbody");
}

#[test]
fn emphasis_inside_a_word_is_still_one_word() {
    let body = "Truly best-*in*-class and **best** ~~in~~ _class_.";
    assert_eq!(
        found(body, &["best-in-class", "best in class"]),
        ["best-*in*-class", "best** ~~in~~ _class"]
    );
}

#[test]
fn phrase_matches_across_soft_and_hard_line_breaks() {
    let body = "We are best in\nclass.\n\nBest in  \nclass.\n\nBest in\\\nclass.\n";
    assert_eq!(
        found(body, &["best in class"]),
        ["best in\nclass", "Best in  \nclass", "Best in\\\nclass"]
    );
}

#[test]
fn phrase_does_not_match_across_blocks() {
    let body = "Best in\n\nclass\n\n- best in\n- class\n\n> best in\n\nclass\n";
    assert!(found(body, &["best in class"]).is_empty());
}

#[test]
fn crlf_bodies_fold_line_ends() {
    let body = "Title\r\n=====\r\n\r\nLegacy\r\nCo rocks\r\n";
    let scanned = scan(body, 0);
    assert_eq!(scanned.prose.as_str(), "title\nlegacy co rocks");
    assert_eq!(
        texts(body, [scanned.headings[0].span.clone()]),
        ["Title\r\n====="]
    );
    assert_eq!(found(body, &["legacy co"]), ["Legacy\r\nCo"]);
}

#[test]
fn lowercasing_that_changes_length_keeps_spans_exact() {
    let body = "İNDİRİM for Ünïcode in STRASSE and Straße";
    let scanned = scan(body, 0);
    assert_eq!(
        scanned.prose.as_str(),
        "i\u{307}ndi\u{307}ri\u{307}m for ünïcode in strasse and straße"
    );
    assert_eq!(
        found(body, &["İndİrİm", "ÜNÏCODE", "straße"]),
        ["İNDİRİM", "Ünïcode", "Straße"]
    );
    // Half of an expanded 'İ' still maps to the whole character.
    assert_eq!(scanned.prose.original_span(0..1), 0..2);
    assert_eq!(scanned.prose.original_span(1..3), 0..2);
}

#[test]
fn entities_map_to_their_whole_source() {
    let body = "AT&amp;T and North&nbsp;Ledger";
    assert_eq!(prose(body), "at&t and north ledger");
    assert_eq!(
        found(body, &["at&t", "north ledger"]),
        ["AT&amp;T", "North&nbsp;Ledger"]
    );
}

#[test]
fn spans_are_offset_into_the_file() {
    let file = "---\ntitle: x\n---\nWe are best-in-class.\n";
    let body_start = 17;
    let scanned = scan(file.get(body_start..).unwrap_or_default(), body_start);
    let matches = PhraseMatcher::new(["best-in-class"]).find(&scanned.prose);
    assert_eq!(
        texts(file, matches.into_iter().map(|m| m.span)),
        ["best-in-class"]
    );
}

#[test]
fn original_span_clamps_out_of_range() {
    let scanned = scan("abc", 10);
    assert_eq!(scanned.prose.original_span(0..3), 10..13);
    assert_eq!(scanned.prose.original_span(2..2), 12..12);
    assert_eq!(scanned.prose.original_span(5..9), 13..13);
}

#[test]
fn fold_trims_and_folds_like_prose() {
    assert_eq!(fold("  Best\t In\r\n CLASS \n"), "best in class");
    assert_eq!(fold(" \n "), "");
}

#[test]
fn arbitrary_input_does_not_panic() {
    for body in [
        "",
        "\u{0}",
        "<!--",
        "[a](",
        "`",
        "* * *",
        "|a|\n|-|\n|\u{feff}|",
        "\r\r\n\n",
    ] {
        let scanned = scan(body, usize::MAX - 1);
        let _ = number_claims(&scanned.prose);
        let _ = scanned.prose.original_span(0..usize::MAX);
    }
}
