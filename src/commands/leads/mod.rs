//! `align leads overdue|due|score|sla`: the lead SLA as sales managers ask
//! about it. Every subcommand loads the workspace and the criteria first; a
//! malformed criteria file, SLA or `align.toml` stops it with exit 2 and
//! the located diagnostics. Rows that cannot be judged never vanish: each
//! is named on stderr as `path:line: reason` and counted in the summary,
//! while every other result is still printed.

mod overdue;
mod score;
mod sla;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::Subcommand;
use jiff::Timestamp;

use crate::commands::AsOfArgs;
use crate::commands::GlobalArgs;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::leads::canonical::ID;
use crate::leads::{self, Agreement, Columns, FileRules, LeadsFile, LeadsReader, Row, RowProblem};
use crate::lint::configured_severity;
use crate::output::{LintFormat, LintReport, display_path, write_lint};
use crate::workspace::Workspace;
use crate::workspace::settings::LEAD_COLUMNS;

#[derive(Debug, Subcommand)]
pub enum LeadsCommand {
    /// Overdue leads: assigned, never touched, open, past their SLA
    /// deadline. Earliest deadline first.
    Overdue(overdue::OverdueArgs),
    /// Open leads whose deadline falls within the next DURATION: who to
    /// call now.
    Due(overdue::DueArgs),
    /// Each lead's score, stage, tier and disqualification.
    Score(score::ScoreArgs),
    /// First-touch SLA performance per owner, tier and source.
    Sla(sla::SlaArgs),
}

/// The formats of lead lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
}

pub fn run(global: &GlobalArgs, command: LeadsCommand) -> anyhow::Result<ExitCode> {
    match command {
        LeadsCommand::Overdue(args) => overdue::overdue(global, args),
        LeadsCommand::Due(args) => overdue::due(global, args),
        LeadsCommand::Score(args) => score::run(global, args),
        LeadsCommand::Sla(args) => sla::run(global, args),
    }
}

/// A workspace whose criteria (and SLA, where needed) are sound.
pub(crate) struct Session {
    pub workspace: Workspace,
    pub agreement: Agreement,
    pub as_of: Timestamp,
    pub files: Vec<LeadsFile>,
    pub cwd: PathBuf,
    pub quiet: bool,
}

/// What opening a session gave: a session, or the exit status after the
/// blocking diagnostics were printed.
pub(crate) enum Opened {
    Ready(Box<Session>),
    Stopped(ExitCode),
}

impl Session {
    pub fn open(global: &GlobalArgs, as_of: &AsOfArgs, needs_sla: bool) -> anyhow::Result<Opened> {
        let workspace = super::open_workspace(None, global)?;
        let as_of = as_of.resolve(&workspace.settings.timezone)?;
        let cwd = std::env::current_dir()?;
        let (criteria, mut found) = crate::criteria::load(&workspace);
        let files = leads::files(&workspace);
        let mut columns = Vec::new();
        for file in &files {
            if let Some(header) = read_header(file)? {
                columns.push(Columns::new(&header, &file.import));
            }
        }
        let known = leads::known_columns(&columns);
        crate::criteria::check_columns(
            &criteria,
            &known,
            |name| leads::is_known_column(&known, name),
            &mut found,
        );

        // align.toml problems (business hours, the leads zone, column
        // mapping) and criteria problems stop the command; map problems
        // are for `align lint`.
        // Severities follow `[lint] severity`, as in `align lint`.
        let settings_path = workspace.settings_source.path.clone();
        let lint = &workspace.settings.lint;
        let mut blocking: Vec<Diagnostic> = workspace
            .diagnostics
            .iter()
            .filter(|d| d.path == settings_path)
            .cloned()
            .chain(found)
            .filter_map(|mut d| {
                if let Some(configured) = configured_severity(lint, d.code()) {
                    d.severity = configured?;
                }
                (d.severity == Severity::Error).then_some(d)
            })
            .collect();
        if !blocking.is_empty() {
            diagnostic::sort(&mut blocking);
            let report = LintReport {
                diagnostics: &blocking,
                files_checked: 1 + criteria.files.len(),
                cwd: &cwd,
                color: false,
                statistics: false,
                quiet: global.quiet,
                deny_warnings: false,
            };
            let mut err = crate::console::stderr();
            write_lint(LintFormat::Human, &report, &mut err)?;
            writeln!(
                err,
                "error: fix the criteria and align.toml first (`align lint` checks them)"
            )?;
            return Ok(Opened::Stopped(ExitCode::from(2)));
        }
        if criteria.files.is_empty() {
            bail!(
                "no criteria: {}/ holds no .toml file defining the lead criteria",
                workspace.settings.paths.criteria
            );
        }
        if needs_sla && criteria.sla.is_none() {
            bail!("the criteria define no `[sla]`: add one with the first-touch time of each tier");
        }
        let agreement = Agreement::new(&workspace.settings, criteria);
        let session = Session {
            workspace,
            agreement,
            as_of,
            files,
            cwd,
            quiet: global.quiet,
        };
        session.note_skipped();
        Ok(Opened::Ready(Box::new(session)))
    }

