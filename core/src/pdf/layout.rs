//! Where every word goes: wraps text by measuring glyph widths, breaks
//! blocks across A4 pages and puts the running header and footer on each.
//!
//! The output is a list of pages of positioned text, lines and fills, in
//! points measured from the top-left corner of the page. Nothing here knows
//! about PDF; [`super::write`] turns the pages into one.
//!
//! The rule that matters most: no word is ever dropped. Text is wrapped at
//! spaces, a word wider than its column is broken between characters, a
//! table row that does not fit moves to the next page under a repeated
//! header row, and a row taller than a whole page is split line by line.

use super::font::{width, Face};
use super::{display_date_time, Block, Column, Document, SignatureBlock};

/// A4, in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// 18 mm each side: room for a hole punch and a binder.
pub const MARGIN_X: f32 = 51.0;
const MARGIN_TOP: f32 = 36.0;
const MARGIN_BOTTOM: f32 = 30.0;
const BODY_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;

const BODY_SIZE: f32 = 10.0;
const BODY_LEADING: f32 = 13.5;
const HEADING_SIZE: f32 = 13.0;
const HEADING_LEADING: f32 = 16.0;
const TABLE_SIZE: f32 = 8.5;
const TABLE_LEADING: f32 = 11.0;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;
const NOTE_SIZE: f32 = 8.5;
const NOTE_LEADING: f32 = 11.0;
const RUNNING_SIZE: f32 = 7.5;
const RUNNING_LEADING: f32 = 9.5;
const FOOTER_SIZE: f32 = 7.0;
const FOOTER_LEADING: f32 = 9.0;
/// Space after a paragraph, table or list.
const BLOCK_GAP: f32 = 8.0;
/// Label column of a label/value list, as a share of the body width.
const LABEL_SHARE: f32 = 0.3;
const LABEL_GAP: f32 = 10.0;
/// Room above a blank signature line for a signature in ink (about 10 mm).
const INK_ROOM: f32 = 28.0;

/// An RGB colour, 0-255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

// The NHS identity palette, so the print matches the screen.
pub const TEXT: Colour = Colour(0x21, 0x2B, 0x32);
pub const BLUE: Colour = Colour(0x00, 0x5E, 0xB8);
pub const SECONDARY: Colour = Colour(0x4C, 0x61, 0x72);
pub const BORDER: Colour = Colour(0xAE, 0xB7, 0xBD);
pub const PALE: Colour = Colour(0xE8, 0xED, 0xEE);

/// How a run of text is set: face, size and colour, and the height of its
/// line box.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Style {
    face: Face,
    size: f32,
    leading: f32,
    colour: Colour,
}

const fn style(face: Face, size: f32, leading: f32, colour: Colour) -> Style {
    Style {
        face,
        size,
        leading,
        colour,
    }
}

const MARKING: Style = style(Face::Bold, RUNNING_SIZE, RUNNING_LEADING, TEXT);
const RUNNING: Style = style(Face::Regular, RUNNING_SIZE, RUNNING_LEADING, SECONDARY);
const TRUST: Style = style(Face::Bold, 11.0, 14.0, TEXT);
const DEPARTMENT: Style = style(Face::Regular, 10.0, 13.0, SECONDARY);
const TITLE: Style = style(Face::Bold, 20.0, 25.0, BLUE);
const SUBTITLE: Style = style(Face::Regular, 11.0, 14.0, TEXT);
const HEADING: Style = style(Face::Bold, HEADING_SIZE, HEADING_LEADING, BLUE);
const BODY: Style = style(Face::Regular, BODY_SIZE, BODY_LEADING, TEXT);
const LABEL: Style = style(Face::Bold, BODY_SIZE, BODY_LEADING, TEXT);
const NOTE: Style = style(Face::Regular, NOTE_SIZE, NOTE_LEADING, SECONDARY);
/// The words beside a blank line on an unsigned form: "Name", "Date".
const FIELD: Style = style(Face::Regular, BODY_SIZE, BODY_LEADING, SECONDARY);
const CELL: Style = style(Face::Regular, TABLE_SIZE, TABLE_LEADING, TEXT);
const CELL_HEADER: Style = style(Face::Bold, TABLE_SIZE, TABLE_LEADING, TEXT);

