//! Where the map has gaps: for each requirement × competitor, and each
//! segment × requirement, the approved messages, their proof, and the
//! collateral that serves that cell; and for each objection × competitor,
//! the approved messages that answer it there.

use serde::Serialize;

use super::Map;
use crate::collateral::Document;
use crate::collateral::document::Status;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    /// False where the requirement is limited to other segments.
    pub applies: bool,
    pub messages: Vec<String>,
    pub proof: Vec<String>,
    pub collateral: Vec<String>,
}

impl Cell {
    /// A gap: the cell applies but no approved message covers it.
    pub fn is_gap(&self) -> bool {
        self.applies && self.messages.is_empty()
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

/// Fills a cell from the approved messages and live documents that
/// `message_fits` and `document_fits` accept.
fn cell(
    map: &Map,
    documents: &[Document],
    message_fits: impl Fn(&super::Message) -> bool,
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
        cell.messages.push(message.id.value.clone());
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
                    cell(
                        map,
                        documents,
                        |m| has(&m.requirements, requirement) && has(&m.against, competitor),
                        |d| has(&d.requirements, requirement) && has(&d.competitors, competitor),
                    )
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
                    cell(
                        map,
                        documents,
                        |m| {
                            has(&m.requirements, requirement)
                                && (m.segments.is_empty() || has(&m.segments, segment))
                        },
                        |d| has(&d.segments, segment) && has(&d.requirements, requirement),
                    )
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
                    cell(map, documents, answers, |d| {
                        has(&d.competitors, competitor)
                            && d.messages.iter().any(|id| {
                                map.messages
                                    .get(&id.value)
                                    .is_some_and(|m| m.is_approved() && answers(m))
                            })
                    })
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
