//! The words of training records and the CPD log: plain types with no store
//! behind them, so the store (`store::training`) can name them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One completed competence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrainingRecord {
    pub id: i64,
    /// As ESR/OLM names it, e.g. "NHS|CSTF|Fire Safety - 2 Years|".
    pub competence: String,
    #[ts(type = "string")]
    pub completed_on: NaiveDate,
    /// The last day it counts; none for a competence that does not expire.
    #[ts(type = "string | null")]
    pub expires_on: Option<NaiveDate>,
    /// `import` (from an ESR/OLM export) or `hand`.
    pub source: String,
}

/// A competence checked and ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTrainingRecord {
    pub competence: String,
    pub completed_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
}

/// What a person typed to record a competence by hand: raw text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TrainingInput {
    pub competence: String,
    pub completed_on: String,
    /// Empty for a competence that does not expire.
    pub expires_on: String,
}

/// One entry of a CPD log.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CpdEntry {
    pub id: i64,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub activity: String,
    pub hours: f64,
    pub reflection: String,
    /// The personal development plan item it serves, if any.
    #[ts(type = "number | null")]
    pub pdp_item_id: Option<i64>,
}

/// What the person typed to add to their CPD log: raw text. `pdp_item_id`
/// is empty or the number of one of their plan items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CpdInput {
    pub date: String,
    pub activity: String,
    pub hours: String,
    pub reflection: String,
    pub pdp_item_id: String,
}
