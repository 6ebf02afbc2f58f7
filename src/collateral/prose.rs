//! What in a collateral file's Markdown body counts as prose, folded into one
//! string that phrase matching can search, with a map back to byte offsets in
//! the original file. Wording rules (banned phrases, terms, competitor names,
//! number claims) look only at prose: headings, paragraphs, list items, table
//! cells, link text, image alt text and emphasis. Code, URLs and HTML are
//! left out, because quoting a competitor's API or linking to their site is
//! not a claim made in our own words.

mod bare_urls;
mod number_claims;
#[cfg(test)]
mod tests;

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

pub use number_claims::{NumberClaim, number_claims, number_claims_in_text};

/// Separates prose from different blocks (two paragraphs, two table cells,
/// a heading and a paragraph) and the text on either side of inline code or
/// inline HTML. Folding turns every other line break into a space, so no
/// folded pattern contains this character and no match can span it; it is
/// not a word character, so it also ends a word.
pub const BOUNDARY: char = '\n';

/// Whether `c` continues a word for whole-word matching: letters and digits
/// in any script, `_`, and combining diacritical marks (lowercasing `İ`
/// yields `i` followed by U+0307, which must not split the word).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Everything `scan` learns from one Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownScan {
    pub prose: Prose,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub comments: Vec<Comment>,
}

/// A heading at any level, ATX (`## Results`) or setext.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The heading as plain text: inline markup removed, the content of
    /// inline code kept, line breaks as spaces, trimmed.
    pub text: String,
    /// The whole heading in the file, markers included, without the
    /// trailing line end.
    pub span: Range<usize>,
}

/// A link or an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub destination: String,
    /// The destination as written when it can be found verbatim inside the
    /// link (inline links, autolinks); otherwise the whole link (reference
    /// links, whose destination lives in a definition elsewhere).
    pub span: Range<usize>,
    /// For a shortcut (`[North Ledger]`) or collapsed (`[North Ledger][]`)
    /// reference link, the whole link: its text is also the label its
    /// definition is found by, so rewording the text breaks the link.
    pub label: Option<Range<usize>>,
}

/// An HTML comment, in an HTML block or inline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The text between `<!--` and `-->`, verbatim: it starts at
    /// `span.start + 4` in the file.
    pub text: String,
    /// The whole comment, delimiters included. An unterminated comment runs
    /// to the end of its HTML block.
    pub span: Range<usize>,
}

/// A document's prose as one normalised string, with the original byte range
/// of every byte of it.
///
/// The string is lowercase (`char::to_lowercase`, so it may be longer or
/// shorter than the source), every run of white space (line breaks
/// included) is one ASCII space, and text from different blocks is separated
/// by [`BOUNDARY`]. Blocks are trimmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    text: String,
    /// How `text` maps back to the file, in order of `text` offsets. Kept
    /// as runs rather than per byte: most prose is ASCII copied verbatim,
    /// so a whole text event is usually one segment.
    segments: Vec<Segment>,
    /// Where the body ends in the file, the answer for ranges past `text`.
    end_of_body: u32,
}

/// Where the bytes of `text` from `folded` up to the next segment came
/// from. A verbatim segment maps byte for byte onto `start..end`; any
/// other maps every byte to the whole of `start..end` (a folded run of
/// white space, an entity, a character whose lowercase differs in length).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    folded: u32,
    start: u32,
    end: u32,
    verbatim: bool,
}

impl Prose {
    /// The normalised text that patterns are matched against.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a byte range of [`Prose::as_str`] back to the file: from the
    /// start of the first source character to the end of the last one, so
    /// markup inside the range (`best-*in*-class`) is included. An empty
    /// range maps to an empty range; ranges past the end are clamped.
    pub fn original_span(&self, folded: Range<usize>) -> Range<usize> {
        let start = self
            .source_of(folded.start)
            .map_or(self.end_of_body, |(start, _)| start);
        let end = if folded.end > folded.start {
            self.source_of(folded.end - 1)
                .map_or(self.end_of_body, |(_, end)| end)
        } else {
            start
        };
        start as usize..end.max(start) as usize
    }

