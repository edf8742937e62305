//! The PIN in front of the keychain (#17): when set, opening the store — at start and from the
//! lock screen — asks for it first. Kept in `tovholder.pin` beside the key file (owner-only JSON:
//! an Argon2id PHC hash, the failed tries and until when the next try must wait), so the key
//! file's authenticated format and the backups stay as they are, and a restart does not reset the
//! count. Five tries are free; each one after waits 30 s, doubling, at most an hour.
//!
//! What it is: a gate in the app, like a screen lock, against someone at an unlocked laptop or
//! one left logged in. It is not encryption: whoever can run code as the user can read the key
//! from the keychain without the app. The recovery code always opens the store (and clears the
//! count).

use crate::error::{Error, Result};
use crate::files::{present, write_atomically};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const PIN_MIN: usize = 6;
pub const PIN_MAX: usize = 12;
/// Wrong PINs before the waiting starts.
pub const FREE_TRIES: u32 = 5;
const FIRST_WAIT_SECONDS: i64 = 30;
const LONGEST_WAIT_SECONDS: i64 = 3600;
const FILE: &str = "tovholder.pin";
const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PinFile {
    format: u32,
    /// Argon2id in the PHC string format (`$argon2id$v=19$m=…`).
    hash: String,
    failures: u32,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wait_until: Option<String>,
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Argon2id with OWASP's parameters (19 MiB, two passes): a PIN is typed often.
fn argon() -> argon2::Argon2<'static> {
    let params = argon2::Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

fn read(dir: &Path) -> Result<Option<PinFile>> {
    let p = path(dir);
    if !present(&p)? {
        return Ok(None);
    }
    let bytes = crate::files::read_small(&p)?;
    let file: PinFile =
        serde_json::from_slice(&bytes).map_err(|_| Error::Corrupt("the PIN file is not readable".into()))?;
    if file.format != FORMAT || PasswordHash::new(&file.hash).is_err() {
        return Err(Error::Corrupt("the PIN file is not valid".into()));
    }
    Ok(Some(file))
}

fn write(dir: &Path, file: &PinFile) -> Result<()> {
    let json = serde_json::to_vec_pretty(file).map_err(|_| Error::Internal("the PIN file as JSON"))?;
    write_atomically(&path(dir), &json, ".tovholder-pin-")
}

/// Whether a PIN is set for the store in `dir`.
pub fn is_set(dir: &Path) -> Result<bool> {
    Ok(read(dir)?.is_some())
}

/// Checks a new PIN's form: 6–12 digits (spaces around it ignored). Never echoes it.
pub fn check_format(pin: &str) -> Result<()> {
    let pin = pin.trim();
    if !(PIN_MIN..=PIN_MAX).contains(&pin.chars().count()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid("pin", format!("skal være {PIN_MIN}–{PIN_MAX} cifre")));
    }
    Ok(())
}

/// Sets (or replaces) the PIN: 6–12 digits. Never echoes it.
pub fn set(dir: &Path, pin: &str) -> Result<()> {
    check_format(pin)?;
    let pin = pin.trim();
    let salt = SaltString::generate(&mut OsRng);
    let hash =
        argon().hash_password(pin.as_bytes(), &salt).map_err(|_| Error::Internal("hashing the PIN"))?.to_string();
    write(dir, &PinFile { format: FORMAT, hash, failures: 0, wait_until: None })
}

/// Removes the PIN (the store then opens with the keychain alone).
pub fn remove(dir: &Path) -> Result<()> {
    crate::files::remove_if_present(&path(dir))?;
    Ok(())
}

/// How long the next try must wait after `failures` wrong PINs.
fn wait_after(failures: u32) -> Option<TimeDelta> {
    let over = failures.checked_sub(FREE_TRIES)?;
    let seconds = FIRST_WAIT_SECONDS.saturating_mul(1 << over.min(10)).min(LONGEST_WAIT_SECONDS);
    Some(TimeDelta::seconds(seconds))
}

