//! Printed records: the appraisal record, the PDP summary and the NCCQ
//! progress report, as A4 PDFs.
//!
//! A record is first mapped onto a neutral [`Document`] (headings,
//! paragraphs, label/value lists, tables, signature blocks), which this
//! module lays out ([`layout`]) and writes with printpdf ([`write`]). The
//! document knows nothing about appraisals, so each printed record is one
//! mapping function away.
//!
//! Rendering is deterministic: the same document, including its
//! `generated_at` time, gives the same bytes on every run and every machine.
//! That is what lets [`verify`] tell whether a file is exactly what Appraise
//! produced for a record and version: it re-renders that record and version
//! and compares bytes. Nothing here reads the clock: `generated_at` is passed
//! in.

pub mod font;
pub mod layout;
mod meta;
pub mod sample;
pub mod verify;
mod write;

use chrono::NaiveDateTime;

use crate::{Error, Result};

pub use layout::{layout, Page};
pub use meta::{FIRST_LAYOUT, LAYOUT_VERSION};
pub use verify::{read_meta, verify_bytes, Rerendered, VerifyOutcome};

/// Which printed record a PDF is: part of its embedded details, so a
/// verifier knows what to re-render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    AppraisalRecord,
    PdpSummary,
    NccqProgress,
    CodingAuditSummary,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::AppraisalRecord,
        DocumentKind::PdpSummary,
        DocumentKind::NccqProgress,
        DocumentKind::CodingAuditSummary,
    ];

    /// The form embedded in the PDF: `appraisal-record`, `pdp-summary`,
    /// `nccq-progress`.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::AppraisalRecord => "appraisal-record",
            DocumentKind::PdpSummary => "pdp-summary",
            DocumentKind::NccqProgress => "nccq-progress",
            DocumentKind::CodingAuditSummary => "coding-audit-summary",
        }
    }

    pub fn from_code(code: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What a PDF says about where it came from. Printed in the footer of every
/// page and embedded in the file for [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMeta {
    pub kind: DocumentKind,
    /// The record's id, as the store knows it.
    pub record_id: String,
    /// The record's version: a signed record that is reopened and signed
    /// again is a new version.
    pub version: u32,
    /// Lowercase hex SHA-256 of the record's canonical content, so a reader
    /// can tell a print of the current record from one of an older state.
    pub content_sha256: String,
    /// When the PDF was produced, local time. Printed in the footer and
    /// part of the bytes, so the caller passes it in (core reads no clock).
    pub generated_at: NaiveDateTime,
}

/// A printed record, in terms of layout only.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The record's title, large on the first page: "Annual appraisal record".
    pub title: String,
    /// The trust's name, from settings.
    pub trust: String,
    /// The department's name, from settings.
    pub department: String,
    /// The confidentiality marking, at the top of every page, for example
    /// "OFFICIAL-SENSITIVE: PERSONAL".
    pub marking: String,
    /// The line under the title, for example "Cycle 2025/26".
    pub subtitle: String,
    pub meta: DocumentMeta,
    pub blocks: Vec<Block>,
}

/// One piece of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading; kept on the same page as the start of what follows.
    Heading(String),
    /// Running text, wrapped to the page. A newline starts a new line.
    Paragraph(String),
    /// Small grey text, for remarks about the record itself ("The wellbeing
    /// conversation is not printed, at the appraisee's request.").
    Note(String),
    /// Labels in bold on the left, their values on the right.
    KeyValues(Vec<(String, String)>),
    /// A table with a header row, repeated on every page the table runs on.
    /// A row with fewer cells than columns is padded with empty cells.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// Signature blocks, one under another.
    Signatures(Vec<SignatureBlock>),
}

/// A table column: its title and its share of the table's width. The shares
/// need not add up to one: they are scaled to the width.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: f32,
}

impl Column {
    pub fn new(title: impl Into<String>, width: f32) -> Column {
        Column {
            title: title.into(),
            width,
        }
    }
}

