//! AL1xx: the message map itself (map/*.toml): references, coverage of
//! requirements and competitors, and what approved messages rely on.

use crate::codes::map::*;

use jiff::civil::Date;

use crate::diagnostic::Diagnostic;
use crate::map::{EntryKind, FeatureStatus, Map, Message};
use crate::syntax::Spanned;

/// Runs every AL1xx rule over the map.
pub fn check(map: &Map, today: Date, diagnostics: &mut Vec<Diagnostic>) {
    unknown_references(map, diagnostics);
    for requirement in map.requirements.iter() {
        let addressed = map.messages.iter().any(|message| {
            message.is_approved()
                && message
                    .requirements
                    .iter()
                    .any(|r| r.value == requirement.id.value)
        });
        if !addressed {
            diagnostics.push(
                requirement
                    .origin
                    .source
                    .diagnostic(
                        &AL102,
                        requirement.origin.header.clone(),
                        format!(
                            "no approved message addresses requirement `{}`",
                            requirement.id.value
                        ),
                    )
                    .with_help("add an approved `[[message]]` that lists it in `requirements`"),
            );
        }
    }
    for competitor in map.competitors.iter() {
        let countered = map.messages.iter().any(|message| {
            message.is_approved()
                && message
                    .against
                    .iter()
                    .any(|c| c.value == competitor.id.value)
        });
        if !countered {
            diagnostics.push(
                competitor
                    .origin
                    .source
                    .diagnostic(&AL105, competitor.origin.header.clone(), format!("no approved message is `against` competitor `{}`", competitor.id.value))
                    .with_help("name it in the `against` list of an approved message that wins that situation"),
            );
        }
    }
    for message in map.messages.iter().filter(|message| message.is_approved()) {
        approved_message(map, message, today, diagnostics);
    }
    unanswered_objections(map, diagnostics);
}

fn unanswered_objections(map: &Map, diagnostics: &mut Vec<Diagnostic>) {
    for objection in map.objections.iter() {
        if objection.is_approved() && !objection.is_answered(map) {
            let why = if objection.answers.is_empty() {
                "lists no answering message"
            } else {
                "is answered by no approved message"
            };
            diagnostics.push(
                objection
                    .origin
                    .source
                    .diagnostic(
                        &AL107,
                        objection.origin.header.clone(),
                        format!("approved objection `{}` {why}", objection.id.value),
                    )
                    .with_help("list an approved message in `answers`, or set `status = \"draft\"` until there is one"),
            );
        }
    }
}

fn approved_message(map: &Map, message: &Message, today: Date, diagnostics: &mut Vec<Diagnostic>) {
    let source = &message.origin.source;
    if message.proof.is_empty() {
        diagnostics.push(
            source
                .diagnostic(&AL103, message.origin.header.clone(), format!("approved message `{}` cites no proof", message.id.value))
                .with_help("list a customer story in `proof`, or set `status = \"draft\"` until there is one"),
        );
    }
    for cited in &message.proof {
        if let Some(proof) = map.proof.get(&cited.value) {
            if let Some(expires) = proof.expires.filter(|_| proof.is_expired(today)) {
                diagnostics.push(
                    source
                        .diagnostic(&AL104, cited.span.clone(), format!("approved message `{}` cites proof `{}`, which expired on {expires}", message.id.value, cited.value))
                        .with_help("renew the proof's `expires` date with the customer, or cite other proof"),
                );
            }
        }
    }
    for used in &message.features {
        if map
            .features
            .get(&used.value)
            .is_some_and(|feature| feature.status == FeatureStatus::Roadmap)
        {
            diagnostics.push(
                source
                    .diagnostic(&AL106, used.span.clone(), format!("approved message `{}` relies on roadmap feature `{}`", message.id.value, used.value))
                    .with_help("remove the feature from the message until it ships, or set the message to draft"),
            );
        }
    }
}

fn unknown_references(map: &Map, diagnostics: &mut Vec<Diagnostic>) {
    for requirement in map.requirements.iter() {
        let owner = format!("requirement `{}`", requirement.id.value);
        references(
            map,
            &owner,
            &requirement.origin.source,
            &requirement.segments,
            EntryKind::Segment,
            diagnostics,
        );
    }
    for message in map.messages.iter() {
        let owner = format!("message `{}`", message.id.value);
        let source = &message.origin.source;
        references(
            map,
            &owner,
            source,
            &message.requirements,
            EntryKind::Requirement,
            diagnostics,
        );
        references(
            map,
            &owner,
            source,
            &message.segments,
            EntryKind::Segment,
            diagnostics,
        );
        references(
            map,
            &owner,
            source,
            &message.against,
            EntryKind::Competitor,
            diagnostics,
        );
        references(
            map,
            &owner,
            source,
            &message.proof,
            EntryKind::Proof,
            diagnostics,
        );
        references(
            map,
            &owner,
            source,
            &message.features,
            EntryKind::Feature,
            diagnostics,
        );
    }
    for objection in map.objections.iter() {
        let owner = format!("objection `{}`", objection.id.value);
        let source = &objection.origin.source;
        for (ids, kind) in [
            (&objection.competitors, EntryKind::Competitor),
            (&objection.requirements, EntryKind::Requirement),
            (&objection.answers, EntryKind::Message),
        ] {
            references(map, &owner, source, ids, kind, diagnostics);
        }
    }
}

fn references(
    map: &Map,
    owner: &str,
    source: &crate::source::SourceFile,
    ids: &[Spanned<String>],
    kind: EntryKind,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for id in ids.iter().filter(|id| !map.contains(kind, &id.value)) {
        diagnostics.push(
            source
                .diagnostic(
                    &AL101,
                    id.span.clone(),
                    format!("{owner} refers to unknown {} `{}`", kind.noun(), id.value),
                )
                .with_help(map.unknown_id_help(kind, &id.value)),
        );
    }
}
