//! Retention benchmark: `cargo bench -p tovholder-core --bench retention`.
//!
//! A real encrypted store with 10,000 cases (2 notes each, their history and action items), of
//! which 1,000 are closed long enough ago to be due. The retention pass (batches of
//! `retention::BATCH` cases, each with its audit line, the search index merged, the WAL emptied
//! and the file vacuumed) beside the bare SQL that deletes the same rows in one transaction, with
//! and without the same compaction; each on a fresh copy of the store, median of 5 runs taken in
//! turns. Figures are recorded in docs/benchmarks.md.

mod common;
use common::{ms, profile};
use std::path::Path;
use std::time::{Duration, Instant};
use tovholder_core::{Keychain, Store, demo, retention};

fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("base");
    let keychain = Keychain::memory();
    {
        let (store, _) = Store::init(&base, &keychain, profile()).unwrap();
        demo::fill_with(&store, 10_000, 2, 7).unwrap();
        // Benchmark setup only: every case open in the home district, every tenth closed in 2015.
        store
            .conn_for_tests()
            .execute_batch(
                "UPDATE cases SET district_code = 'ØJP', stage = 'assessment', outcome = NULL, closed_at = NULL,
                     forwarded_to = NULL;
                 UPDATE cases SET stage = 'closed', outcome = 'completed', closed_at = '2015-01-01T10:00:00.000Z'
                 WHERE id % 10 = 0;",
            )
            .unwrap();
        let c = store.conn_for_tests();
        let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
        println!(
            "Store: {} cases ({} due), {} notes, {} history entries, {} action items (SQLCipher)\n",
            n("SELECT count(*) FROM cases"),
            n("SELECT count(*) FROM cases WHERE stage = 'closed'"),
            n("SELECT count(*) FROM case_notes"),
            n("SELECT count(*) FROM case_history"),
            n("SELECT count(*) FROM action_items")
        );
    }
    let work = tmp.path().join("work");
    let open = || Store::open(&work, &keychain).unwrap();

    let ours = || -> Duration {
        copy_dir(&base, &work);
        let store = open();
        let t = Instant::now();
        let run = retention::run(&store, false).unwrap();
        let d = t.elapsed();
        assert_eq!(run.cases.len(), 1_000);
        assert!(run.compacted);
        d
    };
    let bare = |compact: bool| -> Duration {
        copy_dir(&base, &work);
        let store = open();
        let c = store.conn_for_tests();
        let t = Instant::now();
        c.execute_batch(
            "BEGIN IMMEDIATE;
             CREATE TEMP TABLE due AS SELECT id FROM cases WHERE stage = 'closed';
             DELETE FROM case_search WHERE rowid IN (SELECT -id FROM due)
                 OR rowid IN (SELECT n.id FROM case_notes n JOIN due d ON n.case_id = d.id);
             DELETE FROM action_items WHERE case_id IN (SELECT id FROM due);
             DELETE FROM case_notes WHERE case_id IN (SELECT id FROM due);
             DELETE FROM case_history WHERE case_id IN (SELECT id FROM due);
             DELETE FROM cases WHERE id IN (SELECT id FROM due);
             DROP TABLE due;
             COMMIT;",
        )
        .unwrap();
        if compact {
            c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
            c.execute_batch("PRAGMA incremental_vacuum;").unwrap();
            c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
        }
        t.elapsed()
    };
    let runs = 5;
    let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        a.push(ours());
        b.push(bare(false));
        c.push(bare(true));
    }
    for v in [&mut a, &mut b, &mut c] {
        v.sort();
    }
    let (a, b, c) = (a[runs / 2], b[runs / 2], c[runs / 2]);
    println!("| operation | Tovholder | bare SQL | ratio |\n| --- | --- | --- | --- |");
    println!(
        "| retention pass, 1,000 of 10,000 cases (vs. one bare DELETE transaction) | {:.0} ms | {:.0} ms | {:.2}× |",
        ms(a),
        ms(b),
        a.as_secs_f64() / b.as_secs_f64()
    );
    println!(
        "| retention pass (vs. bare DELETE + checkpoint, incremental vacuum, checkpoint) | {:.0} ms | {:.0} ms | {:.2}× |",
        ms(a),
        ms(c),
        a.as_secs_f64() / c.as_secs_f64()
    );
    assert!(a < Duration::from_secs(5), "the pass takes under 5 s");
}
