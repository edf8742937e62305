//! A generic pager for A4 documents: the embedded DejaVu fonts, text measuring and wrapping,
//! styles, blocks, tables and pagination. Pure geometry: no PDF objects here, and nothing about
//! what a document says (the minutes' content is in `layout.rs`).
//!
//! Coordinates are PostScript points with y growing *down* from the top of the page; `pdf.rs`
//! flips them. A document is first turned into [`Block`]s (text already wrapped to its column
//! width, e.g. by a [`Builder`]), then [`paginate`] places the blocks on pages in one pass (linear
//! in the number of lines), keeping every heading and table header with at least the first line
//! or row after it.

use std::sync::OnceLock;

use printpdf::ParsedFont;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
pub(crate) const PAGE_W: f32 = 595.2756;
pub(crate) const PAGE_H: f32 = 841.8898;
/// 20 mm.
pub(crate) const MARGIN: f32 = 56.6929;
pub(crate) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// The body frame, between the running header and footer (both inside the margins).
pub(crate) const FRAME_TOP: f32 = MARGIN + 28.0;
pub(crate) const FRAME_BOTTOM: f32 = PAGE_H - MARGIN - 26.0;

/// DejaVu Sans hhea ascender and descender, in em.
pub(crate) const ASCENT: f32 = 0.928;
pub(crate) const DESCENT: f32 = 0.236;

// ---------------------------------------------------------------------------------------------
// Fonts and measuring

/// One embedded face and its advance widths.
pub(crate) struct Face {
    pub parsed: ParsedFont,
    /// Advance widths in font units for U+0000..U+2200 (`u16::MAX`: no glyph).
    table: Vec<u16>,
    units_per_em: f32,
}

const TABLE_LEN: usize = 0x2200;
const NO_GLYPH: u16 = u16::MAX;

impl Face {
    fn load(bytes: &[u8]) -> Option<Face> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let table = (0..TABLE_LEN as u32)
            .map(|cp| match parsed.lookup_glyph_index(cp) {
                Some(gid) if gid != 0 => parsed.get_horizontal_advance(gid),
                _ => NO_GLYPH,
            })
            .collect();
        Some(Face { parsed, table, units_per_em })
    }

    fn units(&self, c: char) -> Option<u16> {
        let cp = c as usize;
        if cp < TABLE_LEN {
            let w = self.table[cp];
            (w != NO_GLYPH).then_some(w)
        } else {
            match self.parsed.lookup_glyph_index(c as u32) {
                Some(gid) if gid != 0 => Some(self.parsed.get_horizontal_advance(gid)),
                _ => None,
            }
        }
    }

    pub fn has(&self, c: char) -> bool {
        self.units(c).is_some()
    }

    /// Advance of `c` at `size` points.
    pub fn advance(&self, c: char, size: f32) -> f32 {
        f32::from(self.units(c).unwrap_or(0)) / self.units_per_em * size
    }

    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c, size)).sum()
    }
}

pub(crate) struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}

/// The embedded fonts, parsed once per process.
pub(crate) fn fonts() -> Result<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| Some(Fonts { regular: Face::load(REGULAR_TTF)?, bold: Face::load(BOLD_TTF)? }))
        .as_ref()
        .ok_or(Error::Internal("the embedded minutes font does not parse"))
}

/// NFC, line breaks as `\n`, other control characters as spaces, characters the font lacks as
/// U+FFFD (so nothing is silently dropped from the page).
pub(crate) fn clean(face: &Face, s: &str) -> String {
    s.replace("\r\n", "\n")
        .nfc()
        .map(|c| match c {
            '\n' => '\n',
            c if c.is_control() => ' ',
            c if c.is_whitespace() => ' ',
            c if face.has(c) => c,
            _ => '\u{FFFD}',
        })
        .collect()
}