/// Checks a typed PIN at `now` (wall clock). A wrong one is counted (`WrongPin`, with the tries
/// left before waiting); while a wait runs every try is refused at once (`PinWait`), right or not.
/// No PIN set: nothing to check.
pub fn check(dir: &Path, pin: &str, now: DateTime<Utc>) -> Result<()> {
    let Some(mut file) = read(dir)? else { return Ok(()) };
    if let Some(until) = file.wait_until.as_deref().and_then(|t| DateTime::parse_from_rfc3339(t).ok()) {
        let left = until.with_timezone(&Utc).signed_duration_since(now);
        if left > TimeDelta::zero() {
            return Err(Error::PinWait { seconds: left.num_seconds().max(1) as u64 });
        }
    }
    let hash = PasswordHash::new(&file.hash).map_err(|_| Error::Corrupt("the PIN file is not valid".into()))?;
    if argon().verify_password(pin.trim().as_bytes(), &hash).is_ok() {
        if file.failures > 0 || file.wait_until.is_some() {
            file.failures = 0;
            file.wait_until = None;
            write(dir, &file)?;
        }
        return Ok(());
    }
    file.failures = file.failures.saturating_add(1);
    let wait = wait_after(file.failures);
    file.wait_until = wait.map(|w| (now + w).to_rfc3339());
    write(dir, &file)?;
    Err(match wait {
        Some(w) => Error::PinWait { seconds: w.num_seconds() as u64 },
        None => Error::WrongPin { tries_left: FREE_TRIES - file.failures },
    })
}

/// The recovery code was entered: the count starts over.
pub fn clear_failures(dir: &Path) -> Result<()> {
    if let Some(mut file) = read(dir)? {
        file.failures = 0;
        file.wait_until = None;
        write(dir, &file)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FixedClock};

    #[test]
    fn five_tries_then_waits_that_double_and_a_right_pin_starts_over() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let clock = FixedClock::at_rfc3339("2026-12-06T10:00:00Z");
        assert!(!is_set(dir).unwrap());
        check(dir, "000000", clock.now()).unwrap();
        for bad in ["12345", "1234567890123", "12345a", "", "１２３４５６"] {
            let e = set(dir, bad).unwrap_err();
            assert!(matches!(e, Error::Invalid { field: "pin", .. }), "{bad}: {e:?}");
            assert!(bad.len() < 4 || !e.to_string().contains(bad), "echoed: {e}");
        }
        set(dir, "482913").unwrap();
        assert!(is_set(dir).unwrap());
        let text = std::fs::read_to_string(path(dir)).unwrap();
        assert!(text.contains("$argon2id$") && !text.contains("482913"));

        for left in (0..FREE_TRIES).rev() {
            match check(dir, "111111", clock.now()) {
                Err(Error::WrongPin { tries_left }) if left > 0 => assert_eq!(tries_left, left),
                Err(Error::PinWait { seconds: 30 }) if left == 0 => {}
                other => panic!("try with {left} left: {other:?}"),
            }
        }
        // Waiting: even the right PIN is refused until the time has passed (a restart changes nothing).
        clock.advance(TimeDelta::seconds(29));
        assert!(matches!(check(dir, "482913", clock.now()), Err(Error::PinWait { seconds: 1 })));
        clock.advance(TimeDelta::seconds(1));
        assert!(matches!(check(dir, "000000", clock.now()), Err(Error::PinWait { seconds: 60 })), "doubles");
        clock.advance(TimeDelta::seconds(60));
        check(dir, " 482913 ", clock.now()).unwrap();
        assert!(matches!(check(dir, "111111", clock.now()), Err(Error::WrongPin { tries_left: 4 })), "starts over");
        assert_eq!(wait_after(40), Some(TimeDelta::seconds(LONGEST_WAIT_SECONDS)));
        clear_failures(dir).unwrap();
        remove(dir).unwrap();
        assert!(!is_set(dir).unwrap());
    }

    #[test]
    fn an_edited_pin_file_is_refused_not_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        set(tmp.path(), "482913").unwrap();
        std::fs::write(path(tmp.path()), br#"{"format":1,"hash":"x","failures":0}"#).unwrap();
        assert!(matches!(check(tmp.path(), "482913", Utc::now()), Err(Error::Corrupt(_))));
    }
}
