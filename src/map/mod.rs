//! The message map: segments, requirements, competitors, features, proof,
//! messages, brand terms and banned phrases, read from `map/*.toml`. Entries
//! refer to each other by id.

pub mod coverage;
mod load;
pub mod situation;

use crate::key_hash::KeyMap;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

pub use load::{choose, load};
pub use situation::Situation;

use crate::source::SourceFile;
use crate::syntax::{Spanned, Table};

/// Where an entry was defined: its file and its `[[table]]` header.
#[derive(Debug, Clone)]
pub struct Origin {
    pub source: Arc<SourceFile>,
    pub header: Range<usize>,
}

impl Origin {
    /// `map/core.toml:12`, for messages that name another place.
    pub fn describe(&self) -> String {
        format!(
            "{}:{}",
            self.source.relative,
            self.source.position(self.header.start).line
        )
    }
}

#[derive(Debug, Clone)]
pub struct Segment {
    pub id: Spanned<String>,
    pub name: String,
    pub origin: Origin,
    pub fields: Table,
}

#[derive(Debug, Clone)]
pub struct Requirement {
    pub id: Spanned<String>,
    pub statement: String,
    pub segments: Vec<Spanned<String>>,
    pub origin: Origin,
    pub fields: Table,
}

#[derive(Debug, Clone)]
pub struct Competitor {
    pub id: Spanned<String>,
    pub name: String,
    pub aliases: Vec<String>,
    pub landmines: Vec<String>,
    pub origin: Origin,
    pub fields: Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureStatus {
    Ga,
    Beta,
    Roadmap,
}

#[derive(Debug, Clone)]
pub struct Feature {
    pub id: Spanned<String>,
    pub name: String,
    pub status: FeatureStatus,
    pub origin: Origin,
    pub fields: Table,
}

#[derive(Debug, Clone)]
pub struct Proof {
    pub id: Spanned<String>,
    pub customer: String,
    pub claim: String,
    /// Approved for external use; private unless stated.
    pub public: bool,
    pub expires: Option<Date>,
    pub origin: Origin,
    pub fields: Table,
}

impl Proof {
    /// Expired when its date is earlier than `today`.
    pub fn is_expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|expires| expires < today)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageStatus {
    Approved,
    Draft,
    Retired,
}

/// A value proposition: the approved wording for a selling situation.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: Spanned<String>,
    pub headline: String,
    pub body: String,
    pub requirements: Vec<Spanned<String>>,
    pub segments: Vec<Spanned<String>>,
    pub against: Vec<Spanned<String>>,
    pub proof: Vec<Spanned<String>>,
    pub features: Vec<Spanned<String>>,
    pub status: MessageStatus,
    pub origin: Origin,
    pub fields: Table,
}

impl Message {
    pub fn is_approved(&self) -> bool {
        self.status == MessageStatus::Approved
    }
}

/// Something the field hears from buyers, and the messages that answer it.
#[derive(Debug, Clone)]
pub struct Objection {
    pub id: Spanned<String>,
    pub text: String,
    pub competitors: Vec<Spanned<String>>,
    pub requirements: Vec<Spanned<String>>,
    /// Message ids that answer it.
    pub answers: Vec<Spanned<String>>,
    pub status: MessageStatus,
    pub origin: Origin,
    pub fields: Table,
}

impl Objection {
    pub fn is_approved(&self) -> bool {
        self.status == MessageStatus::Approved
    }

    /// Its approved answering messages, in the order listed.
    pub fn approved_answers<'m>(&self, map: &'m Map) -> impl Iterator<Item = &'m Message> {
        self.answers
            .iter()
            .filter_map(|id| map.messages.get(&id.value))
            .filter(|message| message.is_approved())
    }

    /// Approved, with at least one approved answering message: sales has
    /// something agreed to say.
    pub fn is_answered(&self, map: &Map) -> bool {
        self.is_approved() && self.approved_answers(map).next().is_some()
    }
}

/// Brand terminology: write `preferred`, never any of `avoid`.
#[derive(Debug, Clone)]
pub struct Term {
    pub preferred: Spanned<String>,
    pub avoid: Vec<Spanned<String>>,
    pub origin: Origin,
    pub fields: Table,
}

