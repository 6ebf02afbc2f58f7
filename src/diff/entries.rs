//! Map entries at two revisions, matched by kind and id, and the SPEC's
//! severity of each change given who cites the entry at HEAD.

use std::collections::BTreeMap;

use super::values::{compare as compare_fields, flatten};
use super::{Change, ChangeKind, Context, DependentView, Impact};
use crate::dependents::{Citer, Dependent};
use crate::map::{EntryKind, FeatureStatus, Map, MessageStatus};

type Leaves = BTreeMap<String, String>;

/// Every entry of a map: (kind noun, id) → its fields.
fn entries(map: &Map) -> BTreeMap<(&'static str, String), Leaves> {
    let mut all = BTreeMap::new();
    let mut add = |kind: &'static str, id: &str, leaves: Leaves| {
        all.insert((kind, id.to_owned()), leaves);
    };
    for entry in map.segments.iter() {
        add("segment", &entry.id.value, flatten(&entry.fields));
    }
    for entry in map.requirements.iter() {
        add("requirement", &entry.id.value, flatten(&entry.fields));
    }
    for entry in map.competitors.iter() {
        add("competitor", &entry.id.value, flatten(&entry.fields));
    }
    for entry in map.features.iter() {
        add("feature", &entry.id.value, flatten(&entry.fields));
    }
    for entry in map.proof.iter() {
        add("proof", &entry.id.value, flatten(&entry.fields));
    }
    for entry in map.messages.iter() {
        add("message", &entry.id.value, flatten(&entry.fields));
    }
    for term in &map.terms {
        add("term", &term.preferred.value, flatten(&term.fields));
    }
    for phrase in &map.phrases {
        let leaves = Leaves::from([("reason".to_owned(), format!("{:?}", phrase.reason))]);
        add("phrase", &phrase.text.value, leaves);
    }
    all
}

pub(crate) fn entry_kind(noun: &str) -> Option<EntryKind> {
    Some(match noun {
        "segment" => EntryKind::Segment,
        "requirement" => EntryKind::Requirement,
        "competitor" => EntryKind::Competitor,
        "feature" => EntryKind::Feature,
        "proof" => EntryKind::Proof,
        "message" => EntryKind::Message,
        _ => return None,
    })
}

