//! The directory of other installations (#18): the infohuse's coordinators and the hotline's
//! sites this one exchanges sealed cases with — their public keys as imported, whom they belong
//! to, and whether the safety number was compared by phone (only verified keys are sent to and
//! trusted as senders). A new key for a known installation replaces the old one and must be
//! verified again.

use crate::audit::AuditEvent;
use crate::dates::Stamp;
use crate::district;
use crate::error::{Error, Result};
use crate::identity::{self, PublicIdentity};
use crate::op::{Op, Reader};
use crate::store::Store;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

pub const NAME_MAX: usize = 120;

/// One installation in the directory, as the settings and `peers list` show it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Peer {
    pub id: i64,
    /// Who it is, e.g. "Mette Holm, Fyns Politi".
    pub name: String,
    /// The police district code of its infohus, e.g. "FYP".
    pub district_code: String,
    /// The infohus's name, e.g. "Infohus Fyn".
    pub district_name: String,
    pub fingerprint: String,
    /// The safety number of this installation and that one, to read aloud.
    pub safety_number: String,
    pub verified: bool,
    pub verified_at: Option<Stamp>,
    /// Set when the installation's key changed since it was first added (then not verified).
    pub key_changed_at: Option<Stamp>,
    pub added_at: Stamp,
}

/// What `add` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PeerAdded {
    /// A new installation.
    New,
    /// The same key again: name and infohus updated, verification kept.
    Unchanged,
    /// A known installation with a new key: it must be verified again.
    KeyChanged,
}

pub(crate) struct PeerKeys {
    pub id: i64,
    pub district_code: String,
    pub verified: bool,
    pub public: PublicIdentity,
}

fn keys_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PeerKeys> {
    let bad = |i| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Blob, "a stored key".into());
    let installation: String = r.get(2)?;
    Ok(PeerKeys {
        id: r.get(0)?,
        district_code: r.get(1)?,
        public: PublicIdentity {
            installation_id: uuid::Uuid::parse_str(&installation).map_err(|_| bad(2))?,
            age_key: r.get::<_, Vec<u8>>(3)?.try_into().map_err(|_| bad(3))?,
            verify_key: r.get::<_, Vec<u8>>(4)?.try_into().map_err(|_| bad(4))?,
        },
        verified: r.get::<_, Option<Stamp>>(5)?.is_some(),
    })
}

const KEY_COLUMNS: &str = "id, district_code, installation_id, age_key, verify_key, verified_at";

