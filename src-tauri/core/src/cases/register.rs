//! The register itself (table `cases`): one row per case, its row mapping and its queries.

use super::stage::{Outcome, Stage};
use crate::dates::Stamp;
use crate::error::{Error, Result};
use crate::intake::{Caller, Category, Channel, Gender, Indicator, Urgency, ValidIntake};
use crate::op::{Op, Reader};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    pub received_at: Stamp,
    pub updated_at: Stamp,
}

/// A case's row: the summary and its own fields beyond it (the case panel adds notes, action
/// items and history: `CaseDetail`).
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct CaseRow {
    #[serde(flatten)]
    pub summary: CaseSummary,
    pub outcome: Option<Outcome>,
    pub forwarded_to: Option<String>,
    pub caller: Caller,
    pub gender: Option<Gender>,
    pub indicators: Vec<Indicator>,
    pub description: String,
    pub created_at: Stamp,
    pub created_by: String,
    /// Flagged for the next meeting ("til møde").
    pub meeting: bool,
}

pub(crate) fn parse_enum<'de, T: Deserialize<'de>>(s: &'de str) -> rusqlite::Result<T> {
    use serde::de::IntoDeserializer;
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(s))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) const SUMMARY_COLUMNS: &str = "c.reference, c.district_code, c.stage, c.pseudonym, c.birth_year, \
     c.municipality, c.category, c.urgency, c.channel, c.police_flag, c.received_at, c.updated_at";

pub(crate) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<CaseSummary> {
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

/// Inserts a validated report as a new case with the given reference. Returns its id.
pub fn insert(op: &Op<'_>, reference: &str, v: &ValidIntake) -> Result<i64> {
    let r = &v.report;
    let indicators = serde_json::to_string(&r.indicators).map_err(|_| Error::Internal("indicators as JSON"))?;
    op.conn().prepare_cached(
        "INSERT INTO cases (reference, district_code, stage, received_at, channel, caller_type, caller_name,
             caller_phone, caller_email, pseudonym, birth_year, gender, municipality, category, indicators,
             urgency, police_flag, description, created_at, created_by, updated_at, stage_entered_at)
         VALUES (?1, ?2, 'new_concern', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?18, ?18)",
    )?
    .execute(params![
        reference,
        v.route.police_district.code,
        Stamp::new(v.received_at),
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
        op.stamp(),
        op.actor(),
    ])?;
    Ok(op.conn().last_insert_rowid())
}

/// The id of a case by its reference; `NotFound("Sagen")` (the reference is not repeated).
pub(crate) fn id_of(db: &Reader<'_>, reference: &str) -> Result<i64> {
    db.conn()
        .prepare_cached("SELECT id FROM cases WHERE reference = ?1")?
        .query_row([reference.trim()], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound("Sagen"))
}

pub(crate) fn read(db: &Reader<'_>, id: i64) -> Result<CaseRow> {
    let row = db
        .conn()
        .prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS}, c.outcome, c.forwarded_to, c.caller_type, c.caller_name, c.caller_phone,
                c.caller_email, c.gender, c.indicators, c.description, c.created_at, c.created_by, c.meeting_flag
         FROM cases c WHERE c.id = ?1"
        ))?
        .query_row([id], |r| {
            let indicators: String = r.get(19)?;
            Ok(CaseRow {
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
                meeting: r.get(23)?,
            })
        })?;
    Ok(row)
}

pub(crate) fn summary(db: &Reader<'_>, id: i64) -> Result<CaseSummary> {
    Ok(db
        .conn()
        .prepare_cached(&format!("SELECT {SUMMARY_COLUMNS} FROM cases c WHERE c.id = ?1"))?
        .query_row([id], summary_from_row)?)
}

/// A case's description (search snippets).
pub(crate) fn description(db: &Reader<'_>, id: i64) -> Result<String> {
    Ok(db.conn().prepare_cached("SELECT description FROM cases WHERE id = ?1")?.query_row([id], |r| r.get(0))?)
}

