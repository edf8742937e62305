//! The encrypted case store: one SQLCipher database (`tovholder.db`) and its key envelope
//! (`tovholder.key`) in the data directory. The database key lives in the OS keychain.
//!
//! Opening never creates, truncates, deletes or rewrites an existing database file when it fails:
//! the key is checked against the envelope before SQLCipher sees it, the file is opened without
//! `SQLITE_OPEN_CREATE`, and nothing is written before the key and the schema version are verified.
//!
//! Faults. Every file is written under a temporary name created exclusively (random, never through
//! a link), fsynced and then renamed or linked into place without replacing anything it should not.
//! `init` and `restore` hold an exclusive lock on `tovholder.lock` (opening holds it briefly, a
//! backup holds it shared) and have one commit point: the new key file appearing as
//! `tovholder.key.pending` beside the complete database `tovholder.db.pending`. Whatever was
//! interrupted is finished (after the commit) or rolled back (before it) by the next open, init or
//! restore, and their temporary files are removed. A busy, full or read-only store is reported as
//! such (`Busy`, `DiskFull`, `ReadOnly`), never as damaged.

use crate::audit::{self, AuditEvent};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::files::{
    DirLock, create_private_dir, parent_dir, present, read_small, remove_if_present, sync_dir, temp_in, with_suffix,
    write_new_file,
};
use crate::keychain::Keychain;
use crate::op::Changes;
pub use crate::op::{Op, Read, Reader};
use crate::profile::{self, Profile};
use crate::schema;
use crate::secrets::{DbKey, KeyEnvelope, RecoveryCode};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::cell::Cell;
use std::fs;
use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub const DB_FILE: &str = "tovholder.db";
pub const KEY_FILE: &str = "tovholder.key";
/// The data directory's advisory lock (held for init and restore, briefly while opening).
pub const LOCK_FILE: &str = "tovholder.lock";
/// A complete new database waiting for its key file (init, restore).
const PENDING_DB: &str = "tovholder.db.pending";
/// The commit point of init and restore: the new key file, moved to `tovholder.key` last.
const PENDING_KEY: &str = "tovholder.key.pending";
/// Temporary files in the data directory (random names; removed by the next open).
const TMP_PREFIX: &str = ".tovholder-tmp-";
/// Names older versions used for partial files; removed when found.
const LEGACY_PARTIALS: &[&str] = &["tovholder.db.partial", "tovholder.key.partial", "tovholder.db.restore"];
/// The detail of `Error::Corrupt` when the key file names another store id than the one this
/// keychain keeps its key under.
pub const KEY_FILE_MISMATCH: &str =
    "the key file does not match this store: its store id was changed (the keychain holds the key under another id)";
/// How long opening waits for the store's locks before reporting `Busy`.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What the app should show at start.
#[derive(Debug)]
pub enum StoreState {
    /// No store yet: first-run setup.
    NeedsSetup,
    /// A store exists but its key is not (or not correctly) in this machine's keychain.
    NeedsRecovery,
    Ready(Box<Store>),
}

#[derive(Debug, Serialize)]
pub struct StoreStatus {
    /// Derived from the file itself: true when its first bytes are not SQLite's plain header.
    pub data_dir: PathBuf,
    pub schema_version: u32,
    pub encrypted: bool,
    pub counts: TableCounts,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct TableCounts {
    pub profile: u64,
    pub cases: u64,
    pub case_notes: u64,
    pub case_history: u64,
    pub audit_log: u64,
}

pub struct Store {
    conn: Connection,
    dir: PathBuf,
    busy_timeout: Duration,
    envelope: KeyEnvelope,
    key: DbKey,
    actor: String,
    clock: Arc<dyn Clock>,
    /// What committed writes changed since the shell last asked ([`Store::take_changes`]).
    changes: Cell<Changes>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish_non_exhaustive()
    }
}

