//! Where the map has gaps: for each requirement × competitor, and each
//! segment × requirement, the approved messages, their proof, and the
//! collateral that serves that cell; and for each objection × competitor,
//! the approved messages that answer it there.

use serde::Serialize;

use super::{Map, Situation};
use crate::collateral::Document;
use crate::collateral::document::Status;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    /// False where the requirement is limited to other segments.
    pub applies: bool,
    /// Approved messages that fit the cell and are written for it (in a
    /// requirement × competitor cell: `against` that competitor).
    pub messages: Vec<String>,
    /// Approved messages that fit the cell without being written against
    /// its competitor (`against = []`): render uses them, but they do not
    /// differentiate.
    pub generic: Vec<String>,
    pub proof: Vec<String>,
    pub collateral: Vec<String>,
}

impl Cell {
    /// A gap: the cell applies but no approved message fits it, so render
    /// has nothing to say there either.
    pub fn is_gap(&self) -> bool {
        self.applies && self.messages.is_empty() && self.generic.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    /// `requirement × competitor` or `segment × requirement`.
    pub view: &'static str,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn gaps(&self) -> usize {
        self.cells
            .iter()
            .flatten()
            .filter(|cell| cell.is_gap())
            .count()
    }
}

fn has(ids: &[crate::syntax::Spanned<String>], id: &str) -> bool {
    ids.iter().any(|item| item.value == id)
}

fn live(documents: &[Document]) -> impl Iterator<Item = &Document> {
    documents
        .iter()
        .filter(|d| d.status != Some(Status::Retired))
}

/// Fills a cell from the approved messages that fit `situation` (the one
/// definition of fit, shared with `align render`) and the live documents
/// that `document_fits` accepts.
fn cell(
    map: &Map,
    documents: &[Document],
    situation: &Situation,
    document_fits: impl Fn(&Document) -> bool,
) -> Cell {
    // With a competitor given, a message `against` no one fits but does
    // not differentiate: it is listed apart.
    let generic = |m: &super::Message| !situation.competitors.is_empty() && m.against.is_empty();
    fill(
        map,
        documents,
        |m| situation.fits(m),
        generic,
        document_fits,
    )
}

/// Fills a cell from the approved messages `message_fits` accepts (those
/// `generic` marks listed apart) and the live documents `document_fits`
/// accepts.
fn fill(
    map: &Map,
    documents: &[Document],
    message_fits: impl Fn(&super::Message) -> bool,
    generic: impl Fn(&super::Message) -> bool,
    document_fits: impl Fn(&Document) -> bool,
) -> Cell {
    let mut cell = Cell {
        applies: true,
        ..Cell::default()
    };
    for message in map
        .messages
        .iter()
        .filter(|m| m.is_approved() && message_fits(m))
    {
        if generic(message) {
            cell.generic.push(message.id.value.clone());
        } else {
            cell.messages.push(message.id.value.clone());
        }
        for proof in &message.proof {
            if !cell.proof.contains(&proof.value) {
                cell.proof.push(proof.value.clone());
            }
        }
    }
    cell.collateral = live(documents)
        .filter(|d| document_fits(d))
        .map(|d| d.id.value.clone())
        .collect();
    cell
}

pub fn requirement_by_competitor(map: &Map, documents: &[Document]) -> Grid {
    let rows: Vec<String> = map.requirements.ids().map(String::from).collect();
    let columns: Vec<String> = map.competitors.ids().map(String::from).collect();
    let cells = rows
        .iter()
        .map(|requirement| {
            columns
                .iter()
                .map(|competitor| {
                    let situation = Situation {
                        requirements: vec![requirement.clone()],
                        competitors: vec![competitor.clone()],
                        ..Situation::default()
                    };
                    cell(map, documents, &situation, |d| {
                        has(&d.requirements, requirement) && has(&d.competitors, competitor)
                    })
                })
                .collect()
        })
        .collect();
    Grid {
        view: "requirement × competitor",
        rows,
        columns,
        cells,
    }
}

pub fn segment_by_requirement(map: &Map, documents: &[Document]) -> Grid {
    let rows: Vec<String> = map.segments.ids().map(String::from).collect();
    let columns: Vec<String> = map.requirements.ids().map(String::from).collect();
    let cells = rows
        .iter()
        .map(|segment| {
            columns
                .iter()
                .map(|requirement| {
                    let limited = map
                        .requirements
                        .get(requirement)
                        .is_some_and(|r| !r.segments.is_empty() && !has(&r.segments, segment));
                    if limited {
                        return Cell::default();
                    }
                    let situation = Situation {
                        segments: vec![segment.clone()],
                        requirements: vec![requirement.clone()],
                        ..Situation::default()
                    };
                    cell(map, documents, &situation, |d| {
                        has(&d.segments, segment) && has(&d.requirements, requirement)
                    })
                })
                .collect()
        })
        .collect();
    Grid {
        view: "segment × requirement",
        rows,
        columns,
        cells,
    }
}

/// Objection × competitor: where an objection applies (its `competitors`
/// are empty or name the column), the approved messages that answer it and
/// fit that competitor (`against` empty or naming it), their proof, and the
/// live collateral for that competitor that carries one of them. Retired
/// objections are left out; a draft one is a row like any other, since the
/// field hears it whether or not the map has approved it.
pub fn objection_by_competitor(map: &Map, documents: &[Document]) -> Grid {
    let objections: Vec<&super::Objection> = map
        .objections
        .iter()
        .filter(|o| o.status != super::MessageStatus::Retired)
        .collect();
    let rows: Vec<String> = objections.iter().map(|o| o.id.value.clone()).collect();
    let columns: Vec<String> = map.competitors.ids().map(String::from).collect();
    let cells = objections
        .iter()
        .map(|objection| {
            columns
                .iter()
                .map(|competitor| {
                    if !objection.competitors.is_empty() && !has(&objection.competitors, competitor)
                    {
                        return Cell::default();
                    }
                    let answers = |m: &super::Message| {
                        has(&objection.answers, &m.id.value)
                            && (m.against.is_empty() || has(&m.against, competitor))
                    };
                    fill(
                        map,
                        documents,
                        answers,
                        |_| false,
                        |d| {
                            has(&d.competitors, competitor)
                                && d.messages.iter().any(|id| {
                                    map.messages
                                        .get(&id.value)
                                        .is_some_and(|m| m.is_approved() && answers(m))
                                })
                        },
                    )
                })
                .collect()
        })
        .collect();
    Grid {
        view: "objection × competitor",
        rows,
        columns,
        cells,
    }
}