/// Writes changed fields in one UPDATE (so row checks see the whole change). Field names come
/// from the caller's fixed list, never from input.
pub fn set_fields(op: &Op<'_>, id: i64, fields: &[(&'static str, Option<String>)]) -> Result<()> {
    let mut assignments: Vec<String> = fields.iter().map(|(f, _)| format!("{f} = ?")).collect();
    let mut args: Vec<Value> = fields.iter().map(|(_, v)| v.clone().map_or(Value::Null, Value::Text)).collect();
    assignments.push("updated_at = ?".into());
    args.push(Value::Text(op.stamp().as_text()));
    args.push(Value::Integer(id));
    op.conn().execute(
        &format!("UPDATE cases SET {} WHERE id = ?", assignments.join(", ")),
        rusqlite::params_from_iter(args),
    )?;
    Ok(())
}

/// Moves a case to a stage (rules already checked): outcome and closing time go with it, and a
/// forwarded case taken back loses its receiving district.
pub fn set_stage(op: &Op<'_>, id: i64, stage: Stage, outcome: Option<Outcome>) -> Result<()> {
    op.conn()
        .prepare_cached(
            "UPDATE cases SET stage = ?1, outcome = ?2,
                 closed_at = CASE WHEN ?1 = 'closed' THEN coalesce(CASE WHEN stage = 'closed' THEN closed_at END, ?3) END,
                 stage_entered_at = CASE WHEN stage <> ?1 THEN ?3 ELSE stage_entered_at END,
                 forwarded_to = NULL, updated_at = ?3
             WHERE id = ?4",
        )?
        .execute(params![stage.as_str(), outcome.map(Outcome::as_str), op.stamp(), id])?;
    Ok(())
}

/// After an undone move: the case entered its (restored) stage at `at`, as it had before the move
/// (and was closed then, when that stage is Afsluttet), so its days in the stage are what they were.
pub fn restore_entered(op: &Op<'_>, id: i64, at: Stamp) -> Result<()> {
    op.conn().execute(
        "UPDATE cases SET stage_entered_at = ?2, closed_at = CASE WHEN stage = 'closed' THEN ?2 END WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

pub fn set_forwarded(op: &Op<'_>, id: i64, to_district: &str) -> Result<()> {
    op.conn().execute(
        "UPDATE cases SET stage = 'forwarded', forwarded_to = ?1, outcome = NULL, closed_at = NULL, updated_at = ?2,
             stage_entered_at = ?2
         WHERE id = ?3",
        params![to_district, op.stamp(), id],
    )?;
    Ok(())
}

/// Flags (or unflags) the case for the next meeting. Returns the previous flag.
pub fn set_meeting_flag(op: &Op<'_>, id: i64, on: bool) -> Result<bool> {
    let before: bool = op.conn().query_row("SELECT meeting_flag FROM cases WHERE id = ?1", [id], |r| r.get(0))?;
    op.conn()
        .execute("UPDATE cases SET meeting_flag = ?1, updated_at = ?2 WHERE id = ?3", params![on, op.stamp(), id])?;
    Ok(before)
}

/// A board card's own columns: the summary, when it entered its stage, the meeting flag.
pub(crate) struct BoardRow {
    pub id: i64,
    pub summary: CaseSummary,
    pub stage_entered_at: Stamp,
    pub meeting: bool,
    pub forwarded_to: Option<String>,
    pub outcome: Option<Outcome>,
}

fn board_row(r: &Row<'_>) -> rusqlite::Result<BoardRow> {
    Ok(BoardRow {
        summary: summary_from_row(r)?,
        id: r.get(12)?,
        stage_entered_at: r.get(13)?,
        meeting: r.get(14)?,
        forwarded_to: r.get(15)?,
        outcome: r.get::<_, Option<String>>(16)?.map(|s| parse_enum(&s)).transpose()?,
    })
}

/// The fields the board filters and groups an active case by, borrowed from the row (the board
/// reads these for every active case, and whole rows only for the cards it shows).
pub(crate) struct BoardKeys<'a> {
    pub id: i64,
    pub reference: &'a str,
    pub stage: Stage,
    pub pseudonym: &'a str,
    pub municipality: &'a str,
    pub category: Category,
    pub urgency: Urgency,
    pub meeting: bool,
}

impl<'a> BoardKeys<'a> {
    pub fn of(row: &'a BoardRow) -> BoardKeys<'a> {
        let c = &row.summary;
        BoardKeys {
            id: row.id,
            reference: &c.reference,
            stage: c.stage,
            pseudonym: &c.pseudonym,
            municipality: &c.municipality,
            category: c.category,
            urgency: c.urgency,
            meeting: row.meeting,
        }
    }
}

/// A text column, borrowed from the row.
fn text<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

/// Calls `f` with the keys of every active case of a district, oldest concern first.
pub(crate) fn for_each_active(
    db: &Reader<'_>,
    district_code: &str,
    mut f: impl FnMut(BoardKeys<'_>) -> Result<()>,
) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT c.id, c.reference, c.stage, c.pseudonym, c.municipality, c.category, c.urgency, c.meeting_flag
         FROM cases c WHERE c.district_code = ?1 AND c.stage NOT IN {}
         ORDER BY c.received_at, c.id",
        Stage::archived_sql()
    ))?;
    let mut rows = stmt.query([district_code])?;
    while let Some(r) = rows.next()? {
        f(BoardKeys {
            id: r.get(0)?,
            reference: text(r, 1)?,
            stage: parse_enum(text(r, 2)?)?,
            pseudonym: text(r, 3)?,
            municipality: text(r, 4)?,
            category: parse_enum(text(r, 5)?)?,
            urgency: parse_enum(text(r, 6)?)?,
            meeting: r.get(7)?,
        })?;
    }
    Ok(())
}

