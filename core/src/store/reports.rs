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

/// One skill row of a current signed annual appraisal.
pub struct SignedSkill {
    pub appraisal_id: i64,
    pub meeting_date: NaiveDate,
    pub staff_number: String,
    pub name: String,
    pub competency: String,
    pub expected_level: u8,
    pub agreed_level: Option<u8>,
}

/// The skill rows of every signed annual appraisal no signed version
/// replaces, by appraisal.
pub fn signed_annual_skills(conn: &Connection) -> Result<Vec<SignedSkill>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.meeting_date, e.staff_number, e.forename || ' ' || e.surname, s.competency,
                s.expected_level, s.agreed_level
           FROM appraisal_skill s
           JOIN appraisal a ON a.id = s.appraisal_id
           JOIN staff e ON e.id = a.appraisee_id
          WHERE a.kind = 'annual' AND a.status = 'signed'
            AND NOT EXISTS (SELECT 1 FROM appraisal n WHERE n.supersedes_id = a.id AND n.status = 'signed')
          ORDER BY a.id, s.position, s.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(SignedSkill {
                appraisal_id: r.get(0)?,
                meeting_date: r.get(1)?,
                staff_number: r.get(2)?,
                name: r.get(3)?,
                competency: r.get(4)?,
                expected_level: r.get(5)?,
                agreed_level: r.get(6)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}
