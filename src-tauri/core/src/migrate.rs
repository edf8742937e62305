//! Schema upgrades that cannot lose data. Runs on every open (and once on the new file in
//! `Store::init`); when the store is already at the latest version it costs one `PRAGMA`.
//!
//! Before an existing store (version ≥ 1) is upgraded, the still-encrypted database file is
//! copied beside it (`tovholder.db.pre-v2-2026-11-25T140500Z.bak`: the version it had, the time
//! in UTC); the last [`BACKUPS_KEPT`] such copies are kept. The steps then run with
//! `foreign_keys` off, so a step that rebuilds a table the SQLite way (create new, copy, drop old,
//! rename) cannot cascade-delete notes and history; every step ends with `PRAGMA
//! foreign_key_check` inside the upgrade's single transaction, so a broken reference rolls the
//! whole upgrade back. `foreign_keys` is on again afterwards on every path.

use crate::error::{Error, Result};
use crate::schema;
use rusqlite::Connection;
use rusqlite_migration::Migrations;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many automatic pre-upgrade backups stay beside the database.
pub(crate) const BACKUPS_KEPT: usize = 3;

/// Brings the store to [`schema::LATEST_VERSION`]. `db_path` is the database file the connection
/// has open (the backup is made beside it).
pub(crate) fn run(conn: &mut Connection, db_path: &Path) -> Result<()> {
    run_with(conn, db_path, &schema::MIGRATIONS)
}

/// [`run`] with any list of steps (the tests add steps of their own).
fn run_with(conn: &mut Connection, db_path: &Path, migrations: &Migrations<'_>) -> Result<()> {
    // The common case (already up to date) costs this one `PRAGMA user_version`.
    let pending = migrations.pending_migrations(conn).map_err(map_migration_error)?;
    if pending == 0 {
        return Ok(());
    }
    let from = user_version(conn)?;
    if pending < 0 {
        let supported = (i64::from(from) + i64::from(pending)).max(0) as u32;
        return Err(Error::NewerSchema { found: from, supported });
    }
    if from >= 1 {
        backup_before_upgrade(conn, db_path, from)?;
    }
    with_foreign_keys_off(conn, |conn| migrations.to_latest(conn).map_err(map_migration_error))
}

fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

fn map_migration_error(e: rusqlite_migration::Error) -> Error {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
        // The count only: the violations' row ids could point at a person's case.
        rusqlite_migration::Error::ForeignKeyCheck(violations) => Error::Migration(format!(
            "a step would leave {} broken foreign key reference(s); nothing was changed",
            violations.len()
        )),
        other => Error::Migration(other.to_string()),
    }
}

fn foreign_keys_on(conn: &Connection) -> Result<bool> {
    Ok(conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?)
}

/// Runs `f` with `PRAGMA foreign_keys = OFF` and turns them on again afterwards, also when `f`
/// fails. The pragma is a no-op inside a transaction, so both switches are verified.
fn with_foreign_keys_off<T>(conn: &mut Connection, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = if foreign_keys_on(conn)? {
        Err(Error::Internal("foreign keys could not be turned off for the upgrade (open transaction)"))
    } else {
        f(conn)
    };
    let restored = conn
        .pragma_update(None, "foreign_keys", true)
        .map_err(Error::from)
        .and_then(|()| foreign_keys_on(conn))
        .and_then(|on| if on { Ok(()) } else { Err(Error::Internal("foreign keys could not be turned on again")) });
    match (result, restored) {
        (Ok(v), Ok(())) => Ok(v),
        (Err(e), _) | (Ok(_), Err(e)) => Err(e),
    }
}

/// `tovholder.db.pre-v2-`: the start of every automatic backup's name.
fn backup_prefix(db_path: &Path) -> String {
    let name = db_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{name}.pre-v")
}

