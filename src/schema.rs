//! JSON Schemas (draft 2020-12) of the workspace's TOML files, so editors
//! that read them (taplo, VS Code's Even Better TOML) complete keys and flag
//! typos before `align lint` runs.
//!
//! The lists the loaders check against (weekdays, front matter fields, lead
//! columns, criteria tests, metrics, rule codes) are used here as they are;
//! the keys of each table are written out, and a test reads them back from
//! the loaders' own "known keys" and fails when the two disagree. Another
//! fails when the committed files in `schemas/` are stale.

use serde_json::{Map, Value, json};

use crate::criteria::{Metric, TESTS};
use crate::workspace::settings::{FRONT_MATTER_FIELDS, LEAD_COLUMNS, WEEKDAYS};

/// One schema file.
pub struct Schema {
    /// `align.schema.json`.
    pub file_name: &'static str,
    pub schema: Value,
}

impl Schema {
    /// The file's text: pretty JSON with a final newline.
    pub fn text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Every schema, in a stable order.
pub fn all() -> Vec<Schema> {
    vec![
        document("align.schema.json", "align.toml", settings()),
        document("map.schema.json", "a map file (map/*.toml)", map()),
        document(
            "criteria.schema.json",
            "a criteria file (criteria/*.toml)",
            criteria(),
        ),
        document(
            "accounts.schema.json",
            "an accounts file (accounts/*.toml)",
            accounts(),
        ),
    ]
}

fn document(file_name: &'static str, title: &str, mut schema: Value) -> Schema {
    if let Value::Object(object) = &mut schema {
        let mut with_header = Map::new();
        with_header.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        with_header.insert("title".into(), json!(title));
        with_header.append(object);
        *object = with_header;
    }
    Schema { file_name, schema }
}

// The building blocks. Every table is closed (`additionalProperties:
// false`), as the loaders report unknown keys.

fn table(description: &str, keys: &[(&str, Value)], required: &[&str]) -> Value {
    let properties: Map<String, Value> = keys
        .iter()
        .map(|(key, schema)| ((*key).to_owned(), schema.clone()))
        .collect();
    let mut schema = json!({
        "type": "object",
        "description": description,
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

/// A table whose keys are names the user picks.
fn named(description: &str, names: Value, value: Value) -> Value {
    json!({
        "type": "object",
        "description": description,
        "propertyNames": names,
        "additionalProperties": value,
    })
}

fn tables(item: Value) -> Value {
    json!({ "type": "array", "items": item })
}

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn one_of(description: &str, values: &[&str]) -> Value {
    json!({ "type": "string", "description": description, "enum": values })
}

fn strings(description: &str) -> Value {
    json!({ "type": "array", "description": description, "items": { "type": "string" } })
}

/// The ids `is_valid_id` accepts.
fn id(description: &str) -> Value {
    json!({ "type": "string", "description": description, "pattern": "^[a-z0-9][a-z0-9-]*$" })
}

fn ids(description: &str) -> Value {
    json!({ "type": "array", "description": description, "items": id("an id") })
}

fn boolean(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}

fn number(description: &str) -> Value {
    json!({ "type": "number", "description": description })
}

/// A TOML local date, or a `YYYY-MM-DD` string (editors see both as text).
fn date(description: &str) -> Value {
    json!({ "type": "string", "description": description, "pattern": "^\\d{4}-\\d{2}-\\d{2}$" })
}

fn hour_ranges(description: &str) -> Value {
    json!({
        "type": "array",
        "description": description,
        "items": { "type": "string", "pattern": "^\\d{2}:\\d{2}-\\d{2}:\\d{2}$" },
    })
}

/// A rule code or prefix, as `--select` takes them (`AL2`, `AL204`).
fn selector() -> Value {
    json!({ "type": "string", "pattern": "^[Aa][Ll][0-9]{0,3}$" })
}

fn settings() -> Value {
    let weekdays: Vec<(&str, Value)> = WEEKDAYS
        .iter()
        .map(|day| (*day, hour_ranges("open hours, e.g. [\"09:00-17:00\"]")))
        .chain([
            (
                "holidays",
                json!({ "type": "array", "description": "closed dates", "items": date("a date") }),
            ),
            (
                "half_days",
                tables(table(
                    "a date with shorter hours",
                    &[
                        ("date", date("the date")),
                        ("hours", hour_ranges("its open hours")),
                    ],
                    &["date"],
                )),
            ),
        ])
        .collect();
    let columns: Vec<(&str, Value)> = LEAD_COLUMNS
        .iter()
        .map(|column| (*column, string("the export's header for this column")))
        .collect();
    table(
        "The workspace's settings.",
        &[
            (
                "workspace",
                table(
                    "name and time zone",
                    &[
                        ("name", string("the company or team")),
                        (
                            "timezone",
                            string("an IANA time zone such as America/Chicago"),
                        ),
                    ],
                    &[],
                ),
            ),
            (
                "business_hours",
                table("the SLA's business clock", &weekdays, &[]),
            ),
            (
                "paths",
                table(
                    "folders, relative to the workspace root",
                    &[
                        ("map", string("default \"map\"")),
                        ("criteria", string("default \"criteria\"")),
                        ("collateral", string("default \"collateral\"")),
                        ("templates", string("default \"templates\"")),
                        ("accounts", string("default \"accounts\"")),
                        ("leads", string("default \"leads\"")),
                        (
                            "coaching",
                            string("default \"coaching\" (align quiz results)"),
                        ),
                        (
                            "feedback",
                            string("default \"feedback\" (feedback from the field)"),
                        ),
                    ],
                    &[],
                ),
            ),
            (
                "collateral",
                table(
                    "collateral kinds",
                    &[(
                        "kinds",
                        named(
                            "each kind of collateral, by name",
                            id("a kind name"),
                            table(
                                "a kind of collateral",
                                &[
                                    ("external", boolean("shown to customers")),
                                    (
                                        "required_fields",
                                        json!({ "type": "array", "items": { "enum": FRONT_MATTER_FIELDS } }),
                                    ),
                                    ("required_sections", strings("headings the body must have")),
                                ],
                                &[],
                            ),
                        ),
                    )],
                    &[],
                ),
            ),
            (
                "lint",
                table(
                    "rule configuration",
                    &[
                        (
                            "severity",
                            named(
                                "severity per rule code or prefix",
                                selector(),
                                json!({ "enum": ["error", "warning", "off"] }),
                            ),
                        ),
                        (
                            "per_file_ignores",
                            named(
                                "rules left out per glob (gitignore style)",
                                json!({ "type": "string" }),
                                json!({ "type": "array", "items": selector() }),
                            ),
                        ),
                    ],
                    &[],
                ),
            ),
            (
                "leads",
                table(
                    "how the CRM export is read",
                    &leads_import(&columns)
                        .into_iter()
                        .chain([
                            ("timezone", string("for timestamps without an offset")),
                            ("closed_statuses", strings("statuses that close a lead")),
                            (
                                "owners",
                                named(
                                    "the owner as reported, by the CRM's spelling",
                                    json!({ "type": "string" }),
                                    string("the owner"),
                                ),
                            ),
                            (
                                "files",
                                named(
                                    "settings for the files a glob (relative to the leads folder) matches",
                                    json!({ "type": "string" }),
                                    table(
                                        "how these files are read; keys override [leads]",
                                        &leads_import(&columns),
                                        &[],
                                    ),
                                ),
                            ),
                        ])
                        .collect::<Vec<_>>(),
                    &[],
                ),
            ),
            (
                "feedback",
                table(
                    "when feedback from the field reveals a gap (AL503)",
                    &[
                        (
                            "gap_threshold",
                            json!({ "type": "integer", "minimum": 1, "description": "rows within the window that make a gap; default 3" }),
                        ),
                        (
                            "window",
                            string(
                                "whole calendar days ending with the as-of date, such as \"90d\"; default \"90d\"",
                            ),
                        ),
                    ],
                    &[],
                ),
            ),
        ],
        &[],
    )
}

/// The keys `[leads]` and each `[leads.files."GLOB"]` share
/// (docs/crm-import.md).
fn leads_import(columns: &[(&'static str, Value)]) -> Vec<(&'static str, Value)> {
    vec![
        (
            "preset",
            one_of(
                "the CRM's export headers and timestamp formats",
                crate::workspace::presets::PRESET_NAMES,
            ),
        ),
        (
            "columns",
            table("the export's headers, by column", columns, &[]),
        ),
        (
            "timestamp_formats",
            strings("strftime-style formats tried after RFC 3339, e.g. \"%m/%d/%Y %I:%M %p\""),
        ),
        (
            "delimiter",
            string("one character; detected from the header line by default"),
        ),
        (
            "values",
            named(
                "value maps, by column",
                json!({ "type": "string" }),
                named(
                    "cell text -> the value read",
                    json!({ "type": "string" }),
                    string("the value"),
                ),
            ),
        ),
    ]
}

fn map() -> Value {
    let status = |values: &[&str]| one_of("the entry's status", values);
    table(
        "Part of the message map.",
        &[
            (
                "segment",
                tables(table(
                    "a market segment",
                    &[("id", id("the segment's id")), ("name", string("its name"))],
                    &["id"],
                )),
            ),
            (
                "requirement",
                tables(table(
                    "a buyer requirement",
                    &[
                        ("id", id("the requirement's id")),
                        ("statement", string("what the buyer needs")),
                        ("segments", ids("segments that have it")),
                    ],
                    &["id", "statement"],
                )),
            ),
            (
                "competitor",
                tables(table(
                    "a competitor",
                    &[
                        ("id", id("the competitor's id")),
                        ("name", string("its name as written")),
                        ("aliases", strings("other names for it")),
                        ("landmines", strings("questions that expose it")),
                    ],
                    &["id", "name"],
                )),
            ),
            (
                "feature",
                tables(table(
                    "a product feature",
                    &[
                        ("id", id("the feature's id")),
                        ("name", string("its name")),
                        ("status", status(&["ga", "beta", "roadmap"])),
                    ],
                    &["id", "status"],
                )),
            ),
            (
                "proof",
                tables(table(
                    "a proof point",
                    &[
                        ("id", id("the proof's id")),
                        ("customer", string("who it is about")),
                        ("claim", string("what it shows")),
                        ("public", boolean("approved for external use")),
                        ("expires", date("when it may no longer be used")),
                    ],
                    &["id", "claim"],
                )),
            ),
            (
                "message",
                tables(table(
                    "a message",
                    &[
                        ("id", id("the message's id")),
                        ("headline", string("the message in one line")),
                        ("body", string("the message in full")),
                        ("requirements", ids("requirements it addresses")),
                        ("segments", ids("segments it is for")),
                        ("against", ids("competitors it is against")),
                        ("proof", ids("proof it cites")),
                        ("features", ids("features it relies on")),
                        ("status", status(&["approved", "draft", "retired"])),
                    ],
                    &["id", "headline", "requirements"],
                )),
            ),
            (
                "objection",
                tables(table(
                    "something the field hears from buyers",
                    &[
                        ("id", id("the objection's id")),
                        ("text", string("the objection, as buyers say it")),
                        ("competitors", ids("competitors it comes up against")),
                        ("requirements", ids("requirements it concerns")),
                        ("answers", ids("messages that answer it")),
                        ("status", status(&["approved", "draft", "retired"])),
                    ],
                    &["id", "text"],
                )),
            ),
            (
                "term",
                tables(table(
                    "a preferred term",
                    &[
                        ("use", string("the form to write")),
                        ("avoid", strings("forms not to write")),
                    ],
                    &["use"],
                )),
            ),
            (
                "phrase",
                tables(table(
                    "a banned phrase",
                    &[
                        ("text", string("the phrase")),
                        ("reason", string("why not")),
                    ],
                    &["text"],
                )),
            ),
        ],
        &[],
    )
}

fn criteria() -> Value {
    let rule = |section: &str, last: (&str, Value)| {
        let mut keys = vec![("field", string("the lead column tested"))];
        keys.extend(TESTS.iter().map(|test| (*test, criterion_test(test))));
        let required = last.0;
        keys.push(last);
        let mut schema = table(section, &keys, &["field", required]);
        // Exactly one test per rule.
        schema["oneOf"] = Value::Array(
            TESTS
                .iter()
                .map(|test| json!({ "required": [test] }))
                .collect(),
        );
        schema
    };
    let points = || ("points", json!({ "type": "integer" }));
    table(
        "Part of the lead criteria.",
        &[
            ("fit", tables(rule("points for who the lead is", points()))),
            (
                "engagement",
                tables(rule("points for what the lead did", points())),
            ),
            (
                "disqualify",
                tables(rule(
                    "a lead that is not qualified",
                    ("reason", string("why")),
                )),
            ),
            (
                "stages",
                table(
                    "score thresholds",
                    &[("mql", number("MQL from")), ("sql", number("SQL from"))],
                    &[],
                ),
            ),
            (
                "handoff",
                table(
                    "when a lead may be handed to sales",
                    &[
                        ("min_score", number("the least score")),
                        ("required", strings("columns that must be filled")),
                    ],
                    &[],
                ),
            ),
            (
                "tiers",
                named(
                    "the least score of each tier",
                    json!({ "type": "string" }),
                    number("the tier's least score"),
                ),
            ),
            (
                "sla",
                table(
                    "the first-touch SLA",
                    &[
                        ("clock", one_of("the clock", &["business", "calendar"])),
                        (
                            "first_touch",
                            named(
                                "the first-touch time per tier, e.g. \"4h\"",
                                json!({ "type": "string" }),
                                json!({ "type": "string" }),
                            ),
                        ),
                    ],
                    &["first_touch"],
                ),
            ),
            (
                "objective",
                tables(table(
                    "a joint objective",
                    &[
                        ("metric", json!({ "enum": Metric::names() })),
                        (
                            "target",
                            json!({ "type": "string", "pattern": "^\\s*(>=|<=|>|<|==)\\s*\\S+" }),
                        ),
                    ],
                    &["metric", "target"],
                )),
            ),
        ],
        &[],
    )
}

fn criterion_test(test: &str) -> Value {
    match test {
        "equals" => json!({ "type": ["string", "number"] }),
        "in" | "not_in" => json!({ "type": "array", "items": { "type": "string" }, "minItems": 1 }),
        "at_least" | "at_most" => json!({ "type": "number" }),
        "present" => json!({ "type": "boolean" }),
        _ => json!({ "type": "string" }),
    }
}

fn accounts() -> Value {
    table(
        "Key accounts.",
        &[(
            "account",
            tables(table(
                "a key account",
                &[
                    ("id", id("the account's id")),
                    ("name", string("its name")),
                    ("segments", ids("its segments")),
                    ("requirements", ids("its requirements")),
                    ("competitors", ids("competitors it uses or weighs")),
                    (
                        "contact",
                        tables(table(
                            "a person at the account",
                            &[
                                ("name", string("their name")),
                                ("role", string("their role")),
                                ("cares_about", ids("requirements they care about")),
                            ],
                            &["name"],
                        )),
                    ),
                ],
                &["id", "name"],
            )),
        )],
        &[],
    )
}

#[cfg(test)]
mod tests;
