//! `align lint [WORKSPACE]`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use super::AsOfArgs;
use crate::codes;
use crate::commands::GlobalArgs;
use crate::diagnostic::Severity;
use crate::lint::{Collect, LintOptions, Sink, lint};
use crate::output::{LintFormat, LintWriter, WriterOptions, plural};

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
        excerpts: args.format.prints_excerpts() && !args.statistics,
    };
    // `--fix` needs every finding's fix before anything is printed; when it
    // changed nothing, the findings it collected are the report.
    let mut collected = None;
    if args.fix {
        let mut all = Collect::default();
        let summary = lint(&workspace, &options, &mut all)?;
        let applied = crate::fix::apply(&all.0)?;
        if applied.fixes > 0 {
            if !global.quiet {
                eprintln!(
                    "Fixed {} in {}.",
                    plural(applied.fixes, "finding"),
                    plural(applied.files, "file")
                );
            }
        } else {
            collected = Some((all.0, summary));
        }
    }
    let writer_options = WriterOptions {
        cwd: std::env::current_dir()?,
        color: global.color(),
        statistics: args.statistics,
        quiet: global.quiet,
    };
    // One write per buffer, not per line: a run can print a million lines.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let mut writer = LintWriter::new(args.format, writer_options, &mut out)?;
    let summary = match collected {
        Some((findings, summary)) => {
            writer.file(&findings)?;
            summary
        }
        None => lint(&workspace, &options, &mut writer)?,
    };
    writer.finish(&summary)?;
    out.flush()?;
    let failing = summary.count(Severity::Error) > 0
        || (args.deny_warnings && summary.count(Severity::Warning) > 0);
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
