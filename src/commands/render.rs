//! `align render TEMPLATE`: a proposal draft for an account or a selling
//! situation, to stdout or atomically to a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::AsOfArgs;
use crate::commands::GlobalArgs;
use crate::render::{Format, Request, render};

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The template: its file stem (`proposal` for templates/proposal.md)
    /// or its path inside templates/.
    #[arg(value_name = "TEMPLATE")]
    pub template: String,
    /// A key account (accounts/*.toml): renders for its segments,
    /// requirements and competitors, with its contacts.
    #[arg(long, value_name = "ID", conflicts_with_all = ["segments", "requirements", "competitors"])]
    pub account: Option<String>,
    #[command(flatten)]
    pub situation: super::SituationArgs,
    /// Write the draft to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE when it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// `md`: Markdown with front matter, which `align lint` checks as
    /// collateral; `html`: one self-contained page for the customer.
    /// Default: `html` for an output file named `*.html`, else `md`.
    #[arg(long, value_enum)]
    pub format: Option<RenderFormat>,
    /// Refuse to render when a requirement has no fitting approved message,
    /// instead of rendering what fits and listing the gaps (for CI).
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub as_of: AsOfArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RenderFormat {
    Md,
    Html,
}

pub fn run(global: &GlobalArgs, args: RenderArgs) -> anyhow::Result<ExitCode> {
    if let Some(output) = &args.output {
        super::check_output(output, args.force)?;
    }
    let mut workspace = super::open_workspace(None, global)?;
    let zone = workspace.settings.timezone.clone();
    let today = args.as_of.resolve(&zone)?.to_zoned_datetime(zone).date();
    let map = Arc::new(std::mem::take(&mut workspace.map));
    let request = Request {
        template: args.template,
        account: args.account,
        situation: args.situation.into_situation(),
        today,
        format: match format(args.format, args.output.as_deref()) {
            RenderFormat::Md => Format::Markdown,
            RenderFormat::Html => Format::Html,
        },
        strict: args.strict,
    };
    let draft = render(&workspace, &map, &request)?;
    for gap in &draft.gaps {
        eprintln!("gap: {gap}; the draft leaves it out");
    }
    if !draft.gaps.is_empty() {
        eprintln!(
            "  (`align map coverage` shows the gaps; the draft lists them under `gaps`; `--strict` refuses such a draft)"
        );
    }
    for warning in &draft.warnings {
        eprintln!("warning: {warning}");
    }
    match &args.output {
        None => {
            let mut out = crate::console::stdout();
            out.write_all(draft.text.as_bytes())?;
            out.flush()?;
        }
        Some(output) => {
            super::write_output(output, draft.text.as_bytes(), args.force)?;
            if !global.quiet {
                let messages = draft.front.messages.len();
                eprintln!(
                    "Wrote {} ({messages} message{}, {} proof)",
                    output.display(),
                    if messages == 1 { "" } else { "s" },
                    draft.front.proof.len()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--format` when given, else HTML for an output file named `*.html` or
/// `*.htm`, else Markdown.
fn format(given: Option<RenderFormat>, output: Option<&Path>) -> RenderFormat {
    given.unwrap_or_else(|| {
        let html = output
            .and_then(Path::extension)
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| {
                extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm")
            });
        if html {
            RenderFormat::Html
        } else {
            RenderFormat::Md
        }
    })
}
