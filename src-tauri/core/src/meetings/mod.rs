//! Infohus meetings (tables `directory`, `meetings`, `meeting_participants`, `meeting_items`,
//! `meeting_actions`, `meeting_settings`): planned per infohus with an automatic number ("Møde
//! 23/2026"), an agenda proposed from the board, what the meeting recorded per case, and
//! finalizing, which applies the stage changes and action items to the cases in one transaction and
//! stores the minutes' PDF and its SHA-256 (a finalized meeting is immutable; a correction is a
//! numbered addendum).
//!
//! This module holds the operations on a meeting (plan, save, list, read, import, finalize,
//! addendum); the rest lives by concern:
//!
//! - `record`: the meeting record (the import format) and its validation.
//! - `stored`: a meeting's rows in `meetings`, `meeting_participants`, `meeting_items` and
//!   `meeting_actions`, read and written.
//! - `directory`: the participants directory (table `directory`).
//! - `agenda`: the agenda proposed from the board.
//! - `minutes_doc`: the minutes' content built from a meeting.
//! - `files`: the minutes as files (neutral names, export, save, the `.eml` draft).
//! - `settings`: how long minutes are kept (table `meeting_settings`).

mod agenda;
pub(crate) mod directory;
mod files;
mod minutes_doc;
pub(crate) mod record;
mod settings;
pub(crate) mod stored;

pub use agenda::{ProposedAgenda, ProposedItem, proposed_agenda};
pub use directory::{
    DIRECTORY_EMAIL_MAX, DIRECTORY_NAME_MAX, DIRECTORY_ORGANISATION_MAX, DIRECTORY_ROLE_MAX, DirectoryEntry,
    DirectoryPerson, add_to_directory, directory, edit_directory, retire_from_directory,
};
pub use files::{
    MinutesFile, MinutesFormat, export_minutes, export_minutes_email, minutes_email, minutes_file, minutes_file_name,
    minutes_pdf, save_minutes, write_private_copy,
};
pub use record::{
    ACTIONS_PER_ITEM_MAX, AuthorityNote, FORWARD_TO_MISSING, ITEMS_MAX, ItemRecord, MeetingRecord, NOTES_PER_ITEM_MAX,
    OUTCOME_MISSING, PARTICIPANTS_MAX, PLACE_MAX, ParticipantRecord, RECORD_BYTES_MAX, TEXT_MAX, TITLE_MAX,
};
pub use settings::{
    KEEP_YEARS, KEEP_YEARS_MAX, KEEP_YEARS_MIN, MeetingSettings, NEW_CASE_DAYS, NEW_CASE_DAYS_MAX, NEW_CASE_DAYS_MIN,
    save_settings, settings,
};
pub use stored::MeetingSummary;

use crate::actions;
use crate::audit::AuditEvent;
use crate::cases::{self, Stage, history, register};
use crate::dates::{Day, Stamp};
use crate::error::{Error, Result};
use crate::minutes;
use crate::op::Op;
use crate::store::Store;
use chrono::{Datelike, TimeDelta};
use minutes_doc::minutes_doc;
use record::{Completeness, validate};
use serde::Serialize;
use settings::settings_in;
use stored::{next_number, record_in, stored_items, summary, write_record};

/// A meeting read back as its record (the import format, docs/meeting-import.md): what the UI
/// loads to go on with a draft. Saving it again changes nothing. An item whose case was purged
/// at the end of its retention is left out (the finalized minutes keep what they said).
pub fn record(store: &Store, id: i64) -> Result<MeetingRecord> {
    store.read(|r| {
        let record = record_in(r, id)?;
        let refs = stored::case_references(r, id)?;
        r.audit(AuditEvent::MeetingRead { id, refs });
        Ok(record)
    })
}

/// Why a second meeting at the same time is refused.
pub const SAME_TIME: &str =
    "infohuset har allerede et møde på det tidspunkt; åbn det møde, eller vælg et andet tidspunkt";

