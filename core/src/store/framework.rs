//! SQL for frameworks (framework, framework_skill, framework_competency,
//! framework_statement) and role profiles (role_profile, role_expectation).
//! No rules here; they live in `crate::framework`.

use crate::store::db::{params, Connection, OptionalExtension, Row};
use chrono::NaiveDateTime;

use crate::framework::words::{CompetencyRef, Entry, FrameworkRow, FrameworkSummary, RoleProfile, SourceFormat};
use crate::Result;

/// A framework version about to be stored.
pub struct NewFramework<'a> {
    pub name: &'a str,
    pub source_name: &'a str,
    pub imported_at: NaiveDateTime,
    pub builtin: bool,
    pub corrections_sha256: Option<&'a str>,
}

const SUMMARY: &str = "SELECT f.id, f.name, f.version, f.imported_at, f.source_sha256, f.source_name,
        f.source_format, f.builtin,
        (SELECT count(*) FROM framework_skill s WHERE s.framework_id = f.id),
        (SELECT count(*) FROM framework_competency c JOIN framework_skill s ON s.id = c.skill_id
            WHERE s.framework_id = f.id),
        (SELECT count(*) FROM framework_statement st WHERE st.framework_id = f.id),
        (SELECT count(*) FROM framework_statement st WHERE st.framework_id = f.id AND st.correction IS NOT NULL)
    FROM framework f";

