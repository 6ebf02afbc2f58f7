//! `align quiz`: a knowledge check built from the approved map, so new
//! salespeople learn the agreement (which message answers which
//! requirement, the landmines against each competitor, which customer backs
//! which claim) and managers can see what does not stick.
//!
//! Facts come from the map as the agreement stands: approved messages,
//! public unexpired proof only. Each question has one right answer and
//! three distractors of the same kind that are wrong by the map, the
//! closest (sharing a segment) first. The same seed and map give the same
//! quiz, byte for byte.

pub mod format;
mod pool;
mod seed;
pub mod take;

use jiff::civil::Date;
use serde::Serialize;

use crate::map::{EntryKind, Map, Situation};
use pool::Fact;
pub use pool::proof_text;
pub use seed::Draw;

/// How many choices a question offers: the right one and three wrong.
pub const CHOICES: usize = 4;

/// What a question asks a salesperson to recall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    /// Requirement → the approved message that answers it.
    RequirementMessage,
    /// Competitor → a landmine to set against them.
    CompetitorLandmine,
    /// Proof claim → the customer who backs it.
    ClaimCustomer,
    /// Message → the proof that backs it.
    MessageProof,
    /// Objection heard in the field → the approved message that answers it.
    ObjectionAnswer,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 5] = [
        QuestionKind::RequirementMessage,
        QuestionKind::CompetitorLandmine,
        QuestionKind::ClaimCustomer,
        QuestionKind::MessageProof,
        QuestionKind::ObjectionAnswer,
    ];

    /// `requirement → message`, for notes and headings.
    pub fn describe(self) -> &'static str {
        match self {
            QuestionKind::RequirementMessage => "requirement → message",
            QuestionKind::CompetitorLandmine => "competitor → landmine",
            QuestionKind::ClaimCustomer => "claim → customer",
            QuestionKind::MessageProof => "message → proof",
            QuestionKind::ObjectionAnswer => "objection → answer",
        }
    }
}

/// The map entry a question tests, written `kind:id` (`message:audit-in-minutes`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    pub kind: EntryKind,
    pub id: String,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind.noun(), self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub kind: QuestionKind,
    pub prompt: String,
    /// Always [`CHOICES`] long.
    pub choices: Vec<String>,
    /// Index of the right choice.
    pub answer: usize,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Quiz {
    pub seed: u64,
    pub questions: Vec<Question>,
    /// Why a kind of question, or the requested count, could not be met.
    pub notes: Vec<String>,
}

/// What quiz to build.
#[derive(Debug, Clone)]
pub struct QuizRequest {
    /// The selling situation to focus on; empty means the whole map.
    pub focus: Situation,
    pub count: usize,
    pub seed: u64,
    /// Proof that expired before this date is not used.
    pub today: Date,
}

/// Builds a quiz: candidates of every kind, shuffled by the seed, taken in
/// turn from each kind so a short quiz still covers the whole map.
pub fn build(map: &Map, request: &QuizRequest) -> Quiz {
    let mut draw = Draw::new(request.seed);
    let facts = pool::Facts::new(map, &request.focus, request.today);
    let mut pools: Vec<(QuestionKind, std::vec::IntoIter<Fact<'_>>, bool)> = QuestionKind::ALL
        .into_iter()
        .map(|kind| {
            let mut pool = facts.facts(kind);
            draw.shuffle(&mut pool);
            (kind, pool.into_iter(), false)
        })
        .collect();
    let mut candidates = Vec::with_capacity(request.count);
    // One question from each kind in turn, so a short quiz still covers
    // the whole map; a fact without three wrong answers is passed over.
    'turns: while candidates.len() < request.count {
        let before = candidates.len();
        for (_, pool, asked) in &mut pools {
            if candidates.len() == request.count {
                break 'turns;
            }
            let usable = pool
                .by_ref()
                .map(|fact| facts.candidate(fact))
                .find(|candidate| candidate.wrong.len() >= CHOICES - 1);
            if let Some(candidate) = usable {
                *asked = true;
                candidates.push(candidate);
            }
        }
        if candidates.len() == before {
            break;
        }
    }
    let mut notes: Vec<String> = pools
        .iter_mut()
        .filter(|(_, pool, asked)| !asked && pool.len() == 0)
        .map(|(kind, _, _)| {
            format!(
                "no {} questions: {}",
                kind.describe(),
                pool::Facts::why_none(*kind)
            )
        })
        .collect();
    let questions: Vec<Question> = candidates
        .into_iter()
        .map(|candidate| candidate.into_question(&mut draw))
        .collect();
    if questions.len() < request.count {
        notes.push(format!(
            "only {} of the {} questions asked for could be built from the map",
            questions.len(),
            request.count
        ));
    }
    Quiz {
        seed: request.seed,
        questions,
        notes,
    }
}

/// A seed for a quiz whose `--seed` was not given: the clock's nanoseconds,
/// shown in the output so the quiz can be given again.
pub fn fresh_seed() -> u64 {
    let now = jiff::Timestamp::now();
    (now.as_nanosecond() as u64) % 1_000_000
}

#[cfg(test)]
mod tests;
