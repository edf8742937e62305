//! Draws laid-out pages with printpdf and writes deterministic PDF bytes.
//!
//! printpdf 0.12 names fonts and the trailer `/ID` from a process-wide counter, so this module
//! names the fonts itself (their six-letter subset tags from a hash of the input), replaces the
//! `/ID` with a hash of the input and writes a minimal Info dictionary without dates: the same
//! `MinutesDoc` always gives the same bytes.
//!
//! The documents are written as PDF/A-2b (ISO 19005-2, level B): fonts embedded (subset), an XMP
//! metadata stream that declares the part and level and repeats the Info dictionary (title,
//! subject, keywords, the program — no personal data, no dates), and an sRGB output intent with
//! the embedded profile `color/sRGB.icc` (zlib licence, `color/LICENSE-sRGB.txt`).

use lopdf::{Dictionary, Object, Stream, StringFormat};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};
use sha2::{Digest, Sha256};

use super::MinutesDoc;
use super::layout;
use super::pager::{self, Fonts, Item, PAGE_H, PAGE_W};
use crate::error::{Error, Result};

/// Renders the minutes: the PDF bytes, the same for the same input.
pub fn render(doc: &MinutesDoc) -> Result<Vec<u8>> {
    let fonts = pager::fonts()?;
    let pages = layout_pages(fonts, doc);
    let input = serde_json::to_vec(doc).map_err(|_| Error::Internal("minutes do not serialise"))?;
    let meta = Meta {
        title: doc.pdf_title(),
        subject: "Referat af infohusmøde",
        keywords: "infohus, referat, fortroligt",
        draft: doc.draft,
    };
    write_pdf(fonts, &meta, &input, &pages)
}

/// A document's PDF metadata (no personal data) and whether it is a draft.
pub(crate) struct Meta {
    pub title: String,
    pub subject: &'static str,
    pub keywords: &'static str,
    pub draft: bool,
}

/// Every page's items, running header and footer included (for drawing and for tests).
pub(crate) fn layout_pages(fonts: &Fonts, doc: &MinutesDoc) -> Vec<Vec<Item>> {
    let blocks = layout::build(fonts, doc);
    let mut pages = pager::paginate(fonts, &blocks);
    let of = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.extend(layout::running(fonts, doc, i + 1, of));
    }
    pages
}

fn gray(g: f32) -> Color {
    Color::Rgb(Rgb { r: g, g, b: g, icc_profile: None })
}

/// Six capital letters (a PDF subset tag) from a digest.
fn tag(digest: &[u8], salt: u8) -> String {
    digest.iter().skip(salt as usize * 6).take(6).map(|b| char::from(b'A' + b % 26)).collect()
}

/// The sRGB profile of the PDF/A output intent.
const SRGB_ICC: &[u8] = include_bytes!("../../color/sRGB.icc");

/// The program named in the Info dictionary and the XMP metadata.
const PROGRAM: &str = "Tovholder";
const PRODUCER: &str = "Tovholder (printpdf)";

/// Text for XML character data.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The XMP packet of a PDF/A-2b document: the part and level, and the Info dictionary's entries
/// (which PDF/A requires to match).
pub(crate) fn xmp(meta: &Meta) -> String {
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{program}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Keywords>{keywords}</pdf:Keywords>
<pdf:Producer>{producer}</pdf:Producer>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{program}</xmp:CreatorTool>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = xml(&meta.title),
        subject = xml(meta.subject),
        keywords = xml(meta.keywords),
        program = PROGRAM,
        producer = PRODUCER,
    )
}

