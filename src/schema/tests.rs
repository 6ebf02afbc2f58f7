//! The schemas agree with the loaders, validate every example file, and
//! match the committed `schemas/` files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::*;
use crate::syntax::Kind;

const UNKNOWN: &str = "zzzz_not_a_key";

/// How to reach a table from the top of its file.
#[derive(Clone, Debug)]
enum Step {
    Table(String),
    /// An element of an array of tables.
    Element(String),
    /// A table under a name the user picks.
    Named,
}

fn is_closed(schema: &Value) -> bool {
    schema.get("properties").is_some() && schema["additionalProperties"] == json!(false)
}

/// Every closed table of a schema with the steps that reach it.
fn closed_tables(schema: &Value, path: Vec<Step>, found: &mut Vec<(Vec<Step>, Value)>) {
    if is_closed(schema) {
        found.push((path.clone(), schema.clone()));
        if let Some(Value::Object(properties)) = schema.get("properties") {
            for (key, child) in properties {
                let mut next = path.clone();
                if child["type"] == "array" && is_closed(&child["items"]) {
                    next.push(Step::Element(key.clone()));
                    closed_tables(&child["items"], next, found);
                } else {
                    next.push(Step::Table(key.clone()));
                    closed_tables(child, next, found);
                }
            }
        }
    } else if schema.get("propertyNames").is_some() {
        let mut next = path;
        next.push(Step::Named);
        closed_tables(&schema["additionalProperties"], next, found);
    }
}

/// A value the schema accepts, for each key of a closed table.
fn sample(schema: &Value) -> Value {
    if let Some(Value::Array(values)) = schema.get("enum") {
        return values.first().cloned().unwrap_or(Value::Null);
    }
    if is_closed(schema) {
        let mut table = serde_json::Map::new();
        if let Some(Value::Object(properties)) = schema.get("properties") {
            for (key, child) in properties {
                // One test per criteria rule: `field` and the first test.
                if TESTS.contains(&key.as_str()) && key != TESTS[0] {
                    continue;
                }
                table.insert(key.clone(), sample(child));
            }
        }
        return Value::Object(table);
    }
    let pattern = schema["pattern"].as_str().unwrap_or_default();
    match schema["type"].as_str() {
        Some("array") => json!([sample(&schema["items"])]),
        Some("boolean") => json!(true),
        Some("integer" | "number") => json!(1),
        Some("object") => json!({}),
        _ if pattern.contains("{4}") => json!("2026-01-02"),
        _ if pattern.contains(":") => json!("09:00-17:00"),
        _ if pattern.contains(">=") => json!(">= 1"),
        _ => json!("sample"),
    }
}

/// A TOML document of inline tables holding `document`.
fn toml(document: &Value) -> String {
    let mut text = String::new();
    if let Value::Object(keys) = document {
        for (key, value) in keys {
            let _ = writeln!(text, "{} = {}", quoted(key), inline(value));
        }
    }
    text
}