/// Wraps `text` to `width` at `style`: words greedily, hard line breaks kept (an empty line stays
/// an empty line), a word wider than the line broken between characters. Linear in the text.
pub(crate) fn wrap(fonts: &Fonts, style: Style, width: f32, text: &str) -> Vec<String> {
    let face = fonts.face(style.bold);
    let size = style.size;
    let text = clean(face, text);
    let space = face.advance(' ', size);
    let mut out = Vec::new();
    let text = text.trim_matches(|c: char| c.is_whitespace());
    if text.is_empty() {
        return out;
    }
    for hard in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0f32;
        let mut any = false;
        for word in hard.split(' ').filter(|w| !w.is_empty()) {
            any = true;
            let word_w = face.width(word, size);
            let sep = if line.is_empty() { 0.0 } else { space };
            if line_w + sep + word_w <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += sep + word_w;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            // A word wider than the line: break it between characters.
            for c in word.chars() {
                let w = face.advance(c, size);
                if line_w + w > width && !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += w;
            }
        }
        if any || !line.is_empty() {
            out.push(line);
        } else {
            out.push(String::new());
        }
    }
    // Collapse runs of empty lines to one.
    out.dedup_by(|a, b| a.is_empty() && b.is_empty());
    out
}

// ---------------------------------------------------------------------------------------------
// Styles and page items

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub bold: bool,
    pub size: f32,
    pub leading: f32,
    /// 0 black … 1 white.
    pub gray: f32,
}

const fn style(bold: bool, size: f32, leading: f32, gray: f32) -> Style {
    Style { bold, size, leading, gray }
}

pub(crate) const TITLE: Style = style(true, 17.0, 22.0, 0.0);
pub(crate) const H1: Style = style(true, 12.5, 16.0, 0.0);
pub(crate) const H2: Style = style(true, 11.0, 14.5, 0.0);
pub(crate) const H3: Style = style(true, 9.5, 13.0, 0.28);
pub(crate) const BODY: Style = style(false, 10.0, 13.6, 0.08);
pub(crate) const NOTE: Style = style(false, 8.5, 11.5, 0.3);
pub(crate) const CELL: Style = style(false, 9.5, 12.6, 0.08);
pub(crate) const CELL_HEAD: Style = style(true, 8.5, 11.5, 0.2);
pub(crate) const LABEL: Style = style(true, 9.5, 12.6, 0.3);
pub(crate) const RUNNING: Style = style(false, 8.0, 10.0, 0.3);
pub(crate) const RUNNING_BOLD: Style = style(true, 8.0, 10.0, 0.0);

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// One line of text; `baseline` from the top of the page, `width` as measured.
    Text { x: f32, baseline: f32, width: f32, style: Style, text: String },
    /// A horizontal rule.
    Rule { x1: f32, x2: f32, y: f32, thickness: f32, gray: f32 },
    /// A filled rectangle, `y` its top.
    Fill { x: f32, y: f32, w: f32, h: f32, gray: f32 },
}

/// A line box of `style.leading` starting at `top`: where the baseline goes.
pub(crate) fn baseline(top: f32, s: Style) -> f32 {
    top + (s.leading - (ASCENT + DESCENT) * s.size) / 2.0 + ASCENT * s.size
}

pub(crate) fn text_item(fonts: &Fonts, x: f32, top: f32, s: Style, text: String) -> Item {
    let width = fonts.face(s.bold).width(&text, s.size);
    Item::Text { x, baseline: baseline(top, s), width, style: s, text }
}

// ---------------------------------------------------------------------------------------------
// Blocks

pub(crate) enum Block {
    /// A heading: kept on the page with the first chunk of what follows it.
    Heading {
        lines: Vec<String>,
        style: Style,
        before: f32,
        after: f32,
        rule: bool,
    },
    /// Wrapped text; may break between any two lines (but keeps its first two together).
    Para {
        lines: Vec<String>,
        style: Style,
        indent: f32,
        after: f32,
    },
    Table(Table),
    /// A horizontal bar chart, one row per label: drawn as filled rectangles (vector shapes).
    Bars {
        rows: Vec<BarRow>,
        after: f32,
    },
    /// Vertical space (dropped at the top of a page).
    Gap(f32),
    /// What follows is a short closing part (the distribution list, the deletion date) kept
    /// together and never alone on a page: when it does not fit below the section before it, that
    /// section moves to the next page with it (if both fit on one page).
    Tail,
}

