//! Schema upgrades on real SQLCipher files: a checked-in store at every released schema version
//! is upgraded without losing a row, with one owner-only encrypted backup beside it; foreign keys
//! are off while a step rebuilds a table; a step that breaks a reference is rolled back; only the
//! newest three backups are kept; the audit log refuses updates and deletes; and the migrated
//! schema matches its snapshot.
//!
//! The fixtures (`tests/fixtures/store-v*.db`) hold synthetic test data only, encrypted with
//! [`FIXTURE_KEY`]. Regenerate them (only when a new released version is added) with
//! `cargo test -p tovholder-core --test migrations -- --ignored generate_fixtures`.

mod common;
use common::profile;
use rusqlite::Connection;
use rusqlite::types::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use tovholder_core::migrate_testing::{backups, open_with_raw_key, to_version, upgrade_file};
use tovholder_core::schema::LATEST_VERSION;
use tovholder_core::secrets::{DbKey, KeyEnvelope, RecoveryCode};
use tovholder_core::{Error, Keychain, Store, cases};

/// The raw SQLCipher key of the fixtures. A test key for synthetic test data, nothing else.
const FIXTURE_KEY: &[u8; 32] = b"tovholder-synthetic-test-key-001";

/// The schema versions that have been released, one fixture each.
const RELEASED: &[u32] = &[1, 2, 6];

/// The synthetic "PDF" of the fixture's finalized meeting (stored bytes; its SHA-256 beside them).
const FIXTURE_MINUTES: &[u8] = b"%PDF-1.3\n% Syntetisk testreferat, ingen rigtige personer\n%%EOF\n";

fn fixture(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(format!("store-v{version}.db"))
}

fn user_version(conn: &Connection) -> u32 {
    conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Fixture generator

/// Builds the missing `tests/fixtures/store-v{1,2,6}.db` with the released steps and plain SQL.
#[test]
#[ignore = "writes the checked-in fixtures; run by hand when a schema version is released"]
fn generate_fixtures() {
    for &version in RELEASED {
        let path = fixture(version);
        if path.exists() {
            // A released fixture stays as it is (SQLCipher's random salts would change every
            // byte); delete the file to rebuild it.
            continue;
        }
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", hex::encode(FIXTURE_KEY))).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = ON;").unwrap();
        to_version(&mut conn, 1).unwrap();
        fill_v1(&conn);
        if version >= 2 {
            to_version(&mut conn, 2).unwrap();
            fill_v2(&conn);
        }
        if version >= 6 {
            to_version(&mut conn, 6).unwrap();
            fill_v6(&conn);
        }
        assert_eq!(user_version(&conn), version);
        conn.execute_batch("VACUUM;").unwrap();
        conn.close().unwrap();
        assert!(!Path::new(&format!("{}-wal", path.display())).exists());
    }
}

/// Version 1: the profile and the store's own audit entries.
fn fill_v1(conn: &Connection) {
    conn.execute_batch(
        "INSERT INTO profile (id, name, organisation_kind, organisation_name, district_code, created_at, updated_at)
         VALUES (1, 'Søren Ærø-Åberg', 'police', 'Østjyllands Politi', 'ØJP',
                 '2026-01-05T08:00:00.000Z', '2026-01-05T08:00:00.000Z');
         INSERT INTO audit_log (at, actor, action, subject) VALUES
             ('2026-01-05T08:00:00.000Z', 'Søren Ærø-Åberg', 'store.created', NULL),
             ('2026-01-06T09:30:00.000Z', 'Søren Ærø-Åberg', 'store.backup_created', NULL),
             ('2026-01-07T10:45:12.345Z', 'Søren Ærø-Åberg', 'store.unlocked_with_recovery_code', NULL);",
    )
    .unwrap();
}