/// A PDF text string: UTF-16BE with a byte-order mark.
fn pdf_text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Draws laid-out pages as a PDF whose identity (font tags, trailer `/ID`) comes from `input`, the
/// document's serialised content: the same input gives the same bytes.
pub(crate) fn write_pdf(fonts: &Fonts, meta: &Meta, input: &[u8], pages: &[Vec<Item>]) -> Result<Vec<u8>> {
    let digest = Sha256::digest(input);

    let mut pdf = PdfDocument::new(&meta.title);
    let regular = FontId(tag(&digest, 0));
    let bold = FontId(tag(&digest, 1));
    pdf.resources.fonts.map.insert(regular.clone(), PdfFont::new(fonts.regular.parsed.clone()));
    pdf.resources.fonts.map.insert(bold.clone(), PdfFont::new(fonts.bold.parsed.clone()));

    let pdf_pages = pages
        .iter()
        .map(|items| PdfPage::new(Mm(210.0), Mm(297.0), page_ops(fonts, meta.draft, items, &regular, &bold)))
        .collect();
    pdf.with_pages(pdf_pages);

    let mut warnings = Vec::new();
    let opts = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);

    // Deterministic identity: the trailer /ID from the input's hash.
    let id = hex::encode(&digest[..16]).into_bytes();
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    // A minimal Info dictionary: no dates, no personal data.
    let info = Dictionary::from_iter(vec![
        ("Title", pdf_text(&meta.title)),
        ("Author", pdf_text(PROGRAM)),
        ("Subject", pdf_text(meta.subject)),
        ("Keywords", pdf_text(meta.keywords)),
        ("Creator", pdf_text(PROGRAM)),
        ("Producer", pdf_text(PRODUCER)),
    ]);
    match lo.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(info_id) => {
            lo.objects.insert(info_id, Object::Dictionary(info));
        }
        Err(_) => {
            let info_id = lo.add_object(Object::Dictionary(info));
            lo.trailer.set("Info", Object::Reference(info_id));
        }
    }
    // PDF/A-2b: the sRGB output intent and the XMP metadata (left uncompressed, readable as is).
    let profile = Stream::new(Dictionary::from_iter(vec![("N", Object::Integer(3))]), SRGB_ICC.to_vec());
    let profile = lo.add_object(profile);
    let intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", Object::string_literal("sRGB IEC61966-2.1")),
        ("RegistryName", Object::string_literal("http://www.color.org")),
        ("Info", Object::string_literal("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(profile)),
    ]);
    let metadata = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Metadata".to_vec())),
        ("Subtype", Object::Name(b"XML".to_vec())),
    ]);
    let metadata = lo.add_object(Stream::new(metadata, xmp(meta).into_bytes()).with_compression(false));
    let catalog = lo.catalog_mut().map_err(|_| Error::Internal("a PDF has a catalog"))?;
    catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(intent)]));
    catalog.set("Metadata", Object::Reference(metadata));
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(|_| Error::Internal("a PDF could not be written"))?;
    Ok(out)
}

fn page_ops(fonts: &Fonts, draft: bool, items: &[Item], regular: &FontId, bold: &FontId) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 3 + 16);
    if draft {
        watermark(fonts, &mut ops, bold);
    }
    // Shapes first, text on top.
    for item in items {
        match *item {
            Item::Fill { x, y, w, h, gray: g } => {
                ops.push(Op::SetFillColor { col: gray(g) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(x),
                        y: Pt(PAGE_H - y - h),
                        width: Pt(w),
                        height: Pt(h),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Rule { x1, x2, y, thickness, gray: g } => {
                ops.push(Op::SetOutlineColor { col: gray(g) });
                ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
                let point = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(PAGE_H - y) }, bezier: false };
                ops.push(Op::DrawLine { line: Line { points: vec![point(x1), point(x2)], is_closed: false } });
            }
            Item::Text { .. } => {}
        }
    }
    ops.push(Op::StartTextSection);
    let mut current: Option<(bool, f32)> = None;
    let mut current_gray: Option<f32> = None;
    for item in items {
        if let Item::Text { x, baseline, style, ref text, .. } = *item {
            if current != Some((style.bold, style.size)) {
                let id = if style.bold { bold } else { regular };
                ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(style.size) });
                current = Some((style.bold, style.size));
            }
            if current_gray != Some(style.gray) {
                ops.push(Op::SetFillColor { col: gray(style.gray) });
                current_gray = Some(style.gray);
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(PAGE_H - baseline)) });
            ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// A light diagonal "UDKAST" across the page, under everything else.
fn watermark(fonts: &Fonts, ops: &mut Vec<Op>, bold: &FontId) {
    let size = 110.0;
    let text = "UDKAST";
    let w = fonts.bold.width(text, size);
    let angle = (PAGE_H / PAGE_W).atan();
    let (sin, cos) = angle.sin_cos();
    // Centre the text box (width w, cap height ≈ 0.73 em) on the page centre.
    let cap = 0.73 * size;
    let cx = PAGE_W / 2.0 - cos * w / 2.0 + sin * cap / 2.0;
    let cy = PAGE_H / 2.0 - sin * w / 2.0 - cos * cap / 2.0;
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont { font: PdfFontHandle::External(bold.clone()), size: Pt(size) });
    ops.push(Op::SetFillColor { col: gray(0.88) });
    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw([cos, sin, -sin, cos, cx, cy]) });
    ops.push(Op::ShowText { items: vec![TextItem::Text(text.into())] });
    ops.push(Op::EndTextSection);
}
