//! The sealed hand-over (#18, [docs/handover.md]): a case passed from one installation to
//! another as one file, with no server and nothing readable in anyone's mailbox.
//!
//! - [`send`]: the case's fields, notes and the forwarding reason (the caller's contact details
//!   only when asked for) sealed for every verified key of the receiving infohus
//!   ([`bundle::seal`]); the case becomes Videresendt with the bundle's hash in its history.
//! - [`preview`] and [`import`]: the file checked against the directory (signature first), then
//!   decrypted and validated; on import a new case with this store's own reference, linked to the
//!   sender's, with the sender's notes. Each file is imported once.
//! - [`receipt`]: a signed, sealed receipt for the sender; [`confirm`] imports it there:
//!   »Modtagelse bekræftet«, and retention's shorter date for the forwarded case.
//!
//! Every refusal ([`Refusal`]) happens before anything is written.

pub mod bundle;
pub mod stored;

use crate::audit::AuditEvent;
use crate::cases::{self, history, notes, register};
use crate::dates::Stamp;
use crate::district;
use crate::error::{Error, Result};
use crate::identity::{self, PublicIdentity};
use crate::intake::{Caller, IntakeReport, Subject};
use crate::op::Reader;
use crate::peers;
use crate::store::Store;
use bundle::{SealedKind, Sender};
use serde::{Deserialize, Serialize};
use std::io::Read as _;
use std::path::Path;

pub use stored::SentHandover;

/// The file ending of sealed files (cases and receipts).
pub const EXTENSION: &str = "tovholder";
/// The most notes a sealed case carries.
pub const NOTES_MAX: usize = 500;

crate::keys::key_enum!(
    /// Why a sealed file was refused (nothing was written).
    Refusal {
        TooLarge = "too_large": "Filen er for stor til at være en sag fra Tovholder.",
        NotSealed = "not_sealed": "Filen er ikke en forseglet sag eller kvittering fra Tovholder.",
        NewerFormat = "newer_format": "Filen er lavet med en nyere version af Tovholder. Opdatér programmet, og prøv igen.",
        Damaged = "damaged": "Filen er ændret eller beskadiget undervejs og kan ikke bruges. Bed afsenderen sende den igen.",
        UnknownSender = "unknown_sender": "Afsenderen er ikke i dit nøglekatalog. Tilføj afsenderens nøgle, og bekræft sikkerhedsnummeret først.",
        UnverifiedSender = "unverified_sender": "Afsenderens nøgle er ikke bekræftet. Sammenlign sikkerhedsnummeret med afsenderen i telefonen først.",
        NotForUs = "not_for_us": "Filen er forseglet til en anden modtager og kan ikke åbnes her.",
        ReceiptNotCase = "receipt_not_case": "Filen er en kvittering, ikke en sag. Indlæs den under »Indlæs kvittering«.",
        CaseNotReceipt = "case_not_receipt": "Filen er en sag, ikke en kvittering. Modtag den under »Modtag sag«.",
        InvalidContent = "invalid_content": "Sagen i filen opfylder ikke reglerne i denne version af Tovholder og kan ikke modtages.",
        UnknownReceipt = "unknown_receipt": "Kvitteringen passer ikke til nogen sag, du har sendt herfra.",
    }
);

impl Refusal {
    pub fn message_da(self) -> &'static str {
        self.label_da()
    }
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        Error::Sealed(r)
    }
}

/// A note as it travels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct SealedNote {
    pub at: String,
    pub author: String,
    pub body: String,
}

/// A sealed case's content (JSON inside the age payload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct SealedCase {
    /// The case's reference at the sender.
    pub origin_reference: String,
    /// The sending infohus (police district code) and coordinator.
    pub from_district: String,
    pub from_name: String,
    pub from_organisation: String,
    /// The infohus it was sent to (police district code): the case belongs to it there, whatever
    /// its municipality's district (a person who moved).
    pub to_district: String,
    /// Why it was sent (the forwarding reason).
    pub reason: String,
    /// The case's fields in the intake format (the caller's contact details only when the
    /// sender ticked that they are needed).
    pub report: IntakeReport,
    pub notes: Vec<SealedNote>,
}

/// A receipt's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedReceipt {
    /// The SHA-256 of the sealed case file it confirms.
    pub bundle_sha256: String,
    pub origin_reference: String,
    /// The case's reference at the receiver.
    pub receiver_reference: String,
    pub received_at: String,
    /// Who received it: name, organisation and infohus.
    pub received_by: String,
}

