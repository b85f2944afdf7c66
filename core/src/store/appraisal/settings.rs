//! The appraisal settings (`appraisal_setting`) and the department dates
//! appraisals are due by (`appraisal_department_date`).

use rusqlite::{params, Connection, OptionalExtension};

use crate::appraisal::records::DepartmentDate;
use crate::Result;

pub fn setting(conn: &Connection, key: &str) -> Result<Option<u32>> {
    Ok(conn
        .query_row("SELECT value FROM appraisal_setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn set_setting(conn: &Connection, key: &str, value: u32) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn department_dates(conn: &Connection) -> Result<Vec<DepartmentDate>> {
    let mut stmt = conn.prepare("SELECT cycle_start, due_date FROM appraisal_department_date ORDER BY cycle_start")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(DepartmentDate {
                cycle_start_year: r.get(0)?,
                due: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn replace_department_dates(conn: &Connection, dates: &[DepartmentDate]) -> Result<()> {
    conn.execute("DELETE FROM appraisal_department_date", [])?;
    let mut stmt = conn.prepare("INSERT INTO appraisal_department_date (cycle_start, due_date) VALUES (?1, ?2)")?;
    for d in dates {
        stmt.execute(params![d.cycle_start_year, d.due])?;
    }
    Ok(())
}
