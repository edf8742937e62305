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
