//! `tovholder-cli` as a user runs it: separate processes sharing the real OS keychain.
//!
//! The keychain must outlive each process, so these tests use the OS keychain (Secret Service on
//! Linux). CI runs them inside a D-Bus session with an unlocked gnome-keyring and sets
//! TOVHOLDER_REQUIRE_OS_KEYCHAIN=1; elsewhere they are skipped when no keychain is reachable.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};
use tovholder_core::{Error, Keychain};

fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tovholder-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("TOVHOLDER_KEYCHAIN")
        .output()
        .expect("run tovholder-cli")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn store_id(dir: &Path) -> String {
    let env: Value = serde_json::from_slice(&std::fs::read(dir.join("tovholder.key")).unwrap()).unwrap();
    env["store_id"].as_str().unwrap().to_string()
}

/// Removes the keychain entries a test created, also when it fails.
struct KeychainCleanup(Vec<std::path::PathBuf>);
impl Drop for KeychainCleanup {
    fn drop(&mut self) {
        for dir in &self.0 {
            if dir.join("tovholder.key").exists() {
                let _ = Keychain::Os.delete(&store_id(dir));
            }
        }
    }
}

fn os_keychain_available() -> bool {
    let probe = format!("probe-{}", std::process::id());
    match Keychain::Os.set(&probe, b"probe") {
        Ok(()) => {
            let _ = Keychain::Os.delete(&probe);
            true
        }
        Err(Error::KeychainUnavailable(why)) if std::env::var("TOVHOLDER_REQUIRE_OS_KEYCHAIN").is_err() => {
            eprintln!("skipped: OS keychain unavailable ({why})");
            false
        }
        Err(e) => panic!("OS keychain required but unusable: {e}"),
    }
}

fn init(dir: &Path) -> (Output, String) {
    let out = cli(dir, &["init", "--name", "Mette Holm", "--organisation", "Østjyllands Politi", "--district", "ØJP"]);
    assert!(out.status.success(), "init failed: {}", stderr(&out));
    let err = stderr(&out);
    let code = err
        .split_whitespace()
        .find(|w| w.len() == 39 && w.split('-').count() == 8)
        .unwrap_or_else(|| panic!("no recovery code on stderr: {err}"))
        .to_string();
    (out, code)
}

#[test]
fn init_status_and_a_refused_second_init() {
    if !os_keychain_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    let (out, code) = init(tmp.path());
    let created = json(&out);
    assert_eq!(created["profile"]["district_code"], "ØJP");
    assert_eq!(created["profile"]["organisation_kind"], "police");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(&code), "the recovery code must not go to stdout");

    let status = cli(tmp.path(), &["status"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let s = json(&status);
    assert_eq!(s["encrypted"], true);
    assert_eq!(s["schema_version"], 2);
    assert_eq!(s["counts"]["profile"], 1);

    let again = cli(tmp.path(), &["init", "--name", "X", "--organisation", "Y", "--district", "KBHP"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already_initialized"));
}

#[test]
fn bad_input_exits_2_naming_the_field_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = cli(tmp.path(), &["init", "--organisation", "SSP Aarhus", "--district", "ØJP"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("`name`"), "{}", stderr(&missing));
    let bad_district = cli(tmp.path(), &["init", "--name", "A", "--organisation", "B", "--district", "Narnia"]);
    assert_eq!(bad_district.status.code(), Some(2));
    assert!(stderr(&bad_district).contains("`district`"));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "nothing may be written");
    let status = cli(tmp.path(), &["status"]);
    assert_eq!(status.status.code(), Some(2));
    assert!(stderr(&status).contains("not_initialized"));
}

#[test]
fn unlock_reseeds_the_keychain_from_the_recovery_code() {
    if !os_keychain_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into()]);
    let (_, code) = init(tmp.path());
    // A new laptop: the keychain has no entry for this store.
    Keychain::Os.delete(&store_id(tmp.path())).unwrap();
    let locked = cli(tmp.path(), &["status"]);
    assert_eq!(locked.status.code(), Some(2));
    assert!(stderr(&locked).contains("key_missing"));

    let wrong = cli(tmp.path(), &["unlock", "--recovery-code", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("wrong_recovery_code"));
    assert!(!stderr(&wrong).contains("AAAA"), "the code must not be echoed");

    let ok = cli(tmp.path(), &["unlock", "--recovery-code", &code]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(cli(tmp.path(), &["status"]).status.success());
}

#[test]
fn backup_and_restore_through_the_cli() {
    if !os_keychain_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let target = tempfile::tempdir().unwrap();
    let _cleanup = KeychainCleanup(vec![tmp.path().into(), target.path().into()]);
    let (_, code) = init(tmp.path());
    let file = tmp.path().join("backup.db");
    let file_s = file.to_str().unwrap();
    let b = cli(tmp.path(), &["backup", file_s]);
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(file.exists() && tmp.path().join("backup.db.key").exists());
    assert_eq!(cli(tmp.path(), &["backup", file_s]).status.code(), Some(2), "no overwrite of a backup");

    // Restore over the existing store is refused without --force.
    let refused = cli(tmp.path(), &["restore", file_s]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("refused"));

    // Restore into an empty data dir on a "new machine" with the recovery code.
    Keychain::Os.delete(&store_id(tmp.path())).unwrap();
    let r = cli(target.path(), &["restore", file_s, "--recovery-code", &code]);
    assert!(r.status.success(), "{}", stderr(&r));
    let s = json(&r);
    assert_eq!(s["counts"]["profile"], 1);
    assert!(cli(target.path(), &["status"]).status.success());
}
