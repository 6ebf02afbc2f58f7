//! Reading `criteria/*.toml` into [`Criteria`]: syntax errors (AL001),
//! unknown keys (AL002), wrong types and malformed rules (AL004), unknown
//! columns (AL301, once the leads headers are known) and SLA, tier, stage
//! and objective settings that cannot work (AL302).

use std::ops::Range;
use std::sync::Arc;

use rule::read_test;

use super::*;
use crate::clock::parse_sla_duration;
use crate::codes::files::{AL001, AL004};
use crate::codes::leads::{AL301, AL302};
use crate::diagnostic::Diagnostic;
use crate::syntax::fields::did_you_mean;
use crate::syntax::{Fields, Kind, Value};
use crate::workspace::Workspace;

/// The keys of a rule that are its test; a rule has exactly one.
pub const TESTS: [&str; 7] = [
    "equals", "in", "not_in", "at_least", "at_most", "matches", "present",
];

/// Reads every criteria file of the workspace.
pub fn load(workspace: &Workspace) -> (Criteria, Vec<Diagnostic>) {
    let (files, mut diagnostics) =
        workspace.read_sources(&workspace.settings.paths.criteria, "toml");
    let mut reader = Reader {
        criteria: Criteria::default(),
        diagnostics: Vec::new(),
        singletons: Vec::new(),
        sla_tiers: Vec::new(),
        has_business_hours: workspace.settings.business_hours.is_some(),
        has_hours_ahead: workspace
            .settings
            .business_hours
            .as_ref()
            // Half days are finite: without weekly hours the clock runs out.
            .is_some_and(|hours| hours.weekly.iter().any(|day| !day.is_empty())),
    };
    for source in &files {
        match crate::syntax::toml::parse(&source.text) {
            Ok(root) => reader.file(source, &root),
            Err(error) => {
                reader
                    .diagnostics
                    .push(source.diagnostic(&AL001, error.span, error.message))
            }
        }
    }
    reader.check_tiers();
    reader.criteria.files = files;
    diagnostics.extend(reader.diagnostics);
    (reader.criteria, diagnostics)
}

/// Reports every rule field and handoff field that names no lead column
/// (AL301). `known` holds every column name a rule may use: the canonical
/// ones, the mapped headers and the headers of the leads files.
pub fn check_columns(
    criteria: &Criteria,
    known: &[String],
    is_known: impl Fn(&str) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let candidates: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut check = |source: &SourceFile, field: &Spanned<String>| {
        if is_known(&field.value) {
            return;
        }
        let help = match did_you_mean(&field.value, &candidates) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("lead columns: {}", candidates.join(", ")),
        };
        diagnostics.push(
            source
                .diagnostic(
                    &AL301,
                    field.span.clone(),
                    format!(
                        "`{}` is not a lead column: not canonical, not mapped in `[leads.columns]`, \
                         and in no leads file's header",
                        field.value
                    ),
                )
                .with_help(help),
        );
    };
    for rule in &criteria.rules {
        check(&rule.source, &rule.field);
    }
    if let Some(handoff) = &criteria.handoff {
        for field in &handoff.required {
            check(&handoff.source, field);
        }
    }
}

struct Reader {
    criteria: Criteria,
    diagnostics: Vec<Diagnostic>,
    /// Tables that may be defined once across all files, with where.
    singletons: Vec<(&'static str, Arc<SourceFile>, Range<usize>)>,
    has_business_hours: bool,
    has_hours_ahead: bool,
    /// Tiers `first_touch` names, readable durations or not.
    sla_tiers: Vec<String>,
}

impl Reader {
    fn file(&mut self, source: &Arc<SourceFile>, root: &Value) {
        let Kind::Table(table) = &root.kind else {
            return;
        };
        // The keys of the file are checked first (unknown keys, wrong
        // types); the values are then read from the table itself.
        let mut found = Vec::new();
        let mut file = Fields::new(
            table,
            root.span.clone(),
            "a criteria file",
            source,
            &mut found,
        );
        for key in ["fit", "engagement", "disqualify", "objective"] {
            file.tables(key);
        }
        for key in ["stages", "handoff", "tiers", "sla"] {
            file.value(key);
        }
        file.finish();
        self.diagnostics.extend(found);

        let mut sections = Vec::new();
        for (key, section) in [
            ("fit", Section::Fit),
            ("engagement", Section::Engagement),
            ("disqualify", Section::Disqualify),
        ] {
            for value in array_items(table, key) {
                sections.push((value, section));
            }
        }
        let value = |key: &str| table.get(key).map(|entry| &entry.value);
        let (stages, handoff, tiers, sla) = (
            value("stages"),
            value("handoff"),
            value("tiers"),
            value("sla"),
        );
        let objectives = array_items(table, "objective");

        // Rules are kept in file order, whatever their section.
        sections.sort_by_key(|(value, _)| value.span.start);
        for (value, section) in sections {
            if let Some(rule) = self.rule(source, value, section) {
                self.criteria.rules.push(rule);
            }
        }
        if let Some(value) = stages {
            self.stages(source, value);
        }
        if let Some(value) = handoff {
            self.handoff(source, value);
        }
        if let Some(value) = tiers {
            self.tiers(source, value);
        }
        if let Some(value) = sla {
            self.sla(source, value);
        }
        for value in objectives {
            self.objective(source, value);
        }
    }

