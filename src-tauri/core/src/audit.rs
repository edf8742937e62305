//! The audit log: an append-only record of access and changes. Every write carries one typed
//! event, committed in the same transaction as the change ([`crate::store::Op`]); every logged
//! read records its event after the read ([`crate::store::Read`]). Subjects are case references
//! or counts, never personal data. The table refuses UPDATE (and, from schema 3, DELETE).
//!
//! # The chain (tamper evidence, #16; docs/audit.md)
//!
//! Every entry has a position (its id: 1, 2, 3, … without gaps) and two chain values:
//!
//! - `digest`, a hash chain anyone with the database can recompute: SHA-256 over the position,
//!   the previous entry's digest and the entry's content hash (its time, actor, action and
//!   subject in a fixed, length-prefixed encoding: [`content_hash`]). It finds any change that was
//!   not followed by recomputing every later digest, and it is what a [`Checkpoint`] records.
//! - `mac`, HMAC-SHA256 over the position, the digest and the previous entry's MAC, under a key
//!   that ratchets forward: entry `p` is MACed with `K_p`, and `K_{p+1} = HMAC(K_p, "ratchet")`.
//!   The store keeps only the key for the next entry (`audit_chain.next_key`, overwritten in the
//!   entry's own transaction with `secure_delete` on), so whoever takes the laptop later holds
//!   `K_{n+1}` and cannot compute the key of any entry already written: rewriting one breaks its
//!   MAC (Schneier–Kelsey's forward integrity). The MAC covers the position, so an old tag cannot
//!   be re-attached elsewhere (systemd's CVE-2023-31439).
//!
//! The verifier derives every key from the initial key `K_1`. Where it is kept decides who can
//! verify and who could forge: in the keychain (beside the database key) anyone who can open the
//! store could recompute the whole chain, so it is **sealed with the recovery code** (HKDF +
//! XChaCha20-Poly1305, [`crate::secrets`]) in `audit_chain.sealed_initial_key`, as Schneier and
//! Kelsey hand it to a trusted verifier: the holder of the recovery code (written down at setup,
//! kept off the laptop). `verify` checks the MACs when given the code and the digests, positions,
//! the head and checkpoints always. A store upgraded from a version without the chain has no code
//! at hand during the upgrade: its initial key stays in the store (`initial_key`, as safe as the
//! database key) until the recovery code is next entered (`Store::unlock_with_recovery_code`,
//! `restore` with the code), which seals it; until then its MACs protect only against someone
//! without the database key.
//!
//! Read entries are committed without an fsync of their own, so a crash can lose the chain's
//! tail (entry and head together: they share one transaction, so the log and its head always
//! agree). Nothing in the store shows such a loss; a checkpoint can. Checkpoints are returned
//! only from writes that fsync, so a crash never loses an entry one names: a log that ends
//! before a checkpoint's position lost its tail to an older copy put in place (or a disk that
//! lost what it confirmed), and a checkpoint taken before a restore names entries lost with it
//! ([`Finding::TailLost`]). A head that names more entries than the log holds, a gap, or a
//! checkpoint the log no longer contains without a restore to explain it, is tampering
//! ([`Finding::Broken`]).
//!
//! Reduction (retention, later): the digest covers the entry's content only through its content
//! hash, so a future "reduce entry N to its reference" keeps N's content hash beside the reduced
//! fields and records the reduction as a new entry: no MAC or digest is rewritten (the keys to do
//! so no longer exist).

use crate::dates::Stamp;
use crate::error::{Error, Result};
use crate::op::{DataKind, Op, Read, Reader};
use crate::secrets::RecoveryCode;
use crate::store::Store;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// What happened. The action names are stable: reports and the audit chain read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditEvent {
    StoreCreated,
    StoreUnlockedWithRecoveryCode,
    StoreBackupCreated,
    StoreRestored,
    DemoFilled {
        cases: u32,
    },
    CaseCreated {
        reference: String,
    },
    CaseRead {
        reference: String,
    },
    CaseUpdated {
        reference: String,
    },
    CaseStageChanged {
        reference: String,
    },
    CaseNoteAdded {
        reference: String,
    },
    CaseForwarded {
        reference: String,
    },
    CaseForwardUndone {
        reference: String,
    },
    CasePurged {
        reference: String,
    },
    CaseMeetingFlagged {
        reference: String,
    },
    ActionItemAdded {
        reference: String,
    },
    ActionItemChanged {
        reference: String,
    },
    /// The Opgaver list: the cases whose items were shown.
    ActionItemsListed {
        refs: Vec<String>,
    },
    MeetingChanged {
        number: String,
    },
    /// A meeting's record (or summary) read: the cases on its agenda.
    MeetingRead {
        id: i64,
        refs: Vec<String>,
    },
    /// The agenda proposed from the board for a meeting: the cases proposed.
    AgendaProposed {
        id: i64,
        refs: Vec<String>,
    },
    MeetingFinalized {
        number: String,
    },
    /// The minutes (draft or final) saved, opened or previewed: the cases they name.
    MinutesExported {
        number: String,
        refs: Vec<String>,
    },
    MinutesEmailDrafted {
        number: String,
        refs: Vec<String>,
    },
    MeetingsListed,
    DirectoryChanged {
        id: i64,
    },
    DirectoryListed,
    /// A page of the case list: the cases on it.
    CasesListed {
        refs: Vec<String>,
    },
    /// A search's result list: the cases in it (the query is not recorded).
    CasesSearched {
        refs: Vec<String>,
    },
    /// The board: the cases whose cards were sent.
    BoardViewed {
        refs: Vec<String>,
    },
    BoardSettingsChanged,
    MeetingSettingsChanged,
    /// A checkpoint of the chain's head was taken (its text, e.g. for the minutes).
    AuditCheckpoint {
        text: String,
    },
    /// The chain was verified.
    AuditVerified,
    /// The log's entries were read (about one case, or all).
    AuditListed {
        reference: Option<String>,
    },
    /// The chain's initial key was sealed with the recovery code (an upgraded store).
    AuditKeySealed,
    /// The app locked the store (and why).
    StoreLocked {
        reason: crate::lock::LockReason,
    },
    /// The store was opened (at start or from the lock screen), and how.
    StoreUnlocked {
        how: crate::lock::UnlockMethod,
    },
    LockSettingsChanged,
    /// The PIN in front of the keychain was set (or changed) or removed.
    PinChanged {
        set: bool,
    },
    /// The safe screen mode or its settings changed (what they are now: no personal data).
    ScreenSettingsChanged {
        safe: bool,
    },
    /// What was being typed in a form was kept in the store (at locking).
    DraftSaved {
        kind: crate::drafts::DraftKind,
    },
    /// A kept form was taken back (after unlocking).
    DraftTaken {
        kind: crate::drafts::DraftKind,
    },
    /// An access report (indsigt, GDPR art. 15) about one case was made.
    AccessReportExported {
        reference: String,
    },
    /// The access report's settings were changed (whether it names staff).
    AccessReportSettingsChanged,
    /// Retention deleted a case: its reference, the rule and the deletion date (nothing else is
    /// left of it).
    CaseDeleted {
        reference: String,
        rule: String,
        due: crate::dates::Day,
    },
    /// A case's deletion was postponed to `until` (the reason stays in the retention table).
    CaseRetentionExtended {
        reference: String,
        until: crate::dates::Day,
    },
    /// Retention deleted a meeting (its minutes' date had come).
    MeetingDeleted {
        number: String,
        due: crate::dates::Day,
    },
    /// What retention deletes soon was read (the Sletning view, a dry run).
    RetentionListed,
    /// A retention pass found nothing left to delete after planning.
    RetentionRun,
    RetentionSettingsChanged,
    /// This installation's key pairs for the sealed hand-over were made.
    IdentityCreated,
    /// An installation was added to the directory, or its key or name changed (its row id).
    PeerAdded {
        id: i64,
    },
    /// An installation's safety number was compared and it was marked verified.
    PeerVerified {
        id: i64,
    },
    /// A case was sealed for another infohus (and forwarded there).
    HandoverSent {
        reference: String,
    },
    /// A received sealed case was opened for preview (the sender's reference; nothing stored).
    HandoverOpened {
        reference: String,
    },
    /// A sealed case was received: the new case.
    HandoverReceived {
        reference: String,
    },
    /// The receiver's receipt for a sent case was imported.
    HandoverConfirmed {
        reference: String,
    },
    /// Statistik was saved (the report's PDF and CSV files): the period and the threshold, no
    /// figures.
    StatsExported {
        period: String,
    },
    /// Statistik's threshold was changed (what it is now).
    StatsSettingsChanged {
        threshold: u64,
    },
}

