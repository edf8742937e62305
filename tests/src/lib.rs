//! Helpers for Tovholder's end-to-end tests: they drive the real debug build of the app
//! (`target/debug/tovholder`) through `tauri-driver` and WebKitWebDriver with fantoccini.
//!
//! Each [`App`] starts its own `tauri-driver` (in its own process group, on free ports) with
//! `TOVHOLDER_DATA_DIR` pointing at the test's data directory; the app inherits that environment
//! and uses the real OS keychain. Dropping an [`App`] (also on a panic) ends the driver, the
//! WebKitWebDriver under it and the app. Failures save a screenshot, the page source and the
//! driver's log under `tests/artifacts/<scenario>/`.
//!
//! The tests need a display (`xvfb-run -a`) and a D-Bus session with an unlocked Secret Service
//! (gnome-keyring); `bash scripts/test.sh` sets both up.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::fs::{self, File};
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The keychain service under which the app keeps each store's database key.
pub const KEYCHAIN_SERVICE: &str = "dk.tovholder.app";
/// The six board columns, in order.
pub const STAGES: [&str; 6] = ["new_concern", "screening", "assessment", "intervention", "follow_up", "closed"];

/// The WebDriver key code for Enter, for `send_keys`.
pub const ENTER: char = '\u{E007}';

/// WebDriver key codes for `send_keys` / [`App::press`] (W3C WebDriver, "keyboard actions").
pub mod polkit;

pub mod key {
    pub const NULL: char = '\u{E000}';
    pub const BACKSPACE: char = '\u{E003}';
    pub const TAB: char = '\u{E004}';
    pub const ENTER: char = '\u{E007}';
    pub const SHIFT: char = '\u{E008}';
    pub const CONTROL: char = '\u{E009}';
    pub const ALT: char = '\u{E00A}';
    pub const ESCAPE: char = '\u{E00C}';
    pub const PAGE_DOWN: char = '\u{E00F}';
    pub const END: char = '\u{E010}';
    pub const HOME: char = '\u{E011}';
    pub const ARROW_UP: char = '\u{E013}';
    pub const ARROW_RIGHT: char = '\u{E014}';
    pub const ARROW_DOWN: char = '\u{E015}';

    /// `k` with Control held, then released: "Ctrl+K".
    pub fn ctrl(k: impl std::fmt::Display) -> String {
        format!("{CONTROL}{k}{NULL}")
    }
}

/// How long the app may take to show its first screen (a cold WebKit start under Xvfb on 2 cores).
const STARTUP_TIMEOUT: Duration = Duration::from_secs(90);
/// How long any later step may take (includes Argon2 key derivation for setup and unlock).
const STEP_TIMEOUT: Duration = Duration::from_secs(30);
/// Polling period while waiting for the page to change.
const POLL: Duration = Duration::from_millis(100);

/// Runs an async test body on a current-thread Tokio runtime.
pub fn run<F: std::future::Future<Output = ()>>(body: F) {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime").block_on(body)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

fn debug_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => workspace_root().join(dir).join("debug"),
        _ => workspace_root().join("target").join("debug"),
    }
}

fn built_binary(env_var: &str, name: &str) -> PathBuf {
    let path = match std::env::var_os(env_var) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => debug_dir().join(name),
    };
    assert!(
        path.is_file(),
        "{} not found: build the app and CLI first with `cargo build -p tovholder -p tovholder-core` \
         (or `bash scripts/test.sh`), or point {env_var} at the binary",
        path.display()
    );
    path.canonicalize().expect("canonical binary path")
}

/// The built app: `$TOVHOLDER_APP`, else `target/debug/tovholder`.
pub fn app_binary() -> PathBuf {
    built_binary("TOVHOLDER_APP", "tovholder")
}

/// The built CLI: `$TOVHOLDER_CLI`, else `target/debug/tovholder-cli`.
pub fn cli_binary() -> PathBuf {
    built_binary("TOVHOLDER_CLI", "tovholder-cli")
}

/// `tauri-driver`: `$TAURI_DRIVER`, else on PATH, else `~/.cargo/bin/tauri-driver`.
fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|d| d.join("tauri-driver")).find(|p| p.is_file()));
    if let Some(p) = on_path.flatten() {
        return p;
    }
    let in_cargo_home = std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo/bin/tauri-driver"));
    match in_cargo_home {
        Some(p) if p.is_file() => p,
        _ => panic!("tauri-driver not found: `cargo install tauri-driver --version '^2' --locked`"),
    }
}

fn check_environment() {
    assert!(
        std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty()),
        "no DISPLAY: run the end-to-end tests under `xvfb-run -a` (see scripts/test.sh)"
    );
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|d| !d.is_empty()),
        "no D-Bus session: the app keeps its key in the OS keychain; run the tests inside \
         `dbus-run-session` with an unlocked gnome-keyring (see scripts/test.sh)"
    );
}

