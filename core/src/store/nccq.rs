//! SQL for the NCCQ pathway: courses, exam results and IHRIM membership.
//! No rules here; they live in `crate::nccq` (settings in `crate::settings`).
//! Only the leaf types of `crate::nccq::words` are used here, never the
//! modules that call the store, so the layers point one way.

use crate::store::db::{params, Connection, OptionalExtension, Row};
use chrono::NaiveDate;
use rusqlite::types::Type;

use crate::nccq::words::{CourseAttendance, CourseKind, ExamResult, Paper};
use crate::Result;

/// A stored code the rules do not know means the file was edited by hand;
/// say which column rather than guess.
fn decode<T>(row: &Row, idx: usize, parse: fn(&str) -> Option<T>) -> crate::store::db::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, format!("unknown code {text:?}").into()).into()
    })
}

/// One person's courses, by start date.
pub fn courses(conn: &Connection, staff_id: i64) -> Result<Vec<CourseAttendance>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, start_date, end_date FROM nccq_course WHERE staff_id = ?1 ORDER BY start_date, id",
    )?;
    let rows = stmt
        .query_map([staff_id], |r| {
            Ok(CourseAttendance {
                id: r.get(0)?,
                kind: decode(r, 1, CourseKind::parse)?,
                start: r.get(2)?,
                end: r.get(3)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn insert_course(
    conn: &Connection,
    staff_id: i64,
    kind: CourseKind,
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO nccq_course (staff_id, kind, start_date, end_date) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        params![staff_id, kind.code(), start, end],
        |r| r.get(0),
    )?)
}

/// One person's exam results, by sitting, Practical before Theory.
pub fn exam_results(conn: &Connection, staff_id: i64) -> Result<Vec<ExamResult>> {
    let mut stmt = conn.prepare(
        "SELECT id, sitting_date, paper, score FROM nccq_exam_attempt WHERE staff_id = ?1
         ORDER BY sitting_date, paper",
    )?;
    let rows = stmt
        .query_map([staff_id], |r| {
            Ok(ExamResult {
                id: r.get(0)?,
                sitting: r.get(1)?,
                paper: decode(r, 2, Paper::parse)?,
                score: r.get(3)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn exam_recorded(conn: &Connection, staff_id: i64, sitting: NaiveDate, paper: Paper) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM nccq_exam_attempt WHERE staff_id = ?1 AND sitting_date = ?2 AND paper = ?3",
            params![staff_id, sitting, paper.code()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn insert_exam(conn: &Connection, staff_id: i64, sitting: NaiveDate, paper: Paper, score: f64) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO nccq_exam_attempt (staff_id, sitting_date, paper, score) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        params![staff_id, sitting, paper.code(), score],
        |r| r.get(0),
    )?)
}

pub fn ihrim_valid_until(conn: &Connection, staff_id: i64) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row(
            "SELECT valid_until FROM ihrim_membership WHERE staff_id = ?1",
            [staff_id],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set_ihrim_valid_until(conn: &Connection, staff_id: i64, valid_until: NaiveDate) -> Result<()> {
    conn.execute(
        "INSERT INTO ihrim_membership (staff_id, valid_until) VALUES (?1, ?2)
         ON CONFLICT (staff_id) DO UPDATE SET valid_until = excluded.valid_until",
        params![staff_id, valid_until],
    )?;
    Ok(())
}

/// Writes the ACC date on the staff record unless one is there already.
pub fn set_acc_date_if_unset(conn: &Connection, staff_id: i64, acc_date: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE staff SET acc_date = ?2 WHERE id = ?1 AND acc_date IS NULL",
        params![staff_id, acc_date],
    )?;
    Ok(())
}
