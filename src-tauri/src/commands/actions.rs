//! Action items (opgaver): add to a case, mark done or cancelled, list.

use crate::api::DataKind;
use crate::{CmdResult, Shell};
use tauri::AppHandle;
use tovholder_core::actions::{self, ActionFilter, ActionItem, ActionStatus, NewActionItem};

/// Adds an action item to a case.
#[tauri::command]
#[specta::specta]
pub async fn add_action_item(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    reference: String,
    item: NewActionItem,
) -> CmdResult<ActionItem> {
    shell.write(&app, DataKind::Cases, |s| actions::add(s, &reference, &item))
}

/// Marks an open action item done or cancelled.
#[tauri::command]
#[specta::specta]
pub async fn set_action_item_status(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    id: i64,
    status: ActionStatus,
) -> CmdResult<ActionItem> {
    shell.write(&app, DataKind::Cases, |s| actions::set_status(s, id, status))
}

/// Action items, most urgent first.
#[tauri::command]
#[specta::specta]
pub async fn list_action_items(shell: tauri::State<'_, Shell>, filter: ActionFilter) -> CmdResult<Vec<ActionItem>> {
    shell.read(|s| actions::list(s, &filter))
}
