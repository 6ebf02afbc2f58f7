//! `timestamp_formats`: strftime-style layouts a CRM export writes
//! (`%m/%d/%Y %I:%M %p`), compiled once into a list of items and matched
//! byte by byte per cell, so a file of a million US-format dates costs
//! about what the RFC 3339 path costs.

use std::fmt;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;

use super::TimestampError;
use super::timestamp::{self, Problem};

/// The directives a format may use.
pub const DIRECTIVES: &str = "%Y %m %d %H %I %M %S %p %%";

/// One compiled timestamp format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampFormat {
    /// As written in `align.toml` (for messages).
    pub text: String,
    items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Literal(u8),
    /// Four digits.
    Year,
    /// One or two digits.
    Month,
    Day,
    Hour24,
    Hour12,
    /// Two digits.
    Minute,
    Second,
    /// `AM` or `PM`, any case.
    Meridiem,
}

/// Why a format string cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("`{0}` is not a supported directive; use {DIRECTIVES}")]
    Unknown(String),
    #[error("the format has no `{0}`; a timestamp needs a year, a month and a day")]
    Missing(&'static str),
    #[error("`{0}` appears twice")]
    Twice(&'static str),
    #[error("`%I` (12-hour clock) needs `%p` (AM/PM), and `%p` needs `%I`")]
    Meridiem,
    #[error("`%M` needs an hour (`%H` or `%I`), and `%S` needs `%M`")]
    Time,
}

/// Why a cell does not fit a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// The cell does not have the format's shape.
    Shape,
    /// The shape fits, but a value is impossible (why).
    Value(String),
}

impl TimestampFormat {
    pub fn compile(text: &str) -> Result<TimestampFormat, FormatError> {
        let mut items = Vec::new();
        let mut bytes = text.bytes();
        while let Some(byte) = bytes.next() {
            if byte != b'%' {
                items.push(Item::Literal(byte));
                continue;
            }
            let item = match bytes.next() {
                Some(b'Y') => Item::Year,
                Some(b'm') => Item::Month,
                Some(b'd') => Item::Day,
                Some(b'H') => Item::Hour24,
                Some(b'I') => Item::Hour12,
                Some(b'M') => Item::Minute,
                Some(b'S') => Item::Second,
                Some(b'p') => Item::Meridiem,
                Some(b'%') => Item::Literal(b'%'),
                other => {
                    let shown = other.map_or_else(String::new, |b| char::from(b).to_string());
                    return Err(FormatError::Unknown(format!("%{shown}")));
                }
            };
            items.push(item);
        }
        let count = |wanted: Item| items.iter().filter(|item| **item == wanted).count();
        for (item, name) in [
            (Item::Year, "%Y"),
            (Item::Month, "%m"),
            (Item::Day, "%d"),
            (Item::Hour24, "%H"),
            (Item::Hour12, "%I"),
            (Item::Minute, "%M"),
            (Item::Second, "%S"),
            (Item::Meridiem, "%p"),
        ] {
            if count(item) > 1 {
                return Err(FormatError::Twice(name));
            }
        }
        for (item, name) in [(Item::Year, "%Y"), (Item::Month, "%m"), (Item::Day, "%d")] {
            if count(item) == 0 {
                return Err(FormatError::Missing(name));
            }
        }
        if count(Item::Hour12) != count(Item::Meridiem)
            || count(Item::Hour12) + count(Item::Hour24) > 1
        {
            return Err(FormatError::Meridiem);
        }
        let hours = count(Item::Hour12) + count(Item::Hour24);
        if (count(Item::Minute) > hours) || (count(Item::Second) > count(Item::Minute)) {
            return Err(FormatError::Time);
        }
        Ok(TimestampFormat {
            text: text.to_owned(),
            items,
        })
    }

    /// The same layout with day and month swapped, to spot a list that
    /// would read `03/04/2026` two ways.
    fn swapped_day_month(&self) -> Vec<Item> {
        self.items
            .iter()
            .map(|item| match item {
                Item::Month => Item::Day,
                Item::Day => Item::Month,
                other => *other,
            })
            .collect()
    }

