//! The SLA clock against a slow oracle: random business hours, holidays and
//! half days in zones with DST changes, starts near the 2026 transitions and
//! SLAs up to 40 hours. The oracle maps each day's ranges to instants on its
//! own (through `DateTime::to_zoned_datetime`, jiff's compatible rule), marks
//! every business minute in a window, and walks it minute by minute.

use std::collections::{BTreeMap, BTreeSet};

use align::clock::{BusinessCalendar, BusinessHours, HourRange};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use proptest::prelude::*;

/// Zones with the local dates of their 2026 DST changes: Chicago and Berlin
/// move by an hour (at 02:00 and at 02:00/03:00 local), Lord Howe by 30
/// minutes at 02:00.
const ZONES: [(&str, [Date; 2]); 3] = [
    (
        "America/Chicago",
        [Date::constant(2026, 3, 8), Date::constant(2026, 11, 1)],
    ),
    (
        "Europe/Berlin",
        [Date::constant(2026, 3, 29), Date::constant(2026, 10, 25)],
    ),
    (
        "Australia/Lord_Howe",
        [Date::constant(2026, 4, 5), Date::constant(2026, 10, 4)],
    ),
];

/// How far the oracle looks past the start.
const WINDOW_DAYS: i64 = 30;
const WINDOW_MINUTES: usize = 30 * 24 * 60;

fn range(start: u16, end: u16) -> HourRange {
    HourRange { start, end }
}

/// Ranges of one day on quarter hours, non-overlapping by construction.
fn day_ranges() -> impl Strategy<Value = Vec<HourRange>> {
    prop::collection::btree_set(0u16..=96, 0..=6).prop_map(|quarters| {
        let bounds: Vec<u16> = quarters.into_iter().map(|q| q * 15).collect();
        bounds
            .chunks_exact(2)
            .map(|pair| range(pair[0], pair[1]))
            .collect()
    })
}

fn weekly() -> impl Strategy<Value = [Vec<HourRange>; 7]> {
    let every_day = |ranges: Vec<HourRange>| std::array::from_fn(|_| ranges.clone());
    let office = {
        let day = vec![range(540, 720), range(720, 780), range(840, 1020)];
        let mut week: [Vec<HourRange>; 7] = every_day(day);
        week[5].clear();
        week[6].clear();
        week
    };
    prop_oneof![
        // Spans 02:00-03:00, where Chicago and Berlin change.
        Just(every_day(vec![range(60, 240)])),
        // Nights that run on across midnight.
        Just(every_day(vec![range(0, 180), range(1200, 1440)])),
        Just(every_day(vec![range(0, 1440)])),
        // Map onto overlapping instants on the spring-forward days: a range
        // ending inside the gap moves past the start of the next one.
        Just(every_day(vec![range(60, 150), range(180, 300)])),
        Just(every_day(vec![range(60, 135), range(150, 240)])),
        Just(office),
        prop::array::uniform7(day_ranges()),
    ]
}

#[derive(Debug, Clone)]
struct Case {
    zone: TimeZone,
    weekly: [Vec<HourRange>; 7],
    holidays: BTreeSet<Date>,
    half_days: BTreeMap<Date, Vec<HourRange>>,
    start: Timestamp,
    sla_minutes: i64,
    span_minutes: i64,
}

fn case() -> impl Strategy<Value = Case> {
    (
        0..ZONES.len(),
        0usize..2,
        weekly(),
        prop::collection::btree_set(-3i64..12, 0..3),
        prop::collection::btree_map(-3i64..12, day_ranges(), 0..3),
        // Quarter hours make starts and deadlines land on range edges often.
        prop_oneof![(-288i64..288).prop_map(|q| q * 15), -3 * 1440i64..3 * 1440],
        prop_oneof![Just(0i64), (1i64..=160).prop_map(|q| q * 15), 1i64..=2400],
        0i64..=4 * 1440,
    )
        .prop_map(
            |(
                zone_index,
                which,
                weekly,
                holidays,
                half_days,
                offset,
                sla_minutes,
                span_minutes,
            )| {
                let (name, transitions) = ZONES[zone_index];
                let zone = TimeZone::get(name).unwrap();
                let change = transitions[which];
                let day = |offset: i64| change.checked_add(offset.days()).unwrap();
                let midnight = change.to_zoned_datetime(zone.clone()).unwrap().timestamp();
                Case {
                    zone,
                    weekly,
                    holidays: holidays.into_iter().map(day).collect(),
                    half_days: half_days.into_iter().map(|(o, r)| (day(o), r)).collect(),
                    start: midnight.checked_add((offset * 60).seconds()).unwrap(),
                    sla_minutes,
                    span_minutes,
                }
            },
        )
}

