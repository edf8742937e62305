//! The hand-over's rows: bundles sent (`handovers_sent`) and received (`handovers_received`).

use crate::dates::Stamp;
use crate::error::Result;
use crate::op::{Op, Reader};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

/// A bundle sent for a case, as the case panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SentHandover {
    pub bundle_sha256: String,
    /// The police district code of the receiving infohus.
    pub district_code: String,
    pub sent_at: Stamp,
    pub sent_by: String,
    pub with_contact: bool,
    /// When the receiver's receipt was imported (»Modtagelse bekræftet«).
    pub confirmed_at: Option<Stamp>,
    /// Who received it (name and infohus, from the receipt).
    pub confirmed_by: Option<String>,
    /// The case's reference at the receiver.
    pub receiver_reference: Option<String>,
}

pub fn insert_sent(
    op: &Op<'_>,
    case_id: i64,
    hash: &str,
    district_code: &str,
    recipients: &[String],
    with_contact: bool,
) -> Result<()> {
    let recipients = serde_json::to_string(recipients).map_err(|_| crate::Error::Internal("recipients as JSON"))?;
    op.conn()
        .prepare_cached(
            "INSERT INTO handovers_sent (case_id, bundle_sha256, district_code, recipients, with_contact, sent_at, sent_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![case_id, hash, district_code, recipients, with_contact, op.stamp(), op.actor()])?;
    Ok(())
}

/// A sent bundle as a receipt is matched against it.
pub(crate) struct SentRow {
    pub id: i64,
    pub case_id: i64,
    /// The fingerprints it was sealed to.
    pub recipients: Vec<String>,
    pub confirmed: bool,
}

/// A sent bundle by its hash.
pub(crate) fn sent_by_hash(db: &Reader<'_>, hash: &str) -> Result<Option<SentRow>> {
    let row = db
        .conn()
        .prepare_cached(
            "SELECT id, case_id, recipients, confirmed_at IS NOT NULL FROM handovers_sent WHERE bundle_sha256 = ?1",
        )?
        .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?)))
        .optional()?;
    Ok(row.map(|(id, case_id, recipients, confirmed)| SentRow {
        id,
        case_id,
        recipients: serde_json::from_str(&recipients).unwrap_or_default(),
        confirmed,
    }))
}

pub fn confirm(op: &Op<'_>, id: i64, by: &str, receiver_reference: &str) -> Result<()> {
    op.conn().execute(
        "UPDATE handovers_sent SET confirmed_at = ?2, confirmed_by = ?3, receiver_reference = ?4 WHERE id = ?1",
        params![id, op.stamp(), by, receiver_reference],
    )?;
    Ok(())
}

/// The bundles sent for a case, newest last.
pub(crate) fn sent_for_case(db: &Reader<'_>, case_id: i64) -> Result<Vec<SentHandover>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT bundle_sha256, district_code, sent_at, sent_by, with_contact, confirmed_at, confirmed_by,
                receiver_reference
         FROM handovers_sent WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([case_id], |r| {
            Ok(SentHandover {
                bundle_sha256: r.get(0)?,
                district_code: r.get(1)?,
                sent_at: r.get(2)?,
                sent_by: r.get(3)?,
                with_contact: r.get(4)?,
                confirmed_at: r.get(5)?,
                confirmed_by: r.get(6)?,
                receiver_reference: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The first day a forwarded case's hand-over was confirmed (retention deletes it sooner).
pub(crate) fn confirmed_at(db: &Reader<'_>, case_id: i64) -> Result<Option<Stamp>> {
    Ok(db
        .conn()
        .prepare_cached("SELECT min(confirmed_at) FROM handovers_sent WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get(0))?)
}

pub fn insert_received(op: &Op<'_>, hash: &str, case_id: i64, origin_reference: &str, peer_id: i64) -> Result<()> {
    op.conn()
        .prepare_cached(
            "INSERT INTO handovers_received (bundle_sha256, case_id, origin_reference, peer_id, received_at, received_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![hash, case_id, origin_reference, peer_id, op.stamp(), op.actor()])?;
    Ok(())
}

/// A received bundle by its hash: `Some(case id)` when it was imported (`Some(None)`: its case has
/// since been deleted).
pub(crate) fn received_case(db: &Reader<'_>, hash: &str) -> Result<Option<Option<i64>>> {
    Ok(db
        .conn()
        .prepare_cached("SELECT case_id FROM handovers_received WHERE bundle_sha256 = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?)
}

/// What a receipt for a received case needs.
pub(crate) struct ReceivedRow {
    pub bundle_sha256: String,
    pub origin_reference: String,
    /// The sender in the directory.
    pub peer_id: i64,
    pub received_at: Stamp,
    pub received_by: String,
}

/// The latest bundle a case was received from.
pub(crate) fn received_for_case(db: &Reader<'_>, case_id: i64) -> Result<Option<ReceivedRow>> {
    Ok(db
        .conn()
        .prepare_cached(
            "SELECT bundle_sha256, origin_reference, peer_id, received_at, received_by
             FROM handovers_received WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([case_id], |r| {
            Ok(ReceivedRow {
                bundle_sha256: r.get(0)?,
                origin_reference: r.get(1)?,
                peer_id: r.get(2)?,
                received_at: r.get(3)?,
                received_by: r.get(4)?,
            })
        })
        .optional()?)
}

/// A case deleted: the bundles sent for it go; of one received, only its hash stays (so the same
/// file is not imported again), without the case or the sender's reference.
pub fn purge(op: &Op<'_>, case_id: i64) -> Result<()> {
    op.conn().execute("DELETE FROM handovers_sent WHERE case_id = ?1", [case_id])?;
    op.conn().execute(
        "UPDATE handovers_received SET case_id = NULL, origin_reference = NULL WHERE case_id = ?1",
        [case_id],
    )?;
    Ok(())
}
