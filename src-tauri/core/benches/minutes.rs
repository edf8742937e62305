//! Minutes PDF benchmark: `cargo bench -p tovholder-core --bench minutes`.
//!
//! Renders the synthetic 30-case meeting in-process (median of 31), reports its size and page
//! count, times a 200-case meeting, and compares whole processes: this benchmark re-running itself
//! to render and write the PDF, against headless Chromium printing an equivalent HTML page
//! (skipped, with "chromium not found", when Chromium is not installed). Figures are recorded in
//! docs/benchmarks.md ("Minutes (PDF)").

use std::path::Path;
use std::process::Command;
use std::time::Duration;

mod common;
use common::{median, ms};

use tovholder_core::minutes::{self, AgendaItem, MinutesDoc, sample::sample};

fn pages(pdf: &[u8]) -> usize {
    // Every page object has "/Type /Page" (not "/Pages"); count via pdfinfo when available.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.pdf");
    std::fs::write(&path, pdf).unwrap();
    Command::new("pdfinfo")
        .arg(&path)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8(o.stdout)
                .ok()?
                .lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().ok()))?
        })
        .unwrap_or(0)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "<br>")
}

/// The same content as the PDF, as one HTML page for Chromium to print.
fn html(doc: &MinutesDoc) -> String {
    let mut h = String::from(
        "<!doctype html><html lang=da><meta charset=utf-8><style>@page{size:A4;margin:20mm}\
         body{font:10pt 'DejaVu Sans',sans-serif}table{border-collapse:collapse;width:100%}\
         td,th{border-bottom:.3pt solid #bbb;padding:3pt 4pt;text-align:left;vertical-align:top}\
         thead{display:table-header-group}h1{font-size:17pt}h2{font-size:12.5pt;border-bottom:.5pt solid #888}\
         h3{font-size:11pt}h4{font-size:9.5pt;color:#444}</style><body>",
    );
    h += &format!("<p><b>FORTROLIGT</b> {} · Møde {}</p>", esc(&doc.infohus), esc(&doc.meeting_number));
    h += &format!("<h1>Referat af infohusmøde {}</h1>", esc(&doc.meeting_number));
    h += &format!(
        "<table><tr><th>Infohus<td>{}<tr><th>Dato<td>{}<tr><th>Sted<td>{}<tr><th>Næste møde<td>{}</table>",
        esc(&doc.infohus),
        esc(&doc.date_time),
        esc(&doc.place),
        esc(doc.next_meeting.as_deref().unwrap_or(""))
    );
    for (title, present) in [("Deltagere", true), ("Fraværende", false)] {
        h += &format!("<h2>{title}</h2><table><thead><tr><th>Navn<th>Organisation<th>Rolle</thead>");
        for p in doc.participants.iter().filter(|p| p.present == present) {
            h += &format!("<tr><td>{}<td>{}<td>{}", esc(&p.name), esc(&p.organisation), esc(&p.role));
        }
        h += "</table>";
    }
    h += "<h2>Dagsorden</h2><ol>";
    for item in &doc.items {
        match item {
            AgendaItem::Case(c) => {
                h += &format!("<li>Sag {} ({}, {})", esc(&c.reference), esc(&c.pseudonym), esc(&c.municipality))
            }
            AgendaItem::Free(f) => h += &format!("<li>{}", esc(&f.title)),
        }
    }
    h += "</ol><h2>Sager og punkter</h2>";
    for (i, item) in doc.items.iter().enumerate() {
        match item {
            AgendaItem::Case(c) => {
                h += &format!("<h3>{}. Sag {} · {}</h3>", i + 1, esc(&c.reference), esc(&c.pseudonym));
                h += &format!(
                    "<table><tr><th>Kommune<td>{}<tr><th>Kilde til bekymringen<td>{}</table><h4>Nye oplysninger</h4><table>",
                    esc(&c.municipality),
                    esc(&c.source)
                );
                for n in &c.new_information {
                    h += &format!("<tr><th>{}<td>{}", esc(&n.authority), esc(&n.text));
                }
                h += &format!(
                    "</table><h4>Samlet vurdering af risiko- og beskyttelsesfaktorer</h4><p>{}</p><h4>Anbefaling</h4><p>{}</p>",
                    esc(&c.assessment),
                    esc(&c.recommendation)
                );
                h += "<h4>Opgaver</h4><table><thead><tr><th>Hvad<th>Hvem<th>Frist</thead>";
                for a in &c.actions {
                    h += &format!("<tr><td>{}<td>{}<td>{}", esc(&a.what), esc(&a.who.label()), esc(&a.due));
                }
                h += &format!("</table><p><b>Stadie efter mødet</b> {}</p>", esc(&c.stage));
            }
            AgendaItem::Free(f) => h += &format!("<h3>{}. {}</h3><p>{}</p>", i + 1, esc(&f.title), esc(&f.text)),
        }
    }
    h +=
        "<h2>Åbne opgaver fra tidligere møder</h2><table><thead><tr><th>Sag<th>Hvad<th>Hvem<th>Frist<th>Status</thead>";
    for a in &doc.open_actions {
        h += &format!(
            "<tr><td>{}<td>{}<td>{}<td>{}<td>{}",
            esc(&a.reference),
            esc(&a.what),
            esc(&a.who.label()),
            esc(&a.due),
            esc(&a.status)
        );
    }
    h += &format!(
        "</table><h2>Udsendelsesliste</h2><p>{}</p><p>Slettes senest {}<br>Dannet {}</p>\
         <p>Retsplejeloven § 115 — må ikke anvendes til efterforskning</p></body></html>",
        esc(&doc.distribution.join(", ")),
        esc(&doc.delete_by),
        esc(&doc.generated_at)
    );
    h
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().map(|o| o.status.success()).unwrap_or(false))
}

