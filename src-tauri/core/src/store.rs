//! The encrypted case store: one SQLCipher database (`tovholder.db`) and its key envelope
//! (`tovholder.key`) in the data directory. The database key lives in the OS keychain.
//!
//! Opening never creates, truncates, deletes or rewrites an existing database file when it fails:
//! the key is checked against the envelope before SQLCipher sees it, the file is opened without
//! `SQLITE_OPEN_CREATE`, and nothing is written before the key and the schema version are verified.

use crate::audit::{self, AuditEvent};
use crate::clock::Clock;
use crate::dates::Stamp;
use crate::error::{Error, Result};
use crate::keychain::Keychain;
use crate::profile::{self, Profile};
use crate::schema;
use crate::secrets::{DbKey, KeyEnvelope, RecoveryCode};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::fs;
use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const DB_FILE: &str = "tovholder.db";
pub const KEY_FILE: &str = "tovholder.key";
const PARTIAL: &str = ".partial";

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
    envelope: KeyEnvelope,
    key: DbKey,
    actor: String,
    clock: Arc<dyn Clock>,
}

/// One write: an immediate transaction (`BEGIN IMMEDIATE`, so the app and the CLI never
/// interleave a read-then-write), the actor, the time of the operation from the store's clock,
/// and the typed audit events committed with the change. Obtained only through [`Store::write`].
pub struct Op<'s> {
    conn: &'s Connection,
    actor: &'s str,
    now: DateTime<Utc>,
    events: Vec<AuditEvent>,
}

impl Op<'_> {
    /// The transaction's connection: for the storage layer's own modules only.
    pub(crate) fn conn(&self) -> &Connection {
        self.conn
    }

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

    /// Records what this operation did; committed with it, or not at all.
    pub fn audit(&mut self, event: AuditEvent) {
        self.events.push(event);
    }
}

/// One logged read: the connection, the time, and the read events recorded after it.
pub struct Read<'s> {
    conn: &'s Connection,
    actor: &'s str,
    now: DateTime<Utc>,
    events: Vec<AuditEvent>,
}

impl Read<'_> {
    pub(crate) fn conn(&self) -> &Connection {
        self.conn
    }

    pub fn actor(&self) -> &str {
        self.actor
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Records that personal data was read (written after the read, without personal data).
    pub fn audit(&mut self, event: AuditEvent) {
        self.events.push(event);
    }
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

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Only the owner may read the data directory and its files (Unix; on Windows the per-user
/// app-data directory is already private).
fn make_private(path: &Path, dir: bool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(if dir { 0o700 } else { 0o600 }))?;
    }
    #[cfg(not(unix))]
    let _ = (path, dir);
    Ok(())
}

fn create_private_dir(dir: &Path) -> Result<()> {
    if !dir.exists() {
        fs::create_dir_all(dir)?;
        make_private(dir, true)?;
    }
    Ok(())
}

/// Writes a file completely and durably under a temporary name, then renames it into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = with_suffix(path, PARTIAL);
    let result = (|| -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        make_private(&tmp, false)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    Ok(result?)
}

fn read_envelope(path: &Path) -> Result<KeyEnvelope> {
    let bytes = fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Corrupt("the key file is missing".into()),
        _ => Error::from(e),
    })?;
    KeyEnvelope::parse(&bytes)
}

/// Opens an existing database file with a key, verifying the key and the schema version before
/// anything is written. Never creates the file.
fn open_keyed(path: &Path, key: &DbKey, read_only: bool) -> Result<Connection> {
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
    apply_key(&conn, key)?;
    // The first read decrypts page 1: a wrong key or a damaged file fails here.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).map_err(
        |e| match Error::from(e) {
            Error::Database(_) => Error::Corrupt("not a readable database".into()),
            other => other,
        },
    )?;
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > schema::LATEST_VERSION {
        return Err(Error::NewerSchema { found: version, supported: schema::LATEST_VERSION });
    }
    Ok(conn)
}

fn apply_key(conn: &Connection, key: &DbKey) -> Result<()> {
    let sql = zeroize::Zeroizing::new(format!("PRAGMA key = \"{}\";", key.pragma_value().as_str()));
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Settings for every read-write connection, after the key is verified.
fn configure(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;
         PRAGMA cache_size = -65536;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
         PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;",
    )?;
    Ok(())
}

/// True when the database file does not start with SQLite's plain-text header (SQLCipher
/// encrypts page 1 completely, header included).
fn file_is_encrypted(path: &Path) -> Result<bool> {
    let mut header = [0u8; 16];
    fs::File::open(path)?.read_exact(&mut header)?;
    Ok(&header != b"SQLite format 3\0")
}

