//! `align init [DIR]`: a starter workspace that passes `align lint`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::commands::GlobalArgs;

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to create the workspace: a new or empty directory (default:
    /// the current directory).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(global: &GlobalArgs, args: InitArgs) -> anyhow::Result<ExitCode> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    if dir.exists() {
        if !dir.is_dir() {
            bail!("{} is not a directory", dir.display());
        }
        let mut entries =
            std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty; align init writes a workspace only into a new or empty directory",
                dir.display()
            );
        }
    } else {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let name = crate::init::name_for(&dir);
    crate::init::write_starter(&dir, &name)
        .with_context(|| format!("cannot write the workspace in {}", dir.display()))?;
    if !global.quiet {
        let mut out = crate::console::stdout();
        writeln!(
            out,
            "Created the workspace \"{name}\" in {}:",
            dir.display()
        )?;
        for (relative, _) in crate::init::FILES {
            writeln!(out, "  {relative}")?;
        }
        let at = dir.display();
        writeln!(
            out,
            "\nNext:\n  align lint {at}\n  align render proposal --workspace {at} --account example-account"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
