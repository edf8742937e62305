//! The OS's side of the unlock's check of the user on Linux, for end-to-end tests: an
//! `org.freedesktop.PolicyKit1.Authority` on the test's private bus (which the app takes for its
//! system bus, see `Driver::start`), answering `CheckAuthorization` as the test scripts it — as
//! polkitd does after the desktop's password prompt was answered, dismissed or failed — and
//! recording what the app asked. The real polkitd cannot stand in here: the tests run as root,
//! whom polkitd authorizes for everything without a prompt.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use zbus::zvariant::OwnedValue;

/// How the user answered the desktop's prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The right password.
    Authorized,
    /// The prompt was closed (`polkit.dismissed`).
    Dismissed,
    /// Not authorized, and no prompt to be had.
    Denied,
}

/// One `CheckAuthorization` call: the action, the subject's kind and its pid, the flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub action_id: String,
    pub subject_kind: String,
    pub pid: Option<u32>,
    pub flags: u32,
}

#[derive(Default)]
struct Script {
    answers: VecDeque<Answer>,
    checks: Vec<Check>,
}

struct Authority(Arc<Mutex<Script>>);

#[zbus::interface(name = "org.freedesktop.PolicyKit1.Authority")]
impl Authority {
    fn check_authorization(
        &self,
        subject: (String, HashMap<String, OwnedValue>),
        action_id: String,
        _details: HashMap<String, String>,
        flags: u32,
        _cancellation_id: String,
    ) -> ((bool, bool, HashMap<String, String>),) {
        // One out argument, the struct (bba{ss}) polkit returns: a tuple in a tuple.
        let pid = subject.1.get("pid").and_then(|v| u32::try_from(v).ok());
        let mut script = self.0.lock().unwrap();
        script.checks.push(Check { action_id, subject_kind: subject.0, pid, flags });
        let result = match script.answers.pop_front().unwrap_or(Answer::Denied) {
            Answer::Authorized => (true, false, HashMap::new()),
            Answer::Dismissed => (false, true, HashMap::from([("polkit.dismissed".to_string(), "true".to_string())])),
            Answer::Denied => (false, false, HashMap::new()),
        };
        (result,)
    }
}

/// The authority, served while this value lives (dropping it leaves the bus: no polkit then).
pub struct FakeAuthority {
    script: Arc<Mutex<Script>>,
    _connection: zbus::blocking::Connection,
}

impl FakeAuthority {
    /// Serves on the test's session bus, answering in this order (then `Denied`).
    pub fn serve(answers: &[Answer]) -> FakeAuthority {
        let script = Arc::new(Mutex::new(Script { answers: answers.iter().copied().collect(), checks: vec![] }));
        let connection = zbus::blocking::connection::Builder::session()
            .and_then(|b| b.name("org.freedesktop.PolicyKit1"))
            .and_then(|b| b.serve_at("/org/freedesktop/PolicyKit1/Authority", Authority(script.clone())))
            .and_then(|b| b.build())
            .expect("serve the polkit authority on the test's session bus");
        FakeAuthority { script, _connection: connection }
    }

    /// Answers still to give.
    pub fn push(&self, answer: Answer) {
        self.script.lock().unwrap().answers.push_back(answer);
    }

    /// What the app asked so far.
    pub fn checks(&self) -> Vec<Check> {
        self.script.lock().unwrap().checks.clone()
    }
}

/// The real polkitd (Debian's package), on a D-Bus bus of its own that lets polkitd's own user
/// connect: it reads the actions installed in `/usr/share/polkit-1/actions` — the .deb's among
/// them — and answers `CheckAuthorization` as on a desktop. The tests run as root, whom polkitd
/// authorizes without a prompt; what this proves is that the package's action is valid and known
/// to polkit and that the app's question is one polkitd answers.
pub struct Polkitd {
    bus: std::process::Child,
    daemon: std::process::Child,
    address: String,
    _dir: tempfile::TempDir,
}

const POLKITD: &str = "/usr/lib/polkit-1/polkitd";

impl Polkitd {
    /// Starts a bus and polkitd on it; `None` where polkitd is not installed.
    pub fn start() -> Option<Polkitd> {
        use std::io::{BufRead, BufReader};
        use std::os::unix::fs::PermissionsExt;
        use std::process::{Command, Stdio};
        if !std::path::Path::new(POLKITD).exists() {
            return None;
        }
        let dir = tempfile::tempdir().expect("a folder for the bus");
        // polkitd runs as its own user: it must reach the socket.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let config = dir.path().join("bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
"#,
                dir.path().join("bus").display()
            ),
        )
        .unwrap();
        let mut bus = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-daemon");
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap()).read_line(&mut address).expect("the bus's address");
        let address = address.trim().to_string();
        let daemon = Command::new(POLKITD)
            .arg("--no-debug")
            .env("DBUS_SYSTEM_BUS_ADDRESS", &address)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start polkitd");
        let polkitd = Polkitd { bus, daemon, address, _dir: dir };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !polkitd.serves() {
            assert!(std::time::Instant::now() < deadline, "polkitd did not take its name within 10 s");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Some(polkitd)
    }

    fn serves(&self) -> bool {
        std::process::Command::new("dbus-send")
            .arg(format!("--bus={}", self.address))
            .args([
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                "string:org.freedesktop.PolicyKit1",
            ])
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
    }

    /// The bus's address (the app's system bus).
    pub fn address(&self) -> &str {
        &self.address
    }

    /// What `pkaction --verbose` says of an action (polkit's own reading of the installed file).
    pub fn describe(&self, action: &str) -> String {
        let out = std::process::Command::new("pkaction")
            .args(["--action-id", action, "--verbose"])
            .env("DBUS_SYSTEM_BUS_ADDRESS", &self.address)
            .output()
            .expect("run pkaction");
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    }
}

impl Drop for Polkitd {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}
