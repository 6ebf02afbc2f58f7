//! Which collateral serves a selling situation, best fit first.

use serde::Serialize;

use super::Document;
use super::document::Status;
use crate::map::Situation;
use crate::syntax::Spanned;

#[derive(Debug, Clone, Serialize)]
pub struct Fit {
    pub id: String,
    pub path: String,
    pub title: String,
    pub kind: Option<String>,
    pub status: Option<&'static str>,
    pub score: u32,
    /// Why it fits: the situation's ids the document declares.
    pub matches: Vec<String>,
}

/// Scores every live document against `situation` (requirements weigh 3,
/// competitors 2, segments 1; approved material first on ties) and keeps
/// those that match something, optionally of one kind.
pub fn find(documents: &[Document], situation: &Situation, kind: Option<&str>) -> Vec<Fit> {
    let mut fits: Vec<Fit> = documents
        .iter()
        .filter(|d| d.status != Some(Status::Retired))
        .filter(|d| kind.is_none_or(|kind| d.kind.as_ref().is_some_and(|k| k.value == kind)))
        .filter_map(|document| {
            let mut matches = Vec::new();
            let mut score = 0;
            for (declared, wanted, weight, noun) in [
                (
                    &document.requirements,
                    &situation.requirements,
                    3,
                    "requirement",
                ),
                (
                    &document.competitors,
                    &situation.competitors,
                    2,
                    "competitor",
                ),
                (&document.segments, &situation.segments, 1, "segment"),
            ] {
                for id in wanted.iter().filter(|id| declares(declared, id)) {
                    score += weight;
                    matches.push(format!("{noun} {id}"));
                }
            }
            (score > 0 || situation.is_empty()).then(|| Fit {
                id: document.id.value.clone(),
                path: document.relative.clone(),
                title: document.title.clone(),
                kind: document.kind.as_ref().map(|k| k.value.clone()),
                status: document.status.map(status_name),
                score,
                matches,
            })
        })
        .collect();
    fits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| (b.status == Some("approved")).cmp(&(a.status == Some("approved"))))
            .then_with(|| a.id.cmp(&b.id))
    });
    fits
}

fn declares(declared: &[Spanned<String>], id: &str) -> bool {
    declared.iter().any(|d| d.value == id)
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Draft => "draft",
        Status::Review => "review",
        Status::Approved => "approved",
        Status::Retired => "retired",
    }
}