crate::keys::key_enum!(
    /// An audit entry's action: its stable key (what the log stores and reports read) and what
    /// the views and the access report call it.
    AuditAction {
        StoreCreated = "store.created": "Databasen oprettet",
        StoreUnlockedWithRecoveryCode = "store.unlocked_with_recovery_code": "Låst op med gendannelseskoden",
        StoreBackupCreated = "store.backup_created": "Sikkerhedskopi taget",
        StoreRestored = "store.restored": "Gendannet fra sikkerhedskopi",
        DemoFilled = "demo.filled": "Demodata indsat",
        CaseCreated = "case.created": "Sagen oprettet",
        CaseRead = "case.read": "Sagen åbnet",
        CaseUpdated = "case.updated": "Sagens oplysninger ændret",
        CaseStageChanged = "case.stage_changed": "Sagens fase ændret",
        CaseNoteAdded = "case.note_added": "Notat tilføjet",
        CaseForwarded = "case.forwarded": "Sagen videresendt",
        CaseForwardUndone = "case.forward_undone": "Videresendelsen fortrudt",
        CasePurged = "case.purged": "Sagen slettet",
        CaseMeetingFlagged = "case.meeting_flagged": "Markering til møde ændret",
        ActionItemAdded = "action_item.added": "Opgave tilføjet",
        ActionItemChanged = "action_item.changed": "Opgavens status ændret",
        ActionItemsListed = "action_items.listed": "Vist i opgavelisten",
        BoardSettingsChanged = "board.settings_changed": "Tavlens indstillinger ændret",
        MeetingSettingsChanged = "meeting.settings_changed": "Mødeindstillinger ændret",
        MeetingChanged = "meeting.changed": "Møde ændret",
        MeetingRead = "meeting.read": "Møde åbnet",
        AgendaProposed = "meeting.agenda_proposed": "Dagsorden foreslået",
        MeetingFinalized = "meeting.finalized": "Møde færdiggjort",
        MinutesExported = "minutes.exported": "Referat gemt eller åbnet",
        MinutesEmailDrafted = "minutes.email_drafted": "Referat gjort klar til e-mail",
        MeetingsListed = "meetings.listed": "Mødeliste vist",
        DirectoryChanged = "directory.changed": "Deltager ændret",
        DirectoryListed = "directory.listed": "Deltagere vist",
        CasesListed = "cases.listed": "Vist i sagslisten",
        CasesSearched = "case.search": "Vist i et søgeresultat",
        BoardViewed = "board.viewed": "Vist på tavlen",
        AuditCheckpoint = "audit.checkpoint": "Kontrolpunkt taget",
        AuditVerified = "audit.verified": "Loggen kontrolleret",
        AuditListed = "audit.listed": "Loggen vist",
        AuditKeySealed = "audit.key_sealed": "Loggens nøgle forseglet",
        StoreLocked = "store.locked": "Låst",
        StoreUnlocked = "store.unlocked": "Låst op",
        LockSettingsChanged = "lock.settings_changed": "Låseindstillinger ændret",
        PinChanged = "lock.pin_changed": "PIN-kode sat eller fjernet",
        ScreenSettingsChanged = "screen.settings_changed": "Sikker skærm ændret",
        DraftSaved = "draft.saved": "Kladde gemt ved låsning",
        DraftTaken = "draft.taken": "Kladde hentet efter oplåsning",
        AccessReportExported = "access_report.exported": "Indsigtsrapport dannet",
        AccessReportSettingsChanged = "access_report.settings_changed": "Indsigtsrapportens indstillinger ændret",
        CaseDeleted = "case.deleted": "Sagen slettet efter sin slettefrist",
        CaseRetentionExtended = "case.retention_extended": "Sletning udskudt",
        MeetingDeleted = "meeting.deleted": "Møde slettet efter sin slettefrist",
        RetentionListed = "retention.listed": "Sletteliste vist",
        RetentionRun = "retention.run": "Sletning kørt",
        RetentionSettingsChanged = "retention.settings_changed": "Slettefrister ændret",
        IdentityCreated = "identity.created": "Installationens nøgler dannet",
        PeerAdded = "peer.added": "Nøgle tilføjet til nøglekataloget",
        PeerVerified = "peer.verified": "Nøgle bekræftet med sikkerhedsnummer",
        HandoverSent = "handover.sent": "Sagen sendt forseglet",
        HandoverOpened = "handover.opened": "Modtaget sag vist før modtagelse",
        HandoverReceived = "handover.received": "Sagen modtaget forseglet",
        HandoverConfirmed = "handover.confirmed": "Modtagelse bekræftet",
        StatsExported = "stats.exported": "Statistik gemt",
        StatsSettingsChanged = "stats.settings_changed": "Statistikkens indstillinger ændret",
    }
);

impl AuditAction {
    /// Whether an entry of this action has a case reference as its subject.
    pub fn is_about_a_case(self) -> bool {
        use AuditAction as A;
        matches!(
            self,
            A::CaseCreated
                | A::CaseRead
                | A::CaseUpdated
                | A::CaseStageChanged
                | A::CaseNoteAdded
                | A::CaseForwarded
                | A::CaseForwardUndone
                | A::CasePurged
                | A::CaseMeetingFlagged
                | A::ActionItemAdded
                | A::ActionItemChanged
                | A::AuditListed
                | A::AccessReportExported
                | A::HandoverSent
                | A::HandoverOpened
                | A::HandoverReceived
                | A::HandoverConfirmed
        )
    }
}

