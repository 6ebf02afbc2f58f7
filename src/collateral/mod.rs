//! Collateral is the Markdown that sales and marketing publish; these
//! modules read its body for the wording rules: which text is prose, which
//! phrases of the message map it contains, and where the author has switched
//! rules off with a comment.

pub mod phrases;
pub mod prose;
pub mod suppression;
