//! Statistik benchmark: `cargo bench -p tovholder-core --bench stats`.
//!
//! A real encrypted store with 10,000 cases received in one year and 100,000 history entries
//! (each case created, then moved nine times), with the demo's action items; the year's figures
//! (every table, both durations and the small-cell protection) beside the bare SQL counts of the
//! same figures in the same run (medians of 31 runs each, taken in turns, warm cache). Figures
//! are recorded in docs/benchmarks.md.

mod common;
use common::{median_pair, profile, row};
use tovholder_core::dates::Day;
use tovholder_core::stats::{self, Period};
use tovholder_core::{Keychain, Store, demo};

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::init(tmp.path(), &Keychain::memory(), profile()).unwrap();
    demo::fill_with(&store, 10_000, 1, 7).unwrap();
    let conn = store.conn_for_tests();
    // Benchmark setup only: every case received in 2026, each with a creation and nine moves
    // (forth, and back to the start every fourth), 100,000 history entries in all.
    conn.execute_batch(
        "UPDATE cases SET received_at = strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (id * 3137 % 31449600) || ' seconds');
         DELETE FROM case_history;
         INSERT INTO case_history (case_id, at, actor, field, old_value, new_value)
             SELECT id, received_at, 'Bench', 'created', NULL, reference FROM cases;
         WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 9)
         INSERT INTO case_history (case_id, at, actor, field, old_value, new_value)
             SELECT c.id, strftime('%Y-%m-%dT%H:%M:%fZ', c.received_at, '+' || (k.n * 3) || ' days'), 'Bench', 'stage',
                 CASE k.n % 4 WHEN 1 THEN 'new_concern' WHEN 2 THEN 'screening' WHEN 3 THEN 'assessment' ELSE 'intervention' END,
                 CASE k.n % 4 WHEN 1 THEN 'screening' WHEN 2 THEN 'assessment' WHEN 3 THEN 'intervention' ELSE 'new_concern' END
             FROM cases c, k ORDER BY c.id, k.n;",
    )
    .unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    println!(
        "Store: {} cases received in 2026, {} history entries, {} action items (SQLCipher)\n",
        count("SELECT count(*) FROM cases WHERE received_at LIKE '2026-%'"),
        count("SELECT count(*) FROM case_history"),
        count("SELECT count(*) FROM action_items"),
    );
    println!("| operation | Tovholder | bare SQL | ratio |\n| --- | --- | --- | --- |");

    let year = Period::new(Day::parse("2026-01-01").unwrap(), Day::parse("2026-12-31").unwrap()).unwrap();
    let (from, to) = (year.start().as_text(), year.end().as_text());
    // The bare SQL: each figure as a GROUP BY count (month in UTC, the stage at the end as the
    // last stage change per case), rows fetched and dropped.
    let mut bare = || {
        let received = "FROM cases WHERE received_at >= ?1 AND received_at < ?2";
        let queries = [
            format!("SELECT substr(received_at, 1, 7), count(*) {received} GROUP BY 1"),
            format!("SELECT channel, count(*) {received} GROUP BY 1"),
            format!("SELECT caller_type, count(*) {received} GROUP BY 1"),
            format!("SELECT category, count(*) {received} GROUP BY 1"),
            format!("SELECT urgency, count(*) {received} GROUP BY 1"),
            format!("SELECT municipality, count(*) {received} GROUP BY 1"),
            format!("SELECT district_code, count(*) {received} GROUP BY 1"),
            format!(
                "SELECT CASE WHEN birth_year IS NULL THEN 4 WHEN 2026 - birth_year < 15 THEN 0 WHEN 2026 - birth_year < 18
                 THEN 1 WHEN 2026 - birth_year < 25 THEN 2 ELSE 3 END, count(*) {received} GROUP BY 1"
            ),
            "SELECT old_value, new_value, count(*) FROM case_history WHERE field = 'stage' AND at >= ?1 AND at < ?2
             GROUP BY 1, 2"
                .into(),
            "SELECT h.new_value, count(*) FROM case_history h JOIN (SELECT max(id) AS id FROM case_history
             WHERE field = 'stage' AND at < ?2 AND ?1 <> '' GROUP BY case_id) l ON l.id = h.id GROUP BY 1"
                .into(),
            "SELECT outcome, count(*) FROM cases WHERE closed_at >= ?1 AND closed_at < ?2 GROUP BY 1".into(),
            "SELECT status, count(*) FROM action_items WHERE created_at >= ?1 AND created_at < ?2 GROUP BY 1".into(),
        ];
        for q in &queries {
            let mut stmt = conn.prepare_cached(q).unwrap();
            let mut rows = stmt.query([&from, &to]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let _: rusqlite::types::Value = r.get(0).unwrap();
            }
        }
    };
    let (ours, bare_t) = median_pair(
        || assert_eq!(stats::figures(&store, year, 5).unwrap().tables[0].total.unwrap().value, Some(10_000)),
        &mut bare,
        31,
    );
    row("Statistik for a year (10,000 cases, 100,000 history entries), with protection", ours, bare_t);
}
