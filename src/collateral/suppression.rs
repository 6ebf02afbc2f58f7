//! Suppression comments inside collateral Markdown, so an author can quote a
//! banned phrase or a competitor on purpose and say so where it happens:
//!
//! ```markdown
//! <!-- align-disable AL204 AL205 -->   codes (or prefixes such as AL2) off
//! <!-- align-enable -->                all back on; with codes, only those
//! <!-- align-disable-next-line AL205 -->
//! <!-- align-disable AL206 -- quoting the analyst report -->
//! ```
//!
//! Without codes a directive covers every code. Codes may be separated by
//! white space or commas; everything after a `--` word is a free-text reason.
//! Any other word is a problem returned to the caller, because a misspelt
//! code silently ignored would leave findings on that the author meant off.
//!
//! Regions are by line, as diagnostics carry 1-based lines: a region starts
//! on the line where the disable comment ends and runs through the line
//! where the enable comment starts, so a line with any part inside the
//! region is suppressed (`<!-- align-disable -->x<!-- align-enable -->` on
//! one line suppresses that line). Without an enable it runs to the end of
//! the file. `align-disable-next-line` covers only the line after the one
//! where the comment ends.

use std::ops::Range;

use crate::collateral::prose::Comment;

/// Which rule codes are switched off where in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    /// In file order.
    directives: Vec<Directive>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    action: Action,
    /// Codes or code prefixes; empty means every code.
    codes: Vec<String>,
    /// The lines where the comment starts and ends.
    first_line: usize,
    last_line: usize,
    /// The comment's bytes in the file.
    span: Range<usize>,
    /// What removing the comment takes out: its whole line when nothing
    /// else is on it.
    removal: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Disable,
    Enable,
    DisableNextLine,
}

const COMMENT_OPEN: &str = "<!--";
const DIRECTIVE_PREFIX: &str = "align-";

impl Suppressions {
    /// From the HTML comments found by `scan`, and the whole file text (to
    /// know line boundaries). Comments that do not start with `align-` are
    /// ignored; unknown directives and codes come back as problems with
    /// their byte range in the file, and an unknown directive has no effect.
    pub fn from_comments(
        comments: &[Comment],
        file_text: &str,
    ) -> (Suppressions, Vec<(Range<usize>, String)>) {
        let lines = LineIndex::new(file_text);
        let mut ordered: Vec<&Comment> = comments.iter().collect();
        ordered.sort_by_key(|comment| comment.span.start);

        let mut directives = Vec::new();
        let mut problems = Vec::new();
        for comment in ordered {
            let text_start = comment.span.start.saturating_add(COMMENT_OPEN.len());
            let mut words = words(&comment.text).map(|(range, word)| {
                let start = text_start.saturating_add(range.start);
                (start..text_start.saturating_add(range.end), word)
            });
            let Some((range, first)) = words.next() else {
                continue;
            };
            if !first.starts_with(DIRECTIVE_PREFIX) {
                continue;
            }
            let action = match first {
                "align-disable" => Action::Disable,
                "align-enable" => Action::Enable,
                "align-disable-next-line" => Action::DisableNextLine,
                _ => {
                    problems.push((
                        range,
                        format!(
                            "unknown suppression directive `{first}`; expected \
                             `align-disable`, `align-enable` or `align-disable-next-line`"
                        ),
                    ));
                    continue;
                }
            };
            let mut codes = Vec::new();
            let mut rejected = false;
            for (range, word) in words {
                if word == "--" {
                    break;
                }
                rejected = true;
                if is_code_or_prefix(word) && crate::codes::is_known_selector(word) {
                    rejected = false;
                    codes.push(word.to_owned());
                } else if is_code_or_prefix(word) {
                    problems.push((range, format!("`{word}` in `{first}` names no rule")));
                } else {
                    problems.push((
                        range,
                        format!(
                            "`{word}` in `{first}` is not a rule code or prefix; write codes \
                             like `AL204` or prefixes like `AL2`, and put a reason after `--`"
                        ),
                    ));
                }
            }
            // Codes were written but none is valid: without codes the
            // directive would switch off every rule, which its author did
            // not ask for.
            if codes.is_empty() && rejected {
                continue;
            }
            let last_byte = comment.span.end.saturating_sub(1).max(comment.span.start);
            directives.push(Directive {
                action,
                codes,
                first_line: lines.line_of(comment.span.start),
                last_line: lines.line_of(last_byte),
                span: comment.span.clone(),
                removal: removal(file_text, comment.span.clone()),
            });
        }
        (Suppressions { directives }, problems)
    }

