//! The audit chain against real SQLCipher stores, tampered with as an attacker who holds the
//! database key would: the triggers dropped, rows edited, deleted, swapped, moved, re-hashed.
//! `verify` names the first entry that is not what was written; a lost tail is told apart from a
//! break; checkpoints prove the log up to them; an upgraded store's old entries are chained and
//! its key is sealed by the recovery code.
//!
//! The attacker's hash chain below is written from docs/audit.md, independently of the core.

mod common;
use common::profile;
use rusqlite::types::Value;
use rusqlite::{Connection, params};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;
use tovholder_core::audit::{self, Checkpoint, EntryFilter, Finding, MacCheck, Verification};
use tovholder_core::cases::{self, CaseFilter};
use tovholder_core::intake::IntakeReport;
use tovholder_core::secrets::RecoveryCode;
use tovholder_core::{Error, FixedClock, Keychain, Store};

struct Setup {
    tmp: tempfile::TempDir,
    keychain: Keychain,
    store: Store,
    code: RecoveryCode,
    clock: FixedClock,
    references: Vec<String>,
}

fn report(pseudonym: &str) -> IntakeReport {
    IntakeReport::from_json(
        &json!({
            "received_at": "2026-11-20T10:15:00+01:00",
            "channel": "hotline",
            "caller": {"type": "parent"},
            "subject": {"pseudonym": pseudonym, "birth_year": 2009, "municipality": "Aarhus"},
            "category": "right_wing",
            "urgency": "normal",
            "description": "Syntetisk testtekst."
        })
        .to_string(),
    )
    .unwrap()
}

/// A new store with entries of every kind: writes (fsynced) and reads (not), with and without a
/// subject, at different times.
fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    let clock = FixedClock::at_rfc3339("2026-11-25T13:05:00Z");
    let (store, code) = Store::init_with_clock(tmp.path(), &keychain, profile(), Arc::new(clock.clone())).unwrap();
    let mut references = Vec::new();
    for name in ["A.B.", "C.D.", "E.F."] {
        clock.advance(chrono::TimeDelta::minutes(7));
        let r = cases::intake(&store, report(name)).unwrap().reference;
        cases::get(&store, &r).unwrap();
        references.push(r);
    }
    cases::add_note(&store, &references[1], "Samtale aftalt.").unwrap();
    cases::list(&store, &CaseFilter::default()).unwrap();
    cases::get(&store, &references[0]).unwrap();
    Setup { tmp, keychain, store, code, clock, references }
}

fn conn(s: &Setup) -> &Connection {
    s.store.conn_for_tests()
}

fn last_position(s: &Setup) -> i64 {
    conn(s).query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0)).unwrap()
}

/// What an attacker with the database key does first.
fn drop_triggers(c: &Connection) {
    c.execute_batch(
        "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;
         DROP TRIGGER IF EXISTS audit_chain_forward_only; DROP TRIGGER IF EXISTS audit_chain_no_delete;",
    )
    .unwrap();
}

fn verify(s: &Setup, checkpoint: Option<&Checkpoint>, with_code: bool) -> Verification {
    audit::verify(&s.store, checkpoint, with_code.then_some(&s.code)).unwrap()
}

fn broken_at(v: &Verification) -> u64 {
    match &v.finding {
        Finding::Broken { position, .. } => {
            assert!(v.to_string().contains(&format!("broken at position {position}")), "{v}");
            *position
        }
        other => panic!("expected a break, got {other:?} ({v})"),
    }
}

fn assert_intact(v: &Verification) {
    assert!(v.is_intact(), "{v}");
}

/// One byte of the entry's column changed (a text's last character, a blob's first byte, or a
/// missing subject given one); returns the original value.
fn change_one_byte(c: &Connection, position: i64, column: &str) -> Value {
    let original: Value =
        c.query_row(&format!("SELECT {column} FROM audit_log WHERE id = ?1"), [position], |r| r.get(0)).unwrap();
    let changed = match &original {
        Value::Text(t) => {
            let mut b = t.clone().into_bytes();
            let last = b.len() - 1;
            assert!(b[last].is_ascii(), "{t}");
            b[last] ^= 0x01;
            Value::Text(String::from_utf8(b).unwrap())
        }
        Value::Blob(b) => {
            let mut b = b.clone();
            b[0] ^= 0x01;
            Value::Blob(b)
        }
        Value::Null => Value::Text("x".into()),
        other => panic!("{column}: {other:?}"),
    };
    c.execute(&format!("UPDATE audit_log SET {column} = ?1 WHERE id = ?2"), params![changed, position]).unwrap();
    original
}

