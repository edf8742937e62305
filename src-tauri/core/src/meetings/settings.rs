//! The meetings' settings (table `meeting_settings`): how long minutes are kept, and how far back
//! the agenda proposal counts a case as new at the first meeting.

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

/// Days back a case counts as new for the agenda of an infohus's first meeting (no earlier meeting
/// to count from), and the range the setting allows.
pub const NEW_CASE_DAYS: i32 = 30;
pub const NEW_CASE_DAYS_MIN: i32 = 1;
pub const NEW_CASE_DAYS_MAX: i32 = 365;

fn new_case_days() -> i32 {
    NEW_CASE_DAYS
}

/// The meetings' settings (table `meeting_settings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct MeetingSettings {
    /// Years after the meeting its minutes are kept: their deletion date, printed in the minutes.
    pub keep_years: i32,
    /// At the first meeting (no earlier one), a case received in the last this many days is
    /// proposed as new.
    #[serde(default = "new_case_days")]
    pub new_case_days: i32,
}

pub(super) fn settings_in(db: &Reader<'_>) -> Result<MeetingSettings> {
    let (keep_years, new_case_days) = db
        .conn()
        .query_row("SELECT keep_years, new_case_days FROM meeting_settings WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .unwrap_or((KEEP_YEARS, NEW_CASE_DAYS));
    Ok(MeetingSettings { keep_years, new_case_days })
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
    if !(NEW_CASE_DAYS_MIN..=NEW_CASE_DAYS_MAX).contains(&s.new_case_days) {
        return Err(Error::invalid(
            "new_case_days",
            format!("skal være mellem {NEW_CASE_DAYS_MIN} og {NEW_CASE_DAYS_MAX} dage"),
        ));
    }
    store.write(|op| {
        op.conn().execute(
            "INSERT INTO meeting_settings (id, keep_years, new_case_days, updated_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET keep_years = ?1, new_case_days = ?2, updated_at = ?3",
            params![s.keep_years, s.new_case_days, op.stamp()],
        )?;
        op.audit(AuditEvent::MeetingSettingsChanged);
        Ok(s)
    })
}
