//! The structured files of a workspace (TOML, and YAML front matter) read
//! into one tree of values that keeps the byte span of every key and value,
//! so a finding can point at the exact place in the original file.

pub mod fields;
pub mod toml;
pub mod yaml;
mod yaml_error;
mod yaml_simple;

use std::ops::Range;

pub use fields::Fields;

/// A value with the byte range it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Range<usize>) -> Spanned<T> {
        Spanned { value, span }
    }
}

impl Spanned<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub span: Range<usize>,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Null,
    String(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    /// A TOML date, time or date-time, as written.
    Datetime(String),
    Array(Vec<Value>),
    Table(Table),
}

impl Kind {
    /// How a user would name this type in a message.
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Null => "an empty value",
            Kind::String(_) => "a string",
            Kind::Integer(_) => "an integer",
            Kind::Float(_) => "a number",
            Kind::Bool(_) => "a boolean",
            Kind::Datetime(_) => "a date",
            Kind::Array(_) => "a list",
            Kind::Table(_) => "a table",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Value,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.key == key)
    }
}