const BOARD_COLUMNS: &str = "c.reference, c.district_code, c.stage, c.pseudonym, c.birth_year, c.municipality, \
     c.category, c.urgency, c.channel, c.police_flag, c.received_at, c.updated_at, c.id, c.stage_entered_at, \
     c.meeting_flag, c.forwarded_to, c.outcome";

/// Up to this many rows are read one by one by id; more in one pass over the district's
/// active cases (a point lookup costs about as much as scanning a few dozen rows).
const ROWS_BY_ID_MAX: usize = 400;

/// The board rows of these active cases of a district, in the order given.
pub(crate) fn board_rows_by_id(db: &Reader<'_>, district_code: &str, ids: &[i64]) -> Result<Vec<BoardRow>> {
    if ids.len() <= ROWS_BY_ID_MAX {
        let mut stmt = db.conn().prepare_cached(&format!("SELECT {BOARD_COLUMNS} FROM cases c WHERE c.id = ?1"))?;
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            rows.push(stmt.query_row([id], board_row)?);
        }
        return Ok(rows);
    }
    let wanted: std::collections::HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut slots: Vec<Option<BoardRow>> = Vec::with_capacity(ids.len());
    slots.resize_with(ids.len(), || None);
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {BOARD_COLUMNS} FROM cases c WHERE c.district_code = ?1 AND c.stage NOT IN {}",
        Stage::archived_sql()
    ))?;
    let mut rows = stmt.query([district_code])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = wanted.get(&r.get::<_, i64>(12)?) {
            slots[i] = Some(board_row(r)?);
        }
    }
    slots.into_iter().map(|s| s.ok_or(Error::Internal("a board card's case went missing"))).collect()
}

/// A district's `limit` most recently closed and most recently forwarded cases (the archive).
pub(crate) fn archive_rows(db: &Reader<'_>, district_code: &str, limit: u32) -> Result<Vec<BoardRow>> {
    let mut rows: Vec<BoardRow> = Vec::new();
    for (stage, order) in
        [("closed", "c.closed_at DESC, c.id DESC"), ("forwarded", "c.stage_entered_at DESC, c.id DESC")]
    {
        let mut stmt = db.conn().prepare_cached(&format!(
            "SELECT {BOARD_COLUMNS} FROM cases c WHERE c.district_code = ?1 AND c.stage = ?2 ORDER BY {order} LIMIT ?3"
        ))?;
        for row in stmt.query_map(params![district_code, stage, limit], board_row)? {
            rows.push(row?);
        }
    }
    Ok(rows)
}

