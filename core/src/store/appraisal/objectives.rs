//! This year's objectives (`appraisal_objective`) and the coding-accuracy
//! KPI objective (`appraisal_kpi_objective`).

use crate::store::db::{params, Connection, OptionalExtension, Row};
use chrono::NaiveDate;

use super::CURRENT_SIGNED;
use crate::appraisal::records::{CompetencyRef, KpiObjective, Objective};
use crate::appraisal::words::AppraisalKind;
use crate::Result;

/// An objective as written to the store.
pub struct ObjectiveRow {
    pub text: String,
    pub measure: String,
    pub due: Option<NaiveDate>,
    pub competency: Option<CompetencyRef>,
    pub target_level: Option<u8>,
    /// The first statement's id at the level, and the text of them all.
    pub statement: Option<(i64, String)>,
    pub carried_from: Option<i64>,
}

const OBJECTIVE: &str = "SELECT id, text, measure, due_date, framework_id, competency_id, skill_code, competency,
        target_level, statement_id, statement_text, carried_from_id, row_version
    FROM appraisal_objective";

pub(super) fn competency_from(r: &Row, at: usize) -> crate::store::db::Result<Option<CompetencyRef>> {
    let framework_id: Option<i64> = r.get(at)?;
    let competency_id: Option<i64> = r.get(at + 1)?;
    Ok(match (framework_id, competency_id) {
        (Some(framework_id), Some(competency_id)) => Some(CompetencyRef {
            framework_id,
            competency_id,
            skill_code: r.get::<_, Option<String>>(at + 2)?.unwrap_or_default(),
            competency: r.get::<_, Option<String>>(at + 3)?.unwrap_or_default(),
        }),
        _ => None,
    })
}

fn objective_from_row(r: &Row) -> crate::store::db::Result<Objective> {
    Ok(Objective {
        id: r.get(0)?,
        text: r.get(1)?,
        measure: r.get(2)?,
        due: r.get(3)?,
        competency: competency_from(r, 4)?,
        target_level: r.get(8)?,
        statement_id: r.get(9)?,
        statement_text: r.get(10)?,
        carried_from: r.get(11)?,
        row_version: r.get(12)?,
        missing: Vec::new(),
    })
}