    /// Is `code` (e.g. "AL204") suppressed at this 1-based line of the file?
    pub fn is_suppressed(&self, code: &str, line: usize) -> bool {
        self.suppress(code, line, &mut Usage::default())
    }

    /// Like [`Suppressions::is_suppressed`], and records in `usage` every
    /// directive that suppresses the finding.
    pub fn suppress(&self, code: &str, line: usize, usage: &mut Usage) -> bool {
        let mut open_since: Option<usize> = None;
        let mut opened: Vec<usize> = Vec::new();
        let mut suppressed = false;
        for (index, directive) in self.directives.iter().enumerate() {
            if !directive.covers(code) {
                continue;
            }
            match directive.action {
                Action::DisableNextLine => {
                    if line == directive.last_line + 1 {
                        usage.mark(index);
                        suppressed = true;
                    }
                }
                Action::Disable => {
                    open_since.get_or_insert(directive.last_line);
                    opened.push(index);
                }
                Action::Enable => {
                    if let Some(start) = open_since.take() {
                        if (start..=directive.first_line).contains(&line) {
                            opened.iter().for_each(|&index| usage.mark(index));
                            suppressed = true;
                        }
                    }
                    opened.clear();
                }
            }
        }
        if open_since.is_some_and(|start| line >= start) {
            opened.iter().for_each(|&index| usage.mark(index));
            suppressed = true;
        }
        suppressed
    }

    /// The disable comments that suppressed nothing: (the comment's bytes,
    /// the bytes removing it takes out, the directive as written).
    pub fn unused(&self, usage: &Usage) -> Vec<Unused> {
        self.directives
            .iter()
            .enumerate()
            .filter(|(index, directive)| {
                directive.action != Action::Enable && !usage.used.contains(index)
            })
            .map(|(_, directive)| Unused {
                span: directive.span.clone(),
                removal: directive.removal.clone(),
                directive: directive.describe(),
            })
            .collect()
    }
}

/// Which directives of one file suppressed a finding.
#[derive(Debug, Default)]
pub struct Usage {
    used: Vec<usize>,
}

impl Usage {
    fn mark(&mut self, index: usize) {
        if !self.used.contains(&index) {
            self.used.push(index);
        }
    }
}

/// A disable comment that suppressed nothing (AL214).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unused {
    pub span: Range<usize>,
    pub removal: Range<usize>,
    /// `align-disable-next-line AL204`.
    pub directive: String,
}

