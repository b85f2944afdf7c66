//! The personal development plan (`appraisal_pdp_item`) and the progress
//! the appraisee keeps on it after signing (`pdp_progress`).

use crate::store::db::{params, Connection, OptionalExtension, Row};
use chrono::{NaiveDate, NaiveDateTime};

use super::{decode, decode_opt, timestamp, CURRENT_SIGNED};
use crate::appraisal::records::{PdpItem, PdpProgress};
use crate::appraisal::words::{ActivityType, PdpStatus};
use crate::Result;

const PDP: &str = "SELECT i.id, i.learning_need, i.activity, i.description, i.target_date, i.support, i.skill_code,
        i.competency, p.status, p.progress, p.evidence, p.reflection, p.completed_on, p.updated_at, i.row_version,
        i.appraisal_id
    FROM appraisal_pdp_item i LEFT JOIN pdp_progress p ON p.pdp_item_id = coalesce(i.origin_id, i.id)";

fn pdp_from_row(r: &Row) -> crate::store::db::Result<PdpItem> {
    Ok(PdpItem {
        id: r.get(0)?,
        learning_need: r.get(1)?,
        activity: decode(r, 2, ActivityType::parse)?,
        description: r.get(3)?,
        target_date: r.get(4)?,
        support: r.get(5)?,
        skill_code: r.get(6)?,
        competency: r.get(7)?,
        progress: PdpProgress {
            status: decode_opt(r, 8, PdpStatus::parse)?.unwrap_or(PdpStatus::NotStarted),
            progress: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            evidence: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            reflection: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
            completed_on: r.get(12)?,
            updated_at: r.get(13)?,
        },
        row_version: r.get(14)?,
    })
}

pub fn pdp_items(conn: &Connection, appraisal_id: i64) -> Result<Vec<PdpItem>> {
    let mut stmt = conn.prepare(&format!("{PDP} WHERE i.appraisal_id = ?1 ORDER BY i.position, i.id"))?;
    let rows = stmt
        .query_map([appraisal_id], pdp_from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn pdp_item(conn: &Connection, id: i64) -> Result<Option<PdpItem>> {
    Ok(conn
        .query_row(&format!("{PDP} WHERE i.id = ?1"), [id], pdp_from_row)
        .optional()?)
}

/// The appraisal a PDP item belongs to, and the item progress is kept
/// against (its origin, or itself).
pub fn pdp_item_appraisal(conn: &Connection, id: i64) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .query_row(
            "SELECT appraisal_id, coalesce(origin_id, id) FROM appraisal_pdp_item WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// A PDP item as written to the store.
pub struct PdpRow {
    pub learning_need: String,
    pub activity: ActivityType,
    pub description: String,
    pub target_date: Option<NaiveDate>,
    pub support: String,
    pub skill_code: Option<String>,
    pub competency: Option<String>,
}

pub fn insert_pdp_item(conn: &Connection, appraisal_id: i64, p: &PdpRow) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO appraisal_pdp_item (appraisal_id, position, learning_need, activity, description, target_date,
             support, skill_code, competency)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM appraisal_pdp_item WHERE appraisal_id = ?1),
             ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        params![
            appraisal_id,
            p.learning_need,
            p.activity.code(),
            p.description,
            p.target_date,
            p.support,
            p.skill_code,
            p.competency
        ],
        |r| r.get(0),
    )?)
}

pub fn update_pdp_item(conn: &Connection, id: i64, p: &PdpRow) -> Result<()> {
    conn.execute(
        "UPDATE appraisal_pdp_item SET learning_need = ?2, activity = ?3, description = ?4, target_date = ?5,
             support = ?6, skill_code = ?7, competency = ?8
         WHERE id = ?1",
        params![
            id,
            p.learning_need,
            p.activity.code(),
            p.description,
            p.target_date,
            p.support,
            p.skill_code,
            p.competency
        ],
    )?;
    Ok(())
}

pub fn delete_pdp_item(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM appraisal_pdp_item WHERE id = ?1", [id])?;
    Ok(())
}

