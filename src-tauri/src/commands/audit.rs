//! The audit log's views: a page of entries (the case panel's Log, the Revisionslog) and the
//! chain's check.

use crate::CmdResult;
use tauri::AppHandle;
use tovholder_core::audit::{self, LogCheck, LogPage, LogQuery};

/// A page of the audit log, newest first (about one case, or filtered by day, action and user).
#[tauri::command]
#[specta::specta]
pub async fn audit_log(app: AppHandle, query: LogQuery) -> CmdResult<LogPage> {
    crate::on_store(&app, move |s| audit::log_page(s, &query)).await
}

/// Checks that the audit log is whole: no entry changed, removed, moved or added.
#[tauri::command]
#[specta::specta]
pub async fn check_audit_log(app: AppHandle) -> CmdResult<LogCheck> {
    crate::on_store(&app, audit::check).await
}
