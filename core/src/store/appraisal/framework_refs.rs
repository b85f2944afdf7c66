//! What an appraisal reads from the skills framework: the newest version,
//! the role profile for a person, the competencies a role expects and the
//! statements at each level. The same questions `store::framework` answers;
//! kept here until the appraisal asks that module instead.

use rusqlite::{params, Connection, OptionalExtension};

use crate::appraisal::records::CompetencyRef;
use crate::Result;

/// The newest framework version: the one a new appraisal is agreed against.
pub fn newest_framework(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT max(id) FROM framework", [], |r| r.get(0))?)
}

/// A role profile, as an appraisal names it.
pub struct RoleRef {
    pub id: i64,
    pub band: String,
    pub title: String,
}

/// The role profile for a band and job title: the one with that title, or
/// else the first for the band.
pub fn role_for(conn: &Connection, band: &str, job_title: &str) -> Result<Option<RoleRef>> {
    Ok(conn
        .query_row(
            "SELECT id, band, title FROM role_profile WHERE band = ?1
             ORDER BY (lower(title) = lower(trim(?2))) DESC, position, id LIMIT 1",
            params![band, job_title],
            |r| {
                Ok(RoleRef {
                    id: r.get(0)?,
                    band: r.get(1)?,
                    title: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// A competency a role expects, with the level.
pub struct ExpectedCompetency {
    pub framework_id: i64,
    pub competency_id: i64,
    pub skill_code: String,
    pub skill_name: String,
    pub competency: String,
    pub level: u8,
}

/// The competencies of a framework version that a role expects, in the
/// framework's order.
pub fn expected_competencies(conn: &Connection, framework_id: i64, role_id: i64) -> Result<Vec<ExpectedCompetency>> {
    let mut stmt = conn.prepare(
        "SELECT sk.framework_id, c.id, sk.code, sk.name, c.name, e.level
         FROM framework_skill sk
         JOIN framework_competency c ON c.skill_id = sk.id
         JOIN role_expectation e ON e.skill_code = sk.code AND e.competency = c.name AND e.role_id = ?2
         WHERE sk.framework_id = ?1
         ORDER BY sk.position, c.position",
    )?;
    let rows = stmt
        .query_map(params![framework_id, role_id], |r| {
            Ok(ExpectedCompetency {
                framework_id: r.get(0)?,
                competency_id: r.get(1)?,
                skill_code: r.get(2)?,
                skill_name: r.get(3)?,
                competency: r.get(4)?,
                level: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A competency of a framework version by skill code and name (letter case
/// aside).
pub fn find_competency(conn: &Connection, framework_id: i64, code: &str, name: &str) -> Result<Option<CompetencyRef>> {
    Ok(conn
        .query_row(
            "SELECT sk.framework_id, c.id, sk.code, c.name
             FROM framework_competency c JOIN framework_skill sk ON sk.id = c.skill_id
             WHERE sk.framework_id = ?1 AND sk.code = ?2 AND c.name = ?3 COLLATE NOCASE",
            params![framework_id, code, name],
            |r| {
                Ok(CompetencyRef {
                    framework_id: r.get(0)?,
                    competency_id: r.get(1)?,
                    skill_code: r.get(2)?,
                    competency: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// The levels a competency has statements at, lowest first.
pub fn competency_levels(conn: &Connection, competency_id: i64) -> Result<Vec<u8>> {
    let mut stmt =
        conn.prepare("SELECT DISTINCT level FROM framework_statement WHERE competency_id = ?1 ORDER BY level")?;
    let rows = stmt
        .query_map([competency_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The statement at a level: the first one's id, and every one's text, one
/// per line.
pub fn statement_at(conn: &Connection, competency_id: i64, level: u8) -> Result<Option<(i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT id, text FROM framework_statement WHERE competency_id = ?1 AND level = ?2 ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map(params![competency_id, level], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.first().map(|(id, _)| {
        let text = rows.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
        (*id, text)
    }))
}
