//! Checking a printed file ([`verify_pdf`]): read the record details the
//! PDF carries, render that record again at the time the file names and
//! compare bytes:
//! - an appraisal record is the appraisal of that id and version (a signed
//!   version never changes; an in-progress one may);
//! - a PDP summary and an NCCQ progress report are a person's current plan
//!   or pathway (the record id is the staff number), hashed over what the
//!   page prints;
//! - a coding audit summary is the period's summary as the checker sees it
//!   (the record id is the period), hashed over what the page prints.
//!
//! The file is rendered again in the layout it names: a file printed before
//! a layout change (layout 2: no language, no coding audit results on the
//! appraisal record) is made again as it was and still passes.
//!
//! When the record's content hash is no longer the one printed, the record
//! has changed since and the old page cannot be rendered again, so the file
//! cannot be checked byte for byte: the check says so. The header settings
//! are not part of any record, so every set used is tried. The record is
//! read through the same guarded reads as printing it, so a refusal does
//! not say whether the record exists.

use crate::store::db::Connection;
use chrono::NaiveDateTime;
use serde::Serialize;
use ts_rs::TS;

use super::appraisal_record::{appraisal_document_full, audits_printed, trainee_status_in};
use super::coding_audit_summary::{summary_document, summary_sha256};
use super::earlier_layouts::nccq_as_printed;
use super::nccq_report::{nccq_document, nccq_sha256_in};
use super::pdp_summary::{pdp_document, pdp_sha256};
use crate::accounts::Actor;
use crate::appraisal::{self, AppraisalRecord, PdpPlan};
use crate::coding_audit::{self, CodingAuditResult, CodingAuditSummary};
use crate::nccq::{self, NccqRecord, NccqSettings, NccqStatus};
use crate::pdf::{self, display_date_time, Document, DocumentKind, DocumentMeta, Rerendered, VerifyOutcome};
use crate::settings::appraisal::{load as appraisal_settings, AppraisalSettings};
use crate::settings::print::{history as settings_history, load as print_settings, PrintSettings};
use crate::{access, Error, Result};

/// The verify outcome for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PdfCheck {
    /// Byte for byte what Appraise produced, and the record is unchanged.
    pub genuine: bool,
    /// The file is byte for byte what Appraise produced. False when it is
    /// not, and also when it cannot be told (the record has changed since,
    /// or this is not an Appraise PDF): the message says which.
    pub file_intact: bool,
    /// The record's content is still what was printed.
    pub record_unchanged: bool,
    /// `appraisal-record`, `pdp-summary`, `nccq-progress`; empty when the
    /// file is not an Appraise PDF.
    pub kind: String,
    pub record_id: String,
    pub version: u32,
    pub message: String,
}

/// Checks a PDF: is it exactly what Appraise produced for the record and
/// version it names, and is the record still as printed? The actor must be
/// allowed to see that record.
pub fn verify_pdf(conn: &Connection, actor: &Actor, bytes: &[u8]) -> Result<PdfCheck> {
    let Some((meta, layout)) = pdf::read_meta(bytes) else {
        return Ok(check_from(&VerifyOutcome::NotAppraisePdf, None));
    };
    let current = match current_source(conn, actor, &meta) {
        Ok(c) => c,
        Err(Error::NotFound(_)) => {
            return Ok(PdfCheck {
                genuine: false,
                file_intact: false,
                record_unchanged: false,
                kind: meta.kind.code().to_owned(),
                record_id: meta.record_id.clone(),
                version: meta.version,
                message: format!(
                    "This file names {} {} version {}, which is not in this database, so it cannot be checked.",
                    kind_words(meta.kind),
                    meta.record_id,
                    meta.version
                ),
            });
        }
        Err(e) => return Err(e),
    };
    let mut candidates = vec![print_settings(conn)?];
    for old in settings_history(conn)?.into_iter().rev() {
        if !candidates.contains(&old) {
            candidates.push(old);
        }
    }
    let record_changed = !current.sha256(layout).eq_ignore_ascii_case(&meta.content_sha256);
    if record_changed {
        // The page of the old content cannot be made again.
        let outcome = pdf::verify_bytes(bytes, |_, _| {
            Ok(Rerendered {
                bytes: Vec::new(),
                current_content_sha256: current.sha256(layout),
            })
        })?;
        if let VerifyOutcome::OtherLayout { .. } = outcome {
            return Ok(check_from(&outcome, Some(&meta)));
        }
        return Ok(PdfCheck {
            genuine: false,
            file_intact: false,
            record_unchanged: false,
            kind: meta.kind.code().to_owned(),
            record_id: meta.record_id.clone(),
            version: meta.version,
            message: format!(
                "The record has changed since this file was printed: {} {} version {} is no longer what the \
                 file shows (content hash now {}, the file's {}). The file itself cannot be checked byte for \
                 byte against a record that has changed; print it again for the current record.",
                kind_words(meta.kind),
                meta.record_id,
                meta.version,
                short(&current.sha256(layout)),
                short(&meta.content_sha256),
            ),
        });
    }
    let mut last = None;
    for settings in &candidates {
        let outcome = pdf::verify_bytes(bytes, |_, layout| {
            let doc = current.document(settings, meta.generated_at, layout);
            Ok(Rerendered {
                bytes: pdf::render_layout(&doc, layout)?,
                current_content_sha256: current.sha256(layout),
            })
        })?;
        if !matches!(outcome, VerifyOutcome::FileAltered { .. }) {
            return Ok(check_from(&outcome, Some(&meta)));
        }
        last = Some(outcome);
    }
    Ok(check_from(&last.expect("at least the current settings"), Some(&meta)))
}