    /// The source range of the character that produced byte `at` of `text`.
    fn source_of(&self, at: usize) -> Option<(u32, u32)> {
        if at >= self.text.len() {
            return None;
        }
        let at = to_u32(at);
        let index = self
            .segments
            .partition_point(|segment| segment.folded <= at);
        let segment = self.segments.get(index.checked_sub(1)?)?;
        if segment.verbatim {
            let start = segment.start.saturating_add(at - segment.folded);
            Some((start, start.saturating_add(1)))
        } else {
            Some((segment.start, segment.end))
        }
    }
}

/// Finds the prose, headings, links and HTML comments of a Markdown body.
///
/// `body` is the Markdown after the front matter; `offset` is where it starts
/// in the file, so every span is a byte range of the original file.
/// CommonMark with GFM tables and strikethrough. Bare URLs in text
/// (`https://…`, `www.…`, which GitHub renders as links) are not prose.
pub fn scan(body: &str, offset: usize) -> MarkdownScan {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut scanner = Scanner::new(body, offset);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        scanner.event(event, range);
    }
    scanner.finish()
}

/// Lowercases `text` and folds its white space exactly as prose is folded,
/// trimmed: the form phrase patterns and proof claims are compared in.
pub fn fold(text: &str) -> String {
    let mut folder = Folder::with_capacity(text.len(), 0);
    folder.push_verbatim(text, 0);
    folder.finish().text
}

/// Offsets are kept as `u32` to halve the map; a file past 4 GiB gets
/// clamped spans rather than a panic.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// ASCII other than white space (as `char::is_whitespace` sees it: tab,
/// line feed, vertical tab, form feed, carriage return and space).
fn is_plain_ascii(b: u8) -> bool {
    PLAIN_ASCII[usize::from(b)]
}

/// `is_plain_ascii` as a table: the check runs once per byte of prose.
static PLAIN_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !matches!(b as u8, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ');
        b += 1;
    }
    table
};

/// The length of the ASCII text at the start of `bytes` that folds to
/// itself apart from case: no white space but single spaces between other
/// characters, so the folded text maps byte for byte onto the source.
fn ascii_run(bytes: &[u8]) -> usize {
    if is_plain_line(bytes) {
        return bytes.len();
    }
    let mut len = 0;
    while len < bytes.len() {
        let b = bytes[len];
        if !is_plain_ascii(b) {
            let single_space = b == b' '
                && len > 0
                && bytes.get(len + 1).is_some_and(|&next| is_plain_ascii(next));
            if !single_space {
                break;
            }
        }
        len += 1;
    }
    len
}

/// Whether all of `bytes` is one run: printable ASCII with single spaces
/// inside. Most text events are, and this check vectorises (no early
/// exit), where the byte loop of `ascii_run` does not.
fn is_plain_line(bytes: &[u8]) -> bool {
    let printable = bytes
        .iter()
        .fold(true, |all, &b| all & ((b > b' ' && b < 0x7f) | (b == b' ')));
    printable
        && !bytes.starts_with(b" ")
        && !bytes.ends_with(b" ")
        && memchr::memmem::find(bytes, b"  ").is_none()
}

/// Builds a [`Prose`] as text arrives, folding white space lazily:
/// a space is written only when more text follows in the same block.
struct Folder {
    prose: Prose,
    /// The source range of the white space seen since the last character.
    pending_space: Option<(u32, u32)>,
}

impl Folder {
    fn with_capacity(capacity: usize, end_of_body: usize) -> Folder {
        Folder {
            prose: Prose {
                text: String::with_capacity(capacity),
                segments: Vec::new(),
                end_of_body: to_u32(end_of_body),
            },
            pending_space: None,
        }
    }

    fn at_block_start(&self) -> bool {
        self.prose.text.is_empty() || self.prose.text.ends_with(BOUNDARY)
    }

