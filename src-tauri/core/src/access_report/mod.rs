//! The access report (indsigt, GDPR art. 15) for one case: everything the store holds about the
//! person — the case's fields, notes, history, action items, what meetings recorded about the case
//! — and the log entries of who looked the case up or changed it, and when (Datatilsynet 2024,
//! after the EU Court's C-579/21: dates and purposes; staff by organisation and role, the name
//! only when the setting says so). As JSON ([`AccessReport`], docs/access-report.md) and as a PDF
//! rendered by the minutes' pager ([`crate::minutes::render_access_report`]).
//!
//! Making one is one write: it reads through each owning module's functions, takes the audit
//! chain's checkpoint (printed in the report) and records `access_report.exported`.
//!
//! - `settings`: whether the report names staff (table `access_report_settings`).

mod settings;

pub use settings::{AccessReportSettings, save_in as save_settings_in, save_settings, settings};

use crate::actions;
use crate::audit::{self, AuditEvent};
use crate::cases::{Outcome, Stage, history, notes, register};
use crate::dates::{Day, Stamp, format_date, format_time};
use crate::district;
use crate::error::{Error, Result};
use crate::intake::{Category, Channel, Gender, Indicator, Urgency};
use crate::meetings;
use crate::op::Reader;
use crate::profile;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The JSON's format name and version.
pub const FORMAT: &str = "tovholder-access-report/1";

/// What the report deliberately leaves out, in Danish (printed and in the JSON).
pub const LEFT_OUT: &[&str] = &[
    "Navn, telefonnummer og e-mailadresse på den, der henvendte sig om bekymringen (hensyn til tredjemand); \
     kun hvilken type henvender det var.",
    "Andre sagers oplysninger, også fra møder hvor flere sager blev drøftet.",
    "Mødedeltagernes navne og referaternes øvrige indhold.",
];

/// A staff member as the report shows them: organisation and role, the name only when the
/// setting names staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff {
    /// "Østjyllands Politi".
    pub organisation: String,
    /// "Koordinator (tovholder)".
    pub role: String,
    /// Only when the access report's setting names staff.
    pub name: Option<String>,
}

impl Staff {
    /// "Østjyllands Politi, koordinator (tovholder)" or "… (Mette Holm)".
    pub fn label(&self) -> String {
        let base = format!("{}, {}", self.organisation, self.role.to_lowercase());
        match &self.name {
            Some(n) => format!("{base} ({n})"),
            None => base,
        }
    }
}

