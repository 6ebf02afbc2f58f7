//! The SLA clock: business hours and the time they measure, lead timestamps,
//! and SLA durations. A lead's deadline is the earliest instant at which
//! time on the clock since it was assigned equals the SLA of its tier; the
//! clock is either business time (the workspace's `[business_hours]`) or
//! plain calendar time.
//!
//! The clock has one-second resolution throughout: timestamps are read and
//! printed in whole seconds, and a fraction of a second given to any
//! function here is dropped (the instant is floored to its second).

mod duration;
mod hours;
mod timestamp;

pub use duration::{ClockKind, DurationError, MAX_DURATION_SECONDS, parse_sla_duration};
pub use hours::{
    BusinessHours, HourRange, HoursError, MINUTES_PER_DAY, find_overlap, parse_hour_range,
};
pub use timestamp::{TimestampError, format_timestamp, parse_timestamp};
