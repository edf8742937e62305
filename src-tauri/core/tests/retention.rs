//! Retention on a real encrypted store (an in-memory keychain): deletion dates by rule and
//! extension, the pass deleting cases wholly with one audit line each, meetings on their own date.
//! The forensic test (every page of the file and its WAL decrypted) is in retention_pages.rs.

mod common;
use common::{at, store_at as store};
use serde_json::json;
use tovholder_core::cases::{self, Outcome, Stage};
use tovholder_core::dates::Day;
use tovholder_core::intake::IntakeReport;
use tovholder_core::retention::{self, RetentionSettings};
use tovholder_core::{Error, Store, actions, audit, meetings};

fn intake(store: &Store, received: &str, description: &str) -> String {
    let report = IntakeReport::from_json(
        &json!({
            "received_at": received,
            "channel": "hotline",
            "caller": {"type": "school"},
            "subject": {"pseudonym": "J.K.", "birth_year": 2008, "municipality": "Aarhus"},
            "category": "right_wing",
            "urgency": "normal",
            "description": description
        })
        .to_string(),
    )
    .unwrap();
    cases::intake(store, report).unwrap().reference
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

/// Rows in any table but the audit log's that hold the text (every column, as text).
fn tables_holding(store: &Store, text: &str) -> Vec<String> {
    let conn = store.conn_for_tests();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_search%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables.into_iter().filter(|t| t != "audit_log") {
        let cols: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for c in cols {
            let n: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM \"{t}\" WHERE CAST(\"{c}\" AS TEXT) LIKE ?1"),
                    [format!("%{text}%")],
                    |r| r.get(0),
                )
                .unwrap();
            if n > 0 {
                out.push(format!("{t}.{c}"));
            }
        }
    }
    out
}

#[test]
fn closed_and_forwarded_cases_get_their_deletion_date_by_rule_and_are_listed_within_30_days() {
    let (_t, store, clock) = store("2022-01-10T09:00:00Z");
    let closed = intake(&store, "2022-01-10T08:00:00+01:00", "Lukkes.");
    let forwarded = intake(&store, "2022-01-10T08:00:00+01:00", "Videresendes.");
    let open = intake(&store, "2022-01-10T08:00:00+01:00", "Forbliver åben.");
    clock.set(at("2022-01-12T10:00:00Z"));
    cases::transition(&store, &closed, Stage::Closed, None, Some(Outcome::Completed)).unwrap();

    // 20 Dec 2026: the closed case is due 12 Jan 2027 (23 days), listed with why.
    clock.set(at("2026-12-20T10:00:00Z"));
    cases::forward(&store, &forwarded, "KBHP", "Bor i København").unwrap();
    let due = retention::due_within(&store, None).unwrap();
    let refs: Vec<&str> = due.iter().map(|d| d.reference.as_str()).collect();
    assert_eq!(refs, [closed.as_str(), forwarded.as_str()], "soonest first; the open case is not listed");
    assert_eq!(due[0].due, day("2027-01-12"));
    assert_eq!(due[0].why, "Lukket 12. jan. 2022 · slettes 5 år efter lukning");
    assert_eq!(due[0].rule, "closed.completed+5y");
    assert!(!due[0].overdue);
    assert_eq!(due[1].due, day("2027-01-19"));
    assert_eq!(due[1].why, "Videresendt 20. dec. 2026 · slettes 30 dage efter videresendelse");
    assert!(!refs.contains(&open.as_str()));

    // Per outcome in the settings: "unfounded" kept 2 years makes no difference to "completed".
    let s = RetentionSettings { unfounded_years: 2, forwarded_days: 10, ..Default::default() };
    retention::save_settings(&store, s).unwrap();
    let due = retention::due_within(&store, None).unwrap();
    assert_eq!(due[0].due, day("2026-12-30"), "forwarded 10 days");
    assert_eq!(due[1].due, day("2027-01-12"));
    let bad = retention::save_settings(&store, RetentionSettings { completed_years: 0, ..s }).unwrap_err();
    assert!(matches!(bad, Error::Invalid { field: "completed_years", .. }), "{bad:?}");
}

