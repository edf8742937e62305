//! Helpers for the tests that run `tovholder-cli` as a user does: separate processes sharing the
//! real OS keychain (Secret Service on Linux, inside scripts/keyring-session.sh's D-Bus session).
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tovholder_core::Keychain;
use tovholder_core::profile::{OrganisationKind, Profile};

/// The time the CLI runs at in the tests.
pub const FIXED_NOW: &str = "2026-11-25T13:05:00Z";

/// The coordinator every test store is created for: Østjyllands Politi.
pub fn profile() -> Profile {
    Profile {
        name: "Mette Holm".into(),
        organisation_kind: OrganisationKind::Police,
        organisation_name: "Østjyllands Politi".into(),
        district_code: "ØJP".into(),
    }
}

pub fn cli(dir: &Path, args: &[&str]) -> Output {
    cli_full(dir, args, &[], None)
}

pub fn cli_with_stdin(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    cli_full(dir, args, &[], stdin)
}

pub fn cli_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    cli_full(dir, args, env, None)
}

/// `tovholder-cli --data-dir DIR ARGS…` with extra environment variables and standard input.
pub fn cli_full(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_tovholder-cli"));
    // The CLI runs at a fixed time (debug builds): nothing a test checks depends on today's date.
    command
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("TOVHOLDER_KEYCHAIN")
        .env("TOVHOLDER_FIXED_NOW", FIXED_NOW);
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tovholder-cli");
    if let Some(text) = stdin {
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("tovholder-cli finishes")
}

pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Succeeds, or shows what the CLI said.
pub fn ok(out: Output) -> Value {
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), stderr(&out));
    json(&out)
}

pub fn store_id(dir: &Path) -> String {
    let env: Value = serde_json::from_slice(&std::fs::read(dir.join("tovholder.key")).unwrap()).unwrap();
    env["store_id"].as_str().unwrap().to_string()
}

/// Removes the keychain entries of these data directories' stores, also when a test fails.
pub struct KeychainCleanup(pub Vec<PathBuf>);

impl Drop for KeychainCleanup {
    fn drop(&mut self) {
        for dir in &self.0 {
            if dir.join("tovholder.key").exists() {
                let _ = Keychain::Os.delete(&store_id(dir));
            }
        }
    }
}

/// A store in a temporary directory whose keychain entry is removed again, also when a test fails.
pub struct TempStore {
    pub dir: tempfile::TempDir,
}

impl TempStore {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for TempStore {
    fn drop(&mut self) {
        if self.dir.path().join("tovholder.key").exists() {
            let _ = Keychain::Os.delete(&store_id(self.dir.path()));
        }
    }
}

/// The tests need the real OS keychain and fail (never pass silently) without one.
pub fn require_os_keychain() {
    let probe = format!("probe-{}", uuid::Uuid::new_v4());
    match Keychain::Os.set(&probe, b"probe") {
        Ok(()) => {
            let _ = Keychain::Os.delete(&probe);
        }
        Err(e) => panic!(
            "the OS keychain is unusable ({e}); run these tests through scripts/test.sh or scripts/keyring-session.sh"
        ),
    }
}

/// `init` for Østjyllands Politi in a new temporary directory.
pub fn new_store() -> TempStore {
    require_os_keychain();
    let store = TempStore { dir: tempfile::tempdir().unwrap() };
    let out = cli(
        store.path(),
        &["init", "--name", "Mette Holm", "--organisation", "Østjyllands Politi", "--district", "ØJP"],
    );
    assert!(out.status.success(), "init failed: {}", stderr(&out));
    store
}

pub fn dirs(stores: &[&TempStore]) -> Vec<PathBuf> {
    stores.iter().map(|s| s.path().to_path_buf()).collect()
}

/// An instant from RFC 3339 text ("2026-11-25T13:05:00Z").
pub fn at(t: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(t).unwrap().into()
}

/// A fresh store (key in memory) for [`profile`], on a clock fixed at `now` that the test moves.
pub fn store_at(now: &str) -> (tempfile::TempDir, tovholder_core::Store, tovholder_core::FixedClock) {
    let clock = tovholder_core::FixedClock::at_rfc3339(now);
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = tovholder_core::Store::init_with_clock(
        tmp.path(),
        &Keychain::memory(),
        profile(),
        std::sync::Arc::new(clock.clone()),
    )
    .unwrap();
    (tmp, store, clock)
}

/// A PDF's text in reading order (pdftotext -raw, from poppler-utils).
pub fn pdftotext(path: &Path) -> String {
    pdftotext_as(path, "-raw")
}

/// A PDF's text as laid out on the page (pdftotext -layout): lines of a table stay together.
pub fn pdftotext_layout(path: &Path) -> String {
    pdftotext_as(path, "-layout")
}

/// The text of PDF bytes in reading order ([`pdftotext`] on a temporary copy).
pub fn pdf_bytes_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    pdftotext(&file)
}

fn pdftotext_as(path: &Path, mode: &str) -> String {
    let out = Command::new("pdftotext")
        .args([mode, "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