/// A sealed case written by [`send`].
#[derive(Debug, Clone)]
pub struct SealedFile {
    /// `ØJP-2026-0042.tovholder`: the reference only.
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

/// What »Send til Infohus …« offers for a case: the infohuse with verified keys, the routed one
/// first.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SendOptions {
    /// The infohus the case is routed to (its person's municipality), if it has verified keys.
    pub routed: Option<String>,
    pub infohuse: Vec<SendTarget>,
    /// Whether the case holds caller contact details that could be included.
    pub has_contact: bool,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SendTarget {
    pub district_code: String,
    pub district_name: String,
    /// The verified installations a bundle would be sealed to (their names).
    pub recipients: Vec<String>,
}

/// A received case before it is accepted: what the coordinator checks.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct HandoverPreview {
    pub sender_name: String,
    pub sender_district: String,
    pub sealed_at: String,
    pub case: SealedCase,
    /// The infohus the case will belong to here: this one when it was sent here, else its
    /// municipality's.
    pub district_code: String,
}

/// What [`import`] did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Received {
    /// The new case's reference in this store.
    pub reference: String,
    pub origin_reference: String,
    /// The receipt to send back.
    #[serde(skip)]
    #[specta(skip)]
    pub receipt: SealedFile,
    pub receipt_name: String,
}

/// What [`confirm`] did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Confirmed {
    /// The sender's (this store's) case.
    pub reference: String,
    pub receiver_reference: String,
    pub received_by: String,
    /// True when this receipt had been imported before (nothing changed).
    pub already: bool,
}

fn rfc3339(s: Stamp) -> String {
    s.as_text()
}

fn sealed_case(db: &Reader<'_>, case_id: i64, to: &str, reason: &str, with_contact: bool) -> Result<SealedCase> {
    let row = register::read(db, case_id)?;
    let profile = crate::profile::read(db)?;
    let s = &row.summary;
    let notes = notes::for_case(db, case_id)?;
    if notes.len() > NOTES_MAX {
        return Err(Error::invalid("notes", format!("sagen har flere end {NOTES_MAX} notater og kan ikke sendes")));
    }
    Ok(SealedCase {
        origin_reference: s.reference.clone(),
        from_district: profile.district_code,
        from_name: profile.name,
        from_organisation: profile.organisation_name,
        to_district: to.to_string(),
        reason: reason.to_string(),
        report: IntakeReport {
            received_at: rfc3339(s.received_at),
            channel: s.channel,
            caller: Caller {
                caller_type: row.caller.caller_type,
                name: row.caller.name.clone().filter(|_| with_contact),
                phone: row.caller.phone.clone().filter(|_| with_contact),
                email: row.caller.email.clone().filter(|_| with_contact),
            },
            subject: Subject {
                pseudonym: s.pseudonym.clone(),
                birth_year: s.birth_year,
                gender: row.gender,
                municipality: s.municipality.clone(),
            },
            category: s.category,
            indicators: row.indicators.clone(),
            urgency: s.urgency,
            description: row.description.clone(),
        },
        notes: notes.into_iter().map(|n| SealedNote { at: rfc3339(n.at), author: n.author, body: n.body }).collect(),
    })
}

/// The infohuse a case can be sent to (those with verified keys).
pub fn send_options(store: &Store, reference: &str) -> Result<SendOptions> {
    store.read_unlogged(|db| {
        let id = register::id_of(db, reference)?;
        let row = register::read(db, id)?;
        let home = crate::profile::read(db)?.district_code;
        let mut infohuse: Vec<SendTarget> = Vec::new();
        for d in district::homes() {
            // Not to itself; but the hotline's two sites share the hotline as their home.
            if d.code == home && !district::is_hotline(&home) {
                continue;
            }
            let keys = peers::verified_of(db, d.code)?;
            if keys.is_empty() {
                continue;
            }
            let recipients = keys.iter().map(|k| peers::name_of(db, k.id).map(|(n, _)| n)).collect::<Result<_>>()?;
            infohuse.push(SendTarget {
                district_code: d.code.to_string(),
                district_name: district::display_name(d.code).to_string(),
                recipients,
            });
        }
        let routed = Some(row.summary.district_code.clone())
            .filter(|c| infohuse.iter().any(|t| &t.district_code == c) && *c != home);
        if let Some(r) = &routed {
            infohuse.sort_by_key(|t| &t.district_code != r);
        }
        let has_contact = row.caller.name.is_some() || row.caller.phone.is_some() || row.caller.email.is_some();
        Ok(SendOptions { routed, infohuse, has_contact })
    })
}

