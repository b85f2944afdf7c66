//! The words of the NCCQ pathway: the papers, the courses, the states a
//! trainee can be in, and the records as stored. Leaf types: nothing here
//! reads the store or decides a rule, so the store may use them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The two NCCQ papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// Paper 1.
    Practical,
    /// Paper 2.
    Theory,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::Practical, Paper::Theory];

    /// The stored and typed form: `practical`, `theory`.
    pub fn code(self) -> &'static str {
        match self {
            Paper::Practical => "practical",
            Paper::Theory => "theory",
        }
    }

    /// The word in sentences: `Practical`, `Theory`.
    pub fn label(self) -> &'static str {
        match self {
            Paper::Practical => "Practical",
            Paper::Theory => "Theory",
        }
    }

    /// Understands the code, the label and the paper number (`1`, `paper 2`).
    pub fn parse(text: &str) -> Option<Paper> {
        let t = text.trim().to_lowercase();
        let t = t.strip_prefix("paper").map(str::trim).unwrap_or(&t);
        match t {
            "practical" | "1" | "1 practical" => Some(Paper::Practical),
            "theory" | "2" | "2 theory" => Some(Paper::Theory),
            _ => None,
        }
    }
}

/// The Clinical Coding Standards course (CCSC) and its refresher (CCSRC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CourseKind {
    Standards,
    Refresher,
}

impl CourseKind {
    /// The stored and typed form: `standards`, `refresher`.
    pub fn code(self) -> &'static str {
        match self {
            CourseKind::Standards => "standards",
            CourseKind::Refresher => "refresher",
        }
    }

    /// The words in a sentence: the Standards course is a proper name.
    pub fn label(self) -> &'static str {
        match self {
            CourseKind::Standards => "Standards course",
            CourseKind::Refresher => "refresher course",
        }
    }

    /// Understands the code and the national abbreviations (CCSC, CCSRC).
    pub fn parse(text: &str) -> Option<CourseKind> {
        match text.trim().to_lowercase().as_str() {
            "standards" | "ccsc" => Some(CourseKind::Standards),
            "refresher" | "ccsrc" => Some(CourseKind::Refresher),
            _ => None,
        }
    }
}

/// Where a trainee stands. Ordered from best to settled, so the worst of
/// several findings is their maximum; `Achieved` outranks all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NccqState {
    OnTrack,
    AtRisk,
    Missed,
    Achieved,
}

impl NccqState {
    pub fn label(self) -> &'static str {
        match self {
            NccqState::OnTrack => "on track",
            NccqState::AtRisk => "at risk",
            NccqState::Missed => "missed",
            NccqState::Achieved => "achieved",
        }
    }
}

/// A course attended (or booked, when it starts after today).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CourseAttendance {
    pub id: i64,
    pub kind: CourseKind,
    #[ts(type = "string")]
    pub start: NaiveDate,
    #[ts(type = "string | null")]
    pub end: Option<NaiveDate>,
}

/// One paper's result as stored: no pass or fail, which depends on the
/// settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamResult {
    pub id: i64,
    pub sitting: NaiveDate,
    pub paper: Paper,
    /// Percent.
    pub score: f64,
}
