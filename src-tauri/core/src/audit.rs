//! The audit log: an append-only record of access and changes. Every write carries one typed
//! event, committed in the same transaction as the change ([`crate::store::Op`]); every logged
//! read records its event after the read ([`crate::store::Read`]). Subjects are case references
//! or counts, never personal data. The table refuses UPDATE (and, from schema 3, DELETE).

use crate::dates::Stamp;
use crate::error::Result;
use crate::op::{DataKind, Op, Read, Reader};
use rusqlite::Connection;

/// What happened. The action names are stable: reports and the coming audit chain read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditEvent {
    StoreCreated,
    StoreUnlockedWithRecoveryCode,
    StoreBackupCreated,
    StoreRestored,
    DemoFilled { cases: u32 },
    CaseCreated { reference: String },
    CaseRead { reference: String },
    CaseUpdated { reference: String },
    CaseStageChanged { reference: String },
    CaseNoteAdded { reference: String },
    CaseForwarded { reference: String },
    CaseForwardUndone { reference: String },
    CasePurged { reference: String },
    CaseMeetingFlagged { reference: String },
    ActionItemAdded { reference: String },
    ActionItemChanged { reference: String },
    ActionItemsListed,
    MeetingChanged { number: String },
    MeetingRead { id: i64 },
    MeetingFinalized { number: String },
    MinutesExported { number: String },
    MinutesEmailDrafted { number: String },
    MeetingsListed,
    DirectoryChanged { id: i64 },
    DirectoryListed,
    CasesListed,
    CasesSearched,
    BoardViewed,
    BoardSettingsChanged,
    MeetingSettingsChanged,
}