pub fn objectives(conn: &Connection, appraisal_id: i64) -> Result<Vec<Objective>> {
    let mut stmt = conn.prepare(&format!("{OBJECTIVE} WHERE appraisal_id = ?1 ORDER BY position, id"))?;
    let rows = stmt
        .query_map([appraisal_id], objective_from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn objective(conn: &Connection, id: i64) -> Result<Option<Objective>> {
    Ok(conn
        .query_row(&format!("{OBJECTIVE} WHERE id = ?1"), [id], objective_from_row)
        .optional()?)
}

/// The appraisal an objective belongs to, and the reviewed objective it
/// carries forward.
pub fn objective_appraisal(conn: &Connection, id: i64) -> Result<Option<(i64, Option<i64>)>> {
    Ok(conn
        .query_row(
            "SELECT appraisal_id, carried_from_id FROM appraisal_objective WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn insert_objective(conn: &Connection, appraisal_id: i64, o: &ObjectiveRow) -> Result<i64> {
    let c = o.competency.as_ref();
    Ok(conn.query_row(
        "INSERT INTO appraisal_objective (appraisal_id, position, text, measure, due_date, framework_id,
             competency_id, skill_code, competency, target_level, statement_id, statement_text, carried_from_id)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM appraisal_objective WHERE appraisal_id = ?1),
             ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
        params![
            appraisal_id,
            o.text,
            o.measure,
            o.due,
            c.map(|c| c.framework_id),
            c.map(|c| c.competency_id),
            c.map(|c| c.skill_code.as_str()),
            c.map(|c| c.competency.as_str()),
            o.target_level,
            o.statement.as_ref().map(|s| s.0),
            o.statement.as_ref().map(|s| s.1.as_str()),
            o.carried_from
        ],
        |r| r.get(0),
    )?)
}

pub fn update_objective(conn: &Connection, id: i64, o: &ObjectiveRow) -> Result<()> {
    let c = o.competency.as_ref();
    conn.execute(
        "UPDATE appraisal_objective SET text = ?2, measure = ?3, due_date = ?4, framework_id = ?5,
             competency_id = ?6, skill_code = ?7, competency = ?8, target_level = ?9, statement_id = ?10,
             statement_text = ?11
         WHERE id = ?1",
        params![
            id,
            o.text,
            o.measure,
            o.due,
            c.map(|c| c.framework_id),
            c.map(|c| c.competency_id),
            c.map(|c| c.skill_code.as_str()),
            c.map(|c| c.competency.as_str()),
            o.target_level,
            o.statement.as_ref().map(|s| s.0),
            o.statement.as_ref().map(|s| s.1.as_str())
        ],
    )?;
    Ok(())
}

pub fn delete_objective(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM appraisal_objective WHERE id = ?1", [id])?;
    Ok(())
}

/// The objectives of a person's signed appraisals of `kinds` in one cycle,
/// taking only the signed version that replaced the others where an
/// appraisal was re-opened; by meeting, then as listed.
pub fn signed_objectives(
    conn: &Connection,
    appraisee_id: i64,
    cycle_start: i32,
    kinds: &[AppraisalKind],
) -> Result<Vec<Objective>> {
    let kinds: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.code())).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT o.id, o.text, o.measure, o.due_date, o.framework_id, o.competency_id, o.skill_code, o.competency,
             o.target_level, o.statement_id, o.statement_text, o.carried_from_id, o.row_version
         FROM appraisal_objective o JOIN appraisal a ON a.id = o.appraisal_id
         WHERE a.appraisee_id = ?1 AND a.cycle_start = ?2 AND a.kind IN ({}) AND {CURRENT_SIGNED}
         ORDER BY a.meeting_date, a.id, o.position, o.id",
        kinds.join(", ")
    ))?;
    let rows = stmt
        .query_map(params![appraisee_id, cycle_start], objective_from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Copies the objectives to a new version, pointing carried-forward ones at
/// the new copies of what they carry forward.
pub fn copy_objectives(conn: &Connection, from: i64, to: i64, previous: &[(i64, i64)]) -> Result<()> {
    for o in objectives(conn, from)? {
        let carried_from = o
            .carried_from
            .and_then(|old| previous.iter().find(|(p, _)| *p == old).map(|(_, new)| *new));
        conn.execute(
            "INSERT INTO appraisal_objective (appraisal_id, position, text, measure, due_date, framework_id,
                 competency_id, skill_code, competency, target_level, statement_id, statement_text, carried_from_id)
             SELECT ?2, position, text, measure, due_date, framework_id, competency_id, skill_code, competency,
                 target_level, statement_id, statement_text, ?3
             FROM appraisal_objective WHERE id = ?1",
            params![o.id, to, carried_from],
        )?;
    }
    Ok(())
}

pub fn kpi(conn: &Connection, appraisal_id: i64) -> Result<Option<KpiObjective>> {
    Ok(conn
        .query_row(
            "SELECT primary_diagnosis, secondary_diagnosis, procedure, due_date, notes
             FROM appraisal_kpi_objective WHERE appraisal_id = ?1",
            [appraisal_id],
            |r| {
                Ok(KpiObjective {
                    primary_diagnosis: r.get(0)?,
                    secondary_diagnosis: r.get(1)?,
                    procedure: r.get(2)?,
                    due: r.get(3)?,
                    notes: r.get(4)?,
                })
            },
        )
        .optional()?)
}

pub fn upsert_kpi(conn: &Connection, appraisal_id: i64, k: &KpiObjective) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_kpi_objective (appraisal_id, primary_diagnosis, secondary_diagnosis, procedure,
             due_date, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (appraisal_id) DO UPDATE SET primary_diagnosis = excluded.primary_diagnosis,
             secondary_diagnosis = excluded.secondary_diagnosis, procedure = excluded.procedure,
             due_date = excluded.due_date, notes = excluded.notes",
        params![
            appraisal_id,
            k.primary_diagnosis,
            k.secondary_diagnosis,
            k.procedure,
            k.due,
            k.notes
        ],
    )?;
    Ok(())
}

pub fn delete_kpi(conn: &Connection, appraisal_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM appraisal_kpi_objective WHERE appraisal_id = ?1",
        [appraisal_id],
    )?;
    Ok(())
}

/// Copies the KPI objective to a new version.
pub fn copy_kpi(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_kpi_objective (appraisal_id, primary_diagnosis, secondary_diagnosis, procedure,
             due_date, notes)
         SELECT ?2, primary_diagnosis, secondary_diagnosis, procedure, due_date, notes
         FROM appraisal_kpi_objective WHERE appraisal_id = ?1",
        params![from, to],
    )?;
    Ok(())
}
