//! The sealed hand-over (#18): this installation's key, the directory of other installations,
//! sending a case as a sealed file, receiving one (preview, then accept) and its receipt.
//!
//! Files are chosen in the native dialogs (`commands::minutes`' dialog helpers; the UI never
//! sees a path). A received file waits here between its preview and »Modtag« ([`PENDING`]): the
//! encrypted bytes only, dropped when taken, cancelled or replaced.

use crate::commands::minutes::{choose_open_path, choose_save_path};
use crate::{CmdResult, on_store};
use std::sync::Mutex;
use tauri::AppHandle;
use tovholder_core::error::Error;
use tovholder_core::handover::{self, Confirmed, HandoverPreview, Received, SendOptions, Waiting};
use tovholder_core::identity::{self, IdentityInfo};
use tovholder_core::peers::{self, Peer, PeerAdded};

/// A sealed file read for preview, waiting for »Modtag sagen« (encrypted, as read).
static PENDING: Mutex<Option<Vec<u8>>> = Mutex::new(None);

const SEALED: (&str, &[&str]) = ("Forseglet sag fra Tovholder", &["tovholder"]);
const KEY_FILE: (&str, &[&str]) = ("Nøgle fra Tovholder", &["txt"]);
/// A key file is one line; anything much larger is not one.
const KEY_FILE_MAX: u64 = 64 * 1024;

/// A sealed file chosen in the open dialog (titled `title`), read off the async runtime; nothing
/// when the dialog was cancelled.
async fn read_chosen(window: &tauri::WebviewWindow, title: &str) -> CmdResult<Option<Vec<u8>>> {
    let Some(path) = choose_open_path(window, title, SEALED).await? else {
        return Ok(None);
    };
    let bytes = tauri::async_runtime::spawn_blocking(move || handover::read_file(&path))
        .await
        .map_err(|_| Error::Internal("reading a sealed file"))??;
    Ok(Some(bytes))
}

fn pending() -> CmdResult<std::sync::MutexGuard<'static, Option<Vec<u8>>>> {
    Ok(PENDING.lock().map_err(|_| Error::Internal("the pending hand-over's lock"))?)
}

/// This installation's public key (»Min nøgle«): the line to give others, and its fingerprint.
#[tauri::command]
#[specta::specta]
pub async fn identity_info(app: AppHandle) -> CmdResult<IdentityInfo> {
    on_store(&app, identity::info).await
}

/// Saves »Min nøgle« as a small text file (to send to another infohus); its name, or nothing
/// when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_identity_file(window: tauri::WebviewWindow, app: AppHandle) -> CmdResult<Option<String>> {
    let info = on_store(&app, identity::info).await?;
    let name = "Tovholder-nøgle.txt";
    let Some(path) = choose_save_path(&window, "Gem min nøgle", name, KEY_FILE).await? else {
        return Ok(None);
    };
    let saved = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(name.into());
    let text = format!("{}\n", info.line);
    on_store(&app, move |_| handover::save_text(&path, &text)).await?;
    Ok(Some(saved))
}

/// Reads a key file another installation sent (its text, for the paste field); nothing when the
/// dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn read_identity_file(window: tauri::WebviewWindow) -> CmdResult<Option<String>> {
    let Some(path) = choose_open_path(&window, "Vælg nøglefilen", KEY_FILE).await? else {
        return Ok(None);
    };
    let text = tauri::async_runtime::spawn_blocking(move || handover::read_text(&path, KEY_FILE_MAX))
        .await
        .map_err(|_| Error::Internal("reading a key file"))??;
    Ok(Some(text))
}

/// The directory of other installations, with each one's safety number.
#[tauri::command]
#[specta::specta]
pub async fn peers_list(app: AppHandle) -> CmdResult<Vec<Peer>> {
    on_store(&app, peers::list).await
}

/// What adding a key did, and the installation as it is now.
#[derive(serde::Serialize, specta::Type)]
pub struct PeerSaved {
    pub peer: Peer,
    pub added: PeerAdded,
}

/// Adds an installation from its pasted line (or updates it; a changed key must be verified again).
#[tauri::command]
#[specta::specta]
pub async fn add_peer(app: AppHandle, line: String, name: String, infohus: String) -> CmdResult<PeerSaved> {
    on_store(&app, move |s| peers::add(s, &line, &name, &infohus, false).map(|(peer, added)| PeerSaved { peer, added }))
        .await
}