/// The case's own fields, values in Danish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseFields {
    pub reference: String,
    /// "Infohus Østjylland".
    pub infohus: String,
    pub stage: String,
    pub outcome: Option<String>,
    /// The infohus the case was forwarded to.
    pub forwarded_to: Option<String>,
    pub received_at: Stamp,
    /// The channel the concern came through, "Hotline mod radikalisering".
    pub channel: String,
    /// Who reported it, by type only ("Forælder").
    pub caller_type: String,
    pub pseudonym: String,
    pub birth_year: Option<i32>,
    pub gender: Option<String>,
    pub municipality: String,
    pub category: String,
    pub indicators: Vec<String>,
    pub urgency: String,
    pub police_flag: bool,
    /// Flagged for the next meeting.
    pub meeting_flag: bool,
    pub description: String,
    pub created_at: Stamp,
    pub updated_at: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportNote {
    pub at: Stamp,
    pub by: Staff,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportChange {
    pub at: Stamp,
    pub by: Staff,
    /// The field's key (`stage`, `description`, …).
    pub field: String,
    /// The field in Danish ("Fase").
    pub field_label: String,
    /// Values in Danish.
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportAction {
    pub what: String,
    /// The responsible authority, "SSP".
    pub agency: String,
    /// The person there: only when the setting names staff.
    pub person: Option<String>,
    pub due: Day,
    /// "Åben", "Udført", "Annulleret".
    pub status: String,
    pub status_at: Option<Stamp>,
    pub created_at: Stamp,
    pub created_by: Staff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportInformation {
    pub authority: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportMeetingAction {
    pub what: String,
    pub agency: String,
    pub person: Option<String>,
    pub due: String,
}

/// What one meeting recorded about this case (and nothing about others).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportMeeting {
    /// "3/2026", or "Tillæg 1 til 3/2026".
    pub number: String,
    pub held_at: Stamp,
    /// "Færdiggjort" or "Udkast".
    pub status: String,
    /// The checkpoint printed on the finalized minutes.
    pub audit_checkpoint: Option<String>,
    /// Why the case was on the agenda.
    pub reason: Option<String>,
    pub new_information: Vec<ReportInformation>,
    pub assessment: Option<String>,
    pub recommendation: Option<String>,
    pub actions: Vec<ReportMeetingAction>,
    pub resulting_stage: Option<String>,
    pub outcome: Option<String>,
}

/// One log entry about the case: when, what (in Danish), by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportLookup {
    /// The entry's position in the audit log.
    pub position: u64,
    pub at: Stamp,
    /// The stable action name (`case.read`).
    pub action: String,
    /// What it was, in Danish ("Sagen åbnet").
    pub purpose: String,
    pub by: Staff,
}

/// The access report: the JSON written beside the PDF (docs/access-report.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessReport {
    /// [`FORMAT`].
    pub format: String,
    pub reference: String,
    /// The infohus whose store made the report.
    pub infohus: String,
    pub made_at: Stamp,
    pub made_by: Staff,
    /// Whether staff are named (the setting when the report was made).
    pub staff_names: bool,
    /// The audit chain's checkpoint taken when the report was made.
    pub audit_checkpoint: String,
    pub case: CaseFields,
    pub notes: Vec<ReportNote>,
    pub history: Vec<ReportChange>,
    pub action_items: Vec<ReportAction>,
    pub meetings: Vec<ReportMeeting>,
    pub lookups: Vec<ReportLookup>,
    /// What the report deliberately leaves out, in Danish.
    pub left_out: Vec<String>,
}

/// The role every entry's actor had: the store is one coordinator's.
const COORDINATOR_ROLE: &str = "Koordinator (tovholder)";

/// A log entry's action in Danish: what the lookup or change was (the audit's own label).
pub fn purpose_da(action: &str) -> String {
    audit::AuditAction::parse(action).map_or_else(|| format!("Anden handling ({action})"), |a| a.label_da().to_string())
}

/// A history field in Danish.
fn field_label(field: &str) -> String {
    crate::cases::history::HistoryField::parse(field).map_or(field, |f| f.label_da()).to_string()
}

/// A history value in Danish (the store keeps machine values: "closed", "right_wing", "1").
fn history_value(field: &str, value: &str) -> String {
    let label = match field {
        "stage" => Stage::parse(value).map(Stage::label_da),
        "outcome" => Outcome::parse(value).map(Outcome::label_da),
        "category" => Category::parse(value).map(Category::label_da),
        "urgency" => Urgency::parse(value).map(Urgency::label_da),
        "gender" => Gender::parse(value).map(Gender::label_da),
        "channel" => Channel::parse(value).map(Channel::label_da),
        "police_flag" => Some(if value == "1" || value == "true" { "Ja" } else { "Nej" }),
        "forwarded_to" => district::by_code(value).map(|d| d.infohus),
        "indicators" => {
            return match serde_json::from_str::<Vec<Indicator>>(value) {
                Ok(list) if list.is_empty() => "Ingen".into(),
                Ok(list) => list.iter().map(|i| i.label_da()).collect::<Vec<_>>().join(", "),
                Err(_) => value.into(),
            };
        }
        _ => None,
    };
    label.map_or_else(|| value.to_string(), str::to_string)
}

/// The report's content, read through each owning module inside the write that makes it.
fn build(db: &Reader<'_>, reference: &str, now: DateTime<Utc>, checkpoint: String) -> Result<AccessReport> {
    let id = register::id_of(db, reference)?;
    let case = register::read(db, id)?;
    let profile = profile::read(db)?;
    let names = settings::settings_in(db)?.staff_names;
    let staff = |actor: &str| Staff {
        organisation: profile.organisation_name.clone(),
        role: COORDINATOR_ROLE.into(),
        name: names.then(|| actor.to_string()),
    };
    let person = |p: Option<String>| if names { p.filter(|p| !p.trim().is_empty()) } else { None };
    let reference = case.summary.reference.clone();
    let fields = CaseFields {
        reference: reference.clone(),
        infohus: district::display_name(&case.summary.district_code).to_string(),
        stage: case.summary.stage.label_da().into(),
        outcome: case.outcome.map(|o| o.label_da().into()),
        forwarded_to: case.forwarded_to.as_deref().map(|c| district::display_name(c).to_string()),
        received_at: case.summary.received_at,
        channel: case.summary.channel.label_da().into(),
        caller_type: case.caller.caller_type.label_da().into(),
        pseudonym: case.summary.pseudonym.clone(),
        birth_year: case.summary.birth_year,
        gender: case.gender.map(|g| g.label_da().into()),
        municipality: case.summary.municipality.clone(),
        category: case.summary.category.label_da().into(),
        indicators: case.indicators.iter().map(|i| i.label_da().to_string()).collect(),
        urgency: case.summary.urgency.label_da().into(),
        police_flag: case.summary.police_flag,
        meeting_flag: case.meeting,
        description: case.description.clone(),
        created_at: case.created_at,
        updated_at: case.summary.updated_at,
    };
    let notes = notes::for_case(db, id)?
        .into_iter()
        .map(|n| ReportNote { at: n.at, by: staff(&n.author), text: n.body })
        .collect();
    let history = history::for_case(db, id)?
        .into_iter()
        .map(|h| ReportChange {
            at: h.at,
            by: staff(&h.actor),
            field_label: field_label(&h.field),
            old_value: h.old_value.as_deref().map(|v| history_value(&h.field, v)),
            new_value: h.new_value.as_deref().map(|v| history_value(&h.field, v)),
            field: h.field,
            reason: h.reason,
        })
        .collect();
    let mut action_items: Vec<ReportAction> = actions::for_case(db, id, Day::of(now))?
        .into_iter()
        .map(|a| ReportAction {
            what: a.what,
            agency: a.agency.label_da().into(),
            person: person(a.person),
            due: a.due,
            status: a.status.label_da().into(),
            status_at: a.status_at,
            created_at: a.created_at,
            created_by: staff(&a.created_by),
        })
        .collect();
    action_items.sort_by_key(|a| (a.created_at, a.due));
    let meetings = meetings::stored::case_entries(db, id)?
        .into_iter()
        .map(|m| ReportMeeting {
            number: m.meeting.number,
            held_at: m.meeting.held_at,
            status: if m.meeting.status == "final" { "Færdiggjort" } else { "Udkast" }.into(),
            audit_checkpoint: m.audit_checkpoint,
            reason: m.reason,
            new_information: m
                .new_information
                .into_iter()
                .map(|n| ReportInformation { authority: n.authority.label_da().into(), text: n.text })
                .collect(),
            assessment: m.assessment,
            recommendation: m.recommendation,
            actions: m
                .actions
                .into_iter()
                .map(|a| ReportMeetingAction {
                    what: a.what,
                    agency: a.agency.label_da().into(),
                    person: person(a.person),
                    due: Day::parse(&a.due).map_or(a.due, Day::format_da),
                })
                .collect(),
            resulting_stage: m
                .resulting_stage
                .map(|s| crate::meetings::resulting_stage_label(s, m.forward_to.as_deref())),
            outcome: m.outcome.map(|o| o.label_da().into()),
        })
        .collect();
    let lookups = audit::entries_about(db, &reference)?
        .into_iter()
        .map(|e| ReportLookup {
            position: e.position,
            at: e.at,
            purpose: purpose_da(&e.action),
            action: e.action,
            by: staff(&e.actor),
        })
        .collect();
    Ok(AccessReport {
        format: FORMAT.into(),
        infohus: district::display_name(&profile.district_code).to_string(),
        made_at: Stamp::new(now),
        made_by: staff(&profile.name),
        staff_names: names,
        audit_checkpoint: checkpoint,
        case: fields,
        notes,
        history,
        action_items,
        meetings,
        lookups,
        left_out: LEFT_OUT.iter().map(|s| s.to_string()).collect(),
        reference,
    })
}

/// The access report as files: their neutral names and bytes.
#[derive(Debug, Clone)]
pub struct AccessReportFiles {
    pub report: AccessReport,
    /// "Indsigt ØJP-2026-0042.pdf".
    pub pdf_name: String,
    pub pdf: Vec<u8>,
    /// "Indsigt ØJP-2026-0042.json".
    pub json_name: String,
    pub json: Vec<u8>,
}

/// A reference as typed, in capitals: letters, digits and dashes only ("ØJP-2026-0042"), so it
/// can name a file; otherwise bad input naming `reference` (never repeating it).
fn checked_reference(reference: &str) -> Result<String> {
    let r = reference.trim().to_uppercase();
    if r.is_empty() || r.chars().count() > 40 || !r.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return Err(Error::invalid("reference", "skal være en sagsreference som ØJP-2026-0042"));
    }
    Ok(r)
}

