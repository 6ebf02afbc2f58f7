//! The field section: what sales heard in the periods shown
//! (`feedback/*.csv`, see `docs/feedback.md`): the objections heard per
//! period with their answer status, the content requested per requirement,
//! and the wins, losses and praise each collateral document and message
//! was mentioned in. The counting is `feedback::field`'s; this module only
//! lays it out.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::{Section, period_headers, period_name};
use crate::feedback::field::{self, AnswerStatus, FieldPeriod, Mentions};
use crate::metrics::Period;
use crate::report::Report;
use crate::report::html;
use crate::report::table::{grid, heading};
use crate::workspace::Workspace;

/// The counted feedback, one entry per period shown (same order).
pub struct Field {
    periods: Vec<FieldPeriod>,
}

impl Field {
    pub fn new(periods: Vec<FieldPeriod>) -> Field {
        Field { periods }
    }

    /// Reads the workspace's feedback and counts it into `shown`, the
    /// report's periods: the same boundaries, as dates in the workspace
    /// zone (periods start at midnight there, so nothing is cut).
    pub fn read(workspace: &Workspace, shown: &[Period]) -> std::io::Result<Field> {
        let zone = &workspace.settings.timezone;
        let heard = field::read(workspace)?;
        let periods: Vec<field::Period> = shown
            .iter()
            .map(|period| field::Period {
                label: period.label.clone(),
                start: zone.to_datetime(period.start).date(),
                end: zone.to_datetime(period.end).date(),
            })
            .collect();
        Ok(Field::new(field::aggregate(
            &workspace.map,
            &heard,
            &periods,
        )))
    }

    fn is_empty(&self) -> bool {
        self.periods.iter().all(|p| {
            p.objections.is_empty()
                && p.content_requests.is_empty()
                && p.collateral.is_empty()
                && p.messages.is_empty()
        })
    }

    /// Objection, status, approved answers, then the count per period;
    /// most heard over the periods shown first.
    fn objection_rows(&self) -> Vec<ObjectionRow> {
        let mut rows: Vec<ObjectionRow> = Vec::new();
        let mut index: HashMap<Option<String>, usize> = HashMap::new();
        for (at, period) in self.periods.iter().enumerate() {
            for heard in &period.objections {
                let row = *index.entry(heard.objection.clone()).or_insert_with(|| {
                    rows.push(ObjectionRow {
                        name: heard
                            .objection
                            .clone()
                            .unwrap_or_else(|| "(no objection id)".into()),
                        named: heard.objection.is_some(),
                        status: heard.status,
                        answers: heard.answers.clone(),
                        counts: vec![0; self.periods.len()],
                    });
                    rows.len() - 1
                });
                if let Some(count) = rows.get_mut(row).and_then(|r| r.counts.get_mut(at)) {
                    *count = heard.heard;
                }
            }
        }
        rows.sort_by(|a, b| {
            b.total()
                .cmp(&a.total())
                .then_with(|| b.named.cmp(&a.named))
                .then_with(|| a.name.cmp(&b.name))
        });
        rows
    }

    /// Requirement, then the requests per period; most requested over the
    /// periods shown first.
    fn request_rows(&self) -> Vec<Vec<String>> {
        let mut rows: Vec<(Option<String>, Vec<u64>)> = Vec::new();
        for (at, period) in self.periods.iter().enumerate() {
            for request in &period.content_requests {
                let row = match rows.iter().position(|(r, _)| *r == request.requirement) {
                    Some(row) => row,
                    None => {
                        rows.push((request.requirement.clone(), vec![0; self.periods.len()]));
                        rows.len() - 1
                    }
                };
                if let Some(count) = rows.get_mut(row).and_then(|(_, c)| c.get_mut(at)) {
                    *count = request.requests;
                }
            }
        }
        let total = |counts: &[u64]| counts.iter().sum::<u64>();
        rows.sort_by(|(a, a_counts), (b, b_counts)| {
            total(b_counts)
                .cmp(&total(a_counts))
                .then_with(|| a.is_none().cmp(&b.is_none()))
                .then_with(|| a.cmp(b))
        });
        rows.into_iter()
            .map(|(requirement, counts)| {
                let mut row = vec![requirement.unwrap_or_else(|| "(no requirement)".into())];
                row.extend(counts.iter().map(u64::to_string));
                row
            })
            .collect()
    }