/// Version 2: cases in several stages, with notes, history, search entries and audit entries.
fn fill_v2(conn: &Connection) {
    use tovholder_core::text::fold;
    let actor = "Søren Ærø-Åberg";
    conn.execute_batch(
        "INSERT INTO case_sequence (district_code, year, last) VALUES ('ØJP', 2026, 3), ('KBHP', 2025, 1);",
    )
    .unwrap();
    struct FixtureCase {
        reference: &'static str,
        stage: &'static str,
        outcome: Option<&'static str>,
        forwarded_to: Option<&'static str>,
        channel: &'static str,
        caller_type: &'static str,
        caller_name: Option<&'static str>,
        caller_phone: Option<&'static str>,
        caller_email: Option<&'static str>,
        pseudonym: &'static str,
        birth_year: Option<i64>,
        gender: Option<&'static str>,
        municipality: &'static str,
        category: &'static str,
        indicators: &'static str,
        urgency: &'static str,
        police_flag: i64,
        description: &'static str,
        closed_at: Option<&'static str>,
    }
    let cases = [
        FixtureCase {
            reference: "ØJP-2026-0001",
            stage: "assessment",
            outcome: None,
            forwarded_to: None,
            channel: "hotline",
            caller_type: "school",
            caller_name: Some("Lærer Bødker"),
            caller_phone: Some("+45 12 34 56 78"),
            caller_email: None,
            pseudonym: "Drengen fra Ærøskøbing",
            birth_year: Some(2009),
            gender: Some("male"),
            municipality: "Aarhus",
            category: "right_wing",
            indicators: r#"["shares_propaganda","isolation"]"#,
            urgency: "high",
            police_flag: 0,
            description: "Deler propaganda i klassens gruppechat; trækker sig fra venner. Syntetisk testtekst: æøå ÆØÅ.",
            closed_at: None,
        },
        FixtureCase {
            reference: "ØJP-2026-0002",
            stage: "closed",
            outcome: Some("completed"),
            forwarded_to: None,
            channel: "email",
            caller_type: "parent",
            caller_name: Some("Birgitte Søgaard"),
            caller_phone: None,
            caller_email: Some("birgitte@example.invalid"),
            pseudonym: "Pigen på Østergade",
            birth_year: Some(2007),
            gender: Some("female"),
            municipality: "Silkeborg",
            category: "militant_islamism",
            indicators: r#"["changed_behaviour"]"#,
            urgency: "normal",
            police_flag: 0,
            description: "Forældrene er bekymrede over ændret adfærd. Syntetisk testtekst.",
            closed_at: Some("2026-03-01T12:00:00.000Z"),
        },
        FixtureCase {
            reference: "ØJP-2026-0003",
            stage: "forwarded",
            outcome: None,
            forwarded_to: Some("KBHP"),
            channel: "in_person",
            caller_type: "anonymous",
            caller_name: None,
            caller_phone: None,
            caller_email: None,
            pseudonym: "Ukendt på Nørrebro",
            birth_year: None,
            gender: None,
            municipality: "København",
            category: "left_wing",
            indicators: r#"["threats","weapons_interest"]"#,
            urgency: "acute",
            police_flag: 1,
            description: "Trusler mod navngivet person; flyttet til København. Syntetisk testtekst.",
            closed_at: None,
        },
        FixtureCase {
            reference: "KBHP-2025-0001",
            stage: "new_concern",
            outcome: None,
            forwarded_to: None,
            channel: "referral",
            caller_type: "social_worker",
            caller_name: Some("Åse Grøn"),
            caller_phone: Some("33 33 33 33"),
            caller_email: Some("aase@example.invalid"),
            pseudonym: "Søster Ø",
            birth_year: Some(2010),
            gender: Some("other"),
            municipality: "Frederiksberg",
            category: "other",
            indicators: "[]",
            urgency: "normal",
            police_flag: 0,
            description: "Henvist fra socialforvaltningen. Syntetisk testtekst.",
            closed_at: None,
        },
    ];
    for (i, c) in cases.iter().enumerate() {
        let at = format!("2026-02-0{}T10:00:00.000Z", i + 1);
        let district = c.reference.split('-').next().unwrap();
        conn.execute(
            "INSERT INTO cases (reference, district_code, stage, outcome, forwarded_to, received_at, channel,
                 caller_type, caller_name, caller_phone, caller_email, pseudonym, birth_year, gender, municipality,
                 category, indicators, urgency, police_flag, description, created_at, created_by, updated_at, closed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?6, ?21,
                 ?6, ?22)",
            rusqlite::params![
                c.reference,
                district,
                c.stage,
                c.outcome,
                c.forwarded_to,
                at,
                c.channel,
                c.caller_type,
                c.caller_name,
                c.caller_phone,
                c.caller_email,
                c.pseudonym,
                c.birth_year,
                c.gender,
                c.municipality,
                c.category,
                c.indicators,
                c.urgency,
                c.police_flag,
                c.description,
                actor,
                c.closed_at
            ],
        )
        .unwrap();
        let id = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO case_search (rowid, body) VALUES (?1, ?2)",
            rusqlite::params![
                -id,
                fold(&format!("{} {} {} {}", c.reference, c.pseudonym, c.municipality, c.description))
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO case_history (case_id, at, actor, field, old_value, new_value, reason)
             VALUES (?1, ?2, ?3, 'created', NULL, ?4, NULL)",
            rusqlite::params![id, at, actor, c.reference],
        )
        .unwrap();
        if c.stage != "new_concern" {
            let reason = (c.stage == "forwarded").then_some("Personen er flyttet til Københavns Politis område.");
            conn.execute(
                "INSERT INTO case_history (case_id, at, actor, field, old_value, new_value, reason)
                 VALUES (?1, ?2, ?3, 'stage', 'new_concern', ?4, ?5)",
                rusqlite::params![id, format!("2026-02-1{}T11:00:00.000Z", i + 1), actor, c.stage, reason],
            )
            .unwrap();
        }
        for (n, body) in ["Samtale med kontaktlæreren; følges op i næste uge.", "Møde aftalt på rådhuset i Århus."]
            .iter()
            .enumerate()
        {
            if i == 3 && n == 1 {
                break;
            }
            conn.execute(
                "INSERT INTO case_notes (case_id, at, author, body) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![id, format!("2026-02-2{}T1{n}:00:00.000Z", i + 1), actor, body],
            )
            .unwrap();
            let note = conn.last_insert_rowid();
            conn.execute("INSERT INTO case_search (rowid, body) VALUES (?1, ?2)", rusqlite::params![note, fold(body)])
                .unwrap();
        }
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, subject) VALUES (?1, ?2, 'case.created', ?3)",
            rusqlite::params![at, actor, c.reference],
        )
        .unwrap();
    }
}

