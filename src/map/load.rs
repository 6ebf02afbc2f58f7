//! Reading `map/*.toml` into the [`Map`], reporting syntax errors (AL001),
//! unknown keys (AL002), duplicate ids (AL003) and invalid values (AL004).

use std::sync::Arc;

use super::*;
use crate::codes::files::{AL001, AL003, AL004};
use crate::diagnostic::Diagnostic;
use crate::syntax::{Fields, Value};

/// Reads every map file, in the order given.
pub fn load(files: &[Arc<SourceFile>], diagnostics: &mut Vec<Diagnostic>) -> Map {
    let mut map = Map::default();
    for source in files {
        match crate::syntax::toml::parse(&source.text) {
            Ok(root) => read_file(&mut map, source, &root, diagnostics),
            Err(error) => diagnostics.push(source.diagnostic(&AL001, error.span, error.message)),
        }
    }
    map
}

fn read_file(
    map: &mut Map,
    source: &Arc<SourceFile>,
    root: &Value,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(mut file) = Fields::of(root, "a map file", source, diagnostics) else {
        return;
    };
    let mut found = Vec::new();
    for value in file.tables("segment") {
        entry(
            value,
            "a `[[segment]]` entry",
            source,
            &mut found,
            |fields, origin| {
                let id = fields.id("id");
                let name = fields
                    .string("name")
                    .map(|name| name.value)
                    .unwrap_or_default();
                Some(Entry::Segment(Segment {
                    id: id?,
                    name,
                    origin,
                    fields: table_of(value),
                }))
            },
        );
    }
    for value in file.tables("requirement") {
        entry(
            value,
            "a `[[requirement]]` entry",
            source,
            &mut found,
            |fields, origin| {
                let id = fields.id("id");
                let statement = fields
                    .required_string("statement")
                    .map(|s| s.value)
                    .unwrap_or_default();
                let segments = fields.ids("segments");
                Some(Entry::Requirement(Requirement {
                    id: id?,
                    statement,
                    segments,
                    origin,
                    fields: table_of(value),
                }))
            },
        );
    }
    for value in file.tables("competitor") {
        entry(
            value,
            "a `[[competitor]]` entry",
            source,
            &mut found,
            |fields, origin| {
                let id = fields.id("id");
                let name = fields
                    .required_string("name")
                    .map(|s| s.value)
                    .unwrap_or_default();
                let aliases = values(fields.strings("aliases"));
                let landmines = values(fields.strings("landmines"));
                Some(Entry::Competitor(Competitor {
                    id: id?,
                    name,
                    aliases,
                    landmines,
                    origin,
                    fields: table_of(value),
                }))
            },
        );
    }
    for value in file.tables("feature") {
        entry(
            value,
            "a `[[feature]]` entry",
            source,
            &mut found,
            |fields, origin| {
                let id = fields.id("id");
                let name = fields.string("name").map(|s| s.value).unwrap_or_default();
                if fields.value("status").is_none() {
                    fields.missing("status");
                }
                let status = choose(
                    fields,
                    "status",
                    &[
                        ("ga", FeatureStatus::Ga),
                        ("beta", FeatureStatus::Beta),
                        ("roadmap", FeatureStatus::Roadmap),
                    ],
                )
                .unwrap_or(FeatureStatus::Ga);
                Some(Entry::Feature(Feature {
                    id: id?,
                    name,
                    status,
                    origin,
                    fields: table_of(value),
                }))
            },
        );
    }
    for value in file.tables("proof") {
        entry(
            value,
            "a `[[proof]]` entry",
            source,
            &mut found,
            |fields, origin| {
                let id = fields.id("id");
                let customer = fields
                    .string("customer")
                    .map(|s| s.value)
                    .unwrap_or_default();
                let claim = fields
                    .required_string("claim")
                    .map(|s| s.value)
                    .unwrap_or_default();
                let public = fields.bool("public").unwrap_or(false);
                let expires = fields.date("expires").map(|date| date.value);
                Some(Entry::Proof(Proof {
                    id: id?,
                    customer,
                    claim,
                    public,
                    expires,
                    origin,
                    fields: table_of(value),
                }))
            },
        );
    }
    for value in file.tables("message") {
        entry(
            value,
            "a `[[message]]` entry",
            source,
            &mut found,
            |fields, origin| read_message(fields, origin, value),
        );
    }
    for value in file.tables("objection") {
        entry(
            value,
            "a `[[objection]]` entry",
            source,
            &mut found,
            |fields, origin| read_objection(fields, origin, value),
        );
    }
    for value in file.tables("term") {
        entry(
            value,
            "a `[[term]]` entry",
            source,
            &mut found,
            |fields, origin| {
                let preferred = fields.required_string("use");
                let mut avoid = fields.strings("avoid");
                avoid.retain(|wording| {
                    let empty = wording.value.trim().is_empty();
                    if empty {
                        fields
                            .problem(
                                &AL004,
                                wording.span.clone(),
                                "an empty `avoid` entry matches nothing",
                            )
                            .help = Some("write the wording to avoid, or remove the entry".into());
                    }
                    !empty
                });
                Some(Entry::Term(Term {
                    preferred: preferred?,
                    avoid,
                    origin,
                    fields: table_of(value),
                }))
            },
        );
    }
    for value in file.tables("phrase") {
        entry(
            value,
            "a `[[phrase]]` entry",
            source,
            &mut found,
            |fields, origin| {
                let text = fields.required_string("text");
                let reason = fields.string("reason").map(|s| s.value).unwrap_or_default();
                let text = text?;
                if text.value.trim().is_empty() {
                    fields
                        .problem(
                            &AL004,
                            text.span.clone(),
                            "an empty phrase `text` matches nothing",
                        )
                        .help =
                        Some("write the banned wording, or remove the `[[phrase]]` entry".into());
                    return None;
                }
                Some(Entry::Phrase(Phrase {
                    text,
                    reason,
                    origin,
                }))
            },
        );
    }
    file.finish();
    for read in found {
        add(map, read, diagnostics);
    }
}

