//! The intake form: municipality routing and saving a concern.

use crate::CmdResult;
use tauri::AppHandle;
use tovholder_core::cases::{self, IntakeReceipt};
use tovholder_core::intake::IntakeReport;
use tovholder_core::routing::{self, Route};

/// Up to 8 municipalities whose (Danish-folded) name starts with, then contains, the text.
#[tauri::command]
#[specta::specta]
pub async fn complete_municipality(prefix: String) -> CmdResult<Vec<Route>> {
    Ok(routing::complete(&prefix, 8))
}

/// The municipality and police district for a typed name; fails (field "municipality") if unknown.
#[tauri::command]
#[specta::specta]
pub async fn route_municipality(name: String) -> CmdResult<Route> {
    Ok(routing::route(&name)?)
}

/// Saves a concern report as a new case.
#[tauri::command]
#[specta::specta]
pub async fn submit_intake(app: AppHandle, report: IntakeReport) -> CmdResult<IntakeReceipt> {
    crate::on_store(&app, move |s| cases::intake(s, report)).await
}