/// Version 6 (migrations 3–6): a row in every table they added — action items (one from a
/// meeting), board settings, a demo-case mark, the participants directory, meetings (a finalized
/// one with its minutes, an addendum draft, a draft), their participants, agenda items and
/// recorded action items — and the new case columns set.
fn fill_v6(conn: &Connection) {
    use sha2::Digest;
    let actor = "Søren Ærø-Åberg";
    let case = |reference: &str| -> i64 {
        conn.query_row("SELECT id FROM cases WHERE reference = ?1", [reference], |r| r.get(0)).unwrap()
    };
    let (first, second, demo) = (case("ØJP-2026-0001"), case("ØJP-2026-0002"), case("KBHP-2025-0001"));
    conn.execute(
        "UPDATE cases SET meeting_flag = 1, stage_entered_at = '2026-02-11T11:00:00.000Z' WHERE id = ?1",
        [first],
    )
    .unwrap();
    conn.execute("INSERT INTO demo_cases (case_id) VALUES (?1)", [demo]).unwrap();
    conn.execute(
        "INSERT INTO board_settings (id, lane, filters, wip_limits, stale_days, updated_at)
         VALUES (1, 'urgency', '{\"municipality\":\"Aarhus\",\"meeting\":true}', '{\"assessment\":5}', 21,
                 '2026-02-15T08:00:00.000Z')",
        [],
    )
    .unwrap();
    conn.execute_batch(
        "INSERT INTO directory (id, name, organisation, role, email, retired_at, created_at) VALUES
             (1, 'Søren Ærø-Åberg', 'Østjyllands Politi', 'Tovholder', 'saa@example.invalid', NULL, '2026-02-01T08:00:00.000Z'),
             (2, 'Aylin Çelik', 'Socialforvaltningen, Aarhus', NULL, 'ac@example.invalid', NULL, '2026-02-01T08:05:00.000Z'),
             (3, 'Łukasz Nguyễn', 'SSP Aarhus', 'SSP-konsulent', NULL, '2026-03-20T09:00:00.000Z', '2026-02-01T08:10:00.000Z');",
    )
    .unwrap();
    // Meetings are inserted as drafts (a finalized meeting refuses new rows) and finalized last.
    conn.execute_batch(
        "INSERT INTO meetings (id, district_code, year, number, addendum_of, addendum_number, held_at, place,
             next_meeting_at, delete_after, created_at, created_by) VALUES
             (1, 'ØJP', 2026, 1, NULL, NULL, '2026-03-04T13:00:00.000Z', 'Politigården, Aarhus',
              '2026-04-01T12:00:00.000Z', '2031-03-04', '2026-02-25T08:00:00.000Z', 'Søren Ærø-Åberg'),
             (2, 'ØJP', 2026, 1, 1, 1, '2026-03-10T08:00:00.000Z', 'Politigården, Aarhus',
              NULL, '2031-03-04', '2026-03-10T08:00:00.000Z', 'Søren Ærø-Åberg'),
             (3, 'ØJP', 2026, 2, NULL, NULL, '2026-04-01T12:00:00.000Z', NULL,
              NULL, '2031-04-01', '2026-03-11T08:00:00.000Z', 'Søren Ærø-Åberg');
         INSERT INTO meeting_participants (meeting_id, directory_id, present) VALUES
             (1, 1, 1), (1, 2, 1), (1, 3, 0), (2, 1, 1), (2, 2, 1), (3, 1, 1);",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO meeting_items (id, meeting_id, position, kind, case_id, reason, new_information, assessment,
             recommendation, resulting_stage) VALUES
             (1, 1, 0, 'case', ?1, 'Markeret til møde',
              '[{\"authority\":\"school\",\"text\":\"Eleven kommer i skole igen. Syntetisk testtekst.\"}]',
              'Beskyttende: familien samarbejder.', 'Infohuset anbefaler et mentorforløb.', 'intervention')",
        [first],
    )
    .unwrap();
    conn.execute_batch(
        "INSERT INTO meeting_items (id, meeting_id, position, kind, title, body) VALUES
             (2, 1, 1, 'free', 'Orientering fra SSP', 'Intet nyt. Syntetisk testtekst.'),
             (3, 3, 0, 'free', 'Eventuelt', NULL);
         INSERT INTO meeting_actions (id, item_id, what, agency, person, due) VALUES
             (1, 1, 'Finde en mentor', 'ssp', 'Łukasz Nguyễn', '2026-03-25');",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO action_items (id, case_id, what, agency, person, due, status, status_at, status_by, created_at,
             created_by, meeting_id) VALUES
             (1, ?1, 'Finde en mentor', 'ssp', 'Łukasz Nguyễn', '2026-03-25', 'open', NULL, NULL,
              '2026-03-04T15:00:00.000Z', ?3, 1),
             (2, ?2, 'Samtale med forældrene', 'social_services', NULL, '2026-02-20', 'done',
              '2026-02-19T10:00:00.000Z', ?3, '2026-02-10T10:00:00.000Z', ?3, NULL)",
        rusqlite::params![first, second, actor],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO case_history (case_id, at, actor, field, old_value, new_value, reason)
         VALUES (?1, '2026-03-04T15:00:00.000Z', ?2, 'meeting', NULL, 'Drøftet på møde 1/2026', NULL)",
        rusqlite::params![first, actor],
    )
    .unwrap();
    let sha = hex::encode(sha2::Sha256::digest(FIXTURE_MINUTES));
    conn.execute(
        "UPDATE meetings SET status = 'final', minutes_pdf = ?1, minutes_sha256 = ?2,
             finalized_at = '2026-03-04T15:00:00.000Z', finalized_by = ?3 WHERE id = 1",
        rusqlite::params![FIXTURE_MINUTES, sha, actor],
    )
    .unwrap();
    conn.execute_batch(
        "INSERT INTO audit_log (at, actor, action, subject) VALUES
             ('2026-02-25T08:00:00.000Z', 'Søren Ærø-Åberg', 'meeting.changed', 'møde 1/2026'),
             ('2026-03-04T15:00:00.000Z', 'Søren Ærø-Åberg', 'meeting.finalized', 'møde 1/2026'),
             ('2026-03-05T09:00:00.000Z', 'Søren Ærø-Åberg', 'minutes.exported', 'møde 1/2026'),
             ('2026-03-10T08:00:00.000Z', 'Søren Ærø-Åberg', 'meeting.changed', 'møde Tillæg 1 til 1/2026'),
             ('2026-02-19T10:00:00.000Z', 'Søren Ærø-Åberg', 'action_item.changed', 'ØJP-2026-0002'),
             ('2026-02-15T08:00:00.000Z', 'Søren Ærø-Åberg', 'board.settings_changed', NULL);",
    )
    .unwrap();
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// Every row of every (non-virtual) table, by table: its columns and its rows rendered as text.
/// The full-text index's segment data (`case_search_data`) is left out: it is derived from the
/// cases, and a step that changes the index's configuration (0010 turns on `secure-delete`)
/// rewrites its structure record.
type Dump = BTreeMap<String, (Vec<String>, Vec<String>)>;

