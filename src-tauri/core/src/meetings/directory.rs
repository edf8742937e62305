//! The participants directory (table `directory`): the people meetings name, added, edited and
//! retired; a meeting's participants are found in it or added to it.

use super::record::ParticipantRecord;
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::op::{Op, Reader};
use crate::store::Store;
use crate::text::{clean_optional, clean_text};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

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

pub(super) fn directory_entry(db: &Reader<'_>, id: i64) -> Result<DirectoryEntry> {
    db.conn()
        .query_row(
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
fn check_unique(db: &Reader<'_>, p: &DirectoryPerson, except: Option<i64>) -> Result<()> {
    let taken: bool = db.conn().query_row(
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

pub fn directory_id(op: &Op<'_>, p: &ParticipantRecord) -> Result<i64> {
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

/// The directory, by organisation and name; retired people only when asked for.
pub fn directory(store: &Store, include_retired: bool) -> Result<Vec<DirectoryEntry>> {
    store.read(|r| {
        let ids: Vec<i64> = r
            .conn()
            .prepare_cached("SELECT id FROM directory WHERE ?1 OR retired_at IS NULL ORDER BY organisation, name, id")?
            .query_map([include_retired], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let entries = ids.into_iter().map(|id| directory_entry(r, id)).collect::<Result<Vec<_>>>()?;
        r.audit(AuditEvent::DirectoryListed);
        Ok(entries)
    })
}

/// Adds a person to the directory.
pub fn add_to_directory(store: &Store, person: &DirectoryPerson) -> Result<DirectoryEntry> {
    let p = valid_person(person)?;
    store.write(|op| {
        check_unique(op, &p, None)?;
        op.conn().execute(
            "INSERT INTO directory (name, organisation, role, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![p.name, p.organisation, p.role, p.email, op.stamp()],
        )?;
        let id = op.conn().last_insert_rowid();
        op.audit(AuditEvent::DirectoryChanged { id });
        directory_entry(op, id)
    })
}

/// Corrects a person's name, organisation, role or e-mail. Finalized minutes keep what they
/// said (their PDF is stored); drafts show the new values.
pub fn edit_directory(store: &Store, id: i64, person: &DirectoryPerson) -> Result<DirectoryEntry> {
    let p = valid_person(person)?;
    store.write(|op| {
        directory_entry(op, id)?;
        check_unique(op, &p, Some(id))?;
        op.conn().execute(
            "UPDATE directory SET name = ?1, organisation = ?2, role = ?3, email = ?4 WHERE id = ?5",
            params![p.name, p.organisation, p.role, p.email, id],
        )?;
        op.audit(AuditEvent::DirectoryChanged { id });
        directory_entry(op, id)
    })
}

/// Retires a person (left the organisation): no longer offered for new meetings; earlier
/// meetings keep naming them. Retiring twice is refused.
pub fn retire_from_directory(store: &Store, id: i64) -> Result<DirectoryEntry> {
    store.write(|op| {
        if directory_entry(op, id)?.retired {
            return Err(Error::invalid("id", "deltageren er allerede fjernet fra listen"));
        }
        op.conn().execute("UPDATE directory SET retired_at = ?1 WHERE id = ?2", params![op.stamp(), id])?;
        op.audit(AuditEvent::DirectoryChanged { id });
        directory_entry(op, id)
    })
}
