//! Where the map has gaps: for each requirement × competitor, and each
//! segment × requirement, the approved messages, their proof, and the
//! collateral that serves that cell.

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
    let mut cell = Cell {
        applies: true,
        ..Cell::default()
    };
    for message in map
        .messages
        .iter()
        .filter(|m| m.is_approved() && situation.fits(m))
    {
        let generic = !situation.competitors.is_empty() && message.against.is_empty();
        if generic {
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
