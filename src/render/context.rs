//! What a template sees: the SPEC's template context built from the map,
//! the situation and the account, and the lookup functions. Messages and
//! proof are objects that note when a template reads them, so the draft's
//! front matter lists what the draft shows rather than everything that
//! fitted.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use jiff::civil::Date;
use minijinja::value::{Enumerator, Object, ObjectRepr, Value, from_args};
use minijinja::{Environment, Error, ErrorKind, State};

use crate::accounts::Account;
use crate::map::{EntryKind, FeatureStatus, Map, Message, Objection, Proof, Situation};
use crate::syntax::{self, Kind, Table};

/// The map entries a render read, in first-read order.
#[derive(Debug, Default)]
struct Reads {
    messages: Vec<String>,
    proof: Vec<String>,
}

/// Shared by the context's objects and the lookup functions.
#[derive(Debug)]
pub struct Lookup {
    map: Arc<Map>,
    today: Date,
    reads: Mutex<Reads>,
    /// One object per message or proof id, so every path to an entry
    /// (`messages`, `proof`, `message(id)`) shares its "read" mark.
    cache: Mutex<HashMap<(EntryKind, String), Value>>,
}

impl Lookup {
    pub fn new(map: Arc<Map>, today: Date) -> Arc<Lookup> {
        Arc::new(Lookup {
            map,
            today,
            reads: Mutex::default(),
            cache: Mutex::default(),
        })
    }

    pub fn map(&self) -> &Map {
        &self.map
    }

    fn note(&self, kind: EntryKind, id: &str) {
        let mut reads = self.reads.lock().unwrap_or_else(PoisonError::into_inner);
        match kind {
            EntryKind::Message => reads.messages.push(id.to_owned()),
            EntryKind::Proof => reads.proof.push(id.to_owned()),
            _ => {}
        }
    }

    /// Message and proof ids the templates read, in first-read order.
    pub fn reads(&self) -> (Vec<String>, Vec<String>) {
        let reads = self.reads.lock().unwrap_or_else(PoisonError::into_inner);
        (reads.messages.clone(), reads.proof.clone())
    }

