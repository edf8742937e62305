//! The minutes' own layout: the whole document as blocks ([`build`]) and the running header and
//! footer of each page ([`running`]). The generic pager (`pager.rs`) measures, wraps and
//! paginates them.

use super::pager::{BODY, Block, Builder, CELL, CONTENT_W, Fonts, Item, NOTE, TITLE, Table, Width, clean};
use super::{AgendaItem, MinutesDoc, Participant};

/// The running header and footer of page `no` (1-based) of `of`, and nothing else.
pub(crate) fn running(fonts: &Fonts, doc: &MinutesDoc, no: usize, of: usize) -> Vec<Item> {
    let title = clean(&fonts.regular, &format!("{} · Møde {}", doc.infohus, doc.meeting_number)).replace('\n', " ");
    super::pager::running_items(fonts, &title, "Retsplejeloven § 115 — må ikke anvendes til efterforskning", no, of)
}

impl Builder<'_> {
    fn people(&mut self, people: &[&Participant]) {
        let rows = people.iter().map(|p| vec![p.name.clone(), p.organisation.clone(), p.role.clone()]).collect();
        self.ruled(&["Navn", "Organisation", "Rolle"], &[Width::Fixed(150.0), Width::Fixed(180.0), Width::Fill], rows);
    }
}

/// A checksum in groups of 8 characters ("3f2a9c01 77be…"), so a line breaks between groups and
/// never leaves a character alone.
pub(crate) fn grouped(hex: &str) -> String {
    hex.chars().collect::<Vec<_>>().chunks(8).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// The whole document as blocks, in reading order.
pub(crate) fn build(fonts: &Fonts, doc: &MinutesDoc) -> Vec<Block> {
    let mut b = Builder { fonts, blocks: Vec::new() };

    let title = match &doc.addendum {
        Some(a) => a.title.clone(),
        None => format!("Referat af infohusmøde {}", doc.meeting_number),
    };
    let lines = b.wrap(TITLE, CONTENT_W, &title);
    b.blocks.push(Block::Heading { lines, style: TITLE, before: 0.0, after: 8.0, rule: false });

    let mut meta: Vec<(&str, &str)> =
        vec![("Infohus", &doc.infohus), ("Møde", &doc.meeting_number), ("Dato", &doc.date_time)];
    if !doc.place.trim().is_empty() {
        meta.push(("Sted", &doc.place));
    }
    if let Some(next) = &doc.next_meeting {
        meta.push(("Næste møde", next));
    }
    let sha = doc.addendum.as_ref().map(|a| grouped(&a.original_sha256));
    if let Some(sha) = &sha {
        meta.push(("Tillæg til referat med SHA-256", sha));
    }
    b.labelled(&meta, 6.0);
    b.para(
        NOTE,
        "Fortroligt. Oplysningerne er udvekslet efter retsplejelovens § 115 med henblik på at \
         forebygge kriminalitet og må ikke anvendes til efterforskning. Referatet indeholder \
         alene pseudonymiserede sagsreferencer.",
        0.0,
    );

    let present: Vec<&Participant> = doc.participants.iter().filter(|p| p.present).collect();
    let absent: Vec<&Participant> = doc.participants.iter().filter(|p| !p.present).collect();
    b.h1("Deltagere");
    if present.is_empty() {
        b.para(BODY, "Ingen registreret.", 0.0);
    } else {
        b.people(&present);
    }
    b.h1("Fraværende");
    if absent.is_empty() {
        b.para(BODY, "Ingen.", 0.0);
    } else {
        b.people(&absent);
    }

    b.h1("Dagsorden");
    let agenda: Vec<(String, String)> = doc
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let text = match item {
                AgendaItem::Case(c) => {
                    format!("Sag {} ({}, {})", c.reference, c.pseudonym, c.municipality)
                }
                AgendaItem::Free(f) => f.title.clone(),
            };
            (format!("{}.", i + 1), text)
        })
        .collect();
    if agenda.is_empty() {
        b.para(BODY, "Ingen punkter.", 0.0);
    } else {
        let num_w = 30.0;
        let rows = agenda.iter().map(|(n, t)| vec![vec![n.clone()], b.wrap(CELL, CONTENT_W - num_w, t)]).collect();
        b.blocks.push(Block::Table(Table {
            cols: vec![num_w, CONTENT_W - num_w],
            header: None,
            rows,
            styles: vec![CELL, CELL],
            ruled: false,
            after: 0.0,
        }));
    }

    if !doc.items.is_empty() {
        b.h1("Sager og punkter");
    }
    for (i, item) in doc.items.iter().enumerate() {
        let n = i + 1;
        match item {
            AgendaItem::Case(c) => {
                b.h2(&format!("{n}. Sag {} · {} · {}", c.reference, c.pseudonym, c.municipality));
                b.labelled(&[("Kilde", &c.source)], 2.0);
                if !c.discussed {
                    // One line, no empty headings.
                    b.para(BODY, "Ikke behandlet på mødet.", 2.0);
                } else {
                    if !c.new_information.is_empty() {
                        b.h3("Nye oplysninger");
                        let rows: Vec<(&str, &str)> =
                            c.new_information.iter().map(|n| (n.authority.as_str(), n.text.as_str())).collect();
                        b.labelled(&rows, 2.0);
                    }
                    if !c.assessment.trim().is_empty() {
                        b.h3("Samlet vurdering af risiko- og beskyttelsesfaktorer");
                        b.para(BODY, &c.assessment, 2.0);
                    }
                    if !c.recommendation.trim().is_empty() {
                        b.h3("Anbefaling");
                        b.para(BODY, &c.recommendation, 2.0);
                    }
                    if !c.actions.is_empty() {
                        b.h3("Nye opgaver");
                        let rows =
                            c.actions.iter().map(|a| vec![a.what.clone(), a.who.label(), a.due.clone()]).collect();
                        b.ruled(&["Hvad", "Hvem", "Frist"], &[Width::Fill, Width::Fixed(160.0), Width::Fit], rows);
                    }
                }
                if !c.open_actions.is_empty() {
                    b.h3("Åbne opgaver fra tidligere");
                    let rows = c
                        .open_actions
                        .iter()
                        .map(|a| vec![a.what.clone(), a.who.label(), a.due.clone(), a.status.clone()])
                        .collect();
                    b.ruled(
                        &["Hvad", "Hvem", "Frist", "Status"],
                        &[Width::Fill, Width::Fixed(140.0), Width::Fit, Width::Fit],
                        rows,
                    );
                }
                b.labelled(&[("Fase efter mødet", &c.stage)], 0.0);
            }
            AgendaItem::Free(f) => {
                b.h2(&format!("{n}. {}", f.title));
                b.para(BODY, if f.text.trim().is_empty() { "Intet." } else { &f.text }, 0.0);
            }
        }
    }

    b.h1("Åbne opgaver");
    if doc.open_actions.is_empty() {
        b.para(BODY, "Ingen åbne opgaver.", 0.0);
    } else {
        let rows = doc
            .open_actions
            .iter()
            .map(|a| vec![a.reference.clone(), a.what.clone(), a.who.label(), a.due.clone(), a.status.clone()])
            .collect();
        b.ruled(
            &["Sag", "Hvad", "Hvem", "Frist", "Status"],
            &[Width::Fit, Width::Fill, Width::Fixed(120.0), Width::Fit, Width::Fit],
            rows,
        );
    }

    b.blocks.push(Block::Tail);
    b.h1("Udsendelsesliste");
    if doc.distribution.is_empty() {
        b.para(BODY, "Ingen.", 0.0);
    } else {
        b.para(BODY, &doc.distribution.join(", "), 0.0);
    }
    b.blocks.push(Block::Gap(12.0));
    b.labelled(&[("Slettes senest", &doc.delete_by), ("Dannet", &doc.generated_at)], 0.0);
    if let Some(checkpoint) = &doc.audit_checkpoint {
        b.checkpoint(checkpoint);
    }
    b.blocks
}

