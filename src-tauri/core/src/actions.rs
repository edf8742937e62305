//! Action items (opgaver, table `action_items`): what has to be done for a case, by which agency
//! (and optionally which person), by when, and whether it was done or cancelled (by whom, when).
//! A due date is a civil date in Europe/Copenhagen; an item is overdue from the start of the day
//! after its due date. Every change is written to the case's history.

use crate::audit::AuditEvent;
use crate::cases::{history, register};
use crate::dates::{Day, Stamp};
use crate::error::{Error, Result};
use crate::store::{Op, Store};
use crate::text::clean_text;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::keys::key_enum;

key_enum!(
    /// The authority responsible for an action item. Each acts in its own remit.
    Agency {
        Police = "police": "Politi",
        Ssp = "ssp": "SSP",
        SocialServices = "social_services": "Socialforvaltning",
        Employment = "employment": "Beskæftigelse/Integration",
        School = "school": "Skole/PPR",
        Probation = "probation": "Kriminalforsorgen",
        Psychiatry = "psychiatry": "Psykiatri",
        Other = "other": "Andet",
    }
);

key_enum!(
    ActionStatus { Open = "open": "Åben", Done = "done": "Udført", Cancelled = "cancelled": "Annulleret" }
);

pub const WHAT_MAX: usize = 300;
pub const PERSON_MAX: usize = 100;

/// A new action item, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct NewActionItem {
    pub what: String,
    pub agency: Agency,
    #[serde(default)]
    #[specta(optional)]
    pub person: Option<String>,
    /// "YYYY-MM-DD" (the date component sends this; Danish "25.11.2026" is accepted too).
    pub due: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ActionItem {
    pub id: i64,
    pub reference: String,
    pub what: String,
    pub agency: Agency,
    pub person: Option<String>,
    pub due: Day,
    pub status: ActionStatus,
    pub status_at: Option<Stamp>,
    pub status_by: Option<String>,
    pub created_at: Stamp,
    pub created_by: String,
    /// Open and past its due date (judged at the time of the read, Copenhagen civil days).
    pub overdue: bool,
}

/// Which action items to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default, deny_unknown_fields)]
pub struct ActionFilter {
    /// Only overdue items.
    pub overdue: bool,
    #[specta(optional)]
    pub agency: Option<Agency>,
    /// Open items only (the default), or all.
    pub include_closed: bool,
    /// Only this case's items.
    #[specta(optional)]
    pub reference: Option<String>,
    /// Only cases of this police district (the coordinator's board); all when empty.
    #[specta(optional)]
    pub district_code: Option<String>,
}

/// The latest due date anyone plans with.
const LAST_YEAR: i32 = 2100;

/// Checks a new item as of `today`: returns the trimmed text, person and due date.
pub(crate) fn validate(item: &NewActionItem, today: Day) -> Result<(String, Option<String>, Day)> {
    let what = clean_text("what", &item.what, WHAT_MAX, false)?;
    if what.is_empty() {
        return Err(Error::invalid("what", "skriv hvad der skal gøres"));
    }
    let person = item
        .person
        .as_deref()
        .map(|p| clean_text("person", p, PERSON_MAX, false))
        .transpose()?
        .filter(|p| !p.is_empty());
    let due = Day::parse(&item.due).ok_or_else(|| Error::invalid("due", "skriv en gyldig dato, f.eks. 25.11.2026"))?;
    use chrono::Datelike;
    if due.date().year() > LAST_YEAR || today.days_until(due) < -366 {
        return Err(Error::invalid("due", "fristen ligger for langt fra i dag"));
    }
    Ok((what, person, due))
}

const COLUMNS: &str = "a.id, c.reference, a.what, a.agency, a.person, a.due, a.status, a.status_at, a.status_by, \
                       a.created_at, a.created_by";

fn from_row(r: &Row<'_>, today: Day) -> rusqlite::Result<ActionItem> {
    let due: Day = r.get(5)?;
    let status: ActionStatus = register::parse_enum(&r.get::<_, String>(6)?)?;
    Ok(ActionItem {
        id: r.get(0)?,
        reference: r.get(1)?,
        what: r.get(2)?,
        agency: register::parse_enum(&r.get::<_, String>(3)?)?,
        person: r.get(4)?,
        due,
        status,
        status_at: r.get(7)?,
        status_by: r.get(8)?,
        created_at: r.get(9)?,
        created_by: r.get(10)?,
        overdue: status == ActionStatus::Open && due < today,
    })
}

