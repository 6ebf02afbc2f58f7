//! Judging one lead against the agreement: its score, stage, tier and
//! disqualification, and on the SLA clock its deadline, whether it is
//! overdue, due, or was touched late. A lead that cannot be judged (a ragged
//! row, no id, an unreadable timestamp, an unknown tier) is an `Err` with
//! the reason, never a silent skip.

use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::canonical::{ASSIGNED_AT, FIRST_TOUCH_AT, ID, OWNER, STATUS, TIER};
use super::{Columns, Row};
use crate::clock::{BusinessCalendar, Clock, ClockKind, TimestampReader};
use crate::criteria::number::trim;
use crate::criteria::{Cells, Criteria, Criterion, Scorer, TierSla};
use crate::workspace::Settings;
use crate::workspace::leads_import::Import;
use crate::workspace::settings::LEAD_COLUMNS;

/// The criteria with everything needed to apply them: the SLA clock, the
/// zones, the statuses that close a lead.
#[derive(Debug)]
pub struct Agreement {
    pub criteria: Criteria,
    pub clock: Clock,
    /// Timestamps are printed at this zone's offset (the workspace's).
    pub zone: TimeZone,
    /// Local lead timestamps are read in this zone.
    pub leads_zone: TimeZone,
    /// Lower case.
    pub closed_statuses: Vec<String>,
    /// `[leads.owners]`: CRM spelling (trimmed) → owner.
    pub owners: Vec<(String, String)>,
}

impl Agreement {
    pub fn new(settings: &Settings, criteria: Criteria) -> Agreement {
        let business = criteria
            .sla
            .as_ref()
            .is_none_or(|sla| sla.clock == ClockKind::Business);
        let clock = match settings.business_calendar() {
            Some(calendar) if business => Clock::Business(calendar),
            _ => Clock::Calendar,
        };
        Agreement {
            criteria,
            clock,
            zone: settings.timezone.clone(),
            leads_zone: settings.leads_timezone().clone(),
            closed_statuses: settings.leads.closed_statuses.clone(),
            owners: settings.leads.owners.clone(),
        }
    }

    /// The owner as reported: trimmed, then through `[leads.owners]`
    /// (spellings compare case-insensitively).
    pub fn owner(&self, cell: &[u8]) -> String {
        match self.alias(cell) {
            Some(owner) => owner.to_owned(),
            None => String::from_utf8_lossy(trim(cell)).into_owned(),
        }
    }

    /// The owner `[leads.owners]` maps a cell's spelling to, if any.
    pub fn alias(&self, cell: &[u8]) -> Option<&str> {
        if self.owners.is_empty() {
            return None;
        }
        let cell = trim(cell);
        let lower = (!cell.is_ascii()).then(|| String::from_utf8_lossy(cell).to_lowercase());
        self.owners
            .iter()
            .find(|(spelling, _)| match &lower {
                None => spelling.as_bytes().eq_ignore_ascii_case(cell),
                Some(lower) => spelling.to_lowercase() == *lower,
            })
            .map(|(_, owner)| owner.as_str())
    }

    /// The business calendar, on a business clock.
    pub fn calendar(&self) -> Option<&BusinessCalendar> {
        match &self.clock {
            Clock::Business(calendar) => Some(calendar),
            Clock::Calendar => None,
        }
    }
}

/// A lead that could not be judged: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub path: Arc<Path>,
    pub line: u64,
    pub reason: String,
}

impl RowProblem {
    pub fn new(row: &Row<'_>, reason: String) -> RowProblem {
        RowProblem {
            path: row.path.clone(),
            line: row.line(),
            reason,
        }
    }
}

/// An assigned lead nobody has touched, open, with its deadline.
#[derive(Debug, Clone, Copy)]
pub struct OpenLead<'a> {
    pub assigned: Timestamp,
    pub deadline: Timestamp,
    pub tier: &'a str,
}

