//! The facts a quiz asks about, read from the approved map, and for each
//! the wrong answers of the same kind that the map says are wrong.

use std::collections::HashMap;

use jiff::civil::Date;

use super::{Draw, Question, QuestionKind, Source};
use crate::map::{Competitor, EntryKind, Map, Message, Objection, Proof, Requirement, Situation};
use crate::syntax::Spanned;

/// A question before its distractors are picked and its choices shuffled.
#[derive(Debug, Clone)]
pub(super) struct Candidate<'t> {
    kind: QuestionKind,
    prompt: String,
    right: String,
    /// Every wrong answer on offer, closest first.
    pub(super) wrong: Vec<Wrong<'t>>,
    source: Source,
}

#[derive(Debug, Clone)]
pub(super) struct Wrong<'t> {
    text: &'t str,
    /// 2: shares a segment with the right answer; 1: one side fits every
    /// segment; 0: unrelated. Closer distractors are harder, and fairer.
    closeness: u8,
}

impl Candidate<'_> {
    /// The closest three wrong answers (ties broken by the seed) and the
    /// right one, in shuffled order.
    pub(super) fn into_question(mut self, draw: &mut Draw) -> Question {
        let mut keyed: Vec<(u8, u64, Wrong<'_>)> = self
            .wrong
            .drain(..)
            .map(|wrong| (wrong.closeness, draw.next_u64(), wrong))
            .collect();
        keyed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut choices: Vec<(bool, String)> = keyed
            .into_iter()
            .take(super::CHOICES - 1)
            .map(|(_, _, wrong)| (false, wrong.text.to_owned()))
            .collect();
        choices.push((true, self.right));
        draw.shuffle(&mut choices);
        let answer = choices.iter().position(|(right, _)| *right).unwrap_or(0);
        Question {
            kind: self.kind,
            prompt: self.prompt,
            choices: choices.into_iter().map(|(_, text)| text).collect(),
            answer,
            source: self.source,
        }
    }
}

/// One thing a rep should know; it becomes a question once its wrong
/// answers are found (only for the facts a quiz actually asks, since a
/// large map has thousands).
#[derive(Debug, Clone, Copy)]
pub(super) enum Fact<'m> {
    RequirementMessage {
        requirement: &'m Requirement,
        message: &'m Message,
    },
    CompetitorLandmine {
        competitor: &'m Competitor,
        landmine: &'m str,
    },
    ClaimCustomer {
        proof: &'m Proof,
    },
    MessageProof {
        message: &'m Message,
        proof: &'m Proof,
    },
    ObjectionAnswer {
        objection: &'m Objection,
        message: &'m Message,
    },
}

/// The parts of the map a quiz may use, narrowed to the focus situation.
pub(super) struct Facts<'m> {
    map: &'m Map,
    focus: &'m Situation,
    /// Approved messages, in map order, with their headlines normalised.
    approved: Vec<&'m Message>,
    headline_ids: Vec<u32>,
    /// Public, unexpired proof, in map order, with the texts a quiz
    /// offers (`customer: claim`).
    shown: Vec<&'m Proof>,
    shown_texts: Vec<String>,
    shown_ids: Vec<ProofSpellings>,
    /// Each competitor's landmines (in map order) as spellings.
    landmine_ids: Vec<Vec<u32>>,
    /// How many spellings there are, and the one of empty text.
    spellings: usize,
    empty: u32,
    /// Where each shown proof is used: the segments of the approved
    /// messages citing it (empty: every segment).
    proof_segments: HashMap<&'m str, Vec<Spanned<String>>>,
}

