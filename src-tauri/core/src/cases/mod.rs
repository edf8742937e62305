//! The case register: every intake becomes a case with a readable, never-reused reference
//! (`ØJP-2026-0042`), a stage, notes, and an immutable history of every change. Reads of a case
//! are written to the audit log.
//!
//! Each submodule owns its table: `register` (`cases`), `reference` (`case_sequence`), `notes`
//! (`case_notes`), `history` (`case_history`), `search` (`case_search`); `stage` holds the stage
//! rules. The functions here are the public operations: each runs in one [`Store::write`] (one
//! immediate transaction with its audit event) or one logged [`Store::read`].

pub mod history;
pub mod notes;
pub(crate) mod reference;
pub(crate) mod register;
pub mod search;
pub mod stage;

pub use history::HistoryEntry;
pub use notes::Note;
pub use register::{CaseRow, CaseSummary};
pub use search::{MatchedIn, Snippet, SnippetField, SnippetPart, fts_query};
pub use stage::{MoveRule, Outcome, Stage, check_move, move_rule};

use crate::audit::AuditEvent;
use crate::dates::Stamp;
use crate::district;
use crate::error::{Error, Result};
use crate::intake::{self, Category, Channel, Gender, Indicator, IntakeReport, Urgency};
use crate::op::{Op, Reader};
use crate::store::Store;
use crate::text::clean_text;
use serde::{Deserialize, Serialize};

/// What intake returns: the reference, and where the case now is.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IntakeReceipt {
    pub reference: String,
    /// The police district's name, e.g. "Østjyllands Politi".
    pub police_district: String,
    /// The stage's Danish label, "Ny henvendelse".
    pub stage: String,
    /// The code of the police district the person's municipality belongs to, e.g. "ØJP".
    pub district_code: String,
    /// That district's name as the screens show it ([`district::display_name`]), e.g. "Infohus Østjylland".
    pub district_name: String,
    /// True when the case belongs to the coordinator's own infohus (then it is on the board);
    /// false for another district's case, which waits to be forwarded there.
    pub home: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct CaseDetail {
    /// The case's own fields (flattened: the UI reads `detail.reference`, `detail.caller`, …).
    #[serde(flatten)]
    pub case: CaseRow,
    pub notes: Vec<Note>,
    /// Open items first (by due date), then done and cancelled ones.
    pub action_items: Vec<crate::actions::ActionItem>,
    pub history: Vec<HistoryEntry>,
    /// The sealed files sent for it (»Send til Infohus …»), with their confirmations.
    pub handovers: Vec<crate::handover::SentHandover>,
}