/// The neutral file name of a case's access report (the reference is pseudonymous):
/// "Indsigt ØJP-2026-0042.pdf". `extension` without the dot.
pub fn file_name(reference: &str, extension: &str) -> String {
    format!("Indsigt {reference}.{extension}")
}

/// Makes the access report for one case, in one write: the content read through each owning
/// module, the audit chain's checkpoint (printed in the report) and `access_report.exported`.
/// An unknown reference is `not_found`.
pub fn make(store: &Store, reference: &str) -> Result<AccessReportFiles> {
    make_with(store, reference, None)
}

/// [`make`], saving the setting whether staff are named first, in the same write (so an unknown
/// reference changes nothing).
fn make_with(store: &Store, reference: &str, staff_names: Option<bool>) -> Result<AccessReportFiles> {
    let reference = checked_reference(reference)?;
    store.write(|op| {
        // The case first, so an unknown reference records nothing.
        let id = register::id_of(op, &reference)?;
        if let Some(staff_names) = staff_names {
            settings::save_in(op, AccessReportSettings { staff_names })?;
        }
        let canonical = register::summary(op, id)?.reference;
        let checkpoint = audit::checkpoint_in(op)?.to_string();
        let report = build(op, &canonical, op.now(), checkpoint)?;
        op.audit(AuditEvent::AccessReportExported { reference: canonical.clone() });
        files(report)
    })
}

