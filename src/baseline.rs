//! `align lint --baseline FILE`: findings a team has accepted for now, so
//! CI can go green on day one and the backlog only shrinks.
//!
//! The file is TOML, keyed by path, then code, then message, with a count:
//!
//! ```toml
//! [files."collateral/battlecards/legacyco.md".AL204]
//! "banned phrase \"best-in-class\": unsubstantiated superlative" = 2
//! ```
//!
//! Never line numbers: text inserted above a finding moves it but leaves it
//! baselined. A finding is suppressed while its entry has count left, so a
//! third copy of a twice-baselined finding is reported. Counts left over at
//! the end are stale entries, reported so the baseline can be shrunk.
//!
//! [`Baseline::suppresses`] judges one finding at a time, so it works on a
//! run that streams one file's findings after another.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use crate::codes;
use crate::codes::files::{AL001, AL004};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::syntax::{Kind, Value};

/// Path → code → message → count.
type Counts = BTreeMap<String, BTreeMap<String, BTreeMap<String, usize>>>;

/// The findings a baseline file accepts, with what is left of each count.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Baseline {
    left: Counts,
}

/// An entry that matched fewer findings than it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub path: String,
    pub code: String,
    pub message: String,
    pub unmatched: usize,
}

const HEADER: &str = "\
# align lint baseline: these findings are accepted for now and not reported.
# Keyed by path, code and message (never lines); the number is how many.
# Regenerate with `align lint --baseline FILE --update-baseline`.
";

impl Baseline {
    /// Reads a baseline file. Every problem (invalid TOML, an unknown code,
    /// a count that is not a positive integer) is a located finding; any
    /// problem means the baseline cannot be trusted, so none is returned.
    pub fn read(path: &Path, text: String) -> Result<Baseline, Vec<Diagnostic>> {
        let source = SourceFile::new(Arc::from(path), path.display().to_string(), text);
        let root = crate::syntax::toml::parse(&source.text)
            .map_err(|error| vec![source.diagnostic(&AL001, error.span, error.message)])?;
        let mut problems = Vec::new();
        let mut baseline = Baseline::default();
        for entry in table_entries(&root, &source, "the baseline", &mut problems) {
            if entry.key != "files" {
                problems.push(
                    source
                        .diagnostic(
                            &AL004,
                            entry.key_span.clone(),
                            format!("unknown key `{}` in the baseline", entry.key),
                        )
                        .with_help("a baseline holds only `[files.\"PATH\".CODE]` tables"),
                );
                continue;
            }
            baseline.read_files(&entry.value, &source, &mut problems);
        }
        if problems.is_empty() {
            Ok(baseline)
        } else {
            Err(problems)
        }
    }

    fn read_files(&mut self, files: &Value, source: &SourceFile, problems: &mut Vec<Diagnostic>) {
        for file in table_entries(files, source, "`files`", problems) {
            let what = format!("`{}`", file.key);
            for code in table_entries(&file.value, source, &what, problems) {
                if codes::by_code(&code.key).is_none() {
                    problems.push(
                        source
                            .diagnostic(
                                &AL004,
                                code.key_span.clone(),
                                format!("`{}` names no rule", code.key),
                            )
                            .with_help("remove the entry, or run `align lint --update-baseline`"),
                    );
                    continue;
                }
                let what = format!("`{}`", code.key);
                for message in table_entries(&code.value, source, &what, problems) {
                    match message.value.kind {
                        Kind::Integer(count) if count > 0 => {
                            *self
                                .left
                                .entry(file.key.clone())
                                .or_default()
                                .entry(code.key.clone())
                                .or_default()
                                .entry(message.key.clone())
                                .or_default() += usize::try_from(count).unwrap_or(usize::MAX);
                        }
                        _ => problems.push(source.diagnostic(
                            &AL004,
                            message.value.span.clone(),
                            "a baseline count must be a positive integer",
                        )),
                    }
                }
            }
        }
    }

    /// Whether the baseline accepts `diagnostic` (found in the file at
    /// `relative`, the workspace-relative path); uses up one count if so.
    pub fn suppresses(&mut self, relative: &str, diagnostic: &Diagnostic) -> bool {
        let Some(count) = self
            .left
            .get_mut(relative)
            .and_then(|codes| codes.get_mut(diagnostic.code()))
            .and_then(|messages| messages.get_mut(diagnostic.message.as_str()))
        else {
            return false;
        };
        if *count == 0 {
            return false;
        }
        *count -= 1;
        true
    }

    /// The entries with count left over, among those `checked` says this
    /// run looked at (a run limited to some paths or codes cannot tell
    /// whether the others still occur).
    pub fn stale(&self, checked: impl Fn(&str, &str) -> bool) -> Vec<Stale> {
        let mut stale = Vec::new();
        for (path, codes) in &self.left {
            for (code, messages) in codes {
                if !checked(path, code) {
                    continue;
                }
                for (message, &unmatched) in messages {
                    if unmatched > 0 {
                        stale.push(Stale {
                            path: path.clone(),
                            code: code.clone(),
                            message: message.clone(),
                            unmatched,
                        });
                    }
                }
            }
        }
        stale
    }

