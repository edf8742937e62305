//! Every function that writes a table, as the compiler sees it (test builds only). Each takes the
//! write operation (`&Op` or `&mut Op`), which exists only inside `Store::write`: a transaction
//! that commits the change with its audit event, or nothing. The doc tests below prove it both
//! ways. With the operation, every write path compiles:
//!
//! ```
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! # use tovholder_core::op::Op;
//! fn every_write(op: &mut Op<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::profile_insert(op, p)?;
//!     let _ = w::case_insert(op, "ØJP-2026-0001", v)?;
//!     let _ = w::case_fields(op, 1, &[])?;
//!     let _ = w::case_stage(op, 1, Stage::Screening, None)?;
//!     let _ = w::case_forwarded(op, 1, "FYP")?;
//!     let _ = w::case_meeting_flag(op, 1, true)?;
//!     let _ = w::case_touch(op, 1)?;
//!     let _ = w::case_purge_row(op, 1)?;
//!     let _ = w::case_create(op, v)?;
//!     let _ = w::case_transition(op, 1, Stage::Screening, None, None)?;
//!     let _ = w::case_flag(op, 1, true)?;
//!     let _ = w::case_purge(op, 1)?;
//!     let _ = w::case_reference(op, "ØJP", 2026)?;
//!     let _ = w::case_note(op, 1, "tekst")?;
//!     let _ = w::case_notes_purge(op, 1)?;
//!     let _ = w::case_history(op, 1, "stage", None, None, None)?;
//!     let _ = w::case_history_purge(op, 1)?;
//!     let _ = w::search_index_case(op, 1, "ØJP-2026-0001", "A.B.", "Aarhus", "tekst")?;
//!     let _ = w::search_index_note(op, 1, "tekst")?;
//!     let _ = w::search_purge(op, 1, &[])?;
//!     let _ = w::action_add(op, 1, item)?;
//!     let _ = w::action_status(op, 1, ActionStatus::Done)?;
//!     let _ = w::action_meeting(op, 1, 1)?;
//!     let _ = w::action_purge(op, 1)?;
//!     let _ = w::board_settings(op, s)?;
//!     let _ = w::demo_mark(op, 1)?;
//!     let _ = w::audit_insert(op, e)?;
//!     let _ = w::audit_record(op, std::slice::from_ref(e))?;
//!     let code = tovholder_core::secrets::RecoveryCode::generate();
//!     let _ = w::audit_start(op, &code)?;
//!     let _ = w::audit_seal(op, &code)?;
//!     let _ = w::audit_checkpoint(op)?;
//!     let _ = w::meeting_insert(op, m, 2026, 1, day)?;
//!     let _ = w::meeting_plan(op, 1, m)?;
//!     let _ = w::meeting_record(op, 1, m)?;
//!     let _ = w::meeting_final(op, 1, &[], "sha", "TVH1-1-AAAA-AAAA-AAAA-AAAA")?;
//!     let _ = w::meeting_addendum(op, 1)?;
//!     let _ = w::meeting_apply(op, 1, "1/2026")?;
//!     let _ = w::directory_person(op, person)?;
//!     let _ = w::case_forward(op, 1, "FYP", "Flyttet")?;
//!     let _ = w::access_report_settings(op, tovholder_core::access_report::AccessReportSettings { staff_names: true })?;
//!     let _ = w::meeting_purge(op, 1)?;
//!     let _ = w::meeting_case_purge(op, 1)?;
//!     let _ = w::action_detach_meeting(op, 1)?;
//!     let _ = w::retention_purge(op, 1)?;
//!     let _ = w::search_optimize(op)?;
//!     let _ = w::identity_create(op)?;
//!     let _ = w::case_note_received(op, 1, tovholder_core::dates::Stamp::new(chrono::Utc::now()), "Sara Nielsen", "tekst")?;
//!     let _ = w::handover_sent(op, 1, "sha", "FYP", &[], false)?;
//!     let _ = w::handover_confirm(op, 1, "Jonas Berg", "FYP-2026-0001")?;
//!     let _ = w::handover_received(op, "sha", 1, "ØJP-2026-0001", 1)?;
//!     let _ = w::handover_purge(op, 1)?;
//!     let _ = w::case_restore_entered(op, 1, tovholder_core::dates::Stamp::new(chrono::Utc::now()))?;
//!     Ok(())
//! }
//! ```
//!
//! With only the read handle (which every read has), or the bare connection, none compiles: each
//! block below calls one write path without an operation and must fail to compile. (Each block's
//! call is the same as in the block above but for the handle, so it fails for the handle alone.)
//!
//! `profile_insert` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::profile_insert(db, p)?;
//!     Ok(())
//! }
//! ```
//! `case_insert` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_insert(db, "ØJP-2026-0001", v)?;
//!     Ok(())
//! }
//! ```
//! `case_fields` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_fields(conn, 1, &[])?;
//!     Ok(())
//! }
//! ```
//! `case_stage` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_stage(db, 1, Stage::Screening, None)?;
//!     Ok(())
//! }
//! ```
//! `case_forwarded` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_forwarded(db, 1, "FYP")?;
//!     Ok(())
//! }
//! ```
//! `case_meeting_flag` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_meeting_flag(conn, 1, true)?;
//!     Ok(())
//! }
//! ```
//! `case_touch` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_touch(db, 1)?;
//!     Ok(())
//! }
//! ```
//! `case_purge_row` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_purge_row(db, 1)?;
//!     Ok(())
//! }
//! ```
//! `case_create` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_create(conn, v)?;
//!     Ok(())
//! }
//! ```
//! `case_transition` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_transition(db, 1, Stage::Screening, None, None)?;
//!     Ok(())
//! }
//! ```
//! `case_flag` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_flag(db, 1, true)?;
//!     Ok(())
//! }
//! ```
//! `case_purge` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_purge(conn, 1)?;
//!     Ok(())
//! }
//! ```
//! `case_reference` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_reference(db, "ØJP", 2026)?;
//!     Ok(())
//! }
//! ```
//! `case_note` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_note(db, 1, "tekst")?;
//!     Ok(())
//! }
//! ```
//! `case_notes_purge` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_notes_purge(conn, 1)?;
//!     Ok(())
//! }
//! ```
//! `case_history` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_history(db, 1, "stage", None, None, None)?;
//!     Ok(())
//! }
//! ```
//! `case_history_purge` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_history_purge(db, 1)?;
//!     Ok(())
//! }
//! ```
//! `search_index_case` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::search_index_case(conn, 1, "ØJP-2026-0001", "A.B.", "Aarhus", "tekst")?;
//!     Ok(())
//! }
//! ```
//! `search_index_note` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::search_index_note(db, 1, "tekst")?;
//!     Ok(())
//! }
//! ```
//! `search_purge` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::search_purge(db, 1, &[])?;
//!     Ok(())
//! }
//! ```
//! `action_add` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::action_add(conn, 1, item)?;
//!     Ok(())
//! }
//! ```
//! `action_status` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::action_status(db, 1, ActionStatus::Done)?;
//!     Ok(())
//! }
//! ```
//! `action_meeting` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::action_meeting(db, 1, 1)?;
//!     Ok(())
//! }
//! ```
//! `action_purge` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::action_purge(conn, 1)?;
//!     Ok(())
//! }
//! ```
//! `board_settings` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::board_settings(db, s)?;
//!     Ok(())
//! }
//! ```
//! `demo_mark` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::demo_mark(db, 1)?;
//!     Ok(())
//! }
//! ```
//! `audit_insert` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::audit_insert(conn, e)?;
//!     Ok(())
//! }
//! ```
//! `audit_record` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::audit_record(db, std::slice::from_ref(e))?;
//!     Ok(())
//! }
//! ```
//! `audit_start` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let code = tovholder_core::secrets::RecoveryCode::generate();
//!     let _ = w::audit_start(conn, &code)?;
//!     Ok(())
//! }
//! ```
//! `audit_seal` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let code = tovholder_core::secrets::RecoveryCode::generate();
//!     let _ = w::audit_seal(db, &code)?;
//!     Ok(())
//! }
//! ```
//! `audit_checkpoint` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::audit_checkpoint(db)?;
//!     Ok(())
//! }
//! ```
//! `meeting_insert` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::meeting_insert(db, m, 2026, 1, day)?;
//!     Ok(())
//! }
//! ```
//! `meeting_plan` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::meeting_plan(db, 1, m)?;
//!     Ok(())
//! }
//! ```
//! `meeting_record` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::meeting_record(conn, 1, m)?;
//!     Ok(())
//! }
//! ```
//! `meeting_final` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::meeting_final(db, 1, &[], "sha", "TVH1-1-AAAA-AAAA-AAAA-AAAA")?;
//!     Ok(())
//! }
//! ```
//! `meeting_addendum` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::meeting_addendum(db, 1)?;
//!     Ok(())
//! }
//! ```
//! `meeting_apply` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::meeting_apply(conn, 1, "1/2026")?;
//!     Ok(())
//! }
//! ```
//! `directory_person` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::directory_person(db, person)?;
//!     Ok(())
//! }
//! ```
//! `case_forward` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_forward(db, 1, "FYP", "Flyttet")?;
//!     Ok(())
//! }
//! ```
//! `access_report_settings` without an operation:
//! ```compile_fail
//! # use tovholder_core::access_report::AccessReportSettings;
//! # use tovholder_core::write_paths as w;
//! fn bypass(db: &tovholder_core::op::Reader<'_>) -> tovholder_core::Result<()> {
//!     let _ = w::access_report_settings(db, AccessReportSettings { staff_names: true })?;
//!     Ok(())
//! }
//! ```
//! `meeting_purge` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::meeting_purge(db, 1)?;
//!     Ok(())
//! }
//! ```
//! `meeting_case_purge` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::meeting_case_purge(db, 1)?;
//!     Ok(())
//! }
//! ```
//! `action_detach_meeting` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::action_detach_meeting(db, 1)?;
//!     Ok(())
//! }
//! ```
//! `retention_purge` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::retention_purge(db, 1)?;
//!     Ok(())
//! }
//! ```
//! `search_optimize` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::search_optimize(db)?;
//!     Ok(())
//! }
//! ```
//! `identity_create` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::identity_create(db)?;
//!     Ok(())
//! }
//! ```
//! `case_note_received` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_note_received(conn, 1, tovholder_core::dates::Stamp::new(chrono::Utc::now()), "Sara Nielsen", "tekst")?;
//!     Ok(())
//! }
//! ```
//! `handover_sent` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::handover_sent(db, 1, "sha", "FYP", &[], false)?;
//!     Ok(())
//! }
//! ```
//! `handover_confirm` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::handover_confirm(conn, 1, "Jonas Berg", "FYP-2026-0001")?;
//!     Ok(())
//! }
//! ```
//! `handover_received` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(db: &tovholder_core::op::Reader<'_>, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::handover_received(db, "sha", 1, "ØJP-2026-0001", 1)?;
//!     Ok(())
//! }
//! ```
//! `handover_purge` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::handover_purge(conn, 1)?;
//!     Ok(())
//! }
//! ```
//! `case_restore_entered` without an operation:
//! ```compile_fail
//! # use tovholder_core::actions::{ActionStatus, NewActionItem};
//! # use tovholder_core::audit::AuditEvent;
//! # use tovholder_core::board::BoardSettings;
//! # use tovholder_core::cases::Stage;
//! # use tovholder_core::intake::ValidIntake;
//! # use tovholder_core::profile::Profile;
//! # use tovholder_core::dates::Day;
//! # use tovholder_core::meetings::ParticipantRecord;
//! # use tovholder_core::write_paths::{self as w, ValidMeeting};
//! fn bypass(conn: &rusqlite::Connection, p: &Profile, v: &ValidIntake, item: &NewActionItem, s: &BoardSettings, e: &AuditEvent, m: &ValidMeeting, day: Day, person: &ParticipantRecord) -> tovholder_core::Result<()> {
//!     let _ = w::case_restore_entered(conn, 1, tovholder_core::dates::Stamp::new(chrono::Utc::now()))?;
//!     Ok(())
//! }
//! ```