/// Business minutes of `WINDOW_DAYS` from a minute-aligned `start`: entry
/// `i` says whether the minute starting `i` minutes after `start` is
/// business time.
fn business_minutes(case: &Case) -> Vec<bool> {
    let start = case.start.as_second();
    let mut minutes = vec![false; WINDOW_MINUTES];
    let first = case
        .zone
        .to_datetime(case.start)
        .date()
        .checked_sub(2.days())
        .unwrap();
    for offset in 0..WINDOW_DAYS + 4 {
        let day = first.checked_add(offset.days()).unwrap();
        let weekday = day.weekday().to_monday_zero_offset() as usize;
        let ranges: &[HourRange] = if case.holidays.contains(&day) {
            &[]
        } else {
            case.half_days.get(&day).unwrap_or(&case.weekly[weekday])
        };
        for r in ranges {
            let from = local_instant(&case.zone, day, r.start);
            let to = local_instant(&case.zone, day, r.end);
            assert!(from % 60 == 0 && to % 60 == 0, "minute-aligned zone");
            let mut t = from;
            while t < to {
                let index = (t - start).div_euclid(60);
                if (0..WINDOW_MINUTES as i64).contains(&index) {
                    minutes[index as usize] = true;
                }
                t += 60;
            }
        }
    }
    minutes
}

fn local_instant(zone: &TimeZone, day: Date, minute: u16) -> i64 {
    let (day, minute) = if minute == 1440 {
        (day.tomorrow().unwrap(), 0)
    } else {
        (day, minute)
    };
    let time = Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).unwrap();
    day.to_datetime(time)
        .to_zoned_datetime(zone.clone())
        .unwrap()
        .timestamp()
        .as_second()
}

/// The oracle's deadline, in minutes after the start, if it is in the
/// window: the end of the minute where the count reaches the SLA, or for an
/// SLA of 0 the first business minute.
fn oracle_deadline(minutes: &[bool], sla_minutes: i64) -> Option<i64> {
    if sla_minutes == 0 {
        return minutes.iter().position(|&b| b).map(|i| i as i64);
    }
    let mut count = 0;
    for (i, &business) in minutes.iter().enumerate() {
        count += i64::from(business);
        if count == sla_minutes {
            return Some(i as i64 + 1);
        }
    }
    None
}

fn calendar(case: &Case) -> BusinessCalendar {
    BusinessCalendar::new(BusinessHours {
        zone: case.zone.clone(),
        weekly: case.weekly.clone(),
        holidays: case.holidays.clone(),
        half_days: case.half_days.clone(),
    })
}

fn after_minutes(t: Timestamp, minutes: i64) -> Timestamp {
    t.checked_add((minutes * 60).seconds()).unwrap()
}

proptest! {
    #[test]
    fn deadline_matches_the_minute_oracle(case in case()) {
        let calendar = calendar(&case);
        let minutes = business_minutes(&case);
        let fast = calendar.deadline(case.start, case.sla_minutes * 60);
        match oracle_deadline(&minutes, case.sla_minutes) {
            Some(offset) => prop_assert_eq!(fast, Some(after_minutes(case.start, offset))),
            None => {
                let window_end = after_minutes(case.start, WINDOW_MINUTES as i64);
                prop_assert!(fast.is_none_or(|t| t > window_end), "{:?}", fast);
            }
        }
        if let Some(deadline) = fast.filter(|_| case.sla_minutes > 0) {
            prop_assert_eq!(calendar.business_seconds(case.start, deadline), case.sla_minutes * 60);
        }
    }

    #[test]
    fn business_seconds_match_the_minute_oracle(case in case()) {
        let calendar = calendar(&case);
        let minutes = business_minutes(&case);
        let span = case.span_minutes as usize;
        let expected = minutes[..span].iter().filter(|&&b| b).count() as i64 * 60;
        let end = after_minutes(case.start, case.span_minutes);
        prop_assert_eq!(calendar.business_seconds(case.start, end), expected);
        prop_assert_eq!(calendar.business_seconds(end, case.start), 0);
    }

    #[test]
    fn next_business_instant_matches_the_minute_oracle(case in case()) {
        let calendar = calendar(&case);
        let minutes = business_minutes(&case);
        let fast = calendar.next_business_instant(case.start);
        match minutes.iter().position(|&b| b) {
            Some(i) => prop_assert_eq!(fast, Some(after_minutes(case.start, i as i64))),
            None => {
                let window_end = after_minutes(case.start, WINDOW_MINUTES as i64);
                prop_assert!(fast.is_none_or(|t| t >= window_end), "{:?}", fast);
            }
        }
    }
}

#[test]
fn zones_change_on_the_listed_dates() {
    for (name, transitions) in ZONES {
        let zone = TimeZone::get(name).unwrap();
        for day in transitions {
            let offset_at = |hour| {
                zone.to_offset(
                    day.at(hour, 0, 0, 0)
                        .to_zoned_datetime(zone.clone())
                        .unwrap()
                        .timestamp(),
                )
            };
            assert_ne!(offset_at(0), offset_at(6), "{name} {day}");
        }
    }
}
