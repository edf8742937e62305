//! Signed updates (#19 §4; docs/release.md »Opdateringer«), from »Om Tovholder«:
//!
//! - the endpoint is set by the deploying organisation in the app's configuration
//!   (`plugins.updater.endpoints`, given at build time with `tauri build --config`); when it is
//!   empty, updates are off and the dialog says so (a locked-down fleet updates through its own
//!   tools);
//! - an update is installed only when its minisign signature verifies with the public key in
//!   `tauri.conf.json` (`plugins.updater.pubkey`); the updater plugin checks it on download and
//!   again before installing, so a package changed after signing is refused and nothing is
//!   replaced. Only the program is replaced: the data directory (the encrypted store, its key
//!   file, the logs) is never touched.
//! - Debug builds only: `TOVHOLDER_UPDATE_ENDPOINT` and `TOVHOLDER_UPDATE_PUBKEY` replace the
//!   configured endpoint and key (the end-to-end test's local server and its own test key).

use crate::CmdResult;
use serde::Serialize;
use std::sync::Mutex;
use tauri::{AppHandle, Manager};
use tauri_plugin_updater::{Update, UpdaterExt};
use tovholder_core::{CommandError, Error, build_info};

/// The update found by the last check, kept until it is installed or another check replaces it.
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<Update>>);

/// What »Søg efter opdatering« will do, shown before it does anything.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct UpdateSettings {
    /// The address asked for updates; none when updates are off in this installation.
    pub endpoint: Option<String>,
    /// The version running now.
    pub current_version: String,
    /// The signing key's id (minisign, 16 hex digits), as the release documentation names it.
    pub key_id: String,
}

/// An update the endpoint offers.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct FoundUpdate {
    pub version: String,
}

/// The configured endpoint and public key (or the debug seam's).
fn configured(app: &AppHandle) -> (Option<url::Url>, String) {
    let config = app.config().plugins.0.get("updater");
    let mut endpoint = config
        .and_then(|c| c.get("endpoints"))
        .and_then(|e| e.as_array())
        .and_then(|e| e.first())
        .and_then(|e| e.as_str())
        .and_then(|e| url::Url::parse(e).ok());
    let mut pubkey = config.and_then(|c| c.get("pubkey")).and_then(|k| k.as_str()).unwrap_or_default().to_string();
    if cfg!(debug_assertions) {
        if let Some(seam) = std::env::var("TOVHOLDER_UPDATE_ENDPOINT").ok().filter(|e| !e.is_empty()) {
            endpoint = url::Url::parse(&seam).ok();
        }
        if let Some(seam) = std::env::var("TOVHOLDER_UPDATE_PUBKEY").ok().filter(|k| !k.is_empty()) {
            pubkey = seam;
        }
    }
    (endpoint, pubkey)
}

/// The minisign key id from the public key (base64 of »untrusted comment: minisign public key:
/// <ID>\n<key>«).
fn key_id(pubkey: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(pubkey.trim())
        .ok()
        .and_then(|text| String::from_utf8(text).ok())
        .and_then(|text| text.lines().next().and_then(|l| l.rsplit(' ').next()).map(str::to_string))
        .unwrap_or_default()
}

fn failed(code: &str, message: impl Into<String>) -> CommandError {
    CommandError { code: code.into(), message: message.into(), field: None }
}

/// Where updates come from, the version running and the signing key: what the dialog says before
/// the first request. Needs no open store.
#[tauri::command]
#[specta::specta]
pub async fn update_settings(app: AppHandle) -> CmdResult<UpdateSettings> {
    let (endpoint, pubkey) = configured(&app);
    Ok(UpdateSettings {
        endpoint: endpoint.map(|e| e.to_string()),
        current_version: build_info::VERSION.into(),
        key_id: key_id(&pubkey),
    })
}

/// Asks the endpoint whether a newer version exists; none when this is the newest.
#[tauri::command]
#[specta::specta]
pub async fn check_update(app: AppHandle) -> CmdResult<Option<FoundUpdate>> {
    let (Some(endpoint), pubkey) = configured(&app) else {
        return Err(failed("updates_off", "Opdateringer er slået fra i denne installation."));
    };
    let host = endpoint.host_str().unwrap_or_default().to_string();
    // Windows: the installer exits the app; the store is closed first (its writes are committed).
    let handle = app.clone();
    let close_store = move || {
        if let Ok(mut store) = handle.state::<crate::Shell>().store.lock() {
            store.take();
        }
    };
    let updater = app
        .updater_builder()
        .endpoints(vec![endpoint])
        .and_then(|b| b.pubkey(pubkey).timeout(std::time::Duration::from_secs(30)).on_before_exit(close_store).build())
        .map_err(|_| failed("update_unavailable", "Opdateringsadressen kan ikke bruges. Intet er ændret."))?;
    let found = updater.check().await.map_err(|e| {
        log::warn!("update check failed: {}", error_kind(&e));
        failed("update_unavailable", format!("Tovholder fik ikke svar om opdateringer fra {host}. Intet er ændret."))
    })?;
    let offered = found.as_ref().map(|u| FoundUpdate { version: u.version.clone() });
    if let Some(update) = &found {
        log::info!("update: version {} offered", update.version);
    }
    *app.state::<PendingUpdate>().0.lock().map_err(|_| Error::Internal("update lock poisoned"))? = found;
    Ok(offered)
}

/// Downloads the update found by the last check, verifies its signature and installs it. A
/// package whose signature does not verify is refused before anything is written. On Windows the
/// installer then replaces the program and restarts it; elsewhere Tovholder says to restart.
#[tauri::command]
#[specta::specta]
pub async fn install_update(app: AppHandle, version: String) -> CmdResult<()> {
    let update = app
        .state::<PendingUpdate>()
        .0
        .lock()
        .map_err(|_| Error::Internal("update lock poisoned"))?
        .take()
        .filter(|u| u.version == version)
        .ok_or_else(|| failed("update_gone", "Søg efter opdatering igen, før den installeres."))?;
    let bytes = update.download(|_, _| {}, || {}).await.map_err(|e| {
        log::warn!("update download refused: {}", error_kind(&e));
        match e {
            tauri_plugin_updater::Error::Minisign(_)
            | tauri_plugin_updater::Error::Base64(_)
            | tauri_plugin_updater::Error::SignatureUtf8(_) => failed(
                "update_refused",
                "Opdateringen blev afvist: den er ikke underskrevet med Tovholders nøgle, eller den er ændret efter underskriften. Intet er installeret.",
            ),
            _ => failed("update_unavailable", "Opdateringen kunne ikke hentes. Intet er installeret."),
        }
    })?;
    update.install(bytes).map_err(|e| {
        log::warn!("update install failed: {}", error_kind(&e));
        failed("update_failed", "Opdateringen kunne ikke installeres. Tovholder kører videre i den nuværende version.")
    })?;
    log::info!("update: version {version} installed");
    Ok(())
}

/// The kind of an updater error for the log, without its text (which may quote a URL or a path).
fn error_kind(e: &tauri_plugin_updater::Error) -> &'static str {
    use tauri_plugin_updater::Error as E;
    match e {
        E::Minisign(_) | E::Base64(_) | E::SignatureUtf8(_) => "signature",
        E::Reqwest(_) | E::Network(_) => "network",
        E::ReleaseNotFound | E::TargetNotFound(_) | E::TargetsNotFound(_) => "no release",
        E::Serialization(_) | E::Semver(_) => "manifest",
        _ => "other",
    }
}