/// Where a scenario leaves its logs and screenshots (`tests/artifacts/<scenario>/`); `fresh`
/// empties it first.
pub fn artifacts_dir(scenario: &str, fresh: bool) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts").join(scenario);
    if fresh {
        let _ = fs::remove_dir_all(&dir);
    }
    fs::create_dir_all(&dir).expect("create artifacts dir");
    dir
}

/// Two distinct free TCP ports on the loopback interface.
fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let b = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    (a.local_addr().unwrap().port(), b.local_addr().unwrap().port())
}

/// A test's data directory (a fresh temporary directory). When dropped it also removes the
/// store's key from the OS keychain, so test runs leave no entries behind.
pub struct DataDir {
    dir: tempfile::TempDir,
}

impl DataDir {
    pub fn new() -> DataDir {
        DataDir { dir: tempfile::Builder::new().prefix("tovholder-e2e-").tempdir().expect("temp data dir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db_file(&self) -> PathBuf {
        self.path().join("tovholder.db")
    }

    pub fn key_file(&self) -> PathBuf {
        self.path().join("tovholder.key")
    }

    /// The store id recorded in `tovholder.key`, if the store exists.
    pub fn store_id(&self) -> Option<String> {
        let text = fs::read_to_string(self.key_file()).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).expect("tovholder.key is JSON");
        Some(json["store_id"].as_str().expect("tovholder.key has a store_id").to_string())
    }

    /// The keychain account of this store's key.
    pub fn keychain_account(&self) -> String {
        format!("case-store-{}", self.store_id().expect("the store exists (tovholder.key)"))
    }

    /// Runs `tovholder-cli --data-dir <dir> <args>` and returns its stdout; panics on failure.
    pub fn cli(&self, args: &[&str]) -> String {
        let out = Command::new(cli_binary())
            .arg("--data-dir")
            .arg(self.path())
            .args(args)
            .env_remove("TOVHOLDER_KEYCHAIN")
            .output()
            .expect("run tovholder-cli");
        assert!(
            out.status.success(),
            "tovholder-cli {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("CLI output is UTF-8")
    }

    /// Registers a concern in Aarhus (→ Infohus Østjylland) through the CLI; returns its reference.
    pub fn intake(&self, pseudonym: &str, received_at: &str) -> String {
        self.intake_with(pseudonym, received_at, "Eleven deler propaganda i klassens chatgruppe.", None)
    }

    /// Like [`DataDir::intake`], with its own description and, when given, the caller's name,
    /// phone and e-mail (a parent's).
    pub fn intake_with(
        &self,
        pseudonym: &str,
        received_at: &str,
        description: &str,
        caller: Option<(&str, &str, &str)>,
    ) -> String {
        let caller = match caller {
            Some((name, phone, email)) => {
                serde_json::json!({ "type": "parent", "name": name, "phone": phone, "email": email })
            }
            None => serde_json::json!({ "type": "school" }),
        };
        let report = serde_json::json!({
            "received_at": received_at,
            "channel": "hotline",
            "caller": caller,
            "subject": { "pseudonym": pseudonym, "municipality": "Aarhus", "birth_year": 2009 },
            "category": "right_wing",
            "indicators": ["shares_propaganda"],
            "urgency": "normal",
            "description": description,
        });
        let file = self.path().join("intake-e2e.json");
        std::fs::write(&file, report.to_string()).expect("write the intake file");
        let out: serde_json::Value =
            serde_json::from_str(&self.cli(&["intake", file.to_str().expect("UTF-8 path")])).expect("receipt JSON");
        let _ = std::fs::remove_file(&file);
        out["reference"].as_str().unwrap_or_else(|| panic!("no reference in the receipt: {out}")).to_string()
    }
}

impl Default for DataDir {
    fn default() -> Self {
        DataDir::new()
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(cache_dir(self.path()));
        let _ = std::fs::remove_dir_all(home_dir(self.path()));
        if let Some(id) = self.store_id() {
            let _ = secret_tool(&["clear", "service", KEYCHAIN_SERVICE, "username", &format!("case-store-{id}")]);
        }
    }
}

fn secret_tool(args: &[&str]) -> std::io::Result<std::process::Output> {
    Command::new("secret-tool").args(args).stdin(Stdio::null()).output()
}

/// Whether the OS keychain holds a key for `account` (via `secret-tool lookup`).
pub fn keychain_has(account: &str) -> bool {
    let out = secret_tool(&["lookup", "service", KEYCHAIN_SERVICE, "username", account])
        .expect("secret-tool not found: install libsecret-tools");
    out.status.success() && !out.stdout.is_empty()
}

/// Removes one store's key from the OS keychain, as on a new laptop that never held it.
pub fn keychain_forget(account: &str) {
    let out = secret_tool(&["clear", "service", KEYCHAIN_SERVICE, "username", account])
        .expect("secret-tool not found: install libsecret-tools");
    assert!(out.status.success(), "secret-tool clear failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(!keychain_has(account), "the key for {account} is still in the keychain");
}

/// A running `tauri-driver` in its own process group (so WebKitWebDriver and the app under it
/// end with it).
struct Driver {
    child: Child,
    port: u16,
    native_port: u16,
    log: PathBuf,
}

/// Today as the app counts days: the date in Copenhagen (after 23:00 UTC in winter it is already
/// tomorrow there), so no test depends on the hour it runs.
pub fn copenhagen_today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&chrono_tz::Europe::Copenhagen).date_naive()
}

/// A saved PDF's text in reading order (pdftotext -raw, from poppler-utils).
pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-raw").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The single-instance plugin's name on the session bus: held while an app instance runs.
const INSTANCE_NAME: &str = "dk.tovholder.desktop.SingleInstance";

/// Waits (up to 10 s) until no app instance holds the session bus name, so a start right after a
/// quit is never taken for a second instance (which would hand over to the dying one and end).
fn wait_for_no_instance() {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let out = Command::new("dbus-send")
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                &format!("string:{INSTANCE_NAME}"),
            ])
            .stdin(Stdio::null())
            .output();
        match out {
            Ok(o) if o.status.success() && String::from_utf8_lossy(&o.stdout).contains("boolean true") => {
                std::thread::sleep(POLL)
            }
            _ => return,
        }
    }
    panic!("an earlier app instance still holds {INSTANCE_NAME} after 10 s");
}

