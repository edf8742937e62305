//! Full-text search over Danish-folded text (table `case_search`, FTS5, contentless). Row ids:
//! `-case_id` for a case's own text (reference, pseudonym, municipality, description), the note id
//! for a note.

use crate::error::Result;
use crate::store::Op;
use crate::text::fold;
use rusqlite::{Connection, params};
use serde::Serialize;

/// Where a case matched: its own text or one of its notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MatchedIn {
    Case,
    Note,
}

/// (Re)indexes a case's own text.
pub(crate) fn index_case(
    conn: &Connection,
    case_id: i64,
    reference: &str,
    pseudonym: &str,
    municipality: &str,
    description: &str,
) -> Result<()> {
    conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?.execute([-case_id])?;
    conn.prepare_cached("INSERT INTO case_search (rowid, body) VALUES (?1, ?2)")?
        .execute(params![-case_id, fold(&format!("{reference} {pseudonym} {municipality} {description}"))])?;
    Ok(())
}

pub(crate) fn index_note(conn: &Connection, note_id: i64, body: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO case_search (rowid, body) VALUES (?1, ?2)")?
        .execute(params![note_id, fold(body)])?;
    Ok(())
}

/// Builds an FTS5 query from what a person typed: every word must match (as a prefix), folded
/// the same way as the index. Returns None when nothing searchable was typed. Public for the
/// benchmark, which times the bare FTS5 query beside `search`.
pub fn fts_query(input: &str) -> Option<String> {
    let folded = fold(input);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Index row ids matching an FTS5 query, best first.
pub(crate) fn ranked(conn: &Connection, fts: &str, limit: u32) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT rowid FROM case_search WHERE case_search MATCH ?1 ORDER BY rank LIMIT ?2")?;
    let rows = stmt.query_map(params![fts, i64::from(limit)], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Removes a case's entries from the index: its own text and its notes' (by their ids).
pub(crate) fn purge(op: &Op<'_>, case_id: i64, note_ids: &[i64]) -> Result<()> {
    let mut delete = op.conn().prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?;
    delete.execute([-case_id])?;
    for id in note_ids {
        delete.execute([id])?;
    }
    Ok(())
}