impl AuditEvent {
    pub fn action(&self) -> &'static str {
        match self {
            AuditEvent::StoreCreated => "store.created",
            AuditEvent::StoreUnlockedWithRecoveryCode => "store.unlocked_with_recovery_code",
            AuditEvent::StoreBackupCreated => "store.backup_created",
            AuditEvent::StoreRestored => "store.restored",
            AuditEvent::DemoFilled { .. } => "demo.filled",
            AuditEvent::CaseCreated { .. } => "case.created",
            AuditEvent::CaseRead { .. } => "case.read",
            AuditEvent::CaseUpdated { .. } => "case.updated",
            AuditEvent::CaseStageChanged { .. } => "case.stage_changed",
            AuditEvent::CaseNoteAdded { .. } => "case.note_added",
            AuditEvent::CaseForwarded { .. } => "case.forwarded",
            AuditEvent::CaseForwardUndone { .. } => "case.forward_undone",
            AuditEvent::CasePurged { .. } => "case.purged",
            AuditEvent::CaseMeetingFlagged { .. } => "case.meeting_flagged",
            AuditEvent::ActionItemAdded { .. } => "action_item.added",
            AuditEvent::ActionItemChanged { .. } => "action_item.changed",
            AuditEvent::ActionItemsListed => "action_items.listed",
            AuditEvent::BoardSettingsChanged => "board.settings_changed",
            AuditEvent::MeetingSettingsChanged => "meeting.settings_changed",
            AuditEvent::MeetingChanged { .. } => "meeting.changed",
            AuditEvent::MeetingRead { .. } => "meeting.read",
            AuditEvent::MeetingFinalized { .. } => "meeting.finalized",
            AuditEvent::MinutesExported { .. } => "minutes.exported",
            AuditEvent::MinutesEmailDrafted { .. } => "minutes.email_drafted",
            AuditEvent::MeetingsListed => "meetings.listed",
            AuditEvent::DirectoryChanged { .. } => "directory.changed",
            AuditEvent::DirectoryListed => "directory.listed",
            AuditEvent::CasesListed => "cases.listed",
            AuditEvent::CasesSearched => "case.search",
            AuditEvent::BoardViewed => "board.viewed",
        }
    }

    /// The kinds of data a committed event changed, for the window to reload: the one table from
    /// audit events to change events. Reads, exports and backups change nothing shown.
    pub fn changes(&self) -> &'static [DataKind] {
        use DataKind as K;
        match self {
            AuditEvent::StoreCreated | AuditEvent::StoreUnlockedWithRecoveryCode | AuditEvent::StoreRestored => {
                &[K::Store]
            }
            AuditEvent::DemoFilled { .. } => &[K::Cases, K::ActionItems],
            AuditEvent::CaseCreated { .. }
            | AuditEvent::CaseUpdated { .. }
            | AuditEvent::CaseStageChanged { .. }
            | AuditEvent::CaseNoteAdded { .. }
            | AuditEvent::CaseForwarded { .. }
            | AuditEvent::CaseForwardUndone { .. }
            | AuditEvent::CasePurged { .. }
            | AuditEvent::CaseMeetingFlagged { .. } => &[K::Cases],
            // An item's change is written to its case's history too.
            AuditEvent::ActionItemAdded { .. } | AuditEvent::ActionItemChanged { .. } => &[K::ActionItems, K::Cases],
            AuditEvent::MeetingChanged { .. } => &[K::Meetings],
            // Finalizing applies the recorded stages and action items to the cases.
            AuditEvent::MeetingFinalized { .. } => &[K::Meetings, K::Cases, K::ActionItems],
            AuditEvent::DirectoryChanged { .. } => &[K::Directory],
            AuditEvent::BoardSettingsChanged => &[K::BoardSettings],
            AuditEvent::MeetingSettingsChanged => &[K::MeetingSettings],
            AuditEvent::StoreBackupCreated
            | AuditEvent::CaseRead { .. }
            | AuditEvent::ActionItemsListed
            | AuditEvent::MeetingRead { .. }
            | AuditEvent::MinutesExported { .. }
            | AuditEvent::MinutesEmailDrafted { .. }
            | AuditEvent::MeetingsListed
            | AuditEvent::DirectoryListed
            | AuditEvent::CasesListed
            | AuditEvent::CasesSearched
            | AuditEvent::BoardViewed => &[],
        }
    }

    /// The subject: a case reference, a count, or nothing. Never personal data.
    pub fn subject(&self) -> Option<String> {
        match self {
            AuditEvent::CaseCreated { reference }
            | AuditEvent::CaseRead { reference }
            | AuditEvent::CaseUpdated { reference }
            | AuditEvent::CaseStageChanged { reference }
            | AuditEvent::CaseNoteAdded { reference }
            | AuditEvent::CaseForwarded { reference }
            | AuditEvent::CaseForwardUndone { reference }
            | AuditEvent::CasePurged { reference }
            | AuditEvent::CaseMeetingFlagged { reference }
            | AuditEvent::ActionItemAdded { reference }
            | AuditEvent::ActionItemChanged { reference } => Some(reference.clone()),
            AuditEvent::DemoFilled { cases } => Some(format!("{cases} cases")),
            AuditEvent::MeetingChanged { number }
            | AuditEvent::MeetingFinalized { number }
            | AuditEvent::MinutesExported { number }
            | AuditEvent::MinutesEmailDrafted { number } => Some(format!("møde {number}")),
            AuditEvent::MeetingRead { id } => Some(format!("møde id {id}")),
            AuditEvent::DirectoryChanged { id } => Some(format!("deltager id {id}")),
            _ => None,
        }
    }
}

fn append(conn: &Connection, at: Stamp, actor: &str, event: &AuditEvent) -> Result<()> {
    conn.prepare_cached("INSERT INTO audit_log (at, actor, action, subject) VALUES (?1, ?2, ?3, ?4)")?.execute((
        at,
        actor,
        event.action(),
        event.subject(),
    ))?;
    Ok(())
}

/// Appends one entry in the operation's transaction (the operation layer calls this for each
/// of its events before it commits).
pub fn insert(op: &Op<'_>, event: &AuditEvent) -> Result<()> {
    append(op.conn(), op.stamp(), op.actor(), event)
}

/// Records a finished read's events (a case opened, a search run). Read entries are committed
/// without an fsync of their own (WAL with `synchronous = NORMAL` for these statements): they
/// reach the disk with the next data change or checkpoint, which every data change forces with
/// its own fsync. This keeps a search at the speed of the search (an fsync costs 3–4 ms here)
/// without weakening the durability of case data. Called by the operation layer after the read
/// transaction ended.
pub(crate) fn insert_reads(read: &Read<'_>) -> Result<()> {
    let events = read.events();
    if events.is_empty() {
        return Ok(());
    }
    let conn = read.log_connection();
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let result = events.iter().try_for_each(|e| append(conn, read.stamp(), read.actor(), e));
    conn.pragma_update(None, "synchronous", "FULL")?;
    result
}

pub(crate) fn count(db: &Reader<'_>) -> Result<u64> {
    Ok(db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0))? as u64)
}
