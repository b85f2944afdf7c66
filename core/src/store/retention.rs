//! SQL for retention: each person's case (`retention_case`) and the
//! removal of a person's records on disposal. The rules and refusals live
//! in `crate::retention` and `crate::access`.

use crate::store::db::{params, Connection, OptionalExtension, Row};
use crate::store::Engine;
use crate::Result;

/// A person and their retention case as stored (no case: the `Option`s
/// are empty and the reasons blank).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCase {
    pub staff_id: i64,
    pub staff_number: String,
    pub forename: String,
    pub surname: String,
    pub leaver_date: Option<String>,
    pub rule: String,
    pub marked_on: Option<String>,
    pub marked_by: Option<String>,
    pub mark_reason: String,
    pub held_on: Option<String>,
    pub held_by: Option<String>,
    pub hold_reason: String,
    pub disposed_at: Option<String>,
}

const SELECT: &str = "SELECT s.id, s.staff_number, s.forename, s.surname, s.leaver_date,
        coalesce(r.rule, ''), r.marked_on, r.marked_by, coalesce(r.mark_reason, ''),
        r.held_on, r.held_by, coalesce(r.hold_reason, ''), r.disposed_at
    FROM staff s LEFT JOIN retention_case r ON r.staff_id = s.id";

fn from_row(r: &Row) -> crate::store::db::Result<StoredCase> {
    Ok(StoredCase {
        staff_id: r.get(0)?,
        staff_number: r.get(1)?,
        forename: r.get(2)?,
        surname: r.get(3)?,
        leaver_date: r.get(4)?,
        rule: r.get(5)?,
        marked_on: r.get(6)?,
        marked_by: r.get(7)?,
        mark_reason: r.get(8)?,
        held_on: r.get(9)?,
        held_by: r.get(10)?,
        hold_reason: r.get(11)?,
        disposed_at: r.get(12)?,
    })
}

/// Everyone with a leaving date, by leaving date then staff number.
pub fn leavers(conn: &Connection) -> Result<Vec<StoredCase>> {
    let sql = format!("{SELECT} WHERE s.leaver_date IS NOT NULL ORDER BY s.leaver_date, s.staff_number");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One person and their case, by staff number.
pub fn case_of(conn: &Connection, staff_number: &str) -> Result<Option<StoredCase>> {
    let sql = format!("{SELECT} WHERE s.staff_number = ?1");
    Ok(conn.query_row(&sql, params![staff_number], from_row).optional()?)
}

/// Marks a person's records for disposal (again, if marked before).
pub fn mark(conn: &Connection, staff_id: i64, rule: &str, on: &str, by: &str, reason: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO retention_case (staff_id, rule, marked_on, marked_by, mark_reason)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (staff_id) DO UPDATE SET rule = ?2, marked_on = ?3, marked_by = ?4, mark_reason = ?5",
        params![staff_id, rule, on, by, reason],
    )?;
    Ok(())
}

/// Puts a legal hold on a person's records.
pub fn hold(conn: &Connection, staff_id: i64, on: &str, by: &str, reason: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO retention_case (staff_id, held_on, held_by, hold_reason)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (staff_id) DO UPDATE SET held_on = ?2, held_by = ?3, hold_reason = ?4",
        params![staff_id, on, by, reason],
    )?;
    Ok(())
}

/// Lifts a legal hold: the case no longer records one (the audit trail
/// keeps who put it on, when and why, and who lifted it).
pub fn lift_hold(conn: &Connection, staff_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE retention_case SET held_on = NULL, held_by = NULL, hold_reason = '' WHERE staff_id = ?1",
        params![staff_id],
    )?;
    Ok(())
}

/// The ids of the person's appraisals (every version), as audit record ids.
pub fn appraisal_ids(conn: &Connection, staff_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM appraisal WHERE appraisee_id = ?1 ORDER BY id")?;
    let rows = stmt
        .query_map(params![staff_id], |r| r.get(0))?
        .collect::<crate::store::db::Result<Vec<i64>>>()?;
    Ok(rows)
}

/// The rows of a person's appraisals removed before the appraisals
/// themselves (each statement takes the staff id as ?1).
const PARTS: &[&str] = &[
    "DELETE FROM appraisal_previous_objective WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = ?1)",
    "DELETE FROM pdp_progress WHERE pdp_item_id IN (
        SELECT i.id FROM appraisal_pdp_item i JOIN appraisal a ON a.id = i.appraisal_id WHERE a.appraisee_id = ?1)",
    "DELETE FROM cpd_entry WHERE staff_id = ?1",
    "DELETE FROM appraisal_objective WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = ?1)",
    "DELETE FROM appraisal_skill WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = ?1)",
    "DELETE FROM appraisal_kpi_objective WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = ?1)",
    "DELETE FROM appraisal_wellbeing WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = ?1)",
    "DELETE FROM appraisal_pay_criterion WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = ?1)",
    "DELETE FROM appraisal_pdp_item WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = ?1)",
];

