//! Coding audits per coder: each result (date, auditor, episodes, percent
//! correct for the four code types the DSPT audit measures, errors by
//! cause) judged met, exceeded or not met against the trust's thresholds
//! (`settings::appraisal`), and the department's summary per audit period.
//!
//! - `words`: the plain types (a leaf the store imports);
//! - `rules`: judging a result and summarising a period (pure);
//! - `records`: recording and reading a person's results, one guarded door
//!   each;
//! - `summary`: the period's summary for a line manager or the
//!   administrator.
//!
//! A result's outcome is judged when it is recorded, against the
//! thresholds in force then, and kept: changing the thresholds later does
//! not rewrite what a coder was told. Results are evidence, so they are
//! added, never edited or taken away (a wrong one is answered by a
//! corrected one; the audit trail has both).

pub mod records;
pub mod rules;
pub mod summary;
pub mod words;

pub use records::{
    add_audited, for_appraisal_as, in_period_as, list_as, view_as, CodingAuditInput, CodingAuditResult,
    CodingAuditsView,
};
pub use summary::{summary_as, CodingAuditCoder, CodingAuditSummary};
pub use words::{AuditJudgement, AuditOutcome, CodeType};

#[cfg(test)]
mod tests;