    /// Drops the cached objects, which point back at the lookup; call it
    /// when a render is done so the two can be freed.
    pub fn release(&self) {
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// Proof that may reach a customer: public and not expired.
    pub fn shows_proof(&self, proof: &Proof) -> bool {
        proof.public && !proof.is_expired(self.today)
    }

    /// A message's proof that may be shown, in the message's order.
    pub fn shown_proof<'m>(&'m self, message: &'m Message) -> impl Iterator<Item = &'m Proof> {
        message
            .proof
            .iter()
            .filter_map(|id| self.map.proof.get(&id.value))
            .filter(|proof| self.shows_proof(proof))
    }

    /// A message's features without roadmap ones, in the message's order.
    pub fn shown_features<'m>(
        &'m self,
        message: &'m Message,
    ) -> impl Iterator<Item = &'m crate::map::Feature> {
        message
            .features
            .iter()
            .filter_map(|id| self.map.features.get(&id.value))
            .filter(|feature| feature.status != FeatureStatus::Roadmap)
    }

    fn cached(self: &Arc<Self>, kind: EntryKind, id: &str, make: impl FnOnce() -> Value) -> Value {
        let key = (kind, id.to_owned());
        if let Some(value) = self
            .cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return value.clone();
        }
        let value = make();
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_insert(value)
            .clone()
    }

    /// The template value of an approved message: its fields, with `proof`
    /// and `features` holding the entries that may be shown.
    pub fn message_value(self: &Arc<Self>, message: &Message) -> Value {
        self.cached(EntryKind::Message, &message.id.value, || {
            let mut fields = entry_defaults(EntryKind::Message);
            overlay(&mut fields, &message.fields);
            let proof: Vec<Value> = self
                .shown_proof(message)
                .map(|proof| self.proof_value(proof))
                .collect();
            let features: Vec<Value> = self
                .shown_features(message)
                .map(|feature| {
                    let mut fields = entry_defaults(EntryKind::Feature);
                    overlay(&mut fields, &feature.fields);
                    map_value(fields)
                })
                .collect();
            fields.insert("proof".into(), Value::from(proof));
            fields.insert("features".into(), Value::from(features));
            Value::from_object(Entry::new(
                EntryKind::Message,
                &message.id.value,
                fields,
                self,
            ))
        })
    }

    pub fn proof_value(self: &Arc<Self>, proof: &Proof) -> Value {
        self.cached(EntryKind::Proof, &proof.id.value, || {
            let mut fields = entry_defaults(EntryKind::Proof);
            overlay(&mut fields, &proof.fields);
            Value::from_object(Entry::new(EntryKind::Proof, &proof.id.value, fields, self))
        })
    }

    /// The template value of an objection: its fields, with `answers`
    /// holding its approved answering messages.
    pub fn objection_value(self: &Arc<Self>, objection: &Objection) -> Value {
        let mut fields = entry_defaults(EntryKind::Objection);
        overlay(&mut fields, &objection.fields);
        let answers: Vec<Value> = objection
            .approved_answers(&self.map)
            .map(|message| self.message_value(message))
            .collect();
        fields.insert("answers".into(), Value::from(answers));
        map_value(fields)
    }

    /// `segment(id)`, `requirement(id)`, …: an entry by id, or an error a
    /// template author can act on.
    pub fn function(self: &Arc<Self>, kind: EntryKind, id: &str) -> Result<Value, Error> {
        let map = &self.map;
        let unknown = || {
            Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "unknown {} `{id}`: {}",
                    kind.noun(),
                    map.unknown_id_help(kind, id)
                ),
            )
        };
        let refuse = |why: String| Err(Error::new(ErrorKind::InvalidOperation, why));
        match kind {
            EntryKind::Message => {
                let message = map.messages.get(id).ok_or_else(unknown)?;
                if !message.is_approved() {
                    return refuse(format!(
                        "message `{id}` is not approved: only approved messages go into drafts"
                    ));
                }
                Ok(self.message_value(message))
            }
            EntryKind::Proof => {
                let proof = map.proof.get(id).ok_or_else(unknown)?;
                if !proof.public {
                    return refuse(format!(
                        "proof `{id}` is not public: drafts go to customers, so they cite only proof approved for external use"
                    ));
                }
                if let Some(expires) = proof.expires.filter(|_| proof.is_expired(self.today)) {
                    return refuse(format!("proof `{id}` expired on {expires}"));
                }
                Ok(self.proof_value(proof))
            }
            EntryKind::Feature => {
                let feature = map.features.get(id).ok_or_else(unknown)?;
                if feature.status == FeatureStatus::Roadmap {
                    return refuse(format!(
                        "feature `{id}` is on the roadmap: drafts sell only what ships"
                    ));
                }
                Ok(plain_entry(kind, &feature.fields))
            }
            EntryKind::Objection => {
                let objection = map.objections.get(id).ok_or_else(unknown)?;
                if !objection.is_approved() {
                    return refuse(format!(
                        "objection `{id}` is not approved: only approved objections go into drafts"
                    ));
                }
                Ok(self.objection_value(objection))
            }
            EntryKind::Segment => Ok(plain_entry(
                kind,
                &map.segments.get(id).ok_or_else(unknown)?.fields,
            )),
            EntryKind::Requirement => Ok(plain_entry(
                kind,
                &map.requirements.get(id).ok_or_else(unknown)?.fields,
            )),
            EntryKind::Competitor => Ok(plain_entry(
                kind,
                &map.competitors.get(id).ok_or_else(unknown)?.fields,
            )),
        }
    }

    /// Registers `message(id)`, `proof(id)`, `feature(id)`,
    /// `requirement(id)`, `competitor(id)`, `segment(id)` and
    /// `objection(id)`.
    pub fn register(self: &Arc<Self>, env: &mut Environment<'_>) {
        for kind in FUNCTIONS {
            let lookup = self.clone();
            env.add_function(kind.noun(), move |id: &str| lookup.function(kind, id));
        }
    }
}

/// The names templates may call as functions, for lint (AL402).
pub const FUNCTIONS: [EntryKind; 7] = [
    EntryKind::Message,
    EntryKind::Proof,
    EntryKind::Feature,
    EntryKind::Requirement,
    EntryKind::Competitor,
    EntryKind::Segment,
    EntryKind::Objection,
];

/// A map entry as a template object that notes its first read.
#[derive(Debug)]
struct Entry {
    kind: EntryKind,
    id: String,
    fields: BTreeMap<String, Value>,
    lookup: Arc<Lookup>,
    read: AtomicBool,
}

impl Entry {
    fn new(
        kind: EntryKind,
        id: &str,
        fields: BTreeMap<String, Value>,
        lookup: &Arc<Lookup>,
    ) -> Entry {
        Entry {
            kind,
            id: id.to_owned(),
            fields,
            lookup: lookup.clone(),
            read: AtomicBool::new(false),
        }
    }