/// Seals a case for every verified key of the infohus `to` and forwards it there, in one write:
/// `deliver` puts the file where it goes (the CLI's `--out`, the save dialog's choice) before the
/// write commits, so a file that cannot be written leaves the case as it was.
pub fn send(
    store: &Store,
    reference: &str,
    to: &str,
    with_contact: bool,
    reason: Option<&str>,
    deliver: impl FnOnce(&SealedFile) -> Result<()>,
) -> Result<SealedFile> {
    let target = district::find(to).ok_or_else(|| Error::invalid("to", "ukendt infohus"))?;
    let reason = match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => crate::text::clean_text("reason", r, cases::REASON_MAX, true)?,
        None => format!("Sendt forseglet til {}", district::display_name(target.code)),
    };
    store.write(|op| {
        let id = register::id_of(op, reference)?;
        let keys = peers::verified_of(op, target.code)?;
        if keys.is_empty() {
            return Err(Error::invalid(
                "to",
                format!(
                    "der er ingen bekræftet nøgle for {} i nøglekataloget; tilføj og bekræft en først",
                    district::display_name(target.code)
                ),
            ));
        }
        let content = sealed_case(op, id, target.code, &reason, with_contact)?;
        let json = zeroize::Zeroizing::new(
            serde_json::to_vec(&content).map_err(|_| Error::Internal("a sealed case as JSON"))?,
        );
        let own = identity::own(op)?;
        let publics: Vec<PublicIdentity> = keys.iter().map(|k| k.public.clone()).collect();
        let bytes =
            bundle::seal(&own, SealedKind::Case, &content.origin_reference, &op.stamp().as_text(), &publics, &json)?;
        let sha256 = bundle::file_hash(&bytes);
        let row = register::read(op, id)?;
        let already_there =
            row.summary.stage == cases::Stage::Forwarded && row.forwarded_to.as_deref() == Some(target.code);
        if !already_there {
            cases::forward_in(op, id, target.code, &reason)?;
        }
        let names = keys.iter().map(|k| peers::name_of(op, k.id).map(|(n, _)| n)).collect::<Result<Vec<_>>>()?;
        history::record(
            op,
            id,
            "handover_sent",
            None,
            Some(&sha256),
            Some(&format!("Forseglet til {} ({})", district::display_name(target.code), names.join(", "))),
        )?;
        stored::insert_sent(
            op,
            id,
            &sha256,
            target.code,
            &publics.iter().map(|p| p.fingerprint()).collect::<Vec<_>>(),
            with_contact,
        )?;
        op.audit(AuditEvent::HandoverSent { reference: content.origin_reference.clone() });
        let file = SealedFile { file_name: format!("{}.{EXTENSION}", content.origin_reference), bytes, sha256 };
        deliver(&file)?;
        Ok(file)
    })
}

fn senders(db: &Reader<'_>) -> Result<Vec<peers::PeerKeys>> {
    peers::all_keys(db)
}

/// Opens a sealed case for this installation (signature, manifest, decryption) and validates its
/// content. Nothing is written.
fn open_case(db: &Reader<'_>, bytes: &[u8]) -> Result<(bundle::Opened, SealedCase, crate::intake::ValidIntake)> {
    let own = identity::own(db)?;
    let keys = senders(db)?;
    let list: Vec<Sender<'_>> =
        keys.iter().map(|k| Sender { peer_id: k.id, verified: k.verified, public: &k.public }).collect();
    let opened = bundle::open(bytes, SealedKind::Case, &own, &list)?;
    let case: SealedCase = serde_json::from_slice(&opened.content).map_err(|_| Refusal::InvalidContent)?;
    check_case(&case, &opened.manifest)?;
    let mut valid = case.report.clone().validate(db.now()).map_err(|_| Refusal::InvalidContent)?;
    // Sent to this infohus: the case is this infohus's, also when the person's municipality
    // belongs to another district (a person who moved). The hotline's other site keeps it with
    // its municipality's infohus, to be sent on.
    let home = crate::profile::read(db)?.district_code;
    if case.to_district == home && !district::is_hotline(&home) {
        valid.route.police_district = district::by_code(&home).ok_or(Error::Internal("the home district"))?.clone();
    }
    Ok((opened, case, valid))
}

