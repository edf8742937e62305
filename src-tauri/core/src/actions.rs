//! Action items (opgaver, table `action_items`): what has to be done for a case, by which agency
//! (and optionally which person), by when, and whether it was done or cancelled (by whom, when).
//! A due date is a civil date in Europe/Copenhagen; an item is overdue from the start of the day
//! after its due date. Every change is written to the case's history.

use crate::audit::AuditEvent;
use crate::cases::{history, register};
use crate::dates::{Day, Stamp};
use crate::error::{Error, Result};
use crate::op::{Op, Reader};
use crate::store::Store;
use crate::text::clean_text;
use rusqlite::{OptionalExtension, Row, params};
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

const COLUMNS: &str = "a.id, a.case_id, a.what, a.agency, a.person, a.due, a.status, a.status_at, a.status_by, \
                       a.created_at, a.created_by";

/// An item as stored, with its case's id (the reference is the register's).
struct Stored {
    case_id: i64,
    item: ActionItem,
}

fn from_row(r: &Row<'_>, today: Day) -> rusqlite::Result<Stored> {
    let due: Day = r.get(5)?;
    let status: ActionStatus = register::parse_enum(&r.get::<_, String>(6)?)?;
    Ok(Stored {
        case_id: r.get(1)?,
        item: ActionItem {
            id: r.get(0)?,
            reference: String::new(),
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
        },
    })
}

/// The items with their cases' references, those of cases kept by `keep` (by the register's
/// keys), in the order stored.
fn with_references(
    db: &Reader<'_>,
    stored: Vec<Stored>,
    keep: impl Fn(&register::CaseKey) -> bool,
) -> Result<Vec<ActionItem>> {
    let keys = register::keys(db, stored.iter().map(|s| s.case_id))?;
    Ok(stored
        .into_iter()
        .filter_map(|s| {
            let key = keys.get(&s.case_id).filter(|k| keep(k))?;
            Some(ActionItem { reference: key.reference.clone(), ..s.item })
        })
        .collect())
}

/// Most urgent first: due date, then case reference, then id.
fn by_due(items: &mut [ActionItem]) {
    items.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.reference.cmp(&b.reference)).then(a.id.cmp(&b.id)));
}

/// One item with its case's id.
fn read_stored(db: &Reader<'_>, id: i64, today: Day) -> Result<Stored> {
    db.conn()
        .query_row(&format!("SELECT {COLUMNS} FROM action_items a WHERE a.id = ?1"), [id], |r| from_row(r, today))
        .optional()?
        .ok_or(Error::NotFound("Opgaven"))
}

fn read(db: &Reader<'_>, id: i64, today: Day) -> Result<ActionItem> {
    let stored = read_stored(db, id, today)?;
    with_references(db, vec![stored], |_| true)?.pop().ok_or(Error::NotFound("Opgaven"))
}

/// Adds an action item to a case of the home infohus (`cases::ensure_own`), in the operation's
/// transaction.
pub fn add_in(op: &mut Op<'_>, case_id: i64, item: &NewActionItem) -> Result<ActionItem> {
    crate::cases::ensure_own(op, case_id)?;
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
    read(op, id, today)
}

/// Adds an action item to a case.
pub fn add(store: &Store, reference: &str, item: &NewActionItem) -> Result<ActionItem> {
    store.write(|op| {
        let case_id = register::id_of(op, reference)?;
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
        let item = set_status_in(op, id, status)?;
        op.audit(AuditEvent::ActionItemChanged { reference: item.reference.clone() });
        Ok(item)
    })
}

/// The reason written to the history when closing an item is undone.
pub const UNDO_STATUS_REASON: &str = "Lukningen er fortrudt";

/// How long after closing an item its closing can be undone (the toast's »Fortryd«).
pub const UNDO_MINUTES: i64 = 10;

/// Undoes closing an item — the toast's »Fortryd« after »Udført« (D) or »Annullér« (A): the item is
/// open again, as it was. Only the coordinator who closed it, within [`UNDO_MINUTES`] minutes; an
/// item closed at a meeting, by someone else or long ago is changed by a new item instead. The
/// undo is in the case's history.
pub fn undo_status(store: &Store, id: i64) -> Result<ActionItem> {
    store.write(|op| {
        let today = Day::of(op.now());
        let Stored { case_id, item: before } = read_stored(op, id, today)?;
        crate::cases::ensure_own(op, case_id)?;
        let nothing = || Error::invalid("status", "der er ingen lukning at fortryde; opret en ny opgave");
        let (Some(at), Some(by)) = (before.status_at, before.status_by.as_deref()) else { return Err(nothing()) };
        if before.status == ActionStatus::Open
            || by != op.actor()
            || op.now() - at.instant() > chrono::TimeDelta::minutes(UNDO_MINUTES)
        {
            return Err(nothing());
        }
        op.conn()
            .prepare_cached(
                "UPDATE action_items SET status = 'open', status_at = NULL, status_by = NULL WHERE id = ?1",
            )?
            .execute([id])?;
        let what = format!("{} · {}", before.what, before.agency.label_da());
        history::record(
            op,
            case_id,
            "action_item",
            Some(&what),
            Some(ActionStatus::Open.label_da()),
            Some(UNDO_STATUS_REASON),
        )?;
        register::touch(op, case_id)?;
        op.audit(AuditEvent::ActionItemChanged { reference: before.reference.clone() });
        read(op, id, today)
    })
}

