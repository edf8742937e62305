//! The minutes as files: neutral names, export (never replacing), save (replacing what the save
//! dialog chose), a private copy to open, and the `.eml` draft.

use super::minutes_doc::minutes_doc;
use super::stored::{MeetingSummary, case_references, distribution_addresses, stored_pdf, summary};
use crate::audit::AuditEvent;
use crate::district;
use crate::error::{Error, Result};
use crate::minutes;
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::path::Path;

/// The form in which the minutes leave the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesFormat {
    /// The PDF (a draft's is the "UDKAST" preview).
    Pdf,
    /// "Klar til e-mail": an unsent `.eml` message with the finalized PDF attached.
    Email,
}

impl MinutesFormat {
    pub fn extension(self) -> &'static str {
        match self {
            MinutesFormat::Pdf => "pdf",
            MinutesFormat::Email => "eml",
        }
    }
}

/// The minutes as a file: its neutral name and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A meeting number's parts: the addendum's number, if any, and the meeting's own number
/// ("Tillæg 1 til 23/2026" → (Some("1"), "23/2026")).
fn number_parts(number: &str) -> (Option<&str>, &str) {
    match number.strip_prefix("Tillæg ").and_then(|rest| rest.split_once(" til ")) {
        Some((n, base)) => (Some(n), base),
        None => (None, number),
    }
}

/// A neutral file name for a meeting's minutes, without personal data (only the meeting's
/// number): "Referat møde 23-2026.pdf", "Tillæg 1 til møde 23-2026.pdf", and for a draft
/// "Referat møde 23-2026 UDKAST.pdf". `extension` without the dot ("pdf", "eml").
pub fn minutes_file_name(meeting: &MeetingSummary, extension: &str) -> String {
    let (addendum, base) = number_parts(&meeting.number);
    let base = base.replace('/', "-");
    let name = match addendum {
        Some(n) => format!("Tillæg {n} til møde {base}"),
        None => format!("Referat møde {base}"),
    };
    let draft = if meeting.status == "final" { "" } else { " UDKAST" };
    format!("{name}{draft}.{extension}")
}

/// The minutes as a file in the given form, with its neutral name; recorded in the audit log as
/// exported (the PDF) or drafted as an e-mail. Only finalized minutes can be e-mailed.
pub fn minutes_file(store: &Store, id: i64, format: MinutesFormat) -> Result<MinutesFile> {
    store.read(|r| {
        let meeting = summary(r, id)?;
        let file = match format {
            MinutesFormat::Pdf => {
                let bytes = if meeting.status == "final" {
                    stored_pdf(r, id)?
                } else {
                    minutes::render(&minutes_doc(r, id, r.now(), true)?)?
                };
                let refs = case_references(r, id)?;
                r.audit(AuditEvent::MinutesExported { number: meeting.number.clone(), refs });
                MinutesFile { name: minutes_file_name(&meeting, "pdf"), bytes }
            }
            MinutesFormat::Email => {
                if meeting.status != "final" {
                    return Err(Error::invalid(
                        "meeting",
                        "kun et færdiggjort referat kan gøres klar til e-mail; færdiggør mødet først",
                    ));
                }
                let pdf = stored_pdf(r, id)?;
                let to = distribution_addresses(r, id)?;
                let me = crate::profile::read(r)?;
                let bytes = email_draft(&meeting, &to, pdf, &me, r.now())?;
                let refs = case_references(r, id)?;
                r.audit(AuditEvent::MinutesEmailDrafted { number: meeting.number.clone(), refs });
                MinutesFile { name: minutes_file_name(&meeting, "eml"), bytes }
            }
        };
        Ok(file)
    })
}

/// The minutes' PDF: a finalized meeting's stored bytes (byte-identical every time), or a
/// preview of a draft with the "UDKAST" watermark.
pub fn minutes_pdf(store: &Store, id: i64) -> Result<Vec<u8>> {
    Ok(minutes_file(store, id, MinutesFormat::Pdf)?.bytes)
}

/// Writes the minutes to a new file (never replacing one), readable by the owner only where the
/// OS supports it.
pub fn export_minutes(store: &Store, id: i64, path: &Path) -> Result<()> {
    let pdf = minutes_pdf(store, id)?;
    crate::export::write_export(path, &pdf, crate::export::MINUTES_PDF)
}

