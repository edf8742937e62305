//! Retention and real deletion (#16 section 2; docs/retention.md). Owns `retention_settings` (the
//! rules) and `retention_extensions` (deletions postponed by staff, with their reasons).
//!
//! Every closed or forwarded case has a deletion date: its closing date plus the years set for its
//! outcome (default 5), or its forwarding date plus the days set for forwarded cases (default 30;
//! sooner once the receiving infohus confirms the hand-over: [`handover_confirmed`]), or the date
//! of its latest extension when that is later. A meeting is deleted on the date its minutes print
//! ("Slettes senest", `meetings.delete_after`).
//!
//! The pass ([`run`], or [`run_batch`] repeatedly and then [`finish`]) deletes what is due on the
//! store's clock's day, really: each case through `cases::purge_in` (its row, notes, history,
//! action items, search index entries, extensions and its entries in draft meetings), each due
//! meeting through `meetings::stored::purge` (its rows and stored PDF). Cases go in short
//! transactions of [`BATCH`] cases, each case wholly in one, with one audit entry per case
//! (`case.deleted`: reference, rule, date). Then the WAL is checkpointed and truncated and the
//! file vacuumed ([`Store::compact`]): with `secure_delete` on, freed space is overwritten, and no
//! old page image is left in the WAL.

use crate::audit::AuditEvent;
use crate::cases::register::{self, ArchivedCase};
use crate::cases::{Outcome, Stage};
use crate::dates::{Day, Stamp};
use crate::error::{Error, Result};
use crate::meetings::stored;
use crate::op::{Op, Reader};
use crate::store::Store;
use crate::text::clean_text;
use chrono::{Days, Months};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Defaults: years after closing (every outcome), days after forwarding.
pub const CLOSED_YEARS: i32 = 5;
pub const FORWARDED_DAYS: i32 = 30;
pub const YEARS_MIN: i32 = 1;
pub const YEARS_MAX: i32 = 10;
pub const DAYS_MIN: i32 = 1;
pub const DAYS_MAX: i32 = 365;
/// The longest reason for an extension.
pub const REASON_MAX: usize = 500;
/// How far ahead an extension may reach, in years from today.
pub const EXTEND_YEARS_MAX: u32 = 10;
/// The Sletning view's horizon: what is due within this many days (and what is overdue).
pub const DUE_WITHIN_DAYS: u32 = 30;
/// Cases deleted in one transaction: short write transactions, so the app and other processes
/// get the store between them.
pub const BATCH: usize = 50;

/// The rules (table `retention_settings`; the defaults until saved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct RetentionSettings {
    pub unfounded_years: i32,
    pub completed_years: i32,
    pub handed_to_police_years: i32,
    pub forwarded_days: i32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings {
            unfounded_years: CLOSED_YEARS,
            completed_years: CLOSED_YEARS,
            handed_to_police_years: CLOSED_YEARS,
            forwarded_days: FORWARDED_DAYS,
        }
    }
}

impl RetentionSettings {
    fn years(&self, outcome: Outcome) -> i32 {
        match outcome {
            Outcome::Unfounded => self.unfounded_years,
            Outcome::Completed => self.completed_years,
            Outcome::HandedToPolice => self.handed_to_police_years,
        }
    }

    fn validate(&self) -> Result<()> {
        for (field, v) in [
            ("unfounded_years", self.unfounded_years),
            ("completed_years", self.completed_years),
            ("handed_to_police_years", self.handed_to_police_years),
        ] {
            if !(YEARS_MIN..=YEARS_MAX).contains(&v) {
                return Err(Error::invalid(field, format!("skal være mellem {YEARS_MIN} og {YEARS_MAX} år")));
            }
        }
        if !(DAYS_MIN..=DAYS_MAX).contains(&self.forwarded_days) {
            return Err(Error::invalid("forwarded_days", format!("skal være mellem {DAYS_MIN} og {DAYS_MAX} dage")));
        }
        Ok(())
    }
}

/// A deletion postponed: until when, why, by whom and when.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Extension {
    pub until: Day,
    pub reason: String,
    pub at: Stamp,
    pub by: String,
}

/// A case's deletion date and why.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct DueCase {
    pub reference: String,
    pub stage: Stage,
    pub outcome: Option<Outcome>,
    /// When it was closed or forwarded.
    pub since: Day,
    /// The rule's stable key: `closed.completed+5y`, `forwarded+30d`, `extended`.
    pub rule: String,
    /// Why, in Danish: "Lukket 12. jan. 2022 · slettes 5 år efter lukning".
    pub why: String,
    /// The deletion date: deleted on this day (or at the first pass after it).
    pub due: Day,
    /// True when the date has come (deleted at the next pass).
    pub overdue: bool,
    /// The latest extension, when it decides the date.
    pub extension: Option<Extension>,
}

