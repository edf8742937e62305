//! Action items (opgaver): add to a case, mark done or cancelled, list.

use crate::CmdResult;
use tauri::AppHandle;
use tovholder_core::actions::{self, ActionFilter, ActionItem, ActionStatus, NewActionItem};

/// Adds an action item to a case.
#[tauri::command]
#[specta::specta]
pub async fn add_action_item(app: AppHandle, reference: String, item: NewActionItem) -> CmdResult<ActionItem> {
    crate::on_store(&app, move |s| actions::add(s, &reference, &item)).await
}

/// Marks an open action item done or cancelled.
#[tauri::command]
#[specta::specta]
pub async fn set_action_item_status(app: AppHandle, id: i64, status: ActionStatus) -> CmdResult<ActionItem> {
    crate::on_store(&app, move |s| actions::set_status(s, id, status)).await
}

/// »Fortryd« after closing an item: open again (the coordinator's own closing, minutes ago).
#[tauri::command]
#[specta::specta]
pub async fn undo_action_item_status(app: AppHandle, id: i64) -> CmdResult<ActionItem> {
    crate::on_store(&app, move |s| actions::undo_status(s, id)).await
}

/// Action items, most urgent first.
#[tauri::command]
#[specta::specta]
pub async fn list_action_items(app: AppHandle, filter: ActionFilter) -> CmdResult<Vec<ActionItem>> {
    crate::on_store(&app, move |s| actions::list(s, &filter)).await
}