/// Saves the minutes' PDF where the user chose in the native save dialog, which has already
/// asked about replacing an existing file: written under a temporary name in the same directory,
/// then renamed into place (owner-only where the OS supports it). Audited like an export.
pub fn save_minutes(store: &Store, id: i64, path: &Path) -> Result<()> {
    let pdf = minutes_pdf(store, id)?;
    crate::export::write_export_replacing(path, &pdf, crate::export::CHOSEN_FILE)
}

/// "Klar til e-mail": the finalized minutes as an unsent RFC 5322 message (`.eml`). Its header
/// `X-Unsent: 1` makes Outlook and Apple Mail open it as a new message to send. It is addressed
/// to the e-mail addresses of the meeting's participants (the distribution list; no names), has
/// a neutral subject without personal data ("Referat af infohusmøde 23/2026, Infohus
/// Østjylland"), a short Danish text, and the stored PDF attached under its neutral file name.
/// It has no `From`: the mail program sends from the coordinator's own account. A draft meeting
/// is refused (`invalid_input` on `meeting`).
pub fn minutes_email(store: &Store, id: i64) -> Result<Vec<u8>> {
    Ok(minutes_file(store, id, MinutesFormat::Email)?.bytes)
}

/// Writes the e-mail draft to a new file (never replacing one), owner-only where the OS supports it.
pub fn export_minutes_email(store: &Store, id: i64, path: &Path) -> Result<()> {
    let eml = minutes_email(store, id)?;
    crate::export::write_export(path, &eml, crate::export::MINUTES_EML)
}

/// Writes the minutes (the PDF, a draft's as its "UDKAST" preview; or the e-mail draft) into the
/// app's private export folder under their neutral name and returns the file's path, to be
/// opened in the default PDF viewer or mail program.
pub fn write_private_copy(
    store: &Store,
    id: i64,
    format: MinutesFormat,
    folder: &crate::export::PrivateFolder,
) -> Result<std::path::PathBuf> {
    let file = minutes_file(store, id, format)?;
    folder.write(&file.name, &file.bytes)
}

/// `local@domain` with one `@` and nothing a mail header treats specially.
pub(super) fn plain_address(e: &str) -> bool {
    let special = |c: char| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"".contains(c);
    e.matches('@').count() == 1 && crate::text::is_email_address(e) && !e.chars().any(special)
}

/// The e-mail draft's bytes (MIME by `mail-builder`), signed with the coordinator's name,
/// organisation and infohus.
fn email_draft(
    meeting: &MeetingSummary,
    to: &[String],
    pdf: Vec<u8>,
    me: &crate::profile::Profile,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    use mail_builder::MessageBuilder;
    use mail_builder::headers::{date::Date, raw::Raw};
    let infohus = district::display_name(&meeting.district_code);
    let (addendum, base) = number_parts(&meeting.number);
    let (subject, document) = match addendum {
        Some(n) => (
            format!("Tillæg {n} til referat af infohusmøde {base}, {infohus}"),
            format!("tillæg {n} til referatet af infohusmøde {base}, {infohus}"),
        ),
        None => {
            (format!("Referat af infohusmøde {base}, {infohus}"), format!("referatet af infohusmøde {base}, {infohus}"))
        }
    };
    let body = format!(
        "Hej\n\n\
         Hermed {document}. Referatet er vedhæftet som PDF.\n\n\
         Referatet er fortroligt. Send det kun gennem myndighedens egen sikre e-mail. Oplysningerne \
         er udvekslet efter retsplejelovens § 115 og må ikke anvendes til efterforskning.\n\n\
         Med venlig hilsen\n\n{}\n{}\n{infohus}\n",
        me.name, me.organisation_name
    );
    let mut message = MessageBuilder::new()
        .header("X-Unsent", Raw::new("1"))
        .message_id(format!("{}@tovholder.invalid", uuid::Uuid::new_v4()))
        .date(Date::new(now.timestamp()))
        .subject(subject)
        .text_body(body)
        .attachment("application/pdf", minutes_file_name(meeting, "pdf"), pdf);
    if !to.is_empty() {
        message = message.to(to.to_vec());
    }
    message.write_to_vec().map_err(|_| Error::Internal("an e-mail draft is built in memory"))
}
