//! `align quiz`: a knowledge check built from the approved map, printed
//! (Markdown, CSV for an LMS, JSON) or taken in the terminal with the
//! result recorded in `coaching/results.csv`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use super::{AsOfArgs, GlobalArgs, SituationArgs};
use crate::coaching::results::{self, Attempt};
use crate::diagnostic::Severity;
use crate::map::EntryKind;
use crate::quiz::{self, QuizRequest, take::TakeError};

#[derive(Debug, clap::Args)]
pub struct QuizArgs {
    /// How many questions.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub count: u32,
    /// The same seed and map give the same quiz (default: a fresh seed,
    /// printed with the quiz).
    #[arg(long)]
    pub seed: Option<u64>,
    #[command(flatten)]
    pub situation: SituationArgs,
    /// `md` to hand to a person; `csv` (one row per question) for an LMS
    /// import; `json` for tools. CSV and JSON always carry the answers.
    #[arg(long, value_enum, default_value_t = QuizFormat::Md)]
    pub format: QuizFormat,
    /// Add the answer key to the Markdown.
    #[arg(long)]
    pub answers: bool,
    /// Ask the questions here, one at a time (answers read from standard
    /// input), and record the score in coaching/results.csv.
    #[arg(long, requires = "person", conflicts_with_all = ["format", "answers"])]
    pub take: bool,
    /// Who takes the quiz, as recorded with the score.
    #[arg(long = "as", value_name = "NAME", requires = "take")]
    pub person: Option<String>,
    #[command(flatten)]
    pub as_of: AsOfArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuizFormat {
    Md,
    Csv,
    Json,
}

pub fn run(global: &GlobalArgs, args: QuizArgs) -> anyhow::Result<ExitCode> {
    let workspace = super::open_workspace(None, global)?;
    refuse_map_errors(&workspace)?;
    let map = &workspace.map;
    super::find::check_ids(map, EntryKind::Segment, &args.situation.segments)?;
    super::find::check_ids(map, EntryKind::Requirement, &args.situation.requirements)?;
    super::find::check_ids(map, EntryKind::Competitor, &args.situation.competitors)?;
    let zone = workspace.settings.timezone.clone();
    let today = args.as_of.resolve(&zone)?.to_zoned_datetime(zone).date();
    let request = QuizRequest {
        focus: args.situation.into_situation(),
        count: args.count as usize,
        seed: args.seed.unwrap_or_else(quiz::fresh_seed),
        today,
    };
    let quiz = quiz::build(map, &request);
    for note in &quiz.notes {
        eprintln!("note: {note}");
    }
    if quiz.questions.is_empty() {
        bail!("the map holds too little approved material for a quiz in this focus");
    }
    if args.take {
        let person = args.person.unwrap_or_default();
        return take(&workspace, &quiz, person.trim(), today, global.quiet);
    }
    let mut out = crate::console::stdout();
    match args.format {
        QuizFormat::Md => {
            let text = quiz::format::markdown(&quiz, &workspace.settings.name, args.answers);
            out.write_all(text.as_bytes())?;
        }
        QuizFormat::Csv => out.write_all(&quiz::format::csv(&quiz)?)?,
        QuizFormat::Json => out.write_all(quiz::format::json(&quiz)?.as_bytes())?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn take(
    workspace: &crate::workspace::Workspace,
    quiz: &quiz::Quiz,
    person: &str,
    today: jiff::civil::Date,
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    if person.is_empty() {
        bail!("--as needs a name: who is taking the quiz");
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = crate::console::stdout();
    let outcome = match quiz::take::take(quiz, &mut input, &mut out) {
        Ok(outcome) => outcome,
        Err(TakeError::Ended { at, of }) => {
            bail!("input ended at question {at} of {of}; nothing was recorded")
        }
        Err(TakeError::Io(error)) => return Err(error.into()),
    };
    let attempt = Attempt {
        date: today,
        person: person.to_owned(),
        questions: quiz.questions.len() as u32,
        correct: outcome.correct as u32,
        seed: quiz.seed,
        missed: outcome.missed.iter().map(ToString::to_string).collect(),
    };
    let path = workspace
        .folder(&workspace.settings.paths.coaching)
        .join(results::FILE_NAME);
    results::append(&path, &attempt)
        .with_context(|| format!("cannot record the result in {}", path.display()))?;
    if !quiet {
        writeln!(out, "Recorded in {}", workspace.relative(&path))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A quiz from a map with errors could teach what was never agreed.
fn refuse_map_errors(workspace: &crate::workspace::Workspace) -> anyhow::Result<()> {
    let errors: Vec<String> = workspace
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| workspace.one_line(d))
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    bail!(
        "the map has errors, so a quiz could teach what was never agreed; fix them first (`align lint` lists them):\n  {}",
        errors.join("\n  ")
    )
}
