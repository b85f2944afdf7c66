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

pub use super::meta::{read_meta, FIRST_LAYOUT, LAYOUT_VERSION};
use super::{display_date_time, DocumentMeta};
use crate::Result;

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

/// Checks `file` against a fresh render of the record version it names, in
/// the layout it names (any from [`FIRST_LAYOUT`]: a file printed before a
/// layout change is still checked byte for byte).
/// `rerender` gets the details and layout read from the file and returns the bytes
/// Appraise produces for them now and the record's current content hash; an
/// error from it (the record is gone, say) is passed on.
pub fn verify_bytes(
    file: &[u8],
    rerender: impl FnOnce(&DocumentMeta, u32) -> Result<Rerendered>,
) -> Result<VerifyOutcome> {
    let Some((meta, layout)) = read_meta(file) else {
        return Ok(VerifyOutcome::NotAppraisePdf);
    };
    if !(FIRST_LAYOUT..=LAYOUT_VERSION).contains(&layout) {
        return Ok(VerifyOutcome::OtherLayout { meta, layout });
    }
    let again = rerender(&meta, layout)?;
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

    fn rerender_from(
        doc: &crate::pdf::Document,
        current: &str,
    ) -> impl FnOnce(&DocumentMeta, u32) -> Result<Rerendered> {
        let doc = doc.clone();
        let current = current.to_owned();
        move |meta: &DocumentMeta, _layout| {
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
            let outcome = verify_bytes(&bytes, |meta, _| {
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
        let outcome = verify_bytes(b"%PDF-1.4\n%%EOF", |_, _| panic!("nothing to re-render")).unwrap();
        assert_eq!(outcome, VerifyOutcome::NotAppraisePdf);
    }

    #[test]
    fn a_file_from_another_layout_is_not_called_altered() {
        let doc = sample::appraisal(1, sample::blank_document().meta.generated_at);
        let bytes = render(&doc).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let older = text.replace(&format!(";layout={LAYOUT_VERSION})"), ";layout=0)");
        assert_ne!(older, text, "the layout version is in the file");
        let outcome = verify_bytes(older.as_bytes(), |_, _| panic!("no byte comparison across layouts")).unwrap();
        assert!(
            matches!(outcome, VerifyOutcome::OtherLayout { layout: 0, .. }),
            "{outcome:?}"
        );
    }

    #[test]
    fn a_file_printed_in_an_earlier_layout_is_re_rendered_in_that_layout_and_passes() {
        let doc = sample::appraisal(2, sample::blank_document().meta.generated_at);
        let older = crate::pdf::render_layout(&doc, FIRST_LAYOUT).unwrap();
        assert_ne!(older, render(&doc).unwrap(), "the layouts differ");
        assert_eq!(
            read_meta(&older).map(|m| m.1),
            Some(FIRST_LAYOUT),
            "the file names its layout"
        );
        let outcome = verify_bytes(&older, |meta, layout| {
            Ok(Rerendered {
                bytes: crate::pdf::render_layout(&doc, layout)?,
                current_content_sha256: meta.content_sha256.clone(),
            })
        })
        .unwrap();
        assert!(outcome.is_genuine(), "{outcome:?}");
    }

    #[test]
    fn every_file_names_its_language_and_asks_viewers_to_show_its_title() {
        let doc = sample::appraisal(2, sample::blank_document().meta.generated_at);
        let bytes = render(&doc).unwrap();
        let lo = lopdf::Document::load_mem(&bytes).expect("a PDF lopdf reads");
        let catalog = lo.catalog().unwrap();
        assert_eq!(
            catalog.get(b"Lang").unwrap().as_str().unwrap(),
            b"en-GB",
            "British English"
        );
        let viewer = catalog.get(b"ViewerPreferences").unwrap().as_dict().unwrap();
        assert!(
            viewer.get(b"DisplayDocTitle").unwrap().as_bool().unwrap(),
            "the title, not the file name"
        );
        let info = lo
            .trailer
            .get(b"Info")
            .and_then(|o| lo.dereference(o))
            .unwrap()
            .1
            .as_dict()
            .unwrap();
        assert!(info.get(b"Title").is_ok(), "a document title");
    }
}
