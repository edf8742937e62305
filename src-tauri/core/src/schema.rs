//! Schema migrations (rusqlite_migration; the version is kept in `PRAGMA user_version`).
//! Append new steps; never edit a released one.

use rusqlite_migration::{M, Migrations};
use std::sync::LazyLock;

const STEPS: &[&str] =
    &[include_str!("../migrations/0001_foundation.sql"), include_str!("../migrations/0002_case_register.sql")];

pub(crate) static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect()));

/// The schema version this build writes: one per step.
pub(crate) fn latest_version() -> u32 {
    STEPS.len() as u32
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::MIGRATIONS.validate().unwrap();
    }
}