    /// Names each leads entry that is not a regular file, once.
    fn note_skipped(&self) {
        if self.quiet {
            return;
        }
        for path in leads::skipped(&self.workspace) {
            eprintln!("note: {}: not a regular file, skipped", self.show(&path));
        }
    }

    /// What the end of a file's read found: an unterminated quote is a
    /// problem; a report footer is a note.
    fn end_of_file(&self, file: &LeadsFile, end: leads::ScanEnd, problems: &mut Vec<RowProblem>) {
        if let (Some(footer), false) = (end.footer, self.quiet) {
            eprintln!(
                "note: {}:{}: {} after the last lead skipped (a report footer)",
                self.show(&file.path),
                footer.line,
                plural(footer.lines, "line", "lines")
            );
        }
        push_unterminated(file, end, problems);
    }

    /// Opens a file's reader and binds the agreement to its columns; a
    /// file that cannot be read as leads at all is a problem instead.
    fn open_file(
        &self,
        file: &LeadsFile,
        problems: &mut Vec<RowProblem>,
    ) -> anyhow::Result<Option<(LeadsReader, FileRules<'_>)>> {
        let reader = file
            .open()
            .with_context(|| format!("cannot read {}", self.show(&file.path)))?;
        let problem = |line: u64, reason: String| RowProblem {
            path: file.path.clone(),
            line,
            reason,
        };
        let Some(header) = &reader.header else {
            problems.push(problem(
                1,
                "the file is empty: no header row, so no leads".into(),
            ));
            return Ok(None);
        };
        let columns = Columns::new(header, &file.import);
        if columns.get(ID).is_none() {
            problems.push(problem(
                reader.header_line,
                "the header has no `id` column, so no lead can be named".into(),
            ));
            return Ok(None);
        }
        for (canonical, header, _) in &columns.missing_mapped {
            problems.push(problem(
                reader.header_line,
                format!(
                    "no column `{header}`, which align.toml maps to `{}`: the column is taken as empty",
                    LEAD_COLUMNS[*canonical]
                ),
            ));
        }
        let rules = FileRules::new(&self.agreement, columns, &file.import);
        Ok(Some((reader, rules)))
    }

    /// Reads every leads file in parallel: each block folds its rows into
    /// a state; a row `visit` cannot judge becomes a problem.
    pub fn scan<S, I, V>(&self, init: I, visit: V) -> anyhow::Result<(Vec<S>, Vec<RowProblem>)>
    where
        S: Send,
        I: Fn() -> S + Sync + Send,
        V: Fn(&FileRules<'_>, &mut S, &Row<'_>) -> Result<(), String> + Sync + Send,
    {
        let mut states = Vec::new();
        let mut problems = Vec::new();
        for file in &self.files {
            let Some((reader, rules)) = self.open_file(file, &mut problems)? else {
                continue;
            };
            let (found, end) = reader
                .par_scan(
                    || (init(), Vec::new()),
                    |(state, problems): &mut (S, Vec<RowProblem>), row| {
                        if let Err(reason) = visit(&rules, state, row) {
                            problems.push(RowProblem::new(row, reason));
                        }
                    },
                )
                .with_context(|| format!("cannot read {}", self.show(&file.path)))?;
            for (state, found) in found {
                states.push(state);
                problems.extend(found);
            }
            self.end_of_file(file, end, &mut problems);
        }
        Ok((states, problems))
    }

    /// Like [`Session::scan`], merging the states of finished blocks as it
    /// goes: one state for all files.
    pub fn scan_merged<S, I, V, M>(
        &self,
        init: I,
        visit: V,
        merge: M,
    ) -> anyhow::Result<(S, Vec<RowProblem>)>
    where
        S: Send,
        I: Fn() -> S + Sync + Send,
        V: Fn(&FileRules<'_>, &mut S, &Row<'_>) -> Result<(), String> + Sync + Send,
        M: Fn(S, S) -> S + Sync + Send,
    {
        let mut merged = init();
        let mut problems = Vec::new();
        for file in &self.files {
            let Some((reader, rules)) = self.open_file(file, &mut problems)? else {
                continue;
            };
            let ((state, found), end) = reader
                .par_reduce(
                    || (init(), Vec::new()),
                    |(state, problems): &mut (S, Vec<RowProblem>), row| {
                        if let Err(reason) = visit(&rules, state, row) {
                            problems.push(RowProblem::new(row, reason));
                        }
                    },
                    |(a, mut problems_a), (b, problems_b)| {
                        problems_a.extend(problems_b);
                        (merge(a, b), problems_a)
                    },
                )
                .with_context(|| format!("cannot read {}", self.show(&file.path)))?;
            merged = merge(merged, state);
            problems.extend(found);
            self.end_of_file(file, end, &mut problems);
        }
        Ok((merged, problems))
    }

