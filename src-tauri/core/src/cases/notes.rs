//! A case's notes (table `case_notes`): timestamped, authored, searchable.

use crate::dates::Stamp;
use crate::error::Result;
use crate::op::{Op, Reader};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Note {
    pub at: Stamp,
    pub author: String,
    pub body: String,
}

/// Inserts a note (already validated) and indexes it for search. Returns its id.
/// A note by the operation's actor, at the operation's time.
pub fn add(op: &Op<'_>, case_id: i64, body: &str) -> Result<Note> {
    op.conn()
        .prepare_cached("INSERT INTO case_notes (case_id, at, author, body) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![case_id, op.stamp(), op.actor(), body])?;
    let id = op.conn().last_insert_rowid();
    super::search::index_note(op, id, body)?;
    Ok(Note { at: op.stamp(), author: op.actor().to_string(), body: body.to_string() })
}

/// A note that came with a sealed case from another installation: its own time and author as
/// the sender wrote them (already validated), indexed for search like any note.
pub fn add_received(op: &Op<'_>, case_id: i64, at: Stamp, author: &str, body: &str) -> Result<()> {
    op.conn()
        .prepare_cached("INSERT INTO case_notes (case_id, at, author, body) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![case_id, at, author, body])?;
    let id = op.conn().last_insert_rowid();
    super::search::index_note(op, id, body)
}

pub(crate) fn for_case(db: &Reader<'_>, case_id: i64) -> Result<Vec<Note>> {
    let mut stmt =
        db.conn().prepare_cached("SELECT at, author, body FROM case_notes WHERE case_id = ?1 ORDER BY at, id")?;
    let rows = stmt
        .query_map([case_id], |r| Ok(Note { at: r.get(0)?, author: r.get(1)?, body: r.get(2)? }))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The case a note belongs to and the note's text (search hits on notes).
pub(crate) fn case_and_body(db: &Reader<'_>, note_id: i64) -> Result<Option<(i64, String)>> {
    Ok(db
        .conn()
        .prepare_cached("SELECT case_id, body FROM case_notes WHERE id = ?1")?
        .query_row([note_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub(crate) fn ids_for_case(db: &Reader<'_>, case_id: i64) -> Result<Vec<i64>> {
    let mut stmt = db.conn().prepare_cached("SELECT id FROM case_notes WHERE case_id = ?1")?;
    let rows = stmt.query_map([case_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

pub(crate) fn count(db: &Reader<'_>) -> Result<u64> {
    Ok(db.conn().query_row("SELECT count(*) FROM case_notes", [], |r| r.get::<_, i64>(0))? as u64)
}

/// Deletes a case's notes (retention); their search entries go with them (trigger).
pub fn purge(op: &Op<'_>, case_id: i64) -> Result<()> {
    op.conn().execute("DELETE FROM case_notes WHERE case_id = ?1", [case_id])?;
    Ok(())
}
