//! `align render`: a proposal draft for a selling situation, assembled from
//! the message map through a MiniJinja template, so every draft is
//! on-message and cites only proof that may be shown to customers.
//!
//! Only the settings, the map, the templates and (with an account) the
//! accounts are read; collateral and leads never are. Templates run with
//! strict undefined, a fuel limit, and a loader that serves files from the
//! templates folder only.

pub mod context;
pub mod draft;
pub mod fit;
pub mod header;
pub mod html;
pub mod revision;
pub mod templates;

use std::collections::HashSet;
use std::sync::Arc;

use jiff::civil::Date;
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};

use crate::accounts::{Account, Accounts};
use crate::diagnostic::{Diagnostic, Severity};
use crate::map::{EntryKind, Map, Message, Situation};
use crate::workspace::Workspace;

pub use draft::FrontMatter;
pub use fit::{Fitting, Gap, fitting_messages};
pub use templates::TemplateFolder;

/// The instructions a render may run: far more than any real proposal
/// needs (the example uses a few thousand), few enough that a loop that
/// never ends stops in well under a second.
pub const FUEL: u64 = 5_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

/// What to render, already parsed from the command line.
#[derive(Debug, Clone)]
pub struct Request {
    /// As typed: a file stem or a path inside the templates folder.
    pub template: String,
    /// An account id; its situation replaces `situation`.
    pub account: Option<String>,
    pub situation: Situation,
    /// `--as-of`, as a date in the workspace zone: what `today` shows and
    /// what proof expiry is compared with.
    pub today: Date,
    pub format: Format,
    /// Refuse a draft with gaps instead of rendering what fits (for CI).
    pub strict: bool,
}

/// A rendered draft.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The whole output: front matter and Markdown, or an HTML page.
    pub text: String,
    pub front: FrontMatter,
    /// Things the user should know that do not stop the render.
    pub warnings: Vec<String>,
    /// Each requirement of the situation no fitting message addresses,
    /// said in words; the draft leaves it out.
    pub gaps: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{}", unreadable(.what, .findings))]
    Unreadable {
        what: &'static str,
        findings: Vec<String>,
    },
    #[error("no template `{name}` in {folder}/{}", available_list(.available))]
    UnknownTemplate {
        name: String,
        folder: String,
        available: Vec<String>,
    },
    #[error("`{name}` is outside {folder}/: templates are read only from inside it")]
    TemplateOutside { name: String, folder: String },
    #[error("unknown account `{id}`: {help}")]
    UnknownAccount { id: String, help: String },
    #[error("unknown {noun} `{id}`: {help}")]
    UnknownId {
        noun: &'static str,
        id: String,
        help: String,
    },
    #[error("{}", account_problems(.account, .findings))]
    AccountNamesUnknownIds {
        account: String,
        findings: Vec<String>,
    },
    #[error(
        "no selling situation: give --account ID, or --segment, --requirement and --competitor"
    )]
    NoSituation,
    #[error("{}", gap_list(.gaps))]
    Gap { gaps: Vec<String> },
    #[error(
        "no approved message fits this situation{situation}; `align map coverage` shows the gaps"
    )]
    NothingFits { situation: String },
    #[error("{location}: {message}")]
    Template { location: String, message: String },
    #[error("{0}")]
    Io(String),
}

fn unreadable(what: &str, findings: &[String]) -> String {
    format!(
        "{what} has errors, so a draft could leave out part of the agreement; fix them first (`align lint` lists them):\n  {}",
        findings.join("\n  ")
    )
}

fn available_list(available: &[String]) -> String {
    if available.is_empty() {
        "; the folder holds no templates".into()
    } else {
        format!("; available: {}", available.join(", "))
    }
}

fn account_problems(account: &str, findings: &[String]) -> String {
    format!(
        "account `{account}` names ids the map does not define:\n  {}",
        findings.join("\n  ")
    )
}

fn gap_list(gaps: &[String]) -> String {
    let mut text = String::new();
    for (index, gap) in gaps.iter().enumerate() {
        if index > 0 {
            text.push_str("\n  ");
        }
        text.push_str(gap);
    }
    text.push_str("\n  (`align map coverage` shows the gaps: add an approved message for it, or leave the requirement out)");
    text
}

