//! The words of an appraisal: its kinds, statuses, steps and outcomes, the
//! parties who sign it, PDP activities and pay standards. Plain values with
//! their codes and labels; nothing here reads the database, so the store
//! and the rules can both use them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The three meetings an appraisal record is made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppraisalKind {
    /// Once a cycle, for everyone.
    Annual,
    /// Half way through the cycle: progress on the objectives.
    MidYear,
    /// A new starter's first meeting, within 6 weeks of appointment.
    ObjectiveSetting,
}

impl AppraisalKind {
    pub const ALL: [AppraisalKind; 3] = [
        AppraisalKind::Annual,
        AppraisalKind::MidYear,
        AppraisalKind::ObjectiveSetting,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AppraisalKind::Annual => "annual",
            AppraisalKind::MidYear => "mid_year",
            AppraisalKind::ObjectiveSetting => "objective_setting",
        }
    }

    /// The words in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            AppraisalKind::Annual => "annual appraisal",
            AppraisalKind::MidYear => "mid-year review",
            AppraisalKind::ObjectiveSetting => "objective-setting meeting",
        }
    }

    /// The steps this meeting goes through, in order. A new starter's
    /// objective-setting meeting has no objectives of last year to review
    /// and no pay progression; a mid-year review looks at the year's
    /// objectives so far, without the skills or pay progression the annual
    /// appraisal covers.
    pub fn steps(self) -> &'static [Step] {
        match self {
            AppraisalKind::Annual => &Step::ALL,
            AppraisalKind::MidYear => &[
                Step::PreviousObjectives,
                Step::Objectives,
                Step::Pdp,
                Step::Wellbeing,
                Step::Comments,
                Step::SignOff,
            ],
            AppraisalKind::ObjectiveSetting => &[
                Step::Skills,
                Step::Objectives,
                Step::Pdp,
                Step::Wellbeing,
                Step::Comments,
                Step::SignOff,
            ],
        }
    }

    /// Understands the code and the words (`mid-year`, `objective setting`).
    pub fn parse(text: &str) -> Option<AppraisalKind> {
        match text.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "annual" | "annual_appraisal" => Some(AppraisalKind::Annual),
            "mid_year" | "mid_year_review" | "midyear" => Some(AppraisalKind::MidYear),
            "objective_setting" | "objective_setting_meeting" | "objectives" => Some(AppraisalKind::ObjectiveSetting),
            _ => None,
        }
    }
}

/// Where an appraisal stands. Only in-progress and signed are stored;
/// re-opened is a signed version a later version has replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppraisalStatus {
    InProgress,
    /// Both parties have signed: locked.
    Signed,
    /// Signed, then re-opened by an administrator: kept, locked, and
    /// replaced by the next version.
    Reopened,
}

impl AppraisalStatus {
    pub fn code(self) -> &'static str {
        match self {
            AppraisalStatus::InProgress => "in_progress",
            AppraisalStatus::Signed => "signed",
            AppraisalStatus::Reopened => "reopened",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AppraisalStatus::InProgress => "in progress",
            AppraisalStatus::Signed => "signed",
            AppraisalStatus::Reopened => "re-opened",
        }
    }
}

/// The steps of the guided meeting, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    PreviousObjectives,
    Skills,
    Objectives,
    Pdp,
    Wellbeing,
    PayProgression,
    Comments,
    SignOff,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::PreviousObjectives,
        Step::Skills,
        Step::Objectives,
        Step::Pdp,
        Step::Wellbeing,
        Step::PayProgression,
        Step::Comments,
        Step::SignOff,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::PreviousObjectives => "previous_objectives",
            Step::Skills => "skills",
            Step::Objectives => "objectives",
            Step::Pdp => "pdp",
            Step::Wellbeing => "wellbeing",
            Step::PayProgression => "pay_progression",
            Step::Comments => "comments",
            Step::SignOff => "sign_off",
        }
    }

    /// The step's heading on screen.
    pub fn label(self) -> &'static str {
        match self {
            Step::PreviousObjectives => "Last year's objectives",
            Step::Skills => "Skills",
            Step::Objectives => "New objectives",
            Step::Pdp => "Personal development plan",
            Step::Wellbeing => "Wellbeing",
            Step::PayProgression => "Pay progression",
            Step::Comments => "Comments",
            Step::SignOff => "Sign-off",
        }
    }

    pub fn parse(text: &str) -> Option<Step> {
        let t = text.trim().to_lowercase().replace(['-', ' '], "_");
        Step::ALL.into_iter().find(|s| s.code() == t)
    }
}

/// How one of last year's objectives turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Met,
    PartlyMet,
    NotMet,
    /// Still worth doing: copied into this year's objectives.
    CarriedForward,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Met,
        Outcome::PartlyMet,
        Outcome::NotMet,
        Outcome::CarriedForward,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::PartlyMet => "partly_met",
            Outcome::NotMet => "not_met",
            Outcome::CarriedForward => "carried_forward",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::PartlyMet => "partly met",
            Outcome::NotMet => "not met",
            Outcome::CarriedForward => "carried forward",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        let t = text.trim().to_lowercase().replace(['-', ' '], "_");
        Outcome::ALL.into_iter().find(|o| o.code() == t)
    }
}

/// The two people who sign an appraisal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Appraisee,
    Appraiser,
}

impl Party {
    pub fn code(self) -> &'static str {
        match self {
            Party::Appraisee => "appraisee",
            Party::Appraiser => "appraiser",
        }
    }

    pub fn parse(text: &str) -> Option<Party> {
        match text.trim().to_lowercase().as_str() {
            "appraisee" => Some(Party::Appraisee),
            "appraiser" | "manager" => Some(Party::Appraiser),
            _ => None,
        }
    }
}

