//! AL5xx: feedback from the field. One streamed pass over each
//! `feedback/*.csv` checks every cell (AL501, AL502) and counts, per
//! objection, competitor and requirement the map cannot answer, the rows
//! that raised it within the window; a group that reaches the threshold is
//! one AL503 at its first row.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::codes::feedback::{AL501, AL502, AL503};
use crate::codes::files::{AL001, AL002, AL004};
use crate::collateral::Document;
use crate::diagnostic::{Diagnostic, Position};
use crate::feedback::cells::{self, quoted};
use crate::feedback::{self, Column, FeedbackFile, Header, Kind};
use crate::leads::{LeadsReader, Row};
use crate::map::{EntryKind, Map};
use crate::workspace::Workspace;

/// Ids of the workspace that feedback may name, beyond the map's.
pub struct Known<'a> {
    pub map: &'a Map,
    pub collateral: HashSet<&'a str>,
    pub accounts: HashSet<String>,
    /// `None` when no feedback file has a `lead` column: not read.
    pub leads: Option<HashSet<Box<[u8]>>>,
}

/// What the map cannot answer, by topic kind.
struct Unanswered<'a> {
    objections: HashSet<&'a str>,
    competitors: HashSet<&'a str>,
    requirements: HashSet<&'a str>,
}

impl<'a> Unanswered<'a> {
    fn new(map: &'a Map) -> Unanswered<'a> {
        let answered_competitors: HashSet<&str> = map
            .objections
            .iter()
            .filter(|objection| objection.is_answered(map))
            .flat_map(|objection| objection.competitors.iter().map(|id| id.value.as_str()))
            .collect();
        let addressed: HashSet<&str> = map
            .messages
            .iter()
            .filter(|message| message.is_approved())
            .flat_map(|message| message.requirements.iter().map(|id| id.value.as_str()))
            .collect();
        Unanswered {
            objections: map
                .objections
                .iter()
                .filter(|objection| !objection.is_answered(map))
                .map(|objection| objection.id.value.as_str())
                .collect(),
            competitors: map
                .competitors
                .ids()
                .filter(|id| !answered_competitors.contains(id))
                .collect(),
            requirements: map
                .requirements
                .ids()
                .filter(|id| !addressed.contains(id))
                .collect(),
        }
    }
}

/// The rows of one unanswered topic within the window.
struct Group {
    count: u64,
    /// A finding at the group's first row; its message is written once the
    /// count is known.
    first: Diagnostic,
}

/// Topics in first-seen order, so groups merge in file order.
#[derive(Default)]
struct Groups {
    order: Vec<(EntryKind, String)>,
    /// By topic kind, then id: looked up by `&str`, so counting a row does
    /// not allocate.
    by_topic: HashMap<EntryKind, HashMap<String, Group>>,
}

impl Groups {
    fn add(&mut self, topic: (EntryKind, &str), first: impl FnOnce() -> Diagnostic, count: u64) {
        let ids = self.by_topic.entry(topic.0).or_default();
        if let Some(group) = ids.get_mut(topic.1) {
            group.count += count;
            return;
        }
        self.order.push((topic.0, topic.1.to_owned()));
        ids.insert(
            topic.1.to_owned(),
            Group {
                count,
                first: first(),
            },
        );
    }

    fn take(&mut self, (kind, id): &(EntryKind, String)) -> Option<Group> {
        self.by_topic.get_mut(kind)?.remove(id)
    }

    /// Adds a later part of the files: its groups' rows come after ours.
    fn absorb(&mut self, mut later: Groups) {
        for key in std::mem::take(&mut later.order) {
            if let Some(group) = later.take(&key) {
                let first = group.first;
                self.add((key.0, &key.1), || first, group.count);
            }
        }
    }
}

#[derive(Default)]
struct Found {
    diagnostics: Vec<Diagnostic>,
    groups: Groups,
}

/// One file's reading context.
struct Scan<'a> {
    known: &'a Known<'a>,
    unanswered: &'a Unanswered<'a>,
    header: &'a Header,
    zone: &'a jiff::tz::TimeZone,
    /// Rows dated after this day and up to `today` count toward a gap.
    window_start: Date,
    today: Date,
}

