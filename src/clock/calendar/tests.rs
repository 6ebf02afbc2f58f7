//! Deadlines and business time on hand-checked calendars: lunch breaks,
//! weekends, holidays, half days, exact edges and DST days.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;

use super::*;
use crate::clock::parse_hour_range;

const HOUR: i64 = 3600;
const MINUTE: i64 = 60;

fn ranges(texts: &[&str]) -> Vec<HourRange> {
    texts.iter().map(|t| parse_hour_range(t).unwrap()).collect()
}

fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap()
}

/// The business hours of the SPEC's example `align.toml`.
fn northwind() -> BusinessCalendar {
    BusinessCalendar::new(BusinessHours {
        zone: zone("America/Chicago"),
        weekly: [
            ranges(&["09:00-12:00", "13:00-17:00"]),
            ranges(&["09:00-17:00"]),
            ranges(&["09:00-17:00"]),
            ranges(&["09:00-17:00"]),
            ranges(&["09:00-15:00"]),
            vec![],
            vec![],
        ],
        holidays: BTreeSet::from([date(2026, 11, 26), date(2026, 12, 25)]),
        half_days: BTreeMap::from([(date(2026, 12, 24), ranges(&["09:00-12:00"]))]),
    })
}

fn every_day(zone_name: &str, texts: &[&str]) -> BusinessCalendar {
    let mut hours = BusinessHours::closed(zone(zone_name));
    for day in &mut hours.weekly {
        *day = ranges(texts);
    }
    BusinessCalendar::new(hours)
}

/// A local time in Chicago, e.g. `chicago("2026-11-23 11:30")`.
fn chicago(text: &str) -> Timestamp {
    local(text, "America/Chicago")
}

fn local(text: &str, zone_name: &str) -> Timestamp {
    crate::clock::parse_timestamp(text.as_bytes(), &zone(zone_name)).unwrap()
}

fn day_seconds(calendar: &BusinessCalendar, day: Date) -> i64 {
    let zone = calendar.zone().clone();
    let start = day.to_zoned_datetime(zone.clone()).unwrap().timestamp();
    let end = day
        .tomorrow()
        .unwrap()
        .to_zoned_datetime(zone)
        .unwrap()
        .timestamp();
    calendar.business_seconds(start, end)
}

#[test]
fn deadline_skips_the_lunch_break() {
    let calendar = northwind();
    // Monday 2026-11-23: 30 minutes before lunch, 30 after.
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 11:30"), HOUR),
        Some(chicago("2026-11-23 13:30"))
    );
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 12:15"), HOUR),
        Some(chicago("2026-11-23 14:00"))
    );
}

#[test]
fn sla_ending_at_a_range_end_is_that_end() {
    let calendar = northwind();
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 11:00"), HOUR),
        Some(chicago("2026-11-23 12:00"))
    );
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 09:00"), 7 * HOUR),
        Some(chicago("2026-11-23 17:00"))
    );
    // One more second runs into the next range.
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 11:00"), HOUR + 1),
        Some(chicago("2026-11-23 13:00:01"))
    );
}

#[test]
fn start_at_a_range_end_waits_for_the_next_range() {
    let calendar = northwind();
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 12:00"), HOUR),
        Some(chicago("2026-11-23 14:00"))
    );
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 17:00"), HOUR),
        Some(chicago("2026-11-24 10:00"))
    );
}

#[test]
fn deadline_skips_the_weekend() {
    let calendar = northwind();
    // Friday 14:00 + 2h: one hour on Friday, one on Monday.
    assert_eq!(
        calendar.deadline(chicago("2026-11-20 14:00"), 2 * HOUR),
        Some(chicago("2026-11-23 10:00"))
    );
}

#[test]
fn deadline_skips_holidays() {
    let calendar = northwind();
    // Wednesday before Thanksgiving, 16:00 + 2h: Thursday is off.
    assert_eq!(
        calendar.deadline(chicago("2026-11-25 16:00"), 2 * HOUR),
        Some(chicago("2026-11-27 10:00"))
    );
    assert_eq!(
        calendar.deadline(chicago("2026-11-26 10:00"), 0),
        Some(chicago("2026-11-27 09:00"))
    );
}