/// Renders one draft. `map` is the workspace's map, shared with the
/// template functions.
pub fn render(
    workspace: &Workspace,
    map: &Arc<Map>,
    request: &Request,
) -> Result<Draft, RenderError> {
    refuse_errors("the workspace", workspace, &workspace.diagnostics)?;
    let folder = TemplateFolder::new(workspace);
    let name = folder.resolve(&request.template)?;
    let header = read_header(workspace, &folder, &name)?;

    let accounts;
    let account: Option<&Account> = match &request.account {
        None => None,
        Some(id) => {
            let (loaded, problems) = Accounts::load(workspace);
            refuse_errors("accounts/", workspace, &problems)?;
            accounts = loaded;
            Some(find_account(workspace, map, &accounts, id)?)
        }
    };
    let situation = match account {
        Some(account) => dedup(account.situation()),
        None => {
            let situation = dedup(request.situation.clone());
            check_ids(map, EntryKind::Segment, &situation.segments)?;
            check_ids(map, EntryKind::Requirement, &situation.requirements)?;
            check_ids(map, EntryKind::Competitor, &situation.competitors)?;
            situation
        }
    };
    if situation.is_empty() {
        return Err(RenderError::NoSituation);
    }
    let Fitting { messages, gaps } = fitting_messages(map, &situation)?;
    if request.strict && !gaps.is_empty() {
        return Err(RenderError::Gap {
            gaps: gaps.into_iter().map(|gap| gap.reason).collect(),
        });
    }

    let lookup = context::Lookup::new(map.clone(), request.today);
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_debug(true);
    env.set_loader(folder.loader());
    let html = request.format == Format::Html;
    env.set_auto_escape_callback(move |_| {
        if html {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    lookup.register(&mut env);
    let context = context::build(
        &lookup,
        &context::Situated {
            workspace_name: &workspace.settings.name,
            today: request.today,
            situation: &situation,
            account,
            messages: &messages,
        },
    );
    let outcome = env
        .get_template(&name)
        .and_then(|template| template.render_captured(context))
        .map(|captured| {
            // `{% set title = "…" %}` at the top level titles the draft.
            let state = captured.state();
            let title = state
                .exports()
                .contains(&"title")
                .then(|| state.lookup("title"))
                .flatten()
                .filter(|value| !value.is_undefined() && !value.is_none())
                .map(|value| value.to_string());
            (captured.output().to_owned(), title)
        })
        .map_err(|error| template_error(&folder, &name, &error));
    let (read_messages, read_proof) = lookup.reads();
    // The cached entries point back at the lookup; freeing them ends the
    // cycle whether or not the render succeeded.
    drop(env);
    lookup.release();
    let (rendered, set_title) = outcome?;
    let body = tidy(&rendered);
    let front = front_matter(
        &lookup,
        FrontMatterParts {
            body: &body,
            title: set_title,
            name: &name,
            account,
            situation: &situation,
            context_messages: &messages,
            read_messages,
            read_proof,
            revision: revision::head(&workspace.root),
            kind: header.kind().to_owned(),
            gaps: gaps.iter().map(|gap| gap.requirement.clone()).collect(),
        },
    );
    let mut warnings = Vec::new();
    if workspace.settings.kind(header.kind()).is_none() {
        warnings.push(format!(
            "align.toml declares no collateral kind `{}`, so `align lint` will reject the draft; add `[collateral.kinds.{}]` with `external = true`",
            header.kind(),
            header.kind()
        ));
    }
    if front.messages.is_empty() {
        warnings.push(format!(
            "the template shows no message, so the draft carries none and `align lint` will report it; print `messages` in {}",
            folder.display(&name)
        ));
    }
    let text = match request.format {
        Format::Markdown => format!("{}{body}", front.yaml()),
        Format::Html => html::page(&front, &body),
    };
    Ok(Draft {
        text,
        front,
        warnings,
        gaps: gaps.into_iter().map(|gap| gap.reason).collect(),
    })
}

/// The main template's front matter; a broken one stops the render (an
/// undeclared kind only warns, below, as without front matter).
fn read_header(
    workspace: &Workspace,
    folder: &TemplateFolder,
    name: &str,
) -> Result<header::Header, RenderError> {
    let source = match folder.source(name) {
        Ok(Some(source)) => source,
        Ok(None) | Err(templates::LoadError::Outside) => return Ok(header::Header::default()),
        Err(templates::LoadError::Unreadable(reason)) => {
            return Err(RenderError::Io(format!(
                "cannot read {}: {reason}",
                folder.display(name)
            )));
        }
    };
    let mut problems = Vec::new();
    let header = header::read(&source, &workspace.settings, &mut problems);
    problems.retain(|problem| problem.rule.code != "AL004" || header.kind.is_none());
    refuse_errors("the template", workspace, &problems)?;
    Ok(header)
}

/// Stops on errors in the files a draft is built from.
fn refuse_errors(
    what: &'static str,
    workspace: &Workspace,
    findings: &[Diagnostic],
) -> Result<(), RenderError> {
    let mut errors: Vec<&Diagnostic> = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Err(RenderError::Unreadable {
        what,
        findings: errors.iter().map(|d| workspace.one_line(d)).collect(),
    })
}

fn find_account<'a>(
    workspace: &Workspace,
    map: &Map,
    accounts: &'a Accounts,
    id: &str,
) -> Result<&'a Account, RenderError> {
    let Some(account) = accounts.get(id) else {
        let ids: Vec<&str> = accounts.accounts.ids().collect();
        let help = match crate::syntax::fields::did_you_mean(id, &ids) {
            Some(close) => format!("did you mean `{close}`? known accounts: {}", ids.join(", ")),
            None if ids.is_empty() => format!(
                "the workspace has no accounts (add `[[account]]` entries to {}/*.toml)",
                workspace.settings.paths.accounts
            ),
            None => format!("known accounts: {}", ids.join(", ")),
        };
        return Err(RenderError::UnknownAccount {
            id: id.to_owned(),
            help,
        });
    };
    let findings: Vec<String> = crate::rules::templates::account_references(map, account)
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}",
                workspace.relative(&d.path),
                d.start.line,
                d.start.column,
                d.message
            ) + &d
                .help
                .as_ref()
                .map(|h| format!(" ({h})"))
                .unwrap_or_default()
        })
        .collect();
    if findings.is_empty() {
        Ok(account)
    } else {
        Err(RenderError::AccountNamesUnknownIds {
            account: id.to_owned(),
            findings,
        })
    }
}

