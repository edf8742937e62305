//! Case register benchmark: `cargo bench -p tovholder-core --bench register`.
//!
//! Builds a real encrypted store with 10,000 demo cases and about 100,000 notes, then times the
//! case list, the board and search, each beside the bare SQL it runs on the same data, and prints
//! medians and the ratio. Figures are recorded in docs/benchmarks.md.

mod common;
use common::{median, profile, row};
use std::time::Instant;
use tovholder_core::cases::{self, CaseFilter};
use tovholder_core::{Keychain, Store, board, demo};

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::init(tmp.path(), &Keychain::memory(), profile()).unwrap();

    let start = Instant::now();
    let made = demo::fill(&store, 10_000, 1).unwrap();
    let demo_10k = start.elapsed();
    drop(store);
    let tmp2 = tempfile::tempdir().unwrap();
    let (store, _) = Store::init(tmp2.path(), &Keychain::memory(), profile()).unwrap();
    let start = Instant::now();
    let big = demo::fill_with(&store, 10_000, 10, 2).unwrap();
    let fill_100k = start.elapsed();
    let conn = store.conn_for_tests();
    println!("Store: {} cases, {} notes (SQLCipher, 64 MB page cache)\n", big.cases, big.notes);
    println!("| demo data | time |\n| --- | --- |");
    println!("| `demo --cases 10000` ({} notes) | {:.2} s |", made.notes, demo_10k.as_secs_f64());
    println!("| 10,000 cases with {} notes | {:.2} s |\n", big.notes, fill_100k.as_secs_f64());
    println!("| operation | Tovholder | bare SQL | ratio |\n| --- | --- | --- | --- |");

    let page = CaseFilter { district_code: Some("ØJP".into()), ..Default::default() };
    let ours = median(|| assert_eq!(cases::list(&store, &page).unwrap().cases.len(), 50), 51);
    let bare = median(
        || {
            let mut s = conn
                .prepare_cached(
                    "SELECT reference, pseudonym, stage FROM cases WHERE district_code = 'ØJP'
                     ORDER BY received_at DESC, id DESC LIMIT 50",
                )
                .unwrap();
            let n = s.query_map([], |r| r.get::<_, String>(0)).unwrap().count();
            assert_eq!(n, 50);
        },
        51,
    );
    row("case list, one district, first page of 50 (with total count)", ours, bare);

    let all = |offset: u32| CaseFilter { limit: 500, offset, ..Default::default() };
    let ours = median(
        || {
            let n: usize = (0..20).map(|p| cases::list(&store, &all(p * 500)).unwrap().cases.len()).sum();
            assert_eq!(n, 10_000);
        },
        11,
    );
    let bare = median(
        || {
            let mut s = conn
                .prepare_cached(
                    "SELECT reference, district_code, stage, pseudonym, birth_year, municipality, category,
                            urgency, channel, police_flag, received_at, updated_at
                     FROM cases ORDER BY received_at DESC, id DESC",
                )
                .unwrap();
            assert_eq!(s.query_map([], |r| r.get::<_, String>(0)).unwrap().count(), 10_000);
        },
        11,
    );
    row("all 10,000 case rows (20 pages of 500)", ours, bare);

    let ours = median(|| drop(board::load(&store).unwrap()), 51);
    let bare = median(
        || {
            let mut s = conn
                .prepare_cached(
                    "SELECT reference, stage FROM cases WHERE district_code = 'ØJP' AND stage NOT IN ('closed','forwarded')",
                )
                .unwrap();
            let _ = s.query_map([], |r| r.get::<_, String>(0)).unwrap().count();
        },
        51,
    );
    row("board for one district", ours, bare);

    for word in ["samtale", "våben", "ØJP-2025-0042"] {
        let ours = median(|| drop(cases::search(&store, word, 50).unwrap()), 51);
        let q = cases::fts_query(word).expect("a searchable word");
        let matches: i64 =
            conn.query_row("SELECT count(*) FROM case_search WHERE case_search MATCH ?1", [&q], |r| r.get(0)).unwrap();
        let bare = median(
            || {
                let mut s = conn
                    .prepare_cached("SELECT rowid FROM case_search WHERE case_search MATCH ?1 ORDER BY rank LIMIT 50")
                    .unwrap();
                let _ = s.query_map([&q], |r| r.get::<_, i64>(0)).unwrap().count();
            },
            51,
        );
        row(&format!("search »{word}«, 50 best ({matches} matching rows)"), ours, bare);
    }
}