fn read(conn: &Connection, id: i64, today: Day) -> Result<ActionItem> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_items a JOIN cases c ON c.id = a.case_id WHERE a.id = ?1"
    ))?
    .query_row([id], |r| from_row(r, today))
    .optional()?
    .ok_or(Error::NotFound("Opgaven"))
}

/// Inserts an item as it was at a given time (demo data that tells a case's past).
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_at(
    conn: &Connection,
    case_id: i64,
    what: &str,
    agency: Agency,
    due: Day,
    created_at: Stamp,
    actor: &str,
    closed: Option<(ActionStatus, Stamp)>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO action_items (case_id, what, agency, due, status, status_at, status_by, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        case_id,
        what,
        agency.as_str(),
        due,
        closed.map_or("open", |(s, _)| s.as_str()),
        closed.map(|(_, at)| at),
        closed.map(|_| actor),
        created_at,
        actor
    ])?;
    Ok(())
}

/// Adds an action item to a case, in the operation's transaction.
pub(crate) fn add_in(op: &mut Op<'_>, case_id: i64, item: &NewActionItem) -> Result<ActionItem> {
    let today = Day::of(op.now());
    let (what, person, due) = validate(item, today)?;
    op.conn()
        .prepare_cached(
            "INSERT INTO action_items (case_id, what, agency, person, due, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![case_id, what, item.agency.as_str(), person, due, op.stamp(), op.actor()])?;
    let id = op.conn().last_insert_rowid();
    let summary = format!("{} · {} · frist {}", what, item.agency.label_da(), due.format_da());
    history::record(op, case_id, "action_item", None, Some(&summary), None)?;
    register::touch(op, case_id)?;
    read(op.conn(), id, today)
}

/// Adds an action item to a case.
pub fn add(store: &Store, reference: &str, item: &NewActionItem) -> Result<ActionItem> {
    store.write(|op| {
        let case_id = register::id_of(op.conn(), reference)?;
        let added = add_in(op, case_id, item)?;
        op.audit(AuditEvent::ActionItemAdded { reference: added.reference.clone() });
        Ok(added)
    })
}

/// Marks an open item done or cancelled (by the actor, now); the change is in the case history.
pub fn set_status(store: &Store, id: i64, status: ActionStatus) -> Result<ActionItem> {
    if status == ActionStatus::Open {
        return Err(Error::invalid("status", "en opgave kan ikke genåbnes; opret en ny"));
    }
    store.write(|op| {
        let today = Day::of(op.now());
        let before = read(op.conn(), id, today)?;
        if before.status != ActionStatus::Open {
            return Err(Error::invalid("status", "opgaven er allerede lukket"));
        }
        op.conn()
            .prepare_cached("UPDATE action_items SET status = ?1, status_at = ?2, status_by = ?3 WHERE id = ?4")?
            .execute(params![status.as_str(), op.stamp(), op.actor(), id])?;
        let case_id = register::id_of(op.conn(), &before.reference)?;
        let what = format!("{} · {}", before.what, before.agency.label_da());
        history::record(op, case_id, "action_item", Some(&what), Some(status.label_da()), None)?;
        register::touch(op, case_id)?;
        op.audit(AuditEvent::ActionItemChanged { reference: before.reference.clone() });
        read(op.conn(), id, today)
    })
}

/// Action items, most urgent first (due date, then case).
pub fn list(store: &Store, filter: &ActionFilter) -> Result<Vec<ActionItem>> {
    store.read(|r| {
        let today = Day::of(r.now());
        let mut clauses = Vec::new();
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if !filter.include_closed || filter.overdue {
            clauses.push("a.status = 'open'");
        }
        if filter.overdue {
            clauses.push("a.due < ?");
            args.push(today.as_text().into());
        }
        if let Some(a) = filter.agency {
            clauses.push("a.agency = ?");
            args.push(a.as_str().to_string().into());
        }
        if let Some(reference) = &filter.reference {
            clauses.push("a.case_id = ?");
            args.push(register::id_of(r.conn(), reference)?.into());
        }
        if let Some(d) = &filter.district_code {
            if crate::district::by_code(d).is_none() {
                return Err(Error::invalid("district_code", "ukendt politikreds"));
            }
            clauses.push("c.district_code = ?");
            args.push(d.clone().into());
        }
        let where_sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
        let mut stmt = r.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM action_items a JOIN cases c ON c.id = a.case_id {where_sql}
             ORDER BY a.due, c.reference, a.id"
        ))?;
        let items = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |row| from_row(row, today))?
            .collect::<Result<Vec<_>, _>>()?;
        drop(stmt);
        r.audit(AuditEvent::ActionItemsListed);
        Ok(items)
    })
}