impl<'m> Facts<'m> {
    pub(super) fn new(map: &'m Map, focus: &'m Situation, today: Date) -> Facts<'m> {
        let approved: Vec<&Message> = map
            .messages
            .iter()
            .filter(|message| message.is_approved())
            .collect();
        let shown: Vec<&Proof> = map
            .proof
            .iter()
            .filter(|proof| proof.public && !proof.is_expired(today))
            .collect();
        let mut proof_segments: HashMap<&str, Option<Vec<Spanned<String>>>> = HashMap::new();
        for message in &approved {
            for id in &message.proof {
                let segments = proof_segments
                    .entry(id.value.as_str())
                    .or_insert_with(|| Some(Vec::new()));
                match segments {
                    Some(list) if !message.segments.is_empty() => {
                        list.extend(message.segments.iter().cloned())
                    }
                    _ => *segments = None,
                }
            }
        }
        let proof_segments = proof_segments
            .into_iter()
            .map(|(id, segments)| (id, segments.unwrap_or_default()))
            .collect();
        let mut spellings = Spellings::default();
        let empty = spellings.id("");
        let headline_ids = approved.iter().map(|m| spellings.id(&m.headline)).collect();
        let shown_texts: Vec<String> = shown.iter().map(|p| proof_text(p)).collect();
        let shown_ids = shown
            .iter()
            .zip(&shown_texts)
            .map(|(proof, text)| ProofSpellings {
                customer: spellings.id(&proof.customer),
                claim: spellings.id(&proof.claim),
                text: spellings.id(text),
            })
            .collect();
        let landmine_ids = map
            .competitors
            .iter()
            .map(|c| c.landmines.iter().map(|l| spellings.id(l)).collect())
            .collect();
        Facts {
            map,
            focus,
            approved,
            headline_ids,
            shown,
            shown_texts,
            shown_ids,
            landmine_ids,
            spellings: spellings.ids.len(),
            empty,
            proof_segments,
        }
    }

    /// Every fact of one kind in focus, in map order.
    pub(super) fn facts(&self, kind: QuestionKind) -> Vec<Fact<'m>> {
        match kind {
            QuestionKind::RequirementMessage => self.requirement_facts(),
            QuestionKind::CompetitorLandmine => self.competitor_facts(),
            QuestionKind::ClaimCustomer => self
                .usable_proof()
                .into_iter()
                .map(|proof| Fact::ClaimCustomer { proof })
                .collect(),
            QuestionKind::MessageProof => self.message_proof_facts(),
            QuestionKind::ObjectionAnswer => self.objection_facts(),
        }
    }

    /// Why a kind of question has no candidate, for the note on stderr.
    pub(super) fn why_none(kind: QuestionKind) -> &'static str {
        match kind {
            QuestionKind::RequirementMessage => {
                "no requirement in focus has an approved message, with three approved messages that do not answer it"
            }
            QuestionKind::CompetitorLandmine => {
                "no competitor in focus has landmines, with three landmines of other competitors"
            }
            QuestionKind::ClaimCustomer => {
                "fewer than four customers back public, unexpired proof in focus"
            }
            QuestionKind::MessageProof => {
                "no approved message in focus cites public, unexpired proof, with three proof it does not cite"
            }
            QuestionKind::ObjectionAnswer => {
                "no approved objection in focus has an approved answer, with three approved messages that do not answer it"
            }
        }
    }

    fn requirement_facts(&self) -> Vec<Fact<'m>> {
        let mut facts = Vec::new();
        for requirement in self.map.requirements.iter() {
            let id = &requirement.id.value;
            if !self.focus.requirements.is_empty() && !self.focus.requirements.contains(id) {
                continue;
            }
            for &message in &self.approved {
                if addresses(message, id) && self.focus.fits(message) {
                    facts.push(Fact::RequirementMessage {
                        requirement,
                        message,
                    });
                }
            }
        }
        facts
    }

    fn competitor_facts(&self) -> Vec<Fact<'m>> {
        let mut facts = Vec::new();
        for competitor in self.map.competitors.iter() {
            let id = &competitor.id.value;
            if !self.focus.competitors.is_empty() && !self.focus.competitors.contains(id) {
                continue;
            }
            for landmine in competitor.landmines.iter().filter(|l| !l.trim().is_empty()) {
                facts.push(Fact::CompetitorLandmine {
                    competitor,
                    landmine,
                });
            }
        }
        facts
    }

    /// Shown proof that, when a focus is given, an approved message in
    /// focus cites.
    fn usable_proof(&self) -> Vec<&'m Proof> {
        self.shown
            .iter()
            .copied()
            .filter(|proof| {
                self.focus.is_empty()
                    || self
                        .approved
                        .iter()
                        .any(|m| self.focus.fits(m) && cites(m, &proof.id.value))
            })
            .collect()
    }

    fn message_proof_facts(&self) -> Vec<Fact<'m>> {
        let mut facts = Vec::new();
        for &message in self.approved.iter().filter(|m| self.focus.fits(m)) {
            for &proof in &self.shown {
                if cites(message, &proof.id.value) {
                    facts.push(Fact::MessageProof { message, proof });
                }
            }
        }
        facts
    }

    /// Approved objections in focus (their competitors and requirements
    /// empty or meeting the focus) with each approved answer in focus.
    fn objection_facts(&self) -> Vec<Fact<'m>> {
        let meets = |ids: &[Spanned<String>], wanted: &[String]| {
            wanted.is_empty() || ids.is_empty() || ids.iter().any(|id| wanted.contains(&id.value))
        };
        let mut facts = Vec::new();
        for objection in self.map.objections.iter().filter(|o| o.is_approved()) {
            if !meets(&objection.competitors, &self.focus.competitors)
                || !meets(&objection.requirements, &self.focus.requirements)
            {
                continue;
            }
            for message in objection.approved_answers(self.map) {
                if self.focus.fits(message) {
                    facts.push(Fact::ObjectionAnswer { objection, message });
                }
            }
        }
        facts
    }

    fn segments_of(&self, proof: &Proof) -> &[Spanned<String>] {
        self.proof_segments
            .get(proof.id.value.as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// The fact as a question with every wrong answer the map offers.
    pub(super) fn candidate<'s>(&'s self, fact: Fact<'m>) -> Candidate<'s> {
        match fact {
            Fact::RequirementMessage {
                requirement,
                message,
            } => {
                let id = &requirement.id.value;
                let approved = || self.approved.iter().zip(&self.headline_ids);
                let right: Vec<u32> = approved()
                    .filter(|(m, _)| addresses(m, id))
                    .map(|(_, &spelling)| spelling)
                    .collect();
                let wrong = self.distinct_wrong(
                    approved()
                        .filter(|(m, _)| !addresses(m, id))
                        .map(|(other, &spelling)| {
                            let near = closeness(&message.segments, &other.segments);
                            (other.headline.as_str(), spelling, near)
                        }),
                    &right,
                );
                Candidate {
                    kind: QuestionKind::RequirementMessage,
                    prompt: format!(
                        "Which approved message answers this requirement: “{}”?",
                        requirement.statement
                    ),
                    right: message.headline.trim().to_owned(),
                    wrong,
                    source: source(EntryKind::Message, &message.id.value),
                }
            }
            Fact::CompetitorLandmine {
                competitor,
                landmine,
            } => {
                let competitors = || self.map.competitors.iter().zip(&self.landmine_ids);
                let right = competitors()
                    .find(|(c, _)| c.id.value == competitor.id.value)
                    .map_or(&[][..], |(_, ids)| ids.as_slice());
                let wrong = self.distinct_wrong(
                    competitors()
                        .filter(|(other, _)| other.id.value != competitor.id.value)
                        .flat_map(|(other, ids)| other.landmines.iter().zip(ids))
                        .map(|(text, &spelling)| (text.as_str(), spelling, 0)),
                    right,
                );
                Candidate {
                    kind: QuestionKind::CompetitorLandmine,
                    prompt: format!("Which landmine do you set against {}?", competitor.name),
                    right: landmine.trim().to_owned(),
                    wrong,
                    source: source(EntryKind::Competitor, &competitor.id.value),
                }
            }
            Fact::ClaimCustomer { proof } => {
                let shown = || self.shown.iter().zip(&self.shown_ids);
                let claim = shown()
                    .find(|(p, _)| p.id.value == proof.id.value)
                    .map(|(_, ids)| ids.claim);
                // Every customer who backs this same claim is a right answer.
                let right: Vec<u32> = shown()
                    .filter(|(_, ids)| Some(ids.claim) == claim)
                    .map(|(_, ids)| ids.customer)
                    .collect();
                let segments = self.segments_of(proof);
                let wrong = self.distinct_wrong(
                    shown().map(|(other, ids)| {
                        let near = closeness(segments, self.segments_of(other));
                        (other.customer.as_str(), ids.customer, near)
                    }),
                    &right,
                );
                Candidate {
                    kind: QuestionKind::ClaimCustomer,
                    prompt: format!("Which customer backs this claim: “{}”?", proof.claim),
                    right: proof.customer.trim().to_owned(),
                    wrong,
                    source: source(EntryKind::Proof, &proof.id.value),
                }
            }
            Fact::ObjectionAnswer { objection, message } => {
                self.objection_answer(objection, message)
            }
            Fact::MessageProof { message, proof } => {
                let shown = || {
                    self.shown
                        .iter()
                        .zip(&self.shown_texts)
                        .zip(&self.shown_ids)
                        .map(|((proof, text), ids)| (*proof, text, ids.text))
                };
                let right: Vec<u32> = shown()
                    .filter(|(p, _, _)| cites(message, &p.id.value))
                    .map(|(_, _, spelling)| spelling)
                    .collect();
                let wrong = self.distinct_wrong(
                    shown()
                        .filter(|(other, _, _)| !cites(message, &other.id.value))
                        .map(|(other, text, spelling)| {
                            let near = closeness(&message.segments, self.segments_of(other));
                            (text.as_str(), spelling, near)
                        }),
                    &right,
                );
                Candidate {
                    kind: QuestionKind::MessageProof,
                    prompt: format!("Which proof backs the message “{}”?", message.headline),
                    right: proof_text(proof),
                    wrong,
                    source: source(EntryKind::Message, &message.id.value),
                }
            }
        }
    }

    fn objection_answer(&self, objection: &Objection, message: &Message) -> Candidate<'_> {
        let answers = |m: &Message| objection.answers.iter().any(|id| id.value == m.id.value);
        let approved = || self.approved.iter().zip(&self.headline_ids);
        let right: Vec<u32> = approved()
            .filter(|(m, _)| answers(m))
            .map(|(_, &spelling)| spelling)
            .collect();
        let wrong = self.distinct_wrong(
            approved()
                .filter(|(m, _)| !answers(m))
                .map(|(other, &spelling)| {
                    let near = closeness(&message.segments, &other.segments);
                    (other.headline.as_str(), spelling, near)
                }),
            &right,
        );
        Candidate {
            kind: QuestionKind::ObjectionAnswer,
            prompt: format!(
                "A prospect says: “{}”. Which approved message answers it?",
                objection.text
            ),
            right: message.headline.trim().to_owned(),
            wrong,
            source: source(EntryKind::Objection, &objection.id.value),
        }
    }

    /// Wrong answers once each (the closest kept), never one that reads
    /// like a right answer, never an empty one.
    fn distinct_wrong<'t>(
        &self,
        offered: impl Iterator<Item = (&'t str, u32, u8)>,
        right: &[u32],
    ) -> Vec<Wrong<'t>> {
        const UNSEEN: u32 = u32::MAX;
        let mut seen = vec![UNSEEN; self.spellings];
        let mut wrong: Vec<Wrong<'t>> = Vec::new();
        for (text, spelling, closeness) in offered {
            if spelling == self.empty || right.contains(&spelling) {
                continue;
            }
            let slot = &mut seen[spelling as usize];
            if *slot == UNSEEN {
                *slot = wrong.len() as u32;
                wrong.push(Wrong {
                    text: text.trim(),
                    closeness,
                });
            } else {
                let kept = &mut wrong[*slot as usize];
                kept.closeness = kept.closeness.max(closeness);
            }
        }
        wrong
    }
}

