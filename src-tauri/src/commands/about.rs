//! »Om Tovholder«: the version, the commit and the day of the build (`tovholder_core::build_info`),
//! Tovholder's own licence, and the third-party licences of every crate and npm package in the
//! build. Those two lists are generated at every UI build (`ui/build/licences.ts`: cargo-about and
//! rollup-plugin-license) into `ui/dist/licences/`, which the app embeds with the rest of the UI;
//! this command reads them from the embedded assets (the window's CSP allows no `fetch`).

use crate::{CmdResult, blocking};
use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tovholder_core::{Error, build_info};

/// One third-party package (a crate or an npm package) and its licence.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct ThirdPartyPackage {
    pub name: String,
    pub version: String,
    /// The SPDX expression the package declares (»MIT OR Apache-2.0«).
    pub license: String,
    /// Its licence text: an index into [`ThirdPartyList::texts`] (shared texts are kept once).
    pub text: u32,
}

/// The packages of one ecosystem, sorted by name, and their licence texts.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct ThirdPartyList {
    pub packages: Vec<ThirdPartyPackage>,
    pub texts: Vec<String>,
}

/// What »Om Tovholder« shows.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AboutInfo {
    pub version: String,
    /// The commit built (12 hex digits), or »ukendt«.
    pub commit: String,
    /// The day of the build, YYYY-MM-DD.
    pub build_date: String,
    /// Tovholder's own licence: EUPL-1.2.
    pub license: String,
    pub rust: ThirdPartyList,
    pub npm: ThirdPartyList,
}

/// Reads one of the generated licence lists from the embedded UI.
fn embedded_list(app: &AppHandle, name: &str) -> tovholder_core::Result<ThirdPartyList> {
    let asset = app
        .asset_resolver()
        .get(format!("licences/{name}.json"))
        .ok_or(Error::Internal("the licence list is missing from the build"))?;
    serde_json::from_slice(&asset.bytes).map_err(|_| Error::Internal("the licence list in the build is unreadable"))
}

/// The build and the licences, for »Om Tovholder«. Needs no open store.
#[tauri::command]
#[specta::specta]
pub async fn about(app: AppHandle) -> CmdResult<AboutInfo> {
    blocking(&app, |_, app| {
        Ok(AboutInfo {
            version: build_info::VERSION.into(),
            commit: build_info::COMMIT.into(),
            build_date: build_info::BUILD_DATE.into(),
            license: build_info::LICENSE.into(),
            rust: embedded_list(app, "rust")?,
            npm: embedded_list(app, "npm")?,
        })
    })
    .await
}