    /// Id, wins, losses, praise over every period shown, most mentioned
    /// first.
    fn mention_rows(&self, pick: impl Fn(&FieldPeriod) -> &[Mentions]) -> Vec<Vec<String>> {
        let mut totals: Vec<Mentions> = Vec::new();
        for period in &self.periods {
            for mentions in pick(period) {
                match totals.iter_mut().find(|t| t.id == mentions.id) {
                    Some(total) => {
                        total.win += mentions.win;
                        total.loss += mentions.loss;
                        total.praise += mentions.praise;
                    }
                    None => totals.push(mentions.clone()),
                }
            }
        }
        let sum = |m: &Mentions| m.win + m.loss + m.praise;
        totals.sort_by(|a, b| sum(b).cmp(&sum(a)).then_with(|| a.id.cmp(&b.id)));
        totals
            .into_iter()
            .map(|m| {
                vec![
                    m.id,
                    m.win.to_string(),
                    m.loss.to_string(),
                    m.praise.to_string(),
                ]
            })
            .collect()
    }

    fn mention_tables(&self) -> [(&'static str, Vec<Vec<String>>); 2] {
        [
            ("collateral", self.mention_rows(|p| &p.collateral)),
            ("message", self.mention_rows(|p| &p.messages)),
        ]
    }
}

struct ObjectionRow {
    name: String,
    /// Rows naming no objection sort after named ones.
    named: bool,
    status: AnswerStatus,
    answers: Vec<String>,
    counts: Vec<u64>,
}

impl ObjectionRow {
    fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The cells of a table row; the answers only where there is room.
    fn cells(&self, with_answers: bool) -> Vec<String> {
        let mut cells = vec![self.name.clone(), status_name(self.status).to_owned()];
        if with_answers {
            cells.push(if self.answers.is_empty() {
                "—".to_owned()
            } else {
                self.answers.join(", ")
            });
        }
        cells.extend(self.counts.iter().map(u64::to_string));
        cells
    }
}

fn status_name(status: AnswerStatus) -> &'static str {
    match status {
        AnswerStatus::Answered => "answered",
        AnswerStatus::Unanswered => "UNANSWERED",
        AnswerStatus::NotInMap => "not in map",
    }
}

/// A heading and its table; nothing when there are no rows.
fn html_table(out: &mut String, caption: &str, headers: &[&str], rows: &[Vec<String>]) {
    if rows.is_empty() {
        return;
    }
    out.push_str(&format!("<h2>{}</h2>\n", html::escape(caption)));
    out.push_str(&html::table(headers, rows));
}

const MENTIONS: [&str; 4] = ["", "win", "loss", "praise"];

impl Section for Field {
    fn text(&self, report: &Report, out: &mut String) {
        if self.is_empty() {
            return;
        }
        let periods = period_headers(report);
        let objections = self.objection_rows();
        if !objections.is_empty() {
            let mut headers = vec!["objection".to_owned(), "answer".to_owned()];
            headers.extend(periods.iter().cloned());
            let rows: Vec<Vec<String>> = objections.iter().map(|r| r.cells(false)).collect();
            heading(out, "Objections heard (UNANSWERED: no approved answer)");
            grid(out, &headers, &rows, 32);
        }
        let requests = self.request_rows();
        if !requests.is_empty() {
            let mut headers = vec!["requirement".to_owned()];
            headers.extend(periods);
            heading(out, "Content requests by requirement");
            grid(out, &headers, &requests, 30);
        }
        for (title, rows) in self.mention_tables() {
            if rows.is_empty() {
                continue;
            }
            let mut headers = MENTIONS.map(str::to_owned);
            headers[0] = title.to_owned();
            heading(
                out,
                &format!("Mentions in wins, losses and praise by {title} (periods shown)"),
            );
            grid(out, &headers, &rows, 40);
        }
    }

    fn html(&self, report: &Report, out: &mut String) {
        if self.is_empty() {
            return;
        }
        let periods: Vec<String> = report.periods.iter().map(period_name).collect();
        out.push_str("<section id=\"field\">\n");
        let objections: Vec<Vec<String>> = self
            .objection_rows()
            .iter()
            .map(|r| r.cells(true))
            .collect();
        let mut headers: Vec<&str> = vec!["objection", "answer", "approved answers"];
        headers.extend(periods.iter().map(String::as_str));
        html_table(out, "Objections heard", &headers, &objections);
        let mut headers: Vec<&str> = vec!["requirement"];
        headers.extend(periods.iter().map(String::as_str));
        html_table(
            out,
            "Content requests by requirement",
            &headers,
            &self.request_rows(),
        );
        for (title, rows) in self.mention_tables() {
            let mut headers = MENTIONS;
            headers[0] = title;
            let caption = format!("Wins, losses and praise by {title} (periods shown)");
            html_table(out, &caption, &headers, &rows);
        }
        out.push_str("</section>\n");
    }

    fn json(&self, _report: &Report) -> Option<(&'static str, Value)> {
        Some(("field", json!({ "periods": self.periods })))
    }
}
