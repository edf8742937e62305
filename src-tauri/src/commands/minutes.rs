//! The minutes leave the app: saved through the native save dialog, opened in the default PDF
//! viewer, or handed to the default mail program as an unsent e-mail ("Klar til e-mail").
//!
//! The dialog and opener plugins are called from here, in Rust, only: the window's capability
//! grants no plugin permission, so the UI cannot open dialogs or files itself. The files and
//! their neutral names come from the core (`meetings::minutes_file`, `minutes_file_name`).
//!
//! Test seams for the end-to-end tests (WebDriver cannot drive the native dialogs or see the
//! programs that open files), honoured in debug builds only — the e2e tests drive the debug
//! build; a release build always shows the dialog and opens the file:
//! - `TOVHOLDER_SAVE_DIR=DIR`: `save_minutes` shows no dialog and saves into DIR under the
//!   default file name (replacing a file of that name, as after the dialog's question);
//! - `TOVHOLDER_NO_OPEN=1`: `open_minutes` and `email_minutes` write their file into the private
//!   export folder but open nothing;
//! - `TOVHOLDER_OPEN_FILE=FILE`: the open dialog (»Modtag sag«, »Indlæs kvittering«, a key file)
//!   shows nothing and answers FILE.

use crate::{CmdResult, blocking, on_store};
use std::path::PathBuf;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;
use tovholder_core::Error;
use tovholder_core::meetings::{self, MinutesFormat};

/// `TOVHOLDER_SAVE_DIR` (debug builds): save there without the dialog.
fn save_dir_seam() -> Option<PathBuf> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var_os("TOVHOLDER_SAVE_DIR").filter(|d| !d.is_empty()).map(PathBuf::from)
}

/// `TOVHOLDER_NO_OPEN=1` (debug builds): write the file, open nothing.
fn no_open_seam() -> bool {
    cfg!(debug_assertions) && std::env::var_os("TOVHOLDER_NO_OPEN").is_some_and(|v| v == "1")
}

/// Saves the minutes' PDF (a draft's with "UDKAST") where the coordinator chooses in the native
/// save dialog, which suggests the neutral file name ("Referat møde 23-2026.pdf") and asks
/// before replacing a file. Returns the saved file's name, or nothing when the dialog was
/// cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_minutes(window: tauri::WebviewWindow, app: AppHandle, id: i64) -> CmdResult<Option<String>> {
    let meeting = on_store(&app, move |s| meetings::get(s, id)).await?;
    let name = meetings::minutes_file_name(&meeting, MinutesFormat::Pdf.extension());
    let Some(path) = choose_pdf_path(&window, "Gem referatet", &name).await? else {
        return Ok(None);
    };
    let saved = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(name);
    on_store(&app, move |s| meetings::save_minutes(s, id, &path)).await?;
    Ok(Some(saved))
}

/// Where to save a PDF: the native save dialog (titled `title`, suggesting `name`, starting in
/// Documents, else the home folder; it asks before replacing), or `TOVHOLDER_SAVE_DIR` in debug
/// builds. None when the dialog was cancelled. Also used by the access report
/// (`commands::cases::save_access_report`): the dialog plugin is called from this file only.
pub(crate) async fn choose_pdf_path(
    window: &tauri::WebviewWindow,
    title: &str,
    name: &str,
) -> CmdResult<Option<PathBuf>> {
    choose_save_path(window, title, name, ("PDF-dokument", &["pdf"])).await
}

/// Where to save a file of the kind `filter` (its Danish name and extensions): as
/// [`choose_pdf_path`].
pub(crate) async fn choose_save_path(
    window: &tauri::WebviewWindow,
    title: &str,
    name: &str,
    filter: (&str, &[&str]),
) -> CmdResult<Option<PathBuf>> {
    if let Some(dir) = save_dir_seam() {
        return Ok(Some(dir.join(name)));
    }
    // The non-blocking dialog: its answer arrives on a channel this command awaits, so
    // neither the main thread nor a runtime thread waits for the coordinator.
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut dialog =
        window.dialog().file().set_parent(window).set_title(title).set_file_name(name).add_filter(filter.0, filter.1);
    // Documents, else the home folder (not the program's working directory).
    let paths = window.path();
    let start = paths.document_dir().ok().filter(|d| d.is_dir()).or_else(|| paths.home_dir().ok());
    if let Some(start) = start {
        dialog = dialog.set_directory(start);
    }
    dialog.save_file(move |chosen| {
        let _ = tx.send(chosen);
    });
    let Some(chosen) = rx.await.map_err(|_| Error::Internal("the save dialog answers"))? else {
        return Ok(None);
    };
    Ok(Some(chosen.into_path().map_err(|_| Error::invalid("path", "vælg en fil på computeren"))?))
}

/// Which file to read (a sealed case, a receipt, a key file): the native open dialog (titled
/// `title`, showing files of the kind `filter`, starting in Downloads, else the home folder), or
/// `TOVHOLDER_OPEN_FILE` in debug builds. None when the dialog was cancelled.
pub(crate) async fn choose_open_path(
    window: &tauri::WebviewWindow,
    title: &str,
    filter: (&str, &[&str]),
) -> CmdResult<Option<PathBuf>> {
    if cfg!(debug_assertions)
        && let Some(file) = std::env::var_os("TOVHOLDER_OPEN_FILE").filter(|f| !f.is_empty())
    {
        return Ok(Some(PathBuf::from(file)));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut dialog = window.dialog().file().set_parent(window).set_title(title).add_filter(filter.0, filter.1);
    let paths = window.path();
    let start = paths.download_dir().ok().filter(|d| d.is_dir()).or_else(|| paths.home_dir().ok());
    if let Some(start) = start {
        dialog = dialog.set_directory(start);
    }
    dialog.pick_file(move |chosen| {
        let _ = tx.send(chosen);
    });
    let Some(chosen) = rx.await.map_err(|_| Error::Internal("the open dialog answers"))? else {
        return Ok(None);
    };
    Ok(Some(chosen.into_path().map_err(|_| Error::invalid("file", "vælg en fil på computeren"))?))
}

/// Opens the minutes in the default PDF viewer: a draft as its "UDKAST" preview, finalized
/// minutes as their stored PDF. The file is written into the app's private export folder
/// (owner-only, emptied at each start).
#[tauri::command]
#[specta::specta]
pub async fn open_minutes(app: AppHandle, id: i64) -> CmdResult<()> {
    let path = blocking(&app, move |shell, app| shell.private_copy(app, id, MinutesFormat::Pdf)).await?;
    open(&app, path, "PDF-filer")
}

/// "Klar til e-mail": opens an unsent e-mail in the default mail program, addressed to the
/// meeting's participants, with the finalized minutes attached (a draft meeting is refused).
/// The `.eml` file is written into the app's private export folder.
#[tauri::command]
#[specta::specta]
pub async fn email_minutes(app: AppHandle, id: i64) -> CmdResult<()> {
    let path = blocking(&app, move |shell, app| shell.private_copy(app, id, MinutesFormat::Email)).await?;
    open(&app, path, "e-mails")
}

/// Opens a file with its default program (unless `TOVHOLDER_NO_OPEN`); `what` names the kind
/// of file in the Danish error ("PDF-filer").
fn open(app: &AppHandle, path: PathBuf, what: &'static str) -> CmdResult<()> {
    if no_open_seam() {
        return Ok(());
    }
    app.opener().open_path(path.to_string_lossy(), None::<&str>).map_err(|_| {
        // Not the opener's error: it may name the file's path (the user's home directory).
        log::warn!("no program opened an exported file");
        Error::NoProgram(what)
    })?;
    Ok(())
}