impl AuditEvent {
    pub fn action(&self) -> &'static str {
        self.kind().as_str()
    }

    /// What kind of action this is.
    pub fn kind(&self) -> AuditAction {
        match self {
            AuditEvent::StoreCreated => AuditAction::StoreCreated,
            AuditEvent::StoreUnlockedWithRecoveryCode => AuditAction::StoreUnlockedWithRecoveryCode,
            AuditEvent::StoreBackupCreated => AuditAction::StoreBackupCreated,
            AuditEvent::StoreRestored => AuditAction::StoreRestored,
            AuditEvent::DemoFilled { .. } => AuditAction::DemoFilled,
            AuditEvent::CaseCreated { .. } => AuditAction::CaseCreated,
            AuditEvent::CaseRead { .. } => AuditAction::CaseRead,
            AuditEvent::CaseUpdated { .. } => AuditAction::CaseUpdated,
            AuditEvent::CaseStageChanged { .. } => AuditAction::CaseStageChanged,
            AuditEvent::CaseNoteAdded { .. } => AuditAction::CaseNoteAdded,
            AuditEvent::CaseForwarded { .. } => AuditAction::CaseForwarded,
            AuditEvent::CaseForwardUndone { .. } => AuditAction::CaseForwardUndone,
            AuditEvent::CasePurged { .. } => AuditAction::CasePurged,
            AuditEvent::CaseMeetingFlagged { .. } => AuditAction::CaseMeetingFlagged,
            AuditEvent::ActionItemAdded { .. } => AuditAction::ActionItemAdded,
            AuditEvent::ActionItemChanged { .. } => AuditAction::ActionItemChanged,
            AuditEvent::ActionItemsListed { .. } => AuditAction::ActionItemsListed,
            AuditEvent::BoardSettingsChanged => AuditAction::BoardSettingsChanged,
            AuditEvent::MeetingSettingsChanged => AuditAction::MeetingSettingsChanged,
            AuditEvent::MeetingChanged { .. } => AuditAction::MeetingChanged,
            AuditEvent::MeetingRead { .. } => AuditAction::MeetingRead,
            AuditEvent::AgendaProposed { .. } => AuditAction::AgendaProposed,
            AuditEvent::MeetingFinalized { .. } => AuditAction::MeetingFinalized,
            AuditEvent::MinutesExported { .. } => AuditAction::MinutesExported,
            AuditEvent::MinutesEmailDrafted { .. } => AuditAction::MinutesEmailDrafted,
            AuditEvent::MeetingsListed => AuditAction::MeetingsListed,
            AuditEvent::DirectoryChanged { .. } => AuditAction::DirectoryChanged,
            AuditEvent::DirectoryListed => AuditAction::DirectoryListed,
            AuditEvent::CasesListed { .. } => AuditAction::CasesListed,
            AuditEvent::CasesSearched { .. } => AuditAction::CasesSearched,
            AuditEvent::BoardViewed { .. } => AuditAction::BoardViewed,
            AuditEvent::AuditCheckpoint { .. } => AuditAction::AuditCheckpoint,
            AuditEvent::AuditVerified => AuditAction::AuditVerified,
            AuditEvent::AuditListed { .. } => AuditAction::AuditListed,
            AuditEvent::AuditKeySealed => AuditAction::AuditKeySealed,
            AuditEvent::StoreLocked { .. } => AuditAction::StoreLocked,
            AuditEvent::StoreUnlocked { .. } => AuditAction::StoreUnlocked,
            AuditEvent::LockSettingsChanged => AuditAction::LockSettingsChanged,
            AuditEvent::PinChanged { .. } => AuditAction::PinChanged,
            AuditEvent::ScreenSettingsChanged { .. } => AuditAction::ScreenSettingsChanged,
            AuditEvent::DraftSaved { .. } => AuditAction::DraftSaved,
            AuditEvent::DraftTaken { .. } => AuditAction::DraftTaken,
            AuditEvent::AccessReportExported { .. } => AuditAction::AccessReportExported,
            AuditEvent::AccessReportSettingsChanged => AuditAction::AccessReportSettingsChanged,
            AuditEvent::CaseDeleted { .. } => AuditAction::CaseDeleted,
            AuditEvent::CaseRetentionExtended { .. } => AuditAction::CaseRetentionExtended,
            AuditEvent::MeetingDeleted { .. } => AuditAction::MeetingDeleted,
            AuditEvent::RetentionListed => AuditAction::RetentionListed,
            AuditEvent::RetentionRun => AuditAction::RetentionRun,
            AuditEvent::RetentionSettingsChanged => AuditAction::RetentionSettingsChanged,
            AuditEvent::IdentityCreated => AuditAction::IdentityCreated,
            AuditEvent::PeerAdded { .. } => AuditAction::PeerAdded,
            AuditEvent::PeerVerified { .. } => AuditAction::PeerVerified,
            AuditEvent::HandoverSent { .. } => AuditAction::HandoverSent,
            AuditEvent::HandoverOpened { .. } => AuditAction::HandoverOpened,
            AuditEvent::HandoverReceived { .. } => AuditAction::HandoverReceived,
            AuditEvent::HandoverConfirmed { .. } => AuditAction::HandoverConfirmed,
            AuditEvent::StatsExported { .. } => AuditAction::StatsExported,
            AuditEvent::StatsSettingsChanged { .. } => AuditAction::StatsSettingsChanged,
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
            AuditEvent::ScreenSettingsChanged { .. } => &[K::ScreenSettings],
            // A deleted case takes its action items and its entries in draft meetings with it.
            AuditEvent::CaseDeleted { .. } => &[K::Cases, K::ActionItems, K::Meetings],
            AuditEvent::MeetingDeleted { .. } => &[K::Meetings],
            AuditEvent::CaseRetentionExtended { .. } | AuditEvent::RetentionSettingsChanged => &[K::Cases],
            AuditEvent::HandoverSent { .. }
            | AuditEvent::HandoverReceived { .. }
            | AuditEvent::HandoverConfirmed { .. } => &[K::Cases],
            AuditEvent::IdentityCreated | AuditEvent::PeerAdded { .. } | AuditEvent::PeerVerified { .. } => &[K::Peers],
            AuditEvent::StoreBackupCreated
            | AuditEvent::CaseRead { .. }
            | AuditEvent::ActionItemsListed { .. }
            | AuditEvent::MeetingRead { .. }
            | AuditEvent::AgendaProposed { .. }
            | AuditEvent::MinutesExported { .. }
            | AuditEvent::MinutesEmailDrafted { .. }
            | AuditEvent::MeetingsListed
            | AuditEvent::DirectoryListed
            | AuditEvent::CasesListed { .. }
            | AuditEvent::CasesSearched { .. }
            | AuditEvent::BoardViewed { .. }
            | AuditEvent::AuditCheckpoint { .. }
            | AuditEvent::AuditVerified
            | AuditEvent::AuditListed { .. }
            | AuditEvent::AuditKeySealed
            | AuditEvent::StoreLocked { .. }
            | AuditEvent::StoreUnlocked { .. }
            | AuditEvent::LockSettingsChanged
            | AuditEvent::PinChanged { .. }
            | AuditEvent::DraftSaved { .. }
            | AuditEvent::DraftTaken { .. }
            | AuditEvent::AccessReportExported { .. }
            | AuditEvent::AccessReportSettingsChanged
            | AuditEvent::RetentionListed
            | AuditEvent::RetentionRun
            | AuditEvent::HandoverOpened { .. }
            | AuditEvent::StatsExported { .. }
            | AuditEvent::StatsSettingsChanged { .. } => &[],
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
            | AuditEvent::ActionItemChanged { reference }
            | AuditEvent::AccessReportExported { reference }
            | AuditEvent::HandoverSent { reference }
            | AuditEvent::HandoverOpened { reference }
            | AuditEvent::HandoverReceived { reference }
            | AuditEvent::HandoverConfirmed { reference } => Some(reference.clone()),
            AuditEvent::PeerAdded { id } | AuditEvent::PeerVerified { id } => Some(format!("nøgle id {id}")),
            AuditEvent::DemoFilled { cases } => Some(format!("{cases} cases")),
            AuditEvent::MeetingChanged { number }
            | AuditEvent::MeetingFinalized { number }
            | AuditEvent::MinutesExported { number, .. }
            | AuditEvent::MinutesEmailDrafted { number, .. } => Some(format!("møde {number}")),
            AuditEvent::MeetingRead { id, .. } | AuditEvent::AgendaProposed { id, .. } => Some(format!("møde id {id}")),
            AuditEvent::CasesListed { refs }
            | AuditEvent::CasesSearched { refs }
            | AuditEvent::BoardViewed { refs }
            | AuditEvent::ActionItemsListed { refs } => Some(match refs.len() {
                1 => "1 sag".to_string(),
                n => format!("{n} sager"),
            }),
            AuditEvent::DirectoryChanged { id } => Some(format!("deltager id {id}")),
            AuditEvent::AuditCheckpoint { text } => Some(text.clone()),
            AuditEvent::AuditListed { reference } => reference.clone(),
            AuditEvent::StoreLocked { reason } => Some(reason.label_da().to_string()),
            AuditEvent::StoreUnlocked { how } => Some(how.label_da().to_string()),
            AuditEvent::PinChanged { set } => Some(if *set { "sat" } else { "fjernet" }.to_string()),
            AuditEvent::ScreenSettingsChanged { safe } => Some(if *safe { "til" } else { "fra" }.to_string()),
            AuditEvent::DraftSaved { kind } | AuditEvent::DraftTaken { kind } => Some(kind.label_da().to_string()),
            AuditEvent::CaseDeleted { reference, rule, due } => Some(format!("{reference} {rule} {}", due.as_text())),
            AuditEvent::CaseRetentionExtended { reference, until } => {
                Some(format!("{reference} until {}", until.as_text()))
            }
            AuditEvent::MeetingDeleted { number, due } => Some(format!("møde {number} {}", due.as_text())),
            AuditEvent::StatsExported { period } => Some(period.clone()),
            AuditEvent::StatsSettingsChanged { threshold } => Some(format!("< {threshold}")),
            _ => None,
        }
    }

    /// The cases a read showed (the references on screen, in the order shown), kept beside the
    /// entry and covered by its chain values; none for events about one case (their subject is
    /// its reference) or about none.
    pub fn shown(&self) -> &[String] {
        match self {
            AuditEvent::CasesListed { refs }
            | AuditEvent::CasesSearched { refs }
            | AuditEvent::BoardViewed { refs }
            | AuditEvent::ActionItemsListed { refs }
            | AuditEvent::MeetingRead { refs, .. }
            | AuditEvent::AgendaProposed { refs, .. }
            | AuditEvent::MinutesExported { refs, .. }
            | AuditEvent::MinutesEmailDrafted { refs, .. } => refs,
            _ => &[],
        }
    }

    /// The shown references as stored (`refs`): separated by one space, or none.
    fn shown_text(&self) -> Option<String> {
        let refs = self.shown();
        (!refs.is_empty()).then(|| refs.join(" "))
    }
}

// ---------------------------------------------------------------------------------------------
// The chain's cryptography (pure; docs/audit.md has the same definitions)

type Bytes32 = [u8; 32];
type HmacSha256 = Hmac<Sha256>;

/// The digest and MAC "before" position 1.
const GENESIS: Bytes32 = [0; 32];
const CONTENT_LABEL: &[u8] = b"tovholder audit entry v1";
const REFS_LABEL: &[u8] = b"shown";
const OS_USER_LABEL: &[u8] = b"os user";
const DIGEST_LABEL: &[u8] = b"tovholder audit chain v1";
const MAC_LABEL: &[u8] = b"tovholder audit mac v1";
const RATCHET_LABEL: &[u8] = b"tovholder audit ratchet v1";
/// What the recovery code seals the initial key for (its associated data and HKDF info).
const SEAL_PURPOSE: &str = "tovholder audit initial key v1";

