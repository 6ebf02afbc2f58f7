//! `align` keeps a B2B company's sales and marketing aligned through plain
//! text in git: a message map, lead criteria with a response-time SLA,
//! collateral checked against the map, and proposals assembled from it.

pub mod accounts;
pub mod baseline;
pub mod changed;
pub mod cli;
pub mod clock;
pub mod coaching;
pub mod codes;
pub mod collateral;
pub mod commands;
pub mod console;
pub mod criteria;
pub mod dependents;
pub mod diagnostic;
pub mod diff;
pub mod feedback;
pub mod fix;
pub mod git;
pub mod html;
pub mod init;
pub mod key_hash;
pub mod leads;
pub mod lint;
pub mod map;
pub mod metrics;
pub mod output;
pub mod quiz;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod selection;
pub mod source;
pub mod syntax;
pub mod workspace;
pub mod write;
