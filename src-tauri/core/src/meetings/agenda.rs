//! The agenda proposed from the board for a meeting.

use crate::actions;
use crate::audit::AuditEvent;
use crate::cases::register;
use crate::dates::{Day, Stamp};
use crate::error::{Error, Result};
use crate::store::{Read, Store};
use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{OptionalExtension, params};
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

fn proposed(r: &Read<'_>, id: i64) -> Result<ProposedAgenda> {
    let conn = r.conn();
    let (district_code, held_at, next): (String, Stamp, Option<Stamp>) = conn
        .query_row("SELECT district_code, held_at, next_meeting_at FROM meetings WHERE id = ?1", [id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?
        .ok_or(Error::NotFound("Mødet"))?;
    let previous: Option<Stamp> = conn
        .query_row(
            "SELECT max(held_at) FROM meetings WHERE district_code = ?1 AND held_at < ?2 AND id <> ?3",
            params![district_code, held_at, id],
            |row| row.get(0),
        )
        .optional()?
        .flatten();
    let next = next.map_or(held_at.instant() + TimeDelta::days(14), Stamp::instant);
    let mut reasons: Vec<(i64, Vec<String>)> = Vec::new();
    let mut add = |case_id: i64, why: String| match reasons.iter_mut().find(|(c, _)| *c == case_id) {
        Some((_, w)) => w.push(why),
        None => reasons.push((case_id, vec![why])),
    };
    for (cid, _) in register::agenda_candidates(conn, &district_code, register::AgendaRule::Flagged)? {
        add(cid, "Markeret til møde".into());
    }
    let since = previous.unwrap_or(Stamp::new(DateTime::<Utc>::UNIX_EPOCH));
    for (cid, _) in register::agenda_candidates(conn, &district_code, register::AgendaRule::CreatedSince(since))? {
        add(cid, if previous.is_some() { "Ny sag siden sidste møde".into() } else { "Ny sag".into() });
    }
    for (cid, due) in actions::cases_due_before(conn, &district_code, Day::of(next))? {
        add(cid, format!("Opgave med frist {} (før næste møde)", due.format_da()));
    }
    for (cid, _) in register::agenda_candidates(conn, &district_code, register::AgendaRule::Acute)? {
        add(cid, "Akut".into());
    }
    let mut cases = Vec::new();
    for (cid, why) in reasons {
        let s = register::summary(conn, cid)?;
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
        r.audit(AuditEvent::MeetingRead { id });
        Ok(agenda)
    })
}
