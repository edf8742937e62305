//! Schema migrations (rusqlite_migration; the version is kept in `PRAGMA user_version`).
//! Append new steps; never edit a released one. See docs/migrations.md.

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult, M, Migrations};
use std::sync::LazyLock;

/// The schema version this build writes: one per step in `STEPS`. Bump it with every new step.
pub const LATEST_VERSION: u32 = 18;

const STEPS: &[&str] = &[
    include_str!("../migrations/0001_foundation.sql"),
    include_str!("../migrations/0002_case_register.sql"),
    include_str!("../migrations/0003_audit_log_append_only.sql"),
    include_str!("../migrations/0004_board.sql"),
    include_str!("../migrations/0005_demo_cases.sql"),
    include_str!("../migrations/0006_meetings.sql"),
    include_str!("../migrations/0007_meeting_settings.sql"),
    include_str!("../migrations/0008_meeting_distribution.sql"),
    include_str!("../migrations/0009_audit_chain.sql"),
    include_str!("../migrations/0010_audit_shown_references.sql"),
    include_str!("../migrations/0011_lock.sql"),
    include_str!("../migrations/0012_access_report.sql"),
    include_str!("../migrations/0013_retention.sql"),
    include_str!("../migrations/0014_screen_settings.sql"),
    include_str!("../migrations/0015_handover.sql"),
    include_str!("../migrations/0016_meeting_new_case_days.sql"),
    include_str!("../migrations/0017_stats_settings.sql"),
    include_str!("../migrations/0018_meeting_forwarding.sql"),
];

/// The step whose hook chains the audit entries written before the chain existed.
const AUDIT_CHAIN_STEP: usize = 9;

/// Migration 9's hook (in the upgrade's transaction): `audit::chain_existing`.
fn chain_audit_log(tx: &Transaction<'_>) -> HookResult {
    crate::audit::chain_existing(tx).map_err(|e| match e {
        crate::Error::Database(e) => HookError::RusqliteError(e),
        other => HookError::Hook(other.to_string()),
    })
}

/// The released steps. Each one checks foreign keys before the upgrade's transaction commits:
/// migrations run with `foreign_keys` off (see migrate.rs), so a broken reference must fail here.
pub(crate) fn steps() -> Vec<M<'static>> {
    STEPS
        .iter()
        .enumerate()
        .map(|(i, sql)| {
            let step = if i + 1 == AUDIT_CHAIN_STEP { M::up_with_hook(sql, chain_audit_log) } else { M::up(sql) };
            step.foreign_key_check()
        })
        .collect()
}

pub(crate) static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| Migrations::new(steps()));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn the_latest_version_is_the_number_of_steps() {
        assert_eq!(LATEST_VERSION as usize, STEPS.len());
        assert_eq!(LATEST_VERSION as usize, steps().len());
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        MIGRATIONS.to_latest(&mut conn).unwrap();
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, LATEST_VERSION);
    }
}
