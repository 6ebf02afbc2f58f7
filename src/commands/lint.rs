//! `align lint [WORKSPACE]`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use super::AsOfArgs;
use crate::codes;
use crate::commands::GlobalArgs;
use crate::diagnostic::Severity;
use crate::lint::{LintOptions, lint};
use crate::output::{LintFormat, LintReport, plural, write_lint};

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// The workspace to check (default: found from the current directory).
    #[arg(value_name = "WORKSPACE")]
    pub dir: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Only these rules: codes or prefixes, comma-separated (AL2,AL101).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Leave out these rules: codes or prefixes, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Apply the safe fixes findings carry (AL205), then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Count findings per rule instead of listing them.
    #[arg(long)]
    pub statistics: bool,
    /// Report only findings in files changed since this git revision, and
    /// in files citing map entries changed since it.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    #[command(flatten)]
    pub as_of: AsOfArgs,
}

pub fn run(global: &GlobalArgs, args: LintArgs) -> anyhow::Result<ExitCode> {
    for selector in args.select.iter().chain(&args.ignore) {
        if !codes::is_known_selector(selector) {
            bail!("`{selector}` names no rule (use a code such as AL204 or a prefix such as AL2)");
        }
    }
    let workspace = super::open_workspace(args.dir.as_deref(), global)?;
    let as_of = args.as_of.resolve(&workspace.settings.timezone)?;
    let options = LintOptions {
        today: as_of
            .to_zoned_datetime(workspace.settings.timezone.clone())
            .date(),
        as_of,
        select: args.select,
        ignore: args.ignore,
        only: match &args.changed_since {
            Some(rev) => crate::changed::scope(&workspace, rev)?,
            None => None,
        },
    };
    let mut run = lint(&workspace, &options);
    if args.fix {
        let applied = crate::fix::apply(&run.diagnostics)?;
        if applied.fixes > 0 {
            if !global.quiet {
                eprintln!(
                    "Fixed {} in {}.",
                    plural(applied.fixes, "finding"),
                    plural(applied.files, "file")
                );
            }
            run = lint(&workspace, &options);
        }
    }
    let cwd = std::env::current_dir()?;
    let report = LintReport {
        diagnostics: &run.diagnostics,
        files_checked: run.files_checked,
        cwd: &cwd,
        color: global.color(),
        statistics: args.statistics,
        quiet: global.quiet,
    };
    let mut out = std::io::stdout().lock();
    write_lint(args.format, &report, &mut out)?;
    out.flush()?;
    let failing =
        run.count(Severity::Error) > 0 || (args.deny_warnings && run.count(Severity::Warning) > 0);
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
