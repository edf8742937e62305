//! The case register: every intake becomes a case with a readable, never-reused reference
//! (`ØJP-2026-0042`), a stage, notes, and an immutable history of every change. Reads of a case
//! are written to the audit log.

use crate::audit;
use crate::board::Stage;
use crate::district;
use crate::error::{Error, Result};
use crate::intake::{self, Caller, Category, Channel, Gender, Indicator, IntakeReport, Urgency, clean_text};
use crate::store::Store;
use crate::text::fold;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Unfounded,
    Completed,
    HandedToPolice,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Unfounded => "unfounded",
            Outcome::Completed => "completed",
            Outcome::HandedToPolice => "handed_to_police",
        }
    }
}

/// What intake returns.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IntakeReceipt {
    pub reference: String,
    /// The police district's name, e.g. "Østjyllands Politi".
    pub police_district: String,
    /// The stage's Danish label, "Ny henvendelse".
    pub stage: String,
}

/// One row of the case list or the board.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct CaseSummary {
    pub reference: String,
    pub district_code: String,
    pub stage: Stage,
    pub pseudonym: String,
    pub birth_year: Option<i32>,
    pub municipality: String,
    pub category: Category,
    pub urgency: Urgency,
    pub channel: Channel,
    pub police_flag: bool,
    pub received_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Note {
    pub at: String,
    pub author: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct HistoryEntry {
    pub at: String,
    pub actor: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub summary: CaseSummary,
    pub outcome: Option<Outcome>,
    pub forwarded_to: Option<String>,
    pub caller: Caller,
    pub gender: Option<Gender>,
    pub indicators: Vec<Indicator>,
    pub description: String,
    pub created_at: String,
    pub created_by: String,
    pub notes: Vec<Note>,
    pub history: Vec<HistoryEntry>,
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
/// recorded in the history.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default, deny_unknown_fields)]
pub struct CaseEdit {
    #[specta(optional)]
    pub stage: Option<Stage>,
    /// Required when the stage becomes `closed`.
    #[specta(optional)]
    pub outcome: Option<Outcome>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MatchedIn {
    Case,
    Note,
}

fn parse_enum<'de, T: Deserialize<'de>>(s: &'de str) -> rusqlite::Result<T> {
    use serde::de::IntoDeserializer;
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(s))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

const SUMMARY_COLUMNS: &str = "c.reference, c.district_code, c.stage, c.pseudonym, c.birth_year, c.municipality, \
     c.category, c.urgency, c.channel, c.police_flag, c.received_at, c.updated_at";

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<CaseSummary> {
    Ok(CaseSummary {
        reference: r.get(0)?,
        district_code: r.get(1)?,
        stage: parse_enum(&r.get::<_, String>(2)?)?,
        pseudonym: r.get(3)?,
        birth_year: r.get(4)?,
        municipality: r.get(5)?,
        category: parse_enum(&r.get::<_, String>(6)?)?,
        urgency: parse_enum(&r.get::<_, String>(7)?)?,
        channel: parse_enum(&r.get::<_, String>(8)?)?,
        police_flag: r.get(9)?,
        received_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// The next reference for a district and year, in the caller's transaction.
fn next_reference(conn: &Connection, district_code: &str, year: i16) -> Result<String> {
    let seq: i64 = conn
        .prepare_cached(
            "INSERT INTO case_sequence (district_code, year, last) VALUES (?1, ?2, 1)
         ON CONFLICT (district_code, year) DO UPDATE SET last = last + 1
         RETURNING last",
        )?
        .query_row(params![district_code, year], |r| r.get(0))?;
    Ok(format!("{district_code}-{year}-{seq:04}"))
}

/// The searchable text of a case itself (folded; see text.rs).
fn case_search_text(reference: &str, pseudonym: &str, municipality: &str, description: &str) -> String {
    fold(&format!("{reference} {pseudonym} {municipality} {description}"))
}

fn index_case(conn: &Connection, id: i64) -> Result<()> {
    let (reference, pseudonym, municipality, description): (String, String, String, String) =
        conn.query_row("SELECT reference, pseudonym, municipality, description FROM cases WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    conn.execute("DELETE FROM case_search WHERE rowid = ?1", [-id])?;
    conn.execute(
        "INSERT INTO case_search (rowid, body) VALUES (?1, ?2)",
        params![-id, case_search_text(&reference, &pseudonym, &municipality, &description)],
    )?;
    Ok(())
}

/// Who made a change, and when (RFC 3339).
struct Stamp<'a> {
    actor: &'a str,
    at: &'a str,
}

fn history(
    conn: &Connection,
    case_id: i64,
    by: &Stamp<'_>,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
    reason: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO case_history (case_id, at, actor, field, old_value, new_value, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![case_id, by.at, by.actor, field, old, new, reason])?;
    Ok(())
}

/// Inserts a validated report as a new case, in the caller's transaction. Returns (id, reference).
pub(crate) fn insert_case(
    conn: &Connection,
    actor: &str,
    v: &intake::ValidIntake,
    created_at: &str,
) -> Result<(i64, String)> {
    let r = &v.report;
    let district_code = v.route.police_district.code;
    let year = v.received_at.to_zoned_datetime(crate::dates::copenhagen()).year();
    let reference = next_reference(conn, district_code, year)?;
    let indicators = serde_json::to_string(&r.indicators).expect("JSON");
    let received_at = crate::dates::stamp(v.received_at);
    conn.prepare_cached(
        "INSERT INTO cases (reference, district_code, stage, received_at, channel, caller_type, caller_name,
             caller_phone, caller_email, pseudonym, birth_year, gender, municipality, category, indicators,
             urgency, police_flag, description, created_at, created_by, updated_at)
         VALUES (?1, ?2, 'new_concern', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?18)",
    )?
    .execute(params![
            reference,
            district_code,
            received_at,
            r.channel.as_str(),
            r.caller.caller_type.as_str(),
            r.caller.name,
            r.caller.phone,
            r.caller.email,
            r.subject.pseudonym,
            r.subject.birth_year,
            r.subject.gender.map(Gender::as_str),
            r.subject.municipality,
            r.category.as_str(),
            indicators,
            r.urgency.as_str(),
            r.urgency == Urgency::Acute,
            r.description,
            created_at,
            actor,
    ])?;
    let id = conn.last_insert_rowid();
    history(conn, id, &Stamp { actor, at: created_at }, "created", None, Some(&reference), None)?;
    conn.prepare_cached("INSERT INTO case_search (rowid, body) VALUES (?1, ?2)")?.execute(params![
        -id,
        case_search_text(&reference, &r.subject.pseudonym, &r.subject.municipality, &r.description)
    ])?;
    Ok((id, reference))
}

pub(crate) fn insert_note(conn: &Connection, case_id: i64, author: &str, at: &str, body: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO case_notes (case_id, at, author, body) VALUES (?1, ?2, ?3, ?4)",
        params![case_id, at, author, body],
    )?;
    let id = conn.last_insert_rowid();
    conn.execute("INSERT INTO case_search (rowid, body) VALUES (?1, ?2)", params![id, fold(body)])?;
    Ok(id)
}

/// Validates a concern report and stores it as a new case (one transaction).
pub fn intake(store: &Store, report: IntakeReport) -> Result<IntakeReceipt> {
    let v = report.validate()?;
    let tx = store.conn().unchecked_transaction()?;
    let (_, reference) = insert_case(&tx, store.actor(), &v, &crate::dates::now_stamp())?;
    audit::record(&tx, store.actor(), "case.created", Some(&reference))?;
    tx.commit()?;
    Ok(IntakeReceipt {
        reference,
        police_district: v.route.police_district.name.to_string(),
        stage: Stage::NewConcern.label_da().to_string(),
    })
}

fn case_id(conn: &Connection, reference: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM cases WHERE reference = ?1", [reference.trim()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Sagen {}", reference.trim())))
}

/// The case list: filtered, sorted, one page.
pub fn list(store: &Store, filter: &CaseFilter) -> Result<CasePage> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let mut push = |clause: &'static str, v: rusqlite::types::Value| {
        clauses.push(clause);
        args.push(v);
    };
    if let Some(s) = filter.stage {
        push("c.stage = ?", s.as_str().to_string().into());
    }
    if let Some(d) = &filter.district_code {
        if district::by_code(d).is_none() {
            return Err(Error::invalid("district_code", "ukendt politikreds"));
        }
        push("c.district_code = ?", d.clone().into());
    }
    if let Some(c) = filter.category {
        push("c.category = ?", c.as_str().to_string().into());
    }
    if let Some(u) = filter.urgency {
        push("c.urgency = ?", u.as_str().to_string().into());
    }
    if let Some(ch) = filter.channel {
        push("c.channel = ?", ch.as_str().to_string().into());
    }
    let year = i64::from(intake::current_year());
    if let Some(min) = filter.age_min {
        push("c.birth_year <= ?", (year - i64::from(min)).into());
    }
    if let Some(max) = filter.age_max {
        push("c.birth_year >= ?", (year - i64::from(max)).into());
    }
    let limit = match filter.limit {
        0 => 50,
        n if n <= 500 => n,
        _ => return Err(Error::invalid("limit", "højst 500 sager pr. side")),
    };
    let where_sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    let order = match filter.sort {
        CaseSort::ReceivedDesc => "c.received_at DESC, c.id DESC",
        CaseSort::ReceivedAsc => "c.received_at ASC, c.id ASC",
        CaseSort::Reference => "c.reference ASC",
        CaseSort::Urgency => {
            "CASE c.urgency WHEN 'acute' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, c.received_at DESC, c.id DESC"
        }
        CaseSort::UpdatedDesc => "c.updated_at DESC, c.id DESC",
    };
    let conn = store.conn();
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM cases c {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let mut page_args = args.clone();
    page_args.push(i64::from(limit).into());
    page_args.push(i64::from(filter.offset).into());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM cases c {where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
    ))?;
    let cases =
        stmt.query_map(rusqlite::params_from_iter(page_args.iter()), summary_from_row)?.collect::<Result<_, _>>()?;
    audit::record_read(conn, store.actor(), "cases.listed", None)?;
    Ok(CasePage { total: total as u64, offset: filter.offset, cases })
}

