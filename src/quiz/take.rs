//! `align quiz --take`: one question at a time in the terminal. Answers
//! are read as lines, so a pipe can drive it as well as a person can.

use std::io::{self, BufRead, Write};

use super::{Quiz, Source};

/// How a person did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub correct: usize,
    /// The map entries behind the questions answered wrongly, in order.
    pub missed: Vec<Source>,
}

#[derive(Debug, thiserror::Error)]
pub enum TakeError {
    /// Input ended before the last answer: nothing is recorded.
    #[error("input ended at question {at} of {of}; nothing was recorded")]
    Ended { at: usize, of: usize },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Asks every question, re-asking after an answer that is not a choice
/// number, and tells the right answer with its source after each.
pub fn take(
    quiz: &Quiz,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Outcome, TakeError> {
    let total = quiz.questions.len();
    let mut outcome = Outcome {
        correct: 0,
        missed: Vec::new(),
    };
    let mut line = String::new();
    for (index, question) in quiz.questions.iter().enumerate() {
        writeln!(
            out,
            "\nQuestion {} of {total}: {}",
            index + 1,
            question.prompt
        )?;
        for (choice, text) in question.choices.iter().enumerate() {
            writeln!(out, "  {}. {text}", choice + 1)?;
        }
        let chosen = loop {
            write!(out, "Your answer (1-{}): ", question.choices.len())?;
            out.flush()?;
            line.clear();
            if input.read_line(&mut line)? == 0 {
                writeln!(out)?;
                return Err(TakeError::Ended {
                    at: index + 1,
                    of: total,
                });
            }
            match line.trim().parse::<usize>() {
                Ok(number) if (1..=question.choices.len()).contains(&number) => break number - 1,
                _ => writeln!(
                    out,
                    "Please answer with a number from 1 to {}.",
                    question.choices.len()
                )?,
            }
        };
        let right = &question.choices[question.answer];
        if chosen == question.answer {
            outcome.correct += 1;
            writeln!(out, "Right. ({})", question.source)?;
        } else {
            outcome.missed.push(question.source.clone());
            writeln!(
                out,
                "Not quite: the answer is {}. {right} ({})",
                question.answer + 1,
                question.source
            )?;
        }
    }
    writeln!(
        out,
        "\nScore: {} of {total}{}",
        outcome.correct,
        percent(outcome.correct, total)
    )?;
    Ok(outcome)
}

fn percent(correct: usize, total: usize) -> String {
    (correct * 100)
        .checked_div(total)
        .map_or_else(String::new, |share| format!(" ({share}%)"))
}
