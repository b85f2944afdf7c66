//! PDFs as a reader gets them: the text poppler's pdftotext reads back, and
//! the pages pdftoppm draws. poppler-utils comes with scripts/setup.sh; a
//! machine without it skips these checks with a note rather than failing.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use appraise_core::pdf::layout::{MARGIN_X, PAGE_WIDTH};
use appraise_core::pdf::{layout, render, sample, Block, Column, Document};

fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("-v").output().is_ok();
    if !found {
        eprintln!("{tool} is not installed (poppler-utils): skipping this check");
    }
    found
}

/// The text in reading order, as a person copying it would get it.
fn pdftotext(pdf: &[u8]) -> String {
    pdftotext_with(pdf, &[])
}

/// The text in drawing order, word for word: unlike the default mode this
/// does not join a word broken after a hyphen at a line end ("Self-" /
/// "assessed") into one, so words compare one to one with the layout.
fn pdftotext_raw(pdf: &[u8]) -> String {
    pdftotext_with(pdf, &["-raw"])
}

fn pdftotext_with(pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(
        out.status.success(),
        "pdftotext reads the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

fn multiset<'a>(words: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for w in words {
        *counts.entry(w.to_owned()).or_insert(0) += 1;
    }
    counts
}

/// Every word laid out is in the file, as often as laid out, and nothing
/// else is; and every word of the document's blocks is among them.
fn assert_no_word_lost(doc: &Document) {
    let pdf = render(doc).unwrap();
    let read_back = pdftotext_raw(&pdf);
    let extracted = multiset(read_back.split_whitespace());
    let pages = layout(doc);
    let laid_out_text: Vec<&str> = pages.iter().flat_map(|p| p.texts()).collect();
    let laid_out = multiset(laid_out_text.iter().flat_map(|t| t.split_whitespace()));
    let missing: Vec<_> = laid_out
        .iter()
        .filter(|(w, n)| extracted.get(*w) != Some(n))
        .take(10)
        .collect();
    assert!(
        missing.is_empty(),
        "words read back differ from those laid out: {missing:?}"
    );
    assert_eq!(extracted.len(), laid_out.len(), "no extra words read back");

    let mut source = String::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(t) | Block::Note(t) | Block::Heading(t) => source.push_str(t),
            Block::Table { rows, .. } => {
                for cell in rows.iter().flatten() {
                    source.push_str(cell);
                    source.push(' ');
                }
            }
            _ => {}
        }
        source.push(' ');
    }
    for (word, n) in multiset(source.split_whitespace()) {
        let got = extracted.get(&word).copied().unwrap_or(0);
        assert!(
            got >= n,
            "{word:?} appears {n} times in the document but {got} times in the PDF"
        );
    }
}

#[test]
fn a_five_thousand_word_paragraph_reads_back_word_for_word() {
    if !have("pdftotext") {
        return;
    }
    let mut doc = sample::blank_document();
    doc.blocks = vec![
        Block::Heading("Appraiser's comments".into()),
        Block::Paragraph(sample::lorem(5000, 42)),
    ];
    assert_no_word_lost(&doc);
}

#[test]
fn a_three_hundred_row_table_reads_back_word_for_word() {
    if !have("pdftotext") {
        return;
    }
    let mut doc = sample::blank_document();
    doc.blocks = vec![
        Block::Heading("Personal development plan".into()),
        Block::Table {
            columns: vec![
                Column::new("Learning need", 3.0),
                Column::new("Activity", 3.0),
                Column::new("Target date", 1.2),
                Column::new("Status", 1.0),
            ],
            rows: (0..300)
                .map(|i| {
                    vec![
                        sample::lorem(3 + (i % 17) as usize, i),
                        sample::lorem(2 + (i % 29) as usize, 1000 + i),
                        format!("{:02}/{:02}/2026", 1 + i % 28, 1 + i % 12),
                        "In progress".into(),
                    ]
                })
                .collect(),
        },
    ];
    assert_no_word_lost(&doc);
}

#[test]
fn a_whole_appraisal_record_reads_back_word_for_word() {
    if !have("pdftotext") {
        return;
    }
    for n in 0..4 {
        assert_no_word_lost(&sample::appraisal(n, sample::blank_document().meta.generated_at));
    }
}

