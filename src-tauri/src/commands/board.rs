//! The board.

use crate::{CmdResult, Shell};
use tovholder_core::board::{self, Board};

/// The board for the coordinator's home infohus.
#[tauri::command]
#[specta::specta]
pub async fn board(shell: tauri::State<'_, Shell>) -> CmdResult<Board> {
    shell.read(board::load)
}
