//! Is this PDF exactly what Appraise printed, and is the record still as
//! printed?
//!
//! Every PDF carries its record's details (kind, id, version, content hash,
//! generated-at time) in its document information dictionary. Verifying
//! reads them back, asks the caller to render that record version again at
//! that time and compares the bytes: rendering is deterministic, so any
//! changed byte shows. Then it compares the record's current content hash
//! with the one in the file, which tells whether the record has changed
//! since it was printed.
//!
//! The caller supplies the re-rendering (it knows the store); this module
//! only knows PDFs.

use chrono::NaiveDateTime;

use super::write::META_KEY;
use super::{display_date_time, DocumentKind, DocumentMeta};
use crate::Result;

/// The version of the layout and writer. Bump it whenever the same document
/// would render to different bytes, so that files printed before are told
/// apart from files that were altered.
pub const LAYOUT_VERSION: u32 = 2;

/// What the caller's re-render gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rerendered {
    /// The PDF Appraise produces now for the record version and time the file
    /// names.
    pub bytes: Vec<u8>,
    /// The SHA-256 of the record's current canonical content.
    pub current_content_sha256: String,
}

/// The answer to "is this file genuine?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyOutcome {
    /// Byte for byte what Appraise produced, and the record is unchanged.
    Genuine { meta: DocumentMeta },
    /// Byte for byte what Appraise produced, but the record has changed since.
    RecordChanged { meta: DocumentMeta, current_sha256: String },
    /// The file differs from what Appraise produced for the record version
    /// it names.
    FileAltered { meta: DocumentMeta, record_changed: bool },
    /// Printed by a version of Appraise whose layout differs from this one's,
    /// so it cannot be compared byte for byte.
    OtherLayout { meta: DocumentMeta, layout: u32 },
    /// The file carries no Appraise record details.
    NotAppraisePdf,
}

impl VerifyOutcome {
    /// True only for a genuine file of an unchanged record.
    pub fn is_genuine(&self) -> bool {
        matches!(self, VerifyOutcome::Genuine { .. })
    }

    /// A sentence or two for a person.
    pub fn message(&self) -> String {
        let which = |m: &DocumentMeta| {
            format!(
                "record {} version {}, printed on {}",
                m.record_id,
                m.version,
                display_date_time(m.generated_at)
            )
        };
        match self {
            VerifyOutcome::Genuine { meta } => format!(
                "This file is exactly what Appraise produced for {}, and the record has not changed since.",
                which(meta)
            ),
            VerifyOutcome::RecordChanged { meta, .. } => format!(
                "This file is exactly what Appraise produced for {}, but the record has changed since it was \
                 printed: print it again for the current record.",
                which(meta)
            ),
            VerifyOutcome::FileAltered { meta, record_changed } => format!(
                "This file has been changed since Appraise produced it: it is not what Appraise prints for {}.{}",
                which(meta),
                if *record_changed {
                    " The record has also changed since it was printed."
                } else {
                    ""
                }
            ),
            VerifyOutcome::OtherLayout { meta, layout } => format!(
                "This file was printed by another version of Appraise (PDF layout {layout}; this one prints \
                 layout {LAYOUT_VERSION}), so it cannot be checked byte for byte. Print {} again to get a file \
                 that can be checked.",
                format_args!("record {} version {}", meta.record_id, meta.version)
            ),
            VerifyOutcome::NotAppraisePdf => "This file is not a record printed by Appraise: it carries no \
                 Appraise record details, or they have been damaged."
                .to_owned(),
        }
    }
}

/// Checks `file` against a fresh render of the record version it names.
/// `rerender` gets the details read from the file and returns the bytes
/// Appraise produces for them now and the record's current content hash; an
/// error from it (the record is gone, say) is passed on.
pub fn verify_bytes(file: &[u8], rerender: impl FnOnce(&DocumentMeta) -> Result<Rerendered>) -> Result<VerifyOutcome> {
    let Some((meta, layout)) = read_meta(file) else {
        return Ok(VerifyOutcome::NotAppraisePdf);
    };
    if layout != LAYOUT_VERSION {
        return Ok(VerifyOutcome::OtherLayout { meta, layout });
    }
    let again = rerender(&meta)?;
    let record_changed = !again.current_content_sha256.eq_ignore_ascii_case(&meta.content_sha256);
    Ok(if again.bytes != file {
        VerifyOutcome::FileAltered { meta, record_changed }
    } else if record_changed {
        VerifyOutcome::RecordChanged {
            meta,
            current_sha256: again.current_content_sha256,
        }
    } else {
        VerifyOutcome::Genuine { meta }
    })
}

