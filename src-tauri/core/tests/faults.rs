//! The store under faults: links planted at temporary names, locks held by other connections and
//! processes, read-only files, crashes between the steps of init, restore and backup, edited and
//! absurd key files, and demo data beside real cases.

mod common;
use common::profile;
use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tovholder_core::faults::{Crash, crash_at};
use tovholder_core::secrets::{DbKey, KeyEnvelope, RecoveryCode};
use tovholder_core::{Error, Keychain, Store};

fn db(dir: &Path) -> PathBuf {
    dir.join("tovholder.db")
}

fn key_file(dir: &Path) -> PathBuf {
    dir.join("tovholder.key")
}

fn envelope_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

fn created() -> (tempfile::TempDir, Keychain, String) {
    let tmp = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    let (store, code) = Store::init(tmp.path(), &keychain, profile()).unwrap();
    drop(store);
    (tmp, keychain, code.display())
}

/// The names in a directory, sorted (the lock file and SQLite's WAL files left out).
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "tovholder.lock" && !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    v.sort();
    v
}

fn add_case(store: &Store, pseudonym: &str) {
    let report = tovholder_core::intake::IntakeReport::from_json(
        &serde_json::json!({
            "received_at": "2026-11-20T10:15:00+01:00",
            "channel": "hotline",
            "caller": {"type": "anonymous"},
            "subject": {"pseudonym": pseudonym, "municipality": "Aarhus"},
            "category": "other",
            "urgency": "normal",
            "description": "Bekymring."
        })
        .to_string(),
    )
    .unwrap();
    tovholder_core::cases::intake(store, report).unwrap();
}

fn case_count(store: &Store) -> u64 {
    store.status().unwrap().counts.cases
}

/// Runs `f` with a crash injected at `step`; returns true when it crashed there.
fn crashes_at<T>(step: &str, f: impl FnOnce() -> T) -> bool {
    crash_at(Some(step));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    crash_at(None);
    match r {
        Ok(_) => false,
        Err(payload) => {
            assert!(payload.downcast_ref::<Crash>().is_some(), "a real panic, not the injected crash");
            true
        }
    }
}

// ── 1. Temporary files are exclusive, random and never followed ───────────────────────────────

#[cfg(unix)]
#[test]
fn backup_never_writes_through_links_at_its_names() {
    use std::os::unix::fs::symlink;
    let (tmp, keychain, _) = created();
    let store = Store::open(tmp.path(), &keychain).unwrap();
    let out = tempfile::tempdir().unwrap();
    let victim = out.path().join("victim.txt");
    fs::write(&victim, b"precious").unwrap();
    let file = out.path().join("b.db");
    // Links at every name the old code used, and at the targets themselves.
    for name in ["b.db.partial", "b.db.key.partial"] {
        symlink(&victim, out.path().join(name)).unwrap();
    }
    store.backup(&file).unwrap();
    assert_eq!(fs::read(&victim).unwrap(), b"precious");
    assert!(fs::symlink_metadata(&file).unwrap().file_type().is_file());

    let file2 = out.path().join("c.db");
    symlink(&victim, &file2).unwrap();
    assert!(matches!(store.backup(&file2), Err(Error::Refused(_))));
    let file3 = out.path().join("d.db");
    symlink(&victim, out.path().join("d.db.key")).unwrap();
    assert!(matches!(store.backup(&file3), Err(Error::Refused(_))));
    assert!(!file3.exists());
    assert_eq!(fs::read(&victim).unwrap(), b"precious");
    // No temporary file is left in the target directory.
    let left: Vec<_> = names(out.path()).into_iter().filter(|n| n.starts_with('.')).collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn links_planted_in_the_data_directory_are_removed_not_followed() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    fs::create_dir(&dir).unwrap();
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, b"precious").unwrap();
    for name in ["tovholder.db.pending", "tovholder.db.partial", ".tovholder-tmp-x.tmp"] {
        symlink(&victim, dir.join(name)).unwrap();
    }
    let keychain = Keychain::memory();
    Store::init(&dir, &keychain, profile()).unwrap();
    assert_eq!(fs::read(&victim).unwrap(), b"precious");
    assert_eq!(names(&dir), ["tovholder.db", "tovholder.key"]);

    // A link at the lock file is refused, never opened.
    let other = tmp.path().join("other");
    fs::create_dir(&other).unwrap();
    symlink(&victim, other.join("tovholder.lock")).unwrap();
    let r = Store::init(&other, &keychain, profile());
    assert!(matches!(r, Err(Error::Refused(_))), "{r:?}");
    assert_eq!(fs::read(&victim).unwrap(), b"precious");
}

