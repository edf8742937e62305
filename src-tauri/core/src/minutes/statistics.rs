//! The Statistik report as a PDF: the published figures of a period laid out with the generic
//! pager and drawn by `pdf.rs` (the minutes' layout code): title, period, infohus, each table
//! with its definition, bar charts as filled rectangles (vector shapes, no images), the durations
//! and the suppression rule. Only counts and durations: nothing in a `Statistics` names a case.

use super::pager::{BODY, BarRow, Block, Builder, CONTENT_W, Fonts, Item, NOTE, TITLE, Width};
use super::pdf::{Meta, write_pdf};
use crate::error::{Error, Result};
use crate::stats::{self, Statistics, Table};

/// Renders the published figures (`made`: when the report was made, "25. nov. 2026 kl. 14.05"):
/// the PDF bytes, the same for the same input. Refuses exact figures (the screen's).
pub fn render_statistics(s: &Statistics, made: &str) -> Result<Vec<u8>> {
    if s.exact {
        return Err(Error::Internal("only published figures go into a report"));
    }
    let fonts = super::pager::fonts()?;
    let blocks = build(fonts, s, made);
    let mut pages = super::pager::paginate(fonts, &blocks);
    let of = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.extend(running(fonts, s, i + 1, of));
    }
    let mut input = serde_json::to_vec(s).map_err(|_| Error::Internal("figures do not serialise"))?;
    input.extend_from_slice(made.as_bytes());
    let meta = Meta {
        title: format!("Statistik {}–{}", s.period.from.as_text(), s.period.to.as_text()),
        subject: "Statistik for infohuset",
        keywords: "statistik, infohus",
        draft: false,
    };
    write_pdf(fonts, &meta, &input, &pages)
}

fn running(fonts: &Fonts, s: &Statistics, no: usize, of: usize) -> Vec<Item> {
    let title = format!("{} · Statistik {}", s.infohus, stats::period_da(s.period));
    super::pager::running_items(fonts, &title, "Kun antal og varigheder — ingen personoplysninger", no, of)
}

fn table(b: &mut Builder<'_>, t: &Table, threshold: u64) {
    b.h2(&t.title);
    if t.chart {
        let max = t.cells.iter().flatten().filter_map(|c| c.value).max().unwrap_or(0).max(1) as f32;
        let rows = t
            .rows
            .iter()
            .zip(&t.cells)
            .map(|(label, cells)| BarRow {
                label: label.clone(),
                fraction: cells[0].value.map(|v| v as f32 / max),
                text: cells[0].text(threshold),
            })
            .collect();
        b.blocks.push(Block::Bars { rows, after: 6.0 });
    }
    let several = t.columns.len() > 1;
    let mut heads: Vec<&str> = vec![t.row_heading.as_str()];
    heads.extend(t.columns.iter().map(String::as_str));
    if several {
        heads.push("I alt");
    }
    let numbers = heads.len() - 1;
    let number_w = if several { ((CONTENT_W - 100.0) / numbers as f32).min(60.0) } else { 70.0 };
    let mut widths = vec![Width::Fill];
    widths.extend((0..numbers).map(|_| Width::Fixed(number_w)));
    let mut rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut row = vec![label.clone()];
            row.extend(t.cells[i].iter().map(|c| c.text(threshold)));
            if several {
                row.push(t.row_totals[i].text(threshold));
            }
            row
        })
        .collect();
    if let Some(total) = t.total {
        let mut row = vec!["I alt".to_string()];
        if several {
            row.extend(t.column_totals.iter().map(|c| c.text(threshold)));
        }
        row.push(total.text(threshold));
        rows.push(row);
    }
    b.ruled(&heads, &widths, rows);
    b.para(NOTE, &t.definition, 4.0);
}

fn build(fonts: &Fonts, s: &Statistics, made: &str) -> Vec<Block> {
    let mut b = Builder { fonts, blocks: Vec::new() };
    let lines = b.wrap(TITLE, CONTENT_W, &format!("Statistik for {}", s.infohus));
    b.blocks.push(Block::Heading { lines, style: TITLE, before: 0.0, after: 8.0, rule: false });
    let period = stats::period_da(s.period);
    let threshold = format!("Tal under {} er skjult", s.threshold);
    b.labelled(
        &[("Infohus", &s.infohus), ("Periode", &period), ("Dannet", made), ("Beskyttelse af små tal", &threshold)],
        6.0,
    );
    b.para(
        NOTE,
        "Rapporten indeholder kun antal og varigheder: ingen sagsreferencer, pseudonymer eller \
         fritekst. Perioden er hele dage i dansk tid, begge datoer medregnet.",
        0.0,
    );

    b.h1("Henvendelser");
    for t in s.tables.iter().filter(|t| t.key.starts_with("by_")) {
        table(&mut b, t, s.threshold);
    }

    b.h1("Tid til videresendelse og første møde");
    let rows = s
        .durations
        .iter()
        .map(|d| {
            let or_dash = |m: Option<i64>| m.map_or("—".to_string(), stats::duration_da);
            vec![d.title.clone(), d.count.text(s.threshold), or_dash(d.median_minutes), or_dash(d.longest_minutes)]
        })
        .collect();
    b.ruled(
        &["Varighed", "Sager", "Median", "Længste"],
        &[Width::Fill, Width::Fixed(60.0), Width::Fixed(90.0), Width::Fixed(90.0)],
        rows,
    );
    for d in &s.durations {
        b.para(NOTE, &format!("{}: {}", d.title, d.definition), 2.0);
    }

    b.h1("Sagernes forløb");
    for key in ["stage_at_end", "moves", "outcomes"] {
        if let Some(t) = s.tables.iter().find(|t| t.key == key) {
            table(&mut b, t, s.threshold);
        }
    }

    b.h1("Møder og opgaver");
    for key in ["meetings", "action_items"] {
        if let Some(t) = s.tables.iter().find(|t| t.key == key) {
            table(&mut b, t, s.threshold);
        }
    }

    b.h1("Beskyttelse af små tal");
    b.para(BODY, &stats::suppression_rule(s.threshold), 0.0);
    b.blocks
}