/// Rows that name others of their kind: a reviewed objective names last
/// year's objective, a plan item the one it was carried from. Those links
/// are cut first (within the person's own records), so the rows can go in
/// any order.
const UNLINK: &[&str] = &[
    "UPDATE appraisal_previous_objective SET source_objective_id = NULL
     WHERE source_objective_id IS NOT NULL AND appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = ?1)",
    "UPDATE appraisal_pdp_item SET origin_id = NULL
     WHERE origin_id IS NOT NULL AND appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = ?1)",
];

/// The person's other records, removed after their appraisals.
const RECORDS: &[&str] = &[
    "DELETE FROM nccq_course WHERE staff_id = ?1",
    "DELETE FROM nccq_exam_attempt WHERE staff_id = ?1",
    "DELETE FROM ihrim_membership WHERE staff_id = ?1",
    "DELETE FROM training_record WHERE staff_id = ?1",
    "DELETE FROM pay_step_standard WHERE staff_id = ?1",
    "DELETE FROM pay_step_review WHERE staff_id = ?1",
    "DELETE FROM coding_audit WHERE staff_id = ?1",
    "DELETE FROM account WHERE staff_id = ?1",
    // The staff row stays, down to its staff number, band and dates: other
    // people's records (appraisals they held as appraiser, their line
    // manager) point to it.
    "UPDATE staff SET job_title = '', manager_id = NULL, acc_date = NULL, band_entered = NULL,
        nccq_pathway = NULL, last_appraisal_before = NULL
     WHERE id = ?1",
    // Their name goes too, unless it is part of someone else's record: a
    // signed appraisal prints its appraiser's, re-opener's and pay
    // confirmer's names from this row.
    "UPDATE staff SET forename = 'Disposed', surname = 'record'
     WHERE id = ?1 AND NOT EXISTS (
        SELECT 1 FROM appraisal a WHERE a.appraisee_id <> ?1
          AND (a.appraiser_id = ?1 OR a.reopened_by = staff.staff_number OR a.appraiser_signed_by = staff.staff_number))
       AND NOT EXISTS (
        SELECT 1 FROM appraisal_pay_criterion c JOIN appraisal a ON a.id = c.appraisal_id
        WHERE a.appraisee_id <> ?1 AND c.confirmed_by = staff.staff_number)",
];

/// Removes a person's records and erases the given audit details, inside
/// the caller's transaction; the case must be marked, not held. The
/// case's `disposing` flag is set for exactly this work: the triggers let
/// signed appraisals go and details be erased only while it is. On the
/// server the definer function `appraise_dispose` (postgres/0018) does
/// the same, statement for statement, as the owner.
pub fn dispose(conn: &Connection, staff_id: i64, audit_ids: &[i64], at: &str, by: &str) -> Result<()> {
    if conn.engine() == Engine::Postgres {
        let ids: Vec<String> = audit_ids.iter().map(i64::to_string).collect();
        conn.query_row(
            "SELECT 1 FROM (SELECT appraise_dispose(?1, ?2, ?3, ?4)) AS done",
            params![staff_id, ids.join(","), at, by],
            |_| Ok(()),
        )?;
        return Ok(());
    }
    conn.execute(
        "UPDATE retention_case SET disposing = 1
         WHERE staff_id = ?1 AND marked_on IS NOT NULL AND held_on IS NULL AND disposed_at IS NULL",
        params![staff_id],
    )?;
    for sql in UNLINK.iter().chain(PARTS) {
        conn.execute(sql, params![staff_id])?;
    }
    // Newest version first: a version names the one it supersedes.
    let mut stmt = conn.prepare("SELECT id FROM appraisal WHERE appraisee_id = ?1 ORDER BY version DESC, id DESC")?;
    let appraisals = stmt
        .query_map(params![staff_id], |r| r.get(0))?
        .collect::<crate::store::db::Result<Vec<i64>>>()?;
    for appraisal in appraisals {
        conn.execute("DELETE FROM appraisal WHERE id = ?1", params![appraisal])?;
    }
    for sql in RECORDS {
        conn.execute(sql, params![staff_id])?;
    }
    crate::store::audit::erase_details(conn, audit_ids)?;
    conn.execute(
        "UPDATE retention_case SET disposing = 0, disposed_at = ?2, disposed_by = ?3, mark_reason = '', hold_reason = ''
         WHERE staff_id = ?1",
        params![staff_id, at, by],
    )?;
    Ok(())
}
