//! `tovholder-cli lock-settings`: prints when the app locks itself, saves a new idle time within
//! 1–60 minutes (recorded in the audit log), and refuses anything else with exit 2 naming the
//! field — without echoing the value and without writing.

mod common;
use common::{cli, cli_with_stdin, new_store, ok, stderr};

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

#[test]
fn the_pin_is_read_from_standard_input_never_echoed_and_can_be_removed() {
    let store = new_store();
    let dir = store.path();
    assert_eq!(ok(cli(dir, &["lock-settings"]))["pin"], false);
    let set = ok(cli_with_stdin(dir, &["lock-settings", "--pin"], Some("482913\n")));
    assert_eq!(set["pin"], true);
    let file = std::fs::read_to_string(dir.join("tovholder.pin")).unwrap();
    assert!(file.contains("$argon2id$") && !file.contains("482913"), "hashed, not kept");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("tovholder.pin")).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "owner-only");
    }
    for bad in ["12345\n", "abcdefgh\n", "\n"] {
        let out = cli_with_stdin(dir, &["lock-settings", "--pin"], Some(bad));
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let err = stderr(&out);
        assert!(err.contains("pin") && !err.contains(bad.trim()) || bad.trim().is_empty(), "{err}");
    }
    assert_eq!(std::fs::read_to_string(dir.join("tovholder.pin")).unwrap(), file, "a refused PIN changes nothing");
    assert_eq!(ok(cli(dir, &["lock-settings", "--no-pin"]))["pin"], false);
    assert!(!dir.join("tovholder.pin").exists());
    let log = ok(cli(dir, &["audit"]));
    let pins: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "lock.pin_changed")
        .map(|e| e["subject"].as_str().unwrap())
        .collect();
    assert_eq!(pins, ["sat", "fjernet"]);
}
