//! Safe screen mode's settings on a real encrypted store: the defaults (off, off, protected), a
//! round trip, each change recorded in the audit log with whether the mode is on; and the CLI's
//! `screen-settings`, which refuses anything but on/off with exit 2 naming the field without
//! echoing the value and without writing.

mod common;
use common::{cli, new_store, ok, profile, stderr};
use tovholder_core::audit::{self, EntryFilter};
use tovholder_core::screen::{self, ScreenSettings};
use tovholder_core::{Keychain, Store};

#[test]
fn the_settings_round_trip_and_each_change_is_audited() {
    let tmp = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory();
    let (store, _) = Store::init(tmp.path(), &keychain, profile()).unwrap();
    assert_eq!(
        screen::settings(&store).unwrap(),
        ScreenSettings { safe: false, meetings_safe: false, content_protection: true },
        "the defaults"
    );
    let on = ScreenSettings { safe: true, meetings_safe: true, content_protection: false };
    screen::save_settings(&store, on).unwrap();
    drop(store);
    let store = Store::open(tmp.path(), &keychain).unwrap();
    assert_eq!(screen::settings(&store).unwrap(), on, "kept across a restart");
    screen::save_settings(&store, ScreenSettings { safe: false, ..on }).unwrap();

    let entries = audit::entries(&store, &EntryFilter::default()).unwrap();
    let changes: Vec<_> = entries.iter().filter(|e| e.action == "screen.settings_changed").collect();
    assert_eq!(changes.len(), 2, "{entries:?}");
    let subjects: Vec<_> = changes.iter().map(|e| e.subject.as_deref()).collect();
    assert!(subjects.contains(&Some("til")) && subjects.contains(&Some("fra")), "{subjects:?}");
}

#[test]
fn the_cli_prints_saves_and_refuses_screen_settings() {
    let store = new_store();
    let dir = store.path();
    let s = ok(cli(dir, &["screen-settings"]));
    assert_eq!((s["safe"].as_bool(), s["content_protection"].as_bool()), (Some(false), Some(true)));
    let s = ok(cli(dir, &["screen-settings", "--safe", "on", "--meetings-safe", "on"]));
    assert_eq!((s["safe"].as_bool(), s["meetings_safe"].as_bool()), (Some(true), Some(true)));
    let s = ok(cli(dir, &["screen-settings", "--content-protection", "off"]));
    assert_eq!(s["safe"].as_bool(), Some(true), "the others are kept");
    assert_eq!(s["content_protection"].as_bool(), Some(false));

    for (flag, field) in
        [("--safe", "safe"), ("--meetings-safe", "meetings_safe"), ("--content-protection", "content_protection")]
    {
        let out = cli(dir, &["screen-settings", flag, "maybe-later"]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let err = stderr(&out);
        assert!(err.contains(field), "{flag}: {err}");
        assert!(!err.contains("maybe-later"), "{flag}: the value echoed: {err}");
    }
    let s = ok(cli(dir, &["screen-settings"]));
    assert_eq!((s["safe"].as_bool(), s["content_protection"].as_bool()), (Some(true), Some(false)), "nothing written");
}
