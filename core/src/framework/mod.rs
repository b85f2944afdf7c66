//! The department's skills framework: SFIA 9 skills, the competencies within
//! them and the level statements an appraisal agrees objectives against.
//! Owns importing a framework file (text or CSV), the built-in framework
//! Appraise ships, exporting to CSV and the role profiles (the level each
//! role is expected to reach in each competency).
//!
//! A framework is never changed once stored: a new file is a new version,
//! with new statement ids, so an objective that names a statement id and its
//! framework id keeps the exact words it was agreed against.

mod builtin;
mod csv;
mod parse;
mod roles;

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Actor;
use crate::store::framework as db;
use crate::{access, audit, Error, Result};

pub use builtin::{builtin, ensure_builtin, BuiltinStatus, BUILTIN_CORRECTIONS, BUILTIN_NAME, BUILTIN_SOURCE};
pub use parse::{parse, Counts, Entry, Orphan, Parsed};
pub use roles::{add_role, role_grid, set_expectation, DefaultRole, RoleGrid, RoleGridRow, RoleProfile, DEFAULT_ROLES};

/// SFIA 9 level names, level 1 first.
pub const LEVEL_NAMES: [&str; 7] = [
    "Follow",
    "Assist",
    "Apply",
    "Enable",
    "Ensure/advise",
    "Initiate/influence",
    "Set strategy/inspire/mobilise",
];

/// The SFIA 9 skills Appraise knows by code. A file may use others: they are
/// kept, with a warning, under their code. Add a skill here when a
/// department's framework uses it.
pub const KNOWN_SKILLS: &[(&str, &str)] = &[
    ("ANCC", "Analytical classification and coding"),
    ("ASMG", "Asset management"),
    ("RMGT", "Records management"),
    ("VUAS", "Vulnerability assessment"),
    ("SCAD", "Security administration"),
];

const MAX_NAME: usize = 120;

/// The SFIA 9 name of a level from 1 to 7 ("" outside that range).
pub fn level_name(level: u8) -> &'static str {
    match level {
        1..=7 => LEVEL_NAMES[usize::from(level) - 1],
        _ => "",
    }
}

/// The SFIA 9 name of a skill code Appraise knows.
pub fn known_skill(code: &str) -> Option<&'static str> {
    KNOWN_SKILLS.iter().find(|(c, _)| *c == code).map(|(_, name)| *name)
}

/// The two file formats a framework is imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Heading lines, each followed by one descriptor line: the department's
    /// own format.
    Text,
    /// Columns code,skill,competency,level,statement: for a spreadsheet.
    Csv,
}

impl SourceFormat {
    /// CSV when the file name ends in `.csv`, text otherwise.
    pub fn from_file_name(name: &str) -> SourceFormat {
        if name.to_lowercase().ends_with(".csv") {
            SourceFormat::Csv
        } else {
            SourceFormat::Text
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Csv => "csv",
        }
    }

    /// What a place in the file is called in messages: a text file has
    /// lines, a spreadsheet rows.
    pub(crate) fn place(self) -> &'static str {
        match self {
            SourceFormat::Text => "line",
            SourceFormat::Csv => "row",
        }
    }
}

/// What kind of fault a warning is about; the UI may group by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// Text with no heading before it: left out.
    NoHeading,
    /// A line that looks like a section title, not an entry: left out.
    SectionTitle,
    /// The same competency, level and skill twice: both statements kept.
    DuplicateHeading,
    /// A competency name that looks like a misspelling of another.
    SimilarName,
    /// The same text word for word under different headings.
    SameText,
    /// A skill code that is not one of `KNOWN_SKILLS`: kept.
    UnknownCode,
}

/// Something odd in a file that did not stop the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportWarning {
    /// The line (text file) or row (CSV) it is about, from 1.
    pub line: u32,
    pub kind: WarningKind,
    pub message: String,
}