#[test]
fn names_with_accents_read_back_intact() {
    if !have("pdftotext") {
        return;
    }
    let mut doc = sample::appraisal(0, sample::blank_document().meta.generated_at);
    doc.blocks.insert(
        0,
        Block::KeyValues(vec![
            (
                "Colleagues".into(),
                "Zoë Ní Bhriain, Łukasz Wiśniewski and Siân Llewellyn".into(),
            ),
            (
                "Also".into(),
                "Aoife Ó Súilleabháin, Øyvind Hansen, José García, Bartłomiej".into(),
            ),
        ]),
    );
    let text = pdftotext(&render(&doc).unwrap());
    for name in [
        "Zoë Ní Bhriain",
        "Łukasz Wiśniewski",
        "Siân Llewellyn",
        "Aoife Ó Súilleabháin",
        "Øyvind Hansen",
        "José García",
        "Bartłomiej",
    ] {
        assert!(text.contains(name), "{name} reads back intact");
    }
}

#[test]
fn every_page_says_page_n_of_m_and_carries_the_record_and_hash() {
    if !have("pdftotext") {
        return;
    }
    let doc = sample::appraisal(3, sample::blank_document().meta.generated_at);
    let text = pdftotext(&render(&doc).unwrap());
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(
        pages.len() >= 2,
        "a full record runs to more than one page: {}",
        pages.len()
    );
    for (i, page) in pages.iter().enumerate() {
        let words: Vec<&str> = page.split_whitespace().collect();
        let page_words = format!("Page {} of {}", i + 1, pages.len());
        assert!(page.contains(&page_words), "page {} says {page_words:?}", i + 1);
        assert!(
            words.contains(&doc.meta.content_sha256.as_str()),
            "page {} carries the content hash",
            i + 1
        );
        assert!(
            page.contains("Record APR-000004 version 1"),
            "page {} names the record",
            i + 1
        );
        assert!(
            page.contains("OFFICIAL-SENSITIVE: PERSONAL"),
            "page {} is marked",
            i + 1
        );
    }
}

#[test]
fn rendering_the_same_record_twice_gives_identical_bytes() {
    let when = sample::blank_document().meta.generated_at;
    let doc = sample::appraisal(6, when);
    let first = render(&doc).unwrap();
    let second = render(&doc).unwrap();
    assert!(first == second, "same document, same bytes");
    let mut later = doc.clone();
    later.meta.generated_at = when + chrono::Duration::minutes(1);
    assert!(
        render(&later).unwrap() != first,
        "another generated-at time gives another file"
    );
}

#[test]
fn rendering_on_two_threads_gives_the_same_bytes_as_on_one() {
    let when = sample::blank_document().meta.generated_at;
    let docs: Vec<Document> = (0..6).map(|n| sample::appraisal(n, when)).collect();
    let one: Vec<Vec<u8>> = docs.iter().map(|d| render(d).unwrap()).collect();
    let two: Vec<Vec<u8>> = std::thread::scope(|s| {
        let halves: Vec<_> = docs
            .chunks(3)
            .map(|chunk| s.spawn(move || chunk.iter().map(|d| render(d).unwrap()).collect::<Vec<_>>()))
            .collect();
        halves.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(one == two, "the same files whichever thread renders them");
}

/// The SHA-256 of sample record 0's PDF. Rendering must give these exact
/// bytes on every machine and every run, or `verify` would call genuine
/// files altered. When a change to the layout or the writer (or a printpdf,
/// lopdf or flate2 upgrade) changes them on purpose, bump
/// `pdf::verify::LAYOUT_VERSION` and put the new hash here.
const SAMPLE_0_SHA256: &str = "cf23c25f9e8d71aaa7fc8a2392fac5399aa4cad1a917057551d80706863bf079";

/// The same in layout 2, which this version still renders so files printed
/// before layout 3 are checked: it must never change.
const SAMPLE_0_LAYOUT_2_SHA256: &str = "0d5b492d7ae247660d84303c07ff85bf9d7ce9901acc2507d8cd7d6e666f44e3";

#[test]
fn layout_2_still_renders_the_bytes_it_always_did() {
    use sha2::{Digest, Sha256};
    let doc = sample::appraisal(0, sample::blank_document().meta.generated_at);
    let pdf = appraise_core::pdf::render_layout(&doc, 2).unwrap();
    let hash: String = Sha256::digest(&pdf).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hash, SAMPLE_0_LAYOUT_2_SHA256,
        "a file printed in layout 2 could no longer be checked"
    );
}

#[test]
fn the_bytes_of_a_sample_record_are_the_ones_recorded_for_this_layout_version() {
    use sha2::{Digest, Sha256};
    let pdf = render(&sample::appraisal(0, sample::blank_document().meta.generated_at)).unwrap();
    let hash: String = Sha256::digest(&pdf).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hash,
        SAMPLE_0_SHA256,
        "sample record 0 renders to other bytes than layout version {} did: if the change is \
         intended, bump LAYOUT_VERSION and record the new hash",
        appraise_core::pdf::verify::LAYOUT_VERSION
    );
}

