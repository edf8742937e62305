//! The encrypted store against real SQLCipher files: encryption at rest, typed failures that leave
//! the file byte-identical, recovery, backup and restore.

mod common;
use common::profile;
use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};
use tovholder_core::profile::Profile;
use tovholder_core::schema::LATEST_VERSION;
use tovholder_core::{Error, Keychain, Store, StoreState};

fn db(dir: &Path) -> PathBuf {
    dir.join("tovholder.db")
}

fn store_id(dir: &Path) -> String {
    let env: serde_json::Value = serde_json::from_slice(&fs::read(dir.join("tovholder.key")).unwrap()).unwrap();
    env["store_id"].as_str().unwrap().to_string()
}

/// A store created and closed again, with its keychain and recovery code.
fn created() -> (tempfile::TempDir, Keychain, String) {
    let tmp = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    let (store, code) = Store::init(tmp.path(), &keychain, profile()).unwrap();
    drop(store);
    (tmp, keychain, code.display())
}

/// Runs `f` and asserts that the database file is byte-identical afterwards.
fn leaves_file_untouched<T>(dir: &Path, f: impl FnOnce() -> T) -> T {
    let before = fs::read(db(dir)).unwrap();
    let out = f();
    assert!(fs::read(db(dir)).unwrap() == before, "the database file was changed");
    out
}

#[test]
fn the_file_is_encrypted_at_rest_and_unreadable_without_the_key() {
    let (tmp, keychain, _) = created();
    let bytes = fs::read(db(tmp.path())).unwrap();
    assert!(bytes.len() >= 4096);
    assert!(!bytes.starts_with(b"SQLite format 3"), "plain SQLite header on disk");
    assert!(!bytes.windows(10).any(|w| w == b"Mette Holm"), "profile name in clear on disk");

    let plain = Connection::open(db(tmp.path())).unwrap();
    assert!(plain.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_err());

    let store = Store::open(tmp.path(), &keychain).unwrap();
    assert_eq!(store.profile().unwrap(), profile());
    let status = store.status().unwrap();
    assert!(status.encrypted);
    assert_eq!(status.counts.profile, 1);
    assert_eq!(status.schema_version, LATEST_VERSION);
}

#[test]
fn state_tells_setup_recovery_and_ready_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    assert!(matches!(Store::state(tmp.path(), &keychain).unwrap(), StoreState::NeedsSetup));
    Store::init(tmp.path(), &keychain, profile()).unwrap();
    assert!(matches!(Store::state(tmp.path(), &keychain).unwrap(), StoreState::Ready(_)));
    assert!(matches!(Store::state(tmp.path(), &Keychain::memory()).unwrap(), StoreState::NeedsRecovery));
}

#[test]
fn a_second_init_is_refused_and_changes_nothing() {
    let (tmp, keychain, _) = created();
    let key_before = fs::read(tmp.path().join("tovholder.key")).unwrap();
    let r = leaves_file_untouched(tmp.path(), || Store::init(tmp.path(), &keychain, profile()));
    assert!(matches!(r, Err(Error::AlreadyInitialized)));
    assert_eq!(fs::read(tmp.path().join("tovholder.key")).unwrap(), key_before);
}

#[test]
fn invalid_profile_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let r = Store::init(tmp.path(), &Keychain::memory(), Profile { district_code: "XYZ".into(), ..profile() });
    assert!(matches!(r, Err(Error::Invalid { field: "district_code", .. })));
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn a_missing_key_is_key_missing_and_a_foreign_key_is_wrong_key() {
    let (tmp, _, _) = created();
    let other = Keychain::memory();
    let r = leaves_file_untouched(tmp.path(), || Store::open(tmp.path(), &other));
    assert!(matches!(r, Err(Error::KeyMissing)), "{r:?}");
    other.set(&store_id(tmp.path()), &[7u8; 32]).unwrap();
    let r = leaves_file_untouched(tmp.path(), || Store::open(tmp.path(), &other));
    assert!(matches!(r, Err(Error::WrongKey)), "{r:?}");
}

/// An edited store id in the key file: the keychain still holds the store's key (under the real
/// id), so the key file does not match the store — not a missing key, which the recovery code
/// would mend. A store whose key really is missing stays `KeyMissing`.
#[test]
fn a_key_file_with_an_edited_store_id_does_not_match_the_store() {
    let (tmp, keychain, _) = created();
    let key_file = tmp.path().join("tovholder.key");
    let original = fs::read(&key_file).unwrap();
    let mut edited: serde_json::Value = serde_json::from_slice(&original).unwrap();
    edited["store_id"] = "0b5e7d8c-0000-4000-8000-000000000000".into();
    fs::write(&key_file, serde_json::to_vec(&edited).unwrap()).unwrap();
    for r in [Store::open(tmp.path(), &keychain).map(|_| ()), Store::state(tmp.path(), &keychain).map(|_| ())] {
        match r {
            Err(Error::Corrupt(m)) => assert_eq!(m, tovholder_core::store::KEY_FILE_MISMATCH),
            other => panic!("{other:?}"),
        }
    }
    fs::write(&key_file, &original).unwrap();
    Store::open(tmp.path(), &keychain).unwrap();
    // The key itself gone (a new laptop): missing, as before.
    keychain.delete(&store_id(tmp.path())).unwrap();
    assert!(matches!(Store::open(tmp.path(), &keychain), Err(Error::KeyMissing)));
}

