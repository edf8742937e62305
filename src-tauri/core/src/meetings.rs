//! Infohus meetings (tables `directory`, `meetings`, `meeting_participants`, `meeting_items`,
//! `meeting_actions`): planned per infohus with an automatic number ("Møde 23/2026"), an agenda
//! proposed from the board, what the meeting recorded per case, and finalizing, which applies the
//! stage changes and action items to the cases in one transaction and stores the minutes' PDF and
//! its SHA-256 (a finalized meeting is immutable; a correction is a numbered addendum).

use crate::actions::{self, Agency, NewActionItem};
use crate::audit::AuditEvent;
use crate::cases::{self, Outcome, Stage, history, register};
use crate::dates::{Day, Stamp};
use crate::district;
use crate::error::{Error, Result};
use crate::minutes;
use crate::store::{Op, Read, Store};
use crate::text::{clean_optional, clean_text};
use chrono::{DateTime, Datelike, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const TEXT_MAX: usize = 8000;
pub const TITLE_MAX: usize = 200;
pub const PLACE_MAX: usize = 200;
/// Years the minutes are kept after the meeting (the default deletion date), and the range the
/// setting allows.
pub const KEEP_YEARS: i32 = 5;
pub const KEEP_YEARS_MIN: i32 = 1;
pub const KEEP_YEARS_MAX: i32 = 10;

/// The meetings' settings (table `meeting_settings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct MeetingSettings {
    /// Years after the meeting its minutes are kept: their deletion date, printed in the minutes.
    pub keep_years: i32,
}

fn settings_in(conn: &Connection) -> Result<MeetingSettings> {
    let keep_years = conn
        .query_row("SELECT keep_years FROM meeting_settings WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or(KEEP_YEARS);
    Ok(MeetingSettings { keep_years })
}

/// The meetings' settings (the defaults until they are saved).
pub fn settings(store: &Store) -> Result<MeetingSettings> {
    store.read(|r| settings_in(r.conn()))
}

/// Saves the meetings' settings. A new keep time applies to meetings planned from now on; the
/// deletion date of a meeting already planned stays what its minutes say.
pub fn save_settings(store: &Store, s: MeetingSettings) -> Result<MeetingSettings> {
    if !(KEEP_YEARS_MIN..=KEEP_YEARS_MAX).contains(&s.keep_years) {
        return Err(Error::invalid("keep_years", format!("skal være mellem {KEEP_YEARS_MIN} og {KEEP_YEARS_MAX} år")));
    }
    store.write(|op| {
        op.conn().execute(
            "INSERT INTO meeting_settings (id, keep_years, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET keep_years = ?1, updated_at = ?2",
            params![s.keep_years, op.stamp()],
        )?;
        op.audit(AuditEvent::MeetingSettingsChanged);
        Ok(s)
    })
}

/// New information from one authority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct AuthorityNote {
    pub authority: Agency,
    pub text: String,
}

/// A participant as recorded for a meeting (found in, or added to, the directory).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct ParticipantRecord {
    pub name: String,
    pub organisation: String,
    #[serde(default)]
    #[specta(optional)]
    pub role: Option<String>,
    #[serde(default)]
    #[specta(optional)]
    pub email: Option<String>,
    #[serde(default = "yes")]
    pub present: bool,
}

fn yes() -> bool {
    true
}

/// One agenda item and what the meeting recorded for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ItemRecord {
    Case {
        reference: String,
        /// Why it is on the agenda ("Markeret til møde", …).
        #[serde(default)]
        #[specta(optional)]
        reason: Option<String>,
        #[serde(default)]
        new_information: Vec<AuthorityNote>,
        /// The overall assessment: risks and protective factors.
        #[serde(default)]
        #[specta(optional)]
        assessment: Option<String>,
        /// What the infohus recommends (each authority acts in its own remit).
        #[serde(default)]
        #[specta(optional)]
        recommendation: Option<String>,
        #[serde(default)]
        actions: Vec<NewActionItem>,
        /// The stage the case moves to when the meeting is finalized.
        #[serde(default)]
        #[specta(optional)]
        resulting_stage: Option<Stage>,
        /// Required when the resulting stage is closed.
        #[serde(default)]
        #[specta(optional)]
        outcome: Option<Outcome>,
    },
    Free {
        title: String,
        #[serde(default)]
        #[specta(optional)]
        body: Option<String>,
    },
}

/// A whole meeting record: the import format (docs/meeting-import.md) and what the UI saves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct MeetingRecord {
    /// Police district code or name; the coordinator's home infohus when left out.
    #[serde(default)]
    #[specta(optional)]
    pub district: Option<String>,
    /// RFC 3339, e.g. "2026-11-25T14:00:00+01:00".
    pub held_at: String,
    #[serde(default)]
    #[specta(optional)]
    pub place: Option<String>,
    #[serde(default)]
    #[specta(optional)]
    pub next_meeting_at: Option<String>,
    #[serde(default)]
    pub participants: Vec<ParticipantRecord>,
    #[serde(default)]
    pub items: Vec<ItemRecord>,
}

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

