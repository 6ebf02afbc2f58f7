//! The command line: raw flags are parsed here once, then each command
//! module turns them into validated settings and calls the library.

use std::io::Write as _;
use std::process::ExitCode;

use clap::{CommandFactory as _, Parser, Subcommand};

use crate::commands::{self, GlobalArgs};

/// `align --version`: the release and the git revision it was built from
/// (`unknown` when built outside a checkout).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("ALIGN_GIT_REVISION"),
    ")"
);

#[derive(Debug, Parser)]
#[command(
    name = "align",
    version = VERSION,
    about = "Keep sales and marketing aligned: lint the message map and collateral, check lead SLAs, render proposals.",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the workspace and check collateral against the map.
    Lint(commands::lint::LintArgs),
    /// Explain a rule: what it checks, why, and examples.
    Explain(commands::explain::ExplainArgs),
    /// List every rule.
    Rules(commands::explain::RulesArgs),
    /// Browse the message map.
    #[command(subcommand)]
    Map(commands::map::MapCommand),
    /// Find collateral for a selling situation, best fit first.
    Find(commands::find::FindArgs),
    /// Render a proposal draft for an account or a selling situation.
    Render(commands::render::RenderArgs),
    /// What changed in the agreement between two git revisions, and what it breaks.
    Diff(commands::diff::DiffArgs),
    /// A knowledge check built from the approved map; `--take` asks it here
    /// and records the score.
    Quiz(commands::quiz::QuizArgs),
    /// Create a starter workspace that passes `align lint`.
    Init(commands::init::InitArgs),
    /// Leads and the SLA clock: overdue, due, scores, SLA performance.
    #[command(subcommand)]
    Leads(commands::leads::LeadsCommand),
    /// Feedback from the field: record what sales heard.
    #[command(subcommand)]
    Feedback(commands::feedback::FeedbackCommand),
    /// Write JSON Schemas for align.toml, map, criteria and account files.
    Schema(commands::schema::SchemaArgs),
    /// Print a shell completion script.
    Completions(commands::completions::CompletionsArgs),
    /// Print the man page (roff).
    Man(commands::completions::ManArgs),
    /// Joint objectives and lead metrics per period: table, JSON or HTML.
    Report(commands::report::ReportArgs),
}

/// Parses the command line and runs the command; the process exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(message) = repeated_workspace(std::env::args_os().skip(1)) {
        Cli::command()
            .error(clap::error::ErrorKind::ArgumentConflict, message)
            .exit();
    }
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            // Not eprintln!, which panics when stderr is a closed pipe.
            let _ = writeln!(crate::console::stderr(), "error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let global = cli.global;
    match cli.command {
        Command::Lint(args) => commands::lint::run(&global, args),
        Command::Explain(args) => commands::explain::explain(args),
        Command::Rules(args) => commands::explain::rules(args),
        Command::Map(command) => commands::map::run(&global, command),
        Command::Find(args) => commands::find::run(&global, args),
        Command::Render(args) => commands::render::run(&global, args),
        Command::Diff(args) => commands::diff::run(&global, args),
        Command::Quiz(args) => commands::quiz::run(&global, args),
        Command::Init(args) => commands::init::run(&global, args),
        Command::Leads(command) => commands::leads::run(&global, command),
        Command::Feedback(command) => commands::feedback::run(&global, command),
        Command::Schema(args) => commands::schema::run(args),
        Command::Completions(args) => commands::completions::completions(args),
        Command::Man(args) => commands::completions::man(args),
        Command::Report(args) => commands::report::run(&global, args),
    }
}

/// `--workspace` given twice with different directories: clap keeps the
/// last of a global flag (`align --workspace A lint --workspace B`), which
/// would silently ignore A.
fn repeated_workspace(args: impl Iterator<Item = std::ffi::OsString>) -> Option<String> {
    let mut given: Vec<std::path::PathBuf> = Vec::new();
    let mut args = args.map(std::path::PathBuf::from);
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            break;
        }
        if text == "--workspace" {
            given.extend(args.next());
        } else if let Some(dir) = text.strip_prefix("--workspace=") {
            given.push(dir.into());
        }
    }
    let first = given.first()?;
    let other = given
        .iter()
        .find(|dir| !commands::same_directory(first, dir))?;
    Some(format!(
        "--workspace is given twice, as {} and as {}: give it once",
        first.display(),
        other.display()
    ))
}

/// Output cut short by a closed pipe (`align lint | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
