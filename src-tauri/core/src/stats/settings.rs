//! Statistik's setting (table `stats_settings`): the threshold of small-cell protection, 3–10,
//! the default (5) until saved. Every change is recorded in the audit log.

use super::{THRESHOLD_DEFAULT, check_threshold};
use crate::audit::AuditEvent;
use crate::error::Result;
use crate::op::Reader;
use crate::store::Store;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct StatsSettings {
    /// Counts under this are hidden (3–10).
    pub threshold: u64,
}

impl Default for StatsSettings {
    fn default() -> Self {
        StatsSettings { threshold: THRESHOLD_DEFAULT }
    }
}

pub(crate) fn settings_in(db: &Reader<'_>) -> Result<StatsSettings> {
    let row: Option<i64> =
        db.conn().query_row("SELECT threshold FROM stats_settings WHERE id = 1", [], |r| r.get(0)).optional()?;
    Ok(row.map_or_else(StatsSettings::default, |t| StatsSettings { threshold: t.max(0) as u64 }))
}

/// The setting (the default until saved). Not logged: no personal data.
pub fn settings(store: &Store) -> Result<StatsSettings> {
    store.read_unlogged(settings_in)
}

/// Saves the threshold (3–10, `invalid_input` on `suppress` otherwise); audited.
pub fn save_settings(store: &Store, s: StatsSettings) -> Result<StatsSettings> {
    let threshold = check_threshold(s.threshold)?;
    store.write(|op| {
        op.conn().execute(
            "INSERT INTO stats_settings (id, threshold, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET threshold = ?1, updated_at = ?2",
            params![threshold as i64, op.stamp()],
        )?;
        op.audit(AuditEvent::StatsSettingsChanged { threshold });
        Ok(StatsSettings { threshold })
    })
}
