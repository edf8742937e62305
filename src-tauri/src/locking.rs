//! When the app locks itself (#17): the idle watcher and the OS's lock and sleep signals.
//!
//! The rule is the core's (`tovholder_core::lock::is_idle`, on wall-clock time, so time asleep
//! counts). A watcher thread re-checks it every few seconds — after a resume its first tick sees
//! the whole night — and asks the window to lock (`LockRequested`: the window saves what is being
//! typed, then calls `lock_store`). A window that does not answer within [`ANSWER`] is locked
//! from here. The OS's signals, one small module each: Linux over D-Bus ([`linux`]), Windows from
//! the window's messages ([`win`]), macOS from its notification centres ([`macos`]). The
//! Windows and macOS modules are compiled only on those platforms (ci.yml and release.yml).

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

/// Starts the idle watcher and the listener for the OS's lock and sleep signals.
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
    #[cfg(windows)]
    win::start(app);
    #[cfg(target_os = "macos")]
    macos::start(app);
}

/// Asks from a thread of its own: the OS's callbacks run on the main thread, which must not wait
/// for the store's lock (an unlock's prompt may hold it).
#[cfg(any(windows, target_os = "macos"))]
fn request_soon(app: &AppHandle, reason: LockReason) {
    let app = app.clone();
    if std::thread::Builder::new().name("tovholder-os-lock".into()).spawn(move || request(&app, reason)).is_err() {
        log::warn!("the lock request could not start");
    }
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

/// Windows: the session's lock (`WM_WTSSESSION_CHANGE` with `WTS_SESSION_LOCK`, after
/// `WTSRegisterSessionNotification`) and suspend (`WM_POWERBROADCAST` with `PBT_APMSUSPEND`), heard
/// by subclassing the main window (its messages go through [`win::on_message`] first).
#[cfg(windows)]
mod win {
    use super::request_soon;
    use tauri::{AppHandle, Manager};
    use tovholder_core::lock::LockReason;
    use windows::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
    use windows::Win32::System::RemoteDesktop::{NOTIFY_FOR_THIS_SESSION, WTSRegisterSessionNotification};
    use windows::Win32::UI::Shell::{DefSubclassProc, SetWindowSubclass};
    use windows::Win32::UI::WindowsAndMessaging::{
        PBT_APMSUSPEND, WM_POWERBROADCAST, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK,
    };

    /// This subclass's id on the window ("tovh").
    const SUBCLASS: usize = 0x746f_7668;

    /// The window's messages, before its own procedure; `data` is the app's handle (from `start`).
    unsafe extern "system" fn on_message(
        hwnd: HWND,
        msg: u32,
        wparam: WPARAM,
        lparam: LPARAM,
        _subclass: usize,
        data: usize,
    ) -> LRESULT {
        let reason = match (msg, wparam.0 as u32) {
            (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK) => Some(LockReason::SessionLocked),
            (WM_POWERBROADCAST, PBT_APMSUSPEND) => Some(LockReason::Suspend),
            _ => None,
        };
        if let Some(reason) = reason {
            // SAFETY: `data` is the handle leaked in `start`, alive as long as the process.
            let app = unsafe { &*(data as *const AppHandle) };
            request_soon(app, reason);
        }
        // SAFETY: the arguments are the message as received.
        unsafe { DefSubclassProc(hwnd, msg, wparam, lparam) }
    }

    /// Called in `setup`, on the main thread, which owns the window.
    pub fn start(app: &AppHandle) {
        let Some(hwnd) = app.get_webview_window("main").and_then(|w| w.hwnd().ok()) else {
            log::warn!("no main window: the session's lock and suspend are not heard");
            return;
        };
        let data = Box::into_raw(Box::new(app.clone())) as usize;
        // SAFETY: the window is alive and owned by this thread; `on_message` matches SUBCLASSPROC.
        unsafe {
            if !SetWindowSubclass(hwnd, Some(on_message), SUBCLASS, data).as_bool() {
                log::warn!("the window could not be subclassed: the session's lock and suspend are not heard");
                return;
            }
            if WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION).is_err() {
                log::warn!("the session's lock is not heard (WTSRegisterSessionNotification)");
            }
        }
    }
}

/// macOS: the screen's lock (the distributed notification `com.apple.screenIsLocked`) and sleep
/// (`NSWorkspaceWillSleepNotification` on the workspace's notification centre).
#[cfg(target_os = "macos")]
mod macos {
    use super::request_soon;
    use block2::RcBlock;
    use objc2_app_kit::{NSWorkspace, NSWorkspaceWillSleepNotification};
    use objc2_foundation::{NSDistributedNotificationCenter, NSNotification, NSNotificationCenter, NSString};
    use std::ptr::NonNull;
    use tauri::AppHandle;
    use tovholder_core::lock::LockReason;

    /// Observes `name` on `center` for the app's life (the observer is never removed).
    fn observe(center: &NSNotificationCenter, name: &NSString, app: &AppHandle, reason: LockReason) {
        let app = app.clone();
        let block = RcBlock::new(move |_: NonNull<NSNotification>| request_soon(&app, reason));
        // SAFETY: no object filter, no queue (delivered on the posting thread); the block is
        // 'static and only starts a thread.
        let observer = unsafe { center.addObserverForName_object_queue_usingBlock(Some(name), None, None, &block) };
        std::mem::forget(observer);
    }

    pub fn start(app: &AppHandle) {
        let distributed = NSDistributedNotificationCenter::defaultCenter();
        observe(&distributed, &NSString::from_str("com.apple.screenIsLocked"), app, LockReason::SessionLocked);
        let workspace = NSWorkspace::sharedWorkspace().notificationCenter();
        // SAFETY: an AppKit constant, set before any code runs.
        let will_sleep = unsafe { NSWorkspaceWillSleepNotification };
        observe(&workspace, will_sleep, app, LockReason::Suspend);
    }
}
