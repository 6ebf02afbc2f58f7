//! Lead timestamps: reading the cells of a leads CSV and printing instants
//! back. Reading is on the hot path of a scan over up to a million rows, so
//! it matches the few fixed-width layouts the SPEC allows byte by byte,
//! without allocating, and leaves only the final civil-to-instant step (and
//! the zone lookup for local times) to jiff.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};

/// Why a timestamp cell could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimestampError {
    #[error("empty timestamp")]
    Empty,
    #[error(
        "invalid timestamp `{text}`: expected RFC 3339 such as `2026-11-23T09:00:00-06:00`, \
         or a local time `YYYY-MM-DD HH:MM[:SS]`"
    )]
    Malformed { text: String },
    #[error("invalid timestamp `{text}`: `{date}` is not a date")]
    NotADate { text: String, date: String },
    #[error("invalid timestamp `{text}`: `{time}` is not a time of day")]
    NotATime { text: String, time: String },
    #[error(
        "invalid timestamp `{text}`: zone names such as `{name}` are ambiguous; \
         write an offset such as `-05:00` or `Z`, or leave it out to use the leads time zone"
    )]
    ZoneName { text: String, name: String },
    #[error(
        "invalid timestamp `{text}`: `{offset}` is not a UTC offset; write `+HH:MM`, `-HH:MM` or `Z`"
    )]
    BadOffset { text: String, offset: String },
    #[error("invalid timestamp `{text}`: the year is outside 1900-9999")]
    OutOfRange { text: String },
    #[error("invalid timestamp `{text}`: no format reads it (tried {tried})")]
    NoFormat { text: String, tried: String },
    #[error("invalid timestamp `{text}`: format `{format}` fits, but {why}")]
    FormatValue {
        text: String,
        format: String,
        why: String,
    },
}

/// What went wrong, with byte positions into the cell; turned into a
/// [`TimestampError`] (which allocates) only once a cell is known to be bad.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Problem {
    Malformed,
    NotADate,
    /// The time of day ends at this byte.
    NotATime(usize),
    /// The zone name starts at this byte.
    ZoneName(usize),
    /// The offset starts at this byte.
    BadOffset(usize),
    OutOfRange,
}

/// Byte length of `YYYY-MM-DDTHH:MM`, the part every layout shares.
const HEAD_LEN: usize = 16;
/// Longest cell quoted back in an error message, in characters.
const MAX_QUOTED_CHARS: usize = 60;

/// Reads a lead timestamp.
///
/// Accepted, after trimming ASCII white space:
/// - RFC 3339 with an offset or `Z`: `2026-11-23T09:00:00-06:00`, where a
///   space may replace `T`, seconds are optional and may carry a fraction,
///   and `t`/`z` may be lower case;
/// - a local `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM[:SS]`, read in
///   `zone`: a time in a DST gap moves forward by the length of the gap, a
///   time in a fold means the earlier instant (the "compatible" rule).
///
/// The SLA clock works in whole seconds, so a fraction of a second is
/// accepted and dropped (the instant is floored to its second): a touch
/// printed at its deadline's second is then on time, as it reads. A leap
/// second (`:60`) is an error, never silently `:59`: instants here have no
/// leap seconds. Years run from 1900 to 9999, so that every instant printed
/// back can be read again. Anything else, a zone abbreviation such as `EST`
/// or an impossible date such as `2026-02-30` included, is an error.
pub fn parse_timestamp(cell: &[u8], zone: &TimeZone) -> Result<Timestamp, TimestampError> {
    let text = cell.trim_ascii();
    if text.is_empty() {
        return Err(TimestampError::Empty);
    }
    read(text, zone).map_err(|problem| describe(problem, text))
}