fn dump(conn: &Connection) -> Dump {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
             AND name <> 'case_search_data'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let cols: Vec<String> = conn
                .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
                .unwrap()
                .query_map([&t], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let rows = select(conn, &t, &cols);
            (t, (cols, rows))
        })
        .collect()
}

/// The rows of `table` (only `cols`), rendered as text and sorted.
fn select(conn: &Connection, table: &str, cols: &[String]) -> Vec<String> {
    let list = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let mut stmt = conn.prepare(&format!("SELECT {list} FROM \"{table}\"")).unwrap();
    let mut rows: Vec<String> = stmt
        .query_map([], |r| (0..cols.len()).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>())
        .unwrap()
        .map(|row| format!("{:?}", row.unwrap()))
        .collect();
    rows.sort();
    rows
}

/// Every row of every table in `before` is still in `after` (same columns, same values).
fn assert_nothing_lost(before: &Dump, after_conn: &Connection, what: &str) {
    for (table, (cols, rows)) in before {
        let after = select(after_conn, table, cols);
        let mut remaining: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &after {
            *remaining.entry(r.as_str()).or_default() += 1;
        }
        for r in rows {
            let n = remaining.get_mut(r.as_str()).unwrap_or_else(|| panic!("{what}: lost a row of {table}: {r}"));
            assert!(*n > 0, "{what}: lost a row of {table}: {r}");
            *n -= 1;
        }
        assert!(after.len() >= rows.len(), "{what}: {table} has fewer rows");
    }
}

fn assert_sound(conn: &Connection) {
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "broken foreign key references");
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// A copy of the fixture at `version` as `tovholder.db` in a new temporary directory.
fn copy_fixture(version: u32) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("tovholder.db");
    fs::copy(fixture(version), &db).unwrap();
    (tmp, db)
}

/// Makes the copied fixture a complete store (key envelope beside it, key in a memory keychain).
fn as_store(dir: &Path) -> Keychain {
    as_store_with_code(dir).0
}

/// [`as_store`], with the recovery code of its key envelope.
fn as_store_with_code(dir: &Path) -> (Keychain, RecoveryCode) {
    let store_id = "fixture-store";
    let key = DbKey::from_bytes(FIXTURE_KEY).unwrap();
    let code = RecoveryCode::generate();
    let envelope = KeyEnvelope::seal(store_id, &key, &code).unwrap();
    fs::write(dir.join("tovholder.key"), envelope.to_json()).unwrap();
    let keychain = Keychain::memory();
    keychain.set(store_id, key.as_bytes()).unwrap();
    (keychain, code)
}

