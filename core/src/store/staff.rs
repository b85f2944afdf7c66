//! SQL for the `staff` table: get, list, insert, update. No rules here; they
//! live in `crate::staff`.

use crate::store::db::{params, Connection, OptionalExtension, Row};
use chrono::NaiveDate;

use crate::staff::words::{StaffMember, ValidStaff};
use crate::Result;

const SELECT: &str = "SELECT s.staff_number, s.forename, s.surname, s.band, s.job_title, s.appointed,
        m.staff_number, m.forename || ' ' || m.surname, s.acc_date, s.leaver_date,
        s.nccq_pathway, s.last_appraisal_before, s.band_entered
    FROM staff s LEFT JOIN staff m ON m.id = s.manager_id";

fn from_row(row: &Row) -> crate::store::db::Result<StaffMember> {
    Ok(StaffMember {
        staff_number: row.get(0)?,
        forename: row.get(1)?,
        surname: row.get(2)?,
        band: row.get(3)?,
        job_title: row.get(4)?,
        appointed: row.get::<_, NaiveDate>(5)?,
        manager: row.get(6)?,
        manager_name: row.get(7)?,
        acc_date: row.get(8)?,
        leaver_date: row.get(9)?,
        nccq_pathway: row.get::<_, Option<i64>>(10)?.map(|v| v != 0),
        last_appraisal_before: row.get(11)?,
        band_entered: row.get(12)?,
    })
}

pub fn get(conn: &Connection, staff_number: &str) -> Result<Option<StaffMember>> {
    let sql = format!("{SELECT} WHERE s.staff_number = ?1");
    Ok(conn.query_row(&sql, [staff_number], from_row).optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<StaffMember>> {
    let sql = format!("{SELECT} ORDER BY lower(s.surname), lower(s.forename), s.staff_number");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn id_of(conn: &Connection, staff_number: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM staff WHERE staff_number = ?1", [staff_number], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn manager_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT manager_id FROM staff WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .flatten())
}

pub fn highest_numeric_staff_number(conn: &Connection) -> Result<Option<u64>> {
    let mut stmt = conn.prepare("SELECT staff_number FROM staff")?;
    let numbers = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut highest = None;
    for n in numbers {
        if let Ok(v) = n?.parse::<u64>() {
            highest = highest.max(Some(v));
        }
    }
    Ok(highest)
}

pub fn insert(conn: &Connection, staff_number: &str, s: &ValidStaff, manager_id: Option<i64>) -> Result<()> {
    conn.execute(
        "INSERT INTO staff (staff_number, forename, surname, band, job_title, appointed, manager_id, acc_date, leaver_date,
             nccq_pathway, last_appraisal_before, band_entered)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            staff_number,
            s.forename,
            s.surname,
            s.band,
            s.job_title,
            s.appointed,
            manager_id,
            s.acc_date,
            s.leaver_date,
            s.nccq_pathway.map(i64::from),
            s.last_appraisal_before,
            s.band_entered
        ],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, id: i64, s: &ValidStaff, manager_id: Option<i64>) -> Result<()> {
    conn.execute(
        "UPDATE staff SET forename = ?2, surname = ?3, band = ?4, job_title = ?5, appointed = ?6,
             manager_id = ?7, acc_date = ?8, leaver_date = ?9, nccq_pathway = ?10, last_appraisal_before = ?11,
             band_entered = ?12
         WHERE id = ?1",
        params![
            id,
            s.forename,
            s.surname,
            s.band,
            s.job_title,
            s.appointed,
            manager_id,
            s.acc_date,
            s.leaver_date,
            s.nccq_pathway.map(i64::from),
            s.last_appraisal_before,
            s.band_entered
        ],
    )?;
    Ok(())
}

/// The staff numbers above a staff member, their line manager first, then
/// that manager's manager, and so on.
pub fn line_managers_of(conn: &Connection, staff_number: &str) -> Result<Vec<String>> {
    // The depth bound stops a cycle already in the data (the rules refuse
    // one) from running forever; no department is 100 levels deep.
    let mut stmt = conn.prepare(
        "WITH RECURSIVE up(id, depth) AS (
             SELECT manager_id, 1 FROM staff WHERE staff_number = ?1 AND manager_id IS NOT NULL
             UNION ALL
             SELECT s.manager_id, up.depth + 1 FROM staff s JOIN up ON s.id = up.id
             WHERE s.manager_id IS NOT NULL AND up.depth < 100
         )
         SELECT s.staff_number FROM up JOIN staff s ON s.id = up.id
         GROUP BY s.id ORDER BY MIN(up.depth)",
    )?;
    let rows = stmt
        .query_map([staff_number], |r| r.get(0))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Everyone who reports to a staff member, directly (depth 1) or through
/// others, with their depth, nearest first then by surname.
pub fn reports_of(conn: &Connection, staff_number: &str) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare(
        "WITH RECURSIVE down(id, depth) AS (
             SELECT s.id, 1 FROM staff s JOIN staff m ON s.manager_id = m.id WHERE m.staff_number = ?1
             UNION ALL
             SELECT s.id, down.depth + 1 FROM staff s JOIN down ON s.manager_id = down.id
             WHERE down.depth < 100
         )
         SELECT s.staff_number, MIN(down.depth) AS depth FROM down JOIN staff s ON s.id = down.id
         WHERE s.staff_number <> ?1
         GROUP BY s.id
         ORDER BY depth, lower(s.surname), lower(s.forename), s.staff_number",
    )?;
    let rows = stmt
        .query_map([staff_number], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every staff number, in the order of [`list`].
pub fn staff_numbers(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT staff_number FROM staff ORDER BY lower(surname), lower(forename), staff_number")?;
    let rows = stmt
        .query_map([], |r| r.get(0))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn set_leaver_date(conn: &Connection, id: i64, leaver_date: Option<NaiveDate>) -> Result<()> {
    conn.execute(
        "UPDATE staff SET leaver_date = ?2 WHERE id = ?1",
        params![id, leaver_date],
    )?;
    Ok(())
}