#[test]
fn half_day_replaces_the_weekday() {
    let calendar = northwind();
    // Wednesday 16:30 + 4h: 30m Wed, 3h on the Thursday half day, Friday is
    // Christmas, then 30m on Monday.
    assert_eq!(
        calendar.deadline(chicago("2026-12-23 16:30"), 4 * HOUR),
        Some(chicago("2026-12-28 09:30"))
    );
    assert_eq!(day_seconds(&calendar, date(2026, 12, 24)), 3 * HOUR);
    assert_eq!(day_seconds(&calendar, date(2026, 12, 17)), 8 * HOUR);
}

#[test]
fn start_outside_hours_counts_from_the_next_business_instant() {
    let calendar = northwind();
    let saturday = chicago("2026-11-21 10:00");
    assert_eq!(
        calendar.deadline(saturday, HOUR),
        Some(chicago("2026-11-23 10:00"))
    );
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 06:00"), 90 * MINUTE),
        Some(chicago("2026-11-23 10:30"))
    );
}

#[test]
fn zero_sla_is_the_next_business_instant() {
    let calendar = northwind();
    let monday_nine = chicago("2026-11-23 09:00");
    assert_eq!(
        calendar.deadline(chicago("2026-11-21 10:00"), 0),
        Some(monday_nine)
    );
    assert_eq!(calendar.deadline(monday_nine, 0), Some(monday_nine));
    assert_eq!(calendar.deadline(monday_nine, -HOUR), Some(monday_nine));
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 12:00"), 0),
        Some(chicago("2026-11-23 13:00"))
    );
}

#[test]
fn next_business_instant() {
    let calendar = northwind();
    let inside = chicago("2026-11-23 16:59:59");
    assert_eq!(calendar.next_business_instant(inside), Some(inside));
    assert_eq!(
        calendar.next_business_instant(chicago("2026-11-23 17:00")),
        Some(chicago("2026-11-24 09:00"))
    );
    let fraction = "2026-11-23T15:00:00.5Z".parse().unwrap();
    assert_eq!(calendar.next_business_instant(fraction), Some(fraction));
}

#[test]
fn business_seconds_counts_the_overlap() {
    let calendar = northwind();
    let monday = chicago("2026-11-23 08:00");
    assert_eq!(
        calendar.business_seconds(monday, chicago("2026-11-23 18:00")),
        7 * HOUR
    );
    assert_eq!(
        calendar.business_seconds(monday, chicago("2026-11-23 12:30")),
        3 * HOUR
    );
    assert_eq!(
        calendar.business_seconds(
            chicago("2026-11-23 11:59:30"),
            chicago("2026-11-23 13:00:30")
        ),
        MINUTE
    );
    // A whole week with Thanksgiving: 7 + 8 + 8 + 0 + 6 hours.
    assert_eq!(
        calendar.business_seconds(chicago("2026-11-22 00:00"), chicago("2026-11-29 00:00")),
        29 * HOUR
    );
    assert_eq!(calendar.business_seconds(monday, monday), 0);
    assert_eq!(
        calendar.business_seconds(chicago("2026-11-23 18:00"), monday),
        0
    );
}

#[test]
fn deadline_and_business_seconds_agree() {
    let calendar = northwind();
    let mut start = chicago("2026-11-20 07:13:11");
    for sla in [1, 59, HOUR, 5 * HOUR + 7, 16 * HOUR, 40 * HOUR, 200 * HOUR] {
        let deadline = calendar.deadline(start, sla).unwrap();
        assert_eq!(
            calendar.business_seconds(start, deadline),
            sla,
            "{start} + {sla}s"
        );
        // Earliest: a second earlier is not enough.
        let before = Timestamp::from_second(deadline.as_second() - 1).unwrap();
        assert_eq!(calendar.business_seconds(start, before), sla - 1);
        start = deadline;
    }
}

#[test]
fn fractions_of_a_second_are_dropped() {
    let calendar = northwind();
    let start: Timestamp = "2026-11-23T15:00:00.999Z".parse().unwrap();
    assert_eq!(
        calendar.deadline(start, HOUR),
        Some(chicago("2026-11-23 10:00"))
    );
    let end: Timestamp = "2026-11-23T16:00:00.999Z".parse().unwrap();
    assert_eq!(calendar.business_seconds(start, end), HOUR);
}

