//! The AL2xx rules that read only a document's front matter: references
//! (AL201), required fields (AL202), proof use (AL207, AL211), review dates
//! (AL208), messages (AL209, AL210, AL211).

use super::*;
use crate::collateral::document::Status;
use crate::map::{EntryKind, MessageStatus};
use crate::syntax::Spanned;

pub(super) fn check(
    context: &Context<'_>,
    document: &Document,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let map = &context.workspace.map;
    for (ids, kind) in [
        (&document.segments, EntryKind::Segment),
        (&document.requirements, EntryKind::Requirement),
        (&document.competitors, EntryKind::Competitor),
        (&document.messages, EntryKind::Message),
        (&document.proof, EntryKind::Proof),
    ] {
        for id in ids.iter().filter(|id| !map.contains(kind, &id.value)) {
            diagnostics.push(
                source
                    .diagnostic(
                        &AL201,
                        id.span.clone(),
                        format!("unknown {} `{}`", kind.noun(), id.value),
                    )
                    .with_help(map.unknown_id_help(kind, &id.value)),
            );
        }
    }
    let kind = document.kind.as_ref().and_then(|kind| {
        context
            .workspace
            .settings
            .kind(&kind.value)
            .map(|declared| (kind, declared))
    });
    if let Some((kind, declared)) = kind {
        required_fields(
            document,
            kind,
            &declared.required_fields,
            source,
            diagnostics,
        );
        if declared.external {
            external(context, document, kind, source, diagnostics);
        }
    }
    if document.status == Some(Status::Approved) {
        if let Some(review_by) = document
            .review_by
            .as_ref()
            .filter(|date| date.value < context.today)
        {
            diagnostics.push(
                source
                    .diagnostic(
                        &AL208,
                        review_by.span.clone(),
                        format!(
                            "approved collateral was due for review on {}",
                            review_by.value
                        ),
                    )
                    .with_help("review it against the current map, then move `review_by` forward"),
            );
        }
    }
    messages(context, document, source, diagnostics);
    for cited in &document.proof {
        if let Some(expires) = map
            .proof
            .get(&cited.value)
            .and_then(|proof| proof.expires.filter(|_| proof.is_expired(context.today)))
        {
            diagnostics.push(
                source
                    .diagnostic(
                        &AL211,
                        cited.span.clone(),
                        format!("cites proof `{}`, which expired on {expires}", cited.value),
                    )
                    .with_help("remove it, or renew its `expires` date in the map"),
            );
        }
    }
}

fn required_fields(
    document: &Document,
    kind: &Spanned<String>,
    required: &[String],
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for field in required.iter().filter(|field| !document.is_filled(field)) {
        diagnostics.push(
            source
                .diagnostic(
                    &AL202,
                    kind.span.clone(),
                    format!("`{field}` is required for kind `{}`", kind.value),
                )
                .with_help(format!("add a non-empty `{field}` to the front matter")),
        );
    }
}

fn external(
    context: &Context<'_>,
    document: &Document,
    kind: &Spanned<String>,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let map = &context.workspace.map;
    for cited in &document.proof {
        if map
            .proof
            .get(&cited.value)
            .is_some_and(|proof| !proof.public)
        {
            diagnostics.push(
                source
                    .diagnostic(
                        &AL207,
                        cited.span.clone(),
                        format!(
                            "external {} cites proof `{}`, which is not approved for external use",
                            kind.value, cited.value
                        ),
                    )
                    .with_help(
                        "cite public proof, or get the customer's approval and set `public = true`",
                    ),
            );
        }
    }
    if document.messages.is_empty() {
        diagnostics.push(
            source
                .diagnostic(
                    &AL209,
                    kind.span.clone(),
                    format!("external {} carries no message", kind.value),
                )
                .with_help("list the map messages it carries in `messages`"),
        );
    }
}

fn messages(
    context: &Context<'_>,
    document: &Document,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let map = &context.workspace.map;
    let situation = document.situation();
    for cited in &document.messages {
        let Some(message) = map.messages.get(&cited.value) else {
            continue;
        };
        if message.status == MessageStatus::Retired {
            diagnostics.push(
                source
                    .diagnostic(
                        &AL211,
                        cited.span.clone(),
                        format!("cites retired message `{}`", cited.value),
                    )
                    .with_help("replace it with the approved message that superseded it"),
            );
        } else if !situation.fits(message) {
            diagnostics.push(source.diagnostic(&AL210, cited.span.clone(), misfit(&situation, message)).with_help(
                "use a message written for this situation, or correct the declared segments, requirements or competitors",
            ));
        }
    }
}

/// Says which part of the situation a message does not fit.
fn misfit(situation: &crate::map::Situation, message: &crate::map::Message) -> String {
    let list = |ids: &[Spanned<String>]| {
        ids.iter()
            .map(|id| id.value.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let id = &message.id.value;
    if !situation.requirements.is_empty()
        && !crate::map::situation::intersects(&message.requirements, &situation.requirements)
    {
        format!(
            "message `{id}` addresses {}, none of the declared requirements",
            list(&message.requirements)
        )
    } else if !situation.segments.is_empty()
        && !message.segments.is_empty()
        && !crate::map::situation::intersects(&message.segments, &situation.segments)
    {
        format!(
            "message `{id}` is for segments {}, none of the declared segments",
            list(&message.segments)
        )
    } else {
        format!(
            "message `{id}` is against {}, none of the declared competitors",
            list(&message.against)
        )
    }
}