/// Marks an installation verified: the safety number was read aloud and matched.
#[tauri::command]
#[specta::specta]
pub async fn verify_peer(app: AppHandle, id: i64) -> CmdResult<Peer> {
    on_store(&app, move |s| peers::verify(s, id)).await
}

/// »Til afsendelse«: the active cases that belong to another infohus, not sent yet.
#[tauri::command]
#[specta::specta]
pub async fn handover_waiting(app: AppHandle) -> CmdResult<Vec<Waiting>> {
    on_store(&app, handover::waiting).await
}

/// Where a case can be sent (infohuse with verified keys, the routed one first).
#[tauri::command]
#[specta::specta]
pub async fn handover_options(app: AppHandle, reference: String) -> CmdResult<SendOptions> {
    on_store(&app, move |s| handover::send_options(s, &reference)).await
}

/// »Send til Infohus …«: seals the case, saves the file where the coordinator chooses
/// (`ØJP-2026-0042.tovholder`) and forwards the case; the saved file's name, or nothing when the
/// dialog was cancelled (then nothing changed).
#[tauri::command]
#[specta::specta]
pub async fn send_handover(
    window: tauri::WebviewWindow,
    app: AppHandle,
    reference: String,
    to: String,
    with_contact: bool,
    reason: Option<String>,
) -> CmdResult<Option<String>> {
    let reference = reference.trim().to_uppercase();
    let name = format!("{reference}.{}", handover::EXTENSION);
    let Some(path) = choose_save_path(&window, "Gem den forseglede sag", &name, SEALED).await? else {
        return Ok(None);
    };
    let saved = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(name);
    on_store(&app, move |s| handover::send_to_chosen(s, &reference, &to, with_contact, reason.as_deref(), &path))
        .await?;
    Ok(Some(saved))
}

/// »Modtag sag«: the open dialog, then the file checked (signature against the directory first)
/// and shown; nothing is stored until [`accept_handover`]. Nothing when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn open_handover(window: tauri::WebviewWindow, app: AppHandle) -> CmdResult<Option<HandoverPreview>> {
    *pending()? = None;
    let Some(bytes) = read_chosen(&window, "Modtag sag").await? else {
        return Ok(None);
    };
    let copy = bytes.clone();
    let preview = on_store(&app, move |s| handover::preview(s, &copy)).await?;
    *pending()? = Some(bytes);
    Ok(Some(preview))
}

/// Takes the previewed case into the store; then the receipt is to be saved ([`save_receipt`]).
#[tauri::command]
#[specta::specta]
pub async fn accept_handover(app: AppHandle) -> CmdResult<Received> {
    let bytes = pending()?.take().ok_or(Error::invalid("file", "vælg filen igen"))?;
    on_store(&app, move |s| handover::import(s, &bytes)).await
}

/// Forgets a previewed file that was not taken.
#[tauri::command]
#[specta::specta]
pub async fn cancel_handover() -> CmdResult<()> {
    *pending()? = None;
    Ok(())
}

/// Saves the receipt for a case received here (right after receiving it, or again later); the
/// saved file's name, or nothing when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_receipt(
    window: tauri::WebviewWindow,
    app: AppHandle,
    reference: String,
) -> CmdResult<Option<String>> {
    let lookup = reference.clone();
    let (receipt, _) = on_store(&app, move |s| handover::receipt(s, &lookup)).await?;
    let Some(path) = choose_save_path(&window, "Gem kvitteringen", &receipt.file_name, SEALED).await? else {
        return Ok(None);
    };
    let saved = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(receipt.file_name.clone());
    on_store(&app, move |_| handover::save_chosen(&path, &receipt)).await?;
    Ok(Some(saved))
}

/// »Indlæs kvittering«: the receiver's receipt for a case sent from here; nothing when the
/// dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_receipt(window: tauri::WebviewWindow, app: AppHandle) -> CmdResult<Option<Confirmed>> {
    let Some(bytes) = read_chosen(&window, "Indlæs kvittering").await? else {
        return Ok(None);
    };
    Ok(Some(on_store(&app, move |s| handover::confirm(s, &bytes)).await?))
}