    fn push_mapped(&mut self, c: char, start: u32, end: u32) {
        let folded = to_u32(self.prose.text.len());
        self.prose.text.push(c);
        if c.is_ascii() && end.checked_sub(start) == Some(1) {
            self.push_verbatim_segment(folded, start, end);
        } else {
            self.prose.segments.push(Segment {
                folded,
                start,
                end,
                verbatim: false,
            });
        }
    }

    /// Records that `text[folded..]` is a copy of the file's `start..end`,
    /// extending the last segment when it continues it.
    fn push_verbatim_segment(&mut self, folded: u32, start: u32, end: u32) {
        if let Some(last) = self.prose.segments.last_mut() {
            let continues = last.verbatim
                && last.end == start
                && last.folded.checked_add(last.end - last.start) == Some(folded);
            if continues {
                last.end = end;
                return;
            }
        }
        self.prose.segments.push(Segment {
            folded,
            start,
            end,
            verbatim: true,
        });
    }

    fn push_space(&mut self, start: u32, end: u32) {
        if let Some((_, pending_end)) = &mut self.pending_space {
            *pending_end = end;
        } else if !self.at_block_start() {
            self.pending_space = Some((start, end));
        }
    }

    fn push_char(&mut self, c: char, start: u32, end: u32) {
        if c.is_whitespace() {
            self.push_space(start, end);
            return;
        }
        if let Some((space_start, space_end)) = self.pending_space.take() {
            self.push_mapped(' ', space_start, space_end);
        }
        if c.is_ascii() {
            self.push_mapped(c.to_ascii_lowercase(), start, end);
        } else {
            for lower in c.to_lowercase() {
                self.push_mapped(lower, start, end);
            }
        }
    }

    /// Text whose source is verbatim at `start` in the file.
    ///
    /// Most collateral is ASCII, so runs of ASCII word text are copied and
    /// mapped in bulk; everything else goes through `push_char`.
    fn push_verbatim(&mut self, text: &str, start: u32) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(rest) = bytes.get(i..).filter(|rest| !rest.is_empty()) {
            let run = ascii_run(rest);
            if let Some(ascii) = text.get(i..i + run).filter(|_| run > 0) {
                self.push_ascii_run(ascii, start.saturating_add(to_u32(i)));
                i += run;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let char_start = start.saturating_add(to_u32(i));
            let char_end = char_start.saturating_add(to_u32(c.len_utf8()));
            self.push_char(c, char_start, char_end);
            i += c.len_utf8();
        }
    }

    /// A run from `ascii_run`, starting at `start` in the file.
    fn push_ascii_run(&mut self, run: &str, start: u32) {
        if let Some((space_start, space_end)) = self.pending_space.take() {
            self.push_mapped(' ', space_start, space_end);
        }
        let from = self.prose.text.len();
        self.prose.text.push_str(run);
        if let Some(pushed) = self.prose.text.get_mut(from..) {
            pushed.make_ascii_lowercase();
        }
        let end = start.saturating_add(to_u32(run.len()));
        self.push_verbatim_segment(to_u32(from), start, end);
    }

    /// Text that differs from its source (an entity such as `&amp;`): every
    /// character maps to the whole source range.
    fn push_replaced(&mut self, text: &str, source: Range<u32>) {
        for c in text.chars() {
            self.push_char(c, source.start, source.end);
        }
    }

    fn push_boundary(&mut self, at: u32) {
        self.pending_space = None;
        if !self.at_block_start() {
            self.push_mapped(BOUNDARY, at, at);
        }
    }

    fn finish(mut self) -> Prose {
        if self.prose.text.ends_with(BOUNDARY) {
            self.prose.text.pop();
            let len = to_u32(self.prose.text.len());
            self.prose.segments.retain(|segment| segment.folded < len);
        }
        self.prose
    }
}

/// A link or image whose end has not been reached yet.
struct OpenLink {
    start: usize,
    destination: String,
    /// Autolinks show their URL as their text, which is not prose.
    is_autolink: bool,
    /// Shortcut or collapsed reference link: the text is the label.
    text_is_label: bool,
}

