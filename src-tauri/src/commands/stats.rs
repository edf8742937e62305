//! Statistik: a period's figures for the screen, and saving the report.

use crate::CmdResult;
use tauri::AppHandle;
use tovholder_core::dates::Day;
use tovholder_core::error::Error;
use tovholder_core::stats::{self, Period, Statistics};

/// A period from the two date fields ("2026-11-25" or "25.11.2026"), checked.
fn period(from: &str, to: &str) -> Result<Period, Error> {
    let day = |field: &'static str, s: &str| Day::parse(s).ok_or(Error::invalid(field, "skriv en dato som 25.11.2026"));
    Period::new(day("from", from)?, day("to", to)?)
}

/// The figures of a period for the screen: every count, also the hidden ones, each with its
/// protection at `threshold` (3–10) — internal use only, the view marks them so.
#[tauri::command]
#[specta::specta]
pub async fn statistics(app: AppHandle, from: String, to: String, threshold: u32) -> CmdResult<Statistics> {
    let period = period(&from, &to)?;
    crate::on_store(&app, move |s| stats::figures(s, period, u64::from(threshold))).await
}

/// »Gem rapport«: the report's PDF where the coordinator chooses in the native save dialog
/// ("Statistik 2026-01-01–2026-12-31.pdf"), its CSV files in a folder beside it; recorded in the
/// audit. Returns the PDF's name, or nothing when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_statistics(
    window: tauri::WebviewWindow,
    app: AppHandle,
    from: String,
    to: String,
    threshold: u32,
) -> CmdResult<Option<String>> {
    let period = period(&from, &to)?;
    stats::check_threshold(u64::from(threshold))?;
    let name = format!("{}.pdf", stats::file_stem(period));
    let Some(path) = crate::commands::minutes::choose_pdf_path(&window, "Gem statistikken", &name).await? else {
        return Ok(None);
    };
    let saved = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(name);
    crate::on_store(&app, move |s| stats::save(s, period, u64::from(threshold), &path).map(|_| ())).await?;
    Ok(Some(saved))
}

/// Statistik's setting: the threshold of small-cell protection (5 until saved).
#[tauri::command]
#[specta::specta]
pub async fn stats_settings(app: AppHandle) -> CmdResult<stats::StatsSettings> {
    crate::on_store(&app, stats::settings).await
}

/// Saves the threshold (3–10); it applies to the screen, the report and the CLI from now on.
#[tauri::command]
#[specta::specta]
pub async fn save_stats_settings(app: AppHandle, settings: stats::StatsSettings) -> CmdResult<stats::StatsSettings> {
    crate::on_store(&app, move |s| stats::save_settings(s, settings)).await
}