fn files(report: AccessReport) -> Result<AccessReportFiles> {
    let pdf = crate::minutes::render_access_report(&report)?;
    let mut json = serde_json::to_vec_pretty(&report).map_err(|_| Error::Internal("an access report as JSON"))?;
    json.push(b'\n');
    Ok(AccessReportFiles {
        pdf_name: file_name(&report.reference, "pdf"),
        json_name: file_name(&report.reference, "json"),
        report,
        pdf,
        json,
    })
}

/// Writes a case's access report (PDF and JSON) into `folder` as new files, never replacing one,
/// owner-only where the OS supports it (`tovholder-cli access-report REF --out DIR`). Returns the
/// two paths. The folder is checked before anything is recorded; if the PDF's name is taken,
/// nothing is written.
/// `staff_names`, when given, is saved as the setting first (in the same write).
pub fn export(store: &Store, reference: &str, folder: &Path, staff_names: Option<bool>) -> Result<(PathBuf, PathBuf)> {
    let reference = checked_reference(reference)?;
    let pdf = folder.join(file_name(&reference, "pdf"));
    let json = folder.join(file_name(&reference, "json"));
    crate::export::check_folder(&pdf, crate::export::ACCESS_REPORT)?;
    if pdf.symlink_metadata().is_ok() || json.symlink_metadata().is_ok() {
        return Err(Error::Refused("the file already exists and is not replaced".into()));
    }
    let files = make_with(store, &reference, staff_names)?;
    let (pdf, json) = (folder.join(&files.pdf_name), folder.join(&files.json_name));
    crate::export::write_export(&pdf, &files.pdf, crate::export::ACCESS_REPORT)?;
    if let Err(e) = crate::export::write_export(&json, &files.json, crate::export::ACCESS_REPORT) {
        let _ = std::fs::remove_file(&pdf);
        return Err(e);
    }
    Ok((pdf, json))
}

/// Saves a case's access report's PDF where the user chose in the native save dialog (which has
/// already asked about replacing), and its JSON beside it under the same name with `.json`
/// (replacing too: the dialog's choice covers the pair). Returns the PDF's path.
pub fn save(store: &Store, reference: &str, path: &Path) -> Result<PathBuf> {
    let files = make(store, reference)?;
    crate::export::write_export_replacing(path, &files.pdf, crate::export::CHOSEN_FILE)?;
    let json = path.with_extension("json");
    crate::export::write_export_replacing(&json, &files.json, crate::export::CHOSEN_FILE)?;
    Ok(path.to_path_buf())
}

/// Formats an instant as "25. nov. 2026 kl. 14.05" (Copenhagen).
pub(crate) fn when(t: Stamp) -> String {
    format!("{} kl. {}", format_date(t.instant()), format_time(t.instant()))
}