fn read_message(fields: &mut Fields<'_>, origin: Origin, value: &Value) -> Option<Entry> {
    let id = fields.id("id");
    let headline = fields
        .required_string("headline")
        .map(|s| s.value)
        .unwrap_or_default();
    let body = fields.string("body").map(|s| s.value).unwrap_or_default();
    let requirements = fields.ids("requirements");
    if requirements.is_empty() {
        fields
            .problem(
                &AL004,
                origin.header.clone(),
                match &id {
                    Some(id) => format!("message `{}` addresses no requirement", id.value),
                    None => "the message addresses no requirement".to_owned(),
                },
            )
            .help = Some("list at least one requirement id in `requirements`".into());
    }
    let segments = fields.ids("segments");
    let against = fields.ids("against");
    let proof = fields.ids("proof");
    let features = fields.ids("features");
    let status = read_status(fields);
    Some(Entry::Message(Message {
        id: id?,
        headline,
        body,
        requirements,
        segments,
        against,
        proof,
        features,
        status,
        origin,
        fields: table_of(value),
    }))
}

/// `status` of a message or an objection: only what someone approved is
/// used, so a missing status is a draft.
fn read_status(fields: &mut Fields<'_>) -> MessageStatus {
    choose(
        fields,
        "status",
        &[
            ("approved", MessageStatus::Approved),
            ("draft", MessageStatus::Draft),
            ("retired", MessageStatus::Retired),
        ],
    )
    .unwrap_or(MessageStatus::Draft)
}

fn read_objection(fields: &mut Fields<'_>, origin: Origin, value: &Value) -> Option<Entry> {
    // Every key is read before a bad id drops the entry, so its valid
    // siblings are not reported as unknown.
    let id = fields.id("id");
    let text = fields
        .required_string("text")
        .map(|s| s.value)
        .unwrap_or_default();
    let competitors = fields.ids("competitors");
    let requirements = fields.ids("requirements");
    let answers = fields.ids("answers");
    let status = read_status(fields);
    Some(Entry::Objection(Objection {
        id: id?,
        text,
        competitors,
        requirements,
        answers,
        status,
        origin,
        fields: table_of(value),
    }))
}