/// A date as typed in the app's Danish date fields: "01.12.2026".
pub fn typed_date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A date as the app and the minutes show it: "1. dec. 2026".
pub fn shown_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] =
        ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];
    format!("{}. {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// Where the app saves files in end-to-end tests (in place of the native save dialog's answer).
pub fn saved_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("saved")
}

/// The file the app's open dialog answers in end-to-end tests (»Modtag sag«, »Indlæs
/// kvittering«): a test copies the file to open there first.
pub fn opened_file(data_dir: &Path) -> PathBuf {
    data_dir.join("open").join("valgt.tovholder")
}

/// The app's cache directory in end-to-end tests: beside the data directory (which tests expect
/// to hold only the store), removed with it.
pub fn cache_dir(data_dir: &Path) -> PathBuf {
    PathBuf::from(format!("{}-cache", data_dir.display()))
}

/// The app's home in end-to-end tests: where it would write outside its data directory (the XDG
/// data, config and state folders, and its temporary files), beside the data directory, removed
/// with it; `tests/nothing_left_behind.rs` reads every file in it.
pub fn home_dir(data_dir: &Path) -> PathBuf {
    PathBuf::from(format!("{}-home", data_dir.display()))
}

/// The app's private export folder in end-to-end tests (what it opens in a PDF viewer or mail
/// program is written there).
pub fn export_dir(data_dir: &Path) -> PathBuf {
    cache_dir(data_dir).join("tovholder").join("export")
}

