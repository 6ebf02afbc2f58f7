//! `align` keeps a B2B company's sales and marketing aligned through plain
//! text in git: a message map, lead criteria with a response-time SLA,
//! collateral checked against the map, and proposals assembled from it.
pub mod collateral;
