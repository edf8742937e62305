//! Safe screen mode (#17 §2): the mode itself (Ctrl+Shift+S, the rail's »Sikker skærm«), whether
//! opening a meeting turns it on, and the window's content protection.

use crate::{CmdResult, blocking};
use tauri::AppHandle;
use tovholder_core::screen::{self, ScreenSettings};

/// The safe screen settings.
#[tauri::command]
#[specta::specta]
pub async fn screen_settings(app: AppHandle) -> CmdResult<ScreenSettings> {
    crate::on_store(&app, screen::settings).await
}

/// Saves the safe screen settings (audited) and applies the content protection to the window.
#[tauri::command]
#[specta::specta]
pub async fn save_screen_settings(app: AppHandle, settings: ScreenSettings) -> CmdResult<ScreenSettings> {
    blocking(&app, move |shell, app| {
        let saved = shell.with_store(app, |s| Ok(screen::save_settings(s, settings)?))?;
        crate::protect_content(app, saved.content_protection);
        Ok(saved)
    })
    .await
}
