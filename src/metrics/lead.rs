//! What the metrics need to know of one lead: its timestamps, how it stands
//! against its SLA, its stage, whether it was won and for how much. Read
//! once per row; every metric is then a count of these facts.

use jiff::Timestamp;

use crate::criteria::number::parse_number;
use crate::leads::canonical::{
    AMOUNT, ASSIGNED_AT, CLOSED_AT, CREATED_AT, FIRST_TOUCH_AT, OUTCOME, STAGE,
};
use crate::leads::evaluate::SlaOutcome;
use crate::leads::{FileRules, Row};

/// How far along the funnel a lead is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    None,
    Mql,
    Sql,
}

/// Where an assigned lead stands against its SLA.
#[derive(Debug, Clone, Copy)]
pub struct Assignment<'a> {
    pub at: Timestamp,
    pub tier: &'a str,
    /// The tier's first-touch time on the SLA clock, in seconds.
    pub sla_seconds: i64,
    pub outcome: SlaOutcome,
    /// Touched, or its deadline is before the as-of instant (the SPEC's
    /// "decided"): only decided leads count in the SLA rates.
    pub decided: bool,
    /// Below `handoff.min_score`, or disqualified.
    pub unqualified: bool,
}

/// The facts of one lead.
#[derive(Debug, Clone, Copy)]
pub struct Lead<'a> {
    pub created: Option<Timestamp>,
    pub assignment: Option<Assignment<'a>>,
    pub first_touch: Option<Timestamp>,
    pub closed: Option<Timestamp>,
    pub stage: Stage,
    pub won: bool,
    /// The `amount` cell; 0 when empty or not a number (lint's AL303
    /// reports the latter).
    pub amount: f64,
}

impl Lead<'_> {
    /// Calendar seconds from creation to the first touch ("speed to
    /// lead"), when both are known.
    pub fn speed_to_lead(&self) -> Option<i64> {
        let (created, touched) = (self.created?, self.first_touch?);
        Some(touched.as_second() - created.as_second())
    }
}

/// Reads a lead's facts; a row that cannot be judged (shape, timestamps,
/// tier) is an `Err` with the reason.
pub fn read<'a>(
    rules: &FileRules<'a>,
    row: &Row<'_>,
    as_of: Timestamp,
) -> Result<Lead<'a>, String> {
    rules.check_shape(row)?;
    let created = rules.timestamp(row, CREATED_AT)?;
    let first_touch = rules.timestamp(row, FIRST_TOUCH_AT)?;
    let closed = rules.timestamp(row, CLOSED_AT)?;
    let won = rules.raw(row, OUTCOME).eq_ignore_ascii_case(b"won");
    let amount = if won {
        parse_number(rules.raw(row, AMOUNT)).unwrap_or(0.0)
    } else {
        0.0
    };
    let mut score = None;
    let mut score_of = || *score.get_or_insert_with(|| rules.scorer.score(row));
    let stage = match rules.raw(row, STAGE) {
        cell if cell.eq_ignore_ascii_case(b"sql") => Stage::Sql,
        cell if cell.eq_ignore_ascii_case(b"mql") => Stage::Mql,
        [] => match rules.agreement.criteria.stage(score_of()) {
            Some("sql") => Stage::Sql,
            Some(_) => Stage::Mql,
            None => Stage::None,
        },
        _ => Stage::None,
    };
    let assignment = match rules.timestamp(row, ASSIGNED_AT)? {
        None => None,
        Some(at) => Some(assignment(rules, row, at, first_touch, as_of, score_of)?),
    };
    Ok(Lead {
        created,
        assignment,
        first_touch,
        closed,
        stage,
        won,
        amount,
    })
}

fn assignment<'a>(
    rules: &FileRules<'a>,
    row: &Row<'_>,
    at: Timestamp,
    first_touch: Option<Timestamp>,
    as_of: Timestamp,
    mut score: impl FnMut() -> i64,
) -> Result<Assignment<'a>, String> {
    let sla = rules.tier_sla(row)?;
    let clock = &rules.agreement.clock;
    let deadline = clock.deadline(at, sla.seconds).ok_or_else(|| {
        "no deadline: the business hours have no time ahead of the assignment".to_owned()
    })?;
    let outcome = match first_touch {
        Some(touched) => {
            let response = clock.elapsed_seconds(at, touched);
            if touched <= deadline {
                SlaOutcome::OnTime { response }
            } else {
                SlaOutcome::Late { response }
            }
        }
        None if rules.is_closed(row) => SlaOutcome::ClosedUntouched,
        None if as_of > deadline => SlaOutcome::Overdue,
        None => SlaOutcome::Waiting,
    };
    let below = rules
        .agreement
        .criteria
        .min_handoff_score()
        .is_some_and(|min| (score() as f64) < min);
    let unqualified = below || rules.scorer.disqualifier(row).is_some();
    Ok(Assignment {
        at,
        tier: &sla.tier,
        sla_seconds: sla.seconds,
        outcome,
        decided: first_touch.is_some() || deadline < as_of,
        unqualified,
    })
}