impl Store {
    /// True when this directory holds a store (or the remains of one).
    pub fn exists(dir: &Path) -> bool {
        db_path(dir).exists() || key_path(dir).exists()
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
        create_private_dir(dir)?;
        let store_id = uuid::Uuid::new_v4().to_string();
        let key = DbKey::generate();
        let code = RecoveryCode::generate();
        let envelope = KeyEnvelope::seal(&store_id, &key, &code)?;

        let partial_db = with_suffix(&db_path(dir), PARTIAL);
        let result = (|| -> Result<()> {
            let _ = fs::remove_file(&partial_db);
            fs::File::create(&partial_db)?;
            make_private(&partial_db, false)?;
            {
                let mut conn = Connection::open(&partial_db)?;
                apply_key(&conn, &key)?;
                conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;")?;
                crate::migrate::run(&mut conn, &partial_db)?;
                let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                let now = Stamp::new(clock.now());
                profile::insert(&tx, &profile, now)?;
                audit::insert(&tx, now, &profile.name, &AuditEvent::StoreCreated)?;
                tx.commit()?;
                conn.close().map_err(|(_, e)| Error::from(e))?;
            }
            keychain.set(&store_id, key.as_bytes())?;
            fs::rename(&partial_db, db_path(dir))?;
            // The key file is written last: its presence marks a complete store.
            write_atomically(&key_path(dir), &envelope.to_json())
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&partial_db);
            if !key_path(dir).exists() {
                let _ = fs::remove_file(db_path(dir));
                let _ = keychain.delete(&store_id);
            }
            return Err(e);
        }
        Ok((Store::open(dir, keychain)?.with_clock(clock), code))
    }

    /// Opens the store with the key from the keychain.
    pub fn open(dir: &Path, keychain: &Keychain) -> Result<Store> {
        if !Store::exists(dir) {
            return Err(Error::NotInitialized);
        }
        let envelope = read_envelope(&key_path(dir))?;
        let key = DbKey::from_bytes(&keychain.get(&envelope.store_id)?)?;
        if !envelope.fits(&key) {
            return Err(Error::WrongKey);
        }
        Store::open_with_key(dir, envelope, &key)
    }

    fn open_with_key(dir: &Path, envelope: KeyEnvelope, key: &DbKey) -> Result<Store> {
        let mut conn = open_keyed(&db_path(dir), key, false)?;
        configure(&conn)?;
        crate::migrate::run(&mut conn, &db_path(dir))?;
        let actor = profile::read(&conn)?.name;
        Ok(Store { conn, dir: dir.to_path_buf(), envelope, key: key.clone(), actor, clock: crate::clock::system() })
    }

    /// Unlocks with the recovery code (new laptop, reinstalled OS, lost keychain entry) and puts
    /// the key back in this machine's keychain.
    pub fn unlock_with_recovery_code(dir: &Path, keychain: &Keychain, code: &str) -> Result<Store> {
        let code = RecoveryCode::parse(code)?;
        if !Store::exists(dir) {
            return Err(Error::NotInitialized);
        }
        let envelope = read_envelope(&key_path(dir))?;
        let key = envelope.open(&code)?;
        let store = Store::open_with_key(dir, envelope, &key)?;
        keychain.set(&store.envelope.store_id, key.as_bytes())?;
        store.write(|op| {
            op.audit(AuditEvent::StoreUnlockedWithRecoveryCode);
            Ok(())
        })?;
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

    /// Runs one write operation: `BEGIN IMMEDIATE`, `f`, its audit events, `COMMIT` — or
    /// `ROLLBACK` of everything when anything fails. Every write records at least one event.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Op<'_>) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let mut op = Op { conn: &self.conn, actor: &self.actor, now: self.clock.now(), events: Vec::new() };
        let result = f(&mut op).and_then(|value| {
            if op.events.is_empty() {
                return Err(Error::Internal("a write without an audit event"));
            }
            let at = op.stamp();
            for event in &op.events {
                audit::insert(op.conn, at, op.actor, event)?;
            }
            self.conn.execute_batch("COMMIT")?;
            Ok(value)
        });
        if result.is_err() && !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        result
    }

