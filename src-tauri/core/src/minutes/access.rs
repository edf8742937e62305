//! The access report (indsigt) as a PDF: its content as blocks for the generic pager, its running
//! header and footer, drawn by `pdf.rs` — the minutes' layout code, not a second renderer.

use super::pager::{BODY, Builder, CONTENT_W, Fonts, Item, NOTE, TITLE, Width};
use super::pdf::{Meta, write_pdf};
use crate::access_report::{AccessReport, when};
use crate::dates::format_date;
use crate::error::{Error, Result};

/// Renders an access report: the PDF bytes, the same for the same report.
pub fn render_access_report(report: &AccessReport) -> Result<Vec<u8>> {
    let fonts = super::pager::fonts()?;
    let pages = layout_pages(fonts, report);
    let input = serde_json::to_vec(report).map_err(|_| Error::Internal("an access report does not serialise"))?;
    let meta = Meta {
        title: format!("Indsigt, sag {}", report.reference),
        subject: "Indsigt efter databeskyttelsesforordningens artikel 15",
        keywords: "indsigt, fortroligt",
        draft: false,
    };
    write_pdf(fonts, &meta, &input, &pages)
}

fn layout_pages(fonts: &Fonts, report: &AccessReport) -> Vec<Vec<Item>> {
    let blocks = build(fonts, report);
    let mut pages = super::pager::paginate(fonts, &blocks);
    let of = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.extend(running(fonts, report, i + 1, of));
    }
    pages
}

fn running(fonts: &Fonts, report: &AccessReport, no: usize, of: usize) -> Vec<Item> {
    let title = format!("{} · Indsigt i sag {}", report.infohus, report.reference);
    super::pager::running_items(fonts, &title, "Indsigt efter databeskyttelsesforordningens art. 15", no, of)
}

fn or_dash(v: Option<&str>) -> String {
    v.filter(|v| !v.trim().is_empty()).unwrap_or("—").to_string()
}