    /// Reads a trimmed cell as a local time in `zone`.
    pub fn read(&self, cell: &[u8], zone: &TimeZone) -> Result<Timestamp, Miss> {
        let mut at = 0;
        let (mut year, mut month, mut day) = (0i16, 0i8, 0i8);
        let (mut hour, mut minute, mut second) = (0i8, 0i8, 0i8);
        let mut pm: Option<bool> = None;
        for item in &self.items {
            match *item {
                Item::Literal(byte) => {
                    if cell.get(at) != Some(&byte) {
                        return Err(Miss::Shape);
                    }
                    at += 1;
                }
                Item::Year => {
                    let digits = cell.get(at..at + 4).ok_or(Miss::Shape)?;
                    if !digits.iter().all(u8::is_ascii_digit) {
                        return Err(Miss::Shape);
                    }
                    year = digits
                        .iter()
                        .fold(0i16, |sum, d| sum * 10 + i16::from(d - b'0'));
                    at += 4;
                }
                Item::Month | Item::Day | Item::Hour24 | Item::Hour12 => {
                    let value = digits(cell, &mut at, 1)?;
                    match item {
                        Item::Month => month = value,
                        Item::Day => day = value,
                        _ => hour = value,
                    }
                }
                Item::Minute => minute = digits(cell, &mut at, 2)?,
                Item::Second => second = digits(cell, &mut at, 2)?,
                Item::Meridiem => {
                    let word = cell.get(at..at + 2).ok_or(Miss::Shape)?;
                    pm = Some(match word {
                        [b'a' | b'A', b'm' | b'M'] => false,
                        [b'p' | b'P', b'm' | b'M'] => true,
                        _ => return Err(Miss::Shape),
                    });
                    at += 2;
                }
            }
        }
        if at != cell.len() {
            return Err(Miss::Shape);
        }
        let date = Date::new(year, month, day)
            .map_err(|_| Miss::Value(format!("{year:04}-{month:02}-{day:02} is not a date")))?;
        if !(1900..=9999).contains(&year) {
            return Err(Miss::Value("the year is outside 1900-9999".into()));
        }
        if let Some(pm) = pm {
            if !(1..=12).contains(&hour) {
                return Err(Miss::Value(format!(
                    "{hour} is not an hour on a 12-hour clock"
                )));
            }
            hour = hour % 12 + if pm { 12 } else { 0 };
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(Miss::Value(format!(
                "{hour:02}:{minute:02}:{second:02} is not a time of day"
            )));
        }
        let time = Time::new(hour, minute, second, 0)
            .map_err(|_| Miss::Value("not a time of day".into()))?;
        zone.to_ambiguous_timestamp(DateTime::from_parts(date, time))
            .compatible()
            .map_err(|_| Miss::Value("the instant is outside the supported range".into()))
    }
}

/// Reads the timestamps of one leads file: RFC 3339 and the SPEC's local
/// forms first (the fast path), then each of the file's formats in order.
#[derive(Debug, Clone)]
pub struct TimestampReader {
    /// Local times are read in this zone.
    pub zone: TimeZone,
    pub formats: Arc<[TimestampFormat]>,
}

impl TimestampReader {
    pub fn new(zone: TimeZone, formats: Arc<[TimestampFormat]>) -> TimestampReader {
        TimestampReader { zone, formats }
    }

    pub fn read(&self, cell: &[u8]) -> Result<Timestamp, TimestampError> {
        let text = cell.trim_ascii();
        if text.is_empty() {
            return Err(TimestampError::Empty);
        }
        let problem = match timestamp::read(text, &self.zone) {
            Ok(instant) => return Ok(instant),
            Err(problem) if self.formats.is_empty() => {
                return Err(timestamp::describe(problem, text));
            }
            Err(problem) => problem,
        };
        let mut misfit = None;
        for format in self.formats.iter() {
            match format.read(text, &self.zone) {
                Ok(instant) => return Ok(instant),
                Err(Miss::Value(why)) if misfit.is_none() => misfit = Some((format, why)),
                Err(_) => {}
            }
        }
        // The RFC 3339 layout fitted but a value did not: say which.
        if problem != Problem::Malformed {
            return Err(timestamp::describe(problem, text));
        }
        let text_shown = timestamp::quoted(text);
        Err(match misfit {
            Some((format, why)) => TimestampError::FormatValue {
                text: text_shown,
                format: format.text.clone(),
                why,
            },
            None => TimestampError::NoFormat {
                text: text_shown,
                tried: self.tried(),
            },
        })
    }