impl Directive {
    fn describe(&self) -> String {
        let name = match self.action {
            Action::Disable => "align-disable",
            Action::Enable => "align-enable",
            Action::DisableNextLine => "align-disable-next-line",
        };
        std::iter::once(name)
            .chain(self.codes.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn covers(&self, code: &str) -> bool {
        self.codes.is_empty()
            || self
                .codes
                .iter()
                .any(|prefix| code.starts_with(prefix.as_str()))
    }
}

/// The bytes removing the comment at `span` takes out: the whole line,
/// line break included, when only white space surrounds the comment on it;
/// otherwise the comment alone.
fn removal(text: &str, span: Range<usize>) -> Range<usize> {
    let before = text.get(..span.start).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let after = text.get(span.end..).unwrap_or_default();
    let line_end = after
        .find('\n')
        .map_or(text.len(), |newline| span.end + newline + 1);
    let blank = |part: Option<&str>| part.is_some_and(|part| part.trim().is_empty());
    if blank(text.get(line_start..span.start)) && blank(text.get(span.end..line_end)) {
        line_start..line_end
    } else {
        span
    }
}

/// `AL` followed by up to three digits: a full code (`AL204`) or a prefix
/// (`AL2`, `AL20`), the same forms `--select` accepts.
fn is_code_or_prefix(word: &str) -> bool {
    word.strip_prefix("AL")
        .is_some_and(|digits| digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// The words of a comment with their byte ranges, split at white space and
/// commas.
fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let is_separator = |c: char| c.is_whitespace() || c == ',';
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = text.get(from..)?;
        let start = from + rest.find(|c: char| !is_separator(c))?;
        let word_rest = text.get(start..)?;
        let end = start + word_rest.find(is_separator).unwrap_or(word_rest.len());
        from = end;
        Some((start..end, text.get(start..end)?))
    })
}

/// Turns byte offsets into 1-based line numbers.
struct LineIndex {
    /// Byte offsets of every `\n`; a CRLF line ends at its `\n` too.
    newlines: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex {
            newlines: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&newline| newline < offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collateral::prose::scan;

    fn suppressions(file: &str) -> (Suppressions, Vec<(Range<usize>, String)>) {
        let scanned = scan(file, 0);
        Suppressions::from_comments(&scanned.comments, file)
    }

    /// The lines in 1..=last where `code` is suppressed.
    fn suppressed_lines(file: &str, code: &str) -> Vec<usize> {
        let (suppressions, problems) = suppressions(file);
        assert_eq!(problems, []);
        let last = file.lines().count() + 1;
        (1..=last)
            .filter(|&line| suppressions.is_suppressed(code, line))
            .collect()
    }

    #[test]
    fn region_runs_from_disable_to_enable() {
        let file = "a\n<!-- align-disable AL204 AL205 -->\nb\nc\n<!-- align-enable -->\nd\n";
        assert_eq!(suppressed_lines(file, "AL204"), [2, 3, 4, 5]);
        assert_eq!(suppressed_lines(file, "AL205"), [2, 3, 4, 5]);
        assert!(suppressed_lines(file, "AL206").is_empty());
    }

    #[test]
    fn region_without_enable_runs_to_end_of_file() {
        let file = "a\n\n<!-- align-disable -->\n\nb\n";
        assert_eq!(suppressed_lines(file, "AL213"), [3, 4, 5, 6]);
    }

    #[test]
    fn region_starts_where_a_multi_line_comment_ends() {
        let file = "<!-- align-disable\nAL204 -->\nb\n";
        assert_eq!(suppressed_lines(file, "AL204"), [2, 3, 4]);
    }

    #[test]
    fn region_on_one_line_suppresses_that_line() {
        let file = "a\nx <!-- align-disable AL204 -->best-in-class<!-- align-enable --> y\nz\n";
        assert_eq!(suppressed_lines(file, "AL204"), [2]);
    }

    #[test]
    fn next_line_covers_only_the_next_line() {
        let file = "<!-- align-disable-next-line AL205 -->\nNorth Ledger\nNorth Ledger\n";
        assert_eq!(suppressed_lines(file, "AL205"), [2]);
        assert!(suppressed_lines(file, "AL204").is_empty());
        let all = "a\n<!-- align-disable-next-line -->\nb\n";
        assert_eq!(suppressed_lines(all, "AL204"), [3]);
    }

    #[test]
    fn prefixes_cover_every_code_they_start() {
        let file = "<!-- align-disable AL2 -->\na\n";
        assert_eq!(suppressed_lines(file, "AL204"), [1, 2, 3]);
        assert_eq!(suppressed_lines(file, "AL213"), [1, 2, 3]);
        assert!(suppressed_lines(file, "AL101").is_empty());
    }

    #[test]
    fn enable_with_codes_re_enables_only_those() {
        let file = "<!-- align-disable -->\na\n<!-- align-enable AL204 -->\nb\n";
        assert_eq!(suppressed_lines(file, "AL204"), [1, 2, 3]);
        assert_eq!(suppressed_lines(file, "AL205"), [1, 2, 3, 4, 5]);
        let nested = "<!-- align-disable AL2 -->\n<!-- align-disable AL204 -->\n\
                      a\n<!-- align-enable AL204 -->\nb\n<!-- align-enable AL2 -->\nc\n";
        assert_eq!(suppressed_lines(nested, "AL204"), [1, 2, 3, 4]);
        assert_eq!(suppressed_lines(nested, "AL205"), [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn disable_again_after_enable() {
        let file = "<!-- align-disable -->\n<!-- align-enable -->\na\n<!-- align-disable -->\nb\n";
        assert_eq!(suppressed_lines(file, "AL204"), [1, 2, 4, 5, 6]);
    }

    #[test]
    fn commas_and_a_reason_are_allowed() {
        let file = "<!-- align-disable AL204, AL205 -- quoting the analyst -->\na\n";
        assert_eq!(suppressed_lines(file, "AL205"), [1, 2, 3]);
        assert!(suppressed_lines(file, "AL206").is_empty());
    }

    #[test]
    fn other_comments_and_code_are_ignored() {
        let file = "<!-- a note: align-disable -->\n`<!-- align-disable -->`\n\n\
                    ```\n<!-- align-disable -->\n```\n";
        assert!(suppressed_lines(file, "AL204").is_empty());
    }

    #[test]
    fn unknown_words_are_problems_with_their_span() {
        let file =
            "x\n<!-- align-disable AL204 al205 E501 AL2045 -->\n<!-- align-disabel AL204 -->\n";
        let (suppressions, problems) = suppressions(file);
        let words: Vec<_> = problems
            .iter()
            .map(|(range, _)| file.get(range.clone()).unwrap_or("?"))
            .collect();
        assert_eq!(words, ["al205", "E501", "AL2045", "align-disabel"]);
        assert!(problems[3].1.contains("unknown suppression directive"));
        assert!(suppressions.is_suppressed("AL204", 3));
        assert!(!suppressions.is_suppressed("AL205", 3));
    }

    /// The directives (as written) that suppress nothing when findings of
    /// `code` sit on `lines`.
    fn unused_with(file: &str, code: &str, lines: &[usize]) -> Vec<String> {
        let (suppressions, _) = suppressions(file);
        let mut usage = Usage::default();
        for &line in lines {
            suppressions.suppress(code, line, &mut usage);
        }
        suppressions
            .unused(&usage)
            .into_iter()
            .map(|unused| unused.directive)
            .collect()
    }

    #[test]
    fn a_directive_is_used_when_it_suppresses_a_finding() {
        let file = "<!-- align-disable-next-line AL205 -->\nx\n<!-- align-disable AL204 -->\ny\n\
                    <!-- align-enable -->\nz\n<!-- align-enable AL206 -->\n";
        assert_eq!(unused_with(file, "AL205", &[2]), ["align-disable AL204"]);
        assert_eq!(
            unused_with(file, "AL204", &[4]),
            ["align-disable-next-line AL205"]
        );
        assert_eq!(
            unused_with(file, "AL204", &[6]),
            ["align-disable-next-line AL205", "align-disable AL204"]
        );
        // Both of two nested disables suppress a finding inside both.
        let nested = "<!-- align-disable AL2 -->\n<!-- align-disable AL204 -->\na\n";
        assert!(unused_with(nested, "AL204", &[3]).is_empty());
    }

    #[test]
    fn removal_takes_the_whole_line_only_when_the_comment_is_alone() {
        let file =
            "a\n  <!-- align-disable -->  \r\nb <!-- align-disable --> c\n<!-- align-disable -->";
        let (suppressions, _) = suppressions(file);
        let removed: Vec<_> = suppressions
            .unused(&Usage::default())
            .into_iter()
            .map(|unused| file.get(unused.removal).unwrap_or("?").to_owned())
            .collect();
        assert_eq!(
            removed,
            [
                "  <!-- align-disable -->  \r\n",
                "<!-- align-disable -->",
                "<!-- align-disable -->"
            ]
        );
    }

    #[test]
    fn crlf_lines_count_like_lf() {
        let file = "a\r\n<!-- align-disable-next-line AL204 -->\r\nb\r\nc\r\n";
        assert_eq!(suppressed_lines(file, "AL204"), [3]);
    }
}
