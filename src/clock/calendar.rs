//! The business calendar: business hours mapped onto the time line, so that
//! business time between instants and SLA deadlines are integer arithmetic.
//!
//! Each local range of each civil date is mapped to instants in the zone
//! with the "compatible" rule (a time in a DST gap moves forward by the gap,
//! a time in a fold is the earlier instant), so a range that spans a DST
//! change is shorter or longer that day. Days are stepped as civil dates,
//! never as 24 hours. The mapped intervals are merged (in a gap two ranges
//! can map onto overlapping instants; business time is their union) and
//! kept per *page*, a fixed stretch of 2^25 seconds of the time line, with a
//! running total of business seconds. A deadline is then a binary search
//! over one page, usually without leaving it.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

use super::hours::{BusinessHours, HourRange, MINUTES_PER_DAY};

/// A page is 2^25 s (about 388 days): a year of leads usually falls on one
/// or two pages, and the page of an instant is a shift, not a calendar
/// computation.
const PAGE_SHIFT: u32 = 25;
const PAGE_SECONDS: i64 = 1 << PAGE_SHIFT;

/// Pages kept once built: those covering 1900-01-01 to 2200-01-01 UTC.
/// Pages outside (a year mistyped as 0026, say) are built for each call and
/// dropped, which keeps memory bounded whatever the input.
const FIRST_KEPT_PAGE: i64 = -2_208_988_800 >> PAGE_SHIFT;
const LAST_KEPT_PAGE: i64 = 7_258_118_400 >> PAGE_SHIFT;

/// How far past its start a deadline search looks: 100 Gregorian years
/// (36,524.25 days). A deadline further out is reported as `None`. It bounds
/// the work of one call whatever the input; with durations capped at
/// 100,000 hours, any week of 20 business hours or more stays inside it.
pub const SEARCH_HORIZON_SECONDS: i64 = 100 * 146_097 * 86_400 / 400;

/// A civil date's ranges can land a little outside its own local day: a time
/// in a gap moves forward, and a whole day can be skipped (Samoa, 2011). Two
/// days of slack on each side of a page covers both.
const SLACK_DAYS: usize = 2;

/// Business hours on the time line. Built once per workspace and shared by
/// every thread; pages are filled in lazily and never change afterwards.
pub struct BusinessCalendar {
    /// Boxed so that a calendar (and a `Clock` holding one) stays small.
    hours: Box<BusinessHours>,
    kept: Vec<OnceLock<Page>>,
    ahead: HoursAhead,
}

/// Whether business time goes on for ever, which decides when a deadline
/// search may give up early.
#[derive(Clone, Copy, Debug)]
enum HoursAhead {
    /// No range on any weekday and no half day: there is no business time.
    Never,
    /// Weekly ranges recur, so business time never runs out.
    Recurring,
    /// Only half days have hours; the last of them ends at this second.
    EndsAt(i64),
}

/// Merged business intervals of one page, clipped to the page, in order.
#[derive(Clone, Debug, Default)]
struct Page {
    intervals: Vec<Interval>,
}

/// Business time from `start` (inclusive) to `end` (exclusive), in epoch
/// seconds, with the page's business seconds up to `end`.
#[derive(Clone, Copy, Debug)]
struct Interval {
    start: i64,
    end: i64,
    through_end: i64,
}

impl Interval {
    fn through_start(&self) -> i64 {
        self.through_end - (self.end - self.start)
    }
}

impl Page {
    fn total(&self) -> i64 {
        self.intervals.last().map_or(0, |last| last.through_end)
    }

    /// The first interval that ends after `t`: the one holding `t`, or the
    /// next one.
    fn interval_after(&self, t: i64) -> Option<&Interval> {
        let index = self.intervals.partition_point(|interval| interval.end <= t);
        self.intervals.get(index)
    }

    /// Business seconds of this page before `t`.
    fn before(&self, t: i64) -> i64 {
        match self.interval_after(t) {
            Some(interval) => interval.through_start() + (t - interval.start).max(0),
            None => self.total(),
        }
    }

    /// The earliest instant at which [`Page::before`] reaches `target`, if it
    /// does on this page. `target` is positive, so an SLA that runs out
    /// exactly at the end of a range gives that end, not the next start.
    fn reach(&self, target: i64) -> Option<i64> {
        let index = self
            .intervals
            .partition_point(|interval| interval.through_end < target);
        let interval = self.intervals.get(index)?;
        Some(interval.end - (interval.through_end - target))
    }

    /// The first business second at or after `t` on this page.
    fn next_business_second(&self, t: i64) -> Option<i64> {
        self.interval_after(t).map(|interval| interval.start.max(t))
    }
}