/// Plans a meeting (the record may be empty but for its time) and numbers it per infohus and year.
/// A second meeting of the infohus at the same start time is refused (`held_at`): importing the
/// same record twice would otherwise apply its action items twice.
pub fn create(store: &Store, record: &MeetingRecord) -> Result<MeetingSummary> {
    let home = store.profile()?.district_code;
    store.write(|op| {
        let v = validate(op, &home, record, op.now(), Completeness::Complete)?;
        if stored::held_at_taken(op, v.district.code, Stamp::new(v.held_at), None)? {
            return Err(Error::invalid("held_at", SAME_TIME));
        }
        let local = v.held_at.with_timezone(&crate::dates::COPENHAGEN);
        let year = local.year();
        let number = next_number(op, v.district.code, year)?;
        let keep = settings_in(op)?.keep_years;
        // 29 February kept for a number of years that lands on no leap day: 1 March.
        let delete_after = Day::new(local.date_naive().with_year(year + keep).unwrap_or_else(|| {
            local.date_naive().with_day(28).and_then(|d| d.with_year(year + keep)).unwrap_or(local.date_naive())
                + TimeDelta::days(1)
        }));
        let id = stored::insert(op, &v, year, number, delete_after)?;
        write_record(op, id, &v)?;
        op.audit(AuditEvent::MeetingChanged { number: format!("{number}/{year}") });
        summary(op, id)
    })
}

/// Replaces a draft meeting's participants and items (the UI's autosave). A draft may be
/// incomplete (a case to be closed whose outcome is not chosen yet): it is kept as typed, and
/// [`finalize`] refuses it until it is complete ([`finalize_check`] says where).
pub fn save(store: &Store, id: i64, record: &MeetingRecord) -> Result<MeetingSummary> {
    let home = store.profile()?.district_code;
    store.write(|op| {
        let before = summary(op, id)?;
        if before.status == "final" {
            return Err(Error::Refused("a finalized meeting is immutable; make an addendum".into()));
        }
        let v = validate(op, &home, record, op.now(), Completeness::Draft)?;
        let addendum = stored::plan(op, id)?.addendum_of.is_some();
        if !addendum && stored::held_at_taken(op, v.district.code, Stamp::new(v.held_at), Some(id))? {
            return Err(Error::invalid("held_at", SAME_TIME));
        }
        stored::set_plan(op, id, &v)?;
        write_record(op, id, &v)?;
        op.audit(AuditEvent::MeetingChanged { number: before.number.clone() });
        summary(op, id)
    })
}

/// Every meeting, newest first.
pub fn list(store: &Store) -> Result<Vec<MeetingSummary>> {
    store.read(|r| {
        let rows = stored::all(r)?;
        r.audit(AuditEvent::MeetingsListed);
        Ok(rows)
    })
}

/// One meeting's summary (its number and status, e.g. for the minutes' file name).
pub fn get(store: &Store, id: i64) -> Result<MeetingSummary> {
    store.read(|r| {
        let meeting = summary(r, id)?;
        r.audit(AuditEvent::MeetingRead { id, refs: Vec::new() });
        Ok(meeting)
    })
}

/// Imports a whole meeting record as a new draft meeting (docs/meeting-import.md), read strictly
/// ([`record::parse`]: a fault is named by its full path).
pub fn import(store: &Store, json: &str) -> Result<MeetingSummary> {
    create(store, &record::parse(json)?)
}

/// A meeting's resulting stage as the minutes and the access report print it: »Afsluttet«,
/// »Videresendt til Infohus Fyn«.
pub(crate) fn resulting_stage_label(stage: Stage, forward_to: Option<&str>) -> String {
    match (stage, forward_to) {
        (Stage::Forwarded, Some(to)) => format!("{} til {}", stage.label_da(), crate::district::display_name(to)),
        _ => stage.label_da().into(),
    }
}