/// Where an assigned lead stands against its SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaOutcome {
    /// Touched at or before the deadline, after `response` seconds on the
    /// SLA clock.
    OnTime { response: i64 },
    /// Touched after the deadline.
    Late { response: i64 },
    /// Not touched, open, past its deadline.
    Overdue,
    /// Not touched, open, its deadline still ahead (or exactly now).
    Waiting,
    /// Not touched, and closed.
    ClosedUntouched,
}

/// The criteria's view of one lead.
#[derive(Debug)]
pub struct Scored<'a> {
    pub score: i64,
    pub stage: Option<&'static str>,
    /// The `tier` cell (as the SLA names it, when it does), else the band.
    pub tier: Option<String>,
    pub disqualified: Option<&'a Criterion>,
}

/// The agreement bound to the columns of one leads file.
pub struct FileRules<'a> {
    pub agreement: &'a Agreement,
    pub columns: Columns,
    pub scorer: Scorer<'a>,
    /// RFC 3339, the local forms, then the file's `timestamp_formats`.
    pub timestamps: TimestampReader,
}

/// A row seen through the file's `values` maps: what criteria and the SLA
/// read.
pub struct Mapped<'x> {
    row: &'x Row<'x>,
    columns: &'x Columns,
}

impl Cells for Mapped<'_> {
    fn cell(&self, index: usize) -> &[u8] {
        let raw = self.row.cell(index);
        match self.columns.value_map(index).and_then(|map| map.get(raw)) {
            Some(value) => value.as_bytes(),
            None => raw,
        }
    }
}

