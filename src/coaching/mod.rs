//! Coaching records: each `align quiz --take` appends one attempt to
//! `coaching/results.csv` (`[paths] coaching`), so a manager can follow
//! each person's knowledge of the agreement over time.
//!
//! Columns: `date`, `person`, `questions`, `correct`, `seed` (the SPEC's),
//! and `missed`: the map entries behind the questions answered wrongly
//! (`kind:id`, space-separated), which is what tells marketing which
//! messages do not stick.

pub mod results;
pub mod summary;
