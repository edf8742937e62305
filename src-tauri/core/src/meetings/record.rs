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

/// The most agenda items in one meeting (docs/meeting-import.md).
pub const ITEMS_MAX: usize = 150;
/// The most participants of one meeting.
pub const PARTICIPANTS_MAX: usize = 60;
/// The most new action items recorded for one case item.
pub const ACTIONS_PER_ITEM_MAX: usize = 30;
/// The most pieces of new information (by authority) recorded for one case item.
pub const NOTES_PER_ITEM_MAX: usize = 16;
/// The largest meeting record file `meeting import` reads: 4 MiB.
pub const RECORD_BYTES_MAX: usize = 4 * 1024 * 1024;

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
        /// The infohus the case goes to (a police district's code, or `NH`), exactly when the
        /// resulting stage is forwarded (the person has moved).
        #[serde(default)]
        #[specta(optional)]
        forward_to: Option<String>,
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

/// An RFC 3339 time, strictly: no leap second ("…T22:59:60", which chrono would take as the
/// 61st second of a minute).
fn parse_time(field: &'static str, s: &str) -> Result<DateTime<Utc>> {
    let invalid =
        || Error::invalid(field, "skal være et gyldigt tidspunkt (RFC 3339, f.eks. 2026-11-25T14:00:00+01:00)");
    let t = DateTime::parse_from_rfc3339(s.trim()).map_err(|_| invalid())?;
    if t.timestamp_subsec_nanos() >= 1_000_000_000 {
        return Err(invalid());
    }
    Ok(t.with_timezone(&Utc))
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
        forward_to: Option<&'static str>,
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

/// How complete a record must be: a draft the UI saves may hold what is still being decided (a case
/// to be closed whose outcome is not chosen yet), so that saving never loses what was typed; an
/// import and a meeting being finalized must be complete ([`incomplete`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    Draft,
    Complete,
}

/// Why a case to be closed cannot be finalized yet.
pub const OUTCOME_MISSING: &str = "vælg sagens udfald, når den afsluttes";

/// Why a case to be forwarded cannot be finalized yet.
pub const FORWARD_TO_MISSING: &str = "vælg det infohus, sagen videresendes til";

/// What a draft still lacks before it can be finalized, each at its path in the record
/// ("items[2].outcome"), in order. The one rule for both the save of an import (which refuses the
/// first) and the check before finalizing (which lists them all).
pub fn incomplete(r: &MeetingRecord) -> Vec<(String, &'static str)> {
    r.items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match item {
            ItemRecord::Case { resulting_stage: Some(Stage::Closed), outcome: None, .. } => {
                Some((format!("items[{i}].outcome"), OUTCOME_MISSING))
            }
            ItemRecord::Case { resulting_stage: Some(Stage::Forwarded), forward_to: None, .. } => {
                Some((format!("items[{i}].forward_to"), FORWARD_TO_MISSING))
            }
            _ => None,
        })
        .collect()
}

