//! Collateral: Markdown documents with front matter, checked against the
//! map.

pub mod document;
pub mod front_matter;

pub use document::Document;