fn bak_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bak") || n.ends_with(".partial"))
        .collect();
    names.sort();
    names
}

fn schema_text(conn: &Connection) -> String {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name").unwrap();
    stmt.query_map([], |r| {
        let (kind, name, table, sql): (String, String, String, Option<String>) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        Ok(format!("{kind} {name} ON {table}\n{}\n", sql.as_deref().unwrap_or("(no sql)")))
    })
    .unwrap()
    .collect::<Result<Vec<_>, _>>()
    .unwrap()
    .join("\n")
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn the_fixtures_are_what_they_claim_to_be() {
    for &version in RELEASED {
        let (_tmp, db) = copy_fixture(version);
        assert!(!fs::read(&db).unwrap().starts_with(b"SQLite format 3"), "v{version} is not encrypted");
        let conn = open_with_raw_key(&db, FIXTURE_KEY).unwrap();
        assert_eq!(user_version(&conn), version);
        assert_eq!(count(&conn, "profile"), 1);
        assert!(count(&conn, "audit_log") >= 3);
        if version >= 2 {
            assert_eq!(count(&conn, "cases"), 4);
            assert_eq!(count(&conn, "case_notes"), 7);
            assert_eq!(count(&conn, "case_history"), if version >= 6 { 8 } else { 7 }, "v6: one entry names a meeting");
            let text: String = conn
                .query_row("SELECT pseudonym FROM cases WHERE reference = 'ØJP-2026-0001'", [], |r| r.get(0))
                .unwrap();
            assert_eq!(text, "Drengen fra Ærøskøbing");
        }
        if version >= 6 {
            for (table, n) in [
                ("action_items", 2),
                ("board_settings", 1),
                ("demo_cases", 1),
                ("directory", 3),
                ("meetings", 3),
                ("meeting_participants", 6),
                ("meeting_items", 3),
                ("meeting_actions", 1),
            ] {
                assert_eq!(count(&conn, table), n, "v{version}: {table}");
            }
            let status: String = conn.query_row("SELECT status FROM meetings WHERE id = 1", [], |r| r.get(0)).unwrap();
            assert_eq!(status, "final");
        }
        assert_sound(&conn);
    }
}

#[test]
fn every_released_version_upgrades_without_losing_a_row() {
    for &version in RELEASED {
        let what = format!("v{version}");
        let (tmp, db) = copy_fixture(version);
        let before = dump(&open_with_raw_key(&db, FIXTURE_KEY).unwrap());
        assert!(before.values().any(|(_, rows)| !rows.is_empty()));
        let keychain = as_store(tmp.path());

        let store = Store::open(tmp.path(), &keychain).unwrap();
        assert_eq!(store.status().unwrap().schema_version, LATEST_VERSION, "{what}");
        assert_eq!(store.profile().unwrap().name, "Søren Ærø-Åberg");
        drop(store);

        let after = open_with_raw_key(&db, FIXTURE_KEY).unwrap();
        assert_eq!(user_version(&after), LATEST_VERSION, "{what}");
        assert_nothing_lost(&before, &after, &what);
        assert_sound(&after);
        drop(after);

        if version == LATEST_VERSION {
            // The newest released version needs no upgrade: no backup, and the app reads it.
            assert!(backups(&db).unwrap().is_empty(), "{what}: {:?}", bak_files(tmp.path()));
            let store = Store::open(tmp.path(), &keychain).unwrap();
            check_v6_through_the_app(&store);
            continue;
        }

        // Exactly one backup: owner-only, the same key, the old version, the old rows.
        let made = backups(&db).unwrap();
        assert_eq!(made.len(), 1, "{what}: {:?}", bak_files(tmp.path()));
        assert_eq!(bak_files(tmp.path()).len(), 1, "{what}: stray files");
        let name = made[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(&format!("tovholder.db.pre-v{version}-20")) && name.ends_with("Z.bak"), "{name}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&made[0]).unwrap().permissions().mode() & 0o777, 0o600, "{what}");
        }
        assert!(!fs::read(&made[0]).unwrap().starts_with(b"SQLite format 3"), "{what}: backup not encrypted");
        let old = open_with_raw_key(&made[0], FIXTURE_KEY).unwrap();
        assert_eq!(user_version(&old), version, "{what}");
        assert_eq!(dump(&old), before, "{what}: the backup differs from the store before the upgrade");
        assert_sound(&old);
        drop(old);

        // Up to date: opening again makes no new backup.
        let store = Store::open(tmp.path(), &keychain).unwrap();
        assert_eq!(backups(&db).unwrap(), made, "{what}");
        if version >= 2 {
            // The app reads the upgraded cases, notes and history, and finds them by Danish text.
            let case = cases::get(&store, "ØJP-2026-0001").unwrap();
            assert_eq!(case.notes.len(), 2);
            // v6's fixture adds the entry of the meeting that discussed the case.
            assert_eq!(case.history.len(), if version >= 6 { 3 } else { 2 }, "{what}");
            let hits = cases::search(&store, "ærøskøbing", 10).unwrap();
            assert_eq!(hits.len(), 1, "{what}");
        }
        if version >= 6 {
            check_v6_through_the_app(&store);
        }
    }
}

/// The app reads what the v6 fixture holds: meetings, a finalized meeting's stored minutes and
/// record, the directory, action items from a meeting, the board settings.
fn check_v6_through_the_app(store: &Store) {
    use sha2::Digest;
    use tovholder_core::{actions, board, meetings};
    let list = meetings::list(store).unwrap();
    let numbers: Vec<&str> = list.iter().map(|m| m.number.as_str()).collect();
    assert_eq!(numbers, ["2/2026", "Tillæg 1 til 1/2026", "1/2026"]);
    assert_eq!(meetings::minutes_pdf(store, 1).unwrap(), FIXTURE_MINUTES, "the stored minutes, byte for byte");
    assert_eq!(list[2].minutes_sha256.as_deref(), Some(hex::encode(sha2::Sha256::digest(FIXTURE_MINUTES)).as_str()));
    let record = meetings::record(store, 1).unwrap();
    assert_eq!(record.participants.len(), 3);
    assert_eq!(record.items.len(), 2);
    let people = meetings::directory(store, true).unwrap();
    assert_eq!(people.iter().filter(|p| p.retired).count(), 1);
    let case = cases::get(store, "ØJP-2026-0001").unwrap();
    assert!(case.meeting, "flagged til møde");
    assert_eq!(case.action_items.len(), 1);
    assert_eq!(case.action_items[0].what, "Finde en mentor");
    let all = actions::list(store, &actions::ActionFilter { include_closed: true, ..Default::default() }).unwrap();
    assert_eq!(all.len(), 2, "the open item from the meeting and the done one");
    let settings = board::settings(store).unwrap();
    assert_eq!((settings.stale_days, settings.filter.municipality.as_deref()), (21, Some("Aarhus")));
    // The finalized meeting's distribution list was stored by the upgrade (as the directory held
    // it then): a later correction of the directory does not readdress its minutes.
    let to = || {
        let eml = meetings::minutes_email(store, 1).unwrap();
        let text = String::from_utf8_lossy(&eml).into_owned();
        text.lines().find(|l| l.starts_with("To: ")).unwrap_or_default().to_string()
    };
    let before = to();
    assert!(before.contains("<ac@example.invalid>") && before.contains("<saa@example.invalid>"), "{before}");
    assert!(before.find("ac@").unwrap() < before.find("saa@").unwrap(), "by organisation: {before}");
    let saa = people.iter().find(|p| p.id == 1).unwrap();
    let moved = meetings::DirectoryPerson {
        name: saa.name.clone(),
        organisation: saa.organisation.clone(),
        role: saa.role.clone(),
        email: Some("ny@example.invalid".into()),
    };
    meetings::edit_directory(store, 1, &moved).unwrap();
    assert_eq!(to(), before);
}

#[test]
fn a_fresh_store_gets_no_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    let (store, _) = Store::init(tmp.path(), &keychain, profile()).unwrap();
    assert_eq!(store.status().unwrap().schema_version, LATEST_VERSION);
    drop(store);
    Store::open(tmp.path(), &keychain).unwrap();
    assert_eq!(bak_files(tmp.path()), Vec::<String>::new());
}

