//! `align diff BASE [HEAD]`.
//!
//! A revision is loaded by writing the workspace's files from the object
//! database into a temporary directory and opening that with the ordinary
//! loader: one loader for every command, and the lint delta comes for free.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use super::AsOfArgs;
use crate::commands::GlobalArgs;
use crate::diff::{self, Impact, Side};
use crate::git::{Repository, Revision};
use crate::lint::LintOptions;
use crate::workspace::{self, Workspace};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// A pull-request comment.
    Md,
    /// The whole comparison, for bots.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Exit 1 when a change is breaking.
    Breaking,
    /// Exit 1 when a change is breaking or needs review.
    Review,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The revision to compare with: a branch, tag, hash or `HEAD~1`.
    pub base: String,
    /// The revision to compare (default: the working tree).
    pub head: Option<String>,
    #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
    pub format: DiffFormat,
    /// Exit 1 when a change at least this severe is found.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    #[command(flatten)]
    pub as_of: AsOfArgs,
}

pub fn run(global: &GlobalArgs, args: DiffArgs) -> anyhow::Result<ExitCode> {
    let current = super::open_workspace(None, global)?;
    let repository = Repository::open(&current.root)?;
    let as_of = args.as_of.resolve(&current.settings.timezone)?;
    let options = LintOptions {
        today: as_of
            .to_zoned_datetime(current.settings.timezone.clone())
            .date(),
        as_of,
        select: Vec::new(),
        ignore: Vec::new(),
        selection: Default::default(),
        only: None,
        excerpts: true,
    };
    let base_dir = scratch_dir()?;
    let base_revision = repository.revision(&args.base)?;
    let base = load_revision(&repository, &base_revision, base_dir.path())?;
    let head_dir = scratch_dir()?;
    let (head, head_name, changed) = match &args.head {
        Some(rev) => {
            let head_revision = repository.revision(rev)?;
            let head = load_revision(&repository, &head_revision, head_dir.path())?;
            (head, rev.clone(), base_revision.changed_to(&head_revision))
        }
        None => {
            let folders = crate::changed::folders(&current);
            let changed = repository.changed_files(&base_revision, &current.root, &folders)?;
            (current, "working tree".to_owned(), changed)
        }
    };
    let report = diff::compare(
        &Side {
            name: args.base.clone(),
            workspace: &base,
        },
        &Side {
            name: head_name,
            workspace: &head,
        },
        &changed,
        &options,
    );
    let mut out = std::io::stdout().lock();
    match args.format {
        DiffFormat::Md => out.write_all(diff::markdown::render(&report).as_bytes())?,
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    let threshold = match args.fail_on {
        None => return Ok(ExitCode::SUCCESS),
        Some(FailOn::Breaking) => Impact::Breaking,
        Some(FailOn::Review) => Impact::Review,
    };
    let failing = report.worst().is_some_and(|worst| worst <= threshold);
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Where a revision's files are written. Creating thousands of small
/// files is what costs on a busy disk, so on Linux they go to the
/// RAM-backed `/dev/shm` unless `TMPDIR` says otherwise; the directory is
/// removed when the command ends.
fn scratch_dir() -> anyhow::Result<tempfile::TempDir> {
    let shm = Path::new("/dev/shm");
    if cfg!(target_os = "linux") && std::env::var_os("TMPDIR").is_none() && shm.is_dir() {
        if let Ok(dir) = tempfile::Builder::new()
            .prefix("align-diff-")
            .tempdir_in(shm)
        {
            return Ok(dir);
        }
    }
    tempfile::Builder::new()
        .prefix("align-diff-")
        .tempdir()
        .context("cannot create a temporary directory")
}

/// The workspace as it was at `revision`, written out under `dir`.
fn load_revision(
    repository: &Repository,
    revision: &Revision,
    dir: &Path,
) -> anyhow::Result<Workspace> {
    if !revision.files.contains_key("align.toml") {
        anyhow::bail!(
            "`{}` has no align.toml at the workspace root: the workspace did not exist yet there",
            revision.name
        );
    }
    repository.materialise(revision, dir)?;
    Ok(workspace::open_root(dir)?)
}
