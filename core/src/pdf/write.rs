//! Laid-out pages to PDF bytes, with printpdf.
//!
//! printpdf gives every document a random /ID and names fonts with random
//! ids; both would make two renders of the same record differ. So the fonts
//! get fixed ids here, and after printpdf has built its object tree the
//! trailer /ID and the document information dictionary are replaced with
//! values derived from the document alone (its details and generated-at
//! time) before the file is written.
//!
//! From layout 3 every file names its language (British English) in the
//! catalogue and asks viewers to show its title rather than its file name,
//! as PDF/UA asks. printpdf 0.8 writes no structure tree, so headings and
//! tables are not tagged: a screen reader reads the text in drawing order.
//! Layout 2 is written exactly as it was, so older files can be re-rendered
//! and checked.

use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Object, StringFormat};
use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, Rect, Rgb, TextItem, TextMatrix,
};
use sha2::{Digest, Sha256};

use super::font::{metrics, Face};
use super::layout::{Colour, Item, Page, PAGE_HEIGHT, PAGE_WIDTH};
use super::meta::{meta_string, META_KEY};
use super::Document;
use crate::{Error, Result};

/// Fixed font resource names. printpdf uses the first six letters as the
/// subset tag, which the PDF standard wants to be six capitals.
fn font_id(face: Face) -> FontId {
    FontId(
        match face {
            Face::Regular => "APPRSR",
            Face::Bold => "APPRSB",
        }
        .to_owned(),
    )
}

/// The language every document is written in.
const LANGUAGE: &str = "en-GB";

pub fn write(doc: &Document, pages: &[Page], layout: u32) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.title);
    // The reduced faces unless a character needs the whole font; the same
    // document always makes the same choice.
    let reduced = pages.iter().flat_map(Page::texts).all(|text| {
        text.chars()
            .all(|c| metrics(Face::Regular).reduced_has(c) && metrics(Face::Bold).reduced_has(c))
    });
    for face in [Face::Regular, Face::Bold] {
        let m = metrics(face);
        let parsed = if reduced { &m.reduced } else { &m.full };
        pdf.resources
            .fonts
            .map
            .insert(font_id(face), PdfFont::new(parsed.clone()));
    }
    pdf.pages = pages.iter().map(page).collect();

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);

    let meta = meta_string(&doc.meta, layout);
    if layout >= 3 {
        let catalog = lo
            .catalog_mut()
            .map_err(|e| Error::Io(format!("The PDF could not be written: {e}")))?;
        catalog.set(
            "Lang",
            Object::String(LANGUAGE.as_bytes().to_vec(), StringFormat::Literal),
        );
        let mut viewer = lopdf::Dictionary::new();
        viewer.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", Object::Dictionary(viewer));
    }
    let info = info_dictionary(doc, &meta);
    match lo.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => {
            let id = *id;
            lo.set_object(id, info);
        }
        _ => {
            let id = lo.add_object(info);
            lo.trailer.set("Info", Object::Reference(id));
        }
    }
    // The file identifier names this rendering of this record version; both
    // halves are equal because the file is never updated in place.
    let id: Vec<u8> = Sha256::digest(meta.as_bytes())[..16].to_vec();
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    compress(&mut lo)?;
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::Io(format!("The PDF could not be written: {e}")))?;
    Ok(bytes)
}

/// Deflates every stream that is not already compressed, at the fastest
/// level: lopdf's own `compress` uses the slowest, which took half the time
/// of a render to make the file a fifth smaller.
fn compress(lo: &mut lopdf::Document) -> Result<()> {
    thread_local! {
        // Setting up a compressor costs more than compressing a page, so
        // each thread keeps one and resets it between streams.
        static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), true));
    }
    DEFLATE.with_borrow_mut(|deflate| {
        for object in lo.objects.values_mut() {
            if let Object::Stream(stream) = object {
                if !stream.allows_compression || stream.dict.has(b"Filter") {
                    continue;
                }
                let deflated = zlib(deflate, &stream.content)
                    .map_err(|e| Error::Io(format!("The PDF could not be compressed: {e}")))?;
                if deflated.len() < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(deflated);
                }
            }
        }
        Ok(())
    })
}