pub(super) fn validate(
    db: &Reader<'_>,
    home: &str,
    r: &MeetingRecord,
    now: DateTime<Utc>,
    completeness: Completeness,
) -> Result<Valid> {
    if completeness == Completeness::Complete
        && let Some((path, reason)) = incomplete(r).into_iter().next()
    {
        return Err(Error::Malformed { path, reason: reason.into() });
    }
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
    if r.participants.len() > PARTICIPANTS_MAX {
        return Err(Error::invalid("participants", format!("højst {PARTICIPANTS_MAX} deltagere pr. møde")));
    }
    if r.items.len() > ITEMS_MAX {
        return Err(Error::invalid("items", format!("højst {ITEMS_MAX} punkter pr. møde")));
    }
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
                forward_to,
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
                if new_information.len() > NOTES_PER_ITEM_MAX {
                    return Err(here(Error::invalid(
                        "new_information",
                        format!("højst {NOTES_PER_ITEM_MAX} nye oplysninger pr. sag"),
                    )));
                }
                if actions.len() > ACTIONS_PER_ITEM_MAX {
                    return Err(here(Error::invalid(
                        "actions",
                        format!("højst {ACTIONS_PER_ITEM_MAX} nye opgaver pr. sag"),
                    )));
                }
                let mut notes = Vec::new();
                for (j, n) in new_information.iter().enumerate() {
                    let text = clean_text("text", &n.text, TEXT_MAX, true)
                        .map_err(|e| at(&format!("{prefix}.new_information[{j}]"), e))?;
                    if !text.is_empty() {
                        notes.push(AuthorityNote { authority: n.authority, text });
                    }
                }
                // A case to be closed without its outcome yet, or forwarded without its infohus, is
                // incomplete (see `incomplete`).
                if outcome.is_some() && *resulting_stage != Some(Stage::Closed) {
                    return Err(here(Error::invalid("outcome", "udfald angives netop når sagen afsluttes")));
                }
                let forward_to = match forward_to {
                    None => None,
                    Some(_) if *resulting_stage != Some(Stage::Forwarded) => {
                        return Err(here(Error::invalid(
                            "forward_to",
                            "infohuset angives netop når sagen videresendes",
                        )));
                    }
                    Some(code) => Some(
                        crate::cases::forward_target(db, case_id, code)
                            .map_err(|e| match e {
                                Error::Invalid { reason, .. } => Error::invalid("forward_to", reason),
                                other => other,
                            })
                            .map_err(here)?,
                    ),
                };
                let mut valid_actions = Vec::new();
                for (j, a) in actions.iter().enumerate() {
                    let place = format!("{prefix}.actions[{j}]");
                    // The format's due is a date as YYYY-MM-DD only (the app's own fields also take
                    // the Danish form, but a record is read strictly, as documented).
                    if Day::parse_iso(&a.due).is_none() {
                        return Err(at(&place, Error::invalid("due", "skal være en dato som ÅÅÅÅ-MM-DD")));
                    }
                    let (what, person, due) = actions::validate(a, today).map_err(|e| at(&place, e))?;
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
                    forward_to,
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

/// Every field name of the import format: only these are named in an error's path; any other
/// key is user input (it may be a name) and is shown as "(ukendt felt)".
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
    "forward_to",
    "title",
    "body",
];

/// `path.key`, naming the key only when it is a field of the format.
fn join(path: &str, key: &str) -> String {
    let key = KNOWN.iter().find(|k| **k == key).copied().unwrap_or("(ukendt felt)");
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

/// The full path of a fault serde found below `prefix` ("items[0].actions[1].agency"); for a
/// missing field the field itself ("held_at"), which serde names only in its message.
fn fault_path(prefix: &str, path: &serde_path_to_error::Path, e: &serde_json::Error) -> String {
    use serde_path_to_error::Segment;
    let mut out = prefix.to_string();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => out = join(&out, key),
            Segment::Unknown => out = join(&out, "?"),
        }
    }
    let msg = e.to_string();
    if let Some(field) = msg.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
        out = join(&out, field);
    }
    if out.is_empty() { "(dokument)".into() } else { out }
}

/// `T` from a JSON value at `prefix`, a fault named by its full path without the values.
fn from_value<T: serde::de::DeserializeOwned>(prefix: &str, value: serde_json::Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| Error::Malformed {
        path: fault_path(prefix, e.path(), e.inner()),
        reason: crate::intake::describe_json_error(e.inner()),
    })
}

/// A JSON document read into a `serde_json::Value`, refusing a key that occurs twice in one object
/// (serde would silently keep one of them); `dup` gets the path of the second.
struct Tree<'a> {
    path: String,
    dup: &'a std::cell::RefCell<Option<String>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Tree<'_> {
    type Value = serde_json::Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Tree<'_> {
    type Value = serde_json::Value;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        serde::de::DeserializeSeed::deserialize(self, d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) =
            seq.next_element_seed(Tree { path: format!("{}[{}]", self.path, out.len()), dup: self.dup })?
        {
            out.push(v);
        }
        Ok(serde_json::Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = join(&self.path, &key);
            let value = map.next_value_seed(Tree { path: path.clone(), dup: self.dup })?;
            if out.contains_key(&key) {
                *self.dup.borrow_mut() = Some(path);
                return Err(serde::de::Error::custom("a key occurs twice"));
            }
            out.insert(key, value);
        }
        Ok(serde_json::Value::Object(out))
    }
}

/// A case item as the import format has it (the fields of `ItemRecord::Case`, read on their own so
/// that a fault inside an item is named by its full path).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseItemIn {
    reference: String,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    new_information: Vec<AuthorityNote>,
    #[serde(default)]
    assessment: Option<String>,
    #[serde(default)]
    recommendation: Option<String>,
    #[serde(default)]
    actions: Vec<NewActionItem>,
    #[serde(default)]
    resulting_stage: Option<Stage>,
    #[serde(default)]
    outcome: Option<Outcome>,
    #[serde(default)]
    forward_to: Option<String>,
}

/// A free item as the import format has it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FreeItemIn {
    title: String,
    #[serde(default)]
    body: Option<String>,
}

fn malformed(path: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Malformed { path: path.into(), reason: reason.into() }
}

