//! The SLA clock: business hours and the time they measure, lead timestamps,
//! and SLA durations. A lead's deadline is the earliest instant at which
//! time on the clock since it was assigned equals the SLA of its tier; the
//! clock is either business time (the workspace's `[business_hours]`) or
//! plain calendar time.
//!
//! The clock has one-second resolution throughout: timestamps are read and
//! printed in whole seconds, and a fraction of a second given to any
//! function here is dropped (the instant is floored to its second).

mod calendar;
mod duration;
mod format;
mod hours;
mod timestamp;

use jiff::Timestamp;

use calendar::whole_second;

pub use calendar::{BusinessCalendar, SEARCH_HORIZON_SECONDS};
pub use duration::{ClockKind, DurationError, MAX_DURATION_SECONDS, parse_sla_duration};
pub use format::{FormatError, TimestampFormat, TimestampReader, ambiguous_pair};
pub use hours::{
    BusinessHours, HourRange, HoursError, MINUTES_PER_DAY, find_overlap, parse_hour_range,
};
pub use timestamp::{TimestampError, format_timestamp, parse_timestamp};

/// The SLA clock of the criteria.
#[derive(Debug)]
pub enum Clock {
    /// Only business hours count.
    Business(BusinessCalendar),
    /// Every second counts: the deadline is the start plus the SLA.
    Calendar,
}

impl Clock {
    /// Which kind of clock this is, for reading durations meant for it.
    pub fn kind(&self) -> ClockKind {
        match self {
            Clock::Business(_) => ClockKind::Business,
            Clock::Calendar => ClockKind::Calendar,
        }
    }

    /// The earliest instant at which time on this clock since `start`
    /// equals `sla_seconds` (a negative SLA counts as 0). See
    /// [`BusinessCalendar::deadline`] for the business clock; on the
    /// calendar clock this is plain addition, `None` only past the last
    /// instant jiff can represent.
    pub fn deadline(&self, start: Timestamp, sla_seconds: i64) -> Option<Timestamp> {
        match self {
            Clock::Business(calendar) => calendar.deadline(start, sla_seconds),
            Clock::Calendar => whole_second(start)
                .checked_add(sla_seconds.max(0))
                .and_then(|second| Timestamp::from_second(second).ok()),
        }
    }

    /// Time on this clock between two instants, in seconds; 0 when
    /// `to <= from`.
    pub fn elapsed_seconds(&self, from: Timestamp, to: Timestamp) -> i64 {
        match self {
            Clock::Business(calendar) => calendar.business_seconds(from, to),
            Clock::Calendar => (whole_second(to) - whole_second(from)).max(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn calendar_clock_adds_plain_seconds() {
        let clock = Clock::Calendar;
        assert_eq!(clock.kind(), ClockKind::Calendar);
        // Across Chicago's fall-back night: 24 h of seconds, not "a day".
        let start = instant("2026-10-31T12:00:00-05:00");
        assert_eq!(
            clock.deadline(start, 86_400),
            Some(instant("2026-11-01T11:00:00-06:00"))
        );
        assert_eq!(clock.deadline(start, 0), Some(start));
        assert_eq!(clock.deadline(start, -5), Some(start));
        assert_eq!(clock.deadline(Timestamp::MAX, 1), None);
        assert_eq!(
            clock.deadline(instant("2026-01-01T00:00:00.75Z"), 60),
            Some(instant("2026-01-01T00:01:00Z"))
        );
    }

    #[test]
    fn calendar_clock_measures_elapsed_seconds() {
        let clock = Clock::Calendar;
        let from = instant("2026-11-20T16:00:00Z");
        assert_eq!(
            clock.elapsed_seconds(from, instant("2026-11-23T10:00:00Z")),
            237_600
        );
        assert_eq!(clock.elapsed_seconds(from, from), 0);
        assert_eq!(
            clock.elapsed_seconds(instant("2026-11-23T10:00:00Z"), from),
            0
        );
        assert_eq!(
            clock.elapsed_seconds(
                instant("1969-12-31T23:59:59.5Z"),
                instant("1970-01-01T00:00:00.25Z")
            ),
            1
        );
    }

    #[test]
    fn business_clock_delegates_to_the_calendar() {
        let mut hours = BusinessHours::closed(jiff::tz::TimeZone::UTC);
        for day in &mut hours.weekly[..5] {
            day.push(parse_hour_range("09:00-17:00").unwrap());
        }
        let clock = Clock::Business(BusinessCalendar::new(hours));
        assert_eq!(clock.kind(), ClockKind::Business);
        // Friday 16:00 plus 2 business hours is Monday 10:00.
        let start = instant("2026-11-20T16:00:00Z");
        let deadline = instant("2026-11-23T10:00:00Z");
        assert_eq!(clock.deadline(start, 7200), Some(deadline));
        assert_eq!(clock.elapsed_seconds(start, deadline), 7200);
    }

    #[test]
    fn clocks_are_shareable_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Clock>();
        shareable::<BusinessCalendar>();
    }
}
