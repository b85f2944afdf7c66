//! The reads the department's reports make over everyone at once: one
//! statement each, never one per person.

use chrono::{NaiveDate, NaiveDateTime};

use crate::appraisal::words::{ActivityType, PdpStatus};
use crate::store::appraisal::CURRENT_SIGNED;
use crate::store::db::{Connection, Row};
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

/// One activity of a person's current plan, with its progress.
pub struct PlanItem {
    pub staff_number: String,
    pub position: i64,
    pub id: i64,
    pub learning_need: String,
    pub activity: ActivityType,
    pub description: String,
    pub target_date: Option<NaiveDate>,
    pub support: String,
    pub skill_code: Option<String>,
    pub competency: Option<String>,
    pub status: PdpStatus,
}

/// The activities of everyone's current plan (each person's latest signed
/// appraisal no signed version replaces that has a plan, as
/// `latest_signed_with_pdp` finds it one person at a time), in one
/// statement, in each plan's order.
pub fn current_plan_items(conn: &Connection) -> Result<Vec<PlanItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT e.staff_number, i.position, i.id, i.learning_need, i.activity, i.description, i.target_date,
                i.support, i.skill_code, i.competency, p.status
           FROM appraisal_pdp_item i
           JOIN appraisal a ON a.id = i.appraisal_id
           JOIN staff e ON e.id = a.appraisee_id
           LEFT JOIN pdp_progress p ON p.pdp_item_id = coalesce(i.origin_id, i.id)
          WHERE i.appraisal_id IN (
            SELECT id FROM (
              SELECT a.id, row_number() OVER (PARTITION BY a.appraisee_id
                                              ORDER BY a.cycle_start DESC, a.meeting_date DESC, a.id DESC) AS latest
                FROM appraisal a
               WHERE {CURRENT_SIGNED}
                 AND EXISTS (SELECT 1 FROM appraisal_pdp_item d WHERE d.appraisal_id = a.id)) plans
             WHERE latest = 1)"
    ))?;
    let code = |r: &Row, idx: usize| -> crate::store::db::Result<String> { r.get(idx) };
    let unknown = |idx: usize, text: String| -> crate::store::db::Error {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown code {text:?}").into(),
        )
        .into()
    };
    let mut rows = stmt
        .query_map([], |r| {
            let activity = code(r, 4)?;
            let status: Option<String> = r.get(10)?;
            Ok(PlanItem {
                staff_number: r.get(0)?,
                position: r.get(1)?,
                id: r.get(2)?,
                learning_need: r.get(3)?,
                activity: ActivityType::parse(&activity).ok_or_else(|| unknown(4, activity))?,
                description: r.get(5)?,
                target_date: r.get(6)?,
                support: r.get(7)?,
                skill_code: r.get(8)?,
                competency: r.get(9)?,
                status: match status {
                    Some(s) => PdpStatus::parse(&s).ok_or_else(|| unknown(10, s))?,
                    None => PdpStatus::NotStarted,
                },
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    rows.sort_by_key(|i| (i.position, i.id));
    Ok(rows)
}