pub(crate) struct Table {
    /// Column widths (cell padding included); they sum to at most the content width.
    pub cols: Vec<f32>,
    /// Wrapped header cells; repeated on every page the table continues on.
    pub header: Option<Vec<Vec<String>>>,
    pub rows: Vec<Vec<Vec<String>>>,
    /// The style of each column's body cells.
    pub styles: Vec<Style>,
    /// Ruled (grid-like, with a shaded header) or a plain label/value list.
    pub ruled: bool,
    pub after: f32,
}

impl Table {
    fn pad_x(&self) -> f32 {
        if self.ruled { 4.0 } else { 0.0 }
    }
    fn pad_y(&self) -> f32 {
        if self.ruled { 3.2 } else { 1.2 }
    }
    fn leading(&self) -> f32 {
        self.styles.iter().map(|s| s.leading).fold(0.0, f32::max)
    }
    fn header_h(&self) -> f32 {
        match &self.header {
            Some(h) => 2.0 * 3.0 + h.iter().map(Vec::len).max().unwrap_or(1) as f32 * CELL_HEAD.leading,
            None => 0.0,
        }
    }
    fn row_lines(row: &[Vec<String>]) -> usize {
        row.iter().map(Vec::len).max().unwrap_or(0).max(1)
    }
    fn row_h(&self, row: &[Vec<String>]) -> f32 {
        2.0 * self.pad_y() + Self::row_lines(row) as f32 * self.leading()
    }
    /// What must fit below a heading before this table: its header and first row (or the first
    /// line of that row when the row is taller than a page).
    fn first_chunk(&self) -> f32 {
        let Some(row) = self.rows.first() else { return self.header_h() };
        let fresh = FRAME_BOTTOM - FRAME_TOP - self.header_h();
        let row_h = self.row_h(row);
        let first = if row_h <= fresh { row_h } else { 2.0 * self.pad_y() + self.leading() };
        self.header_h() + first
    }
}

/// One bar of a chart: its label, its length as a share of the longest (`None`: no bar, e.g. a
/// hidden count) and the text after it.
pub(crate) struct BarRow {
    pub label: String,
    pub fraction: Option<f32>,
    pub text: String,
}

/// A bar chart's row height, label column and bar thickness.
const BAR_ROW: f32 = 14.0;
const BAR_LABEL_W: f32 = 150.0;
const BAR_H: f32 = 9.0;
/// Room kept right of the longest bar for its value.
const BAR_TEXT_W: f32 = 44.0;

impl Block {
    fn height(&self) -> f32 {
        match self {
            Block::Bars { rows, .. } => rows.len().min(2) as f32 * BAR_ROW,
            Block::Heading { lines, style, before, after, .. } => before + lines.len() as f32 * style.leading + after,
            Block::Para { lines, style, after, .. } => lines.len() as f32 * style.leading + after,
            Block::Table(t) => t.first_chunk(),
            Block::Gap(g) => *g,
            Block::Tail => 0.0,
        }
    }

    /// The whole block's height when it is not broken.
    fn full_height(&self) -> f32 {
        match self {
            Block::Table(t) => t.header_h() + t.rows.iter().map(|r| t.row_h(r)).sum::<f32>() + t.after,
            other => other.height(),
        }
    }
}

/// Height needed at blocks[i..] before the first breakable point: headings and gaps chain to
/// what follows them.
fn first_chunk(blocks: &[Block], i: usize) -> f32 {
    let mut h = 0.0;
    for b in &blocks[i..] {
        match b {
            Block::Heading { .. } | Block::Gap(_) => h += b.height(),
            Block::Para { lines, style, .. } => {
                return h + lines.len().min(2) as f32 * style.leading;
            }
            Block::Table(t) => return h + t.first_chunk(),
            Block::Tail => {}
            Block::Bars { rows, .. } => return h + rows.len().min(2) as f32 * BAR_ROW,
        }
    }
    h
}

// ---------------------------------------------------------------------------------------------
// Pagination

pub(crate) struct Pager<'f> {
    fonts: &'f Fonts,
    pub pages: Vec<Vec<Item>>,
    y: f32,
}