/// A field of the canonical encoding: its length (4 bytes, big-endian), then its bytes.
fn put(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    buf.extend_from_slice(bytes);
}

fn sha256(bytes: &[u8]) -> Bytes32 {
    let mut out = [0u8; 32];
    out.copy_from_slice(&Sha256::digest(bytes));
    out
}

/// An entry's content as stored: the time (the stored text), the actor, the action, the subject,
/// and the references a read showed (`refs`, separated by spaces).
struct Fields<'a> {
    at: &'a str,
    actor: &'a str,
    action: &'a str,
    subject: Option<&'a str>,
    refs: Option<&'a str>,
    os_user: Option<&'a str>,
}

/// SHA-256 of `put(CONTENT_LABEL) ‖ put(at) ‖ put(actor) ‖ put(action) ‖ subject [‖ refs]`,
/// where subject is the byte 0 for none and the byte 1 followed by `put(subject)` for one; an
/// entry with shown references (schema 10 on) appends `put(REFS_LABEL) ‖ put(refs)`, and one with
/// the operating system's user (schema 10 on) `put(OS_USER_LABEL) ‖ put(os_user)`, so an entry
/// without them hashes as before.
fn content_hash(buf: &mut Vec<u8>, f: &Fields<'_>) -> Bytes32 {
    buf.clear();
    put(buf, CONTENT_LABEL);
    put(buf, f.at.as_bytes());
    put(buf, f.actor.as_bytes());
    put(buf, f.action.as_bytes());
    match f.subject {
        None => buf.push(0),
        Some(s) => {
            buf.push(1);
            put(buf, s.as_bytes());
        }
    }
    if let Some(refs) = f.refs {
        put(buf, REFS_LABEL);
        put(buf, refs.as_bytes());
    }
    if let Some(user) = f.os_user {
        put(buf, OS_USER_LABEL);
        put(buf, user.as_bytes());
    }
    sha256(buf)
}

/// `digest_p = SHA-256(put(DIGEST_LABEL) ‖ p (8 bytes, big-endian) ‖ digest_{p-1} ‖ content_p)`.
fn chain_digest(buf: &mut Vec<u8>, position: u64, previous: &Bytes32, content: &Bytes32) -> Bytes32 {
    buf.clear();
    put(buf, DIGEST_LABEL);
    buf.extend_from_slice(&position.to_be_bytes());
    buf.extend_from_slice(previous);
    buf.extend_from_slice(content);
    sha256(buf)
}

/// A key of the chain: `K_p` MACs entry `p`. Zeroed when dropped.
#[derive(Clone)]
struct ChainKey(Zeroizing<Bytes32>);

impl ChainKey {
    fn generate() -> ChainKey {
        use rand::RngCore;
        let mut k = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(k.as_mut());
        ChainKey(k)
    }

    fn from_blob(b: &[u8]) -> Option<ChainKey> {
        let bytes: Bytes32 = b.try_into().ok()?;
        Some(ChainKey(Zeroizing::new(bytes)))
    }

    fn hmac(&self, parts: &[&[u8]]) -> Bytes32 {
        let mut m = <HmacSha256 as KeyInit>::new_from_slice(self.0.as_ref()).expect("HMAC takes keys of any length");
        for part in parts {
            m.update(part);
        }
        let mut out = [0u8; 32];
        out.copy_from_slice(&m.finalize().into_bytes());
        out
    }

    /// `mac_p = HMAC(K_p, put(MAC_LABEL) ‖ p (8 bytes, big-endian) ‖ digest_p ‖ mac_{p-1})`.
    fn mac(&self, position: u64, digest: &Bytes32, previous_mac: &Bytes32) -> Bytes32 {
        let mut label = Vec::with_capacity(4 + MAC_LABEL.len());
        put(&mut label, MAC_LABEL);
        self.hmac(&[&label, &position.to_be_bytes(), digest, previous_mac])
    }

    /// `K_{p+1} = HMAC(K_p, put(RATCHET_LABEL))`: one way, so `K_{p+1}` tells nothing of `K_p`.
    fn next(&self) -> ChainKey {
        let mut label = Vec::with_capacity(4 + RATCHET_LABEL.len());
        put(&mut label, RATCHET_LABEL);
        ChainKey(Zeroizing::new(self.hmac(&[&label])))
    }
}

/// Compares chain values without an early exit.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The chain's head: the last entry's position, digest and MAC, and the key for the next entry.
struct Head {
    position: u64,
    digest: Bytes32,
    mac: Bytes32,
    key: ChainKey,
}

impl Head {
    fn genesis(initial: ChainKey) -> Head {
        Head { position: 0, digest: GENESIS, mac: GENESIS, key: initial }
    }

    /// Chains the next entry: its position, digest and MAC; the key moves on (the old one is
    /// zeroed when dropped).
    fn advance(&mut self, buf: &mut Vec<u8>, fields: &Fields<'_>) -> (u64, Bytes32, Bytes32) {
        let position = self.position + 1;
        let content = content_hash(buf, fields);
        let digest = chain_digest(buf, position, &self.digest, &content);
        let mac = self.key.mac(position, &digest, &self.mac);
        self.key = self.key.next();
        self.position = position;
        self.digest = digest;
        self.mac = mac;
        (position, digest, mac)
    }
}

fn blob32(b: &[u8], what: &'static str) -> Result<Bytes32> {
    b.try_into().map_err(|_| Error::Corrupt(format!("the audit chain's {what} has the wrong length")))
}

// ---------------------------------------------------------------------------------------------
// Checkpoints

/// How many bytes of the head's digest a checkpoint carries: 80 bits, 16 base32 characters.
/// Forging a log that matches a printed checkpoint means finding a second preimage of 80 bits.
const CHECKPOINT_BYTES: usize = 10;
const CHECKPOINT_PREFIX: &str = "TVH1";

/// The chain's head at one position, short enough for small type on paper:
/// `TVH1-<position>-<the digest's first 80 bits in base32, four groups of four>`, e.g.
/// `TVH1-1042-K7QD-M2XA-PLZ4-TT3B`. Not secret; printed in the minutes and access reports, it
/// later proves that the log up to that position is unchanged (`tovholder-cli audit verify
/// --checkpoint TEXT`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub position: u64,
    digest: [u8; CHECKPOINT_BYTES],
}

impl Checkpoint {
    fn of(position: u64, digest: &Bytes32) -> Checkpoint {
        let mut prefix = [0u8; CHECKPOINT_BYTES];
        prefix.copy_from_slice(&digest[..CHECKPOINT_BYTES]);
        Checkpoint { position, digest: prefix }
    }

    /// Reads a checkpoint as printed or typed: any letter case, spaces, and the hyphens (or
    /// the dashes a PDF's text may turn them into) optional between the groups.
    pub fn parse(text: &str) -> Result<Checkpoint> {
        let bad = || Error::invalid("checkpoint", "skal have formen TVH1-<position>-XXXX-XXXX-XXXX-XXXX");
        let cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if matches!(c, '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}') { '-' } else { c })
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let rest = cleaned.strip_prefix(CHECKPOINT_PREFIX).and_then(|r| r.strip_prefix('-')).ok_or_else(bad)?;
        let (position, digest) = rest.split_once('-').ok_or_else(bad)?;
        if position.is_empty() || position.len() > 19 || !position.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let position: u64 = position.parse().map_err(|_| bad())?;
        let letters: String = digest.chars().filter(|c| *c != '-').collect();
        let bytes = data_encoding::BASE32_NOPAD.decode(letters.as_bytes()).map_err(|_| bad())?;
        let digest: [u8; CHECKPOINT_BYTES] = bytes.try_into().map_err(|_| bad())?;
        if position == 0 {
            return Err(bad());
        }
        Ok(Checkpoint { position, digest })
    }

    fn matches(&self, digest: &Bytes32) -> bool {
        same(&self.digest, &digest[..CHECKPOINT_BYTES])
    }
}

impl std::fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let letters = data_encoding::BASE32_NOPAD.encode(&self.digest);
        let groups: Vec<&str> = letters.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
        write!(f, "{CHECKPOINT_PREFIX}-{}-{}", self.position, groups.join("-"))
    }
}

impl Serialize for Checkpoint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

// ---------------------------------------------------------------------------------------------
// Writing (this module's tables: audit_log, audit_chain)

const INSERT_ENTRY: &str = "INSERT INTO audit_log (id, at, actor, action, subject, refs, os_user, digest, mac)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/// The operating system's user running this process (its login name), once: recorded beside the
/// coordinator's profile name in every entry. None when the system does not say.
fn os_user() -> Option<&'static str> {
    static USER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    USER.get_or_init(|| {
        whoami::username()
            .ok()
            .map(|u| u.chars().filter(|c| !c.is_control()).take(64).collect::<String>())
            .filter(|u| !u.is_empty())
    })
    .as_deref()
}

