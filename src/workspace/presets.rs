//! The CRM presets of `[leads] preset`: each CRM's export headers for the
//! canonical columns, and the timestamp formats it writes. Presets never
//! guess day/month order: each states the one its CRM writes. The full
//! mappings, and why, are in `docs/crm-import.md`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Hubspot,
    Salesforce,
}

pub const PRESET_NAMES: &[&str] = &["hubspot", "salesforce"];

impl Preset {
    pub fn named(name: &str) -> Option<Preset> {
        match name.trim().to_ascii_lowercase().as_str() {
            "hubspot" => Some(Preset::Hubspot),
            "salesforce" => Some(Preset::Salesforce),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Preset::Hubspot => "hubspot",
            Preset::Salesforce => "salesforce",
        }
    }

    /// Canonical column → the headers the export may use, first found wins.
    pub fn columns(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            Preset::Hubspot => HUBSPOT_COLUMNS,
            Preset::Salesforce => SALESFORCE_COLUMNS,
        }
    }

    pub fn timestamp_formats(self) -> &'static [&'static str] {
        match self {
            // HubSpot writes `2024-03-12 09:14` (read by the SPEC's local
            // form) or, for US accounts, `3/15/2024 2:30 PM`.
            Preset::Hubspot => &[
                "%m/%d/%Y %I:%M %p",
                "%m/%d/%Y %H:%M",
                "%Y-%m-%d",
                "%m/%d/%Y",
            ],
            // Salesforce reports in the US locale: `1/16/2015 9:15 AM`;
            // date fields such as `Converted Date` are date only.
            Preset::Salesforce => &["%m/%d/%Y %I:%M %p", "%m/%d/%Y"],
        }
    }
}

const HUBSPOT_COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["Record ID", "Contact ID"]),
    ("created_at", &["Create Date"]),
    ("source", &["Original Source"]),
    ("company", &["Company Name"]),
    ("contact_email", &["Email"]),
    ("title", &["Job Title"]),
    ("industry", &["Industry"]),
    ("employees", &["Number of Employees"]),
    ("country", &["Country", "Country/Region"]),
    ("stage", &["Lifecycle Stage"]),
    ("owner", &["Contact owner", "Lead owner"]),
    ("assigned_at", &["Owner Assigned Date"]),
    ("first_touch_at", &["Date of first engagement"]),
    ("status", &["Lead Status"]),
    ("closed_at", &["Close Date"]),
];

/// Salesforce has no "assigned" date on a lead report: assignment rules
/// run when the lead is created, so `Created Date` is both. `Last
/// Activity` is the *last* touch, never the first, so nothing is mapped to
/// `first_touch_at`: map `First Call Date` (or your field) yourself.
const SALESFORCE_COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["Lead ID"]),
    ("created_at", &["Created Date"]),
    ("source", &["Lead Source"]),
    ("company", &["Company / Account", "Company"]),
    ("contact_email", &["Email"]),
    ("title", &["Title"]),
    ("industry", &["Industry"]),
    ("employees", &["No. of Employees"]),
    ("country", &["Country"]),
    ("tier", &["Rating"]),
    ("owner", &["Lead Owner"]),
    ("assigned_at", &["Created Date"]),
    ("status", &["Lead Status"]),
    ("closed_at", &["Converted Date"]),
];