impl BusinessCalendar {
    /// Builds the calendar. Ranges that could not come from
    /// [`parse_hour_range`](super::parse_hour_range) (empty, backward or
    /// past 24:00) are dropped rather than trusted.
    pub fn new(mut hours: BusinessHours) -> BusinessCalendar {
        let valid = |range: &HourRange| range.start < range.end && range.end <= MINUTES_PER_DAY;
        for ranges in hours.weekly.iter_mut().chain(hours.half_days.values_mut()) {
            ranges.retain(valid);
        }
        let ahead = if hours.weekly.iter().any(|ranges| !ranges.is_empty()) {
            HoursAhead::Recurring
        } else {
            let zone = &hours.zone;
            hours
                .half_days
                .iter()
                .filter(|(date, _)| !hours.holidays.contains(date))
                .flat_map(|(&date, ranges)| {
                    ranges
                        .iter()
                        .filter_map(move |&range| range_seconds(zone, date, range))
                })
                .map(|(_, end)| end)
                .max()
                .map_or(HoursAhead::Never, HoursAhead::EndsAt)
        };
        let kept_pages = usize::try_from(LAST_KEPT_PAGE - FIRST_KEPT_PAGE + 1).unwrap_or(0);
        BusinessCalendar {
            hours: Box::new(hours),
            kept: (0..kept_pages).map(|_| OnceLock::new()).collect(),
            ahead,
        }
    }

    /// The business hours this calendar was built from (invalid ranges
    /// dropped).
    pub fn hours(&self) -> &BusinessHours {
        &self.hours
    }

    /// The zone in which the business hours are read.
    pub fn zone(&self) -> &TimeZone {
        &self.hours.zone
    }

    /// Business seconds in the overlap of `[from, to)` with the business
    /// intervals; 0 when `to <= from`. Instants are taken to the whole
    /// second (a fraction is dropped), as everywhere on the SLA clock.
    pub fn business_seconds(&self, from: Timestamp, to: Timestamp) -> i64 {
        let from = whole_second(from);
        let to = match self.ahead {
            HoursAhead::Never => return 0,
            HoursAhead::Recurring => whole_second(to),
            HoursAhead::EndsAt(end) => whole_second(to).min(end),
        };
        if to <= from {
            return 0;
        }
        let (first, last) = (page_index(from), page_index(to));
        if first == last {
            let page = self.page(first);
            return page.before(to) - page.before(from);
        }
        let head = {
            let page = self.page(first);
            page.total() - page.before(from)
        };
        let middle: i64 = (first + 1..last)
            .map(|index| self.page(index).total())
            .sum();
        head + middle + self.page(last).before(to)
    }

    /// The earliest instant at which business time since `start` equals
    /// `sla_seconds`.
    ///
    /// A start outside business hours starts counting at the next business
    /// instant. An SLA of 0 gives the next business instant at or after
    /// `start` (a negative SLA counts as 0). A fraction of a second in
    /// `start` is dropped first. `None` when the deadline lies more than
    /// [`SEARCH_HORIZON_SECONDS`] (100 years) after `start`, which in
    /// practice means there are no business hours ahead at all (an empty
    /// week, and no half day to come), or past the last instant jiff can
    /// represent.
    pub fn deadline(&self, start: Timestamp, sla_seconds: i64) -> Option<Timestamp> {
        let start = whole_second(start);
        let deadline = if sla_seconds <= 0 {
            self.next_business_second(start)?
        } else {
            self.business_deadline(start, sla_seconds)?
        };
        to_timestamp(deadline)
    }

    /// The first business instant at or after `t`: `t` itself inside
    /// business hours, else the start of the next range. `None` under the
    /// same conditions as [`BusinessCalendar::deadline`].
    pub fn next_business_instant(&self, t: Timestamp) -> Option<Timestamp> {
        let start = whole_second(t);
        let found = self.next_business_second(start)?;
        if found == start {
            // Keep the caller's fraction of a second: `t` is inside.
            return Some(t);
        }
        to_timestamp(found)
    }

    fn business_deadline(&self, start: i64, sla: i64) -> Option<i64> {
        let search_end = self.search_end(start)?;
        let mut index = page_index(start);
        let mut page = self.page(index);
        let mut target = page.before(start).checked_add(sla)?;
        loop {
            if let Some(deadline) = page.reach(target) {
                return (deadline <= search_end).then_some(deadline);
            }
            target -= page.total();
            index += 1;
            if page_start(index) > search_end {
                return None;
            }
            page = self.page(index);
        }
    }

    fn next_business_second(&self, t: i64) -> Option<i64> {
        let search_end = self.search_end(t)?;
        let mut index = page_index(t);
        loop {
            if let Some(found) = self.page(index).next_business_second(t) {
                return (found <= search_end).then_some(found);
            }
            index += 1;
            if page_start(index) > search_end {
                return None;
            }
        }
    }