/// One thing drawn on a page. `y` is from the top of the page; for text it
/// is the baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        colour: Colour,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        colour: Colour,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
    },
    /// A rectangle's outline; `y` is its top.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        width: f32,
        colour: Colour,
    },
}

/// A laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

impl Page {
    /// The page's text in drawing order, one string per line drawn.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|item| match item {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// Lays `doc` out on A4 pages, footers included.
pub fn layout(doc: &Document) -> Vec<Page> {
    let footer_height = footer_lines(doc, 9999, 9999).len() as f32 * FOOTER_LEADING + 6.0;
    let mut l = Layout {
        doc,
        pages: Vec::new(),
        y: 0.0,
        bottom: PAGE_HEIGHT - MARGIN_BOTTOM - footer_height - 8.0,
        top: 0.0,
    };
    l.first_page();
    for (i, block) in doc.blocks.iter().enumerate() {
        l.block(block, doc.blocks.get(i + 1));
    }
    let total = l.pages.len();
    for (n, page) in l.pages.iter_mut().enumerate() {
        footer(doc, page, n + 1, total);
    }
    l.pages
}

struct Layout<'a> {
    doc: &'a Document,
    pages: Vec<Page>,
    /// The top of the next thing to place.
    y: f32,
    /// Nothing of the body goes below this.
    bottom: f32,
    /// Where the body starts on the current page.
    top: f32,
}

