//! The home page as the window and the CLI see it: every figure and list,
//! each item naming the person (and the record) it is dealt with on.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::nccq::NccqState;

/// Everything on one person's home page on `as_at`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Dashboard {
    #[ts(type = "string")]
    pub as_at: NaiveDate,
    /// The appraisal cycle of `as_at`, as 2026/27.
    pub cycle: String,
    /// Whose figures these are: "Your reports", "The department", "Jane
    /// Smith's team", or empty for a coder.
    pub scope: String,
    /// The manager whose team the figures cover, when filtered.
    pub team: Option<String>,
    /// Whether there are team figures at all (a manager or the
    /// administrator).
    pub shows_team: bool,
    /// People in post on `as_at` among those covered.
    pub people_in_post: u32,
    /// Annual appraisals due later in this cycle, not yet signed.
    pub due: Vec<DuePerson>,
    /// Annual appraisals past their due date, not signed.
    pub overdue: Vec<DuePerson>,
    /// People in post with a signed annual appraisal in the last 12 months,
    /// as a percentage of people in post (one decimal place); none when
    /// nobody is in post.
    pub compliance_percent: Option<f64>,
    /// This month and each of the 12 before it, oldest first.
    pub compliance_by_month: Vec<MonthCompliance>,
    /// New starters whose objective-setting meeting is late.
    pub objective_setting_late: Vec<DuePerson>,
    /// Mid-year reviews not yet held, due within 8 weeks or already due.
    pub mid_year_due: Vec<DuePerson>,
    /// NCCQ trainees at risk or past their deadline, the least time first.
    pub nccq_at_risk: Vec<NccqRisk>,
    /// Pay-step reviews due in the next 8 weeks (or already due), with no
    /// review recorded.
    pub pay_step_reviews_due: Vec<PayStepDue>,
    /// Mandatory training expired or missing, or an NCCQ refresher overdue.
    pub training_overdue: Vec<TrainingDue>,
    /// Each coder's latest audit in the last 12 months, when below the line.
    pub audits_below: Vec<AuditBelow>,
    /// PDP activities past their target date and not completed.
    pub pdp_overdue: Vec<PdpActivityDue>,
    /// Skills agreed below the level their role expects, in everyone's
    /// current annual appraisal.
    pub skills_gaps: u32,
    /// The reader's own next actions; none when they are not on the staff
    /// list.
    pub mine: Option<NextActions>,
}

/// One person's meeting and when it is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuePerson {
    pub staff_number: String,
    pub name: String,
    #[ts(type = "string")]
    pub due: NaiveDate,
    /// This cycle's meeting, once started.
    pub appraisal_id: Option<i64>,
}

/// The compliance figure at the end of one month.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MonthCompliance {
    /// As 2026-11.
    pub month: String,
    /// The last day of the month, or today for this month.
    #[ts(type = "string")]
    pub as_at: NaiveDate,
    pub in_post: u32,
    pub compliant: u32,
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NccqRisk {
    pub staff_number: String,
    pub name: String,
    pub state: NccqState,
    #[ts(type = "string")]
    pub nccq_by: NaiveDate,
    /// Negative once the deadline has passed.
    pub days_left: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PayStepDue {
    pub staff_number: String,
    pub name: String,
    pub band: String,
    #[ts(type = "string")]
    pub step_date: NaiveDate,
    #[ts(type = "string")]
    pub review_due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrainingDue {
    pub staff_number: String,
    pub name: String,
    /// Required subjects expired or missing.
    pub subjects: Vec<String>,
    /// The NCCQ refresher is overdue: due on this day (none when no course
    /// is recorded at all).
    pub refresher_overdue: bool,
    #[ts(type = "string | null")]
    pub refresher_due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditBelow {
    pub staff_number: String,
    pub name: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The code types below the "met" level, in words.
    pub below: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PdpActivityDue {
    pub staff_number: String,
    pub name: String,
    pub appraisal_id: i64,
    pub learning_need: String,
    #[ts(type = "string")]
    pub target_date: NaiveDate,
}

/// A coder's own next actions (everyone has them, managers too).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NextActions {
    pub staff_number: String,
    pub name: String,
    #[ts(type = "string | null")]
    pub appraisal_due: Option<NaiveDate>,
    pub appraisal_overdue: bool,
    /// This cycle's annual appraisal, once started.
    pub appraisal_id: Option<i64>,
    /// PDP activities not completed, by target date.
    pub pdp_due: Vec<PdpActivityDue>,
    /// On the NCCQ pathway: the deadline and the next sitting open to them.
    #[ts(type = "string | null")]
    pub nccq_by: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub next_sitting: Option<NaiveDate>,
    pub nccq_state: Option<NccqState>,
    /// Competences expiring in the next 3 months or expired, soonest
    /// first: (competence, last day).
    pub training_expiring: Vec<TrainingExpiring>,
    pub latest_audit: Option<AuditBelow>,
    /// The outcome of the latest audit in words: exceeded, met, not met.
    pub latest_audit_outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrainingExpiring {
    pub competence: String,
    #[ts(type = "string")]
    pub expires_on: NaiveDate,
}