/// Marks the case as changed now (a note was added).
pub fn touch(op: &Op<'_>, id: i64) -> Result<()> {
    op.conn().prepare_cached("UPDATE cases SET updated_at = ?1 WHERE id = ?2")?.execute(params![op.stamp(), id])?;
    Ok(())
}

/// Conditions and arguments for a filtered list (see `CaseFilter`).
pub(crate) struct ListQuery {
    pub clauses: Vec<&'static str>,
    pub args: Vec<Value>,
    pub order: &'static str,
    pub limit: u32,
    pub offset: u32,
}

pub(crate) fn list(db: &Reader<'_>, q: &ListQuery) -> Result<(u64, Vec<CaseSummary>)> {
    let where_sql = if q.clauses.is_empty() { String::new() } else { format!("WHERE {}", q.clauses.join(" AND ")) };
    let total: i64 = db
        .conn()
        .prepare_cached(&format!("SELECT count(*) FROM cases c {where_sql}"))?
        .query_row(rusqlite::params_from_iter(q.args.iter()), |r| r.get(0))?;
    let mut page_args = q.args.clone();
    page_args.push(i64::from(q.limit).into());
    page_args.push(i64::from(q.offset).into());
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM cases c {where_sql} ORDER BY {} LIMIT ? OFFSET ?",
        q.order
    ))?;
    let cases =
        stmt.query_map(rusqlite::params_from_iter(page_args.iter()), summary_from_row)?.collect::<Result<_, _>>()?;
    Ok((total as u64, cases))
}

