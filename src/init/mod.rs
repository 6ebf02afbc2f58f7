//! `align init`: the starter workspace, kept as files under
//! `src/init/starter/` and compiled into the binary.

use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

/// Every starter file, relative to the new workspace's root.
pub const FILES: &[(&str, &str)] = &[
    ("align.toml", include_str!("starter/align.toml")),
    ("map/map.toml", include_str!("starter/map/map.toml")),
    (
        "criteria/lead-criteria.toml",
        include_str!("starter/criteria/lead-criteria.toml"),
    ),
    (
        "collateral/mid-market-one-pager.md",
        include_str!("starter/collateral/mid-market-one-pager.md"),
    ),
    (
        "templates/proposal.md",
        include_str!("starter/templates/proposal.md"),
    ),
    (
        "accounts/example-account.toml",
        include_str!("starter/accounts/example-account.toml"),
    ),
    ("leads/leads.csv", include_str!("starter/leads/leads.csv")),
];

/// Writes the starter workspace into `dir`, which must exist and be
/// empty; `name` goes into `[workspace] name`. Files are created, never
/// replaced.
pub fn write_starter(dir: &Path, name: &str) -> io::Result<()> {
    for (relative, text) in FILES {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let text = if *relative == "align.toml" {
            // A JSON string is a valid TOML basic string.
            let quoted = serde_json::to_string(name).unwrap_or_else(|_| "\"GTM\"".into());
            text.replace("\"@NAME@\"", &quoted)
        } else {
            (*text).to_owned()
        };
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        file.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// The workspace name for a directory: `acme-gtm` becomes `Acme GTM`.
pub fn name_for(dir: &Path) -> String {
    let stem = std::path::absolute(dir)
        .ok()
        .and_then(|dir| {
            dir.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .unwrap_or_default();
    let words: Vec<String> = stem
        .split(['-', '_', ' '])
        .filter(|word| !word.is_empty())
        .map(|word| match word.to_ascii_lowercase().as_str() {
            "gtm" => "GTM".to_owned(),
            _ => {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_uppercase().collect::<String>() + chars.as_str()
                })
            }
        })
        .collect();
    if words.is_empty() {
        "GTM".to_owned()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_directories() {
        assert_eq!(name_for(Path::new("/tmp/acme-gtm")), "Acme GTM");
        assert_eq!(name_for(Path::new("/tmp/northwind")), "Northwind");
    }

    #[test]
    fn the_name_is_quoted_for_toml() {
        let dir = tempfile::tempdir().unwrap();
        write_starter(dir.path(), "Say \"hi\"").unwrap();
        let text = fs::read_to_string(dir.path().join("align.toml")).unwrap();
        assert!(text.contains("name = \"Say \\\"hi\\\"\""), "{text}");
        assert!(
            write_starter(dir.path(), "again").is_err(),
            "never replaces"
        );
    }
}
