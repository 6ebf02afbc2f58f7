//! The checks of every lint rule, one family per module: AL1xx
//! [`map`], AL2xx [`collateral`], AL3xx [`leads`], AL4xx [`templates`].
//! AL0xx findings come from loading the files themselves. Codes, names,
//! severities and documentation are in [`crate::codes`].

pub mod coaching;
pub mod collateral;
pub mod feedback;
pub mod leads;
pub mod map;
pub mod template_names;
pub mod templates;
