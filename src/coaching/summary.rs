//! What a manager and marketing read from the recorded attempts: each
//! person's latest score and its change since their attempt before, and
//! the map entries most often missed (the messages that do not stick).

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use super::results::Attempt;

/// How many missed entries a report lists.
const MOST_MISSED: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub date: String,
    pub correct: u32,
    pub questions: u32,
}

impl Score {
    fn of(attempt: &Attempt) -> Score {
        Score {
            date: attempt.date.to_string(),
            correct: attempt.correct,
            questions: attempt.questions,
        }
    }

    /// The share answered right, 0 to 1; `None` for an empty quiz.
    pub fn rate(&self) -> Option<f64> {
        (self.questions > 0).then(|| f64::from(self.correct) / f64::from(self.questions))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonScores {
    /// As written in their latest attempt.
    pub person: String,
    pub attempts: usize,
    pub latest: Score,
    pub previous: Option<Score>,
}

impl PersonScores {
    /// Latest rate minus the previous one; `None` without a previous.
    pub fn change(&self) -> Option<f64> {
        Some(self.latest.rate()? - self.previous.as_ref()?.rate()?)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missed {
    /// `kind:id`, as recorded.
    pub entry: String,
    /// What the entry says (a headline, a competitor's name), when the map
    /// still has it.
    pub label: Option<String>,
    pub count: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub attempts: usize,
    pub people: Vec<PersonScores>,
    pub most_missed: Vec<Missed>,
}

/// Summarises the attempts dated on or before `until`, in file order
/// (a later row of the same day is the later attempt). People are the same
/// person whatever the case or surrounding spaces of their name.
pub fn summarize(
    attempts: &[Attempt],
    until: Date,
    label: impl Fn(&str) -> Option<String>,
) -> Summary {
    let counted: Vec<&Attempt> = attempts.iter().filter(|a| a.date <= until).collect();
    let mut by_person: HashMap<String, Vec<&Attempt>> = HashMap::new();
    let mut missed: HashMap<&str, usize> = HashMap::new();
    for attempt in &counted {
        by_person
            .entry(attempt.person.trim().to_lowercase())
            .or_default()
            .push(attempt);
        for entry in &attempt.missed {
            *missed.entry(entry).or_default() += 1;
        }
    }
    let mut people: Vec<PersonScores> = by_person
        .into_values()
        .map(|mut attempts| {
            // Stable: attempts of one day keep their file order.
            attempts.sort_by_key(|a| a.date);
            let latest = attempts[attempts.len() - 1];
            PersonScores {
                person: latest.person.trim().to_owned(),
                attempts: attempts.len(),
                latest: Score::of(latest),
                previous: attempts
                    .len()
                    .checked_sub(2)
                    .map(|i| Score::of(attempts[i])),
            }
        })
        .collect();
    people.sort_by_key(|p| p.person.to_lowercase());
    let mut most_missed: Vec<Missed> = missed
        .into_iter()
        .map(|(entry, count)| Missed {
            entry: entry.to_owned(),
            label: label(entry),
            count,
        })
        .collect();
    most_missed.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.entry.cmp(&b.entry)));
    most_missed.truncate(MOST_MISSED);
    Summary {
        attempts: counted.len(),
        people,
        most_missed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(date: &str, person: &str, correct: u32, missed: &[&str]) -> Attempt {
        Attempt {
            date: date.parse().unwrap(),
            person: person.into(),
            questions: 10,
            correct,
            seed: 1,
            missed: missed.iter().map(|m| (*m).to_owned()).collect(),
        }
    }

    #[test]
    fn latest_and_previous_per_person_and_the_most_missed() {
        let attempts = [
            attempt(
                "2026-11-02",
                "Dana Ortiz",
                6,
                &["message:a", "competitor:x"],
            ),
            attempt("2026-11-09", "sam lee", 9, &["message:a"]),
            attempt("2026-11-16", " dana ortiz ", 8, &["message:b"]),
            attempt("2026-11-16", "Dana Ortiz", 9, &["message:a"]),
            attempt("2026-12-01", "Dana Ortiz", 1, &["message:z"]),
        ];
        let until = "2026-11-23".parse().unwrap();
        let summary = summarize(&attempts, until, |entry| {
            (entry == "message:a").then(|| "Audit-ready".to_owned())
        });
        assert_eq!(
            summary.attempts, 4,
            "the attempt after --as-of is not counted"
        );
        let dana = &summary.people[0];
        assert_eq!(dana.person, "Dana Ortiz");
        assert_eq!(dana.attempts, 3);
        assert_eq!(dana.latest.correct, 9, "the later row of the same day");
        assert_eq!(dana.previous.as_ref().unwrap().correct, 8);
        assert!((dana.change().unwrap() - 0.1).abs() < 1e-9);
        let sam = &summary.people[1];
        assert_eq!(
            (sam.person.as_str(), sam.previous.is_none()),
            ("sam lee", true)
        );
        assert_eq!(sam.change(), None);
        assert_eq!(summary.most_missed[0].entry, "message:a");
        assert_eq!(summary.most_missed[0].count, 3);
        assert_eq!(summary.most_missed[0].label.as_deref(), Some("Audit-ready"));
        assert_eq!(
            summary
                .most_missed
                .iter()
                .map(|m| m.entry.as_str())
                .collect::<Vec<_>>(),
            ["message:a", "competitor:x", "message:b"]
        );
    }
}