/// The head as the store holds it, inside the caller's transaction.
fn load_head(conn: &Connection) -> Result<Head> {
    let row = conn
        .prepare_cached("SELECT position, digest, mac, next_key FROM audit_chain WHERE id = 1")?
        .query_row([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Vec<u8>>(2)?, r.get::<_, Vec<u8>>(3)?))
        })
        .optional()?;
    let (position, digest, mac, key) = row.ok_or_else(|| Error::Corrupt("the audit chain's head is missing".into()))?;
    let key = Zeroizing::new(key);
    Ok(Head {
        position: u64::try_from(position).map_err(|_| Error::Corrupt("the audit chain's head is invalid".into()))?,
        digest: blob32(&digest, "digest")?,
        mac: blob32(&mac, "MAC")?,
        key: ChainKey::from_blob(&key).ok_or_else(|| Error::Corrupt("the audit chain's key is invalid".into()))?,
    })
}

fn save_head(conn: &Connection, head: &Head) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE audit_chain SET position = ?1, digest = ?2, mac = ?3, next_key = ?4 WHERE id = 1")?
        .execute(params![head.position as i64, &head.digest[..], &head.mac[..], &head.key.0[..]])?;
    if n != 1 {
        return Err(Error::Corrupt("the audit chain's head is missing".into()));
    }
    Ok(())
}

/// Appends `events` as one batch inside the caller's transaction: one read of the head, one
/// insert per entry (its digest, its MAC, the key ratcheted), one update of the head.
fn append_all(conn: &Connection, at: Stamp, actor: &str, events: &[AuditEvent]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let mut head = load_head(conn)?;
    let at = at.as_text();
    let mut buf = Vec::with_capacity(256);
    let mut insert = conn.prepare_cached(INSERT_ENTRY)?;
    for event in events {
        let subject = event.subject();
        let refs = event.shown_text();
        let user = os_user();
        let fields = Fields {
            at: &at,
            actor,
            action: event.action(),
            subject: subject.as_deref(),
            refs: refs.as_deref(),
            os_user: user,
        };
        let (position, digest, mac) = head.advance(&mut buf, &fields);
        insert.execute(params![
            position as i64,
            at,
            actor,
            event.action(),
            subject,
            refs,
            user,
            &digest[..],
            &mac[..]
        ])?;
    }
    save_head(conn, &head)
}

/// Appends one entry in the operation's transaction.
pub fn insert(op: &Op<'_>, event: &AuditEvent) -> Result<()> {
    record(op, std::slice::from_ref(event))
}

/// Appends the operation's entries in its transaction (the operation layer calls this with all
/// of its events before it commits).
pub fn record(op: &Op<'_>, events: &[AuditEvent]) -> Result<()> {
    append_all(op.conn(), op.stamp(), op.actor(), events)
}

/// Records a finished read's events (a case opened, a search run), in one transaction of their
/// own (`BEGIN IMMEDIATE`: the head is read and moved without another process in between).
/// Read entries are committed without an fsync of their own (WAL with `synchronous = NORMAL` for
/// this transaction): they reach the disk with the next data change or checkpoint, which every
/// data change forces with its own fsync. This keeps a search at the speed of the search (an
/// fsync costs 3–4 ms here) without weakening the durability of case data; a crash before then
/// loses the chain's tail, entries and head together. Called by the operation layer after the
/// read transaction ended.
pub(crate) fn insert_reads(read: &Read<'_>) -> Result<()> {
    let events = read.events();
    if events.is_empty() {
        return Ok(());
    }
    let conn = read.log_connection();
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let result = conn.execute_batch("BEGIN IMMEDIATE").map_err(Error::from).and_then(|()| {
        let appended = append_all(conn, read.stamp(), read.actor(), events)
            .and_then(|()| conn.execute_batch("COMMIT").map_err(Error::from));
        if appended.is_err() && !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        appended
    });
    conn.pragma_update(None, "synchronous", "FULL")?;
    result
}

/// Starts the chain of a new store (before its first entry): a random initial key, sealed with
/// the store's recovery code; the store keeps only the sealed copy and the key for entry 1.
pub fn start(op: &Op<'_>, code: &RecoveryCode) -> Result<()> {
    let entries: i64 = op.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
    if entries != 0 {
        return Err(Error::Internal("the audit chain starts before the first entry"));
    }
    let initial = ChainKey::generate();
    let sealed = code.seal_secret(SEAL_PURPOSE, &initial.0);
    op.conn().execute(
        "INSERT INTO audit_chain (id, position, digest, mac, next_key, sealed_initial_key)
         VALUES (1, 0, ?1, ?1, ?2, ?3)",
        params![&GENESIS[..], &initial.0[..], sealed],
    )?;
    Ok(())
}

/// Seals an upgraded store's initial key with the recovery code and removes the clear copy
/// (overwritten in place: `secure_delete`). True when it was sealed now; false when it already
/// was.
pub fn seal(op: &Op<'_>, code: &RecoveryCode) -> Result<bool> {
    let clear: Option<Vec<u8>> =
        op.conn().query_row("SELECT initial_key FROM audit_chain WHERE id = 1", [], |r| r.get(0)).optional()?.flatten();
    let Some(clear) = clear.map(Zeroizing::new) else {
        return Ok(false);
    };
    let initial =
        ChainKey::from_blob(&clear).ok_or_else(|| Error::Corrupt("the audit chain's key is invalid".into()))?;
    let sealed = code.seal_secret(SEAL_PURPOSE, &initial.0);
    op.conn()
        .execute("UPDATE audit_chain SET sealed_initial_key = ?1, initial_key = NULL WHERE id = 1", params![sealed])?;
    Ok(true)
}

/// Appends these events in one write (benchmarks and tests fill a log of a given size with it).
#[cfg(feature = "test-support")]
pub fn append_for_tests(store: &Store, events: Vec<AuditEvent>) -> Result<()> {
    store.write(|op| {
        for e in events {
            op.audit(e);
        }
        Ok(())
    })
}

