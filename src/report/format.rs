//! How report numbers read to people: `4h 12m`, `91%`, `—` for no data;
//! and how they are rounded in JSON (rates to 4 places, hours to 3).

use crate::criteria::Metric;
use crate::metrics::Value;

/// Hours as a person reads them: `45m`, `4h 05m`; `—` for none.
pub fn duration(hours: Value) -> String {
    let Some(hours) = hours else {
        return "—".to_owned();
    };
    let minutes = (hours * 60.0).round() as i64;
    if minutes < 60 {
        format!("{minutes}m")
    } else {
        format!("{}h {:02}m", minutes / 60, minutes % 60)
    }
}

/// A fraction as a whole percentage: `91%`; `—` for none.
pub fn percent(rate: Value) -> String {
    rate.map_or_else(|| "—".to_owned(), |rate| format!("{:.0}%", rate * 100.0))
}

/// A metric's value for people.
pub fn metric_value(metric: Metric, value: Value) -> String {
    match metric {
        _ if metric.is_rate() => percent(value),
        Metric::MedianFirstTouchHours | Metric::P90FirstTouchHours => duration(value),
        Metric::WonAmount => value.map_or_else(|| "—".to_owned(), compact),
        _ => value.map_or_else(|| "—".to_owned(), |v| format!("{v:.0}")),
    }
}

/// A change against the previous period: points for rates, minutes for
/// durations, plain for counts; `—` when either side has no data.
pub fn change(metric: Metric, delta: Value) -> String {
    let Some(delta) = delta else {
        return "—".to_owned();
    };
    let sign = if delta > 0.0 {
        "+"
    } else if delta < 0.0 {
        "−"
    } else {
        "±"
    };
    let size = delta.abs();
    match metric {
        _ if metric.is_rate() => format!("{sign}{:.0} pts", size * 100.0),
        Metric::MedianFirstTouchHours | Metric::P90FirstTouchHours => {
            format!("{sign}{}", duration(Some(size)))
        }
        Metric::WonAmount => format!("{sign}{}", compact(size)),
        _ => format!("{sign}{size:.0}"),
    }
}

/// An amount in a narrow column: `840`, `84k`, `2.3M`.
pub fn compact(value: f64) -> String {
    let size = value.abs();
    let sign = if value < 0.0 { "-" } else { "" };
    if size >= 999_500.0 {
        format!("{sign}{}M", trim_zero(size / 1e6))
    } else if size >= 999.5 {
        format!("{sign}{}k", trim_zero(size / 1e3))
    } else {
        format!("{sign}{size:.0}")
    }
}

/// One decimal below 10, none above: `2.3`, `84`; `3.0` is `3`.
fn trim_zero(value: f64) -> String {
    let text = if value < 9.95 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
}

/// A target's comparison as people write it: `≥`, `≤`.
pub fn comparison(symbol: &str) -> &str {
    match symbol {
        ">=" => "≥",
        "<=" => "≤",
        "==" => "=",
        other => other,
    }
}

/// `1234567.8` as `1,234,568`.
pub fn thousands(value: f64) -> String {
    let whole = value.round().abs() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if value < 0.0 && whole > 0 {
        out.insert(0, '-');
    }
    out
}

/// A metric's value as JSON writes it: rates to 4 places, hours to 3,
/// amounts to 2; counts are whole.
pub fn rounded(metric: Metric, value: Value) -> Value {
    let places = match metric {
        _ if metric.is_rate() => 4,
        Metric::MedianFirstTouchHours | Metric::P90FirstTouchHours => 3,
        _ => 2,
    };
    value.map(|v| round_to(v, places))
}

pub fn round_to(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// A short name for a metric in narrow tables.
pub fn short_name(metric: Metric) -> &'static str {
    match metric {
        Metric::LeadsCreated => "leads created",
        Metric::LeadsAssigned => "leads assigned",
        Metric::FirstTouchWithinSlaRate => "touched in SLA",
        Metric::MedianFirstTouchHours => "median touch",
        Metric::P90FirstTouchHours => "p90 touch",
        Metric::NeverTouchedRate => "never touched",
        Metric::UnqualifiedHandoffRate => "unqualified",
        Metric::MqlToSqlRate => "MQL→SQL",
        Metric::SqlToWonRate => "SQL→won",
        Metric::WonCount => "won",
        Metric::WonAmount => "won amount",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_people() {
        assert_eq!(duration(Some(4.2)), "4h 12m");
        assert_eq!(duration(Some(0.75)), "45m");
        assert_eq!(duration(None), "—");
        assert_eq!(percent(Some(0.906)), "91%");
        assert_eq!(thousands(1_234_567.8), "1,234,568");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(compact(2_323_000.0), "2.3M");
        assert_eq!(compact(3_000_000.0), "3M");
        assert_eq!(compact(84_000.0), "84k");
        assert_eq!(compact(12_600_000.0), "13M");
        assert_eq!(
            change(Metric::FirstTouchWithinSlaRate, Some(-0.05)),
            "−5 pts"
        );
        assert_eq!(change(Metric::MedianFirstTouchHours, Some(0.5)), "+30m");
        assert_eq!(change(Metric::WonCount, None), "—");
        assert_eq!(rounded(Metric::MqlToSqlRate, Some(2.0 / 3.0)), Some(0.6667));
    }
}
