//! The minutes (referat) of an infohus meeting as a PDF.
//!
//! This module is pure: [`render`] turns a [`MinutesDoc`] — plain data, exactly what the meeting
//! recorded, already formatted in Danish — into PDF bytes. It reads no database and no clock, so
//! the same input always gives byte-identical output. The meetings domain builds the `MinutesDoc`.
//!
//! The renderer adds only fixed headings and the fixed legal lines; every other text comes from the
//! input as given. PDF metadata (title, author, subject, keywords) carries no personal data: the
//! title is "Referat, infohusmøde <nummer>".
//!
//! - `pager`: the embedded DejaVu fonts, text measuring and wrapping, styles, blocks, tables and
//!   pagination; generic, for any A4 document.
//! - `layout`: the minutes as blocks, and their running header and footer.
//! - `pdf`: drawing the laid-out pages with printpdf and writing deterministic bytes.
//! - `access`: the access report (indsigt, `crate::access_report`) laid out with the same pager
//!   and drawn by the same `pdf`: no second renderer.
//! - `statistics`: the Statistik report (`crate::stats`), its charts as filled rectangles.

mod access;
mod layout;
mod pager;
mod pdf;
pub mod sample;
mod statistics;

use serde::{Deserialize, Serialize};

pub use access::render_access_report;
pub use pdf::render;
pub use statistics::render_statistics;

/// Everything one meeting's minutes show. Texts are Danish and already formatted (dates too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesDoc {
    /// "Infohus Østjylland".
    pub infohus: String,
    /// "23/2026".
    pub meeting_number: String,
    /// Set when this document is an addendum to already sent minutes.
    pub addendum: Option<Addendum>,
    /// "25. nov. 2026 kl. 14.05".
    pub date_time: String,
    pub place: String,
    /// "9. dec. 2026 kl. 14.00, Politigården".
    pub next_meeting: Option<String>,
    /// Present and absent participants, in the order to show.
    pub participants: Vec<Participant>,
    /// The agenda, in order; each item gets its own numbered section.
    pub items: Vec<AgendaItem>,
    /// Action items agreed earlier that are still open: from earlier meetings, and the other open
    /// items of the cases on the agenda.
    pub open_actions: Vec<OpenAction>,
    /// Names of the recipients (named participants only).
    pub distribution: Vec<String>,
    /// "25. nov. 2031".
    pub delete_by: String,
    /// "25. nov. 2026 kl. 16.12".
    pub generated_at: String,
    /// Draws a diagonal "UDKAST" on every page.
    pub draft: bool,
    /// The audit chain's checkpoint taken when the minutes were finalized
    /// (`TVH1-1042-K7QD-M2XA-PLZ4-TT3B`), printed in small type at the end; drafts carry none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_checkpoint: Option<String>,
}

/// An addendum to minutes already sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addendum {
    /// "Tillæg 1 til møde 23/2026".
    pub title: String,
    /// SHA-256 (hex) of the original minutes' PDF.
    pub original_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub organisation: String,
    pub role: String,
    pub present: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AgendaItem {
    Case(CaseItem),
    /// "Orientering fra SSP", "Eventuelt".
    Free(FreeItem),
}

/// A case discussed at the meeting, by its pseudonymous reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseItem {
    /// "ØJP-2026-0042".
    pub reference: String,
    /// "K.M." — never a full name.
    pub pseudonym: String,
    /// Home municipality, "Aarhus".
    pub municipality: String,
    /// Source of the concern, "Hotline mod radikalisering".
    pub source: String,
    /// New information, by authority.
    pub new_information: Vec<NewInformation>,
    /// The overall assessment of risks and protective factors.
    pub assessment: String,
    pub recommendation: String,
    pub actions: Vec<ActionRow>,
    /// The case's stage after the meeting, "Indsats".
    pub stage: String,
    /// Anything recorded for the case (new information, assessment, recommendation, action items,
    /// a new stage); a case that was on the agenda but not discussed prints one line.
    #[serde(default = "yes")]
    pub discussed: bool,
    /// The case's action items agreed earlier that are still open (also in the closing table).
    #[serde(default)]
    pub open_actions: Vec<OpenAction>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInformation {
    /// "Østjyllands Politi".
    pub authority: String,
    pub text: String,
}

/// Who acts: the responsible authority and, optionally, a person there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsible {
    /// "Aarhus Kommune, SSP".
    pub agency: String,
    pub person: Option<String>,
}

/// An action item agreed at this meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow {
    /// Hvad.
    pub what: String,
    /// Hvem.
    pub who: Responsible,
    /// Frist, "9. dec. 2026".
    pub due: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeItem {
    pub title: String,
    pub text: String,
}

/// An action item agreed earlier (at an earlier meeting, or on the case between meetings) that is
/// still open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenAction {
    /// The case reference.
    pub reference: String,
    pub what: String,
    pub who: Responsible,
    pub due: String,
    /// "Åben", "Overskredet".
    pub status: String,
}

impl Responsible {
    /// "Aarhus Kommune, SSP (Çelik)" or just the agency.
    pub fn label(&self) -> String {
        match &self.person {
            Some(p) if !p.trim().is_empty() => format!("{} ({})", self.agency, p),
            _ => self.agency.clone(),
        }
    }
}

impl MinutesDoc {
    /// The PDF title: no personal data, only the meeting number.
    pub fn pdf_title(&self) -> String {
        match &self.addendum {
            Some(_) => format!("Tillæg til referat, infohusmøde {}", self.meeting_number),
            None => format!("Referat, infohusmøde {}", self.meeting_number),
        }
    }
}