#[test]
fn ranges_spanning_dst_changes() {
    let berlin = every_day("Europe/Berlin", &["01:00-04:00"]);
    assert_eq!(day_seconds(&berlin, date(2026, 3, 28)), 3 * HOUR);
    assert_eq!(day_seconds(&berlin, date(2026, 3, 29)), 2 * HOUR);
    assert_eq!(day_seconds(&berlin, date(2026, 10, 25)), 4 * HOUR);
    // On spring-forward day 01:00 + 90m is 03:30 CEST (02:xx does not exist).
    assert_eq!(
        berlin.deadline(local("2026-03-29 01:00", "Europe/Berlin"), 90 * MINUTE),
        Some("2026-03-29T03:30:00+02:00".parse().unwrap())
    );
    // On fall-back day 01:00 + 150m is the second 02:30, in CET.
    assert_eq!(
        berlin.deadline(local("2026-10-25 01:00", "Europe/Berlin"), 150 * MINUTE),
        Some("2026-10-25T02:30:00+01:00".parse().unwrap())
    );

    let chicago_days = every_day("America/Chicago", &["00:00-24:00"]);
    assert_eq!(day_seconds(&chicago_days, date(2026, 3, 8)), 23 * HOUR);
    assert_eq!(day_seconds(&chicago_days, date(2026, 11, 1)), 25 * HOUR);

    let lord_howe = every_day("Australia/Lord_Howe", &["01:00-03:00"]);
    assert_eq!(day_seconds(&lord_howe, date(2026, 4, 5)), 150 * MINUTE);
    assert_eq!(day_seconds(&lord_howe, date(2026, 10, 4)), 90 * MINUTE);
}

#[test]
fn ranges_overlapping_after_a_gap_count_once() {
    // On Berlin's spring-forward day 02:30 maps to 03:30 CEST, after 03:00
    // CEST: the two ranges overlap on the time line from 03:00 to 03:30.
    let berlin = every_day("Europe/Berlin", &["01:00-02:30", "03:00-05:00"]);
    assert_eq!(day_seconds(&berlin, date(2026, 3, 29)), 3 * HOUR);
    assert_eq!(
        day_seconds(&berlin, date(2026, 3, 30)),
        3 * HOUR + 30 * MINUTE
    );
    // A range inside the gap moves forward whole, to 03:00-03:30 CEST.
    let in_gap = every_day("Europe/Berlin", &["02:00-02:30"]);
    assert_eq!(day_seconds(&in_gap, date(2026, 3, 29)), 30 * MINUTE);
    assert_eq!(
        in_gap.deadline(local("2026-03-29 00:00", "Europe/Berlin"), 10 * MINUTE),
        Some("2026-03-29T03:10:00+02:00".parse().unwrap())
    );
    // One that starts in the gap and ends at its end maps backwards: 02:30
    // becomes 03:30 CEST, after 03:00 CEST. It has no length that day.
    let backwards = every_day("Europe/Berlin", &["02:30-03:00"]);
    assert_eq!(day_seconds(&backwards, date(2026, 3, 29)), 0);
    assert_eq!(day_seconds(&backwards, date(2026, 3, 30)), 30 * MINUTE);
}

#[test]
fn ranges_run_on_across_midnight() {
    let mut hours = BusinessHours::closed(zone("America/Chicago"));
    hours.weekly[0] = ranges(&["20:00-24:00"]);
    hours.weekly[1] = ranges(&["00:00-02:00"]);
    let calendar = BusinessCalendar::new(hours);
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 23:00"), 2 * HOUR),
        Some(chicago("2026-11-24 01:00"))
    );
    assert_eq!(
        calendar.deadline(chicago("2026-11-23 20:00"), 4 * HOUR),
        Some(chicago("2026-11-24 00:00"))
    );
    assert_eq!(
        calendar.deadline(chicago("2026-11-24 00:00"), 0),
        Some(chicago("2026-11-24 00:00"))
    );
}

