//! `align feedback add`: record what the field heard without editing CSV
//! by hand. Every id is checked before anything is written.

use std::process::ExitCode;

use anyhow::{Context as _, bail};
use jiff::civil::Date;

use crate::commands::GlobalArgs;
use crate::feedback::add::{Added, NewRow, append};
use crate::feedback::{Column, Kind};
use crate::map::Map;
use crate::workspace::Workspace;

#[derive(Debug, clap::Subcommand)]
pub enum FeedbackCommand {
    /// Append one row to feedback/YYYY.csv (created with its header when
    /// missing); existing rows are never rewritten.
    Add(AddArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// What was heard.
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// What the customer said or asked, in their words.
    #[arg(long)]
    pub text: String,
    /// Who heard it (name or email).
    #[arg(long, value_name = "NAME")]
    pub from: Option<String>,
    /// The day it was heard (YYYY-MM-DD); default: today in the workspace
    /// zone. It also picks the file: feedback/YYYY.csv.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The map objection it is an instance of.
    #[arg(long, value_name = "ID")]
    pub objection: Option<String>,
    #[arg(long, value_name = "ID")]
    pub competitor: Option<String>,
    #[arg(long, value_name = "ID")]
    pub requirement: Option<String>,
    #[arg(long, value_name = "ID")]
    pub segment: Option<String>,
    #[arg(long, value_name = "ID")]
    pub message: Option<String>,
    #[arg(long, value_name = "ID")]
    pub proof: Option<String>,
    /// A collateral document, by its front-matter id.
    #[arg(long, value_name = "ID")]
    pub collateral: Option<String>,
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
    /// A lead, by its id in leads/*.csv.
    #[arg(long, value_name = "ID")]
    pub lead: Option<String>,
}

pub fn run(global: &GlobalArgs, command: FeedbackCommand) -> anyhow::Result<ExitCode> {
    let FeedbackCommand::Add(args) = command;
    let workspace = super::open_workspace(None, global)?;
    let date = match &args.date {
        Some(text) => crate::syntax::fields::parse_date(text)
            .with_context(|| format!("invalid --date `{text}`: use YYYY-MM-DD"))?,
        None => workspace
            .settings
            .timezone
            .to_datetime(jiff::Timestamp::now())
            .date(),
    };
    if args.text.trim().is_empty() {
        bail!("--text is empty: write what the customer said or asked");
    }
    let row = new_row(&args, date);
    check_ids(&workspace, &row)?;

    let folder = workspace.folder(&workspace.settings.paths.feedback);
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    let path = folder.join(format!("{}.csv", date.year()));
    let shown = workspace.relative(&path);
    let added = append(&path, &shown, &row)?;
    if !global.quiet {
        let verb = match added {
            Added::Created => "created with",
            Added::Appended => "appended",
        };
        eprintln!("{shown}: {verb} one {} row", args.kind.name());
    }
    Ok(ExitCode::SUCCESS)
}

fn new_row(args: &AddArgs, date: Date) -> NewRow {
    let mut row = NewRow::default();
    row.set(Column::Date, date.to_string());
    row.set(Column::Kind, args.kind.name());
    row.set(Column::Text, args.text.trim());
    let optional = [
        (Column::From, &args.from),
        (Column::Objection, &args.objection),
        (Column::Competitor, &args.competitor),
        (Column::Requirement, &args.requirement),
        (Column::Segment, &args.segment),
        (Column::Message, &args.message),
        (Column::Proof, &args.proof),
        (Column::Collateral, &args.collateral),
        (Column::Account, &args.account),
        (Column::Lead, &args.lead),
    ];
    for (column, value) in optional {
        if let Some(value) = value {
            row.set(column, value.trim());
        }
    }
    row
}

/// Every id the row names must exist; the first unknown one stops the
/// command before anything is written.
fn check_ids(workspace: &Workspace, row: &NewRow) -> anyhow::Result<()> {
    let map: &Map = &workspace.map;
    for (column, id) in &row.cells {
        if let Some(kind) = column.map_kind() {
            if !map.contains(kind, id) {
                bail!(
                    "unknown {} `{id}`: {}",
                    kind.noun(),
                    map.unknown_id_help(kind, id)
                );
            }
        }
    }
    for (column, id) in &row.cells {
        let known = match column {
            Column::Collateral => {
                let (documents, _) = crate::collateral::load_documents(workspace);
                documents.iter().any(|d| d.id.value == *id)
            }
            Column::Account => crate::accounts::Accounts::load(workspace)
                .0
                .get(id)
                .is_some(),
            Column::Lead => lead_exists(workspace, id),
            _ => true,
        };
        if !known {
            bail!("unknown {} `{id}`", column.name());
        }
    }
    Ok(())
}

fn lead_exists(workspace: &Workspace, id: &str) -> bool {
    crate::rules::feedback::lead_ids(workspace).contains(id.as_bytes())
}