/// The sealed case's own fields beyond the report, by the same text rules as typed input.
fn check_case(case: &SealedCase, manifest: &bundle::Manifest) -> Result<(), Refusal> {
    use crate::text::clean_text;
    let bad = |_| Refusal::InvalidContent;
    if case.origin_reference != manifest.reference || case.notes.len() > NOTES_MAX {
        return Err(Refusal::InvalidContent);
    }
    clean_text("origin_reference", &case.origin_reference, 40, false).map_err(bad)?;
    district::by_code(&case.from_district).ok_or(Refusal::InvalidContent)?;
    district::by_code(&case.to_district).ok_or(Refusal::InvalidContent)?;
    clean_text("from_name", &case.from_name, crate::profile::NAME_MAX, false).map_err(bad)?;
    clean_text("from_organisation", &case.from_organisation, crate::profile::ORGANISATION_MAX, false).map_err(bad)?;
    clean_text("reason", &case.reason, cases::REASON_MAX, true).map_err(bad)?;
    for n in &case.notes {
        Stamp::parse(&n.at).ok_or(Refusal::InvalidContent)?;
        clean_text("author", &n.author, crate::profile::NAME_MAX, false).map_err(bad)?;
        clean_text("body", &n.body, crate::intake::NOTE_MAX, true).map_err(bad)?;
    }
    Ok(())
}

/// Shows a received case before it is accepted (signature and directory first). Recorded as a
/// read of the sender's reference; nothing is stored.
pub fn preview(store: &Store, bytes: &[u8]) -> Result<HandoverPreview> {
    store.read(|r| {
        let (opened, case, valid) = open_case(r, bytes)?;
        if let Some(existing) = stored::received_case(r, &bundle::file_hash(bytes))? {
            return Err(already(r, existing));
        }
        let (sender_name, sender_district) = peers::name_of(r, opened.sender_peer)?;
        r.audit(AuditEvent::HandoverOpened { reference: case.origin_reference.clone() });
        Ok(HandoverPreview {
            sender_name,
            sender_district: district::display_name(&sender_district).to_string(),
            sealed_at: opened.manifest.created_at,
            district_code: valid.route.police_district.code.to_string(),
            case,
        })
    })
}

fn already(db: &Reader<'_>, case_id: Option<i64>) -> Error {
    let reference = case_id.and_then(|id| register::summary(db, id).ok()).map(|s| s.reference);
    Error::AlreadyReceived { reference }
}

/// Accepts a sealed case: a new case here with its own reference (in the infohus of the person's
/// municipality), the sender's notes with their own times and authors, and in its history
/// »Modtaget fra …« with the sender's reference; then the receipt for the sender.
pub fn import(store: &Store, bytes: &[u8]) -> Result<Received> {
    let hash = bundle::file_hash(bytes);
    let reference = store.write(|op| {
        let (opened, case, valid) = open_case(op, bytes)?;
        if let Some(existing) = stored::received_case(op, &hash)? {
            return Err(already(op, existing));
        }
        let (id, reference) = cases::create(op, &valid)?;
        let (sender_name, _) = peers::name_of(op, opened.sender_peer)?;
        history::record(
            op,
            id,
            "received_from",
            None,
            Some(&case.origin_reference),
            Some(&format!(
                "Modtaget fra {} ({}, {}). Begrundelse: {}",
                district::display_name(&case.from_district),
                sender_name,
                case.origin_reference,
                case.reason
            )),
        )?;
        for n in &case.notes {
            let at = Stamp::parse(&n.at).ok_or(Refusal::InvalidContent)?;
            notes::add_received(op, id, at, &n.author, &n.body)?;
        }
        stored::insert_received(op, &hash, id, &case.origin_reference, opened.sender_peer)?;
        op.audit(AuditEvent::CaseCreated { reference: reference.clone() });
        op.audit(AuditEvent::HandoverReceived { reference: reference.clone() });
        Ok(reference)
    })?;
    let receipt = receipt(store, &reference)?;
    let origin_reference = receipt.1;
    Ok(Received { reference, origin_reference, receipt_name: receipt.0.file_name.clone(), receipt: receipt.0 })
}

