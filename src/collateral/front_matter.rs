//! Splitting a collateral file into front matter (YAML between `---`
//! lines, or TOML between `+++` lines, at the very start) and Markdown body.

use std::ops::Range;

/// The parts of a collateral file, as byte ranges of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// No front matter: the whole file is the body.
    None,
    Yaml {
        content: Range<usize>,
        body: usize,
    },
    Toml {
        content: Range<usize>,
        body: usize,
    },
    /// An opening fence without a closing one; `fence` is the opening line.
    Unterminated {
        fence: Range<usize>,
        toml: bool,
    },
}

/// Finds the front matter at the very start of `text` (a BOM is already
/// gone). The fences are lines holding only `---` (or `...` to close YAML)
/// or `+++`; CRLF line ends are accepted.
pub fn split(text: &str) -> Split {
    let (fence, toml) = if text.starts_with("---") {
        ("---", false)
    } else if text.starts_with("+++") {
        ("+++", true)
    } else {
        return Split::None;
    };
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != fence {
        return Split::None;
    }
    let mut line_start = first_end;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        let line = text[line_start..line_end].trim_end_matches(['\n', '\r']);
        if line.trim_end() == fence || (!toml && line.trim_end() == "...") {
            let content = first_end..line_start;
            return if toml {
                Split::Toml {
                    content,
                    body: line_end,
                }
            } else {
                Split::Yaml {
                    content,
                    body: line_end,
                }
            };
        }
        line_start = line_end;
    }
    Split::Unterminated {
        fence: 0..fence.len(),
        toml,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_fences() {
        let text = "---\nid: a\n---\n# Body\n";
        assert_eq!(
            split(text),
            Split::Yaml {
                content: 4..10,
                body: 14
            }
        );
        let text = "+++\r\nid = \"a\"\r\n+++\r\nBody";
        assert_eq!(
            split(text),
            Split::Toml {
                content: 5..15,
                body: 20
            }
        );
    }

    #[test]
    fn a_thematic_break_later_is_not_front_matter() {
        assert_eq!(split("# Title\n---\n"), Split::None);
        assert_eq!(split("----\nx\n"), Split::None);
    }

    #[test]
    fn unterminated_front_matter_is_found() {
        assert_eq!(
            split("---\nid: a\n# Body\n"),
            Split::Unterminated {
                fence: 0..3,
                toml: false
            }
        );
    }

    #[test]
    fn an_empty_front_matter_and_a_file_that_ends_at_the_fence() {
        assert_eq!(
            split("---\n---"),
            Split::Yaml {
                content: 4..4,
                body: 7
            }
        );
    }
}
