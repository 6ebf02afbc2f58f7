//! Reading the cells the field writes: dates, choices from a fixed list and
//! counts. Feedback rows (AL502) and coaching results use the same readers,
//! so a cell that one file accepts reads the same way in the other. A
//! problem is a [`CellProblem`]; [`CellProblem::at`] turns it into a finding
//! located at the cell.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::codes::Rule;
use crate::diagnostic::Diagnostic;
use crate::leads::Row;
use crate::syntax::fields::did_you_mean;

/// Longest cell quoted back in a message, in characters.
const MAX_QUOTED: usize = 60;

/// Why a cell could not be read, written for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub message: String,
    pub help: Option<String>,
}

impl CellProblem {
    fn new(message: String, help: Option<String>) -> CellProblem {
        CellProblem { message, help }
    }

    /// The finding at cell `index` of `row`.
    pub fn at(self, rule: &'static Rule, row: &Row<'_>, index: usize) -> Diagnostic {
        let diagnostic = row.diagnostic(rule, index, self.message);
        match self.help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }
}

/// A cell as text for a message: lossy, trimmed and shortened.
pub fn quoted(cell: &[u8]) -> String {
    let text = String::from_utf8_lossy(cell.trim_ascii());
    if text.chars().count() > MAX_QUOTED {
        let mut short: String = text.chars().take(MAX_QUOTED).collect();
        short.push('…');
        short
    } else {
        text.into_owned()
    }
}

/// A date: `YYYY-MM-DD`, or any timestamp a leads file accepts (RFC 3339,
/// or a local date-time read in `zone`), taken as its date in `zone`.
pub fn date(cell: &[u8], zone: &TimeZone) -> Result<Date, CellProblem> {
    let text = cell.trim_ascii();
    if text.is_empty() {
        return Err(CellProblem::new(
            "empty date".into(),
            Some("write the day it was heard, such as `2026-11-23`".into()),
        ));
    }
    if text.len() == 10 {
        if let Some(date) = std::str::from_utf8(text)
            .ok()
            .and_then(crate::syntax::fields::parse_date)
        {
            return Ok(date);
        }
    }
    match crate::clock::parse_timestamp(text, zone) {
        Ok(instant) => Ok(zone.to_datetime(instant).date()),
        // A cell shaped like a timestamp gets the timestamp reader's
        // precise reason (a zone name, an impossible time).
        Err(error)
            if text.len() > 10
                && text
                    .get(..4)
                    .is_some_and(|y| y.iter().all(u8::is_ascii_digit)) =>
        {
            Err(CellProblem::new(
                error
                    .to_string()
                    .replacen("invalid timestamp", "invalid date", 1)
                    .replace("the leads time zone", "the workspace time zone"),
                None,
            ))
        }
        Err(_) => Err(CellProblem::new(
            format!("invalid date `{}`", quoted(text)),
            Some("write `YYYY-MM-DD`, or a timestamp such as `2026-11-23T09:00:00-06:00`".into()),
        )),
    }
}

/// One of `names`, compared trimmed and case-insensitively; the index of
/// the name. `what` names the column in messages (`kind`).
pub fn choice(cell: &[u8], names: &[&str], what: &str) -> Result<usize, CellProblem> {
    let text = cell.trim_ascii();
    if let Some(index) = names
        .iter()
        .position(|name| name.as_bytes().eq_ignore_ascii_case(text))
    {
        return Ok(index);
    }
    let shown = quoted(text);
    let help = did_you_mean(&shown.to_lowercase(), names).map_or_else(
        || format!("use one of: {}", names.join(", ")),
        |close| format!("did you mean `{close}`?"),
    );
    Err(CellProblem::new(
        format!("unknown {what} `{shown}`"),
        Some(help),
    ))
}

/// A whole number of things (questions, answers): digits, no sign.
pub fn count(cell: &[u8], what: &str) -> Result<u64, CellProblem> {
    let text = cell.trim_ascii();
    std::str::from_utf8(text)
        .ok()
        .filter(|text| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| {
            CellProblem::new(
                format!("invalid {what} `{}`: expected a whole number", quoted(text)),
                None,
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chicago() -> TimeZone {
        TimeZone::get("America/Chicago").unwrap()
    }

    #[test]
    fn dates_are_days_or_lead_timestamps_in_the_zone() {
        let day = |text: &str| date(text.as_bytes(), &chicago()).map(|d| d.to_string());
        assert_eq!(day(" 2026-11-23 ").unwrap(), "2026-11-23");
        assert_eq!(day("2026-11-23 09:30").unwrap(), "2026-11-23");
        // 03:00 UTC is the evening before in Chicago.
        assert_eq!(day("2026-11-24T03:00:00Z").unwrap(), "2026-11-23");
        assert_eq!(day("2026-11-23T23:59:59-06:00").unwrap(), "2026-11-23");
        assert!(day("2026-02-30").is_err());
        assert!(
            day("11/23/2026")
                .unwrap_err()
                .message
                .contains("11/23/2026")
        );
        assert_eq!(day("").unwrap_err().message, "empty date");
        assert!(day("2026-11-23 9am").is_err());
    }

    #[test]
    fn choices_ignore_case_and_suggest_the_closest() {
        let names = ["objection", "question", "content-request"];
        assert_eq!(choice(b" Objection ", &names, "kind"), Ok(0));
        let problem = choice(b"objecton", &names, "kind").unwrap_err();
        assert_eq!(problem.message, "unknown kind `objecton`");
        assert_eq!(problem.help.as_deref(), Some("did you mean `objection`?"));
        let problem = choice(b"gossip", &names, "kind").unwrap_err();
        assert_eq!(
            problem.help.as_deref(),
            Some("use one of: objection, question, content-request")
        );
    }

    #[test]
    fn counts_are_whole_numbers() {
        assert_eq!(count(b" 12 ", "questions"), Ok(12));
        assert!(count(b"-1", "questions").is_err());
        assert!(count(b"1.5", "questions").is_err());
        assert!(count(b"", "questions").is_err());
        assert!(
            count(b"lots", "correct")
                .unwrap_err()
                .message
                .contains("`lots`")
        );
    }
}