fn short(hash: &str) -> String {
    format!("{}…", &hash[..hash.len().min(12)])
}

fn kind_words(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::AppraisalRecord => "appraisal",
        DocumentKind::PdpSummary => "the PDP summary of staff number",
        DocumentKind::NccqProgress => "the NCCQ progress report of staff number",
        DocumentKind::CodingAuditSummary => "the coding audit summary of",
    }
}

/// What a file's record is now, read from the store.
enum Source {
    /// The NCCQ status under today's rules, then under layout 2's.
    Appraisal(
        Box<AppraisalRecord>,
        Box<[Option<NccqStatus>; 2]>,
        Vec<CodingAuditResult>,
        String,
    ),
    Pdp(PdpPlan, String),
    Nccq(Box<NccqRecord>, NccqSettings),
    CodingAuditSummary(Box<CodingAuditSummary>, Box<AppraisalSettings>, String),
}

impl Source {
    /// The content hash a file of `layout` would carry for the record now.
    fn sha256(&self, layout: u32) -> String {
        match self {
            Source::Nccq(r, s) => nccq_sha256_in(r, s, layout),
            Source::Appraisal(_, _, _, h) | Source::Pdp(_, h) | Source::CodingAuditSummary(_, _, h) => h.clone(),
        }
    }

    /// The document as `layout` printed it: layout 2 had no coding audit
    /// results on the appraisal record and the NCCQ rules before the
    /// pathway's (`earlier_layouts`).
    fn document(&self, settings: &PrintSettings, at: NaiveDateTime, layout: u32) -> Document {
        match self {
            Source::Appraisal(r, statuses, audits, _) => {
                let [now, layout_2] = statuses.as_ref();
                let (status, audits): (_, &[CodingAuditResult]) =
                    if layout >= 3 { (now, audits) } else { (layout_2, &[]) };
                appraisal_document_full(r, status.as_ref(), audits, settings, at)
            }
            Source::CodingAuditSummary(s, thresholds, _) => summary_document(s, thresholds, settings, at),
            Source::Pdp(plan, _) => pdp_document(plan, settings, at),
            Source::Nccq(r, s) => {
                let (mut then, mut rules) = (r.as_ref().clone(), s.clone());
                nccq_as_printed(&mut then, &mut rules, layout);
                let mut doc = nccq_document(&then, &rules, settings, at);
                doc.meta.content_sha256 = nccq_sha256_in(r, s, layout);
                doc
            }
        }
    }
}