pub(super) fn read(text: &[u8], zone: &TimeZone) -> Result<Timestamp, Problem> {
    let Some((head, rest)) = text.split_first_chunk::<HEAD_LEN>() else {
        return Err(Problem::Malformed);
    };
    // The layout is YYYY-MM-DD, `T` (or `t`, or a space), then HH:MM.
    #[rustfmt::skip]
    let [y1, y2, y3, y4, b'-', mo1, mo2, b'-', d1, d2, b'T' | b't' | b' ', h1, h2, b':', mi1, mi2] =
        *head
    else {
        return Err(Problem::Malformed);
    };
    let year = i16::from(two_digits(y1, y2)?) * 100 + i16::from(two_digits(y3, y4)?);
    let (month, day) = (two_digits(mo1, mo2)?, two_digits(d1, d2)?);
    let (hour, minute) = (two_digits(h1, h2)?, two_digits(mi1, mi2)?);

    let (second, rest) = match rest {
        [b':', s1, s2, tail @ ..] => (two_digits(*s1, *s2)?, skip_fraction(tail)?),
        _ => (0, rest),
    };
    let time_end = text.len() - rest.len();
    let offset = read_offset(rest, time_end)?;

    // The shape is right; now the values. Dates are checked by jiff, which
    // knows leap years; a time of day is simple enough to check here.
    let date = Date::new(year, month, day).map_err(|_| Problem::NotADate)?;
    if hour > 23 || minute > 59 || second > 59 {
        return Err(Problem::NotATime(time_end));
    }
    if !(1900..=9999).contains(&year) {
        return Err(Problem::OutOfRange);
    }
    let time = Time::new(hour, minute, second, 0).map_err(|_| Problem::NotATime(time_end))?;
    let datetime = DateTime::from_parts(date, time);
    let instant = match offset {
        Some(seconds) => Offset::from_seconds(seconds)
            .and_then(|offset| offset.to_timestamp(datetime))
            .map_err(|_| Problem::OutOfRange)?,
        None => zone
            .to_ambiguous_timestamp(datetime)
            .compatible()
            .map_err(|_| Problem::OutOfRange)?,
    };
    Ok(instant)
}

/// Two ASCII digits as a number (0 to 99, the type jiff takes for fields).
fn two_digits(tens: u8, ones: u8) -> Result<i8, Problem> {
    if !(tens.is_ascii_digit() && ones.is_ascii_digit()) {
        return Err(Problem::Malformed);
    }
    i8::try_from((tens - b'0') * 10 + (ones - b'0')).map_err(|_| Problem::Malformed)
}

/// Skips `.` and at least one digit, if a fraction is there.
fn skip_fraction(text: &[u8]) -> Result<&[u8], Problem> {
    let Some(digits) = text.strip_prefix(b".") else {
        return Ok(text);
    };
    let count = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    match digits.split_at_checked(count) {
        Some((fraction, rest)) if !fraction.is_empty() => Ok(rest),
        _ => Err(Problem::Malformed),
    }
}

/// Reads what follows the time: nothing (a local time), `Z`, or `±HH:MM`.
/// `start` is the position of `text` in the cell, for error messages.
fn read_offset(text: &[u8], start: usize) -> Result<Option<i32>, Problem> {
    match *text {
        [] => Ok(None),
        [b'Z' | b'z'] => Ok(Some(0)),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let bad = |_| Problem::BadOffset(start);
            let hours = two_digits(h1, h2).map_err(bad)?;
            let minutes = two_digits(m1, m2).map_err(bad)?;
            if hours > 23 || minutes > 59 {
                return Err(Problem::BadOffset(start));
            }
            let seconds = i32::from(hours) * 3600 + i32::from(minutes) * 60;
            Ok(Some(if sign == b'-' { -seconds } else { seconds }))
        }
        [b'+' | b'-', ..] => Err(Problem::BadOffset(start)),
        // A `Z` with something after it, or after a space, is a misplaced
        // designator rather than a zone name.
        [b'Z' | b'z', ..] | [b' ', b'Z' | b'z'] => Err(Problem::Malformed),
        [b' ', first, ..] | [first, ..] if first.is_ascii_alphabetic() || first == b'[' => {
            let skipped = usize::from(text.first() == Some(&b' '));
            Err(Problem::ZoneName(start + skipped))
        }
        _ => Err(Problem::Malformed),
    }
}

pub(super) fn describe(problem: Problem, text: &[u8]) -> TimestampError {
    let part = |from: usize, to: usize| quoted(text.get(from..to).unwrap_or_default());
    let text_shown = quoted(text);
    match problem {
        Problem::Malformed => TimestampError::Malformed { text: text_shown },
        Problem::NotADate => TimestampError::NotADate {
            text: text_shown,
            date: part(0, 10),
        },
        Problem::NotATime(end) => TimestampError::NotATime {
            text: text_shown,
            time: part(11, end),
        },
        Problem::ZoneName(start) => TimestampError::ZoneName {
            text: text_shown,
            name: part(start, text.len()),
        },
        Problem::BadOffset(start) => TimestampError::BadOffset {
            text: text_shown,
            offset: part(start, text.len()),
        },
        Problem::OutOfRange => TimestampError::OutOfRange { text: text_shown },
    }
}

