//! The meeting record: the import format (docs/meeting-import.md) and what the UI saves, its
//! validation, and the import format's field names for error paths.

use crate::actions::{self, Agency, NewActionItem};
use crate::cases::{Outcome, Stage, register};
use crate::dates::Day;
use crate::district;
use crate::error::{Error, Result};
use crate::op::Reader;
use crate::text::{clean_optional, clean_text};
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

pub const TEXT_MAX: usize = 8000;
pub const TITLE_MAX: usize = 200;
pub const PLACE_MAX: usize = 200;

/// New information from one authority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct AuthorityNote {
    pub authority: Agency,
    pub text: String,
}

/// A participant as recorded for a meeting (found in, or added to, the directory).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct ParticipantRecord {
    pub name: String,
    pub organisation: String,
    #[serde(default)]
    #[specta(optional)]
    pub role: Option<String>,
    #[serde(default)]
    #[specta(optional)]
    pub email: Option<String>,
    #[serde(default = "yes")]
    pub present: bool,
}

fn yes() -> bool {
    true
}

/// One agenda item and what the meeting recorded for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ItemRecord {
    Case {
        reference: String,
        /// Why it is on the agenda ("Markeret til møde", …).
        #[serde(default)]
        #[specta(optional)]
        reason: Option<String>,
        #[serde(default)]
        new_information: Vec<AuthorityNote>,
        /// The overall assessment: risks and protective factors.
        #[serde(default)]
        #[specta(optional)]
        assessment: Option<String>,
        /// What the infohus recommends (each authority acts in its own remit).
        #[serde(default)]
        #[specta(optional)]
        recommendation: Option<String>,
        #[serde(default)]
        actions: Vec<NewActionItem>,
        /// The stage the case moves to when the meeting is finalized.
        #[serde(default)]
        #[specta(optional)]
        resulting_stage: Option<Stage>,
        /// Required when the resulting stage is closed.
        #[serde(default)]
        #[specta(optional)]
        outcome: Option<Outcome>,
    },
    Free {
        title: String,
        #[serde(default)]
        #[specta(optional)]
        body: Option<String>,
    },
}

/// A whole meeting record: the import format (docs/meeting-import.md) and what the UI saves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct MeetingRecord {
    /// Police district code or name; the coordinator's home infohus when left out.
    #[serde(default)]
    #[specta(optional)]
    pub district: Option<String>,
    /// RFC 3339, e.g. "2026-11-25T14:00:00+01:00".
    pub held_at: String,
    #[serde(default)]
    #[specta(optional)]
    pub place: Option<String>,
    #[serde(default)]
    #[specta(optional)]
    pub next_meeting_at: Option<String>,
    #[serde(default)]
    pub participants: Vec<ParticipantRecord>,
    #[serde(default)]
    pub items: Vec<ItemRecord>,
}

fn parse_time(field: &'static str, s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::invalid(field, "skal være et gyldigt tidspunkt (RFC 3339)"))
}

/// A validated record: resolved district, times, cases, texts.
pub struct Valid {
    pub(super) district: &'static district::PoliceDistrict,
    pub(super) held_at: DateTime<Utc>,
    pub(super) place: Option<String>,
    pub(super) next_meeting_at: Option<DateTime<Utc>>,
    pub(super) participants: Vec<ParticipantRecord>,
    pub(super) items: Vec<ValidItem>,
}

/// A recorded action item as validated: trimmed texts and a parsed due date.
pub struct ValidAction {
    pub(super) what: String,
    pub(super) agency: Agency,
    pub(super) person: Option<String>,
    pub(super) due: Day,
}

pub enum ValidItem {
    Case {
        case_id: i64,
        reason: Option<String>,
        new_information: Vec<AuthorityNote>,
        assessment: Option<String>,
        recommendation: Option<String>,
        actions: Vec<ValidAction>,
        resulting_stage: Option<Stage>,
        outcome: Option<Outcome>,
    },
    Free {
        title: String,
        body: Option<String>,
    },
}

/// A sub-check's error at its full path in the record: `Invalid` on a field ("due") becomes
/// `Malformed` at "items[3].actions[0].due". Other errors pass unchanged.
pub(super) fn at(prefix: &str, e: Error) -> Error {
    match e {
        Error::Invalid { field, reason } => Error::Malformed { path: format!("{prefix}.{field}"), reason },
        other => other,
    }
}

/// Why a meeting of another infohus is refused.
pub const NOT_HOME_INFOHUS: &str = "møder holdes af dit eget infohus; et andet infohus' møde registreres dér";

