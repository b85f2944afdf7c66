//! SQL for appraisals, one file per table group: the appraisal row and its
//! versions and signatures ([`header`]), skills, objectives and the KPI
//! objective, last year's objectives as reviewed, the PDP and its progress,
//! wellbeing, pay criteria, and the appraisal settings. No rules here; they
//! live in `crate::appraisal`, whose plain types (`words`, `records`) are
//! all this module knows of it. Triggers in the schema refuse changes to a
//! signed appraisal whatever this module is asked to do.

mod header;
mod objectives;
mod pay;
mod pdp;
mod previous;
mod row_version;
mod skills;
mod wellbeing;

use crate::store::db::Row;
use chrono::NaiveDateTime;
use rusqlite::types::Type;

// What an appraisal reads of the skills framework: the newest version, the
// role profile for a person, the competencies a role expects and the
// statements at each level. The framework's store answers.
pub use crate::store::framework::{
    competency_levels, expected_competencies, find_competency, newest_framework, role_for, statement_at,
    ExpectedCompetency,
};
pub use header::*;
pub use objectives::*;
pub use pay::*;
pub use pdp::*;
pub use previous::*;
pub use row_version::*;
pub use skills::*;
pub use wellbeing::*;

/// Date-times are stored as ISO text without fractions, as elsewhere.
pub fn timestamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A stored code the rules do not know means the file was edited by hand;
/// say which column rather than guess.
pub(super) fn decode<T>(row: &Row, idx: usize, parse: fn(&str) -> Option<T>) -> crate::store::db::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, format!("unknown code {text:?}").into()).into()
    })
}

pub(super) fn decode_opt<T>(
    row: &Row,
    idx: usize,
    parse: fn(&str) -> Option<T>,
) -> crate::store::db::Result<Option<T>> {
    match row.get::<_, Option<String>>(idx)? {
        None => Ok(None),
        Some(_) => decode(row, idx, parse).map(Some),
    }
}

/// A signed appraisal (alias `a`) that no later signed version replaces.
pub const CURRENT_SIGNED: &str = "a.status = 'signed'
    AND NOT EXISTS (SELECT 1 FROM appraisal n WHERE n.supersedes_id = a.id AND n.status = 'signed')";