/// Changes the stage CHECK list of `cases` the SQLite way (new table, copy, drop, rename), as a
/// real migration would; `cases`' indexes and triggers are created again.
fn rebuild_cases_step(conn: &Connection) -> String {
    let table: String = conn
        .query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'cases'", [], |r| r.get(0))
        .unwrap();
    // A table renamed into place (migration 15 rebuilt `cases`) is stored with its name quoted.
    let new_table = table
        .replacen("CREATE TABLE \"cases\"", "CREATE TABLE cases", 1)
        .replacen("CREATE TABLE cases", "CREATE TABLE cases_new", 1)
        .replacen("'closed','forwarded')", "'closed','forwarded','archived')", 1);
    assert!(new_table.contains("'archived'"), "the stage CHECK list was not found");
    let mut recreate: Vec<String> = conn
        .prepare(
            "SELECT sql FROM sqlite_schema WHERE tbl_name = 'cases' AND type IN ('index', 'trigger') AND sql NOT NULL",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(recreate.len() >= 3, "cases' indexes and trigger");
    recreate.iter_mut().for_each(|s| s.push(';'));
    format!(
        "{new_table};
         INSERT INTO cases_new SELECT * FROM cases;
         DROP TABLE cases;
         ALTER TABLE cases_new RENAME TO cases;
         {}",
        recreate.join("\n")
    )
}

#[test]
fn foreign_keys_are_off_while_a_step_rebuilds_a_table() {
    let (_tmp, db) = copy_fixture(2);
    let conn = open_with_raw_key(&db, FIXTURE_KEY).unwrap();
    let before = dump(&conn);
    drop(conn);
    // The extra step rebuilds `cases` as the released steps leave it (built from an upgraded copy).
    let (_latest_tmp, latest) = copy_fixture(2);
    upgrade_file(&latest, FIXTURE_KEY, &[]).unwrap();
    let step = rebuild_cases_step(&open_with_raw_key(&latest, FIXTURE_KEY).unwrap());

    // With foreign keys on, dropping the old table would cascade-delete every note and history
    // row: the danger this guards against.
    {
        let (_tmp, unsafe_db) = copy_fixture(2);
        upgrade_file(&unsafe_db, FIXTURE_KEY, &[]).unwrap();
        let conn = open_with_raw_key(&unsafe_db, FIXTURE_KEY).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        conn.execute_batch(&format!("BEGIN; {step} COMMIT;")).unwrap();
        assert_eq!(count(&conn, "cases"), 4);
        assert_eq!(count(&conn, "case_notes"), 0);
        assert_eq!(count(&conn, "case_history"), 0);
    }

    upgrade_file(&db, FIXTURE_KEY, &[step.as_str()]).unwrap();
    let conn = open_with_raw_key(&db, FIXTURE_KEY).unwrap();
    assert_eq!(user_version(&conn), LATEST_VERSION + 1);
    assert_nothing_lost(&before, &conn, "rebuilt cases");
    assert_eq!(count(&conn, "case_notes"), 7);
    assert_eq!(count(&conn, "case_history"), 7);
    assert_sound(&conn);
    // The new CHECK list is in force, and foreign keys still cascade on this connection once on.
    conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    conn.execute("UPDATE cases SET stage = 'archived' WHERE reference = 'KBHP-2025-0001'", []).unwrap();
    assert_eq!(backups(&db).unwrap().len(), 1);
}

#[test]
fn a_step_that_breaks_a_reference_is_rolled_back_entirely() {
    let (tmp, db) = copy_fixture(2);
    let before = dump(&open_with_raw_key(&db, FIXTURE_KEY).unwrap());
    let orphaning = "DELETE FROM cases WHERE reference = 'ØJP-2026-0001';";
    let r = upgrade_file(&db, FIXTURE_KEY, &[orphaning]);
    match &r {
        Err(e @ Error::Migration(msg)) => {
            assert_eq!(e.code(), "migration_failed");
            assert!(msg.contains("nothing was changed"), "{msg}");
            assert!(!msg.contains("Ærø") && !msg.contains("ØJP-2026"), "personal data in the error: {msg}");
        }
        other => panic!("expected a migration error, got {other:?}"),
    }
    let conn = open_with_raw_key(&db, FIXTURE_KEY).unwrap();
    // Nothing of the upgrade was committed: not 0003 either, which ran in the same transaction.
    assert_eq!(user_version(&conn), 2);
    assert_eq!(dump(&conn), before);
    let triggers: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log_no_delete'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(triggers, 0);
    assert_sound(&conn);
    // The backup made before the attempt stays.
    assert_eq!(bak_files(tmp.path()).len(), 1);
}

#[test]
fn only_the_three_newest_backups_are_kept() {
    let (tmp, db) = copy_fixture(1);
    let dir = tmp.path();
    let older = [
        "tovholder.db.pre-v1-2025-01-01T090000Z.bak",
        "tovholder.db.pre-v1-2025-02-01T090000Z.bak",
        "tovholder.db.pre-v1-2025-03-01T090000Z.bak",
    ];
    for name in older {
        fs::write(dir.join(name), b"an earlier backup").unwrap();
    }
    // Files that are not automatic backups are never touched.
    let unrelated = ["tovholder.db.pre-v1-by-hand.bak", "sikkerhedskopi.db", "tovholder.db.bak"];
    for name in unrelated {
        fs::write(dir.join(name), b"keep me").unwrap();
    }

    upgrade_file(&db, FIXTURE_KEY, &[]).unwrap();

    let kept: Vec<String> =
        backups(&db).unwrap().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert!(kept[0].starts_with("tovholder.db.pre-v1-20") && !older.contains(&kept[0].as_str()), "{kept:?}");
    assert_eq!(kept[1..], [older[2], older[1]]);
    assert!(!dir.join(older[0]).exists());
    for name in unrelated {
        assert_eq!(fs::read(dir.join(name)).unwrap(), b"keep me");
    }
}

#[test]
fn the_audit_log_refuses_updates_and_deletes() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::init(tmp.path(), &Keychain::memory(), profile()).unwrap();
    let conn = store.conn_for_tests();
    conn.execute("INSERT INTO audit_log (at, actor, action) VALUES ('2026-01-01T00:00:00.000Z', 'x', 'test')", [])
        .unwrap();
    let rows = select(conn, "audit_log", &["id".into(), "at".into(), "actor".into(), "action".into()]);
    let n = count(conn, "audit_log");
    assert!(n >= 2);
    for sql in
        ["UPDATE audit_log SET actor = 'y'", "DELETE FROM audit_log", "DELETE FROM audit_log WHERE action = 'test'"]
    {
        let e = conn.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("audit_log is append-only"), "{sql}: {e}");
    }
    assert_eq!(count(conn, "audit_log"), n);
    assert_eq!(select(conn, "audit_log", &["id".into(), "at".into(), "actor".into(), "action".into()]), rows);
}

