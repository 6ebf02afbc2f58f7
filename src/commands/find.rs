//! `align find`: collateral for a selling situation, best fit first.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;
use comfy_table::{ContentArrangement, Table, presets};

use crate::collateral::find::find;
use crate::commands::GlobalArgs;
use crate::map::{EntryKind, Map};

#[derive(Debug, clap::Args)]
pub struct FindArgs {
    #[command(flatten)]
    pub situation: super::SituationArgs,
    /// Only collateral of this kind.
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long, value_enum, default_value_t = FindFormat::Table)]
    pub format: FindFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FindFormat {
    Table,
    Json,
}

pub fn run(global: &GlobalArgs, args: FindArgs) -> anyhow::Result<ExitCode> {
    let workspace = super::open_workspace(None, global)?;
    let map = &workspace.map;
    check_ids(map, EntryKind::Segment, &args.situation.segments)?;
    check_ids(map, EntryKind::Requirement, &args.situation.requirements)?;
    check_ids(map, EntryKind::Competitor, &args.situation.competitors)?;
    if let Some(kind) = &args.kind {
        if workspace.settings.kind(kind).is_none() {
            bail!("unknown collateral kind `{kind}`");
        }
    }
    let situation = args.situation.into_situation();
    let (documents, _) = crate::collateral::load_documents(&workspace);
    let fits = find(&documents, &situation, args.kind.as_deref());
    let mut out = crate::console::stdout();
    match args.format {
        FindFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&fits)?)?,
        FindFormat::Table => {
            let mut table = Table::new();
            table
                .load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic);
            table.set_header(["score", "id", "kind", "status", "why it fits", "path"]);
            for fit in &fits {
                table.add_row([
                    fit.score.to_string(),
                    fit.id.clone(),
                    fit.kind.clone().unwrap_or_default(),
                    fit.status.unwrap_or("").to_owned(),
                    fit.matches.join(", "),
                    fit.path.clone(),
                ]);
            }
            writeln!(out, "{table}")?;
            if !global.quiet {
                writeln!(out, "{} documents fit", fits.len())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// An unknown id on the command line is an error listing the valid ones.
pub fn check_ids(map: &Map, kind: EntryKind, ids: &[String]) -> anyhow::Result<()> {
    for id in ids {
        if !map.contains(kind, id) {
            bail!(
                "unknown {} `{id}`: {}",
                kind.noun(),
                map.unknown_id_help(kind, id)
            );
        }
    }
    Ok(())
}