fn whole_process(program: &str, args: &[String], out: &Path, runs: usize) -> Duration {
    median(
        || {
            let _ = std::fs::remove_file(out);
            let status = Command::new(program)
                .args(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(status.success() && out.exists(), "{program} did not write {}", out.display());
        },
        runs,
    )
}

fn main() {
    // Child mode: render the 30-case meeting and write it (the whole-process row).
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--render-to") {
        std::fs::write(&args[i + 1], minutes::render(&sample(30)).unwrap()).unwrap();
        return;
    }

    let doc = sample(30);
    let bytes = minutes::render(&doc).unwrap();
    let in_process = median(|| assert!(!minutes::render(&doc).unwrap().is_empty()), 31);
    let big = sample(200);
    let big_bytes = minutes::render(&big).unwrap();
    let in_process_200 = median(|| assert!(!minutes::render(&big).unwrap().is_empty()), 5);

    println!("| minutes | pages | size | render (in-process, median) |\n| --- | --- | --- | --- |");
    println!("| 30 cases | {} | {:.1} KB | {:.2} ms |", pages(&bytes), bytes.len() as f64 / 1000.0, ms(in_process));
    println!(
        "| 200 cases | {} | {:.1} KB | {:.2} ms |\n",
        pages(&big_bytes),
        big_bytes.len() as f64 / 1000.0,
        ms(in_process_200)
    );

    let dir = tempfile::tempdir().unwrap();
    let ours_pdf = dir.path().join("ours.pdf");
    let exe = std::env::current_exe().unwrap();
    let ours = whole_process(
        exe.to_str().unwrap(),
        &["--render-to".into(), ours_pdf.to_string_lossy().into_owned()],
        &ours_pdf,
        11,
    );
    println!("| whole process, 30 cases | time | size | ratio |\n| --- | --- | --- | --- |");
    println!(
        "| Tovholder (process start, render, write) | {:.0} ms | {:.1} KB | 1× |",
        ms(ours),
        std::fs::metadata(&ours_pdf).unwrap().len() as f64 / 1000.0
    );
    match chromium() {
        None => println!("| headless Chromium | chromium not found | | |"),
        Some(chrome) => {
            let page = dir.path().join("referat.html");
            std::fs::write(&page, html(&doc)).unwrap();
            let out = dir.path().join("chromium.pdf");
            let profile = dir.path().join("chromium-profile");
            let args = vec![
                "--headless".into(),
                "--no-sandbox".into(),
                "--disable-gpu".into(),
                format!("--user-data-dir={}", profile.display()),
                "--no-pdf-header-footer".into(),
                format!("--print-to-pdf={}", out.display()),
                format!("file://{}", page.display()),
            ];
            let theirs = whole_process(chrome, &args, &out, 5);
            let size = std::fs::metadata(&out).unwrap().len() as f64 / 1000.0;
            println!(
                "| headless Chromium `--print-to-pdf` ({} pages) | {:.0} ms | {size:.1} KB | {:.1}× slower |",
                pages(&std::fs::read(&out).unwrap()),
                ms(theirs),
                theirs.as_secs_f64() / ours.as_secs_f64()
            );
        }
    }
}