/// An unknown id on the command line: the closest one and the list.
fn check_ids(map: &Map, kind: EntryKind, ids: &[String]) -> Result<(), RenderError> {
    for id in ids {
        if !map.contains(kind, id) {
            let known = map.ids(kind);
            let list = if known.is_empty() {
                format!("the map defines no {}", kind.noun())
            } else {
                format!("known {} ids: {}", kind.noun(), known.join(", "))
            };
            let help = match crate::syntax::fields::did_you_mean(id, &known) {
                Some(close) => format!("did you mean `{close}`? {list}"),
                None => list,
            };
            return Err(RenderError::UnknownId {
                noun: kind.noun(),
                id: id.clone(),
                help,
            });
        }
    }
    Ok(())
}

fn dedup(mut situation: Situation) -> Situation {
    for list in [
        &mut situation.segments,
        &mut situation.requirements,
        &mut situation.competitors,
    ] {
        let mut seen = HashSet::new();
        list.retain(|id| seen.insert(id.clone()));
    }
    situation
}

struct FrontMatterParts<'a> {
    body: &'a str,
    /// What the template set `title` to, if anything.
    title: Option<String>,
    name: &'a str,
    account: Option<&'a Account>,
    situation: &'a Situation,
    context_messages: &'a [&'a Message],
    read_messages: Vec<String>,
    read_proof: Vec<String>,
    revision: Option<String>,
    kind: String,
    gaps: Vec<String>,
}