impl Layout<'_> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page has been started")
    }

    /// A line of text whose line box has its top at `top`.
    fn text(&mut self, x: f32, top: f32, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        self.page().items.push(Item::Text {
            x,
            y: baseline(top, style.leading, style.size),
            face: style.face,
            size: style.size,
            colour: style.colour,
            text: text.to_owned(),
        });
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, colour: Colour) {
        self.page().items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            colour,
        });
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        self.page().items.push(Item::Fill { x, y, w, h, colour });
    }

    fn frame(&mut self, y: f32, h: f32) {
        self.page().items.push(Item::Frame {
            x: MARGIN_X,
            y,
            w: BODY_WIDTH,
            h,
            width: 0.5,
            colour: BORDER,
        });
    }

    /// The marking, top right on every page.
    fn marking(&mut self) -> f32 {
        let marking = self.doc.marking.clone();
        let mut y = MARGIN_TOP;
        for line in wrap(&marking, Face::Bold, RUNNING_SIZE, BODY_WIDTH) {
            let x = MARGIN_X + BODY_WIDTH - width(Face::Bold, &line, RUNNING_SIZE);
            self.text(x, y, MARKING, &line);
            y += RUNNING_LEADING;
        }
        y
    }

    /// Page 1: the marking, the trust and department, the title and subtitle.
    fn first_page(&mut self) {
        self.pages.push(Page::default());
        let doc = self.doc;
        let mut y = self.marking() + 4.0;
        for (text, style) in [(&doc.trust, TRUST), (&doc.department, DEPARTMENT)] {
            for line in wrap(text, style.face, style.size, BODY_WIDTH) {
                self.text(MARGIN_X, y, style, &line);
                y += style.leading;
            }
        }
        y += 8.0;
        for line in wrap(&doc.title, Face::Bold, 20.0, BODY_WIDTH) {
            self.text(MARGIN_X, y, TITLE, &line);
            y += 25.0;
        }
        for line in wrap(&doc.subtitle, Face::Regular, 11.0, BODY_WIDTH) {
            self.text(MARGIN_X, y, SUBTITLE, &line);
            y += 14.0;
        }
        y += 6.0;
        self.line(MARGIN_X, y, MARGIN_X + BODY_WIDTH, y, 1.5, BLUE);
        self.y = y + 10.0;
        self.top = self.y;
    }

    /// Later pages: the marking, and the title and subtitle small, so a
    /// loose page still says what it belongs to.
    fn next_page(&mut self) {
        self.pages.push(Page::default());
        let after_marking = self.marking();
        let running = [self.doc.title.as_str(), self.doc.subtitle.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let marking_width = width(Face::Bold, &self.doc.marking, RUNNING_SIZE);
        // Beside the marking if there is room, else under it.
        let room = BODY_WIDTH - marking_width - 12.0;
        let mut y = if width(Face::Regular, &running, RUNNING_SIZE) <= room {
            MARGIN_TOP
        } else {
            after_marking
        };
        let wrap_width = if y == MARGIN_TOP { room } else { BODY_WIDTH };
        for line in wrap(&running, Face::Regular, RUNNING_SIZE, wrap_width) {
            self.text(MARGIN_X, y, RUNNING, &line);
            y += RUNNING_LEADING;
        }
        let y = y.max(after_marking) + 3.0;
        self.line(MARGIN_X, y, MARGIN_X + BODY_WIDTH, y, 0.5, BORDER);
        self.y = y + 10.0;
        self.top = self.y;
    }

    fn room(&self) -> f32 {
        self.bottom - self.y
    }

    fn at_page_top(&self) -> bool {
        self.y <= self.top
    }

    /// Starts a new page unless `height` fits below the cursor.
    fn ensure(&mut self, height: f32) {
        if height > self.room() && !self.at_page_top() {
            self.next_page();
        }
    }

    fn block(&mut self, block: &Block, next: Option<&Block>) {
        match block {
            Block::Heading(text) => self.heading(text, next),
            Block::Paragraph(text) => {
                self.lines(text, BODY);
                self.y += BLOCK_GAP;
            }
            Block::Note(text) => {
                self.lines(text, NOTE);
                self.y += BLOCK_GAP;
            }
            Block::KeyValues(pairs) => self.key_values(pairs),
            Block::Table { columns, rows } => self.table(columns, rows),
            Block::Signatures(blocks) => {
                // The signatures stay together on one page where they fit.
                let all = signatures_height(blocks);
                if all <= self.bottom - self.top {
                    self.ensure(all);
                }
                for b in blocks {
                    self.signature(b);
                }
            }
        }
    }

    fn heading(&mut self, text: &str, next: Option<&Block>) {
        let lines = wrap(text, Face::Bold, HEADING_SIZE, BODY_WIDTH);
        let space_before = if self.at_page_top() { 0.0 } else { 8.0 };
        let own = space_before + lines.len() as f32 * HEADING_LEADING + 4.0;
        // Keep a heading with the start of what it heads.
        self.ensure(own + first_step(next));
        if !self.at_page_top() {
            self.y += space_before;
        }
        for line in &lines {
            self.text(MARGIN_X, self.y, HEADING, line);
            self.y += HEADING_LEADING;
        }
        self.y += 4.0;
    }

    /// Wrapped lines down the page, breaking pages between lines.
    fn lines(&mut self, text: &str, style: Style) {
        for line in wrap(text, style.face, style.size, BODY_WIDTH) {
            self.ensure(style.leading);
            self.text(MARGIN_X, self.y, style, &line);
            self.y += style.leading;
        }
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        let label_width = BODY_WIDTH * LABEL_SHARE;
        let value_x = MARGIN_X + label_width + LABEL_GAP;
        let value_width = BODY_WIDTH - label_width - LABEL_GAP;
        for (label, value) in pairs {
            let labels = wrap(label, Face::Bold, BODY_SIZE, label_width);
            let values = wrap(value, Face::Regular, BODY_SIZE, value_width);
            for i in 0..labels.len().max(values.len()) {
                self.ensure(BODY_LEADING);
                if let Some(l) = labels.get(i) {
                    self.text(MARGIN_X, self.y, LABEL, l);
                }
                if let Some(v) = values.get(i) {
                    self.text(value_x, self.y, BODY, v);
                }
                self.y += BODY_LEADING;
            }
            self.y += 3.0;
        }
        self.y += BLOCK_GAP - 3.0;
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let grid = Grid::new(columns);
        let header: Vec<Vec<String>> = columns
            .iter()
            .zip(&grid.widths)
            .map(|(c, w)| wrap(&c.title, Face::Bold, TABLE_SIZE, w - 2.0 * CELL_PAD_X))
            .collect();
        let header_height = row_height(&header);
        let empty = [vec!["None recorded.".to_owned()]];
        let cells: Vec<Vec<Vec<String>>> = rows
            .iter()
            .map(|row| {
                grid.widths
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        let text = row.get(i).map(String::as_str).unwrap_or("");
                        wrap(text, Face::Regular, TABLE_SIZE, w - 2.0 * CELL_PAD_X)
                    })
                    .collect()
            })
            .collect();

        // The header never sits alone at the foot of a page: it goes with
        // the whole first row (or two lines of one taller than a page).
        let one_line = TABLE_LEADING + 2.0 * CELL_PAD_Y;
        self.ensure(table_start_height(columns, rows));
        self.table_header(&grid, &header, header_height);

        if rows.is_empty() {
            let h = row_height(&empty);
            self.ensure(h);
            self.cell_text(MARGIN_X, self.y, &empty[0], 0, 1, SECONDARY);
            self.row_rules(&Grid::new(&[Column::new("", 1.0)]), self.y, h);
            self.y += h;
        }

        for row in &cells {
            let lines = row.iter().map(Vec::len).max().unwrap_or(0).max(1);
            let height = lines as f32 * TABLE_LEADING + 2.0 * CELL_PAD_Y;
            let page_room = self.bottom - self.top - header_height;
            if height > self.room() {
                if height <= page_room {
                    // The whole row fits on a fresh page: move it there.
                    self.next_page();
                    self.table_header(&grid, &header, header_height);
                } else if self.room() < one_line {
                    self.next_page();
                    self.table_header(&grid, &header, header_height);
                }
            }
            // Draw the row, splitting it between pages if it is taller
            // than the room left (only a row taller than a page is).
            let mut from = 0;
            while from < lines {
                let fit = ((self.room() - 2.0 * CELL_PAD_Y) / TABLE_LEADING).floor().max(1.0) as usize;
                let to = lines.min(from + fit);
                let h = (to - from) as f32 * TABLE_LEADING + 2.0 * CELL_PAD_Y;
                let top = self.y;
                let mut x = MARGIN_X;
                for (cell, w) in row.iter().zip(&grid.widths) {
                    self.cell_text(x, top, cell, from, to, TEXT);
                    x += w;
                }
                self.row_rules(&grid, top, h);
                self.y += h;
                from = to;
                if from < lines {
                    self.next_page();
                    self.table_header(&grid, &header, header_height);
                }
            }
        }
        self.y += BLOCK_GAP + 2.0;
    }

    fn table_header(&mut self, grid: &Grid, header: &[Vec<String>], height: f32) {
        let top = self.y;
        self.fill(MARGIN_X, top, BODY_WIDTH, height, PALE);
        let mut x = MARGIN_X;
        for (lines, w) in header.iter().zip(&grid.widths) {
            for (i, line) in lines.iter().enumerate() {
                let line_top = top + CELL_PAD_Y + i as f32 * TABLE_LEADING;
                self.text(x + CELL_PAD_X, line_top, CELL_HEADER, line);
            }
            x += w;
        }
        self.row_rules(grid, top, height);
        self.line(
            MARGIN_X,
            top + height,
            MARGIN_X + BODY_WIDTH,
            top + height,
            1.0,
            SECONDARY,
        );
        self.y += height;
    }

    fn cell_text(&mut self, x: f32, top: f32, lines: &[String], from: usize, to: usize, colour: Colour) {
        for (i, line) in lines.iter().enumerate().take(to).skip(from) {
            let line_top = top + CELL_PAD_Y + (i - from) as f32 * TABLE_LEADING;
            self.text(x + CELL_PAD_X, line_top, Style { colour, ..CELL }, line);
        }
    }

    /// The box around a row and the rules between its cells.
    fn row_rules(&mut self, grid: &Grid, top: f32, height: f32) {
        self.frame(top, height);
        let mut x = MARGIN_X;
        for w in &grid.widths[..grid.widths.len() - 1] {
            x += w;
            self.line(x, top, x, top + height, 0.5, BORDER);
        }
    }

    fn signature(&mut self, block: &SignatureBlock) {
        let pad = SIGNATURE_PAD;
        let inner = BODY_WIDTH - 2.0 * pad;
        let x = MARGIN_X + pad;
        let label = wrap(&block.label, Face::Bold, BODY_SIZE, inner);
        let height = signature_height(block);
        // A signature block is never split between pages.
        self.ensure(height + SIGNATURE_GAP);
        let top = self.y;
        let mut y = top + pad;
        for line in &label {
            self.text(x, y, LABEL, line);
            y += BODY_LEADING;
        }
        y += 4.0;
        match &block.signed {
            Some(s) => {
                for line in wrap(&signed_text(s), Face::Regular, BODY_SIZE, inner) {
                    self.text(x, y, BODY, &line);
                    y += BODY_LEADING;
                }
            }
            None => {
                // Blank lines to sign in ink: signature across the width,
                // then name and date side by side.
                y += INK_ROOM;
                self.blank_field(x, y, inner, "Signature");
                y += BODY_LEADING + 10.0;
                let name_width = inner * 0.62;
                self.blank_field(x, y, name_width - 12.0, "Name");
                self.blank_field(x + name_width, y, inner - name_width, "Date");
            }
        }
        self.frame(top, height);
        self.y = top + height + SIGNATURE_GAP;
    }

    /// "Name ________": a label, then a line to write on.
    fn blank_field(&mut self, x: f32, top: f32, field_width: f32, label: &str) {
        self.text(x, top, FIELD, label);
        let start = x + width(Face::Regular, label, BODY_SIZE) + 6.0;
        let y = baseline(top, BODY_LEADING, BODY_SIZE) + 1.5;
        self.line(start, y, x + field_width, y, 0.6, TEXT);
    }
}

