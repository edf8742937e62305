//! Infohus meetings: the participants directory, planning a meeting, its agenda proposed from the
//! board, the meeting record (saved as it is written), finalizing.

use crate::CmdResult;
use tauri::AppHandle;
use tovholder_core::meetings::{
    self, DirectoryEntry, DirectoryPerson, FinalizeCheck, Finalized, MeetingRecord, MeetingSettings, MeetingSummary,
    ProposedAgenda,
};

/// The meetings, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_meetings(app: AppHandle) -> CmdResult<Vec<MeetingSummary>> {
    crate::on_store(&app, meetings::list).await
}

/// A meeting as its record, to go on with a draft.
#[tauri::command]
#[specta::specta]
pub async fn meeting_record(app: AppHandle, id: i64) -> CmdResult<MeetingRecord> {
    crate::on_store(&app, move |s| meetings::record(s, id)).await
}

/// Plans a meeting (numbered per infohus and year).
#[tauri::command]
#[specta::specta]
pub async fn create_meeting(app: AppHandle, record: MeetingRecord) -> CmdResult<MeetingSummary> {
    crate::on_store(&app, move |s| meetings::create(s, &record)).await
}

/// Saves a draft meeting's record (participants, agenda, what was recorded).
#[tauri::command]
#[specta::specta]
pub async fn save_meeting(app: AppHandle, id: i64, record: MeetingRecord) -> CmdResult<MeetingSummary> {
    crate::on_store(&app, move |s| meetings::save(s, id, &record)).await
}

/// The agenda proposed from the board for a meeting, each case with why.
#[tauri::command]
#[specta::specta]
pub async fn proposed_agenda(app: AppHandle, id: i64) -> CmdResult<ProposedAgenda> {
    crate::on_store(&app, move |s| meetings::proposed_agenda(s, id)).await
}

/// What finalizing a meeting would do, from what is saved, and what stops it (each at its path).
#[tauri::command]
#[specta::specta]
pub async fn finalize_check(app: AppHandle, id: i64) -> CmdResult<FinalizeCheck> {
    crate::on_store(&app, move |s| meetings::finalize_check(s, id)).await
}

/// Finalizes a meeting: applies it to the cases and stores its minutes (immutable).
#[tauri::command]
#[specta::specta]
pub async fn finalize_meeting(app: AppHandle, id: i64) -> CmdResult<Finalized> {
    crate::on_store(&app, move |s| meetings::finalize(s, id)).await
}

/// The participants directory; retired people only when asked for.
#[tauri::command]
#[specta::specta]
pub async fn directory(app: AppHandle, include_retired: bool) -> CmdResult<Vec<DirectoryEntry>> {
    crate::on_store(&app, move |s| meetings::directory(s, include_retired)).await
}

/// Adds a person to the participants directory.
#[tauri::command]
#[specta::specta]
pub async fn add_to_directory(app: AppHandle, person: DirectoryPerson) -> CmdResult<DirectoryEntry> {
    crate::on_store(&app, move |s| meetings::add_to_directory(s, &person)).await
}

/// Corrects a person in the participants directory.
#[tauri::command]
#[specta::specta]
pub async fn edit_directory(app: AppHandle, id: i64, person: DirectoryPerson) -> CmdResult<DirectoryEntry> {
    crate::on_store(&app, move |s| meetings::edit_directory(s, id, &person)).await
}

/// Retires a person from the participants directory (earlier meetings keep naming them).
#[tauri::command]
#[specta::specta]
pub async fn retire_from_directory(app: AppHandle, id: i64) -> CmdResult<DirectoryEntry> {
    crate::on_store(&app, move |s| meetings::retire_from_directory(s, id)).await
}

/// Starts a correction of finalized minutes: a new draft "Tillæg N til møde X" with the original's
/// participants, whose minutes reference the original's SHA-256.
#[tauri::command]
#[specta::specta]
pub async fn create_addendum(app: AppHandle, id: i64) -> CmdResult<MeetingSummary> {
    crate::on_store(&app, move |s| meetings::create_addendum(s, id)).await
}

/// The meetings' settings (how long minutes are kept).
#[tauri::command]
#[specta::specta]
pub async fn meeting_settings(app: AppHandle) -> CmdResult<MeetingSettings> {
    crate::on_store(&app, meetings::settings).await
}

/// Saves the meetings' settings; a new keep time applies to meetings planned from now on.
#[tauri::command]
#[specta::specta]
pub async fn save_meeting_settings(app: AppHandle, settings: MeetingSettings) -> CmdResult<MeetingSettings> {
    crate::on_store(&app, move |s| meetings::save_settings(s, settings)).await
}
