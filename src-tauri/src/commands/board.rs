//! The board: cards by stage, moves (with undo), the "til møde" flag, board settings.

use crate::CmdResult;
use tauri::AppHandle;
use tovholder_core::board::{self, Board, BoardSettings, BoardView};
use tovholder_core::cases::{self, CaseDetail, Outcome, Stage};

/// The board for the coordinator's home infohus, with the saved lane, filter and limits, and as
/// many cards per column as the view asks for.
#[tauri::command]
#[specta::specta]
pub async fn board(app: AppHandle, view: BoardView) -> CmdResult<Board> {
    crate::on_store(&app, move |s| board::view(s, &view)).await
}

/// Saves the board's lane, filter, WIP limits and stale days.
#[tauri::command]
#[specta::specta]
pub async fn save_board_settings(app: AppHandle, settings: BoardSettings) -> CmdResult<BoardSettings> {
    crate::on_store(&app, move |s| board::save_settings(s, settings)).await
}

/// Moves a case to another stage by the stage rules (an outcome to close, a reason to reopen).
#[tauri::command]
#[specta::specta]
pub async fn move_case(
    app: AppHandle,
    reference: String,
    stage: Stage,
    reason: Option<String>,
    outcome: Option<Outcome>,
) -> CmdResult<CaseDetail> {
    crate::on_store(&app, move |s| cases::transition(s, &reference, stage, reason.as_deref(), outcome)).await
}

/// Undoes the case's latest stage move.
#[tauri::command]
#[specta::specta]
pub async fn undo_move(app: AppHandle, reference: String) -> CmdResult<CaseDetail> {
    crate::on_store(&app, move |s| cases::undo_move(s, &reference)).await
}

/// Flags a case for the next meeting ("til møde"), or removes the flag.
#[tauri::command]
#[specta::specta]
pub async fn set_meeting_flag(app: AppHandle, reference: String, on: bool) -> CmdResult<CaseDetail> {
    crate::on_store(&app, move |s| cases::set_meeting_flag(s, &reference, on)).await
}