fn parse_time(field: &'static str, s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::invalid(field, "skal være et gyldigt tidspunkt (RFC 3339)"))
}

/// A validated record: resolved district, times, cases, texts.
struct Valid {
    district: &'static district::PoliceDistrict,
    held_at: DateTime<Utc>,
    place: Option<String>,
    next_meeting_at: Option<DateTime<Utc>>,
    participants: Vec<ParticipantRecord>,
    items: Vec<ValidItem>,
}

/// A recorded action item as validated: trimmed texts and a parsed due date.
struct ValidAction {
    what: String,
    agency: Agency,
    person: Option<String>,
    due: Day,
}

enum ValidItem {
    Case {
        case_id: i64,
        reason: Option<String>,
        new_information: Vec<AuthorityNote>,
        assessment: Option<String>,
        recommendation: Option<String>,
        actions: Vec<ValidAction>,
        resulting_stage: Option<Stage>,
        outcome: Option<Outcome>,
    },
    Free {
        title: String,
        body: Option<String>,
    },
}

fn validate(conn: &Connection, home: &str, r: &MeetingRecord, now: DateTime<Utc>) -> Result<Valid> {
    let district = match &r.district {
        Some(d) => district::find(d).ok_or(Error::invalid("district", "ukendt politikreds"))?,
        None => district::by_code(home).ok_or(Error::Internal("the home district is known"))?,
    };
    let held_at = parse_time("held_at", &r.held_at)?;
    let year = held_at.with_timezone(&crate::dates::COPENHAGEN).year();
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("held_at", "året skal ligge mellem 2000 og 2100"));
    }
    let next_meeting_at = r.next_meeting_at.as_deref().map(|t| parse_time("next_meeting_at", t)).transpose()?;
    if next_meeting_at.is_some_and(|n| n <= held_at) {
        return Err(Error::invalid("next_meeting_at", "næste møde skal ligge efter dette"));
    }
    let place = clean_optional("place", &r.place, PLACE_MAX, false)?;
    let mut participants = Vec::new();
    for p in &r.participants {
        let name = clean_text("participants.name", &p.name, 100, false)?;
        let organisation = clean_text("participants.organisation", &p.organisation, 120, false)?;
        if name.is_empty() || organisation.is_empty() {
            return Err(Error::invalid("participants", "navn og organisation skal udfyldes"));
        }
        let email = clean_optional("participants.email", &p.email, 254, false)?;
        if email.as_deref().is_some_and(|e| !crate::text::is_email_address(e)) {
            return Err(Error::invalid("participants.email", "skal være en e-mailadresse"));
        }
        participants.push(ParticipantRecord {
            name,
            organisation,
            role: clean_optional("participants.role", &p.role, 100, false)?,
            email,
            present: p.present,
        });
    }
    let today = Day::of(now);
    let mut items = Vec::new();
    for item in &r.items {
        items.push(match item {
            ItemRecord::Case {
                reference,
                reason,
                new_information,
                assessment,
                recommendation,
                actions,
                resulting_stage,
                outcome,
            } => {
                let case_id = register::id_of(conn, reference)
                    .map_err(|_| Error::invalid("items.reference", "sagen findes ikke"))?;
                let mut notes = Vec::new();
                for n in new_information {
                    let text = clean_text("items.new_information.text", &n.text, TEXT_MAX, true)?;
                    if !text.is_empty() {
                        notes.push(AuthorityNote { authority: n.authority, text });
                    }
                }
                if let Some(stage) = resulting_stage {
                    if *stage == Stage::Forwarded {
                        return Err(Error::invalid(
                            "items.resulting_stage",
                            "videresendelse sker fra sagen, ikke fra mødet",
                        ));
                    }
                    if (*stage == Stage::Closed) != outcome.is_some() {
                        return Err(Error::invalid("items.outcome", "udfald angives netop når sagen afsluttes"));
                    }
                } else if outcome.is_some() {
                    return Err(Error::invalid("items.outcome", "udfald angives netop når sagen afsluttes"));
                }
                let mut valid_actions = Vec::new();
                for a in actions {
                    let (what, person, due) = actions::validate(a, today).map_err(|e| match e {
                        Error::Invalid { field, reason } => Error::Invalid {
                            field: match field {
                                "what" => "items.actions.what",
                                "person" => "items.actions.person",
                                "due" => "items.actions.due",
                                other => other,
                            },
                            reason,
                        },
                        other => other,
                    })?;
                    valid_actions.push(ValidAction { what, agency: a.agency, person, due });
                }
                ValidItem::Case {
                    case_id,
                    reason: clean_optional("items.reason", reason, 300, false)?,
                    new_information: notes,
                    assessment: clean_optional("items.assessment", assessment, TEXT_MAX, true)?,
                    recommendation: clean_optional("items.recommendation", recommendation, TEXT_MAX, true)?,
                    actions: valid_actions,
                    resulting_stage: *resulting_stage,
                    outcome: *outcome,
                }
            }
            ItemRecord::Free { title, body } => {
                let title = clean_text("items.title", title, TITLE_MAX, false)?;
                if title.is_empty() {
                    return Err(Error::invalid("items.title", "skal udfyldes"));
                }
                ValidItem::Free { title, body: clean_optional("items.body", body, TEXT_MAX, true)? }
            }
        });
    }
    Ok(Valid { district, held_at, place, next_meeting_at, participants, items })
}