impl Driver {
    fn start(data_dir: &Path, log: PathBuf, retention_pass: bool, system_bus: Option<&str>) -> Driver {
        let (port, native_port) = free_ports();
        let home = home_dir(data_dir);
        for sub in ["data", "config", "state", "tmp"] {
            fs::create_dir_all(home.join(sub)).expect("the app's home folders");
        }
        let log_file = File::create(&log).expect("create driver log");
        let child = Command::new(tauri_driver())
            .arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .env("TOVHOLDER_DATA_DIR", data_dir)
            // The real OS keychain, never the throwaway in-memory one.
            .env_remove("TOVHOLDER_KEYCHAIN")
            // The app's "system bus" (logind's sleep signal, polkit for the unlock's check of the
            // user) is the test's private session bus: the machine's own polkit never answers, so
            // the OS offers no check unless a test serves one there (`polkit::FakeAuthority`) or
            // gives the app a bus of its own (`App::launch_binary_on_bus`, a real polkitd's).
            .env(
                "DBUS_SYSTEM_BUS_ADDRESS",
                system_bus.map(Into::into).or_else(|| std::env::var_os("DBUS_SESSION_BUS_ADDRESS")).unwrap_or_default(),
            )
            // Fewer accessibility services: nothing reads them here, and they only add D-Bus noise.
            .env("NO_AT_BRIDGE", "1")
            // The app's test seams: WebDriver can't drive a native save dialog, and nothing may
            // open a PDF viewer or mail program here. Saving writes into `<data dir>/saved`.
            .env("TOVHOLDER_SAVE_DIR", saved_dir(data_dir))
            .env("TOVHOLDER_NO_OPEN", "1")
            .env("TOVHOLDER_OPEN_FILE", opened_file(data_dir))
            // No retention pass (debug builds) unless a test asks for it: the demo's forwarded
            // cases are past their 30 days, and the pass would delete them while a test looks.
            .env("TOVHOLDER_RETENTION_PASS", if retention_pass { "on" } else { "off" })
            // The app's caches, and its private export folder, beside the test's data directory.
            .env("XDG_CACHE_HOME", cache_dir(data_dir))
            // Everything else the app (or its web view) might write outside the data directory.
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("TMPDIR", home.join("tmp"))
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("log handle"))
            .stderr(log_file)
            .process_group(0)
            .spawn()
            .expect("start tauri-driver");
        let mut driver = Driver { child, port, native_port, log };
        driver.wait_until_listening();
        driver
    }

    /// Waits until both tauri-driver and the WebKitWebDriver it started accept connections (a
    /// session request before the latter is up fails with "tcp connect error").
    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        for port in [self.port, self.native_port] {
            while TcpStream::connect(("127.0.0.1", port)).is_err() {
                if let Ok(Some(status)) = self.child.try_wait() {
                    panic!("tauri-driver exited early ({status}):\n{}", self.log_tail());
                }
                assert!(
                    Instant::now() < deadline,
                    "tauri-driver (port {}) or WebKitWebDriver (port {}) did not listen within 30 s:\n{}",
                    self.port,
                    self.native_port,
                    self.log_tail()
                );
                std::thread::sleep(POLL);
            }
        }
    }

    fn log_tail(&self) -> String {
        let mut text = String::new();
        if let Ok(mut f) = File::open(&self.log) {
            let _ = f.read_to_string(&mut text);
        }
        let start = text.len().saturating_sub(4000);
        let start = (start..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
        text[start..].to_string()
    }

    /// Ends the whole process group: SIGTERM, then SIGKILL if it is still there after 5 s.
    fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let group = self.child.id() as libc::pid_t;
        // SAFETY: signals only the process group this struct created (process_group(0) above).
        unsafe { libc::kill(-group, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(POLL);
        }
        // SAFETY: as above; also reaps anything of the group that ignored SIGTERM.
        unsafe { libc::kill(-group, libc::SIGKILL) };
        let _ = self.child.wait();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One run of the app: a WebDriver session on a fresh `tauri-driver`.
pub struct App {
    client: Option<Client>,
    driver: Driver,
    artifacts: PathBuf,
    label: String,
}

impl App {
    /// Starts the app with `TOVHOLDER_DATA_DIR=data_dir`. `label` is `<scenario>/<run>` (e.g.
    /// `first_run/2` for its second start), naming the artifacts; run 1 clears the old ones.
    pub async fn launch(label: &str, data_dir: &Path) -> App {
        App::launch_with(label, data_dir, false).await
    }

    /// [`App::launch`] with the retention pass on, as a release build always runs it (at start-up
    /// and once a day).
    pub async fn launch_with_retention(label: &str, data_dir: &Path) -> App {
        App::launch_with(label, data_dir, true).await
    }

    /// [`App::launch`] with another build of the app: the installed package's binary.
    pub async fn launch_binary(label: &str, data_dir: &Path, application: &Path) -> App {
        App::launch_from(label, data_dir, false, application.to_path_buf(), None).await
    }

    /// [`App::launch_binary`] with `system_bus` (a D-Bus address) as the app's system bus, e.g.
    /// the bus of a real polkitd ([`polkit::Polkitd`]).
    pub async fn launch_binary_on_bus(label: &str, data_dir: &Path, application: &Path, system_bus: &str) -> App {
        App::launch_from(label, data_dir, false, application.to_path_buf(), Some(system_bus)).await
    }

    async fn launch_with(label: &str, data_dir: &Path, retention_pass: bool) -> App {
        App::launch_from(label, data_dir, retention_pass, app_binary(), None).await
    }

    async fn launch_from(
        label: &str,
        data_dir: &Path,
        retention_pass: bool,
        application: PathBuf,
        system_bus: Option<&str>,
    ) -> App {
        check_environment();
        wait_for_no_instance();
        let (scenario, run) = label.split_once('/').unwrap_or((label, "1"));
        let artifacts = artifacts_dir(scenario, run == "1");
        let log = artifacts.join(format!("driver-{run}.log"));
        let driver = Driver::start(data_dir, log, retention_pass, system_bus);
        let caps = serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": application },
        });
        let serde_json::Value::Object(caps) = caps else { unreachable!() };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .unwrap_or_else(|e| panic!("could not start a session with the app: {e}\n{}", driver.log_tail()));
        App { client: Some(client), driver, artifacts, label: run.to_string() }
    }

    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("session is open")
    }

    /// Saves a screenshot and the page source, and returns `msg` with where they are and the tail
    /// of the driver's log: `panic!("{}", app.report(msg).await)`.
    pub async fn report(&self, msg: impl std::fmt::Display) -> String {
        let mut saved = Vec::new();
        if let Ok(png) = self.client().screenshot().await {
            let p = self.artifacts.join(format!("{}-failure.png", self.label));
            if fs::write(&p, png).is_ok() {
                saved.push(p.display().to_string());
            }
        }
        if let Ok(html) = self.client().source().await {
            let p = self.artifacts.join(format!("{}-failure.html", self.label));
            if fs::write(&p, html).is_ok() {
                saved.push(p.display().to_string());
            }
        }
        format!("{msg}\nsaved: {saved:?}\n--- driver log (tail) ---\n{}", self.driver.log_tail())
    }

    /// Fails the test (with a screenshot) unless `ok`.
    pub async fn ensure(&self, ok: bool, msg: impl std::fmt::Display) {
        if !ok {
            panic!("{}", self.report(msg).await);
        }
    }

    /// Saves a screenshot of the window as `<artifacts>/<label>-<name>.png` (for people to look at;
    /// `tests/artifacts/` is not committed).
    pub async fn snapshot(&self, name: &str) {
        match self.client().screenshot().await {
            Ok(png) => {
                fs::write(self.artifacts.join(format!("{}-{name}.png", self.label)), png).expect("save screenshot")
            }
            Err(e) => panic!("{}", self.report(format!("screenshot failed: {e}")).await),
        }
    }

    /// Saves a screenshot of the window for the user guide as `docs/guide/<name>.png` (committed;
    /// `tests/tests/user_guide.rs` takes them anew on every run, so they show the app as it is).
    pub async fn guide_shot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("docs").join("guide");
        fs::create_dir_all(&dir).expect("the guide's folder");
        // Let the window repaint: under Xvfb a screenshot right after a change can show the frame before.
        tokio::time::sleep(Duration::from_millis(1200)).await;
        match self.client().screenshot().await {
            Ok(png) => fs::write(dir.join(format!("{name}.png")), png).expect("save the guide's screenshot"),
            Err(e) => panic!("{}", self.report(format!("screenshot failed: {e}")).await),
        }
    }

    /// Polls `check` until it yields `Some`, or fails after `timeout` describing `what`.
    pub async fn poll<T>(&self, what: &str, timeout: Duration, check: impl AsyncFnMut(&Client) -> Option<T>) -> T {
        match self.poll_quietly(timeout, check).await {
            Some(v) => v,
            None => panic!("{}", self.report(format!("timed out after {timeout:?} waiting for {what}")).await),
        }
    }

    /// Polls `check` until it yields `Some`, or gives `None` after `timeout` (the caller reports).
    pub async fn poll_quietly<T>(
        &self,
        timeout: Duration,
        mut check: impl AsyncFnMut(&Client) -> Option<T>,
    ) -> Option<T> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(v) = check(self.client()).await {
                return Some(v);
            }
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits for an element matching `css`.
    pub async fn find(&self, css: &str) -> Element {
        match self.client().wait().at_most(STEP_TIMEOUT).every(POLL).for_element(Locator::Css(css)).await {
            Ok(e) => e,
            Err(e) => panic!("{}", self.report(format!("element {css} did not appear: {e}")).await),
        }
    }

    /// All elements matching `css` right now.
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        match self.client().find_all(Locator::Css(css)).await {
            Ok(v) => v,
            Err(e) => panic!("{}", self.report(format!("find_all({css}) failed: {e}")).await),
        }
    }

    /// Whether an element matching `css` is on the page right now.
    pub async fn exists(&self, css: &str) -> bool {
        !self.find_all(css).await.is_empty()
    }

    /// Waits until an `<h1>` reads `text` (the first screen may take longer: startup timeout).
    pub async fn wait_heading(&self, text: &str) {
        let what = format!("a heading \"{text}\"");
        self.poll(&what, STARTUP_TIMEOUT, async |c: &Client| {
            for h in c.find_all(Locator::Css("h1")).await.ok()? {
                if h.text().await.ok()?.trim() == text {
                    return Some(());
                }
            }
            None
        })
        .await
    }

    /// The visible text of the element matching `css` (waits for it).
    pub async fn text(&self, css: &str) -> String {
        let e = self.find(css).await;
        match e.text().await {
            Ok(t) => t.trim().to_string(),
            Err(err) => panic!("{}", self.report(format!("text of {css}: {err}")).await),
        }
    }

    /// Types `keys` into the field matching `css` (keyboard input through WebDriver).
    pub async fn type_into(&self, css: &str, keys: &str) {
        let e = self.find_in_view(css).await;
        if let Err(err) = e.send_keys(keys).await {
            panic!("{}", self.report(format!("typing into {css}: {err}")).await);
        }
    }

    /// The element matching `css`, scrolled into the middle of its scroll container (WebKitWebDriver
    /// does not scroll nested containers, such as the case panel, by itself).
    pub async fn find_in_view(&self, css: &str) -> Element {
        let e = self.find(css).await;
        if let Ok(arg) = serde_json::to_value(&e) {
            let _ = self
                .client()
                .execute("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' }); return true;", vec![arg])
                .await;
        }
        e
    }

    /// Sends `keys` to whatever has focus (keyboard input through WebDriver).
    pub async fn press(&self, keys: &str) {
        let active = match self.client().active_element().await {
            Ok(e) => e,
            Err(err) => panic!("{}", self.report(format!("no focused element for {keys:?}: {err}")).await),
        };
        if let Err(err) = active.send_keys(keys).await {
            panic!("{}", self.report(format!("pressing {keys:?}: {err}")).await);
        }
    }

    /// Empties the field matching `css`.
    pub async fn clear(&self, css: &str) {
        let e = self.find_in_view(css).await;
        if let Err(err) = e.clear().await {
            panic!("{}", self.report(format!("clearing {css}: {err}")).await);
        }
    }

    /// Picks the option with `value` in the `<select>` matching `css`, and checks it took.
    pub async fn select(&self, css: &str, value: &str) {
        let e = self.find_in_view(css).await;
        if let Err(err) = e.select_by_value(value).await {
            panic!("{}", self.report(format!("selecting {value:?} in {css}: {err}")).await);
        }
        let got = e.prop("value").await.ok().flatten();
        if got.as_deref() != Some(value) {
            panic!("{}", self.report(format!("{css} has value {got:?} after selecting {value:?}")).await);
        }
    }

    pub async fn click(&self, css: &str) {
        let e = self.find_in_view(css).await;
        if let Err(err) = e.click().await {
            panic!("{}", self.report(format!("clicking {css}: {err}")).await);
        }
    }

    pub async fn is_enabled(&self, css: &str) -> bool {
        let e = self.find(css).await;
        match e.is_enabled().await {
            Ok(b) => b,
            Err(err) => panic!("{}", self.report(format!("is_enabled({css}): {err}")).await),
        }
    }

    /// The id of the focused element ("" when it has none).
    pub async fn focused_id(&self) -> String {
        self.js("return document.activeElement?.id ?? '';", vec![]).await.as_str().unwrap_or_default().to_string()
    }

    /// Waits until the element with `id` has focus.
    pub async fn wait_focus(&self, id: &str) {
        let what = format!("focus on #{id}");
        self.poll(&what, STEP_TIMEOUT, async |c: &Client| {
            let v = c.execute("return document.activeElement?.id ?? '';", vec![]).await.ok()?;
            (v.as_str() == Some(id)).then_some(())
        })
        .await;
    }

    /// Waits until the element matching `css` has text containing `needle`; returns the text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let what = format!("{css} to contain {needle:?}");
        self.poll(&what, STEP_TIMEOUT, async |c: &Client| {
            let t = c.find(Locator::Css(css)).await.ok()?.text().await.ok()?;
            t.contains(needle).then_some(t)
        })
        .await
    }

    /// Waits until the element matching `css` is enabled.
    pub async fn wait_enabled(&self, css: &str) {
        let what = format!("{css} to be enabled");
        let sel = css.to_string();
        self.poll(&what, STEP_TIMEOUT, async |c: &Client| {
            let e = c.find(Locator::Css(&sel)).await.ok()?;
            e.is_enabled().await.ok()?.then_some(())
        })
        .await
    }

    /// Waits for a non-empty `role="alert"` message and returns its text.
    pub async fn wait_alert(&self) -> String {
        self.poll("an error message (role=\"alert\")", STEP_TIMEOUT, async |c: &Client| {
            for a in c.find_all(Locator::Css("[role=\"alert\"]")).await.ok()? {
                let t = a.text().await.ok()?;
                if !t.trim().is_empty() {
                    return Some(t.trim().to_string());
                }
            }
            None
        })
        .await
    }

    /// Waits for the board: `h1#view-title` reads "Tavle" and the six stage columns are there,
    /// in order.
    pub async fn wait_board(&self) {
        self.poll("the board (h1#view-title \"Tavle\")", STARTUP_TIMEOUT, async |c: &Client| {
            let title = c.find(Locator::Css("h1#view-title")).await.ok()?;
            (title.text().await.ok()?.trim() == "Tavle").then_some(())
        })
        .await;
        // The title comes first; the columns once the board has loaded (on a busy machine, later).
        let loaded = self
            .poll_quietly(STEP_TIMEOUT, async |c: &Client| {
                let mut stages = Vec::new();
                for column in c.find_all(Locator::Css("section[data-stage]")).await.ok()? {
                    stages.push(column.attr("data-stage").await.ok().flatten().unwrap_or_default());
                }
                (stages == STAGES).then_some(())
            })
            .await;
        if loaded.is_none() {
            let mut stages = Vec::new();
            for column in self.find_all("section[data-stage]").await {
                stages.push(column.attr("data-stage").await.ok().flatten().unwrap_or_default());
            }
            panic!("{}", self.report(format!("board columns are {stages:?}, expected {STAGES:?}")).await);
        }
    }

    /// Fills the first-run form by keyboard and submits it.
    pub async fn fill_setup(&self, name: &str, kind: &str, organisation: &str, district: &str) {
        self.wait_heading("Velkommen til Tovholder").await;
        self.type_into("#setup-name", name).await;
        self.select("#setup-organisation-kind", kind).await;
        self.type_into("#setup-organisation-name", organisation).await;
        self.select("#setup-district", district).await;
        self.snapshot("setup").await;
        self.click("#setup-submit").await;
    }

    /// Reads the recovery code shown after setup, checks its format, confirms and continues to
    /// the board. Returns the code.
    pub async fn confirm_recovery_code(&self) -> String {
        self.wait_heading("Din gendannelseskode").await;
        let code = self.text("#recovery-code").await;
        self.snapshot("recovery-code").await;
        if !is_recovery_code(&code) {
            panic!("{}", self.report(format!("recovery code {code:?} is not 8 groups of 4 characters A-Z/2-7")).await);
        }
        if self.is_enabled("#recovery-continue").await {
            panic!("{}", self.report("#recovery-continue is enabled before the code is confirmed").await);
        }
        self.click("#recovery-confirmed").await;
        self.wait_enabled("#recovery-continue").await;
        self.click("#recovery-continue").await;
        self.wait_board().await;
        self.snapshot("board").await;
        code
    }

    /// Full first-run setup as a police coordinator in Østjylland; returns the recovery code.
    pub async fn set_up(&self) -> String {
        self.fill_setup("Mette Sørensen", "police", "Østjyllands Politi", "ØJP").await;
        self.confirm_recovery_code().await
    }

    /// Ends the session: WebKitWebDriver closes the app; then the driver stops.
    pub async fn quit(mut self) {
        if let Some(client) = self.client.take()
            && let Err(e) = client.close().await
        {
            panic!("ending the session failed: {e}\n{}", self.driver.log_tail());
        }
        self.driver.stop();
    }
}