/// The (kind noun, id) of every entry added, removed or modified.
pub(crate) fn changed(base: &Map, head: &Map) -> Vec<(&'static str, String)> {
    let before = entries(base);
    let after = entries(head);
    let mut changed: Vec<(&'static str, String)> = before
        .iter()
        .filter(|(key, leaves)| after.get(*key) != Some(*leaves))
        .map(|(key, _)| key.clone())
        .collect();
    changed.extend(after.into_keys().filter(|key| !before.contains_key(key)));
    changed
}

pub(super) fn compare(base: &Map, head: &Map, context: &Context) -> Vec<Change> {
    let before = entries(base);
    let after = entries(head);
    let empty = Leaves::new();
    let mut changes = Vec::new();
    for key in before
        .keys()
        .chain(after.keys().filter(|key| !before.contains_key(*key)))
    {
        let (old, new) = (before.get(key), after.get(key));
        let change = match (old, new) {
            (Some(_), None) => ChangeKind::Removed,
            (None, Some(_)) => ChangeKind::Added,
            _ => ChangeKind::Modified,
        };
        let fields = compare_fields(old.unwrap_or(&empty), new.unwrap_or(&empty));
        if fields.is_empty() && change == ChangeKind::Modified {
            continue;
        }
        let (noun, id) = (key.0, key.1.as_str());
        let citing: &[Dependent] =
            entry_kind(noun).map_or(&[], |kind| context.dependents.of(kind, id));
        let judged = judge(noun, id, change, base, head, citing, context);
        let (severity, reason) = judged.unwrap_or((Impact::Info, None));
        changes.push(Change {
            area: noun.to_owned(),
            id: id.to_owned(),
            change,
            severity,
            reason,
            fields,
            dependents: citing.iter().map(DependentView::from).collect(),
        });
    }
    changes
}

type Judgement = Option<(Impact, Option<String>)>;

fn breaking(reason: String) -> Judgement {
    Some((Impact::Breaking, Some(reason)))
}

/// The severity of one entry change, or `None` for info.
fn judge(
    noun: &str,
    id: &str,
    change: ChangeKind,
    base: &Map,
    head: &Map,
    citing: &[Dependent],
    context: &Context,
) -> Judgement {
    let places = |list: &[&Dependent]| match list.len() {
        1 => "1 place".to_owned(),
        n => format!("{n} places"),
    };
    let all: Vec<&Dependent> = citing.iter().collect();
    match (noun, change) {
        ("segment" | "requirement" | "competitor" | "proof", ChangeKind::Removed)
            if !all.is_empty() =>
        {
            breaking(format!("removed while {} cite it", places(&all)))
        }
        ("message", _) => judge_message(id, change, base, head, citing),
        ("proof", ChangeKind::Modified) => judge_proof(id, base, head, citing, context),
        ("feature", ChangeKind::Modified) => {
            let now_roadmap = head
                .features
                .get(id)
                .is_some_and(|feature| feature.status == FeatureStatus::Roadmap);
            let was_roadmap = base
                .features
                .get(id)
                .is_some_and(|feature| feature.status == FeatureStatus::Roadmap);
            let approved: Vec<&Dependent> = citing
                .iter()
                .filter(|d| d.citer == Citer::Message { approved: true })
                .collect();
            (now_roadmap && !was_roadmap && !approved.is_empty()).then(|| {
                (
                    Impact::Breaking,
                    Some(format!(
                        "moved to roadmap under {} approved message{}",
                        approved.len(),
                        if approved.len() == 1 { "" } else { "s" }
                    )),
                )
            })
        }
        _ => None,
    }
}

/// Outside the map: collateral, templates and accounts.
fn outside_map(citing: &[Dependent]) -> Vec<&Dependent> {
    citing
        .iter()
        .filter(|d| !matches!(d.citer, Citer::Message { .. } | Citer::Requirement))
        .collect()
}

fn judge_message(
    id: &str,
    change: ChangeKind,
    base: &Map,
    head: &Map,
    citing: &[Dependent],
) -> Judgement {
    let users = outside_map(citing);
    let was_approved = base.messages.get(id).is_some_and(|m| m.is_approved());
    let now = head.messages.get(id).map(|m| m.status);
    if !users.is_empty() {
        let cited = format!(
            "while {} cite{} it",
            if users.len() == 1 {
                "1 place".to_owned()
            } else {
                format!("{} places", users.len())
            },
            if users.len() == 1 { "s" } else { "" }
        );
        match now {
            None => return breaking(format!("removed {cited}")),
            Some(MessageStatus::Retired) if change == ChangeKind::Modified => {
                return breaking(format!("retired {cited}"));
            }
            Some(MessageStatus::Draft) if was_approved => {
                return breaking(format!("sent back to draft {cited}"));
            }
            _ => {}
        }
    }
    let wording = |m: Option<&crate::map::Message>| m.map(|m| (m.headline.clone(), m.body.clone()));
    let reworded = change == ChangeKind::Modified
        && wording(base.messages.get(id)) != wording(head.messages.get(id));
    reworded.then(|| {
        let reason = if users.is_empty() {
            "approved wording changed".to_owned()
        } else {
            format!(
                "wording changed: re-read the {} that carry it",
                if users.len() == 1 {
                    "1 file".to_owned()
                } else {
                    format!("{} files", users.len())
                }
            )
        };
        (Impact::Review, Some(reason))
    })
}

fn judge_proof(
    id: &str,
    base: &Map,
    head: &Map,
    citing: &[Dependent],
    context: &Context,
) -> Judgement {
    let (Some(old), Some(new)) = (base.proof.get(id), head.proof.get(id)) else {
        return None;
    };
    let external: Vec<&Dependent> = citing
        .iter()
        .filter(|d| d.citer == Citer::Collateral { external: true })
        .collect();
    if old.public && !new.public && !external.is_empty() {
        return breaking(format!(
            "made non-public while {} external collateral cite{} it",
            external.len(),
            if external.len() == 1 { "s" } else { "" }
        ));
    }
    let users = !citing.is_empty();
    if users && new.is_expired(context.today) && !old.is_expired(context.today) {
        let date = new.expires.map(|date| date.to_string()).unwrap_or_default();
        return breaking(format!(
            "now expires {date}, before the as-of date {}, while {} place{} cite it",
            context.today,
            citing.len(),
            if citing.len() == 1 { "" } else { "s" }
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::dependents::Dependents;
    use crate::source::SourceFile;

    fn map(text: &str) -> Map {
        let source = Arc::new(SourceFile::new(
            Arc::from(std::path::Path::new("map/core.toml")),
            "map/core.toml".into(),
            text.to_owned(),
        ));
        crate::map::load(&[source], &mut Vec::new())
    }

    #[test]
    fn a_reordered_entry_is_unchanged_and_a_new_headline_is_review() {
        let base = map(
            "[[message]]\nid = \"m\"\nheadline = \"Old\"\nbody = \"B\"\nrequirements = [\"r\"]\nstatus = \"approved\"\n",
        );
        let head = map(
            "[[message]]\nstatus = \"approved\"\nrequirements = [ \"r\" ]\nid = \"m\"\nbody = \"B\"\nheadline = \"New\"\n",
        );
        let dependents = Dependents::default();
        let context = Context {
            dependents: &dependents,
            today: jiff::civil::date(2026, 11, 23),
        };
        let changes = compare(&base, &head, &context);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].severity, Impact::Review);
        assert_eq!(changes[0].fields[0].field, "headline");
    }
}