/// `--data-dir`, else `TOVHOLDER_DATA_DIR`, else the OS app-data directory.
pub fn resolve_data_dir(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(d) = explicit {
        return Ok(d);
    }
    if let Some(d) = std::env::var_os("TOVHOLDER_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    directories::ProjectDirs::from("dk", "Tovholder", "Tovholder")
        // The local (not roaming) app-data directory: a roaming profile would copy case data to servers.
        .map(|p| p.data_local_dir().to_path_buf())
        .ok_or(Error::Internal("no home directory to keep the data in"))
}

fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_FILE)
}

fn key_path(dir: &Path) -> PathBuf {
    dir.join(KEY_FILE)
}

/// Takes the data directory's lock (exclusive, or shared for a backup), waiting up to `wait`.
fn lock_dir(dir: &Path, exclusive: bool, wait: Duration) -> Result<DirLock> {
    crate::files::lock_file(&dir.join(LOCK_FILE), exclusive, wait)
}

/// Finishes a committed init or restore (`tovholder.key.pending` exists): the pending database
/// replaces the old one (its WAL and journal go with it), then the key file moves into place.
/// Idempotent: a crash in here is finished by the next call.
fn finish(dir: &Path) -> Result<()> {
    let pending_db = dir.join(PENDING_DB);
    if present(&pending_db)? {
        for stale in ["-wal", "-shm", "-journal"] {
            remove_if_present(&with_suffix(&db_path(dir), stale))?;
        }
        fs::rename(&pending_db, db_path(dir))?;
        sync_dir(dir)?;
        crate::faults::point("finish.db_in_place");
    }
    fs::rename(dir.join(PENDING_KEY), key_path(dir))?;
    sync_dir(dir)?;
    Ok(())
}

/// Under the exclusive lock: finishes what was committed, rolls back what was not, removes
/// temporary files. Costs a directory listing when there is nothing to do.
fn recover(dir: &Path) -> Result<()> {
    if present(&dir.join(PENDING_KEY))? {
        finish(dir)?;
    } else {
        remove_if_present(&dir.join(PENDING_DB))?;
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if (name.starts_with(TMP_PREFIX) || LEGACY_PARTIALS.contains(&name.as_ref())) && !entry.file_type()?.is_dir() {
            remove_if_present(&entry.path())?;
        }
    }
    Ok(())
}

/// The key the keychain keeps for the store a key file names. `KeyMissing` when it has none —
/// unless it keeps this key (by its check value) under another store id: then the key file's
/// store id was edited, and the key file does not match the store (`Corrupt`).
fn key_for(keychain: &Keychain, envelope: &KeyEnvelope) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    match keychain.get(&envelope.store_id) {
        Err(Error::KeyMissing) => Err(match keychain.store_of_key(&envelope.key_check) {
            Ok(Some(id)) if id != envelope.store_id => Error::Corrupt(KEY_FILE_MISMATCH.into()),
            _ => Error::KeyMissing,
        }),
        other => other,
    }
}

fn read_envelope(path: &Path) -> Result<KeyEnvelope> {
    let bytes = read_small(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Corrupt("the key file is missing".into()),
        _ => Error::from(e),
    })?;
    KeyEnvelope::parse(&bytes)
}

/// Opens an existing database file with a key, verifying the key and the schema version before
/// anything is written. Never creates the file. A lock held by another process is `Busy` (after
/// `busy_timeout`), a read-only file `ReadOnly`, a full disk `DiskFull`: only a file that cannot be
/// decrypted or fails SQLite's checks is `Corrupt`.
fn open_keyed(path: &Path, key: &DbKey, read_only: bool, busy_timeout: Duration) -> Result<Connection> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Corrupt("the database file is missing".into()),
        _ => Error::from(e),
    })?;
    // An empty or truncated file would be taken by SQLite as a new, empty database.
    if meta.len() < 1024 || meta.len() % 512 != 0 {
        return Err(Error::Corrupt("the database file is truncated".into()));
    }
    let mut flags = OpenFlags::SQLITE_OPEN_NO_MUTEX;
    flags |= if read_only { OpenFlags::SQLITE_OPEN_READ_ONLY } else { OpenFlags::SQLITE_OPEN_READ_WRITE };
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(busy_timeout)?;
    apply_key(&conn, key)?;
    // The first read decrypts page 1: a wrong key or a damaged file fails here (SQLITE_NOTADB or
    // SQLITE_CORRUPT → Corrupt); a lock, a full disk or a read-only file keep their own errors.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > schema::LATEST_VERSION {
        return Err(Error::NewerSchema { found: version, supported: schema::LATEST_VERSION });
    }
    Ok(conn)
}