/// `data` as a zlib stream, from a compressor in its initial state.
fn zlib(deflate: &mut Compress, data: &[u8]) -> std::result::Result<Vec<u8>, flate2::CompressError> {
    deflate.reset();
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let consumed = deflate.total_in() as usize;
        let status = deflate.compress_vec(&data[consumed..], &mut out, FlushCompress::Finish)?;
        if status == Status::StreamEnd {
            return Ok(out);
        }
        out.reserve(out.capacity().max(1024));
    }
}

fn info_dictionary(doc: &Document, meta: &str) -> lopdf::Dictionary {
    let when = format!("D:{}", doc.meta.generated_at.format("%Y%m%d%H%M%S"));
    let title = [doc.title.as_str(), doc.subtitle.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let mut info = lopdf::Dictionary::new();
    info.set("Title", text_string(&title));
    info.set("Author", text_string(&doc.department));
    info.set("Creator", text_string("Appraise"));
    info.set("Producer", text_string("Appraise (printpdf)"));
    info.set(
        "CreationDate",
        Object::String(when.clone().into_bytes(), StringFormat::Literal),
    );
    info.set("ModDate", Object::String(when.into_bytes(), StringFormat::Literal));
    // Plain ASCII with no parentheses or backslashes (see `meta_string`), so
    // it appears in the file exactly as written and `read_meta` finds it
    // with a byte search even in a damaged file.
    info.set(
        META_KEY,
        Object::String(meta.as_bytes().to_vec(), StringFormat::Literal),
    );
    info
}

/// A PDF text string: UTF-16BE with a byte-order mark, so any name is kept.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn colour(c: Colour) -> Color {
    Color::Rgb(Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

/// A coordinate to a hundredth of a point, far finer than print: shorter
/// numbers in the content stream are quicker to write and to compress.
fn round(v: f32) -> Pt {
    Pt((v * 100.0).round() / 100.0)
}

fn point(x: f32, y_from_top: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: round(x),
            y: round(PAGE_HEIGHT - y_from_top),
        },
        bezier: false,
    }
}

fn rect(x: f32, y_from_top: f32, w: f32, h: f32, mode: PaintMode) -> Rect {
    Rect {
        x: round(x),
        y: round(PAGE_HEIGHT - y_from_top - h),
        width: round(w),
        height: round(h),
        mode: Some(mode),
        winding_order: None,
    }
}

/// One page's operations: fills first, then rules, then text on top.
fn page(page: &Page) -> PdfPage {
    let mut ops = vec![Op::SaveGraphicsState];
    let mut fill_colour = None;
    for item in &page.items {
        if let Item::Fill { x, y, w, h, colour: c } = item {
            if fill_colour != Some(*c) {
                ops.push(Op::SetFillColor { col: colour(*c) });
                fill_colour = Some(*c);
            }
            ops.push(Op::DrawRectangle {
                rectangle: rect(*x, *y, *w, *h, PaintMode::Fill),
            });
        }
    }
    let mut stroke = None;
    for item in &page.items {
        let (width, c) = match item {
            Item::Line { width, colour, .. } | Item::Frame { width, colour, .. } => (*width, *colour),
            _ => continue,
        };
        if stroke != Some((width, c)) {
            ops.push(Op::SetOutlineColor { col: colour(c) });
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            stroke = Some((width, c));
        }
        match item {
            Item::Line { x1, y1, x2, y2, .. } => ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(*x1, *y1), point(*x2, *y2)],
                    is_closed: false,
                },
            }),
            Item::Frame { x, y, w, h, .. } => ops.push(Op::DrawRectangle {
                rectangle: rect(*x, *y, *w, *h, PaintMode::Stroke),
            }),
            _ => {}
        }
    }
    ops.push(Op::StartTextSection);
    let mut font = None;
    for item in &page.items {
        if let Item::Text {
            x,
            y,
            face,
            size,
            colour: c,
            text,
        } = item
        {
            if font != Some((*face, *size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(*face)),
                    size: Pt(*size),
                });
                font = Some((*face, *size));
            }
            if fill_colour != Some(*c) {
                ops.push(Op::SetFillColor { col: colour(*c) });
                fill_colour = Some(*c);
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(round(*x), round(PAGE_HEIGHT - y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
        }
    }
    ops.push(Op::EndTextSection);
    ops.push(Op::RestoreGraphicsState);
    PdfPage::new(
        printpdf::Mm::from(Pt(PAGE_WIDTH)),
        printpdf::Mm::from(Pt(PAGE_HEIGHT)),
        ops,
    )
}