impl<'f> Pager<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Pager { fonts, pages: vec![Vec::new()], y: FRAME_TOP }
    }

    fn at_top(&self) -> bool {
        self.y <= FRAME_TOP
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = FRAME_TOP;
    }

    /// Starts a new page unless `h` fits below the cursor (or the page is still empty).
    fn ensure(&mut self, h: f32) {
        if self.y + h > FRAME_BOTTOM + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    fn push(&mut self, item: Item) {
        self.pages.last_mut().expect("a page").push(item);
    }

    fn text(&mut self, x: f32, top: f32, s: Style, text: &str) {
        if !text.is_empty() {
            let item = text_item(self.fonts, x, top, s, text.to_owned());
            self.push(item);
        }
    }

    fn space(&mut self, h: f32) {
        if !self.at_top() {
            self.y = (self.y + h).min(FRAME_BOTTOM);
        }
    }

    fn heading(&mut self, lines: &[String], s: Style, before: f32, after: f32, rule: bool) {
        self.space(before);
        for line in lines {
            self.ensure(s.leading);
            self.text(MARGIN, self.y, s, line);
            self.y += s.leading;
        }
        if rule {
            self.push(Item::Rule { x1: MARGIN, x2: MARGIN + CONTENT_W, y: self.y + 1.0, thickness: 0.5, gray: 0.55 });
        }
        self.y += after;
    }

    fn para(&mut self, lines: &[String], s: Style, indent: f32, after: f32) {
        for line in lines {
            self.ensure(s.leading);
            self.text(MARGIN + indent, self.y, s, line);
            self.y += s.leading;
        }
        self.space(after);
    }

    fn table_header(&mut self, t: &Table) {
        let Some(header) = &t.header else { return };
        let h = t.header_h();
        self.push(Item::Fill { x: MARGIN, y: self.y, w: CONTENT_W, h, gray: 0.93 });
        self.push(Item::Rule { x1: MARGIN, x2: MARGIN + CONTENT_W, y: self.y, thickness: 0.6, gray: 0.45 });
        let mut x = MARGIN;
        for (col, cell) in header.iter().enumerate() {
            for (k, line) in cell.iter().enumerate() {
                self.text(x + t.pad_x(), self.y + 3.0 + k as f32 * CELL_HEAD.leading, CELL_HEAD, line);
            }
            x += t.cols[col];
        }
        self.y += h;
        self.push(Item::Rule { x1: MARGIN, x2: MARGIN + CONTENT_W, y: self.y, thickness: 0.6, gray: 0.45 });
    }

    /// Draws lines `from..to` of a row at the cursor and moves below them.
    fn row_segment(&mut self, t: &Table, row: &[Vec<String>], from: usize, to: usize) {
        let lead = t.leading();
        let mut x = MARGIN;
        for (col, cell) in row.iter().enumerate() {
            let s = t.styles[col];
            for (k, line) in cell.iter().enumerate().take(to).skip(from) {
                let top = self.y + t.pad_y() + (k - from) as f32 * lead;
                self.text(x + t.pad_x(), top, s, line);
            }
            x += t.cols[col];
        }
        self.y += 2.0 * t.pad_y() + (to - from) as f32 * lead;
        if t.ruled {
            self.push(Item::Rule { x1: MARGIN, x2: MARGIN + CONTENT_W, y: self.y, thickness: 0.3, gray: 0.72 });
        }
    }

    fn bars(&mut self, rows: &[BarRow], after: f32) {
        let bar_x = MARGIN + BAR_LABEL_W;
        let full = CONTENT_W - BAR_LABEL_W - BAR_TEXT_W;
        for row in rows {
            self.ensure(BAR_ROW);
            let label = fit(self.fonts, CELL, &row.label, BAR_LABEL_W - 8.0);
            self.text(MARGIN, self.y + (BAR_ROW - CELL.leading) / 2.0, CELL, &label);
            let w = row.fraction.map_or(0.0, |f| (f.clamp(0.0, 1.0) * full).max(if f > 0.0 { 1.0 } else { 0.0 }));
            if w > 0.0 {
                self.push(Item::Fill { x: bar_x, y: self.y + (BAR_ROW - BAR_H) / 2.0, w, h: BAR_H, gray: 0.45 });
            }
            self.text(bar_x + w + 4.0, self.y + (BAR_ROW - CELL.leading) / 2.0, CELL, &row.text);
            self.y += BAR_ROW;
        }
        self.push(Item::Rule { x1: bar_x, x2: bar_x + full, y: self.y, thickness: 0.4, gray: 0.6 });
        self.space(after);
    }

    fn table(&mut self, t: &Table) {
        self.ensure(t.first_chunk());
        self.table_header(t);
        let lead = t.leading();
        let fresh = FRAME_BOTTOM - FRAME_TOP - t.header_h();
        for row in &t.rows {
            let n = Table::row_lines(row);
            let mut from = 0;
            while from < n {
                let avail = FRAME_BOTTOM - self.y;
                let need = 2.0 * t.pad_y() + (n - from) as f32 * lead;
                if need <= avail + 0.01 {
                    self.row_segment(t, row, from, n);
                    break;
                }
                // Does not fit here. A row that fits on a page moves there whole; a taller one
                // is split between lines.
                let fits = ((avail - 2.0 * t.pad_y()) / lead + 0.001).floor().max(0.0) as usize;
                if (from == 0 && need <= fresh) || fits == 0 {
                    self.new_page();
                    self.table_header(t);
                    continue;
                }
                let to = from + fits.min(n - from);
                self.row_segment(t, row, from, to);
                from = to;
                self.new_page();
                self.table_header(t);
            }
        }
        self.space(t.after);
    }
}