    /// A baseline accepting exactly `findings` (path, finding), keeping
    /// the entries of `previous` that `checked` says this run did not look
    /// at.
    pub fn record<'d>(
        previous: &Baseline,
        checked: impl Fn(&str, &str) -> bool,
        findings: impl IntoIterator<Item = (String, &'d Diagnostic)>,
    ) -> Baseline {
        let mut left = Counts::new();
        for (path, codes) in &previous.left {
            for (code, messages) in codes {
                if !checked(path, code) {
                    left.entry(path.clone())
                        .or_default()
                        .insert(code.clone(), messages.clone());
                }
            }
        }
        for (path, diagnostic) in findings {
            *left
                .entry(path)
                .or_default()
                .entry(diagnostic.code().to_owned())
                .or_default()
                .entry(diagnostic.message.clone())
                .or_default() += 1;
        }
        Baseline { left }
    }

    /// How many findings the baseline accepts, in how many files.
    pub fn size(&self) -> (usize, usize) {
        let findings = self
            .left
            .values()
            .flat_map(BTreeMap::values)
            .flat_map(BTreeMap::values)
            .sum();
        (findings, self.left.len())
    }

    /// The file's text: sorted, so regenerating it gives a small diff.
    pub fn to_toml(&self) -> String {
        let mut text = String::from(HEADER);
        for (path, codes) in &self.left {
            for (code, messages) in codes {
                let _ = write!(text, "\n[files.{}.{code}]\n", quoted(path));
                for (message, count) in messages {
                    let _ = writeln!(text, "{} = {count}", quoted(message));
                }
            }
        }
        text
    }
}

/// The entries of a table; anything else is a finding and has none.
fn table_entries<'v>(
    value: &'v Value,
    source: &SourceFile,
    what: &str,
    problems: &mut Vec<Diagnostic>,
) -> &'v [crate::syntax::Entry] {
    match &value.kind {
        Kind::Table(table) => &table.entries,
        other => {
            problems.push(source.diagnostic(
                &AL004,
                value.span.clone(),
                format!("{what} must be a table, found {}", other.describe()),
            ));
            &[]
        }
    }
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for character in text.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            control if control.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(control));
            }
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::collateral::AL204;
    use crate::diagnostic::Position;

    fn finding(message: &str) -> Diagnostic {
        Diagnostic::at(
            &AL204,
            Arc::from(Path::new("/ws/collateral/a.md")),
            Position::START,
            Position::START,
            message,
        )
    }

    fn read(text: &str) -> Result<Baseline, Vec<Diagnostic>> {
        Baseline::read(Path::new("baseline.toml"), text.to_owned())
    }

    #[test]
    fn counts_are_used_up_and_the_rest_is_stale() {
        let mut baseline =
            read("[files.\"collateral/a.md\".AL204]\n\"banned \\\"x\\\"\" = 2\n").unwrap();
        let x = finding("banned \"x\"");
        assert!(baseline.suppresses("collateral/a.md", &x));
        assert!(!baseline.suppresses("collateral/b.md", &x));
        assert!(!baseline.suppresses("collateral/a.md", &finding("banned \"y\"")));
        let stale = baseline.stale(|_, _| true);
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].unmatched, 1);
        assert!(baseline.suppresses("collateral/a.md", &x));
        assert!(
            !baseline.suppresses("collateral/a.md", &x),
            "two, not three"
        );
        assert_eq!(baseline.stale(|_, _| true), []);
    }

    #[test]
    fn written_text_reads_back_the_same() {
        let odd = finding("quote \" backslash \\ tab \t bell \u{7} ünïcode");
        let recorded = Baseline::record(
            &Baseline::default(),
            |_, _| true,
            [
                ("collateral/a b.md".to_owned(), &odd),
                ("collateral/a b.md".to_owned(), &odd),
            ],
        );
        assert_eq!(recorded.size(), (2, 1));
        assert_eq!(read(&recorded.to_toml()).unwrap(), recorded);
    }

    #[test]
    fn recording_keeps_entries_the_run_did_not_check() {
        let previous = read("[files.\"map/m.toml\".AL103]\n\"m\" = 1\n[files.\"collateral/a.md\".AL204]\n\"old\" = 1\n").unwrap();
        let new = finding("new");
        let recorded = Baseline::record(
            &previous,
            |path, _| path.starts_with("collateral/"),
            [("collateral/a.md".to_owned(), &new)],
        );
        let text = recorded.to_toml();
        assert!(text.contains("[files.\"map/m.toml\".AL103]\n\"m\" = 1\n"));
        assert!(text.contains("\"new\" = 1"));
        assert!(!text.contains("old"));
    }

    #[test]
    fn problems_are_located() {
        let errors = read("[files.\"a.md\".AL999]\n\"m\" = 1\n[files.\"a.md\".AL204]\n\"n\" = 0\n")
            .unwrap_err();
        let found: Vec<_> = errors
            .iter()
            .map(|d| (d.start.line, d.start.column, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (1, 15, "`AL999` names no rule"),
                (4, 7, "a baseline count must be a positive integer")
            ]
        );
        let syntax = read("[files\n").unwrap_err();
        assert_eq!(syntax[0].code(), "AL001");
        assert!(read("lines = 3\n").is_err());
    }
}
