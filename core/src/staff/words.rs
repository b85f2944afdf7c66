//! The words of a staff record: the record as stored and shown, the form as
//! typed, and the checked record ready to store. Plain types with no store
//! behind them, so the store (`store::staff`) can name them without
//! importing the rules that call it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Agenda for Change pay bands.
pub const BANDS: &[&str] = &["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"];

/// A staff member as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffMember {
    pub staff_number: String,
    pub forename: String,
    pub surname: String,
    /// An Agenda for Change band: one of `BANDS`.
    pub band: String,
    pub job_title: String,
    #[ts(type = "string")]
    pub appointed: NaiveDate,
    /// The line manager's staff number.
    pub manager: Option<String>,
    /// The line manager's name, for lists.
    pub manager_name: Option<String>,
    /// Accredited Clinical Coder since.
    #[ts(type = "string | null")]
    pub acc_date: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub leaver_date: Option<NaiveDate>,
    /// On the NCCQ pathway by hand: `Some(true)` on it, `Some(false)` not,
    /// whatever the role; `None` follows the role profile (see
    /// `nccq::on_pathway`).
    pub nccq_pathway: Option<bool>,
    /// The last appraisal held before the department used Appraise: the
    /// next annual appraisal is due 12 months after it, unless a later one
    /// was signed in Appraise.
    #[ts(type = "string | null")]
    pub last_appraisal_before: Option<NaiveDate>,
    /// The date they entered their band: ESR's "incremental date", from
    /// which their pay-step dates follow (`crate::pay_steps`). Left out of
    /// the JSON when not recorded, so a record's printed content hash (an
    /// NCCQ report, a PDP summary) is what it was before the field existed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null", optional)]
    pub band_entered: Option<NaiveDate>,
}

impl StaffMember {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.forename, self.surname)
    }
}

/// What a person typed into the staff form (or the CLI): raw text, checked
/// by [`validate`]. Dates may be dd/mm/yyyy or yyyy-mm-dd; empty optional
/// fields mean "none".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StaffInput {
    pub staff_number: String,
    pub forename: String,
    pub surname: String,
    pub band: String,
    pub job_title: String,
    pub appointed: String,
    pub manager: String,
    pub acc_date: String,
    pub leaver_date: String,
    /// `yes` (on the NCCQ pathway), `no` (not on it), or empty to follow
    /// the role profile.
    pub nccq_pathway: String,
    /// The last appraisal held before Appraise; may be empty.
    pub last_appraisal_before: String,
    /// The date they entered their band (ESR's incremental date); optional.
    pub band_entered: String,
}

/// A checked staff record, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidStaff {
    pub staff_number: Option<String>,
    pub forename: String,
    pub surname: String,
    pub band: String,
    pub job_title: String,
    pub appointed: NaiveDate,
    pub manager: Option<String>,
    pub acc_date: Option<NaiveDate>,
    pub leaver_date: Option<NaiveDate>,
    pub nccq_pathway: Option<bool>,
    pub last_appraisal_before: Option<NaiveDate>,
    pub band_entered: Option<NaiveDate>,
}
