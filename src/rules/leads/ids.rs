//! AL304's memory: every lead id of every leads file, packed. A million
//! leads must not cost a million allocations or a hash table of them, so
//! each block keeps its ids end to end in one buffer ([`Ids`]), and the
//! repeats are found by sorting one 16-byte key per id (its hash and its
//! place in file order), confirming equal hashes byte for byte.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::diagnostic::Position;

/// The ids of one block of rows, in file order.
#[derive(Default)]
pub(super) struct Ids {
    bytes: Vec<u8>,
    cells: Vec<IdCell>,
}

/// Where an id's bytes end in [`Ids::bytes`], and where its cell is.
#[derive(Clone, Copy)]
struct IdCell {
    end: u32,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

fn narrow(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl Ids {
    pub(super) fn push(&mut self, id: &[u8], start: Position, end: Position) {
        self.bytes.extend_from_slice(id);
        self.cells.push(IdCell {
            end: narrow(self.bytes.len()),
            line: narrow(start.line),
            column: narrow(start.column),
            end_line: narrow(end.line),
            end_column: narrow(end.column),
        });
    }

    pub(super) fn len(&self) -> usize {
        self.cells.len()
    }

    /// The id at `index`, and where its cell starts and ends.
    pub(super) fn get(&self, index: usize) -> Option<(&[u8], Position, Position)> {
        let cell = self.cells.get(index)?;
        let start = match index.checked_sub(1) {
            Some(previous) => self.cells.get(previous)?.end,
            None => 0,
        };
        let position = |line: u32, column: u32| Position {
            line: line as usize,
            column: column as usize,
        };
        Some((
            self.bytes.get(start as usize..cell.end as usize)?,
            position(cell.line, cell.column),
            position(cell.end_line, cell.end_column),
        ))
    }
}

/// Where an id is: which block (of all files, in file order) and which id
/// of the block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct IdRef {
    pub block: usize,
    pub index: usize,
}

/// Every id that repeats an earlier one, with the first occurrence, in no
/// particular order. `blocks` holds every block's ids in file order.
pub(super) fn repeats(blocks: &[&Ids]) -> Vec<(IdRef, IdRef)> {
    let mut starts = Vec::with_capacity(blocks.len());
    let mut total = 0usize;
    for ids in blocks {
        starts.push(total);
        total += ids.len();
    }
    // (hash, ordinal): sorting puts equal hashes together, earliest first.
    let mut keys: Vec<(u64, u32)> = blocks
        .par_iter()
        .zip(&starts)
        .flat_map_iter(|(ids, &start)| {
            (0..ids.len()).map(move |index| {
                let id = ids.get(index).map_or(&[][..], |(id, ..)| id);
                (hash(id), narrow(start + index))
            })
        })
        .collect();
    keys.par_sort_unstable();
    let place = |ordinal: u32| {
        let ordinal = ordinal as usize;
        let block = starts
            .partition_point(|&start| start <= ordinal)
            .saturating_sub(1);
        let index = ordinal - starts.get(block).copied().unwrap_or(0);
        IdRef { block, index }
    };
    let id_at = |at: IdRef| {
        blocks
            .get(at.block)
            .and_then(|ids| ids.get(at.index))
            .map(|(id, ..)| id)
    };
    let mut found = Vec::new();
    for run in keys.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        // A run is the ids of one hash: nearly always copies of one id.
        for (later, &(_, ordinal)) in run.iter().enumerate().skip(1) {
            let at = place(ordinal);
            let first = run[..later]
                .iter()
                .map(|&(_, earlier)| place(earlier))
                .find(|&earlier| id_at(earlier) == id_at(at));
            if let Some(first) = first {
                found.push((at, first));
            }
        }
    }
    found
}

fn hash(id: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_with_their_cells() {
        let mut ids = Ids::default();
        let at = |line, column| Position { line, column };
        ids.push(b"L1", at(2, 1), at(2, 3));
        ids.push(b"", at(3, 1), at(3, 1));
        ids.push(b"Lead-3", at(4, 1), at(5, 2));
        assert_eq!(ids.len(), 3);
        assert_eq!(ids.get(0), Some((&b"L1"[..], at(2, 1), at(2, 3))));
        assert_eq!(ids.get(1), Some((&b""[..], at(3, 1), at(3, 1))));
        assert_eq!(ids.get(2), Some((&b"Lead-3"[..], at(4, 1), at(5, 2))));
        assert_eq!(ids.get(3), None);
    }

    #[test]
    fn repeats_point_at_the_first_occurrence_across_blocks() {
        let at = |line| Position { line, column: 1 };
        let mut one = Ids::default();
        one.push(b"a", at(2), at(2));
        one.push(b"b", at(3), at(3));
        let mut two = Ids::default();
        two.push(b"c", at(4), at(4));
        two.push(b"a", at(5), at(5));
        two.push(b"a", at(6), at(6));
        let mut found = repeats(&[&one, &two]);
        found.sort_by_key(|(later, _)| (later.block, later.index));
        let place = |block, index| IdRef { block, index };
        assert_eq!(
            found,
            [(place(1, 1), place(0, 0)), (place(1, 2), place(0, 0))]
        );
        assert!(repeats(&[&Ids::default()]).is_empty());
    }
}