/// The next meeting number of an infohus in a year.
fn next_number(conn: &Connection, district_code: &str, year: i32) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM meetings WHERE district_code = ?1 AND year = ?2 AND addendum_of IS NULL",
        params![district_code, year],
        |r| r.get(0),
    )?)
}

fn directory_id(op: &Op<'_>, p: &ParticipantRecord) -> Result<i64> {
    let found: Option<i64> = op
        .conn()
        .query_row(
            "SELECT id FROM directory WHERE name = ?1 AND organisation = ?2 AND retired_at IS NULL ORDER BY id LIMIT 1",
            params![p.name, p.organisation],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        op.conn().execute(
            "UPDATE directory SET role = coalesce(?1, role), email = coalesce(?2, email) WHERE id = ?3",
            params![p.role, p.email, id],
        )?;
        return Ok(id);
    }
    op.conn().execute(
        "INSERT INTO directory (name, organisation, role, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![p.name, p.organisation, p.role, p.email, op.stamp()],
    )?;
    Ok(op.conn().last_insert_rowid())
}

// ---- The participants directory ----

/// A person in the reusable participants directory.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct DirectoryEntry {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub role: Option<String>,
    pub email: Option<String>,
    /// Retired: kept for the meetings that named the person, not offered for new ones.
    pub retired: bool,
}

/// A person to add to the directory, or the new values of one.
#[derive(Debug, Clone, PartialEq, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct DirectoryPerson {
    pub name: String,
    pub organisation: String,
    #[serde(default)]
    #[specta(optional)]
    pub role: Option<String>,
    #[serde(default)]
    #[specta(optional)]
    pub email: Option<String>,
}

/// The directory's limits (the same as the table's CHECKs).
pub const DIRECTORY_NAME_MAX: usize = 100;
pub const DIRECTORY_ORGANISATION_MAX: usize = 120;
pub const DIRECTORY_ROLE_MAX: usize = 100;
pub const DIRECTORY_EMAIL_MAX: usize = 254;

fn valid_person(p: &DirectoryPerson) -> Result<DirectoryPerson> {
    let name = clean_text("name", &p.name, DIRECTORY_NAME_MAX, false)?;
    if name.is_empty() {
        return Err(Error::invalid("name", "skriv deltagerens navn"));
    }
    let organisation = clean_text("organisation", &p.organisation, DIRECTORY_ORGANISATION_MAX, false)?;
    if organisation.is_empty() {
        return Err(Error::invalid("organisation", "skriv deltagerens organisation"));
    }
    let role = clean_optional("role", &p.role, DIRECTORY_ROLE_MAX, false)?;
    let email = clean_optional("email", &p.email, DIRECTORY_EMAIL_MAX, false)?;
    if email.as_deref().is_some_and(|e| !crate::text::is_email_address(e)) {
        return Err(Error::invalid("email", "skal være en e-mailadresse, f.eks. navn@politi.dk"));
    }
    Ok(DirectoryPerson { name, organisation, role, email })
}

fn directory_entry(conn: &Connection, id: i64) -> Result<DirectoryEntry> {
    conn.query_row(
        "SELECT id, name, organisation, role, email, retired_at IS NOT NULL FROM directory WHERE id = ?1",
        [id],
        |r| {
            Ok(DirectoryEntry {
                id: r.get(0)?,
                name: r.get(1)?,
                organisation: r.get(2)?,
                role: r.get(3)?,
                email: r.get(4)?,
                retired: r.get(5)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound("deltageren"))
}

/// Refuses a second active entry for the same person in the same organisation.
fn check_unique(conn: &Connection, p: &DirectoryPerson, except: Option<i64>) -> Result<()> {
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM directory WHERE name = ?1 AND organisation = ?2 AND retired_at IS NULL
                         AND id IS NOT ?3)",
        params![p.name, p.organisation, except],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::invalid("name", "personen står allerede i listen for den organisation"));
    }
    Ok(())
}