/// Keys a connection through `sqlite3_key` (no SQL text holds the key, so SQLite's parser makes
/// no copy of it); the hex string is zeroed on drop.
pub(crate) fn apply_key(conn: &Connection, key: &DbKey) -> Result<()> {
    let value = key.pragma_value();
    // SAFETY: the handle is valid while `conn` lives, and SQLCipher copies the key material.
    let rc =
        unsafe { rusqlite::ffi::sqlite3_key(conn.handle(), value.as_ptr().cast(), value.len() as std::ffi::c_int) };
    if rc != rusqlite::ffi::SQLITE_OK {
        return Err(Error::from(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None)));
    }
    Ok(())
}

/// Settings for every read-write connection, after the key is verified.
fn configure(conn: &Connection, busy_timeout: Duration) -> Result<()> {
    conn.busy_timeout(busy_timeout)?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA cache_size = -65536;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
         PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;",
    )?;
    Ok(())
}

/// Reading a backup the user pointed at: a file that is not there or cannot be read is bad input.
fn input_error(e: std::io::Error, what: &str) -> Error {
    match e.kind() {
        std::io::ErrorKind::NotFound => Error::invalid("file", format!("{what} findes ikke")),
        _ => Error::invalid("file", format!("{what} kan ikke læses")),
    }
}

/// True when the database file does not start with SQLite's plain-text header (SQLCipher
/// encrypts page 1 completely, header included).
fn file_is_encrypted(path: &Path) -> Result<bool> {
    let mut header = [0u8; 16];
    fs::File::open(path)?.read_exact(&mut header)?;
    Ok(&header != b"SQLite format 3\0")
}

impl Store {
    /// True when this directory holds a store (or the remains of one, or a committed init or
    /// restore that the next open finishes).
    pub fn exists(dir: &Path) -> bool {
        [db_path(dir), key_path(dir), dir.join(PENDING_KEY)].iter().any(|p| present(p).unwrap_or(true))
    }

    /// What to show at start: setup, recovery, or the opened store.
    pub fn state(dir: &Path, keychain: &Keychain) -> Result<StoreState> {
        match Store::open(dir, keychain) {
            Ok(s) => Ok(StoreState::Ready(Box::new(s))),
            Err(Error::NotInitialized) => Ok(StoreState::NeedsSetup),
            Err(Error::KeyMissing | Error::WrongKey) => Ok(StoreState::NeedsRecovery),
            Err(e) => Err(e),
        }
    }

    /// Creates a new store with its profile. Returns the store and the recovery code, which is
    /// shown to the coordinator once and kept nowhere.
    pub fn init(dir: &Path, keychain: &Keychain, profile: Profile) -> Result<(Store, RecoveryCode)> {
        Store::init_with_clock(dir, keychain, profile, crate::clock::system())
    }

