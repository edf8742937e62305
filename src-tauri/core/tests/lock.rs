//! Locking's store side on a real encrypted store: the idle setting's range, the lock and unlock
//! recorded in the audit log with why, and a form's draft kept across a lock (and gone once
//! taken back).

mod common;
use common::profile;
use tovholder_core::audit::{self, EntryFilter};
use tovholder_core::drafts::{self, DraftKind};
use tovholder_core::lock::{self, LockReason, LockSettings};
use tovholder_core::{Error, Keychain, Store};

#[test]
fn the_idle_time_is_kept_within_its_range() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::init(tmp.path(), &Keychain::memory(), profile()).unwrap();
    assert_eq!(lock::settings(&store).unwrap(), LockSettings { idle_minutes: 5 });
    for bad in [0, 61, u32::MAX] {
        let e = lock::save_settings(&store, LockSettings { idle_minutes: bad }).unwrap_err();
        assert!(matches!(e, Error::Invalid { field: "idle_minutes", .. }), "{bad}: {e:?}");
    }
    lock::save_settings(&store, LockSettings { idle_minutes: 60 }).unwrap();
    assert_eq!(lock::settings(&store).unwrap().idle_minutes, 60);
}

#[test]
fn a_draft_survives_a_lock_and_is_gone_once_taken_back() {
    let tmp = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    let (store, _) = Store::init(tmp.path(), &keychain, profile()).unwrap();
    let body = r#"{"pseudonym":"Ukendt dreng","description":"Ringede om sin nabo"}"#;
    drafts::save(&store, DraftKind::Intake, body).unwrap();
    lock::record_lock(&store, LockReason::Idle).unwrap();
    drop(store);

    let store = Store::open(tmp.path(), &keychain).unwrap();
    lock::record_unlock(&store, lock::UnlockMethod::Pin).unwrap();
    assert_eq!(drafts::take(&store, DraftKind::Intake).unwrap().as_deref(), Some(body));
    assert_eq!(drafts::take(&store, DraftKind::Intake).unwrap(), None, "taken once");

    for bad in ["[1,2]", "nej", "", &format!("{{\"a\":\"{}\"}}", "x".repeat(drafts::DRAFT_MAX))] {
        let e = drafts::save(&store, DraftKind::Intake, bad).unwrap_err();
        assert!(matches!(e, Error::Invalid { field: "body", .. }), "{e:?}");
        let shown = e.to_string();
        assert!(bad.len() < 3 || !shown.contains(bad), "echoed: {shown}");
    }

    let actions: Vec<(String, Option<String>)> = audit::entries(&store, &EntryFilter::default())
        .unwrap()
        .into_iter()
        .filter(|e| e.action.starts_with("store.") || e.action.starts_with("draft."))
        .map(|e| (e.action, e.subject))
        .collect();
    let expected: Vec<(String, Option<String>)> = vec![
        ("store.created".into(), None),
        ("draft.saved".into(), Some("Ny henvendelse".into())),
        ("store.locked".into(), Some("Låst efter tid uden brug".into())),
        ("store.unlocked".into(), Some("Med PIN-koden".into())),
        ("draft.taken".into(), Some("Ny henvendelse".into())),
    ];
    assert_eq!(actions, expected);
    assert!(audit::verify(&store, None, None).unwrap().is_intact());
}
