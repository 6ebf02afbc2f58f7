//! Joint objectives (`[[objective]]`): a metric of the SPEC and a target
//! such as `>= 0.90`.

use std::fmt;

/// The metrics an objective may name, per period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    LeadsCreated,
    LeadsAssigned,
    FirstTouchWithinSlaRate,
    MedianFirstTouchHours,
    P90FirstTouchHours,
    NeverTouchedRate,
    UnqualifiedHandoffRate,
    MqlToSqlRate,
    SqlToWonRate,
    WonCount,
    WonAmount,
}

impl Metric {
    pub const ALL: [Metric; 11] = [
        Metric::LeadsCreated,
        Metric::LeadsAssigned,
        Metric::FirstTouchWithinSlaRate,
        Metric::MedianFirstTouchHours,
        Metric::P90FirstTouchHours,
        Metric::NeverTouchedRate,
        Metric::UnqualifiedHandoffRate,
        Metric::MqlToSqlRate,
        Metric::SqlToWonRate,
        Metric::WonCount,
        Metric::WonAmount,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Metric::LeadsCreated => "leads_created",
            Metric::LeadsAssigned => "leads_assigned",
            Metric::FirstTouchWithinSlaRate => "first_touch_within_sla_rate",
            Metric::MedianFirstTouchHours => "median_first_touch_hours",
            Metric::P90FirstTouchHours => "p90_first_touch_hours",
            Metric::NeverTouchedRate => "never_touched_rate",
            Metric::UnqualifiedHandoffRate => "unqualified_handoff_rate",
            Metric::MqlToSqlRate => "mql_to_sql_rate",
            Metric::SqlToWonRate => "sql_to_won_rate",
            Metric::WonCount => "won_count",
            Metric::WonAmount => "won_amount",
        }
    }

    pub fn names() -> Vec<&'static str> {
        Metric::ALL.iter().map(|metric| metric.name()).collect()
    }

    pub fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|metric| metric.name() == name)
    }

    /// A share of leads: its target lies between 0 and 1.
    pub fn is_rate(self) -> bool {
        self.name().ends_with("_rate")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    AtLeast,
    AtMost,
    Above,
    Below,
    Equal,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => ">=",
            Comparison::AtMost => "<=",
            Comparison::Above => ">",
            Comparison::Below => "<",
            Comparison::Equal => "==",
        }
    }

    pub fn holds(self, actual: f64, target: f64) -> bool {
        match self {
            Comparison::AtLeast => actual >= target,
            Comparison::AtMost => actual <= target,
            Comparison::Above => actual > target,
            Comparison::Below => actual < target,
            Comparison::Equal => actual == target,
        }
    }
}

/// `>= 0.90`: a comparison and a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Target {
    pub comparison: Comparison,
    pub value: f64,
}

impl Target {
    /// Reads `>= 0.90`, `<=1.5`, `== 0`; white space around the parts is
    /// free. A number alone has no comparison and is not a target.
    pub fn parse(text: &str) -> Option<Target> {
        let text = text.trim();
        let (comparison, rest) = [
            (">=", Comparison::AtLeast),
            ("<=", Comparison::AtMost),
            ("==", Comparison::Equal),
            (">", Comparison::Above),
            ("<", Comparison::Below),
        ]
        .into_iter()
        .find_map(|(symbol, comparison)| {
            text.strip_prefix(symbol).map(|rest| (comparison, rest))
        })?;
        let number = rest.trim();
        let plain = number.strip_prefix(['+', '-']).unwrap_or(number);
        // Plain decimal notation only: no `inf`, `NaN` or exponents.
        if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return None;
        }
        let value: f64 = number.parse().ok()?;
        Some(Target { comparison, value })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.comparison.symbol(), self.value)
    }
}

#[derive(Clone, Debug)]
pub struct Objective {
    pub metric: Metric,
    pub target: Target,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_targets() {
        assert_eq!(
            Target::parse(">= 0.90"),
            Some(Target {
                comparison: Comparison::AtLeast,
                value: 0.9
            })
        );
        assert_eq!(
            Target::parse("<=1.5").unwrap().comparison,
            Comparison::AtMost
        );
        assert_eq!(Target::parse(" > 3 ").unwrap().value, 3.0);
        assert_eq!(Target::parse("< -1").unwrap().value, -1.0);
        assert_eq!(Target::parse("== 0").unwrap().comparison, Comparison::Equal);
        for bad in [
            "0.9", ">= ", "=> 0.9", ">= 90%", ">= inf", "= 1", ">= 1e3", ">= NaN", "",
        ] {
            assert_eq!(Target::parse(bad), None, "{bad:?}");
        }
        assert!(Comparison::AtLeast.holds(0.9, 0.9));
        assert!(!Comparison::Above.holds(0.9, 0.9));
    }

    #[test]
    fn metric_names_round_trip() {
        for metric in Metric::ALL {
            assert_eq!(Metric::from_name(metric.name()), Some(metric));
        }
        assert_eq!(Metric::from_name("won_revenue"), None);
        assert!(Metric::NeverTouchedRate.is_rate());
        assert!(!Metric::WonAmount.is_rate());
    }
}
