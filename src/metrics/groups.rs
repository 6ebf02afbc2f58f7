//! Tallies per group of leads: per owner, tier and/or source. Owners are
//! trimmed and grouped case-insensitively (`Dana@…` and `dana@…` are one
//! rep), shown with their most frequent spelling (ties: the first in
//! sort order), as the SPEC's v2 owners rule says. A row allocates only
//! when it opens a new group or brings a new spelling.

use super::tally::Tally;

/// Groups by their folded key; owner and source cells are hashed several
/// times per lead.
type KeyMap<V> = crate::key_hash::KeyMap<Box<[u8]>, V>;

/// What leads are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Owner,
    Tier,
    Source,
}

impl Dimension {
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Owner => "owner",
            Dimension::Tier => "tier",
            Dimension::Source => "source",
        }
    }
}

/// The cells a lead is grouped by (trimmed).
#[derive(Debug, Clone, Copy)]
pub struct Keys<'r> {
    pub owner: &'r [u8],
    pub tier: &'r [u8],
    pub source: &'r [u8],
}

/// What a group holds: added to lead by lead, merged across blocks.
pub trait Aggregate: Default {
    fn absorb(&mut self, other: Self);
}

impl Aggregate for Tally {
    fn absorb(&mut self, other: Tally) {
        self.merge(&other);
    }
}

#[derive(Debug, Default)]
struct Group<T> {
    tally: T,
    /// Owner spellings and how many leads use each.
    spellings: KeyMap<u64>,
    /// The key's other parts as first seen.
    parts: Vec<Box<[u8]>>,
}

/// Tallies by group: `T` is one tally (`leads sla`) or one per period
/// (`align report`, which so looks a lead's groups up once, not once per
/// period it falls in).
#[derive(Debug)]
pub struct Groups<T = Tally> {
    dimensions: Vec<Dimension>,
    groups: KeyMap<Group<T>>,
    scratch: Vec<u8>,
}

/// One finished group: the value of each dimension as shown, and its tally.
#[derive(Debug, Clone)]
pub struct GroupRow<T = Tally> {
    pub key: Vec<String>,
    pub tally: T,
}

impl<T: Aggregate> Groups<T> {
    pub fn new(dimensions: &[Dimension]) -> Groups<T> {
        Groups {
            dimensions: dimensions.to_vec(),
            groups: KeyMap::default(),
            scratch: Vec::new(),
        }
    }

    /// Adds to the tally of the group of `keys` what `add` adds (one
    /// lead: its owner spelling is counted once).
    pub fn add(&mut self, keys: Keys<'_>, add: impl FnOnce(&mut T)) {
        self.scratch.clear();
        for dimension in &self.dimensions {
            match dimension {
                Dimension::Owner if keys.owner.is_ascii() => self
                    .scratch
                    .extend(keys.owner.iter().map(u8::to_ascii_lowercase)),
                Dimension::Owner => self.scratch.extend_from_slice(
                    String::from_utf8_lossy(keys.owner)
                        .to_lowercase()
                        .as_bytes(),
                ),
                Dimension::Tier => self.scratch.extend_from_slice(keys.tier),
                Dimension::Source => self.scratch.extend_from_slice(keys.source),
            }
            self.scratch.push(0);
        }
        let group = match self.groups.get_mut(self.scratch.as_slice()) {
            Some(group) => group,
            None => {
                let parts = self
                    .dimensions
                    .iter()
                    .map(|dimension| match dimension {
                        Dimension::Owner => Box::default(),
                        Dimension::Tier => keys.tier.into(),
                        Dimension::Source => keys.source.into(),
                    })
                    .collect();
                self.groups
                    .entry(self.scratch.clone().into_boxed_slice())
                    .or_insert(Group {
                        parts,
                        ..Group::default()
                    })
            }
        };
        add(&mut group.tally);
        if self.dimensions.contains(&Dimension::Owner) {
            match group.spellings.get_mut(keys.owner) {
                Some(count) => *count += 1,
                None => {
                    group.spellings.insert(keys.owner.into(), 1);
                }
            }
        }
    }

    /// Adds another block's groups to these.
    pub fn absorb(&mut self, other: Groups<T>) {
        for (key, theirs) in other.groups {
            match self.groups.get_mut(&key) {
                Some(mine) => {
                    mine.tally.absorb(theirs.tally);
                    for (spelling, count) in theirs.spellings {
                        *mine.spellings.entry(spelling).or_default() += count;
                    }
                }
                None => {
                    self.groups.insert(key, theirs);
                }
            }
        }
    }

    /// The groups, sorted by their shown key (case-insensitively).
    pub fn finish(self) -> Vec<GroupRow<T>> {
        let mut rows: Vec<GroupRow<T>> = self
            .groups
            .into_values()
            .map(|group| {
                let owner = most_frequent(&group.spellings);
                let key = self
                    .dimensions
                    .iter()
                    .zip(&group.parts)
                    .map(|(dimension, part)| match dimension {
                        Dimension::Owner => owner.clone(),
                        _ => String::from_utf8_lossy(part).into_owned(),
                    })
                    .collect();
                GroupRow {
                    key,
                    tally: group.tally,
                }
            })
            .collect();
        rows.sort_by_cached_key(|row| {
            row.key
                .iter()
                .map(|part| (part.to_lowercase(), part.clone()))
                .collect::<Vec<_>>()
        });
        rows
    }
}

fn most_frequent(spellings: &KeyMap<u64>) -> String {
    spellings
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(spelling, _)| String::from_utf8_lossy(spelling).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys<'a>(owner: &'a str, source: &'a str) -> Keys<'a> {
        Keys {
            owner: owner.as_bytes(),
            tier: b"A",
            source: source.as_bytes(),
        }
    }

    #[test]
    fn owners_group_case_insensitively_under_their_most_frequent_spelling() {
        let mut first: Groups = Groups::new(&[Dimension::Owner]);
        first.add(keys("Dana@nw.example", "event"), |t| t.created += 1);
        first.add(keys("dana@nw.example", "webinar"), |t| t.created += 1);
        let mut second: Groups = Groups::new(&[Dimension::Owner]);
        second.add(keys("dana@nw.example", "event"), |t| t.created += 1);
        second.add(keys("Émile", "event"), |t| t.created += 1);
        second.add(keys("émile", "event"), |t| t.created += 1);
        second.add(keys("ÉMILE", "event"), |t| t.created += 1);
        first.absorb(second);
        let rows = first.finish();
        let shown: Vec<(String, u64)> = rows
            .iter()
            .map(|row| (row.key[0].clone(), row.tally.created))
            .collect();
        assert_eq!(
            shown,
            [("dana@nw.example".into(), 3), ("ÉMILE".into(), 3)],
            "a three-way tie goes to the first in byte order"
        );
    }

    #[test]
    fn groups_by_several_dimensions() {
        let mut groups: Groups = Groups::new(&[Dimension::Source, Dimension::Owner]);
        groups.add(keys("luis", "event"), |t| t.assigned += 1);
        groups.add(keys("Luis", "webinar"), |t| t.assigned += 1);
        groups.add(keys("LUIS", "event"), |t| t.assigned += 1);
        let rows = groups.finish();
        let shown: Vec<Vec<String>> = rows.iter().map(|row| row.key.clone()).collect();
        assert_eq!(shown, [vec!["event", "LUIS"], vec!["webinar", "Luis"]]);
    }
}