    fn mark(&self) {
        if !self.read.swap(true, Ordering::Relaxed) {
            self.lookup.note(self.kind, &self.id);
        }
    }
}

impl Object for Entry {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let value = self.fields.get(key)?.clone();
        self.mark();
        Some(value)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        self.mark();
        let keys: Vec<Value> = self
            .fields
            .keys()
            .map(|key| Value::from(key.as_str()))
            .collect();
        Enumerator::Iter(Box::new(keys.into_iter()))
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.fields.len())
    }
}

/// The top-level `proof`: the list of cited proof, which is also the
/// function `proof(id)` (a context name would otherwise hide the function
/// of the same name).
#[derive(Debug)]
struct ProofList {
    items: Vec<Value>,
    lookup: Arc<Lookup>,
}

impl Object for ProofList {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.items.get(key.as_usize()?).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.items.len())
    }

    fn call(self: &Arc<Self>, _state: &mut State<'_, '_>, args: &[Value]) -> Result<Value, Error> {
        let (id,): (&str,) = from_args(args)?;
        self.lookup.function(EntryKind::Proof, id)
    }
}

/// The context of one render.
pub struct Situated<'a> {
    pub workspace_name: &'a str,
    pub today: Date,
    pub situation: &'a Situation,
    pub account: Option<&'a Account>,
    /// The fitting approved messages, in context order.
    pub messages: &'a [&'a Message],
}

/// Builds the top-level names of the SPEC's template context table.
pub fn build(lookup: &Arc<Lookup>, situated: &Situated<'_>) -> Value {
    let map = lookup.map();
    let entries = |kind: EntryKind, ids: &[String]| -> Value {
        let values: Vec<Value> = ids
            .iter()
            .filter_map(|id| {
                let fields = match kind {
                    EntryKind::Segment => &map.segments.get(id)?.fields,
                    EntryKind::Requirement => &map.requirements.get(id)?.fields,
                    _ => &map.competitors.get(id)?.fields,
                };
                Some(plain_entry(kind, fields))
            })
            .collect();
        Value::from(values)
    };
    let messages: Vec<Value> = situated
        .messages
        .iter()
        .map(|message| lookup.message_value(message))
        .collect();
    let mut seen_proof = HashSet::new();
    let mut seen_features = HashSet::new();
    let (mut proof, mut features) = (Vec::new(), Vec::new());
    for message in situated.messages {
        for item in lookup.shown_proof(message) {
            if seen_proof.insert(item.id.value.as_str()) {
                proof.push(lookup.proof_value(item));
            }
        }
        for feature in lookup.shown_features(message) {
            if seen_features.insert(feature.id.value.as_str()) {
                features.push(plain_entry(EntryKind::Feature, &feature.fields));
            }
        }
    }
    let terms: Vec<Value> = map
        .terms
        .iter()
        .map(|term| {
            let mut fields = BTreeMap::new();
            fields.insert("use".to_owned(), Value::from(""));
            fields.insert("avoid".to_owned(), Value::from(Vec::<Value>::new()));
            overlay(&mut fields, &term.fields);
            map_value(fields)
        })
        .collect();
    let objections: Vec<Value> = map
        .objections
        .iter()
        .filter(|objection| objection.is_approved() && situated.situation.hears(objection))
        .map(|objection| lookup.objection_value(objection))
        .collect();
    let account = situated.account.map_or(Value::from(()), account_value);
    Value::from_pairs([
        (
            "workspace",
            Value::from_pairs([("name", Value::from(situated.workspace_name))]),
        ),
        ("today", Value::from(situated.today.to_string())),
        ("account", account),
        (
            "segments",
            entries(EntryKind::Segment, &situated.situation.segments),
        ),
        (
            "requirements",
            entries(EntryKind::Requirement, &situated.situation.requirements),
        ),
        (
            "competitors",
            entries(EntryKind::Competitor, &situated.situation.competitors),
        ),
        ("messages", Value::from(messages)),
        (
            "proof",
            Value::from_object(ProofList {
                items: proof,
                lookup: lookup.clone(),
            }),
        ),
        ("features", Value::from(features)),
        ("terms", Value::from(terms)),
        ("objections", Value::from(objections)),
    ])
}