fn build(fonts: &Fonts, r: &AccessReport) -> Vec<super::pager::Block> {
    let mut b = Builder { fonts, blocks: Vec::new() };
    let lines = b.wrap(TITLE, CONTENT_W, &format!("Indsigt i oplysninger om sag {}", r.reference));
    b.blocks.push(super::pager::Block::Heading { lines, style: TITLE, before: 0.0, after: 8.0, rule: false });
    let made = format_date(r.made_at.instant());
    let by = r.made_by.label();
    b.labelled(&[("Infohus", &r.infohus), ("Dannet", &made), ("Dannet af", &by)], 6.0);
    b.para(
        NOTE,
        "Rapporten viser alle oplysninger, Tovholder har om sagen: sagens oplysninger, notater, \
         historik, opgaver, hvad møder har registreret om sagen, og hvornår sagen er slået op eller \
         ændret og af hvem. Sagen har en pseudonym reference; personens navn registreres ikke.",
        0.0,
    );

    let c = &r.case;
    b.h1("Sagens oplysninger");
    let birth = c.birth_year.map_or("—".to_string(), |y| y.to_string());
    let indicators = if c.indicators.is_empty() { "Ingen".to_string() } else { c.indicators.join(", ") };
    let received = when(c.received_at);
    let created = when(c.created_at);
    let updated = when(c.updated_at);
    let outcome = or_dash(c.outcome.as_deref());
    let forwarded = or_dash(c.forwarded_to.as_deref());
    let gender = or_dash(c.gender.as_deref());
    let yes_no = |v: bool| if v { "Ja" } else { "Nej" };
    b.labelled(
        &[
            ("Reference", &c.reference),
            ("Infohus", &c.infohus),
            ("Fase", &c.stage),
            ("Udfald", &outcome),
            ("Videresendt til", &forwarded),
            ("Modtaget", &received),
            ("Kilde", &c.channel),
            ("Henvender", &c.caller_type),
            ("Pseudonym", &c.pseudonym),
            ("Fødselsår", &birth),
            ("Køn", &gender),
            ("Bopælskommune", &c.municipality),
            ("Kategori", &c.category),
            ("Tegn på bekymring", &indicators),
            ("Hastegrad", &c.urgency),
            ("Markeret til politiet", yes_no(c.police_flag)),
            ("Til møde", yes_no(c.meeting_flag)),
            ("Oprettet", &created),
            ("Senest ændret", &updated),
        ],
        4.0,
    );
    b.h3("Beskrivelse");
    b.para(BODY, &c.description, 0.0);

    b.h1("Notater");
    if r.notes.is_empty() {
        b.para(BODY, "Ingen notater.", 0.0);
    } else {
        let rows = r.notes.iter().map(|n| vec![when(n.at), n.by.label(), n.text.clone()]).collect();
        b.ruled(&["Tidspunkt", "Af", "Notat"], &[Width::Fit, Width::Fixed(120.0), Width::Fill], rows);
    }

    b.h1("Historik");
    if r.history.is_empty() {
        b.para(BODY, "Ingen ændringer.", 0.0);
    } else {
        let rows = r
            .history
            .iter()
            .map(|h| {
                let mut change = format!("{} → {}", or_dash(h.old_value.as_deref()), or_dash(h.new_value.as_deref()));
                if let Some(reason) = h.reason.as_deref().filter(|s| !s.trim().is_empty()) {
                    change.push_str(&format!("\nBegrundelse: {reason}"));
                }
                vec![when(h.at), h.field_label.clone(), change, h.by.label()]
            })
            .collect();
        b.ruled(
            &["Tidspunkt", "Felt", "Ændring", "Af"],
            &[Width::Fit, Width::Fixed(80.0), Width::Fill, Width::Fixed(110.0)],
            rows,
        );
    }

    b.h1("Opgaver");
    if r.action_items.is_empty() {
        b.para(BODY, "Ingen opgaver.", 0.0);
    } else {
        let rows = r
            .action_items
            .iter()
            .map(|a| {
                let who = match &a.person {
                    Some(p) => format!("{} ({p})", a.agency),
                    None => a.agency.clone(),
                };
                let status = match a.status_at {
                    Some(t) => format!("{} {}", a.status, format_date(t.instant())),
                    None => a.status.clone(),
                };
                vec![a.what.clone(), who, a.due.format_da(), status]
            })
            .collect();
        b.ruled(
            &["Hvad", "Hvem", "Frist", "Status"],
            &[Width::Fill, Width::Fixed(120.0), Width::Fit, Width::Fit],
            rows,
        );
    }

    b.h1("Møder");
    if r.meetings.is_empty() {
        b.para(BODY, "Sagen er ikke på noget mødes dagsorden.", 0.0);
    }
    for m in &r.meetings {
        b.h2(&format!("Møde {} · {} ({})", m.number, when(m.held_at), m.status.to_lowercase()));
        if let Some(reason) = m.reason.as_deref().filter(|s| !s.trim().is_empty()) {
            b.labelled(&[("På dagsordenen fordi", reason)], 2.0);
        }
        b.h3("Nye oplysninger");
        if m.new_information.is_empty() {
            b.para(BODY, "Ingen nye oplysninger.", 2.0);
        } else {
            let rows: Vec<(&str, &str)> =
                m.new_information.iter().map(|n| (n.authority.as_str(), n.text.as_str())).collect();
            b.labelled(&rows, 2.0);
        }
        b.h3("Samlet vurdering af risiko- og beskyttelsesfaktorer");
        b.para(BODY, &or_dash(m.assessment.as_deref()), 2.0);
        b.h3("Anbefaling");
        b.para(BODY, &or_dash(m.recommendation.as_deref()), 2.0);
        if !m.actions.is_empty() {
            b.h3("Opgaver");
            let rows = m
                .actions
                .iter()
                .map(|a| {
                    let who = match &a.person {
                        Some(p) => format!("{} ({p})", a.agency),
                        None => a.agency.clone(),
                    };
                    vec![a.what.clone(), who, a.due.clone()]
                })
                .collect();
            b.ruled(&["Hvad", "Hvem", "Frist"], &[Width::Fill, Width::Fixed(140.0), Width::Fit], rows);
        }
        let stage = match (&m.resulting_stage, &m.outcome) {
            (Some(s), Some(o)) => format!("{s} ({})", o.to_lowercase()),
            (Some(s), None) => s.clone(),
            (None, _) => "Uændret".into(),
        };
        let checkpoint = or_dash(m.audit_checkpoint.as_deref());
        b.labelled(&[("Fase efter mødet", &stage), ("Referatets kontrolpunkt", &checkpoint)], 0.0);
    }

    b.h1("Opslag og ændringer i sagen");
    b.para(
        NOTE,
        "Hvornår sagen er slået op, vist eller ændret, og hvad der skete. Medarbejdere vises med \
         organisation og rolle.",
        2.0,
    );
    if r.lookups.is_empty() {
        b.para(BODY, "Ingen.", 0.0);
    } else {
        let rows = r.lookups.iter().map(|l| vec![when(l.at), l.purpose.clone(), l.by.label()]).collect();
        b.ruled(&["Tidspunkt", "Hvad", "Hvem"], &[Width::Fit, Width::Fill, Width::Fixed(170.0)], rows);
    }

    b.h1("Ikke medtaget");
    for line in &r.left_out {
        b.para(BODY, &format!("• {line}"), 2.0);
    }
    b.checkpoint(&r.audit_checkpoint);
    b.blocks
}
