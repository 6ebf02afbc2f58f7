//! The quiz against an oracle: on random maps full of repeated wording,
//! every question's right answer is among its choices, the four choices
//! differ, and no distractor is also right by the map.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;

use super::take::{TakeError, take};
use super::*;
use crate::source::SourceFile;

fn map_from(text: &str) -> Map {
    let source = Arc::new(SourceFile::new(
        Arc::from(Path::new("map/map.toml")),
        "map/map.toml".into(),
        text.to_owned(),
    ));
    let mut diagnostics = Vec::new();
    let map = crate::map::load(&[source], &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}\n{text}");
    map
}

fn today() -> Date {
    jiff::civil::date(2026, 11, 23)
}

fn same(a: &str, b: &str) -> bool {
    pool::normalise(a) == pool::normalise(b)
}

/// Whether `choice` is a right answer to `question` by the map alone.
fn is_right(map: &Map, question: &Question, choice: &str) -> bool {
    let shown = |proof: &&crate::map::Proof| proof.public && !proof.is_expired(today());
    match question.kind {
        QuestionKind::RequirementMessage => {
            let requirement = map
                .requirements
                .iter()
                .find(|r| question.prompt.contains(&format!("“{}”", r.statement)))
                .expect("the prompt names a requirement");
            map.messages.iter().any(|m| {
                m.is_approved()
                    && m.requirements
                        .iter()
                        .any(|id| id.value == requirement.id.value)
                    && same(&m.headline, choice)
            })
        }
        QuestionKind::CompetitorLandmine => map
            .competitors
            .get(&question.source.id)
            .expect("a competitor")
            .landmines
            .iter()
            .any(|landmine| same(landmine, choice)),
        QuestionKind::ClaimCustomer => {
            let claim = &map.proof.get(&question.source.id).expect("a proof").claim;
            map.proof
                .iter()
                .filter(shown)
                .any(|p| same(&p.claim, claim) && same(&p.customer, choice))
        }
        QuestionKind::ObjectionAnswer => {
            let objection = map
                .objections
                .get(&question.source.id)
                .expect("an objection");
            map.messages.iter().any(|m| {
                m.is_approved()
                    && objection.answers.iter().any(|id| id.value == m.id.value)
                    && same(&m.headline, choice)
            })
        }
        QuestionKind::MessageProof => {
            let message = map.messages.get(&question.source.id).expect("a message");
            map.proof.iter().filter(shown).any(|p| {
                message.proof.iter().any(|id| id.value == p.id.value)
                    && same(&pool::proof_text(p), choice)
            })
        }
    }
}

const WORDS: [&str; 6] = ["Alpha", "Beta", "alpha", "Gamma ", "Delta", "Epsilon"];