/// Every installation in the directory with its keys (checking a signature tries them all).
pub(crate) fn all_keys(db: &Reader<'_>) -> Result<Vec<PeerKeys>> {
    let mut stmt = db.conn().prepare_cached(&format!("SELECT {KEY_COLUMNS} FROM peers ORDER BY id"))?;
    let rows = stmt.query_map([], keys_from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The verified installations of one infohus (a bundle is sealed to every one of them).
pub(crate) fn verified_of(db: &Reader<'_>, district_code: &str) -> Result<Vec<PeerKeys>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {KEY_COLUMNS} FROM peers WHERE district_code = ?1 AND verified_at IS NOT NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map([district_code], keys_from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A peer's name and infohus (for history lines and previews).
pub(crate) fn name_of(db: &Reader<'_>, id: i64) -> Result<(String, String)> {
    db.conn()
        .query_row("SELECT name, district_code FROM peers WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound("Modtageren"))
}

fn peer_from_row(r: &rusqlite::Row<'_>, own: &PublicIdentity) -> rusqlite::Result<Peer> {
    let keys = keys_from_row(r)?;
    let verified_at: Option<Stamp> = r.get(5)?;
    Ok(Peer {
        id: keys.id,
        name: r.get(6)?,
        district_name: district::display_name(&keys.district_code).to_string(),
        district_code: keys.district_code,
        fingerprint: keys.public.fingerprint(),
        safety_number: identity::safety_number(own, &keys.public),
        verified: verified_at.is_some(),
        verified_at,
        key_changed_at: r.get(7)?,
        added_at: r.get(8)?,
    })
}

fn read_peers(db: &Reader<'_>, only: Option<i64>) -> Result<Vec<Peer>> {
    let own = identity::own(db)?;
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {KEY_COLUMNS}, name, key_changed_at, added_at FROM peers
         WHERE ?1 IS NULL OR id = ?1 ORDER BY district_code, name, id"
    ))?;
    let rows = stmt.query_map([only], |r| peer_from_row(r, own.public()))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The directory (no personal data about the people in the cases: staff names and keys).
pub fn list(store: &Store) -> Result<Vec<Peer>> {
    store.read_unlogged(|db| read_peers(db, None))
}

fn clean_name(name: &str) -> Result<String> {
    let v = crate::text::clean_text("name", name, NAME_MAX, false)?;
    if v.is_empty() {
        return Err(Error::invalid("name", "skriv hvem nøglen tilhører (navn og infohus)"));
    }
    Ok(v)
}

/// Adds an installation from its public line, or updates a known one (the same installation id).
/// A new key for a known installation replaces the old one and clears the verification.
/// `verified` marks it verified at once (the safety number was compared before adding).
pub fn add(store: &Store, line: &str, name: &str, infohus: &str, verified: bool) -> Result<(Peer, PeerAdded)> {
    let public = PublicIdentity::parse_line(line)?;
    let name = clean_name(name)?;
    let district = district::find(infohus).ok_or_else(|| Error::invalid("infohus", "ukendt infohus"))?;
    store.write(|op| {
        let own = identity::own(op)?;
        if own.public().installation_id == public.installation_id {
            return Err(Error::invalid("line", "det er denne installations egen nøgle"));
        }
        let known = op
            .conn()
            .query_row(
                &format!("SELECT {KEY_COLUMNS} FROM peers WHERE installation_id = ?1"),
                [public.installation_id.to_string()],
                keys_from_row,
            )
            .optional()?;
        let outcome = match known {
            None => {
                op.conn()
                    .prepare_cached(
                        "INSERT INTO peers (installation_id, name, district_code, age_key, verify_key, fingerprint,
                             added_at, added_by)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    )?
                    .execute(params![
                        public.installation_id.to_string(),
                        name,
                        district.code,
                        &public.age_key[..],
                        &public.verify_key[..],
                        public.fingerprint(),
                        op.stamp(),
                        op.actor(),
                    ])?;
                PeerAdded::New
            }
            Some(k) if k.public == public => {
                op.conn().execute(
                    "UPDATE peers SET name = ?2, district_code = ?3 WHERE id = ?1",
                    params![k.id, name, district.code],
                )?;
                PeerAdded::Unchanged
            }
            Some(k) => {
                op.conn().execute(
                    "UPDATE peers SET name = ?2, district_code = ?3, age_key = ?4, verify_key = ?5, fingerprint = ?6,
                         verified_at = NULL, verified_by = NULL, key_changed_at = ?7
                     WHERE id = ?1",
                    params![
                        k.id,
                        name,
                        district.code,
                        &public.age_key[..],
                        &public.verify_key[..],
                        public.fingerprint(),
                        op.stamp()
                    ],
                )?;
                PeerAdded::KeyChanged
            }
        };
        let id: i64 = op.conn().query_row(
            "SELECT id FROM peers WHERE installation_id = ?1",
            [public.installation_id.to_string()],
            |r| r.get(0),
        )?;
        op.audit(AuditEvent::PeerAdded { id });
        if verified {
            mark_verified(op, id)?;
        }
        let peer = read_peers(op, Some(id))?.pop().ok_or(Error::NotFound("Installationen"))?;
        Ok((peer, outcome))
    })
}

fn mark_verified(op: &mut Op<'_>, id: i64) -> Result<()> {
    let n = op.conn().execute(
        "UPDATE peers SET verified_at = ?2, verified_by = ?3 WHERE id = ?1",
        params![id, op.stamp(), op.actor()],
    )?;
    if n == 0 {
        return Err(Error::NotFound("Installationen"));
    }
    op.audit(AuditEvent::PeerVerified { id });
    Ok(())
}

/// Marks an installation verified: its safety number was compared with its owner by phone.
pub fn verify(store: &Store, id: i64) -> Result<Peer> {
    store.write(|op| {
        mark_verified(op, id)?;
        read_peers(op, Some(id))?.pop().ok_or(Error::NotFound("Installationen"))
    })
}