fn summary_from_row(row: &Row) -> crate::store::db::Result<FrameworkSummary> {
    let format: String = row.get(6)?;
    Ok(FrameworkSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        version: row.get(2)?,
        imported_at: row.get(3)?,
        source_sha256: row.get(4)?,
        source_name: row.get(5)?,
        source_format: if format == "csv" {
            SourceFormat::Csv
        } else {
            SourceFormat::Text
        },
        builtin: row.get(7)?,
        skills: row.get(8)?,
        competencies: row.get(9)?,
        statements: row.get(10)?,
        corrections: row.get(11)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<FrameworkSummary>> {
    let mut stmt = conn.prepare(&format!("{SUMMARY} ORDER BY f.id"))?;
    let rows = stmt
        .query_map([], summary_from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<FrameworkSummary>> {
    Ok(conn
        .query_row(&format!("{SUMMARY} WHERE f.id = ?1"), [id], summary_from_row)
        .optional()?)
}

pub fn next_version(conn: &Connection, name: &str) -> Result<u32> {
    let highest: Option<u32> = conn.query_row("SELECT max(version) FROM framework WHERE name = ?1", [name], |r| {
        r.get(0)
    })?;
    Ok(highest.unwrap_or(0) + 1)
}

/// The built-in framework stored from this source and corrections, if any.
pub fn builtin_id(conn: &Connection, source_sha256: &str, corrections_sha256: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM framework WHERE builtin = 1 AND source_sha256 = ?1 AND corrections_sha256 = ?2
             ORDER BY id LIMIT 1",
            [source_sha256, corrections_sha256],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn insert_framework(
    conn: &Connection,
    f: &NewFramework,
    version: u32,
    source_sha256: &str,
    format: SourceFormat,
) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO framework (name, version, imported_at, source_sha256, source_name, source_format, builtin, corrections_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        params![
            f.name,
            version,
            f.imported_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            source_sha256,
            f.source_name,
            format.as_str(),
            f.builtin,
            f.corrections_sha256
        ],
        |r| r.get(0),
    )?)
}

pub fn insert_skill(conn: &Connection, framework_id: i64, code: &str, name: &str, position: usize) -> Result<i64> {
    // Cached: an import runs each insert once a row, up to 100,000 times.
    Ok(conn
        .prepare_cached(
            "INSERT INTO framework_skill (framework_id, code, name, position) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        )?
        .query_row(params![framework_id, code, name, position as i64], |r| r.get(0))?)
}

pub fn insert_competency(conn: &Connection, skill_id: i64, name: &str, position: usize) -> Result<i64> {
    Ok(conn
        .prepare_cached("INSERT INTO framework_competency (skill_id, name, position) VALUES (?1, ?2, ?3) RETURNING id")?
        .query_row(params![skill_id, name, position as i64], |r| r.get(0))?)
}

pub fn insert_statement(
    conn: &Connection,
    framework_id: i64,
    competency_id: i64,
    e: &Entry,
    position: usize,
) -> Result<i64> {
    Ok(conn
        .prepare_cached("INSERT INTO framework_statement (framework_id, competency_id, level, text, position, source_line, correction)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id")?
        .query_row(params![
        framework_id,
        competency_id,
        e.level,
        e.text,
        position as i64,
        e.text_line,
        e.correction
    ], |r| r.get(0))?)
}

/// One statement with the skill and competency it is under.
pub struct StatementRow {
    pub skill_id: i64,
    pub code: String,
    pub skill: String,
    pub competency_id: i64,
    pub competency: String,
    pub statement_id: i64,
    pub level: u8,
    pub text: String,
    pub source_line: Option<u32>,
    pub correction: Option<String>,
}

/// Every statement of a framework, by skill, competency, level (lowest
/// first) and file order.
pub fn statements(conn: &Connection, framework_id: i64) -> Result<Vec<StatementRow>> {
    let mut stmt = conn.prepare(
        "SELECT sk.id, sk.code, sk.name, c.id, c.name, st.id, st.level, st.text, st.source_line, st.correction
         FROM framework_skill sk
         JOIN framework_competency c ON c.skill_id = sk.id
         JOIN framework_statement st ON st.competency_id = c.id
         WHERE sk.framework_id = ?1
         ORDER BY sk.position, c.position, st.level, st.position",
    )?;
    let rows = stmt
        .query_map([framework_id], |r| {
            Ok(StatementRow {
                skill_id: r.get(0)?,
                code: r.get(1)?,
                skill: r.get(2)?,
                competency_id: r.get(3)?,
                competency: r.get(4)?,
                statement_id: r.get(5)?,
                level: r.get(6)?,
                text: r.get(7)?,
                source_line: r.get(8)?,
                correction: r.get(9)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A framework as CSV rows, in file order.
pub fn rows(conn: &Connection, framework_id: i64) -> Result<Vec<FrameworkRow>> {
    let mut stmt = conn.prepare(
        "SELECT sk.code, sk.name, c.name, st.level, st.text
         FROM framework_statement st
         JOIN framework_competency c ON c.id = st.competency_id
         JOIN framework_skill sk ON sk.id = c.skill_id
         WHERE st.framework_id = ?1
         ORDER BY st.position",
    )?;
    let rows = stmt
        .query_map([framework_id], |r| {
            Ok(FrameworkRow {
                code: r.get(0)?,
                skill: r.get(1)?,
                competency: r.get(2)?,
                level: r.get(3)?,
                statement: r.get(4)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The newest framework version: the one a new appraisal is agreed against.
pub fn newest_framework(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT max(id) FROM framework", [], |r| r.get(0))?)
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
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A competency of a framework version by skill code and name (letter case
/// aside).
pub fn find_competency(conn: &Connection, framework_id: i64, code: &str, name: &str) -> Result<Option<CompetencyRef>> {
    Ok(conn
        .query_row(
            "SELECT sk.framework_id, c.id, sk.code, c.name
             FROM framework_competency c JOIN framework_skill sk ON sk.id = c.skill_id
             WHERE sk.framework_id = ?1 AND sk.code = ?2 AND lower(c.name) = lower(?3)",
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
        .collect::<crate::store::db::Result<Vec<_>>>()?;
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
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows.first().map(|(id, _)| {
        let text = rows.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
        (*id, text)
    }))
}

/// A competency of a framework and the levels it is defined at.
pub struct CompetencyLevels {
    pub skill_code: String,
    pub skill_name: String,
    pub competency: String,
    /// Lowest first, each once.
    pub levels: Vec<u8>,
}

/// Every competency of a framework with its levels, in the framework's order.
pub fn competencies_with_levels(conn: &Connection, framework_id: i64) -> Result<Vec<CompetencyLevels>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT c.id, sk.code, sk.name, c.name, st.level, sk.position, c.position
         FROM framework_skill sk
         JOIN framework_competency c ON c.skill_id = sk.id
         JOIN framework_statement st ON st.competency_id = c.id
         WHERE sk.framework_id = ?1
         ORDER BY sk.position, c.position, c.id, st.level",
    )?;
    // One row per competency and level, in order: folded into one
    // competency with its levels here, as both engines aggregate alike.
    let mut out: Vec<(i64, CompetencyLevels)> = Vec::new();
    let rows = stmt
        .query_map([framework_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u8>(4)?,
            ))
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    for (id, skill_code, skill_name, competency, level) in rows {
        match out.last_mut() {
            Some((last, c)) if *last == id => c.levels.push(level),
            _ => out.push((
                id,
                CompetencyLevels {
                    skill_code,
                    skill_name,
                    competency,
                    levels: vec![level],
                },
            )),
        }
    }
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

pub fn list_roles(conn: &Connection) -> Result<Vec<RoleProfile>> {
    let mut stmt = conn.prepare("SELECT id, band, title, coding FROM role_profile ORDER BY position, id")?;
    let rows = stmt
        .query_map([], role_from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The role profile for a band and job title: the one with that title, or
/// else the first for the band.
pub fn role_for(conn: &Connection, band: &str, job_title: &str) -> Result<Option<RoleProfile>> {
    Ok(conn
        .query_row(
            "SELECT id, band, title, coding FROM role_profile WHERE band = ?1
             ORDER BY (lower(title) = lower(trim(?2))) DESC, position, id LIMIT 1",
            params![band, job_title],
            role_from_row,
        )
        .optional()?)
}

fn role_from_row(r: &crate::store::db::Row) -> crate::store::db::Result<RoleProfile> {
    Ok(RoleProfile {
        id: r.get(0)?,
        band: r.get(1)?,
        title: r.get(2)?,
        coding: r.get::<_, i64>(3)? != 0,
    })
}

/// Marks a role as a coding role or not.
pub fn set_role_coding(conn: &Connection, id: i64, coding: bool) -> Result<()> {
    conn.execute(
        "UPDATE role_profile SET coding = ?2 WHERE id = ?1",
        params![id, i64::from(coding)],
    )?;
    Ok(())
}

pub fn role_exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM role_profile WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Adds a role after the others.
pub fn insert_role(conn: &Connection, band: &str, title: &str, coding: bool) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO role_profile (band, title, position, coding)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM role_profile), ?3) RETURNING id",
        params![band, title, i64::from(coding)],
        |r| r.get(0),
    )?)
}

pub struct Expectation {
    pub role_id: i64,
    pub skill_code: String,
    pub competency: String,
    pub level: u8,
}

pub fn expectations(conn: &Connection) -> Result<Vec<Expectation>> {
    let mut stmt = conn.prepare("SELECT role_id, skill_code, competency, level FROM role_expectation")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Expectation {
                role_id: r.get(0)?,
                skill_code: r.get(1)?,
                competency: r.get(2)?,
                level: r.get(3)?,
            })
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn set_expectation(conn: &Connection, role_id: i64, skill_code: &str, competency: &str, level: u8) -> Result<()> {
    conn.execute(
        "INSERT INTO role_expectation (role_id, skill_code, competency, level) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (role_id, skill_code, competency) DO UPDATE SET level = excluded.level",
        params![role_id, skill_code, competency, level],
    )?;
    Ok(())
}

pub fn clear_expectation(conn: &Connection, role_id: i64, skill_code: &str, competency: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM role_expectation WHERE role_id = ?1 AND skill_code = ?2 AND competency = ?3",
        params![role_id, skill_code, competency],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use chrono::NaiveDate;

    /// A framework of one skill, ANCC, with "Coding accuracy" at levels 2
    /// and 4 (two statements at 4) and "Audit" at 3, stored through this
    /// file alone; and two band 5 roles, the second expecting accuracy at 4.
    fn stored() -> (Store, i64, i64) {
        let store = crate::store::testing::store();
        let conn = store.conn();
        let at = NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let new = NewFramework {
            name: "Department",
            source_name: "f.txt",
            imported_at: at,
            builtin: false,
            corrections_sha256: None,
        };
        let id = insert_framework(conn, &new, 1, &"0".repeat(64), SourceFormat::Text).unwrap();
        let skill = insert_skill(conn, id, "ANCC", "Analytical classification and coding", 0).unwrap();
        let accuracy = insert_competency(conn, skill, "Coding accuracy", 0).unwrap();
        let audit = insert_competency(conn, skill, "Audit", 1).unwrap();
        let statements = [
            (accuracy, 4, "Checks others."),
            (accuracy, 2, "Codes."),
            (audit, 3, "Audits."),
            (accuracy, 4, "Trains others."),
        ];
        for (position, (competency, level, text)) in statements.into_iter().enumerate() {
            let entry = Entry {
                line: position as u32 + 1,
                text_line: position as u32 + 2,
                code: "ANCC".into(),
                skill: None,
                competency: String::new(),
                level,
                text: text.into(),
                correction: None,
            };
            insert_statement(conn, id, competency, &entry, position).unwrap();
        }
        insert_role(conn, "5", "Clinical coder", true).unwrap();
        let specialist = insert_role(conn, "5", "Clinical coding specialist", true).unwrap();
        set_expectation(conn, specialist, "ANCC", "Coding accuracy", 4).unwrap();
        (store, id, specialist)
    }

    #[test]
    fn the_newest_framework_is_the_last_stored() {
        let store = crate::store::testing::store();
        assert_eq!(newest_framework(store.conn()).unwrap(), None, "none yet");
        let (store, id, _) = stored();
        assert_eq!(newest_framework(store.conn()).unwrap(), Some(id));
    }

    #[test]
    fn a_competency_is_found_by_code_and_name_whatever_the_letter_case() {
        let (store, id, _) = stored();
        let found = find_competency(store.conn(), id, "ANCC", "coding ACCURACY")
            .unwrap()
            .unwrap();
        assert_eq!((found.framework_id, found.skill_code.as_str()), (id, "ANCC"));
        assert_eq!(found.competency, "Coding accuracy", "the stored name");
        assert!(find_competency(store.conn(), id, "RMGT", "Coding accuracy")
            .unwrap()
            .is_none());
        assert_eq!(
            competency_levels(store.conn(), found.competency_id).unwrap(),
            [2, 4],
            "lowest first, each once"
        );
        let (first, text) = statement_at(store.conn(), found.competency_id, 4).unwrap().unwrap();
        assert_eq!(
            text, "Checks others.\nTrains others.",
            "every statement at the level, in file order"
        );
        let checks = statements(store.conn(), id)
            .unwrap()
            .into_iter()
            .find(|s| s.text == "Checks others.")
            .unwrap();
        assert_eq!(first, checks.statement_id, "the first one's id");
        assert!(statement_at(store.conn(), found.competency_id, 7).unwrap().is_none());
    }

    #[test]
    fn a_role_is_found_by_title_or_else_the_first_of_its_band_with_the_competencies_it_expects() {
        let (store, id, specialist) = stored();
        let by_title = role_for(store.conn(), "5", "  CLINICAL CODING SPECIALIST ")
            .unwrap()
            .unwrap();
        assert_eq!(by_title.id, specialist, "the title, letter case and spaces aside");
        let first = role_for(store.conn(), "5", "Somebody else").unwrap().unwrap();
        assert_eq!(first.title, "Clinical coder", "else the first of the band");
        assert!(
            role_for(store.conn(), "9", "Anyone").unwrap().is_none(),
            "no band 9 role"
        );
        let expected = expected_competencies(store.conn(), id, specialist).unwrap();
        assert_eq!(expected.len(), 1, "only what the role expects");
        let e = &expected[0];
        assert_eq!(
            (
                e.framework_id,
                e.skill_code.as_str(),
                e.skill_name.as_str(),
                e.competency.as_str(),
                e.level
            ),
            (id, "ANCC", "Analytical classification and coding", "Coding accuracy", 4)
        );
        assert!(expected_competencies(store.conn(), id, first.id).unwrap().is_empty());
    }
}
