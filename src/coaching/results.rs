//! Reading and appending `results.csv`.

use std::io;
use std::path::Path;

use jiff::civil::Date;

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