fn put(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    buf.extend_from_slice(bytes);
}

/// The public hash chain, as docs/audit.md defines it.
fn digest_of(
    position: i64,
    previous: &[u8],
    (at, actor, action): (&str, &str, &str),
    subject: Option<&str>,
    (refs, os_user): (Option<&str>, Option<&str>),
) -> Vec<u8> {
    let mut content = Vec::new();
    put(&mut content, b"tovholder audit entry v1");
    put(&mut content, at.as_bytes());
    put(&mut content, actor.as_bytes());
    put(&mut content, action.as_bytes());
    match subject {
        None => content.push(0),
        Some(s) => {
            content.push(1);
            put(&mut content, s.as_bytes());
        }
    }
    if let Some(refs) = refs {
        put(&mut content, b"shown");
        put(&mut content, refs.as_bytes());
    }
    if let Some(user) = os_user {
        put(&mut content, b"os user");
        put(&mut content, user.as_bytes());
    }
    let mut chain = Vec::new();
    put(&mut chain, b"tovholder audit chain v1");
    chain.extend_from_slice(&(position as u64).to_be_bytes());
    chain.extend_from_slice(previous);
    chain.extend_from_slice(&Sha256::digest(&content));
    Sha256::digest(&chain).to_vec()
}

/// The attacker re-hashes every entry from `from` on and the head, so the hash chain holds again.
/// (The MACs they cannot redo: the keys before the head's are gone.)
fn rehash_from(c: &Connection, from: i64) {
    let mut previous: Vec<u8> = if from == 1 {
        vec![0; 32]
    } else {
        c.query_row("SELECT digest FROM audit_log WHERE id = ?1", [from - 1], |r| r.get(0)).unwrap()
    };
    type Row = (i64, String, String, String, Option<String>, (Option<String>, Option<String>));
    let rows: Vec<Row> = c
        .prepare("SELECT id, at, actor, action, subject, refs, os_user FROM audit_log WHERE id >= ?1 ORDER BY id")
        .unwrap()
        .query_map([from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, (r.get(5)?, r.get(6)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (id, at, actor, action, subject, (refs, user)) in rows {
        let d =
            digest_of(id, &previous, (&at, &actor, &action), subject.as_deref(), (refs.as_deref(), user.as_deref()));
        c.execute("UPDATE audit_log SET digest = ?1 WHERE id = ?2", params![d, id]).unwrap();
        previous = d;
    }
    c.execute("UPDATE audit_chain SET digest = ?1", [previous]).unwrap();
}

// ---------------------------------------------------------------------------------------------

#[test]
fn a_new_store_is_chained_from_its_first_entry_and_verifies() {
    let s = setup();
    let n = last_position(&s);
    let count: i64 = conn(&s).query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    assert_eq!(count, n, "positions 1..n without gaps");
    let unchained: i64 = conn(&s)
        .query_row("SELECT count(*) FROM audit_log WHERE digest IS NULL OR mac IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(unchained, 0);
    // The head names the last entry; the initial key is sealed, nothing of it in the clear.
    let (position, clear, sealed): (i64, Option<Vec<u8>>, Option<Vec<u8>>) = conn(&s)
        .query_row("SELECT position, initial_key, sealed_initial_key FROM audit_chain", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((position, clear), (n, None));
    assert_eq!(sealed.unwrap().len(), tovholder_core::secrets::SEALED_SECRET_LEN);

    let with_code = verify(&s, None, true);
    assert_intact(&with_code);
    assert_eq!((with_code.verified_through, with_code.macs), (n as u64, MacCheck::RecoveryCode));
    // Verifying is itself recorded (a read entry), and the chain goes on intact.
    let without = verify(&s, None, false);
    assert_intact(&without);
    assert_eq!((without.verified_through, without.macs), (n as u64 + 1, MacCheck::NotChecked));
    assert!(without.to_string().contains("MACs not checked"), "{without}");
    let action: String =
        conn(&s).query_row("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(action, "audit.verified");

    let wrong = audit::verify(&s.store, None, Some(&RecoveryCode::generate()));
    assert!(matches!(wrong, Err(Error::WrongRecoveryCode)), "{wrong:?}");
}

#[test]
fn one_changed_byte_in_any_entry_is_found_at_that_entry() {
    let s = setup();
    let c = conn(&s);
    drop_triggers(c);
    let n = last_position(&s);
    let with_subject: i64 =
        c.query_row("SELECT min(id) FROM audit_log WHERE action = 'case.read'", [], |r| r.get(0)).unwrap();
    let with_references: i64 =
        c.query_row("SELECT min(id) FROM audit_log WHERE refs IS NOT NULL", [], |r| r.get(0)).unwrap();
    for position in [1, with_subject, with_references, n / 2 + 1, n] {
        for column in ["at", "actor", "action", "subject", "refs", "os_user", "digest", "mac"] {
            let what = format!("position {position}, {column}");
            let original = change_one_byte(c, position, column);
            let found = verify(&s, None, true);
            assert_eq!(broken_at(&found), position as u64, "{what}: {found}");
            if column != "mac" {
                // Content and digest need no key.
                assert_eq!(broken_at(&verify(&s, None, false)), position as u64, "{what}, without the code");
            }
            c.execute(&format!("UPDATE audit_log SET {column} = ?1 WHERE id = ?2"), params![original, position])
                .unwrap();
            assert_intact(&verify(&s, None, true));
        }
    }

    // The last entry's MAC is in the head too: a change shows without the code.
    let s = setup();
    drop_triggers(conn(&s));
    let n = last_position(&s);
    change_one_byte(conn(&s), n, "mac");
    let v = verify(&s, None, false);
    assert_eq!(broken_at(&v), n as u64);
    assert!(v.to_string().contains("head"), "{v}");
}

#[test]
fn a_deleted_entry_in_the_middle_is_named() {
    let s = setup();
    drop_triggers(conn(&s));
    let middle = last_position(&s) / 2;
    conn(&s).execute("DELETE FROM audit_log WHERE id = ?1", [middle]).unwrap();
    for with_code in [true, false] {
        let v = verify(&s, None, with_code);
        assert_eq!(broken_at(&v), middle as u64);
        assert!(v.to_string().contains("missing"), "{v}");
        assert_eq!(v.verified_through, middle as u64 - 1);
    }
}

#[test]
fn two_swapped_entries_are_found_at_the_first() {
    let s = setup();
    let c = conn(&s);
    drop_triggers(c);
    let (i, j) = (3, last_position(&s) - 2);
    // Everything but the position trades places, chain values included.
    c.execute_batch(&format!(
        "UPDATE audit_log SET id = -1 WHERE id = {i};
         UPDATE audit_log SET id = {i} WHERE id = {j};
         UPDATE audit_log SET id = {j} WHERE id = -1;"
    ))
    .unwrap();
    for with_code in [true, false] {
        assert_eq!(broken_at(&verify(&s, None, with_code)), i as u64);
    }
}

#[test]
fn an_old_mac_reattached_at_another_position_is_found() {
    // An old entry, tags and all, copied over a later one.
    let s = setup();
    let c = conn(&s);
    drop_triggers(c);
    c.execute(
        "UPDATE audit_log SET (at, actor, action, subject, digest, mac) =
             (SELECT at, actor, action, subject, digest, mac FROM audit_log WHERE id = 3)
         WHERE id = 7",
        [],
    )
    .unwrap();
    assert_eq!(broken_at(&verify(&s, None, true)), 7);

    // An entry removed and the later ones moved down to close the gap: each now sits at a
    // position its tags were not made for.
    let s = setup();
    let c = conn(&s);
    drop_triggers(c);
    c.execute_batch("DELETE FROM audit_log WHERE id = 5; UPDATE audit_log SET id = id - 1 WHERE id > 5;").unwrap();
    c.execute("UPDATE audit_chain SET position = position - 1", []).unwrap();
    for with_code in [true, false] {
        assert_eq!(broken_at(&verify(&s, None, with_code)), 5);
    }

    // Even with the digest redone for the new position (public), the old MAC does not fit it.
    let s = setup();
    let c = conn(&s);
    drop_triggers(c);
    c.execute_batch("DELETE FROM audit_log WHERE id = 5; UPDATE audit_log SET id = id - 1 WHERE id > 5;").unwrap();
    c.execute("UPDATE audit_chain SET position = position - 1", []).unwrap();
    rehash_from(c, 5);
    assert_eq!(broken_at(&verify(&s, None, true)), 5, "the MAC is bound to its position");
}

#[test]
fn a_rewritten_and_rehashed_entry_is_found_by_its_mac_or_a_checkpoint() {
    let s = setup();
    let early = audit::checkpoint(&s.store).unwrap();
    cases::get(&s.store, &s.references[2]).unwrap();
    let later = audit::checkpoint(&s.store).unwrap();
    let c = conn(&s);
    drop_triggers(c);
    // Someone with the database key hides who read a case: the subject changed, every later
    // digest and the head's redone, so the hash chain holds again.
    let target = early.position as i64 + 1;
    let action: String = c.query_row("SELECT action FROM audit_log WHERE id = ?1", [target], |r| r.get(0)).unwrap();
    assert_eq!(action, "audit.checkpoint");
    let target = target + 1;
    c.execute("UPDATE audit_log SET subject = ?1 WHERE id = ?2", params![s.references[0], target]).unwrap();
    rehash_from(c, target);

    // Without the code and without a checkpoint after it, that cannot be seen: what the MACs and
    // the checkpoints are for.
    assert_intact(&verify(&s, None, false));
    // The MAC needs a key the store no longer has.
    assert_eq!(broken_at(&verify(&s, None, true)), target as u64);
    // A checkpoint taken after the entry shows it without any key.
    let v = verify(&s, Some(&later), false);
    assert_eq!(broken_at(&v), later.position);
    assert!(v.to_string().contains(&later.to_string()), "{v}");
    // One taken before it does not cover it.
    assert_intact(&verify(&s, Some(&early), false));
}

#[test]
fn a_checkpoint_verifies_until_the_log_before_it_is_changed() {
    let s = setup();
    let checkpoint = audit::checkpoint(&s.store).unwrap();
    assert_eq!(checkpoint.position as i64, last_position(&s) - 1, "the head before its own entry");
    let text = checkpoint.to_string();
    let recorded: String = conn(&s)
        .query_row(
            "SELECT subject FROM audit_log WHERE id = ?1 AND action = 'audit.checkpoint'",
            [last_position(&s)],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(recorded, text, "the log records which checkpoint was taken");
    // As read back from paper.
    let read_back = Checkpoint::parse(&text.to_lowercase()).unwrap();
    assert_eq!(read_back, checkpoint);
    for _ in 0..3 {
        s.clock.advance(chrono::TimeDelta::minutes(1));
        cases::list(&s.store, &CaseFilter::default()).unwrap();
    }
    for with_code in [true, false] {
        let v = verify(&s, Some(&read_back), with_code);
        assert_intact(&v);
        assert!(v.to_string().contains(&text), "{v}");
    }
    // A checkpoint of another history at the same position does not verify.
    let other = Checkpoint::parse(&format!("TVH1-{}-AAAA-AAAA-AAAA-AAAA", checkpoint.position)).unwrap();
    assert_eq!(broken_at(&verify(&s, Some(&other), false)), checkpoint.position);

    // Tampering before it: found at the entry with the code, at the checkpoint without.
    let c = conn(&s);
    drop_triggers(c);
    c.execute("UPDATE audit_log SET actor = 'Someone Else' WHERE id = 2", []).unwrap();
    rehash_from(c, 2);
    assert_eq!(broken_at(&verify(&s, Some(&read_back), true)), 2);
    assert_eq!(broken_at(&verify(&s, Some(&read_back), false)), checkpoint.position);
}

fn copy_store_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for name in ["tovholder.db", "tovholder.db-wal"] {
        let _ = std::fs::remove_file(to.join(name));
        if from.join(name).exists() {
            std::fs::copy(from.join(name), to.join(name)).unwrap();
        }
    }
    let _ = std::fs::remove_file(to.join("tovholder.db-shm"));
}

#[test]
fn a_lost_tail_is_reported_apart_from_a_break() {
    let s = setup();
    let durable = last_position(&s) as u64;
    // What a power cut could leave: the files as they were after the last fsynced write.
    let image = tempfile::tempdir().unwrap();
    copy_store_files(s.tmp.path(), image.path());
    for _ in 0..4 {
        cases::get(&s.store, &s.references[1]).unwrap();
    }
    let checkpoint = audit::checkpoint(&s.store).unwrap();
    assert_eq!(checkpoint.position, durable + 4);
    let Setup { tmp, keychain, store, code, .. } = s;
    drop(store);
    copy_store_files(image.path(), tmp.path());

    let store = Store::open(tmp.path(), &keychain).unwrap();
    for with_code in [Some(&code), None] {
        // Each verification adds its own entry.
        let end = store.conn_for_tests().query_row("SELECT max(id) FROM audit_log", [], |r| r.get::<_, i64>(0)).unwrap()
            as u64;
        let v = audit::verify(&store, Some(&checkpoint), with_code).unwrap();
        let lost = Finding::TailLost { after: end, checkpoint_position: checkpoint.position, restored_at: None };
        assert_eq!(v.finding, lost, "{v}");
        assert_eq!(v.verified_through, end);
        assert!(v.to_string().contains(&format!("the tail after position {end} was lost (crash)")), "{v}");
    }
    assert!(durable < checkpoint.position);
    // Without the checkpoint the shorter log is simply intact (and goes on).
    assert!(audit::verify(&store, None, Some(&code)).unwrap().is_intact());
    drop(store);

    // Entries deleted from the end while the head still names them: not a crash (entry and head
    // are committed together), a break.
    let s = setup();
    let n = last_position(&s);
    let checkpoint = audit::checkpoint(&s.store).unwrap();
    drop_triggers(conn(&s));
    conn(&s).execute("DELETE FROM audit_log WHERE id > ?1", [n - 3]).unwrap();
    let v = verify(&s, Some(&checkpoint), true);
    assert_eq!(broken_at(&v), n as u64 - 2, "{v}");
    assert!(v.to_string().contains("entries were removed"), "{v}");
    // (The verification's own entry went after the head, so now the gap shows first.)
    let v = verify(&s, Some(&checkpoint), false);
    assert_eq!(broken_at(&v), n as u64 - 2, "{v}");
    assert!(v.to_string().contains("missing"), "{v}");

    // And when the head is set back as well, its key gives it away: the key for the next entry
    // cannot be derived backwards, only from the initial key.
    let s = setup();
    let n = last_position(&s);
    let c = conn(&s);
    drop_triggers(c);
    c.execute("DELETE FROM audit_log WHERE id > ?1", [n - 3]).unwrap();
    c.execute(
        "UPDATE audit_chain SET (position, digest, mac) = (SELECT id, digest, mac FROM audit_log WHERE id = ?1)",
        [n - 3],
    )
    .unwrap();
    let v = verify(&s, None, true);
    assert_eq!(broken_at(&v), n as u64 - 2, "{v}");
    assert!(v.to_string().contains("key"), "{v}");
}

#[test]
fn a_missing_or_foreign_head_is_a_break() {
    let s = setup();
    let n = last_position(&s);
    let c = conn(&s);
    drop_triggers(c);
    // An entry appended outside the app (with a correct digest): after the head.
    let previous: Vec<u8> = c.query_row("SELECT digest FROM audit_log WHERE id = ?1", [n], |r| r.get(0)).unwrap();
    let d = digest_of(
        n + 1,
        &previous,
        ("2026-11-25T14:00:00.000Z", "X", "case.read"),
        Some("ØJP-2026-0001"),
        (None, None),
    );
    c.execute(
        "INSERT INTO audit_log (id, at, actor, action, subject, digest, mac)
         VALUES (?1, '2026-11-25T14:00:00.000Z', 'X', 'case.read', 'ØJP-2026-0001', ?2, ?2)",
        params![n + 1, d],
    )
    .unwrap();
    assert_eq!(broken_at(&audit::verify(&s.store, None, None).unwrap()), n as u64 + 1);
    // The app refuses to write after it (the next position is taken) rather than hide it.
    assert!(cases::list(&s.store, &CaseFilter::default()).is_err());

    let s = setup();
    drop_triggers(conn(&s));
    conn(&s).execute("DELETE FROM audit_chain", []).unwrap();
    let v = audit::verify(&s.store, None, None).unwrap();
    assert_eq!(broken_at(&v), last_position(&s) as u64 + 1);
    assert!(v.to_string().contains("head is missing"), "{v}");
}

#[test]
fn the_head_only_moves_forward_and_the_log_refuses_changes() {
    let s = setup();
    let c = conn(&s);
    for sql in [
        "UPDATE audit_chain SET position = position - 1",
        "UPDATE audit_chain SET sealed_initial_key = zeroblob(88)",
        "DELETE FROM audit_chain",
        "UPDATE audit_log SET mac = zeroblob(32) WHERE id = 1",
        "DELETE FROM audit_log WHERE id = 1",
    ] {
        let e = c.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("audit_chain") || e.contains("audit_log is append-only"), "{sql}: {e}");
    }
    assert_intact(&verify(&s, None, true));
}

#[test]
fn entries_are_listed_by_reference_and_time_and_the_listing_is_recorded() {
    let s = setup();
    let r = &s.references[0];
    let about: Vec<(String, Option<String>)> =
        audit::entries(&s.store, &EntryFilter { reference: Some(r.clone()), ..Default::default() })
            .unwrap()
            .into_iter()
            .map(|e| (e.action, e.subject))
            .collect();
    assert_eq!(
        about,
        [
            ("case.created".to_string(), Some(r.clone())),
            ("case.read".into(), Some(r.clone())),
            ("cases.listed".into(), Some("3 sager".into())),
            ("case.read".into(), Some(r.clone()))
        ]
    );
    let last = audit::entries(&s.store, &EntryFilter::default()).unwrap().pop().unwrap();
    assert_eq!((last.action.as_str(), last.subject.as_deref()), ("audit.listed", Some(r.as_str())));
    assert_eq!(last.position as i64, last_position(&s) - 1, "the second listing is recorded after it");

    let since = s.store.now() - chrono::TimeDelta::minutes(1);
    let recent = audit::entries(&s.store, &EntryFilter { since: Some(since), ..Default::default() }).unwrap();
    assert!(!recent.is_empty());
    assert!(recent.iter().all(|e| e.at.instant() >= since));
    let all = audit::entries(&s.store, &EntryFilter::default()).unwrap();
    assert!(recent.len() < all.len());
    let positions: Vec<u64> = all.iter().map(|e| e.position).collect();
    assert_eq!(positions, (1..=positions.len() as u64).collect::<Vec<_>>());
}

#[test]
fn the_app_and_the_cli_appending_at_once_keep_one_chain() {
    let s = setup();
    let dir = s.tmp.path().to_path_buf();
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let dir = dir.clone();
            let keychain = s.keychain.clone();
            let reference = s.references[t].clone();
            std::thread::spawn(move || {
                let store = Store::open(&dir, &keychain).unwrap();
                for i in 0..25 {
                    if i % 5 == 0 {
                        cases::add_note(&store, &reference, "Opfølgning.").unwrap();
                    } else {
                        cases::get(&store, &reference).unwrap();
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let v = verify(&s, None, true);
    assert_intact(&v);
    assert!(v.verified_through >= 50);
}

#[test]
fn a_checkpoint_lost_with_a_restored_backup_is_a_lost_tail_not_a_break() {
    let s = setup();
    let out = tempfile::tempdir().unwrap();
    let backup = out.path().join("kopi.db");
    s.store.backup(&backup).unwrap();
    // The backup holds every entry but its own (`store.backup_created`, written after the copy).
    let in_backup = last_position(&s) as u64 - 1;
    for _ in 0..3 {
        cases::get(&s.store, &s.references[0]).unwrap();
    }
    let checkpoint = audit::checkpoint(&s.store).unwrap();
    let Setup { tmp, keychain, store, code, .. } = s;
    drop(store);
    let code_text = code.display();
    let store = Store::restore(tmp.path(), &keychain, &backup, Some(&code_text), true).unwrap();
    let restored_at = in_backup + 1;
    let action: String = store
        .conn_for_tests()
        .query_row("SELECT action FROM audit_log WHERE id = ?1", [restored_at as i64], |r| r.get(0))
        .unwrap();
    assert_eq!(action, "store.restored");
    // The restored log is shorter than the checkpoint; then it grows past it with new entries.
    let v = audit::verify(&store, Some(&checkpoint), Some(&code)).unwrap();
    assert!(matches!(v.finding, Finding::TailLost { restored_at: Some(r), .. } if r == restored_at), "{v}");
    while store.conn_for_tests().query_row("SELECT max(id) FROM audit_log", [], |r| r.get::<_, i64>(0)).unwrap() as u64
        <= checkpoint.position
    {
        cases::list(&store, &CaseFilter::default()).unwrap();
    }
    for with_code in [Some(&code), None] {
        let v = audit::verify(&store, Some(&checkpoint), with_code).unwrap();
        let lost = Finding::TailLost {
            after: in_backup,
            checkpoint_position: checkpoint.position,
            restored_at: Some(restored_at),
        };
        assert_eq!(v.finding, lost, "{v}");
        assert!(v.to_string().contains(&format!("the tail after position {in_backup} was lost")), "{v}");
    }
    // The restored log itself is intact, and a checkpoint taken since verifies.
    assert!(audit::verify(&store, None, Some(&code)).unwrap().is_intact());
    let since = audit::checkpoint(&store).unwrap();
    assert!(audit::verify(&store, Some(&since), Some(&code)).unwrap().is_intact());
}

#[test]
fn the_key_the_store_holds_cannot_forge_an_earlier_entry() {
    use hmac::{Hmac, KeyInit, Mac};
    let s = setup();
    let c = conn(&s);
    let key_now =
        |c: &Connection| -> Vec<u8> { c.query_row("SELECT next_key FROM audit_chain", [], |r| r.get(0)).unwrap() };
    let before = key_now(c);
    cases::list(&s.store, &CaseFilter::default()).unwrap();
    let after = key_now(c);
    assert_ne!(before, after, "the key moves on with every entry");

    // The attacker MACs a rewritten last entry with the key they found (the next entry's).
    let n = last_position(&s);
    let (previous_digest, previous_mac): (Vec<u8>, Vec<u8>) = c
        .query_row("SELECT digest, mac FROM audit_log WHERE id = ?1", [n - 1], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let (at, actor, action, refs, user): (String, String, String, Option<String>, Option<String>) = c
        .query_row("SELECT at, actor, action, refs, os_user FROM audit_log WHERE id = ?1", [n], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap();
    let digest = digest_of(
        n,
        &previous_digest,
        (&at, &actor, &action),
        Some("KBHP-2026-0099"),
        (refs.as_deref(), user.as_deref()),
    );
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(&after).unwrap();
    let mut label = Vec::new();
    put(&mut label, b"tovholder audit mac v1");
    m.update(&label);
    m.update(&(n as u64).to_be_bytes());
    m.update(&digest);
    m.update(&previous_mac);
    let forged = m.finalize().into_bytes().to_vec();
    drop_triggers(c);
    c.execute(
        "UPDATE audit_log SET subject = 'KBHP-2026-0099', digest = ?1, mac = ?2 WHERE id = ?3",
        params![digest, forged, n],
    )
    .unwrap();
    c.execute("UPDATE audit_chain SET digest = ?1, mac = ?2", params![digest, forged]).unwrap();
    // Consistent for anyone without the initial key; not for the holder of the recovery code.
    assert_intact(&verify(&s, None, false));
    assert_eq!(broken_at(&verify(&s, None, true)), n as u64);
}

/// The newest entry before this call (listing records an `audit.listed` entry after itself).
fn newest(s: &Setup) -> audit::Entry {
    audit::entries(&s.store, &EntryFilter { newest_first: true, limit: Some(1), ..Default::default() })
        .unwrap()
        .pop()
        .unwrap()
}

#[test]
fn reads_record_the_cases_they_showed_and_the_chain_covers_them() {
    use tovholder_core::actions::{self, ActionFilter, Agency, NewActionItem};
    use tovholder_core::{board, meetings};
    let s = setup();
    let [a, b, c] = [&s.references[0], &s.references[1], &s.references[2]];

    let shown = board::load(&s.store).unwrap();
    let cards: Vec<String> =
        shown.columns.iter().flat_map(|col| col.cards.iter().map(|k| k.summary.reference.clone())).collect();
    let e = newest(&s);
    assert_eq!((e.action.as_str(), e.subject.as_deref()), ("board.viewed", Some("3 sager")));
    assert_eq!(e.os_user, whoami::username().ok(), "the OS user beside the profile's name");
    assert_eq!(e.actor, "Mette Holm");
    assert_eq!(e.references, cards);
    assert_eq!(cards.len(), 3);

    let page = cases::list(&s.store, &CaseFilter { limit: 1, ..Default::default() }).unwrap();
    let e = newest(&s);
    assert_eq!((e.action.as_str(), e.subject.as_deref()), ("cases.listed", Some("1 sag")));
    assert_eq!(e.references, [page.cases[0].reference.clone()]);

    let hits = cases::search(&s.store, "samtale", 10).unwrap();
    assert_eq!(hits.len(), 1, "the note on the second case");
    let e = newest(&s);
    assert_eq!((e.action.as_str(), e.references.clone()), ("case.search", vec![b.clone()]));

    let item =
        NewActionItem { what: "Ring til skolen".into(), agency: Agency::Ssp, person: None, due: "2026-12-01".into() };
    actions::add(&s.store, c, &item).unwrap();
    actions::list(&s.store, &ActionFilter::default()).unwrap();
    let e = newest(&s);
    assert_eq!((e.action.as_str(), e.references.clone()), ("action_items.listed", vec![c.clone()]));

    let record = serde_json::from_value(json!({
        "held_at": "2026-12-02T14:00:00+01:00",
        "items": [{"kind": "case", "reference": a}, {"kind": "free", "title": "Eventuelt"}]
    }))
    .unwrap();
    let m = meetings::create(&s.store, &record).unwrap();
    meetings::record(&s.store, m.id).unwrap();
    let e = newest(&s);
    assert_eq!((e.action.as_str(), e.references.clone()), ("meeting.read", vec![a.clone()]));
    let proposed = meetings::proposed_agenda(&s.store, m.id).unwrap();
    let e = newest(&s);
    assert_eq!(e.action, "meeting.agenda_proposed");
    assert_eq!(e.references, proposed.cases.iter().map(|p| p.reference.clone()).collect::<Vec<_>>());
    meetings::minutes_file(&s.store, m.id, meetings::MinutesFormat::Pdf).unwrap();
    let e = newest(&s);
    assert_eq!((e.action.as_str(), e.references.clone()), ("minutes.exported", vec![a.clone()]));

    // A case's entries: those about it and every read that showed it — none that did not.
    let about = |r: &String| -> Vec<String> {
        audit::entries(&s.store, &EntryFilter { reference: Some(r.clone()), ..Default::default() })
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect()
    };
    let about_b = about(b);
    assert!(about_b.contains(&"case.search".to_string()), "{about_b:?}");
    assert!(about_b.contains(&"board.viewed".to_string()), "{about_b:?}");
    assert!(!about_b.contains(&"action_items.listed".to_string()), "{about_b:?}");
    assert!(!about_b.contains(&"minutes.exported".to_string()), "{about_b:?}");
    let about_c = about(c);
    assert!(!about_c.contains(&"case.search".to_string()), "{about_c:?}");
    assert!(about_c.contains(&"action_items.listed".to_string()), "{about_c:?}");
    assert!(about(a).contains(&"minutes.exported".to_string()));
    // No prefix matches: a reference is matched whole.
    let prefix = a[..a.len() - 1].to_string();
    assert!(about(&prefix).is_empty());

    // The shown references are part of the chain: hiding that a read showed a case breaks it.
    assert_intact(&verify(&s, None, true));
    let c2 = conn(&s);
    drop_triggers(c2);
    let search_at: i64 =
        c2.query_row("SELECT max(id) FROM audit_log WHERE action = 'case.search'", [], |r| r.get(0)).unwrap();
    c2.execute("UPDATE audit_log SET refs = NULL WHERE id = ?1", [search_at]).unwrap();
    assert_eq!(broken_at(&verify(&s, None, false)), search_at as u64);
}