/// The state of one pass over the parser's events.
struct Scanner<'a> {
    body: &'a str,
    offset: usize,
    folder: Folder,
    headings: Vec<Heading>,
    links: Vec<Link>,
    comments: Vec<Comment>,
    /// Nesting depth of constructs whose text is not prose (code blocks,
    /// autolinks); text is prose only at depth 0.
    hidden: u32,
    /// The heading being read: its plain text so far and its source range.
    heading: Option<(String, Range<usize>)>,
    open_links: Vec<OpenLink>,
    /// Where the previous event ended: inside a link, the end of its text,
    /// after which the destination is searched for.
    prev_end: usize,
}

impl<'a> Scanner<'a> {
    fn new(body: &'a str, offset: usize) -> Scanner<'a> {
        Scanner {
            body,
            offset,
            folder: Folder::with_capacity(body.len(), offset.saturating_add(body.len())),
            headings: Vec::new(),
            links: Vec::new(),
            comments: Vec::new(),
            hidden: 0,
            heading: None,
            open_links: Vec::new(),
            prev_end: 0,
        }
    }

    fn file_offset(&self, body_offset: usize) -> usize {
        self.offset.saturating_add(body_offset)
    }

    fn boundary(&mut self, body_offset: usize) {
        let at = to_u32(self.file_offset(body_offset));
        self.folder.push_boundary(at);
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, &range),
            Event::End(tag) => self.end(tag, &range),
            Event::Text(text) => {
                if let Some((heading, _)) = &mut self.heading {
                    heading.push_str(&text);
                }
                if self.hidden == 0 {
                    self.text(&text, &range);
                }
            }
            Event::Code(code) => {
                if let Some((heading, _)) = &mut self.heading {
                    heading.push_str(&code);
                }
                self.boundary(range.start);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((heading, _)) = &mut self.heading {
                    heading.push(' ');
                }
                let start = to_u32(self.file_offset(range.start));
                let end = to_u32(self.file_offset(range.end));
                self.folder.push_space(start, end);
            }
            Event::InlineHtml(_) => {
                self.boundary(range.start);
                self.collect_comments(&range);
            }
            // The lines of an HTML block; its comments are collected from
            // the whole block at its start, since one may span several lines.
            Event::Html(_) => {}
            Event::Rule
            | Event::TaskListMarker(_)
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => self.boundary(range.start),
        }
        self.prev_end = range.end;
    }

    fn text(&mut self, text: &str, range: &Range<usize>) {
        let start = to_u32(self.file_offset(range.start));
        if self.body.get(range.clone()) != Some(text) {
            let end = to_u32(self.file_offset(range.end));
            self.folder.push_replaced(text, start..end);
            return;
        }
        let mut from = 0;
        while let Some(url) = bare_urls::next(text, from) {
            if let Some(before) = text.get(from..url.start) {
                self.folder
                    .push_verbatim(before, start.saturating_add(to_u32(from)));
            }
            self.boundary(range.start.saturating_add(url.start));
            from = url.end;
        }
        if let Some(rest) = text.get(from..) {
            self.folder
                .push_verbatim(rest, start.saturating_add(to_u32(from)));
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: &Range<usize>) {
        match tag {
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {}
            Tag::Heading { .. } => {
                self.boundary(range.start);
                self.heading = Some((String::new(), range.clone()));
            }
            Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                self.boundary(range.start);
                self.hidden += 1;
            }
            Tag::HtmlBlock => {
                self.boundary(range.start);
                self.collect_comments(range);
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let is_autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                if is_autolink {
                    self.boundary(range.start);
                    self.hidden += 1;
                }
                self.open_links.push(OpenLink {
                    start: range.start,
                    destination: dest_url.into_string(),
                    is_autolink,
                    text_is_label: matches!(link_type, LinkType::Shortcut | LinkType::Collapsed),
                });
            }
            // Alt text is prose, but not part of the sentence around it.
            Tag::Image {
                link_type,
                dest_url,
                ..
            } => {
                self.boundary(range.start);
                self.open_links.push(OpenLink {
                    start: range.start,
                    destination: dest_url.into_string(),
                    is_autolink: false,
                    text_is_label: matches!(link_type, LinkType::Shortcut | LinkType::Collapsed),
                });
            }
            Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell => self.boundary(range.start),
        }
    }

    fn end(&mut self, tag: TagEnd, range: &Range<usize>) {
        match tag {
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
            TagEnd::Heading(_) => {
                self.finish_heading();
                self.boundary(range.end);
            }
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                self.hidden = self.hidden.saturating_sub(1);
                self.boundary(range.end);
            }
            TagEnd::Link | TagEnd::Image => {
                let mut apart = tag == TagEnd::Image;
                if let Some(link) = self.open_links.pop() {
                    if link.is_autolink {
                        self.hidden = self.hidden.saturating_sub(1);
                        apart = true;
                    }
                    self.finish_link(link, range.end);
                }
                if apart {
                    self.boundary(range.end);
                }
            }
            TagEnd::Paragraph
            | TagEnd::BlockQuote(_)
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell => self.boundary(range.end),
        }
    }

    fn finish_heading(&mut self) {
        let Some((text, range)) = self.heading.take() else {
            return;
        };
        let source = self.body.get(range.clone()).unwrap_or_default();
        let end = range.start + source.trim_end().len();
        self.headings.push(Heading {
            text: text.trim().to_owned(),
            span: self.file_offset(range.start)..self.file_offset(end),
        });
    }

    /// The destination's span is searched for after the link text, so a
    /// destination that also occurs in the text is not mistaken for it.
    fn finish_link(&mut self, link: OpenLink, end: usize) {
        let text_end = if link.is_autolink {
            link.start
        } else {
            self.prev_end.max(link.start)
        };
        let found = if link.destination.is_empty() {
            None
        } else {
            self.body
                .get(text_end..end)
                .and_then(|after_text| after_text.find(&link.destination))
        };
        let span = match found {
            Some(at) => text_end + at..text_end + at + link.destination.len(),
            None => link.start..end,
        };
        let label = link
            .text_is_label
            .then(|| self.file_offset(link.start)..self.file_offset(end));
        self.links.push(Link {
            destination: link.destination,
            span: self.file_offset(span.start)..self.file_offset(span.end),
            label,
        });
    }

    /// Collects every `<!-- … -->` in the source of an HTML block or an
    /// inline HTML node.
    fn collect_comments(&mut self, range: &Range<usize>) {
        const OPEN: &str = "<!--";
        const CLOSE: &str = "-->";
        let Some(html) = self.body.get(range.clone()) else {
            return;
        };
        let mut from = 0;
        while let Some(open) = html.get(from..).and_then(|rest| rest.find(OPEN)) {
            let text_start = from + open + OPEN.len();
            let rest = html.get(text_start..).unwrap_or_default();
            // `<!-->` and `<!--->` are complete, empty comments in CommonMark.
            let (text_end, comment_end) = if rest.starts_with('>') {
                (text_start, text_start + 1)
            } else if rest.starts_with("->") {
                (text_start, text_start + 2)
            } else {
                match rest.find(CLOSE) {
                    Some(close) => (text_start + close, text_start + close + CLOSE.len()),
                    None => (html.len(), html.len()),
                }
            };
            self.comments.push(Comment {
                text: html
                    .get(text_start..text_end)
                    .unwrap_or_default()
                    .to_owned(),
                span: self.file_offset(range.start + from + open)
                    ..self.file_offset(range.start + comment_end),
            });
            from = comment_end;
        }
    }

    fn finish(self) -> MarkdownScan {
        MarkdownScan {
            prose: self.folder.finish(),
            headings: self.headings,
            links: self.links,
            comments: self.comments,
        }
    }
}