fn inline(value: &Value) -> String {
    match value {
        Value::Object(keys) => {
            let entries: Vec<String> = keys
                .iter()
                .map(|(key, value)| format!("{} = {}", quoted(key), inline(value)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

fn quoted(key: &str) -> String {
    format!("\"{key}\"")
}

/// `document` with the table at `path` replaced by `table`.
fn place(document: &mut Value, path: &[Step], table: Value) {
    let Some((step, rest)) = path.split_first() else {
        *document = table;
        return;
    };
    let slot = match step {
        Step::Table(key) => &mut document[key.as_str()],
        Step::Element(key) => {
            document[key.as_str()] = json!([{}]);
            &mut document[key.as_str()][0]
        }
        Step::Named => &mut document["sample"],
    };
    if !slot.is_object() {
        *slot = json!({});
    }
    place(slot, rest, table);
}

/// Where each schema's files go in a workspace, and the minimal
/// `align.toml` the others need.
fn file_for(schema: &str) -> &'static str {
    match schema {
        "align.schema.json" => "align.toml",
        "map.schema.json" => "map/sample.toml",
        "criteria.schema.json" => "criteria/sample.toml",
        _ => "accounts/sample.toml",
    }
}

/// The keys the loader knows in the table at `path`: it reports the
/// unknown key with the list of known ones.
fn loader_keys(schema: &Schema, path: &[Step], table: &Value) -> Vec<String> {
    let mut with_unknown = table.clone();
    with_unknown[UNKNOWN] = json!(1);
    let mut document = sample(&schema.schema);
    place(&mut document, path, with_unknown);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("align.toml"), "[workspace]\nname = \"x\"\n").unwrap();
    let file = dir.path().join(file_for(schema.file_name));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, toml(&document)).unwrap();
    let workspace = crate::workspace::Workspace::locate(Some(dir.path())).unwrap();
    let options = crate::lint::LintOptions {
        today: jiff::civil::date(2026, 1, 1),
        as_of: jiff::Timestamp::UNIX_EPOCH,
        select: Vec::new(),
        ignore: Vec::new(),
        selection: crate::selection::Selection::default(),
        excerpts: false,
        only: None,
    };
    let mut run = crate::lint::Collect::default();
    crate::lint::lint(&workspace, &options, &mut run).unwrap();
    let unknown = format!("unknown key `{UNKNOWN}`");
    let Some(finding) = run.0.iter().find(|d| d.message.contains(&unknown)) else {
        panic!(
            "{} {path:?}: the loader did not read the table:\n{}",
            schema.file_name,
            toml(&document)
        );
    };
    let help = finding.help.as_deref().unwrap_or_default();
    let known = help
        .strip_prefix("known keys: ")
        .unwrap_or_else(|| panic!("{help}"));
    let mut keys: Vec<String> = known.split(", ").map(str::to_owned).collect();
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn every_table_has_the_keys_the_loader_reads() {
    for schema in all() {
        let mut tables = Vec::new();
        closed_tables(&schema.schema, Vec::new(), &mut tables);
        assert!(tables.len() > 1, "{}", schema.file_name);
        for (path, table) in tables {
            let mut keys: Vec<String> = table["properties"]
                .as_object()
                .map(|properties| properties.keys().cloned().collect())
                .unwrap_or_default();
            keys.sort();
            let sample_table = sample(&table);
            assert_eq!(
                keys,
                loader_keys(&schema, &path, &sample_table),
                "{} {path:?}: the schema's keys (left) differ from the loader's (right)",
                schema.file_name
            );
        }
    }
}

/// A TOML value tree as JSON; dates become strings, as editors see them.
fn json_of(value: &crate::syntax::Value) -> Value {
    match &value.kind {
        Kind::Null => Value::Null,
        Kind::String(text) | Kind::Datetime(text) => json!(text),
        Kind::Integer(number) => json!(number),
        Kind::Float(number) => json!(number),
        Kind::Bool(flag) => json!(flag),
        Kind::Array(items) => Value::Array(items.iter().map(json_of).collect()),
        Kind::Table(table) => Value::Object(
            table
                .entries
                .iter()
                .map(|entry| (entry.key.clone(), json_of(&entry.value)))
                .collect(),
        ),
    }
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn every_example_file_is_valid() {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let mut compiled = Vec::new();
    for schema in all() {
        let location = format!("file:///schemas/{}", schema.file_name);
        compiler
            .add_resource(&location, schema.schema.clone())
            .unwrap();
        compiled.push((
            schema.file_name,
            compiler.compile(&location, &mut schemas).unwrap(),
        ));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for workspace in [
        "examples/northwind",
        "src/init/starter",
        "tests/fixtures/base",
    ] {
        let workspace = root.join(workspace);
        for (schema, index) in &compiled {
            let files = match *schema {
                "align.schema.json" => vec![workspace.join("align.toml")],
                "map.schema.json" => toml_files(&workspace.join("map")),
                "criteria.schema.json" => toml_files(&workspace.join("criteria")),
                _ => toml_files(&workspace.join("accounts")),
            };
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap();
                let value = crate::syntax::toml::parse(&text).unwrap();
                if let Err(error) = schemas.validate(&json_of(&value), *index) {
                    panic!("{} against {schema}: {error:#}", file.display());
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "{checked}");
}

#[test]
fn a_misspelt_key_fails_validation() {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let schema = all().remove(1);
    compiler
        .add_resource("file:///map.json", schema.schema)
        .unwrap();
    let index = compiler.compile("file:///map.json", &mut schemas).unwrap();
    let good = json!({ "message": [{ "id": "a", "headline": "h", "requirements": ["r"] }] });
    assert!(schemas.validate(&good, index).is_ok());
    let misspelt =
        json!({ "message": [{ "id": "a", "headline": "h", "requirements": ["r"], "proofs": [] }] });
    assert!(schemas.validate(&misspelt, index).is_err());
}

#[test]
fn the_committed_schemas_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for schema in all() {
        let path = dir.join(schema.file_name);
        let text = schema.text();
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{} is stale: run `UPDATE_EXPECT=1 cargo test` (or `align schema --out schemas --force`)",
            path.display()
        );
    }
}
