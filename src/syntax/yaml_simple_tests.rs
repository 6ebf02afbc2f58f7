//! The fast path against its oracle, the general yaml-rust2 path: whatever
//! the fast path accepts it must read exactly as the general path does
//! (kinds, spans, order), and what lies outside its subset it must decline.

use proptest::prelude::*;

use super::parse;
use crate::syntax::yaml::parse_general;
use crate::syntax::{Kind, Value};

/// Where the front matter starts in its file (after `---\n`).
const OFFSET: usize = 4;

/// Asserts the fast path accepts `text` and reads it as the general path.
fn accepted_alike(text: &str) -> Value {
    let fast = parse(text, OFFSET).unwrap_or_else(|| panic!("declined {text:?}"));
    let general = parse_general(text, OFFSET).unwrap_or_else(|error| panic!("{error:?}"));
    assert_eq!(fast, general, "{text:?}");
    fast
}

fn declined(text: &str) {
    assert_eq!(parse(text, OFFSET), None, "accepted {text:?}");
}

#[test]
fn typical_front_matter_reads_as_yaml_does() {
    let text = "id: doc-4670\ntitle: Document 4670\nkind: note\nrequirements: [requirement-20]\n\
                messages: [message-670]\nproof: [proof-170, proof-171, proof-172]\nstatus: draft\n";
    let root = accepted_alike(text);
    let Kind::Table(table) = root.kind else {
        panic!("a table")
    };
    assert_eq!(table.entries.len(), 7);
}

#[test]
fn scalars_resolve_with_the_core_schema() {
    let text = "a: 12\nb: -3.5e2\nc: true\nd: Null\ne: 2026-11-23\nf: +7\ng: .5\nh: 99999999999999999999\n";
    accepted_alike(text);
}

#[test]
fn odd_spacing_inside_lists_keeps_spans() {
    accepted_alike("list: [ a ,b ,  c d ]\nempty: []\nblank: [  ]\nfar:    x y\n");
}

#[test]
fn anything_outside_the_subset_is_declined() {
    for text in [
        "",
        "\n",
        "id: a",
        "id: a\n\nb: c\n",
        "# note\nid: a\n",
        "id: a # note\n",
        "id: 'a'\n",
        "id: \"a\"\n",
        "id:\n",
        "id: \n",
        "id: a \n",
        "id: a\r\n",
        "id:\ta\n",
        "id: a\nid: b\n",
        "  id: a\n",
        "- a\n",
        "id: - a\n",
        "id: -\n",
        "id: ---\n",
        "id: a: b\n",
        "id: http://x\n",
        "id: [a, [b]]\n",
        "id: [a, b,]\n",
        "id: [a, b] \n",
        "id: {a: b}\n",
        "id: &anchor a\n",
        "id: *alias\n",
        "id: !tag a\n",
        "id: |\n",
        "id: >\n",
        "id: é\n",
        "ïd: a\n",
        "1d: a\n",
        "id : a\n",
        "? id\n",
        "---\n",
    ] {
        declined(text);
    }
}

#[test]
fn declined_errors_keep_their_general_wording() {
    let error = crate::syntax::yaml::parse("id: a\nid: b\n", 0).unwrap_err();
    assert_eq!(error.message, "duplicate key `id`");
    assert_eq!(error.span, 6..8);
}

/// Keys: plain names, including words YAML would resolve as values.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_][a-z0-9_-]{0,10}",
        Just("true".to_owned()),
        Just("null".to_owned()),
        Just("y".to_owned()),
    ]
}

/// Scalars in the subset: words, ids, numbers, booleans, nulls, dates.
fn safe_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,12}",
        "[A-Za-z][a-z]{0,6}( [A-Za-z0-9]{1,5}){0,3}",
        "[-+]?[0-9]{1,22}",
        "[-+]?[0-9]{1,3}\\.[0-9]{0,3}([eE][-+]?[0-9]{1,3})?",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "[_/.][a-z0-9]{1,4}",
        prop::sample::select(vec![
            "true", "True", "FALSE", "null", "NULL", "Null", "yes", "no", "on", "inf", ".inf",
            ".nan", "0x1F", "0o7", "1_000", "1e5", "-0", "5.", "a.b/c", "x-y_z",
        ])
        .prop_map(str::to_owned),
    ]
}

