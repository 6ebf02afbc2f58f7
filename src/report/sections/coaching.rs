//! Coaching: each person's latest knowledge-check score and its change
//! since their attempt before, and the map entries most often missed, from
//! `coaching/results.csv` (written by `align quiz --take`). Marketing reads
//! the second table as the messages that do not stick.

use serde_json::Value;

use super::Section;
use crate::coaching::summary::{PersonScores, Summary};
use crate::report::Report;
use crate::report::format::percent;
use crate::report::html::{self, Bar};
use crate::report::table::{grid, heading};

pub struct Coaching {
    summary: Summary,
}

impl Coaching {
    pub fn new(summary: Summary) -> Coaching {
        Coaching { summary }
    }

    fn people(&self) -> Vec<Vec<String>> {
        self.summary.people.iter().map(person_row).collect()
    }

    fn missed(&self) -> Vec<Vec<String>> {
        self.summary
            .most_missed
            .iter()
            .map(|m| {
                let (kind, id) = m.entry.split_once(':').unwrap_or(("", &m.entry));
                vec![
                    m.label
                        .clone()
                        .unwrap_or_else(|| format!("{id} (no longer in the map)")),
                    kind.to_owned(),
                    m.count.to_string(),
                ]
            })
            .collect()
    }
}

const PEOPLE: [&str; 5] = ["person", "latest", "score", "change", "attempts"];
const MISSED: [&str; 3] = ["what it says", "entry", "missed"];

fn person_row(scores: &PersonScores) -> Vec<String> {
    let latest = &scores.latest;
    vec![
        scores.person.clone(),
        latest.date.clone(),
        format!(
            "{}/{} {}",
            latest.correct,
            latest.questions,
            percent(latest.rate())
        ),
        scores
            .change()
            .map_or("—".into(), |delta| format!("{:+.0} pts", delta * 100.0)),
        scores.attempts.to_string(),
    ]
}

impl Section for Coaching {
    fn text(&self, _report: &Report, out: &mut String) {
        // No attempts: no section, as for field feedback (JSON keeps its key).
        if self.summary.people.is_empty() {
            return;
        }
        heading(out, "Coaching: knowledge checks (align quiz)");
        grid(out, &PEOPLE.map(str::to_owned), &self.people(), 20);
        if !self.summary.most_missed.is_empty() {
            heading(out, "Map entries most often missed");
            grid(out, &MISSED.map(str::to_owned), &self.missed(), 50);
        }
    }

    fn html(&self, _report: &Report, out: &mut String) {
        if self.summary.people.is_empty() {
            return;
        }
        out.push_str("<section id=\"coaching\">\n<h2>Coaching</h2>\n");
        let rows = self.people();
        let bars: Vec<Bar> = self
            .summary
            .people
            .iter()
            .zip(&rows)
            .map(|(scores, row)| Bar {
                label: scores.person.clone(),
                values: vec![scores.latest.rate().unwrap_or(0.0)],
                shown: row[2].clone(),
            })
            .collect();
        out.push_str(&html::figure(
            "coaching-scores",
            "Latest knowledge-check score per person",
            &html::bar_chart(&bars, 1.0, false),
            &html::table(&PEOPLE, &rows),
        ));
        if !self.summary.most_missed.is_empty() {
            let rows = self.missed();
            let most = self.summary.most_missed.first().map_or(1, |m| m.count);
            let bars: Vec<Bar> = self
                .summary
                .most_missed
                .iter()
                .zip(&rows)
                .map(|(m, row)| Bar {
                    label: row[0].clone(),
                    values: vec![m.count as f64],
                    shown: m.count.to_string(),
                })
                .collect();
            out.push_str(&html::figure(
                "coaching-missed",
                "Map entries most often missed",
                &html::bar_chart(&bars, most as f64, false),
                &html::table(&MISSED, &rows),
            ));
        }
        out.push_str("</section>\n");
    }

    fn json(&self, _report: &Report) -> Option<(&'static str, Value)> {
        serde_json::to_value(&self.summary)
            .ok()
            .map(|value| ("coaching", value))
    }
}