/// What importing a file would do, without doing it: for the screen that
/// asks "import this?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    pub format: SourceFormat,
    /// Lower-case hex; the same file always gives the same hash.
    pub source_sha256: String,
    pub skills: u32,
    pub competencies: u32,
    pub statements: u32,
    pub warnings: Vec<ImportWarning>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    pub framework_id: i64,
    pub skills: u32,
    pub competencies: u32,
    pub statements: u32,
    pub warnings: Vec<ImportWarning>,
}

/// How a framework is to be stored: its name (each import under a name is
/// the next version of it) and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    pub name: String,
    /// The file's name, for the record ("skills-framework.txt").
    pub file_name: String,
    pub format: SourceFormat,
}

/// One framework version, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameworkSummary {
    pub id: i64,
    pub name: String,
    /// 1 for the first import under this name, then 2, 3, ...
    pub version: u32,
    #[ts(type = "string")]
    pub imported_at: NaiveDateTime,
    pub source_sha256: String,
    pub source_name: String,
    pub source_format: SourceFormat,
    /// Shipped with Appraise rather than imported.
    pub builtin: bool,
    pub skills: u32,
    pub competencies: u32,
    pub statements: u32,
    /// Statements that differ from the source file, each with its note.
    pub corrections: u32,
}

/// A framework as the browser shows it: skills, their competencies, and
/// each competency's statements by level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameworkTree {
    pub summary: FrameworkSummary,
    pub skills: Vec<SkillNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillNode {
    pub id: i64,
    /// The SFIA code, such as ANCC.
    pub code: String,
    pub name: String,
    /// The code is one of the SFIA 9 skills Appraise knows.
    pub known: bool,
    pub competencies: Vec<CompetencyNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompetencyNode {
    pub id: i64,
    pub name: String,
    /// Only the levels this competency is defined at, lowest first.
    pub levels: Vec<LevelNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelNode {
    /// 1 to 7.
    pub level: u8,
    /// The SFIA 9 name: Follow, Assist, ...
    pub level_name: String,
    /// Usually one; a level may hold several.
    pub statements: Vec<StatementNode>,
}

/// A level statement. Its id never changes and its row is never edited: an
/// objective refers to it by id and framework id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatementNode {
    pub id: i64,
    pub text: String,
    /// Where it was in the source file (line or row).
    pub source_line: Option<u32>,
    /// Why it differs from the source, "Corrected from …", when it does.
    pub correction: Option<String>,
}

/// One row of the CSV form of a framework, and the shape every format is
/// compared in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameworkRow {
    pub code: String,
    pub skill: String,
    pub competency: String,
    pub level: u8,
    pub statement: String,
}

/// Parses a file without touching the database: counts and warnings for the
/// preview, or the error the import would give.
pub fn preview(bytes: &[u8], format: SourceFormat) -> Result<ImportPreview> {
    let parsed = parse(bytes, format)?;
    let counts = parsed.counts();
    Ok(ImportPreview {
        format,
        source_sha256: parsed.source_sha256.clone(),
        skills: counts.skills,
        competencies: counts.competencies,
        statements: counts.statements,
        warnings: parsed.warnings,
    })
}

/// Imports a file as the next version of the framework named in `request`
/// (administrator only), in one transaction with its audit row. The file is
/// checked in full first, so a refused file writes nothing.
pub fn import(
    conn: &mut Connection,
    actor: &Actor,
    bytes: &[u8],
    request: &ImportRequest,
    imported_at: NaiveDateTime,
) -> Result<ImportReport> {
    access::can_manage_framework(actor)?;
    let name = check_name(&request.name)?;
    let parsed = parse(bytes, request.format)?;
    let stored = db::NewFramework {
        name: &name,
        source_name: request.file_name.trim(),
        imported_at,
        builtin: false,
        corrections_sha256: None,
    };
    let counts = parsed.counts();
    let tx = crate::store::write(conn)?;
    let framework_id = store_in(&tx, &stored, &parsed)?;
    let summary = get(&tx, framework_id)?;
    audit::record_by(
        &tx,
        actor,
        "framework.import",
        "framework",
        &framework_id.to_string(),
        serde_json::json!({
            "name": summary.name,
            "version": summary.version,
            "source_name": summary.source_name,
            "source_sha256": summary.source_sha256,
            "skills": counts.skills,
            "competencies": counts.competencies,
            "statements": counts.statements,
            "warnings": parsed.warnings.len(),
        }),
        imported_at,
    )?;
    tx.commit()?;
    Ok(ImportReport {
        framework_id,
        skills: counts.skills,
        competencies: counts.competencies,
        statements: counts.statements,
        warnings: parsed.warnings,
    })
}