/// A case with notes and history. The read is recorded in the audit log.
pub fn get(store: &Store, reference: &str) -> Result<CaseDetail> {
    let conn = store.conn();
    let id = case_id(conn, reference)?;
    let detail = read_detail(conn, id)?;
    audit::record_read(conn, store.actor(), "case.read", Some(&detail.summary.reference))?;
    Ok(detail)
}

fn read_detail(conn: &Connection, id: i64) -> Result<CaseDetail> {
    let mut detail = conn.query_row(
        &format!(
            "SELECT {SUMMARY_COLUMNS}, c.outcome, c.forwarded_to, c.caller_type, c.caller_name, c.caller_phone,
                    c.caller_email, c.gender, c.indicators, c.description, c.created_at, c.created_by
             FROM cases c WHERE c.id = ?1"
        ),
        [id],
        |r| {
            let indicators: String = r.get(19)?;
            Ok(CaseDetail {
                summary: summary_from_row(r)?,
                outcome: r.get::<_, Option<String>>(12)?.map(|s| parse_enum(&s)).transpose()?,
                forwarded_to: r.get(13)?,
                caller: Caller {
                    caller_type: parse_enum(&r.get::<_, String>(14)?)?,
                    name: r.get(15)?,
                    phone: r.get(16)?,
                    email: r.get(17)?,
                },
                gender: r.get::<_, Option<String>>(18)?.map(|s| parse_enum(&s)).transpose()?,
                indicators: serde_json::from_str(&indicators).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(19, rusqlite::types::Type::Text, Box::new(e))
                })?,
                description: r.get(20)?,
                created_at: r.get(21)?,
                created_by: r.get(22)?,
                notes: Vec::new(),
                history: Vec::new(),
            })
        },
    )?;
    let mut notes =
        conn.prepare_cached("SELECT at, author, body FROM case_notes WHERE case_id = ?1 ORDER BY at, id")?;
    detail.notes = notes
        .query_map([id], |r| Ok(Note { at: r.get(0)?, author: r.get(1)?, body: r.get(2)? }))?
        .collect::<Result<_, _>>()?;
    let mut hist = conn.prepare_cached(
        "SELECT at, actor, field, old_value, new_value, reason FROM case_history WHERE case_id = ?1 ORDER BY id",
    )?;
    detail.history = hist
        .query_map([id], |r| {
            Ok(HistoryEntry {
                at: r.get(0)?,
                actor: r.get(1)?,
                field: r.get(2)?,
                old_value: r.get(3)?,
                new_value: r.get(4)?,
                reason: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(detail)
}

/// Adds a timestamped note by the coordinator.
pub fn add_note(store: &Store, reference: &str, body: &str) -> Result<Note> {
    let body = clean_text("body", body, intake::NOTE_MAX, true)?;
    if body.is_empty() {
        return Err(Error::invalid("body", "skal udfyldes"));
    }
    let tx = store.conn().unchecked_transaction()?;
    let id = case_id(&tx, reference)?;
    let at = crate::dates::now_stamp();
    insert_note(&tx, id, store.actor(), &at, &body)?;
    tx.execute("UPDATE cases SET updated_at = ?1 WHERE id = ?2", params![at, id])?;
    audit::record(&tx, store.actor(), "case.note_added", Some(reference.trim()))?;
    tx.commit()?;
    Ok(Note { at, author: store.actor().to_string(), body })
}

/// Applies an edit: validates every field like intake, writes the changed ones and one history
/// entry per change, in one transaction.
pub fn update(store: &Store, reference: &str, edit: CaseEdit) -> Result<CaseDetail> {
    let conn = store.conn();
    let id = case_id(conn, reference)?;
    let before = read_detail(conn, id)?;
    let mut changes: Vec<(&'static str, Option<String>, Option<String>)> = Vec::new();
    let mut set = |field: &'static str, old: Option<String>, new: Option<String>| {
        if old != new {
            changes.push((field, old, new));
        }
    };
    if let Some(stage) = edit.stage {
        if stage == Stage::Forwarded {
            return Err(Error::invalid("stage", "brug «Videresend» for at sende sagen til et andet infohus"));
        }
        let outcome = match (stage, edit.outcome) {
            (Stage::Closed, None) => return Err(Error::invalid("outcome", "vælg udfaldet, når sagen afsluttes")),
            (Stage::Closed, Some(o)) => Some(o.as_str().to_string()),
            (_, Some(_)) => return Err(Error::invalid("outcome", "udfald angives kun, når sagen afsluttes")),
            (_, None) => None,
        };
        set("stage", Some(before.summary.stage.as_str().into()), Some(stage.as_str().into()));
        set("outcome", before.outcome.map(|o| o.as_str().into()), outcome);
        if before.summary.stage == Stage::Forwarded {
            set("forwarded_to", before.forwarded_to.clone(), None);
        }
    } else if edit.outcome.is_some() {
        return Err(Error::invalid("outcome", "udfald angives kun, når sagen afsluttes"));
    }
    if let Some(p) = &edit.pseudonym {
        let p = clean_text("subject.pseudonym", p, intake::PSEUDONYM_MAX, false)?;
        if p.is_empty() {
            return Err(Error::invalid("subject.pseudonym", "skal udfyldes"));
        }
        set("pseudonym", Some(before.summary.pseudonym.clone()), Some(p));
    }
    if let Some(y) = edit.birth_year {
        intake::validate_birth_year(Some(y))?;
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
        set(
            "indicators",
            Some(serde_json::to_string(&before.indicators).expect("JSON")),
            Some(serde_json::to_string(&i).expect("JSON")),
        );
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
    if changes.is_empty() {
        return Ok(before);
    }
    let tx = conn.unchecked_transaction()?;
    let at = crate::dates::now_stamp();
    // One UPDATE for all fields, so row checks (acute ⇒ police flag, closed ⇒ outcome) see the
    // whole change. Field names come from the fixed list above, never from input.
    let mut assignments: Vec<String> = changes.iter().map(|(f, ..)| format!("{f} = ?")).collect();
    let mut values: Vec<Option<String>> = changes.iter().map(|(_, _, new)| new.clone()).collect();
    if edit.stage.is_some_and(|s| s != before.summary.stage) {
        assignments.push("closed_at = ?".into());
        values.push((edit.stage == Some(Stage::Closed)).then(|| at.clone()));
    }
    assignments.push("updated_at = ?".into());
    values.push(Some(at.clone()));
    let mut args: Vec<rusqlite::types::Value> =
        values.into_iter().map(|v| v.map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Text)).collect();
    args.push(id.into());
    tx.execute(&format!("UPDATE cases SET {} WHERE id = ?", assignments.join(", ")), rusqlite::params_from_iter(args))?;
    let by = Stamp { actor: store.actor(), at: &at };
    for (field, old, new) in &changes {
        history(&tx, id, &by, field, old.as_deref(), new.as_deref(), None)?;
    }
    if changes.iter().any(|(f, ..)| ["pseudonym", "municipality", "description"].contains(f)) {
        index_case(&tx, id)?;
    }
    audit::record(&tx, store.actor(), "case.updated", Some(&before.summary.reference))?;
    tx.commit()?;
    read_detail(conn, id)
}

/// Forwards a case to another district's infohus: stage Videresendt, with who, when and why in
/// the history.
pub fn forward(store: &Store, reference: &str, to_district: &str, reason: &str) -> Result<CaseDetail> {
    let to = district::find(to_district).ok_or_else(|| Error::invalid("to_district", "ukendt politikreds"))?;
    let reason = clean_text("reason", reason, 500, true)?;
    if reason.is_empty() {
        return Err(Error::invalid("reason", "skriv hvorfor sagen videresendes"));
    }
    let conn = store.conn();
    let id = case_id(conn, reference)?;
    let before = read_detail(conn, id)?;
    if to.code == before.summary.district_code {
        return Err(Error::invalid("to_district", "sagen hører allerede til dette infohus"));
    }
    let tx = conn.unchecked_transaction()?;
    let at = crate::dates::now_stamp();
    tx.execute(
        "UPDATE cases SET stage = 'forwarded', forwarded_to = ?1, outcome = NULL, closed_at = NULL, updated_at = ?2
         WHERE id = ?3",
        params![to.code, at, id],
    )?;
    let by = Stamp { actor: store.actor(), at: &at };
    history(&tx, id, &by, "stage", Some(before.summary.stage.as_str()), Some("forwarded"), None)?;
    if let Some(outcome) = before.outcome {
        history(&tx, id, &by, "outcome", Some(outcome.as_str()), None, None)?;
    }
    history(&tx, id, &by, "forwarded_to", before.forwarded_to.as_deref(), Some(to.code), Some(&reason))?;
    audit::record(&tx, store.actor(), "case.forwarded", Some(&before.summary.reference))?;
    tx.commit()?;
    read_detail(conn, id)
}

/// Builds an FTS5 query from what a person typed: every word must match (as a prefix), folded
/// the same way as the index. Returns None when nothing searchable was typed. Public for the
/// benchmark, which times the bare FTS5 query beside `search`.
pub fn fts_query(input: &str) -> Option<String> {
    let folded = fold(input);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The best-matching cases for a query (at most `limit`, best first), over references,
/// pseudonyms, municipalities, descriptions and notes. The query itself is not logged.
pub fn search(store: &Store, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
    if query.chars().count() > 200 {
        return Err(Error::invalid("query", "højst 200 tegn"));
    }
    let Some(q) = fts_query(query) else { return Ok(Vec::new()) };
    let limit = limit.clamp(1, 200);
    let conn = store.conn();
    // Rank once in FTS5 (best first), then keep the first hit per case: a case's own text has
    // row id -case_id, a note its note id.
    let mut ranked =
        conn.prepare_cached("SELECT rowid FROM case_search WHERE case_search MATCH ?1 ORDER BY rank LIMIT ?2")?;
    let rows: Vec<i64> =
        ranked.query_map(params![q, i64::from(limit) * 10], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut note_case = conn.prepare_cached("SELECT case_id FROM case_notes WHERE id = ?1")?;
    let mut summary = conn.prepare_cached(&format!("SELECT {SUMMARY_COLUMNS} FROM cases c WHERE c.id = ?1"))?;
    let mut seen = std::collections::HashSet::new();
    let mut hits = Vec::new();
    for rowid in rows {
        let (case_id, matched_in) = if rowid < 0 {
            (-rowid, MatchedIn::Case)
        } else {
            match note_case.query_row([rowid], |r| r.get::<_, i64>(0)).optional()? {
                Some(id) => (id, MatchedIn::Note),
                None => continue,
            }
        };
        if seen.insert(case_id) {
            hits.push(SearchHit { case: summary.query_row([case_id], summary_from_row)?, matched_in });
            if hits.len() == limit as usize {
                break;
            }
        }
    }
    audit::record_read(conn, store.actor(), "case.search", None)?;
    Ok(hits)
}

/// How many cases of a district are in each stage.
pub(crate) fn stage_counts(conn: &Connection, district_code: &str) -> Result<Vec<(Stage, u64)>> {
    let mut stmt = conn.prepare_cached("SELECT stage, count(*) FROM cases WHERE district_code = ?1 GROUP BY stage")?;
    let rows = stmt
        .query_map([district_code], |r| Ok((parse_enum(&r.get::<_, String>(0)?)?, r.get::<_, i64>(1)? as u64)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Cards for the board: active cases of a district, and the most recently closed.
pub(crate) fn board_cards(conn: &Connection, district_code: &str) -> Result<Vec<CaseSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT * FROM (SELECT {SUMMARY_COLUMNS} FROM cases c
                        WHERE c.district_code = ?1 AND c.stage NOT IN ('closed', 'forwarded')
                        ORDER BY c.received_at)
         UNION ALL
         SELECT * FROM (SELECT {SUMMARY_COLUMNS} FROM cases c
                        WHERE c.district_code = ?1 AND c.stage = 'closed'
                        ORDER BY c.closed_at DESC, c.id DESC LIMIT 30)"
    ))?;
    let rows = stmt.query_map([district_code], summary_from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}