/// The cell as text for a message: invalid UTF-8 replaced, and cut short so
/// that one odd cell cannot flood the output.
pub(super) fn quoted(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.into_owned(),
    }
}

/// Prints an instant as RFC 3339 with whole seconds at `zone`'s offset for
/// that instant, always with a numeric offset (`+00:00` for UTC), such as
/// `2026-11-23T09:00:00-06:00`.
///
/// A fraction of a second is dropped. An offset with seconds (only local
/// mean time before the late 19th century has them) is printed
/// `±HH:MM:SS`, so the printed instant stays exact.
pub fn format_timestamp(t: Timestamp, zone: &TimeZone) -> String {
    let offset = zone.to_offset(t);
    let local = offset.to_datetime(t);
    let mut out = String::with_capacity(25);
    let year = local.year();
    if (0..=9999).contains(&year) {
        let year = u32::from(year.unsigned_abs());
        push_two_digits(&mut out, year / 100);
        push_two_digits(&mut out, year % 100);
    } else {
        // Outside RFC 3339's years: ISO 8601's expanded form, as jiff prints.
        // Writing to a String cannot fail.
        let _ = write!(out, "{year:+07}");
    }
    for (separator, field) in [
        ('-', local.month()),
        ('-', local.day()),
        ('T', local.hour()),
        (':', local.minute()),
        (':', local.second()),
    ] {
        out.push(separator);
        push_two_digits(&mut out, field.unsigned_abs().into());
    }
    let seconds = offset.seconds();
    out.push(if seconds < 0 { '-' } else { '+' });
    let seconds = seconds.unsigned_abs();
    push_two_digits(&mut out, seconds / 3600);
    out.push(':');
    push_two_digits(&mut out, seconds / 60 % 60);
    if seconds % 60 != 0 {
        out.push(':');
        push_two_digits(&mut out, seconds % 60);
    }
    out
}