/// What a pass deleted (or, dry, would delete).
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct DeletedCase {
    pub reference: String,
    pub rule: String,
    pub due: Day,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct DeletedMeeting {
    /// "23/2026", or "Tillæg 1 til 23/2026".
    pub number: String,
    pub due: Day,
    /// True when finalized minutes (and their stored PDF) were deleted.
    pub finalized: bool,
}

/// The result of a pass.
#[derive(Debug, Clone, Default, PartialEq, Serialize, specta::Type)]
pub struct RetentionRun {
    pub dry_run: bool,
    /// The day the pass ran for (Copenhagen).
    pub today: Option<Day>,
    pub cases: Vec<DeletedCase>,
    pub meetings: Vec<DeletedMeeting>,
    /// True when the WAL was emptied and the file compacted after deleting (false when nothing
    /// was deleted, or another process held the WAL; the next pass tries again).
    pub compacted: bool,
}

/// One batch of a pass: what it deleted, and whether more is due.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub cases: Vec<DeletedCase>,
    pub meetings: Vec<DeletedMeeting>,
    pub more: bool,
}

fn settings_in(db: &Reader<'_>) -> Result<RetentionSettings> {
    Ok(db
        .conn()
        .query_row(
            "SELECT unfounded_years, completed_years, handed_to_police_years, forwarded_days
             FROM retention_settings WHERE id = 1",
            [],
            |r| {
                Ok(RetentionSettings {
                    unfounded_years: r.get(0)?,
                    completed_years: r.get(1)?,
                    handed_to_police_years: r.get(2)?,
                    forwarded_days: r.get(3)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

/// The rules (the defaults until saved).
pub fn settings(store: &Store) -> Result<RetentionSettings> {
    store.read_unlogged(settings_in)
}

/// Saves the rules; they apply to every closed and forwarded case from the next pass.
pub fn save_settings(store: &Store, s: RetentionSettings) -> Result<RetentionSettings> {
    s.validate()?;
    store.write(|op| {
        op.conn().execute(
            "INSERT INTO retention_settings (id, unfounded_years, completed_years, handed_to_police_years,
                 forwarded_days, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO UPDATE SET unfounded_years = ?1, completed_years = ?2,
                 handed_to_police_years = ?3, forwarded_days = ?4, updated_at = ?5",
            params![s.unfounded_years, s.completed_years, s.handed_to_police_years, s.forwarded_days, op.stamp()],
        )?;
        op.audit(AuditEvent::RetentionSettingsChanged);
        Ok(s)
    })
}

/// The latest extension of every case that has one.
fn extensions(db: &Reader<'_>) -> Result<HashMap<i64, Extension>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT case_id, until, reason, at, by FROM retention_extensions e
         WHERE id = (SELECT max(id) FROM retention_extensions WHERE case_id = e.case_id)",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, Extension { until: r.get(1)?, reason: r.get(2)?, at: r.get(3)?, by: r.get(4)? }))
        })?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(rows)
}

/// The day the receiving infohus confirmed it took over a forwarded case (its receipt imported:
/// `handover::confirm`). A forwarded case is deleted on that day when it comes before the
/// forwarding rule's date.
fn handover_confirmed(db: &Reader<'_>, case_id: i64) -> Result<Option<Day>> {
    crate::handover::confirmed_day(db, case_id)
}

/// `years` after `day`; 29 February goes to 28 February.
fn add_years(day: Day, years: i32) -> Day {
    Day::new(day.date().checked_add_months(Months::new(12 * years.max(0) as u32)).unwrap_or(day.date()))
}

fn add_days(day: Day, days: i32) -> Day {
    Day::new(day.date().checked_add_days(Days::new(days.max(0) as u64)).unwrap_or(day.date()))
}

/// A case's deletion date and why, by the rules and its latest extension.
fn due_of(
    db: &Reader<'_>,
    c: &ArchivedCase,
    rules: &RetentionSettings,
    extension: Option<&Extension>,
    today: Day,
) -> Result<DueCase> {
    let since = Day::of(c.since.instant());
    let (mut rule, mut why, mut due) = match (c.stage, c.outcome) {
        (Stage::Closed, Some(outcome)) => {
            let years = rules.years(outcome);
            (
                format!("closed.{}+{years}y", outcome.as_str()),
                format!("Lukket {} · slettes {years} år efter lukning", since.format_da()),
                add_years(since, years),
            )
        }
        _ => {
            let days = rules.forwarded_days;
            let mut out = (
                format!("forwarded+{days}d"),
                format!("Videresendt {} · slettes {days} dage efter videresendelse", since.format_da()),
                add_days(since, days),
            );
            if let Some(confirmed) = handover_confirmed(db, c.id)?.filter(|d| *d < out.2) {
                out = (
                    "forwarded.confirmed".into(),
                    format!("Videresendt {} · overdragelsen er bekræftet", since.format_da()),
                    confirmed,
                );
            }
            out
        }
    };
    let extension = extension.filter(|e| e.until > due).cloned();
    if let Some(e) = &extension {
        rule = "extended".into();
        why = format!("{why} · forlænget til {}", e.until.format_da());
        due = e.until;
    }
    Ok(DueCase {
        reference: c.reference.clone(),
        stage: c.stage,
        outcome: c.outcome,
        since,
        rule,
        why,
        due,
        overdue: due <= today,
        extension,
    })
}

/// Every closed or forwarded case with its deletion date, with its id; soonest first.
fn all_due(db: &Reader<'_>, today: Day) -> Result<Vec<(i64, DueCase)>> {
    let rules = settings_in(db)?;
    let ext = extensions(db)?;
    let mut out = register::archived(db)?
        .iter()
        .map(|c| Ok((c.id, due_of(db, c, &rules, ext.get(&c.id), today)?)))
        .collect::<Result<Vec<_>>>()?;
    out.sort_by(|a, b| (a.1.due, &a.1.reference).cmp(&(b.1.due, &b.1.reference)));
    Ok(out)
}

/// The Sletning view: the cases to be deleted within `days` days (default
/// [`DUE_WITHIN_DAYS`]), overdue ones included; soonest first. A logged read.
pub fn due_within(store: &Store, days: Option<u32>) -> Result<Vec<DueCase>> {
    let horizon = days.unwrap_or(DUE_WITHIN_DAYS).min(3660);
    store.read(|r| {
        let today = Day::of(r.now());
        let limit = add_days(today, horizon as i32);
        let out: Vec<DueCase> = all_due(r, today)?.into_iter().map(|(_, d)| d).filter(|d| d.due <= limit).collect();
        r.audit(AuditEvent::RetentionListed);
        Ok(out)
    })
}

/// One case's deletion date and why (`reference` must name a closed or forwarded case).
fn due_for(db: &Reader<'_>, id: i64) -> Result<Option<DueCase>> {
    let today = Day::of(db.now());
    Ok(all_due(db, today)?.into_iter().find(|(i, _)| *i == id).map(|(_, d)| d))
}

/// Postpones a case's deletion to `until`, for a reason (kept here, with the case; the audit
/// records that and until when, never the reason's text). `until` must be later than the current
/// deletion date and at most [`EXTEND_YEARS_MAX`] years ahead.
pub fn extend(store: &Store, reference: &str, until: Day, reason: &str) -> Result<DueCase> {
    let reason = clean_text("reason", reason, REASON_MAX, true)?;
    if reason.trim().is_empty() {
        return Err(Error::invalid("reason", "skriv hvorfor sletningen udskydes"));
    }
    store.write(|op| {
        let id = register::id_of(op, reference).map_err(|e| match e {
            Error::NotFound(_) => Error::invalid("reference", "sagen findes ikke"),
            other => other,
        })?;
        let current = due_for(op, id)?
            .ok_or_else(|| Error::invalid("reference", "sagen er hverken afsluttet eller videresendt"))?;
        let today = Day::of(op.now());
        if until <= current.due || until <= today {
            return Err(Error::invalid(
                "until",
                format!("skal være efter den nuværende slettedato, {}", current.due.format_da()),
            ));
        }
        let latest =
            Day::new(today.date().checked_add_months(Months::new(12 * EXTEND_YEARS_MAX)).unwrap_or(today.date()));
        if until > latest {
            return Err(Error::invalid("until", format!("højst {EXTEND_YEARS_MAX} år frem")));
        }
        op.conn().execute(
            "INSERT INTO retention_extensions (case_id, until, reason, at, by) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, until, reason, op.stamp(), op.actor()],
        )?;
        op.audit(AuditEvent::CaseRetentionExtended { reference: current.reference.clone(), until });
        due_for(op, id)?.ok_or(Error::Internal("an extended case has a deletion date"))
    })
}

/// A case's extensions go with it (called from `cases::purge_in`).
pub fn purge(op: &Op<'_>, case_id: i64) -> Result<()> {
    op.conn().execute("DELETE FROM retention_extensions WHERE case_id = ?1", [case_id])?;
    Ok(())
}

/// What a pass on one day deletes: the due cases (id and what) and meetings.
type Plan = (Vec<(i64, DeletedCase)>, Vec<stored::DueMeeting>);

/// What a pass on this day deletes.
fn plan_in(db: &Reader<'_>, today: Day) -> Result<Plan> {
    let cases = all_due(db, today)?
        .into_iter()
        .filter(|(_, d)| d.due <= today)
        .map(|(id, d)| (id, DeletedCase { reference: d.reference, rule: d.rule, due: d.due }))
        .collect();
    Ok((cases, stored::due(db, today)?))
}

/// Deletes up to [`BATCH`] due cases (or, when no case is due, the due meetings) in one write
/// transaction, each case completely with its `case.deleted` audit entry. `more` tells whether
/// anything else is due.
pub fn run_batch(store: &Store) -> Result<Batch> {
    let today = Day::of(store.now());
    // Nothing due: no write (and no audit entry) at all.
    let (cases, meetings) = store.read_unlogged(|r| plan_in(r, today))?;
    if cases.is_empty() && meetings.is_empty() {
        return Ok(Batch::default());
    }
    store.write(|op| {
        // Planned again inside the transaction: what is deleted is what is due now.
        let (cases, meetings) = plan_in(op, today)?;
        let mut batch = Batch::default();
        if !cases.is_empty() {
            for (id, d) in cases.iter().take(BATCH) {
                crate::cases::purge_in(op, *id)?;
                op.audit(AuditEvent::CaseDeleted { reference: d.reference.clone(), rule: d.rule.clone(), due: d.due });
                batch.cases.push(d.clone());
            }
            batch.more = cases.len() > BATCH || !meetings.is_empty();
            if cases.len() <= BATCH {
                // The last cases of this pass: the search index merged, old segments overwritten.
                crate::cases::search::optimize(op)?;
            }
        } else {
            let mut done = std::collections::HashSet::new();
            for m in &meetings {
                if !done.insert(m.id) || !stored::exists(op, m.id)? {
                    continue;
                }
                stored::purge(op, m.id)?;
                op.audit(AuditEvent::MeetingDeleted { number: m.number.clone(), due: m.delete_after });
                batch.meetings.push(DeletedMeeting {
                    number: m.number.clone(),
                    due: m.delete_after,
                    finalized: m.status == "final",
                });
            }
        }
        if batch.cases.is_empty() && batch.meetings.is_empty() {
            op.audit(AuditEvent::RetentionRun);
        }
        Ok(batch)
    })
}

/// After deleting: the WAL emptied and the file compacted (see [`Store::compact`]).
pub fn finish(store: &Store) -> Result<bool> {
    store.compact()
}

/// The whole pass: batches until nothing is due, then [`finish`] when anything was deleted.
/// Dry (`dry_run`): what would be deleted, nothing written (a logged read).
pub fn run(store: &Store, dry_run: bool) -> Result<RetentionRun> {
    let today = Day::of(store.now());
    if dry_run {
        return store.read(|r| {
            let (cases, meetings) = plan_in(r, today)?;
            r.audit(AuditEvent::RetentionListed);
            Ok(RetentionRun {
                dry_run: true,
                today: Some(today),
                cases: cases.into_iter().map(|(_, d)| d).collect(),
                meetings: meetings
                    .into_iter()
                    .map(|m| DeletedMeeting { number: m.number, due: m.delete_after, finalized: m.status == "final" })
                    .collect(),
                compacted: false,
            })
        });
    }
    let mut out = RetentionRun { dry_run: false, today: Some(today), ..Default::default() };
    loop {
        let batch = run_batch(store)?;
        out.cases.extend(batch.cases);
        out.meetings.extend(batch.meetings);
        if !batch.more {
            break;
        }
    }
    if !out.cases.is_empty() || !out.meetings.is_empty() {
        out.compacted = finish(store)?;
    }
    Ok(out)
}

/// The earliest deletion date of anything in the store (cases and meetings): what a backup made
/// now still holds past that day.
pub fn earliest_deletion(store: &Store) -> Result<Option<Day>> {
    store.read_unlogged(|r| {
        let today = Day::of(r.now());
        let case = all_due(r, today)?.first().map(|(_, d)| d.due);
        let meeting = stored::earliest_deletion(r)?;
        Ok(case.into_iter().chain(meeting).min())
    })
}

/// The name proposed for a backup made now: the day, and the earliest deletion date inside it
/// ("Tovholder sikkerhedskopi 2026-11-25 sletning fra 2027-01-05.db"), so whoever keeps the file
/// sees when it starts to hold data that the store has deleted.
pub fn backup_file_name(store: &Store) -> Result<String> {
    let today = Day::of(store.now());
    Ok(match earliest_deletion(store)? {
        Some(d) => format!("Tovholder sikkerhedskopi {} sletning fra {}.db", today.as_text(), d.as_text()),
        None => format!("Tovholder sikkerhedskopi {}.db", today.as_text()),
    })
}
