//! The operation layer: the only ways to touch the store's tables.
//!
//! - [`Op`]: one write. An immediate transaction (`BEGIN IMMEDIATE`, so the app and the CLI never
//!   interleave a read-then-write), the actor, one time for all its rows (from the store's clock),
//!   and the typed audit events committed with the change — or a rollback of everything. Every
//!   function that writes a table takes `&Op` (or `&mut Op`); an `Op` exists only inside
//!   [`Store::write`], so a write outside a transaction with its audit event does not compile.
//! - [`Read`]: one logged read, in one read transaction (one snapshot however many statements it
//!   runs); its read events are recorded after it.
//! - [`Reader`]: what both hand to the functions that only read. Its connection ([`ReadOnly`])
//!   prepares read-only statements only: a statement that would write is refused before it runs.
//!
//! A committed write also records which kinds of data it changed ([`DataKind`], derived from its
//! audit events by [`AuditEvent::changes`]); the shell takes them with [`Store::take_changes`]
//! and tells the window once.

use crate::audit::{self, AuditEvent};
use crate::dates::Stamp;
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::{DateTime, Utc};
use rusqlite::{CachedStatement, Connection, Params, Row};
use serde::{Deserialize, Serialize};
use std::ops::Deref;

/// Read access to the store, inside a write operation or a read transaction.
pub struct Reader<'s> {
    conn: &'s Connection,
    actor: &'s str,
    now: DateTime<Utc>,
}

impl<'s> Reader<'s> {
    /// The connection for reading: it prepares read-only statements only.
    pub(crate) fn conn(&self) -> ReadOnly<'s> {
        ReadOnly(self.conn)
    }

    /// Who acts: the coordinator's name.
    pub fn actor(&self) -> &str {
        self.actor
    }

    /// The time of this operation (one instant for all its rows).
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn stamp(&self) -> Stamp {
        Stamp::new(self.now)
    }
}

/// A connection that runs read-only statements only (checked by SQLite's own
/// `sqlite3_stmt_readonly` when the statement is prepared): the read handle cannot write.
#[derive(Clone, Copy)]
pub(crate) struct ReadOnly<'c>(&'c Connection);

impl<'c> ReadOnly<'c> {
    /// A cached read-only statement; a statement that would write is refused (`InvalidQuery`).
    pub(crate) fn prepare_cached(&self, sql: &str) -> rusqlite::Result<CachedStatement<'c>> {
        let stmt = self.0.prepare_cached(sql)?;
        if !stmt.readonly() {
            return Err(rusqlite::Error::InvalidQuery);
        }
        Ok(stmt)
    }

    /// The first row of a read-only query.
    pub(crate) fn query_row<T, P: Params, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// One write operation; obtained only through [`Store::write`].
pub struct Op<'s> {
    reader: Reader<'s>,
    events: Vec<AuditEvent>,
}

impl<'s> Op<'s> {
    /// The transaction's connection, for writing this module's tables.
    pub(crate) fn conn(&self) -> &'s Connection {
        self.reader.conn
    }

    /// Records what this operation did; committed with it, or not at all.
    pub fn audit(&mut self, event: AuditEvent) {
        self.events.push(event);
    }

    /// Runs `f` as a step of this operation done at another time by another actor (demo data,
    /// made as if typed over the years), through the same functions and rules as any change;
    /// its audit events become this operation's.
    pub(crate) fn as_of<T>(
        &mut self,
        now: DateTime<Utc>,
        actor: &str,
        f: impl FnOnce(&mut Op<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut step = Op { reader: Reader { conn: self.reader.conn, actor, now }, events: Vec::new() };
        let value = f(&mut step)?;
        self.events.append(&mut step.events);
        Ok(value)
    }
}

impl<'s> Deref for Op<'s> {
    type Target = Reader<'s>;
    fn deref(&self) -> &Reader<'s> {
        &self.reader
    }
}

/// One logged read; obtained only through [`Store::read`].
pub struct Read<'s> {
    reader: Reader<'s>,
    events: Vec<AuditEvent>,
}

impl<'s> Read<'s> {
    /// Records that personal data was read (written after the read, without personal data).
    pub fn audit(&mut self, event: AuditEvent) {
        self.events.push(event);
    }

    pub(crate) fn events(&self) -> &[AuditEvent] {
        &self.events
    }

    /// The connection on which the audit log appends this read's events, after the read
    /// transaction ended ([`audit::insert_reads`]); for nothing else.
    pub(crate) fn log_connection(&self) -> &'s Connection {
        self.reader.conn
    }
}

impl<'s> Deref for Read<'s> {
    type Target = Reader<'s>;
    fn deref(&self) -> &Reader<'s> {
        &self.reader
    }
}