// ── 2. Busy, read-only and full are not damage ─────────────────────────────────────────────────

#[test]
fn a_store_locked_by_another_connection_is_busy_and_untouched() {
    let (tmp, keychain, _) = created();
    let key =
        DbKey::from_bytes(&keychain.get(envelope_json(&key_file(tmp.path()))["store_id"].as_str().unwrap()).unwrap())
            .unwrap();
    let other = tovholder_core::migrate_testing::open_with_raw_key(&db(tmp.path()), key.as_bytes()).unwrap();
    other.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE profile SET name = name;").unwrap();
    let before = fs::read(db(tmp.path())).unwrap();
    let started = Instant::now();
    let r = Store::open_with_timeout(tmp.path(), &keychain, Duration::from_millis(200));
    assert!(matches!(r, Err(Error::Busy)), "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(fs::read(db(tmp.path())).unwrap() == before, "the database file was changed");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    Store::open(tmp.path(), &keychain).unwrap();
}

#[test]
fn a_data_directory_locked_by_another_process_is_busy() {
    let (tmp, keychain, _) = created();
    let lock = fs::OpenOptions::new().read(true).write(true).open(tmp.path().join("tovholder.lock")).unwrap();
    lock.lock().unwrap();
    let started = Instant::now();
    let r = Store::open_with_timeout(tmp.path(), &keychain, Duration::from_millis(100));
    assert!(matches!(r, Err(Error::Busy)), "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(Error::Busy.code(), "busy");
    assert!(!Error::Busy.message_da().contains("sikkerhedskopi"), "busy must not advise a restore");
    lock.unlock().unwrap();
    Store::open(tmp.path(), &keychain).unwrap();
}

#[cfg(unix)]
#[test]
fn a_read_only_store_is_read_only_not_corrupt() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, keychain, _) = created();
    let dir = tmp.path();
    let set = |mode| {
        for f in [db(dir), key_file(dir)] {
            fs::set_permissions(f, fs::Permissions::from_mode(mode)).unwrap();
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(if mode == 0o400 { 0o500 } else { 0o700 })).unwrap();
    };
    set(0o400);
    // Root ignores permissions: nothing to test there.
    if fs::write(dir.join("probe"), b"x").is_ok() {
        set(0o600);
        eprintln!("skipped: permissions do not apply to this user");
        return;
    }
    for r in [Store::open(dir, &keychain).map(|_| ()), Store::init(dir, &keychain, profile()).map(|_| ())] {
        assert!(!matches!(r, Err(Error::Corrupt(_)) | Ok(())), "{r:?}");
    }
    let r = Store::open(dir, &keychain);
    set(0o600);
    assert!(matches!(r, Err(Error::ReadOnly)), "{r:?}");
    Store::open(dir, &keychain).unwrap();
}

#[test]
fn sqlite_full_busy_and_read_only_map_to_their_own_errors() {
    use rusqlite::ffi;
    for (code, expected) in
        [(ffi::SQLITE_FULL, "disk_full"), (ffi::SQLITE_BUSY, "busy"), (ffi::SQLITE_READONLY, "read_only")]
    {
        let e = Error::from(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None));
        assert_eq!(e.code(), expected);
        assert!(!e.message_da().contains("sikkerhedskopi"), "{expected} must not advise a restore");
    }
}

// ── 3. Crashes between the steps, and two inits at once ────────────────────────────────────────

