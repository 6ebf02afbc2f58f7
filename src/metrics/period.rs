//! Reporting periods: calendar weeks (Monday first), months and quarters in
//! the workspace zone. A run's periods are consecutive, so a lead's period
//! is found by binary search over their start instants.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan as _};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Week,
    Month,
    Quarter,
}

impl PeriodKind {
    pub fn name(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
        }
    }

    /// The first day of the period holding `date`.
    pub fn start_of(self, date: Date) -> Date {
        let first = |month: i8| Date::new(date.year(), month, 1).unwrap_or(date);
        match self {
            PeriodKind::Week => date
                .checked_sub(i64::from(date.weekday().to_monday_zero_offset()).days())
                .unwrap_or(date),
            PeriodKind::Month => first(date.month()),
            PeriodKind::Quarter => first((date.month() - 1) / 3 * 3 + 1),
        }
    }

    /// The first day of the next period.
    fn next(self, start: Date) -> Option<Date> {
        match self {
            PeriodKind::Week => start.checked_add(1.week()).ok(),
            PeriodKind::Month => start.checked_add(1.month()).ok(),
            PeriodKind::Quarter => start.checked_add(3.months()).ok(),
        }
    }

    fn label(self, start: Date) -> String {
        match self {
            PeriodKind::Week => {
                let week = start.iso_week_date();
                format!("{}-W{:02}", week.year(), week.week())
            }
            PeriodKind::Month => format!("{}-{:02}", start.year(), start.month()),
            PeriodKind::Quarter => format!("{}-Q{}", start.year(), (start.month() - 1) / 3 + 1),
        }
    }
}

/// One period: `[start, end)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub label: String,
    pub start: Timestamp,
    pub end: Timestamp,
}

/// Consecutive periods.
#[derive(Debug, Clone)]
pub struct Periods {
    pub kind: PeriodKind,
    pub periods: Vec<Period>,
}

/// More periods than anyone reads in one report (ten years of weeks).
pub const MAX_PERIODS: usize = 520;

impl Periods {
    /// The periods from the one holding `from` to the one holding `to`
    /// (dates in `zone`); `None` when `to` is before `from` or they span
    /// more than [`MAX_PERIODS`].
    pub fn between(kind: PeriodKind, from: Date, to: Date, zone: &TimeZone) -> Option<Periods> {
        let mut start = kind.start_of(from);
        let last = kind.start_of(to);
        if last < start {
            return None;
        }
        let instant = |date: Date| {
            zone.to_ambiguous_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
                .compatible()
                .ok()
        };
        let mut periods = Vec::new();
        while start <= last {
            if periods.len() == MAX_PERIODS {
                return None;
            }
            let next = kind.next(start)?;
            periods.push(Period {
                label: kind.label(start),
                start: instant(start)?,
                end: instant(next)?,
            });
            start = next;
        }
        Some(Periods { kind, periods })
    }

    /// The `count` periods ending with the one holding `date`.
    pub fn ending(kind: PeriodKind, date: Date, count: usize, zone: &TimeZone) -> Option<Periods> {
        Periods::between(
            kind,
            Periods::first_day_back(kind, date, count)?,
            date,
            zone,
        )
    }

    /// The first day of the `count`th period back from the one holding
    /// `date` (1 is that period itself).
    pub fn first_day_back(kind: PeriodKind, date: Date, count: usize) -> Option<Date> {
        let mut from = kind.start_of(date);
        for _ in 1..count {
            from = kind.start_of(from.yesterday().ok()?);
        }
        Some(from)
    }

    /// The period before the first, of the same kind.
    pub fn previous(&self, zone: &TimeZone) -> Option<Period> {
        let first = self.periods.first()?;
        let day = zone.to_datetime(first.start).date().yesterday().ok()?;
        let periods = Periods::between(self.kind, day, day, zone)?;
        periods.periods.into_iter().next()
    }

    /// The index of the period holding `instant`.
    pub fn locate(&self, instant: Timestamp) -> Option<usize> {
        let index = self
            .periods
            .partition_point(|period| period.start <= instant);
        let period = self.periods.get(index.checked_sub(1)?)?;
        (instant < period.end).then(|| index - 1)
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn chicago() -> TimeZone {
        TimeZone::get("America/Chicago").unwrap()
    }

    #[test]
    fn periods_start_on_mondays_months_and_quarters() {
        let zone = chicago();
        let day = date(2026, 11, 25);
        assert_eq!(PeriodKind::Week.start_of(day), date(2026, 11, 23));
        assert_eq!(PeriodKind::Month.start_of(day), date(2026, 11, 1));
        assert_eq!(PeriodKind::Quarter.start_of(day), date(2026, 10, 1));
        let months = Periods::ending(PeriodKind::Month, day, 6, &zone).unwrap();
        let labels: Vec<&str> = months.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"
            ]
        );
        // November starts at Chicago midnight, CDT (-05:00) on that day.
        assert_eq!(
            months.periods[5].start,
            "2026-11-01T05:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(months.previous(&zone).unwrap().label, "2026-05");
        let weeks = Periods::between(
            PeriodKind::Week,
            date(2026, 12, 30),
            date(2027, 1, 5),
            &zone,
        )
        .unwrap();
        let labels: Vec<&str> = weeks.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["2026-W53", "2027-W01"]);
        let quarters = Periods::ending(PeriodKind::Quarter, day, 2, &zone).unwrap();
        assert_eq!(quarters.periods[0].label, "2026-Q3");
        assert!(Periods::between(PeriodKind::Month, day, date(2026, 1, 1), &zone).is_none());
    }

    #[test]
    fn locating_an_instant() {
        let zone = chicago();
        let months = Periods::ending(PeriodKind::Month, date(2026, 11, 2), 2, &zone).unwrap();
        let at = |text: &str| months.locate(text.parse().unwrap());
        assert_eq!(at("2026-10-01T05:00:00Z"), Some(0));
        assert_eq!(at("2026-11-01T04:59:59Z"), Some(0));
        assert_eq!(at("2026-11-01T05:00:00Z"), Some(1));
        assert_eq!(at("2026-10-01T04:59:59Z"), None);
        assert_eq!(at("2026-12-01T06:00:00Z"), None);
    }
}
