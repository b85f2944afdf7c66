//! SQL for `pay_step_standard` and `pay_step_review`, per person and for the
//! whole department at once (with the signed annual appraisals the
//! pay-steps report reads). No rules here; they live in `crate::pay_steps`.

use chrono::NaiveDate;
use rusqlite::types::Type;

use crate::pay_steps::words::{ConfirmedStandard, PayOutcome, PayReview};
use crate::store::appraisal::CURRENT_SIGNED;
use crate::store::db::{params, Connection, Row};
use crate::Result;

/// The standards confirmed by hand for one person's step.
pub fn standards(conn: &Connection, staff_id: i64, step_date: NaiveDate) -> Result<Vec<ConfirmedStandard>> {
    let mut stmt = conn.prepare(
        "SELECT standard, met, reason, confirmed_by, confirmed_at FROM pay_step_standard
         WHERE staff_id = ?1 AND step_date = ?2 ORDER BY standard",
    )?;
    let rows = stmt
        .query_map(params![staff_id, step_date], |r| confirmed_from(r, 0))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A confirmed standard from the columns from `at` on: standard, met,
/// reason, confirmed_by, confirmed_at.
fn confirmed_from(r: &Row, at: usize) -> crate::store::db::Result<ConfirmedStandard> {
    Ok(ConfirmedStandard {
        standard: r.get(at)?,
        met: r.get::<_, i64>(at + 1)? == 1,
        reason: r.get(at + 2)?,
        confirmed_by: r.get(at + 3)?,
        confirmed_at: r.get(at + 4)?,
    })
}

pub fn set_standard(conn: &Connection, staff_id: i64, step_date: NaiveDate, s: &ConfirmedStandard) -> Result<()> {
    conn.execute(
        "INSERT INTO pay_step_standard (staff_id, step_date, standard, met, reason, confirmed_by, confirmed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (staff_id, step_date, standard) DO UPDATE SET met = excluded.met, reason = excluded.reason,
             confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at",
        params![
            staff_id,
            step_date,
            s.standard,
            i64::from(s.met),
            s.reason,
            s.confirmed_by,
            s.confirmed_at
        ],
    )?;
    Ok(())
}

/// A person's recorded reviews, latest step first.
pub fn reviews(conn: &Connection, staff_id: i64) -> Result<Vec<PayReview>> {
    let mut stmt = conn.prepare(
        "SELECT step_date, outcome, unmet_standard, review_date, outside_control, note, recorded_by, recorded_at
         FROM pay_step_review WHERE staff_id = ?1 ORDER BY step_date DESC",
    )?;
    let rows = stmt
        .query_map([staff_id], |r| review_from(r, 0))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A recorded review from the columns from `at` on: step_date, outcome,
/// unmet_standard, review_date, outside_control, note, recorded_by,
/// recorded_at.
fn review_from(r: &Row, at: usize) -> crate::store::db::Result<PayReview> {
    let code: String = r.get(at + 1)?;
    Ok(PayReview {
        step_date: r.get(at)?,
        outcome: PayOutcome::parse(&code).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(at + 1, Type::Text, format!("unknown code {code:?}").into())
        })?,
        unmet_standard: r.get(at + 2)?,
        review_date: r.get(at + 3)?,
        outside_control: r.get(at + 4)?,
        note: r.get(at + 5)?,
        recorded_by: r.get(at + 6)?,
        recorded_at: r.get(at + 7)?,
    })
}

pub fn set_review(conn: &Connection, staff_id: i64, r: &PayReview) -> Result<()> {
    conn.execute(
        "INSERT INTO pay_step_review (staff_id, step_date, outcome, unmet_standard, review_date, outside_control,
                                      note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (staff_id, step_date) DO UPDATE SET outcome = excluded.outcome,
             unmet_standard = excluded.unmet_standard, review_date = excluded.review_date,
             outside_control = excluded.outside_control, note = excluded.note,
             recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
        params![
            staff_id,
            r.step_date,
            r.outcome.code(),
            r.unmet_standard,
            r.review_date,
            r.outside_control,
            r.note,
            r.recorded_by,
            r.recorded_at
        ],
    )?;
    Ok(())
}

/// Every standard confirmed by hand, with whose and for which step: the
/// pay-steps report reads the whole department at once.
pub fn all_standards(conn: &Connection) -> Result<Vec<(String, NaiveDate, ConfirmedStandard)>> {
    let mut stmt = conn.prepare(
        "SELECT s.staff_number, p.step_date, p.standard, p.met, p.reason, p.confirmed_by, p.confirmed_at
         FROM pay_step_standard p JOIN staff s ON s.id = p.staff_id ORDER BY p.staff_id, p.step_date, p.standard",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, confirmed_from(r, 2)?)))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every recorded review, with whose it is, each person's latest step first.
pub fn all_reviews(conn: &Connection) -> Result<Vec<(String, PayReview)>> {
    let mut stmt = conn.prepare(
        "SELECT s.staff_number, p.step_date, p.outcome, p.unmet_standard, p.review_date, p.outside_control, p.note,
                p.recorded_by, p.recorded_at
         FROM pay_step_review p JOIN staff s ON s.id = p.staff_id ORDER BY p.staff_id, p.step_date DESC",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, review_from(r, 1)?)))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The day each current signed annual appraisal was completed (the later
/// signature), with whose it is: `store::appraisal::signed_dates` for the
/// whole department.
pub fn signed_annual_dates(conn: &Connection) -> Result<Vec<(String, NaiveDate)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT s.staff_number, substr(CASE WHEN a.appraisee_signed_at > a.appraiser_signed_at
                                            THEN a.appraisee_signed_at ELSE a.appraiser_signed_at END, 1, 10)
         FROM appraisal a JOIN staff s ON s.id = a.appraisee_id
         WHERE a.kind = 'annual' AND {CURRENT_SIGNED}"
    ))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}