/// A shown proof's texts as spellings.
struct ProofSpellings {
    customer: u32,
    claim: u32,
    text: u32,
}

/// Texts that read the same (case and white space aside) share one
/// number, found once per quiz, so questions compare answers without
/// hashing or allocating.
#[derive(Default)]
struct Spellings {
    ids: HashMap<String, u32>,
}

impl Spellings {
    fn id(&mut self, text: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(normalise(text)).or_insert(next)
    }
}

/// How a proof is offered as a choice: its customer and its claim.
pub fn proof_text(proof: &Proof) -> String {
    format!("{}: {}", proof.customer, proof.claim)
}

fn addresses(message: &Message, requirement: &str) -> bool {
    message
        .requirements
        .iter()
        .any(|id| id.value == requirement)
}

fn cites(message: &Message, proof: &str) -> bool {
    message.proof.iter().any(|id| id.value == proof)
}

fn source(kind: EntryKind, id: &str) -> Source {
    Source {
        kind,
        id: id.to_owned(),
    }
}

/// Texts compare without case and surrounding or repeated white space, so
/// "Acme Bank" and "acme  bank" are one answer, never a right and a wrong.
pub(super) fn normalise(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Segment lists compared for closeness (an empty list fits every segment).
fn closeness(a: &[Spanned<String>], b: &[Spanned<String>]) -> u8 {
    if a.is_empty() || b.is_empty() {
        return 1;
    }
    if a.iter().any(|x| b.iter().any(|y| x.value == y.value)) {
        2
    } else {
        0
    }
}