/// Column positions of a table across the body width.
struct Grid {
    widths: Vec<f32>,
}

impl Grid {
    fn new(columns: &[Column]) -> Grid {
        let total: f32 = columns.iter().map(|c| c.width).sum();
        Grid {
            widths: columns.iter().map(|c| c.width / total * BODY_WIDTH).collect(),
        }
    }
}

const SIGNATURE_PAD: f32 = 8.0;
const SIGNATURE_GAP: f32 = 6.0;

/// The height of a signature block's box.
fn signature_height(block: &SignatureBlock) -> f32 {
    let inner = BODY_WIDTH - 2.0 * SIGNATURE_PAD;
    let label = wrap(&block.label, Face::Bold, BODY_SIZE, inner).len() as f32 * BODY_LEADING;
    let body = match &block.signed {
        Some(s) => wrap(&signed_text(s), Face::Regular, BODY_SIZE, inner).len() as f32 * BODY_LEADING,
        None => INK_ROOM + BODY_LEADING + 10.0 + BODY_LEADING,
    };
    SIGNATURE_PAD + label + 4.0 + body + SIGNATURE_PAD
}

fn signatures_height(blocks: &[SignatureBlock]) -> f32 {
    blocks.iter().map(|b| signature_height(b) + SIGNATURE_GAP).sum()
}