#[test]
fn the_pass_deletes_what_is_due_wholly_with_one_audit_line_each_and_nothing_else() {
    let (_t, store, clock) = store("2022-01-10T09:00:00Z");
    let gone = intake(&store, "2022-01-10T08:00:00+01:00", "Skal slettes helt.");
    let kept = intake(&store, "2022-01-10T08:00:00+01:00", "Skal blive.");
    cases::add_note(&store, &gone, "En note om sagen.").unwrap();
    actions::add(
        &store,
        &gone,
        &actions::NewActionItem {
            what: "Samtale".into(),
            agency: actions::Agency::Ssp,
            person: None,
            due: "2022-01-11".into(),
        },
    )
    .unwrap();
    clock.set(at("2022-01-12T10:00:00Z"));
    cases::transition(&store, &gone, Stage::Closed, None, Some(Outcome::Unfounded)).unwrap();
    cases::transition(&store, &kept, Stage::Closed, None, Some(Outcome::Completed)).unwrap();
    retention::save_settings(&store, RetentionSettings { completed_years: 6, ..Default::default() }).unwrap();

    // A draft meeting naming the due case: its item and recording go with the case.
    clock.set(at("2027-01-05T10:00:00Z"));
    let draft = meetings::import(
        &store,
        &json!({"held_at": "2027-01-20T14:00:00+01:00", "items": [
            {"kind": "case", "reference": gone, "assessment": "Vurdering der skal slettes."},
            {"kind": "case", "reference": kept, "assessment": "Bliver."}]})
        .to_string(),
    )
    .unwrap();

    // The day before: nothing is due, nothing is written.
    clock.set(at("2027-01-11T10:00:00Z"));
    let before = audit::entries(&store, &Default::default()).unwrap().len();
    let dry = retention::run(&store, false).unwrap();
    assert!(dry.cases.is_empty() && dry.meetings.is_empty());

    clock.set(at("2027-01-12T06:00:00Z"));
    let planned = retention::run(&store, true).unwrap();
    assert_eq!(planned.cases.len(), 1);
    assert!(cases::get(&store, &gone).is_ok(), "a dry run deletes nothing");
    let done = retention::run(&store, false).unwrap();
    assert_eq!(done.cases, planned.cases);
    assert_eq!(done.cases[0].reference, gone);
    assert_eq!(done.cases[0].rule, "closed.unfounded+5y");
    assert!(done.compacted);
    assert!(matches!(cases::get(&store, &gone), Err(Error::NotFound(_))));
    assert!(cases::get(&store, &kept).is_ok());
    let rec = meetings::record(&store, draft.id).unwrap();
    assert_eq!(rec.items.len(), 1, "the draft keeps only the other case's item");
    assert_eq!(tables_holding(&store, &gone), Vec::<String>::new(), "the reference is left only in the audit log");
    assert_eq!(tables_holding(&store, "slettes helt"), Vec::<String>::new());
    assert_eq!(tables_holding(&store, "der skal slettes"), Vec::<String>::new());

    let entries = audit::entries(&store, &Default::default()).unwrap();
    let deleted: Vec<_> = entries.iter().filter(|e| e.action == "case.deleted").collect();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].subject.as_deref(), Some(format!("{gone} closed.unfounded+5y 2027-01-12").as_str()));
    assert!(entries.len() > before);
    let v = audit::verify(&store, None, None).unwrap();
    assert!(v.is_intact(), "{v}");
    // A second pass the same day finds nothing.
    assert!(retention::run(&store, false).unwrap().cases.is_empty());
}

