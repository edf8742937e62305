//! SIGKILL at random moments during `tovholder-cli retention run`: afterwards the store opens,
//! `PRAGMA integrity_check` is ok, the audit chain verifies, and every due case is wholly present
//! (row, notes, history, action items, no `case.deleted` line) or wholly gone (none of them, one
//! `case.deleted` line). One store is prepared once; each kill runs on a fresh copy of it.
//!
//! Needs the real OS keychain: run inside scripts/keyring-session.sh.

mod common;
use common::{KeychainCleanup, TempStore, profile, require_os_keychain};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;
use tovholder_core::{FixedClock, Keychain, Store, audit, demo};

const KILLS: usize = 32;
/// Long after the demo's dates: every closed and forwarded demo case is due.
const LATER: &str = "2040-01-01T12:00:00Z";

/// Per due case: its reference and how many notes, history entries and action items it has.
type Shape = BTreeMap<i64, (String, i64, i64, i64)>;

fn count(store: &Store, sql: &str, id: i64) -> i64 {
    store.conn_for_tests().query_row(sql, [id], |r| r.get(0)).unwrap()
}

fn shape_of(store: &Store, id: i64) -> (i64, i64, i64, i64) {
    (
        count(store, "SELECT count(*) FROM cases WHERE id = ?1", id),
        count(store, "SELECT count(*) FROM case_notes WHERE case_id = ?1", id),
        count(store, "SELECT count(*) FROM case_history WHERE case_id = ?1", id),
        count(store, "SELECT count(*) FROM action_items WHERE case_id = ?1", id),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn spawn_run(dir: &Path, cache: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_tovholder-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(["retention", "run"])
        .env_remove("TOVHOLDER_KEYCHAIN")
        .env("TOVHOLDER_FIXED_NOW", LATER)
        .env("XDG_CACHE_HOME", cache)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Checks a store after a kill; returns how many of the due cases are gone.
fn check(dir: &Path, shape: &Shape, what: &str) -> usize {
    let store = Store::open(dir, &Keychain::Os).unwrap_or_else(|e| panic!("{what}: the store opens: {e}"));
    let ok: String = store.conn_for_tests().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok", "{what}");
    let v = audit::verify(&store, None, None).unwrap();
    assert!(v.is_intact(), "{what}: {v}");
    let deleted: Vec<String> =
        audit::entries(&store, &audit::EntryFilter { action: Some("case.deleted".into()), ..Default::default() })
            .unwrap()
            .into_iter()
            .filter_map(|e| e.subject)
            .collect();
    let mut gone = 0;
    for (id, (reference, notes, history, items)) in shape {
        let now = shape_of(&store, *id);
        let line = deleted.iter().filter(|s| s.starts_with(&format!("{reference} "))).count();
        if now == (0, 0, 0, 0) {
            assert_eq!(line, 1, "{what}: {reference} gone with one case.deleted line");
            gone += 1;
        } else {
            assert_eq!(now, (1, *notes, *history, *items), "{what}: {reference} wholly present");
            assert_eq!(line, 0, "{what}: {reference} present without a case.deleted line");
        }
    }
    gone
}

#[test]
fn a_retention_run_killed_at_any_moment_leaves_each_case_wholly_present_or_wholly_gone() {
    require_os_keychain();
    let started = Instant::now();
    let tmp = TempStore { dir: tempfile::tempdir().unwrap() };
    let base = tmp.path().join("base");
    let work = tmp.path().join("work");
    let cache = tmp.path().join("cache");
    let _cleanup = KeychainCleanup(vec![base.clone()]);
    let shape: Shape = {
        let clock = Arc::new(FixedClock::at_rfc3339("2026-11-25T13:05:00Z"));
        let (store, _) = Store::init_with_clock(&base, &Keychain::Os, profile(), clock).unwrap();
        demo::fill_with(&store, 300, 2, 11).unwrap();
        let ids: Vec<(i64, String)> = store
            .conn_for_tests()
            .prepare("SELECT id, reference FROM cases WHERE stage IN ('closed', 'forwarded')")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        ids.into_iter()
            .map(|(id, r)| {
                let (_, n, h, a) = shape_of(&store, id);
                (id, (r, n, h, a))
            })
            .collect()
    };
    assert!(shape.len() > 2 * tovholder_core::retention::BATCH, "more than two batches are due: {}", shape.len());

    // One whole run: how long it takes (the kills fall within it).
    copy_dir(&base, &work);
    let t = Instant::now();
    assert!(spawn_run(&work, &cache).wait().unwrap().success());
    let whole = t.elapsed();
    assert_eq!(check(&work, &shape, "whole run"), shape.len());

    // A small deterministic generator, seeded from the clock (printed, to repeat a failure).
    let mut seed = std::env::var("KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    println!("KILL_SEED={seed}; a whole run takes {whole:?}; {} cases due", shape.len());
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as f64 / (1u64 << 31) as f64
    };
    let (mut none, mut partial, mut all) = (0, 0, 0);
    for i in 0..KILLS {
        copy_dir(&base, &work);
        let mut child = spawn_run(&work, &cache);
        std::thread::sleep(whole.mul_f64(next() * 1.1));
        let _ = child.kill();
        let _ = child.wait();
        match check(&work, &shape, &format!("kill {i}")) {
            0 => none += 1,
            n if n == shape.len() => all += 1,
            _ => partial += 1,
        }
    }
    println!(
        "after {KILLS} kills: {none} with nothing deleted, {partial} part-way, {all} complete, in {:?}",
        started.elapsed()
    );
    assert!(none + partial > 0, "some kills fell inside the run");
}
