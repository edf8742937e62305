//! A case's history (table `case_history`): every change of a field, with old and new value, who,
//! when and (for moves and forwarding) why. Immutable (a trigger refuses UPDATE); removed only
//! with its case by [`purge`].

use crate::dates::Stamp;
use crate::error::Result;
use crate::op::{Op, Reader};
use rusqlite::params;
use serde::Serialize;

crate::keys::key_enum!(
    /// What a history entry changed (its stored `field`), and what the case panel's history and
    /// the access report call it: one list, generated into the UI's rules.
    HistoryField {
        Created = "created": "Sag oprettet",
        Stage = "stage": "Fase",
        Outcome = "outcome": "Udfald",
        ForwardedTo = "forwarded_to": "Videresendt til",
        Pseudonym = "pseudonym": "Pseudonym",
        BirthYear = "birth_year": "Fødselsår",
        Gender = "gender": "Køn",
        Municipality = "municipality": "Bopælskommune",
        Category = "category": "Kategori",
        Indicators = "indicators": "Tegn på bekymring",
        Urgency = "urgency": "Hastegrad",
        PoliceFlag = "police_flag": "Markeret til politiet",
        Description = "description": "Beskrivelse",
        Channel = "channel": "Kilde",
        ActionItem = "action_item": "Opgave",
        MeetingFlag = "meeting_flag": "Til møde",
        Meeting = "meeting": "Møde",
        HandoverSent = "handover_sent": "Sendt forseglet",
        ReceivedFrom = "received_from": "Modtaget fra",
        HandoverConfirmed = "handover_confirmed": "Modtagelse bekræftet",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct HistoryEntry {
    pub at: Stamp,
    pub actor: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
}

/// Records one change, by the operation's actor at the operation's time.
pub fn record(
    op: &Op<'_>,
    case_id: i64,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
    reason: Option<&str>,
) -> Result<()> {
    op.conn()
        .prepare_cached(
            "INSERT INTO case_history (case_id, at, actor, field, old_value, new_value, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![case_id, op.stamp(), op.actor(), field, old, new, reason])?;
    Ok(())
}

pub(crate) fn for_case(db: &Reader<'_>, case_id: i64) -> Result<Vec<HistoryEntry>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT at, actor, field, old_value, new_value, reason FROM case_history WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([case_id], |r| {
            Ok(HistoryEntry {
                at: r.get(0)?,
                actor: r.get(1)?,
                field: r.get(2)?,
                old_value: r.get(3)?,
                new_value: r.get(4)?,
                reason: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub(crate) fn count(db: &Reader<'_>) -> Result<u64> {
    Ok(db.conn().query_row("SELECT count(*) FROM case_history", [], |r| r.get::<_, i64>(0))? as u64)
}

/// Deletes a case's history (retention).
pub fn purge(op: &Op<'_>, case_id: i64) -> Result<()> {
    op.conn().execute("DELETE FROM case_history WHERE case_id = ?1", [case_id])?;
    Ok(())
}

/// A change of a case's stage or outcome, as the statistics read it (no actor, no reason text).
#[derive(Debug, Clone)]
pub(crate) struct StageChange {
    pub case_id: i64,
    pub at: Stamp,
    /// True for a stage change, false for an outcome change.
    pub stage: bool,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// Every stage and outcome change before `before`, in the order made (one pass over the table in
/// its own order; callers group them by case).
pub(crate) fn stage_changes(db: &Reader<'_>, before: Stamp) -> Result<Vec<StageChange>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT case_id, at, field, old_value, new_value FROM case_history
         WHERE field IN ('stage', 'outcome') AND at < ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([before], |r| {
            Ok(StageChange {
                case_id: r.get(0)?,
                at: r.get(1)?,
                stage: r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)? == "stage",
                old_value: r.get(3)?,
                new_value: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
