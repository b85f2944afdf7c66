//! SQL for coding audit results (`coding_audit`). No rules here; they live
//! in `crate::coding_audit`. Only the leaf types of
//! `crate::coding_audit::words` are used, so the layers point one way.

use crate::store::db::{params, Connection, Row};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Type;

use crate::coding_audit::words::{AuditErrorCounts, AuditJudgement, AuditOutcome, CodeType, CodingAudit, PerCodeType};
use crate::Result;

/// A result to store, already checked and judged.
pub struct NewAudit<'a> {
    pub date: NaiveDate,
    pub auditor: &'a str,
    pub episodes: u32,
    pub scores: PerCodeType<f64>,
    pub errors: AuditErrorCounts,
    pub judgement: &'a AuditJudgement,
    pub recorded_by: &'a str,
    pub recorded_at: NaiveDateTime,
}

pub fn insert(conn: &Connection, staff_id: i64, a: &NewAudit) -> Result<i64> {
    let below: Vec<&str> = a.judgement.below.iter().map(|&c| code(c)).collect();
    Ok(conn.query_row(
        "INSERT INTO coding_audit (staff_id, audit_date, auditor, episodes, primary_diagnosis, secondary_diagnosis,
             primary_procedure, secondary_procedure, errors_coder, errors_documentation, errors_other, outcome,
             below, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id",
        params![
            staff_id,
            a.date,
            a.auditor,
            a.episodes,
            a.scores.primary_diagnosis,
            a.scores.secondary_diagnosis,
            a.scores.primary_procedure,
            a.scores.secondary_procedure,
            a.errors.coder,
            a.errors.documentation,
            a.errors.other,
            a.judgement.outcome.code(),
            below.join(","),
            a.recorded_by,
            a.recorded_at,
        ],
        |r| r.get(0),
    )?)
}

const COLUMNS: &str = "c.id, s.staff_number, c.audit_date, c.auditor, c.episodes, c.primary_diagnosis,
    c.secondary_diagnosis, c.primary_procedure, c.secondary_procedure, c.errors_coder, c.errors_documentation,
    c.errors_other, c.outcome, c.below, c.recorded_by, c.recorded_at";

/// One person's results, oldest first.
pub fn for_staff(conn: &Connection, staff_id: i64) -> Result<Vec<(CodingAudit, AuditJudgement)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM coding_audit c JOIN staff s ON s.id = c.staff_id
         WHERE c.staff_id = ?1 ORDER BY c.audit_date, c.id"
    ))?;
    let rows = stmt
        .query_map([staff_id], read)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The SQL of [`between`], for its query plan.
pub fn between_sql() -> String {
    format!(
        "SELECT {COLUMNS} FROM coding_audit c JOIN staff s ON s.id = c.staff_id
         WHERE c.audit_date >= ?1 AND c.audit_date <= ?2 ORDER BY c.audit_date, c.id"
    )
}

/// Every result dated from `from` to `to` (both included), by date.
pub fn between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(CodingAudit, AuditJudgement)>> {
    let mut stmt = conn.prepare(&between_sql())?;
    let rows = stmt
        .query_map(params![from, to], read)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

fn read(r: &Row) -> crate::store::db::Result<(CodingAudit, AuditJudgement)> {
    let outcome: String = r.get(12)?;
    let outcome = match outcome.as_str() {
        "exceeded" => AuditOutcome::Exceeded,
        "met" => AuditOutcome::Met,
        "not_met" => AuditOutcome::NotMet,
        _ => return Err(unknown(12, &outcome)),
    };
    let below_text: String = r.get(13)?;
    let below = below_text
        .split(',')
        .filter(|t| !t.is_empty())
        .map(|t| {
            CodeType::ALL
                .into_iter()
                .find(|&c| code(c) == t)
                .ok_or_else(|| unknown(13, t))
        })
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok((
        CodingAudit {
            id: r.get(0)?,
            staff_number: r.get(1)?,
            date: r.get(2)?,
            auditor: r.get(3)?,
            episodes: r.get(4)?,
            scores: PerCodeType {
                primary_diagnosis: r.get(5)?,
                secondary_diagnosis: r.get(6)?,
                primary_procedure: r.get(7)?,
                secondary_procedure: r.get(8)?,
            },
            errors: AuditErrorCounts {
                coder: r.get(9)?,
                documentation: r.get(10)?,
                other: r.get(11)?,
            },
            recorded_by: r.get(14)?,
            recorded_at: r.get(15)?,
        },
        AuditJudgement { outcome, below },
    ))
}

/// A stored code the rules do not know means the file was edited by hand;
/// say which column rather than guess.
fn unknown(idx: usize, text: &str) -> crate::store::db::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, format!("unknown code {text:?}").into()).into()
}

/// How a code type is stored in `below`.
fn code(c: CodeType) -> &'static str {
    match c {
        CodeType::PrimaryDiagnosis => "primary_diagnosis",
        CodeType::SecondaryDiagnosis => "secondary_diagnosis",
        CodeType::PrimaryProcedure => "primary_procedure",
        CodeType::SecondaryProcedure => "secondary_procedure",
    }
}
