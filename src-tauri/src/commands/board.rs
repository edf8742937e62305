//! The board: cards by stage, moves (with undo), the "til møde" flag, board settings.

use crate::api::DataKind;
use crate::{CmdResult, Shell};
use tauri::AppHandle;
use tovholder_core::board::{self, Board, BoardSettings, BoardView};
use tovholder_core::cases::{self, CaseDetail, Outcome, Stage};

/// The board for the coordinator's home infohus, with the saved lane, filter and limits, and as
/// many cards per column as the view asks for.
#[tauri::command]
#[specta::specta]
pub async fn board(shell: tauri::State<'_, Shell>, view: BoardView) -> CmdResult<Board> {
    shell.read(|s| board::view(s, &view))
}

/// Saves the board's lane, filter, WIP limits and stale days.
#[tauri::command]
#[specta::specta]
pub async fn save_board_settings(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    settings: BoardSettings,
) -> CmdResult<BoardSettings> {
    shell.write(&app, DataKind::Settings, |s| board::save_settings(s, settings))
}

/// Moves a case to another stage by the stage rules (an outcome to close, a reason to reopen).
#[tauri::command]
#[specta::specta]
pub async fn move_case(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    reference: String,
    stage: Stage,
    reason: Option<String>,
    outcome: Option<Outcome>,
) -> CmdResult<CaseDetail> {
    shell.write(&app, DataKind::Cases, |s| cases::transition(s, &reference, stage, reason.as_deref(), outcome))
}

/// Undoes the case's latest stage move.
#[tauri::command]
#[specta::specta]
pub async fn undo_move(app: AppHandle, shell: tauri::State<'_, Shell>, reference: String) -> CmdResult<CaseDetail> {
    shell.write(&app, DataKind::Cases, |s| cases::undo_move(s, &reference))
}

/// Flags a case for the next meeting ("til møde"), or removes the flag.
#[tauri::command]
#[specta::specta]
pub async fn set_meeting_flag(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    reference: String,
    on: bool,
) -> CmdResult<CaseDetail> {
    shell.write(&app, DataKind::Cases, |s| cases::set_meeting_flag(s, &reference, on))
}
