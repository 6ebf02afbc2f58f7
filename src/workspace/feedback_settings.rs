//! `[feedback]` in `align.toml`: when what the field keeps hearing becomes
//! a gap in the map (AL503).

use crate::clock::{ClockKind, parse_sla_duration};
use crate::codes::files::AL004;
use crate::syntax::{Fields, Value};

const SECONDS_PER_DAY: i64 = 86_400;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackSettings {
    /// Rows within the window that make an unanswered topic a gap.
    pub gap_threshold: u64,
    /// The window, in whole calendar days ending with the as-of date.
    pub window_days: i64,
}

impl Default for FeedbackSettings {
    fn default() -> FeedbackSettings {
        FeedbackSettings {
            gap_threshold: 3,
            window_days: 90,
        }
    }
}

pub(super) fn read(value: &Value, parent: &mut Fields<'_>) -> FeedbackSettings {
    super::settings::with_nested(parent, value, "`[feedback]`", |fields| {
        let mut settings = FeedbackSettings::default();
        if let Some(threshold) = fields.integer("gap_threshold") {
            match u64::try_from(threshold.value) {
                Ok(count) if count > 0 => settings.gap_threshold = count,
                _ => {
                    fields
                        .problem(
                            &AL004,
                            threshold.span,
                            format!("invalid gap_threshold `{}`", threshold.value),
                        )
                        .help = Some("use a whole number of feedback rows, 1 or more".into());
                }
            }
        }
        if let Some(window) = fields.string("window") {
            match window_days(&window.value) {
                Ok(days) => settings.window_days = days,
                Err(why) => {
                    fields
                        .problem(
                            &AL004,
                            window.span,
                            format!("invalid window `{}`: {why}", window.value),
                        )
                        .help = Some("write whole days, such as `90d`".into());
                }
            }
        }
        settings
    })
    .unwrap_or_default()
}

/// A calendar duration that is a whole number of days (`90d`, `2160h`).
fn window_days(text: &str) -> Result<i64, String> {
    let seconds = parse_sla_duration(text, ClockKind::Calendar).map_err(|error| {
        let message = error.to_string();
        message
            .split_once(": ")
            .map_or(message.clone(), |(_, why)| why.to_owned())
    })?;
    if seconds % SECONDS_PER_DAY != 0 {
        return Err("the window counts whole calendar days".into());
    }
    Ok(seconds / SECONDS_PER_DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_whole_days() {
        assert_eq!(window_days("90d"), Ok(90));
        assert_eq!(window_days("48h"), Ok(2));
        assert_eq!(window_days(" 7d "), Ok(7));
        assert!(window_days("36h").is_err());
        assert!(window_days("0d").is_err());
        assert!(window_days("ninety days").is_err());
    }
}
