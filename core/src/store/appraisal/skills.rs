//! The skills assessed in an appraisal (`appraisal_skill`): expected,
//! self-assessed and agreed levels, and the statements of each competency.

use crate::store::db::{params, Connection, OptionalExtension};

use super::ExpectedCompetency;
use crate::appraisal::records::SkillAssessment;
use crate::Result;

pub fn insert_skill(conn: &Connection, appraisal_id: i64, position: usize, c: &ExpectedCompetency) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_skill (appraisal_id, position, framework_id, competency_id, skill_code, skill_name,
             competency, expected_level)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            appraisal_id,
            position as i64,
            c.framework_id,
            c.competency_id,
            c.skill_code,
            c.skill_name,
            c.competency,
            c.level
        ],
    )?;
    Ok(())
}

/// The skill rows, without their statements (`levels` empty, `gap` 0).
pub fn skills(conn: &Connection, appraisal_id: i64) -> Result<Vec<SkillAssessment>> {
    let mut stmt = conn.prepare(
        "SELECT id, framework_id, competency_id, skill_code, skill_name, competency, expected_level, self_level,
             agreed_level, row_version
         FROM appraisal_skill WHERE appraisal_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map([appraisal_id], |r| {
            Ok(SkillAssessment {
                id: r.get(0)?,
                framework_id: r.get(1)?,
                competency_id: r.get(2)?,
                skill_code: r.get(3)?,
                skill_name: r.get(4)?,
                competency: r.get(5)?,
                expected_level: r.get(6)?,
                self_level: r.get(7)?,
                agreed_level: r.get(8)?,
                row_version: r.get(9)?,
                gap: 0,
                levels: Vec::new(),
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub struct StatementText {
    pub competency_id: i64,
    pub level: u8,
    pub text: String,
}

/// Every statement of the competencies an appraisal assesses, by level.
pub fn skill_statements(conn: &Connection, appraisal_id: i64) -> Result<Vec<StatementText>> {
    let mut stmt = conn.prepare(
        "SELECT st.competency_id, st.level, st.text FROM framework_statement st
         WHERE st.competency_id IN (SELECT competency_id FROM appraisal_skill WHERE appraisal_id = ?1)
         ORDER BY st.competency_id, st.level, st.position, st.id",
    )?;
    let rows = stmt
        .query_map([appraisal_id], |r| {
            Ok(StatementText {
                competency_id: r.get(0)?,
                level: r.get(1)?,
                text: r.get(2)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The appraisal, competency id and competency name of a skill row.
pub fn skill_appraisal(conn: &Connection, skill_id: i64) -> Result<Option<(i64, i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT appraisal_id, competency_id, competency FROM appraisal_skill WHERE id = ?1",
            [skill_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// `column` is `self_level` or `agreed_level`, chosen by the caller.
pub fn set_skill_level(conn: &Connection, skill_id: i64, column: &str, level: Option<u8>) -> Result<()> {
    let sql = match column {
        "self_level" => "UPDATE appraisal_skill SET self_level = ?2 WHERE id = ?1",
        _ => "UPDATE appraisal_skill SET agreed_level = ?2 WHERE id = ?1",
    };
    conn.execute(sql, params![skill_id, level])?;
    Ok(())
}

/// Copies every skill row to a new version.
pub fn copy_skills(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO appraisal_skill (appraisal_id, position, framework_id, competency_id, skill_code, skill_name,
             competency, expected_level, self_level, agreed_level)
         SELECT ?2, position, framework_id, competency_id, skill_code, skill_name, competency, expected_level,
             self_level, agreed_level
         FROM appraisal_skill WHERE appraisal_id = ?1 ORDER BY position, id",
        params![from, to],
    )?;
    Ok(())
}