    /// Runs one logged read; its read events are recorded afterwards (see [`audit::insert_reads`]).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&mut Read<'_>) -> Result<T>) -> Result<T> {
        let mut read = Read { conn: &self.conn, actor: &self.actor, now: self.clock.now(), events: Vec::new() };
        let value = f(&mut read)?;
        audit::insert_reads(&self.conn, Stamp::new(read.now), &self.actor, &read.events)?;
        Ok(value)
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
        profile::read(&self.conn)
    }

    pub fn status(&self) -> Result<StoreStatus> {
        Ok(StoreStatus {
            data_dir: self.dir.clone(),
            schema_version: self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
            encrypted: file_is_encrypted(&db_path(&self.dir))?,
            counts: TableCounts {
                profile: profile::count(&self.conn)?,
                cases: crate::cases::register::count(&self.conn)?,
                case_notes: crate::cases::notes::count(&self.conn)?,
                case_history: crate::cases::history::count(&self.conn)?,
                audit_log: audit::count(&self.conn)?,
            },
        })
    }

    /// A consistent, encrypted copy through SQLite's online backup: `file` (the database, same key)
    /// and `file.key` (the key envelope, usable only with the recovery code).
    pub fn backup(&self, file: &Path) -> Result<()> {
        let key_file = with_suffix(file, ".key");
        if file.exists() || key_file.exists() {
            return Err(Error::Refused("the backup file already exists".into()));
        }
        let partial = with_suffix(file, PARTIAL);
        let result = (|| -> Result<()> {
            let _ = fs::remove_file(&partial);
            fs::File::create(&partial)?;
            make_private(&partial, false)?;
            let mut dst = Connection::open(&partial)?;
            apply_key(&dst, &self.key)?;
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
                backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
            }
            dst.execute_batch("PRAGMA journal_mode = DELETE;")?;
            dst.close().map_err(|(_, e)| Error::from(e))?;
            fs::File::open(&partial)?.sync_all()?;
            write_atomically(&key_file, &self.envelope.to_json())?;
            fs::rename(&partial, file)?;
            Ok(())
        })();
        if result.is_err() {
            let _ = fs::remove_file(&partial);
        }
        result?;
        self.write(|op| {
            op.audit(AuditEvent::StoreBackupCreated);
            Ok(())
        })
    }

    /// Restores a backup made by [`Store::backup`] into `dir`. Verifies the backup (key, integrity,
    /// schema version) before anything in `dir` is touched; refuses to replace an existing store
    /// unless `force`. The key comes from the keychain, or from the recovery code when given.
    pub fn restore(
        dir: &Path,
        keychain: &Keychain,
        file: &Path,
        recovery_code: Option<&str>,
        force: bool,
    ) -> Result<Store> {
        let code = recovery_code.map(RecoveryCode::parse).transpose()?;
        if !file.is_file() {
            return Err(Error::invalid("file", "sikkerhedskopien findes ikke"));
        }
        let envelope = match fs::read(with_suffix(file, ".key")) {
            Ok(b) => KeyEnvelope::parse(&b)?,
            Err(_) => return Err(Error::invalid("file", "nøglefilen (FIL.key) til sikkerhedskopien mangler")),
        };
        let key = match &code {
            Some(code) => envelope.open(code)?,
            None => {
                let key = DbKey::from_bytes(&keychain.get(&envelope.store_id)?)?;
                if !envelope.fits(&key) {
                    return Err(Error::WrongKey);
                }
                key
            }
        };
        {
            let conn = open_keyed(file, &key, true)?;
            let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            if check != "ok" {
                return Err(Error::Corrupt("the backup fails its integrity check".into()));
            }
            profile::read(&conn)?;
        }
        let previous = if Store::exists(dir) {
            if !force {
                return Err(Error::Refused("a case store already exists here; use --force to replace it".into()));
            }
            read_envelope(&key_path(dir)).ok()
        } else {
            None
        };
        create_private_dir(dir)?;
        let staged = with_suffix(&db_path(dir), ".restore");
        let result = (|| -> Result<()> {
            fs::copy(file, &staged)?;
            make_private(&staged, false)?;
            fs::File::open(&staged)?.sync_all()?;
            keychain.set(&envelope.store_id, key.as_bytes())?;
            for stale in ["-wal", "-shm"] {
                let p = with_suffix(&db_path(dir), stale);
                if p.exists() {
                    fs::remove_file(p)?;
                }
            }
            fs::rename(&staged, db_path(dir))?;
            write_atomically(&key_path(dir), &envelope.to_json())
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&staged);
            return Err(e);
        }
        if let Some(prev) = previous.filter(|p| p.store_id != envelope.store_id) {
            let _ = keychain.delete(&prev.store_id);
        }
        let store = Store::open_with_key(dir, envelope, &key)?;
        store.write(|op| {
            op.audit(AuditEvent::StoreRestored);
            Ok(())
        })?;
        Ok(store)
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