/// The messages the template read (context order, then others in read
/// order); the shown proof of each, then other proof the template read.
fn front_matter(lookup: &context::Lookup, parts: FrontMatterParts<'_>) -> FrontMatter {
    let read: HashSet<&str> = parts.read_messages.iter().map(String::as_str).collect();
    let mut messages: Vec<String> = parts
        .context_messages
        .iter()
        .filter(|message| read.contains(message.id.value.as_str()))
        .map(|message| message.id.value.clone())
        .collect();
    for id in &parts.read_messages {
        if !messages.contains(id) {
            messages.push(id.clone());
        }
    }
    let mut proof: Vec<String> = Vec::new();
    for id in &messages {
        if let Some(message) = lookup.map().messages.get(id) {
            for item in lookup.shown_proof(message) {
                if !proof.contains(&item.id.value) {
                    proof.push(item.id.value.clone());
                }
            }
        }
    }
    for id in parts.read_proof {
        if !proof.contains(&id) {
            proof.push(id);
        }
    }
    let template = parts
        .name
        .strip_suffix(".md")
        .unwrap_or(parts.name)
        .to_owned();
    let title = parts
        .title
        .map(|title| title.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|title| !title.is_empty())
        .or_else(|| draft::first_heading(parts.body))
        .unwrap_or_else(|| {
            // Without a heading: `follow-up-email` for Contoso becomes
            // "Follow up email for Contoso".
            let stem = template.rsplit('/').next().unwrap_or(&template);
            let mut words = stem.replace(['-', '_'], " ");
            if let Some(first) = words.get(..1) {
                words = first.to_uppercase() + &words[1..];
            }
            match parts.account {
                Some(account) => format!("{words} for {}", account.name),
                None => words,
            }
        });
    FrontMatter {
        title,
        account: parts.account.map(|account| account.id.value.clone()),
        template,
        segments: parts.situation.segments.clone(),
        requirements: parts.situation.requirements.clone(),
        competitors: parts.situation.competitors.clone(),
        messages,
        proof,
        revision: parts.revision,
        kind: parts.kind,
        gaps: parts.gaps,
    }
}

/// The rendered body as tidy Markdown: no blank lines at the start, at
/// most one blank line in a row outside fenced code (Markdown reads several
/// as one, and templates with conditions leave them), one final newline.
fn tidy(rendered: &str) -> String {
    let mut body = String::with_capacity(rendered.len() + 1);
    let mut fence: Option<(char, usize)> = None;
    let mut blank_run = true;
    for line in rendered.trim_end().lines() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        if let Some(c) = marker {
            let length = trimmed.chars().take_while(|x| *x == c).count();
            if length >= 3 {
                fence = match fence {
                    None => Some((c, length)),
                    Some((open, open_length)) if open == c && length >= open_length => None,
                    other => other,
                };
            }
        }
        let blank = line.trim().is_empty();
        if blank && blank_run && fence.is_none() {
            continue;
        }
        blank_run = blank;
        body.push_str(line);
        body.push('\n');
    }
    body
}

/// A template error as `templates/NAME:LINE:COL: what went wrong`, from the
/// innermost template the error happened in.
fn template_error(folder: &TemplateFolder, main: &str, error: &minijinja::Error) -> RenderError {
    // An error inside an included template arrives wrapped ("could not
    // render include"); the innermost one says what and where.
    let mut error = error;
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        if let Some(inner) = inner.downcast_ref::<minijinja::Error>() {
            error = inner;
        }
        cause = inner.source();
    }
    let name = error.name().unwrap_or(main);
    let mut location = folder.display(name);
    if let Some(line) = error.line() {
        let column = error
            .range()
            .zip(folder.loaded(name))
            .map(|(range, text)| column_of(&text, range.start));
        location.push_str(&format!(":{line}"));
        if let Some(column) = column {
            location.push_str(&format!(":{column}"));
        }
    }
    let detail = error.detail().unwrap_or_default();
    let message = match error.kind() {
        ErrorKind::SyntaxError => format!("syntax error: {detail}"),
        ErrorKind::OutOfFuel => format!(
            "the template ran out of fuel ({} million instructions): a loop that never ends, or one far too large for a proposal",
            FUEL / 1_000_000
        ),
        ErrorKind::UndefinedError => {
            let what = if detail.is_empty() {
                "a name".to_owned()
            } else {
                detail.to_owned()
            };
            format!(
                "undefined value: {what} (the context has workspace, today, account, segments, requirements, competitors, messages, proof, features and terms)"
            )
        }
        ErrorKind::TemplateNotFound => format!(
            "{detail} (includes and imports are read from {}/)",
            folder.relative.trim_end_matches('/')
        ),
        ErrorKind::InvalidOperation if !detail.is_empty() => detail.to_owned(),
        kind => {
            if detail.is_empty() {
                kind.to_string()
            } else {
                format!("{kind}: {detail}")
            }
        }
    };
    RenderError::Template { location, message }
}

fn column_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text.get(line_start..offset)
        .map_or(1, |part| part.chars().count() + 1)
}
