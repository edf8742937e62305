//! Infohus meetings: the participants directory, planning a meeting, its agenda proposed from the
//! board, the meeting record (saved as it is written), finalizing.

use crate::api::DataKind;
use crate::{CmdResult, Shell};
use tauri::AppHandle;
use tovholder_core::meetings::{
    self, DirectoryEntry, DirectoryPerson, Finalized, MeetingRecord, MeetingSettings, MeetingSummary, ProposedAgenda,
};

/// The meetings, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_meetings(shell: tauri::State<'_, Shell>) -> CmdResult<Vec<MeetingSummary>> {
    shell.read(meetings::list)
}

/// A meeting as its record, to go on with a draft.
#[tauri::command]
#[specta::specta]
pub async fn meeting_record(shell: tauri::State<'_, Shell>, id: i64) -> CmdResult<MeetingRecord> {
    shell.read(|s| meetings::record(s, id))
}

/// Plans a meeting (numbered per infohus and year).
#[tauri::command]
#[specta::specta]
pub async fn create_meeting(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    record: MeetingRecord,
) -> CmdResult<MeetingSummary> {
    shell.write(&app, DataKind::Meetings, |s| meetings::create(s, &record))
}

/// Saves a draft meeting's record (participants, agenda, what was recorded).
#[tauri::command]
#[specta::specta]
pub async fn save_meeting(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    id: i64,
    record: MeetingRecord,
) -> CmdResult<MeetingSummary> {
    shell.write(&app, DataKind::Meetings, |s| meetings::save(s, id, &record))
}

/// The agenda proposed from the board for a meeting, each case with why.
#[tauri::command]
#[specta::specta]
pub async fn proposed_agenda(shell: tauri::State<'_, Shell>, id: i64) -> CmdResult<ProposedAgenda> {
    shell.read(|s| meetings::proposed_agenda(s, id))
}

/// Finalizes a meeting: applies it to the cases and stores its minutes (immutable).
#[tauri::command]
#[specta::specta]
pub async fn finalize_meeting(app: AppHandle, shell: tauri::State<'_, Shell>, id: i64) -> CmdResult<Finalized> {
    shell.write(&app, DataKind::Cases, |s| meetings::finalize(s, id))
}

/// The participants directory; retired people only when asked for.
#[tauri::command]
#[specta::specta]
pub async fn directory(shell: tauri::State<'_, Shell>, include_retired: bool) -> CmdResult<Vec<DirectoryEntry>> {
    shell.read(|s| meetings::directory(s, include_retired))
}

/// Adds a person to the participants directory.
#[tauri::command]
#[specta::specta]
pub async fn add_to_directory(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    person: DirectoryPerson,
) -> CmdResult<DirectoryEntry> {
    shell.write(&app, DataKind::Meetings, |s| meetings::add_to_directory(s, &person))
}

/// Corrects a person in the participants directory.
#[tauri::command]
#[specta::specta]
pub async fn edit_directory(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    id: i64,
    person: DirectoryPerson,
) -> CmdResult<DirectoryEntry> {
    shell.write(&app, DataKind::Meetings, |s| meetings::edit_directory(s, id, &person))
}

/// Retires a person from the participants directory (earlier meetings keep naming them).
#[tauri::command]
#[specta::specta]
pub async fn retire_from_directory(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    id: i64,
) -> CmdResult<DirectoryEntry> {
    shell.write(&app, DataKind::Meetings, |s| meetings::retire_from_directory(s, id))
}

/// Starts a correction of finalized minutes: a new draft "Tillæg N til møde X" with the original's
/// participants, whose minutes reference the original's SHA-256.
#[tauri::command]
#[specta::specta]
pub async fn create_addendum(app: AppHandle, shell: tauri::State<'_, Shell>, id: i64) -> CmdResult<MeetingSummary> {
    shell.write(&app, DataKind::Meetings, |s| meetings::create_addendum(s, id))
}

/// The meetings' settings (how long minutes are kept).
#[tauri::command]
#[specta::specta]
pub async fn meeting_settings(shell: tauri::State<'_, Shell>) -> CmdResult<MeetingSettings> {
    shell.read(meetings::settings)
}

/// Saves the meetings' settings; a new keep time applies to meetings planned from now on.
#[tauri::command]
#[specta::specta]
pub async fn save_meeting_settings(
    app: AppHandle,
    shell: tauri::State<'_, Shell>,
    settings: MeetingSettings,
) -> CmdResult<MeetingSettings> {
    shell.write(&app, DataKind::Meetings, |s| meetings::save_settings(s, settings))
}