    /// Runs `read` on a table's fields; its findings join the others.
    fn nested<T>(
        &mut self,
        source: &Arc<SourceFile>,
        value: &Value,
        what: &str,
        read: impl FnOnce(&mut Fields<'_>) -> T,
    ) -> Option<T> {
        let mut found = Vec::new();
        let result = Fields::of(value, what, source, &mut found).map(|mut fields| {
            let result = read(&mut fields);
            fields.finish();
            result
        });
        self.diagnostics.extend(found);
        result
    }

    /// Whether a table defined once per workspace is new; a second
    /// definition is AL302 naming the first.
    fn first_definition(
        &mut self,
        name: &'static str,
        source: &Arc<SourceFile>,
        span: Range<usize>,
    ) -> bool {
        if let Some((_, first, first_span)) = self.singletons.iter().find(|(n, ..)| *n == name) {
            let line = first.position(first_span.start).line;
            let message = format!(
                "`[{name}]` is defined twice; the first is at {}:{line}",
                first.relative
            );
            self.diagnostics.push(
                source
                    .diagnostic(&AL302, span, message)
                    .with_help("keep one definition; the criteria files form one agreement"),
            );
            return false;
        }
        self.singletons.push((name, source.clone(), span));
        true
    }

    fn rule(
        &mut self,
        source: &Arc<SourceFile>,
        value: &Value,
        section: Section,
    ) -> Option<Criterion> {
        let what = format!("a `[[{}]]` rule", section.as_str());
        self.nested(source, value, &what, |fields| {
            let field = fields.required_string("field");
            let mut written: Vec<(&'static str, &Value)> = TESTS
                .iter()
                .filter_map(|key| fields.value(key).map(|value| (*key, value)))
                .collect();
            written.sort_by_key(|(_, value)| value.span.start);
            let test = match written.as_slice() {
                [] => {
                    fields
                        .problem(&AL004, fields.span(), format!("{what} has no test"))
                        .help = Some(format!("give it one of: {}", TESTS.join(", ")));
                    None
                }
                [(key, value)] => read_test(fields, key, value),
                [_, (key, value), ..] => {
                    fields
                        .problem(
                            &AL004,
                            value.span.clone(),
                            format!("{what} has more than one test: `{key}` is another"),
                        )
                        .help = Some("split it into one rule per test".into());
                    None
                }
            };
            let (points, reason) = match section {
                Section::Disqualify => {
                    let reason = fields.required_string("reason").map(|r| r.value);
                    (0, reason)
                }
                Section::Fit | Section::Engagement => {
                    let found = fields.value("points").is_some();
                    let points = fields.integer("points").and_then(|points| {
                        if (-MAX_POINTS..=MAX_POINTS).contains(&points.value) {
                            return Some(points.value);
                        }
                        fields
                            .problem(
                                &AL004,
                                points.span.clone(),
                                format!("{} points is out of range", points.value),
                            )
                            .help = Some(format!(
                            "points are between -{MAX_POINTS} and {MAX_POINTS}; scores are sums of a few rules"
                        ));
                        None
                    });
                    if !found {
                        fields.missing("points");
                    }
                    (points.unwrap_or(0), None)
                }
            };
            Some(Criterion {
                section,
                field: field?,
                test: test?,
                points,
                reason,
                source: source.clone(),
                span: value.span.clone(),
            })
        })
        .flatten()
    }

    fn stages(&mut self, source: &Arc<SourceFile>, value: &Value) {
        if !self.first_definition("stages", source, value.span.clone()) {
            return;
        }
        let read = self.nested(source, value, "`[stages]`", |fields| {
            let mql = fields.number("mql");
            let sql = fields.number("sql");
            if let (Some(mql), Some(sql)) = (&mql, &sql) {
                if mql.value > sql.value {
                    fields
                        .problem(
                            &AL302,
                            sql.span.clone(),
                            format!(
                                "the sql stage ({}) needs less than the mql stage ({})",
                                sql.value, mql.value
                            ),
                        )
                        .help = Some("a sales-qualified lead is a marketing-qualified lead that scores higher: set sql >= mql".into());
                }
            }
            Stages {
                mql: mql.map(|m| m.value),
                sql: sql.map(|s| s.value),
            }
        });
        if let Some(stages) = read {
            self.criteria.stages = stages;
        }
    }

    fn handoff(&mut self, source: &Arc<SourceFile>, value: &Value) {
        if !self.first_definition("handoff", source, value.span.clone()) {
            return;
        }
        let read = self.nested(source, value, "`[handoff]`", |fields| Handoff {
            min_score: fields.number("min_score").map(|m| m.value),
            required: fields.strings("required"),
            source: source.clone(),
        });
        self.criteria.handoff = read;
    }

    fn tiers(&mut self, source: &Arc<SourceFile>, value: &Value) {
        if !self.first_definition("tiers", source, value.span.clone()) {
            return;
        }
        let Kind::Table(table) = &value.kind else {
            self.diagnostics.push(source.diagnostic(
                &AL004,
                value.span.clone(),
                format!("`tiers` must be a table, found {}", value.kind.describe()),
            ));
            return;
        };
        let mut tiers: Vec<Tier> = Vec::new();
        for entry in &table.entries {
            let min_score = match entry.value.kind {
                Kind::Integer(number) => number as f64,
                Kind::Float(number) if number.is_finite() => number,
                Kind::Float(number) => {
                    let message = crate::syntax::fields::not_finite(&entry.key, number);
                    self.diagnostics.push(
                        source
                            .diagnostic(&AL004, entry.value.span.clone(), message)
                            .with_help("a tier starts at a minimum score, such as 70"),
                    );
                    continue;
                }
                _ => {
                    self.diagnostics.push(source.diagnostic(
                        &AL004,
                        entry.value.span.clone(),
                        format!(
                            "tier `{}` must be a minimum score, found {}",
                            entry.key,
                            entry.value.kind.describe()
                        ),
                    ));
                    continue;
                }
            };
            if let Some(same) = tiers.iter().find(|tier| tier.min_score == min_score) {
                self.diagnostics.push(
                    source
                        .diagnostic(
                            &AL302,
                            entry.value.span.clone(),
                            format!(
                                "tiers `{}` and `{}` both start at score {min_score}",
                                same.name, entry.key
                            ),
                        )
                        .with_help("give each tier its own minimum score"),
                );
                continue;
            }
            tiers.push(Tier {
                name: entry.key.clone(),
                min_score,
                source: source.clone(),
                span: entry.key_span.clone(),
            });
        }
        tiers.sort_by(|a, b| b.min_score.total_cmp(&a.min_score));
        self.criteria.tiers = tiers;
    }

    fn sla(&mut self, source: &Arc<SourceFile>, value: &Value) {
        if !self.first_definition("sla", source, value.span.clone()) {
            return;
        }
        let has_business_hours = self.has_business_hours;
        let has_hours_ahead = self.has_hours_ahead;
        let read = self.nested(source, value, "`[sla]`", |fields| {
            let default = if has_business_hours {
                ClockKind::Business
            } else {
                ClockKind::Calendar
            };
            let clock = match fields.string("clock") {
                None => {
                    if has_business_hours && !has_hours_ahead {
                        fields.problem(&AL302, fields.span(), "the SLA runs on the business clock of `[business_hours]`, which has no hours on any weekday").help =
                            Some("give at least one weekday its hours in align.toml, or use clock = \"calendar\"".into());
                    }
                    default
                }
                Some(clock) => match clock.as_str() {
                    "business" => {
                        if !has_business_hours {
                            fields.problem(&AL302, clock.span.clone(), "the SLA runs on a business clock, but align.toml has no `[business_hours]`").help =
                                Some("add `[business_hours]` to align.toml, or use clock = \"calendar\"".into());
                        } else if !has_hours_ahead {
                            fields.problem(&AL302, clock.span.clone(), "the SLA runs on a business clock, but `[business_hours]` has no hours on any weekday").help =
                                Some("give at least one weekday its hours, e.g. monday = [\"09:00-17:00\"]; half days alone run out".into());
                        }
                        ClockKind::Business
                    }
                    "calendar" => ClockKind::Calendar,
                    other => {
                        fields
                            .problem(&AL302, clock.span.clone(), format!("unknown SLA clock `{other}`"))
                            .help = Some("use \"business\" or \"calendar\"".into());
                        default
                    }
                },
            };
            let mut first_touch = Vec::new();
            let mut named = Vec::new();
            match fields.table("first_touch") {
                None => {
                    if fields.value("first_touch").is_none() {
                        fields.problem(&AL302, fields.span(), "`[sla]` has no `first_touch` durations").help =
                            Some("e.g. first_touch = { A = \"1h\", B = \"4h\", C = \"16h\" }".into());
                    }
                }
                Some((table, _)) => {
                    named = table.entries.iter().map(|entry| entry.key.clone()).collect();
                    for entry in &table.entries {
                        let Kind::String(text) = &entry.value.kind else {
                            fields.problem(
                                &AL004,
                                entry.value.span.clone(),
                                format!("the SLA of tier `{}` must be a duration string such as \"4h\"", entry.key),
                            );
                            continue;
                        };
                        match parse_sla_duration(text, clock) {
                            Ok(seconds) => first_touch.push(TierSla {
                                tier: entry.key.clone(),
                                seconds,
                            }),
                            Err(error) => {
                                fields.problem(&AL302, entry.value.span.clone(), error.to_string()).help =
                                    Some(format!("until it is fixed, leads of tier `{}` are not held to an SLA", entry.key));
                            }
                        }
                    }
                }
            }
            Sla {
                clock,
                first_touch,
                named,
            }
        });
        if let Kind::Table(sla) = &value.kind {
            if let Some(Kind::Table(first_touch)) = sla.get("first_touch").map(|e| &e.value.kind) {
                self.sla_tiers = first_touch.entries.iter().map(|e| e.key.clone()).collect();
            }
        }
        self.criteria.sla = read;
    }

    fn objective(&mut self, source: &Arc<SourceFile>, value: &Value) {
        let read = self.nested(source, value, "an `[[objective]]`", |fields| {
            let metric = fields.required_string("metric").and_then(|metric| {
                let found = Metric::from_name(&metric.value);
                if found.is_none() {
                    let names = Metric::names();
                    let help = match did_you_mean(&metric.value, &names) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("metrics: {}", names.join(", ")),
                    };
                    fields
                        .problem(
                            &AL302,
                            metric.span.clone(),
                            format!("unknown metric `{}`", metric.value),
                        )
                        .help = Some(help);
                }
                found
            });
            let target = fields.value("target");
            if target.is_none() {
                fields.missing("target");
            }
            let target = target.and_then(|value| {
                let parsed = match &value.kind {
                    Kind::String(text) => Target::parse(text),
                    _ => None,
                };
                if parsed.is_none() {
                    fields
                        .problem(&AL302, value.span.clone(), "a target is a comparison and a number")
                        .help = Some("write it as a string such as \">= 0.90\" or \"<= 1.5\" (>=, <=, >, <, ==)".into());
                }
                parsed
            });
            if let (Some(metric), Some(target), Some(value)) = (metric, target, fields.value("target")) {
                if metric.is_rate() && !(0.0..=1.0).contains(&target.value) {
                    fields
                        .problem(
                            &AL302,
                            value.span.clone(),
                            format!("`{}` is a rate between 0 and 1, so `{target}` cannot be met as meant", metric.name()),
                        )
                        .help = Some("write a share, e.g. \">= 0.90\" for 90%".into());
                }
            }
            Some(Objective {
                metric: metric?,
                target: target?,
            })
        });
        if let Some(Some(objective)) = read {
            self.criteria.objectives.push(objective);
        }
    }

    /// Checks tiers against the SLA, once every file is read: each band
    /// needs an SLA, and every score needs a band.
    fn check_tiers(&mut self) {
        if self.criteria.sla.is_none() {
            return;
        }
        for tier in &self.criteria.tiers {
            // A tier whose duration could not be read was reported already.
            if !self
                .sla_tiers
                .iter()
                .any(|name| name.eq_ignore_ascii_case(&tier.name))
            {
                self.diagnostics.push(
                    tier.source
                        .diagnostic(
                            &AL302,
                            tier.span.clone(),
                            format!("tier `{}` has no first-touch SLA", tier.name),
                        )
                        .with_help(format!(
                            "add `{} = \"…\"` to `first_touch` in `[sla]`",
                            tier.name
                        )),
                );
            }
        }
        if let Some(lowest) = self.criteria.tiers.last() {
            if lowest.min_score > 0.0 {
                self.diagnostics.push(
                    lowest
                        .source
                        .diagnostic(
                            &AL302,
                            lowest.span.clone(),
                            format!(
                                "a lead scoring below {} gets no tier, so no SLA, unless the CRM sets its tier",
                                lowest.min_score
                            ),
                        )
                        .with_help(format!("let the lowest tier start at 0, e.g. `{} = 0`", lowest.name)),
                );
            }
        }
    }
}

/// The items of an array of tables; anything else was reported already.
fn array_items<'v>(table: &'v crate::syntax::Table, key: &str) -> Vec<&'v Value> {
    match table.get(key).map(|entry| &entry.value.kind) {
        Some(Kind::Array(items)) => items.iter().collect(),
        _ => Vec::new(),
    }
}

mod rule;

#[cfg(test)]
mod tests;