/// Places the blocks on pages, each line once. When the closing part after [`Block::Tail`] would
/// stand alone on its page, the section before it (from its last level-1 heading) is moved to
/// that page too, if both fit there: a second pass with a page break before that heading.
pub(crate) fn paginate(fonts: &Fonts, blocks: &[Block]) -> Vec<Vec<Item>> {
    let (pages, tail_alone) = paginate_with(fonts, blocks, None);
    let Some(tail) = blocks.iter().position(|b| matches!(b, Block::Tail)) else { return pages };
    if !tail_alone {
        return pages;
    }
    let Some(section) = blocks[..tail].iter().rposition(|b| matches!(b, Block::Heading { style, .. } if *style == H1))
    else {
        return pages;
    };
    let together: f32 = blocks[section..].iter().map(Block::full_height).sum();
    if together > FRAME_BOTTOM - FRAME_TOP {
        return pages;
    }
    paginate_with(fonts, blocks, Some(section)).0
}

/// One pass; `break_before` starts a new page before that block. Also tells whether the tail
/// started a page of its own.
fn paginate_with(fonts: &Fonts, blocks: &[Block], break_before: Option<usize>) -> (Vec<Vec<Item>>, bool) {
    let mut p = Pager::new(fonts);
    let mut tail_alone = false;
    for (i, b) in blocks.iter().enumerate() {
        if break_before == Some(i) && !p.at_top() {
            p.new_page();
        }
        match b {
            Block::Heading { lines, style, before, after, rule } => {
                let before_here = if p.at_top() { 0.0 } else { *before };
                let rest = first_chunk(blocks, i + 1);
                p.ensure(before_here + b.height() - before + rest);
                p.heading(lines, *style, *before, *after, *rule);
            }
            Block::Para { lines, style, indent, after } => {
                p.ensure(lines.len().min(2) as f32 * style.leading);
                p.para(lines, *style, *indent, *after);
            }
            Block::Table(t) => p.table(t),
            Block::Bars { rows, after } => p.bars(rows, *after),
            Block::Gap(g) => p.space(*g),
            Block::Tail => {
                let rest: f32 = blocks[i + 1..].iter().map(Block::full_height).sum();
                if p.y + rest > FRAME_BOTTOM + 0.01 && !p.at_top() && rest <= FRAME_BOTTOM - FRAME_TOP {
                    p.new_page();
                    tail_alone = true;
                }
            }
        }
    }
    (p.pages, tail_alone)
}