impl<'a> FileRules<'a> {
    pub fn new(agreement: &'a Agreement, columns: Columns, import: &Import) -> FileRules<'a> {
        let scorer = Scorer::new(&agreement.criteria, |field| columns.index(field));
        FileRules {
            agreement,
            columns,
            scorer,
            timestamps: TimestampReader::new(
                agreement.leads_zone.clone(),
                import.timestamp_formats.clone(),
            ),
        }
    }

    /// The row as criteria read it: through the `values` maps.
    pub fn cells<'x>(&'x self, row: &'x Row<'x>) -> Mapped<'x> {
        Mapped {
            row,
            columns: &self.columns,
        }
    }

    /// A canonical cell, trimmed, through its value map if it has one.
    fn cell<'x>(&'x self, row: &'x Row<'x>, canonical: usize) -> &'x [u8] {
        let Some(index) = self.columns.get(canonical) else {
            return &[];
        };
        let raw = row.cell(index);
        trim(
            match self.columns.value_map(index).and_then(|map| map.get(raw)) {
                Some(value) => value.as_bytes(),
                None => raw,
            },
        )
    }

    /// A canonical column as the file names it: `` `Date Assigned`
    /// (assigned_at) ``, or `` `assigned_at` ``.
    pub fn column_name(&self, canonical: usize) -> String {
        let name = LEAD_COLUMNS[canonical];
        match self
            .columns
            .get(canonical)
            .and_then(|index| self.columns.headers.get(index))
        {
            Some(header) if !header.eq_ignore_ascii_case(name) => format!("`{header}` ({name})"),
            _ => format!("`{name}`"),
        }
    }

    /// A ragged row or one without an id cannot be judged at all.
    pub fn check_shape(&self, row: &Row<'_>) -> Result<(), String> {
        if row.len() != self.columns.width() {
            return Err(format!(
                "the row has {} cells, the header has {}",
                row.len(),
                self.columns.width()
            ));
        }
        if self.cell(row, ID).is_empty() {
            return Err(format!(
                "the lead has no id ({} is empty)",
                self.column_name(ID)
            ));
        }
        Ok(())
    }

    pub fn id(&self, row: &Row<'_>) -> String {
        String::from_utf8_lossy(self.cell(row, ID)).into_owned()
    }

    /// The owner as reported (see [`Agreement::owner`]).
    pub fn owner(&self, row: &Row<'_>) -> String {
        self.agreement.owner(self.cell(row, OWNER))
    }

    /// A trimmed canonical cell, through its value map.
    pub fn raw<'x>(&'x self, row: &'x Row<'x>, canonical: usize) -> &'x [u8] {
        self.cell(row, canonical)
    }

    pub fn is_closed(&self, row: &Row<'_>) -> bool {
        let status = self.cell(row, STATUS);
        !status.is_empty()
            && self.agreement.closed_statuses.iter().any(|closed| {
                status.eq_ignore_ascii_case(closed.as_bytes())
                    || (!status.is_ascii()
                        && String::from_utf8_lossy(status).to_lowercase() == *closed)
            })
    }

    /// A timestamp cell; `None` when empty ("not yet").
    pub fn timestamp(&self, row: &Row<'_>, canonical: usize) -> Result<Option<Timestamp>, String> {
        let cell = self.cell(row, canonical);
        if cell.is_empty() {
            return Ok(None);
        }
        self.timestamps
            .read(cell)
            .map(Some)
            .map_err(|error| format!("{}: {error}", self.column_name(canonical)))
    }

    /// The lead's tier and its SLA: the `tier` cell, else the band of its
    /// score (computed only then).
    pub fn tier_sla(&self, row: &Row<'_>) -> Result<&'a TierSla, String> {
        let criteria = &self.agreement.criteria;
        let cell = self.cell(row, TIER);
        if !cell.is_empty() {
            return criteria.tier_sla(cell).ok_or_else(|| {
                let tier = String::from_utf8_lossy(cell);
                if criteria.names_tier(cell) {
                    format!("tier `{tier}` has no usable first-touch SLA: its duration in `[sla]` is invalid")
                } else {
                    format!(
                        "unknown tier `{tier}`: the SLA names {}",
                        criteria.sla_tier_names()
                    )
                }
            });
        }
        let score = self.scorer.score(&self.cells(row));
        let band = criteria.band(score).ok_or_else(|| {
            if criteria.tiers.is_empty() {
                "the tier is empty, and the criteria have no `[tiers]` bands".to_owned()
            } else {
                format!("the tier is empty, and score {score} is below every `[tiers]` band")
            }
        })?;
        criteria
            .tier_sla(band.name.as_bytes())
            .ok_or_else(|| format!("tier `{}` has no first-touch SLA", band.name))
    }

    fn deadline(&self, assigned: Timestamp, sla: &TierSla) -> Result<Timestamp, String> {
        self.agreement
            .clock
            .deadline(assigned, sla.seconds)
            .ok_or_else(|| {
                "no deadline: the business hours have no time ahead of the assignment".to_owned()
            })
    }

    /// An assigned, untouched, open lead with its deadline; `None` for any
    /// other lead. Only the cells that decide it are read.
    pub fn open_lead(&self, row: &Row<'_>) -> Result<Option<OpenLead<'a>>, String> {
        self.check_shape(row)?;
        if !self.cell(row, FIRST_TOUCH_AT).is_empty()
            || self.cell(row, ASSIGNED_AT).is_empty()
            || self.is_closed(row)
        {
            return Ok(None);
        }
        let Some(assigned) = self.timestamp(row, ASSIGNED_AT)? else {
            return Ok(None);
        };
        let sla = self.tier_sla(row)?;
        let deadline = self.deadline(assigned, sla)?;
        Ok(Some(OpenLead {
            assigned,
            deadline,
            tier: &sla.tier,
        }))
    }

    /// Where an assigned lead stands against its SLA at `as_of`; `None` for
    /// a lead not yet assigned.
    pub fn sla_outcome(
        &self,
        row: &Row<'_>,
        as_of: Timestamp,
    ) -> Result<Option<(&'a str, SlaOutcome)>, String> {
        self.check_shape(row)?;
        let Some(assigned) = self.timestamp(row, ASSIGNED_AT)? else {
            return Ok(None);
        };
        let sla = self.tier_sla(row)?;
        let deadline = self.deadline(assigned, sla)?;
        let outcome = match self.timestamp(row, FIRST_TOUCH_AT)? {
            Some(touched) => {
                let response = self.agreement.clock.elapsed_seconds(assigned, touched);
                if touched <= deadline {
                    SlaOutcome::OnTime { response }
                } else {
                    SlaOutcome::Late { response }
                }
            }
            None if self.is_closed(row) => SlaOutcome::ClosedUntouched,
            None if as_of > deadline => SlaOutcome::Overdue,
            None => SlaOutcome::Waiting,
        };
        Ok(Some((&sla.tier, outcome)))
    }

    /// Score, stage, tier and disqualification.
    pub fn scored(&self, row: &Row<'_>) -> Scored<'a> {
        let criteria = &self.agreement.criteria;
        let cells = self.cells(row);
        let score = self.scorer.score(&cells);
        let cell = self.cell(row, TIER);
        let tier = if cell.is_empty() {
            criteria.band(score).map(|band| band.name.clone())
        } else {
            Some(match criteria.tier_sla(cell) {
                Some(sla) => sla.tier.clone(),
                None => String::from_utf8_lossy(cell).into_owned(),
            })
        };
        Scored {
            score,
            stage: criteria.stage(score),
            tier,
            disqualified: self.scorer.disqualifier(&cells),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use csv::ByteRecord;

    use super::*;

    /// A calendar-clock agreement: tiers A (score 50+, 1h) and B (4h).
    fn agreement() -> Agreement {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("align.toml"),
            "[workspace]\ntimezone = \"America/Chicago\"\n\n[leads.columns]\nassigned_at = \"Assigned\"\n",
        )
        .unwrap();
        fs::create_dir(dir.path().join("criteria")).unwrap();
        fs::write(
            dir.path().join("criteria/c.toml"),
            "[[fit]]\nfield = \"industry\"\nequals = \"fintech\"\npoints = 60\n\n\
             [tiers]\nA = 50\nB = 0\n\n[sla]\nfirst_touch = { A = \"1h\", B = \"4h\" }\n",
        )
        .unwrap();
        let workspace = crate::workspace::open_root(dir.path()).unwrap();
        let (criteria, found) = crate::criteria::load(&workspace);
        assert!(found.is_empty(), "{found:?}");
        Agreement::new(&workspace.settings, criteria)
    }

    const HEADER: &str = "id,industry,tier,Assigned,first_touch_at,status,owner";

    #[test]
    fn a_tier_whose_sla_is_invalid_is_known_but_has_no_deadline() {
        let mut agreement = agreement();
        if let Some(sla) = &mut agreement.criteria.sla {
            // As loading leaves `C = "2d"` on a business clock.
            sla.named.push("C".into());
        }
        let found = each_row(
            &agreement,
            "L1,retail,c,2026-11-23T09:00:00-06:00,,open,dana\n",
            |rules, row| rules.open_lead(row).map(|lead| lead.is_some()),
        );
        assert_eq!(
            found,
            [Err(
                "tier `c` has no usable first-touch SLA: its duration in `[sla]` is invalid".into()
            )]
        );
        assert!(agreement.criteria.names_tier(b" C "));
        assert_eq!(agreement.criteria.sla_tier_names(), "`A`, `B` and `C`");
    }

    /// Runs `judge` on each row of `rows` (after the header).
    fn each_row<T>(
        agreement: &Agreement,
        rows: &str,
        judge: impl Fn(&FileRules<'_>, &Row<'_>) -> T,
    ) -> Vec<T> {
        let text = format!("{HEADER}\n{rows}");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut header = ByteRecord::new();
        reader.read_byte_record(&mut header).unwrap();
        let import = Import {
            columns: vec![("assigned_at".into(), vec!["Assigned".into()], None)],
            ..Import::default()
        };
        let columns = Columns::new(&header, &import);
        let rules = FileRules::new(agreement, columns, &import);
        let path: Arc<Path> = Arc::from(Path::new("leads.csv"));
        let mut record = ByteRecord::new();
        let mut found = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            found.push(judge(&rules, &Row::new(&record, text.as_bytes(), 1, &path)));
        }
        found
    }

    fn instant(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn open_leads_and_why_a_row_cannot_be_judged() {
        let agreement = agreement();
        let found = each_row(
            &agreement,
            "L1,fintech,,2026-11-23T09:00:00-06:00,,open,dana\n\
             L2,retail,,2026-11-23T09:00:00-06:00,,,dana\n\
             L3,retail,b,2026-11-23T09:00:00-06:00,,Won,dana\n\
             L4,retail,B,2026-11-23T09:00:00-06:00,2026-11-23T09:10:00-06:00,open,dana\n\
             L5,retail,B,,,open,dana\n\
             L6,retail,Z,2026-11-23T09:00:00-06:00,,open,dana\n\
             L7,retail,B,23/11/2026,,open,dana\n\
             ,retail,B,2026-11-23T09:00:00-06:00,,open,dana\n\
             L9,retail\n",
            |rules, row| {
                rules
                    .open_lead(row)
                    .map(|lead| lead.map(|lead| (lead.tier.to_owned(), lead.deadline)))
            },
        );
        let nine = instant("2026-11-23T15:00:00Z");
        assert_eq!(
            found[0],
            Ok(Some((
                "A".into(),
                nine + jiff::SignedDuration::from_hours(1)
            ))),
            "the score's band"
        );
        assert_eq!(
            found[1],
            Ok(Some((
                "B".into(),
                nine + jiff::SignedDuration::from_hours(4)
            )))
        );
        assert_eq!(found[2], Ok(None), "closed, in any case");
        assert_eq!(found[3], Ok(None), "touched");
        assert_eq!(found[4], Ok(None), "not assigned");
        assert_eq!(
            found[5],
            Err("unknown tier `Z`: the SLA names `A` and `B`".into())
        );
        assert!(
            found[6]
                .as_ref()
                .unwrap_err()
                .starts_with("`Assigned` (assigned_at): invalid timestamp `23/11/2026`"),
            "{:?}",
            found[6]
        );
        assert_eq!(found[7], Err("the lead has no id (`id` is empty)".into()));
        assert_eq!(
            found[8],
            Err("the row has 2 cells, the header has 7".into())
        );
    }

    #[test]
    fn sla_outcomes_at_the_edges() {
        let agreement = agreement();
        let as_of = instant("2026-11-23T16:00:00Z");
        let found = each_row(
            &agreement,
            "ON,fintech,,2026-11-23T09:00:00-06:00,2026-11-23T10:00:00-06:00,won,dana\n\
             LATE,fintech,,2026-11-23T09:00:00-06:00,2026-11-23T10:00:01-06:00,open,dana\n\
             NOW,fintech,,2026-11-23T09:00:00-06:00,,open,dana\n\
             PAST,fintech,,2026-11-23T08:59:00-06:00,,open,dana\n\
             SHUT,fintech,,2026-11-23T08:00:00-06:00,,lost,dana\n\
             NEW,fintech,,,,open,dana\n",
            |rules, row| {
                rules
                    .sla_outcome(row, as_of)
                    .unwrap()
                    .map(|(_, outcome)| outcome)
            },
        );
        assert_eq!(
            found,
            [
                Some(SlaOutcome::OnTime { response: 3600 }),
                Some(SlaOutcome::Late { response: 3601 }),
                Some(SlaOutcome::Waiting),
                Some(SlaOutcome::Overdue),
                Some(SlaOutcome::ClosedUntouched),
                None,
            ]
        );
    }

    #[test]
    fn scores_name_the_tier_as_the_sla_does() {
        let agreement = agreement();
        let found = each_row(
            &agreement,
            "L1,fintech,b,,,,\nL2,retail,,,,,\nL3,retail,Gold,,,,\n",
            |rules, row| {
                let scored = rules.scored(row);
                (scored.score, scored.tier, scored.stage)
            },
        );
        assert_eq!(
            found,
            [
                (60, Some("B".into()), None),
                (0, Some("B".into()), None),
                (0, Some("Gold".into()), None)
            ]
        );
    }
}
