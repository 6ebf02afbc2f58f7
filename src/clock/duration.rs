//! SLA durations as the criteria write them: `90m`, `4h`, `1h30m`, and `2d`
//! on a calendar clock only. They are read into whole seconds on the clock
//! they belong to.

/// Which clock a duration is measured on; it decides whether `d` means
/// anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockKind {
    Business,
    Calendar,
}

/// The longest duration accepted, in seconds. Well past any response-time
/// SLA, and it keeps every deadline search far inside the clock's horizon.
pub const MAX_DURATION_SECONDS: i64 = 100_000 * 3600;

/// Why an SLA duration could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("empty duration: expected a number and a unit, such as `4h` or `1h30m`")]
    Empty,
    #[error(
        "invalid duration `{text}`: expected numbers with units, such as `90m`, `4h` or `1h30m`"
    )]
    Malformed { text: String },
    #[error("invalid duration `{text}`: `{number}` needs a unit ({units})")]
    MissingUnit {
        text: String,
        number: String,
        units: &'static str,
    },
    #[error("invalid duration `{text}`: unknown unit `{unit}` ({units})")]
    UnknownUnit {
        text: String,
        unit: String,
        units: &'static str,
    },
    #[error("invalid duration `{text}`: write each unit once, largest first, as in `1h30m`")]
    UnitOrder { text: String },
    #[error("invalid duration `{text}`: a duration must be longer than zero")]
    Zero { text: String },
    #[error(
        "invalid duration `{text}`: `d` needs a calendar clock, because a business day \
         has no single length; write hours instead, such as `16h`"
    )]
    DaysOnBusinessClock { text: String },
    #[error("invalid duration `{text}`: too long; the longest accepted is `100000h`")]
    TooLong { text: String },
}