fn account_value(account: &Account) -> Value {
    let ids = |list: &[syntax::Spanned<String>]| -> Value {
        Value::from(
            list.iter()
                .map(|id| Value::from(id.value.as_str()))
                .collect::<Vec<_>>(),
        )
    };
    let contacts: Vec<Value> = account
        .contacts
        .iter()
        .map(|contact| {
            Value::from_pairs([
                ("name", Value::from(contact.name.as_str())),
                ("role", Value::from(contact.role.as_str())),
                ("cares_about", ids(&contact.cares_about)),
            ])
        })
        .collect();
    Value::from_pairs([
        ("id", Value::from(account.id.value.as_str())),
        ("name", Value::from(account.name.as_str())),
        ("segments", ids(&account.segments)),
        ("requirements", ids(&account.requirements)),
        ("competitors", ids(&account.competitors)),
        ("contacts", Value::from(contacts)),
    ])
}

/// An entry that is not tracked: its schema defaults, then its fields.
fn plain_entry(kind: EntryKind, table: &Table) -> Value {
    let mut fields = entry_defaults(kind);
    overlay(&mut fields, table);
    map_value(fields)
}

fn map_value(fields: BTreeMap<String, Value>) -> Value {
    Value::from(fields)
}

/// Optional keys of the map's schema, so a template can read
/// `requirement.segments` or `proof.expires` of an entry that left them
/// out, while a misspelt name is still an error.
fn entry_defaults(kind: EntryKind) -> BTreeMap<String, Value> {
    let empty = || Value::from(Vec::<Value>::new());
    let text = || Value::from("");
    let defaults: Vec<(&str, Value)> = match kind {
        EntryKind::Segment => vec![("name", text())],
        EntryKind::Requirement => vec![("statement", text()), ("segments", empty())],
        EntryKind::Competitor => vec![
            ("name", text()),
            ("aliases", empty()),
            ("landmines", empty()),
        ],
        EntryKind::Feature => vec![("name", text()), ("status", Value::from("ga"))],
        EntryKind::Proof => vec![
            ("customer", text()),
            ("claim", text()),
            ("public", Value::from(false)),
            ("expires", Value::from(())),
        ],
        EntryKind::Message => vec![
            ("headline", text()),
            ("body", text()),
            ("requirements", empty()),
            ("segments", empty()),
            ("against", empty()),
            ("status", Value::from("draft")),
        ],
        EntryKind::Objection => vec![
            ("text", text()),
            ("competitors", empty()),
            ("requirements", empty()),
            ("answers", empty()),
            ("status", Value::from("draft")),
        ],
    };
    defaults
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value))
        .collect()
}

fn overlay(fields: &mut BTreeMap<String, Value>, table: &Table) {
    for entry in &table.entries {
        fields.insert(entry.key.clone(), convert(&entry.value));
    }
}

/// A TOML value as a template value; dates become `YYYY-MM-DD` strings.
fn convert(value: &syntax::Value) -> Value {
    match &value.kind {
        Kind::Null => Value::from(()),
        Kind::String(text) | Kind::Datetime(text) => Value::from(text.as_str()),
        Kind::Integer(number) => Value::from(*number),
        Kind::Float(number) => Value::from(*number),
        Kind::Bool(flag) => Value::from(*flag),
        Kind::Array(items) => Value::from(items.iter().map(convert).collect::<Vec<_>>()),
        Kind::Table(table) => {
            let mut fields = BTreeMap::new();
            overlay(&mut fields, table);
            map_value(fields)
        }
    }
}

/// Every field a template can read on an entry of `kind`: the defaults,
/// the keys any entry of that kind has in the map, and a message's `proof`
/// and `features`; for lint's check of `{{ message.bodyy }}`.
pub fn field_names(map: &Map, kind: EntryKind) -> Vec<String> {
    let mut names: BTreeSet<String> = entry_defaults(kind).into_keys().collect();
    names.insert("id".into());
    let tables: Vec<&Table> = match kind {
        EntryKind::Segment => map.segments.iter().map(|e| &e.fields).collect(),
        EntryKind::Requirement => map.requirements.iter().map(|e| &e.fields).collect(),
        EntryKind::Competitor => map.competitors.iter().map(|e| &e.fields).collect(),
        EntryKind::Feature => map.features.iter().map(|e| &e.fields).collect(),
        EntryKind::Proof => map.proof.iter().map(|e| &e.fields).collect(),
        EntryKind::Message => {
            names.extend(["proof".to_owned(), "features".to_owned()]);
            map.messages.iter().map(|e| &e.fields).collect()
        }
        EntryKind::Objection => map.objections.iter().map(|e| &e.fields).collect(),
    };
    for table in tables {
        names.extend(table.entries.iter().map(|entry| entry.key.clone()));
    }
    names.into_iter().collect()
}
