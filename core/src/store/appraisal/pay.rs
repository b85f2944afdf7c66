//! Pay progression criteria (`appraisal_pay_criterion`), and what working
//! them out reads: when appraisals were signed, and whom a person manages.

use crate::store::db::{params, Connection};
use chrono::{NaiveDate, NaiveDateTime};

use super::{decode, timestamp, CURRENT_SIGNED};
use crate::appraisal::words::{AppraisalKind, CriterionSource, PayCriterionKind};
use crate::Result;

/// A stored pay criterion.
pub struct CriterionRow {
    pub criterion: PayCriterionKind,
    pub applies: bool,
    pub met: Option<bool>,
    pub source: CriterionSource,
    pub reason: String,
    pub confirmed_by: Option<String>,
    pub confirmed_by_name: Option<String>,
    pub confirmed_at: Option<NaiveDateTime>,
}

pub fn pay_criteria(conn: &Connection, appraisal_id: i64) -> Result<Vec<CriterionRow>> {
    let mut stmt = conn.prepare(
        "SELECT c.criterion, c.applies, c.met, c.source, c.reason, c.confirmed_by,
             (SELECT s.forename || ' ' || s.surname FROM staff s WHERE s.staff_number = c.confirmed_by),
             c.confirmed_at
         FROM appraisal_pay_criterion c WHERE c.appraisal_id = ?1",
    )?;
    let rows = stmt
        .query_map([appraisal_id], |r| {
            Ok(CriterionRow {
                criterion: decode(r, 0, PayCriterionKind::parse)?,
                applies: r.get(1)?,
                met: r.get(2)?,
                source: decode(r, 3, CriterionSource::parse)?,
                reason: r.get(4)?,
                confirmed_by: r.get(5)?,
                confirmed_by_name: r.get(6)?,
                confirmed_at: r.get(7)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn upsert_pay_criterion(conn: &Connection, appraisal_id: i64, c: &CriterionRow) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_pay_criterion (appraisal_id, criterion, applies, met, source, reason, confirmed_by,
             confirmed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (appraisal_id, criterion) DO UPDATE SET applies = excluded.applies, met = excluded.met,
             source = excluded.source, reason = excluded.reason, confirmed_by = excluded.confirmed_by,
             confirmed_at = excluded.confirmed_at",
        params![
            appraisal_id,
            c.criterion.code(),
            c.applies,
            c.met,
            c.source.code(),
            c.reason,
            c.confirmed_by,
            c.confirmed_at.map(timestamp)
        ],
    )?;
    Ok(())
}

/// Copies the manager's confirmations (not what the app worked out, which
/// is worked out again at signing) to a new version.
pub fn copy_confirmations(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_pay_criterion (appraisal_id, criterion, applies, met, source, reason, confirmed_by,
             confirmed_at)
         SELECT ?2, criterion, applies, met, source, reason, confirmed_by, confirmed_at
         FROM appraisal_pay_criterion WHERE appraisal_id = ?1 AND source = 'confirmed'",
        params![from, to],
    )?;
    Ok(())
}

/// When a person's appraisals of `kinds` were completed (the later
/// signature), for current signed versions, newest first.
pub fn signed_dates(conn: &Connection, appraisee_id: i64, kinds: &[AppraisalKind]) -> Result<Vec<NaiveDate>> {
    let kinds: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.code())).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT substr(CASE WHEN a.appraisee_signed_at > a.appraiser_signed_at
                            THEN a.appraisee_signed_at ELSE a.appraiser_signed_at END, 1, 10) AS signed
         FROM appraisal a
         WHERE a.appraisee_id = ?1 AND a.kind IN ({}) AND {CURRENT_SIGNED}
         ORDER BY signed DESC",
        kinds.join(", ")
    ))?;
    let rows = stmt
        .query_map([appraisee_id], |r| r.get(0))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Someone a person line-manages.
pub struct Report {
    pub staff_id: i64,
    pub name: String,
    pub appointed: NaiveDate,
    pub leaver_date: Option<NaiveDate>,
}

/// The staff a person line-manages, by surname.
pub fn reports(conn: &Connection, manager_id: i64) -> Result<Vec<Report>> {
    let mut stmt = conn.prepare(
        "SELECT id, forename || ' ' || surname, appointed, leaver_date FROM staff
         WHERE manager_id = ?1 ORDER BY lower(surname), lower(forename), staff_number",
    )?;
    let rows = stmt
        .query_map([manager_id], |r| {
            Ok(Report {
                staff_id: r.get(0)?,
                name: r.get(1)?,
                appointed: r.get(2)?,
                leaver_date: r.get(3)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// How many staff the database holds.
pub fn staff_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM staff", [], |r| r.get(0))?)
}
