//! A selling situation (segments, requirements, competitors) and which
//! messages fit it.

use super::{Message, Objection};
use crate::syntax::Spanned;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Situation {
    pub segments: Vec<String>,
    pub requirements: Vec<String>,
    pub competitors: Vec<String>,
}

impl Situation {
    /// Whether `message` fits, reading each part only where the situation
    /// names it: requirements must intersect; the message's segments and
    /// `against` must be empty or intersect.
    pub fn fits(&self, message: &Message) -> bool {
        (self.requirements.is_empty() || intersects(&message.requirements, &self.requirements))
            && (self.segments.is_empty()
                || message.segments.is_empty()
                || intersects(&message.segments, &self.segments))
            && (self.competitors.is_empty()
                || message.against.is_empty()
                || intersects(&message.against, &self.competitors))
    }

    /// Whether the field may hear `objection` here, read like [`fits`]:
    /// its requirements and competitors must each be empty or intersect
    /// the situation's, where the situation names them.
    ///
    /// [`fits`]: Situation::fits
    pub fn hears(&self, objection: &Objection) -> bool {
        (self.requirements.is_empty()
            || objection.requirements.is_empty()
            || intersects(&objection.requirements, &self.requirements))
            && (self.competitors.is_empty()
                || objection.competitors.is_empty()
                || intersects(&objection.competitors, &self.competitors))
    }

    /// The situation declared by lists of ids read from a file (an
    /// account, a document's front matter).
    pub fn declared(
        segments: &[Spanned<String>],
        requirements: &[Spanned<String>],
        competitors: &[Spanned<String>],
    ) -> Situation {
        let ids = |list: &[Spanned<String>]| list.iter().map(|id| id.value.clone()).collect();
        Situation {
            segments: ids(segments),
            requirements: ids(requirements),
            competitors: ids(competitors),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty() && self.requirements.is_empty() && self.competitors.is_empty()
    }
}

pub fn intersects(ids: &[Spanned<String>], wanted: &[String]) -> bool {
    ids.iter().any(|id| wanted.contains(&id.value))
}
