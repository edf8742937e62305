//! A meeting as stored (tables `meetings`, `meeting_participants`, `meeting_items`,
//! `meeting_actions`): its summary and number, its participants (named through the directory) and
//! agenda items read back, a validated record written, the stored minutes' PDF.

use super::directory::{DirectoryEntry, directory_entry, directory_id};
use super::files::plain_address;
use super::record::{AuthorityNote, ItemRecord, MeetingRecord, ParticipantRecord, Valid, ValidItem};
use crate::actions::NewActionItem;
use crate::cases::{Outcome, Stage, register};
use crate::dates::{Day, Stamp};
use crate::error::{Error, Result};
use crate::op::{Op, Reader};
use rusqlite::{OptionalExtension, params};
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
    /// When the meeting planned the next one ("Næste møde"): the next meeting is planned from it.
    pub next_meeting_at: Option<Stamp>,
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
        next_meeting_at: r.get(9)?,
    })
}

pub(super) const SUMMARY: &str = "id, district_code, number, year, addendum_number, held_at, place, status, minutes_sha256, \
     next_meeting_at FROM meetings";

pub(super) fn summary(db: &Reader<'_>, id: i64) -> Result<MeetingSummary> {
    db.conn()
        .query_row(&format!("SELECT {SUMMARY} WHERE id = ?1"), [id], summary_row)
        .optional()?
        .ok_or(Error::NotFound("Mødet"))
}

/// True when the infohus already has a meeting (not an addendum) starting at this instant, other
/// than `except`.
pub(super) fn held_at_taken(db: &Reader<'_>, district_code: &str, held_at: Stamp, except: Option<i64>) -> Result<bool> {
    Ok(db.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM meetings WHERE district_code = ?1 AND held_at = ?2 AND addendum_of IS NULL
                         AND id IS NOT ?3)",
        params![district_code, held_at, except],
        |r| r.get(0),
    )?)
}

/// The next meeting number of an infohus in a year.
pub(super) fn next_number(db: &Reader<'_>, district_code: &str, year: i32) -> Result<i64> {
    Ok(db.conn().query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM meetings WHERE district_code = ?1 AND year = ?2 AND addendum_of IS NULL",
        params![district_code, year],
        |r| r.get(0),
    )?)
}

/// The references of the cases on a meeting's agenda, in agenda order: what its record and its
/// minutes show (a case deleted at the end of its retention is left out).
pub(super) fn case_references(db: &Reader<'_>, meeting_id: i64) -> Result<Vec<String>> {
    let ids: Vec<i64> = stored_items(db, meeting_id)?.into_iter().filter_map(|i| i.case_id).collect();
    let keys = crate::cases::register::keys(db, ids.iter().copied())?;
    let mut refs: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(k) = keys.get(&id).filter(|k| !refs.contains(&k.reference)) {
            refs.push(k.reference.clone());
        }
    }
    Ok(refs)
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
    pub(super) forward_to: Option<String>,
}