/// 8 groups of 4 characters from the RFC 4648 base32 alphabet (A–Z, 2–7), joined by "-".
pub fn is_recovery_code(code: &str) -> bool {
    let groups: Vec<&str> = code.split('-').collect();
    groups.len() == 8
        && groups
            .iter()
            .all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)))
}

// ---- Accessibility (axe-core) ----

/// axe-core's script, from the UI's own npm packages (`ui/node_modules`, installed by `npm ci`):
/// injected into the page by the tests, never loaded from anywhere remote.
fn axe_source() -> String {
    let path = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
    fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e} (run `npm ci` in ui/; axe-core is one of its dev dependencies)", path.display())
    })
}

impl App {
    /// Runs axe-core on the page as it is now (WCAG 2.0/2.1 A and AA rules plus best practices)
    /// and fails the test on any serious or critical violation, naming `state` and each offending
    /// element. Saves a screenshot as `a11y-<state>`.
    pub async fn assert_accessible(&self, state: &str) {
        let violations = self.accessibility_violations(state).await;
        if !violations.is_empty() {
            panic!(
                "{}",
                self.report(format!(
                    "accessibility ({state}): {} serious or critical:\n{}",
                    violations.len(),
                    violations.join("\n")
                ))
                .await
            );
        }
    }

    /// axe-core's serious and critical violations on the page as it is now (see
    /// [`App::assert_accessible`]), one line per rule with up to five offending elements.
    pub async fn accessibility_violations(&self, state: &str) -> Vec<String> {
        let loaded = self.js("return typeof window.axe === 'object';", vec![]).await;
        if loaded != serde_json::json!(true) {
            let script = format!("{}\n;return typeof window.axe === 'object';", axe_source());
            let ok = self.js(&script, vec![]).await;
            if ok != serde_json::json!(true) {
                panic!("{}", self.report("axe-core did not load into the page").await);
            }
        }
        // Started in the page, then polled: WebKitWebDriver's asynchronous scripts are unreliable.
        self.js(
            "window.__axeResult = null;
             axe.run(document, {
               runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
               resultTypes: ['violations'],
             }).then(
               (r) => { window.__axeResult = { passes: r.passes.length, violations: r.violations
                 .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                 .map((v) => `${v.impact} ${v.id}: ${v.help}\\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').join(' ')).join('\\n    ')}`) }; },
               (e) => { window.__axeResult = { passes: 0, violations: ['axe failed: ' + e] }; },
             );
             return true;",
            vec![],
        )
        .await;
        let result = self
            .poll(&format!("axe-core's result ({state})"), STEP_TIMEOUT, async |c: &Client| {
                let v = c.execute("return window.__axeResult;", vec![]).await.ok()?;
                (!v.is_null()).then_some(v)
            })
            .await;
        self.snapshot(&format!("a11y-{state}")).await;
        let passes = result["passes"].as_u64().unwrap_or(0);
        let mut violations: Vec<String> = serde_json::from_value(result["violations"].clone())
            .unwrap_or_else(|e| vec![format!("unexpected axe result: {e}")]);
        if passes == 0 && violations.is_empty() {
            violations.push("axe-core checked nothing (no rule passed)".into());
        }
        eprintln!("axe-core ({state}): {passes} rules passed, {} serious or critical violations", violations.len());
        violations
    }
}