/// The receipt for a case received here (again, if the first one was lost): signed by this
/// installation and sealed to the sender. Returns it and the sender's reference.
pub fn receipt(store: &Store, reference: &str) -> Result<(SealedFile, String)> {
    store.read_unlogged(|db| {
        let id = register::id_of(db, reference)?;
        let row = stored::received_for_case(db, id)?
            .ok_or_else(|| Error::invalid("reference", "sagen er ikke modtaget forseglet"))?;
        let stored::ReceivedRow { bundle_sha256: hash, origin_reference: origin, peer_id: peer, .. } = row;
        let (at, by) = (row.received_at, row.received_by);
        let profile = crate::profile::read(db)?;
        let sender = peers::all_keys(db)?.into_iter().find(|k| k.id == peer).ok_or(Error::NotFound("Afsenderen"))?;
        let content = SealedReceipt {
            bundle_sha256: hash,
            origin_reference: origin.clone(),
            receiver_reference: reference.to_string(),
            received_at: at.as_text(),
            received_by: format!(
                "{by}, {}, {}",
                profile.organisation_name,
                district::display_name(&profile.district_code)
            ),
        };
        let json = serde_json::to_vec(&content).map_err(|_| Error::Internal("a receipt as JSON"))?;
        let own = identity::own(db)?;
        let bytes = bundle::seal(&own, SealedKind::Receipt, &origin, &db.stamp().as_text(), &[sender.public], &json)?;
        let sha256 = bundle::file_hash(&bytes);
        Ok((SealedFile { file_name: format!("{origin}.kvittering.{EXTENSION}"), bytes, sha256 }, origin))
    })
}

/// Imports a receipt at the sender: the forwarded case shows »Modtagelse bekræftet« (when, by
/// whom, the receiver's reference), which starts its shorter retention. A receipt for no bundle
/// sent from here, or from an installation the bundle was not sealed to, is refused.
pub fn confirm(store: &Store, bytes: &[u8]) -> Result<Confirmed> {
    store.write(|op| {
        let own = identity::own(op)?;
        let keys = senders(op)?;
        let list: Vec<Sender<'_>> =
            keys.iter().map(|k| Sender { peer_id: k.id, verified: k.verified, public: &k.public }).collect();
        let opened = bundle::open(bytes, SealedKind::Receipt, &own, &list)?;
        let receipt: SealedReceipt = serde_json::from_slice(&opened.content).map_err(|_| Refusal::InvalidContent)?;
        let signer = keys.iter().find(|k| k.id == opened.sender_peer).expect("the signer is in the directory");
        let stored::SentRow { id: sent_id, case_id, recipients, confirmed } =
            stored::sent_by_hash(op, &receipt.bundle_sha256)?.ok_or(Refusal::UnknownReceipt)?;
        if !recipients.contains(&signer.public.fingerprint()) {
            return Err(Refusal::UnknownReceipt.into());
        }
        let reference = register::summary(op, case_id)?.reference;
        if receipt.origin_reference != reference {
            return Err(Refusal::UnknownReceipt.into());
        }
        let received_by = crate::text::clean_text("received_by", &receipt.received_by, 300, false)
            .map_err(|_| Refusal::InvalidContent)?;
        let receiver_reference = crate::text::clean_text("receiver_reference", &receipt.receiver_reference, 40, false)
            .map_err(|_| Refusal::InvalidContent)?;
        if confirmed {
            op.audit(AuditEvent::CaseRead { reference: reference.clone() });
            return Ok(Confirmed { reference, receiver_reference, received_by, already: true });
        }
        stored::confirm(op, sent_id, &received_by, &receiver_reference)?;
        history::record(
            op,
            case_id,
            "handover_confirmed",
            None,
            Some(&receiver_reference),
            Some(&format!("Modtagelse bekræftet af {received_by}")),
        )?;
        op.audit(AuditEvent::HandoverConfirmed { reference: reference.clone() });
        Ok(Confirmed { reference, receiver_reference, received_by, already: false })
    })
}

/// A case taken here that belongs to another infohus, waiting to be sent there (»Til afsendelse«:
/// the hotline's list of new concerns with the infohus each routes to).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Waiting {
    #[serde(flatten)]
    pub case: cases::CaseSummary,
    /// The infohus's name, e.g. "Infohus Fyn".
    pub district_name: String,
    /// Whether that infohus has a verified key here (else the key must be added first).
    pub can_send: bool,
}

/// The active cases that belong to another infohus and were not sent sealed yet, oldest first.
/// A logged read of the cases shown.
pub fn waiting(store: &Store) -> Result<Vec<Waiting>> {
    store.read(|r| {
        let home = crate::profile::read(r)?.district_code;
        let mut out = Vec::new();
        for (id, case) in register::others_active(r, &home)? {
            if !stored::sent_for_case(r, id)?.is_empty() {
                continue;
            }
            let can_send = !peers::verified_of(r, &case.district_code)?.is_empty();
            out.push(Waiting {
                district_name: district::display_name(&case.district_code).to_string(),
                can_send,
                case,
            });
        }
        r.audit(AuditEvent::CasesListed { refs: out.iter().map(|w| w.case.reference.clone()).collect() });
        Ok(out)
    })
}

