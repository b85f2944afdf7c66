//! Statutory and mandatory training and continuing professional
//! development: each person's completed competences (imported from an
//! ESR/OLM export or typed by hand), their compliance as at a date against
//! the trust's required subjects, the Clinical Coding Standards refreshers
//! every coder owes, and the CPD log the person keeps.
//!
//! - [`words`]: the plain types the store names;
//! - [`compliance`]: the rule (what is missing or expired on a date);
//! - [`records`]: reading a person's records and adding one by hand;
//! - [`import`]: the ESR/OLM competence compliance CSV;
//! - [`refreshers`]: Standards refreshers for every coder, accredited or not;
//! - [`cpd`]: the CPD log.

pub mod compliance;
pub mod cpd;
pub mod import;
pub mod records;
pub mod refreshers;
#[cfg(test)]
mod tests;
pub mod words;

pub use compliance::{assess, Compliance, ComplianceItem, SubjectState};
pub use records::{add_audited, status_as, view_as, TrainingView};
pub use words::{CpdEntry, CpdInput, TrainingInput, TrainingRecord};
