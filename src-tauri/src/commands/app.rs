//! Start, first-run setup and unlocking.

use crate::api::{AppState, SetupResult};
use crate::{CmdResult, Shell, blocking, os_auth};
use tauri::AppHandle;
use tovholder_core::district::{self, PoliceDistrict};
use tovholder_core::profile::Profile;
use tovholder_core::store::{Store, StoreState};

/// Where the app stands: setup, recovery, or ready (opening the store if its key is in the keychain).
#[tauri::command]
#[specta::specta]
pub async fn app_state(app: AppHandle) -> CmdResult<AppState> {
    blocking(&app, |shell, app| {
        shell.with_slot(app, |slot| {
            if let Some(store) = slot.as_ref() {
                return Ok(AppState::Ready { profile: store.profile()? });
            }
            match Store::state(&shell.data_dir, &shell.keychain)? {
                StoreState::NeedsSetup => Ok(AppState::NeedsSetup),
                StoreState::NeedsRecovery => Ok(AppState::NeedsRecovery),
                StoreState::Ready(store) => {
                    // The OS's check of the user first; where the OS offers none, the PIN when one
                    // is set. Otherwise closed again at once, and the lock screen (`unlock_store`).
                    let pin_set = tovholder_core::pin::is_set(&shell.data_dir)?;
                    let how = match os_auth::gate(&shell.os_auth_unavailable, pin_set) {
                        Ok(how) => how,
                        Err(e) => {
                            log::info!("the store stays locked at start ({})", e.code());
                            drop(store);
                            return Ok(AppState::Locked);
                        }
                    };
                    // Opened with the key from the keychain at start: an unlock, recorded.
                    tovholder_core::lock::record_unlock(&store, how)?;
                    let profile = store.profile()?;
                    shell.opened(app, &store);
                    *slot = Some(*store);
                    Ok(AppState::Ready { profile })
                }
            }
        })
    })
    .await
}

/// The twelve police districts' infohuse and Den nationale hotline (`NH`): every home an
/// installation can have and every addressee of a sealed case.
#[tauri::command]
#[specta::specta]
pub async fn police_districts() -> CmdResult<Vec<PoliceDistrict>> {
    Ok(district::homes().to_vec())
}

/// First run: creates the store and the profile; the recovery code is shown once.
#[tauri::command]
#[specta::specta]
pub async fn setup_store(app: AppHandle, profile: Profile) -> CmdResult<SetupResult> {
    blocking(&app, |shell, app| {
        shell.with_slot(app, |slot| {
            let (store, code) = Store::init(&shell.data_dir, &shell.keychain, profile)?;
            let profile = store.profile()?;
            shell.opened(app, &store);
            *slot = Some(store);
            Ok(SetupResult { recovery_code: code.display(), profile })
        })
    })
    .await
}

/// Opens the store with the recovery code and puts the key back in this machine's keychain.
#[tauri::command]
#[specta::specta]
pub async fn unlock_with_recovery_code(app: AppHandle, code: String) -> CmdResult<Profile> {
    blocking(&app, move |shell, app| {
        shell.with_slot(app, |slot| {
            let store = Store::unlock_with_recovery_code(&shell.data_dir, &shell.keychain, &code)?;
            let profile = store.profile()?;
            shell.opened(app, &store);
            *slot = Some(store);
            Ok(profile)
        })
    })
    .await
}

/// The UI reports its first paint of the board; returns the milliseconds since the process
/// started (also printed to stderr, for docs/benchmarks.md).
#[tauri::command]
#[specta::specta]
pub async fn report_first_paint(shell: tauri::State<'_, Shell>) -> CmdResult<u32> {
    let ms = u32::try_from(shell.started.elapsed().as_millis()).unwrap_or(u32::MAX);
    log::info!("first paint of the board after {ms} ms");
    Ok(ms)
}