/// Pushes the last two decimal digits of `value` (every field printed here
/// is below 100).
fn push_two_digits(out: &mut String, value: u32) {
    for digit in [value / 10 % 10, value % 10] {
        out.push(char::from_digit(digit, 10).unwrap_or('0'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap()
    }

    fn parse(text: &str, zone_name: &str) -> Result<Timestamp, TimestampError> {
        parse_timestamp(text.as_bytes(), &zone(zone_name))
    }

    fn instant(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn reads_rfc3339() {
        let chicago = "America/Chicago";
        let expected = instant("2026-11-23T15:00:00Z");
        for text in [
            "2026-11-23T15:00:00Z",
            "2026-11-23T15:00Z",
            "2026-11-23 15:00:00Z",
            "2026-11-23t15:00:00z",
            "2026-11-23T09:00:00-06:00",
            "2026-11-23T20:30:00+05:30",
            "2026-11-23T20:30+05:30",
            "2026-11-23T15:00:00+00:00",
            "2026-11-23T15:00:00-00:00",
            "  2026-11-23T15:00:00Z\t",
        ] {
            assert_eq!(parse(text, chicago), Ok(expected), "{text}");
        }
    }

    #[test]
    fn drops_fractions_of_a_second() {
        let expected = instant("2026-11-23T15:00:07Z");
        for text in [
            "2026-11-23T15:00:07.9Z",
            "2026-11-23T15:00:07.123456789Z",
            "2026-11-23 09:00:07.5-06:00",
            "2026-11-23T15:00:07.999999999999+00:00",
        ] {
            assert_eq!(parse(text, "UTC"), Ok(expected), "{text}");
        }
        assert_eq!(
            parse("1969-12-31T23:59:59.5Z", "UTC"),
            Ok(Timestamp::from_second(-1).unwrap())
        );
        assert_eq!(
            parse("2016-12-31T23:59:60Z", "UTC"),
            Err(TimestampError::NotATime {
                text: "2016-12-31T23:59:60Z".into(),
                time: "23:59:60".into()
            }),
            "a leap second is never read as :59"
        );
    }

    #[test]
    fn reads_local_times_in_the_zone() {
        let expected = instant("2026-11-23T15:00:00Z");
        for text in [
            "2026-11-23 09:00",
            "2026-11-23 09:00:00",
            "2026-11-23T09:00",
            "2026-11-23T09:00:00",
        ] {
            assert_eq!(parse(text, "America/Chicago"), Ok(expected), "{text}");
        }
        assert_eq!(
            parse("2026-07-01 09:00", "Europe/Berlin"),
            Ok(instant("2026-07-01T07:00:00Z"))
        );
    }

    #[test]
    fn local_time_in_a_gap_moves_forward() {
        // Chicago jumps from 02:00 CST to 03:00 CDT on 2026-03-08:
        // 02:30 does not exist and is read as 03:30 CDT.
        assert_eq!(
            parse("2026-03-08 02:30", "America/Chicago"),
            Ok(instant("2026-03-08T03:30:00-05:00"))
        );
        // Lord Howe moves forward by 30 minutes at 02:00 on 2026-10-04.
        assert_eq!(
            parse("2026-10-04 02:15", "Australia/Lord_Howe"),
            Ok(instant("2026-10-04T02:45:00+11:00"))
        );
    }

    #[test]
    fn local_time_in_a_fold_is_the_earlier_instant() {
        // Chicago repeats 01:00-02:00 on 2026-11-01; the first is CDT.
        assert_eq!(
            parse("2026-11-01 01:30", "America/Chicago"),
            Ok(instant("2026-11-01T01:30:00-05:00"))
        );
        // Berlin repeats 02:00-03:00 on 2026-10-25; the first is CEST.
        assert_eq!(
            parse("2026-10-25T02:30:00", "Europe/Berlin"),
            Ok(instant("2026-10-25T02:30:00+02:00"))
        );
    }

    #[test]
    fn rejects_zone_names() {
        for (text, name) in [
            ("2026-11-23 09:00 EST", "EST"),
            ("2026-11-23 09:00EST", "EST"),
            ("2026-11-23T09:00:00 UTC", "UTC"),
            ("2026-11-23T09:00:00 America/Chicago", "America/Chicago"),
            ("2026-11-23T09:00:00[America/Chicago]", "[America/Chicago]"),
        ] {
            assert_eq!(
                parse(text, "UTC"),
                Err(TimestampError::ZoneName {
                    text: text.into(),
                    name: name.into()
                }),
                "{text}"
            );
        }
    }

    #[test]
    fn rejects_impossible_dates_and_times() {
        for (text, date) in [
            ("2026-02-30 09:00", "2026-02-30"),
            ("2026-02-29T09:00Z", "2026-02-29"),
            ("2026-13-01 09:00", "2026-13-01"),
            ("2026-00-10 09:00", "2026-00-10"),
            ("2026-04-31 09:00", "2026-04-31"),
        ] {
            assert_eq!(
                parse(text, "UTC"),
                Err(TimestampError::NotADate {
                    text: text.into(),
                    date: date.into()
                })
            );
        }
        assert!(parse("2024-02-29 09:00", "UTC").is_ok());
        for (text, time) in [
            ("2026-11-23 25:00", "25:00"),
            ("2026-11-23 24:00", "24:00"),
            ("2026-11-23 09:60", "09:60"),
            ("2026-11-23 09:00:61Z", "09:00:61"),
            ("2026-11-23 09:00:99.5Z", "09:00:99.5"),
        ] {
            assert_eq!(
                parse(text, "UTC"),
                Err(TimestampError::NotATime {
                    text: text.into(),
                    time: time.into()
                })
            );
        }
    }

    #[test]
    fn rejects_bad_offsets() {
        for (text, offset) in [
            ("2026-11-23T09:00:00+24:00", "+24:00"),
            ("2026-11-23T09:00:00+05:60", "+05:60"),
            ("2026-11-23T09:00:00+0530", "+0530"),
            ("2026-11-23T09:00:00+05", "+05"),
            ("2026-11-23T09:00:00-5:00", "-5:00"),
            ("2026-11-23T09:00:00+05:30:00", "+05:30:00"),
        ] {
            assert_eq!(
                parse(text, "UTC"),
                Err(TimestampError::BadOffset {
                    text: text.into(),
                    offset: offset.into()
                })
            );
        }
    }

    #[test]
    fn rejects_other_layouts_and_trailing_junk() {
        for text in [
            "2026-11-23",
            "2026-11-23T",
            "2026-11-23 9:00",
            "2026-11-23  09:00",
            "26-11-23 09:00",
            "2026/11/23 09:00",
            "23.11.2026 09:00",
            "2026-11-23_09:00",
            "2026-11-23 09:00:0",
            "2026-11-23 09:00:00.",
            "2026-11-23 09:00.5",
            "2026-11-23 09:00:00,5",
            "2026-11-23T09:00:00Zjunk",
            "2026-11-23T09:00:00 Z",
            "2026-11-23 09:00 !",
            "+2026-11-23 09:00",
            "1763910000",
            "now",
        ] {
            let text_after_trim = text.trim_ascii();
            assert_eq!(
                parse(text, "UTC"),
                Err(TimestampError::Malformed {
                    text: text_after_trim.into()
                }),
                "{text}"
            );
        }
        assert_eq!(parse("   ", "UTC"), Err(TimestampError::Empty));
        assert_eq!(parse("", "UTC"), Err(TimestampError::Empty));
    }

    #[test]
    fn survives_odd_bytes() {
        let zone = zone("UTC");
        for cell in [
            &b"\xff\xfe2026-11-23 09:00"[..],
            b"2026-11-23 09:00\xff",
            b"2026-11-23\xe2\x80\x8309:00",
            b"\x00",
        ] {
            assert!(parse_timestamp(cell, &zone).is_err());
        }
        let long = "x".repeat(1000);
        let message = parse(&long, "UTC").unwrap_err().to_string();
        assert!(message.len() < 300, "{message}");
    }

    #[test]
    fn messages_are_for_people() {
        assert_eq!(
            parse("2026-11-23 09:00 EST", "UTC")
                .unwrap_err()
                .to_string(),
            "invalid timestamp `2026-11-23 09:00 EST`: zone names such as `EST` are ambiguous; \
             write an offset such as `-05:00` or `Z`, or leave it out to use the leads time zone"
        );
        assert_eq!(
            parse("2026-02-30", "UTC").unwrap_err().to_string(),
            "invalid timestamp `2026-02-30`: expected RFC 3339 such as \
             `2026-11-23T09:00:00-06:00`, or a local time `YYYY-MM-DD HH:MM[:SS]`"
        );
    }

    #[test]
    fn years_at_the_edges() {
        assert_eq!(
            parse("1900-01-01T00:00:00Z", "UTC"),
            Ok(instant("1900-01-01T00:00:00Z"))
        );
        for text in ["0000-01-01T00:00:00Z", "1899-12-31 23:59"] {
            assert_eq!(
                parse(text, "UTC"),
                Err(TimestampError::OutOfRange { text: text.into() })
            );
        }
        assert_eq!(
            parse("9999-12-31T23:59:59-23:59", "UTC"),
            Err(TimestampError::OutOfRange {
                text: "9999-12-31T23:59:59-23:59".into()
            })
        );
    }

    #[test]
    fn formats_at_the_zone_offset() {
        let t = instant("2026-11-23T15:00:00Z");
        assert_eq!(
            format_timestamp(t, &zone("America/Chicago")),
            "2026-11-23T09:00:00-06:00"
        );
        assert_eq!(
            format_timestamp(t, &zone("Asia/Kolkata")),
            "2026-11-23T20:30:00+05:30"
        );
        assert_eq!(
            format_timestamp(t, &TimeZone::UTC),
            "2026-11-23T15:00:00+00:00"
        );
        assert_eq!(
            format_timestamp(instant("2026-07-01T12:00:00Z"), &zone("America/Chicago")),
            "2026-07-01T07:00:00-05:00"
        );
        assert_eq!(
            format_timestamp(instant("2026-11-23T15:00:07.9Z"), &TimeZone::UTC),
            "2026-11-23T15:00:07+00:00"
        );
        assert_eq!(
            format_timestamp(instant("1850-01-01T12:00:00Z"), &zone("America/Chicago")),
            "1850-01-01T06:09:24-05:50:36"
        );
        assert_eq!(
            format_timestamp(instant("-000001-06-01T00:00:00Z"), &TimeZone::UTC),
            "-000001-06-01T00:00:00+00:00"
        );
        assert_eq!(
            format_timestamp(instant("0000-06-01T00:00:00Z"), &TimeZone::UTC),
            "0000-06-01T00:00:00+00:00"
        );
        assert!(format_timestamp(Timestamp::MIN, &zone("America/Chicago")).starts_with("-009999-"));
        assert!(format_timestamp(Timestamp::MAX, &zone("Europe/Berlin")).starts_with("9999-12-"));
    }

    #[test]
    fn format_and_parse_round_trip() {
        for name in [
            "America/Chicago",
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "UTC",
        ] {
            let zone = zone(name);
            let mut t = instant("2026-01-01T00:00:00Z");
            for _ in 0..800 {
                let text = format_timestamp(t, &zone);
                assert_eq!(parse_timestamp(text.as_bytes(), &zone), Ok(t), "{text}");
                t = t
                    .checked_add(jiff::SignedDuration::from_secs(39_601))
                    .unwrap();
            }
        }
    }
}
