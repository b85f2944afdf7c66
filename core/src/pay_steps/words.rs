//! The words of a pay-step review: plain types with no store behind them,
//! so the store (`store::pay_steps`) can name them.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a pay-step review decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PayOutcome {
    /// Moves to the next pay point on the step date.
    Progresses,
    /// Held back: a standard is not met; reviewed again on a set date.
    Deferred,
    /// At the top of the band: there is no step to take.
    NotApplicable,
}

impl PayOutcome {
    pub fn code(self) -> &'static str {
        match self {
            PayOutcome::Progresses => "progresses",
            PayOutcome::Deferred => "deferred",
            PayOutcome::NotApplicable => "not_applicable",
        }
    }

    pub fn parse(text: &str) -> Option<PayOutcome> {
        match text.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "progresses" | "progress" => Some(PayOutcome::Progresses),
            "deferred" | "defer" => Some(PayOutcome::Deferred),
            "not_applicable" | "n/a" | "na" => Some(PayOutcome::NotApplicable),
            _ => None,
        }
    }
}

/// A recorded pay-step review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PayReview {
    #[ts(type = "string")]
    pub step_date: NaiveDate,
    pub outcome: PayOutcome,
    /// Deferred: the code of the standard not met.
    pub unmet_standard: Option<String>,
    /// Deferred: when it is looked at again.
    #[ts(type = "string | null")]
    pub review_date: Option<NaiveDate>,
    /// Progresses although a standard was missed: why that was outside the
    /// employee's control (an appraisal the manager did not hold, authorised
    /// absence). Empty otherwise.
    pub outside_control: String,
    pub note: String,
    pub recorded_by: String,
    #[ts(type = "string")]
    pub recorded_at: NaiveDateTime,
}

/// A standard Appraise holds no evidence for, confirmed by hand for one
/// pay step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConfirmedStandard {
    /// `no_capability_process` or `no_disciplinary_sanction`.
    pub standard: String,
    pub met: bool,
    pub reason: String,
    pub confirmed_by: String,
    #[ts(type = "string")]
    pub confirmed_at: NaiveDateTime,
}
