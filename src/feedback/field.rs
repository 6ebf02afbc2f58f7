//! The field section of `align report`: per period, the objections the
//! field heard and whether the map answers them, the content requested per
//! requirement, and the wins, losses and praise each collateral document
//! and message was mentioned in. [`read`] takes the rows from the feedback
//! files; [`aggregate`] counts them into the periods it is given, so the
//! report decides what a period is.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::{Column, Header, Kind, cells};
use crate::leads::LeadsReader;
use crate::map::Map;
use crate::workspace::Workspace;

/// What a feedback row contributes to the report; rows that lint rejects
/// (no readable date) are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heard {
    pub date: Date,
    pub kind: Option<Kind>,
    pub objection: Option<String>,
    pub requirement: Option<String>,
    pub message: Option<String>,
    pub collateral: Option<String>,
}

/// A period as the report defines it: `start` included, `end` excluded.
#[derive(Debug, Clone)]
pub struct Period {
    pub label: String,
    pub start: Date,
    pub end: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerStatus {
    /// Approved, with at least one approved answering message.
    Answered,
    /// In the map, but not approved or without an approved answer.
    Unanswered,
    /// The rows name no map objection (or one the map lacks).
    NotInMap,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectionHeard {
    /// The map objection's id; `None` for rows that name none.
    pub objection: Option<String>,
    pub text: String,
    pub heard: u64,
    pub status: AnswerStatus,
    /// The approved answering messages.
    pub answers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContentRequests {
    /// `None` for requests that name no requirement.
    pub requirement: Option<String>,
    pub requests: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Mentions {
    pub id: String,
    pub win: u64,
    pub loss: u64,
    pub praise: u64,
}

impl Mentions {
    fn total(&self) -> u64 {
        self.win + self.loss + self.praise
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldPeriod {
    pub label: String,
    /// Most heard first.
    pub objections: Vec<ObjectionHeard>,
    /// Most requested first.
    pub content_requests: Vec<ContentRequests>,
    /// Most mentioned first.
    pub collateral: Vec<Mentions>,
    pub messages: Vec<Mentions>,
}

/// Reads the rows of every feedback file.
pub fn read(workspace: &Workspace) -> std::io::Result<Vec<Heard>> {
    let zone = &workspace.settings.timezone;
    let mut heard = Vec::new();
    for file in super::files(workspace) {
        let reader = LeadsReader::open(&file.path, None)?;
        let Some(record) = &reader.header else {
            continue;
        };
        let header = Header::new(record);
        if header.get(Column::Date).is_none() {
            continue;
        }
        reader.scan(|row| {
            let id = |column| {
                let cell = header.cell(row, column);
                (!cell.is_empty()).then(|| String::from_utf8_lossy(cell).into_owned())
            };
            let Ok(date) = cells::date(header.cell(row, Column::Date), zone) else {
                return;
            };
            heard.push(Heard {
                date,
                kind: Kind::parse(&String::from_utf8_lossy(header.cell(row, Column::Kind))),
                objection: id(Column::Objection),
                requirement: id(Column::Requirement),
                message: id(Column::Message),
                collateral: id(Column::Collateral),
            });
        })?;
    }
    Ok(heard)
}

/// Counts the rows into each period.
pub fn aggregate(map: &Map, heard: &[Heard], periods: &[Period]) -> Vec<FieldPeriod> {
    periods
        .iter()
        .map(|period| {
            let rows: Vec<&Heard> = heard
                .iter()
                .filter(|row| period.start <= row.date && row.date < period.end)
                .collect();
            FieldPeriod {
                label: period.label.clone(),
                objections: objections(map, &rows),
                content_requests: content_requests(&rows),
                collateral: mentions(&rows, |row| row.collateral.as_deref()),
                messages: mentions(&rows, |row| row.message.as_deref()),
            }
        })
        .collect()
}

fn objections(map: &Map, rows: &[&Heard]) -> Vec<ObjectionHeard> {
    let mut counts: BTreeMap<Option<&str>, u64> = BTreeMap::new();
    for row in rows.iter().filter(|row| row.kind == Some(Kind::Objection)) {
        *counts.entry(row.objection.as_deref()).or_default() += 1;
    }
    let mut heard: Vec<ObjectionHeard> = counts
        .into_iter()
        .map(
            |(id, heard)| match id.and_then(|id| map.objections.get(id)) {
                Some(objection) => ObjectionHeard {
                    objection: Some(objection.id.value.clone()),
                    text: objection.text.clone(),
                    heard,
                    status: if objection.is_answered(map) {
                        AnswerStatus::Answered
                    } else {
                        AnswerStatus::Unanswered
                    },
                    answers: if objection.is_approved() {
                        objection
                            .approved_answers(map)
                            .map(|message| message.id.value.clone())
                            .collect()
                    } else {
                        Vec::new()
                    },
                },
                None => ObjectionHeard {
                    objection: id.map(str::to_owned),
                    text: String::new(),
                    heard,
                    status: AnswerStatus::NotInMap,
                    answers: Vec::new(),
                },
            },
        )
        .collect();
    // Most heard first; ties keep id order (rows naming none last).
    heard.sort_by(|a, b| {
        b.heard
            .cmp(&a.heard)
            .then_with(|| a.objection.is_none().cmp(&b.objection.is_none()))
            .then_with(|| a.objection.cmp(&b.objection))
    });
    heard
}

fn content_requests(rows: &[&Heard]) -> Vec<ContentRequests> {
    let mut counts: BTreeMap<Option<&str>, u64> = BTreeMap::new();
    for row in rows
        .iter()
        .filter(|row| row.kind == Some(Kind::ContentRequest))
    {
        *counts.entry(row.requirement.as_deref()).or_default() += 1;
    }
    let mut requests: Vec<ContentRequests> = counts
        .into_iter()
        .map(|(requirement, requests)| ContentRequests {
            requirement: requirement.map(str::to_owned),
            requests,
        })
        .collect();
    requests.sort_by(|a, b| {
        b.requests
            .cmp(&a.requests)
            .then_with(|| a.requirement.is_none().cmp(&b.requirement.is_none()))
            .then_with(|| a.requirement.cmp(&b.requirement))
    });
    requests
}

fn mentions(rows: &[&Heard], id: impl Fn(&Heard) -> Option<&str>) -> Vec<Mentions> {
    let mut counts: BTreeMap<&str, Mentions> = BTreeMap::new();
    for row in rows {
        let (Some(kind), Some(id)) = (row.kind, id(row)) else {
            continue;
        };
        let entry = counts.entry(id).or_insert_with(|| Mentions {
            id: id.to_owned(),
            ..Mentions::default()
        });
        match kind {
            Kind::Win => entry.win += 1,
            Kind::Loss => entry.loss += 1,
            Kind::Praise => entry.praise += 1,
            _ => {}
        }
    }
    let mut mentions: Vec<Mentions> = counts
        .into_values()
        .filter(|mentions| mentions.total() > 0)
        .collect();
    mentions.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.id.cmp(&b.id)));
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use std::sync::Arc;

    fn map() -> Map {
        let text = r#"
[[requirement]]
id = "audit-trail"
statement = "Audit"

[[message]]
id = "audit-in-minutes"
headline = "Audit"
requirements = ["audit-trail"]
status = "approved"

[[objection]]
id = "cheaper"
text = "LegacyCo is cheaper"
answers = ["audit-in-minutes"]
status = "approved"

[[objection]]
id = "too-new"
text = "You are too new"
status = "approved"
"#;
        let source = Arc::new(SourceFile::new(
            Arc::from(std::path::Path::new("map.toml")),
            "map.toml".into(),
            text.into(),
        ));
        let mut diagnostics = Vec::new();
        let map = crate::map::load(&[source], &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        map
    }

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn row(date: &str, kind: Kind, ids: &[(Column, &str)]) -> Heard {
        let get = |column| {
            ids.iter()
                .find(|(c, _)| *c == column)
                .map(|(_, id)| (*id).to_owned())
        };
        Heard {
            date: day(date),
            kind: Some(kind),
            objection: get(Column::Objection),
            requirement: get(Column::Requirement),
            message: get(Column::Message),
            collateral: get(Column::Collateral),
        }
    }

    fn months() -> Vec<Period> {
        vec![
            Period {
                label: "2026-10".into(),
                start: day("2026-10-01"),
                end: day("2026-11-01"),
            },
            Period {
                label: "2026-11".into(),
                start: day("2026-11-01"),
                end: day("2026-12-01"),
            },
        ]
    }

    #[test]
    fn objections_are_counted_per_period_with_their_answer() {
        let heard = [
            row(
                "2026-10-31",
                Kind::Objection,
                &[(Column::Objection, "cheaper")],
            ),
            row(
                "2026-11-01",
                Kind::Objection,
                &[(Column::Objection, "too-new")],
            ),
            row(
                "2026-11-02",
                Kind::Objection,
                &[(Column::Objection, "too-new")],
            ),
            row(
                "2026-11-03",
                Kind::Objection,
                &[(Column::Objection, "cheaper")],
            ),
            row("2026-11-04", Kind::Objection, &[]),
            row(
                "2026-11-05",
                Kind::Objection,
                &[(Column::Objection, "ghost")],
            ),
            row(
                "2026-11-06",
                Kind::Question,
                &[(Column::Objection, "cheaper")],
            ),
            row(
                "2026-12-01",
                Kind::Objection,
                &[(Column::Objection, "cheaper")],
            ),
        ];
        let periods = aggregate(&map(), &heard, &months());
        assert_eq!(periods[0].label, "2026-10");
        assert_eq!(periods[0].objections.len(), 1);
        assert_eq!(periods[0].objections[0].heard, 1);
        let november = &periods[1].objections;
        let summary: Vec<(Option<&str>, u64, AnswerStatus)> = november
            .iter()
            .map(|o| (o.objection.as_deref(), o.heard, o.status))
            .collect();
        assert_eq!(
            summary,
            [
                (Some("too-new"), 2, AnswerStatus::Unanswered),
                (Some("cheaper"), 1, AnswerStatus::Answered),
                (Some("ghost"), 1, AnswerStatus::NotInMap),
                (None, 1, AnswerStatus::NotInMap),
            ]
        );
        assert_eq!(november[1].answers, ["audit-in-minutes"]);
        assert_eq!(november[1].text, "LegacyCo is cheaper");
    }

    #[test]
    fn content_requests_and_mentions_are_ranked() {
        let heard = [
            row(
                "2026-11-01",
                Kind::ContentRequest,
                &[(Column::Requirement, "audit-trail")],
            ),
            row(
                "2026-11-02",
                Kind::ContentRequest,
                &[(Column::Requirement, "audit-trail")],
            ),
            row("2026-11-02", Kind::ContentRequest, &[]),
            row(
                "2026-11-03",
                Kind::ContentRequest,
                &[(Column::Requirement, "sso")],
            ),
            row(
                "2026-11-04",
                Kind::Win,
                &[
                    (Column::Collateral, "legacyco"),
                    (Column::Message, "audit-in-minutes"),
                ],
            ),
            row(
                "2026-11-05",
                Kind::Loss,
                &[(Column::Collateral, "legacyco")],
            ),
            row("2026-11-06", Kind::Praise, &[(Column::Collateral, "acme")]),
            row(
                "2026-11-07",
                Kind::Question,
                &[(Column::Collateral, "acme")],
            ),
        ];
        let november = &aggregate(&map(), &heard, &months())[1];
        let requests: Vec<(Option<&str>, u64)> = november
            .content_requests
            .iter()
            .map(|r| (r.requirement.as_deref(), r.requests))
            .collect();
        assert_eq!(
            requests,
            [(Some("audit-trail"), 2), (Some("sso"), 1), (None, 1)]
        );
        assert_eq!(
            november.collateral,
            [
                Mentions {
                    id: "legacyco".into(),
                    win: 1,
                    loss: 1,
                    praise: 0
                },
                Mentions {
                    id: "acme".into(),
                    win: 0,
                    loss: 0,
                    praise: 1
                },
            ]
        );
        assert_eq!(november.messages.len(), 1);
        assert!(
            aggregate(&map(), &heard, &months())[0]
                .collateral
                .is_empty()
        );
    }

    #[test]
    fn rows_are_read_from_every_file_and_undated_ones_left_out() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("align.toml"),
            "[workspace]\ntimezone = \"America/Chicago\"\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("feedback")).unwrap();
        std::fs::write(
            dir.path().join("feedback/2026.csv"),
            "\u{feff}Date,KIND,objection,collateral\r\n2026-11-24T03:00:00Z,Objection,cheaper,\r\nsoon,win,,x\r\n2026-11-02,gossip,,legacyco\r\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("feedback/undated.csv"), "kind\nwin\n").unwrap();
        let workspace = Workspace::locate(Some(dir.path())).unwrap();
        let heard = read(&workspace).unwrap();
        assert_eq!(
            heard,
            [
                Heard {
                    date: day("2026-11-23"),
                    kind: Some(Kind::Objection),
                    objection: Some("cheaper".into()),
                    requirement: None,
                    message: None,
                    collateral: None,
                },
                Heard {
                    date: day("2026-11-02"),
                    kind: None,
                    objection: None,
                    requirement: None,
                    message: None,
                    collateral: Some("legacyco".into()),
                },
            ]
        );
    }
}