/// The record details embedded in a PDF Appraise printed, and the layout
/// version that printed it; `None` when there are none or they are damaged.
pub fn read_meta(file: &[u8]) -> Option<(DocumentMeta, u32)> {
    let marker = format!("/{META_KEY}");
    let after_key = rfind(file, marker.as_bytes())? + marker.len();
    // The writer puts no space between a key and its string, but the PDF
    // syntax allows one.
    let open = after_key + file[after_key..].iter().position(|b| !b.is_ascii_whitespace())?;
    if file[open] != b'(' {
        return None;
    }
    let start = open + 1;
    let len = file[start..].iter().position(|&b| b == b')')?;
    let text = std::str::from_utf8(&file[start..start + len]).ok()?;
    parse_meta(text)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The embedded form: `appraise=1;kind=…;record=…;version=…;sha256=…;
/// generated=…;layout=…`. Only letters, digits and `=;-:.%` appear, so it
/// needs no escaping inside a PDF string.
pub(crate) fn meta_string(meta: &DocumentMeta) -> String {
    format!(
        "appraise=1;kind={};record={};version={};sha256={};generated={};layout={LAYOUT_VERSION}",
        meta.kind.code(),
        percent_encode(&meta.record_id),
        meta.version,
        meta.content_sha256.to_ascii_lowercase(),
        meta.generated_at.format("%Y-%m-%dT%H:%M:%S"),
    )
}

fn parse_meta(text: &str) -> Option<(DocumentMeta, u32)> {
    let field = |name: &str| {
        text.split(';')
            .find_map(|part| part.strip_prefix(name)?.strip_prefix('='))
    };
    if field("appraise")? != "1" {
        return None;
    }
    let sha = field("sha256")?;
    if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let meta = DocumentMeta {
        kind: DocumentKind::from_code(field("kind")?)?,
        record_id: percent_decode(field("record")?)?,
        version: field("version")?.parse().ok()?,
        content_sha256: sha.to_owned(),
        generated_at: NaiveDateTime::parse_from_str(field("generated")?, "%Y-%m-%dT%H:%M:%S").ok()?,
    };
    Some((meta, field("layout")?.parse().ok()?))
}

fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::{render, sample};

    #[test]
    fn the_details_read_back_are_the_ones_rendered_even_for_an_odd_record_id() {
        let mut doc = sample::appraisal(4, sample::blank_document().meta.generated_at);
        doc.meta.record_id = "Zoë (2025/26) \\ 7;x=y".into();
        let bytes = render(&doc).unwrap();
        let (meta, layout) = read_meta(&bytes).expect("details found");
        assert_eq!(meta, doc.meta, "every detail survives the round trip");
        assert_eq!(layout, LAYOUT_VERSION);
    }

    fn rerender_from(doc: &crate::pdf::Document, current: &str) -> impl FnOnce(&DocumentMeta) -> Result<Rerendered> {
        let doc = doc.clone();
        let current = current.to_owned();
        move |meta: &DocumentMeta| {
            assert_eq!(meta, &doc.meta, "verify asks for the record version the file names");
            Ok(Rerendered {
                bytes: render(&doc)?,
                current_content_sha256: current,
            })
        }
    }

    #[test]
    fn an_untouched_file_of_an_unchanged_record_is_genuine() {
        let doc = sample::appraisal(2, sample::blank_document().meta.generated_at);
        let bytes = render(&doc).unwrap();
        let outcome = verify_bytes(&bytes, rerender_from(&doc, &doc.meta.content_sha256)).unwrap();
        assert!(outcome.is_genuine(), "{outcome:?}");
        assert!(
            outcome.message().contains("exactly what Appraise produced"),
            "{}",
            outcome.message()
        );
    }

    #[test]
    fn one_changed_byte_makes_the_file_altered() {
        let doc = sample::appraisal(2, sample::blank_document().meta.generated_at);
        let mut bytes = render(&doc).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x01;
        let outcome = verify_bytes(&bytes, rerender_from(&doc, &doc.meta.content_sha256)).unwrap();
        assert!(
            matches!(
                outcome,
                VerifyOutcome::FileAltered {
                    record_changed: false,
                    ..
                }
            ),
            "{outcome:?}"
        );
        assert!(outcome.message().contains("has been changed"), "{}", outcome.message());
    }

    #[test]
    fn no_single_changed_byte_anywhere_passes_as_genuine() {
        let doc = sample::appraisal(3, sample::blank_document().meta.generated_at);
        let original = render(&doc).unwrap();
        let good = original.clone();
        for at in (0..original.len()).step_by(211) {
            let mut bytes = original.clone();
            bytes[at] = bytes[at].wrapping_add(1);
            let outcome = verify_bytes(&bytes, |meta| {
                let mut again = doc.clone();
                again.meta = meta.clone();
                Ok(Rerendered {
                    bytes: if *meta == doc.meta {
                        good.clone()
                    } else {
                        render(&again)?
                    },
                    current_content_sha256: doc.meta.content_sha256.clone(),
                })
            })
            .unwrap();
            assert!(!outcome.is_genuine(), "byte {at} changed but the file passed");
        }
    }

    #[test]
    fn a_changed_record_is_reported_as_changed_not_as_an_altered_file() {
        let doc = sample::appraisal(5, sample::blank_document().meta.generated_at);
        let bytes = render(&doc).unwrap();
        let newer = "ab".repeat(32);
        let outcome = verify_bytes(&bytes, rerender_from(&doc, &newer)).unwrap();
        assert_eq!(
            outcome,
            VerifyOutcome::RecordChanged {
                meta: doc.meta.clone(),
                current_sha256: newer
            }
        );
        assert!(
            outcome.message().contains("record has changed"),
            "{}",
            outcome.message()
        );
    }

    #[test]
    fn a_file_without_details_is_not_an_appraise_pdf() {
        let outcome = verify_bytes(b"%PDF-1.4\n%%EOF", |_| panic!("nothing to re-render")).unwrap();
        assert_eq!(outcome, VerifyOutcome::NotAppraisePdf);
    }

    #[test]
    fn a_file_from_another_layout_is_not_called_altered() {
        let doc = sample::appraisal(1, sample::blank_document().meta.generated_at);
        let bytes = render(&doc).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let older = text.replace(&format!(";layout={LAYOUT_VERSION})"), ";layout=0)");
        assert_ne!(older, text, "the layout version is in the file");
        let outcome = verify_bytes(older.as_bytes(), |_| panic!("no byte comparison across layouts")).unwrap();
        assert!(
            matches!(outcome, VerifyOutcome::OtherLayout { layout: 0, .. }),
            "{outcome:?}"
        );
    }
}