#[test]
fn a_character_beyond_the_usual_repertoire_still_prints() {
    if !have("pdftotext") {
        return;
    }
    let mut doc = sample::blank_document();
    // Armenian and Georgian: in DejaVu Sans, but outside the cut-down face
    // most records are printed with.
    doc.blocks = vec![Block::Paragraph("Աննա Բաղդասարյան and ნინო Zoë".into())];
    let text = pdftotext(&render(&doc).unwrap());
    assert!(text.contains("Աննա Բաղդասարյան and ნინო Zoë"), "{text}");
}

#[test]
fn a_record_stays_small_because_the_font_is_subset() {
    let pdf = render(&sample::appraisal(1, sample::blank_document().meta.generated_at)).unwrap();
    assert!(pdf.len() < 120_000, "a three-page record is {} bytes", pdf.len());
}

/// A page drawn by pdftoppm as greyscale: (width, height, pixels).
fn pages_as_grey(pdf: &[u8], dpi: u32) -> Vec<(usize, usize, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", &dpi.to_string()])
        .arg(&path)
        .arg(dir.path().join("page"))
        .status()
        .expect("run pdftoppm");
    assert!(status.success(), "pdftoppm draws the file");
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    files.sort();
    files.iter().map(|f| read_pgm(f)).collect()
}

fn read_pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap();
    // "P5\n<w> <h>\n255\n" then one byte a pixel.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5", "binary greyscale");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[i + 1..].to_vec())
}

#[test]
fn drawn_pages_have_ink_inside_the_margins_and_none_outside() {
    if !have("pdftoppm") {
        return;
    }
    let doc = sample::appraisal(0, sample::blank_document().meta.generated_at);
    let pages = pages_as_grey(&render(&doc).unwrap(), 50);
    assert_eq!(pages.len(), layout(&doc).len(), "one image a page");
    for (n, (w, h, pixels)) in pages.iter().enumerate() {
        let scale = *w as f32 / PAGE_WIDTH;
        let left = (MARGIN_X * scale) as usize - 2;
        let right = ((PAGE_WIDTH - MARGIN_X) * scale) as usize + 2;
        let ink = |x: usize, y: usize| pixels[y * w + x] < 160;
        let inked = (0..*h)
            .flat_map(|y| (0..*w).map(move |x| (x, y)))
            .filter(|&(x, y)| ink(x, y));
        let mut count = 0;
        for (x, y) in inked {
            count += 1;
            assert!(
                x >= left && x <= right,
                "page {}: ink at x={x}, y={y} is in the side margin",
                n + 1
            );
        }
        assert!(count > 500, "page {} has text on it ({count} dark pixels)", n + 1);
        let footer_band = (h * 93 / 100)..*h;
        assert!(
            footer_band.clone().any(|y| (left..right).any(|x| ink(x, y))),
            "page {} has a footer",
            n + 1
        );
    }
}

/// Trainees' records printed by the version before the NCCQ pathway rules
/// (layout 2: no earliest first sitting, IHRIM checked at the sitting), in
/// the database that version wrote (the demonstration, seed 7, on
/// 15/01/2026, generated at 2026-01-15T10:30), opened — and so migrated —
/// by this version, as a department upgrading would.
#[test]
fn trainees_records_printed_before_the_pathway_rules_still_verify_after_the_upgrade() {
    use std::io::Read;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layout-2");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("appraise.db");
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(fixtures.join("demo-seed7-2026-01-15.db.gz")).unwrap())
        .read_to_end(&mut bytes)
        .unwrap();
    std::fs::write(&db, bytes).unwrap();
    let store = appraise_core::Store::open(&db).expect("the older database opens and migrates");
    let system = appraise_core::accounts::Actor::system();
    for file in ["nccq-100011.pdf", "nccq-100010.pdf", "appraisal-41.pdf"] {
        let pdf = std::fs::read(fixtures.join(file)).unwrap();
        let check = appraise_core::print::verify_pdf(store.conn(), &system, &pdf).unwrap();
        assert!(
            check.genuine,
            "{file} printed before the upgrade verifies after it: {}",
            check.message
        );
        let mut altered = pdf.clone();
        let at = pdf.len() / 3;
        altered[at] ^= 0x20;
        let check = appraise_core::print::verify_pdf(store.conn(), &system, &altered).unwrap();
        assert!(!check.genuine, "{file} with one byte changed does not");
    }
}