/// Reads an SLA duration into seconds.
///
/// The grammar is one or more `<digits><unit>` parts with units `d`, `h` and
/// `m` (days, hours, minutes), each at most once and largest first. `d` is
/// 24 hours and only accepted on a calendar clock. Surrounding white space is
/// ignored; anything else, seconds included, is an error, because the SPEC
/// names only these units and every accepted spelling becomes a contract.
pub fn parse_sla_duration(text: &str, clock: ClockKind) -> Result<i64, DurationError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DurationError::Empty);
    }
    let owned = || trimmed.to_owned();
    let units = match clock {
        ClockKind::Business => "use m for minutes or h for hours",
        ClockKind::Calendar => "use m for minutes, h for hours or d for days",
    };
    let mut rest = trimmed;
    let mut total: i64 = 0;
    // Rank of the last unit read: units must strictly decrease.
    let mut last_rank = u8::MAX;
    while !rest.is_empty() {
        let digits_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (number, after) = rest.split_at(digits_len);
        if number.is_empty() {
            return Err(DurationError::Malformed { text: owned() });
        }
        let unit_len = after
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(after.len(), |(i, _)| i);
        let (unit, next) = after.split_at(unit_len);
        let (rank, seconds_per_unit) = match unit {
            "" if after.is_empty() => {
                return Err(DurationError::MissingUnit {
                    text: owned(),
                    number: number.to_owned(),
                    units,
                });
            }
            "" => return Err(DurationError::Malformed { text: owned() }),
            "m" => (0, 60),
            "h" => (1, 3600),
            "d" if clock == ClockKind::Calendar => (2, 86_400),
            "d" => return Err(DurationError::DaysOnBusinessClock { text: owned() }),
            other => {
                return Err(DurationError::UnknownUnit {
                    text: owned(),
                    unit: other.to_owned(),
                    units,
                });
            }
        };
        if rank >= last_rank {
            return Err(DurationError::UnitOrder { text: owned() });
        }
        last_rank = rank;
        let too_long = || DurationError::TooLong { text: owned() };
        let count: i64 = number.parse().map_err(|_| too_long())?;
        total = count
            .checked_mul(seconds_per_unit)
            .and_then(|part| total.checked_add(part))
            .filter(|&sum| sum <= MAX_DURATION_SECONDS)
            .ok_or_else(too_long)?;
        rest = next;
    }
    if total == 0 {
        return Err(DurationError::Zero { text: owned() });
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    use ClockKind::{Business, Calendar};

    #[test]
    fn reads_durations() {
        assert_eq!(parse_sla_duration("90m", Business), Ok(5400));
        assert_eq!(parse_sla_duration("4h", Business), Ok(14_400));
        assert_eq!(parse_sla_duration("1h30m", Business), Ok(5400));
        assert_eq!(parse_sla_duration(" 16h ", Business), Ok(57_600));
        assert_eq!(parse_sla_duration("0h5m", Business), Ok(300));
        assert_eq!(parse_sla_duration("2d", Calendar), Ok(172_800));
        assert_eq!(parse_sla_duration("1d2h3m", Calendar), Ok(93_780));
        assert_eq!(
            parse_sla_duration("100000h", Business),
            Ok(MAX_DURATION_SECONDS)
        );
    }

    #[test]
    fn rejects_empty_and_malformed() {
        assert_eq!(parse_sla_duration("", Business), Err(DurationError::Empty));
        assert_eq!(
            parse_sla_duration("  ", Calendar),
            Err(DurationError::Empty)
        );
        for text in ["h", "-4h", "+4h", "4 h", "1h 30m", "1.5h", "4h-", "4h,"] {
            assert_eq!(
                parse_sla_duration(text, Business),
                Err(DurationError::Malformed { text: text.into() }),
                "{text}"
            );
        }
    }

    #[test]
    fn rejects_missing_and_unknown_units() {
        assert!(matches!(
            parse_sla_duration("90", Business),
            Err(DurationError::MissingUnit { number, .. }) if number == "90"
        ));
        assert!(matches!(
            parse_sla_duration("1h30", Business),
            Err(DurationError::MissingUnit { number, .. }) if number == "30"
        ));
        for (text, unit) in [("45s", "s"), ("4H", "H"), ("2w", "w"), ("4hours", "hours")] {
            assert!(
                matches!(
                    parse_sla_duration(text, Calendar),
                    Err(DurationError::UnknownUnit { unit: u, .. }) if u == unit
                ),
                "{text}"
            );
        }
        assert_eq!(
            parse_sla_duration("45s", Business).unwrap_err().to_string(),
            "invalid duration `45s`: unknown unit `s` (use m for minutes or h for hours)"
        );
    }

    #[test]
    fn rejects_units_out_of_order_or_repeated() {
        for text in ["30m1h", "1h1h", "1m1d", "1h2d"] {
            assert_eq!(
                parse_sla_duration(text, Calendar),
                Err(DurationError::UnitOrder { text: text.into() }),
                "{text}"
            );
        }
    }

    #[test]
    fn rejects_zero() {
        for text in ["0m", "0h", "0h0m", "0d", "000m"] {
            assert_eq!(
                parse_sla_duration(text, Calendar),
                Err(DurationError::Zero { text: text.into() })
            );
        }
    }

    #[test]
    fn rejects_days_on_a_business_clock() {
        let error = parse_sla_duration("2d", Business).unwrap_err();
        assert_eq!(
            error,
            DurationError::DaysOnBusinessClock { text: "2d".into() }
        );
        assert!(
            error
                .to_string()
                .contains("a business day has no single length")
        );
        assert!(matches!(
            parse_sla_duration("1d4h", Business),
            Err(DurationError::DaysOnBusinessClock { .. })
        ));
    }

    #[test]
    fn rejects_overflow() {
        for text in [
            "100001h",
            "6000001m",
            "99999999999999999999999h",
            "9223372036854775807m",
            "4167d",
            "99999h99999m",
        ] {
            assert_eq!(
                parse_sla_duration(text, Calendar),
                Err(DurationError::TooLong { text: text.into() }),
                "{text}"
            );
        }
    }
}