fn check_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::invalid("name", "Enter a name for the framework."));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::invalid(
            "name",
            format!("A framework name must be {MAX_NAME} characters or fewer."),
        ));
    }
    Ok(name)
}

/// Writes a parsed framework as the next version of its name: one
/// transaction, all or nothing.
fn store(conn: &mut Connection, framework: &db::NewFramework, parsed: &Parsed) -> Result<i64> {
    let tx = crate::store::write(conn)?;
    let id = store_in(&tx, framework, parsed)?;
    tx.commit()?;
    Ok(id)
}

/// [`store`] inside the caller's transaction.
fn store_in(tx: &Connection, framework: &db::NewFramework, parsed: &Parsed) -> Result<i64> {
    let version = db::next_version(tx, framework.name)?;
    let id = db::insert_framework(tx, framework, version, parsed)?;
    let mut skills: Vec<(String, i64)> = Vec::new();
    let mut competencies: Vec<((String, String), i64)> = Vec::new();
    for (position, entry) in parsed.entries.iter().enumerate() {
        let skill_id = match skills.iter().find(|(code, _)| *code == entry.code) {
            Some((_, sid)) => *sid,
            None => {
                let name = parsed.skill_name(&entry.code);
                let sid = db::insert_skill(tx, id, &entry.code, &name, skills.len())?;
                skills.push((entry.code.clone(), sid));
                sid
            }
        };
        let key = (entry.code.clone(), entry.competency.clone());
        let competency_id = match competencies.iter().find(|(k, _)| *k == key) {
            Some((_, cid)) => *cid,
            None => {
                let cid = db::insert_competency(tx, skill_id, &entry.competency, competencies.len())?;
                competencies.push((key, cid));
                cid
            }
        };
        db::insert_statement(tx, id, competency_id, entry, position)?;
    }
    Ok(id)
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(10, 30, 0)
            .unwrap()
    }

    fn request(name: &str, format: SourceFormat) -> ImportRequest {
        ImportRequest {
            name: name.into(),
            file_name: "skills-framework.txt".into(),
            format,
        }
    }

    fn lines_of(warnings: &[ImportWarning], kind: WarningKind) -> Vec<u32> {
        warnings.iter().filter(|w| w.kind == kind).map(|w| w.line).collect()
    }

    #[test]
    fn the_seed_imports_as_five_skills_and_ninety_nine_statements() {
        let mut store = Store::open_in_memory().unwrap();
        let report = import(
            store.conn_mut(),
            &Actor::system(),
            BUILTIN_SOURCE,
            &request("Department", SourceFormat::Text),
            now(),
        )
        .unwrap();
        assert_eq!(report.skills, 5, "ANCC, ASMG, RMGT, VUAS, SCAD");
        assert_eq!(report.statements, 99, "every headed statement kept");
        assert_eq!(report.competencies, 37, "the misspelt competency is still its own");
        let w = &report.warnings;
        assert_eq!(lines_of(w, WarningKind::NoHeading), [1], "the orphan line: {w:#?}");
        assert_eq!(lines_of(w, WarningKind::SectionTitle), [2], "the section title");
        assert_eq!(
            lines_of(w, WarningKind::DuplicateHeading),
            [49, 53],
            "Coding accuracy and Clinical coding audit at Level Four, each the second time"
        );
        assert_eq!(
            lines_of(w, WarningKind::SimilarName),
            [73],
            "Clinical information (line 73) looks like Clinical infomation (line 51)"
        );
        let similar = w.iter().find(|w| w.kind == WarningKind::SimilarName).unwrap();
        assert!(
            similar.message.contains("Clinical infomation") && similar.message.contains("line 51"),
            "{}",
            similar.message
        );
        assert!(
            lines_of(w, WarningKind::SameText).contains(&104),
            "Data transformation repeats Information Handling word for word"
        );
        assert!(
            lines_of(w, WarningKind::UnknownCode).is_empty(),
            "all five codes are known"
        );
        let stored = get(store.conn(), report.framework_id).unwrap();
        assert_eq!((stored.skills, stored.competencies, stored.statements), (5, 37, 99));
        assert_eq!(stored.version, 1);
        assert_eq!(
            stored.source_sha256, "123d2b5db18a50bbdf1f3ebd825aae6e71c539f4887ddb8343fd83f51e95514c",
            "SHA-256 of the file as given"
        );
    }

    #[test]
    fn a_crlf_copy_with_a_byte_order_mark_gives_identical_counts_and_warning_lines() {
        let plain = preview(BUILTIN_SOURCE, SourceFormat::Text).unwrap();
        let text = std::str::from_utf8(BUILTIN_SOURCE).unwrap();
        let windows = format!("\u{feff}{}", text.replace('\n', "  \r\n"));
        let copy = preview(windows.as_bytes(), SourceFormat::Text).unwrap();
        assert_eq!(
            (copy.skills, copy.competencies, copy.statements),
            (plain.skills, plain.competencies, plain.statements)
        );
        let lines = |p: &ImportPreview| p.warnings.iter().map(|w| (w.line, w.kind)).collect::<Vec<_>>();
        assert_eq!(lines(&copy), lines(&plain), "same warnings at the same lines");
        assert_ne!(
            copy.source_sha256, plain.source_sha256,
            "the hash is of the bytes given"
        );
    }

    #[test]
    fn only_the_administrator_imports_and_the_import_is_audited() {
        let mut store = Store::open_in_memory().unwrap();
        let req = request("Department", SourceFormat::Text);
        let manager = Actor {
            staff_number: "10".into(),
            role: crate::accounts::Role::Manager,
            name: "Mo Manager".into(),
            must_change_passphrase: false,
        };
        let err = import(store.conn_mut(), &manager, BUILTIN_SOURCE, &req, now()).unwrap_err();
        assert_eq!(err.code(), "forbidden");
        assert!(list(store.conn()).unwrap().is_empty(), "nothing stored");
        let report = import(store.conn_mut(), &Actor::system(), BUILTIN_SOURCE, &req, now()).unwrap();
        let log = audit::list(store.conn(), &Actor::system(), &audit::AuditFilter::default()).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].action, "framework.import");
        assert_eq!(log[0].record_id, report.framework_id.to_string());
        assert_eq!(log[0].detail["name"], "Department");
        assert_eq!(log[0].detail["statements"], report.statements);
    }

    #[test]
    fn importing_again_is_a_new_version_and_the_old_statements_are_untouched() {
        let mut store = Store::open_in_memory().unwrap();
        let req = request("Department", SourceFormat::Text);
        let first = import(store.conn_mut(), &Actor::system(), BUILTIN_SOURCE, &req, now()).unwrap();
        let before = tree(store.conn(), first.framework_id).unwrap();
        let changed = std::str::from_utf8(BUILTIN_SOURCE)
            .unwrap()
            .replace("Designs and oversees", "Designs, runs and oversees");
        let second = import(store.conn_mut(), &Actor::system(), changed.as_bytes(), &req, now()).unwrap();
        assert_ne!(second.framework_id, first.framework_id);
        assert_eq!(get(store.conn(), second.framework_id).unwrap().version, 2);
        assert_eq!(
            tree(store.conn(), first.framework_id).unwrap(),
            before,
            "version 1 is exactly as it was"
        );
        let new_ids: Vec<i64> = statement_ids(&tree(store.conn(), second.framework_id).unwrap());
        let old_ids: Vec<i64> = statement_ids(&before);
        assert!(
            new_ids.iter().all(|id| !old_ids.contains(id)),
            "new statements get new ids"
        );
    }

    fn statement_ids(tree: &FrameworkTree) -> Vec<i64> {
        tree.skills
            .iter()
            .flat_map(|s| &s.competencies)
            .flat_map(|c| &c.levels)
            .flat_map(|l| &l.statements)
            .map(|s| s.id)
            .collect()
    }

    #[test]
    fn stored_statements_cannot_be_edited_or_deleted() {
        let mut store = Store::open_in_memory().unwrap();
        let report = import(
            store.conn_mut(),
            &Actor::system(),
            BUILTIN_SOURCE,
            &request("Department", SourceFormat::Text),
            now(),
        )
        .unwrap();
        let conn = store.conn();
        let edit = conn.execute("UPDATE framework_statement SET text = 'changed'", []);
        assert!(edit.is_err(), "statements are immutable");
        let delete = conn.execute("DELETE FROM framework_statement", []);
        assert!(delete.is_err(), "statements are never deleted");
        let rename = conn.execute("UPDATE framework SET name = 'x'", []);
        assert!(rename.is_err(), "framework versions are immutable too");
        assert_eq!(get(conn, report.framework_id).unwrap().statements, 99);
    }

    #[test]
    fn a_level_may_hold_several_statements() {
        let mut store = Store::open_in_memory().unwrap();
        let report = import(
            store.conn_mut(),
            &Actor::system(),
            BUILTIN_SOURCE,
            &request("Department", SourceFormat::Text),
            now(),
        )
        .unwrap();
        let t = tree(store.conn(), report.framework_id).unwrap();
        let ancc = t.skills.iter().find(|s| s.code == "ANCC").unwrap();
        assert_eq!(ancc.name, "Analytical classification and coding");
        let accuracy = ancc.competencies.iter().find(|c| c.name == "Coding accuracy").unwrap();
        let four = accuracy.levels.iter().find(|l| l.level == 4).unwrap();
        assert_eq!(four.level_name, "Enable");
        assert_eq!(four.statements.len(), 2, "both Level Four statements kept");
        assert_eq!(four.statements[0].source_line, Some(32), "in file order");
        let levels: Vec<u8> = accuracy.levels.iter().map(|l| l.level).collect();
        assert_eq!(levels, [2, 3, 4], "lowest first");
    }

    #[test]
    fn a_csv_export_imports_back_to_the_same_statements() {
        let mut store = Store::open_in_memory().unwrap();
        let first = import(
            store.conn_mut(),
            &Actor::system(),
            BUILTIN_SOURCE,
            &request("Department", SourceFormat::Text),
            now(),
        )
        .unwrap();
        let csv = export_csv(store.conn(), first.framework_id).unwrap();
        assert!(
            csv.starts_with("\u{feff}code,skill,competency,level,statement\r\n"),
            "{csv:.80}"
        );
        let again = import(
            store.conn_mut(),
            &Actor::system(),
            csv.as_bytes(),
            &request("Department", SourceFormat::Csv),
            now(),
        )
        .unwrap();
        assert_eq!((again.skills, again.competencies, again.statements), (5, 37, 99));
        assert_eq!(
            db::rows(store.conn(), again.framework_id).unwrap(),
            db::rows(store.conn(), first.framework_id).unwrap()
        );
        let kinds: Vec<WarningKind> = again.warnings.iter().map(|w| w.kind).collect();
        assert!(
            kinds.contains(&WarningKind::DuplicateHeading),
            "CSV gets the same checks"
        );
        assert!(!kinds.contains(&WarningKind::NoHeading), "no orphan text in a CSV");
    }

    #[test]
    fn a_refused_file_leaves_the_database_file_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let mut store = Store::open(&path).unwrap();
        ensure_builtin(store.conn_mut(), now()).unwrap();
        // Everything written so far goes into the database file itself, so
        // any later write would show in it or in a non-empty WAL.
        let checkpoint = |store: &Store| {
            store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
            let wal = std::fs::metadata(dir.path().join("a.db-wal"))
                .map(|m| m.len())
                .unwrap_or(0);
            (std::fs::read(&path).unwrap(), wal)
        };
        let before = checkpoint(&store);
        let bad = "Quality assurance (Level Six) (ANCC)\nDesigns audits.\nEscalation (Level 9) (ANCC)\nText.\n";
        let err = import(
            store.conn_mut(),
            &Actor::system(),
            bad.as_bytes(),
            &request("Department", SourceFormat::Text),
            now(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("Line 3"), "{err}");
        assert_eq!(list(store.conn()).unwrap().len(), 1, "only the built-in");
        let after = checkpoint(&store);
        assert_eq!(after.1, 0, "nothing in the WAL");
        assert!(after.0 == before.0, "database file byte-identical");
    }

    #[test]
    fn a_framework_needs_a_name() {
        let mut store = Store::open_in_memory().unwrap();
        let err = import(
            store.conn_mut(),
            &Actor::system(),
            BUILTIN_SOURCE,
            &request("  ", SourceFormat::Text),
            now(),
        )
        .unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert!(list(store.conn()).unwrap().is_empty());
    }

    #[test]
    fn an_unknown_framework_is_not_found() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(tree(store.conn(), 42).unwrap_err().code(), "not_found");
        assert_eq!(export_csv(store.conn(), 42).unwrap_err().code(), "not_found");
    }

    #[test]
    fn level_names_are_sfia_9() {
        assert_eq!(level_name(1), "Follow");
        assert_eq!(level_name(5), "Ensure/advise");
        assert_eq!(level_name(7), "Set strategy/inspire/mobilise");
        assert_eq!(level_name(8), "");
    }

    #[test]
    fn the_format_follows_the_file_name() {
        assert_eq!(SourceFormat::from_file_name("Framework.CSV"), SourceFormat::Csv);
        assert_eq!(SourceFormat::from_file_name("skills-framework.txt"), SourceFormat::Text);
    }
}