/// What kind of learning a PDP item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActivityType {
    Course,
    ELearning,
    Mentoring,
    Shadowing,
    Workshop,
    /// The Clinical Coding Standards course (CCSC).
    StandardsCourse,
    /// The Clinical Coding Standards refresher course (CCSRC).
    RefresherCourse,
    /// Revision for the NCCQ papers.
    NccqRevision,
    Other,
}

impl ActivityType {
    pub const ALL: [ActivityType; 9] = [
        ActivityType::Course,
        ActivityType::ELearning,
        ActivityType::Mentoring,
        ActivityType::Shadowing,
        ActivityType::Workshop,
        ActivityType::StandardsCourse,
        ActivityType::RefresherCourse,
        ActivityType::NccqRevision,
        ActivityType::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ActivityType::Course => "course",
            ActivityType::ELearning => "e_learning",
            ActivityType::Mentoring => "mentoring",
            ActivityType::Shadowing => "shadowing",
            ActivityType::Workshop => "workshop",
            ActivityType::StandardsCourse => "standards_course",
            ActivityType::RefresherCourse => "refresher_course",
            ActivityType::NccqRevision => "nccq_revision",
            ActivityType::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ActivityType::Course => "Course",
            ActivityType::ELearning => "E-learning",
            ActivityType::Mentoring => "Mentoring",
            ActivityType::Shadowing => "Shadowing",
            ActivityType::Workshop => "Workshop",
            ActivityType::StandardsCourse => "Clinical Coding Standards course",
            ActivityType::RefresherCourse => "Clinical Coding Standards refresher course",
            ActivityType::NccqRevision => "NCCQ revision",
            ActivityType::Other => "Other",
        }
    }

    /// Understands the code and the label, and CCSC, CCSRC.
    pub fn parse(text: &str) -> Option<ActivityType> {
        let t = text.trim().to_lowercase().replace(['-', ' '], "_");
        match t.as_str() {
            "ccsc" | "standards" => return Some(ActivityType::StandardsCourse),
            "ccsrc" | "refresher" => return Some(ActivityType::RefresherCourse),
            "elearning" => return Some(ActivityType::ELearning),
            _ => {}
        }
        ActivityType::ALL
            .into_iter()
            .find(|a| a.code() == t || a.label().to_lowercase().replace(['-', ' '], "_") == t)
    }
}

/// How far a PDP item has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PdpStatus {
    NotStarted,
    InProgress,
    Completed,
}

impl PdpStatus {
    pub fn code(self) -> &'static str {
        match self {
            PdpStatus::NotStarted => "not_started",
            PdpStatus::InProgress => "in_progress",
            PdpStatus::Completed => "completed",
        }
    }

    pub fn parse(text: &str) -> Option<PdpStatus> {
        match text.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "not_started" | "" => Some(PdpStatus::NotStarted),
            "in_progress" | "started" => Some(PdpStatus::InProgress),
            "completed" | "complete" | "done" => Some(PdpStatus::Completed),
            _ => None,
        }
    }
}

/// The pay progression standards, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PayCriterionKind {
    /// Worked out: an annual appraisal signed in the last 12 months.
    AppraisalWithin12Months,
    /// Confirmed by the manager.
    MandatoryTraining,
    /// Confirmed by the manager.
    NoCapabilityProcess,
    /// Confirmed by the manager.
    NoDisciplinarySanction,
    /// Worked out, for line managers: every report appraised.
    ReportsAppraised,
}

impl PayCriterionKind {
    pub const ALL: [PayCriterionKind; 5] = [
        PayCriterionKind::AppraisalWithin12Months,
        PayCriterionKind::MandatoryTraining,
        PayCriterionKind::NoCapabilityProcess,
        PayCriterionKind::NoDisciplinarySanction,
        PayCriterionKind::ReportsAppraised,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PayCriterionKind::AppraisalWithin12Months => "appraisal_within_12_months",
            PayCriterionKind::MandatoryTraining => "mandatory_training",
            PayCriterionKind::NoCapabilityProcess => "no_capability_process",
            PayCriterionKind::NoDisciplinarySanction => "no_disciplinary_sanction",
            PayCriterionKind::ReportsAppraised => "reports_appraised",
        }
    }

    pub fn parse(text: &str) -> Option<PayCriterionKind> {
        let t = text.trim().to_lowercase().replace(['-', ' '], "_");
        PayCriterionKind::ALL.into_iter().find(|c| c.code() == t)
    }

    /// The standard, as a heading.
    pub fn label(self) -> &'static str {
        match self {
            PayCriterionKind::AppraisalWithin12Months => "Appraisal completed within the last 12 months",
            PayCriterionKind::MandatoryTraining => "Statutory and mandatory training complete",
            PayCriterionKind::NoCapabilityProcess => "No formal capability process",
            PayCriterionKind::NoDisciplinarySanction => "No live disciplinary sanction",
            PayCriterionKind::ReportsAppraised => "Appraisals done for all their own staff",
        }
    }

    /// Appraise works it out; the others the manager confirms.
    pub fn computed(self) -> bool {
        matches!(
            self,
            PayCriterionKind::AppraisalWithin12Months | PayCriterionKind::ReportsAppraised
        )
    }
}

/// Where a criterion's answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CriterionSource {
    /// Worked out by Appraise from its records.
    Computed,
    /// Confirmed by the manager.
    Confirmed,
}

impl CriterionSource {
    pub fn code(self) -> &'static str {
        match self {
            CriterionSource::Computed => "computed",
            CriterionSource::Confirmed => "confirmed",
        }
    }

    pub fn parse(text: &str) -> Option<CriterionSource> {
        match text {
            "computed" => Some(CriterionSource::Computed),
            "confirmed" => Some(CriterionSource::Confirmed),
            _ => None,
        }
    }
}