/// Applies what a meeting recorded to its cases, in the finalizing transaction: a history entry
/// naming the meeting, the resulting stage (through the stage rules), the new action items (marked
/// with the meeting), and the "til møde" flag cleared.
pub fn apply_to_cases(op: &mut Op<'_>, meeting_id: i64, label: &str) -> Result<()> {
    let reason = format!("{} {label}", cases::DECIDED_AT_MEETING);
    for (i, item) in stored_items(op, meeting_id)?.into_iter().enumerate() {
        let (Some(case_id), "case") = (item.case_id, item.kind.as_str()) else { continue };
        let prefix = format!("items[{i}]");
        // Only the home infohus's cases (also when one was forwarded away since it was saved).
        cases::ensure_own(op, case_id).map_err(|e| record::at(&prefix, e))?;
        history::record(op, case_id, "meeting", None, Some(&format!("Drøftet på møde {label}")), None)?;
        let before = register::read(op, case_id)?.summary.stage;
        let malformed = |field: &str| {
            let path = format!("{prefix}.{field}");
            move |e| match e {
                Error::Invalid { reason, .. } => Error::Malformed { path, reason },
                other => other,
            }
        };
        match (item.resulting_stage, item.forward_to.as_deref()) {
            // Forwarded last (below), while the case is still this infohus's.
            (Some(Stage::Forwarded), _) => {}
            (Some(stage), _) if stage != before => {
                cases::transition_in(op, case_id, stage, Some(&reason), item.outcome)
                    .map_err(malformed("resulting_stage"))?;
            }
            _ => {}
        }
        for (j, a) in item.actions.iter().enumerate() {
            let added =
                actions::add_in(op, case_id, a).map_err(|e| record::at(&format!("{prefix}.actions[{j}]"), e))?;
            actions::set_meeting(op, added.id, meeting_id)?;
        }
        if register::set_meeting_flag(op, case_id, false)? {
            history::record(op, case_id, "meeting_flag", Some("til møde"), Some("ikke til møde"), None)?;
        }
        // A meeting's forwarding, through the panel's rule (the history names the meeting).
        if let (Some(Stage::Forwarded), Some(to)) = (item.resulting_stage, item.forward_to.as_deref()) {
            cases::forward_in(op, case_id, to, &reason).map_err(malformed("forward_to"))?;
        }
    }
    Ok(())
}

/// The result of finalizing.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Finalized {
    pub meeting: MeetingSummary,
    pub minutes_sha256: String,
    pub minutes_bytes: u64,
}

/// Why a meeting cannot be finalized before it has begun.
pub const NOT_HELD_YET: &str =
    "mødet kan først færdiggøres, når det er begyndt; vent til mødets starttidspunkt, eller ret tidspunktet";

/// One thing that stops a meeting from being finalized, at its place in the saved record
/// ("items[2].outcome", "held_at"), with what to do in Danish (never repeating a value).
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct FinalizeProblem {
    pub path: String,
    pub message: String,
}

/// What finalizing would do, computed from what is saved (never from a screen): the counts the
/// confirmation shows, and what stops it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct FinalizeCheck {
    pub present: u32,
    pub absent: u32,
    pub items: u32,
    pub cases: u32,
    pub with_recommendation: u32,
    /// New action items put on the cases.
    pub new_actions: u32,
    /// Cases whose stage changes (the resulting stage differs from the case's stage now).
    pub stage_changes: u32,
    /// Empty when the meeting can be finalized.
    pub problems: Vec<FinalizeProblem>,
}

fn problem(e: Error) -> FinalizeProblem {
    match e {
        Error::Invalid { field, reason } => FinalizeProblem { path: field.into(), message: reason },
        Error::Malformed { path, reason } => FinalizeProblem { path, message: reason },
        other => FinalizeProblem { path: String::new(), message: other.message_da() },
    }
}

