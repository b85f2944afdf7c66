//! The records of an appraisal as the screen shows and the PDF prints them:
//! the people, each part of the meeting, signatures and re-opening, and the
//! list row. Plain data; nothing here reads the database, so the store can
//! build them without depending on the rules.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::words::{
    ActivityType, AppraisalKind, AppraisalStatus, CriterionSource, Outcome, PayCriterionKind, PdpStatus, Step,
};
use crate::cycle::Cycle;

/// A person as an appraisal shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Person {
    pub staff_number: String,
    pub name: String,
    pub band: String,
    pub job_title: String,
}

/// One party's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Signature {
    pub staff_number: String,
    pub name: String,
    #[ts(type = "string")]
    pub signed_at: NaiveDateTime,
}

/// Why and by whom a signed appraisal was re-opened: carried by the version
/// the re-opening made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Reopening {
    pub reason: String,
    /// The administrator's staff number.
    pub by: String,
    pub by_name: Option<String>,
    #[ts(type = "string")]
    pub at: NaiveDateTime,
    /// The signed version it replaces.
    pub supersedes: i64,
}

/// A competency an objective or a skill refers to: the framework's own.
pub use crate::framework::words::CompetencyRef;

/// One of last year's objectives, as reviewed in this meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviousObjective {
    pub id: i64,
    /// The objective in last year's signed appraisal.
    pub source_objective_id: Option<i64>,
    pub text: String,
    pub measure: String,
    #[ts(type = "string | null")]
    pub due: Option<NaiveDate>,
    pub competency: Option<CompetencyRef>,
    pub target_level: Option<u8>,
    pub statement_text: Option<String>,
    /// Not yet decided while `None`.
    pub outcome: Option<Outcome>,
    pub comments: String,
    /// This year's copy, when carried forward.
    pub carried_objective_id: Option<i64>,
    /// Goes up each time the row is saved: a save may name the version it
    /// started from, and is refused as a `conflict` if someone saved since.
    pub row_version: i64,
}

/// The statements of one level of a competency, for the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelStatements {
    pub level: u8,
    /// The SFIA 9 name: Follow, Assist, ...
    pub level_name: String,
    pub statements: Vec<String>,
}

/// One competency of the appraisee's role profile: expected, self-assessed
/// and agreed levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillAssessment {
    pub id: i64,
    pub framework_id: i64,
    pub competency_id: i64,
    pub skill_code: String,
    pub skill_name: String,
    pub competency: String,
    /// The role's expected level when the appraisal started.
    pub expected_level: u8,
    /// The appraisee's own assessment, which they may give beforehand.
    pub self_level: Option<u8>,
    /// The level agreed in the meeting.
    pub agreed_level: Option<u8>,
    /// Goes up each time the row is saved: a save may name the version it
    /// started from, and is refused as a `conflict` if someone saved since.
    pub row_version: i64,
    /// Levels below the expected one, by the agreed level or, until one is
    /// agreed, the self-assessed one; 0 when there is no gap or no level yet.
    pub gap: u8,
    /// Only the levels this competency is defined at, lowest first.
    pub levels: Vec<LevelStatements>,
}

/// One of this year's objectives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Objective {
    pub id: i64,
    /// SMART: specific, measurable, achievable, relevant, time-bound.
    pub text: String,
    /// How success will be measured.
    pub measure: String,
    #[ts(type = "string | null")]
    pub due: Option<NaiveDate>,
    pub competency: Option<CompetencyRef>,
    pub target_level: Option<u8>,
    /// The statement the level was agreed against, by id in its framework
    /// version; the first at that level when it has several.
    pub statement_id: Option<i64>,
    /// Every statement at the target level, as agreed, one per line.
    pub statement_text: Option<String>,
    /// The reviewed objective this one carries forward.
    pub carried_from: Option<i64>,
    /// Goes up each time the row is saved: a save may name the version it
    /// started from, and is refused as a `conflict` if someone saved since.
    pub row_version: i64,
    /// What must still be filled in before signing, by field name
    /// (`measure`, `due`, `competency`, `target_level`).
    pub missing: Vec<String>,
}

/// The coding-accuracy KPI objective: targets for the DSPT clinical coding
/// audit, in percent.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KpiObjective {
    pub primary_diagnosis: f64,
    pub secondary_diagnosis: f64,
    pub procedure: f64,
    #[ts(type = "string | null")]
    pub due: Option<NaiveDate>,
    pub notes: String,
}

/// The wellbeing conversation. Personal: printed only when the appraisee
/// chooses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Wellbeing {
    pub notes: String,
    pub flexible_working: String,
    pub support_agreed: String,
    /// The appraisee's choice: show the conversation in the printed record.
    pub include_in_print: bool,
}

