//! Locking (#17): by hand (Ctrl+L, »Lås«), when the window is asked to (idle, the OS locks or
//! sleeps), and opening again from the lock screen; the idle time setting.

use crate::api::{OsAuthKind, UnlockMethods};
use crate::{CmdResult, blocking, os_auth};
use std::sync::atomic::Ordering;
use tauri::AppHandle;
use tovholder_core::drafts::{self, DraftKind};
use tovholder_core::lock::{self, LockReason, LockSettings, UnlockMethod};
use tovholder_core::pin;
use tovholder_core::profile::Profile;
use tovholder_core::store::Store;

/// Locks now: records why, closes the store (its key is dropped) and emits `Locked`.
#[tauri::command]
#[specta::specta]
pub async fn lock_store(app: AppHandle, reason: LockReason) -> CmdResult<()> {
    blocking(&app, move |_, app| crate::locking::lock_now(app, reason)).await
}

/// The window is in use (keys, pointer): the idle clock starts again. Called at most every few
/// seconds.
#[tauri::command]
#[specta::specta]
pub async fn note_activity(shell: tauri::State<'_, crate::Shell>) -> CmdResult<()> {
    if let Ok(mut state) = shell.lock_state.lock() {
        state.last_use = chrono::Utc::now();
    }
    Ok(())
}

/// What opens the store from the lock screen: the OS's check (unless it said it has none here),
/// and the PIN when one is set.
#[tauri::command]
#[specta::specta]
pub async fn unlock_methods(app: AppHandle) -> CmdResult<UnlockMethods> {
    blocking(&app, |shell, _| {
        let os_offered = !shell.os_auth_unavailable.load(Ordering::Relaxed);
        Ok(UnlockMethods { pin: pin::is_set(&shell.data_dir)?, os: os_offered.then(OsAuthKind::here) })
    })
    .await
}

/// Opens the store again from the lock screen and records it: with a PIN, after the PIN; without,
/// after the OS's check of the user (Windows Hello, Touch ID, the desktop's password prompt), or,
/// where the OS offers none and no PIN is set, with the keychain's key alone.
#[tauri::command]
#[specta::specta]
pub async fn unlock_store(app: AppHandle, pin: Option<String>) -> CmdResult<Profile> {
    blocking(&app, move |shell, app| {
        let pin_set = pin::is_set(&shell.data_dir)?;
        let opened = shell.lock()?.as_ref().map(Store::profile);
        if let Some(profile) = opened {
            return Ok(profile?);
        }
        let how = match pin {
            Some(pin) if pin_set => {
                pin::check(&shell.data_dir, &pin, chrono::Utc::now())?;
                UnlockMethod::Pin
            }
            // Asked outside the store's lock: the prompt may stay open for minutes.
            _ => os_auth::gate(&shell.os_auth_unavailable, pin_set)?,
        };
        shell.with_slot(app, |slot| {
            if let Some(store) = slot.as_ref() {
                return Ok(store.profile()?);
            }
            let store = Store::open(&shell.data_dir, &shell.keychain)?;
            lock::record_unlock(&store, how)?;
            let profile = store.profile()?;
            shell.opened(app, &store);
            *slot = Some(store);
            Ok(profile)
        })
    })
    .await
}

/// When the app locks itself.
#[tauri::command]
#[specta::specta]
pub async fn lock_settings(app: AppHandle) -> CmdResult<LockSettings> {
    crate::on_store(&app, lock::settings).await
}

/// Saves when the app locks itself (1–60 minutes without use).
#[tauri::command]
#[specta::specta]
pub async fn save_lock_settings(app: AppHandle, settings: LockSettings) -> CmdResult<LockSettings> {
    blocking(&app, move |shell, app| {
        let saved = shell.with_store(app, |s| Ok(lock::save_settings(s, settings)?))?;
        if let Ok(mut state) = shell.lock_state.lock() {
            state.settings = saved;
        }
        Ok(saved)
    })
    .await
}

/// Keeps what was being typed in a form (JSON) in the store before locking.
#[tauri::command]
#[specta::specta]
pub async fn save_draft(app: AppHandle, kind: DraftKind, body: String) -> CmdResult<()> {
    crate::on_store(&app, move |s| drafts::save(s, kind, &body)).await
}

/// Takes a kept form back after unlocking (and deletes it from the store); none when there is none.
#[tauri::command]
#[specta::specta]
pub async fn take_draft(app: AppHandle, kind: DraftKind) -> CmdResult<Option<String>> {
    crate::on_store(&app, move |s| drafts::take(s, kind)).await
}

/// Sets (or replaces) the PIN that opens the store too (and guards it where the OS offers no check
/// of the user), or removes it (`None`).
#[tauri::command]
#[specta::specta]
pub async fn set_pin(app: AppHandle, pin: Option<String>) -> CmdResult<()> {
    crate::on_store(&app, move |s| lock::set_pin(s, pin.as_deref())).await
}
