//! Comparing parsed TOML/YAML values by meaning: spans, key order and
//! formatting are ignored; each leaf is named by its dotted path.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::syntax::{Kind, Table, Value};

/// One field whose value differs; `None` where the field is absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The leaves of a table: dotted path → the value as TOML would write it.
/// Arrays of scalars are one leaf (their order is part of the value);
/// tables inside arrays are named by label or position.
pub fn flatten(table: &Table) -> BTreeMap<String, String> {
    let mut leaves = BTreeMap::new();
    flatten_into(table, "", &mut leaves);
    leaves
}

fn flatten_into(table: &Table, prefix: &str, leaves: &mut BTreeMap<String, String>) {
    for entry in &table.entries {
        let path = format!("{prefix}{}", entry.key);
        flatten_value(&entry.value, path, leaves);
    }
}

fn flatten_value(value: &Value, path: String, leaves: &mut BTreeMap<String, String>) {
    match &value.kind {
        Kind::Table(table) => flatten_into(table, &format!("{path}."), leaves),
        Kind::Array(items) if items.iter().any(|item| matches!(item.kind, Kind::Table(_))) => {
            for (index, item) in items.iter().enumerate() {
                let label = label(item).unwrap_or_else(|| (index + 1).to_string());
                flatten_value(item, format!("{path}[{label}]"), leaves);
            }
        }
        _ => {
            leaves.insert(path, render(value));
        }
    }
}

/// A table in an array is named by its `id` or `metric` when it has one,
/// so inserting an objective does not renumber the others.
fn label(item: &Value) -> Option<String> {
    let Kind::Table(table) = &item.kind else {
        return None;
    };
    ["id", "metric"]
        .iter()
        .find_map(|key| match &table.get(key)?.value.kind {
            Kind::String(text) => Some(text.clone()),
            _ => None,
        })
}

/// A value as a reader expects to see it: strings quoted, lists bracketed.
pub fn render(value: &Value) -> String {
    match &value.kind {
        Kind::Null => "null".to_owned(),
        Kind::String(text) => format!("{text:?}"),
        Kind::Integer(number) => number.to_string(),
        Kind::Float(number) => number.to_string(),
        Kind::Bool(flag) => flag.to_string(),
        Kind::Datetime(text) => text.clone(),
        Kind::Array(items) => {
            let items: Vec<String> = items.iter().map(render).collect();
            format!("[{}]", items.join(", "))
        }
        Kind::Table(table) => {
            let entries: Vec<String> = table
                .entries
                .iter()
                .map(|entry| format!("{} = {}", entry.key, render(&entry.value)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
    }
}

/// The fields that differ between two flattened tables, in path order.
pub fn compare(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    for (field, old) in before {
        match after.get(field) {
            Some(new) if new == old => {}
            new => changes.push(FieldChange {
                field: field.clone(),
                before: Some(old.clone()),
                after: new.cloned(),
            }),
        }
    }
    for (field, new) in after {
        if !before.contains_key(field) {
            changes.push(FieldChange {
                field: field.clone(),
                before: None,
                after: Some(new.clone()),
            });
        }
    }
    changes.sort_by(|a, b| a.field.cmp(&b.field));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        match crate::syntax::toml::parse(text).expect("valid TOML").kind {
            Kind::Table(table) => table,
            _ => Table::default(),
        }
    }

    #[test]
    fn reordering_and_reformatting_is_no_change() {
        let before = table("a = 1\nb = [\"x\", \"y\"]\n[c]\nd = 2\n");
        let after = table("[c]\nd = 2\n\n[other]\n");
        let mut after_entries = table("b = [ \"x\",\n  \"y\" ]\na = 1\n");
        after_entries.entries.extend(after.entries);
        let changes = compare(&flatten(&before), &flatten(&after_entries));
        assert_eq!(changes, Vec::new());
    }

    #[test]
    fn a_changed_leaf_is_named_by_its_path() {
        let before = table("[sla]\nfirst_touch = { A = \"1h\", B = \"4h\" }\n");
        let after = table("[sla]\nfirst_touch = { A = \"1h\", B = \"8h\" }\n");
        let changes = compare(&flatten(&before), &flatten(&after));
        assert_eq!(
            changes,
            vec![FieldChange {
                field: "sla.first_touch.B".into(),
                before: Some("\"4h\"".into()),
                after: Some("\"8h\"".into()),
            }]
        );
    }
}
