//! Retention (Sletning): what is due for deletion soon, and postponing a deletion.

use crate::CmdResult;
use tauri::AppHandle;
use tovholder_core::dates::Day;
use tovholder_core::error::Error;
use tovholder_core::retention::{self, DueCase, RetentionSettings};

/// The cases to be deleted within 30 days, overdue ones included; soonest first.
#[tauri::command]
#[specta::specta]
pub async fn retention_due(app: AppHandle) -> CmdResult<Vec<DueCase>> {
    crate::on_store(&app, move |s| retention::due_within(s, None)).await
}

/// Postpones a case's deletion to `until` ("2026-11-25" or "25.11.2026"), for a reason.
#[tauri::command]
#[specta::specta]
pub async fn extend_retention(app: AppHandle, reference: String, until: String, reason: String) -> CmdResult<DueCase> {
    let until = Day::parse(&until).ok_or(Error::invalid("until", "skriv en dato som 25.11.2026"))?;
    crate::on_store(&app, move |s| retention::extend(s, &reference, until, &reason)).await
}

/// The retention rules (the defaults until saved).
#[tauri::command]
#[specta::specta]
pub async fn retention_settings(app: AppHandle) -> CmdResult<RetentionSettings> {
    crate::on_store(&app, retention::settings).await
}

/// Saves the retention rules; they apply to every closed and forwarded case from the next pass.
#[tauri::command]
#[specta::specta]
pub async fn save_retention_settings(app: AppHandle, settings: RetentionSettings) -> CmdResult<RetentionSettings> {
    crate::on_store(&app, move |s| retention::save_settings(s, settings)).await
}