fn row_height(cells: &[Vec<String>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    lines as f32 * TABLE_LEADING + 2.0 * CELL_PAD_Y
}

/// What of a table must fit at the foot of a page for it to start there:
/// the header and the whole first row, or two lines of a first row taller
/// than half a page.
fn table_start_height(columns: &[Column], rows: &[Vec<String>]) -> f32 {
    let grid = Grid::new(columns);
    let height = |row: &dyn Fn(usize) -> (Face, String)| {
        let cells: Vec<Vec<String>> = grid
            .widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let (face, text) = row(i);
                wrap(&text, face, TABLE_SIZE, w - 2.0 * CELL_PAD_X)
            })
            .collect();
        row_height(&cells)
    };
    let header = height(&|i| (Face::Bold, columns[i].title.clone()));
    let first = match rows.first() {
        Some(r) => height(&|i| (Face::Regular, r.get(i).cloned().unwrap_or_default())),
        None => TABLE_LEADING + 2.0 * CELL_PAD_Y,
    };
    let one_line = TABLE_LEADING + 2.0 * CELL_PAD_Y;
    // A row this tall is split across pages rather than moved whole.
    header
        + if first <= PAGE_HEIGHT / 2.0 {
            first
        } else {
            one_line * 2.0
        }
}

/// How much of `next` must fit under a heading for the heading to stay on
/// this page: a few lines of text, or a table's header and first row.
fn first_step(next: Option<&Block>) -> f32 {
    match next {
        Some(Block::Table { columns, rows }) => table_start_height(columns, rows),
        Some(Block::Signatures(blocks)) => signatures_height(blocks).min(PAGE_HEIGHT / 2.0),
        Some(Block::Heading(_)) | None => 0.0,
        Some(_) => 2.0 * BODY_LEADING,
    }
}

