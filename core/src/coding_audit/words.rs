//! The plain types of a coding audit: the four code types the DSPT audit
//! measures, a result as stored, the thresholds it is judged against and
//! the judgement. A leaf: the store and the rules import it, it imports
//! neither.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The code types the DSPT clinical coding audit measures, in the order
/// every page and file lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CodeType {
    PrimaryDiagnosis,
    SecondaryDiagnosis,
    PrimaryProcedure,
    SecondaryProcedure,
}

impl CodeType {
    pub const ALL: [CodeType; 4] = [
        CodeType::PrimaryDiagnosis,
        CodeType::SecondaryDiagnosis,
        CodeType::PrimaryProcedure,
        CodeType::SecondaryProcedure,
    ];

    /// As people read it: "secondary procedure".
    pub fn words(self) -> &'static str {
        match self {
            CodeType::PrimaryDiagnosis => "primary diagnosis",
            CodeType::SecondaryDiagnosis => "secondary diagnosis",
            CodeType::PrimaryProcedure => "primary procedure",
            CodeType::SecondaryProcedure => "secondary procedure",
        }
    }

    /// The same, starting with a capital, for a heading or a label.
    pub fn label(self) -> &'static str {
        match self {
            CodeType::PrimaryDiagnosis => "Primary diagnosis",
            CodeType::SecondaryDiagnosis => "Secondary diagnosis",
            CodeType::PrimaryProcedure => "Primary procedure",
            CodeType::SecondaryProcedure => "Secondary procedure",
        }
    }
}

/// One number per code type: percentages correct, or thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PerCodeType<T> {
    pub primary_diagnosis: T,
    pub secondary_diagnosis: T,
    pub primary_procedure: T,
    pub secondary_procedure: T,
}

impl<T: Copy> PerCodeType<T> {
    pub fn get(&self, code: CodeType) -> T {
        match code {
            CodeType::PrimaryDiagnosis => self.primary_diagnosis,
            CodeType::SecondaryDiagnosis => self.secondary_diagnosis,
            CodeType::PrimaryProcedure => self.primary_procedure,
            CodeType::SecondaryProcedure => self.secondary_procedure,
        }
    }
}

/// Percentages, whole numbers (the DSPT standards are whole percentages).
pub type Thresholds = PerCodeType<u32>;

/// The DSPT clinical coding audit's "met" level (Data Security and
/// Protection Toolkit, standard 1 evidence item on coding accuracy).
pub const DSPT_MET: Thresholds = PerCodeType {
    primary_diagnosis: 90,
    secondary_diagnosis: 80,
    primary_procedure: 90,
    secondary_procedure: 80,
};

/// The DSPT clinical coding audit's "exceeded" level.
pub const DSPT_EXCEEDED: Thresholds = PerCodeType {
    primary_diagnosis: 95,
    secondary_diagnosis: 90,
    primary_procedure: 95,
    secondary_procedure: 90,
};

/// How a result stands against the thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    /// Every code type at or above its "exceeded" level.
    Exceeded,
    /// Every code type at or above its "met" level.
    Met,
    /// At least one code type below its "met" level.
    NotMet,
}

impl AuditOutcome {
    pub fn code(self) -> &'static str {
        match self {
            AuditOutcome::Exceeded => "exceeded",
            AuditOutcome::Met => "met",
            AuditOutcome::NotMet => "not_met",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            AuditOutcome::Exceeded => "Exceeded",
            AuditOutcome::Met => "Met",
            AuditOutcome::NotMet => "Not met",
        }
    }
}

/// A result judged: its outcome, and the code types below the "met" level
/// (empty unless not met).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditJudgement {
    pub outcome: AuditOutcome,
    pub below: Vec<CodeType>,
}

/// Errors found in audit, by cause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditErrorCounts {
    /// The coder's own error.
    pub coder: u32,
    /// The case notes did not support the code.
    pub documentation: u32,
    pub other: u32,
}

/// A result as stored, before it is judged.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CodingAudit {
    pub id: i64,
    pub staff_number: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The auditor's name as typed: often an approved auditor from outside
    /// the department, so not a staff record.
    pub auditor: String,
    pub episodes: u32,
    /// Percent correct per code type.
    pub scores: PerCodeType<f64>,
    pub errors: AuditErrorCounts,
    /// The staff number of whoever recorded it, and when.
    pub recorded_by: String,
    #[ts(type = "string")]
    pub recorded_at: NaiveDateTime,
}
