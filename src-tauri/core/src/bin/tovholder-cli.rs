//! `tovholder-cli`: the same store and keychain as the app, for admins, scripts and tests.
//!
//! Data as JSON on stdout, messages on stderr. Exit 0 on success, 2 on bad input or a refused
//! operation, 1 on internal failure. A standard output closed by its reader (`… | head`) is a
//! quiet exit with success once the work is done.

use clap::{Parser, Subcommand};
use serde_json::json;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use tovholder_core::cases::{self, CaseFilter};
use tovholder_core::dates::{Day, Stamp};
use tovholder_core::intake::IntakeReport;
use tovholder_core::profile::{OrganisationKind, Profile};
use tovholder_core::secrets::RecoveryCode;
use tovholder_core::store::resolve_data_dir;
use tovholder_core::{
    Error, Keychain, Store, access_report, actions, audit, board, demo, district, handover, identity, lock, meetings,
    peers, retention, routing, screen, stats,
};

#[derive(Parser)]
#[command(name = "tovholder-cli", version = tovholder_core::build_info::LONG_VERSION, about = "Tovholder's case store from the command line")]
struct Cli {
    /// Data directory (default: $TOVHOLDER_DATA_DIR, else the OS app-data directory).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the encrypted store and the coordinator's profile; prints the recovery code once (stderr).
    Init {
        /// The coordinator's name.
        #[arg(long)]
        name: Option<String>,
        /// The organisation, e.g. "Østjyllands Politi" or "SSP Aarhus Kommune".
        #[arg(long)]
        organisation: Option<String>,
        /// police or municipality (default: police when the organisation's name contains "politi").
        #[arg(long, value_name = "KIND")]
        organisation_kind: Option<String>,
        /// Home infohus: a police district code (ØJP), its name (Østjyllands Politi) or its infohus.
        #[arg(long)]
        district: Option<String>,
    },
    /// Data directory, schema version, encryption and table counts, as JSON.
    Status,
    /// Put the store's key back into this machine's keychain using the recovery code.
    Unlock {
        #[arg(long, value_name = "CODE")]
        recovery_code: String,
    },
    /// Consistent encrypted backup: writes FILE and FILE.key.
    Backup { file: PathBuf },
    /// The municipality and police district for a name (variants such as "Århus" are accepted).
    Route { name: String },
    /// Store one concern report (JSON, see docs/intake.md) from FILE or standard input (`-`).
    Intake {
        #[arg(default_value = "-")]
        file: String,
    },
    /// The case list as JSON (newest first).
    Cases {
        /// new_concern, screening, assessment, intervention, follow_up, closed or forwarded (or the Danish label).
        #[arg(long)]
        stage: Option<String>,
        /// A police district code or name.
        #[arg(long)]
        district: Option<String>,
        #[arg(long, default_value_t = 500)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// One case with notes and history, as JSON.
    Case { reference: String },
    /// The best-matching cases for a query, as JSON.
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Fill the store with realistic synthetic cases (no real people) for trying the app.
    Demo {
        #[arg(long)]
        cases: u32,
        /// Seed for repeatable data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Add demo cases even though the store holds real (non-demo) cases.
        #[arg(long)]
        force: bool,
    },
    /// Restore a backup made by `backup` (verifies it first; --force replaces an existing store).
    Restore {
        file: PathBuf,
        #[arg(long)]
        force: bool,
        /// Needed when this machine's keychain does not hold the backup's key (a new laptop).
        #[arg(long, value_name = "CODE")]
        recovery_code: Option<String>,
    },
    /// The coordination board as JSON: columns (stage, label, total, matching, wip_limit) with
    /// their cards in display order, as many as the app shows at first.
    Board {
        /// Swimlanes: none, urgency, agency or municipality (default: the saved setting).
        #[arg(long)]
        lane: Option<String>,
        /// Cards per active column (default 50, as the app shows; at most 10000).
        #[arg(long, value_name = "N")]
        cards: Option<u32>,
    },
    /// Move a case to another stage (the snake_case key or the Danish label).
    Move {
        reference: String,
        stage: String,
        #[arg(long)]
        reason: Option<String>,
        /// Required when the stage is closed: unfounded, completed or handed_to_police.
        #[arg(long)]
        outcome: Option<String>,
    },
    /// Undo the case's latest stage move.
    UndoMove { reference: String },
    /// Action items: add one, or mark one done or cancelled.
    Action {
        #[command(subcommand)]
        action: ActionCommand,
    },
    /// Open action items as JSON (id, reference, what, agency, person, due, status).
    Actions {
        /// Only overdue items.
        #[arg(long)]
        overdue: bool,
        /// Only this agency's items (key or Danish label).
        #[arg(long)]
        agency: Option<String>,
    },
    /// Write a meeting's minutes as PDF (a draft gets an "UDKAST" watermark), or as an unsent
    /// e-mail with the PDF attached (finalized minutes only); never overwrites.
    Minutes {
        id: i64,
        /// The PDF.
        #[arg(long, value_name = "FILE.pdf", required_unless_present = "eml", conflicts_with = "eml")]
        out: Option<PathBuf>,
        /// "Klar til e-mail": an .eml draft (X-Unsent: 1) to the participants' addresses.
        #[arg(long, value_name = "FILE.eml")]
        eml: Option<PathBuf>,
    },
    /// Infohus meetings: create, agenda, list, import, finalize.
    Meeting {
        #[command(subcommand)]
        meeting: MeetingCommand,
    },
    /// Flag a case for the next meeting ("til møde"), or remove the flag.
    Flag {
        reference: String,
        #[arg(long, value_name = "on|off")]
        meeting: String,
    },
    /// The access report (indsigt, GDPR art. 15) for one case: writes "Indsigt REF.pdf" and
    /// "Indsigt REF.json" into DIR (never replacing a file) and prints their names as JSON.
    AccessReport {
        reference: String,
        /// The folder to write the two files into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Name staff in this and later reports (on), or show organisation and role only (off,
        /// the default); saved as the access report's setting.
        #[arg(long, value_name = "on|off")]
        staff_names: Option<String>,
    },
    /// Statistik: the figures of a period (whole days in Copenhagen, both ends included) as JSON,
    /// with small counts hidden as in the report (docs/statistics.md).
    Stats {
        /// The first day: 25.11.2026 or 2026-11-25.
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        from: String,
        /// The last day: 25.11.2026 or 2026-11-25.
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        to: String,
        /// Counts under N are hidden (3–10; default: the saved setting, 5 until changed).
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        suppress: Option<String>,
        /// Also write the report as a PDF (a new file; never replaces one).
        #[arg(long, value_name = "FILE.pdf")]
        pdf: Option<PathBuf>,
        /// Also write one CSV per table into DIR (UTF-8 with BOM, semicolons; never replaces one).
        #[arg(long, value_name = "DIR")]
        csv: Option<PathBuf>,
    },
    /// The audit log as JSON (position, at, actor, action, subject), oldest first; `audit verify`
    /// checks its chain, `audit checkpoint` records and prints the chain's head.
    Audit(AuditArgs),
    /// When the app locks itself: prints the settings; with `--idle-minutes N` (1–60) saves them.
    LockSettings {
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        idle_minutes: Option<String>,
        /// Set the PIN that guards unlocking the app (6–12 digits), read from standard input
        /// (never an argument: arguments show in process lists and shell history).
        #[arg(long, conflicts_with = "no_pin")]
        pin: bool,
        /// Remove the PIN.
        #[arg(long)]
        no_pin: bool,
    },
    /// Safe screen mode (for a projector): prints the settings; `--safe on|off` turns the mode on
    /// or off, `--meetings-safe on|off` whether opening a meeting turns it on,
    /// `--content-protection on|off` whether the window is kept out of screenshots and screen
    /// sharing (Windows, macOS).
    ScreenSettings {
        #[arg(long, value_name = "on|off", allow_hyphen_values = true)]
        safe: Option<String>,
        #[arg(long, value_name = "on|off", allow_hyphen_values = true)]
        meetings_safe: Option<String>,
        #[arg(long, value_name = "on|off", allow_hyphen_values = true)]
        content_protection: Option<String>,
    },
    /// Retention: delete what is past its deletion date, list what is due, postpone a deletion.
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// This installation's public key for the sealed hand-over, as JSON: the line to give other
    /// installations, and its fingerprint.
    Identity,
    /// The directory of other installations (infohuse, the hotline) sealed cases go to and come from.
    Peers {
        #[command(subcommand)]
        command: PeersCommand,
    },
    /// The sealed hand-over of a case between installations (docs/handover.md).
    Handover {
        #[command(subcommand)]
        command: HandoverCommand,
    },
}

#[derive(Subcommand)]
enum PeersCommand {
    /// Add an installation from its public line (`-`: read it from standard input; line breaks,
    /// spaces and quoting are ignored). A known installation with a new key must be verified again.
    Add {
        line: String,
        /// Whom the key belongs to: name and organisation.
        #[arg(long)]
        name: String,
        /// Its infohus: the police district's code (e.g. FYP) or name.
        #[arg(long)]
        infohus: String,
        /// The safety number was compared by phone already.
        #[arg(long)]
        verified: bool,
    },
    /// The directory as JSON, with each installation's safety number.
    List,
    /// Mark an installation verified after comparing the safety number by phone.
    Verify { id: i64 },
}

#[derive(Subcommand)]
enum HandoverCommand {
    /// Seal a case for every verified key of an infohus and forward it there; writes FILE
    /// (a new file) and prints its name and SHA-256.
    Send {
        reference: String,
        /// The receiving infohus: a police district code (e.g. FYP) or name.
        #[arg(long, value_name = "CODE")]
        to: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Include the caller's name, phone and e-mail (only when the receiver needs them).
        #[arg(long)]
        with_contact: bool,
        /// Why the case is passed on (default: "Sendt forseglet til …").
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Receive a sealed case: checks it against the directory, creates the case and writes the
    /// receipt for the sender (default: beside FILE, as NAME.kvittering.tovholder).
    Import {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        receipt: Option<PathBuf>,
    },
    /// Import the receiver's receipt for a case sent from here: »Modtagelse bekræftet«.
    Receipt { file: PathBuf },
    /// Write the receipt for a case received here again (when the first was lost).
    MakeReceipt {
        reference: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum RetentionCommand {
    /// Delete every case and meeting whose deletion date has come, then compact the store; prints
    /// what was deleted as JSON. With --dry-run: what would be deleted, nothing written.
    Run {
        #[arg(long)]
        dry_run: bool,
    },
    /// The cases due for deletion within DAYS days (default 30), overdue ones included, as JSON.
    Due {
        #[arg(long, value_name = "DAYS")]
        days: Option<u32>,
    },
    /// The retention rules as JSON; with any option, saves the changed rules first.
    Settings {
        /// Years a case closed as unfounded is kept after closing (1–10).
        #[arg(long, value_name = "N")]
        unfounded_years: Option<i32>,
        /// Years a completed case is kept after closing (1–10).
        #[arg(long, value_name = "N")]
        completed_years: Option<i32>,
        /// Years a case handed to the police is kept after closing (1–10).
        #[arg(long, value_name = "N")]
        handed_to_police_years: Option<i32>,
        /// Days a forwarded case is kept after forwarding (1–365).
        #[arg(long, value_name = "N")]
        forwarded_days: Option<i32>,
    },
    /// Postpone a case's deletion to a later date, for a reason.
    Extend {
        reference: String,
        /// The new deletion date: 25.11.2026 or 2026-11-25.
        #[arg(long, value_name = "DATE")]
        until: String,
        /// Why the case is kept longer (kept with the case, not in the audit log).
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
struct AuditArgs {
    #[command(subcommand)]
    command: Option<AuditCommand>,
    /// Only the entries about this case reference.
    #[arg(long = "ref", value_name = "REF")]
    reference: Option<String>,
    /// Only the entries from this day on (YYYY-MM-DD or 25.11.2026, Copenhagen time) or from this
    /// time on (RFC 3339).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the whole chain (and, given a checkpoint, that the log still contains it unchanged).
    /// Prints the result as JSON; exit 0 when intact, 2 naming the first broken position or the
    /// lost tail. The MACs are checked only with the recovery code.
    Verify {
        /// A checkpoint as printed in minutes or an access report: TVH1-<position>-XXXX-XXXX-XXXX-XXXX.
        #[arg(long, value_name = "TEXT")]
        checkpoint: Option<String>,
        /// The recovery code, to check the MACs (or set TOVHOLDER_RECOVERY_CODE).
        #[arg(long, value_name = "CODE", env = "TOVHOLDER_RECOVERY_CODE", hide_env_values = true)]
        recovery_code: Option<String>,
    },
    /// Record a checkpoint of the chain's head and print it as JSON ({position, checkpoint}).
    Checkpoint,
}

#[derive(Subcommand)]
enum MeetingCommand {
    /// Plan a meeting; prints it as JSON with its `id` and `number` ("23/2026").
    Create {
        /// Police district code or name (default: the home infohus).
        #[arg(long)]
        district: Option<String>,
        /// When, RFC 3339 (e.g. 2026-11-25T14:00:00+01:00).
        #[arg(long)]
        at: String,
        #[arg(long)]
        place: Option<String>,
    },
    /// The agenda proposed from the board: cases with why, and standing items.
    Agenda { id: i64 },
    /// Every meeting, newest first.
    List,
    /// Create a draft meeting from a whole meeting record (docs/meeting-import.md).
    Import { file: PathBuf },
    /// Apply the meeting to its cases and store the minutes (then the meeting is immutable).
    Finalize { id: i64 },
}

#[derive(Subcommand)]
enum ActionCommand {
    /// Add an action item to a case; prints it as JSON with its `id`.
    Add {
        reference: String,
        #[arg(long)]
        what: String,
        /// police, ssp, social_services, employment, school, probation, psychiatry, other (or the Danish label).
        #[arg(long)]
        agency: String,
        /// The due date, YYYY-MM-DD (or 25.11.2026).
        #[arg(long)]
        due: String,
        #[arg(long)]
        person: Option<String>,
    },
    /// Mark an action item done.
    Done { id: i64 },
    /// Cancel an action item.
    Cancel { id: i64 },
}

/// A line for the user on standard error; a closed standard error is ignored (never a panic).
macro_rules! note {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Temporary files of exports an earlier run did not finish (killed, power cut) do not linger.
    if let Ok(unfinished) = tovholder_core::export::unfinished_dir() {
        tovholder_core::export::remove_unfinished(&unfinished);
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            note!("error [{}]: {e}", e.code());
            // Internal failures name their cause (an I/O or SQLite error: never case data).
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                note!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::from(if e.is_user_error() { 2 } else { 1 })
        }
    }
}

/// Set when the reader of standard output went away (`tovholder-cli meeting finalize 1 | true`,
/// `… | head`): the command's work is done and only its report could not be delivered — a quiet
/// exit with success, never a panic.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Prints the command's result as JSON on standard output; a closed pipe is not an error.
fn print_json(v: &serde_json::Value) -> tovholder_core::Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let text = serde_json::to_string_pretty(v).map_err(|_| Error::Internal("a result as JSON"))?;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        other => Ok(other?),
    }
}

fn run(cli: Cli) -> tovholder_core::Result<ExitCode> {
    let dir = resolve_data_dir(cli.data_dir)?;
    let keychain = Keychain::from_env();
    match cli.command {
        Command::Init { name, organisation, organisation_kind, district } => {
            if Store::exists(&dir) {
                return Err(Error::AlreadyInitialized);
            }
            let name = value_or_prompt(name, "name", "Name")?;
            let organisation = value_or_prompt(organisation, "organisation", "Organisation")?;
            let district = value_or_prompt(district, "district", "Police district (code or name)")?;
            let organisation_kind = match organisation_kind {
                Some(k) => OrganisationKind::parse(&k)?,
                None if organisation.to_lowercase().contains("politi") => OrganisationKind::Police,
                None => OrganisationKind::Municipality,
            };
            let district_code = district::find(&district)
                .ok_or_else(|| Error::invalid("district", "unknown police district; use a code such as ØJP or KBHP"))?
                .code
                .to_string();
            let profile = Profile { name, organisation_kind, organisation_name: organisation, district_code };
            let (store, code) = Store::init(&dir, &keychain, profile)?;
            note!("Recovery code (write it down and keep it safe; it is shown only this once):");
            note!("    {}", code.display());
            print_json(&json!({ "data_dir": store.data_dir(), "profile": store.profile()? }))?;
        }
        Command::Status => {
            let store = open_store(&dir, &keychain)?;
            print_json(&serde_json::to_value(store.status()?).expect("JSON"))?;
        }
        Command::Unlock { recovery_code } => {
            let store = Store::unlock_with_recovery_code(&dir, &keychain, &recovery_code)?;
            note!("The key is back in this machine's keychain.");
            print_json(&json!({ "unlocked": true, "data_dir": store.data_dir() }))?;
        }
        Command::Backup { file } => {
            let store = open_store(&dir, &keychain)?;
            store.backup(&file)?;
            let key_file = format!("{}.key", file.display());
            // The backup holds every case and meeting as they are now: from this day on it holds
            // data the store itself has deleted (null when it holds nothing with a date).
            let earliest = retention::earliest_deletion(&store)?;
            print_json(&json!({ "backup": file, "key_file": key_file, "earliest_deletion": earliest,
                "proposed_name": retention::backup_file_name(&store)? }))?;
        }
        Command::Route { name } => {
            let r = routing::route(&name).inspect_err(|_| {
                let s = routing::suggestions(&name, 3);
                if !s.is_empty() {
                    note!("suggestions: {}", s.join(", "));
                }
            })?;
            print_json(&json!({ "municipality": r.municipality, "police_district": r.police_district.name }))?;
        }
        Command::Intake { file } => {
            // Input that cannot be read as text — missing, a directory, not permitted, not UTF-8,
            // a broken pipe — is bad input (exit 2), like a malformed report. The message names
            // neither the path nor the content.
            let read =
                if file == "-" { std::io::read_to_string(std::io::stdin()) } else { std::fs::read_to_string(&file) };
            let text = read.map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidData => Error::invalid("file", "filen er ikke UTF-8-tekst"),
                _ => Error::invalid("file", "filen kan ikke læses"),
            })?;
            // Editors on Windows start UTF-8 files with a byte order mark.
            let report = IntakeReport::from_json(text.strip_prefix('\u{feff}').unwrap_or(&text))?;
            let store = open_store(&dir, &keychain)?;
            print_json(&serde_json::to_value(cases::intake(&store, report)?).expect("JSON"))?;
        }
        Command::Cases { stage, district, limit, offset } => {
            let stage =
                stage.map(|s| cases::Stage::parse(&s).ok_or(Error::invalid("stage", "ukendt fase"))).transpose()?;
            let district_code = district
                .map(|d| {
                    district::find(&d)
                        .map(|d| d.code.to_string())
                        .ok_or(Error::invalid("district", "ukendt politikreds"))
                })
                .transpose()?;
            let store = open_store(&dir, &keychain)?;
            let filter = CaseFilter { stage, district_code, limit, offset, ..Default::default() };
            print_json(&serde_json::to_value(cases::list(&store, &filter)?.cases).expect("JSON"))?;
        }
        Command::Case { reference } => {
            let store = open_store(&dir, &keychain)?;
            print_json(&serde_json::to_value(cases::get(&store, &reference)?).expect("JSON"))?;
        }
        Command::Search { query, limit } => {
            let store = open_store(&dir, &keychain)?;
            print_json(&serde_json::to_value(cases::search(&store, &query, limit)?).expect("JSON"))?;
        }
        Command::Demo { cases: n, seed, force } => {
            let store = open_store(&dir, &keychain)?;
            let started = std::time::Instant::now();
            let made = demo::fill_with_options(&store, n, 3, seed, force)?;
            note!("{} cases and {} notes in {:.2} s", made.cases, made.notes, started.elapsed().as_secs_f64());
            print_json(&serde_json::to_value(made).expect("JSON"))?;
        }
        Command::Board { lane, cards } => {
            let lane = lane
                .map(|l| {
                    board::Lane::parse(&l)
                        .ok_or(Error::invalid("lane", "brug none, urgency, agency eller municipality"))
                })
                .transpose()?;
            if cards.is_some_and(|n| !(1..=board::CARDS_SHOWN_MAX).contains(&n)) {
                return Err(Error::invalid("cards", "skal være mellem 1 og 10000"));
            }
            let shown = cards.map(|n| cases::Stage::ALL.into_iter().map(|s| (s, n)).collect()).unwrap_or_default();
            let store = open_store(&dir, &keychain)?;
            let view = board::BoardView { lane, shown, ..Default::default() };
            print_json(&serde_json::to_value(board::view(&store, &view)?).expect("JSON"))?;
        }
        Command::Move { reference, stage, reason, outcome } => {
            let stage = cases::Stage::parse(&stage).ok_or(Error::invalid("stage", "ukendt fase"))?;
            let outcome = outcome
                .map(|o| {
                    cases::Outcome::parse(&o)
                        .ok_or(Error::invalid("outcome", "brug unfounded, completed eller handed_to_police"))
                })
                .transpose()?;
            let store = open_store(&dir, &keychain)?;
            let d = cases::transition(&store, &reference, stage, reason.as_deref(), outcome)?;
            print_json(&serde_json::to_value(d).expect("JSON"))?;
        }
        Command::UndoMove { reference } => {
            let store = open_store(&dir, &keychain)?;
            print_json(&serde_json::to_value(cases::undo_move(&store, &reference)?).expect("JSON"))?;
        }
        Command::Action { action } => {
            let store = open_store(&dir, &keychain)?;
            let item = match action {
                ActionCommand::Add { reference, what, agency, due, person } => {
                    let agency = actions::Agency::parse(&agency).ok_or(Error::invalid("agency", "ukendt myndighed"))?;
                    actions::add(&store, &reference, &actions::NewActionItem { what, agency, person, due })?
                }
                ActionCommand::Done { id } => actions::set_status(&store, id, actions::ActionStatus::Done)?,
                ActionCommand::Cancel { id } => actions::set_status(&store, id, actions::ActionStatus::Cancelled)?,
            };
            print_json(&serde_json::to_value(item).expect("JSON"))?;
        }
        Command::Actions { overdue, agency } => {
            let agency = agency
                .map(|a| actions::Agency::parse(&a).ok_or(Error::invalid("agency", "ukendt myndighed")))
                .transpose()?;
            let store = open_store(&dir, &keychain)?;
            let filter = actions::ActionFilter { overdue, agency, ..Default::default() };
            print_json(&serde_json::to_value(actions::list(&store, &filter)?).expect("JSON"))?;
        }
        Command::Meeting { meeting } => {
            let store = open_store(&dir, &keychain)?;
            let out = match meeting {
                MeetingCommand::Create { district, at, place } => {
                    let record = meetings::MeetingRecord {
                        district,
                        held_at: at,
                        place,
                        next_meeting_at: None,
                        participants: Vec::new(),
                        items: Vec::new(),
                    };
                    serde_json::to_value(meetings::create(&store, &record)?)
                }
                MeetingCommand::Agenda { id } => serde_json::to_value(meetings::proposed_agenda(&store, id)?),
                MeetingCommand::List => serde_json::to_value(meetings::list(&store)?),
                MeetingCommand::Finalize { id } => serde_json::to_value(meetings::finalize(&store, id)?),
                MeetingCommand::Import { file } => {
                    // At most one byte more than a record may have: a larger file is refused
                    // without reading it all.
                    let mut bytes = Vec::new();
                    std::fs::File::open(&file)
                        .and_then(|f| f.take(meetings::RECORD_BYTES_MAX as u64 + 1).read_to_end(&mut bytes))
                        .map_err(|_| Error::invalid("file", "filen kan ikke læses"))?;
                    if bytes.len() > meetings::RECORD_BYTES_MAX {
                        return Err(Error::invalid(
                            "file",
                            format!("filen er for stor: et møde fylder højst {} MB", meetings::RECORD_BYTES_MAX >> 20),
                        ));
                    }
                    let text =
                        String::from_utf8(bytes).map_err(|_| Error::invalid("file", "filen er ikke UTF-8-tekst"))?;
                    serde_json::to_value(meetings::import(&store, text.trim_start_matches('\u{feff}'))?)
                }
            };
            print_json(&out.expect("JSON"))?;
        }
        Command::Minutes { id, out, eml } => {
            let store = open_store(&dir, &keychain)?;
            let file = match (out, eml) {
                (Some(out), _) => {
                    meetings::export_minutes(&store, id, &out)?;
                    out
                }
                (None, Some(eml)) => {
                    meetings::export_minutes_email(&store, id, &eml)?;
                    eml
                }
                (None, None) => return Err(Error::invalid("out", "angiv --out FILE.pdf eller --eml FILE.eml")),
            };
            print_json(&json!({ "file": file, "bytes": std::fs::metadata(&file)?.len() }))?;
        }
        Command::Flag { reference, meeting } => {
            let on = match meeting.trim() {
                "on" => true,
                "off" => false,
                _ => return Err(Error::invalid("meeting", "brug on eller off")),
            };
            let store = open_store(&dir, &keychain)?;
            print_json(&serde_json::to_value(cases::set_meeting_flag(&store, &reference, on)?).expect("JSON"))?;
        }
        Command::Restore { file, force, recovery_code } => {
            // A damaged, edited or unreadable backup is bad input (exit 2), like a missing one:
            // everything Corrupt here is about the backup and its key file, checked before the
            // data directory is touched.
            let store = Store::restore_with_clock(&dir, &keychain, &file, recovery_code.as_deref(), force, clock())
                .map_err(|e| match e {
                    Error::Corrupt(detail) => {
                        Error::invalid("file", format!("sikkerhedskopien kan ikke bruges: {detail}"))
                    }
                    other => other,
                })?;
            print_json(&serde_json::to_value(store.status()?).expect("JSON"))?;
        }
        Command::AccessReport { reference, out, staff_names } => {
            let staff_names = match staff_names.as_deref().map(str::trim) {
                None => None,
                Some("on") => Some(true),
                Some("off") => Some(false),
                Some(_) => return Err(Error::invalid("staff_names", "brug on eller off")),
            };
            let store = open_store(&dir, &keychain)?;
            let (pdf, json) = access_report::export(&store, &reference, &out, staff_names)?;
            let name = |p: &std::path::Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
            print_json(&json!({
                "pdf": name(&pdf),
                "json": name(&json),
                "bytes": std::fs::metadata(&pdf)?.len() + std::fs::metadata(&json)?.len(),
            }))?;
        }
        Command::Audit(args) => return audit_command(&dir, &keychain, args),
        c @ (Command::Identity | Command::Peers { .. } | Command::Handover { .. }) => {
            handover_command(&dir, &keychain, c)?
        }
        Command::Stats { from, to, suppress, pdf, csv } => {
            let date = |field: &'static str, s: &str| {
                Day::parse(s).ok_or(Error::invalid(field, "brug en dato som 25.11.2026 eller 2026-11-25"))
            };
            let period = stats::Period::new(date("from", &from)?, date("to", &to)?)?;
            // Not a number is refused like one out of range (0 is never allowed).
            let threshold =
                suppress.map(|n| stats::check_threshold(n.trim().parse::<u64>().unwrap_or(0))).transpose()?;
            let store = open_store(&dir, &keychain)?;
            // Without --suppress: the saved setting (the app's »Skjul tal under«), 5 by default.
            let threshold = match threshold {
                Some(n) => n,
                None => stats::settings(&store)?.threshold,
            };
            if pdf.is_none() && csv.is_none() {
                let figures = stats::published(&store, period, threshold)?;
                print_json(&serde_json::to_value(&figures).expect("JSON"))?;
            } else {
                // The figures, and the files' names (never their folders).
                let saved = stats::export(&store, period, threshold, pdf.as_deref(), csv.as_deref())?;
                let name = |p: &std::path::Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
                let mut v = serde_json::to_value(&saved.statistics).expect("JSON");
                v["files"] = json!({
                    "pdf": saved.pdf.as_deref().map(name),
                    "csv": saved.csv.iter().map(|p| name(p)).collect::<Vec<_>>(),
                });
                print_json(&v)?;
            }
        }
        Command::LockSettings { idle_minutes, pin, no_pin } => {
            let new_pin = if pin {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .map_err(|_| Error::invalid("pin", "kunne ikke læses fra standard input"))?;
                let line = zeroize::Zeroizing::new(line);
                tovholder_core::pin::check_format(&line)?;
                Some(line)
            } else {
                None
            };
            let idle = idle_minutes
                .map(|n| {
                    n.trim().parse::<u32>().map_err(|_| {
                        Error::invalid(
                            "idle_minutes",
                            format!(
                                "skal være et helt antal minutter mellem {} og {}",
                                lock::IDLE_MINUTES_MIN,
                                lock::IDLE_MINUTES_MAX
                            ),
                        )
                    })
                })
                .transpose()?;
            let store = open_store(&dir, &keychain)?;
            let settings = match idle {
                Some(idle_minutes) => lock::save_settings(&store, lock::LockSettings { idle_minutes })?,
                None => lock::settings(&store)?,
            };
            if let Some(p) = &new_pin {
                lock::set_pin(&store, Some(p.trim()))?;
            } else if no_pin {
                lock::set_pin(&store, None)?;
            }
            let pin_set = tovholder_core::pin::is_set(&dir)?;
            print_json(&json!({ "idle_minutes": settings.idle_minutes, "pin": pin_set }))?;
        }
        Command::ScreenSettings { safe, meetings_safe, content_protection } => {
            let on_off = |field: &'static str, v: Option<String>| -> Result<Option<bool>, Error> {
                v.map(|v| match v.trim() {
                    "on" => Ok(true),
                    "off" => Ok(false),
                    _ => Err(Error::invalid(field, "skal være on eller off")),
                })
                .transpose()
            };
            let safe = on_off("safe", safe)?;
            let meetings_safe = on_off("meetings_safe", meetings_safe)?;
            let content_protection = on_off("content_protection", content_protection)?;
            let store = open_store(&dir, &keychain)?;
            let mut settings = screen::settings(&store)?;
            if safe.is_some() || meetings_safe.is_some() || content_protection.is_some() {
                settings.safe = safe.unwrap_or(settings.safe);
                settings.meetings_safe = meetings_safe.unwrap_or(settings.meetings_safe);
                settings.content_protection = content_protection.unwrap_or(settings.content_protection);
                settings = screen::save_settings(&store, settings)?;
            }
            print_json(&serde_json::to_value(settings).expect("JSON"))?;
        }
        Command::Retention { command } => match command {
            RetentionCommand::Run { dry_run } => {
                let store = open_store(&dir, &keychain)?;
                print_json(&serde_json::to_value(retention::run(&store, dry_run)?).expect("JSON"))?;
            }
            RetentionCommand::Due { days } => {
                let store = open_store(&dir, &keychain)?;
                print_json(&serde_json::to_value(retention::due_within(&store, days)?).expect("JSON"))?;
            }
            RetentionCommand::Settings { unfounded_years, completed_years, handed_to_police_years, forwarded_days } => {
                let store = open_store(&dir, &keychain)?;
                let mut s = retention::settings(&store)?;
                let before = s;
                s.unfounded_years = unfounded_years.unwrap_or(s.unfounded_years);
                s.completed_years = completed_years.unwrap_or(s.completed_years);
                s.handed_to_police_years = handed_to_police_years.unwrap_or(s.handed_to_police_years);
                s.forwarded_days = forwarded_days.unwrap_or(s.forwarded_days);
                if s != before {
                    s = retention::save_settings(&store, s)?;
                }
                print_json(&serde_json::to_value(s).expect("JSON"))?;
            }
            RetentionCommand::Extend { reference, until, reason } => {
                let until = Day::parse(&until)
                    .ok_or(Error::invalid("until", "brug en dato som 25.11.2026 eller 2026-11-25"))?;
                let store = open_store(&dir, &keychain)?;
                print_json(
                    &serde_json::to_value(retention::extend(&store, &reference, until, &reason)?).expect("JSON"),
                )?;
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}

/// `identity`, `peers …`, `handover …`.
fn handover_command(dir: &std::path::Path, keychain: &Keychain, command: Command) -> tovholder_core::Result<()> {
    match command {
        Command::Identity => {
            let store = open_store(dir, keychain)?;
            print_json(&serde_json::to_value(identity::info(&store)?).expect("JSON"))?;
        }
        Command::Peers { command: PeersCommand::Add { line, name, infohus, verified } } => {
            let line = if line == "-" {
                let mut text = String::new();
                std::io::stdin()
                    .take(64 * 1024)
                    .read_to_string(&mut text)
                    .map_err(|_| Error::invalid("line", "kunne ikke læses fra standard input"))?;
                text
            } else {
                line
            };
            let store = open_store(dir, keychain)?;
            let (peer, added) = peers::add(&store, &line, &name, &infohus, verified)?;
            if added == peers::PeerAdded::KeyChanged {
                note!(
                    "The installation's key has changed: compare the safety number again, then `peers verify {}`.",
                    peer.id
                );
            }
            print_json(&json!({ "peer": peer, "added": added }))?;
        }
        Command::Peers { command: PeersCommand::List } => {
            let store = open_store(dir, keychain)?;
            print_json(&serde_json::to_value(peers::list(&store)?).expect("JSON"))?;
        }
        Command::Peers { command: PeersCommand::Verify { id } } => {
            let store = open_store(dir, keychain)?;
            print_json(&serde_json::to_value(peers::verify(&store, id)?).expect("JSON"))?;
        }
        Command::Handover { command: HandoverCommand::Send { reference, to, out, with_contact, reason } } => {
            let store = open_store(dir, keychain)?;
            let file = handover::send_to_file(&store, &reference, &to, with_contact, reason.as_deref(), &out)?;
            print_json(&json!({ "file": out.file_name().map(|n| n.to_string_lossy()), "sha256": file.sha256,
                "proposed_name": file.file_name }))?;
        }
        Command::Handover { command: HandoverCommand::Import { file, receipt } } => {
            let receipt_path = receipt.unwrap_or_else(|| {
                let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                file.with_file_name(format!("{stem}.kvittering.{}", handover::EXTENSION))
            });
            handover::check_receipt_path(&receipt_path)?;
            let bytes = handover::read_file(&file)?;
            let store = open_store(dir, keychain)?;
            let received = handover::import(&store, &bytes)?;
            handover::write_receipt(&receipt_path, &received.receipt).inspect_err(|_| {
                note!(
                    "The case was received as {}; write its receipt again with `handover make-receipt {} --out FILE`.",
                    received.reference,
                    received.reference
                );
            })?;
            print_json(&json!({ "reference": received.reference, "origin_reference": received.origin_reference,
                "receipt": receipt_path }))?;
        }
        Command::Handover { command: HandoverCommand::Receipt { file } } => {
            let bytes = handover::read_file(&file)?;
            let store = open_store(dir, keychain)?;
            print_json(&serde_json::to_value(handover::confirm(&store, &bytes)?).expect("JSON"))?;
        }
        Command::Handover { command: HandoverCommand::MakeReceipt { reference, out } } => {
            handover::check_receipt_path(&out)?;
            let store = open_store(dir, keychain)?;
            let (receipt, _) = handover::receipt(&store, &reference)?;
            handover::write_receipt(&out, &receipt)?;
            print_json(&json!({ "receipt": out, "sha256": receipt.sha256 }))?;
        }
        _ => unreachable!("handover_command is called for identity, peers and handover only"),
    }
    Ok(())
}

/// `audit`, `audit verify`, `audit checkpoint`. Input is checked before the store is opened.
fn audit_command(dir: &std::path::Path, keychain: &Keychain, args: AuditArgs) -> tovholder_core::Result<ExitCode> {
    match args.command {
        None => {
            let since = args
                .since
                .map(|s| {
                    Day::parse(&s)
                        .map(|d| tovholder_core::dates::start_of_day(d.date()))
                        .or_else(|| Stamp::parse(&s).map(Stamp::instant))
                        .ok_or(Error::invalid(
                            "since",
                            "brug en dato (2026-11-25 eller 25.11.2026) eller et tidspunkt (RFC 3339)",
                        ))
                })
                .transpose()?;
            let reference = args.reference.map(|r| r.trim().to_uppercase()).filter(|r| !r.is_empty());
            let store = open_store(dir, keychain)?;
            let filter = audit::EntryFilter { reference, since, ..Default::default() };
            print_json(&serde_json::to_value(audit::entries(&store, &filter)?).expect("JSON"))?;
        }
        Some(AuditCommand::Checkpoint) => {
            let store = open_store(dir, keychain)?;
            let checkpoint = audit::checkpoint(&store)?;
            print_json(&json!({ "position": checkpoint.position, "checkpoint": checkpoint }))?;
        }
        Some(AuditCommand::Verify { checkpoint, recovery_code }) => {
            let checkpoint = checkpoint.as_deref().map(audit::Checkpoint::parse).transpose()?;
            let code = recovery_code.as_deref().map(RecoveryCode::parse).transpose()?;
            let store = open_store(dir, keychain)?;
            let verification = audit::verify(&store, checkpoint.as_ref(), code.as_ref())?;
            print_json(&serde_json::to_value(&verification).expect("JSON"))?;
            note!("{verification}");
            if !verification.is_intact() {
                return Ok(ExitCode::from(2));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the store. Debug builds honour `TOVHOLDER_FIXED_NOW` (RFC 3339): the tests run the CLI at
/// a fixed time, so nothing they check depends on today's date. Release builds ignore it.
fn open_store(dir: &std::path::Path, keychain: &Keychain) -> tovholder_core::Result<Store> {
    Ok(Store::open(dir, keychain)?.with_clock(clock()))
}

/// The system clock; in debug builds `TOVHOLDER_FIXED_NOW` (RFC 3339) when set.
fn clock() -> std::sync::Arc<dyn tovholder_core::Clock> {
    #[cfg(debug_assertions)]
    if let Some(t) =
        std::env::var("TOVHOLDER_FIXED_NOW").ok().and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
    {
        return std::sync::Arc::new(tovholder_core::FixedClock::at(t.into()));
    }
    tovholder_core::clock::system()
}

/// A flag's value, or a prompt on an interactive terminal; without either, a clear input error.
fn value_or_prompt(value: Option<String>, field: &'static str, label: &str) -> tovholder_core::Result<String> {
    if let Some(v) = value {
        return Ok(v);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(field, format!("missing; pass --{field}")));
    }
    let _ = write!(std::io::stderr(), "{label}: ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_string())
}
