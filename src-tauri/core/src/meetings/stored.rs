//! A meeting as stored (tables `meetings`, `meeting_participants`, `meeting_items`,
//! `meeting_actions`): its summary and number, its participants (named through the directory) and
//! agenda items read back, a validated record written, the stored minutes' PDF.

use super::directory::directory_id;
use super::files::plain_address;
use super::record::{AuthorityNote, ItemRecord, MeetingRecord, ParticipantRecord, Valid, ValidItem};
use crate::actions::NewActionItem;
use crate::cases::{Outcome, Stage, register};
use crate::dates::Stamp;
use crate::error::{Error, Result};
use crate::store::Op;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct MeetingSummary {
    pub id: i64,
    pub district_code: String,
    /// "23/2026", or "Tillæg 1 til 23/2026".
    pub number: String,
    pub held_at: Stamp,
    pub place: Option<String>,
    pub status: String,
    pub minutes_sha256: Option<String>,
}

pub(super) fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeetingSummary> {
    let number: i64 = r.get(2)?;
    let year: i64 = r.get(3)?;
    let addendum: Option<i64> = r.get(4)?;
    Ok(MeetingSummary {
        id: r.get(0)?,
        district_code: r.get(1)?,
        number: match addendum {
            Some(n) => format!("Tillæg {n} til {number}/{year}"),
            None => format!("{number}/{year}"),
        },
        held_at: r.get(5)?,
        place: r.get(6)?,
        status: r.get(7)?,
        minutes_sha256: r.get(8)?,
    })
}

pub(super) const SUMMARY: &str =
    "id, district_code, number, year, addendum_number, held_at, place, status, minutes_sha256 FROM meetings";

pub(super) fn summary(conn: &Connection, id: i64) -> Result<MeetingSummary> {
    conn.query_row(&format!("SELECT {SUMMARY} WHERE id = ?1"), [id], summary_row)
        .optional()?
        .ok_or(Error::NotFound("Mødet"))
}

/// The next meeting number of an infohus in a year.
pub(super) fn next_number(conn: &Connection, district_code: &str, year: i32) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM meetings WHERE district_code = ?1 AND year = ?2 AND addendum_of IS NULL",
        params![district_code, year],
        |r| r.get(0),
    )?)
}

/// One agenda item as stored: the one reader of `meeting_items` and `meeting_actions`, which the
/// record, the minutes and finalizing all build on.
pub(super) struct StoredItem {
    /// None for a free item, and for a case item whose case was purged.
    pub(super) case_id: Option<i64>,
    pub(super) kind: String,
    pub(super) reason: Option<String>,
    pub(super) title: Option<String>,
    pub(super) body: Option<String>,
    pub(super) new_information: Vec<AuthorityNote>,
    pub(super) assessment: Option<String>,
    pub(super) recommendation: Option<String>,
    pub(super) actions: Vec<NewActionItem>,
    pub(super) resulting_stage: Option<Stage>,
    pub(super) outcome: Option<Outcome>,
}

