//! SQL for a large demonstration department: rows written many at a time
//! with prepared statements inside the caller's one transaction. No rules
//! here; what to write is decided in `crate::demo::large`.

use chrono::{NaiveDate, NaiveDateTime};

use crate::store::appraisal::timestamp;
use crate::store::db::{params, Connection};
use crate::Result;

/// A staff row to write.
pub struct StaffRow<'a> {
    pub staff_number: &'a str,
    pub forename: &'a str,
    pub surname: &'a str,
    pub band: &'a str,
    pub job_title: &'a str,
    pub appointed: NaiveDate,
    pub manager_id: Option<i64>,
    pub acc_date: Option<NaiveDate>,
    pub leaver_date: Option<NaiveDate>,
}

pub fn insert_staff(conn: &Connection, s: &StaffRow) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO staff (staff_number, forename, surname, band, job_title, appointed, manager_id, acc_date,
                            leaver_date, band_entered)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?6) RETURNING id",
        )?
        .query_row(
            params![
                s.staff_number,
                s.forename,
                s.surname,
                s.band,
                s.job_title,
                s.appointed,
                s.manager_id,
                s.acc_date,
                s.leaver_date
            ],
            |r| r.get(0),
        )?)
}

/// The first `limit` competencies of a framework: (id, skill code, skill
/// name, competency name).
pub fn competencies(conn: &Connection, framework_id: i64, limit: i64) -> Result<Vec<(i64, String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, s.code, s.name, c.name FROM framework_competency c JOIN framework_skill s ON s.id = c.skill_id
         WHERE s.framework_id = ?1 ORDER BY s.position, c.position, c.id LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![framework_id, limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A meeting to write, unsigned: its parts are written next, then
/// [`sign`].
pub struct AppraisalRow<'a> {
    pub appraisee_id: i64,
    pub appraiser_id: i64,
    pub cycle_start: i32,
    pub cycle_start_month: u32,
    pub kind: &'a str,
    pub meeting_date: NaiveDate,
    pub framework_id: i64,
    pub created_at: NaiveDateTime,
}

pub fn insert_appraisal(conn: &Connection, a: &AppraisalRow) -> Result<i64> {
    Ok(conn.prepare_cached(
        "INSERT INTO appraisal (appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, step, meeting_date,
                                framework_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'sign_off', ?6, ?7, ?8, ?8) RETURNING id",
    )?
    .query_row(
        params![
            a.appraisee_id,
            a.appraiser_id,
            a.cycle_start,
            a.cycle_start_month,
            a.kind,
            a.meeting_date,
            a.framework_id,
            timestamp(a.created_at)
        ],
        |r| r.get(0),
    )?)
}

/// A skill as assessed: (competency id, skill code, skill name,
/// competency name), the level expected and the level agreed.
#[allow(clippy::too_many_arguments)]
pub fn insert_skill(
    conn: &Connection,
    appraisal_id: i64,
    position: usize,
    framework_id: i64,
    competency: &(i64, String, String, String),
    expected: u8,
    agreed: u8,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO appraisal_skill (appraisal_id, position, framework_id, competency_id, skill_code, skill_name,
                                      competency, expected_level, self_level, agreed_level)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        appraisal_id,
        position as i64,
        framework_id,
        competency.0,
        competency.1,
        competency.2,
        competency.3,
        i64::from(expected),
        i64::from(agreed)
    ])?;
    Ok(())
}

/// A PDP activity, and its progress when completed.
pub fn insert_pdp_item(
    conn: &Connection,
    appraisal_id: i64,
    position: usize,
    (learning_need, activity, description): (&str, &str, &str),
    target: NaiveDate,
    completed: Option<NaiveDate>,
) -> Result<()> {
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO appraisal_pdp_item (appraisal_id, position, learning_need, activity, description, target_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        )?
        .query_row(
            params![
                appraisal_id,
                position as i64,
                learning_need,
                activity,
                description,
                target
            ],
            |r| r.get(0),
        )?;
    if let Some(done) = completed {
        conn.prepare_cached(
            "INSERT INTO pdp_progress (pdp_item_id, status, completed_on, updated_at) VALUES (?1, 'completed', ?2, ?3)",
        )?
        .execute(params![id, done, timestamp(done.and_hms_opt(12, 0, 0).expect("noon"))])?;
    }
    Ok(())
}

/// Both signatures, at `at`, by the two people's staff numbers.
pub fn sign(conn: &Connection, appraisal_id: i64, appraisee: &str, appraiser: &str, at: NaiveDateTime) -> Result<()> {
    conn.prepare_cached(
        "UPDATE appraisal SET status = 'signed', appraisee_signed_at = ?2, appraisee_signed_by = ?3,
                appraiser_signed_at = ?2, appraiser_signed_by = ?4
         WHERE id = ?1",
    )?
    .execute(params![appraisal_id, timestamp(at), appraisee, appraiser])?;
    Ok(())
}

pub fn insert_course(conn: &Connection, staff_id: i64, kind: &str, start: NaiveDate) -> Result<()> {
    conn.prepare_cached("INSERT INTO nccq_course (staff_id, kind, start_date, end_date) VALUES (?1, ?2, ?3, ?3)")?
        .execute(params![staff_id, kind, start])?;
    Ok(())
}

pub fn insert_training(
    conn: &Connection,
    staff_id: i64,
    competence: &str,
    completed: NaiveDate,
    expires: NaiveDate,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO training_record (staff_id, competence, completed_on, expires_on, source)
         VALUES (?1, ?2, ?3, ?4, 'import')",
    )?
    .execute(params![staff_id, competence, completed, expires])?;
    Ok(())
}
