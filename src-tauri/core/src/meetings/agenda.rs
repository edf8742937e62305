//! The agenda proposed from the board for a meeting.

use super::stored;
use crate::actions;
use crate::audit::AuditEvent;
use crate::cases::register;
use crate::dates::{Day, Stamp};
use crate::error::Result;
use crate::op::Reader;
use crate::store::Store;
use chrono::TimeDelta;
use serde::Serialize;

/// A case proposed for the agenda, with why.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ProposedItem {
    pub reference: String,
    /// Initials only (`screen::initials`).
    pub pseudonym: String,
    pub municipality: String,
    pub reasons: Vec<String>,
    /// Ticked at first: acute and flagged cases (new and due ones are offered, not chosen).
    pub preselected: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ProposedAgenda {
    pub cases: Vec<ProposedItem>,
    /// Standing items ("Orientering fra SSP", "Eventuelt").
    pub free: Vec<String>,
}

/// Why a case is proposed, in the order the proposal lists them: acute first, then flagged, then
/// new, then with action items due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Why {
    Acute,
    Flagged,
    New,
    Due,
}

fn proposed(db: &Reader<'_>, id: i64) -> Result<ProposedAgenda> {
    let stored::Plan { district_code, held_at, next, addendum_of, .. } = stored::plan(db, id)?;
    if let Some(original) = addendum_of {
        return original_agenda(db, original);
    }
    let previous = stored::held_before(db, &district_code, held_at, id)?;
    let next = next.map_or(held_at.instant() + TimeDelta::days(14), Stamp::instant);
    let today = Day::of(db.now());
    let mut found: Vec<(i64, Why, String)> = Vec::new();
    for (cid, _) in register::agenda_candidates(db, &district_code, register::AgendaRule::Acute)? {
        found.push((cid, Why::Acute, "Akut".into()));
    }
    for (cid, _) in register::agenda_candidates(db, &district_code, register::AgendaRule::Flagged)? {
        found.push((cid, Why::Flagged, "Markeret til møde".into()));
    }
    // New since the last meeting; at the first meeting, received within the setting's days.
    let (rule, why) = match previous {
        Some(since) => (register::AgendaRule::CreatedSince(since), "Ny sag siden sidste møde".to_string()),
        None => {
            let days = super::settings::settings_in(db)?.new_case_days;
            let since = Stamp::new(held_at.instant() - TimeDelta::days(i64::from(days)));
            (register::AgendaRule::ReceivedSince(since), format!("Ny sag (modtaget inden for {days} dage)"))
        }
    };
    for (cid, _) in register::agenda_candidates(db, &district_code, rule)? {
        found.push((cid, Why::New, why.clone()));
    }
    for (cid, due) in actions::cases_due_before(db, &district_code, Day::of(next))? {
        let when = if due < today { "overskredet" } else { "før næste møde" };
        found.push((cid, Why::Due, format!("Opgave med frist {} ({when})", due.format_da())));
    }
    // One entry per case: its first reason decides its group; within a group oldest first.
    let mut cases: Vec<(Why, Stamp, i64, ProposedItem)> = Vec::new();
    for (cid, why, text) in found {
        if let Some((first, _, _, item)) = cases.iter_mut().find(|(_, _, c, _)| *c == cid) {
            *first = (*first).min(why);
            item.reasons.push(text);
            item.preselected |= matches!(why, Why::Acute | Why::Flagged);
            continue;
        }
        let s = register::summary(db, cid)?;
        let received = s.received_at;
        cases.push((
            why,
            received,
            cid,
            ProposedItem {
                reference: s.reference,
                pseudonym: crate::screen::initials(&s.pseudonym),
                municipality: s.municipality,
                reasons: vec![text],
                preselected: matches!(why, Why::Acute | Why::Flagged),
            },
        ));
    }
    cases.sort_by_key(|a| (a.0, a.1, a.2));
    Ok(ProposedAgenda {
        cases: cases.into_iter().map(|(.., item)| item).collect(),
        free: vec!["Orientering fra politiet".into(), "Orientering fra SSP".into(), "Eventuelt".into()],
    })
}

/// An addendum's proposal: the agenda of the meeting it corrects, nothing else and nothing ticked
/// (the coordinator picks the items the correction concerns).
fn original_agenda(db: &Reader<'_>, original: i64) -> Result<ProposedAgenda> {
    let mut cases = Vec::new();
    let mut free = Vec::new();
    for item in stored::stored_items(db, original)? {
        match (item.kind.as_str(), item.case_id) {
            ("case", Some(cid)) => {
                let s = register::summary(db, cid)?;
                cases.push(ProposedItem {
                    reference: s.reference,
                    pseudonym: crate::screen::initials(&s.pseudonym),
                    municipality: s.municipality,
                    reasons: vec!["På det oprindelige mødes dagsorden".into()],
                    preselected: false,
                });
            }
            _ => free.extend(item.title),
        }
    }
    Ok(ProposedAgenda { cases, free })
}

/// The agenda proposed from the board: acute cases, cases flagged "til møde", new cases (since the
/// last meeting; at the first meeting, received within `MeetingSettings::new_case_days`) and cases
/// with action items due before the next meeting (or overdue) — in that order, oldest first within
/// each, each with why; acute and flagged ones preselected — plus standing items. An addendum is
/// proposed its original meeting's agenda only.
pub fn proposed_agenda(store: &Store, id: i64) -> Result<ProposedAgenda> {
    store.read(|r| {
        let agenda = proposed(r, id)?;
        let refs = agenda.cases.iter().map(|c| c.reference.clone()).collect();
        r.audit(AuditEvent::AgendaProposed { id, refs });
        Ok(agenda)
    })
}
