//! `align schema`.
use std::process::ExitCode;
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {}
pub fn run(_a: SchemaArgs) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}
