//! Safe screen mode (#17 §2): for a meeting on a projector or a shared screen.
//!
//! While it is on, the window shows no names, pseudonyms (unless they are initials, see
//! [`shows_as_initials`]), caller details, descriptions, notes or free-text meeting records: it
//! renders a placeholder in their place, so the values are not in the page at all. The mode is
//! kept in the store (table `screen_settings`) and so survives view changes and restarts until it
//! is turned off; opening a meeting turns it on when `meetings_safe` is set.
//!
//! `content_protection` asks the OS to keep the window out of screenshots and screen sharing
//! (Windows and macOS; Linux has no such protection). On by default; the shell applies it at
//! start and whenever it is saved. Every change is recorded in the audit log.

use crate::audit::AuditEvent;
use crate::error::Result;
use crate::op::Reader;
use crate::store::Store;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// The safe screen settings (table `screen_settings`; the defaults until saved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct ScreenSettings {
    /// Safe screen mode is on: names, descriptions and notes are hidden.
    pub safe: bool,
    /// Opening a meeting turns safe screen mode on.
    pub meetings_safe: bool,
    /// The window is kept out of screenshots and screen sharing (Windows, macOS).
    pub content_protection: bool,
}

impl Default for ScreenSettings {
    fn default() -> Self {
        ScreenSettings { safe: false, meetings_safe: false, content_protection: true }
    }
}

/// How many letters a pseudonym may have and still be shown as initials in safe screen mode.
pub const INITIALS_LETTERS_MAX: usize = 4;
/// How many capitals may stand together without separators ("JPH").
pub const INITIALS_LETTERS_ALONE_MAX: usize = 3;
/// What may stand between the letters of initials ("A.B.", "A B", "J.-P.").
pub const INITIALS_SEPARATORS: &[char] = &['.', ' ', '-'];

/// Whether a pseudonym is initials, which safe screen mode may show: 1 to
/// [`INITIALS_LETTERS_MAX`] capital letters, each followed by a separator (`.`, space, `-`) or
/// the end, and nothing else — except up to 3 capitals on their own ("AB", "JPH"). "A.B.", "J.-P.
/// H." and "MK" are initials; "Ali", "ALI K" (two capitals in a row beside a separator),
/// "Ukendt dreng" and "A1" are not, so they are hidden. Shared with the UI through
/// `ui/src/lib/generated/rules.ts` and `test-vectors/text.json`.
pub fn shows_as_initials(pseudonym: &str) -> bool {
    let s = pseudonym.trim();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 || letters > INITIALS_LETTERS_MAX {
        return false;
    }
    if !s.chars().all(|c| (c.is_alphabetic() && c.is_uppercase()) || INITIALS_SEPARATORS.contains(&c)) {
        return false;
    }
    let has_separator = s.chars().any(|c| INITIALS_SEPARATORS.contains(&c));
    if !has_separator {
        return letters <= INITIALS_LETTERS_ALONE_MAX;
    }
    // With separators: no two letters in a row.
    let chars: Vec<char> = s.chars().collect();
    !chars.windows(2).any(|w| w[0].is_alphabetic() && w[1].is_alphabetic())
}

fn flag(v: i64) -> bool {
    v != 0
}

pub(crate) fn settings_in(db: &Reader<'_>) -> Result<ScreenSettings> {
    let row: Option<(i64, i64, i64)> = db
        .conn()
        .query_row("SELECT safe, meetings_safe, content_protection FROM screen_settings WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(row.map_or_else(ScreenSettings::default, |(safe, meetings, protection)| ScreenSettings {
        safe: flag(safe),
        meetings_safe: flag(meetings),
        content_protection: flag(protection),
    }))
}

/// The safe screen settings (the defaults until they are saved). Not logged: no personal data.
pub fn settings(store: &Store) -> Result<ScreenSettings> {
    store.read_unlogged(settings_in)
}

/// Saves the safe screen settings; recorded in the audit log (with whether the mode is on).
pub fn save_settings(store: &Store, s: ScreenSettings) -> Result<ScreenSettings> {
    store.write(|op| {
        op.conn().execute(
            "INSERT INTO screen_settings (id, safe, meetings_safe, content_protection, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET safe = ?1, meetings_safe = ?2, content_protection = ?3, updated_at = ?4",
            params![s.safe, s.meetings_safe, s.content_protection, op.stamp()],
        )?;
        op.audit(AuditEvent::ScreenSettingsChanged { safe: s.safe });
        Ok(s)
    })
}

/// The initials the minutes, the agenda proposal and the meeting's views print for a pseudonym:
/// the pseudonym itself when it already is initials ([`shows_as_initials`]: "A.H.", "MK"), else
/// the first letter of each word, capitalised, each followed by a full stop ("Ida" → "I.",
/// "Lars Ole" → "L.O.", "Anne-Marie K" → "A.M.K."), at most [`INITIALS_LETTERS_MAX`] letters.
/// A pseudonym without letters gives "?". One rule: every printed pseudonym goes through it.
pub fn initials(pseudonym: &str) -> String {
    let s = pseudonym.trim();
    if shows_as_initials(s) {
        return s.to_string();
    }
    let out: String = s
        .split(|c: char| c.is_whitespace() || INITIALS_SEPARATORS.contains(&c))
        .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
        .take(INITIALS_LETTERS_MAX)
        .flat_map(|c| c.to_uppercase().chain(std::iter::once('.')))
        .collect();
    if out.is_empty() { "?".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_are_derived_from_a_pseudonym_and_kept_when_they_are_initials() {
        for (pseudonym, want) in [
            ("Ida", "I."),
            ("Lars Ole", "L.O."),
            ("A.H.", "A.H."),
            ("MK", "MK"),
            (" ida ", "I."),
            ("Anne-Marie K", "A.M.K."),
            ("Ukendt dreng", "U.D."),
            ("Ælle Østergård", "Æ.Ø."),
            ("a b c d e f", "A.B.C.D."),
            ("123", "?"),
        ] {
            assert_eq!(initials(pseudonym), want, "{pseudonym:?}");
            assert!(want == "?" || shows_as_initials(&initials(pseudonym)), "{pseudonym:?}");
        }
    }

    #[test]
    fn initials_are_shown_and_names_are_not() {
        for yes in ["A.B.", "A. B.", "J.-P. H.", "MK", "JPH", "Æ.Ø.", "A", "A.B.C.D.", " A.B. "] {
            assert!(shows_as_initials(yes), "{yes:?}");
        }
        for no in
            ["", "  ", "Ali", "ALI K", "Bo", "a.b.", "A.B.C.D.E.", "ABCD", "Ukendt dreng", "A1", "A_B", "Ole", "A.b."]
        {
            assert!(!shows_as_initials(no), "{no:?}");
        }
    }
}
