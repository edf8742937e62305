//! The audit log: append-only record of access and changes. Subjects are case references or store
//! events, never personal data.

use crate::error::Result;
use rusqlite::Connection;

pub fn record(conn: &Connection, actor: &str, action: &str, subject: Option<&str>) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, subject) VALUES (?1, ?2, ?3, ?4)",
        (crate::dates::now_stamp(), actor, action, subject),
    )?;
    Ok(())
}

/// Records a read (a case opened, a search run). Read entries are committed without an fsync of
/// their own (WAL with `synchronous = NORMAL` for this one statement): they reach the disk with
/// the next data change or checkpoint, which every data change forces with its own fsync. This
/// keeps a search at the speed of the search (an fsync costs 3–4 ms here) without weakening the
/// durability of case data. Must be called outside a transaction.
pub fn record_read(conn: &Connection, actor: &str, action: &str, subject: Option<&str>) -> Result<()> {
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let result = record(conn, actor, action, subject);
    conn.pragma_update(None, "synchronous", "FULL")?;
    result
}