// ---- Board helpers (tests/tests/board.rs) ----

impl App {
    /// How often a view has loaded its data ("board", "cases", "actions", "meetings",
    /// "directory"): the UI counts each load on the page's root element.
    pub async fn loads(&self, view: &str) -> u64 {
        let key = format!("loads{}{}", view[..1].to_uppercase(), &view[1..]);
        let v = self.js("return document.documentElement.dataset[arguments[0]] ?? '0';", vec![key.into()]).await;
        v.as_str().and_then(|n| n.parse().ok()).unwrap_or(0)
    }

    /// Runs `script` in the page (its `arguments` are `args`) and returns its value.
    pub async fn js(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        match self.client().execute(script, args).await {
            Ok(v) => v,
            Err(e) => panic!("{}", self.report(format!("script failed: {e}\n{script}")).await),
        }
    }

    /// Which board column shows the card `reference` ("screening", or "closed"/"forwarded" in the
    /// archive), or None when it is not in the page.
    pub async fn card_stage(&self, reference: &str) -> Option<String> {
        let v = self
            .js(
                "const a = [...document.querySelectorAll('article[data-reference]')]
                   .find((e) => e.dataset.reference === arguments[0]);
                 if (!a) return null;
                 const g = a.closest('[data-archive-stage]');
                 if (g) return g.dataset.archiveStage;
                 return a.closest('section[data-stage]')?.dataset.stage ?? null;",
                vec![serde_json::json!(reference)],
            )
            .await;
        v.as_str().map(str::to_string)
    }