    /// The last second a search from `start` may look at.
    fn search_end(&self, start: i64) -> Option<i64> {
        let horizon = start.saturating_add(SEARCH_HORIZON_SECONDS);
        match self.ahead {
            HoursAhead::Never => None,
            HoursAhead::Recurring => Some(horizon),
            HoursAhead::EndsAt(end) => Some(horizon.min(end)),
        }
    }

    fn page(&self, index: i64) -> Cow<'_, Page> {
        let kept = usize::try_from(index - FIRST_KEPT_PAGE)
            .ok()
            .and_then(|slot| self.kept.get(slot));
        match kept {
            Some(cell) => Cow::Borrowed(cell.get_or_init(|| build_page(&self.hours, index))),
            None => Cow::Owned(build_page(&self.hours, index)),
        }
    }
}

impl fmt::Debug for BusinessCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BusinessCalendar")
            .field("hours", &self.hours)
            .finish_non_exhaustive()
    }
}

fn page_index(second: i64) -> i64 {
    // An arithmetic shift rounds toward negative infinity, as pages need.
    second >> PAGE_SHIFT
}

fn page_start(index: i64) -> i64 {
    index.saturating_mul(PAGE_SECONDS)
}

/// Maps every civil date that can reach into the page and merges the result.
fn build_page(hours: &BusinessHours, index: i64) -> Page {
    let lo = page_start(index);
    let hi = lo.saturating_add(PAGE_SECONDS);
    let zone = &hours.zone;
    let mut date = step_back(local_date(zone, lo), SLACK_DAYS);
    let last = step_forward(local_date(zone, hi - 1), SLACK_DAYS);

    let mut mapped = Vec::new();
    loop {
        for &range in hours.ranges_on(date) {
            mapped.extend(range_seconds(zone, date, range));
        }
        match date.tomorrow() {
            Ok(next) if next <= last => date = next,
            _ => break,
        }
    }
    mapped.sort_unstable();

    let mut intervals: Vec<Interval> = Vec::with_capacity(mapped.len());
    let mut through = 0;
    for (start, end) in mapped {
        let (start, end) = (start.max(lo), end.min(hi));
        if end <= start {
            continue;
        }
        match intervals.last_mut() {
            Some(previous) if start <= previous.end => {
                if end > previous.end {
                    through += end - previous.end;
                    previous.end = end;
                    previous.through_end = through;
                }
            }
            _ => {
                through += end - start;
                intervals.push(Interval {
                    start,
                    end,
                    through_end: through,
                });
            }
        }
    }
    Page { intervals }
}

/// A range of `date` as epoch seconds, or `None` when it maps to nothing
/// (a range inside a gap) or lies outside jiff's range.
fn range_seconds(zone: &TimeZone, date: Date, range: HourRange) -> Option<(i64, i64)> {
    let start = local_second(zone, date, range.start)?;
    let end = local_second(zone, date, range.end)?;
    (end > start).then_some((start, end))
}

/// The instant of `minute` past local midnight of `date`; minute 1440 is
/// midnight of the next civil date.
fn local_second(zone: &TimeZone, date: Date, minute: u16) -> Option<i64> {
    let (date, minute) = if minute >= MINUTES_PER_DAY {
        (date.tomorrow().ok()?, minute - MINUTES_PER_DAY)
    } else {
        (date, minute)
    };
    let hour = i8::try_from(minute / 60).ok()?;
    let minute = i8::try_from(minute % 60).ok()?;
    let time = Time::new(hour, minute, 0, 0).ok()?;
    let instant = zone
        .to_ambiguous_timestamp(date.to_datetime(time))
        .compatible()
        .ok()?;
    Some(instant.as_second())
}

/// The local date of an epoch second, clamped to jiff's range.
fn local_date(zone: &TimeZone, second: i64) -> Date {
    let clamped = second.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    let instant = Timestamp::from_second(clamped).unwrap_or(Timestamp::UNIX_EPOCH);
    zone.to_datetime(instant).date()
}

fn step_back(mut date: Date, days: usize) -> Date {
    for _ in 0..days {
        date = date.yesterday().unwrap_or(date);
    }
    date
}

fn step_forward(mut date: Date, days: usize) -> Date {
    for _ in 0..days {
        date = date.tomorrow().unwrap_or(date);
    }
    date
}

/// The second an instant falls in: the clock has one-second resolution.
pub(super) fn whole_second(t: Timestamp) -> i64 {
    // jiff gives a negative instant a negative fraction; flooring keeps
    // instants before 1970 in the right second too.
    if t.subsec_nanosecond() < 0 {
        t.as_second() - 1
    } else {
        t.as_second()
    }
}

fn to_timestamp(second: i64) -> Option<Timestamp> {
    Timestamp::from_second(second).ok()
}

#[cfg(test)]
mod tests;
