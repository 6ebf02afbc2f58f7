//! `align.toml`: the workspace's name and time zone, business hours,
//! relocatable paths, collateral kinds, lint configuration and how leads
//! exports are read. Every key is checked; problems are diagnostics.

use std::ops::Range;

use globset::{GlobBuilder, GlobMatcher};
use jiff::tz::TimeZone;

use super::business_hours::read_business_hours;
pub use super::business_hours::{BusinessHoursSettings, HalfDay};
pub use super::feedback_settings::FeedbackSettings;
use super::leads_import::{
    FileKeys, Import, ImportKeys, read_files, read_import_keys, read_owners,
};
use crate::codes;
use crate::codes::files::AL004;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::syntax::{Fields, Kind, Spanned, Value};

/// The front matter fields a kind may require.
pub const FRONT_MATTER_FIELDS: &[&str] = &[
    "id",
    "title",
    "kind",
    "segments",
    "requirements",
    "competitors",
    "messages",
    "proof",
    "owner",
    "status",
    "review_by",
    "account",
    "template",
    "revision",
];

pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

#[derive(Debug, Clone)]
pub struct Settings {
    pub name: String,
    pub timezone: TimeZone,
    /// `None` without a `[business_hours]` table: the SLA clock is then
    /// calendar time.
    pub business_hours: Option<BusinessHoursSettings>,
    pub paths: Paths,
    pub kinds: Vec<CollateralKind>,
    pub lint: LintSettings,
    pub leads: LeadsSettings,
    pub feedback: FeedbackSettings,
}

#[derive(Debug, Clone)]
pub struct Paths {
    pub map: String,
    pub criteria: String,
    pub collateral: String,
    pub templates: String,
    pub accounts: String,
    pub leads: String,
    pub feedback: String,
    /// Where `align quiz --take` records results (`results.csv`).
    pub coaching: String,
}

