//! The access report's settings (table `access_report_settings`): whether the log of lookups and
//! the other entries name the staff member, or only the organisation and role (the default).

use crate::audit::AuditEvent;
use crate::error::Result;
use crate::op::{Op, Reader};
use crate::store::Store;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// The access report's settings (table `access_report_settings`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct AccessReportSettings {
    /// Name the staff member who looked up or changed the case (off: organisation and role only).
    pub staff_names: bool,
}

pub(crate) fn settings_in(db: &Reader<'_>) -> Result<AccessReportSettings> {
    let staff_names = db
        .conn()
        .query_row("SELECT staff_names FROM access_report_settings WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    Ok(AccessReportSettings { staff_names })
}

/// The access report's settings (the defaults until they are saved).
pub fn settings(store: &Store) -> Result<AccessReportSettings> {
    store.read(|r| settings_in(r))
}

/// Saves the access report's settings; they apply to reports made from now on.
pub fn save_settings(store: &Store, s: AccessReportSettings) -> Result<AccessReportSettings> {
    store.write(|op| save_in(op, s))
}

/// Saves the settings inside a larger operation (a report made with a new setting).
pub fn save_in(op: &mut Op<'_>, s: AccessReportSettings) -> Result<AccessReportSettings> {
    op.conn().execute(
        "INSERT INTO access_report_settings (id, staff_names, updated_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET staff_names = ?1, updated_at = ?2",
        params![s.staff_names, op.stamp()],
    )?;
    op.audit(AuditEvent::AccessReportSettingsChanged);
    Ok(s)
}