    /// [`Store::init`] with a given clock (tests).
    ///
    /// Under the data directory's exclusive lock: the database is built under a temporary name
    /// and moved to `tovholder.db.pending`, the key goes into the keychain, and the key file
    /// appearing as `tovholder.key.pending` commits; both then move into place. Two inits at once:
    /// the second waits for the lock and finds the store (`AlreadyInitialized`).
    pub fn init_with_clock(
        dir: &Path,
        keychain: &Keychain,
        profile: Profile,
        clock: Arc<dyn Clock>,
    ) -> Result<(Store, RecoveryCode)> {
        let profile = profile.validated()?;
        if Store::exists(dir) {
            return Err(Error::AlreadyInitialized);
        }
        // The slow part (Argon2id) before the lock, so a second init waits only briefly.
        let store_id = uuid::Uuid::new_v4().to_string();
        let key = DbKey::generate();
        let code = RecoveryCode::generate();
        let envelope = KeyEnvelope::seal(&store_id, &key, &code)?;

        create_private_dir(dir)?;
        let _lock = lock_dir(dir, true, DEFAULT_BUSY_TIMEOUT)?;
        recover(dir)?;
        if Store::exists(dir) {
            return Err(Error::AlreadyInitialized);
        }
        let pending_db = dir.join(PENDING_DB);
        let result = (|| -> Result<()> {
            let staged = temp_in(dir, TMP_PREFIX)?;
            {
                let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_NOFOLLOW;
                let mut conn = Connection::open_with_flags(staged.path(), flags)?;
                apply_key(&conn, &key)?;
                // Incremental vacuum from the start: retention gives freed pages back cheaply.
                conn.execute_batch(
                    "PRAGMA auto_vacuum = INCREMENTAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
                )?;
                crate::migrate::run(&mut conn, staged.path())?;
                crate::op::write_on(&conn, &profile.name, clock.now(), |op| {
                    audit::start(op, &code)?;
                    profile::insert(op, &profile)?;
                    op.audit(AuditEvent::StoreCreated);
                    crate::identity::ensure(op)?;
                    Ok(())
                })?;
                conn.close().map_err(|(_, e)| Error::from(e))?;
            }
            staged.as_file().sync_all()?;
            staged.persist_noclobber(&pending_db).map_err(|e| Error::from(e.error))?;
            sync_dir(dir)?;
            crate::faults::point("init.db_staged");
            keychain.set(&store_id, key.as_bytes())?;
            // Best effort: without it an edited key file is reported as a missing key.
            let _ = keychain.remember_store(&envelope.key_check, &store_id);
            crate::faults::point("init.keychain_set");
            // The commit point.
            write_new_file(&dir.join(PENDING_KEY), &envelope.to_json(), TMP_PREFIX)
        })();
        if let Err(e) = result {
            // Not committed: nothing of this store may remain. (Committed but not synced: the next
            // open finishes it, so the key stays.)
            if !present(&dir.join(PENDING_KEY)).unwrap_or(true) {
                let _ = fs::remove_file(&pending_db);
                let _ = keychain.delete(&store_id);
                let _ = keychain.forget_store(&envelope.key_check);
            }
            return Err(e);
        }
        crate::faults::point("init.committed");
        finish(dir)?;
        crate::faults::point("init.done");
        let store = Store::open_locked(dir, keychain, DEFAULT_BUSY_TIMEOUT)?;
        Ok((store.with_clock(clock), code))
    }

    /// Opens the store with the key from the keychain.
    pub fn open(dir: &Path, keychain: &Keychain) -> Result<Store> {
        Store::open_with_timeout(dir, keychain, DEFAULT_BUSY_TIMEOUT)
    }

    /// [`Store::open`], waiting at most `busy_timeout` for another process's locks (then `Busy`);
    /// the store keeps this timeout for its writes.
    pub fn open_with_timeout(dir: &Path, keychain: &Keychain, busy_timeout: Duration) -> Result<Store> {
        if !Store::exists(dir) {
            return Err(Error::NotInitialized);
        }
        let _lock = lock_dir(dir, true, busy_timeout)?;
        recover(dir)?;
        if !Store::exists(dir) {
            return Err(Error::NotInitialized);
        }
        Store::open_locked(dir, keychain, busy_timeout)
    }

    /// Opens with the keychain's key; the caller holds the directory lock. A key the keychain
    /// holds under another store id than the key file names (its store id was edited) is reported
    /// as a key file that does not match the store, not as a missing key.
    fn open_locked(dir: &Path, keychain: &Keychain, busy_timeout: Duration) -> Result<Store> {
        let envelope = read_envelope(&key_path(dir))?;
        let key = DbKey::from_bytes(&key_for(keychain, &envelope)?)?;
        envelope.verify_key(&key)?;
        Store::open_with_key(dir, envelope, &key, busy_timeout)
    }

