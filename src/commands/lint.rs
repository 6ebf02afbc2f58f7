//! `align lint [PATH...]`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use super::AsOfArgs;
use crate::baseline::{Baseline, Stale};
use crate::codes;
use crate::commands::GlobalArgs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{Collect, LintOptions, LintSummary, Sink, lint};
use crate::output::{LintFormat, LintReport, LintWriter, WriterOptions, plural, write_lint};
use crate::selection::Selection;
use crate::workspace::{Workspace, discover, open_root_with};

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files or folders to check (default: the whole workspace, found by
    /// walking up from the current directory or the first path). A folder
    /// holding align.toml is that whole workspace.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
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
    /// Apply the safe fixes findings carry (AL205, AL214), then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Print the safe fixes as a unified diff instead of applying them;
    /// writes nothing, exits 1 when there is something to fix.
    #[arg(long)]
    pub diff: bool,
    /// Count findings per rule instead of listing them.
    #[arg(long)]
    pub statistics: bool,
    /// Leave out the findings this baseline file (TOML) accepts; report
    /// its entries that no longer match.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write every current finding to the `--baseline` file (keeping
    /// entries for paths and rules this run did not check).
    #[arg(long, requires = "baseline")]
    pub update_baseline: bool,
    /// Write the report to FILE (replaced atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
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
    // Git is asked what changed while the map is parsed.
    let changes = |workspace: &Workspace| match &args.changed_since {
        Some(rev) if !workspace.settings_unreadable => Some(crate::changed::since(workspace, rev)),
        _ => None,
    };
    let (workspace, selection, changes) = open(&args.paths, global, changes)?;
    if workspace.settings_unreadable {
        return report_unreadable_settings(global, &args, &workspace);
    }
    let as_of = args.as_of.resolve(&workspace.settings.timezone)?;
    let options = LintOptions {
        today: as_of
            .to_zoned_datetime(workspace.settings.timezone.clone())
            .date(),
        as_of,
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        selection,
        excerpts: args.format.prints_excerpts() && !args.statistics,
        only: match changes {
            Some(changes) => crate::changed::scope(&workspace, &changes?),
            None => None,
        },
    };
    // A broken baseline stops the run before any work.
    let baseline = match &args.baseline {
        Some(path) => Some(read_baseline(path, args.update_baseline)?),
        None => None,
    };
    if args.diff {
        let (findings, _) = collect(&workspace, &options, false, global)?;
        return preview_fixes(&findings, &std::env::current_dir()?, global.quiet);
    }
    // `--fix` and `--baseline` need every finding before anything is
    // printed; otherwise findings stream from the checks to the output.
    let collected = if args.fix || baseline.is_some() {
        let (mut findings, mut summary) = collect(&workspace, &options, args.fix, global)?;
        if let (Some(path), Some(baseline)) = (&args.baseline, baseline) {
            let update = args.update_baseline.then_some(path.as_path());
            let stale = apply_baseline(
                baseline,
                update,
                &workspace,
                &options,
                &mut findings,
                global,
            )?;
            if !stale.is_empty() && !global.quiet {
                report_stale(path, &stale);
            }
            summary = LintSummary {
                errors: count(&findings, Severity::Error),
                warnings: count(&findings, Severity::Warning),
                files_checked: summary.files_checked,
            };
        }
        Some((findings, summary))
    } else {
        None
    };
    let writer_options = WriterOptions {
        cwd: std::env::current_dir()?,
        color: global.color() && args.output_file.is_none(),
        statistics: args.statistics,
        quiet: global.quiet,
        deny_warnings: args.deny_warnings,
    };
    let write = |out: &mut dyn Write| -> anyhow::Result<LintSummary> {
        let mut writer = LintWriter::new(args.format, writer_options, out)?;
        let summary = match collected {
            Some((findings, summary)) => {
                writer.file(&findings)?;
                summary
            }
            None => lint(&workspace, &options, &mut writer)?,
        };
        writer.finish(&summary)?;
        Ok(summary)
    };
    let summary = match &args.output_file {
        Some(path) => {
            let mut written = Vec::new();
            let summary = write(&mut written)?;
            // Atomic: a CI step reading the file never sees half a report,
            // and a failed write leaves the previous one whole.
            crate::write::atomic(path, &written, true)
                .with_context(|| format!("cannot write {}", path.display()))?;
            summary
        }
        None => {
            // One write per buffer, not per line: a run can print a million lines.
            let mut out = std::io::BufWriter::with_capacity(64 << 10, crate::console::stdout());
            let summary = write(&mut out)?;
            out.flush()?;
            summary
        }
    };
    let failing = summary.count(Severity::Error) > 0
        || (args.deny_warnings && summary.count(Severity::Warning) > 0);
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Every finding of a run, after `--fix` when asked: the fixed workspace
/// is checked again.
fn collect(
    workspace: &Workspace,
    options: &LintOptions,
    fix: bool,
    global: &GlobalArgs,
) -> anyhow::Result<(Vec<Diagnostic>, LintSummary)> {
    let mut all = Collect::default();
    let summary = lint(workspace, options, &mut all)?;
    if !fix {
        return Ok((all.0, summary));
    }
    let applied = crate::fix::apply(&all.0)?;
    if applied.fixes == 0 {
        return Ok((all.0, summary));
    }
    if !global.quiet {
        eprintln!(
            "Fixed {} in {}.",
            plural(applied.fixes, "finding"),
            plural(applied.files, "file")
        );
    }
    let mut all = Collect::default();
    let summary = lint(workspace, options, &mut all)?;
    Ok((all.0, summary))
}

fn count(findings: &[Diagnostic], severity: Severity) -> usize {
    findings
        .iter()
        .filter(|finding| finding.severity == severity)
        .count()
}

/// Writes the report to `--output-file` or stdout.
fn emit(format: LintFormat, output_file: Option<&Path>, report: &LintReport) -> anyhow::Result<()> {
    match output_file {
        Some(path) => {
            let mut written = Vec::new();
            write_lint(format, report, &mut written)?;
            // Atomic: a CI step reading the file never sees half a report,
            // and a failed write leaves the previous one whole.
            crate::write::atomic(path, &written, true)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let mut out = crate::console::stdout();
            write_lint(format, report, &mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// An `align.toml` that cannot be read: its findings alone, in the format
/// asked for (CI annotates them like any other), and exit 2.
fn report_unreadable_settings(
    global: &GlobalArgs,
    args: &LintArgs,
    workspace: &crate::workspace::Workspace,
) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir()?;
    let report = LintReport {
        diagnostics: &workspace.diagnostics,
        files_checked: 1,
        cwd: &cwd,
        color: global.color() && args.output_file.is_none(),
        statistics: args.statistics,
        quiet: global.quiet,
        deny_warnings: args.deny_warnings,
    };
    emit(args.format, args.output_file.as_deref(), &report)?;
    writeln!(
        crate::console::stderr(),
        "error: {}",
        super::UNREADABLE_SETTINGS
    )?;
    Ok(ExitCode::from(2))
}

/// `--diff`: the fixes as a unified diff on stdout, nothing written.
fn preview_fixes(findings: &[Diagnostic], cwd: &Path, quiet: bool) -> anyhow::Result<ExitCode> {
    let (diff, would) =
        crate::fix::preview(findings, |path| crate::output::display_path(path, cwd))?;
    let mut out = crate::console::stdout();
    out.write_all(diff.as_bytes())?;
    out.flush()?;
    if !quiet {
        if would.fixes == 0 {
            writeln!(crate::console::stderr(), "No fixes available.")?;
        } else {
            writeln!(
                crate::console::stderr(),
                "Would fix {} in {}.",
                plural(would.fixes, "finding"),
                plural(would.files, "file")
            )?;
        }
    }
    Ok(if would.fixes > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The workspace and the paths to report on, and what `alongside` made of
/// the workspace's settings while its map was read. `--workspace` names the
/// root; otherwise the workspace around the current directory is the root
/// (or a lone folder holding align.toml), and any other paths find theirs
/// by walking up from the first one.
fn open<T: Send>(
    paths: &[PathBuf],
    global: &GlobalArgs,
    alongside: impl FnOnce(&Workspace) -> T + Send,
) -> anyhow::Result<(Workspace, Selection, T)> {
    if let Some(missing) = paths.iter().find(|path| !path.exists()) {
        bail!("{} does not exist", missing.display());
    }
    let root = match (&global.workspace, paths) {
        (Some(root), _) => root.clone(),
        (None, []) => discover(&std::env::current_dir()?)?,
        (None, [first, ..]) => {
            let start = if first.is_dir() {
                first.as_path()
            } else {
                first.parent().unwrap_or(Path::new("."))
            };
            // A path in no workspace is reported as outside the one
            // around the current directory, if there is one.
            discover(start).or_else(|error| {
                std::env::current_dir()
                    .ok()
                    .and_then(|cwd| discover(&cwd).ok())
                    .ok_or(error)
            })?
        }
    };
    let (workspace, side) = open_root_with(&root, alongside)?;
    let selection = Selection::of(&workspace.root, paths)?;
    Ok((workspace, selection, side))
}

/// Leaves out the findings `baseline` accepts, after writing every finding
/// to it first when updating; returns its stale entries.
fn apply_baseline(
    mut baseline: Baseline,
    update: Option<&Path>,
    workspace: &Workspace,
    options: &LintOptions,
    findings: &mut Vec<Diagnostic>,
    global: &GlobalArgs,
) -> anyhow::Result<Vec<Stale>> {
    let checked = |relative: &str, code: &str| {
        options.selection.covers(relative) && is_selected(options, code)
    };
    if let Some(path) = update {
        let recorded = findings
            .iter()
            .map(|diagnostic| (workspace.relative(&diagnostic.path), diagnostic));
        baseline = Baseline::record(&baseline, checked, recorded);
        crate::write::atomic(path, baseline.to_toml().as_bytes(), true)
            .with_context(|| format!("cannot write the baseline {}", path.display()))?;
        if !global.quiet {
            let (findings, files) = baseline.size();
            eprintln!(
                "Wrote {} in {} to {}.",
                plural(findings, "finding"),
                plural(files, "file"),
                path.display()
            );
        }
    }
    findings.retain(|diagnostic| {
        !baseline.suppresses(&workspace.relative(&diagnostic.path), diagnostic)
    });
    Ok(baseline.stale(checked))
}

/// Whether `--select` and `--ignore` let `code` through.
fn is_selected(options: &LintOptions, code: &str) -> bool {
    let selected =
        options.select.is_empty() || options.select.iter().any(|s| codes::selects(s, code));
    selected && !options.ignore.iter().any(|s| codes::selects(s, code))
}

/// The baseline at `path`; a missing file is an empty baseline only when
/// it is about to be written.
fn read_baseline(path: &Path, updating: bool) -> anyhow::Result<Baseline> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if updating && error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Baseline::default());
        }
        Err(error) => bail!("cannot read the baseline {}: {error}", path.display()),
    };
    Baseline::read(path, text).map_err(|problems| {
        let cwd = std::env::current_dir().unwrap_or_default();
        let report = LintReport {
            diagnostics: &problems,
            files_checked: 1,
            cwd: &cwd,
            color: false,
            statistics: false,
            quiet: true,
            deny_warnings: false,
        };
        let mut err = std::io::stderr().lock();
        let _ = write_lint(LintFormat::Human, &report, &mut err);
        anyhow::anyhow!(
            "the baseline {} is invalid; fix it or regenerate it with --update-baseline",
            path.display()
        )
    })
}

/// Stale entries go to stderr, so they never mix with a machine format.
fn report_stale(path: &Path, stale: &[Stale]) {
    let unmatched: usize = stale.iter().map(|entry| entry.unmatched).sum();
    eprintln!(
        "warning: {} in the baseline {} no longer found; run `align lint --baseline {} --update-baseline` to drop {}:",
        plural(unmatched, "finding"),
        path.display(),
        path.display(),
        if unmatched == 1 { "it" } else { "them" },
    );
    for entry in stale {
        let times = if entry.unmatched > 1 {
            format!(" (x{})", entry.unmatched)
        } else {
            String::new()
        };
        eprintln!("  {}: {} {}{times}", entry.path, entry.code, entry.message);
    }
}
