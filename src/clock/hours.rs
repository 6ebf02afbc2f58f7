//! Business hours as the workspace writes them: local wall-clock ranges
//! such as `09:00-12:00` for each weekday, whole-day holidays and half days
//! that replace a day's ranges. Nothing here knows about instants; the
//! calendar maps these civil ranges onto the time line.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Minutes in a civil day; `24:00` is this value and only valid as an end.
pub const MINUTES_PER_DAY: u16 = 24 * 60;

/// One local wall-clock range of a day, in minutes since local midnight.
///
/// `end` may be `24:00` (1440), meaning the start of the next civil day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HourRange {
    pub start: u16,
    pub end: u16,
}

impl fmt::Display for HourRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60
        )
    }
}

/// Why a business-hour range could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("invalid time range `{text}`: expected HH:MM-HH:MM")]
    Malformed { text: String },
    #[error("invalid time range `{text}`: `{time}` is not a time of day (00:00 to 24:00)")]
    NotATime { text: String, time: String },
    #[error("invalid time range `{text}`: a range cannot start at 24:00")]
    StartsAtMidnight { text: String },
    #[error(
        "invalid time range `{text}`: the end must be after the start \
         (a range across midnight is written as two, e.g. `22:00-24:00` and `00:00-02:00` on the next day)"
    )]
    EndNotAfterStart { text: String },
}

/// Reads a range written `HH:MM-HH:MM` (two digits each, end after start,
/// `24:00` only as the end).
pub fn parse_hour_range(text: &str) -> Result<HourRange, HoursError> {
    let malformed = || HoursError::Malformed {
        text: text.to_owned(),
    };
    let (start_text, end_text) = text.split_once('-').ok_or_else(malformed)?;
    let start = parse_clock_time(start_text).ok_or_else(malformed)?;
    let end = parse_clock_time(end_text).ok_or_else(malformed)?;
    for (time, written) in [(start, start_text), (end, end_text)] {
        if !time.is_valid() {
            return Err(HoursError::NotATime {
                text: text.to_owned(),
                time: written.to_owned(),
            });
        }
    }
    let (start, end) = (start.minutes(), end.minutes());
    if start == MINUTES_PER_DAY {
        return Err(HoursError::StartsAtMidnight {
            text: text.to_owned(),
        });
    }
    if end <= start {
        return Err(HoursError::EndNotAfterStart {
            text: text.to_owned(),
        });
    }
    Ok(HourRange { start, end })
}

/// An `HH:MM` as written, before its fields are checked against the clock.
#[derive(Clone, Copy)]
struct ClockTime {
    hour: u16,
    minute: u16,
}

impl ClockTime {
    fn is_valid(self) -> bool {
        self.minute < 60 && (self.hour < 24 || (self.hour == 24 && self.minute == 0))
    }

    fn minutes(self) -> u16 {
        self.hour * 60 + self.minute
    }
}

/// Only the shape is checked here, so that `25:00` can be reported as a bad
/// time rather than as a bad range.
fn parse_clock_time(text: &str) -> Option<ClockTime> {
    let &[h1, h2, b':', m1, m2] = text.as_bytes() else {
        return None;
    };
    let digit = |b: u8| b.is_ascii_digit().then(|| u16::from(b - b'0'));
    Some(ClockTime {
        hour: digit(h1)? * 10 + digit(h2)?,
        minute: digit(m1)? * 10 + digit(m2)?,
    })
}

/// Ranges of one day must not overlap (touching, as in `09:00-12:00` and
/// `12:00-13:00`, is fine). Returns the indices `(earlier, later)` of the
/// first overlap found in order of start time, or `None`.
///
/// Sorting first keeps this O(n log n) however many ranges a file lists.
pub fn find_overlap(ranges: &[HourRange]) -> Option<(usize, usize)> {
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| (ranges.get(i).map(|r| r.start), i));
    // The range seen so far that reaches furthest; any later-starting range
    // that begins before its end overlaps it.
    let mut furthest: Option<(usize, u16)> = None;
    for &i in &order {
        let range = ranges.get(i)?;
        if let Some((j, end)) = furthest {
            if range.start < end {
                return Some((i.min(j), i.max(j)));
            }
        }
        if furthest.is_none_or(|(_, end)| range.end > end) {
            furthest = Some((i, range.end));
        }
    }
    None
}

/// The business hours of a workspace, as configured.
#[derive(Clone, Debug)]
pub struct BusinessHours {
    /// The zone in which every range is read.
    pub zone: TimeZone,
    /// Ranges per weekday; index 0 is Monday.
    pub weekly: [Vec<HourRange>; 7],
    /// Whole days off.
    pub holidays: BTreeSet<Date>,
    /// Days whose ranges replace the weekday's (a holiday wins over a half day).
    pub half_days: BTreeMap<Date, Vec<HourRange>>,
}

impl BusinessHours {
    /// Business hours with no ranges at all in `zone`.
    pub fn closed(zone: TimeZone) -> BusinessHours {
        BusinessHours {
            zone,
            weekly: Default::default(),
            holidays: BTreeSet::new(),
            half_days: BTreeMap::new(),
        }
    }