fn current_source(conn: &Connection, actor: &Actor, meta: &DocumentMeta) -> Result<Source> {
    let gone = || {
        Error::NotFound(format!(
            "There is no {} {} version {}.",
            kind_words(meta.kind),
            meta.record_id,
            meta.version
        ))
    };
    match meta.kind {
        DocumentKind::AppraisalRecord => {
            let id: i64 = meta.record_id.parse().map_err(|_| gone())?;
            let record = appraisal::get_as(conn, actor, id, meta.generated_at.date())?.record;
            if record.version != meta.version {
                return Err(gone());
            }
            let status = Box::new([
                trainee_status_in(conn, actor, &record, pdf::LAYOUT_VERSION)?,
                trainee_status_in(conn, actor, &record, 2)?,
            ]);
            let audits = audits_printed(conn, actor, &record, meta.generated_at)?;
            let hash = appraisal::content_sha256(&record);
            Ok(Source::Appraisal(Box::new(record), status, audits, hash))
        }
        DocumentKind::PdpSummary => {
            access::can_view_staff(conn, actor, &meta.record_id)?;
            let plan = appraisal::current_pdp(conn, &meta.record_id)?;
            let hash = pdp_sha256(&plan);
            Ok(Source::Pdp(plan, hash))
        }
        DocumentKind::NccqProgress => {
            let record = nccq::record(conn, actor, &meta.record_id)?;
            let settings = nccq::settings(conn)?;
            Ok(Source::Nccq(Box::new(record), settings))
        }
        DocumentKind::CodingAuditSummary => {
            let summary = coding_audit::summary_as(conn, actor, &meta.record_id)?;
            let thresholds = appraisal_settings(conn)?;
            let hash = summary_sha256(&summary, &thresholds);
            Ok(Source::CodingAuditSummary(
                Box::new(summary),
                Box::new(thresholds),
                hash,
            ))
        }
    }
}

fn check_from(outcome: &VerifyOutcome, meta: Option<&DocumentMeta>) -> PdfCheck {
    let (genuine, file_intact, record_unchanged) = match outcome {
        VerifyOutcome::Genuine { .. } => (true, true, true),
        VerifyOutcome::RecordChanged { .. } => (false, true, false),
        VerifyOutcome::FileAltered { record_changed, .. } => (false, false, !record_changed),
        VerifyOutcome::OtherLayout { .. } | VerifyOutcome::NotAppraisePdf => (false, false, false),
    };
    PdfCheck {
        genuine,
        file_intact,
        record_unchanged,
        kind: meta.map(|m| m.kind.code().to_owned()).unwrap_or_default(),
        record_id: meta.map(|m| m.record_id.clone()).unwrap_or_default(),
        version: meta.map_or(0, |m| m.version),
        message: match outcome {
            VerifyOutcome::FileAltered { meta, record_changed } => format!(
                "This file has been altered since Appraise produced it: it is not byte for byte what Appraise \
                 prints for {} {} version {}, printed on {}.{}",
                kind_words(meta.kind),
                meta.record_id,
                meta.version,
                display_date_time(meta.generated_at),
                if *record_changed {
                    " The record has also changed since it was printed."
                } else {
                    " The record itself is unchanged: print it again for a true copy."
                }
            ),
            other => other.message(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::test_support::{at, demo, signed_ids};
    use crate::print::{appraisal_pdf, save_print_settings};

    #[test]
    fn a_file_printed_before_the_header_changed_still_verifies() {
        let mut store = demo();
        let id = signed_ids(store.conn())[0];
        let when = at(2026, 1, 15, 10, 30);
        let before = appraisal_pdf(store.conn(), &Actor::system(), id, when).unwrap();
        let new = PrintSettings {
            trust: "Renamed NHS Foundation Trust".into(),
            ..PrintSettings::default()
        };
        save_print_settings(store.conn_mut(), &Actor::system(), &new, when).unwrap();
        let after = appraisal_pdf(store.conn(), &Actor::system(), id, when).unwrap();
        assert_ne!(before, after, "the header is in the file");
        for file in [&before, &after] {
            let check = verify_pdf(store.conn(), &Actor::system(), file).unwrap();
            assert!(check.genuine, "{check:?}");
        }
    }

    #[test]
    fn every_signed_demo_record_renders_deterministically_and_verifies() {
        let store = demo();
        let when = at(2026, 1, 15, 10, 30);
        for id in signed_ids(store.conn()) {
            let a = appraisal_pdf(store.conn(), &Actor::system(), id, when).unwrap();
            let b = appraisal_pdf(store.conn(), &Actor::system(), id, when).unwrap();
            assert_eq!(a, b, "appraisal {id}");
            let check = verify_pdf(store.conn(), &Actor::system(), &a).unwrap();
            assert!(
                check.genuine && check.file_intact && check.record_unchanged,
                "{check:?}"
            );
            assert_eq!(check.kind, "appraisal-record");
            assert_eq!(check.record_id, id.to_string());
        }
    }
}
