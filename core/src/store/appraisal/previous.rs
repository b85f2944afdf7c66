//! Last year's objectives as reviewed in this meeting
//! (`appraisal_previous_objective`).

use crate::store::db::{params, Connection, OptionalExtension, Row};

use super::{competency_from, decode_opt};
use crate::appraisal::records::{Objective, PreviousObjective};
use crate::appraisal::words::Outcome;
use crate::Result;

const PREVIOUS: &str = "SELECT p.id, p.source_objective_id, p.text, p.measure, p.due_date, p.framework_id,
        p.competency_id, p.skill_code, p.competency, p.target_level, p.statement_text, p.outcome, p.comments,
        (SELECT o.id FROM appraisal_objective o WHERE o.carried_from_id = p.id), p.row_version
    FROM appraisal_previous_objective p";

fn previous_from_row(r: &Row) -> crate::store::db::Result<PreviousObjective> {
    Ok(PreviousObjective {
        id: r.get(0)?,
        source_objective_id: r.get(1)?,
        text: r.get(2)?,
        measure: r.get(3)?,
        due: r.get(4)?,
        competency: competency_from(r, 5)?,
        target_level: r.get(9)?,
        statement_text: r.get(10)?,
        outcome: decode_opt(r, 11, Outcome::parse)?,
        comments: r.get(12)?,
        carried_objective_id: r.get(13)?,
        row_version: r.get(14)?,
    })
}

pub fn previous_objectives(conn: &Connection, appraisal_id: i64) -> Result<Vec<PreviousObjective>> {
    let mut stmt = conn.prepare(&format!(
        "{PREVIOUS} WHERE p.appraisal_id = ?1 ORDER BY p.position, p.id"
    ))?;
    let rows = stmt
        .query_map([appraisal_id], previous_from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn previous_objective(conn: &Connection, id: i64) -> Result<Option<PreviousObjective>> {
    Ok(conn
        .query_row(&format!("{PREVIOUS} WHERE p.id = ?1"), [id], previous_from_row)
        .optional()?)
}

pub fn previous_appraisal(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT appraisal_id FROM appraisal_previous_objective WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Copies an objective from an earlier appraisal for review.
pub fn insert_previous(conn: &Connection, appraisal_id: i64, position: usize, o: &Objective) -> Result<i64> {
    let c = o.competency.as_ref();
    Ok(conn.query_row(
        "INSERT INTO appraisal_previous_objective (appraisal_id, position, source_objective_id, text, measure,
             due_date, framework_id, competency_id, skill_code, competency, target_level, statement_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
        params![
            appraisal_id,
            position as i64,
            o.id,
            o.text,
            o.measure,
            o.due,
            c.map(|c| c.framework_id),
            c.map(|c| c.competency_id),
            c.map(|c| c.skill_code.as_str()),
            c.map(|c| c.competency.as_str()),
            o.target_level,
            o.statement_text
        ],
        |r| r.get(0),
    )?)
}

pub fn set_previous_outcome(conn: &Connection, id: i64, outcome: Option<Outcome>, comments: &str) -> Result<()> {
    conn.execute(
        "UPDATE appraisal_previous_objective SET outcome = ?2, comments = ?3 WHERE id = ?1",
        params![id, outcome.map(Outcome::code), comments],
    )?;
    Ok(())
}

pub fn clear_previous_outcome(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE appraisal_previous_objective SET outcome = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Copies the reviewed objectives to a new version; gives (old id, new id)
/// pairs so carried-forward copies can follow.
pub fn copy_previous(conn: &Connection, from: i64, to: i64) -> Result<Vec<(i64, i64)>> {
    let mut pairs = Vec::new();
    let ids: Vec<i64> = {
        let mut stmt =
            conn.prepare("SELECT id FROM appraisal_previous_objective WHERE appraisal_id = ?1 ORDER BY position, id")?;
        stmt.query_map([from], |r| r.get(0))?
            .collect::<crate::store::db::Result<Vec<_>>>()?
    };
    for old in ids {
        let new: i64 = conn.query_row(
            "INSERT INTO appraisal_previous_objective (appraisal_id, position, source_objective_id, text, measure,
                 due_date, framework_id, competency_id, skill_code, competency, target_level, statement_text,
                 outcome, comments)
             SELECT ?2, position, source_objective_id, text, measure, due_date, framework_id, competency_id,
                 skill_code, competency, target_level, statement_text, outcome, comments
             FROM appraisal_previous_objective WHERE id = ?1
             RETURNING id",
            params![old, to],
            |r| r.get(0),
        )?;
        pairs.push((old, new));
    }
    Ok(pairs)
}
