//! Reading and appending `results.csv`.

use std::io;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::codes::feedback::AL502;
use crate::codes::files::AL001;
use crate::diagnostic::{Diagnostic, Position};
use crate::feedback::cells::{self, CellProblem};
use crate::leads::{LeadsReader, Row};
use crate::write::csv_safe;

/// The file name inside the coaching folder.
pub const FILE_NAME: &str = "results.csv";

/// The header a new results file gets.
pub const HEADER: [&str; 6] = ["date", "person", "questions", "correct", "seed", "missed"];

/// One quiz taken by one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub date: Date,
    pub person: String,
    pub questions: u32,
    pub correct: u32,
    pub seed: u64,
    /// `kind:id` of each map entry behind a wrong answer.
    pub missed: Vec<String>,
}

impl Attempt {
    /// The attempt as one CSV record (with its line end); the person's name
    /// is spreadsheet-safe.
    pub fn record(&self) -> io::Result<Vec<u8>> {
        let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
        writer.write_record([
            self.date.to_string(),
            csv_safe(&self.person).into_owned(),
            self.questions.to_string(),
            self.correct.to_string(),
            self.seed.to_string(),
            self.missed.join(" "),
        ])?;
        writer.into_inner().map_err(|error| error.into_error())
    }
}

/// Appends `attempt` to `path`, creating the file with its header.
pub fn append(path: &Path, attempt: &Attempt) -> io::Result<()> {
    let mut header = csv::Writer::from_writer(Vec::new());
    header.write_record(HEADER)?;
    let header = header.into_inner().map_err(|error| error.into_error())?;
    crate::write::append_record(path, &header, &attempt.record()?)
}

/// The columns a results file must have, in [`HEADER`] order (`missed` is
/// optional: files written before it existed still read).
const REQUIRED: [&str; 5] = ["date", "person", "questions", "correct", "seed"];

/// Every attempt in `path` whose cells all read, and a located AL502 for
/// each cell that does not (its row is left out, never half-counted).
pub fn read(path: &Arc<Path>, zone: &TimeZone) -> (Vec<Attempt>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let reader = match LeadsReader::open(path, None) {
        Ok(reader) => reader,
        Err(error) => {
            let message = format!("cannot read file: {error}");
            problems.push(Diagnostic::at(
                &AL001,
                path.clone(),
                Position::START,
                Position::START,
                message,
            ));
            return (Vec::new(), problems);
        }
    };
    let Some(header) = &reader.header else {
        return (Vec::new(), problems);
    };
    let find = |name: &str| {
        header
            .iter()
            .position(|cell| cell.trim_ascii().eq_ignore_ascii_case(name.as_bytes()))
    };
    let columns: Vec<Option<usize>> = REQUIRED.iter().map(|name| find(name)).collect();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .zip(&columns)
        .filter(|(_, column)| column.is_none())
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        let line = usize::try_from(reader.header_line).unwrap_or(usize::MAX);
        let at = Position { line, column: 1 };
        problems.push(
            Diagnostic::at(
                &AL502,
                path.clone(),
                at,
                at,
                format!(
                    "the header has no `{}` column, so no attempt in this file can be read",
                    missing.join("`, `")
                ),
            )
            .with_help(format!("a results file starts with `{}`", HEADER.join(","))),
        );
        return (Vec::new(), problems);
    }
    let columns: Vec<usize> = columns.into_iter().flatten().collect();
    let missed = find("missed");
    let mut attempts = Vec::new();
    let scanned = reader.scan(|row| match attempt(row, &columns, missed, zone) {
        Ok(attempt) => attempts.push(attempt),
        Err(found) => problems.extend(found),
    });
    match scanned {
        Ok(end) => problems.extend(end.unterminated_quote_finding(path)),
        Err(error) => {
            let message = format!("cannot read file: {error}");
            problems.push(Diagnostic::at(
                &AL001,
                path.clone(),
                Position::START,
                Position::START,
                message,
            ));
        }
    }
    (attempts, problems)
}

/// One row as an attempt, or a finding for each cell that does not read.
fn attempt(
    row: &Row<'_>,
    columns: &[usize],
    missed: Option<usize>,
    zone: &TimeZone,
) -> Result<Attempt, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut cell = |index: usize, read: &dyn Fn(&[u8]) -> Result<u64, CellProblem>| {
        read(row.get(Some(index)))
            .map_err(|problem| found.push(problem.at(&AL502, row, index)))
            .ok()
    };
    let [date, person, questions, correct, seed] = [0, 1, 2, 3, 4].map(|i| columns[i]);
    let questions_read = cell(questions, &|text| cells::count(text, "question count"));
    let correct_read = cell(correct, &|text| {
        cells::count(text, "count of correct answers")
    });
    let seed_read = cell(seed, &|text| cells::count(text, "seed"));
    let date_read = cells::date(row.get(Some(date)), zone)
        .map_err(|problem| found.push(problem.at(&AL502, row, date)))
        .ok();
    let name = String::from_utf8_lossy(row.get(Some(person)).trim_ascii()).into_owned();
    if name.is_empty() {
        found.push(
            row.diagnostic(&AL502, person, "empty person: whose attempt is it?")
                .with_help("write the name given to `align quiz --take --as`"),
        );
    }
    if let (Some(asked), Some(right)) = (questions_read, correct_read) {
        if right > asked {
            found.push(row.diagnostic(
                &AL502,
                correct,
                format!("{right} correct answers out of {asked} questions"),
            ));
        }
    }
    match (date_read, questions_read, correct_read, seed_read) {
        (Some(date), Some(questions), Some(correct), Some(seed)) if found.is_empty() => {
            Ok(Attempt {
                date,
                person: name,
                questions: u32::try_from(questions).unwrap_or(u32::MAX),
                correct: u32::try_from(correct).unwrap_or(u32::MAX),
                seed,
                missed: missed
                    .map(|index| {
                        String::from_utf8_lossy(row.get(Some(index)))
                            .split_whitespace()
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
            })
        }
        _ => Err(found),
    }
}