    /// Waits until the card `reference` is in the column of `stage`.
    pub async fn wait_card_in(&self, reference: &str, stage: &str) {
        let what = format!("card {reference} in column {stage}");
        let deadline = Instant::now() + STEP_TIMEOUT;
        loop {
            if self.card_stage(reference).await.as_deref() == Some(stage) {
                return;
            }
            if Instant::now() >= deadline {
                let got = self.card_stage(reference).await;
                panic!("{}", self.report(format!("timed out waiting for {what} (it is in {got:?})")).await);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The `data-nav` of the focused element ("card:ØJP-2026-0042"), if any.
    pub async fn focused_nav(&self) -> Option<String> {
        self.js("return document.activeElement?.dataset?.nav ?? null;", vec![]).await.as_str().map(str::to_string)
    }

    /// Puts keyboard focus on the card `reference` (its reference button) and returns that element.
    pub async fn focus_card(&self, reference: &str) -> Element {
        let css = format!("button[data-nav=\"card:{reference}\"]");
        let el = self.find(&css).await;
        self.js(
            "const b = [...document.querySelectorAll('button[data-nav]')].find((e) => e.dataset.nav === 'card:' + arguments[0]);
             b.scrollIntoView({ block: 'nearest' }); b.focus(); return document.activeElement === b;",
            vec![serde_json::json!(reference)],
        )
        .await;
        el
    }
}

#[cfg(test)]
mod tests {
    use super::is_recovery_code;

    #[test]
    fn recovery_code_format() {
        assert!(is_recovery_code("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"));
        assert!(!is_recovery_code("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23"));
        assert!(!is_recovery_code("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4568"));
        assert!(!is_recovery_code("abcd-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"));
        assert!(!is_recovery_code("ABCDE-FGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"));
    }
}