    /// The ranges that apply on `date`, after holidays and half days.
    pub fn ranges_on(&self, date: Date) -> &[HourRange] {
        if self.holidays.contains(&date) {
            return &[];
        }
        if let Some(ranges) = self.half_days.get(&date) {
            return ranges;
        }
        let weekday = usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0);
        self.weekly.get(weekday).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> HourRange {
        parse_hour_range(text).unwrap()
    }

    #[test]
    fn parses_ranges() {
        assert_eq!(
            range("09:00-17:00"),
            HourRange {
                start: 540,
                end: 1020
            }
        );
        assert_eq!(
            range("00:00-24:00"),
            HourRange {
                start: 0,
                end: 1440
            }
        );
        assert_eq!(
            range("23:59-24:00"),
            HourRange {
                start: 1439,
                end: 1440
            }
        );
        assert_eq!(range("12:30-12:31").to_string(), "12:30-12:31");
        assert_eq!(range("00:00-24:00").to_string(), "00:00-24:00");
    }

    #[test]
    fn rejects_malformed_ranges() {
        for text in [
            "",
            "9:00-17:00",
            "09:00-17",
            "09:00 - 17:00",
            " 09:00-17:00",
            "09:00-17:00 ",
            "0900-1700",
            "09.00-17.00",
            "09:00",
            "09:00-17:00-18:00",
            "+9:00-17:00",
            "09:0a-17:00",
            "０9:00-17:00",
        ] {
            assert_eq!(
                parse_hour_range(text),
                Err(HoursError::Malformed { text: text.into() }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn rejects_times_off_the_clock() {
        for (text, time) in [
            ("25:00-26:00", "25:00"),
            ("09:00-24:30", "24:30"),
            ("09:60-10:00", "09:60"),
            ("09:00-99:99", "99:99"),
        ] {
            assert_eq!(
                parse_hour_range(text),
                Err(HoursError::NotATime {
                    text: text.into(),
                    time: time.into()
                })
            );
        }
    }

    #[test]
    fn rejects_empty_and_backward_ranges() {
        assert!(matches!(
            parse_hour_range("24:00-24:00"),
            Err(HoursError::StartsAtMidnight { .. })
        ));
        for text in ["17:00-09:00", "09:00-09:00", "22:00-02:00"] {
            assert!(matches!(
                parse_hour_range(text),
                Err(HoursError::EndNotAfterStart { .. })
            ));
        }
    }

    #[test]
    fn error_messages_name_the_input() {
        assert_eq!(
            parse_hour_range("9:00-17:00").unwrap_err().to_string(),
            "invalid time range `9:00-17:00`: expected HH:MM-HH:MM"
        );
        assert_eq!(
            parse_hour_range("25:00-26:00").unwrap_err().to_string(),
            "invalid time range `25:00-26:00`: `25:00` is not a time of day (00:00 to 24:00)"
        );
    }

    #[test]
    fn finds_overlaps() {
        let ranges = |texts: &[&str]| texts.iter().map(|t| range(t)).collect::<Vec<_>>();
        assert_eq!(find_overlap(&[]), None);
        assert_eq!(find_overlap(&ranges(&["09:00-12:00"])), None);
        assert_eq!(
            find_overlap(&ranges(&["09:00-12:00", "12:00-13:00", "13:00-24:00"])),
            None
        );
        assert_eq!(
            find_overlap(&ranges(&["09:00-12:00", "11:00-13:00"])),
            Some((0, 1))
        );
        assert_eq!(
            find_overlap(&ranges(&["13:00-17:00", "08:00-10:00", "09:00-12:00"])),
            Some((1, 2))
        );
        // A long range overlaps one that starts well after its neighbour.
        assert_eq!(
            find_overlap(&ranges(&["08:00-18:00", "09:00-10:00", "11:00-12:00"])),
            Some((0, 1))
        );
        assert_eq!(
            find_overlap(&ranges(&["14:00-15:00", "08:00-18:00"])),
            Some((0, 1))
        );
        assert_eq!(
            find_overlap(&ranges(&["09:00-12:00", "09:00-12:00"])),
            Some((0, 1))
        );
    }

    #[test]
    fn holidays_and_half_days_replace_the_weekday() {
        let mut hours = BusinessHours::closed(TimeZone::UTC);
        hours.weekly[3] = vec![range("09:00-17:00")];
        let thursday = jiff::civil::date(2026, 11, 26);
        let next_thursday = jiff::civil::date(2026, 12, 3);
        let christmas_eve = jiff::civil::date(2026, 12, 24);
        hours.holidays.insert(thursday);
        hours
            .half_days
            .insert(christmas_eve, vec![range("09:00-12:00")]);
        assert_eq!(hours.ranges_on(thursday), &[]);
        assert_eq!(hours.ranges_on(next_thursday), &[range("09:00-17:00")]);
        assert_eq!(hours.ranges_on(christmas_eve), &[range("09:00-12:00")]);
        hours.holidays.insert(christmas_eve);
        assert_eq!(hours.ranges_on(christmas_eve), &[]);
    }
}
