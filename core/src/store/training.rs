//! SQL for `training_record` and `cpd_entry`. No rules here; they live in
//! `crate::training`.

use chrono::NaiveDate;

use crate::store::db::{params, Connection, OptionalExtension};
use crate::training::words::{CpdEntry, NewTrainingRecord, TrainingRecord};
use crate::Result;

/// A person's competences, newest first.
pub fn records(conn: &Connection, staff_id: i64) -> Result<Vec<TrainingRecord>> {
    let mut stmt = conn.prepare(
        "SELECT id, competence, completed_on, expires_on, source FROM training_record
         WHERE staff_id = ?1 ORDER BY completed_on DESC, competence, id",
    )?;
    let rows = stmt
        .query_map([staff_id], |r| {
            Ok(TrainingRecord {
                id: r.get(0)?,
                competence: r.get(1)?,
                completed_on: r.get(2)?,
                expires_on: r.get(3)?,
                source: r.get(4)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Stores a competence unless the same one, completed the same day, is
/// already there. Returns its id when stored.
pub fn insert_record(conn: &Connection, staff_id: i64, r: &NewTrainingRecord, source: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "INSERT INTO training_record (staff_id, competence, completed_on, expires_on, source)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (staff_id, competence, completed_on) DO NOTHING
             RETURNING id",
            params![staff_id, r.competence, r.completed_on, r.expires_on, source],
            |row| row.get(0),
        )
        .optional()?)
}

/// A person's CPD log, newest first.
pub fn cpd(conn: &Connection, staff_id: i64) -> Result<Vec<CpdEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, activity_date, activity, hours, reflection, pdp_item_id FROM cpd_entry
         WHERE staff_id = ?1 ORDER BY activity_date DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([staff_id], |r| {
            Ok(CpdEntry {
                id: r.get(0)?,
                date: r.get(1)?,
                activity: r.get(2)?,
                hours: r.get(3)?,
                reflection: r.get(4)?,
                pdp_item_id: r.get(5)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

#[allow(clippy::too_many_arguments)]
pub fn insert_cpd(
    conn: &Connection,
    staff_id: i64,
    date: NaiveDate,
    activity: &str,
    hours: f64,
    reflection: &str,
    pdp_item_id: Option<i64>,
) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO cpd_entry (staff_id, activity_date, activity, hours, reflection, pdp_item_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        params![staff_id, date, activity, hours, reflection, pdp_item_id],
        |row| row.get(0),
    )?)
}

/// The appraisee of a PDP item, so a CPD entry links only to its writer's
/// own plan.
pub fn pdp_item_owner(conn: &Connection, pdp_item_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT a.appraisee_id FROM appraisal_pdp_item i JOIN appraisal a ON a.id = i.appraisal_id
             WHERE i.id = ?1",
            [pdp_item_id],
            |r| r.get(0),
        )
        .optional()?)
}
