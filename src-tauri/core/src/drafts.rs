//! Drafts (table `drafts`, #17): what was being typed when the app locked, kept in the store
//! (encrypted like everything else) and taken back after unlocking, so locking never loses input.
//! One per kind of form; taking it deletes it.

use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::store::Store;
use rusqlite::{OptionalExtension, params};

/// The largest draft kept (characters of its JSON).
pub const DRAFT_MAX: usize = 200_000;

crate::keys::key_enum!(
    /// Which form a draft belongs to.
    DraftKind {
        Intake = "intake": "Ny henvendelse",
    }
);

/// Keeps a form's content (a JSON object) until it is taken back; replaces an earlier one.
pub fn save(store: &Store, kind: DraftKind, body: &str) -> Result<()> {
    if body.chars().count() > DRAFT_MAX {
        return Err(Error::invalid("body", format!("højst {DRAFT_MAX} tegn")));
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(_)) => {}
        _ => return Err(Error::invalid("body", "skal være et JSON-objekt")),
    }
    store.write(|op| {
        op.conn().execute(
            "INSERT INTO drafts (kind, body, saved_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (kind) DO UPDATE SET body = ?2, saved_at = ?3",
            params![kind.as_str(), body, op.stamp()],
        )?;
        op.audit(AuditEvent::DraftSaved { kind });
        Ok(())
    })
}

/// Takes a form's kept content back (and deletes it); none when there is none.
pub fn take(store: &Store, kind: DraftKind) -> Result<Option<String>> {
    let kept: bool = store.read_unlogged(|r| {
        Ok(r.conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM drafts WHERE kind = ?1)", [kind.as_str()], |row| row.get(0))?)
    })?;
    if !kept {
        return Ok(None);
    }
    store.write(|op| {
        let body: Option<String> =
            op.conn().query_row("SELECT body FROM drafts WHERE kind = ?1", [kind.as_str()], |r| r.get(0)).optional()?;
        if body.is_some() {
            op.conn().execute("DELETE FROM drafts WHERE kind = ?1", [kind.as_str()])?;
            op.audit(AuditEvent::DraftTaken { kind });
        }
        Ok(body)
    })
}