/// Shortens `s` with an ellipsis to fit `width` (for a running header).
/// The running header and footer of every page of the app's A4 documents: »FORTROLIGT« and the
/// document's title (fitted) at the top, a line under it; a line, the document's footer text and
/// »Side N af M« at the bottom.
pub(crate) fn running_items(fonts: &Fonts, title: &str, footer: &str, no: usize, of: usize) -> Vec<Item> {
    let mut items = Vec::new();
    let right = MARGIN + CONTENT_W;
    let head_top = MARGIN;
    items.push(text_item(fonts, MARGIN, head_top, RUNNING_BOLD, "FORTROLIGT".into()));
    let title = fit(fonts, RUNNING, title, CONTENT_W - 90.0);
    let w = fonts.regular.width(&title, RUNNING.size);
    items.push(text_item(fonts, right - w, head_top, RUNNING, title));
    items.push(Item::Rule { x1: MARGIN, x2: right, y: head_top + RUNNING.leading + 4.0, thickness: 0.5, gray: 0.55 });
    let foot_top = PAGE_H - MARGIN - RUNNING.leading;
    items.push(Item::Rule { x1: MARGIN, x2: right, y: foot_top - 5.0, thickness: 0.5, gray: 0.55 });
    items.push(text_item(fonts, MARGIN, foot_top, RUNNING, footer.into()));
    let side = format!("Side {no} af {of}");
    let w = fonts.regular.width(&side, RUNNING.size);
    items.push(text_item(fonts, right - w, foot_top, RUNNING, side));
    items
}