    /// The formats tried, for messages.
    fn tried(&self) -> String {
        let mut tried = vec!["RFC 3339".to_owned(), "`YYYY-MM-DD HH:MM[:SS]`".to_owned()];
        tried.extend(self.formats.iter().map(ToString::to_string));
        tried.join(", ")
    }
}

/// Reads `min` to 2 ASCII digits at `at`.
fn digits(cell: &[u8], at: &mut usize, min: usize) -> Result<i8, Miss> {
    let count = cell
        .get(*at..)
        .unwrap_or_default()
        .iter()
        .take(2)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if count < min {
        return Err(Miss::Shape);
    }
    let value = cell[*at..*at + count]
        .iter()
        .fold(0i8, |sum, d| sum * 10 + (d - b'0') as i8);
    *at += count;
    Ok(value)
}

/// Whether two formats of a list read the same text as different dates:
/// one is the other with day and month swapped (`%d/%m/%Y` and
/// `%m/%d/%Y`). Returns the first such pair.
pub fn ambiguous_pair(formats: &[TimestampFormat]) -> Option<(&str, &str)> {
    for (index, first) in formats.iter().enumerate() {
        let swapped = first.swapped_day_month();
        if let Some(second) = formats[index + 1..]
            .iter()
            .find(|other| other.items == swapped)
        {
            return Some((&first.text, &second.text));
        }
    }
    None
}

