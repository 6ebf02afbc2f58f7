//! Reading the leads into per-period tallies in one streaming pass: each
//! lead adds each of its cohort parts to the period its timestamp falls in
//! (and to that period's owner and source groups). Leads outside the
//! report's periods add nothing; memory follows periods × groups, not
//! leads.

use jiff::Timestamp;

use crate::leads::canonical::{OWNER, SOURCE};
use crate::leads::{FileRules, Row};
use crate::metrics::{Dimension, Groups, Keys, Lead, Periods, Tally, lead};

/// One period's tallies.
#[derive(Debug)]
pub struct Slot {
    pub total: Tally,
    pub owners: Groups,
    pub sources: Groups,
}

impl Slot {
    fn new() -> Slot {
        Slot {
            total: Tally::default(),
            owners: Groups::new(&[Dimension::Owner]),
            sources: Groups::new(&[Dimension::Source]),
        }
    }

    fn add(&mut self, keys: Keys<'_>, part: impl Fn(&mut Tally)) {
        part(&mut self.total);
        self.owners.add(keys, &part);
        self.sources.add(keys, &part);
    }

    fn absorb(&mut self, other: Slot) {
        self.total.merge(&other.total);
        self.owners.absorb(other.owners);
        self.sources.absorb(other.sources);
    }
}

/// The tallies of a pass: one slot per period, and the won leads that
/// have no `closed_at` (they belong to no period's `won_count`).
#[derive(Debug)]
pub struct Collected {
    pub slots: Vec<Slot>,
    pub won_without_close: u64,
}

impl Collected {
    pub fn new(periods: &Periods) -> Collected {
        Collected {
            slots: periods.periods.iter().map(|_| Slot::new()).collect(),
            won_without_close: 0,
        }
    }

    /// Reads one row into its periods.
    pub fn visit(
        &mut self,
        periods: &Periods,
        rules: &FileRules<'_>,
        row: &Row<'_>,
        as_of: Timestamp,
    ) -> Result<(), String> {
        let lead = lead::read(rules, row, as_of)?;
        let owner = rules.raw(row, OWNER);
        let keys = Keys {
            owner: rules.agreement.alias(owner).map_or(owner, str::as_bytes),
            tier: b"",
            source: rules.raw(row, SOURCE),
        };
        let slot = |at: Option<Timestamp>| at.and_then(|at| periods.locate(at));
        if let Some(slot) = slot(lead.created).and_then(|i| self.slots.get_mut(i)) {
            slot.add(keys, |tally| tally.add_created(&lead));
        }
        let assigned = slot(lead.assignment.map(|a| a.at));
        if let Some(slot) = assigned.and_then(|i| self.slots.get_mut(i)) {
            slot.add(keys, |tally| tally.add_assigned(&lead));
        }
        if let Some(slot) = slot(lead.closed).and_then(|i| self.slots.get_mut(i)) {
            slot.add(keys, |tally| tally.add_closed(&lead));
        }
        self.won_without_close += u64::from(won_without_close(&lead));
        Ok(())
    }

    pub fn merge(mut self, other: Collected) -> Collected {
        for (mine, theirs) in self.slots.iter_mut().zip(other.slots) {
            mine.absorb(theirs);
        }
        self.won_without_close += other.won_without_close;
        self
    }
}

fn won_without_close(lead: &Lead<'_>) -> bool {
    lead.won && lead.closed.is_none()
}
