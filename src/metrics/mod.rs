//! The lead metrics of the SPEC ("Lead criteria" names them, "Metrics,
//! cohorts and `align report`" defines them), in one implementation that
//! `align leads sla` and `align report` share: a lead's facts are read once
//! ([`lead`]), counted into streaming tallies ([`tally`]) per group
//! ([`groups`]) and per period ([`period`]).

pub mod durations;
pub mod groups;
pub mod lead;
pub mod period;
pub mod tally;

pub use durations::Durations;
pub use groups::{Aggregate, Dimension, GroupRow, Groups, Keys};
pub use lead::{Lead, Stage};
pub use period::{Period, PeriodKind, Periods};
pub use tally::{Tally, Value, rate};
