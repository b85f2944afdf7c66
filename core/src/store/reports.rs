//! The reads the department's reports make over everyone at once: one
//! statement each, never one per person.

use chrono::{NaiveDate, NaiveDateTime};

use crate::store::db::Connection;
use crate::Result;

/// Every signed annual appraisal's completion day (the later signature),
/// with the appraisee's staff number.
pub fn signed_annual_dates(conn: &Connection) -> Result<Vec<(String, NaiveDate)>> {
    let mut stmt = conn.prepare(
        "SELECT e.staff_number, a.appraisee_signed_at, a.appraiser_signed_at
           FROM appraisal a JOIN staff e ON e.id = a.appraisee_id
          WHERE a.kind = 'annual' AND a.status = 'signed'",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let number: String = r.get(0)?;
            let one: Option<NaiveDateTime> = r.get(1)?;
            let two: Option<NaiveDateTime> = r.get(2)?;
            Ok((number, one.max(two).map(|t| t.date())))
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows.into_iter().filter_map(|(n, d)| d.map(|d| (n, d))).collect())
}
