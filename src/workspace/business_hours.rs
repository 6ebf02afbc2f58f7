//! `[business_hours]` of `align.toml`: weekly ranges, holidays and half
//! days, checked (bad or overlapping ranges, a date both a holiday and a
//! half day) and turned into the SLA clock's business calendar.

use jiff::civil::Date;

use super::settings::{Settings, WEEKDAYS, with_nested};
use crate::clock::{BusinessCalendar, BusinessHours, HourRange, find_overlap, parse_hour_range};
use crate::codes::files::AL004;
use crate::syntax::{Fields, Kind, Spanned, Value};

/// Business hours as read (invalid ranges already reported and left out);
/// the SLA clock is built from them.
#[derive(Debug, Clone, Default)]
pub struct BusinessHoursSettings {
    /// Index 0 is Monday.
    pub weekly: [Vec<HourRange>; 7],
    pub holidays: Vec<Spanned<Date>>,
    pub half_days: Vec<HalfDay>,
}

#[derive(Debug, Clone)]
pub struct HalfDay {
    pub date: Spanned<Date>,
    pub hours: Vec<HourRange>,
}

impl Settings {
    /// The SLA clock's business calendar, when business hours are set.
    pub fn business_calendar(&self) -> Option<BusinessCalendar> {
        let hours = self.business_hours.as_ref()?;
        Some(BusinessCalendar::new(BusinessHours {
            zone: self.timezone.clone(),
            weekly: hours.weekly.clone(),
            holidays: hours.holidays.iter().map(|date| date.value).collect(),
            half_days: hours
                .half_days
                .iter()
                .map(|half_day| (half_day.date.value, half_day.hours.clone()))
                .collect(),
        }))
    }
}

/// Reads a day's `HH:MM-HH:MM` ranges; bad and overlapping ranges are AL004.
fn hour_ranges(fields: &mut Fields<'_>, written: Vec<Spanned<String>>) -> Vec<HourRange> {
    let mut ranges = Vec::with_capacity(written.len());
    let mut spans = Vec::with_capacity(written.len());
    for range in written {
        match parse_hour_range(&range.value) {
            Ok(parsed) => {
                ranges.push(parsed);
                spans.push(range.span);
            }
            Err(error) => {
                fields.problem(&AL004, range.span, error.to_string()).help = Some(
                    "write ranges as HH:MM-HH:MM, e.g. \"09:00-12:00\"; 24:00 may end a day".into(),
                );
            }
        }
    }
    if let Some((first, second)) = find_overlap(&ranges) {
        let message = format!(
            "time ranges {} and {} overlap",
            ranges[first], ranges[second]
        );
        fields.problem(&AL004, spans[second].clone(), message).help =
            Some("ranges of one day must not overlap; merge them".into());
        ranges.clear();
    }
    ranges
}

pub(super) fn read_business_hours(
    value: &Value,
    parent: &mut Fields<'_>,
) -> Option<BusinessHoursSettings> {
    with_nested(parent, value, "`[business_hours]`", |fields| {
        let mut hours = BusinessHoursSettings::default();
        for (day, ranges) in WEEKDAYS.iter().zip(hours.weekly.iter_mut()) {
            let written = fields.strings(day);
            *ranges = hour_ranges(fields, written);
        }
        hours.holidays = dates(fields, "holidays");
        for half_day in fields.tables("half_days") {
            let read = with_nested(fields, half_day, "a half day", |entry| {
                let date = entry.date("date");
                if date.is_none() && entry.value("date").is_none() {
                    entry.missing("date");
                }
                let written = entry.strings("hours");
                let hours = hour_ranges(entry, written);
                date.map(|date| HalfDay { date, hours })
            });
            if let Some(Some(half_day)) = read {
                hours.half_days.push(half_day);
            }
        }
        for half_day in &hours.half_days {
            if let Some(holiday) = hours
                .holidays
                .iter()
                .find(|h| h.value == half_day.date.value)
            {
                fields
                    .problem(
                        &AL004,
                        half_day.date.span.clone(),
                        format!("{} is both a holiday and a half day", holiday.value),
                    )
                    .help = Some("keep the date in one of `holidays` or `half_days`".into());
            }
        }
        hours
    })
}

fn dates(fields: &mut Fields<'_>, key: &'static str) -> Vec<Spanned<Date>> {
    let Some(value) = fields.value(key) else {
        return Vec::new();
    };
    let Kind::Array(items) = &value.kind else {
        fields.problem(
            &AL004,
            value.span.clone(),
            format!("`{key}` must be a list of dates"),
        );
        return Vec::new();
    };
    let mut dates = Vec::new();
    for item in items {
        let text = match &item.kind {
            Kind::Datetime(text) | Kind::String(text) => Some(text.as_str()),
            _ => None,
        };
        match text.and_then(crate::syntax::fields::parse_date) {
            Some(date) => dates.push(Spanned::new(date, item.span.clone())),
            None => {
                fields
                    .problem(
                        &AL004,
                        item.span.clone(),
                        format!("`{key}` holds an invalid date"),
                    )
                    .help = Some("write dates as YYYY-MM-DD".into());
            }
        }
    }
    dates
}
