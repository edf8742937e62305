//! Board benchmark: `cargo bench -p tovholder-core --bench board`.
//!
//! A real encrypted store with 10,000 open cases in one district (action items on about a third)
//! and the board's data for it, beside the bare SQL that fetches the same rows in the same run
//! (medians of 31 runs each, taken in turns, warm cache). The board reads every active case (to count, filter and order
//! them) but sends whole cards only for what the UI shows (50 per column at first); the last row
//! sends all 10,000. Figures are recorded in docs/benchmarks.md.

mod common;
use common::{median_pair, profile, row};
use tovholder_core::board::{self, BoardFilter, BoardView, Lane};
use tovholder_core::cases::Stage;
use tovholder_core::{Keychain, Store, demo};

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::init(tmp.path(), &Keychain::memory(), profile()).unwrap();
    demo::fill_with(&store, 10_000, 1, 7).unwrap();
    let conn = store.conn_for_tests();
    // Benchmark setup only: every case open and in the home district, a third with open items.
    conn.execute_batch(
        "UPDATE cases SET district_code = 'ØJP', stage = CASE id % 4 WHEN 0 THEN 'screening' WHEN 1 THEN 'assessment'
             WHEN 2 THEN 'intervention' ELSE 'follow_up' END, outcome = NULL, closed_at = NULL, forwarded_to = NULL;
         DELETE FROM action_items;
         INSERT INTO action_items (case_id, what, agency, due, created_at, created_by)
             SELECT id, 'Opfølgende samtale', 'ssp', date('2026-11-01', '+' || (id % 60) || ' days'), created_at, 'Bench'
             FROM cases WHERE id % 3 = 0;
         INSERT INTO action_items (case_id, what, agency, due, created_at, created_by)
             SELECT id, 'Registertjek', 'police', date('2026-11-10', '+' || (id % 30) || ' days'), created_at, 'Bench'
             FROM cases WHERE id % 6 = 0;",
    )
    .unwrap();
    let open: i64 = conn
        .query_row("SELECT count(*) FROM cases WHERE stage NOT IN ('closed','forwarded')", [], |r| r.get(0))
        .unwrap();
    let items: i64 = conn.query_row("SELECT count(*) FROM action_items", [], |r| r.get(0)).unwrap();
    println!("Store: {open} open cases in one district, {items} open action items (SQLCipher)\n");
    println!("| operation | Tovholder | bare SQL | ratio |\n| --- | --- | --- | --- |");

    // The bare SQL: the same rows the board reads (cases with their board columns, open items).
    let mut bare = || {
        let mut cases = conn
            .prepare_cached(
                "SELECT reference, district_code, stage, pseudonym, birth_year, municipality, category, urgency,
                        channel, police_flag, received_at, updated_at, id, stage_entered_at, meeting_flag,
                        forwarded_to, outcome
                 FROM cases WHERE district_code = 'ØJP' AND stage NOT IN ('closed', 'forwarded')
                 ORDER BY received_at, id",
            )
            .unwrap();
        // Every column fetched as SQLite returns it (the rows, without mapping them to types).
        let mut n = 0;
        let mut rows = cases.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..17 {
                let _: rusqlite::types::Value = r.get(i).unwrap();
            }
            n += 1;
        }
        let mut items = conn
            .prepare_cached(
                "SELECT case_id, what, agency, due FROM action_items WHERE status = 'open' ORDER BY case_id, due, id",
            )
            .unwrap();
        let m = items
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
            })
            .unwrap()
            .count();
        assert!(n == 10_000 && m > 0);
    };
    let (ours, bare_t) = median_pair(|| assert_eq!(board::load(&store).unwrap().active_total, 10_000), &mut bare, 31);
    row("board, 10,000 open cases (no lanes, no filter)", ours, bare_t);
    let (ours, bare_t) =
        median_pair(|| drop(board::load_with(&store, Some(Lane::Agency), None).unwrap()), &mut bare, 31);
    row("board with agency swimlanes", ours, bare_t);
    let filter = BoardFilter { overdue: true, text: Some("a".into()), ..Default::default() };
    let (ours, bare_t) =
        median_pair(|| drop(board::load_with(&store, None, Some(filter.clone())).unwrap()), &mut bare, 31);
    row("board filtered (overdue items + free text)", ours, bare_t);
    // Every card of every column as a full card (what "Vis flere" to the end would send).
    let all = BoardView {
        shown: Stage::ALL.into_iter().map(|s| (s, board::CARDS_SHOWN_MAX)).collect(),
        ..Default::default()
    };
    let (ours, bare_t) =
        median_pair(|| assert_eq!(board::view(&store, &all).unwrap().columns[1].cards.len(), 2_500), &mut bare, 31);
    row("board with all 10,000 cards sent", ours, bare_t);
}
