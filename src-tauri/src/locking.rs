//! When the app locks itself (#17): the idle watcher and the OS's lock and sleep signals.
//!
//! The rule is the core's (`tovholder_core::lock::is_idle`, on wall-clock time, so time asleep
//! counts). A watcher thread re-checks it every few seconds — after a resume its first tick sees
//! the whole night — and asks the window to lock (`LockRequested`: the window saves what is being
//! typed, then calls `lock_store`). A window that does not answer within [`ANSWER`] is locked
//! from here. On Linux the OS signals come over D-Bus ([`linux`]); Windows and macOS are not wired
//! yet (the idle lock and Ctrl+L work there).

use crate::Shell;
use crate::api::{LockRequested, Locked};
use chrono::{DateTime, Utc};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager};
use tauri_specta::Event as _;
use tovholder_core::lock::{self, LockReason, LockSettings};

/// How often the watcher re-checks the idle rule.
const TICK: Duration = Duration::from_secs(2);
/// How long the window has to save its input and lock after being asked.
const ANSWER: Duration = Duration::from_secs(8);

/// The lock's state in the shell: the last use (wall clock), the settings, a pending request.
pub struct LockState {
    pub last_use: DateTime<Utc>,
    pub settings: LockSettings,
    pending: Option<(LockReason, Instant)>,
}

impl LockState {
    pub fn new() -> LockState {
        LockState { last_use: Utc::now(), settings: LockSettings::default(), pending: None }
    }

    /// The store was opened: the clock starts again, with the store's settings.
    pub fn opened(&mut self, settings: LockSettings) {
        self.last_use = Utc::now();
        self.settings = settings;
        self.pending = None;
    }
}

/// Closes the store (after recording why) and tells the window; nothing when it is not open.
pub fn lock_now(app: &AppHandle, reason: LockReason) -> Result<(), tovholder_core::CommandError> {
    let shell = app.state::<Shell>();
    let was_open = {
        let mut slot = shell.lock()?;
        match slot.take() {
            Some(store) => {
                if let Err(e) = lock::record_lock(&store, reason) {
                    log::warn!("the lock could not be recorded in the audit log ({})", e.code());
                }
                // Dropped here: the connection closes and the key is zeroized.
                drop(store);
                true
            }
            None => false,
        }
    };
    if let Ok(mut state) = shell.lock_state.lock() {
        state.pending = None;
    }
    crate::empty_private_folder(app);
    if was_open && let Err(e) = (Locked { reason }).emit(app) {
        log::warn!("could not emit Locked: {e}");
    }
    Ok(())
}

/// Asks the window to lock (once per request); locks from here when it does not answer.
pub fn request(app: &AppHandle, reason: LockReason) {
    let shell = app.state::<Shell>();
    let open = shell.lock().map(|s| s.is_some()).unwrap_or(false);
    if !open {
        return;
    }
    let overdue = {
        let Ok(mut state) = shell.lock_state.lock() else { return };
        match state.pending {
            None => {
                state.pending = Some((reason, Instant::now()));
                if let Err(e) = (LockRequested { reason }).emit(app) {
                    log::warn!("could not emit LockRequested: {e}");
                }
                None
            }
            Some((first, since)) if since.elapsed() >= ANSWER => Some(first),
            Some(_) => None,
        }
    };
    if let Some(reason) = overdue {
        let _ = lock_now(app, reason);
    }
}

/// Starts the idle watcher (and, on Linux, the OS signal listener).
pub fn start(app: &AppHandle) {
    let watcher = app.clone();
    std::thread::Builder::new()
        .name("tovholder-idle".into())
        .spawn(move || {
            loop {
                std::thread::sleep(TICK);
                let shell = watcher.state::<Shell>();
                let (idle, pending) = match shell.lock_state.lock() {
                    Ok(s) => (lock::is_idle(s.last_use, Utc::now(), s.settings), s.pending.map(|p| p.0)),
                    Err(_) => continue,
                };
                if let Some(reason) = pending {
                    request(&watcher, reason);
                } else if idle {
                    request(&watcher, LockReason::Idle);
                }
            }
        })
        .map(drop)
        .unwrap_or_else(|_| log::warn!("the idle watcher could not start"));
    #[cfg(target_os = "linux")]
    linux::start(app);
}

/// Linux: the session's screensaver (`org.freedesktop.ScreenSaver` and `org.gnome.ScreenSaver`
/// `ActiveChanged(true)`) on the session bus, and logind's `PrepareForSleep(true)` on the system
/// bus, each heard on a thread of its own (zbus's blocking API).
#[cfg(target_os = "linux")]
mod linux {
    use super::request;
    use tauri::AppHandle;
    use tovholder_core::lock::LockReason;

    fn listen(app: AppHandle, system: bool, rule: zbus::MatchRule<'static>, reason: LockReason) {
        let name = if system { "tovholder-logind" } else { "tovholder-screensaver" };
        let spawned = std::thread::Builder::new().name(name.into()).spawn(move || {
            let conn =
                if system { zbus::blocking::Connection::system() } else { zbus::blocking::Connection::session() };
            let Ok(conn) = conn else { return };
            let Ok(messages) = zbus::blocking::MessageIterator::for_match_rule(rule, &conn, Some(16)) else { return };
            for message in messages.flatten() {
                if message.body().deserialize::<bool>().unwrap_or(false) {
                    request(&app, reason);
                }
            }
        });
        if spawned.is_err() {
            log::warn!("the {name} listener could not start");
        }
    }

    fn signal(interface: &'static str, member: &'static str) -> Option<zbus::MatchRule<'static>> {
        zbus::MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface(interface)
            .ok()?
            .member(member)
            .ok()
            .map(|b| b.build())
    }

    pub fn start(app: &AppHandle) {
        for interface in ["org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"] {
            if let Some(rule) = signal(interface, "ActiveChanged") {
                listen(app.clone(), false, rule, LockReason::SessionLocked);
            }
        }
        if let Some(rule) = signal("org.freedesktop.login1.Manager", "PrepareForSleep") {
            listen(app.clone(), true, rule, LockReason::Suspend);
        }
    }
}
