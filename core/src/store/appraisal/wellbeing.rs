//! The wellbeing conversation (`appraisal_wellbeing`).

use crate::store::db::{params, Connection, OptionalExtension};

use crate::appraisal::records::Wellbeing;
use crate::Result;

pub fn wellbeing(conn: &Connection, appraisal_id: i64) -> Result<Option<Wellbeing>> {
    Ok(conn
        .query_row(
            "SELECT notes, flexible_working, support_agreed, include_in_print
             FROM appraisal_wellbeing WHERE appraisal_id = ?1",
            [appraisal_id],
            |r| {
                Ok(Wellbeing {
                    notes: r.get(0)?,
                    flexible_working: r.get(1)?,
                    support_agreed: r.get(2)?,
                    include_in_print: r.get(3)?,
                })
            },
        )
        .optional()?)
}

pub fn upsert_wellbeing(conn: &Connection, appraisal_id: i64, w: &Wellbeing) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_wellbeing (appraisal_id, notes, flexible_working, support_agreed, include_in_print)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (appraisal_id) DO UPDATE SET notes = excluded.notes,
             flexible_working = excluded.flexible_working, support_agreed = excluded.support_agreed,
             include_in_print = excluded.include_in_print",
        params![
            appraisal_id,
            w.notes,
            w.flexible_working,
            w.support_agreed,
            w.include_in_print
        ],
    )?;
    Ok(())
}

/// Copies the wellbeing conversation to a new version.
pub fn copy_wellbeing(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_wellbeing (appraisal_id, notes, flexible_working, support_agreed, include_in_print)
         SELECT ?2, notes, flexible_working, support_agreed, include_in_print
         FROM appraisal_wellbeing WHERE appraisal_id = ?1",
        params![from, to],
    )?;
    Ok(())
}