/// Copies the PDP to a new version; each copy names the item progress is
/// kept against.
pub fn copy_pdp(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_pdp_item (appraisal_id, position, origin_id, learning_need, activity, description,
             target_date, support, skill_code, competency)
         SELECT ?2, position, coalesce(origin_id, id), learning_need, activity, description, target_date, support,
             skill_code, competency
         FROM appraisal_pdp_item WHERE appraisal_id = ?1 ORDER BY position, id",
        params![from, to],
    )?;
    Ok(())
}

/// `progress_key` is the item's origin (see [`pdp_item_appraisal`]).
pub fn upsert_pdp_progress(conn: &Connection, progress_key: i64, p: &PdpProgress, now: NaiveDateTime) -> Result<()> {
    conn.execute(
        "INSERT INTO pdp_progress (pdp_item_id, status, progress, evidence, reflection, completed_on, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (pdp_item_id) DO UPDATE SET status = excluded.status, progress = excluded.progress,
             evidence = excluded.evidence, reflection = excluded.reflection, completed_on = excluded.completed_on,
             updated_at = excluded.updated_at",
        params![
            progress_key,
            p.status.code(),
            p.progress,
            p.evidence,
            p.reflection,
            p.completed_on,
            timestamp(now)
        ],
    )?;
    Ok(())
}

/// The latest signed appraisal of a person that has a PDP, not replaced by
/// a later signed version.
pub fn latest_signed_with_pdp(conn: &Connection, appraisee_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT a.id FROM appraisal a
                 WHERE a.appraisee_id = ?1 AND {CURRENT_SIGNED}
                   AND EXISTS (SELECT 1 FROM appraisal_pdp_item i WHERE i.appraisal_id = a.id)
                 ORDER BY a.cycle_start DESC, a.meeting_date DESC, a.id DESC LIMIT 1"
            ),
            [appraisee_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// [`latest_signed_with_pdp`] for everyone at once: each appraisee's staff
/// number and the id of the appraisal holding their current plan.
pub fn latest_signed_with_pdp_all(conn: &Connection) -> Result<std::collections::HashMap<String, i64>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT s.staff_number, a.id FROM appraisal a JOIN staff s ON s.id = a.appraisee_id
          WHERE {CURRENT_SIGNED}
            AND EXISTS (SELECT 1 FROM appraisal_pdp_item i WHERE i.appraisal_id = a.id)
          ORDER BY a.appraisee_id, a.cycle_start DESC, a.meeting_date DESC, a.id DESC"
    ))?;
    let mut latest = std::collections::HashMap::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (staff_number, id) = row?;
        // The first of each person's rows is their latest.
        latest.entry(staff_number).or_insert(id);
    }
    Ok(latest)
}

/// The PDP items of each of `appraisal_ids` (as [`pdp_items`]), a few
/// hundred appraisals a statement.
pub fn pdp_items_of(conn: &Connection, appraisal_ids: &[i64]) -> Result<std::collections::HashMap<i64, Vec<PdpItem>>> {
    let mut out: std::collections::HashMap<i64, Vec<PdpItem>> = std::collections::HashMap::new();
    for chunk in appraisal_ids.chunks(IDS_PER_STATEMENT) {
        let marks = (1..=chunk.len())
            .map(|n| format!("?{n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = conn.prepare(&format!(
            "{PDP} WHERE i.appraisal_id IN ({marks}) ORDER BY i.appraisal_id, i.position, i.id"
        ))?;
        let rows = stmt.query_map(crate::store::db::params_from_iter(chunk.iter().copied()), |r| {
            Ok((r.get::<_, i64>(15)?, pdp_from_row(r)?))
        })?;
        for row in rows {
            let (appraisal_id, item) = row?;
            out.entry(appraisal_id).or_default().push(item);
        }
    }
    Ok(out)
}

/// How many ids one `IN (…)` list carries: well under every engine's limit
/// on a statement's parameters.
pub const IDS_PER_STATEMENT: usize = 500;
