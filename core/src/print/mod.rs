//! Printing records: the appraisal record, the PDP summary, the NCCQ
//! progress report and the coding audit summary, as A4 PDFs; a cycle's print run; and checking a printed
//! file.
//!
//! Each record is mapped onto the neutral [`pdf::Document`](crate::pdf::Document)
//! by its own file here and rendered by [`crate::pdf`]. The header carries
//! the trust, the department and a confidentiality marking from
//! [`PrintSettings`]; the footer of every page the record id and version and
//! the SHA-256 of the record's canonical content.
//!
//! Every record is read through the guarded reads (`appraisal::get_as`,
//! `nccq::record`, `staff::get_as`), which ask `access.rs` first: a person
//! who may not see a record gets the same refusal whether or not it exists.

mod appraisal_record;
mod coding_audit_summary;
mod common;
mod earlier_layouts;
mod export;
mod file_name;
mod nccq_report;
mod pdp_summary;
mod verify;

pub use crate::settings::print::{
    load as print_settings, save as save_print_settings, PrintSettings, DEFAULT_DEPARTMENT, DEFAULT_MARKING,
    DEFAULT_TRUST,
};
pub use appraisal_record::{appraisal_document, appraisal_document_with, appraisal_pdf};
pub use coding_audit_summary::coding_audit_summary_pdf;
pub use export::{cycle_jobs, export_cycle, write_atomically, ExportProgress, ExportReport, PrintJob};
pub use file_name::{appraisal_file_name, appraisal_file_name_as, safe_file_name};
pub use nccq_report::nccq_report_pdf;
pub use pdp_summary::pdp_summary_pdf;
pub use verify::{verify_pdf, PdfCheck};

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests {
    use super::test_support::{at, coder, demo};
    use super::*;
    use crate::accounts::Actor;
    use crate::{appraisal, Error};

    #[test]
    fn a_coder_cannot_print_or_check_someone_elses_record() {
        let store = demo();
        let list = appraisal::list_as(store.conn(), &Actor::system()).unwrap();
        let theirs = list.iter().find(|a| a.staff_number != "100004").unwrap();
        let when = at(2026, 1, 15, 10, 30);
        let me = coder("100004");
        assert!(matches!(
            appraisal_pdf(store.conn(), &me, theirs.id, when),
            Err(Error::Forbidden(_))
        ));
        assert!(matches!(
            nccq_report_pdf(store.conn(), &me, &theirs.staff_number, when),
            Err(Error::Forbidden(_))
        ));
        assert!(matches!(
            pdp_summary_pdf(store.conn(), &me, &theirs.staff_number, when),
            Err(Error::Forbidden(_))
        ));
        let file = appraisal_pdf(store.conn(), &Actor::system(), theirs.id, when).unwrap();
        assert!(matches!(verify_pdf(store.conn(), &me, &file), Err(Error::Forbidden(_))));
        let own = cycle_jobs(store.conn(), &me, "2024/25").unwrap();
        assert!(
            !own.is_empty() && own.iter().all(|j| j.file_name.contains("100004")),
            "{own:?}"
        );
    }

    /// The error's code and message, which must not tell whether a record
    /// exists.
    fn refusal<T>(r: crate::Result<T>) -> (&'static str, String) {
        match r {
            Err(e) => (e.code(), e.to_string()),
            Ok(_) => panic!("a coder was answered with another's record"),
        }
    }

    #[test]
    fn a_coder_printing_or_checking_a_missing_appraisal_is_refused_as_for_one_not_theirs() {
        let store = demo();
        let conn = store.conn();
        let when = at(2026, 1, 15, 10, 30);
        let me = coder("100004");
        let theirs = appraisal::list_as(conn, &Actor::system())
            .unwrap()
            .into_iter()
            .find(|a| a.staff_number != "100004")
            .unwrap();
        let missing = 999_999;
        let not_theirs = refusal(appraisal_pdf(conn, &me, theirs.id, when));
        assert_eq!(not_theirs.0, "forbidden", "{not_theirs:?}");
        assert_eq!(
            refusal(appraisal_pdf(conn, &me, missing, when)),
            not_theirs,
            "printing a missing appraisal answers as for one that is not theirs"
        );
        assert_eq!(
            refusal(appraisal_file_name_as(conn, &me, missing, when.date())),
            not_theirs,
            "so does naming its file"
        );

        // A file naming an appraisal that is not in the database.
        let file = appraisal_pdf(conn, &Actor::system(), theirs.id, when).unwrap();
        let mut record = appraisal::get_as(conn, &Actor::system(), theirs.id, when.date())
            .unwrap()
            .record;
        record.id = missing;
        let orphan =
            crate::pdf::render(&appraisal_document_with(&record, None, &PrintSettings::default(), when)).unwrap();
        assert_eq!(
            refusal(verify_pdf(conn, &me, &orphan)),
            refusal(verify_pdf(conn, &me, &file)),
            "checking a file of a missing appraisal answers as for one that is not theirs"
        );
        let admin = verify_pdf(conn, &Actor::system(), &orphan).unwrap();
        assert!(
            !admin.genuine && admin.message.contains("not in this database"),
            "the administrator, who may see every appraisal, is told it is missing: {admin:?}"
        );
    }
}
