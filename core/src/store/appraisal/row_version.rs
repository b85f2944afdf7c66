//! The version of a row people edit in a meeting, and who saved it last
//! and when: read before a save, stamped after one.

use chrono::NaiveDateTime;

use super::timestamp;
use crate::store::db::{params, Connection, OptionalExtension};
use crate::Result;

/// The tables whose rows carry a version (migration 0007).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionedTable {
    PreviousObjective,
    Skill,
    Objective,
    PdpItem,
}

impl VersionedTable {
    fn name(self) -> &'static str {
        match self {
            VersionedTable::PreviousObjective => "appraisal_previous_objective",
            VersionedTable::Skill => "appraisal_skill",
            VersionedTable::Objective => "appraisal_objective",
            VersionedTable::PdpItem => "appraisal_pdp_item",
        }
    }
}

/// A row's version and its last save: staff number and ISO time, `None`
/// for a row not saved since it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowStamp {
    pub version: i64,
    pub changed_by: Option<String>,
    pub changed_at: Option<String>,
}

pub fn row_stamp(conn: &Connection, table: VersionedTable, id: i64) -> Result<Option<RowStamp>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT row_version, changed_by, changed_at FROM {} WHERE id = ?1",
                table.name()
            ),
            [id],
            |r| {
                Ok(RowStamp {
                    version: r.get(0)?,
                    changed_by: r.get(1)?,
                    changed_at: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// The next version, saved by `by` at `at`.
pub fn stamp_row(conn: &Connection, table: VersionedTable, id: i64, by: &str, at: NaiveDateTime) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE {} SET row_version = row_version + 1, changed_by = ?2, changed_at = ?3 WHERE id = ?1",
            table.name()
        ),
        params![id, by, timestamp(at)],
    )?;
    Ok(())
}