    fn open_with_key(dir: &Path, envelope: KeyEnvelope, key: &DbKey, busy_timeout: Duration) -> Result<Store> {
        let mut conn = open_keyed(&db_path(dir), key, false, busy_timeout)?;
        configure(&conn, busy_timeout)?;
        crate::migrate::run(&mut conn, &db_path(dir))?;
        let actor = crate::op::read_on(&conn, "", crate::clock::system().now(), profile::read)?.name;
        let store = Store {
            conn,
            dir: dir.to_path_buf(),
            busy_timeout,
            envelope,
            key: key.clone(),
            actor,
            clock: crate::clock::system(),
            changes: Cell::new(Changes::default()),
        };
        // A store from before the hand-over gets its identity at its first open.
        if !store.read_unlogged(crate::identity::exists)? {
            store.write(crate::identity::ensure)?;
        }
        Ok(store)
    }

    /// Unlocks with the recovery code (new laptop, reinstalled OS, lost keychain entry) and puts
    /// the key back in this machine's keychain. A key file in the old format 1 is rewritten as
    /// format 2 (authenticated header), atomically.
    pub fn unlock_with_recovery_code(dir: &Path, keychain: &Keychain, code: &str) -> Result<Store> {
        let code = RecoveryCode::parse(code)?;
        if !Store::exists(dir) {
            return Err(Error::NotInitialized);
        }
        let _lock = lock_dir(dir, true, DEFAULT_BUSY_TIMEOUT)?;
        recover(dir)?;
        let envelope = read_envelope(&key_path(dir))?;
        // Checks the file (bounds, seal) before anything is derived or written.
        let key = envelope.open(&code)?;
        let mut store = Store::open_with_key(dir, envelope, &key, DEFAULT_BUSY_TIMEOUT)?;
        if store.envelope.format < crate::secrets::ENVELOPE_FORMAT {
            let upgraded = KeyEnvelope::seal(&store.envelope.store_id, &key, &code)?;
            crate::files::write_atomically(&key_path(dir), &upgraded.to_json(), TMP_PREFIX)?;
            store.envelope = upgraded;
            crate::faults::point("unlock.key_rewritten");
        }
        keychain.set(&store.envelope.store_id, key.as_bytes())?;
        let _ = keychain.remember_store(&store.envelope.key_check, &store.envelope.store_id);
        store.write(|op| {
            if audit::seal(op, &code)? {
                op.audit(AuditEvent::AuditKeySealed);
            }
            op.audit(AuditEvent::StoreUnlockedWithRecoveryCode);
            Ok(())
        })?;
        // The recovery code outranks the PIN: its count of wrong tries starts over.
        crate::pin::clear_failures(dir)?;
        Ok(store)
    }

