//! SQL for `pay_step_standard` and `pay_step_review`. No rules here; they
//! live in `crate::pay_steps`.

use chrono::NaiveDate;
use rusqlite::types::Type;

use crate::pay_steps::words::{ConfirmedStandard, PayOutcome, PayReview};
use crate::store::db::{params, Connection};
use crate::Result;

/// The standards confirmed by hand for one person's step.
pub fn standards(conn: &Connection, staff_id: i64, step_date: NaiveDate) -> Result<Vec<ConfirmedStandard>> {
    let mut stmt = conn.prepare(
        "SELECT standard, met, reason, confirmed_by, confirmed_at FROM pay_step_standard
         WHERE staff_id = ?1 AND step_date = ?2 ORDER BY standard",
    )?;
    let rows = stmt
        .query_map(params![staff_id, step_date], |r| {
            Ok(ConfirmedStandard {
                standard: r.get(0)?,
                met: r.get::<_, i64>(1)? == 1,
                reason: r.get(2)?,
                confirmed_by: r.get(3)?,
                confirmed_at: r.get(4)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
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
        .query_map([staff_id], |r| {
            let code: String = r.get(1)?;
            Ok(PayReview {
                step_date: r.get(0)?,
                outcome: PayOutcome::parse(&code).ok_or_else(|| {
                    rusqlite::Error::FromSqlConversionFailure(1, Type::Text, format!("unknown code {code:?}").into())
                })?,
                unmet_standard: r.get(2)?,
                review_date: r.get(3)?,
                outside_control: r.get(4)?,
                note: r.get(5)?,
                recorded_by: r.get(6)?,
                recorded_at: r.get(7)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
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