/// The head of the chain as last committed: what a checkpoint records.
pub fn head(db: &Reader<'_>) -> Result<Checkpoint> {
    let (position, digest): (i64, Vec<u8>) =
        db.conn()
            .query_row("SELECT position, digest FROM audit_chain WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(Checkpoint::of(position.max(0) as u64, &blob32(&digest, "digest")?))
}

/// A checkpoint inside a write operation (e.g. the minutes, rendered while they are finalized):
/// the head before this operation's own entries, recorded as an `audit.checkpoint` entry of the
/// operation. Its commit makes every entry up to the checkpoint durable (one fsync of the WAL).
pub fn checkpoint_in(op: &mut Op<'_>) -> Result<Checkpoint> {
    let checkpoint = head(op)?;
    op.audit(AuditEvent::AuditCheckpoint { text: checkpoint.to_string() });
    Ok(checkpoint)
}

/// Takes a checkpoint of the chain ([`checkpoint_in`] in a write of its own), then empties the
/// WAL so the earlier keys' overwritten pages do not linger in it.
pub fn checkpoint(store: &Store) -> Result<Checkpoint> {
    let checkpoint = store.write(checkpoint_in)?;
    store.truncate_wal();
    Ok(checkpoint)
}

/// The action that begins the entries written after a restore.
const RESTORED: &str = "store.restored";

const NO_UPDATE_TRIGGER: &str = "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;";

/// Migration 8's hook, inside the upgrade's transaction: chains the entries written before the
/// chain existed, from position 1, under a new initial key kept in the store until the recovery
/// code seals it ([`seal`]); then refuses updates again. Entries keep their order; should an
/// older log have a gap in its ids, the entries after it move down so positions have none.
pub(crate) fn chain_existing(conn: &Connection) -> Result<()> {
    let rows: Vec<(i64, String, String, String, Option<String>)> = conn
        .prepare("SELECT id, at, actor, action, subject FROM audit_log ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if !rows.is_empty() {
        let initial = ChainKey::generate();
        let mut head = Head::genesis(initial.clone());
        let mut buf = Vec::with_capacity(256);
        let mut update = conn.prepare("UPDATE audit_log SET id = ?1, digest = ?2, mac = ?3 WHERE id = ?4")?;
        for (id, at, actor, action, subject) in &rows {
            let fields = Fields { at, actor, action, subject: subject.as_deref(), refs: None, os_user: None };
            let (position, digest, mac) = head.advance(&mut buf, &fields);
            update.execute(params![position as i64, &digest[..], &mac[..], id])?;
        }
        conn.execute(
            "INSERT INTO audit_chain (id, position, digest, mac, next_key, initial_key) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![head.position as i64, &head.digest[..], &head.mac[..], &head.key.0[..], &initial.0[..]],
        )?;
    }
    conn.execute_batch(NO_UPDATE_TRIGGER)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reading and verifying

/// One entry of the log, as the CLI and the Log views show it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, specta::Type)]
pub struct Entry {
    #[specta(type = u32)]
    pub position: u64,
    pub at: Stamp,
    /// The coordinator (the profile's name).
    pub actor: String,
    /// The operating system's user who ran the app or the CLI (none for entries before schema 10).
    pub os_user: Option<String>,
    pub action: String,
    /// What the action is called (Danish; the key itself for an action this version does not know).
    pub label: String,
    pub subject: Option<String>,
    /// The case the entry is about, when its subject is a case reference.
    pub case: Option<String>,
    /// The cases a read showed (a board, a list page, a search's results, an agenda), in the
    /// order shown; empty for an entry about one case (its subject) or none.
    pub references: Vec<String>,
}

/// Which entries to list; every field narrows.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    /// Entries about this case reference: whose subject it is (or begins with it and a space:
    /// `case.deleted`, `case.retention_extended`), or whose read showed it.
    pub reference: Option<String>,
    /// Entries at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Entries before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Entries of this action (`case.read`).
    pub action: Option<String>,
    /// Entries by this actor.
    pub actor: Option<String>,
    /// Entries before this position (the next page when newest first).
    pub before: Option<u64>,
    /// At most this many entries (all when none).
    pub limit: Option<u32>,
    /// Newest first (the views); oldest first otherwise (the CLI).
    pub newest_first: bool,
}

/// The entries matching `filter` on a read handle.
pub(crate) fn entries_in(db: &Reader<'_>, filter: &EntryFilter) -> Result<Vec<Entry>> {
    let since = filter.since.map(Stamp::new);
    let until = filter.until.map(Stamp::new);
    let before = filter.before.map(|p| i64::try_from(p).unwrap_or(i64::MAX));
    let limit = filter.limit.map_or(-1, i64::from);
    let sql = format!(
        "SELECT id, at, actor, action, subject, refs, os_user FROM audit_log
         WHERE (?1 IS NULL OR subject = ?1 OR substr(subject, 1, length(?1) + 1) = ?1 || ' '
                OR instr(' ' || refs || ' ', ' ' || ?1 || ' ') > 0)
           AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3)
           AND (?4 IS NULL OR action = ?4) AND (?5 IS NULL OR actor = ?5) AND (?6 IS NULL OR id < ?6)
         ORDER BY id {} LIMIT ?7",
        if filter.newest_first { "DESC" } else { "ASC" }
    );
    let found = db
        .conn()
        .prepare_cached(&sql)?
        .query_map(params![filter.reference, since, until, filter.action, filter.actor, before, limit], |row| {
            let action: String = row.get(3)?;
            let kind = AuditAction::parse(&action);
            let subject: Option<String> = row.get(4)?;
            Ok(Entry {
                position: row.get::<_, i64>(0)?.max(0) as u64,
                at: row.get(1)?,
                actor: row.get(2)?,
                os_user: row.get(6)?,
                label: kind.map_or_else(|| action.clone(), |a| a.label_da().to_string()),
                action,
                case: if kind.is_some_and(AuditAction::is_about_a_case) { subject.clone() } else { None },
                subject,
                references: row
                    .get::<_, Option<String>>(5)?
                    .map(|r| r.split(' ').map(str::to_string).collect())
                    .unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(found)
}

/// The log's entries matching `filter`. A logged read (`audit.listed`, with the reference when
/// one was asked for).
pub fn entries(store: &Store, filter: &EntryFilter) -> Result<Vec<Entry>> {
    store.read(|r| {
        let found = entries_in(r, filter)?;
        r.audit(AuditEvent::AuditListed { reference: filter.reference.clone() });
        Ok(found)
    })
}

/// What the log views ask for: every field narrows; days are Copenhagen days, typed
/// `25.11.2026` or `2026-11-25`.
#[derive(Debug, Clone, Default, serde::Deserialize, specta::Type)]
pub struct LogQuery {
    /// Entries about this case (its reference, any case).
    #[serde(default)]
    #[specta(optional)]
    pub reference: Option<String>,
    /// From this day on.
    #[serde(default)]
    #[specta(optional)]
    pub from: Option<String>,
    /// Up to and including this day.
    #[serde(default)]
    #[specta(optional)]
    pub to: Option<String>,
    /// Entries of this action (its key, `case.read`).
    #[serde(default)]
    #[specta(optional)]
    pub action: Option<String>,
    /// Entries by this user.
    #[serde(default)]
    #[specta(optional)]
    pub actor: Option<String>,
    /// The next page: entries before this position.
    #[serde(default)]
    #[specta(optional)]
    pub before: Option<u32>,
}

/// One page of the log for the views, newest first.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct LogPage {
    pub entries: Vec<Entry>,
    /// More entries match beyond this page (ask with `before` = the last one's position).
    pub more: bool,
    /// Everyone who has entries in the log (for the filter), by name.
    pub actors: Vec<String>,
}

/// Entries per page of the log views.
pub const LOG_PAGE: u32 = 200;

fn query_day(field: &'static str, s: &Option<String>) -> Result<Option<chrono::NaiveDate>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => crate::dates::Day::parse(s)
            .map(|d| Some(d.date()))
            .ok_or(Error::invalid(field, "skriv en dato som 25.11.2026")),
    }
}

/// A page of the log for the views (the case panel's Log and the Revisionslog), newest first.
/// Recorded as `audit.listed` (with the reference when one was asked about).
pub fn log_page(store: &Store, q: &LogQuery) -> Result<LogPage> {
    let from = query_day("from", &q.from)?;
    let to = query_day("to", &q.to)?;
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        return Err(Error::invalid("to", "slutdatoen ligger før startdatoen"));
    }
    let action = match q.action.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        None => None,
        Some(a) => Some(AuditAction::parse(a).ok_or(Error::invalid("action", "ukendt handling"))?.as_str().to_string()),
    };
    let clean = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let filter = EntryFilter {
        reference: clean(&q.reference).map(|r| r.to_uppercase()),
        since: from.map(crate::dates::start_of_day),
        until: to.and_then(|d| d.succ_opt()).map(crate::dates::start_of_day),
        action,
        actor: clean(&q.actor),
        before: q.before.map(u64::from),
        limit: Some(LOG_PAGE + 1),
        newest_first: true,
    };
    store.read(|r| {
        let mut entries = entries_in(r, &filter)?;
        let more = entries.len() > LOG_PAGE as usize;
        entries.truncate(LOG_PAGE as usize);
        let actors = r
            .conn()
            .prepare_cached("SELECT DISTINCT actor FROM audit_log ORDER BY actor")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        r.audit(AuditEvent::AuditListed { reference: filter.reference.clone() });
        Ok(LogPage { entries, more, actors })
    })
}

/// The log checked for the views (without the recovery code: positions, digests, the head).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct LogCheck {
    pub intact: bool,
    /// Entries verified intact.
    pub entries: u32,
    /// The first broken position, when broken.
    pub broken_at: Option<u32>,
    /// What was found, in Danish.
    pub text: String,
}

/// Checks the whole chain for the views ([`verify`] without the recovery code); recorded.
pub fn check(store: &Store) -> Result<LogCheck> {
    let v = verify(store, None, None)?;
    let entries = u32::try_from(v.verified_through).unwrap_or(u32::MAX);
    let (broken_at, text) = match &v.finding {
        Finding::Intact => (None, format!("Loggen er intakt: alle {entries} poster hænger sammen.")),
        Finding::Broken { position, .. } => (
            Some(u32::try_from(*position).unwrap_or(u32::MAX)),
            format!(
                "Loggen er brudt ved post {position}: den er ændret, slettet eller flyttet efter at den blev skrevet. \
                 Kontakt jeres databeskyttelsesrådgiver."
            ),
        ),
        Finding::TailLost { after, .. } => {
            (None, format!("De sidste poster efter post {after} mangler (et nedbrud eller en ældre kopi)."))
        }
    };
    Ok(LogCheck { intact: v.is_intact(), entries, broken_at, text })
}

/// The entries about one case, oldest first, inside a read or a write (the access report): those
/// whose subject is its reference and every read that showed it (the one place that decides which
/// entries are about a case: [`entries_in`] with the reference).
pub(crate) fn entries_about(db: &Reader<'_>, reference: &str) -> Result<Vec<Entry>> {
    entries_in(db, &EntryFilter { reference: Some(reference.to_string()), ..Default::default() })
}