#[cfg(test)]
mod tests {
    use super::super::pager::*;
    use crate::minutes::{AgendaItem, sample::sample};

    fn fonts() -> &'static Fonts {
        super::super::pager::fonts().unwrap()
    }

    /// Every text item within the margins, body text inside the frame, and no page ending with a
    /// heading or a table header.
    #[test]
    fn nothing_outside_the_margins_and_no_orphaned_headings() {
        let f = fonts();
        let mut doc = sample(60);
        if let AgendaItem::Case(c) = &mut doc.items[5] {
            c.assessment = format!("{} {}", c.assessment, "ø".repeat(400));
        }
        let pages = crate::minutes::pdf::layout_pages(f, &doc);
        assert!(pages.len() > 15);
        for (n, page) in pages.iter().enumerate() {
            let mut last_body = None;
            for item in page {
                if let Item::Text { x, baseline, width, style, text } = item {
                    let top = baseline - ASCENT * style.size;
                    let bottom = baseline + DESCENT * style.size;
                    assert!(*x >= MARGIN - 0.01 && x + width <= PAGE_W - MARGIN + 0.01, "page {n}: {text}");
                    assert!(top >= MARGIN - 0.01 && bottom <= PAGE_H - MARGIN + 0.01, "page {n}: {text}");
                    if *style != RUNNING && *style != RUNNING_BOLD {
                        assert!(top >= FRAME_TOP - 0.01 && bottom <= FRAME_BOTTOM + 0.01, "page {n}: {text}");
                        last_body = Some((style, text));
                    }
                }
            }
            let (style, text) = last_body.expect("every page has body text");
            if n + 1 < pages.len() {
                assert!(![H1, H2, H3, CELL_HEAD, TITLE].contains(style), "page {} ends with {text:?}", n + 1);
            }
        }
    }

    /// The closing part (distribution list, deletion date, checkpoint) never stands alone on the
    /// last page: at whatever length the agenda breaks, the page it lands on holds the section
    /// before it too.
    #[test]
    fn the_distribution_list_is_never_alone_on_a_page() {
        let f = fonts();
        let mut moved = 0;
        for cases in 0..40 {
            let mut doc = sample(cases);
            doc.audit_checkpoint = Some("TVH1-1042-K7QD-M2XA-PLZ4-TT3B".into());
            let pages = crate::minutes::pdf::layout_pages(f, &doc);
            let first_body = |page: &Vec<Item>| {
                page.iter().find_map(|i| match i {
                    Item::Text { style, text, .. } if *style != RUNNING && *style != RUNNING_BOLD => Some(text.clone()),
                    _ => None,
                })
            };
            let last = pages.last().and_then(first_body).unwrap_or_default();
            assert_ne!(last, "Udsendelsesliste", "{cases} cases: the last page holds only the closing part");
            if last == "Åbne opgaver" {
                moved += 1;
            }
        }
        assert!(moved > 0, "some lengths needed the section before moved along");
    }

    /// A checksum wraps between groups of 8, never leaving one character alone.
    #[test]
    fn checksums_break_in_groups() {
        let sha = "0123456789abcdef".repeat(4);
        assert_eq!(super::grouped(&sha).split(' ').map(str::len).collect::<Vec<_>>(), [8; 8]);
    }
}
