//! `tovholder-cli lock-settings`: prints when the app locks itself, saves a new idle time within
//! 1–60 minutes (recorded in the audit log), and refuses anything else with exit 2 naming the
//! field — without echoing the value and without writing.

mod common;
use common::{cli, new_store, ok, stderr};

#[test]
fn lock_settings_are_printed_saved_and_bad_input_is_refused() {
    let store = new_store();
    let dir = store.path();
    assert_eq!(ok(cli(dir, &["lock-settings"]))["idle_minutes"], 5, "the default");
    assert_eq!(ok(cli(dir, &["lock-settings", "--idle-minutes", "15"]))["idle_minutes"], 15);
    assert_eq!(ok(cli(dir, &["lock-settings"]))["idle_minutes"], 15, "saved");
    let log = ok(cli(dir, &["audit"]));
    let changed = log.as_array().unwrap().iter().filter(|e| e["action"] == "lock.settings_changed").count();
    assert_eq!(changed, 1);

    for bad in ["0", "61", "fem", "-3", "99999999999"] {
        let out = cli(dir, &["lock-settings", "--idle-minutes", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = stderr(&out);
        assert!(err.contains("idle_minutes"), "{bad}: {err}");
        if bad != "0" {
            assert!(!err.contains(bad), "{bad} echoed: {err}");
        }
    }
    assert_eq!(ok(cli(dir, &["lock-settings"]))["idle_minutes"], 15, "nothing written");
}