/// "Electronically signed by Zoë Ní Bhriain (Clinical coder) on 21/11/2026 at 14:05".
fn signed_text(s: &super::Signature) -> String {
    let role = if s.role.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", s.role.trim())
    };
    format!(
        "Electronically signed by {}{role} on {}",
        s.name.trim(),
        display_date_time(s.at)
    )
}

/// The baseline of a line of `size`-point text in a line box of `leading`
/// whose top is `top`: DejaVu Sans rises 0.93 em above and drops 0.24 em
/// below its baseline, centred in the box.
fn baseline(top: f32, leading: f32, size: f32) -> f32 {
    top + (leading - 1.164 * size) / 2.0 + 0.928 * size
}

/// "Page 2 of 4 · Record APR-000001 version 1 · Generated 21/11/2026 at
/// 14:05" and "SHA-256 e00d…".
fn footer_text(doc: &Document, page: usize, total: usize) -> (String, String) {
    let m = &doc.meta;
    (
        format!(
            "Page {page} of {total} · Record {} version {} · Generated {}",
            m.record_id,
            m.version,
            display_date_time(m.generated_at)
        ),
        format!("SHA-256 {}", m.content_sha256),
    )
}

/// The footer on one line if it fits; else the hash gets a line of its own,
/// so that "SHA-256" and the hash are never parted.
fn footer_lines(doc: &Document, page: usize, total: usize) -> Vec<String> {
    let (record, hash) = footer_text(doc, page, total);
    let whole = format!("{record} · {hash}");
    if width(Face::Regular, &whole, FOOTER_SIZE) <= BODY_WIDTH {
        return vec![whole];
    }
    let mut lines = wrap(&record, Face::Regular, FOOTER_SIZE, BODY_WIDTH);
    lines.extend(wrap(&hash, Face::Regular, FOOTER_SIZE, BODY_WIDTH));
    lines
}

fn footer(doc: &Document, page: &mut Page, n: usize, total: usize) {
    let lines = footer_lines(doc, n, total);
    let mut y = PAGE_HEIGHT - MARGIN_BOTTOM - lines.len() as f32 * FOOTER_LEADING;
    page.items.push(Item::Line {
        x1: MARGIN_X,
        y1: y - 4.0,
        x2: MARGIN_X + BODY_WIDTH,
        y2: y - 4.0,
        width: 0.5,
        colour: BORDER,
    });
    for line in lines {
        page.items.push(Item::Text {
            x: MARGIN_X,
            y: baseline(y, FOOTER_LEADING, FOOTER_SIZE),
            face: Face::Regular,
            size: FOOTER_SIZE,
            colour: SECONDARY,
            text: line,
        });
        y += FOOTER_LEADING;
    }
}

