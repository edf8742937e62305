//! Audit benchmark: `cargo bench -p tovholder-core --bench audit`.
//!
//! A real encrypted store whose log holds 1,000,000 entries (a mix of one-case entries and board
//! loads showing 40 cases each), verified whole — without the recovery code (positions, digests,
//! the head) and with it (every MAC too) — beside the bare read of the same rows in the same run;
//! and the entries about one case (the Log tab's lookup). Single timed runs after a warm-up read
//! (a verify of a million entries is long enough to time once). Figures: docs/benchmarks.md.

mod common;
use common::{ms, profile, row};
use std::time::Instant;
use tovholder_core::audit::{self, AuditEvent, EntryFilter};
use tovholder_core::{Keychain, Store};

const ENTRIES: usize = 1_000_000;

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, code) = Store::init(tmp.path(), &Keychain::memory(), profile()).unwrap();
    let refs: Vec<String> = (1..=2000).map(|i| format!("ØJP-2026-{i:04}")).collect();
    let started = Instant::now();
    // Batches of 10,000 events per write (each event chained as the app chains it).
    let mut written = store.status().unwrap().counts.audit_log as usize;
    while written < ENTRIES {
        let n = (ENTRIES - written).min(10_000);
        let events = (0..n)
            .map(|i| {
                let k = written + i;
                if k.is_multiple_of(10) {
                    AuditEvent::BoardViewed { refs: refs[(k % 1960)..(k % 1960) + 40].to_vec() }
                } else {
                    AuditEvent::CaseRead { reference: refs[k % 2000].clone() }
                }
            })
            .collect();
        audit::append_for_tests(&store, events).unwrap();
        written += n;
    }
    let total = store.status().unwrap().counts.audit_log;
    println!(
        "Store: {total} audit entries (every tenth a board load showing 40 cases), written in {:.1} s\n",
        started.elapsed().as_secs_f64()
    );
    println!("| operation | Tovholder | bare SQL | ratio |\n| --- | --- | --- | --- |");

    let conn = store.conn_for_tests();
    let bare = || {
        let mut stmt = conn
            .prepare_cached("SELECT id, at, actor, action, subject, refs, digest, mac FROM audit_log ORDER BY id")
            .unwrap();
        let mut rows = stmt.query([]).unwrap();
        let mut n = 0u64;
        while let Some(r) = rows.next().unwrap() {
            for i in 0..8 {
                let _ = r.get_ref(i).unwrap();
            }
            n += 1;
        }
        assert!(n >= total);
    };
    bare();
    let time = |f: &mut dyn FnMut()| {
        let s = Instant::now();
        f();
        s.elapsed()
    };
    let bare_t = time(&mut || bare());
    let ours = time(&mut || assert!(audit::verify(&store, None, None).unwrap().is_intact()));
    row("audit verify, 1,000,000 entries (digests, head)", ours, bare_t);
    let bare_t = time(&mut || bare());
    let ours = time(&mut || assert!(audit::verify(&store, None, Some(&code)).unwrap().is_intact()));
    row("audit verify with the recovery code (every MAC too)", ours, bare_t);
    let verify_all = ours;

    let one = refs[1234].clone();
    let bare_lookup = || {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM audit_log WHERE subject = ?1 OR refs LIKE '%' || ?1 || '%'", [&one], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(n > 0);
    };
    let bare_t = time(&mut || bare_lookup());
    let filter = EntryFilter { reference: Some(one.clone()), ..Default::default() };
    let ours = time(&mut || assert!(!audit::entries(&store, &filter).unwrap().is_empty()));
    row("the entries about one case (Log tab), 1,000,000 entries", ours, bare_t);
    println!("\n(single runs after a warm-up read; the full verify must stay under 5 s: {:.0} ms)", ms(verify_all));
}