    /// Reads every leads file in order on this thread.
    pub fn scan_in_order(
        &self,
        mut visit: impl FnMut(&FileRules<'_>, &Row<'_>) -> Result<(), String>,
    ) -> anyhow::Result<Vec<RowProblem>> {
        let mut problems = Vec::new();
        for file in &self.files {
            let Some((reader, rules)) = self.open_file(file, &mut problems)? else {
                continue;
            };
            let mut found = Vec::new();
            let end = reader
                .scan(|row| {
                    if let Err(reason) = visit(&rules, row) {
                        found.push(RowProblem::new(row, reason));
                    }
                })
                .with_context(|| format!("cannot read {}", self.show(&file.path)))?;
            problems.extend(found);
            self.end_of_file(file, end, &mut problems);
        }
        Ok(problems)
    }

    /// Reads every leads file in order, blocks in parallel: each block's
    /// rows fold into a fresh `init()` state, and `emit` receives the
    /// states in file order while later blocks are read.
    pub fn par_scan_in_order<S: Send>(
        &self,
        init: impl Fn() -> S + Sync + Send,
        visit: impl Fn(&mut S, &FileRules<'_>, &Row<'_>) -> Result<(), String> + Sync + Send,
        mut emit: impl FnMut(S) -> std::io::Result<()> + Send,
    ) -> anyhow::Result<Vec<RowProblem>> {
        let mut problems = Vec::new();
        for file in &self.files {
            let Some((reader, rules)) = self.open_file(file, &mut problems)? else {
                continue;
            };
            let end = reader
                .par_scan_ordered(
                    || (init(), Vec::new()),
                    |(state, found): &mut (S, Vec<RowProblem>), row| {
                        if let Err(reason) = visit(state, &rules, row) {
                            found.push(RowProblem::new(row, reason));
                        }
                    },
                    |(state, found)| {
                        problems.extend(found);
                        emit(state)
                    },
                )
                .with_context(|| format!("cannot read {}", self.show(&file.path)))?;
            self.end_of_file(file, end, &mut problems);
        }
        Ok(problems)
    }

    /// A path as findings show it: relative to the current directory when
    /// under it.
    pub fn show(&self, path: &std::path::Path) -> String {
        display_path(path, &self.cwd)
    }

    /// Where a criteria rule is written: `criteria/fit.toml:12`.
    pub fn location(&self, rule: &crate::criteria::Criterion) -> String {
        format!(
            "{}:{}",
            self.show(&rule.source.path),
            rule.source.position(rule.span.start).line
        )
    }

    /// A timestamp as every command prints it: RFC 3339 at the workspace
    /// zone's offset.
    pub fn stamp(&self, t: Timestamp) -> String {
        crate::clock::format_timestamp(t, &self.agreement.zone)
    }

    /// Names every problem on stderr, `path:line: reason`, in file order.
    pub fn report_problems(&self, problems: &mut [RowProblem]) -> anyhow::Result<()> {
        problems.sort_by(|a, b| (&a.path, a.line, &a.reason).cmp(&(&b.path, b.line, &b.reason)));
        let mut err = crate::console::stderr();
        for problem in problems.iter() {
            writeln!(
                err,
                "{}:{}: {}",
                self.show(&problem.path),
                problem.line,
                problem.reason
            )?;
        }
        Ok(())
    }

    /// The summary line on stderr (not with `-q`), with the problem count.
    pub fn summary(&self, text: &str, problems: usize) -> anyhow::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let mut line = text.to_owned();
        if problems > 0 {
            // Rows mostly, but a file without a header counts too.
            line.push_str(&format!(
                "; {problems} could not be evaluated (listed above)"
            ));
        }
        writeln!(crate::console::stderr(), "{line}")?;
        Ok(())
    }
}

fn push_unterminated(file: &LeadsFile, end: leads::ScanEnd, problems: &mut Vec<RowProblem>) {
    if let Some(open) = end.unterminated_quote {
        problems.push(RowProblem {
            path: file.path.clone(),
            line: open.line as u64,
            reason: format!(
                "a quoted cell opens at column {} and is never closed: the rest of the file was read as that cell",
                open.column
            ),
        });
    }
}

/// The header row of a leads file, if it has one.
fn read_header(file: &LeadsFile) -> anyhow::Result<Option<csv::ByteRecord>> {
    let reader = file
        .open()
        .with_context(|| format!("cannot read {}", file.path.display()))?;
    Ok(reader.header)
}

/// `s` for counts other than one.
pub(crate) fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