/// Checks every feedback file; returns how many were checked.
pub fn check(
    workspace: &Workspace,
    documents: &[Document],
    today: Date,
    diagnostics: &mut Vec<Diagnostic>,
) -> usize {
    let files = feedback::files(workspace);
    if files.is_empty() {
        return 0;
    }
    let mut opened = Vec::new();
    for file in &files {
        if let Some((reader, header)) = open(file, diagnostics) {
            opened.push((file, reader, header));
        }
    }
    let (accounts, _) = crate::accounts::Accounts::load(workspace);
    let wants_leads = opened
        .iter()
        .any(|(_, _, header)| header.get(Column::Lead).is_some());
    let known = Known {
        map: &workspace.map,
        collateral: documents.iter().map(|d| d.id.value.as_str()).collect(),
        accounts: accounts.accounts.ids().map(str::to_owned).collect(),
        leads: wants_leads.then(|| lead_ids(workspace)),
    };
    let unanswered = Unanswered::new(&workspace.map);
    let settings = &workspace.settings.feedback;
    let window_start = today
        .checked_sub(settings.window_days.days())
        .unwrap_or(Date::MIN);
    let mut groups = Groups::default();
    for (file, reader, header) in opened {
        let scan = Scan {
            known: &known,
            unanswered: &unanswered,
            header: &header,
            zone: &workspace.settings.timezone,
            window_start,
            today,
        };
        match reader.par_scan(Found::default, |found, row| scan.row(row, found)) {
            Ok((states, end)) => {
                for found in states {
                    diagnostics.extend(found.diagnostics);
                    groups.absorb(found.groups);
                }
                diagnostics.extend(end.unterminated_quote_finding(&file.path));
            }
            Err(error) => {
                diagnostics.push(at_start(&file.path, format!("cannot read file: {error}")))
            }
        }
    }
    report_gaps(groups, settings, diagnostics);
    files.len()
}

fn report_gaps(
    mut groups: Groups,
    settings: &crate::workspace::settings::FeedbackSettings,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for key in std::mem::take(&mut groups.order) {
        let Some(group) = groups.take(&key) else {
            continue;
        };
        if group.count < settings.gap_threshold {
            continue;
        }
        let (kind, id) = key;
        let (answer, help) = match kind {
            EntryKind::Objection => (
                "the map has no approved answer to it",
                "approve the objection and list an approved message in its `answers`",
            ),
            EntryKind::Competitor => (
                "no approved objection answers it",
                "add an approved `[[objection]]` naming this competitor, answered by an approved message",
            ),
            _ => (
                "no approved message addresses it",
                "add an approved `[[message]]` that lists this requirement",
            ),
        };
        let mut finding = group.first;
        finding.message = format!(
            "{} `{id}` heard {} in the last {} days; {answer}",
            kind.noun(),
            crate::output::plural(usize::try_from(group.count).unwrap_or(usize::MAX), "time"),
            settings.window_days,
        );
        diagnostics.push(finding.with_help(help));
    }
}

impl Scan<'_> {
    fn row(&self, row: &Row<'_>, found: &mut Found) {
        if row.record.iter().all(|cell| cell.trim_ascii().is_empty()) {
            return;
        }
        let header = self.header;
        if row.len() > header.width {
            // Usually a comma in unquoted text: every cell after it has
            // moved one column to the right.
            found.diagnostics.push(
                row.diagnostic(
                    &AL502,
                    header.width,
                    format!(
                        "the row has {} cells but the header has {}",
                        row.len(),
                        header.width
                    ),
                )
                .with_help("quote a cell that holds a comma: \"LegacyCo is cheaper, they said\""),
            );
            return;
        }
        let date = header.get(Column::Date).and_then(|index| {
            match cells::date(row.get(Some(index)), self.zone) {
                Ok(date) => Some(date),
                Err(problem) => {
                    found.diagnostics.push(problem.at(&AL502, row, index));
                    None
                }
            }
        });
        let kind = header.get(Column::Kind).and_then(|index| {
            let cell = row.get(Some(index));
            if cell.trim_ascii().is_empty() {
                return None;
            }
            match cells::choice(cell, &Kind::NAMES, "kind") {
                Ok(at) => Kind::ALL.get(at).copied(),
                Err(problem) => {
                    found.diagnostics.push(problem.at(&AL502, row, index));
                    None
                }
            }
        });
        let mut known = [false; Column::IDS.len()];
        for (slot, column) in Column::IDS.iter().enumerate() {
            if let Some(index) = header.get(*column) {
                let cell = row.get(Some(index)).trim_ascii();
                if !cell.is_empty() {
                    known[slot] = self.check_id(*column, cell, row, index, found);
                }
            }
        }
        let in_window = date.is_some_and(|date| self.window_start < date && date <= self.today);
        if in_window && kind.is_none_or(Kind::raises) {
            self.count(row, &known, found);
        }
    }

    /// Whether the id is known; AL501 when it is not.
    fn check_id(
        &self,
        column: Column,
        cell: &[u8],
        row: &Row<'_>,
        index: usize,
        found: &mut Found,
    ) -> bool {
        let text = std::str::from_utf8(cell).unwrap_or_default();
        let known = self.known;
        let is_known = match column.map_kind() {
            Some(kind) => known.map.contains(kind, text),
            None => match column {
                Column::Collateral => known.collateral.contains(text),
                Column::Account => known.accounts.contains(text),
                _ => known.leads.as_ref().is_none_or(|ids| ids.contains(cell)),
            },
        };
        if is_known {
            return true;
        }
        let shown = quoted(cell);
        let help = match column.map_kind() {
            Some(kind) => known.map.unknown_id_help(kind, &shown.to_lowercase()),
            None => match column {
                Column::Collateral => {
                    "collateral is named by its front-matter `id` (default: the file stem)".into()
                }
                Column::Account => "accounts are defined in accounts/*.toml".into(),
                _ => "leads are named by the `id` column of leads/*.csv".into(),
            },
        };
        found.diagnostics.push(
            row.diagnostic(
                &AL501,
                index,
                format!("feedback names unknown {} `{shown}`", column.name()),
            )
            .with_help(help),
        );
        false
    }

    /// Counts the row toward the unanswered topic it raises.
    fn count(&self, row: &Row<'_>, known: &[bool; Column::IDS.len()], found: &mut Found) {
        let slot = |column: Column| Column::IDS.iter().position(|c| *c == column).unwrap_or(0);
        let objection = self.header.cell(row, Column::Objection);
        let topics: &[(Column, EntryKind, &HashSet<&str>)] = if objection.is_empty() {
            &[
                (
                    Column::Competitor,
                    EntryKind::Competitor,
                    &self.unanswered.competitors,
                ),
                (
                    Column::Requirement,
                    EntryKind::Requirement,
                    &self.unanswered.requirements,
                ),
            ]
        } else {
            &[(
                Column::Objection,
                EntryKind::Objection,
                &self.unanswered.objections,
            )]
        };
        for (column, kind, unanswered) in topics {
            let Some(index) = self.header.get(*column) else {
                continue;
            };
            let text = std::str::from_utf8(self.header.cell(row, *column)).unwrap_or_default();
            if known[slot(*column)] && unanswered.contains(text) {
                found
                    .groups
                    .add((*kind, text), || row.diagnostic(&AL503, index, ""), 1);
            }
        }
    }
}

