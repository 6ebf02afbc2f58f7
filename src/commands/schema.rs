//! `align schema [--out DIR] [--force]`: writes the JSON Schemas of
//! align.toml, map, criteria and accounts files for editors.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The folder to write the schemas to (created if missing).
    #[arg(long, value_name = "DIR", default_value = "schemas")]
    pub out: PathBuf,
    /// Replace schema files that differ from the ones this version writes.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: SchemaArgs) -> anyhow::Result<ExitCode> {
    let schemas = crate::schema::all();
    // Refuse before writing anything, so a refusal leaves the folder as it was.
    let mut stale = Vec::new();
    for schema in &schemas {
        let path = args.out.join(schema.file_name);
        match std::fs::read_to_string(&path) {
            Ok(existing) if existing == schema.text() => {}
            Ok(_) => stale.push(path),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => bail!("cannot read {}: {error}", path.display()),
        }
    }
    if !stale.is_empty() && !args.force {
        let names: Vec<String> = stale.iter().map(|p| p.display().to_string()).collect();
        bail!(
            "{} already exist{} with other contents; pass --force to replace",
            names.join(", "),
            if names.len() == 1 { "s" } else { "" }
        );
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    for schema in &schemas {
        let path = args.out.join(schema.file_name);
        crate::write::atomic(&path, schema.text().as_bytes(), true)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!("Wrote {} schemas to {}.", schemas.len(), args.out.display());
    Ok(ExitCode::SUCCESS)
}
