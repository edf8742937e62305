//! Locking (#17): when the app closes the store by itself, and the rule that decides it.
//!
//! The app locks after a configurable time without use (table `lock_settings`: 1–60 minutes,
//! default 5), when the OS session locks, when the machine suspends, and by hand (Ctrl+L, »Lås«).
//! Locking closes the store (the connection, and the key with it: zeroized when dropped), after
//! recording `store.locked` with why; opening it again records `store.unlocked`.
//!
//! Idle time is measured on the **wall clock** ([`crate::Clock`], UTC time): `Instant` stops while
//! the machine sleeps on Linux and macOS, so a laptop that slept through the night would otherwise
//! come back unlocked. [`is_idle`] is re-checked on a short tick and at once on resume.

use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::op::Reader;
use crate::store::Store;
use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

pub const IDLE_MINUTES: u32 = 5;
pub const IDLE_MINUTES_MIN: u32 = 1;
pub const IDLE_MINUTES_MAX: u32 = 60;

/// When the app locks by itself (table `lock_settings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct LockSettings {
    /// Minutes without use before the app locks.
    pub idle_minutes: u32,
}

impl Default for LockSettings {
    fn default() -> Self {
        LockSettings { idle_minutes: IDLE_MINUTES }
    }
}

crate::keys::key_enum!(
    /// Why the store was locked (recorded in the audit log).
    LockReason {
        Manual = "manual": "Låst af brugeren",
        Idle = "idle": "Låst efter tid uden brug",
        SessionLocked = "session_locked": "Låst, da computeren blev låst",
        Suspend = "suspend": "Låst, da computeren gik i dvale",
    }
);

crate::keys::key_enum!(
    /// How the store was opened again (recorded in the audit log).
    UnlockMethod {
        OsCheck = "os_check": "Efter computerens bekræftelse af brugeren",
        Pin = "pin": "Med PIN-koden",
        Keychain = "keychain": "Med nøgleringen alene (computeren tilbyder ingen bekræftelse, og der er ingen PIN-kode)",
    }
);

pub(crate) fn settings_in(db: &Reader<'_>) -> Result<LockSettings> {
    let idle: Option<u32> =
        db.conn().query_row("SELECT idle_minutes FROM lock_settings WHERE id = 1", [], |r| r.get(0)).optional()?;
    Ok(idle.map_or_else(LockSettings::default, |idle_minutes| LockSettings { idle_minutes }))
}

/// The lock settings (the defaults until they are saved). Not logged: no personal data.
pub fn settings(store: &Store) -> Result<LockSettings> {
    store.read_unlogged(settings_in)
}

/// Saves the lock settings; recorded in the audit log.
pub fn save_settings(store: &Store, s: LockSettings) -> Result<LockSettings> {
    if !(IDLE_MINUTES_MIN..=IDLE_MINUTES_MAX).contains(&s.idle_minutes) {
        return Err(Error::invalid(
            "idle_minutes",
            format!("skal være mellem {IDLE_MINUTES_MIN} og {IDLE_MINUTES_MAX} minutter"),
        ));
    }
    store.write(|op| {
        op.conn().execute(
            "INSERT INTO lock_settings (id, idle_minutes, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET idle_minutes = ?1, updated_at = ?2",
            params![s.idle_minutes, op.stamp()],
        )?;
        op.audit(AuditEvent::LockSettingsChanged);
        Ok(s)
    })
}

/// Whether the app has been idle long enough to lock: `now` and `last_use` are wall-clock times,
/// so time asleep counts. A clock set back (now before the last use) counts as no time passed.
pub fn is_idle(last_use: DateTime<Utc>, now: DateTime<Utc>, settings: LockSettings) -> bool {
    now.signed_duration_since(last_use) >= TimeDelta::minutes(i64::from(settings.idle_minutes))
}

/// Records that the store is being locked and why (in its own write, before it is closed).
pub fn record_lock(store: &Store, reason: LockReason) -> Result<()> {
    store.write(|op| {
        op.audit(AuditEvent::StoreLocked { reason });
        Ok(())
    })
}

/// Sets or removes the PIN in front of the keychain ([`crate::pin`]); recorded in the audit log.
pub fn set_pin(store: &Store, pin: Option<&str>) -> Result<()> {
    match pin {
        Some(pin) => crate::pin::set(store.data_dir(), pin)?,
        None => crate::pin::remove(store.data_dir())?,
    }
    store.write(|op| {
        op.audit(AuditEvent::PinChanged { set: pin.is_some() });
        Ok(())
    })
}

/// Records that the store was opened (at start or from the lock screen), and how.
pub fn record_unlock(store: &Store, how: UnlockMethod) -> Result<()> {
    store.write(|op| {
        op.audit(AuditEvent::StoreUnlocked { how });
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FixedClock};

    #[test]
    fn idle_time_is_wall_clock_time_so_a_night_asleep_counts() {
        let clock = FixedClock::at_rfc3339("2026-12-06T16:55:00Z");
        let s = LockSettings::default();
        let last_use = clock.now();
        clock.advance(TimeDelta::minutes(4) + TimeDelta::seconds(59));
        assert!(!is_idle(last_use, clock.now(), s));
        clock.advance(TimeDelta::seconds(1));
        assert!(is_idle(last_use, clock.now(), s));
        // The lid closed at 17:00, opened at 07:30: what a monotonic clock would not see.
        let clock = FixedClock::at_rfc3339("2026-12-06T17:00:00Z");
        let last_use = clock.now();
        clock.advance(TimeDelta::hours(14) + TimeDelta::minutes(30));
        assert!(is_idle(last_use, clock.now(), LockSettings { idle_minutes: 60 }));
        // A clock set back is not idle time.
        assert!(!is_idle(last_use, last_use - TimeDelta::hours(2), s));
    }
}
