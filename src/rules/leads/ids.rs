//! AL304's memory: every lead id of every leads file, packed. A million
//! leads must not cost a million allocations, so each block keeps its ids
//! end to end in one buffer ([`Ids`]), and the first occurrence of each id
//! is found through a table of 64-bit hashes pointing back into those
//! buffers ([`FirstIds`]); equal hashes are confirmed byte for byte.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

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
    end: usize,
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
            end: self.bytes.len(),
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
            self.bytes.get(start..cell.end)?,
            position(cell.line, cell.column),
            position(cell.end_line, cell.end_column),
        ))
    }
}

/// Where an id was first seen: which file, block and id of the block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct IdRef {
    pub file: u32,
    pub block: u32,
    pub index: u32,
}

/// The first occurrence of every id seen so far.
#[derive(Default)]
pub(super) struct FirstIds {
    by_hash: HashMap<u64, IdRef, BuildHasherDefault<Prehashed>>,
    /// Ids whose hash an earlier, different id already holds: in practice
    /// none, but correctness does not rest on that.
    collided: HashMap<Box<[u8]>, IdRef>,
}

impl FirstIds {
    /// The first occurrence of `id`, or `None` after recording `at` as it.
    /// `bytes_of` reads back the id an earlier reference points at.
    pub(super) fn first<'a>(
        &mut self,
        id: &[u8],
        at: IdRef,
        bytes_of: impl Fn(IdRef) -> Option<&'a [u8]>,
    ) -> Option<IdRef> {
        let mut hasher = std::hash::DefaultHasher::new();
        id.hash(&mut hasher);
        let hash = hasher.finish();
        match self.by_hash.get(&hash) {
            None => {
                self.by_hash.insert(hash, at);
                None
            }
            Some(&earlier) if bytes_of(earlier) == Some(id) => Some(earlier),
            Some(_) => match self.collided.get(id) {
                Some(&earlier) => Some(earlier),
                None => {
                    self.collided.insert(id.into(), at);
                    None
                }
            },
        }
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
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
    fn a_hash_shared_by_two_ids_does_not_make_them_duplicates() {
        let mut first = FirstIds::default();
        let here = |index| IdRef {
            file: 0,
            block: 0,
            index,
        };
        let ids: [&[u8]; 3] = [b"a", b"b", b"a"];
        // Force the collision: every id is filed under the same hash.
        let mut hasher = std::hash::DefaultHasher::new();
        b"a"[..].hash(&mut hasher);
        first.by_hash.insert(hasher.finish(), here(0));
        let bytes_of = |at: IdRef| ids.get(at.index as usize).copied();
        assert_eq!(first.first(b"a", here(2), bytes_of), Some(here(0)));
        // `b` has its own hash; pretend it collides by filing it by hand.
        assert_eq!(first.collided.get(&b"b"[..]), None);
        let mut collide = FirstIds::default();
        collide.by_hash.insert(hash_of(b"b"), here(0));
        assert_eq!(collide.first(b"b", here(1), bytes_of), None);
        assert_eq!(collide.first(b"b", here(5), bytes_of), Some(here(1)));
    }

    fn hash_of(id: &[u8]) -> u64 {
        let mut hasher = std::hash::DefaultHasher::new();
        id.hash(&mut hasher);
        hasher.finish()
    }
}