/// Where one person signs: "Appraisee", "Appraiser".
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureBlock {
    /// Whose signature this is: "Appraisee".
    pub label: String,
    /// The electronic signature, if given; without one the block has blank
    /// lines for a signature in ink.
    pub signed: Option<Signature>,
}

/// An electronic signature, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub name: String,
    pub role: String,
    pub at: NaiveDateTime,
}

/// Lays out and writes `doc` as PDF bytes. The same document gives the same
/// bytes, always.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    render_layout(doc, LAYOUT_VERSION)
}

/// [`render`] as layout `version` wrote it (from [`FIRST_LAYOUT`] to
/// [`LAYOUT_VERSION`]), so a file printed before can be checked.
pub fn render_layout(doc: &Document, version: u32) -> Result<Vec<u8>> {
    if !(FIRST_LAYOUT..=LAYOUT_VERSION).contains(&version) {
        return Err(Error::invalid(
            "layout",
            format!("This version of Appraise cannot print PDF layout {version}."),
        ));
    }
    check(doc)?;
    let pages = layout(doc);
    write::write(doc, &pages, version)
}

/// Refuses a document that could not be printed without losing something.
fn check(doc: &Document) -> Result<()> {
    let meta = &doc.meta;
    if meta.record_id.trim().is_empty() {
        return Err(Error::invalid("record_id", "A printed record needs a record id."));
    }
    if meta.content_sha256.len() != 64 || !meta.content_sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::invalid(
            "content_sha256",
            format!(
                "The record's content hash must be 64 hexadecimal digits, not {:?}.",
                meta.content_sha256
            ),
        ));
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::Table { columns, rows } = block {
            if columns.is_empty() {
                return Err(Error::invalid("blocks", format!("Table {} has no columns.", i + 1)));
            }
            if columns.iter().any(|c| !c.width.is_finite() || c.width <= 0.0) {
                return Err(Error::invalid(
                    "blocks",
                    format!("Table {} has a column with no width.", i + 1),
                ));
            }
            // More cells than columns would silently drop words: refuse.
            if let Some((r, row)) = rows.iter().enumerate().find(|(_, row)| row.len() > columns.len()) {
                return Err(Error::invalid(
                    "blocks",
                    format!(
                        "Row {} of table {} has {} cells but the table has {} columns.",
                        r + 1,
                        i + 1,
                        row.len(),
                        columns.len()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// dd/mm/yyyy at hh:mm, the form for printed times.
pub fn display_date_time(at: NaiveDateTime) -> String {
    format!("{} at {}", crate::dates::display(at.date()), at.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_message(err: Error) -> (String, String) {
        match err {
            Error::Invalid(mut f) => {
                let f = f.remove(0);
                (f.field, f.message)
            }
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_row_with_more_cells_than_columns_is_refused_rather_than_cut() {
        let mut doc = sample::blank_document();
        doc.blocks = vec![Block::Table {
            columns: vec![Column::new("Need", 1.0), Column::new("Status", 1.0)],
            rows: vec![
                vec!["a".into(), "b".into()],
                vec!["a".into(), "b".into(), "lost?".into()],
            ],
        }];
        let (field, message) = field_message(render(&doc).unwrap_err());
        assert_eq!(field, "blocks");
        assert!(message.contains("Row 2 of table 1 has 3 cells"), "{message}");
    }

    #[test]
    fn a_record_without_an_id_or_with_a_malformed_hash_is_refused() {
        let mut doc = sample::blank_document();
        doc.meta.record_id = " ".into();
        assert_eq!(field_message(render(&doc).unwrap_err()).0, "record_id");
        let mut doc = sample::blank_document();
        doc.meta.content_sha256 = "not a hash".into();
        let (field, message) = field_message(render(&doc).unwrap_err());
        assert_eq!(field, "content_sha256");
        assert!(
            message.contains("not a hash"),
            "the message quotes the value: {message}"
        );
    }

    #[test]
    fn every_kind_round_trips_through_its_code() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(DocumentKind::from_code("invoice"), None);
    }

    #[test]
    fn printed_times_are_british() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(9, 7, 0)
            .unwrap();
        assert_eq!(display_date_time(at), "01/03/2026 at 09:07");
    }
}