/// The check before finalizing, on the saved record: every incomplete item, else the first fault
/// the full validation finds (a case forwarded away since, a deadline gone too far), and a
/// meeting that has not begun.
fn check_in(
    db: &crate::op::Reader<'_>,
    home: &str,
    id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<FinalizeCheck> {
    let rec = stored::record_in(db, id)?;
    let mut problems: Vec<FinalizeProblem> = record::incomplete(&rec)
        .into_iter()
        .map(|(path, message)| FinalizeProblem { path, message: message.into() })
        .collect();
    if problems.is_empty()
        && let Err(e) = validate(db, home, &rec, now, Completeness::Complete)
    {
        if !matches!(e, Error::Invalid { .. } | Error::Malformed { .. }) {
            return Err(e);
        }
        problems.push(problem(e));
    }
    if summary(db, id)?.held_at.instant() > now {
        problems.push(FinalizeProblem { path: "held_at".into(), message: NOT_HELD_YET.into() });
    }
    let mut cases = 0;
    let mut with_recommendation = 0;
    let mut new_actions = 0;
    let mut stage_changes = 0;
    for item in &rec.items {
        let ItemRecord::Case { reference, recommendation, actions, resulting_stage, .. } = item else { continue };
        cases += 1;
        with_recommendation += u32::from(recommendation.as_deref().is_some_and(|r| !r.trim().is_empty()));
        new_actions += actions.len() as u32;
        if let Some(stage) = resulting_stage {
            let now_stage = register::summary(db, register::id_of(db, reference)?)?.stage;
            stage_changes += u32::from(*stage != now_stage);
        }
    }
    let present = rec.participants.iter().filter(|p| p.present).count() as u32;
    Ok(FinalizeCheck {
        present,
        absent: rec.participants.len() as u32 - present,
        items: rec.items.len() as u32,
        cases,
        with_recommendation,
        new_actions,
        stage_changes,
        problems,
    })
}

/// What finalizing the meeting would do, from what is saved, and what stops it (the Referat tab
/// shows it before its confirmation; [`finalize`] refuses on the same check).
pub fn finalize_check(store: &Store, id: i64) -> Result<FinalizeCheck> {
    let home = store.profile()?.district_code;
    store.read(|r| {
        let check = check_in(r, &home, id, r.now())?;
        let refs = stored::case_references(r, id)?;
        r.audit(AuditEvent::MeetingRead { id, refs });
        Ok(check)
    })
}

/// Finalizes a draft meeting in one transaction: applies the stage changes and action items to
/// the cases (history entries name the meeting), renders the minutes and stores their PDF and
/// SHA-256. Afterwards the meeting is immutable. A meeting whose start time has not come yet is
/// refused (`invalid_input` on `held_at`), and so is a saved record that is incomplete or no longer
/// valid ([`finalize_check`]: `Malformed` at the item's path, e.g. "items[1].outcome"): its minutes would be dated before it, and its
/// decisions applied before they were made.
pub fn finalize(store: &Store, id: i64) -> Result<Finalized> {
    let home = store.profile()?.district_code;
    store.write(|op| {
        let before = summary(op, id)?;
        if before.status == "final" {
            return Err(Error::Refused("the meeting is already finalized".into()));
        }
        if before.held_at.instant() > op.now() {
            return Err(Error::invalid("held_at", NOT_HELD_YET));
        }
        // What is saved is what is finalized: an incomplete or invalid saved item is refused at
        // its path, nothing applied.
        if let Some(p) = check_in(op, &home, id, op.now())?.problems.into_iter().next() {
            return Err(Error::Malformed { path: p.path, reason: p.message });
        }
        apply_to_cases(op, id, &before.number)?;
        // The chain's head before this operation's own entries, printed on the last page: the
        // participants' copies later prove the log up to it unchanged (docs/audit.md).
        let checkpoint = crate::audit::checkpoint_in(op)?.to_string();
        let mut doc = minutes_doc(op, id, op.now(), false)?;
        doc.audit_checkpoint = Some(checkpoint.clone());
        let pdf = minutes::render(&doc)?;
        let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&pdf));
        stored::set_final(op, id, &pdf, &sha, &checkpoint)?;
        op.audit(AuditEvent::MeetingFinalized { number: before.number.clone() });
        Ok(Finalized { meeting: summary(op, id)?, minutes_sha256: sha, minutes_bytes: pdf.len() as u64 })
    })
}

/// A correction of finalized minutes: a new draft "Tillæg N til møde X" with the original's
/// participants, which references the original's SHA-256 in its minutes.
pub fn create_addendum(store: &Store, original: i64) -> Result<MeetingSummary> {
    store.write(|op| {
        let o = summary(op, original)?;
        if o.status != "final" {
            return Err(Error::invalid("meeting", "kun et færdiggjort møde kan få et tillæg"));
        }
        let id = stored::insert_addendum(op, original)?;
        let s = summary(op, id)?;
        op.audit(AuditEvent::MeetingChanged { number: s.number.clone() });
        Ok(s)
    })
}
