//! The meetings' settings (table `meeting_settings`): how long minutes are kept.

use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::op::Reader;
use crate::store::Store;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// Years the minutes are kept after the meeting (the default deletion date), and the range the
/// setting allows.
pub const KEEP_YEARS: i32 = 5;
pub const KEEP_YEARS_MIN: i32 = 1;
pub const KEEP_YEARS_MAX: i32 = 10;

/// The meetings' settings (table `meeting_settings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct MeetingSettings {
    /// Years after the meeting its minutes are kept: their deletion date, printed in the minutes.
    pub keep_years: i32,
}

pub(super) fn settings_in(db: &Reader<'_>) -> Result<MeetingSettings> {
    let keep_years = db
        .conn()
        .query_row("SELECT keep_years FROM meeting_settings WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or(KEEP_YEARS);
    Ok(MeetingSettings { keep_years })
}

/// The meetings' settings (the defaults until they are saved).
pub fn settings(store: &Store) -> Result<MeetingSettings> {
    store.read(|r| settings_in(r))
}

/// Saves the meetings' settings. A new keep time applies to meetings planned from now on; the
/// deletion date of a meeting already planned stays what its minutes say.
pub fn save_settings(store: &Store, s: MeetingSettings) -> Result<MeetingSettings> {
    if !(KEEP_YEARS_MIN..=KEEP_YEARS_MAX).contains(&s.keep_years) {
        return Err(Error::invalid("keep_years", format!("skal være mellem {KEEP_YEARS_MIN} og {KEEP_YEARS_MAX} år")));
    }
    store.write(|op| {
        op.conn().execute(
            "INSERT INTO meeting_settings (id, keep_years, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET keep_years = ?1, updated_at = ?2",
            params![s.keep_years, op.stamp()],
        )?;
        op.audit(AuditEvent::MeetingSettingsChanged);
        Ok(s)
    })
}
