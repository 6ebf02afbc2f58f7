//! One module per command: each validates its flags and calls the library.

pub mod completions;
pub mod diff;
pub mod explain;
pub mod feedback;
pub mod find;
pub mod init;
pub mod leads;
pub mod lint;
pub mod map;
pub mod quiz;
pub mod render;
pub mod report;
pub mod schema;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::ValueEnum;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::output::{LintFormat, LintReport, write_lint};
use crate::workspace::Workspace;

/// Flags every command takes: where the workspace is, colour, quiet.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// The workspace root (the directory holding align.toml); default: found
    /// by walking up from the current directory.
    #[arg(long, global = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// When to colour output; NO_COLOR in the environment means never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print less: only findings and errors, no summaries.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl GlobalArgs {
    /// Whether stdout gets colour.
    pub fn color(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// `--as-of`: the instant deadlines and dates are compared with (default:
/// now). RFC 3339, a local date-time in the workspace zone, or a date
/// (its start, in the workspace zone).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AsOfArgs {
    /// Compare deadlines and dates with this instant instead of now
    /// (RFC 3339, or a local date or date-time in the workspace zone).
    #[arg(long, value_name = "TIMESTAMP")]
    pub as_of: Option<String>,
}

impl AsOfArgs {
    pub fn resolve(&self, zone: &TimeZone) -> anyhow::Result<Timestamp> {
        match &self.as_of {
            None => Ok(Timestamp::now()),
            Some(text) => parse_as_of(text, zone).with_context(|| {
                format!("invalid --as-of `{text}`: use RFC 3339 (2026-11-23T09:00:00-06:00), a local date-time or a date")
            }),
        }
    }
}

fn parse_as_of(text: &str, zone: &TimeZone) -> anyhow::Result<Timestamp> {
    let text = text.trim();
    if let Some(date) = crate::syntax::fields::parse_date(text) {
        let start = date.to_datetime(jiff::civil::Time::midnight());
        return Ok(zone.to_ambiguous_timestamp(start).compatible()?);
    }
    Ok(crate::clock::parse_timestamp(text.as_bytes(), zone)?)
}

/// A selling situation on the command line: `--segment`, `--requirement`,
/// `--competitor`, each repeatable.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SituationArgs {
    /// A segment id (repeatable).
    #[arg(long = "segment", value_name = "ID")]
    pub segments: Vec<String>,
    /// A requirement id (repeatable); the order given is the order of the
    /// draft.
    #[arg(long = "requirement", value_name = "ID")]
    pub requirements: Vec<String>,
    /// A competitor id (repeatable).
    #[arg(long = "competitor", value_name = "ID")]
    pub competitors: Vec<String>,
}

impl SituationArgs {
    pub fn into_situation(self) -> crate::map::Situation {
        crate::map::Situation {
            segments: self.segments,
            requirements: self.requirements,
            competitors: self.competitors,
        }
    }
}

/// Opens the workspace named by `--workspace` (or a positional directory),
/// else the one around the current directory. An `align.toml` that cannot
/// be read stops the command: its findings go to stderr, and exit 2.
pub fn open_workspace(positional: Option<&Path>, global: &GlobalArgs) -> anyhow::Result<Workspace> {
    let workspace = locate_workspace(positional, global)?;
    if workspace.settings_unreadable {
        let cwd = std::env::current_dir()?;
        let report = LintReport {
            diagnostics: &workspace.diagnostics,
            files_checked: 1,
            cwd: &cwd,
            color: false,
            statistics: false,
            quiet: true,
            deny_warnings: false,
        };
        write_lint(LintFormat::Human, &report, &mut crate::console::stderr())?;
        bail!("{UNREADABLE_SETTINGS}");
    }
    Ok(workspace)
}

/// The one-line cause when `align.toml` cannot be read.
pub const UNREADABLE_SETTINGS: &str =
    "align.toml cannot be read, so nothing was checked against it; fix it first";

/// Opens the workspace like [`open_workspace`], leaving an unreadable
/// `align.toml` to the caller.
pub fn locate_workspace(
    positional: Option<&Path>,
    global: &GlobalArgs,
) -> anyhow::Result<Workspace> {
    let dir = positional.or(global.workspace.as_deref());
    Ok(Workspace::locate(dir)?)
}

/// Whether two paths name one directory (as written, or once resolved).
pub(crate) fn same_directory(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(a), Ok(b)) if a == b
        )
}

/// Fails early, before any work, on an output that cannot be written.
pub fn check_output(output: &Path, force: bool) -> anyhow::Result<()> {
    let dir = match output.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write {}: the directory {} does not exist",
            output.display(),
            dir.display()
        );
    }
    if let Ok(existing) = std::fs::metadata(output) {
        if !existing.is_file() {
            // Replacing by rename would swap a FIFO or a device for a file.
            bail!(
                "cannot write {}: it is {}, not a regular file",
                output.display(),
                crate::write::describe_file_type(&existing.file_type())
            );
        }
    }
    if output.exists() && !force {
        bail!(
            "{} already exists; pass --force to replace it",
            output.display()
        );
    }
    Ok(())
}

/// Writes `-o FILE` atomically, refusing to replace it without `--force`.
pub fn write_output(output: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    crate::write::atomic(output, bytes, force).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "{} already exists; pass --force to replace it",
                output.display()
            )
        } else {
            anyhow::Error::new(error).context(format!("cannot write {}", output.display()))
        }
    })
}