/// Text YAML may read in other ways: indicators, quotes, comments, tabs,
/// non-ASCII, CR, nested or empty items.
fn edgy_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        safe_scalar(),
        (safe_scalar(), edge(), any::<prop::sample::Index>()).prop_map(|(word, edge, at)| {
            let at = at.index(word.len() + 1);
            format!("{}{edge}{}", &word[..at], &word[at..])
        }),
    ]
}

fn edge() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "#", " #", ": ", ":", "'", "\"", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%",
        "@", "`", "?", "- ", "-", "\t", "é", "\r", " ", "  ", "---", "...", "~", "+.",
    ])
}

fn spaces() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", " ", "  "])
}

/// A value: one scalar, or a flow list with odd spacing.
fn value(scalar: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    let list = (
        prop::collection::vec((scalar.clone(), spaces(), spaces()), 0..6),
        spaces(),
        spaces(),
    )
        .prop_map(|(items, open, close)| {
            let items: Vec<String> = items
                .iter()
                .map(|(item, before, after)| format!("{before}{item}{after}"))
                .collect();
            format!("[{open}{}{close}]", items.join(","))
        });
    prop_oneof![scalar, list]
}

/// Front matter of `key: value` lines, keys distinct.
fn front_matter(scalar: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    prop::collection::btree_map(key(), (spaces(), value(scalar)), 1..8).prop_map(|lines| {
        lines
            .iter()
            .map(|(key, (gap, value))| format!("{key}: {gap}{value}\n"))
            .collect()
    })
}

/// A line that puts the whole front matter outside the subset.
fn outside_line() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "\n",
        "# comment\n",
        "  indented: a\n",
        "- item\n",
        "empty:\n",
        "nested:\n  a: b\n",
        "quoted: 'a'\n",
        "flow: {a: b}\n",
        "---\n",
        "tab:\ta\n",
        "crlf: a\r\n",
    ])
}

proptest! {
    #[test]
    fn accepted_front_matter_reads_as_yaml_does(text in front_matter(edgy_scalar().boxed())) {
        if let Some(fast) = parse(&text, OFFSET) {
            let general = parse_general(&text, OFFSET);
            prop_assert_eq!(Ok(fast), general, "{:?}", text);
        }
    }

    #[test]
    fn the_subset_is_always_accepted(text in front_matter(safe_scalar().boxed())) {
        let fast = parse(&text, OFFSET);
        prop_assert!(fast.is_some(), "declined {:?}", text);
        prop_assert_eq!(fast.ok_or(()), parse_general(&text, OFFSET).map_err(|_| ()));
    }

    #[test]
    fn outside_lines_are_declined(
        text in front_matter(safe_scalar().boxed()),
        line in outside_line(),
        at in any::<prop::sample::Index>(),
    ) {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        let at = starts[at.index(starts.len())];
        let text = format!("{}{line}{}", &text[..at], &text[at..]);
        prop_assert_eq!(parse(&text, OFFSET), None, "{:?}", text);
    }

    #[test]
    fn edges_inside_a_scalar_are_declined(
        key in key(),
        word in safe_scalar(),
        edge in prop::sample::select(vec![
            "#", ":", "'", "\"", "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "?", "\t", "é", "\r",
        ]),
        at in any::<prop::sample::Index>(),
    ) {
        let at = at.index(word.len() + 1);
        let text = format!("{key}: {}{edge}{}\n", &word[..at], &word[at..]);
        prop_assert_eq!(parse(&text, OFFSET), None, "{:?}", text);
    }
}