#[test]
fn an_extension_needs_a_reason_and_a_later_date_and_keeps_the_reason_out_of_the_audit() {
    let (_t, store, clock) = store("2022-01-10T09:00:00Z");
    let r = intake(&store, "2022-01-10T08:00:00+01:00", "Forlænges.");
    clock.set(at("2022-01-12T10:00:00Z"));
    cases::transition(&store, &r, Stage::Closed, None, Some(Outcome::Completed)).unwrap();
    clock.set(at("2026-12-20T10:00:00Z"));
    let until = day("25.11.2027");
    for (reference, until, reason, field) in [
        (r.as_str(), until, "  ", "reason"),
        (r.as_str(), day("2027-01-12"), "Ny henvendelse ventes", "until"),
        (r.as_str(), day("2040-01-01"), "Ny henvendelse ventes", "until"),
        ("ØJP-2022-9999", until, "Ny henvendelse ventes", "reference"),
    ] {
        let e = retention::extend(&store, reference, until, reason).unwrap_err();
        assert!(matches!(&e, Error::Invalid { field: f, .. } if *f == field), "{field}: {e:?}");
    }
    let d = retention::extend(&store, &r, until, "Ny henvendelse fra skolen ventes").unwrap();
    assert_eq!((d.due, d.rule.as_str()), (until, "extended"));
    assert_eq!(d.why, "Lukket 12. jan. 2022 · slettes 5 år efter lukning · forlænget til 25. nov. 2027");
    assert_eq!(d.extension.as_ref().unwrap().reason, "Ny henvendelse fra skolen ventes");
    let entries = audit::entries(&store, &Default::default()).unwrap();
    let ext = entries.iter().find(|e| e.action == "case.retention_extended").unwrap();
    assert_eq!(ext.subject.as_deref(), Some(format!("{r} until 2027-11-25").as_str()));
    assert!(entries.iter().all(|e| !e.subject.as_deref().unwrap_or("").contains("skolen")));
    // Its old date passes: kept; its new date: deleted, the extension with it.
    clock.set(at("2027-06-01T10:00:00Z"));
    assert!(retention::run(&store, false).unwrap().cases.is_empty());
    clock.set(at("2027-11-25T10:00:00Z"));
    let done = retention::run(&store, false).unwrap();
    assert_eq!((done.cases.len(), done.cases[0].rule.as_str()), (1, "extended"));
    assert_eq!(tables_holding(&store, "skolen ventes"), Vec::<String>::new());
}

#[test]
fn minutes_are_deleted_on_the_date_printed_in_them_and_their_cases_keep_their_items() {
    let (_t, store, clock) = store("2026-11-20T09:00:00Z");
    let r = intake(&store, "2026-11-02T10:00:00+01:00", "Sag på mødet.");
    let m = meetings::import(
        &store,
        &json!({"held_at": "2026-11-25T14:00:00+01:00", "items": [
            {"kind": "case", "reference": r, "assessment": "Vurdering.",
             "actions": [{"what": "Finde en mentor", "agency": "ssp", "due": "2026-12-08"}]}]})
        .to_string(),
    )
    .unwrap();
    clock.set(at("2026-11-25T13:30:00Z"));
    meetings::finalize(&store, m.id).unwrap();
    assert_eq!(retention::earliest_deletion(&store).unwrap(), Some(day("2031-11-25")));
    clock.set(at("2031-11-24T12:00:00Z"));
    assert!(retention::run(&store, false).unwrap().meetings.is_empty());
    clock.set(at("2031-11-25T12:00:00Z"));
    let done = retention::run(&store, false).unwrap();
    assert_eq!(done.meetings.len(), 1);
    assert!(done.meetings[0].finalized);
    assert!(meetings::list(&store).unwrap().is_empty());
    let d = cases::get(&store, &r).unwrap();
    assert_eq!(d.action_items.len(), 1, "the action item the meeting created stays with its (open) case");
    let n: i64 = store.conn_for_tests().query_row("SELECT count(*) FROM meeting_items", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
    let entries = audit::entries(&store, &Default::default()).unwrap();
    assert!(
        entries.iter().any(|e| e.action == "meeting.deleted" && e.subject.as_deref() == Some("møde 1/2026 2031-11-25"))
    );
}

#[test]
fn a_store_without_incremental_vacuum_is_converted_at_its_first_deleting_pass() {
    let (_t, store, clock) = store("2022-01-10T09:00:00Z");
    let r = intake(&store, "2022-01-10T08:00:00+01:00", "Gammel butik.");
    cases::transition(&store, &r, Stage::Closed, None, Some(Outcome::Unfounded)).unwrap();
    let mode = |s: &Store| -> i64 { s.conn_for_tests().query_row("PRAGMA auto_vacuum", [], |r| r.get(0)).unwrap() };
    assert_eq!(mode(&store), 2, "new stores are made with incremental vacuum");
    // As a store made before retention existed.
    store.conn_for_tests().execute_batch("PRAGMA auto_vacuum = NONE; VACUUM;").unwrap();
    assert_eq!(mode(&store), 0);
    clock.set(at("2027-01-10T10:00:00Z"));
    let done = retention::run(&store, false).unwrap();
    assert_eq!(done.cases.len(), 1);
    assert!(done.compacted);
    assert_eq!(mode(&store), 2, "converted by one VACUUM");
    let ok: String = store.conn_for_tests().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}