/// How the MACs were checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MacCheck {
    /// With the initial key opened by the recovery code: forward integrity.
    RecoveryCode,
    /// With the initial key an upgraded store still keeps (not yet sealed): proves nothing
    /// against someone with the database key.
    StoredKey,
    /// Not at all (no recovery code given): positions, digests, head and checkpoint only.
    NotChecked,
}

/// What verification found: the first problem, or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Finding {
    Intact,
    /// The first position at which the log is not what was written: an entry changed, missing,
    /// moved or added, or a head or checkpoint that does not match.
    Broken {
        position: u64,
        reason: String,
    },
    /// The log holds the entries up to `after` intact, but not those a checkpoint names: its tail
    /// was lost. Either the log ends before the checkpoint's position (a crash before the entries
    /// reached the disk, or an older copy of the store put in place), or the store was restored
    /// from a backup (`restored_at`: the `store.restored` entry that begins the entries written
    /// since) and the checkpoint was taken on the entries lost with it.
    TailLost {
        after: u64,
        checkpoint_position: u64,
        restored_at: Option<u64>,
    },
}

/// The result of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// The last position verified intact.
    pub verified_through: u64,
    pub macs: MacCheck,
    /// The checkpoint checked against, as given.
    pub checkpoint: Option<Checkpoint>,
    #[serde(flatten)]
    pub finding: Finding,
}

impl Verification {
    pub fn is_intact(&self) -> bool {
        self.finding == Finding::Intact
    }
}

impl std::fmt::Display for Verification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.finding {
            Finding::Intact => {
                write!(f, "the audit log is intact: {} entries", self.verified_through)?;
                if let Some(c) = &self.checkpoint {
                    write!(f, ", checkpoint {c} included unchanged")?;
                }
                f.write_str(match self.macs {
                    MacCheck::RecoveryCode => "; MACs checked with the recovery code",
                    MacCheck::StoredKey => {
                        "; MACs checked with the key the store still keeps (seal it: enter the recovery code with `unlock`)"
                    }
                    MacCheck::NotChecked => "; MACs not checked (give the recovery code to check them)",
                })
            }
            Finding::Broken { position, reason } => {
                write!(f, "the audit log is broken at position {position}: {reason}")
            }
            Finding::TailLost { after, checkpoint_position, restored_at: None } => write!(
                f,
                "the tail after position {after} was lost (crash): the checkpoint names position \
                 {checkpoint_position}, the log ends at {after} (a crash before those entries \
                 reached the disk, or an older copy of the store put in place); the entries up to \
                 {after} are intact"
            ),
            Finding::TailLost { after, checkpoint_position, restored_at: Some(restored) } => write!(
                f,
                "the tail after position {after} was lost: the checkpoint names position \
                 {checkpoint_position}, which the log does not hold since an older copy of the \
                 store was restored (store.restored at position {restored}); the entries up to \
                 {after} are intact"
            ),
        }
    }
}

/// What the head row holds, for the verifier.
struct StoredHead {
    position: u64,
    digest: Vec<u8>,
    mac: Vec<u8>,
    next_key: Zeroizing<Vec<u8>>,
    sealed_initial_key: Option<Vec<u8>>,
    initial_key: Option<Zeroizing<Vec<u8>>>,
}

fn stored_head(db: &Reader<'_>) -> Result<Option<StoredHead>> {
    Ok(db
        .conn()
        .query_row(
            "SELECT position, digest, mac, next_key, sealed_initial_key, initial_key FROM audit_chain WHERE id = 1",
            [],
            |r| {
                Ok(StoredHead {
                    position: r.get::<_, i64>(0)?.max(0) as u64,
                    digest: r.get(1)?,
                    mac: r.get(2)?,
                    next_key: Zeroizing::new(r.get(3)?),
                    sealed_initial_key: r.get(4)?,
                    initial_key: r.get::<_, Option<Vec<u8>>>(5)?.map(Zeroizing::new),
                })
            },
        )
        .optional()?)
}

/// Verifies the whole chain, and with a checkpoint that the log still contains it unchanged.
/// With the recovery code the MACs are checked too (a wrong code is `WrongRecoveryCode`); an
/// upgraded store whose key is not yet sealed is checked with the key it keeps. Records an
/// `audit.verified` read afterwards (best effort when the chain is broken: its head may be gone).
pub fn verify(store: &Store, checkpoint: Option<&Checkpoint>, code: Option<&RecoveryCode>) -> Result<Verification> {
    let verification = store.read_unlogged(|db| verify_in(db, checkpoint, code))?;
    let recorded = store.read(|r| {
        r.audit(AuditEvent::AuditVerified);
        Ok(())
    });
    match recorded {
        Err(e) if verification.is_intact() => Err(e),
        _ => Ok(verification),
    }
}

fn text_of<'a>(v: ValueRef<'a>) -> Option<&'a str> {
    match v {
        ValueRef::Text(t) => std::str::from_utf8(t).ok(),
        _ => None,
    }
}

fn blob_of<'a>(v: ValueRef<'a>) -> Option<&'a [u8]> {
    match v {
        ValueRef::Blob(b) => Some(b),
        _ => None,
    }
}

/// [`verify`] on a read handle: one pass over the log in position order.
pub(crate) fn verify_in(
    db: &Reader<'_>,
    checkpoint: Option<&Checkpoint>,
    code: Option<&RecoveryCode>,
) -> Result<Verification> {
    let stored = stored_head(db)?;
    let (mut key, macs) = match &stored {
        None => (None, MacCheck::NotChecked),
        Some(s) => match (code, &s.sealed_initial_key, &s.initial_key) {
            (Some(code), Some(sealed), _) => {
                let initial = code.open_secret(SEAL_PURPOSE, sealed)?;
                (Some(ChainKey(initial)), MacCheck::RecoveryCode)
            }
            (_, _, Some(clear)) => match ChainKey::from_blob(clear) {
                Some(k) => (Some(k), MacCheck::StoredKey),
                None => (None, MacCheck::NotChecked),
            },
            _ => (None, MacCheck::NotChecked),
        },
    };

    let mut previous_digest = GENESIS;
    let mut previous_mac = GENESIS;
    let mut position = 0u64;
    let mut at_checkpoint: Option<Bytes32> = None;
    // The last `store.restored` entry at or before the checkpoint's position.
    let mut restored_at: Option<u64> = None;
    let mut broken: Option<(u64, String)> = None;
    let mut buf = Vec::with_capacity(256);
    {
        let mut stmt = db.conn().prepare_cached(
            "SELECT id, at, actor, action, subject, refs, os_user, digest, mac FROM audit_log ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let expected = position + 1;
            let id: i64 = row.get(0)?;
            if id != expected as i64 {
                let reason = if id > expected as i64 {
                    format!("the entry is missing (the next one in the log is at position {id})")
                } else {
                    format!("an entry is out of place (at position {id})")
                };
                broken = Some((expected, reason));
                break;
            }
            let fields = (|| {
                Some(Fields {
                    at: text_of(row.get_ref(1).ok()?)?,
                    actor: text_of(row.get_ref(2).ok()?)?,
                    action: text_of(row.get_ref(3).ok()?)?,
                    subject: match row.get_ref(4).ok()? {
                        ValueRef::Null => None,
                        v => Some(text_of(v)?),
                    },
                    refs: match row.get_ref(5).ok()? {
                        ValueRef::Null => None,
                        v => Some(text_of(v)?),
                    },
                    os_user: match row.get_ref(6).ok()? {
                        ValueRef::Null => None,
                        v => Some(text_of(v)?),
                    },
                })
            })();
            let (Some(fields), Some(stored_digest), Some(stored_mac)) =
                (fields, blob_of(row.get_ref(7)?), blob_of(row.get_ref(8)?))
            else {
                broken = Some((expected, "the entry is not chained (its fields or chain values are missing)".into()));
                break;
            };
            let content = content_hash(&mut buf, &fields);
            let digest = chain_digest(&mut buf, expected, &previous_digest, &content);
            if !same(stored_digest, &digest) {
                broken =
                    Some((expected, "the entry was changed, moved or inserted (its digest does not match)".into()));
                break;
            }
            if let Some(k) = &key {
                if !same(stored_mac, &k.mac(expected, &digest, &previous_mac)) {
                    broken = Some((expected, "the entry was rewritten (its MAC does not match)".into()));
                    break;
                }
                key = Some(k.next());
            }
            if let Some(c) = checkpoint.filter(|c| c.position >= expected) {
                if c.position == expected {
                    at_checkpoint = Some(digest);
                }
                if fields.action == RESTORED {
                    restored_at = Some(expected);
                }
            }
            previous_digest = digest;
            previous_mac = blob32(stored_mac, "MAC").unwrap_or(GENESIS);
            position = expected;
        }
    }

    if broken.is_none() {
        broken = match &stored {
            None => Some((position + 1, "the chain's head is missing".into())),
            Some(s) if s.position > position => Some((
                position + 1,
                format!(
                    "the entry is missing: the log ends at position {position}, its head is at {} (entries were removed)",
                    s.position
                ),
            )),
            Some(s) if s.position < position => Some((
                s.position + 1,
                format!("the entry was added outside the chain (its head is at position {})", s.position),
            )),
            Some(s) if !same(&s.digest, &previous_digest) || !same(&s.mac, &previous_mac) => {
                Some((position, "the entry does not match the chain's head".into()))
            }
            Some(s) if key.as_ref().is_some_and(|k| !same(&s.next_key, k.0.as_ref())) => Some((
                position + 1,
                "the chain's key for the next entry does not follow from its initial key (the head was replaced)"
                    .into(),
            )),
            Some(_) => None,
        };
    }

    // A checkpoint the log does not contain: lost with a restore when one happened at or before
    // its position (the restored copy ends before it; what follows was written since), else the
    // entries up to it were changed.
    let checkpoint_finding = |c: &Checkpoint| -> Option<Finding> {
        match (&at_checkpoint, restored_at) {
            (Some(d), _) if c.matches(d) => None,
            (_, Some(r)) => {
                Some(Finding::TailLost { after: r - 1, checkpoint_position: c.position, restored_at: Some(r) })
            }
            _ => Some(Finding::Broken {
                position: c.position,
                reason: format!("the log no longer contains checkpoint {c}: the entries up to it were changed"),
            }),
        }
    };
    let finding = match (broken, checkpoint) {
        (Some((at, reason)), Some(c)) if c.position < at => {
            checkpoint_finding(c).unwrap_or(Finding::Broken { position: at, reason })
        }
        (Some((at, reason)), _) => Finding::Broken { position: at, reason },
        (None, Some(c)) if c.position > position => {
            Finding::TailLost { after: position, checkpoint_position: c.position, restored_at }
        }
        (None, Some(c)) => checkpoint_finding(c).unwrap_or(Finding::Intact),
        (None, None) => Finding::Intact,
    };
    let verified_through = match &finding {
        Finding::Broken { position: p, .. } => p.saturating_sub(1).min(position),
        Finding::TailLost { after, .. } => *after,
        Finding::Intact => position,
    };
    Ok(Verification { verified_through, macs, checkpoint: checkpoint.cloned(), finding })
}