/// The sort key of an automatic backup's file name (time, then version), or None for any other
/// file. Names: `{prefix}{version}-{YYYY-MM-DDTHHMMSSZ}[-{n}].bak`.
fn backup_sort_key(prefix: &str, file_name: &str) -> Option<(String, u32, u32)> {
    let rest = file_name.strip_prefix(prefix)?.strip_suffix(".bak")?;
    let (version, stamp) = rest.split_once('-')?;
    let version: u32 = version.parse().ok()?;
    let (time, n) = match stamp.get(18..) {
        Some("") => (stamp, 0),
        Some(tail) => (&stamp[..18], tail.strip_prefix('-')?.parse().ok()?),
        None => return None,
    };
    let well_formed = time.len() == 18
        && time.ends_with('Z')
        && time.as_bytes()[10] == b'T'
        && time.bytes().enumerate().all(|(i, b)| matches!(i, 4 | 7 | 10 | 17) || b.is_ascii_digit());
    well_formed.then(|| (time.to_string(), n, version))
}

/// The automatic backups beside `db_path`, newest first.
pub(crate) fn list_backups(db_path: &Path) -> Result<Vec<PathBuf>> {
    let dir = parent_dir(db_path);
    let prefix = backup_prefix(db_path);
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if let Some(key) = name.to_str().and_then(|n| backup_sort_key(&prefix, n))
            && entry.file_type()?.is_file()
        {
            found.push((key, entry.path()));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0));
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Copies the encrypted database file beside itself before an upgrade from version `from`, then
/// deletes all but the newest [`BACKUPS_KEPT`] automatic backups.
fn backup_before_upgrade(conn: &mut Connection, db_path: &Path, from: u32) -> Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y-%m-%dT%H%M%SZ").to_string();
    let base = format!("{}{from}-{stamp}", backup_prefix(db_path));
    let dir = parent_dir(db_path);
    // Two upgrades within one second (e.g. after a restore) get distinct names.
    let target = (0..100)
        .map(|n| dir.join(if n == 0 { format!("{base}.bak") } else { format!("{base}-{n}.bak") }))
        .find(|p| !p.exists())
        .ok_or(Error::Internal("no free name for the pre-upgrade backup"))?;
    copy_consistently(conn, db_path, &target)?;
    // Best effort: an old backup that cannot be deleted is no reason to keep the store closed.
    if let Ok(found) = list_backups(db_path) {
        for old in found.into_iter().skip(BACKUPS_KEPT) {
            let _ = fs::remove_file(old);
        }
    }
    Ok(target)
}

/// Copies the database file's bytes while they are a consistent snapshot: the WAL is
/// checkpointed into the file and emptied, and a read transaction is held during the copy (in WAL
/// mode no checkpoint can write into the file under a reader of the file alone; in rollback mode
/// the shared lock keeps writers out). If another connection wrote in between, it is tried again.
fn copy_consistently(conn: &mut Connection, db_path: &Path, target: &Path) -> Result<()> {
    let wal = with_suffix(db_path, "-wal");
    for _ in 0..5 {
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            std::thread::sleep(std::time::Duration::from_millis(50));
            continue;
        }
        let tx = conn.transaction()?;
        tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
        let wal_empty = match fs::metadata(&wal) {
            Ok(m) => m.len() == 0,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(e.into()),
        };
        if wal_empty {
            let copied = copy_file_durably(db_path, target);
            tx.commit()?;
            return copied;
        }
        tx.commit()?;
    }
    Err(Error::Busy)
}