/// The bundles sent for a case (the case panel).
pub(crate) fn sent_for_case(db: &Reader<'_>, case_id: i64) -> Result<Vec<SentHandover>> {
    stored::sent_for_case(db, case_id)
}

/// The day a forwarded case's hand-over was first confirmed (retention).
pub(crate) fn confirmed_day(db: &Reader<'_>, case_id: i64) -> Result<Option<crate::dates::Day>> {
    Ok(stored::confirmed_at(db, case_id)?.map(|s| crate::dates::Day::of(s.instant())))
}

/// Reads a sealed file (a case or a receipt) from `path`, at most [`bundle::MAX_FILE`] bytes: a
/// larger file is refused without being read. Errors name the field `file`, never the path.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let file =
        std::fs::File::open(path).map_err(|_| Error::invalid("file", "filen findes ikke eller kan ikke læses"))?;
    if file.metadata().map(|m| !m.is_file()).unwrap_or(true) {
        return Err(Error::invalid("file", "er ikke en fil"));
    }
    let mut bytes = Vec::new();
    file.take(bundle::MAX_FILE as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| Error::invalid("file", "filen kan ikke læses"))?;
    if bytes.len() > bundle::MAX_FILE {
        return Err(Refusal::TooLarge.into());
    }
    Ok(bytes)
}

/// [`send`] writing the sealed file to `out` (a new file, never replacing one), before the
/// forwarding commits.
pub fn send_to_file(
    store: &Store,
    reference: &str,
    to: &str,
    with_contact: bool,
    reason: Option<&str>,
    out: &Path,
) -> Result<SealedFile> {
    crate::export::check_folder(out, crate::export::SEALED_CASE)?;
    send(store, reference, to, with_contact, reason, |f| {
        crate::export::write_export(out, &f.bytes, crate::export::SEALED_CASE)
    })
}

/// [`send`] writing the sealed file where the save dialog chose (which asked about replacing).
pub fn send_to_chosen(
    store: &Store,
    reference: &str,
    to: &str,
    with_contact: bool,
    reason: Option<&str>,
    path: &Path,
) -> Result<SealedFile> {
    send(store, reference, to, with_contact, reason, |f| {
        crate::export::write_export_replacing(path, &f.bytes, crate::export::CHOSEN_FILE)
    })
}

/// Writes a receipt as a new file at `path` (the CLI: never replacing).
pub fn write_receipt(path: &Path, receipt: &SealedFile) -> Result<()> {
    crate::export::write_export(path, &receipt.bytes, crate::export::RECEIPT)
}

/// Checks that a receipt can be written at `path` before a case is imported (its folder exists,
/// nothing is there yet).
pub fn check_receipt_path(path: &Path) -> Result<()> {
    crate::export::check_folder(path, crate::export::RECEIPT)?;
    if crate::files::present(path)? {
        return Err(Error::invalid("receipt", "der findes allerede en fil med kvitteringens navn i mappen"));
    }
    Ok(())
}

/// Writes a file where the save dialog chose (a receipt made again, a sealed case).
pub fn save_chosen(path: &Path, file: &SealedFile) -> Result<()> {
    crate::export::write_export_replacing(path, &file.bytes, crate::export::CHOSEN_FILE)
}

/// Saves a small text file (»Min nøgle«) where the save dialog chose.
pub fn save_text(path: &Path, text: &str) -> Result<()> {
    crate::export::write_export_replacing(path, text.as_bytes(), crate::export::CHOSEN_FILE)
}

/// Reads a small text file (a key file from another installation), at most `max` bytes.
pub fn read_text(path: &Path, max: u64) -> Result<String> {
    let file =
        std::fs::File::open(path).map_err(|_| Error::invalid("file", "filen findes ikke eller kan ikke læses"))?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).map_err(|_| Error::invalid("file", "filen kan ikke læses"))?;
    if bytes.len() as u64 > max {
        return Err(Error::invalid("file", "filen er for stor til at være en nøgle"));
    }
    String::from_utf8(bytes).map_err(|_| Error::invalid("file", "filen er ikke en nøgle fra Tovholder"))
}