crate::keys::key_enum!(
    /// A kind of data a committed write changed: what the window reloads (no personal data).
    /// `store`: the store was opened, created or restored (everything may be new); `cases`:
    /// cases, their notes and history (stage, fields, forwarding, the meeting flag);
    /// `action_items`: opgaver; `board_settings`: the coordinator's board settings; `meetings`:
    /// meetings, their records, agendas and minutes; `directory`: the participants directory;
    /// `meeting_settings`: how long minutes are kept; `peers`: the hand-over's directory of keys.
    DataKind {
        Store = "store": "Hele databasen",
        Cases = "cases": "Sager",
        ActionItems = "action_items": "Opgaver",
        BoardSettings = "board_settings": "Tavlens indstillinger",
        Meetings = "meetings": "Møder",
        Directory = "directory": "Deltagere",
        MeetingSettings = "meeting_settings": "Mødeindstillinger",
        ScreenSettings = "screen_settings": "Sikker skærm",
        Peers = "peers": "Nøglekatalog",
    }
);

/// The kinds of data that committed writes changed (a small set).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes(u16);

impl Changes {
    pub fn add(&mut self, kind: DataKind) {
        self.0 |= 1 << kind as u16;
    }

    pub fn contains(self, kind: DataKind) -> bool {
        self.0 & (1 << kind as u16) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds, in the order of [`DataKind::ALL`].
    pub fn kinds(self) -> Vec<DataKind> {
        DataKind::ALL.iter().copied().filter(|k| self.contains(*k)).collect()
    }

    /// What these audit events changed.
    pub fn of(events: &[AuditEvent]) -> Changes {
        let mut changes = Changes::default();
        for kind in events.iter().flat_map(|e| e.changes()) {
            changes.add(*kind);
        }
        changes
    }
}

impl Serialize for Changes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.kinds().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Changes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let mut changes = Changes::default();
        for kind in Vec::<DataKind>::deserialize(d)? {
            changes.add(kind);
        }
        Ok(changes)
    }
}

/// Runs one write on `conn`: `BEGIN IMMEDIATE`, `f`, its audit events, `COMMIT` — or `ROLLBACK`
/// of everything when anything fails. Every write records at least one event. Returns the value
/// and what the committed events changed.
pub(crate) fn write_on<T>(
    conn: &Connection,
    actor: &str,
    now: DateTime<Utc>,
    f: impl FnOnce(&mut Op<'_>) -> Result<T>,
) -> Result<(T, Changes)> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let mut op = Op { reader: Reader { conn, actor, now }, events: Vec::new() };
    let result = f(&mut op).and_then(|value| {
        if op.events.is_empty() {
            return Err(Error::Internal("a write without an audit event"));
        }
        audit::record(&op, &op.events)?;
        conn.execute_batch("COMMIT")?;
        Ok((value, Changes::of(&op.events)))
    });
    if result.is_err() && !conn.is_autocommit() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    result
}

impl Store {
    /// Runs one write operation (see [`write_on`]); what it changed is kept for
    /// [`Store::take_changes`].
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Op<'_>) -> Result<T>) -> Result<T> {
        let (value, changes) = write_on(self.conn(), self.actor(), self.now(), f)?;
        self.record_changes(changes);
        Ok(value)
    }

    /// Runs one logged read in one read transaction (a consistent snapshot across its
    /// statements); its read events are recorded afterwards (see [`audit::insert_reads`]).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&mut Read<'_>) -> Result<T>) -> Result<T> {
        let conn = self.conn();
        let mut read = Read { reader: Reader { conn, actor: self.actor(), now: self.now() }, events: Vec::new() };
        conn.execute_batch("BEGIN DEFERRED")?;
        let result = f(&mut read);
        let ended = conn.execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let value = result?;
        ended?;
        audit::insert_reads(&read)?;
        Ok(value)
    }

    /// Reads without logging: for data that is not about a person (settings, counts).
    pub(crate) fn read_unlogged<T>(&self, f: impl FnOnce(&Reader<'_>) -> Result<T>) -> Result<T> {
        read_on(self.conn(), self.actor(), self.now(), f)
    }
}

/// Runs `f` in one read transaction on `conn` (also before a store is open: its profile, a
/// backup being verified).
pub(crate) fn read_on<T>(
    conn: &Connection,
    actor: &str,
    now: DateTime<Utc>,
    f: impl FnOnce(&Reader<'_>) -> Result<T>,
) -> Result<T> {
    let reader = Reader { conn, actor, now };
    conn.execute_batch("BEGIN DEFERRED")?;
    let result = f(&reader);
    // A read transaction has nothing to keep: end it either way.
    let ended = conn.execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
    let value = result?;
    ended?;
    Ok(value)
}