/// Writes a copy under a random temporary name created exclusively (owner-only; a planted link
/// is never opened), fsyncs it, links it into place without replacing anything, and fsyncs the
/// directory. An interrupted copy's temporary file is removed by the next open.
fn copy_file_durably(src: &Path, target: &Path) -> Result<()> {
    let dir = parent_dir(target);
    let mut b = tempfile::Builder::new();
    b.prefix(".tovholder-tmp-").suffix(".tmp");
    #[cfg(unix)]
    b.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let mut out = b.tempfile_in(dir)?;
    std::io::copy(&mut fs::File::open(src)?, &mut out)?;
    out.flush()?;
    out.as_file().sync_all()?;
    out.persist_noclobber(target).map_err(|e| Error::from(e.error))?;
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    Ok(())
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Hooks for `tests/migrations.rs` (fixtures on real SQLCipher files): only with the
/// `test-support` feature, which the app and the CLI never enable.
#[cfg(feature = "test-support")]
pub mod testing {
    use super::*;
    use crate::secrets::DbKey;

    /// Opens an existing SQLCipher file with a raw 32-byte key and upgrades it as `Store::open`
    /// does, with the released steps followed by `extra_steps` (each with its foreign key check).
    pub fn upgrade_file(path: &Path, key: &[u8], extra_steps: &[&str]) -> Result<()> {
        let mut conn = open_with_raw_key(path, key)?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let mut steps = schema::steps();
        steps.extend(extra_steps.iter().map(|sql| rusqlite_migration::M::up(sql).foreign_key_check()));
        let result = run_with(&mut conn, path, &Migrations::new(steps));
        // The connection must still enforce foreign keys afterwards, whatever happened.
        if !foreign_keys_on(&conn)? {
            return Err(Error::Internal("foreign keys were left off"));
        }
        result
    }

    /// Opens an existing SQLCipher file read-write with a raw 32-byte key (never creates it).
    pub fn open_with_raw_key(path: &Path, key: &[u8]) -> Result<Connection> {
        let key = DbKey::from_bytes(key)?;
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let sql = zeroize::Zeroizing::new(format!("PRAGMA key = \"{}\";", key.pragma_value().as_str()));
        conn.execute_batch(&sql)?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
        Ok(conn)
    }

    /// Brings a keyed connection to `version` with the released steps (builds the fixtures).
    pub fn to_version(conn: &mut Connection, version: u32) -> Result<()> {
        schema::MIGRATIONS.to_version(conn, version as usize).map_err(map_migration_error)
    }

    /// The automatic pre-upgrade backups beside `db_path`, newest first.
    pub fn backups(db_path: &Path) -> Result<Vec<PathBuf>> {
        list_backups(db_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_are_recognised_and_ordered_by_time() {
        let p = "tovholder.db.pre-v";
        assert_eq!(
            backup_sort_key(p, "tovholder.db.pre-v2-2026-11-25T140500Z.bak"),
            Some(("2026-11-25T140500Z".into(), 0, 2))
        );
        assert_eq!(
            backup_sort_key(p, "tovholder.db.pre-v12-2026-11-25T140500Z-3.bak"),
            Some(("2026-11-25T140500Z".into(), 3, 12))
        );
        for other in [
            "tovholder.db",
            "tovholder.db.pre-v2-2026-11-25T140500Z.bak.partial",
            "tovholder.db.pre-v2-2026-11-25.bak",
            "tovholder.db.pre-vX-2026-11-25T140500Z.bak",
            "tovholder.db.pre-v2-2026-11-25T14050xZ.bak",
            "other.db.pre-v2-2026-11-25T140500Z.bak",
        ] {
            assert_eq!(backup_sort_key(p, other), None, "{other}");
        }
        let older = backup_sort_key(p, "tovholder.db.pre-v3-2025-01-01T000000Z.bak");
        let newer = backup_sort_key(p, "tovholder.db.pre-v1-2026-01-01T000000Z.bak");
        assert!(newer > older);
    }

    #[test]
    fn foreign_keys_are_on_again_after_a_failed_step() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        let r: Result<()> = with_foreign_keys_off(&mut conn, |c| {
            assert!(!foreign_keys_on(c).unwrap());
            Err(Error::Internal("step failed"))
        });
        assert!(r.is_err());
        assert!(foreign_keys_on(&conn).unwrap());
    }
}