fn at_start(path: &Arc<Path>, message: String) -> Diagnostic {
    Diagnostic::at(
        &AL001,
        path.clone(),
        Position::START,
        Position::START,
        message,
    )
}

/// Opens a file and checks its header: a missing `date` column is one
/// finding for the file; an unknown column is AL002.
fn open(file: &FeedbackFile, diagnostics: &mut Vec<Diagnostic>) -> Option<(LeadsReader, Header)> {
    let reader = match LeadsReader::open(&file.path, None) {
        Ok(reader) => reader,
        Err(error) => {
            diagnostics.push(at_start(&file.path, format!("cannot read file: {error}")));
            return None;
        }
    };
    let Some(record) = &reader.header else {
        diagnostics.push(at_start(
            &file.path,
            "file is empty: a feedback file needs a header row with a `date` column".into(),
        ));
        return None;
    };
    let header = Header::new(record);
    let line = usize::try_from(reader.header_line).unwrap_or(usize::MAX);
    let start = Position { line, column: 1 };
    let at = |index: usize| {
        reader
            .header_spans
            .get(index)
            .map_or(start, |(start, _)| *start)
    };
    if header.get(Column::Date).is_none() {
        diagnostics.push(
            Diagnostic::at(
                &AL502,
                file.path.clone(),
                at(0),
                at(0),
                "the header has no `date` column, so no row of this file can be dated",
            )
            .with_help("add a `date` column (YYYY-MM-DD): every row needs the day it was heard"),
        );
    }
    for (index, name) in &header.repeated {
        diagnostics.push(Diagnostic::at(
            &AL004,
            file.path.clone(),
            at(*index),
            at(*index),
            format!("column `{name}` appears twice in the header; the first is read"),
        ));
    }
    let names = Column::names();
    for (index, name) in &header.unknown {
        let help = crate::syntax::fields::did_you_mean(&name.to_lowercase(), &names).map_or_else(
            || format!("feedback columns: {}", names.join(", ")),
            |close| format!("did you mean `{close}`?"),
        );
        diagnostics.push(
            Diagnostic::at(
                &AL002,
                file.path.clone(),
                at(*index),
                at(*index),
                format!("unknown feedback column `{name}`"),
            )
            .with_help(help),
        );
    }
    Some((reader, header))
}

/// The ids of every lead, for the `lead` column.
pub fn lead_ids(workspace: &Workspace) -> HashSet<Box<[u8]>> {
    let mut ids = HashSet::new();
    for file in crate::leads::files(workspace) {
        let Ok(reader) = file.open() else {
            continue;
        };
        let Some(header) = &reader.header else {
            continue;
        };
        let columns = crate::leads::Columns::new(header, &file.import);
        let Some(id) = columns.get(crate::leads::canonical::ID) else {
            continue;
        };
        let collected = reader.par_reduce(
            HashSet::new,
            |ids: &mut HashSet<Box<[u8]>>, row| {
                let cell = row.get(Some(id)).trim_ascii();
                if !cell.is_empty() {
                    ids.insert(Box::from(cell));
                }
            },
            |mut a, b| {
                a.extend(b);
                a
            },
        );
        if let Ok((found, _)) = collected {
            ids.extend(found);
        }
    }
    ids
}