pub(crate) fn count(db: &Reader<'_>) -> Result<u64> {
    Ok(db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0))? as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_print_short_and_read_back_as_printed_or_typed() {
        let digest: Bytes32 = std::array::from_fn(|i| i as u8 * 7);
        let c = Checkpoint::of(1042, &digest);
        let text = c.to_string();
        assert!(text.starts_with("TVH1-1042-"), "{text}");
        assert_eq!(text.len(), "TVH1-1042-".len() + 16 + 3, "{text}");
        assert_eq!(Checkpoint::parse(&text).unwrap(), c);
        let typed = text.to_lowercase().replace("-", " - ").replacen(" - ", "-", 2);
        assert_eq!(Checkpoint::parse(&typed).unwrap(), c, "{typed}");
        let from_pdf = text.replace('-', "\u{2010}");
        assert_eq!(Checkpoint::parse(&from_pdf).unwrap(), c);
        let grouped_freely = format!("TVH1-1042-{}", data_encoding::BASE32_NOPAD.encode(&digest[..10]));
        assert_eq!(Checkpoint::parse(&grouped_freely).unwrap(), c);
        assert!(c.matches(&digest));
        let mut other = digest;
        other[9] ^= 1;
        assert!(!c.matches(&other));
        other = digest;
        other[10] ^= 1;
        assert!(c.matches(&other), "only the printed prefix counts");
        for bad in [
            "",
            "TVH1",
            "TVH2-1042-AAAA-AAAA-AAAA-AAAA",
            "TVH1--AAAA-AAAA-AAAA-AAAA",
            "TVH1-0-AAAA-AAAA-AAAA-AAAA",
            "TVH1-x1-AAAA-AAAA-AAAA-AAAA",
            "TVH1-1042-AAAA-AAAA-AAAA",
            "TVH1-1042-AAAA-AAAA-AAAA-AAA1",
            "TVH1-99999999999999999999-AAAA-AAAA-AAAA-AAAA",
        ] {
            assert!(matches!(Checkpoint::parse(bad), Err(Error::Invalid { field: "checkpoint", .. })), "{bad}");
        }
    }

    #[test]
    fn the_encoding_tells_fields_apart() {
        let mut buf = Vec::new();
        let f = |at, actor, action, subject| Fields { at, actor, action, subject, refs: None, os_user: None };
        let a = content_hash(&mut buf, &f("t", "ab", "c", None));
        assert_ne!(a, content_hash(&mut buf, &f("t", "a", "bc", None)), "a byte moved between fields");
        assert_ne!(a, content_hash(&mut buf, &f("t", "ab", "c", Some(""))), "no subject is not an empty one");
        let shown = |subject, refs| Fields { at: "t", actor: "ab", action: "c", subject, refs, os_user: None };
        assert_ne!(a, content_hash(&mut buf, &shown(None, Some(""))), "no references are not empty ones");
        assert_ne!(
            content_hash(&mut buf, &shown(None, Some("A B"))),
            content_hash(&mut buf, &shown(None, Some("A"))),
            "every shown reference counts"
        );
        assert_ne!(
            content_hash(&mut buf, &shown(Some("x"), Some("y"))),
            content_hash(&mut buf, &shown(Some("xy"), None)),
            "a byte moved between subject and references"
        );
        let d1 = chain_digest(&mut buf, 1, &GENESIS, &a);
        assert_ne!(d1, chain_digest(&mut buf, 2, &GENESIS, &a), "the position is part of the digest");
        let k = ChainKey(Zeroizing::new([1; 32]));
        assert_ne!(k.mac(1, &d1, &GENESIS), k.mac(2, &d1, &GENESIS), "the position is part of the MAC");
        assert_ne!(k.mac(1, &d1, &GENESIS), k.next().mac(1, &d1, &GENESIS));
        assert_ne!(k.next().0.as_ref(), k.0.as_ref());
    }

    #[test]
    fn the_chain_matches_its_documented_test_vector() {
        // docs/audit.md: three entries under the initial key 0x01 × 32.
        let mut head = Head::genesis(ChainKey(Zeroizing::new([1; 32])));
        let mut buf = Vec::new();
        let (p1, d1, m1) = head.advance(
            &mut buf,
            &Fields {
                at: "2026-11-25T13:05:00.000Z",
                actor: "Mette Holm",
                action: "store.created",
                subject: None,
                refs: None,
                os_user: None,
            },
        );
        let (p2, d2, m2) = head.advance(
            &mut buf,
            &Fields {
                at: "2026-11-25T13:06:00.000Z",
                actor: "Mette Holm",
                action: "case.read",
                subject: Some("ØJP-2026-0001"),
                refs: None,
                os_user: None,
            },
        );
        let (p3, d3, m3) = head.advance(
            &mut buf,
            &Fields {
                at: "2026-11-25T13:07:00.000Z",
                actor: "Mette Holm",
                action: "board.viewed",
                subject: Some("2 sager"),
                refs: Some("ØJP-2026-0001 ØJP-2026-0002"),
                os_user: Some("mette"),
            },
        );
        assert_eq!((p1, p2, p3), (1, 2, 3));
        // Computed independently (Python's hashlib and hmac) from the definitions in docs/audit.md.
        assert_eq!(hex::encode(d1), "9a0485e314f3b3f3f48b01bfd32f61d98a2a92205b21ea9c493218c0431cb7f6");
        assert_eq!(hex::encode(m1), "003118786972b9892e41b0d8bb20d295e0df233d41dc60e9eef23cc5b5889f61");
        assert_eq!(hex::encode(d2), "bc140852a5eb371487ee258db9c4abb84fd697cf3ea3fc9a7d75c10b7c0f3e8e");
        assert_eq!(hex::encode(m2), "c26f91462398a3d841b0d69018c80fe1aad74d410a489e0b979253455788623c");
        assert_eq!(Checkpoint::of(2, &d2).to_string(), "TVH1-2-XQKA-QUVF-5M3R-JB7O");
        assert_eq!(hex::encode(d3), "99ffff3f459cc45ec5e1498252dba76e0b41adf50c1f69b01af9c118303405a0");
        assert_eq!(hex::encode(m3), "d1fa1f304cfbf939805149792fe96d54433ca179076bb98e6a27844de655f157");
        assert_eq!(Checkpoint::of(3, &d3).to_string(), "TVH1-3-TH77-6P2F-TTCF-5RPB");
    }
}
