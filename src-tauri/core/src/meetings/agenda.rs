//! The agenda proposed from the board for a meeting.

use super::stored;
use crate::actions;
use crate::audit::AuditEvent;
use crate::cases::register;
use crate::dates::{Day, Stamp};
use crate::error::Result;
use crate::op::Reader;
use crate::store::Store;
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

/// A case proposed for the agenda, with why.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ProposedItem {
    pub reference: String,
    pub pseudonym: String,
    pub municipality: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ProposedAgenda {
    pub cases: Vec<ProposedItem>,
    /// Standing items ("Orientering fra SSP", "Eventuelt").
    pub free: Vec<String>,
}

fn proposed(db: &Reader<'_>, id: i64) -> Result<ProposedAgenda> {
    let stored::Plan { district_code, held_at, next, .. } = stored::plan(db, id)?;
    let previous = stored::held_before(db, &district_code, held_at, id)?;
    let next = next.map_or(held_at.instant() + TimeDelta::days(14), Stamp::instant);
    let mut reasons: Vec<(i64, Vec<String>)> = Vec::new();
    let mut add = |case_id: i64, why: String| match reasons.iter_mut().find(|(c, _)| *c == case_id) {
        Some((_, w)) => w.push(why),
        None => reasons.push((case_id, vec![why])),
    };
    for (cid, _) in register::agenda_candidates(db, &district_code, register::AgendaRule::Flagged)? {
        add(cid, "Markeret til møde".into());
    }
    let since = previous.unwrap_or(Stamp::new(DateTime::<Utc>::UNIX_EPOCH));
    for (cid, _) in register::agenda_candidates(db, &district_code, register::AgendaRule::CreatedSince(since))? {
        add(cid, if previous.is_some() { "Ny sag siden sidste møde".into() } else { "Ny sag".into() });
    }
    for (cid, due) in actions::cases_due_before(db, &district_code, Day::of(next))? {
        add(cid, format!("Opgave med frist {} (før næste møde)", due.format_da()));
    }
    for (cid, _) in register::agenda_candidates(db, &district_code, register::AgendaRule::Acute)? {
        add(cid, "Akut".into());
    }
    let mut cases = Vec::new();
    for (cid, why) in reasons {
        let s = register::summary(db, cid)?;
        cases.push(ProposedItem {
            reference: s.reference,
            pseudonym: s.pseudonym,
            municipality: s.municipality,
            reasons: why,
        });
    }
    Ok(ProposedAgenda {
        cases,
        free: vec!["Orientering fra politiet".into(), "Orientering fra SSP".into(), "Eventuelt".into()],
    })
}

/// The agenda proposed from the board: cases flagged "til møde", new since the last meeting, with
/// action items due before the next meeting, and acute cases — each with why — plus standing items.
pub fn proposed_agenda(store: &Store, id: i64) -> Result<ProposedAgenda> {
    store.read(|r| {
        let agenda = proposed(r, id)?;
        let refs = agenda.cases.iter().map(|c| c.reference.clone()).collect();
        r.audit(AuditEvent::AgendaProposed { id, refs });
        Ok(agenda)
    })
}