pub(super) fn validate(db: &Reader<'_>, home: &str, r: &MeetingRecord, now: DateTime<Utc>) -> Result<Valid> {
    let district = match &r.district {
        Some(d) => district::find(d).ok_or(Error::invalid("district", "ukendt politikreds"))?,
        None => district::by_code(home).ok_or(Error::Internal("the home district is known"))?,
    };
    if district.code != home {
        return Err(Error::invalid("district", NOT_HOME_INFOHUS));
    }
    let held_at = parse_time("held_at", &r.held_at)?;
    let year = held_at.with_timezone(&crate::dates::COPENHAGEN).year();
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("held_at", "året skal ligge mellem 2000 og 2100"));
    }
    let next_meeting_at = r.next_meeting_at.as_deref().map(|t| parse_time("next_meeting_at", t)).transpose()?;
    if next_meeting_at.is_some_and(|n| n <= held_at) {
        return Err(Error::invalid("next_meeting_at", "næste møde skal ligge efter dette"));
    }
    let place = clean_optional("place", &r.place, PLACE_MAX, false)?;
    let mut participants = Vec::new();
    for (i, p) in r.participants.iter().enumerate() {
        let prefix = format!("participants[{i}]");
        let name = clean_text("name", &p.name, 100, false).map_err(|e| at(&prefix, e))?;
        if name.is_empty() {
            return Err(at(&prefix, Error::invalid("name", "skal udfyldes")));
        }
        let organisation = clean_text("organisation", &p.organisation, 120, false).map_err(|e| at(&prefix, e))?;
        if organisation.is_empty() {
            return Err(at(&prefix, Error::invalid("organisation", "skal udfyldes")));
        }
        let email = clean_optional("email", &p.email, 254, false).map_err(|e| at(&prefix, e))?;
        if email.as_deref().is_some_and(|e| !crate::text::is_email_address(e)) {
            return Err(at(&prefix, Error::invalid("email", "skal være én e-mailadresse")));
        }
        participants.push(ParticipantRecord {
            name,
            organisation,
            role: clean_optional("role", &p.role, 100, false).map_err(|e| at(&prefix, e))?,
            email,
            present: p.present,
        });
    }
    let today = Day::of(now);
    let mut items = Vec::new();
    // Each case once: the minutes show one resulting stage per case, finalizing applies it once.
    let mut seen: Vec<(i64, usize)> = Vec::new();
    for (i, item) in r.items.iter().enumerate() {
        let prefix = format!("items[{i}]");
        let here = |e: Error| at(&prefix, e);
        items.push(match item {
            ItemRecord::Case {
                reference,
                reason,
                new_information,
                assessment,
                recommendation,
                actions,
                resulting_stage,
                outcome,
            } => {
                let case_id = register::id_of(db, reference)
                    .map_err(|_| here(Error::invalid("reference", "sagen findes ikke")))?;
                crate::cases::ensure_own(db, case_id).map_err(here)?;
                if let Some((_, first)) = seen.iter().find(|(c, _)| *c == case_id) {
                    return Err(here(Error::invalid(
                        "reference",
                        format!(
                            "sagen står allerede på dagsordenen (punkt {}); en sag drøftes én gang pr. møde",
                            first + 1
                        ),
                    )));
                }
                seen.push((case_id, i));
                let mut notes = Vec::new();
                for (j, n) in new_information.iter().enumerate() {
                    let text = clean_text("text", &n.text, TEXT_MAX, true)
                        .map_err(|e| at(&format!("{prefix}.new_information[{j}]"), e))?;
                    if !text.is_empty() {
                        notes.push(AuthorityNote { authority: n.authority, text });
                    }
                }
                if let Some(stage) = resulting_stage {
                    if *stage == Stage::Forwarded {
                        return Err(here(Error::invalid(
                            "resulting_stage",
                            "videresendelse sker fra sagen, ikke fra mødet",
                        )));
                    }
                    if (*stage == Stage::Closed) != outcome.is_some() {
                        return Err(here(Error::invalid("outcome", "udfald angives netop når sagen afsluttes")));
                    }
                } else if outcome.is_some() {
                    return Err(here(Error::invalid("outcome", "udfald angives netop når sagen afsluttes")));
                }
                let mut valid_actions = Vec::new();
                for (j, a) in actions.iter().enumerate() {
                    let (what, person, due) =
                        actions::validate(a, today).map_err(|e| at(&format!("{prefix}.actions[{j}]"), e))?;
                    valid_actions.push(ValidAction { what, agency: a.agency, person, due });
                }
                ValidItem::Case {
                    case_id,
                    reason: clean_optional("reason", reason, 300, false).map_err(here)?,
                    new_information: notes,
                    assessment: clean_optional("assessment", assessment, TEXT_MAX, true).map_err(here)?,
                    recommendation: clean_optional("recommendation", recommendation, TEXT_MAX, true).map_err(here)?,
                    actions: valid_actions,
                    resulting_stage: *resulting_stage,
                    outcome: *outcome,
                }
            }
            ItemRecord::Free { title, body } => {
                let title = clean_text("title", title, TITLE_MAX, false).map_err(here)?;
                if title.is_empty() {
                    return Err(here(Error::invalid("title", "skal udfyldes")));
                }
                ValidItem::Free { title, body: clean_optional("body", body, TEXT_MAX, true).map_err(here)? }
            }
        });
    }
    Ok(Valid { district, held_at, place, next_meeting_at, participants, items })
}

/// A JSON path of the import format with its known field names only (never user text).
pub(super) fn safe_path(path: &str) -> String {
    const KNOWN: &[&str] = &[
        "district",
        "held_at",
        "place",
        "next_meeting_at",
        "participants",
        "name",
        "organisation",
        "role",
        "email",
        "present",
        "items",
        "kind",
        "reference",
        "reason",
        "new_information",
        "authority",
        "text",
        "assessment",
        "recommendation",
        "actions",
        "what",
        "agency",
        "person",
        "due",
        "resulting_stage",
        "outcome",
        "title",
        "body",
    ];
    path.split('.')
        .map(|part| {
            let name = part.split('[').next().unwrap_or("");
            let index = &part[name.len()..];
            let index_ok = index.chars().all(|c| c.is_ascii_digit() || c == '[' || c == ']');
            if KNOWN.contains(&name) && index_ok { part.to_string() } else { "(ukendt felt)".into() }
        })
        .collect::<Vec<_>>()
        .join(".")
}