    /// The same store with another clock (tests; the app and the CLI use the system clock).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Store {
        self.clock = clock;
        self
    }

    /// The current time by the store's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The store's connection: for the operation layer (`op`) only.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Moves the WAL into the database file and empties it (best effort: another process's
    /// reader may hold it), so copies of overwritten pages, the audit chain's earlier keys among
    /// them, do not linger in the WAL.
    pub(crate) fn truncate_wal(&self) {
        let _ = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }

    /// After retention deleted data: the WAL moved into the database file and emptied, the free
    /// pages given back (`auto_vacuum = INCREMENTAL`; a store created before retention existed is
    /// converted once by a `VACUUM`), and the WAL emptied again. With `secure_delete` on, deleted
    /// rows were overwritten in their pages; this leaves no old page image in the WAL and no free
    /// page at the end of the file. Returns false when another process's reader kept the WAL
    /// from being emptied (the next pass tries again).
    pub(crate) fn compact(&self) -> Result<bool> {
        let checkpoint = || -> Result<bool> {
            let busy: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
            Ok(busy == 0)
        };
        checkpoint()?;
        let mode: i64 = self.conn.pragma_query_value(None, "auto_vacuum", |r| r.get(0))?;
        let vacuum = if mode == 2 {
            self.conn.execute_batch("PRAGMA incremental_vacuum;")
        } else {
            self.conn.execute_batch("PRAGMA auto_vacuum = INCREMENTAL; VACUUM;")
        };
        match vacuum.map_err(Error::from) {
            Ok(()) => {}
            Err(Error::Busy) => return Ok(false),
            Err(e) => return Err(e),
        }
        checkpoint()
    }

    /// Keeps what a committed write changed, until the shell takes it.
    pub(crate) fn record_changes(&self, changes: Changes) {
        let mut all = self.changes.get();
        for kind in changes.kinds() {
            all.add(kind);
        }
        self.changes.set(all);
    }

    /// What the writes since the last call changed (derived from their committed audit events);
    /// the shell tells the window once per command.
    pub fn take_changes(&self) -> Changes {
        self.changes.take()
    }

    /// Raw SQL on the store, bypassing the modules: schema and fault tests only.
    #[cfg(feature = "test-support")]
    pub fn conn_for_tests(&self) -> &Connection {
        &self.conn
    }

    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    /// The author recorded on every change: the coordinator's name.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn profile(&self) -> Result<Profile> {
        self.read_unlogged(profile::read)
    }

    pub fn status(&self) -> Result<StoreStatus> {
        Ok(StoreStatus {
            data_dir: self.dir.clone(),
            schema_version: self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
            encrypted: file_is_encrypted(&db_path(&self.dir))?,
            counts: self.read_unlogged(|db| {
                Ok(TableCounts {
                    profile: profile::count(db)?,
                    cases: crate::cases::register::count(db)?,
                    case_notes: crate::cases::notes::count(db)?,
                    case_history: crate::cases::history::count(db)?,
                    audit_log: audit::count(db)?,
                })
            })?,
        })
    }

    /// A consistent, encrypted copy through SQLite's online backup: `file` (the database, same key)
    /// and `file.key` (the key envelope, usable only with the recovery code).
    ///
    /// Nothing at `file` or `file.key` is replaced or written through (links included): both are
    /// written under random temporary names and linked into place. The key file comes first and
    /// the database last, so the database's presence marks a complete backup; a key file left by
    /// an interrupted backup of this store is reused by the next backup to the same name.
    pub fn backup(&self, file: &Path) -> Result<()> {
        let key_file = with_suffix(file, ".key");
        let target_dir = parent_dir(file);
        let is_dir =
            fs::metadata(target_dir).map(|m| m.is_dir()).map_err(|e| input_error(e, "mappen til sikkerhedskopien"))?;
        if !is_dir {
            return Err(Error::invalid("file", "mappen til sikkerhedskopien er ikke en mappe"));
        }
        if present(file)? {
            return Err(Error::Refused("the backup file already exists".into()));
        }
        let envelope = self.envelope.to_json();
        let reused_key_file = match fs::symlink_metadata(&key_file) {
            Ok(m) if m.is_file() && read_small(&key_file).is_ok_and(|b| b == envelope) => true,
            Ok(_) => return Err(Error::Refused("the backup's key file already exists".into())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(e.into()),
        };
        // Temporary files beside the backup are named neutrally and registered until in place
        // (`export`): a backup killed half-way leaves nothing the next start does not remove.
        if !reused_key_file {
            crate::export::write_new(&key_file, &envelope).map_err(target_error)?;
        }
        crate::faults::point("backup.key_written");
        let result = (|| -> Result<()> {
            // SQLite writes (database, journal) only inside the private data directory; the
            // target directory sees one file, created exclusively and written through its handle.
            let staged = {
                let _shared = lock_dir(&self.dir, false, self.busy_timeout)?;
                let staged = temp_in(&self.dir, TMP_PREFIX)?;
                let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_NOFOLLOW;
                let mut dst = Connection::open_with_flags(staged.path(), flags)?;
                apply_key(&dst, &self.key)?;
                {
                    let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
                    backup.run_to_completion(256, Duration::ZERO, None)?;
                }
                dst.execute_batch("PRAGMA journal_mode = DELETE;")?;
                dst.close().map_err(|(_, e)| Error::from(e))?;
                // A second handle for reading; the file itself is unlinked when `staged` drops.
                let bytes = staged.reopen()?;
                (staged, bytes)
            };
            crate::faults::point("backup.db_staged");
            let (_staged, mut from) = staged;
            let (mut out, _unfinished) = crate::export::export_temp(target_dir).map_err(target_error)?;
            std::io::copy(&mut from, &mut out)?;
            out.as_file().sync_all()?;
            match out.persist_noclobber(file) {
                Ok(_) => {}
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(Error::Refused("the backup file already exists".into()));
                }
                Err(e) => return Err(target_error(e.error.into())),
            }
            sync_dir(target_dir)?;
            Ok(())
        })();
        if let Err(e) = result {
            if !reused_key_file && !present(file).unwrap_or(true) {
                // Best effort: a key file without its database is not a backup.
                let _ = fs::remove_file(&key_file);
            }
            return Err(e);
        }
        crate::faults::point("backup.done");
        self.write(|op| {
            op.audit(AuditEvent::StoreBackupCreated);
            Ok(())
        })
    }

    /// Restores a backup made by [`Store::backup`] into `dir`. Verifies the backup (key file,
    /// key, integrity, schema version) on a private copy before anything in `dir` is replaced;
    /// refuses to replace an existing store unless `force`. The key comes from the keychain, or
    /// from the recovery code when given (then a format-1 key file is rewritten as format 2).
    ///
    /// One commit point, under the data directory's exclusive lock: the verified copy becomes
    /// `tovholder.db.pending`, the key goes into the keychain, and the key file appearing as
    /// `tovholder.key.pending` commits; then both replace the old files (see [`finish`]).
    ///
    /// A backup made before a deletion still holds what retention has deleted since: the
    /// retention pass runs on the restored store before it is returned, so nothing past its
    /// deletion date is ever used again.
    pub fn restore(
        dir: &Path,
        keychain: &Keychain,
        file: &Path,
        recovery_code: Option<&str>,
        force: bool,
    ) -> Result<Store> {
        Store::restore_with_clock(dir, keychain, file, recovery_code, force, crate::clock::system())
    }

    /// [`Store::restore`] with a given clock (tests; the CLI's `TOVHOLDER_FIXED_NOW`): the
    /// retention pass after the restore runs on its day.
    pub fn restore_with_clock(
        dir: &Path,
        keychain: &Keychain,
        file: &Path,
        recovery_code: Option<&str>,
        force: bool,
        clock: Arc<dyn Clock>,
    ) -> Result<Store> {
        let code = recovery_code.map(RecoveryCode::parse).transpose()?;
        if !file.is_file() {
            return Err(Error::invalid("file", "sikkerhedskopien findes ikke"));
        }
        let envelope = match read_small(&with_suffix(file, ".key")) {
            Ok(b) => KeyEnvelope::parse(&b)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::invalid("file", "nøglefilen (FIL.key) til sikkerhedskopien mangler"));
            }
            Err(e) => return Err(input_error(e, "nøglefilen (FIL.key) til sikkerhedskopien")),
        };
        // Bounds and seal are checked before anything is derived or written.
        let key = match &code {
            Some(code) => envelope.open(code)?,
            None => {
                let key = DbKey::from_bytes(&key_for(keychain, &envelope)?)?;
                envelope.verify_key(&key)?;
                key
            }
        };
        // A key file naming a store whose key this keychain already holds must hold that key
        // (a format-1 file's store id is not authenticated): never overwrite another store's key.
        match keychain.get(&envelope.store_id) {
            Ok(existing) if existing.as_slice() != key.as_bytes() => {
                return Err(Error::Corrupt(
                    "the key file names another store than its key belongs to (its store id was changed)".into(),
                ));
            }
            Ok(_) | Err(Error::KeyMissing | Error::WrongKey) => {}
            Err(e) => return Err(e),
        }
        let envelope = match (&code, envelope.format < crate::secrets::ENVELOPE_FORMAT) {
            (Some(code), true) => KeyEnvelope::seal(&envelope.store_id, &key, code)?,
            _ => envelope,
        };

        create_private_dir(dir)?;
        let _lock = lock_dir(dir, true, DEFAULT_BUSY_TIMEOUT)?;
        recover(dir)?;
        // A private copy, verified: what is checked is what is put in place.
        let staged = temp_in(dir, TMP_PREFIX)?;
        {
            let mut input = fs::File::open(file).map_err(|e| input_error(e, "sikkerhedskopien"))?;
            let mut out = staged.as_file();
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = input.read(&mut buf).map_err(|e| input_error(e, "sikkerhedskopien"))?;
                if n == 0 {
                    break;
                }
                out.write_all(&buf[..n])?;
            }
            out.sync_all()?;
        }
        {
            let conn = open_keyed(staged.path(), &key, true, DEFAULT_BUSY_TIMEOUT)?;
            let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            if check != "ok" {
                return Err(Error::Corrupt("the backup fails its integrity check".into()));
            }
            crate::op::read_on(&conn, "", crate::clock::system().now(), profile::read)?;
        }
        let previous = if Store::exists(dir) {
            if !force {
                return Err(Error::Refused("a case store already exists here; use --force to replace it".into()));
            }
            read_envelope(&key_path(dir)).ok()
        } else {
            None
        };
        staged.persist_noclobber(dir.join(PENDING_DB)).map_err(|e| Error::from(e.error))?;
        sync_dir(dir)?;
        crate::faults::point("restore.db_staged");
        let result = (|| -> Result<()> {
            keychain.set(&envelope.store_id, key.as_bytes())?;
            let _ = keychain.remember_store(&envelope.key_check, &envelope.store_id);
            crate::faults::point("restore.keychain_set");
            // The commit point.
            write_new_file(&dir.join(PENDING_KEY), &envelope.to_json(), TMP_PREFIX)
        })();
        if let Err(e) = result {
            if !present(&dir.join(PENDING_KEY)).unwrap_or(true) {
                let _ = fs::remove_file(dir.join(PENDING_DB));
            }
            return Err(e);
        }
        crate::faults::point("restore.committed");
        finish(dir)?;
        crate::faults::point("restore.done");
        if let Some(prev) = previous.filter(|p| p.store_id != envelope.store_id) {
            let _ = keychain.delete(&prev.store_id);
            if prev.key_check != envelope.key_check {
                let _ = keychain.forget_store(&prev.key_check);
            }
        }
        let store = Store::open_with_key(dir, envelope, &key, DEFAULT_BUSY_TIMEOUT)?.with_clock(clock);
        store.write(|op| {
            // With the recovery code at hand, an upgraded backup's audit key is sealed now.
            if let Some(code) = &code
                && audit::seal(op, code)?
            {
                op.audit(AuditEvent::AuditKeySealed);
            }
            op.audit(AuditEvent::StoreRestored);
            Ok(())
        })?;
        // Before the store is used: what is past its deletion date goes now.
        crate::retention::run(&store, false)?;
        Ok(store)
    }
}

/// A backup target that cannot be written because of the path the user gave is bad input; a full
/// disk stays `DiskFull`.
fn target_error(e: Error) -> Error {
    match e {
        Error::ReadOnly => Error::invalid("file", "mappen til sikkerhedskopien kan ikke skrives i"),
        Error::Io(io) if matches!(io.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {
            Error::invalid("file", "mappen til sikkerhedskopien findes ikke")
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encryption_is_read_from_the_file_header() {
        let tmp = tempfile::tempdir().unwrap();
        let plain = tmp.path().join("plain.db");
        Connection::open(&plain).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
        assert!(!file_is_encrypted(&plain).unwrap(), "a plain SQLite file is reported as such");
        let sealed = tmp.path().join("sealed.db");
        let conn = Connection::open(&sealed).unwrap();
        apply_key(&conn, &DbKey::generate()).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
        drop(conn);
        assert!(file_is_encrypted(&sealed).unwrap());
    }
}