/// A file chosen in the app's import dialog, read and checked: what the
/// "import this?" screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FilePreview {
    pub path: String,
    pub file_name: String,
    /// The file name without its extension: the framework's name unless the
    /// person types another.
    pub suggested_name: String,
    pub preview: ImportPreview,
}

fn read_source(path: &std::path::Path) -> Result<(Vec<u8>, String)> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io(format!("Cannot read {}: {e}.", path.display())))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((bytes, file_name))
}

/// Reads and checks the file at `path` without touching the database: the
/// first step of an import, so the administrator's only.
pub fn preview_file(actor: &Actor, path: &std::path::Path) -> Result<FilePreview> {
    access::can_manage_framework(actor)?;
    let (bytes, file_name) = read_source(path)?;
    let preview = preview(&bytes, SourceFormat::from_file_name(&file_name))?;
    Ok(FilePreview {
        path: path.display().to_string(),
        suggested_name: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        file_name,
        preview,
    })
}

/// Imports the file at `path` under `name` (see [`import`]).
pub fn import_file(
    conn: &mut Connection,
    actor: &Actor,
    path: &std::path::Path,
    name: &str,
    imported_at: NaiveDateTime,
) -> Result<ImportReport> {
    access::can_manage_framework(actor)?;
    let (bytes, file_name) = read_source(path)?;
    let format = SourceFormat::from_file_name(&file_name);
    let request = ImportRequest {
        name: name.to_owned(),
        file_name,
        format,
    };
    import(conn, actor, &bytes, &request, imported_at)
}