/// Closes an open item (done or cancelled) in the operation's transaction, by its actor at its
/// time; the change goes into the case's history.
pub fn set_status_in(op: &Op<'_>, id: i64, status: ActionStatus) -> Result<ActionItem> {
    let today = Day::of(op.now());
    let Stored { case_id, item: before } = read_stored(op, id, today)?;
    crate::cases::ensure_own(op, case_id)?;
    if before.status != ActionStatus::Open {
        return Err(Error::invalid("status", "opgaven er allerede lukket"));
    }
    op.conn()
        .prepare_cached("UPDATE action_items SET status = ?1, status_at = ?2, status_by = ?3 WHERE id = ?4")?
        .execute(params![status.as_str(), op.stamp(), op.actor(), id])?;
    let what = format!("{} · {}", before.what, before.agency.label_da());
    history::record(op, case_id, "action_item", Some(&what), Some(status.label_da()), None)?;
    register::touch(op, case_id)?;
    read(op, id, today)
}

/// Action items, most urgent first (due date, then case).
pub fn list(store: &Store, filter: &ActionFilter) -> Result<Vec<ActionItem>> {
    if let Some(d) = &filter.district_code
        && crate::district::by_code(d).is_none()
    {
        return Err(Error::invalid("district_code", "ukendt politikreds"));
    }
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
            args.push(register::id_of(r, reference)?.into());
        }
        let where_sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
        let mut stmt = r.conn().prepare_cached(&format!("SELECT {COLUMNS} FROM action_items a {where_sql}"))?;
        let stored = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |row| from_row(row, today))?
            .collect::<Result<Vec<_>, _>>()?;
        drop(stmt);
        let district = filter.district_code.as_deref();
        let mut items = with_references(r, stored, |k| district.is_none_or(|d| k.district_code == d))?;
        by_due(&mut items);
        let mut seen = std::collections::HashSet::new();
        let refs = items.iter().filter(|i| seen.insert(i.reference.as_str())).map(|i| i.reference.clone()).collect();
        r.audit(AuditEvent::ActionItemsListed { refs });
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
pub(crate) fn open_by_case(db: &Reader<'_>, today: Day) -> Result<std::collections::HashMap<i64, OpenSummary>> {
    let mut stmt = db.conn().prepare_cached(
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
pub(crate) fn for_case(db: &Reader<'_>, case_id: i64, today: Day) -> Result<Vec<ActionItem>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_items a WHERE a.case_id = ?1 ORDER BY a.status <> 'open', a.due, a.id"
    ))?;
    let stored = stmt.query_map([case_id], |r| from_row(r, today))?.collect::<Result<_, _>>()?;
    with_references(db, stored, |_| true)
}

/// (case id, earliest due) of a district's active cases with open items due before `day`.
pub(crate) fn cases_due_before(db: &Reader<'_>, district_code: &str, day: Day) -> Result<Vec<(i64, Day)>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT a.case_id, min(a.due) FROM action_items a WHERE a.status = 'open' AND a.due < ?1
         GROUP BY a.case_id ORDER BY min(a.due), a.case_id",
    )?;
    let due: Vec<(i64, Day)> =
        stmt.query_map(params![day], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let keys = register::keys(db, due.iter().map(|(id, _)| *id))?;
    Ok(due
        .into_iter()
        .filter(|(id, _)| keys.get(id).is_some_and(|k| k.district_code == district_code && k.stage.is_active()))
        .collect())
}

/// The action items still open that a meeting's minutes list: those agreed at earlier meetings
/// (of the district's cases), and any other open item of a case on its agenda (one put on the case
/// between meetings) — never those this meeting agreed. Most urgent first.
pub(crate) fn open_earlier(
    db: &Reader<'_>,
    district_code: &str,
    meeting_id: i64,
    agenda_cases: &[i64],
    today: Day,
) -> Result<Vec<ActionItem>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_items a
         WHERE a.status = 'open' AND (a.meeting_id IS NULL OR a.meeting_id <> ?1)
           AND (a.meeting_id IS NOT NULL OR a.case_id IN (SELECT value FROM json_each(?2)))"
    ))?;
    let cases = serde_json::to_string(agenda_cases).map_err(|_| Error::Internal("case ids as JSON"))?;
    let stored = stmt.query_map(params![meeting_id, cases], |r| from_row(r, today))?.collect::<Result<_, _>>()?;
    let mut items = with_references(db, stored, |k| k.district_code == district_code)?;
    by_due(&mut items);
    Ok(items)
}

/// Marks an item as created by a meeting.
pub fn set_meeting(op: &Op<'_>, id: i64, meeting_id: i64) -> Result<()> {
    op.conn().execute("UPDATE action_items SET meeting_id = ?1 WHERE id = ?2", params![meeting_id, id])?;
    Ok(())
}

/// Deletes a case's action items (retention).
pub fn purge(op: &Op<'_>, case_id: i64) -> Result<()> {
    op.conn().execute("DELETE FROM action_items WHERE case_id = ?1", [case_id])?;
    Ok(())
}

/// Forgets which meeting created action items (retention deletes the meeting; the items stay
/// with their cases).
pub fn detach_meeting(op: &Op<'_>, meeting_id: i64) -> Result<()> {
    op.conn().execute("UPDATE action_items SET meeting_id = NULL WHERE meeting_id = ?1", [meeting_id])?;
    Ok(())
}

/// An action item as the statistics count it: its due date and status (no text, no person).
#[derive(Debug, Clone)]
pub(crate) struct ItemFigures {
    pub due: Day,
    pub status: ActionStatus,
    pub status_at: Option<Stamp>,
}

/// The action items created in `[from, to)`.
pub(crate) fn created_between(db: &Reader<'_>, from: Stamp, to: Stamp) -> Result<Vec<ItemFigures>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT due, status, status_at FROM action_items WHERE created_at >= ?1 AND created_at < ?2 ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok(ItemFigures {
                due: r.get(0)?,
                status: register::parse_enum(&r.get::<_, String>(1)?)?,
                status_at: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
