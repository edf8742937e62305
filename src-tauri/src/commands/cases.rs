//! The case register: list, detail, notes, changes, forwarding and search.

use crate::api::DataKind;
use crate::{CmdResult, Shell};
use tauri::AppHandle;
use tovholder_core::cases::{self, CaseDetail, CaseEdit, CaseFilter, CasePage, Note, SearchHit};

/// One page of cases, filtered and sorted.
#[tauri::command]
#[specta::specta]
pub async fn list_cases(shell: tauri::State<'_, Shell>, filter: CaseFilter) -> CmdResult<CasePage> {
    shell.read(|s| cases::list(s, &filter))
}

/// One case with notes and history (the read is audit-logged).
#[tauri::command]
#[specta::specta]
pub async fn get_case(shell: tauri::State<'_, Shell>, reference: String) -> CmdResult<CaseDetail> {
    shell.read(|s| cases::get(s, &reference))
}

/// Adds a note to a case.
#[tauri::command]
#[specta::specta]
pub async fn add_case_note(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    reference: String,
    body: String,
) -> CmdResult<Note> {
    shell.write(&app, DataKind::Cases, |s| cases::add_note(s, &reference, &body))
}

/// Changes only the fields present in `edit`; closing needs an outcome.
#[tauri::command]
#[specta::specta]
pub async fn update_case(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    reference: String,
    edit: CaseEdit,
) -> CmdResult<CaseDetail> {
    shell.write(&app, DataKind::Cases, |s| cases::update(s, &reference, edit))
}

/// Forwards a case to another police district's infohus.
#[tauri::command]
#[specta::specta]
pub async fn forward_case(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    reference: String,
    to_district: String,
    reason: String,
) -> CmdResult<CaseDetail> {
    shell.write(&app, DataKind::Cases, |s| cases::forward(s, &reference, &to_district, &reason))
}

/// Undoes the case's latest forwarding (the toast's "Fortryd" after »Videresend«).
#[tauri::command]
#[specta::specta]
pub async fn undo_forward(app: AppHandle, shell: tauri::State<'_, Shell>, reference: String) -> CmdResult<CaseDetail> {
    shell.write(&app, DataKind::Cases, |s| cases::undo_forward(s, &reference))
}

/// The 50 best matches (Danish-aware, over cases and notes).
#[tauri::command]
#[specta::specta]
pub async fn search_cases(shell: tauri::State<'_, Shell>, query: String) -> CmdResult<Vec<SearchHit>> {
    shell.read(|s| cases::search(s, &query, 50))
}