impl fmt::Display for TimestampFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(format: &str, cell: &str) -> Result<String, Miss> {
        let zone = TimeZone::get("America/Chicago").unwrap();
        TimestampFormat::compile(format)
            .unwrap()
            .read(cell.as_bytes(), &zone)
            .map(|t| crate::clock::format_timestamp(t, &zone))
    }

    #[test]
    fn us_dates_with_one_or_two_digits() {
        let us = "%m/%d/%Y %I:%M %p";
        assert_eq!(
            read(us, "11/20/2026 9:30 AM").unwrap(),
            "2026-11-20T09:30:00-06:00"
        );
        assert_eq!(
            read(us, "1/6/2026 12:05 am").unwrap(),
            "2026-01-06T00:05:00-06:00"
        );
        assert_eq!(
            read(us, "01/06/2026 12:05 PM").unwrap(),
            "2026-01-06T12:05:00-06:00"
        );
        assert_eq!(
            read(us, "3/15/2024 2:30 PM").unwrap(),
            "2024-03-15T14:30:00-05:00"
        );
        assert_eq!(
            read("%m/%d/%Y", "3/8/2026").unwrap(),
            "2026-03-08T00:00:00-06:00"
        );
        assert_eq!(
            read("%d.%m.%Y %H:%M:%S", "23.11.2026 17:04:59").unwrap(),
            "2026-11-23T17:04:59-06:00"
        );
    }

    #[test]
    fn misses_say_whether_the_shape_or_a_value_is_wrong() {
        let us = "%m/%d/%Y %I:%M %p";
        for cell in [
            "2026-11-20 09:30",
            "11/20/2026 9:30",
            "11/20/2026 9:30 AMX",
            "111/2/2026 9:30 AM",
        ] {
            assert_eq!(read(us, cell), Err(Miss::Shape), "{cell}");
        }
        assert!(matches!(read(us, "2/30/2026 9:30 AM"), Err(Miss::Value(_))));
        assert!(matches!(read(us, "2/3/2026 13:30 PM"), Err(Miss::Value(_))));
        assert!(matches!(read(us, "2/3/2026 0:30 AM"), Err(Miss::Value(_))));
        assert!(matches!(read("%m/%d/%Y", "2/3/1899"), Err(Miss::Value(_))));
        assert!(matches!(
            read("%Y-%m-%d %H:%M:%S", "2016-12-31 23:59:60"),
            Err(Miss::Value(_))
        ));
    }

    #[test]
    fn bad_formats_are_refused() {
        for (text, error) in [
            ("%m/%d", FormatError::Missing("%Y")),
            ("%Y-%m-%d %q", FormatError::Unknown("%q".into())),
            ("%Y-%m-%d %I:%M", FormatError::Meridiem),
            ("%Y-%m-%d %H:%M %p", FormatError::Meridiem),
            ("%Y-%m-%d %S", FormatError::Time),
            ("%Y-%m-%d-%d", FormatError::Twice("%d")),
            ("%Y-%m-%", FormatError::Unknown("%".into())),
        ] {
            assert_eq!(TimestampFormat::compile(text), Err(error), "{text}");
        }
    }

    #[test]
    fn a_reader_tries_rfc3339_then_each_format() {
        let zone = TimeZone::get("America/Chicago").unwrap();
        let formats: Vec<TimestampFormat> = ["%m/%d/%Y %I:%M %p", "%m/%d/%Y"]
            .iter()
            .map(|text| TimestampFormat::compile(text).unwrap())
            .collect();
        let reader = TimestampReader::new(zone.clone(), formats.into());
        let show = |cell: &str| {
            reader
                .read(cell.as_bytes())
                .map(|t| crate::clock::format_timestamp(t, &zone))
                .map_err(|error| error.to_string())
        };
        assert_eq!(
            show("2026-11-20T09:30:00-05:00").unwrap(),
            "2026-11-20T08:30:00-06:00"
        );
        assert_eq!(
            show(" 11/20/2026 9:30 AM ").unwrap(),
            "2026-11-20T09:30:00-06:00"
        );
        assert_eq!(show("11/20/2026").unwrap(), "2026-11-20T00:00:00-06:00");
        assert_eq!(
            show("20.11.2026").unwrap_err(),
            "invalid timestamp `20.11.2026`: no format reads it (tried RFC 3339, \
             `YYYY-MM-DD HH:MM[:SS]`, `%m/%d/%Y %I:%M %p`, `%m/%d/%Y`)"
        );
        assert_eq!(
            show("2/30/2026").unwrap_err(),
            "invalid timestamp `2/30/2026`: format `%m/%d/%Y` fits, but 2026-02-30 is not a date"
        );
        assert!(
            show("2026-02-30 09:00")
                .unwrap_err()
                .contains("is not a date")
        );
    }

    proptest::proptest! {
        /// A US-format cell reads back as the civil time it was written
        /// from (the oracle: jiff's own civil datetime, in UTC).
        #[test]
        fn us_cells_read_back(
            year in 1900i16..=9999,
            month in 1i8..=12,
            day in 1i8..=28,
            hour in 0i8..=23,
            minute in 0i8..=59,
            padded in proptest::bool::ANY,
        ) {
            let hour12 = if hour % 12 == 0 { 12 } else { hour % 12 };
            let meridiem = if hour < 12 { "AM" } else { "pm" };
            let cell = if padded {
                format!("{month:02}/{day:02}/{year} {hour12:02}:{minute:02} {meridiem}")
            } else {
                format!("{month}/{day}/{year} {hour12}:{minute:02} {meridiem}")
            };
            let format = TimestampFormat::compile("%m/%d/%Y %I:%M %p").unwrap();
            let read = format.read(cell.as_bytes(), &TimeZone::UTC).unwrap();
            let expected = TimeZone::UTC
                .to_timestamp(jiff::civil::date(year, month, day).at(hour, minute, 0, 0))
                .unwrap();
            proptest::prop_assert_eq!(read, expected, "{}", cell);
        }
    }

    #[test]
    fn day_month_ambiguity_is_found() {
        let compile = |list: &[&str]| -> Vec<TimestampFormat> {
            list.iter()
                .map(|text| TimestampFormat::compile(text).unwrap())
                .collect()
        };
        assert_eq!(
            ambiguous_pair(&compile(&["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y"])),
            Some(("%d/%m/%Y", "%m/%d/%Y"))
        );
        assert_eq!(
            ambiguous_pair(&compile(&["%d.%m.%Y", "%m/%d/%Y", "%m/%d/%Y %I:%M %p"])),
            None
        );
    }
}
