//! `align map coverage`: the gaps in the map at a glance.

use std::io::Write;
use std::process::ExitCode;

use comfy_table::{Cell, ContentArrangement, Table, presets};

use crate::commands::GlobalArgs;
use crate::map::coverage::{self, Grid};
use crate::output::plural;
use crate::write::csv_safe;

#[derive(Debug, clap::Subcommand)]
pub enum MapCommand {
    /// Requirement × competitor, segment × requirement and objection ×
    /// competitor, each cell with the approved messages, their proof and the
    /// collateral serving it.
    Coverage(CoverageArgs),
}

#[derive(Debug, clap::Args)]
pub struct CoverageArgs {
    #[arg(long, value_enum, default_value_t = CoverageFormat::Table)]
    pub format: CoverageFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CoverageFormat {
    Table,
    Json,
    Csv,
}

pub fn run(global: &GlobalArgs, command: MapCommand) -> anyhow::Result<ExitCode> {
    let MapCommand::Coverage(args) = command;
    let workspace = super::open_workspace(None, global)?;
    let (documents, _) = crate::collateral::load_documents(&workspace);
    let grids = [
        coverage::requirement_by_competitor(&workspace.map, &documents),
        coverage::segment_by_requirement(&workspace.map, &documents),
        coverage::objection_by_competitor(&workspace.map, &documents),
    ];
    let text = match args.format {
        CoverageFormat::Table => grids
            .iter()
            .map(|grid| table(grid, global.quiet))
            .collect::<Vec<_>>()
            .join("\n"),
        CoverageFormat::Json => serde_json::to_string_pretty(&grids)? + "\n",
        CoverageFormat::Csv => csv(&grids)?,
    };
    crate::console::stdout().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn table(grid: &Grid, quiet: bool) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    let mut header = vec![Cell::new(grid.view)];
    header.extend(grid.columns.iter().map(Cell::new));
    table.set_header(header);
    for (row, cells) in grid.rows.iter().zip(&grid.cells) {
        let mut line = vec![Cell::new(row)];
        line.extend(cells.iter().map(|cell| {
            Cell::new(if !cell.applies {
                "n/a".to_owned()
            } else if cell.is_gap() {
                "GAP".to_owned()
            } else {
                let mut lines = cell.messages.clone();
                lines.extend(cell.generic.iter().map(|id| format!("{id} (generic)")));
                let mut text = lines.join("\n");
                text.push_str(&format!(
                    "\n{} proof · {}",
                    cell.proof.len(),
                    plural(cell.collateral.len(), "doc")
                ));
                text
            })
        }));
        table.add_row(line);
    }
    let mut text = format!("{table}\n");
    if !quiet {
        text.push_str(&format!("{}: {}\n", grid.view, plural(grid.gaps(), "gap")));
    }
    text
}

fn csv(grids: &[Grid]) -> anyhow::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "view",
        "row",
        "column",
        "applies",
        "messages",
        "proof",
        "collateral",
        "generic",
    ])?;
    for grid in grids {
        for (row, cells) in grid.rows.iter().zip(&grid.cells) {
            for (column, cell) in grid.columns.iter().zip(cells) {
                writer.write_record([
                    csv_safe(grid.view).as_ref(),
                    csv_safe(row).as_ref(),
                    csv_safe(column).as_ref(),
                    if cell.applies { "true" } else { "false" },
                    csv_safe(&cell.messages.join(";")).as_ref(),
                    csv_safe(&cell.proof.join(";")).as_ref(),
                    csv_safe(&cell.collateral.join(";")).as_ref(),
                    csv_safe(&cell.generic.join(";")).as_ref(),
                ])?;
            }
        }
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}
