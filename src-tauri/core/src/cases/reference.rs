//! Case references: DISTRICT-YEAR-SEQUENCE (`ØJP-2026-0042`), from a per-district, per-year
//! sequence (table `case_sequence`) that is never reused, even after a case is purged.

use crate::error::Result;
use crate::op::Op;
use rusqlite::params;

/// The next reference for a district and year, in the operation's transaction.
pub fn next(op: &Op<'_>, district_code: &str, year: i32) -> Result<String> {
    let seq: i64 = op
        .conn()
        .prepare_cached(
            "INSERT INTO case_sequence (district_code, year, last) VALUES (?1, ?2, 1)
             ON CONFLICT (district_code, year) DO UPDATE SET last = last + 1
             RETURNING last",
        )?
        .query_row(params![district_code, year], |r| r.get(0))?;
    Ok(format!("{district_code}-{year}-{seq:04}"))
}