/// A list of at most `max` entries at `path`, else the document is refused before it is read
/// further.
fn capped(value: &serde_json::Value, path: &str, max: usize, what: &str) -> Result<()> {
    match value.as_array() {
        Some(list) if list.len() > max => Err(malformed(path, format!("højst {max} {what}"))),
        _ => Ok(()),
    }
}

/// One agenda item at `items[i]`.
fn item(i: usize, value: serde_json::Value) -> Result<ItemRecord> {
    let prefix = format!("items[{i}]");
    let serde_json::Value::Object(mut fields) = value else {
        return Err(malformed(prefix, "forkert type; forventet et punkt (et objekt)"));
    };
    let kind = match fields.remove("kind") {
        None => return Err(malformed(format!("{prefix}.kind"), "mangler")),
        Some(serde_json::Value::String(k)) => k,
        Some(_) => return Err(malformed(format!("{prefix}.kind"), "forkert type; forventet `case` eller `free`")),
    };
    match kind.as_str() {
        "case" => {
            let empty = serde_json::Value::Null;
            capped(
                fields.get("actions").unwrap_or(&empty),
                &format!("{prefix}.actions"),
                ACTIONS_PER_ITEM_MAX,
                "nye opgaver pr. sag",
            )?;
            capped(
                fields.get("new_information").unwrap_or(&empty),
                &format!("{prefix}.new_information"),
                NOTES_PER_ITEM_MAX,
                "nye oplysninger pr. sag",
            )?;
            let c: CaseItemIn = from_value(&prefix, serde_json::Value::Object(fields))?;
            Ok(ItemRecord::Case {
                reference: c.reference,
                reason: c.reason,
                new_information: c.new_information,
                assessment: c.assessment,
                recommendation: c.recommendation,
                actions: c.actions,
                resulting_stage: c.resulting_stage,
                outcome: c.outcome,
                forward_to: c.forward_to,
            })
        }
        "free" => {
            let f: FreeItemIn = from_value(&prefix, serde_json::Value::Object(fields))?;
            Ok(ItemRecord::Free { title: f.title, body: f.body })
        }
        _ => Err(malformed(format!("{prefix}.kind"), "ukendt værdi; tilladt: `case`, `free`")),
    }
}

/// Reads a meeting record from its JSON text (docs/meeting-import.md), strictly: exactly one
/// document of at most [`RECORD_BYTES_MAX`] bytes, every key once per object, no unknown field,
/// at most [`ITEMS_MAX`] items, [`PARTICIPANTS_MAX`] participants and per case item
/// [`ACTIONS_PER_ITEM_MAX`] action items and [`NOTES_PER_ITEM_MAX`] pieces of new information.
/// A fault is `Malformed` at its full path ("items[0].actions[0].agency", "held_at"), named with
/// the format's field names only, never repeating a value.
pub(super) fn parse(json: &str) -> Result<MeetingRecord> {
    if json.len() > RECORD_BYTES_MAX {
        return Err(malformed("(dokument)", format!("mødet fylder for meget: højst {} MB", RECORD_BYTES_MAX >> 20)));
    }
    let dup = std::cell::RefCell::new(None);
    let de = &mut serde_json::Deserializer::from_str(json);
    let tree = serde::de::DeserializeSeed::deserialize(Tree { path: String::new(), dup: &dup }, &mut *de);
    let tree = match (tree, dup.into_inner()) {
        (Err(_), Some(path)) => return Err(malformed(path, "feltet står to gange")),
        (Err(e), None) => return Err(malformed("(dokument)", crate::intake::describe_json_error(&e))),
        (Ok(tree), _) => tree,
    };
    de.end().map_err(|_| malformed("(dokument)", "der står mere efter mødet; send ét møde ad gangen"))?;
    let serde_json::Value::Object(mut top) = tree else {
        return Err(malformed("(dokument)", "forkert type; forventet et møde (et objekt)"));
    };
    let empty = serde_json::Value::Null;
    capped(top.get("participants").unwrap_or(&empty), "participants", PARTICIPANTS_MAX, "deltagere pr. møde")?;
    capped(top.get("items").unwrap_or(&empty), "items", ITEMS_MAX, "punkter pr. møde")?;
    let items = match top.remove("items") {
        Some(serde_json::Value::Array(list)) => {
            list.into_iter().enumerate().map(|(i, v)| item(i, v)).collect::<Result<Vec<_>>>()?
        }
        Some(other) => {
            // Not a list: serde names what is wrong with it.
            top.insert("items".into(), other);
            Vec::new()
        }
        None => Vec::new(),
    };
    let mut record: MeetingRecord = from_value("", serde_json::Value::Object(top))?;
    record.items = items;
    Ok(record)
}
