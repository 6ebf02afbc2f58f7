//! A quiz as Markdown (to hand to a person), CSV (one row per question,
//! for an LMS import) or JSON (for tools).

use std::fmt::Write as _;

use serde::Serialize;

use super::{Question, QuestionKind, Quiz};
use crate::write::csv_safe;

/// The CSV header: the LMS import shape documented in `docs/quiz.md`.
pub const CSV_HEADER: [&str; 7] = [
    "question",
    "choice_1",
    "choice_2",
    "choice_3",
    "choice_4",
    "answer",
    "source_id",
];

/// Markdown: numbered questions with numbered choices; with `answers`, an
/// answer key at the end.
pub fn markdown(quiz: &Quiz, title: &str, answers: bool) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "# Knowledge check: {title}\n");
    let _ = writeln!(
        text,
        "{} questions · seed {} (`align quiz --seed {}` gives this quiz again)\n",
        quiz.questions.len(),
        quiz.seed,
        quiz.seed
    );
    for (number, question) in quiz.questions.iter().enumerate() {
        let _ = writeln!(text, "## {}. {}\n", number + 1, question.prompt);
        for (choice, option) in question.choices.iter().enumerate() {
            let _ = writeln!(text, "{}. {}", choice + 1, option);
        }
        text.push('\n');
    }
    if answers {
        text.push_str("## Answer key\n\n");
        for (number, question) in quiz.questions.iter().enumerate() {
            let _ = writeln!(
                text,
                "{}. {} — {} (`{}`)",
                number + 1,
                question.answer + 1,
                question.choices[question.answer],
                question.source
            );
        }
    }
    text
}

/// CSV: one row per question; `answer` is the right choice's number
/// (1–4). Every cell is spreadsheet-safe.
pub fn csv(quiz: &Quiz) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    for question in &quiz.questions {
        let answer = (question.answer + 1).to_string();
        let source = question.source.to_string();
        let mut row: Vec<&str> = vec![&question.prompt];
        row.extend(question.choices.iter().map(String::as_str));
        row.push(&answer);
        row.push(&source);
        writer.write_record(row.into_iter().map(|cell| csv_safe(cell).into_owned()))?;
    }
    Ok(writer.into_inner()?)
}

#[derive(Serialize)]
struct QuizJson<'q> {
    seed: u64,
    count: usize,
    questions: Vec<QuestionJson<'q>>,
    notes: &'q [String],
}

#[derive(Serialize)]
struct QuestionJson<'q> {
    number: usize,
    kind: QuestionKind,
    question: &'q str,
    choices: &'q [String],
    /// The right choice's number (1–4).
    answer: usize,
    source_id: String,
}

pub fn json(quiz: &Quiz) -> anyhow::Result<String> {
    let questions = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(index, question): (usize, &Question)| QuestionJson {
            number: index + 1,
            kind: question.kind,
            question: &question.prompt,
            choices: &question.choices,
            answer: question.answer + 1,
            source_id: question.source.to_string(),
        })
        .collect();
    let document = QuizJson {
        seed: quiz.seed,
        count: quiz.questions.len(),
        questions,
        notes: &quiz.notes,
    };
    Ok(serde_json::to_string_pretty(&document)? + "\n")
}
