//! The one way data changes: stage moves through one set of rules, writes that are all or
//! nothing with their audit event, purge per module, an injected clock, and the app and the CLI
//! writing the same store at once. Real SQLCipher files.

mod common;
use common::profile;
use serde_json::json;
use std::sync::Arc;
use tovholder_core::cases::{self, CaseEdit, CaseFilter, Outcome, Stage};
use tovholder_core::intake::IntakeReport;
use tovholder_core::{Error, FixedClock, Keychain, Store};

fn clock() -> FixedClock {
    FixedClock::at_rfc3339("2026-11-25T13:05:00Z")
}

fn store_at(clock: &FixedClock) -> (tempfile::TempDir, Keychain, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    let (store, _) = Store::init_with_clock(tmp.path(), &keychain, profile(), Arc::new(clock.clone())).unwrap();
    (tmp, keychain, store)
}

fn report(pseudonym: &str, birth_year: i32) -> IntakeReport {
    IntakeReport::from_json(
        &json!({
            "received_at": "2026-11-20T10:15:00+01:00",
            "channel": "hotline",
            "caller": {"type": "parent"},
            "subject": {"pseudonym": pseudonym, "birth_year": birth_year, "municipality": "Aarhus"},
            "category": "right_wing",
            "urgency": "normal",
            "description": "Deler propaganda i klassens chat."
        })
        .to_string(),
    )
    .unwrap()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn_for_tests().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn stage_moves_follow_the_rules_and_refused_moves_change_nothing() {
    let c = clock();
    let (_t, _k, store) = store_at(&c);
    let r = cases::intake(&store, report("J.K.", 2009)).unwrap().reference;
    let audit_before = count(&store, "SELECT count(*) FROM audit_log");

    for (to, outcome, reason, field) in [
        (Stage::NewConcern, None, None, "stage"),
        (Stage::Forwarded, None, None, "stage"),
        (Stage::Closed, None, None, "outcome"),
        (Stage::Screening, Some(Outcome::Completed), None, "outcome"),
    ] {
        match cases::transition(&store, &r, to, reason, outcome) {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field, "{to:?}"),
            other => panic!("{to:?}: expected a refusal, got {other:?}"),
        }
    }
    let d = cases::get(&store, &r).unwrap();
    assert_eq!((d.summary.stage, d.history.len()), (Stage::NewConcern, 1), "refused moves leave the case alone");
    assert_eq!(count(&store, "SELECT count(*) FROM audit_log"), audit_before + 1, "only the read is logged");

    c.advance(chrono::TimeDelta::hours(1));
    cases::transition(&store, &r, Stage::Assessment, Some("Skolen bekræfter"), None).unwrap();
    let closed = cases::transition(&store, &r, Stage::Closed, None, Some(Outcome::Unfounded)).unwrap();
    assert_eq!(closed.outcome, Some(Outcome::Unfounded));

    // Reopening needs a reason, through the transition and through an edit alike.
    let e = cases::transition(&store, &r, Stage::FollowUp, Some(" "), None).unwrap_err();
    assert!(matches!(e, Error::Invalid { field: "reason", .. }), "{e:?}");
    let e = cases::update(&store, &r, CaseEdit { stage: Some(Stage::FollowUp), ..Default::default() }).unwrap_err();
    assert!(matches!(e, Error::Invalid { field: "reason", .. }), "{e:?}");
    let reopened = cases::update(
        &store,
        &r,
        CaseEdit { stage: Some(Stage::FollowUp), reason: Some("Ny bekymring fra skolen".into()), ..Default::default() },
    )
    .unwrap();
    let moves: Vec<_> = reopened
        .history
        .iter()
        .filter(|h| h.field == "stage" || h.field == "outcome")
        .map(|h| (h.field.as_str(), h.old_value.as_deref(), h.new_value.as_deref(), h.reason.as_deref()))
        .collect();
    assert_eq!(
        moves,
        vec![
            ("stage", Some("new_concern"), Some("assessment"), Some("Skolen bekræfter")),
            ("stage", Some("assessment"), Some("closed"), None),
            ("outcome", None, Some("unfounded"), None),
            ("stage", Some("closed"), Some("follow_up"), Some("Ny bekymring fra skolen")),
            ("outcome", Some("unfounded"), None, Some("Ny bekymring fra skolen")),
        ]
    );
    assert_eq!(reopened.history[1].at.to_string(), "2026-11-25T14:05:00.000Z", "the injected clock's time");
    let logged: Vec<String> = store
        .conn_for_tests()
        .prepare("SELECT action FROM audit_log WHERE action = 'case.stage_changed'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(logged.len(), 3, "one audit event per move");
}

#[test]
fn a_failing_write_leaves_nothing_behind_not_even_its_audit_event() {
    let (_t, _k, store) = store_at(&clock());
    let r = cases::intake(&store, report("J.K.", 2009)).unwrap().reference;
    let before = store.status().unwrap().counts;
    // Valid stage move, invalid field: the whole edit is refused, the move included.
    let e = cases::update(
        &store,
        &r,
        CaseEdit { stage: Some(Stage::Screening), description: Some("  ".into()), ..Default::default() },
    )
    .unwrap_err();
    assert!(matches!(e, Error::Invalid { field: "description", .. }), "{e:?}");
    assert_eq!(store.status().unwrap().counts, before);
    assert_eq!(cases::get(&store, &r).unwrap().summary.stage, Stage::NewConcern);
}

#[test]
fn purge_deletes_a_case_completely_and_its_reference_is_never_reused() {
    let (_t, _k, store) = store_at(&clock());
    let a = cases::intake(&store, report("Zelda", 2009)).unwrap().reference;
    let b = cases::intake(&store, report("Yrsa", 2010)).unwrap().reference;
    cases::add_note(&store, &a, "Samtale med fodboldtræneren").unwrap();
    cases::transition(&store, &a, Stage::Screening, None, None).unwrap();
    assert_eq!(cases::search(&store, "fodboldtræneren", 10).unwrap().len(), 1);

    cases::purge(&store, &a).unwrap();
    let id_gone = |table: &str| count(&store, &format!("SELECT count(*) FROM {table}"));
    assert_eq!((id_gone("cases"), id_gone("case_notes"), id_gone("case_history")), (1, 0, 1));
    assert!(cases::search(&store, "fodboldtræneren", 10).unwrap().is_empty());
    assert!(cases::search(&store, "Zelda", 10).unwrap().is_empty());
    assert_eq!(cases::search(&store, "Yrsa", 10).unwrap().len(), 1, "the other case is untouched");
    assert!(matches!(cases::get(&store, &a), Err(Error::NotFound(_))));
    let subjects: Vec<Option<String>> = store
        .conn_for_tests()
        .prepare("SELECT subject FROM audit_log WHERE action = 'case.purged'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(subjects, vec![Some(a.clone())]);
    let c = cases::intake(&store, report("Xenia", 2011)).unwrap().reference;
    assert!(c != a && c != b, "{c}");
    assert_eq!(c, "ØJP-2026-0003");
}

#[test]
fn ages_and_birth_years_are_judged_by_the_stores_clock_not_today() {
    let c = clock();
    let (_t, _k, store) = store_at(&c);
    cases::intake(&store, report("J.K.", 2009)).unwrap();
    let teens = CaseFilter { age_min: Some(10), age_max: Some(19), ..Default::default() };
    assert_eq!(cases::list(&store, &teens).unwrap().total, 1, "17 in 2026");
    c.set(chrono::DateTime::parse_from_rfc3339("2029-06-01T10:00:00Z").unwrap().into());
    assert_eq!(cases::list(&store, &teens).unwrap().total, 0, "20 in 2029");
    // A birth year in the future of the clock is refused; the same year is fine a year later.
    c.set(chrono::DateTime::parse_from_rfc3339("2026-11-25T13:05:00Z").unwrap().into());
    let e = cases::intake(&store, report("A.B.", 2027)).unwrap_err();
    assert!(matches!(e, Error::Invalid { field: "subject.birth_year", .. }), "{e:?}");
    c.set(chrono::DateTime::parse_from_rfc3339("2027-01-01T10:00:00Z").unwrap().into());
    cases::intake(&store, report("A.B.", 2027)).unwrap();
}

#[test]
fn the_app_and_the_cli_writing_at_once_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    let (store, _) = Store::init(tmp.path(), &keychain, profile()).unwrap();
    let reference = cases::intake(&store, report("Delt", 2009)).unwrap().reference;
    drop(store);
    const EACH: usize = 40;
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let (dir, keychain, reference) = (tmp.path().to_path_buf(), keychain.clone(), reference.clone());
            std::thread::spawn(move || {
                // Each writer is its own store handle, as the app and a CLI process are.
                let store = Store::open(&dir, &keychain).unwrap();
                for i in 0..EACH {
                    cases::intake(&store, report(&format!("W{w}-{i}"), 2009)).unwrap();
                    cases::add_note(&store, &reference, &format!("Note {w}-{i}")).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("no writer failed (no busy or locked error reached the caller)");
    }
    let store = Store::open(tmp.path(), &keychain).unwrap();
    let counts = store.status().unwrap().counts;
    assert_eq!(counts.cases, 1 + 3 * EACH as u64);
    assert_eq!(counts.case_notes, 3 * EACH as u64);
    assert_eq!(counts.case_history, 1 + 3 * EACH as u64, "one 'created' entry per case");
    let refs: std::collections::HashSet<String> = cases::list(&store, &CaseFilter { limit: 500, ..Default::default() })
        .unwrap()
        .cases
        .into_iter()
        .map(|c| c.reference)
        .collect();
    assert_eq!(refs.len(), 1 + 3 * EACH, "every reference unique");
    assert_eq!(cases::get(&store, &reference).unwrap().notes.len(), 3 * EACH);
}