impl Default for Paths {
    fn default() -> Paths {
        Paths {
            map: "map".into(),
            criteria: "criteria".into(),
            collateral: "collateral".into(),
            templates: "templates".into(),
            accounts: "accounts".into(),
            leads: "leads".into(),
            feedback: "feedback".into(),
            coaching: "coaching".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct CollateralKind {
    pub name: String,
    pub external: bool,
    pub required_fields: Vec<String>,
    pub required_sections: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct LintSettings {
    /// Per code or prefix: the severity, or `None` for off. Later entries win.
    pub severity: Vec<(String, Option<Severity>)>,
    pub per_file_ignores: Vec<FileIgnore>,
}

#[derive(Debug, Clone)]
pub struct FileIgnore {
    pub glob: GlobMatcher,
    pub selectors: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct LeadsSettings {
    /// For timestamps without an offset; the workspace zone by default.
    pub timezone: Option<TimeZone>,
    pub closed_statuses: Vec<String>,
    /// `preset`, `columns`, `timestamp_formats`, `delimiter`, `values`.
    pub import: ImportKeys,
    /// `[leads.files."GLOB"]`, in file order.
    pub files: Vec<FileKeys>,
    /// `[leads.owners]`: CRM spelling (trimmed) → owner.
    pub owners: Vec<(String, String)>,
}

impl LeadsSettings {
    /// The import settings of a file, by its path relative to the leads
    /// folder: the first `[leads.files]` glob that matches it wins.
    pub fn import_for(&self, relative: &str) -> Import {
        let file = self
            .files
            .iter()
            .find(|file| file.matcher.is_match(relative))
            .map(|file| &file.keys);
        Import::resolve(&self.import, file)
    }
}

impl Default for LeadsSettings {
    fn default() -> LeadsSettings {
        LeadsSettings {
            timezone: None,
            closed_statuses: ["closed", "disqualified", "won", "lost"]
                .map(String::from)
                .to_vec(),
            import: ImportKeys::default(),
            files: Vec::new(),
            owners: Vec::new(),
        }
    }
}

/// The canonical lead columns of the SPEC.
pub const LEAD_COLUMNS: &[&str] = &[
    "id",
    "created_at",
    "source",
    "company",
    "contact_email",
    "title",
    "industry",
    "employees",
    "country",
    "tier",
    "stage",
    "owner",
    "assigned_at",
    "first_touch_at",
    "status",
    "closed_at",
    "outcome",
    "amount",
];

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            name: String::new(),
            timezone: TimeZone::UTC,
            business_hours: None,
            paths: Paths::default(),
            kinds: Vec::new(),
            lint: LintSettings::default(),
            leads: LeadsSettings::default(),
            feedback: FeedbackSettings::default(),
        }
    }
}

impl Settings {
    pub fn kind(&self, name: &str) -> Option<&CollateralKind> {
        self.kinds.iter().find(|kind| kind.name == name)
    }

    /// The zone naive lead timestamps are read in.
    pub fn leads_timezone(&self) -> &TimeZone {
        self.leads.timezone.as_ref().unwrap_or(&self.timezone)
    }

    /// Reads `align.toml`; problems go to `diagnostics`, and what could be
    /// read is kept.
    pub fn read(root: &Value, source: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Settings {
        let mut settings = Settings::default();
        let Some(mut fields) = Fields::of(root, "align.toml", source, diagnostics) else {
            return settings;
        };
        if let Some(value) = fields.value("workspace") {
            read_workspace(&mut settings, value, &mut fields);
        }
        if let Some(value) = fields.value("business_hours") {
            settings.business_hours = read_business_hours(value, &mut fields);
        }
        if let Some(value) = fields.value("paths") {
            settings.paths = read_paths(value, &mut fields);
        }
        if let Some(value) = fields.value("collateral") {
            settings.kinds = read_collateral(value, &mut fields);
        }
        if let Some(value) = fields.value("lint") {
            settings.lint = read_lint(value, &mut fields);
        }
        if let Some(value) = fields.value("leads") {
            settings.leads = read_leads(value, &mut fields);
        }
        if let Some(value) = fields.value("feedback") {
            settings.feedback = super::feedback_settings::read(value, &mut fields);
        }
        fields.finish();
        settings
    }
}

/// Runs `read` on a sub-table; its findings join the parent's.
pub(super) fn with_nested<T>(
    parent: &mut Fields<'_>,
    value: &Value,
    what: &str,
    read: impl FnOnce(&mut Fields<'_>) -> T,
) -> Option<T> {
    let source = parent.source();
    let mut found = Vec::new();
    let result = Fields::of(value, what, source, &mut found).map(|mut fields| {
        let result = read(&mut fields);
        fields.finish();
        result
    });
    for diagnostic in found {
        parent.report(diagnostic);
    }
    result
}

fn read_workspace(settings: &mut Settings, value: &Value, parent: &mut Fields<'_>) {
    let read = with_nested(parent, value, "`[workspace]`", |fields| {
        let name = fields.string("name");
        let timezone = fields
            .string("timezone")
            .and_then(|zone| time_zone(zone, fields));
        (name, timezone)
    });
    if let Some((name, timezone)) = read {
        if let Some(name) = name {
            settings.name = name.value;
        }
        if let Some(timezone) = timezone {
            settings.timezone = timezone;
        }
    }
}

/// An IANA zone name from the bundled time-zone database.
fn time_zone(name: Spanned<String>, fields: &mut Fields<'_>) -> Option<TimeZone> {
    match TimeZone::get(&name.value) {
        Ok(zone) => Some(zone),
        Err(_) => {
            fields
                .problem(
                    &AL004,
                    name.span,
                    format!("unknown time zone `{}`", name.value),
                )
                .help = Some("use an IANA time zone name such as `America/Chicago`".into());
            None
        }
    }
}

fn read_paths(value: &Value, parent: &mut Fields<'_>) -> Paths {
    with_nested(parent, value, "`[paths]`", |fields| {
        let mut paths = Paths::default();
        for (key, slot) in [
            ("map", &mut paths.map),
            ("criteria", &mut paths.criteria),
            ("collateral", &mut paths.collateral),
            ("templates", &mut paths.templates),
            ("accounts", &mut paths.accounts),
            ("leads", &mut paths.leads),
            ("feedback", &mut paths.feedback),
            ("coaching", &mut paths.coaching),
        ] {
            if let Some(path) = fields.string(key) {
                *slot = path.value;
            }
        }
        paths
    })
    .unwrap_or_default()
}

fn read_collateral(value: &Value, parent: &mut Fields<'_>) -> Vec<CollateralKind> {
    with_nested(parent, value, "`[collateral]`", |fields| {
        let Some((kinds, _)) = fields.table("kinds") else {
            return Vec::new();
        };
        let mut read = Vec::new();
        for entry in &kinds.entries {
            let what = format!("`[collateral.kinds.{}]`", entry.key);
            if !crate::syntax::fields::is_valid_id(&entry.key) {
                fields.problem(
                    &AL004,
                    entry.key_span.clone(),
                    format!("invalid kind name `{}`", entry.key),
                );
            }
            let kind = with_nested(fields, &entry.value, &what, |kind| {
                let external = kind.bool("external").unwrap_or(false);
                let required_fields = kind.strings("required_fields");
                for field in &required_fields {
                    if !FRONT_MATTER_FIELDS.contains(&field.as_str()) {
                        let help = crate::syntax::fields::did_you_mean(
                            field.as_str(),
                            FRONT_MATTER_FIELDS,
                        )
                        .map_or_else(
                            || format!("front matter fields: {}", FRONT_MATTER_FIELDS.join(", ")),
                            |known| format!("did you mean `{known}`?"),
                        );
                        kind.problem(
                            &AL004,
                            field.span.clone(),
                            format!("`{}` is not a front matter field", field.value),
                        )
                        .help = Some(help);
                    }
                }
                CollateralKind {
                    name: entry.key.clone(),
                    external,
                    required_fields: required_fields.into_iter().map(|f| f.value).collect(),
                    required_sections: kind
                        .strings("required_sections")
                        .into_iter()
                        .map(|s| s.value)
                        .collect(),
                }
            });
            read.extend(kind);
        }
        read
    })
    .unwrap_or_default()
}

fn read_lint(value: &Value, parent: &mut Fields<'_>) -> LintSettings {
    with_nested(parent, value, "`[lint]`", |fields| {
        let mut lint = LintSettings::default();
        if let Some((table, _)) = fields.table("severity") {
            for entry in &table.entries {
                check_selector(fields, &entry.key, entry.key_span.clone());
                let level = match &entry.value.kind {
                    Kind::String(level) if level == "error" => Some(Some(Severity::Error)),
                    Kind::String(level) if level == "warning" => Some(Some(Severity::Warning)),
                    Kind::String(level) if level == "off" => Some(None),
                    _ => None,
                };
                match level {
                    Some(level) => lint.severity.push((entry.key.to_ascii_uppercase(), level)),
                    None => {
                        fields
                            .problem(
                                &AL004,
                                entry.value.span.clone(),
                                format!("invalid severity for `{}`", entry.key),
                            )
                            .help = Some("use \"error\", \"warning\" or \"off\"".into());
                    }
                }
            }
        }
        if let Some((table, _)) = fields.table("per_file_ignores") {
            for entry in &table.entries {
                let glob = GlobBuilder::new(&gitignore_style(&entry.key))
                    .literal_separator(true)
                    .build()
                    .map(|glob| glob.compile_matcher());
                let mut selectors = Vec::new();
                match &entry.value.kind {
                    Kind::Array(items) => {
                        for item in items {
                            if let Kind::String(selector) = &item.kind {
                                check_selector(fields, selector, item.span.clone());
                                selectors.push(selector.to_ascii_uppercase());
                            } else {
                                fields.problem(
                                    &AL004,
                                    item.span.clone(),
                                    "a rule code must be a string",
                                );
                            }
                        }
                    }
                    _ => {
                        fields.problem(
                            &AL004,
                            entry.value.span.clone(),
                            "`per_file_ignores` values are lists of rule codes or prefixes",
                        );
                    }
                }
                match glob {
                    Ok(glob) => lint.per_file_ignores.push(FileIgnore { glob, selectors }),
                    Err(error) => {
                        fields.problem(
                            &AL004,
                            entry.key_span.clone(),
                            format!("invalid glob `{}`: {}", entry.key, error.kind()),
                        );
                    }
                }
            }
        }
        lint
    })
    .unwrap_or_default()
}

/// A glob read the way `.gitignore` reads it: a pattern without a slash
/// matches at any depth, a leading slash anchors it at the root, and a
/// trailing slash means everything below that folder.
fn gitignore_style(pattern: &str) -> String {
    let mut glob = match pattern.strip_prefix('/') {
        Some(anchored) => anchored.to_owned(),
        None if !pattern.trim_end_matches('/').contains('/') => format!("**/{pattern}"),
        None => pattern.to_owned(),
    };
    if glob.ends_with('/') {
        glob.push_str("**");
    }
    glob
}

fn check_selector(fields: &mut Fields<'_>, selector: &str, span: Range<usize>) {
    if !codes::is_known_selector(selector) {
        fields
            .problem(&AL004, span, format!("`{selector}` names no rule"))
            .help = Some("use a rule code such as `AL204` or a prefix such as `AL2`".into());
    }
}

fn read_leads(value: &Value, parent: &mut Fields<'_>) -> LeadsSettings {
    with_nested(parent, value, "`[leads]`", |fields| {
        let mut leads = LeadsSettings::default();
        if let Some(zone) = fields.string("timezone") {
            leads.timezone = time_zone(zone, fields);
        }
        if fields.value("closed_statuses").is_some() {
            leads.closed_statuses = fields
                .strings("closed_statuses")
                .into_iter()
                .map(|status| status.value.trim().to_lowercase())
                .collect();
        }
        leads.import = read_import_keys(fields);
        if let Some(value) = fields.value("owners") {
            leads.owners = read_owners(fields, value);
        }
        if let Some(value) = fields.value("files") {
            leads.files = read_files(fields, value);
        }
        leads
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        GlobBuilder::new(&gitignore_style(pattern))
            .literal_separator(true)
            .build()
            .unwrap()
            .compile_matcher()
            .is_match(path)
    }

    #[test]
    fn per_file_ignore_globs_read_like_gitignore() {
        assert!(matches(
            "collateral/archive/**",
            "collateral/archive/2024/a.md"
        ));
        assert!(!matches("collateral/archive/**", "collateral/a.md"));
        assert!(matches("*.md", "collateral/deep/a.md"));
        assert!(matches("archive/", "collateral/archive/a.md"));
        assert!(matches("/collateral/*.md", "collateral/a.md"));
        assert!(!matches("/collateral/*.md", "collateral/x/a.md"));
    }
}
