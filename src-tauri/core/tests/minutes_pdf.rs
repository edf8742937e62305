//! The minutes PDF read back with poppler's `pdftotext` and `pdfinfo` (poppler-utils).

use std::path::Path;
use std::process::Command;

use tovholder_core::minutes::{self, Addendum, AgendaItem, MinutesDoc, sample::sample};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(program: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(pdf)
        .args(if program == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{program} (poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "{program}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn render(dir: &Path, doc: &MinutesDoc) -> std::path::PathBuf {
    write(dir, "referat.pdf", &minutes::render(doc).unwrap())
}

/// Pages of `pdftotext` output (it ends every page with a form feed).
fn pages(text: &str) -> Vec<&str> {
    let mut p: Vec<&str> = text.split('\u{c}').collect();
    assert_eq!(p.pop(), Some(""), "output ends with a form feed");
    p
}

fn page_count(pdf: &Path) -> usize {
    let info = run("pdfinfo", &[], pdf);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line["Pages:".len()..].trim().parse().unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

const LEGAL: &str = "Retsplejeloven § 115 — må ikke anvendes til efterforskning";

#[test]
fn danish_and_other_latin_text_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = sample(3);
    doc.place = "Mødelokale Æblehaven, Østergade 5, Århus".into();
    let pdf = render(dir.path(), &doc);
    let text = run("pdftotext", &["-layout"], &pdf);
    for s in [
        "Ayşe Çelik",
        "Łukasz Nowak",
        "Nguyễn Thị Lan",
        "Jens Æbelø",
        "Karin Ågård",
        "Mødelokale Æblehaven, Østergade 5, Århus",
        "Referat af infohusmøde 23/2026",
        "Åbne opgaver",
        "Samlet vurdering af risiko- og beskyttelsesfaktorer",
        "ØJP-2026-0001",
    ] {
        assert!(text.contains(s), "{s} missing from:\n{text}");
    }
}

#[test]
fn every_page_has_header_legal_line_and_page_x_of_n() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render(dir.path(), &sample(30));
    let n = page_count(&pdf);
    assert!(n >= 8, "{n} pages");
    let text = run("pdftotext", &["-layout"], &pdf);
    let pages = pages(&text);
    assert_eq!(pages.len(), n);
    for (i, page) in pages.iter().enumerate() {
        let side = format!("Side {} af {n}", i + 1);
        assert_eq!(page.matches(&side).count(), 1, "page {}:\n{page}", i + 1);
        assert!(page.contains("FORTROLIGT"), "page {}", i + 1);
        assert!(page.contains("Infohus Østjylland · Møde 23/2026"), "page {}", i + 1);
        assert!(page.contains(LEGAL), "page {}", i + 1);
        assert!(!page.contains("UDKAST"));
    }
}

/// A 60-item meeting whose every recorded text is unique, so each one can be found exactly once.
fn unique_doc() -> MinutesDoc {
    let mut doc = sample(60);
    for (i, item) in doc.items.iter_mut().enumerate() {
        match item {
            AgendaItem::Case(c) => {
                c.source = format!("{} [kilde {i}]", c.source);
                for (k, n) in c.new_information.iter_mut().enumerate() {
                    n.text = format!("{} [oplysning {i}.{k}]", n.text);
                }
                c.assessment = format!("{} [vurdering {i}]", c.assessment);
                if i % 7 == 0 {
                    // A token wider than the line, broken between characters.
                    c.assessment.push_str(&format!(" https://eksempel.dk/{}/{i}", "langtord".repeat(20)));
                }
                if i % 5 == 0 {
                    // Long enough to break across a page somewhere.
                    c.assessment.push_str(&format!("\n\n{}", "Yderligere drøftelse af sagens forløb. ".repeat(30)));
                }
                c.recommendation = format!("{} [anbefaling {i}]", c.recommendation);
                for (k, a) in c.actions.iter_mut().enumerate() {
                    a.what = format!("{} [opgave {i}.{k}]", a.what);
                }
            }
            AgendaItem::Free(f) => f.text = format!("{} [punkt {i}]", f.text),
        }
    }
    for (i, a) in doc.open_actions.iter_mut().enumerate() {
        a.what = format!("{} [åben {i}]", a.what);
    }
    doc
}

/// The recorded texts, in document order.
fn fields(doc: &MinutesDoc) -> Vec<String> {
    let mut out = Vec::new();
    for item in &doc.items {
        match item {
            AgendaItem::Case(c) => {
                out.push(c.source.clone());
                out.extend(c.new_information.iter().map(|n| n.text.clone()));
                out.push(c.assessment.clone());
                out.push(c.recommendation.clone());
                out.extend(c.actions.iter().map(|a| a.what.clone()));
            }
            AgendaItem::Free(f) => out.push(f.text.clone()),
        }
    }
    out.extend(doc.open_actions.iter().map(|a| a.what.clone()));
    out
}

#[test]
fn a_60_item_meeting_loses_duplicates_and_clips_no_line() {
    let dir = tempfile::tempdir().unwrap();
    let doc = unique_doc();
    let pdf = render(dir.path(), &doc);
    let n = page_count(&pdf);
    assert!(n > 20, "{n} pages");
    // -raw: content-stream order, in which every cell and paragraph is drawn line after line.
    let text = run("pdftotext", &["-raw"], &pdf);
    let pages = pages(&text);
    assert_eq!(pages.len(), n);
    let mut body = String::new();
    for (i, page) in pages.iter().enumerate() {
        let page = squash(page);
        // The running header and footer are drawn last on every page.
        let running = squash(&format!("FORTROLIGT Infohus Østjylland · Møde 23/2026 {LEGAL} Side {} af {n}", i + 1));
        let Some(rest) = page.strip_suffix(&running) else {
            panic!("page {} does not end with its header and footer:\n{page}", i + 1)
        };
        body.push_str(rest);
    }
    let mut at = 0;
    for field in fields(&doc) {
        let f = squash(&field);
        assert_eq!(body.matches(&f).count(), 1, "not exactly once: {field}");
        let pos = body.find(&f).unwrap();
        assert!(pos >= at, "out of order: {field}");
        at = pos + f.len();
    }
    // Every participant, reference and the fixed end matter are there too.
    for p in &doc.participants {
        assert!(body.contains(&squash(&p.name)), "{}", p.name);
    }
    for item in &doc.items {
        if let AgendaItem::Case(c) = item {
            // Once on the agenda, once as the item's heading.
            assert_eq!(body.matches(&squash(&c.reference)).count(), 2, "{}", c.reference);
        }
    }
    assert!(body.ends_with(&squash("Slettes senest 25. nov. 2031 Dannet 25. nov. 2026 kl. 16.12")));
}

#[test]
fn the_watermark_is_on_every_page_of_a_draft_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = sample(12);
    doc.draft = true;
    let pdf = render(dir.path(), &doc);
    let n = page_count(&pdf);
    assert!(n > 1);
    let text = run("pdftotext", &["-raw"], &pdf);
    for (i, page) in pages(&text).iter().enumerate() {
        assert_eq!(squash(page).matches("UDKAST").count(), 1, "page {}", i + 1);
    }
    doc.draft = false;
    let pdf = render(dir.path(), &doc);
    assert!(!run("pdftotext", &["-raw"], &pdf).contains("UDKAST"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let doc = sample(8);
    let first = minutes::render(&doc).unwrap();
    let _other = minutes::render(&sample(2)).unwrap();
    let second = minutes::render(&doc).unwrap();
    assert!(first == second, "re-rendering changed the bytes");
    let mut changed = doc.clone();
    changed.place.push('.');
    assert_ne!(minutes::render(&changed).unwrap(), first);
}

#[test]
fn metadata_holds_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = sample(10);
    let pdf = render(dir.path(), &doc);
    let info = run("pdfinfo", &[], &pdf);
    assert!(info.contains("Title:           Referat, infohusmøde 23/2026"), "{info}");
    assert!(info.contains("Author:          Tovholder"), "{info}");
    assert!(!info.contains("CreationDate") && !info.contains("ModDate"), "{info}");
    // PDF/A-2b: the XMP packet declares the part and level and repeats the Info entries only.
    let xmp = run("pdfinfo", &["-meta"], &pdf);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(xmp.contains(">Referat, infohusmøde 23/2026<") && !xmp.contains("Date"), "{xmp}");
    for p in &doc.participants {
        assert!(!xmp.contains(&p.name), "{xmp}");
    }
    let raw = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    for item in &doc.items {
        if let AgendaItem::Case(c) = item {
            for secret in [&c.pseudonym, &c.reference] {
                assert!(!info.contains(secret.as_str()), "{secret} in the Info dictionary");
                assert!(!xmp.contains(secret.as_str()), "{secret} in the XMP metadata");
                assert!(!raw.contains(secret.as_str()));
            }
        }
    }
    for p in &doc.participants {
        assert!(!info.contains(&p.name));
    }
    doc.addendum = Some(Addendum { title: "Tillæg 1 til møde 23/2026".into(), original_sha256: "ab".repeat(32) });
    let pdf = render(dir.path(), &doc);
    let info = run("pdfinfo", &[], &pdf);
    assert!(info.contains("Title:           Tillæg til referat, infohusmøde 23/2026"), "{info}");
    let text = run("pdftotext", &["-raw"], &pdf);
    assert!(text.contains("Tillæg 1 til møde 23/2026"));
    assert!(squash(&text).contains(&"ab".repeat(32)), "the original's hash, even when wrapped");
}

#[test]
fn the_font_is_subset() {
    let bytes = minutes::render(&sample(30)).unwrap();
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "referat.pdf", &bytes);
    let fonts = run("pdffonts", &[], &pdf);
    // Subset fonts carry a six-letter tag: "ABCDEF+DejaVuSans".
    assert_eq!(fonts.lines().filter(|l| l.contains("+DejaVuSans")).count(), 2, "{fonts}");
}

/// Writes example PDFs for looking at: `MINUTES_EXAMPLE_DIR=/tmp/x cargo test -p tovholder-core
/// --test minutes_pdf -- --ignored write_examples` (then `pdftoppm -png -r 80`).
#[test]
#[ignore]
fn write_examples() {
    let dir = std::env::var("MINUTES_EXAMPLE_DIR").unwrap_or_else(|_| "/tmp/minutes-example".into());
    std::fs::create_dir_all(&dir).unwrap();
    let dir = Path::new(&dir);
    write(dir, "sample-30.pdf", &minutes::render(&sample(30)).unwrap());
    let mut draft = sample(4);
    draft.draft = true;
    write(dir, "draft-4.pdf", &minutes::render(&draft).unwrap());
    write(dir, "unique-60.pdf", &minutes::render(&unique_doc()).unwrap());
}
