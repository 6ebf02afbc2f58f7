//! Reading the leads into per-period tallies in one streaming pass: each
//! lead adds each of its cohort parts to the period its timestamp falls in
//! (and to that period's tally of its owner and of its source). Leads
//! outside the report's periods add nothing; memory follows periods ×
//! groups, not leads.

use jiff::Timestamp;

use crate::leads::canonical::{OWNER, SOURCE};
use crate::leads::{FileRules, Row};
use crate::metrics::{Aggregate, Dimension, GroupRow, Groups, Keys, Lead, Periods, Tally, lead};

/// One period's tallies.
#[derive(Debug)]
pub struct Slot {
    pub total: Tally,
    pub owners: Vec<GroupRow>,
    pub sources: Vec<GroupRow>,
}

/// One group's tallies by period: `None` in a period none of its leads
/// fell in (the group is not shown there).
#[derive(Debug, Default)]
pub struct ByPeriod(Vec<Option<Tally>>);

impl ByPeriod {
    fn at(&mut self, slot: usize) -> &mut Tally {
        if self.0.len() <= slot {
            self.0.resize_with(slot + 1, || None);
        }
        self.0[slot].get_or_insert_with(Tally::default)
    }
}

impl Aggregate for ByPeriod {
    fn absorb(&mut self, other: ByPeriod) {
        for (slot, tally) in other.0.into_iter().enumerate() {
            if let Some(tally) = tally {
                self.at(slot).merge(&tally);
            }
        }
    }
}

/// The tallies of a pass: totals per period, groups' tallies by period,
/// and the won leads that have no `closed_at` (they belong to no period's
/// `won_count`).
#[derive(Debug)]
pub struct Collected {
    totals: Vec<Tally>,
    owners: Groups<ByPeriod>,
    sources: Groups<ByPeriod>,
    pub won_without_close: u64,
}

/// A cohort part of a lead and the period it falls in.
type Part = (Option<usize>, fn(&mut Tally, &Lead<'_>));

impl Collected {
    pub fn new(periods: &Periods) -> Collected {
        Collected {
            totals: periods.periods.iter().map(|_| Tally::default()).collect(),
            owners: Groups::new(&[Dimension::Owner]),
            sources: Groups::new(&[Dimension::Source]),
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
        self.won_without_close += u64::from(won_without_close(&lead));
        let slot = |at: Option<Timestamp>| {
            at.and_then(|at| periods.locate(at))
                .filter(|&i| i < self.totals.len())
        };
        let parts: [Part; 3] = [
            (slot(lead.created), Tally::add_created),
            (slot(lead.assignment.map(|a| a.at)), Tally::add_assigned),
            (slot(lead.closed), Tally::add_closed),
        ];
        if parts.iter().all(|(slot, _)| slot.is_none()) {
            return Ok(());
        }
        let owner = rules.raw(row, OWNER);
        let keys = Keys {
            owner: rules.agreement.alias(owner).map_or(owner, str::as_bytes),
            tier: b"",
            source: rules.raw(row, SOURCE),
        };
        let add_parts = |by_period: &mut ByPeriod| {
            for (slot, add) in parts {
                if let Some(slot) = slot {
                    add(by_period.at(slot), &lead);
                }
            }
        };
        for (slot, add) in parts {
            if let Some(slot) = slot {
                add(&mut self.totals[slot], &lead);
            }
        }
        self.owners.add(keys, add_parts);
        self.sources.add(keys, add_parts);
        Ok(())
    }

    pub fn merge(mut self, other: Collected) -> Collected {
        for (mine, theirs) in self.totals.iter_mut().zip(&other.totals) {
            mine.merge(theirs);
        }
        self.owners.absorb(other.owners);
        self.sources.absorb(other.sources);
        self.won_without_close += other.won_without_close;
        self
    }

    /// The tallies period by period, groups sorted as shown.
    pub fn slots(self) -> Vec<Slot> {
        let owners = self.owners.finish();
        let sources = self.sources.finish();
        self.totals
            .into_iter()
            .enumerate()
            .map(|(slot, total)| Slot {
                total,
                owners: in_period(&owners, slot),
                sources: in_period(&sources, slot),
            })
            .collect()
    }
}

/// The groups with leads in one period, and their tallies there.
fn in_period(groups: &[GroupRow<ByPeriod>], slot: usize) -> Vec<GroupRow> {
    groups
        .iter()
        .filter_map(|group| {
            let tally = group.tally.0.get(slot)?.as_ref()?;
            Some(GroupRow {
                key: group.key.clone(),
                tally: tally.clone(),
            })
        })
        .collect()
}

fn won_without_close(lead: &Lead<'_>) -> bool {
    lead.won && lead.closed.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(owner: &str) -> Keys<'_> {
        Keys {
            owner: owner.as_bytes(),
            tier: b"",
            source: b"event",
        }
    }

    #[test]
    fn a_group_is_shown_in_the_periods_its_leads_fall_in_under_one_spelling() {
        let mut first: Groups<ByPeriod> = Groups::new(&[Dimension::Owner]);
        first.add(keys("Dana"), |by| by.at(0).created += 1);
        first.add(keys("dana"), |by| {
            by.at(0).created += 1;
            // A lost lead closed in period 2 adds nothing, yet is there.
            by.at(2);
        });
        let mut second: Groups<ByPeriod> = Groups::new(&[Dimension::Owner]);
        second.add(keys("dana"), |by| by.at(3).assigned += 1);
        second.add(keys("Luis"), |by| by.at(3).assigned += 1);
        first.absorb(second);
        let rows = first.finish();
        let shown = |slot| -> Vec<(String, u64, u64)> {
            in_period(&rows, slot)
                .into_iter()
                .map(|row| (row.key[0].clone(), row.tally.created, row.tally.assigned))
                .collect()
        };
        assert_eq!(shown(0), [("dana".to_owned(), 2, 0)]);
        assert_eq!(shown(1), []);
        assert_eq!(shown(2), [("dana".to_owned(), 0, 0)]);
        assert_eq!(
            shown(3),
            [("dana".to_owned(), 0, 1), ("Luis".to_owned(), 0, 1)]
        );
    }
}