impl std::ops::Deref for CaseDetail {
    type Target = CaseRow;
    fn deref(&self) -> &CaseRow {
        &self.case
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    #[default]
    ReceivedDesc,
    ReceivedAsc,
    Reference,
    Urgency,
    UpdatedDesc,
}

/// Filters, sort and page for the case list. Empty fields do not filter.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default, deny_unknown_fields)]
pub struct CaseFilter {
    #[specta(optional)]
    pub stage: Option<Stage>,
    #[specta(optional)]
    pub district_code: Option<String>,
    #[specta(optional)]
    pub category: Option<Category>,
    #[specta(optional)]
    pub urgency: Option<Urgency>,
    #[specta(optional)]
    pub channel: Option<Channel>,
    /// Age this year, from the birth year (cases without a birth year are left out when set).
    #[specta(optional)]
    pub age_min: Option<u8>,
    #[specta(optional)]
    pub age_max: Option<u8>,
    pub sort: CaseSort,
    pub offset: u32,
    /// 1–500; 0 means the default of 50.
    pub limit: u32,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CasePage {
    pub total: u64,
    pub offset: u32,
    pub cases: Vec<CaseSummary>,
}

/// A change to a case. Fields left out are unchanged; each change is validated like intake and
/// recorded in the history. A stage change goes through [`transition`]'s rules.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default, deny_unknown_fields)]
pub struct CaseEdit {
    #[specta(optional)]
    pub stage: Option<Stage>,
    /// Required when the stage becomes `closed`.
    #[specta(optional)]
    pub outcome: Option<Outcome>,
    /// Why the stage changes; required when a closed case is reopened or a forwarded one taken back.
    #[specta(optional)]
    pub reason: Option<String>,
    #[specta(optional)]
    pub pseudonym: Option<String>,
    #[specta(optional)]
    pub birth_year: Option<i32>,
    #[specta(optional)]
    pub gender: Option<Gender>,
    #[specta(optional)]
    pub municipality: Option<String>,
    #[specta(optional)]
    pub category: Option<Category>,
    #[specta(optional)]
    pub indicators: Option<Vec<Indicator>>,
    #[specta(optional)]
    pub urgency: Option<Urgency>,
    #[specta(optional)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SearchHit {
    #[serde(flatten)]
    pub case: CaseSummary,
    /// Where the best match was: the case itself or one of its notes.
    pub matched_in: MatchedIn,
    /// Why it matched: the field and a short excerpt with the matching words marked. None only
    /// when the words matched across fields that each hold none of them alone (not expected).
    pub snippet: Option<Snippet>,
}

/// The longest reason for a move or a forwarding.
pub const REASON_MAX: usize = 500;
/// The longest search query.
pub const SEARCH_QUERY_MAX: usize = 200;
/// The most cases on one page of the list.
pub const LIST_PAGE_MAX: u32 = 500;

fn detail(db: &Reader<'_>, id: i64, now: chrono::DateTime<chrono::Utc>) -> Result<CaseDetail> {
    Ok(CaseDetail {
        case: register::read(db, id)?,
        notes: notes::for_case(db, id)?,
        action_items: crate::actions::for_case(db, id, crate::dates::Day::of(now))?,
        history: history::for_case(db, id)?,
        handovers: crate::handover::sent_for_case(db, id)?,
    })
}

/// A validated, trimmed reason (empty when none was given).
fn clean_reason(reason: Option<&str>) -> Result<Option<String>> {
    reason.map(|r| clean_text("reason", r, REASON_MAX, true)).transpose().map(|r| r.filter(|r| !r.is_empty()))
}

/// Creates a case from a validated report, in the operation's transaction. Returns (id, reference).
pub fn create(op: &Op<'_>, v: &intake::ValidIntake) -> Result<(i64, String)> {
    let year = Stamp::new(v.received_at).year_in_copenhagen();
    let reference = reference::next(op, v.route.police_district.code, year)?;
    let id = register::insert(op, &reference, v)?;
    history::record(op, id, "created", None, Some(&reference), None)?;
    let r = &v.report;
    search::index_case(op, id, &reference, &r.subject.pseudonym, &r.subject.municipality, &r.description)?;
    Ok((id, reference))
}

/// Validates a concern report and stores it as a new case (one transaction).
pub fn intake(store: &Store, report: IntakeReport) -> Result<IntakeReceipt> {
    let v = report.validate(store.now())?;
    let home = store.profile()?.district_code == v.route.police_district.code;
    let reference = store.write(|op| {
        let (_, reference) = create(op, &v)?;
        op.audit(AuditEvent::CaseCreated { reference: reference.clone() });
        Ok(reference)
    })?;
    Ok(IntakeReceipt {
        reference,
        police_district: v.route.police_district.name.to_string(),
        stage: Stage::NewConcern.label_da().to_string(),
        district_code: v.route.police_district.code.to_string(),
        district_name: district::display_name(v.route.police_district.code).to_string(),
        home,
    })
}

/// The case list: filtered, sorted, one page.
pub fn list(store: &Store, filter: &CaseFilter) -> Result<CasePage> {
    use rusqlite::types::Value;
    let mut q = register::ListQuery { clauses: Vec::new(), args: Vec::new(), order: "", limit: 50, offset: 0 };
    let mut push = |clause: &'static str, v: Value| {
        q.clauses.push(clause);
        q.args.push(v);
    };
    if let Some(s) = filter.stage {
        push("c.stage = ?", Value::Text(s.as_str().into()));
    }
    if let Some(d) = &filter.district_code {
        if district::by_code(d).is_none() {
            return Err(Error::invalid("district_code", "ukendt politikreds"));
        }
        push("c.district_code = ?", Value::Text(d.clone()));
    }
    if let Some(c) = filter.category {
        push("c.category = ?", Value::Text(c.as_str().into()));
    }
    if let Some(u) = filter.urgency {
        push("c.urgency = ?", Value::Text(u.as_str().into()));
    }
    if let Some(ch) = filter.channel {
        push("c.channel = ?", Value::Text(ch.as_str().into()));
    }
    let year = i64::from(intake::year_at(store.now()));
    if let Some(min) = filter.age_min {
        push("c.birth_year <= ?", Value::Integer(year - i64::from(min)));
    }
    if let Some(max) = filter.age_max {
        push("c.birth_year >= ?", Value::Integer(year - i64::from(max)));
    }
    q.limit = match filter.limit {
        0 => 50,
        n if n <= LIST_PAGE_MAX => n,
        _ => return Err(Error::invalid("limit", format!("højst {LIST_PAGE_MAX} sager pr. side"))),
    };
    q.offset = filter.offset;
    q.order = match filter.sort {
        CaseSort::ReceivedDesc => "c.received_at DESC, c.id DESC",
        CaseSort::ReceivedAsc => "c.received_at ASC, c.id ASC",
        CaseSort::Reference => "c.reference ASC",
        CaseSort::Urgency => {
            "CASE c.urgency WHEN 'acute' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, c.received_at DESC, c.id DESC"
        }
        CaseSort::UpdatedDesc => "c.updated_at DESC, c.id DESC",
    };
    store.read(|r| {
        let (total, cases) = register::list(r, &q)?;
        r.audit(AuditEvent::CasesListed { refs: cases.iter().map(|c| c.reference.clone()).collect() });
        Ok(CasePage { total, offset: filter.offset, cases })
    })
}

/// A case with notes and history. The read is recorded in the audit log.
pub fn get(store: &Store, reference: &str) -> Result<CaseDetail> {
    store.read(|r| {
        let id = register::id_of(r, reference)?;
        let d = detail(r, id, r.now())?;
        r.audit(AuditEvent::CaseRead { reference: d.summary.reference.clone() });
        Ok(d)
    })
}

/// Adds a timestamped note by the coordinator.
pub fn add_note(store: &Store, reference: &str, body: &str) -> Result<Note> {
    let body = clean_text("body", body, intake::NOTE_MAX, true)?;
    if body.is_empty() {
        return Err(Error::invalid("body", "skal udfyldes"));
    }
    store.write(|op| {
        let id = register::id_of(op, reference)?;
        let note = notes::add(op, id, &body)?;
        register::touch(op, id)?;
        op.audit(AuditEvent::CaseNoteAdded { reference: reference.trim().to_string() });
        Ok(note)
    })
}

/// Why a case of another infohus is not changed here (`invalid_input`).
pub const NOT_OWN_CASE: &str =
    "sagen hører til et andet infohus; her kan den læses og videresendes, men ikke flyttes, markeres eller få opgaver";

/// The one check before a case's stage, meeting flag or action items change (the board, the case
/// panel, the CLI, meetings and their finalizing all come through here): the case belongs to the
/// coordinator's home infohus (its police district), or was forwarded to it. Another district's
/// case can be read, forwarded (and the forwarding undone), nothing else. `invalid_input` on
/// `reference`.
pub fn ensure_own(db: &Reader<'_>, case_id: i64) -> Result<()> {
    let home = crate::profile::read(db)?.district_code;
    let (district, forwarded_to) = register::districts(db, case_id)?;
    if district == home || forwarded_to.as_deref() == Some(home.as_str()) {
        Ok(())
    } else {
        Err(Error::invalid("reference", NOT_OWN_CASE))
    }
}

/// Moves a case to another stage: the one function that holds the stage rules ([`check_move`]),
/// used by the case panel, the CLI, the board and meetings; only a case of the home infohus
/// ([`ensure_own`]). Writes the stage, the outcome and the reason to the history, in the
/// operation's transaction.
pub fn transition_in(
    op: &mut Op<'_>,
    id: i64,
    to: Stage,
    reason: Option<&str>,
    outcome: Option<Outcome>,
) -> Result<()> {
    ensure_own(op, id)?;
    move_in(op, id, to, reason, outcome)
}

/// [`transition_in`] without the home check: undoing a forwarding, which any case may.
fn move_in(op: &mut Op<'_>, id: i64, to: Stage, reason: Option<&str>, outcome: Option<Outcome>) -> Result<()> {
    let before = register::read(op, id)?;
    let from = before.summary.stage;
    let reason = clean_reason(reason)?;
    check_move(from, to, outcome, reason.as_deref())?;
    if from == to && before.outcome == outcome {
        return Ok(());
    }
    register::set_stage(op, id, to, outcome)?;
    if from != to {
        history::record(op, id, "stage", Some(from.as_str()), Some(to.as_str()), reason.as_deref())?;
    }
    if before.outcome != outcome {
        history::record(
            op,
            id,
            "outcome",
            before.outcome.map(Outcome::as_str),
            outcome.map(Outcome::as_str),
            reason.as_deref(),
        )?;
    }
    if let Some(fwd) = before.forwarded_to.as_deref() {
        history::record(op, id, "forwarded_to", Some(fwd), None, None)?;
    }
    op.audit(AuditEvent::CaseStageChanged { reference: before.summary.reference });
    Ok(())
}

/// Moves a case to `to` (see [`transition_in`]); returns the case as it is now.
pub fn transition(
    store: &Store,
    reference: &str,
    to: Stage,
    reason: Option<&str>,
    outcome: Option<Outcome>,
) -> Result<CaseDetail> {
    store.write(|op| {
        let id = register::id_of(op, reference)?;
        transition_in(op, id, to, reason, outcome)?;
        detail(op, id, op.now())
    })
}

/// Back to Afsluttet: the outcome the case had there (the latest one cleared), from its history.
fn outcome_before(entries: &[HistoryEntry]) -> Option<Outcome> {
    entries
        .iter()
        .rev()
        .find(|h| h.field == "outcome" && h.new_value.is_none())
        .and_then(|h| h.old_value.as_deref())
        .and_then(Outcome::parse)
}

/// The reason written to the history when a move is undone.
pub const UNDO_REASON: &str = "Flytningen er fortrudt";

/// How the reason of a stage change decided by a finalized meeting begins ("Besluttet på møde
/// 23/2026"); the history entry just before it names the meeting (`meeting`).
pub const DECIDED_AT_MEETING: &str = "Besluttet på møde";

/// True when the history entry at `i` (a stage change) was made by finalizing a meeting.
fn decided_at_meeting(entries: &[HistoryEntry], i: usize) -> bool {
    let by_meeting = entries[i].reason.as_deref().is_some_and(|r| r.starts_with(DECIDED_AT_MEETING));
    by_meeting && i > 0 && entries[i - 1].field == "meeting"
}

/// Undoes the coordinator's own latest stage move (the board's "Fortryd"), one step back: moves
/// the case back where it came from through the same rules, with the outcome it had when it comes
/// back to Afsluttet; the undo is itself in the history. Refused (`invalid_input` on `stage`, in
/// Danish): a second undo (an undo is not undone; the case is moved again instead), a move by
/// someone else (a demo's, an earlier coordinator's), a stage decided by a finalized meeting or a
/// case discussed at one since the move (its minutes say where the case stands: it is changed by
/// a new move with a reason), forwarding and taking back.
pub fn undo_move(store: &Store, reference: &str) -> Result<CaseDetail> {
    store.write(|op| {
        let id = register::id_of(op, reference)?;
        let now = register::read(op, id)?;
        let entries = history::for_case(op, id)?;
        let nothing = || Error::invalid("stage", "der er ingen flytning at fortryde");
        let i = entries.iter().rposition(|h| h.field == "stage").ok_or_else(nothing)?;
        let last = &entries[i];
        if last.new_value.as_deref() != Some(now.summary.stage.as_str()) {
            return Err(nothing());
        }
        if decided_at_meeting(&entries, i) || entries[i + 1..].iter().any(|h| h.field == "meeting") {
            return Err(Error::invalid(
                "stage",
                "fasen er besluttet på et møde og kan ikke fortrydes; flyt sagen med en begrundelse",
            ));
        }
        if last.reason.as_deref() == Some(UNDO_REASON) {
            return Err(Error::invalid(
                "stage",
                "flytningen er allerede fortrudt; flyt sagen igen, hvis den skal tilbage",
            ));
        }
        if last.reason.as_deref() == Some(UNDO_FORWARD_REASON) {
            return Err(nothing());
        }
        if last.actor != op.actor() {
            return Err(Error::invalid(
                "stage",
                "kun din egen seneste flytning kan fortrydes; flyt sagen med en begrundelse",
            ));
        }
        let back = last.old_value.as_deref().and_then(Stage::parse).ok_or_else(nothing)?;
        if back == Stage::Forwarded || now.summary.stage == Stage::Forwarded {
            return Err(Error::invalid(
                "stage",
                "en videresendelse fortrydes ikke her; tag sagen tilbage med en begrundelse",
            ));
        }
        let outcome = (back == Stage::Closed).then(|| outcome_before(&entries)).flatten();
        if back == Stage::Closed && outcome.is_none() {
            return Err(Error::invalid("outcome", "udfaldet kan ikke findes; afslut sagen igen med et udfald"));
        }
        // When the case entered the stage it goes back to: the move into it before, else its creation.
        let entered = entries[..i]
            .iter()
            .rev()
            .find(|h| h.field == "stage" && h.new_value.as_deref() == Some(back.as_str()))
            .or_else(|| entries.iter().find(|h| h.field == "created"))
            .map(|h| h.at);
        transition_in(op, id, back, Some(UNDO_REASON), outcome)?;
        // The card comes back exactly as it was: its days in the stage too.
        if let Some(at) = entered {
            register::restore_entered(op, id, at)?;
        }
        detail(op, id, op.now())
    })
}

/// Flags a case for the next meeting's agenda ("til møde"), or removes the flag.
pub fn set_meeting_flag(store: &Store, reference: &str, on: bool) -> Result<CaseDetail> {
    store.write(|op| {
        let id = register::id_of(op, reference)?;
        set_meeting_flag_in(op, id, on)?;
        detail(op, id, op.now())
    })
}

/// Flags (or unflags) a case for the next meeting in the operation's transaction; a change goes
/// into the history.
pub fn set_meeting_flag_in(op: &mut Op<'_>, id: i64, on: bool) -> Result<()> {
    ensure_own(op, id)?;
    let before = register::set_meeting_flag(op, id, on)?;
    if before != on {
        let v = |b: bool| if b { "til møde" } else { "ikke til møde" };
        history::record(op, id, "meeting_flag", Some(v(before)), Some(v(on)), None)?;
    }
    let reference = register::summary(op, id)?.reference;
    op.audit(AuditEvent::CaseMeetingFlagged { reference });
    Ok(())
}

/// Applies an edit: validates every field like intake, moves the stage through [`transition_in`],
/// writes the changed fields and one history entry per change, in one transaction.
pub fn update(store: &Store, reference: &str, edit: CaseEdit) -> Result<CaseDetail> {
    let now = store.now();
    store.write(|op| {
        let id = register::id_of(op, reference)?;
        let before = register::read(op, id)?;
        let mut changes: Vec<(&'static str, Option<String>, Option<String>)> = Vec::new();
        let mut set = |field: &'static str, old: Option<String>, new: Option<String>| {
            if old != new {
                changes.push((field, old, new));
            }
        };
        if let Some(p) = &edit.pseudonym {
            let p = clean_text("subject.pseudonym", p, intake::PSEUDONYM_MAX, false)?;
            if p.is_empty() {
                return Err(Error::invalid("subject.pseudonym", "skal udfyldes"));
            }
            set("pseudonym", Some(before.summary.pseudonym.clone()), Some(p));
        }
        if let Some(y) = edit.birth_year {
            intake::validate_birth_year(Some(y), now)?;
            set("birth_year", before.summary.birth_year.map(|y| y.to_string()), Some(y.to_string()));
        }
        if let Some(g) = edit.gender {
            set("gender", before.gender.map(|g| g.as_str().into()), Some(g.as_str().into()));
        }
        if let Some(m) = &edit.municipality {
            let route = crate::routing::route(m).map_err(|e| match e {
                Error::Invalid { reason, .. } => Error::invalid("subject.municipality", reason),
                other => other,
            })?;
            if route.police_district.code != before.summary.district_code {
                return Err(Error::invalid(
                    "subject.municipality",
                    format!(
                        "{} hører under {}; videresend sagen dertil",
                        route.municipality, route.police_district.infohus
                    ),
                ));
            }
            set("municipality", Some(before.summary.municipality.clone()), Some(route.municipality.into()));
        }
        if let Some(c) = edit.category {
            set("category", Some(before.summary.category.as_str().into()), Some(c.as_str().into()));
        }
        if let Some(i) = &edit.indicators {
            let mut i = i.clone();
            i.sort_by_key(|x| Indicator::ALL.iter().position(|a| a == x));
            i.dedup();
            let json = |v: &[Indicator]| serde_json::to_string(v).map_err(|_| Error::Internal("indicators as JSON"));
            set("indicators", Some(json(&before.indicators)?), Some(json(&i)?));
        }
        if let Some(u) = edit.urgency {
            set("urgency", Some(before.summary.urgency.as_str().into()), Some(u.as_str().into()));
            if u == Urgency::Acute && !before.summary.police_flag {
                set("police_flag", Some("0".into()), Some("1".into()));
            }
        }
        if let Some(d) = &edit.description {
            let d = clean_text("description", d, intake::DESCRIPTION_MAX, true)?;
            if d.is_empty() {
                return Err(Error::invalid("description", "skal udfyldes"));
            }
            set("description", Some(before.description.clone()), Some(d));
        }
        let moves = match edit.stage {
            Some(to) => to != before.summary.stage || (to == Stage::Closed && edit.outcome != before.outcome),
            None if edit.outcome.is_some() => {
                return Err(Error::invalid("outcome", "udfald angives kun, når sagen afsluttes"));
            }
            None => false,
        };
        if moves {
            transition_in(op, id, edit.stage.unwrap_or(before.summary.stage), edit.reason.as_deref(), edit.outcome)?;
        }
        if !changes.is_empty() {
            let fields: Vec<(&'static str, Option<String>)> =
                changes.iter().map(|(f, _, new)| (*f, new.clone())).collect();
            register::set_fields(op, id, &fields)?;
            for (field, old, new) in &changes {
                history::record(op, id, field, old.as_deref(), new.as_deref(), None)?;
            }
            if changes.iter().any(|(f, ..)| ["pseudonym", "municipality", "description"].contains(f)) {
                let now = register::read(op, id)?;
                search::index_case(
                    op,
                    id,
                    &now.summary.reference,
                    &now.summary.pseudonym,
                    &now.summary.municipality,
                    &now.description,
                )?;
            }
            op.audit(AuditEvent::CaseUpdated { reference: before.summary.reference.clone() });
        }
        if !moves && changes.is_empty() {
            // Nothing changed: nothing is written, but the read of the case is logged.
            op.audit(AuditEvent::CaseRead { reference: before.summary.reference.clone() });
        }
        detail(op, id, op.now())
    })
}

/// Forwards a case to another district's infohus: stage Videresendt, with who, when and why in
/// the history. Any infohus but the coordinator's own may receive it, also the district the case
/// belongs to (a concern taken here about a person living elsewhere).
pub fn forward(store: &Store, reference: &str, to_district: &str, reason: &str) -> Result<CaseDetail> {
    store.write(|op| {
        let id = register::id_of(op, reference)?;
        forward_in(op, id, to_district, reason)?;
        detail(op, id, op.now())
    })
}

/// [`forward`] in the operation's transaction (also the demo's forwarding of other districts'
/// cases): any case may be forwarded, to any infohus but the home one.
pub fn forward_in(op: &mut Op<'_>, id: i64, to_district: &str, reason: &str) -> Result<()> {
    let to = forward_target(op, id, to_district)?;
    let reason = clean_text("reason", reason, REASON_MAX, true)?;
    if reason.is_empty() {
        return Err(Error::invalid("reason", "skriv hvorfor sagen videresendes"));
    }
    let before = register::read(op, id)?;
    register::set_forwarded(op, id, to)?;
    history::record(op, id, "stage", Some(before.summary.stage.as_str()), Some("forwarded"), None)?;
    if let Some(outcome) = before.outcome {
        history::record(op, id, "outcome", Some(outcome.as_str()), None, None)?;
    }
    history::record(op, id, "forwarded_to", before.forwarded_to.as_deref(), Some(to), Some(&reason))?;
    op.audit(AuditEvent::CaseForwarded { reference: before.summary.reference });
    Ok(())
}

/// The infohus a case may be forwarded to (its code), by the one rule for the case panel and a
/// meeting's decision: a known district or the hotline (`to_district` names either), not the
/// coordinator's own infohus, and not where the case is already forwarded.
pub fn forward_target(db: &Reader<'_>, id: i64, to_district: &str) -> Result<&'static str> {
    let to = district::find(to_district).ok_or_else(|| Error::invalid("to_district", "ukendt politikreds"))?;
    let home = crate::profile::read(db)?.district_code;
    // The hotline's two sites pass cases to each other (both have the hotline as their home).
    if to.code == home && !district::is_hotline(&home) {
        return Err(Error::invalid("to_district", "sagen er allerede i dette infohus"));
    }
    let before = register::read(db, id)?;
    if before.summary.stage == Stage::Forwarded && before.forwarded_to.as_deref() == Some(to.code) {
        return Err(Error::invalid("to_district", "sagen er allerede videresendt dertil"));
    }
    Ok(to.code)
}

/// The reason written to the history when a forwarding is undone.
pub const UNDO_FORWARD_REASON: &str = "Videresendelsen er fortrudt";

/// Undoes the case's latest forwarding (the "Fortryd" right after »Videresend«): the case goes
/// back to the stage it came from — through [`transition_in`]'s rules, with the outcome it had
/// when that was Afsluttet — and the undo is itself in the history (stage, forwarded_to, reason).
/// Refused when the case has moved since, or was already forwarded before.
pub fn undo_forward(store: &Store, reference: &str) -> Result<CaseDetail> {
    store.write(|op| {
        let id = register::id_of(op, reference)?;
        let now = register::read(op, id)?;
        let entries = history::for_case(op, id)?;
        let nothing = || Error::invalid("stage", "der er ingen videresendelse at fortryde");
        let last = entries.iter().rev().find(|h| h.field == "stage").ok_or_else(nothing)?;
        if now.summary.stage != Stage::Forwarded || last.new_value.as_deref() != Some(Stage::Forwarded.as_str()) {
            return Err(nothing());
        }
        let back = last.old_value.as_deref().and_then(Stage::parse).ok_or_else(nothing)?;
        if back == Stage::Forwarded {
            return Err(Error::invalid(
                "stage",
                "sagen var allerede videresendt; videresend den igen til det rigtige infohus",
            ));
        }
        let outcome = if back == Stage::Closed {
            Some(
                outcome_before(&entries)
                    .ok_or(Error::invalid("outcome", "udfaldet kan ikke findes; afslut sagen igen med et udfald"))?,
            )
        } else {
            None
        };
        move_in(op, id, back, Some(UNDO_FORWARD_REASON), outcome)?;
        op.audit(AuditEvent::CaseForwardUndone { reference: now.summary.reference });
        detail(op, id, op.now())
    })
}

/// The best-matching cases for a query (at most `limit`), over references, pseudonyms,
/// municipalities, descriptions and notes: the cases of the coordinator's own district first,
/// each group best first; each with a snippet of why it matched. The query itself is not logged.
pub fn search(store: &Store, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
    if query.chars().count() > SEARCH_QUERY_MAX {
        return Err(Error::invalid("query", format!("højst {SEARCH_QUERY_MAX} tegn")));
    }
    let Some(q) = fts_query(query) else { return Ok(Vec::new()) };
    let words = search::query_terms(query);
    let limit = limit.clamp(1, 200);
    store.read(|r| {
        let home = crate::profile::read(r)?.district_code;
        // Rank once in FTS5 (best first), keep the first hit per case, then the own district's
        // cases first (a stable sort keeps the rank within each group).
        let rows = search::ranked(r, &q, limit * 10)?;
        let mut seen = std::collections::HashSet::new();
        // (case id, the matching note's text when a note matched, the case)
        let mut found: Vec<(i64, Option<String>, CaseSummary)> = Vec::new();
        for rowid in rows {
            let (case_id, note) = if rowid < 0 {
                (-rowid, None)
            } else {
                match notes::case_and_body(r, rowid)? {
                    Some((id, body)) => (id, Some(body)),
                    None => continue,
                }
            };
            if seen.insert(case_id) {
                found.push((case_id, note, register::summary(r, case_id)?));
            }
        }
        found.sort_by_key(|(_, _, s)| s.district_code != home);
        found.truncate(limit as usize);
        let mut hits = Vec::with_capacity(found.len());
        for (case_id, note, case) in found {
            let (matched_in, snippet) = match note {
                Some(body) => (MatchedIn::Note, search::best_snippet(&[(SnippetField::Note, &body)], &words)),
                None => {
                    let description = register::description(r, case_id)?;
                    let fields = [
                        (SnippetField::Reference, case.reference.as_str()),
                        (SnippetField::Pseudonym, case.pseudonym.as_str()),
                        (SnippetField::Municipality, case.municipality.as_str()),
                        (SnippetField::Description, description.as_str()),
                    ];
                    (MatchedIn::Case, search::best_snippet(&fields, &words))
                }
            };
            hits.push(SearchHit { case, matched_in, snippet });
        }
        r.audit(AuditEvent::CasesSearched { refs: hits.iter().map(|h| h.case.reference.clone()).collect() });
        Ok(hits)
    })
}

/// Deletes a case completely — its index entries, notes, history and the row — each module its
/// own rows, in one transaction. The reference is never reused. (Retention will call this.)
pub fn purge(store: &Store, reference: &str) -> Result<()> {
    store.write(|op| {
        let id = register::id_of(op, reference)?;
        let reference = register::summary(op, id)?.reference;
        purge_in(op, id)?;
        op.audit(AuditEvent::CasePurged { reference });
        Ok(())
    })
}

/// Deletes a case completely in the operation's transaction: each module its own rows (action
/// items, search index entries, notes, history, retention extensions, its entries in meetings
/// not finalized), then the row. Finalized minutes keep what they recorded (their item's link
/// to the case goes NULL) until their own deletion date.
pub fn purge_in(op: &Op<'_>, id: i64) -> Result<()> {
    crate::actions::purge(op, id)?;
    crate::meetings::stored::purge_case(op, id)?;
    crate::retention::purge(op, id)?;
    crate::handover::stored::purge(op, id)?;
    search::purge(op, id, &notes::ids_for_case(op, id)?)?;
    notes::purge(op, id)?;
    history::purge(op, id)?;
    register::purge(op, id)
}