/// The directory, by organisation and name; retired people only when asked for.
pub fn directory(store: &Store, include_retired: bool) -> Result<Vec<DirectoryEntry>> {
    store.read(|r| {
        let ids: Vec<i64> = r
            .conn()
            .prepare_cached("SELECT id FROM directory WHERE ?1 OR retired_at IS NULL ORDER BY organisation, name, id")?
            .query_map([include_retired], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let entries = ids.into_iter().map(|id| directory_entry(r.conn(), id)).collect::<Result<Vec<_>>>()?;
        r.audit(AuditEvent::DirectoryListed);
        Ok(entries)
    })
}

/// Adds a person to the directory.
pub fn add_to_directory(store: &Store, person: &DirectoryPerson) -> Result<DirectoryEntry> {
    let p = valid_person(person)?;
    store.write(|op| {
        check_unique(op.conn(), &p, None)?;
        op.conn().execute(
            "INSERT INTO directory (name, organisation, role, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![p.name, p.organisation, p.role, p.email, op.stamp()],
        )?;
        let id = op.conn().last_insert_rowid();
        op.audit(AuditEvent::DirectoryChanged { id });
        directory_entry(op.conn(), id)
    })
}

/// Corrects a person's name, organisation, role or e-mail. Finalized minutes keep what they
/// said (their PDF is stored); drafts show the new values.
pub fn edit_directory(store: &Store, id: i64, person: &DirectoryPerson) -> Result<DirectoryEntry> {
    let p = valid_person(person)?;
    store.write(|op| {
        directory_entry(op.conn(), id)?;
        check_unique(op.conn(), &p, Some(id))?;
        op.conn().execute(
            "UPDATE directory SET name = ?1, organisation = ?2, role = ?3, email = ?4 WHERE id = ?5",
            params![p.name, p.organisation, p.role, p.email, id],
        )?;
        op.audit(AuditEvent::DirectoryChanged { id });
        directory_entry(op.conn(), id)
    })
}

/// Retires a person (left the organisation): no longer offered for new meetings; earlier
/// meetings keep naming them. Retiring twice is refused.
pub fn retire_from_directory(store: &Store, id: i64) -> Result<DirectoryEntry> {
    store.write(|op| {
        if directory_entry(op.conn(), id)?.retired {
            return Err(Error::invalid("id", "deltageren er allerede fjernet fra listen"));
        }
        op.conn().execute("UPDATE directory SET retired_at = ?1 WHERE id = ?2", params![op.stamp(), id])?;
        op.audit(AuditEvent::DirectoryChanged { id });
        directory_entry(op.conn(), id)
    })
}

// ---- A meeting as its record ----

/// A meeting read back as its record (the import format, docs/meeting-import.md): what the UI
/// loads to go on with a draft. Saving it again changes nothing. An item whose case was purged
/// at the end of its retention is left out (the finalized minutes keep what they said).
pub fn record(store: &Store, id: i64) -> Result<MeetingRecord> {
    store.read(|r| {
        let record = record_in(r.conn(), id)?;
        r.audit(AuditEvent::MeetingRead { id });
        Ok(record)
    })
}

/// One agenda item as stored: the one reader of `meeting_items` and `meeting_actions`, which the
/// record, the minutes and finalizing all build on.
struct StoredItem {
    /// None for a free item, and for a case item whose case was purged.
    case_id: Option<i64>,
    kind: String,
    reason: Option<String>,
    title: Option<String>,
    body: Option<String>,
    new_information: Vec<AuthorityNote>,
    assessment: Option<String>,
    recommendation: Option<String>,
    actions: Vec<NewActionItem>,
    resulting_stage: Option<Stage>,
    outcome: Option<Outcome>,
}

fn stored_items(conn: &Connection, meeting_id: i64) -> Result<Vec<StoredItem>> {
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
fn stored_participants(conn: &Connection, meeting_id: i64) -> Result<Vec<ParticipantRecord>> {
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

fn record_in(conn: &Connection, id: i64) -> Result<MeetingRecord> {
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
fn write_record(op: &Op<'_>, meeting_id: i64, v: &Valid) -> Result<()> {
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

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeetingSummary> {
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

const SUMMARY: &str =
    "id, district_code, number, year, addendum_number, held_at, place, status, minutes_sha256 FROM meetings";

fn summary(conn: &Connection, id: i64) -> Result<MeetingSummary> {
    conn.query_row(&format!("SELECT {SUMMARY} WHERE id = ?1"), [id], summary_row)
        .optional()?
        .ok_or(Error::NotFound("Mødet"))
}

/// Plans a meeting (the record may be empty but for its time) and numbers it per infohus and year.
pub fn create(store: &Store, record: &MeetingRecord) -> Result<MeetingSummary> {
    let home = store.profile()?.district_code;
    store.write(|op| {
        let v = validate(op.conn(), &home, record, op.now())?;
        let local = v.held_at.with_timezone(&crate::dates::COPENHAGEN);
        let year = local.year();
        let number = next_number(op.conn(), v.district.code, year)?;
        let keep = settings_in(op.conn())?.keep_years;
        // 29 February kept for a number of years that lands on no leap day: 1 March.
        let delete_after = Day::new(local.date_naive().with_year(year + keep).unwrap_or_else(|| {
            local.date_naive().with_day(28).and_then(|d| d.with_year(year + keep)).unwrap_or(local.date_naive()) + TimeDelta::days(1)
        }));
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
        let id = op.conn().last_insert_rowid();
        write_record(op, id, &v)?;
        op.audit(AuditEvent::MeetingChanged { number: format!("{number}/{year}") });
        summary(op.conn(), id)
    })
}

/// Replaces a draft meeting's participants and items (the UI's autosave; import of a draft).
pub fn save(store: &Store, id: i64, record: &MeetingRecord) -> Result<MeetingSummary> {
    let home = store.profile()?.district_code;
    store.write(|op| {
        let before = summary(op.conn(), id)?;
        if before.status == "final" {
            return Err(Error::Refused("a finalized meeting is immutable; make an addendum".into()));
        }
        let v = validate(op.conn(), &home, record, op.now())?;
        op.conn().execute(
            "UPDATE meetings SET held_at = ?1, place = ?2, next_meeting_at = ?3 WHERE id = ?4",
            params![Stamp::new(v.held_at), v.place, v.next_meeting_at.map(Stamp::new), id],
        )?;
        write_record(op, id, &v)?;
        op.audit(AuditEvent::MeetingChanged { number: before.number.clone() });
        summary(op.conn(), id)
    })
}

/// Every meeting, newest first.
pub fn list(store: &Store) -> Result<Vec<MeetingSummary>> {
    store.read(|r| {
        let mut stmt = r.conn().prepare_cached(&format!("SELECT {SUMMARY} ORDER BY held_at DESC, id DESC"))?;
        let rows = stmt.query_map([], summary_row)?.collect::<Result<Vec<_>, _>>()?;
        drop(stmt);
        r.audit(AuditEvent::MeetingsListed);
        Ok(rows)
    })
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

/// Imports a whole meeting record as a new draft meeting (docs/meeting-import.md).
pub fn import(store: &Store, json: &str) -> Result<MeetingSummary> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let record: MeetingRecord = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        let path = e.path().to_string();
        Error::Malformed {
            path: if path == "." { "(dokument)".into() } else { safe_path(&path) },
            reason: "passer ikke til formatet (se docs/meeting-import.md)".into(),
        }
    })?;
    de.end()
        .map_err(|_| Error::Malformed { path: "(dokument)".into(), reason: "der står mere efter mødet".into() })?;
    create(store, &record)
}

/// A JSON path of the import format with its known field names only (never user text).
fn safe_path(path: &str) -> String {
    const KNOWN: &[&str] = &[
        "district",
        "held_at",
        "place",
        "next_meeting_at",
        "participants",
        "name",
        "organisation",
        "role",
        "email",
        "present",
        "items",
        "kind",
        "reference",
        "reason",
        "new_information",
        "authority",
        "text",
        "assessment",
        "recommendation",
        "actions",
        "what",
        "agency",
        "person",
        "due",
        "resulting_stage",
        "outcome",
        "title",
        "body",
    ];
    path.split('.')
        .map(|part| {
            let name = part.split('[').next().unwrap_or("");
            let index = &part[name.len()..];
            let index_ok = index.chars().all(|c| c.is_ascii_digit() || c == '[' || c == ']');
            if KNOWN.contains(&name) && index_ok { part.to_string() } else { "(ukendt felt)".into() }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Applies what a meeting recorded to its cases, in the finalizing transaction: a history entry
/// naming the meeting, the resulting stage (through the stage rules), the new action items (marked
/// with the meeting), and the "til møde" flag cleared.
pub(crate) fn apply_to_cases(op: &mut Op<'_>, meeting_id: i64, label: &str) -> Result<()> {
    let reason = format!("Besluttet på møde {label}");
    for item in stored_items(op.conn(), meeting_id)? {
        let (Some(case_id), "case") = (item.case_id, item.kind.as_str()) else { continue };
        history::record(op, case_id, "meeting", None, Some(&format!("Drøftet på møde {label}")), None)?;
        let before = register::read(op.conn(), case_id)?.summary.stage;
        if let Some(stage) = item.resulting_stage.filter(|s| *s != before) {
            cases::transition_in(op, case_id, stage, Some(&reason), item.outcome).map_err(|e| match e {
                Error::Invalid { reason, .. } => Error::invalid("items.resulting_stage", reason),
                other => other,
            })?;
        }
        for a in &item.actions {
            let added = actions::add_in(op, case_id, a)?;
            actions::set_meeting(op, added.id, meeting_id)?;
        }
        if register::set_meeting_flag(op, case_id, false)? {
            history::record(op, case_id, "meeting_flag", Some("til møde"), Some("ikke til møde"), None)?;
        }
    }
    Ok(())
}

/// The minutes' content: exactly what the meeting recorded, with the case's pseudonym,
/// municipality and the source of the concern — never other fields of the case record.
fn minutes_doc(conn: &Connection, id: i64, now: DateTime<Utc>, draft: bool) -> Result<minutes::MinutesDoc> {
    struct MeetingRow {
        district_code: String,
        held_at: Stamp,
        place: Option<String>,
        next: Option<Stamp>,
        delete_after: Day,
        addendum_of: Option<i64>,
        addendum_number: Option<i64>,
    }
    let MeetingRow { district_code, held_at, place, next, delete_after, addendum_of, addendum_number } = conn
        .query_row(
            "SELECT district_code, held_at, place, next_meeting_at, delete_after, addendum_of, addendum_number
         FROM meetings WHERE id = ?1",
            [id],
            |r| {
                Ok(MeetingRow {
                    district_code: r.get(0)?,
                    held_at: r.get(1)?,
                    place: r.get(2)?,
                    next: r.get(3)?,
                    delete_after: r.get(4)?,
                    addendum_of: r.get(5)?,
                    addendum_number: r.get(6)?,
                })
            },
        )?;
    let when =
        |t: Stamp| format!("{} kl. {}", crate::dates::format_date(t.instant()), crate::dates::format_time(t.instant()));
    let district = district::by_code(&district_code).ok_or(Error::Internal("a known district"))?;
    let meeting = summary(conn, id)?;
    let addendum = match (addendum_of, addendum_number) {
        (Some(original), Some(n)) => {
            let o = summary(conn, original)?;
            Some(minutes::Addendum {
                title: format!("Tillæg {n} til møde {}", o.number),
                original_sha256: o.minutes_sha256.unwrap_or_default(),
            })
        }
        _ => None,
    };
    let mut participants: Vec<minutes::Participant> = stored_participants(conn, id)?
        .into_iter()
        .map(|p| minutes::Participant {
            name: p.name,
            organisation: p.organisation,
            role: p.role.unwrap_or_default(),
            present: p.present,
        })
        .collect();
    participants.sort_by_key(|p| !p.present); // present first; stable, so by organisation and name
    let mut items = Vec::new();
    for item in stored_items(conn, id)? {
        if item.kind == "free" {
            items.push(minutes::AgendaItem::Free(minutes::FreeItem {
                title: item.title.unwrap_or_default(),
                text: item.body.unwrap_or_default(),
            }));
            continue;
        }
        let Some(case_id) = item.case_id else { continue };
        let case = register::read(conn, case_id)?;
        let actions = item
            .actions
            .into_iter()
            .map(|a| {
                let due = Day::parse(&a.due).ok_or(Error::Internal("a stored due date"))?;
                Ok(minutes::ActionRow {
                    what: a.what,
                    who: minutes::Responsible { agency: a.agency.label_da().into(), person: a.person },
                    due: due.format_da(),
                })
            })
            .collect::<Result<_>>()?;
        items.push(minutes::AgendaItem::Case(minutes::CaseItem {
            reference: case.summary.reference.clone(),
            pseudonym: case.summary.pseudonym.clone(),
            municipality: case.summary.municipality.clone(),
            source: format!(
                "{} ({})",
                case.summary.channel.label_da(),
                case.caller.caller_type.label_da().to_lowercase()
            ),
            new_information: item
                .new_information
                .into_iter()
                .map(|n| minutes::NewInformation { authority: n.authority.label_da().into(), text: n.text })
                .collect(),
            assessment: item.assessment.unwrap_or_default(),
            recommendation: item.recommendation.unwrap_or_default(),
            actions,
            stage: item.resulting_stage.unwrap_or(case.summary.stage).label_da().into(),
        }));
    }
    let today = Day::of(now);
    let open_actions = actions::open_from_meetings(conn, &district_code, id, today)?
        .into_iter()
        .map(|a| minutes::OpenAction {
            reference: a.reference,
            what: a.what,
            who: minutes::Responsible { agency: a.agency.label_da().into(), person: a.person },
            due: a.due.format_da(),
            status: if a.overdue { "Overskredet".into() } else { "Åben".into() },
        })
        .collect();
    Ok(minutes::MinutesDoc {
        infohus: district.infohus.to_string(),
        meeting_number: meeting.number.clone(),
        addendum,
        date_time: when(held_at),
        place: place.unwrap_or_default(),
        next_meeting: next.map(when),
        distribution: participants.iter().map(|p| p.name.clone()).collect(),
        participants,
        items,
        open_actions,
        delete_by: delete_after.format_da(),
        generated_at: when(Stamp::new(now)),
        draft,
    })
}

/// The result of finalizing.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Finalized {
    pub meeting: MeetingSummary,
    pub minutes_sha256: String,
    pub minutes_bytes: u64,
}

/// Finalizes a draft meeting in one transaction: applies the stage changes and action items to
/// the cases (history entries name the meeting), renders the minutes and stores their PDF and
/// SHA-256. Afterwards the meeting is immutable.
pub fn finalize(store: &Store, id: i64) -> Result<Finalized> {
    store.write(|op| {
        let before = summary(op.conn(), id)?;
        if before.status == "final" {
            return Err(Error::Refused("the meeting is already finalized".into()));
        }
        apply_to_cases(op, id, &before.number)?;
        let doc = minutes_doc(op.conn(), id, op.now(), false)?;
        let pdf = minutes::render(&doc)?;
        let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&pdf));
        op.conn().execute(
            "UPDATE meetings SET status = 'final', minutes_pdf = ?1, minutes_sha256 = ?2, finalized_at = ?3, finalized_by = ?4
             WHERE id = ?5",
            params![pdf, sha, op.stamp(), op.actor(), id],
        )?;
        op.audit(AuditEvent::MeetingFinalized { number: before.number.clone() });
        Ok(Finalized { meeting: summary(op.conn(), id)?, minutes_sha256: sha, minutes_bytes: pdf.len() as u64 })
    })
}

/// The minutes' PDF: a finalized meeting's stored bytes (byte-identical every time), or a
/// preview of a draft with the "UDKAST" watermark.
pub fn minutes_pdf(store: &Store, id: i64) -> Result<Vec<u8>> {
    Ok(minutes_file(store, id, MinutesFormat::Pdf)?.bytes)
}

/// Writes the minutes to a new file (never replacing one), readable by the owner only where the
/// OS supports it.
pub fn export_minutes(store: &Store, id: i64, path: &Path) -> Result<()> {
    let pdf = minutes_pdf(store, id)?;
    crate::store::write_export(path, &pdf)
}

// ---- The minutes as files: neutral names, saving, the e-mail draft ----

/// The form in which the minutes leave the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesFormat {
    /// The PDF (a draft's is the "UDKAST" preview).
    Pdf,
    /// "Klar til e-mail": an unsent `.eml` message with the finalized PDF attached.
    Email,
}

impl MinutesFormat {
    pub fn extension(self) -> &'static str {
        match self {
            MinutesFormat::Pdf => "pdf",
            MinutesFormat::Email => "eml",
        }
    }
}

/// The minutes as a file: its neutral name and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A meeting number's parts: the addendum's number, if any, and the meeting's own number
/// ("Tillæg 1 til 23/2026" → (Some("1"), "23/2026")).
fn number_parts(number: &str) -> (Option<&str>, &str) {
    match number.strip_prefix("Tillæg ").and_then(|rest| rest.split_once(" til ")) {
        Some((n, base)) => (Some(n), base),
        None => (None, number),
    }
}

/// A neutral file name for a meeting's minutes, without personal data (only the meeting's
/// number): "Referat møde 23-2026.pdf", "Tillæg 1 til møde 23-2026.pdf", and for a draft
/// "Referat møde 23-2026 UDKAST.pdf". `extension` without the dot ("pdf", "eml").
pub fn minutes_file_name(meeting: &MeetingSummary, extension: &str) -> String {
    let (addendum, base) = number_parts(&meeting.number);
    let base = base.replace('/', "-");
    let name = match addendum {
        Some(n) => format!("Tillæg {n} til møde {base}"),
        None => format!("Referat møde {base}"),
    };
    let draft = if meeting.status == "final" { "" } else { " UDKAST" };
    format!("{name}{draft}.{extension}")
}

/// One meeting's summary (its number and status, e.g. for the minutes' file name).
pub fn get(store: &Store, id: i64) -> Result<MeetingSummary> {
    store.read(|r| {
        let meeting = summary(r.conn(), id)?;
        r.audit(AuditEvent::MeetingRead { id });
        Ok(meeting)
    })
}

/// The minutes as a file in the given form, with its neutral name; recorded in the audit log as
/// exported (the PDF) or drafted as an e-mail. Only finalized minutes can be e-mailed.
pub fn minutes_file(store: &Store, id: i64, format: MinutesFormat) -> Result<MinutesFile> {
    store.read(|r| {
        let meeting = summary(r.conn(), id)?;
        let file = match format {
            MinutesFormat::Pdf => {
                let bytes = if meeting.status == "final" {
                    stored_pdf(r.conn(), id)?
                } else {
                    minutes::render(&minutes_doc(r.conn(), id, r.now(), true)?)?
                };
                r.audit(AuditEvent::MinutesExported { number: meeting.number.clone() });
                MinutesFile { name: minutes_file_name(&meeting, "pdf"), bytes }
            }
            MinutesFormat::Email => {
                if meeting.status != "final" {
                    return Err(Error::invalid(
                        "meeting",
                        "kun et færdiggjort referat kan gøres klar til e-mail; færdiggør mødet først",
                    ));
                }
                let pdf = stored_pdf(r.conn(), id)?;
                let to = distribution_addresses(r.conn(), id)?;
                let bytes = email_draft(&meeting, &to, pdf, r.now())?;
                r.audit(AuditEvent::MinutesEmailDrafted { number: meeting.number.clone() });
                MinutesFile { name: minutes_file_name(&meeting, "eml"), bytes }
            }
        };
        Ok(file)
    })
}

fn stored_pdf(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    Ok(conn.query_row("SELECT minutes_pdf FROM meetings WHERE id = ?1", [id], |row| row.get::<_, Vec<u8>>(0))?)
}

/// Saves the minutes' PDF where the user chose in the native save dialog, which has already
/// asked about replacing an existing file: written under a temporary name in the same directory,
/// then renamed into place (owner-only where the OS supports it). Audited like an export.
pub fn save_minutes(store: &Store, id: i64, path: &Path) -> Result<()> {
    let pdf = minutes_pdf(store, id)?;
    crate::store::write_export_replacing(path, &pdf)
}

/// "Klar til e-mail": the finalized minutes as an unsent RFC 5322 message (`.eml`). Its header
/// `X-Unsent: 1` makes Outlook and Apple Mail open it as a new message to send. It is addressed
/// to the e-mail addresses of the meeting's participants (the distribution list; no names), has
/// a neutral subject without personal data ("Referat af infohusmøde 23/2026, Infohus
/// Østjylland"), a short Danish text, and the stored PDF attached under its neutral file name.
/// It has no `From`: the mail program sends from the coordinator's own account. A draft meeting
/// is refused (`invalid_input` on `meeting`).
pub fn minutes_email(store: &Store, id: i64) -> Result<Vec<u8>> {
    Ok(minutes_file(store, id, MinutesFormat::Email)?.bytes)
}

/// Writes the e-mail draft to a new file (never replacing one), owner-only where the OS supports it.
pub fn export_minutes_email(store: &Store, id: i64, path: &Path) -> Result<()> {
    let eml = minutes_email(store, id)?;
    crate::store::write_export(path, &eml)
}

/// Writes the minutes (the PDF, a draft's as its "UDKAST" preview; or the e-mail draft) into the
/// app's private export folder under their neutral name and returns the file's path, to be
/// opened in the default PDF viewer or mail program.
pub fn write_private_copy(
    store: &Store,
    id: i64,
    format: MinutesFormat,
    folder: &crate::export::PrivateFolder,
) -> Result<std::path::PathBuf> {
    let file = minutes_file(store, id, format)?;
    folder.write(&file.name, &file.bytes)
}

/// The meeting's participants' e-mail addresses, each once, in the minutes' order. Addresses that
/// are not a plain `local@domain` (which a header could misread) are left out.
fn distribution_addresses(conn: &Connection, id: i64) -> Result<Vec<String>> {
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

/// `local@domain` with one `@` and nothing a mail header treats specially.
fn plain_address(e: &str) -> bool {
    let special = |c: char| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"".contains(c);
    e.matches('@').count() == 1 && crate::text::is_email_address(e) && !e.chars().any(special)
}

/// The e-mail draft's bytes (MIME by `mail-builder`).
fn email_draft(meeting: &MeetingSummary, to: &[String], pdf: Vec<u8>, now: DateTime<Utc>) -> Result<Vec<u8>> {
    use mail_builder::MessageBuilder;
    use mail_builder::headers::{date::Date, raw::Raw};
    let infohus = district::display_name(&meeting.district_code);
    let (addendum, base) = number_parts(&meeting.number);
    let (subject, document) = match addendum {
        Some(n) => (
            format!("Tillæg {n} til referat af infohusmøde {base}, {infohus}"),
            format!("tillæg {n} til referatet af infohusmøde {base}, {infohus}"),
        ),
        None => {
            (format!("Referat af infohusmøde {base}, {infohus}"), format!("referatet af infohusmøde {base}, {infohus}"))
        }
    };
    let body = format!(
        "Hej\n\n\
         Hermed {document}. Referatet er vedhæftet som PDF.\n\n\
         Referatet er fortroligt. Send det kun gennem myndighedens egen sikre e-mail. Oplysningerne \
         er udvekslet efter retsplejelovens § 115 og må ikke anvendes til efterforskning.\n\n\
         Med venlig hilsen\n"
    );
    let mut message = MessageBuilder::new()
        .header("X-Unsent", Raw::new("1"))
        .message_id(format!("{}@tovholder.invalid", uuid::Uuid::new_v4()))
        .date(Date::new(now.timestamp()))
        .subject(subject)
        .text_body(body)
        .attachment("application/pdf", minutes_file_name(meeting, "pdf"), pdf);
    if !to.is_empty() {
        message = message.to(to.to_vec());
    }
    message.write_to_vec().map_err(|_| Error::Internal("an e-mail draft is built in memory"))
}

/// A correction of finalized minutes: a new draft "Tillæg N til møde X" with the original's
/// participants, which references the original's SHA-256 in its minutes.
pub fn create_addendum(store: &Store, original: i64) -> Result<MeetingSummary> {
    store.write(|op| {
        let o = summary(op.conn(), original)?;
        if o.status != "final" {
            return Err(Error::invalid("meeting", "kun et færdiggjort møde kan få et tillæg"));
        }
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
        let s = summary(op.conn(), id)?;
        op.audit(AuditEvent::MeetingChanged { number: s.number.clone() });
        Ok(s)
    })
}