pub use crate::access_report::save_settings_in as access_report_settings;
pub use crate::actions::add_in as action_add;
pub use crate::actions::detach_meeting as action_detach_meeting;
pub use crate::actions::purge as action_purge;
pub use crate::actions::set_meeting as action_meeting;
pub use crate::actions::set_status_in as action_status;
pub use crate::audit::checkpoint_in as audit_checkpoint;
pub use crate::audit::insert as audit_insert;
pub use crate::audit::record as audit_record;
pub use crate::audit::seal as audit_seal;
pub use crate::audit::start as audit_start;
pub use crate::board::save_settings_in as board_settings;
pub use crate::cases::create as case_create;
pub use crate::cases::forward_in as case_forward;
pub use crate::cases::history::purge as case_history_purge;
pub use crate::cases::history::record as case_history;
pub use crate::cases::notes::add as case_note;
pub use crate::cases::notes::add_received as case_note_received;
pub use crate::cases::notes::purge as case_notes_purge;
pub use crate::cases::purge_in as case_purge;
pub use crate::cases::reference::next as case_reference;
pub use crate::cases::register::insert as case_insert;
pub use crate::cases::register::purge as case_purge_row;
pub use crate::cases::register::restore_entered as case_restore_entered;
pub use crate::cases::register::set_fields as case_fields;
pub use crate::cases::register::set_forwarded as case_forwarded;
pub use crate::cases::register::set_meeting_flag as case_meeting_flag;
pub use crate::cases::register::set_stage as case_stage;
pub use crate::cases::register::touch as case_touch;
pub use crate::cases::search::index_case as search_index_case;
pub use crate::cases::search::index_note as search_index_note;
pub use crate::cases::search::optimize as search_optimize;
pub use crate::cases::search::purge as search_purge;
pub use crate::cases::set_meeting_flag_in as case_flag;
pub use crate::cases::transition_in as case_transition;
pub use crate::demo::mark as demo_mark;
pub use crate::handover::stored::confirm as handover_confirm;
pub use crate::handover::stored::insert_received as handover_received;
pub use crate::handover::stored::insert_sent as handover_sent;
pub use crate::handover::stored::purge as handover_purge;
pub use crate::identity::create as identity_create;
pub use crate::meetings::apply_to_cases as meeting_apply;
pub use crate::meetings::directory::directory_id as directory_person;
/// A validated meeting record (the argument of the meetings' write paths).
pub use crate::meetings::record::Valid as ValidMeeting;
pub use crate::meetings::stored::insert as meeting_insert;
pub use crate::meetings::stored::insert_addendum as meeting_addendum;
pub use crate::meetings::stored::purge as meeting_purge;
pub use crate::meetings::stored::purge_case as meeting_case_purge;
pub use crate::meetings::stored::set_final as meeting_final;
pub use crate::meetings::stored::set_plan as meeting_plan;
pub use crate::meetings::stored::write_record as meeting_record;
pub use crate::profile::insert as profile_insert;
pub use crate::retention::purge as retention_purge;