/// Everything about one appraisal: what the meeting screen shows and the
/// PDF prints.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppraisalRecord {
    pub id: i64,
    pub version: u32,
    pub kind: AppraisalKind,
    pub status: AppraisalStatus,
    /// Where the meeting resumes.
    pub step: Step,
    pub cycle: Cycle,
    pub appraisee: Person,
    pub appraiser: Person,
    /// The role whose expected levels the skills were compared with, as
    /// "Band 5 Clinical Coding Specialist".
    pub role: Option<String>,
    /// The framework version the skills and objectives were agreed against.
    pub framework_id: Option<i64>,
    #[ts(type = "string")]
    pub meeting_date: NaiveDate,
    pub previous_objectives: Vec<PreviousObjective>,
    pub skills: Vec<SkillAssessment>,
    pub objectives: Vec<Objective>,
    pub kpi: Option<KpiObjective>,
    pub pdp: Vec<PdpItem>,
    pub wellbeing: Wellbeing,
    pub pay: PayProgression,
    pub appraisee_comments: String,
    pub appraiser_comments: String,
    pub appraisee_signature: Option<Signature>,
    pub appraiser_signature: Option<Signature>,
    /// Set on a version made by re-opening a signed one.
    pub reopening: Option<Reopening>,
    /// The version that re-opened this one, if any.
    pub superseded_by: Option<i64>,
    #[ts(type = "string")]
    pub created_at: NaiveDateTime,
    #[ts(type = "string")]
    pub updated_at: NaiveDateTime,
}

impl AppraisalRecord {
    /// Signed by both: nothing may change it.
    pub fn is_locked(&self) -> bool {
        self.status != AppraisalStatus::InProgress
    }
}

/// One appraisal, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppraisalSummary {
    pub id: i64,
    /// The appraisee's staff number.
    pub staff_number: String,
    /// The appraisee's name.
    pub name: String,
    pub appraiser_staff_number: String,
    pub appraiser_name: String,
    /// As 2025/26.
    pub cycle: String,
    pub cycle_start_year: i32,
    pub kind: AppraisalKind,
    pub status: AppraisalStatus,
    pub step: Step,
    pub version: u32,
    #[ts(type = "string")]
    pub meeting_date: NaiveDate,
    /// The day the second party signed.
    #[ts(type = "string | null")]
    pub signed_on: Option<NaiveDate>,
    pub superseded_by: Option<i64>,
}

/// Progress on a PDP item since the plan was signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PdpProgress {
    pub status: PdpStatus,
    pub progress: String,
    pub evidence: String,
    pub reflection: String,
    #[ts(type = "string | null")]
    pub completed_on: Option<NaiveDate>,
    /// Last saved; `None` before any progress was recorded.
    #[ts(type = "string | null")]
    pub updated_at: Option<NaiveDateTime>,
}

/// One item of the plan, with its progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PdpItem {
    pub id: i64,
    pub learning_need: String,
    pub activity: ActivityType,
    pub description: String,
    #[ts(type = "string | null")]
    pub target_date: Option<NaiveDate>,
    /// Support needed: time, funding, a mentor.
    pub support: String,
    /// The competency the need comes from, if any.
    pub skill_code: Option<String>,
    pub competency: Option<String>,
    pub progress: PdpProgress,
    /// Goes up each time the row is saved: a save may name the version it
    /// started from, and is refused as a `conflict` if someone saved since.
    pub row_version: i64,
}

/// One standard and whether it is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PayCriterion {
    pub criterion: PayCriterionKind,
    pub label: String,
    /// False where the standard does not apply (reports, for someone who
    /// manages nobody).
    pub applies: bool,
    /// `None` until the manager confirms it.
    pub met: Option<bool>,
    pub source: CriterionSource,
    /// Why, in a sentence.
    pub reason: String,
    /// The manager's own note, for a confirmed criterion.
    pub note: String,
    pub confirmed_by: Option<String>,
    pub confirmed_by_name: Option<String>,
    #[ts(type = "string | null")]
    pub confirmed_at: Option<NaiveDateTime>,
}

/// The pay progression outcome: each standard, and whether all are met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PayProgression {
    pub criteria: Vec<PayCriterion>,
    /// Meets the standard for pay-step progression: yes, no, or `None`
    /// while the manager still has something to confirm.
    pub meets_standard: Option<bool>,
    /// "Meets the standard for pay-step progression: yes." and so on.
    pub summary: String,
    /// The reasons behind the outcome: the unmet standards for a no, what
    /// is left to confirm while undecided, every finding for a yes.
    pub reasons: Vec<String>,
    /// The day it was assessed as at.
    #[ts(type = "string")]
    pub as_at: NaiveDate,
}
