//! The Tauri shell: window, state and thin commands that validate input and call the core.

mod api;

use api::{AppState, SetupResult};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::Manager;
use tovholder_core::board::{self, Board};
use tovholder_core::cases::{self, CaseDetail, CaseEdit, CaseFilter, CasePage, IntakeReceipt, Note, SearchHit};
use tovholder_core::district::{self, PoliceDistrict};
use tovholder_core::intake::IntakeReport;
use tovholder_core::profile::Profile;
use tovholder_core::routing::{self, Route};
use tovholder_core::store::{self, Store, StoreState};
use tovholder_core::{CommandError, Error, Keychain};

type CmdResult<T> = Result<T, CommandError>;

/// The app's state: where the data lives, the keychain, and the open store (once unlocked).
struct Shell {
    data_dir: PathBuf,
    keychain: Keychain,
    store: Mutex<Option<Store>>,
}

impl Shell {
    fn with_store<T>(&self, f: impl FnOnce(&Store) -> tovholder_core::Result<T>) -> CmdResult<T> {
        let guard = self.store.lock().map_err(|_| CommandError::from(Error::Internal("state lock poisoned")))?;
        let store = guard.as_ref().ok_or_else(|| CommandError::from(Error::NotInitialized))?;
        Ok(f(store)?)
    }

    fn set_store(&self, store: Store) -> CmdResult<()> {
        *self.store.lock().map_err(|_| CommandError::from(Error::Internal("state lock poisoned")))? = Some(store);
        Ok(())
    }
}

#[tauri::command]
fn app_state(shell: tauri::State<'_, Shell>) -> CmdResult<AppState> {
    if let Ok(profile) = shell.with_store(Store::profile) {
        return Ok(AppState::Ready { profile });
    }
    match Store::state(&shell.data_dir, &shell.keychain)? {
        StoreState::NeedsSetup => Ok(AppState::NeedsSetup),
        StoreState::NeedsRecovery => Ok(AppState::NeedsRecovery),
        StoreState::Ready(store) => {
            let profile = store.profile()?;
            shell.set_store(*store)?;
            Ok(AppState::Ready { profile })
        }
    }
}

#[tauri::command]
fn police_districts() -> Vec<PoliceDistrict> {
    district::all().to_vec()
}

#[tauri::command]
fn setup_store(shell: tauri::State<'_, Shell>, profile: Profile) -> CmdResult<SetupResult> {
    let (store, code) = Store::init(&shell.data_dir, &shell.keychain, profile)?;
    let profile = store.profile()?;
    shell.set_store(store)?;
    Ok(SetupResult { recovery_code: code.display(), profile })
}

#[tauri::command]
fn unlock_with_recovery_code(shell: tauri::State<'_, Shell>, code: String) -> CmdResult<Profile> {
    let store = Store::unlock_with_recovery_code(&shell.data_dir, &shell.keychain, &code)?;
    let profile = store.profile()?;
    shell.set_store(store)?;
    Ok(profile)
}

#[tauri::command]
fn complete_municipality(prefix: String) -> Vec<Route> {
    routing::complete(&prefix, 8)
}

#[tauri::command]
fn route_municipality(name: String) -> CmdResult<Route> {
    Ok(routing::route(&name)?)
}

#[tauri::command]
fn submit_intake(shell: tauri::State<'_, Shell>, report: IntakeReport) -> CmdResult<IntakeReceipt> {
    shell.with_store(|s| cases::intake(s, report))
}

#[tauri::command]
fn list_cases(shell: tauri::State<'_, Shell>, filter: CaseFilter) -> CmdResult<CasePage> {
    shell.with_store(|s| cases::list(s, &filter))
}

#[tauri::command]
fn get_case(shell: tauri::State<'_, Shell>, reference: String) -> CmdResult<CaseDetail> {
    shell.with_store(|s| cases::get(s, &reference))
}

#[tauri::command]
fn add_case_note(shell: tauri::State<'_, Shell>, reference: String, body: String) -> CmdResult<Note> {
    shell.with_store(|s| cases::add_note(s, &reference, &body))
}

#[tauri::command]
fn update_case(shell: tauri::State<'_, Shell>, reference: String, edit: CaseEdit) -> CmdResult<CaseDetail> {
    shell.with_store(|s| cases::update(s, &reference, edit))
}

#[tauri::command]
fn forward_case(
    shell: tauri::State<'_, Shell>,
    reference: String,
    to_district: String,
    reason: String,
) -> CmdResult<CaseDetail> {
    shell.with_store(|s| cases::forward(s, &reference, &to_district, &reason))
}

#[tauri::command]
fn search_cases(shell: tauri::State<'_, Shell>, query: String) -> CmdResult<Vec<SearchHit>> {
    shell.with_store(|s| cases::search(s, &query, 50))
}

#[tauri::command]
fn board(shell: tauri::State<'_, Shell>) -> CmdResult<Board> {
    shell.with_store(board::load)
}

pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let data_dir = store::resolve_data_dir(None)?;
            app.manage(Shell { data_dir, keychain: Keychain::from_env(), store: Mutex::new(None) });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            app_state,
            police_districts,
            setup_store,
            unlock_with_recovery_code,
            board,
            complete_municipality,
            route_municipality,
            submit_intake,
            list_cases,
            get_case,
            add_case_note,
            update_case,
            forward_case,
            search_cases,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Tovholder");
}