/// A random map whose texts repeat on purpose (the same headline on two
/// messages, one customer behind two claims), where wrong distractors
/// would hide.
fn map_text() -> impl Strategy<Value = String> {
    (
        2usize..6,
        2usize..5,
        prop::collection::vec((0usize..6, 0usize..6, any::<bool>(), any::<bool>()), 1..9),
        prop::collection::vec(
            (0usize..6, prop::collection::vec(0usize..8, 1..3), any::<u8>(), any::<bool>()),
            1..14,
        ),
        prop::collection::vec(prop::collection::vec(0usize..6, 0..4), 1..5),
        prop::collection::vec((any::<u16>(), any::<bool>()), 0..4),
    )
        .prop_map(|(requirements, segments, proof, messages, competitors, objections)| {
            let mut text = String::new();
            for s in 0..segments {
                text += &format!("[[segment]]\nid = \"s{s}\"\nname = \"S{s}\"\n\n");
            }
            for r in 0..requirements {
                text += &format!("[[requirement]]\nid = \"r{r}\"\nstatement = \"Need {r}\"\n\n");
            }
            for (c, landmines) in competitors.iter().enumerate() {
                let landmines: Vec<String> =
                    landmines.iter().map(|w| format!("\"Ask {}\"", WORDS[*w])).collect();
                text += &format!(
                    "[[competitor]]\nid = \"c{c}\"\nname = \"C{c}\"\nlandmines = [{}]\n\n",
                    landmines.join(", ")
                );
            }
            for (p, (customer, claim, public, expired)) in proof.iter().enumerate() {
                let expires = if *expired { "2020-01-01" } else { "2030-01-01" };
                text += &format!(
                    "[[proof]]\nid = \"p{p}\"\ncustomer = \"{}\"\nclaim = \"Claim {}\"\npublic = {public}\nexpires = {expires}\n\n",
                    WORDS[*customer], WORDS[*claim]
                );
            }
            for (m, (headline, addressed, bits, approved)) in messages.iter().enumerate() {
                let requirements: Vec<String> = addressed
                    .iter()
                    .map(|r| format!("\"r{}\"", r % requirements))
                    .collect();
                let cited: Vec<String> = (0..proof.len())
                    .filter(|p| bits >> (p % 8) & 1 == 1)
                    .map(|p| format!("\"p{p}\""))
                    .collect();
                let segment = if bits % 3 == 0 {
                    String::new()
                } else {
                    format!("\"s{}\"", usize::from(*bits) % segments)
                };
                let status = if *approved { "approved" } else { "draft" };
                text += &format!(
                    "[[message]]\nid = \"m{m}\"\nheadline = \"Head {}\"\nbody = \"b\"\nrequirements = [{}]\nsegments = [{segment}]\nproof = [{}]\nstatus = \"{status}\"\n\n",
                    WORDS[*headline],
                    requirements.join(", "),
                    cited.join(", ")
                );
            }
            for (o, (answers, approved)) in objections.iter().enumerate() {
                let answers: Vec<String> = (0..messages.len())
                    .filter(|m| answers >> (m % 16) & 1 == 1)
                    .map(|m| format!("\"m{m}\""))
                    .collect();
                let status = if *approved { "approved" } else { "draft" };
                text += &format!(
                    "[[objection]]\nid = \"o{o}\"\ntext = \"Objection {o}\"\nanswers = [{}]\nstatus = \"{status}\"\n\n",
                    answers.join(", ")
                );
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn exactly_the_keyed_choice_is_right(text in map_text(), seed in any::<u64>(), count in 1usize..20) {
        let map = map_from(&text);
        let request = QuizRequest { focus: Situation::default(), count, seed, today: today() };
        let quiz = build(&map, &request);
        prop_assert!(quiz.questions.len() <= count);
        for question in &quiz.questions {
            prop_assert_eq!(question.choices.len(), CHOICES);
            for (index, choice) in question.choices.iter().enumerate() {
                prop_assert_eq!(
                    is_right(&map, question, choice),
                    index == question.answer,
                    "choice {} of {:?}", index, question
                );
                for other in &question.choices[index + 1..] {
                    prop_assert!(!same(choice, other), "{:?}", question);
                }
            }
        }
        prop_assert_eq!(build(&map, &request).questions, quiz.questions);
    }
}

fn example_quiz(count: usize) -> (Map, Quiz) {
    let map = map_from(
        r#"
[[requirement]]
id = "r1"
statement = "Need one"
[[requirement]]
id = "r2"
statement = "Need two"
[[competitor]]
id = "c1"
name = "C1"
landmines = ["Ask one", "Ask two"]
[[competitor]]
id = "c2"
name = "C2"
landmines = ["Ask three", "Ask four", "Ask five"]
"#,
    );
    let request = QuizRequest {
        focus: Situation::default(),
        count,
        seed: 3,
        today: today(),
    };
    let quiz = build(&map, &request);
    (map, quiz)
}

#[test]
fn kinds_the_map_cannot_serve_are_named() {
    let (_, quiz) = example_quiz(2);
    assert_eq!(quiz.questions.len(), 2);
    assert!(
        quiz.questions
            .iter()
            .all(|q| q.kind == QuestionKind::CompetitorLandmine)
    );
    let notes = quiz.notes.join("\n");
    assert!(
        notes.contains("no requirement → message questions"),
        "{notes}"
    );
    assert!(notes.contains("no claim → customer questions"), "{notes}");
    // Only C1's two landmines have three wrong answers (C2's).
    let (_, quiz) = example_quiz(5);
    assert_eq!(quiz.questions.len(), 2);
    assert!(quiz.notes.iter().any(|n| n.contains("only 2 of the 5")));
}

fn answers(quiz: &Quiz, pick: impl Fn(&Question) -> usize) -> String {
    quiz.questions
        .iter()
        .map(|q| format!("{}\n", pick(q) + 1))
        .collect()
}

#[test]
fn a_scripted_session_scores_and_names_what_was_missed() {
    let (_, quiz) = example_quiz(2);
    let mut out = Vec::new();
    let all_right = answers(&quiz, |q| q.answer);
    let outcome = take(&quiz, &mut Cursor::new(all_right), &mut out).unwrap();
    assert_eq!(outcome.correct, 2);
    assert!(outcome.missed.is_empty());
    assert!(
        String::from_utf8(out)
            .unwrap()
            .ends_with("Score: 2 of 2 (100%)\n")
    );

    let mut out = Vec::new();
    let all_wrong = answers(&quiz, |q| (q.answer + 1) % CHOICES);
    let outcome = take(&quiz, &mut Cursor::new(all_wrong), &mut out).unwrap();
    assert_eq!(outcome.correct, 0);
    assert_eq!(outcome.missed.len(), 2);
    assert_eq!(outcome.missed[0].to_string(), "competitor:c1");
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Not quite: the answer is"), "{text}");
}

#[test]
fn invalid_answers_are_asked_again_and_end_of_input_records_nothing() {
    let (_, quiz) = example_quiz(2);
    let mut out = Vec::new();
    let script = format!("x\n9\n\n{}\n", quiz.questions[0].answer + 1);
    let error = take(&quiz, &mut Cursor::new(script), &mut out).unwrap_err();
    assert!(
        matches!(error, TakeError::Ended { at: 2, of: 2 }),
        "{error}"
    );
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.matches("Please answer with a number from 1 to 4.")
            .count(),
        3
    );
    assert_eq!(text.matches("Right.").count(), 1);
}