#[test]
fn init_crashed_at_any_step_is_finished_or_rolled_back() {
    for step in ["init.db_staged", "init.keychain_set", "init.committed", "finish.db_in_place", "init.done"] {
        let tmp = tempfile::tempdir().unwrap();
        let keychain = Keychain::memory();
        assert!(crashes_at(step, || Store::init(tmp.path(), &keychain, profile())), "{step} was not reached");
        match Store::open(tmp.path(), &keychain) {
            // Committed: the next open finishes it.
            Ok(store) => {
                assert!(matches!(step, "init.committed" | "finish.db_in_place" | "init.done"), "{step}");
                assert_eq!(store.profile().unwrap(), profile());
                drop(store);
                assert!(matches!(Store::init(tmp.path(), &keychain, profile()), Err(Error::AlreadyInitialized)));
            }
            // Not committed: no trace, and init works again.
            Err(Error::NotInitialized) => {
                assert!(matches!(step, "init.db_staged" | "init.keychain_set"), "{step}");
                Store::init(tmp.path(), &keychain, profile()).unwrap();
            }
            Err(e) => panic!("{step}: {e:?}"),
        }
        assert_eq!(names(tmp.path()), ["tovholder.db", "tovholder.key"], "{step}");
    }
}

#[test]
fn two_inits_at_once_give_one_store_and_one_recovery_code() {
    let tmp = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> =
            (0..4).map(|_| s.spawn(|| Store::init(tmp.path(), &keychain, profile()).map(|(_, c)| c))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let codes: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(codes.len(), 1, "{results:?}");
    for r in &results {
        assert!(matches!(r, Ok(_) | Err(Error::AlreadyInitialized | Error::Busy)), "{r:?}");
    }
    // The one code printed is the one that opens the store.
    let code = codes[0].display();
    Store::unlock_with_recovery_code(tmp.path(), &Keychain::memory(), &code).unwrap();
}

#[test]
fn restore_crashed_at_any_step_keeps_the_old_store_or_completes() {
    for step in ["restore.db_staged", "restore.keychain_set", "restore.committed", "finish.db_in_place", "restore.done"]
    {
        let (tmp, keychain, _) = created();
        let out = tempfile::tempdir().unwrap();
        let file = out.path().join("b.db");
        {
            let store = Store::open(tmp.path(), &keychain).unwrap();
            store.backup(&file).unwrap();
            add_case(&store, "NEWER");
        }
        assert!(
            crashes_at(step, || Store::restore(tmp.path(), &keychain, &file, None, true)),
            "{step} was not reached"
        );
        let store = Store::open(tmp.path(), &keychain).unwrap();
        let expected = if matches!(step, "restore.db_staged" | "restore.keychain_set") { 1 } else { 0 };
        assert_eq!(case_count(&store), expected, "{step}: old store kept before the commit, backup after");
        drop(store);
        let left: Vec<_> = names(tmp.path()).into_iter().filter(|n| !n.starts_with("tovholder.db")).collect();
        assert_eq!(left, ["tovholder.key"], "{step}");
        assert!(!names(tmp.path()).iter().any(|n| n.contains("pending") || n.contains("tmp")), "{step}");
    }
}

#[test]
fn restore_into_a_new_directory_crashed_before_the_commit_leaves_no_store() {
    let (tmp, keychain, code) = created();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("b.db");
    Store::open(tmp.path(), &keychain).unwrap().backup(&file).unwrap();
    let target = tempfile::tempdir().unwrap();
    let laptop = Keychain::memory();
    assert!(crashes_at("restore.keychain_set", || Store::restore(target.path(), &laptop, &file, Some(&code), false)));
    assert!(matches!(Store::open(target.path(), &laptop), Err(Error::NotInitialized)));
    Store::restore(target.path(), &laptop, &file, Some(&code), false).unwrap();
}

#[test]
fn a_backup_crashed_between_its_files_is_completed_by_the_next_backup() {
    for step in ["backup.key_written", "backup.db_staged"] {
        let (tmp, keychain, _) = created();
        let store = Store::open(tmp.path(), &keychain).unwrap();
        let out = tempfile::tempdir().unwrap();
        let file = out.path().join("b.db");
        assert!(crashes_at(step, || store.backup(&file)), "{step}");
        assert!(!file.exists(), "{step}: no database before the backup is complete");
        // A key file without its database is no backup: restore says so (bad input).
        let target = tempfile::tempdir().unwrap();
        let r = Store::restore(target.path(), &keychain, &file, None, false);
        assert!(matches!(r, Err(Error::Invalid { field: "file", .. })), "{r:?}");
        store.backup(&file).unwrap();
        drop(store);
        Store::restore(target.path(), &keychain, &file, None, false).unwrap();
        // Temporary files are gone from the data directory after the next open.
        Store::open(tmp.path(), &keychain).unwrap();
        assert!(!names(tmp.path()).iter().any(|n| n.contains("tmp")), "{step}: {:?}", names(tmp.path()));
    }
}

// ── 4. The key file's header is authenticated; format 1 still opens ───────────────────────────

/// Replaces the store's key file by a format-1 one for the same key and code.
fn downgrade_to_v1(dir: &Path, keychain: &Keychain, code: &str) {
    let id = envelope_json(&key_file(dir))["store_id"].as_str().unwrap().to_string();
    let key = DbKey::from_bytes(&keychain.get(&id).unwrap()).unwrap();
    let v1 = KeyEnvelope::seal_v1(&id, &key, &RecoveryCode::parse(code).unwrap()).unwrap();
    fs::write(key_file(dir), v1.to_json()).unwrap();
}

#[test]
fn a_format_1_key_file_opens_and_is_rewritten_as_format_2_on_unlock() {
    let (tmp, keychain, code) = created();
    assert_eq!(envelope_json(&key_file(tmp.path()))["format"], 2);
    downgrade_to_v1(tmp.path(), &keychain, &code);
    Store::open(tmp.path(), &keychain).unwrap();
    let laptop = Keychain::memory();
    Store::unlock_with_recovery_code(tmp.path(), &laptop, &code).unwrap();
    let env = envelope_json(&key_file(tmp.path()));
    assert_eq!(env["format"], 2);
    assert!(env["header_mac"].is_string() && env["code_check"].is_string());
    Store::open(tmp.path(), &laptop).unwrap();
    Store::open(tmp.path(), &keychain).unwrap();
    Store::unlock_with_recovery_code(tmp.path(), &Keychain::memory(), &code).unwrap();
}

#[test]
fn a_format_1_backup_restored_with_the_code_gets_a_format_2_key_file() {
    let (tmp, keychain, code) = created();
    downgrade_to_v1(tmp.path(), &keychain, &code);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("b.db");
    Store::open(tmp.path(), &keychain).unwrap().backup(&file).unwrap();
    assert_eq!(envelope_json(&out.path().join("b.db.key"))["format"], 1);
    let target = tempfile::tempdir().unwrap();
    let laptop = Keychain::memory();
    Store::restore(target.path(), &laptop, &file, Some(&code), false).unwrap();
    assert_eq!(envelope_json(&key_file(target.path()))["format"], 2);
    Store::open(target.path(), &laptop).unwrap();
}

/// Two stores in one keychain; a backup of A whose key file is edited.
fn edited_backup(
    edit: impl Fn(&mut serde_json::Value),
) -> (Keychain, String, PathBuf, tempfile::TempDir, Vec<u8>, PathBuf) {
    let keychain = Keychain::memory();
    let a = tempfile::tempdir().unwrap();
    let (store_a, code_a) = Store::init(a.path(), &keychain, profile()).unwrap();
    let b = tempfile::tempdir().unwrap();
    Store::init(b.path(), &keychain, profile()).unwrap();
    let id_b = envelope_json(&key_file(b.path()))["store_id"].as_str().unwrap().to_string();
    let key_b = keychain.get(&id_b).unwrap().to_vec();
    let file = a.path().join("backup-a.db");
    store_a.backup(&file).unwrap();
    drop(store_a);
    let kf = a.path().join("backup-a.db.key");
    let mut env = envelope_json(&kf);
    edit(&mut env);
    let env = serde_json::to_string(&env).unwrap().replace("__B__", &id_b);
    fs::write(&kf, env).unwrap();
    std::mem::forget(b);
    (keychain, code_a.display(), file, a, key_b, PathBuf::from(id_b))
}

#[test]
fn an_edited_store_id_is_refused_before_anything_is_written() {
    let (keychain, code, file, _a, key_b, id_b) = edited_backup(|v| v["store_id"] = "__B__".into());
    let id_b = id_b.to_string_lossy().into_owned();
    for code in [Some(code.as_str()), None] {
        let target = tempfile::tempdir().unwrap();
        let r = Store::restore(target.path(), &keychain, &file, code, false);
        match &r {
            Err(Error::Corrupt(m)) => assert!(m.contains("key file"), "{m}"),
            Err(Error::WrongKey) if code.is_none() => {}
            other => panic!("{other:?}"),
        }
        if let Err(e) = &r {
            assert!(e.message_da().contains("Nøglefilen") || code.is_none(), "{}", e.message_da());
        }
        assert_eq!(keychain.get(&id_b).unwrap().to_vec(), key_b, "store B's key was overwritten");
        assert!(!target.path().join("tovholder.key").exists());
    }
}

#[test]
fn edited_kdf_parameters_are_refused_before_anything_is_written() {
    for edit in [
        |v: &mut serde_json::Value| v["kdf"]["t_cost"] = 3.into(),
        |v: &mut serde_json::Value| v["kdf"]["m_cost_kib"] = (16 * 1024).into(),
        |v: &mut serde_json::Value| v["kdf"]["salt"] = "00".repeat(16).into(),
    ] {
        let (keychain, code, file, _a, _, _) = edited_backup(edit);
        let target = tempfile::tempdir().unwrap();
        let r = Store::restore(target.path(), &keychain, &file, Some(&code), false);
        assert!(matches!(r, Err(Error::WrongRecoveryCode | Error::Corrupt(_))), "{r:?}");
        // Without the code the keychain's key checks the header: the change is named.
        let r = Store::restore(target.path(), &keychain, &file, None, false);
        assert!(matches!(&r, Err(Error::Corrupt(m)) if m.contains("changed")), "{r:?}");
        assert_eq!(names(target.path()).len(), 0, "{:?}", names(target.path()));
    }
}

// ── 5. Absurd KDF parameters fail in milliseconds ─────────────────────────────────────────────

#[test]
fn absurd_kdf_parameters_in_a_backup_fail_fast() {
    let absurd: [(&str, serde_json::Value); 6] = [
        ("m_cost_kib", (u32::MAX).into()),
        ("m_cost_kib", 4_000_000_000u32.into()),
        ("t_cost", (u32::MAX).into()),
        ("p_cost", (u32::MAX).into()),
        ("p_cost", 0.into()),
        ("salt", "".into()),
    ];
    for (field, value) in absurd {
        let (keychain, code, file, _a, _, _) = edited_backup(|v| v["kdf"][field] = value.clone());
        let target = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let r = Store::restore(target.path(), &keychain, &file, Some(&code), false);
        assert!(started.elapsed() < Duration::from_millis(300), "{field}: {:?}", started.elapsed());
        assert!(matches!(r, Err(Error::Corrupt(_))), "{field}: {r:?}");
    }
}

// ── 7. Demo data is marked and kept apart from real cases ─────────────────────────────────────

#[test]
fn demo_refuses_a_store_with_real_cases_unless_forced() {
    let (tmp, keychain, _) = created();
    let store = Store::open(tmp.path(), &keychain).unwrap();
    tovholder_core::demo::fill(&store, 5, 1).unwrap();
    tovholder_core::demo::fill(&store, 5, 2).unwrap();
    let marked = |s: &Store| -> i64 {
        s.conn_for_tests().query_row("SELECT count(*) FROM demo_cases", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(marked(&store), 10);
    add_case(&store, "REAL");
    let r = tovholder_core::demo::fill(&store, 5, 3);
    assert!(matches!(r, Err(Error::Refused(_))), "{r:?}");
    assert_eq!(case_count(&store), 11);
    tovholder_core::demo::fill_with_options(&store, 5, 1, 3, true).unwrap();
    assert_eq!((case_count(&store), marked(&store)), (16, 15));
}

#[test]
fn stale_temporary_files_are_removed_on_open() {
    let (tmp, keychain, _) = created();
    fs::write(tmp.path().join(".tovholder-tmp-abc.tmp"), b"x").unwrap();
    fs::write(tmp.path().join("tovholder.db.pending"), b"uncommitted").unwrap();
    fs::write(tmp.path().join("tovholder.db.partial"), b"legacy").unwrap();
    Store::open(tmp.path(), &keychain).unwrap();
    assert_eq!(names(tmp.path()), ["tovholder.db", "tovholder.key"]);
    let _ = Connection::open_in_memory();
}
