//! The framework versions stored: the list, one version's summary, its
//! tree for the browser and its CSV export.

use crate::store::db::Connection;

use super::csv;
use super::words::{
    known_skill, level_name, CompetencyNode, FrameworkRow, FrameworkSummary, FrameworkTree, LevelNode, SkillNode,
    StatementNode,
};
use crate::store::framework as db;
use crate::{Error, Result};

/// Every framework version stored, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<FrameworkSummary>> {
    db::list(conn)
}

pub fn get(conn: &Connection, framework_id: i64) -> Result<FrameworkSummary> {
    db::get(conn, framework_id)?.ok_or_else(|| not_found(framework_id))
}

/// A framework's skills, competencies, levels and statements, in the order
/// of the source file (levels lowest first).
pub fn tree(conn: &Connection, framework_id: i64) -> Result<FrameworkTree> {
    let summary = get(conn, framework_id)?;
    let mut skills: Vec<SkillNode> = Vec::new();
    for row in db::statements(conn, framework_id)? {
        if skills.last().is_none_or(|s| s.id != row.skill_id) {
            skills.push(SkillNode {
                id: row.skill_id,
                known: known_skill(&row.code).is_some(),
                code: row.code.clone(),
                name: row.skill.clone(),
                competencies: Vec::new(),
            });
        }
        let skill = skills.last_mut().expect("pushed above");
        if skill.competencies.last().is_none_or(|c| c.id != row.competency_id) {
            skill.competencies.push(CompetencyNode {
                id: row.competency_id,
                name: row.competency.clone(),
                levels: Vec::new(),
            });
        }
        let competency = skill.competencies.last_mut().expect("pushed above");
        if competency.levels.last().is_none_or(|l| l.level != row.level) {
            competency.levels.push(LevelNode {
                level: row.level,
                level_name: level_name(row.level).to_owned(),
                statements: Vec::new(),
            });
        }
        let level = competency.levels.last_mut().expect("pushed above");
        level.statements.push(StatementNode {
            id: row.statement_id,
            text: row.text,
            source_line: row.source_line,
            correction: row.correction,
        });
    }
    Ok(FrameworkTree { summary, skills })
}

/// The framework as CSV (code,skill,competency,level,statement), in the
/// order of its source, for a spreadsheet: UTF-8 with a byte-order mark and
/// CRLF line ends, which Excel needs to show accents and curly quotes.
/// Importing it again gives the same statements.
pub fn export_csv(conn: &Connection, framework_id: i64) -> Result<String> {
    get(conn, framework_id)?;
    Ok(csv::write(&db::rows(conn, framework_id)?))
}

/// The CSV text for any rows; see [`export_csv`].
pub fn rows_to_csv(rows: &[FrameworkRow]) -> String {
    csv::write(rows)
}

fn not_found(framework_id: i64) -> Error {
    Error::NotFound(format!("There is no framework with id {framework_id}."))
}