#[test]
fn a_damaged_file_is_corrupt_and_left_as_it_is() {
    let (tmp, keychain, _) = created();
    let mut bytes = fs::read(db(tmp.path())).unwrap();
    for b in &mut bytes[100..164] {
        *b ^= 0x5a;
    }
    fs::write(db(tmp.path()), &bytes).unwrap();
    let r = leaves_file_untouched(tmp.path(), || Store::open(tmp.path(), &keychain));
    assert!(matches!(r, Err(Error::Corrupt(_))), "{r:?}");
}

#[test]
fn a_truncated_or_empty_file_is_corrupt_and_not_recreated() {
    let (tmp, keychain, _) = created();
    let bytes = fs::read(db(tmp.path())).unwrap();
    for len in [bytes.len() / 2 + 7, 0] {
        fs::write(db(tmp.path()), &bytes[..len]).unwrap();
        let r = leaves_file_untouched(tmp.path(), || Store::open(tmp.path(), &keychain));
        assert!(matches!(r, Err(Error::Corrupt(_))), "len {len}: {r:?}");
    }
}

#[test]
fn a_missing_key_file_is_corrupt_not_a_new_store() {
    let (tmp, keychain, _) = created();
    fs::remove_file(tmp.path().join("tovholder.key")).unwrap();
    let r = leaves_file_untouched(tmp.path(), || Store::open(tmp.path(), &keychain));
    assert!(matches!(r, Err(Error::Corrupt(_))), "{r:?}");
    let r = leaves_file_untouched(tmp.path(), || Store::init(tmp.path(), &keychain, profile()));
    assert!(matches!(r, Err(Error::AlreadyInitialized)), "{r:?}");
}

