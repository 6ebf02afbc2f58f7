//! Which approved messages fit a selling situation, in the order a draft
//! shows them, and which of the situation's requirements none addresses.
//! Fit itself is `Situation::fits`, the one definition `map coverage`
//! uses too.

use super::RenderError;
use crate::map::situation::intersects;
use crate::map::{Map, Message, Situation};

/// The approved messages that fit a situation, and the requirements none
/// of them addresses.
#[derive(Debug)]
pub struct Fitting<'m> {
    pub messages: Vec<&'m Message>,
    pub gaps: Vec<Gap>,
}

/// A requirement of the situation that no fitting approved message
/// addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub requirement: String,
    /// In words, for the user.
    pub reason: String,
}

/// The approved messages that fit (`Situation::fits`, the one definition
/// `map coverage` uses too), by requirement order (the situation's, else
/// the map's), those `against` a given competitor first, then map order;
/// and the gaps. Nothing fitting at all is an error: there is no draft to
/// write.
pub fn fitting_messages<'m>(
    map: &'m Map,
    situation: &Situation,
) -> Result<Fitting<'m>, RenderError> {
    let order: Vec<&str> = if situation.requirements.is_empty() {
        map.requirements.ids().collect()
    } else {
        situation.requirements.iter().map(String::as_str).collect()
    };
    let mut ranked: Vec<(usize, bool, usize, &Message)> = map
        .messages
        .iter()
        .enumerate()
        .filter(|(_, message)| message.is_approved() && situation.fits(message))
        .map(|(index, message)| {
            let rank = order
                .iter()
                .position(|id| message.requirements.iter().any(|r| r.value == *id))
                .unwrap_or(order.len());
            let countered = !situation.competitors.is_empty()
                && intersects(&message.against, &situation.competitors);
            (rank, !countered, index, message)
        })
        .collect();
    ranked.sort_by_key(|(rank, general, index, _)| (*rank, *general, *index));
    let messages: Vec<&Message> = ranked.into_iter().map(|(.., message)| message).collect();

    let mut gaps = Vec::new();
    for requirement in &situation.requirements {
        let addressed =
            |message: &&Message| message.requirements.iter().any(|r| r.value == *requirement);
        if messages.iter().any(addressed) {
            continue;
        }
        let anywhere = map
            .messages
            .iter()
            .filter(|message| message.is_approved())
            .any(|message| addressed(&message));
        let reason = if anywhere {
            format!(
                "no approved message addresses requirement `{requirement}` in this situation{}",
                describe(situation)
            )
        } else {
            format!("no approved message addresses requirement `{requirement}`")
        };
        gaps.push(Gap {
            requirement: requirement.clone(),
            reason,
        });
    }
    if messages.is_empty() {
        return Err(if gaps.is_empty() {
            RenderError::NothingFits {
                situation: describe(situation),
            }
        } else {
            RenderError::Gap {
                gaps: gaps.into_iter().map(|gap| gap.reason).collect(),
            }
        });
    }
    Ok(Fitting { messages, gaps })
}

/// ` (segments: a; competitors: b)`, for messages about a situation.
fn describe(situation: &Situation) -> String {
    let parts: Vec<String> = [
        ("segments", &situation.segments),
        ("competitors", &situation.competitors),
    ]
    .into_iter()
    .filter(|(_, ids)| !ids.is_empty())
    .map(|(name, ids)| format!("{name}: {}", ids.join(", ")))
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}