enum Entry {
    Segment(Segment),
    Requirement(Requirement),
    Competitor(Competitor),
    Feature(Feature),
    Proof(Proof),
    Message(Message),
    Objection(Objection),
    Term(Term),
    Phrase(Phrase),
}

/// Reads one `[[table]]` element with `read`, collecting its findings.
fn entry(
    value: &Value,
    what: &str,
    source: &Arc<SourceFile>,
    found: &mut Vec<(Option<Entry>, Vec<Diagnostic>)>,
    read: impl FnOnce(&mut Fields<'_>, Origin) -> Option<Entry>,
) {
    let mut diagnostics = Vec::new();
    let origin = Origin {
        source: source.clone(),
        header: value.span.clone(),
    };
    let entry = Fields::of(value, what, source, &mut diagnostics).and_then(|mut fields| {
        let entry = read(&mut fields, origin);
        fields.finish();
        entry
    });
    found.push((entry, diagnostics));
}

fn add(
    map: &mut Map,
    (entry, findings): (Option<Entry>, Vec<Diagnostic>),
    diagnostics: &mut Vec<Diagnostic>,
) {
    diagnostics.extend(findings);
    let Some(entry) = entry else {
        return;
    };
    let duplicate = match entry {
        Entry::Segment(e) => insert(&mut map.segments, e, |e| (&e.id, &e.origin), "segment"),
        Entry::Requirement(e) => insert(
            &mut map.requirements,
            e,
            |e| (&e.id, &e.origin),
            "requirement",
        ),
        Entry::Competitor(e) => insert(
            &mut map.competitors,
            e,
            |e| (&e.id, &e.origin),
            "competitor",
        ),
        Entry::Feature(e) => insert(&mut map.features, e, |e| (&e.id, &e.origin), "feature"),
        Entry::Proof(e) => insert(&mut map.proof, e, |e| (&e.id, &e.origin), "proof"),
        Entry::Message(e) => insert(&mut map.messages, e, |e| (&e.id, &e.origin), "message"),
        Entry::Objection(e) => insert(&mut map.objections, e, |e| (&e.id, &e.origin), "objection"),
        Entry::Term(term) => {
            map.terms.push(term);
            None
        }
        Entry::Phrase(phrase) => {
            map.phrases.push(phrase);
            None
        }
    };
    diagnostics.extend(duplicate);
}

fn insert<T>(
    catalog: &mut Catalog<T>,
    entry: T,
    identity: impl Fn(&T) -> (&Spanned<String>, &Origin),
    noun: &str,
) -> Option<Diagnostic> {
    let (id, origin) = identity(&entry);
    let (id, span, source) = (id.value.clone(), id.span.clone(), origin.source.clone());
    match catalog.insert(&id, entry) {
        Ok(()) => None,
        Err(first) => {
            let first = identity(first).1.describe();
            Some(
                source
                    .diagnostic(
                        &AL003,
                        span,
                        format!("duplicate {noun} id `{id}`, first defined at {first}"),
                    )
                    .with_help(format!(
                        "rename one of the two {noun} entries or merge them"
                    )),
            )
        }
    }
}

fn values(strings: Vec<Spanned<String>>) -> Vec<String> {
    strings.into_iter().map(|s| s.value).collect()
}

fn table_of(value: &Value) -> Table {
    match &value.kind {
        crate::syntax::Kind::Table(table) => table.clone(),
        _ => Table::default(),
    }
}

/// A string key restricted to a set of values (AL004 otherwise).
pub fn choose<T: Copy>(
    fields: &mut Fields<'_>,
    key: &'static str,
    options: &[(&str, T)],
) -> Option<T> {
    let value = fields.string(key)?;
    if let Some((_, choice)) = options.iter().find(|(name, _)| *name == value.value) {
        return Some(*choice);
    }
    let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
    let help = crate::syntax::fields::did_you_mean(&value.value, &names).map_or_else(
        || format!("use one of: {}", names.join(", ")),
        |close| format!("did you mean `{close}`?"),
    );
    fields
        .problem(
            &AL004,
            value.span.clone(),
            format!("invalid {key} `{}`", value.value),
        )
        .help = Some(help);
    None
}