pub(super) fn stored_items(conn: &Connection, meeting_id: i64) -> Result<Vec<StoredItem>> {
    let mut actions =
        conn.prepare_cached("SELECT what, agency, person, due FROM meeting_actions WHERE item_id = ?1 ORDER BY id")?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, case_id, reason, title, body, new_information, assessment, recommendation,
                resulting_stage, outcome
         FROM meeting_items WHERE meeting_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([meeting_id], |r| {
        let info: String = r.get(6)?;
        let stage: Option<String> = r.get(9)?;
        let outcome: Option<String> = r.get(10)?;
        Ok((
            r.get::<_, i64>(0)?,
            StoredItem {
                kind: r.get(1)?,
                case_id: r.get(2)?,
                reason: r.get(3)?,
                title: r.get(4)?,
                body: r.get(5)?,
                new_information: serde_json::from_str(&info)
                    .map_err(|e| rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, e.into()))?,
                assessment: r.get(7)?,
                recommendation: r.get(8)?,
                actions: Vec::new(),
                resulting_stage: stage.as_deref().map(register::parse_enum).transpose()?,
                outcome: outcome.as_deref().map(register::parse_enum).transpose()?,
            },
        ))
    })?;
    let mut items = Vec::new();
    for row in rows {
        let (item_id, mut item) = row?;
        item.actions = actions
            .query_map([item_id], |r| {
                Ok(NewActionItem {
                    what: r.get(0)?,
                    agency: register::parse_enum(&r.get::<_, String>(1)?)?,
                    person: r.get(2)?,
                    due: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        items.push(item);
    }
    Ok(items)
}

/// A meeting's participants, by organisation and name.
pub(super) fn stored_participants(conn: &Connection, meeting_id: i64) -> Result<Vec<ParticipantRecord>> {
    Ok(conn
        .prepare_cached(
            "SELECT d.name, d.organisation, d.role, d.email, p.present FROM meeting_participants p
             JOIN directory d ON d.id = p.directory_id WHERE p.meeting_id = ?1 ORDER BY d.organisation, d.name, d.id",
        )?
        .query_map([meeting_id], |r| {
            Ok(ParticipantRecord {
                name: r.get(0)?,
                organisation: r.get(1)?,
                role: r.get(2)?,
                email: r.get(3)?,
                present: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(super) fn record_in(conn: &Connection, id: i64) -> Result<MeetingRecord> {
    let rfc3339 = |t: Stamp| t.instant().with_timezone(&crate::dates::COPENHAGEN).to_rfc3339();
    let (district_code, held_at, place, next): (String, Stamp, Option<String>, Option<Stamp>) = conn
        .query_row("SELECT district_code, held_at, place, next_meeting_at FROM meetings WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or(Error::NotFound("mødet"))?;
    let mut items = Vec::new();
    for item in stored_items(conn, id)? {
        if item.kind == "free" {
            items.push(ItemRecord::Free { title: item.title.unwrap_or_default(), body: item.body });
            continue;
        }
        let Some(case_id) = item.case_id else { continue };
        items.push(ItemRecord::Case {
            reference: register::summary(conn, case_id)?.reference,
            reason: item.reason,
            new_information: item.new_information,
            assessment: item.assessment,
            recommendation: item.recommendation,
            actions: item.actions,
            resulting_stage: item.resulting_stage,
            outcome: item.outcome,
        });
    }
    Ok(MeetingRecord {
        district: Some(district_code),
        held_at: rfc3339(held_at),
        place,
        next_meeting_at: next.map(rfc3339),
        participants: stored_participants(conn, id)?,
        items,
    })
}

/// Writes a validated record's participants and items into a draft meeting (replacing them).
pub(super) fn write_record(op: &Op<'_>, meeting_id: i64, v: &Valid) -> Result<()> {
    let c = op.conn();
    c.execute("DELETE FROM meeting_participants WHERE meeting_id = ?1", [meeting_id])?;
    c.execute("DELETE FROM meeting_items WHERE meeting_id = ?1", [meeting_id])?;
    for p in &v.participants {
        let id = directory_id(op, p)?;
        c.execute(
            "INSERT INTO meeting_participants (meeting_id, directory_id, present) VALUES (?1, ?2, ?3)
             ON CONFLICT (meeting_id, directory_id) DO UPDATE SET present = ?3",
            params![meeting_id, id, p.present],
        )?;
    }
    for (pos, item) in v.items.iter().enumerate() {
        match item {
            ValidItem::Case {
                case_id,
                reason,
                new_information,
                assessment,
                recommendation,
                actions,
                resulting_stage,
                outcome,
            } => {
                let info = serde_json::to_string(new_information).map_err(|_| Error::Internal("notes as JSON"))?;
                c.execute(
                    "INSERT INTO meeting_items (meeting_id, position, kind, case_id, reason, new_information, assessment,
                         recommendation, resulting_stage, outcome)
                     VALUES (?1, ?2, 'case', ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        meeting_id,
                        pos as i64,
                        case_id,
                        reason,
                        info,
                        assessment,
                        recommendation,
                        resulting_stage.map(Stage::as_str),
                        outcome.map(Outcome::as_str)
                    ],
                )?;
                let item_id = c.last_insert_rowid();
                for a in actions {
                    c.execute(
                        "INSERT INTO meeting_actions (item_id, what, agency, person, due) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![item_id, a.what, a.agency.as_str(), a.person, a.due],
                    )?;
                }
            }
            ValidItem::Free { title, body } => {
                c.execute(
                    "INSERT INTO meeting_items (meeting_id, position, kind, title, body) VALUES (?1, ?2, 'free', ?3, ?4)",
                    params![meeting_id, pos as i64, title, body],
                )?;
            }
        }
    }
    Ok(())
}

pub(super) fn stored_pdf(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    Ok(conn.query_row("SELECT minutes_pdf FROM meetings WHERE id = ?1", [id], |row| row.get::<_, Vec<u8>>(0))?)
}

/// The meeting's participants' e-mail addresses, each once, in the minutes' order. Addresses that
/// are not a plain `local@domain` (which a header could misread) are left out.
pub(super) fn distribution_addresses(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT d.email FROM meeting_participants p JOIN directory d ON d.id = p.directory_id
         WHERE p.meeting_id = ?1 AND d.email IS NOT NULL ORDER BY p.present DESC, d.organisation, d.name",
    )?;
    let all = stmt.query_map([id], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    let mut out: Vec<String> = Vec::new();
    for email in all {
        let email = email.trim().to_string();
        if plain_address(&email) && !out.iter().any(|o| o.eq_ignore_ascii_case(&email)) {
            out.push(email);
        }
    }
    Ok(out)
}