/// (id, summary) of the active cases that belong to another infohus than `home` (taken here, to
/// be passed on), oldest concern first.
pub(crate) fn others_active(db: &Reader<'_>, home: &str) -> Result<Vec<(i64, CaseSummary)>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}, c.id FROM cases c
         WHERE c.district_code <> ?1 AND c.stage NOT IN {}
         ORDER BY c.received_at, c.id",
        Stage::archived_sql()
    ))?;
    // The id after the summary's 12 columns.
    let rows = stmt.query_map([home], |r| Ok((r.get(12)?, summary_from_row(r)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// How many of a district's cases are closed and forwarded.
pub(crate) fn archive_counts(db: &Reader<'_>, district_code: &str) -> Result<Vec<(Stage, u64)>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT stage, count(*) FROM cases WHERE district_code = ?1 AND stage IN {} GROUP BY stage",
        Stage::archived_sql()
    ))?;
    let rows = stmt
        .query_map([district_code], |r| Ok((parse_enum(&r.get::<_, String>(0)?)?, r.get::<_, i64>(1)? as u64)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// (id, reference) of a district's active cases that match an agenda rule, oldest concern first.
pub(crate) fn agenda_candidates(db: &Reader<'_>, district_code: &str, rule: AgendaRule) -> Result<Vec<(i64, String)>> {
    let (condition, arg) = match rule {
        AgendaRule::Flagged => ("c.meeting_flag = 1", None),
        AgendaRule::Acute => ("c.urgency = 'acute'", None),
        AgendaRule::CreatedSince(t) => ("c.created_at > ?2", Some(t.as_text())),
        AgendaRule::ReceivedSince(t) => ("c.received_at >= ?2", Some(t.as_text())),
    };
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT c.id, c.reference FROM cases c
         WHERE c.district_code = ?1 AND c.stage NOT IN {archived} AND {condition}
         ORDER BY c.received_at, c.id",
        archived = Stage::archived_sql()
    ))?;
    let rows = match arg {
        Some(a) => {
            stmt.query_map(params![district_code, a], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
        }
        None => stmt.query_map(params![district_code], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?,
    };
    Ok(rows)
}

/// The agenda rules the register answers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum AgendaRule {
    Flagged,
    Acute,
    CreatedSince(Stamp),
    /// Received (the concern's own time) at or after this instant.
    ReceivedSince(Stamp),
}

/// What other modules need to know of a case they refer to by id.
#[derive(Debug, Clone)]
pub(crate) struct CaseKey {
    pub reference: String,
    pub district_code: String,
    pub stage: Stage,
}

/// The keys of these cases, by id (ids of deleted cases are left out).
pub(crate) fn keys(db: &Reader<'_>, ids: impl IntoIterator<Item = i64>) -> Result<HashMap<i64, CaseKey>> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = HashMap::with_capacity(ids.len());
    let mut stmt = db.conn().prepare_cached("SELECT reference, district_code, stage FROM cases WHERE id = ?1")?;
    for id in ids {
        let key = stmt
            .query_row([id], |r| {
                Ok(CaseKey {
                    reference: r.get(0)?,
                    district_code: r.get(1)?,
                    stage: parse_enum(&r.get::<_, String>(2)?)?,
                })
            })
            .optional()?;
        if let Some(key) = key {
            out.insert(id, key);
        }
    }
    Ok(out)
}

/// A case's district and, when forwarded, the district it was forwarded to.
pub(crate) fn districts(db: &Reader<'_>, id: i64) -> Result<(String, Option<String>)> {
    db.conn()
        .prepare_cached("SELECT district_code, forwarded_to FROM cases WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound("Sagen"))
}

pub(crate) fn count(db: &Reader<'_>) -> Result<u64> {
    Ok(db.conn().query_row("SELECT count(*) FROM cases", [], |r| r.get::<_, i64>(0))? as u64)
}

/// Deletes the case row (retention), after its notes, history and index entries.
pub fn purge(op: &Op<'_>, id: i64) -> Result<()> {
    op.conn().execute("DELETE FROM cases WHERE id = ?1", [id])?;
    Ok(())
}

/// A closed or forwarded case as retention sees it: when it was closed or forwarded.
#[derive(Debug, Clone)]
pub struct ArchivedCase {
    pub id: i64,
    pub reference: String,
    pub stage: Stage,
    pub outcome: Option<Outcome>,
    /// When it was closed (Afsluttet) or forwarded (Videresendt): the start of its retention.
    pub since: Stamp,
}

/// Every closed or forwarded case (retention's input), by id.
pub(crate) fn archived(db: &Reader<'_>) -> Result<Vec<ArchivedCase>> {
    let sql = format!(
        "SELECT id, reference, stage, outcome, coalesce(closed_at, stage_entered_at) FROM cases
         WHERE stage IN {} ORDER BY id",
        Stage::archived_sql()
    );
    let mut stmt = db.conn().prepare_cached(&sql)?;
    let rows = stmt
        .query_map([], |r| {
            let stage: String = r.get(2)?;
            let outcome: Option<String> = r.get(3)?;
            Ok(ArchivedCase {
                id: r.get(0)?,
                reference: r.get(1)?,
                stage: parse_enum(&stage)?,
                outcome: outcome.as_deref().map(parse_enum).transpose()?,
                since: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What the statistics count of a case (no reference, pseudonym or free text).
#[derive(Debug, Clone)]
pub(crate) struct StatsRow {
    pub id: i64,
    pub received_at: Stamp,
    pub channel: Channel,
    pub caller_type: crate::intake::CallerType,
    pub category: Category,
    pub urgency: Urgency,
    pub birth_year: Option<i32>,
    pub municipality: String,
    pub district_code: String,
}

/// Every case received before `before`, by id (the statistics' input).
pub(crate) fn stats_rows(db: &Reader<'_>, before: Stamp) -> Result<Vec<StatsRow>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT id, received_at, channel, caller_type, category, urgency, birth_year, municipality, district_code
         FROM cases WHERE received_at < ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([before])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(StatsRow {
            id: r.get(0)?,
            received_at: r.get(1)?,
            channel: parse_enum(text(r, 2)?)?,
            caller_type: parse_enum(text(r, 3)?)?,
            category: parse_enum(text(r, 4)?)?,
            urgency: parse_enum(text(r, 5)?)?,
            birth_year: r.get(6)?,
            municipality: r.get(7)?,
            district_code: r.get(8)?,
        });
    }
    Ok(out)
}