pub(crate) fn fit(fonts: &Fonts, s: Style, text: &str, width: f32) -> String {
    let face = fonts.face(s.bold);
    if face.width(text, s.size) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut w = face.advance('…', s.size);
    for c in text.chars() {
        w += face.advance(c, s.size);
        if w > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

// ---------------------------------------------------------------------------------------------
// Building blocks

/// Turns text into blocks: headings, paragraphs, label/value lists and ruled tables in the
/// house style, wrapped to the content width.
pub(crate) struct Builder<'f> {
    pub fonts: &'f Fonts,
    pub blocks: Vec<Block>,
}

const LABEL_W: f32 = 118.0;

/// A ruled table's column width.
pub(crate) enum Width {
    Fixed(f32),
    /// The column's longest line (at most a third of the line).
    Fit,
    /// What the other columns leave.
    Fill,
}

impl Builder<'_> {
    pub fn wrap(&self, s: Style, width: f32, text: &str) -> Vec<String> {
        wrap(self.fonts, s, width, text)
    }

    fn heading(&mut self, s: Style, text: &str, before: f32, after: f32, rule: bool) {
        let lines = self.wrap(s, CONTENT_W, text);
        self.blocks.push(Block::Heading { lines, style: s, before, after, rule });
    }

    pub fn h1(&mut self, text: &str) {
        self.heading(H1, text, 16.0, 6.0, true);
    }

    pub fn h2(&mut self, text: &str) {
        self.heading(H2, text, 12.0, 3.0, false);
    }

    pub fn h3(&mut self, text: &str) {
        self.heading(H3, text, 5.0, 1.0, false);
    }

    pub fn para(&mut self, s: Style, text: &str, after: f32) {
        let mut lines = self.wrap(s, CONTENT_W, text);
        if lines.is_empty() {
            lines = self.wrap(s, CONTENT_W, "Ikke angivet.");
        }
        self.blocks.push(Block::Para { lines, style: s, indent: 0.0, after });
    }

    /// A plain two-column list: bold label, wrapped value.
    pub fn labelled(&mut self, rows: &[(&str, &str)], after: f32) {
        let value_w = CONTENT_W - LABEL_W;
        let rows = rows
            .iter()
            .map(|(label, value)| vec![self.wrap(LABEL, LABEL_W - 10.0, label), self.wrap(CELL, value_w, value)])
            .collect();
        self.blocks.push(Block::Table(Table {
            cols: vec![LABEL_W, value_w],
            header: None,
            rows,
            styles: vec![LABEL, CELL],
            ruled: false,
            after,
        }));
    }

    /// The audit chain's checkpoint in small type, with what it is for: the last lines of a
    /// document (finalized minutes, an access report), so it stands on the last page.
    pub fn checkpoint(&mut self, checkpoint: &str) {
        self.blocks.push(Block::Gap(10.0));
        let lines = self.wrap(NOTE, CONTENT_W, &format!("Revisionslog: {checkpoint}"));
        self.blocks.push(Block::Para { lines, style: NOTE, indent: 0.0, after: 0.0 });
        let lines = self.wrap(
            NOTE,
            CONTENT_W,
            "Kontrolpunkt for Tovholders revisionslog (kan efterprøves med \
             tovholder-cli audit verify --checkpoint).",
        );
        self.blocks.push(Block::Para { lines, style: NOTE, indent: 0.0, after: 0.0 });
    }

    /// A ruled table with a header row; one [`Width`] per column.
    pub fn ruled(&mut self, heads: &[&str], widths: &[Width], rows: Vec<Vec<String>>) {
        let pad = 8.0;
        let mut cols: Vec<f32> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| match w {
                Width::Fixed(w) => *w,
                Width::Fill => 0.0,
                Width::Fit => {
                    let natural = |s: Style, t: &str| {
                        let face = self.fonts.face(s.bold);
                        clean(face, t).split('\n').map(|l| face.width(l, s.size)).fold(0.0, f32::max)
                    };
                    let widest = rows.iter().map(|r| natural(CELL, &r[i])).fold(natural(CELL_HEAD, heads[i]), f32::max);
                    (widest + pad + 1.0).min(CONTENT_W / 3.0)
                }
            })
            .collect();
        let used: f32 = cols.iter().sum();
        for (c, w) in cols.iter_mut().zip(widths) {
            if matches!(w, Width::Fill) {
                *c = (CONTENT_W - used).max(60.0);
            }
        }
        let inner = |w: f32| w - pad;
        let header = heads.iter().zip(&cols).map(|(h, w)| self.wrap(CELL_HEAD, inner(*w), h)).collect();
        let rows = rows
            .iter()
            .map(|row| row.iter().zip(&cols).map(|(c, w)| self.wrap(CELL, inner(*w), c)).collect())
            .collect();
        self.blocks.push(Block::Table(Table {
            cols: cols.clone(),
            header: Some(header),
            rows,
            styles: vec![CELL; cols.len()],
            ruled: true,
            after: 4.0,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        super::fonts().unwrap()
    }

    #[test]
    fn measures_with_the_fonts_advances() {
        let f = fonts();
        // DejaVu Sans: 2048 units per em, "a" advances 1255 units, bold "a" 1382.
        assert!((f.regular.width("a", 2048.0) - 1255.0).abs() < 0.01);
        assert!((f.bold.width("a", 2048.0) - 1382.0).abs() < 0.01);
        for c in ['æ', 'ø', 'å', 'Æ', 'Ø', 'Å', 'Ç', 'Ł', 'ễ', '§', '—', '·', '…'] {
            assert!(f.regular.has(c) && f.bold.has(c), "{c}");
        }
    }

    #[test]
    fn wraps_within_the_width_and_breaks_long_words() {
        let f = fonts();
        let long = "x".repeat(300);
        let text = format!("Kort indledning.\n\nEn {long} slutning med Nguyễn og Łukasz.");
        let lines = wrap(f, BODY, 200.0, &text);
        assert!(lines.len() > 4, "{lines:?}");
        assert_eq!(lines[0], "Kort indledning.");
        assert_eq!(lines[1], "", "a blank line is kept");
        for l in &lines {
            assert!(f.regular.width(l, BODY.size) <= 200.0 + 0.01, "{l}");
        }
        let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, expected, "nothing lost or added");
        assert!(wrap(f, BODY, 200.0, "  \n ").is_empty());
    }

    #[test]
    fn nfd_input_is_composed_and_missing_glyphs_are_marked() {
        let f = fonts();
        let lines = wrap(f, BODY, 400.0, "Nguye\u{302}\u{303}n \u{4E2D}");
        assert_eq!(lines, vec!["Nguyễn \u{FFFD}".to_string()]);
    }
}
