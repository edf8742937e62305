//! The case register: list, detail, notes, changes, forwarding and search.

use crate::CmdResult;
use tauri::AppHandle;
use tovholder_core::cases::{self, CaseDetail, CaseEdit, CaseFilter, CasePage, Note, SearchHit};

/// One page of cases, filtered and sorted.
#[tauri::command]
#[specta::specta]
pub async fn list_cases(app: AppHandle, filter: CaseFilter) -> CmdResult<CasePage> {
    crate::on_store(&app, move |s| cases::list(s, &filter)).await
}

/// One case with notes and history (the read is audit-logged).
#[tauri::command]
#[specta::specta]
pub async fn get_case(app: AppHandle, reference: String) -> CmdResult<CaseDetail> {
    crate::on_store(&app, move |s| cases::get(s, &reference)).await
}

/// Adds a note to a case.
#[tauri::command]
#[specta::specta]
pub async fn add_case_note(app: AppHandle, reference: String, body: String) -> CmdResult<Note> {
    crate::on_store(&app, move |s| cases::add_note(s, &reference, &body)).await
}

/// Changes only the fields present in `edit`; closing needs an outcome.
#[tauri::command]
#[specta::specta]
pub async fn update_case(app: AppHandle, reference: String, edit: CaseEdit) -> CmdResult<CaseDetail> {
    crate::on_store(&app, move |s| cases::update(s, &reference, edit)).await
}

/// Forwards a case to another police district's infohus.
#[tauri::command]
#[specta::specta]
pub async fn forward_case(
    app: AppHandle,
    reference: String,
    to_district: String,
    reason: String,
) -> CmdResult<CaseDetail> {
    crate::on_store(&app, move |s| cases::forward(s, &reference, &to_district, &reason)).await
}

/// Undoes the case's latest forwarding (the toast's "Fortryd" after »Videresend«).
#[tauri::command]
#[specta::specta]
pub async fn undo_forward(app: AppHandle, reference: String) -> CmdResult<CaseDetail> {
    crate::on_store(&app, move |s| cases::undo_forward(s, &reference)).await
}

/// The 50 best matches (Danish-aware, over cases and notes).
#[tauri::command]
#[specta::specta]
pub async fn search_cases(app: AppHandle, query: String) -> CmdResult<Vec<SearchHit>> {
    crate::on_store(&app, move |s| cases::search(s, &query, 50)).await
}

/// Makes the case's access report (indsigt, GDPR art. 15) and saves it where the coordinator
/// chooses in the native save dialog ("Indsigt ØJP-2026-0042.pdf"), with its JSON beside it
/// under the same name; recorded in the audit. Returns the saved PDF's name, or nothing when
/// the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_access_report(
    window: tauri::WebviewWindow,
    app: AppHandle,
    reference: String,
) -> CmdResult<Option<String>> {
    let name = tovholder_core::access_report::file_name(&reference.trim().to_uppercase(), "pdf");
    let Some(path) = crate::commands::minutes::choose_pdf_path(&window, "Gem indsigtsrapporten", &name).await? else {
        return Ok(None);
    };
    let saved = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(name);
    crate::on_store(&app, move |s| tovholder_core::access_report::save(s, &reference, &path)).await?;
    Ok(Some(saved))
}

/// The access report's settings: whether it names staff (off: organisation and role only).
#[tauri::command]
#[specta::specta]
pub async fn access_report_settings(app: AppHandle) -> CmdResult<tovholder_core::access_report::AccessReportSettings> {
    crate::on_store(&app, tovholder_core::access_report::settings).await
}

/// Saves the access report's settings; they apply to reports made from now on.
#[tauri::command]
#[specta::specta]
pub async fn save_access_report_settings(
    app: AppHandle,
    settings: tovholder_core::access_report::AccessReportSettings,
) -> CmdResult<tovholder_core::access_report::AccessReportSettings> {
    crate::on_store(&app, move |s| tovholder_core::access_report::save_settings(s, settings)).await
}