#[test]
fn the_migrated_schema_matches_the_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::init(tmp.path(), &Keychain::memory(), profile()).unwrap();
    let fresh = schema_text(store.conn_for_tests());
    insta::assert_snapshot!("schema", fresh);

    // An upgraded store has exactly the schema of a new one.
    for &version in RELEASED {
        let (_tmp, db) = copy_fixture(version);
        upgrade_file(&db, FIXTURE_KEY, &[]).unwrap();
        let upgraded = schema_text(&open_with_raw_key(&db, FIXTURE_KEY).unwrap());
        assert_eq!(upgraded, fresh, "v{version} upgraded differs from a new store");
    }
}

type OldEntry = (i64, String, String, String, Option<String>);

fn old_entries(conn: &Connection) -> Vec<OldEntry> {
    conn.prepare("SELECT id, at, actor, action, subject FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn upgraded_stores_chain_their_old_entries_and_the_recovery_code_seals_the_key() {
    use tovholder_core::audit::{self, EntryFilter, MacCheck};
    for &version in RELEASED {
        let what = format!("v{version}");
        let (tmp, db) = copy_fixture(version);
        let old = old_entries(&open_with_raw_key(&db, FIXTURE_KEY).unwrap());
        assert!(old.len() >= 3, "{what}");
        let (keychain, code) = as_store_with_code(tmp.path());

        // The entries written before the chain are its first positions, unchanged, and verify
        // (with the key the upgrade keeps until the recovery code is entered); after them, the
        // first open's `identity.created` (the hand-over's key pairs).
        let store = Store::open(tmp.path(), &keychain).unwrap();
        let v = audit::verify(&store, None, None).unwrap();
        assert!(v.is_intact(), "{what}: {v}");
        assert_eq!((v.verified_through, v.macs), (old.len() as u64 + 1, MacCheck::StoredKey), "{what}");
        assert!(v.to_string().contains("seal it"), "{what}: {v}");
        let listed: Vec<OldEntry> = audit::entries(&store, &EntryFilter::default())
            .unwrap()
            .into_iter()
            .take(old.len())
            .map(|e| (e.position as i64, e.at.as_text(), e.actor, e.action, e.subject))
            .collect();
        assert_eq!(listed, old, "{what}");
        let checkpoint = audit::checkpoint(&store).unwrap();
        drop(store);

        // The recovery code seals the key: none left in the clear, MACs checked with the code.
        let store = Store::unlock_with_recovery_code(tmp.path(), &keychain, &code.display()).unwrap();
        let (clear, sealed): (Option<Vec<u8>>, Option<Vec<u8>>) = store
            .conn_for_tests()
            .query_row("SELECT initial_key, sealed_initial_key FROM audit_chain", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert!(clear.is_none() && sealed.is_some(), "{what}");
        let v = audit::verify(&store, Some(&checkpoint), Some(&code)).unwrap();
        assert!(v.is_intact(), "{what}: {v}");
        assert_eq!(v.macs, MacCheck::RecoveryCode, "{what}");
        assert_eq!(audit::verify(&store, None, None).unwrap().macs, MacCheck::NotChecked, "{what}");
        let sealings = |store: &Store| {
            audit::entries(store, &EntryFilter { action: Some("audit.key_sealed".into()), ..Default::default() })
                .unwrap()
                .len()
        };
        assert_eq!(sealings(&store), 1, "{what}");
        drop(store);
        // Sealed once: a second unlock leaves it as it is.
        let store = Store::unlock_with_recovery_code(tmp.path(), &keychain, &code.display()).unwrap();
        assert_eq!(sealings(&store), 1, "{what}");
        assert!(audit::verify(&store, None, Some(&code)).unwrap().is_intact(), "{what}");
    }
}

#[test]
fn an_old_log_with_a_gap_is_chained_without_one() {
    let (tmp, db) = copy_fixture(1);
    {
        // Version 1 did not refuse deletes yet.
        let conn = open_with_raw_key(&db, FIXTURE_KEY).unwrap();
        conn.execute("DELETE FROM audit_log WHERE id = 2", []).unwrap();
    }
    let old = old_entries(&open_with_raw_key(&db, FIXTURE_KEY).unwrap());
    let keychain = as_store(tmp.path());
    let store = Store::open(tmp.path(), &keychain).unwrap();
    let now = old_entries(store.conn_for_tests());
    // The old entries, then the first open's `identity.created`.
    assert_eq!(now.iter().map(|e| e.0).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(now[2].3, "identity.created");
    let strip = |v: &[OldEntry]| v.iter().map(|e| (e.1.clone(), e.3.clone())).collect::<Vec<_>>();
    assert_eq!(strip(&now[..2]), strip(&old), "the same entries in the same order");
    let v = tovholder_core::audit::verify(&store, None, None).unwrap();
    assert!(v.is_intact(), "{v}");
}