#[test]
fn a_store_from_a_newer_version_is_refused_untouched() {
    let (tmp, keychain, _) = created();
    {
        let store = Store::open(tmp.path(), &keychain).unwrap();
        store.conn_for_tests().pragma_update(None, "user_version", 99).unwrap();
    }
    let r = leaves_file_untouched(tmp.path(), || Store::open(tmp.path(), &keychain));
    match r {
        Err(Error::NewerSchema { found: 99, supported }) if supported == LATEST_VERSION => {}
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}

#[test]
fn the_recovery_code_unlocks_on_a_new_machine() {
    let (tmp, _, code) = created();
    let new_laptop = Keychain::memory();
    let r = leaves_file_untouched(tmp.path(), || {
        Store::unlock_with_recovery_code(tmp.path(), &new_laptop, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    });
    assert!(matches!(r, Err(Error::WrongRecoveryCode)), "{r:?}");
    assert!(matches!(
        Store::unlock_with_recovery_code(tmp.path(), &new_laptop, "not a code"),
        Err(Error::Invalid { field: "recovery_code", .. })
    ));
    // Typed as a person might: lower case, spaces instead of hyphens.
    let typed = code.to_lowercase().replace('-', " ");
    let store = Store::unlock_with_recovery_code(tmp.path(), &new_laptop, &typed).unwrap();
    assert_eq!(store.profile().unwrap(), profile());
    drop(store);
    // The key is back in the keychain: a plain open works silently.
    Store::open(tmp.path(), &new_laptop).unwrap();
}

#[test]
fn errors_never_carry_secrets() {
    let (tmp, _, code) = created();
    let key_file = fs::read_to_string(tmp.path().join("tovholder.key")).unwrap();
    assert!(!key_file.contains(&code) && !key_file.contains(&code.replace('-', "")));
    let e =
        Store::unlock_with_recovery_code(tmp.path(), &Keychain::memory(), "BBBB-BBBB-BBBB-BBBB-BBBB-BBBB-BBBB-BBBB")
            .unwrap_err();
    for text in [e.to_string(), e.message_da(), format!("{e:?}")] {
        assert!(!text.contains("BBBB"), "{text}");
    }
}

fn rows(store: &Store, sql: &str) -> Vec<Vec<String>> {
    let mut stmt = store.conn_for_tests().prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn backup_then_restore_on_a_new_machine_gives_identical_data() {
    let (tmp, keychain, code) = created();
    let store = Store::open(tmp.path(), &keychain).unwrap();
    // Entries through the chain (raw inserts would break it: the next entry's position is taken).
    for _ in 0..50 {
        tovholder_core::audit::checkpoint(&store).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("tovholder-backup.db");
    store.backup(&file).unwrap();
    assert!(!fs::read(&file).unwrap().starts_with(b"SQLite format 3"));
    assert!(matches!(store.backup(&file), Err(Error::Refused(_))), "an existing backup is not overwritten");
    let audit_sql =
        "SELECT id, at, actor, action, subject FROM audit_log WHERE action <> 'store.backup_created' ORDER BY id";
    let profile_sql = "SELECT * FROM profile";
    let (before_audit, before_profile) = (rows(&store, audit_sql), rows(&store, profile_sql));

    // A new laptop: empty data dir, empty keychain, only the backup and the recovery code.
    let target = tempfile::tempdir().unwrap();
    let new_laptop = Keychain::memory();
    let r = Store::restore(target.path(), &new_laptop, &file, None, false);
    assert!(matches!(r, Err(Error::KeyMissing)), "{r:?}");
    let restored = Store::restore(target.path(), &new_laptop, &file, Some(&code), false).unwrap();
    let after_audit: Vec<_> =
        rows(&restored, audit_sql).into_iter().filter(|r| !r[3].contains("store.restored")).collect();
    assert_eq!(after_audit, before_audit);
    assert_eq!(rows(&restored, profile_sql), before_profile);
    drop(restored);
    Store::open(target.path(), &new_laptop).unwrap();

    // Restoring over an existing store needs --force, and leaves it alone without.
    let r = leaves_file_untouched(tmp.path(), || Store::restore(tmp.path(), &keychain, &file, None, false));
    assert!(matches!(r, Err(Error::Refused(_))), "{r:?}");
    drop(store);
    Store::restore(tmp.path(), &keychain, &file, None, true).unwrap();
}

#[test]
fn a_damaged_backup_is_refused_before_anything_is_replaced() {
    let (tmp, keychain, _) = created();
    let store = Store::open(tmp.path(), &keychain).unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("b.db");
    store.backup(&file).unwrap();
    drop(store);
    let mut bytes = fs::read(&file).unwrap();
    let n = bytes.len();
    for b in &mut bytes[n - 600..n - 500] {
        *b ^= 0xff;
    }
    fs::write(&file, &bytes).unwrap();
    let r = leaves_file_untouched(tmp.path(), || Store::restore(tmp.path(), &keychain, &file, None, true));
    assert!(matches!(r, Err(Error::Corrupt(_))), "{r:?}");
    Store::open(tmp.path(), &keychain).unwrap();
}

#[test]
fn a_full_disk_is_a_typed_error_and_the_transaction_is_rolled_back() {
    let (tmp, keychain, _) = created();
    let store = Store::open(tmp.path(), &keychain).unwrap();
    let pages: i64 = store.conn_for_tests().pragma_query_value(None, "page_count", |r| r.get(0)).unwrap();
    store.conn_for_tests().pragma_update(None, "max_page_count", pages).unwrap();
    let before = store.status().unwrap().counts;
    let report = |i: usize| {
        tovholder_core::intake::IntakeReport::from_json(
            &serde_json::json!({
                "received_at": "2026-11-20T10:15:00+01:00",
                "channel": "hotline",
                "caller": {"type": "anonymous"},
                "subject": {"pseudonym": format!("P{i}"), "municipality": "Aarhus"},
                "category": "other",
                "urgency": "normal",
                "description": "x".repeat(3900)
            })
            .to_string(),
        )
        .unwrap()
    };
    let mut stored = 0;
    let result = loop {
        match tovholder_core::cases::intake(&store, report(stored)) {
            Ok(_) => stored += 1,
            Err(e) => break e,
        }
        assert!(stored < 1000, "the page limit was never reached");
    };
    assert!(matches!(result, Error::DiskFull), "{result:?}");
    // Exactly the completed intakes are there: the failed one left no case, history or audit row.
    let after = store.status().unwrap().counts;
    assert_eq!(after.cases, before.cases + stored as u64);
    assert_eq!(after.case_history, before.case_history + stored as u64);
    assert_eq!(after.audit_log, before.audit_log + stored as u64);
}

#[cfg(unix)]
#[test]
fn only_the_owner_can_read_the_store() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let keychain = Keychain::memory();
    let (store, _) = Store::init(&dir, &keychain, profile()).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("tovholder.db")), 0o600);
    assert_eq!(mode(&dir.join("tovholder.key")), 0o600);
    let backup = tmp.path().join("b.db");
    store.backup(&backup).unwrap();
    assert_eq!(mode(&backup), 0o600);
    assert_eq!(mode(&tmp.path().join("b.db.key")), 0o600);
}