#[test]
fn deadlines_cross_page_boundaries() {
    let calendar = every_day("UTC", &["00:00-24:00"]);
    let boundary = page_start(53);
    let start = Timestamp::from_second(boundary - 100).unwrap();
    assert_eq!(
        calendar.deadline(start, 200),
        Some(Timestamp::from_second(boundary + 100).unwrap())
    );
    let far = Timestamp::from_second(boundary + 3 * PAGE_SECONDS + 5).unwrap();
    assert_eq!(
        calendar.business_seconds(start, far),
        3 * PAGE_SECONDS + 105
    );
    assert_eq!(calendar.deadline(start, 3 * PAGE_SECONDS + 105), Some(far));
}

#[test]
fn years_outside_the_kept_pages_work_the_same() {
    let mut hours = BusinessHours::closed(TimeZone::UTC);
    for day in &mut hours.weekly[..5] {
        *day = ranges(&["09:00-17:00"]);
    }
    let calendar = BusinessCalendar::new(hours);
    for (friday, monday) in [
        ("1850-03-01T16:00:00Z", "1850-03-04T10:00:00Z"),
        ("2026-11-20T16:00:00Z", "2026-11-23T10:00:00Z"),
        ("2300-03-02T16:00:00Z", "2300-03-05T10:00:00Z"),
    ] {
        let (friday, monday) = (friday.parse().unwrap(), monday.parse().unwrap());
        assert_eq!(calendar.deadline(friday, 2 * HOUR), Some(monday));
        assert_eq!(calendar.business_seconds(friday, monday), 2 * HOUR);
    }
}

#[test]
fn no_business_hours_means_no_deadline() {
    let closed = BusinessCalendar::new(BusinessHours::closed(zone("Europe/Berlin")));
    let start = local("2026-03-29 01:00", "Europe/Berlin");
    assert_eq!(closed.deadline(start, HOUR), None);
    assert_eq!(closed.deadline(start, 0), None);
    assert_eq!(closed.next_business_instant(start), None);
    assert_eq!(closed.business_seconds(start, Timestamp::MAX), 0);
}

#[test]
fn half_days_alone_end_the_search() {
    let mut hours = BusinessHours::closed(zone("America/Chicago"));
    hours
        .half_days
        .insert(date(2027, 1, 4), ranges(&["09:00-12:00"]));
    hours
        .half_days
        .insert(date(2027, 1, 5), ranges(&["09:00-10:00"]));
    hours.holidays.insert(date(2027, 1, 5));
    let calendar = BusinessCalendar::new(hours);
    let start = chicago("2026-11-23 09:00");
    assert_eq!(
        calendar.deadline(start, HOUR),
        Some(chicago("2027-01-04 10:00"))
    );
    assert_eq!(
        calendar.deadline(start, 3 * HOUR),
        Some(chicago("2027-01-04 12:00"))
    );
    assert_eq!(calendar.deadline(start, 3 * HOUR + 1), None);
    assert_eq!(calendar.deadline(chicago("2027-01-04 12:00"), 0), None);
}

#[test]
fn search_stops_at_the_horizon() {
    let calendar = every_day("UTC", &["00:00-24:00"]);
    let start = "2026-01-01T00:00:00Z".parse().unwrap();
    let last = Timestamp::from_second(1_767_225_600 + SEARCH_HORIZON_SECONDS).unwrap();
    assert_eq!(calendar.deadline(start, SEARCH_HORIZON_SECONDS), Some(last));
    assert_eq!(calendar.deadline(start, SEARCH_HORIZON_SECONDS + 1), None);
    assert_eq!(calendar.deadline(Timestamp::MAX, HOUR), None);
    assert_eq!(
        calendar
            .deadline(Timestamp::MIN, HOUR)
            .map(|t| t > Timestamp::MIN),
        Some(true)
    );
}

#[test]
fn invalid_ranges_are_dropped_not_trusted() {
    let mut hours = BusinessHours::closed(TimeZone::UTC);
    hours.weekly[0] = vec![
        HourRange {
            start: 600,
            end: 540,
        },
        HourRange {
            start: 0,
            end: u16::MAX,
        },
        HourRange {
            start: 540,
            end: 600,
        },
        HourRange {
            start: 550,
            end: 560,
        },
    ];
    let calendar = BusinessCalendar::new(hours);
    assert_eq!(calendar.hours().weekly[0].len(), 2);
    assert_eq!(day_seconds(&calendar, date(2026, 11, 23)), HOUR);
}