/// What the board shows of a case's open items.
#[derive(Debug, Clone, Default)]
pub(crate) struct OpenSummary {
    /// The next due open item: (what, agency, due).
    pub next: Option<(String, Agency, Day)>,
    pub open: u32,
    pub overdue: u32,
    /// Agencies with open items, in the order of `Agency::ALL`.
    pub agencies: Vec<Agency>,
}

/// Every case's open items in one pass (the board), keyed by case id.
pub(crate) fn open_by_case(conn: &Connection, today: Day) -> Result<std::collections::HashMap<i64, OpenSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT case_id, what, agency, due FROM action_items WHERE status = 'open' ORDER BY case_id, due, id",
    )?;
    let mut out: std::collections::HashMap<i64, OpenSummary> = std::collections::HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let case_id: i64 = r.get(0)?;
        let agency: Agency = register::parse_enum(&r.get::<_, String>(2)?)?;
        let due: Day = r.get(3)?;
        let s = out.entry(case_id).or_default();
        if s.next.is_none() {
            s.next = Some((r.get(1)?, agency, due));
        }
        s.open += 1;
        if due < today {
            s.overdue += 1;
        }
        if !s.agencies.contains(&agency) {
            s.agencies.push(agency);
        }
    }
    for s in out.values_mut() {
        s.agencies.sort();
    }
    Ok(out)
}

/// A case's action items: open ones first (by due date), then the closed ones.
pub(crate) fn for_case(conn: &Connection, case_id: i64, today: Day) -> Result<Vec<ActionItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_items a JOIN cases c ON c.id = a.case_id WHERE a.case_id = ?1
         ORDER BY a.status <> 'open', a.due, a.id"
    ))?;
    let items = stmt.query_map([case_id], |r| from_row(r, today))?.collect::<Result<_, _>>()?;
    Ok(items)
}

/// (case id, earliest due) of a district's active cases with open items due before `day`.
pub(crate) fn cases_due_before(conn: &Connection, district_code: &str, day: Day) -> Result<Vec<(i64, Day)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.case_id, min(a.due) FROM action_items a JOIN cases c ON c.id = a.case_id
         WHERE a.status = 'open' AND a.due < ?2 AND c.district_code = ?1 AND c.stage NOT IN ('closed', 'forwarded')
         GROUP BY a.case_id ORDER BY min(a.due), a.case_id",
    )?;
    let rows =
        stmt.query_map(params![district_code, day], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Open items that earlier meetings of a district created (the minutes list them).
pub(crate) fn open_from_meetings(
    conn: &Connection,
    district_code: &str,
    before_meeting: i64,
    today: Day,
) -> Result<Vec<ActionItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_items a JOIN cases c ON c.id = a.case_id
         WHERE a.status = 'open' AND a.meeting_id IS NOT NULL AND a.meeting_id <> ?2 AND c.district_code = ?1
         ORDER BY a.due, c.reference, a.id"
    ))?;
    let items =
        stmt.query_map(params![district_code, before_meeting], |r| from_row(r, today))?.collect::<Result<_, _>>()?;
    Ok(items)
}

/// Marks an item as created by a meeting.
pub(crate) fn set_meeting(op: &Op<'_>, id: i64, meeting_id: i64) -> Result<()> {
    op.conn().execute("UPDATE action_items SET meeting_id = ?1 WHERE id = ?2", params![meeting_id, id])?;
    Ok(())
}

/// Deletes a case's action items (retention).
pub(crate) fn purge(op: &Op<'_>, case_id: i64) -> Result<()> {
    op.conn().execute("DELETE FROM action_items WHERE case_id = ?1", [case_id])?;
    Ok(())
}