pub(super) fn stored_items(db: &Reader<'_>, meeting_id: i64) -> Result<Vec<StoredItem>> {
    let mut actions = db
        .conn()
        .prepare_cached("SELECT what, agency, person, due FROM meeting_actions WHERE item_id = ?1 ORDER BY id")?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT id, kind, case_id, reason, title, body, new_information, assessment, recommendation,
                resulting_stage, outcome, forward_to
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
                forward_to: r.get(11)?,
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
pub(super) fn stored_participants(db: &Reader<'_>, meeting_id: i64) -> Result<Vec<ParticipantRecord>> {
    Ok(participant_entries(db, meeting_id)?
        .into_iter()
        .map(|(d, present)| ParticipantRecord {
            name: d.name,
            organisation: d.organisation,
            role: d.role,
            email: d.email,
            present,
        })
        .collect())
}

/// A meeting's participants as the directory has them, with whether each was present; by
/// organisation, name and entry.
fn participant_entries(db: &Reader<'_>, meeting_id: i64) -> Result<Vec<(DirectoryEntry, bool)>> {
    let rows = db
        .conn()
        .prepare_cached("SELECT directory_id, present FROM meeting_participants WHERE meeting_id = ?1")?
        .query_map([meeting_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut entries =
        rows.into_iter().map(|(id, present)| Ok((directory_entry(db, id)?, present))).collect::<Result<Vec<_>>>()?;
    entries.sort_by(|(a, _), (b, _)| (&a.organisation, &a.name, a.id).cmp(&(&b.organisation, &b.name, b.id)));
    Ok(entries)
}

pub(super) fn record_in(db: &Reader<'_>, id: i64) -> Result<MeetingRecord> {
    let rfc3339 = |t: Stamp| t.instant().with_timezone(&crate::dates::COPENHAGEN).to_rfc3339();
    let (district_code, held_at, place, next): (String, Stamp, Option<String>, Option<Stamp>) = db
        .conn()
        .query_row("SELECT district_code, held_at, place, next_meeting_at FROM meetings WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or(Error::NotFound("mødet"))?;
    let mut items = Vec::new();
    for item in stored_items(db, id)? {
        if item.kind == "free" {
            items.push(ItemRecord::Free { title: item.title.unwrap_or_default(), body: item.body });
            continue;
        }
        let Some(case_id) = item.case_id else { continue };
        items.push(ItemRecord::Case {
            reference: register::summary(db, case_id)?.reference,
            reason: item.reason,
            new_information: item.new_information,
            assessment: item.assessment,
            recommendation: item.recommendation,
            actions: item.actions,
            resulting_stage: item.resulting_stage,
            outcome: item.outcome,
            forward_to: item.forward_to,
        });
    }
    Ok(MeetingRecord {
        district: Some(district_code),
        held_at: rfc3339(held_at),
        place,
        next_meeting_at: next.map(rfc3339),
        participants: stored_participants(db, id)?,
        items,
    })
}

/// Writes a validated record's participants and items into a draft meeting (replacing them).
pub fn write_record(op: &Op<'_>, meeting_id: i64, v: &Valid) -> Result<()> {
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
                forward_to,
            } => {
                let info = serde_json::to_string(new_information).map_err(|_| Error::Internal("notes as JSON"))?;
                c.execute(
                    "INSERT INTO meeting_items (meeting_id, position, kind, case_id, reason, new_information, assessment,
                         recommendation, resulting_stage, outcome, forward_to)
                     VALUES (?1, ?2, 'case', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        meeting_id,
                        pos as i64,
                        case_id,
                        reason,
                        info,
                        assessment,
                        recommendation,
                        resulting_stage.map(Stage::as_str),
                        outcome.map(Outcome::as_str),
                        forward_to
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

pub(super) fn stored_pdf(db: &Reader<'_>, id: i64) -> Result<Vec<u8>> {
    Ok(db.conn().query_row("SELECT minutes_pdf FROM meetings WHERE id = ?1", [id], |row| row.get::<_, Vec<u8>>(0))?)
}

/// The distribution list as it is now: every participant's name and e-mail address, in the
/// minutes' order (those present first; by organisation and name within each).
fn current_distribution(db: &Reader<'_>, id: i64) -> Result<Vec<(String, Option<String>)>> {
    let mut entries = participant_entries(db, id)?;
    // Those present first (the sort is stable: by organisation and name within each).
    entries.sort_by_key(|(_, present)| !present);
    Ok(entries.into_iter().map(|(d, _)| (d.name, d.email)).collect())
}

/// A finalized meeting's e-mail addresses, each once, in the minutes' order: from the
/// distribution list stored when it was finalized (never the directory as it is now). Addresses
/// that are not a plain `local@domain` (which a header could misread) are left out.
pub(super) fn distribution_addresses(db: &Reader<'_>, id: i64) -> Result<Vec<String>> {
    let stored: Vec<Option<String>> = db
        .conn()
        .prepare_cached("SELECT email FROM meeting_distribution WHERE meeting_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<String> = Vec::new();
    for email in stored.into_iter().flatten() {
        let email = email.trim().to_string();
        if plain_address(&email) && !out.iter().any(|o| o.eq_ignore_ascii_case(&email)) {
            out.push(email);
        }
    }
    Ok(out)
}

/// A meeting's plan and keeping: what the agenda and the minutes start from.
pub(super) struct Plan {
    pub district_code: String,
    pub held_at: Stamp,
    pub place: Option<String>,
    pub next: Option<Stamp>,
    pub delete_after: Day,
    pub addendum_of: Option<i64>,
    pub addendum_number: Option<i64>,
}

pub(super) fn plan(db: &Reader<'_>, id: i64) -> Result<Plan> {
    db.conn()
        .query_row(
            "SELECT district_code, held_at, place, next_meeting_at, delete_after, addendum_of, addendum_number
             FROM meetings WHERE id = ?1",
            [id],
            |r| {
                Ok(Plan {
                    district_code: r.get(0)?,
                    held_at: r.get(1)?,
                    place: r.get(2)?,
                    next: r.get(3)?,
                    delete_after: r.get(4)?,
                    addendum_of: r.get(5)?,
                    addendum_number: r.get(6)?,
                })
            },
        )
        .optional()?
        .ok_or(Error::NotFound("Mødet"))
}

/// When the district's last meeting before this one was held.
pub(super) fn held_before(db: &Reader<'_>, district_code: &str, held_at: Stamp, id: i64) -> Result<Option<Stamp>> {
    Ok(db
        .conn()
        .query_row(
            "SELECT max(held_at) FROM meetings WHERE district_code = ?1 AND held_at < ?2 AND id <> ?3",
            params![district_code, held_at, id],
            |row| row.get(0),
        )
        .optional()?
        .flatten())
}

/// Every meeting, newest first.
pub(super) fn all(db: &Reader<'_>) -> Result<Vec<MeetingSummary>> {
    let mut stmt = db.conn().prepare_cached(&format!("SELECT {SUMMARY} ORDER BY held_at DESC, id DESC"))?;
    let rows = stmt.query_map([], summary_row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// A new meeting row for a validated record, numbered; returns its id.
pub fn insert(op: &Op<'_>, v: &Valid, year: i32, number: i64, delete_after: Day) -> Result<i64> {
    op.conn().execute(
        "INSERT INTO meetings (district_code, year, number, held_at, place, next_meeting_at, delete_after, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            v.district.code,
            year,
            number,
            Stamp::new(v.held_at),
            v.place,
            v.next_meeting_at.map(Stamp::new),
            delete_after,
            op.stamp(),
            op.actor()
        ],
    )?;
    Ok(op.conn().last_insert_rowid())
}

/// A draft's time, place and next meeting, from a validated record.
pub fn set_plan(op: &Op<'_>, id: i64, v: &Valid) -> Result<()> {
    op.conn().execute(
        "UPDATE meetings SET held_at = ?1, place = ?2, next_meeting_at = ?3 WHERE id = ?4",
        params![Stamp::new(v.held_at), v.place, v.next_meeting_at.map(Stamp::new), id],
    )?;
    Ok(())
}

/// Finalizes the row: the stored minutes and their SHA-256, by whom and when, and the
/// distribution list as it is at this moment (names and addresses), which the minutes' e-mail is
/// addressed from from now on.
pub fn set_final(op: &Op<'_>, id: i64, pdf: &[u8], sha256: &str, checkpoint: &str) -> Result<()> {
    for (position, (name, email)) in current_distribution(op, id)?.into_iter().enumerate() {
        op.conn()
            .prepare_cached(
                "INSERT INTO meeting_distribution (meeting_id, position, name, email) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, position as i64, name, email])?;
    }
    op.conn().execute(
        "UPDATE meetings SET status = 'final', minutes_pdf = ?1, minutes_sha256 = ?2, finalized_at = ?3, finalized_by = ?4,
             audit_checkpoint = ?5
         WHERE id = ?6",
        params![pdf, sha256, op.stamp(), op.actor(), checkpoint, id],
    )?;
    Ok(())
}

/// A new draft "Tillæg N" to a finalized meeting, with its participants; returns its id.
pub fn insert_addendum(op: &Op<'_>, original: i64) -> Result<i64> {
    let n: i64 = op.conn().query_row(
        "SELECT coalesce(max(addendum_number), 0) + 1 FROM meetings WHERE addendum_of = ?1",
        [original],
        |r| r.get(0),
    )?;
    op.conn().execute(
        "INSERT INTO meetings (district_code, year, number, addendum_of, addendum_number, held_at, place, delete_after,
             created_at, created_by)
         SELECT district_code, year, number, id, ?1, ?2, place, delete_after, ?2, ?3 FROM meetings WHERE id = ?4",
        params![n, op.stamp(), op.actor(), original],
    )?;
    let id = op.conn().last_insert_rowid();
    op.conn().execute(
        "INSERT INTO meeting_participants (meeting_id, directory_id, present)
         SELECT ?1, directory_id, present FROM meeting_participants WHERE meeting_id = ?2",
        params![id, original],
    )?;
    Ok(id)
}

/// What one meeting recorded about one case (the access report): the meeting's summary, its
/// checkpoint (finalized minutes), and that case's item only — never another case's.
pub(crate) struct CaseEntry {
    pub meeting: MeetingSummary,
    pub audit_checkpoint: Option<String>,
    pub reason: Option<String>,
    pub new_information: Vec<AuthorityNote>,
    pub assessment: Option<String>,
    pub recommendation: Option<String>,
    pub actions: Vec<NewActionItem>,
    pub resulting_stage: Option<Stage>,
    pub outcome: Option<Outcome>,
    pub forward_to: Option<String>,
}

/// Every meeting whose agenda names the case (drafts too), oldest first, with what each
/// recorded about it.
pub(crate) fn case_entries(db: &Reader<'_>, case_id: i64) -> Result<Vec<CaseEntry>> {
    let ids = db
        .conn()
        .prepare_cached(
            "SELECT DISTINCT m.id, m.held_at FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id
             WHERE i.case_id = ?1 ORDER BY m.held_at, m.id",
        )?
        .query_map([case_id], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for id in ids {
        let meeting = summary(db, id)?;
        let audit_checkpoint: Option<String> =
            db.conn().query_row("SELECT audit_checkpoint FROM meetings WHERE id = ?1", [id], |r| r.get(0))?;
        for item in stored_items(db, id)?.into_iter().filter(|i| i.case_id == Some(case_id)) {
            out.push(CaseEntry {
                meeting: meeting.clone(),
                audit_checkpoint: audit_checkpoint.clone(),
                reason: item.reason,
                new_information: item.new_information,
                assessment: item.assessment,
                recommendation: item.recommendation,
                actions: item.actions,
                resulting_stage: item.resulting_stage,
                outcome: item.outcome,
                forward_to: item.forward_to,
            });
        }
    }
    Ok(out)
}

/// A meeting whose deletion date has come (retention): its id, number and date.
#[derive(Debug, Clone)]
pub struct DueMeeting {
    pub id: i64,
    pub number: String,
    pub delete_after: Day,
    pub status: String,
}

/// The meetings whose deletion date is `today` or earlier ("Slettes senest"), addenda before
/// the meetings they correct.
pub(crate) fn due(db: &Reader<'_>, today: Day) -> Result<Vec<DueMeeting>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {SUMMARY} WHERE delete_after <= ?1 ORDER BY addendum_of IS NULL, delete_after, id"
    ))?;
    let summaries = stmt.query_map([today], summary_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    summaries
        .into_iter()
        .map(|s| {
            Ok(DueMeeting { id: s.id, number: s.number, delete_after: plan(db, s.id)?.delete_after, status: s.status })
        })
        .collect()
}

/// The earliest deletion date of any meeting.
pub(crate) fn earliest_deletion(db: &Reader<'_>) -> Result<Option<Day>> {
    Ok(db.conn().query_row("SELECT min(delete_after) FROM meetings", [], |r| r.get(0))?)
}

/// Deletes a meeting completely (retention, when its deletion date has come): its addenda, its
/// items and their action items, participants, distribution list and stored minutes' PDF. The
/// action items finalizing created on cases stay with their cases ([`crate::actions::detach_meeting`]
/// first).
pub fn purge(op: &Op<'_>, id: i64) -> Result<()> {
    let addenda: Vec<i64> = op
        .conn()
        .prepare_cached("SELECT id FROM meetings WHERE addendum_of = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for a in addenda {
        purge(op, a)?;
    }
    crate::actions::detach_meeting(op, id)?;
    // Items, their actions, participants and the distribution list go with the row (ON DELETE CASCADE).
    op.conn().execute("DELETE FROM meeting_items WHERE meeting_id = ?1", [id])?;
    op.conn().execute("DELETE FROM meetings WHERE id = ?1", [id])?;
    Ok(())
}

/// A case's entries in meetings not yet finalized (retention deletes the case): its agenda items
/// and what was recorded for them. Finalized minutes keep what they said until their own
/// deletion date (the item's link to the case goes NULL with the case).
pub fn purge_case(op: &Op<'_>, case_id: i64) -> Result<()> {
    op.conn().execute(
        "DELETE FROM meeting_items WHERE case_id = ?1
             AND meeting_id IN (SELECT id FROM meetings WHERE status = 'draft')",
        [case_id],
    )?;
    Ok(())
}

/// True when the meeting still exists.
pub(crate) fn exists(db: &Reader<'_>, id: i64) -> Result<bool> {
    Ok(db.conn().query_row("SELECT EXISTS (SELECT 1 FROM meetings WHERE id = ?1)", [id], |r| r.get(0))?)
}

/// The finalized meetings (not addenda) held before `before`, as the statistics read them: (the
/// meeting's id, when it was held, the id of a case on its agenda — `None` for a meeting without
/// case items or an item whose case is deleted), in the order held.
pub(crate) fn held_with_cases(db: &Reader<'_>, before: Stamp) -> Result<Vec<(i64, Stamp, Option<i64>)>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT m.id, m.held_at, i.case_id FROM meetings m
         LEFT JOIN meeting_items i ON i.meeting_id = m.id AND i.kind = 'case'
         WHERE m.status = 'final' AND m.addendum_of IS NULL AND m.held_at < ?1
         ORDER BY m.held_at, m.id, i.position",
    )?;
    let rows = stmt.query_map([before], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}