/// Breaks `text` into lines no wider than `max` points. Runs of spaces
/// become one space; a newline always starts a new line (a blank line stays
/// blank); a word wider than `max` is broken between characters. Joining the
/// lines' words gives back every word of `text`.
pub fn wrap(text: &str, face: Face, size: f32, max: f32) -> Vec<String> {
    let space = width(face, " ", size);
    let mut lines = Vec::new();
    for hard_line in text.lines() {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in hard_line.split_whitespace() {
            // Control characters have no glyph: leave them out.
            let cleaned: String;
            let word = if word.chars().any(char::is_control) {
                cleaned = word.chars().filter(|c| !c.is_control()).collect();
                cleaned.as_str()
            } else {
                word
            };
            if word.is_empty() {
                continue;
            }
            let w = width(face, word, size);
            if !line.is_empty() && line_width + space + w <= max {
                line.push(' ');
                line.push_str(word);
                line_width += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if w <= max {
                line = word.to_owned();
                line_width = w;
            } else {
                // Too wide for any line: break it where it reaches the edge.
                let mut pieces = break_word(word, face, size, max);
                let last = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
                line_width = width(face, &last, size);
                line = last;
            }
        }
        lines.push(line);
    }
    // Trailing blank lines add nothing but space.
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Splits a word into pieces that each fit in `max`: after a hyphen where
/// one fits ("Self-" / "assessed"), else between characters, and at least
/// one character a piece so that even an absurdly narrow column makes
/// progress.
fn break_word(word: &str, face: Face, size: f32, max: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = word;
    while width(face, rest, size) > max {
        let mut end = 0;
        let mut after_hyphen = None;
        for (i, c) in rest.char_indices() {
            let next = i + c.len_utf8();
            if end > 0 && width(face, &rest[..next], size) > max {
                break;
            }
            end = next;
            if c == '-' && next < rest.len() {
                after_hyphen = Some(next);
            }
        }
        let cut = after_hyphen.unwrap_or(end);
        pieces.push(rest[..cut].to_owned());
        rest = &rest[cut..];
    }
    pieces.push(rest.to_owned());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::sample;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word_in_order() {
        let text = sample::lorem(700, 3);
        let lines = wrap(&text, Face::Regular, 10.0, 200.0);
        assert!(lines.len() > 20, "a long text wraps onto many lines: {}", lines.len());
        for line in &lines {
            let w = width(Face::Regular, line, 10.0);
            assert!(w <= 200.0, "line {line:?} is {w} wide");
        }
        assert_eq!(words(&lines.join(" ")), words(&text), "no word lost or reordered");
    }

    #[test]
    fn a_word_wider_than_the_column_is_broken_not_cut() {
        let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let lines = wrap(&format!("SHA-256 {hash} end"), Face::Regular, 9.0, 80.0);
        assert!(lines.len() >= 4, "the hash takes several lines: {lines:?}");
        for line in &lines {
            assert!(width(Face::Regular, line, 9.0) <= 80.0, "{line:?} fits");
        }
        let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, format!("SHA-256{hash}end"), "every character survives");
    }

    #[test]
    fn newlines_start_new_lines_and_blank_lines_survive_inside_text() {
        let lines = wrap("First line\n\nThird line\n", Face::Regular, 10.0, 400.0);
        assert_eq!(lines, ["First line", "", "Third line"]);
        assert_eq!(
            wrap("", Face::Regular, 10.0, 400.0),
            [""],
            "empty text is one empty line"
        );
    }

    #[test]
    fn a_very_long_paragraph_runs_over_pages_without_losing_a_word() {
        let text = sample::lorem(5000, 11);
        let mut doc = sample::blank_document();
        doc.blocks = vec![Block::Heading("Comments".into()), Block::Paragraph(text.clone())];
        let pages = layout(&doc);
        assert!(pages.len() >= 8, "5,000 words fill many pages: {}", pages.len());
        let body: Vec<String> = pages
            .iter()
            .flat_map(|p| p.items.iter())
            .filter_map(|item| match item {
                Item::Text { text, size, colour, .. } if *size == BODY_SIZE && *colour == TEXT => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert!(words(&body.join(" ")) == words(&text), "every word, in order");
        for page in &pages {
            for item in &page.items {
                if let Item::Text { y, size, .. } = item {
                    assert!(*y < PAGE_HEIGHT - MARGIN_BOTTOM + 1.0, "text above the bottom margin");
                    if *size == BODY_SIZE {
                        assert!(*y < PAGE_HEIGHT - MARGIN_BOTTOM - 20.0, "body text clears the footer");
                    }
                }
            }
        }
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page_and_keeps_every_row() {
        let mut doc = sample::blank_document();
        let rows: Vec<Vec<String>> = (1..=300)
            .map(|i| vec![format!("Row{i}"), format!("Need{i} to learn"), format!("Done{i}")])
            .collect();
        doc.blocks = vec![Block::Table {
            columns: vec![
                Column::new("Ref", 1.0),
                Column::new("Learning need", 3.0),
                Column::new("Status", 1.0),
            ],
            rows,
        }];
        let pages = layout(&doc);
        assert!(pages.len() >= 5, "300 rows need several pages: {}", pages.len());
        for (n, page) in pages.iter().enumerate() {
            let headers = page.texts().filter(|t| *t == "Learning need").count();
            assert_eq!(headers, 1, "page {} has the header row once", n + 1);
        }
        let all: Vec<&str> = pages.iter().flat_map(Page::texts).collect();
        for i in 1..=300 {
            for cell in [format!("Row{i}"), format!("Done{i}")] {
                assert_eq!(all.iter().filter(|t| **t == cell).count(), 1, "{cell} printed once");
            }
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_line_by_line() {
        let mut doc = sample::blank_document();
        let huge = sample::lorem(3000, 5);
        doc.blocks = vec![Block::Table {
            columns: vec![Column::new("Objective", 1.0), Column::new("Evidence", 2.0)],
            rows: vec![
                vec!["Short".into(), huge.clone()],
                vec!["After".into(), "the end".into()],
            ],
        }];
        let pages = layout(&doc);
        assert!(pages.len() >= 3, "the row spills over pages: {}", pages.len());
        // The cells' text, less the header rows and the one-word cells.
        let cell_text: Vec<&str> = pages
            .iter()
            .flat_map(|p| p.items.iter())
            .filter_map(|item| match item {
                Item::Text {
                    text,
                    face: Face::Regular,
                    size,
                    ..
                } if *size == TABLE_SIZE => Some(text.as_str()),
                _ => None,
            })
            .filter(|t| !["Short", "After", "the end"].contains(t))
            .collect();
        assert!(
            words(&cell_text.join(" ")) == words(&huge),
            "every word of the huge cell, in order"
        );
    }

    #[test]
    fn the_footer_on_every_page_counts_the_pages_and_carries_the_hash() {
        let mut doc = sample::blank_document();
        doc.blocks = vec![Block::Paragraph(sample::lorem(2000, 2))];
        let pages = layout(&doc);
        let total = pages.len();
        for (n, page) in pages.iter().enumerate() {
            let footer: String = page
                .texts()
                .skip_while(|t| !t.starts_with("Page "))
                .collect::<Vec<_>>()
                .join(" ");
            assert!(footer.starts_with(&format!("Page {} of {total}", n + 1)), "{footer}");
            assert!(
                footer.contains(&doc.meta.content_sha256),
                "hash on page {}: {footer}",
                n + 1
            );
        }
    }

    #[test]
    fn an_unsigned_block_has_lines_to_sign_and_a_signed_one_says_who_and_when() {
        let mut doc = sample::blank_document();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap();
        doc.blocks = vec![Block::Signatures(vec![
            SignatureBlock {
                label: "Appraisee".into(),
                signed: Some(super::super::Signature {
                    name: "Zoë Ní Bhriain".into(),
                    role: "Clinical coder".into(),
                    at,
                }),
            },
            SignatureBlock {
                label: "Appraiser".into(),
                signed: None,
            },
        ])];
        let pages = layout(&doc);
        let texts: Vec<&str> = pages[0].texts().collect();
        assert!(
            texts.contains(&"Electronically signed by Zoë Ní Bhriain (Clinical coder) on 21/11/2026 at 14:05"),
            "{texts:?}"
        );
        for label in ["Signature", "Name", "Date"] {
            assert!(texts.contains(&label), "blank {label} line: {texts:?}");
        }
    }
}