/// Banned or risky wording.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub text: Spanned<String>,
    pub reason: String,
    pub origin: Origin,
}

/// Entries of one kind, looked up by id.
#[derive(Debug, Clone)]
pub struct Catalog<T> {
    entries: Vec<T>,
    /// Ids are looked up several times per cited id of every document.
    by_id: KeyMap<String, usize>,
}

impl<T> Default for Catalog<T> {
    fn default() -> Self {
        Catalog {
            entries: Vec::new(),
            by_id: KeyMap::default(),
        }
    }
}

impl<T> Catalog<T> {
    pub fn get(&self, id: &str) -> Option<&T> {
        self.by_id.get(id).map(|&index| &self.entries[index])
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Ids in definition order, for "valid ids are …" messages.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        let mut ids: Vec<(&String, &usize)> = self.by_id.iter().collect();
        ids.sort_by_key(|(_, index)| **index);
        ids.into_iter().map(|(id, _)| id.as_str())
    }

    /// Adds an entry; returns the first entry with the same id instead when
    /// there is one.
    pub(crate) fn insert(&mut self, id: &str, entry: T) -> Result<(), &T> {
        if let Some(&index) = self.by_id.get(id) {
            return Err(&self.entries[index]);
        }
        self.by_id.insert(id.to_owned(), self.entries.len());
        self.entries.push(entry);
        Ok(())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Map {
    pub segments: Catalog<Segment>,
    pub requirements: Catalog<Requirement>,
    pub competitors: Catalog<Competitor>,
    pub features: Catalog<Feature>,
    pub proof: Catalog<Proof>,
    pub messages: Catalog<Message>,
    pub objections: Catalog<Objection>,
    pub terms: Vec<Term>,
    pub phrases: Vec<Phrase>,
}

/// The kinds of map entry that have ids, for references and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Segment,
    Requirement,
    Competitor,
    Feature,
    Proof,
    Message,
    Objection,
}

impl EntryKind {
    pub fn noun(self) -> &'static str {
        match self {
            EntryKind::Segment => "segment",
            EntryKind::Requirement => "requirement",
            EntryKind::Competitor => "competitor",
            EntryKind::Feature => "feature",
            EntryKind::Proof => "proof",
            EntryKind::Message => "message",
            EntryKind::Objection => "objection",
        }
    }
}

impl Map {
    pub fn contains(&self, kind: EntryKind, id: &str) -> bool {
        match kind {
            EntryKind::Segment => self.segments.contains(id),
            EntryKind::Requirement => self.requirements.contains(id),
            EntryKind::Competitor => self.competitors.contains(id),
            EntryKind::Feature => self.features.contains(id),
            EntryKind::Proof => self.proof.contains(id),
            EntryKind::Message => self.messages.contains(id),
            EntryKind::Objection => self.objections.contains(id),
        }
    }

    pub fn ids(&self, kind: EntryKind) -> Vec<&str> {
        match kind {
            EntryKind::Segment => self.segments.ids().collect(),
            EntryKind::Requirement => self.requirements.ids().collect(),
            EntryKind::Competitor => self.competitors.ids().collect(),
            EntryKind::Feature => self.features.ids().collect(),
            EntryKind::Proof => self.proof.ids().collect(),
            EntryKind::Message => self.messages.ids().collect(),
            EntryKind::Objection => self.objections.ids().collect(),
        }
    }

    /// A help line for an unknown id: the closest known id, or the list.
    pub fn unknown_id_help(&self, kind: EntryKind, id: &str) -> String {
        let ids = self.ids(kind);
        if let Some(close) = crate::syntax::fields::did_you_mean(id, &ids) {
            return format!("did you mean `{close}`?");
        }
        if ids.is_empty() {
            return format!("the map defines no {}", kind.noun());
        }
        let shown: Vec<&str> = ids.iter().take(8).copied().collect();
        let more = if ids.len() > shown.len() { ", …" } else { "" };
        format!("known {} ids: {}{more}", kind.noun(), shown.join(", "))
    }
}
