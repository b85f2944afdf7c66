//! Importing a framework file: the preview that asks "import this?", the
//! import itself (the administrator's, in one transaction with its audit
//! row) and storing a parsed framework as the next version of its name.

use std::collections::HashMap;
use std::path::Path;

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::parse::{check_size, parse, Parsed};
use super::stored::get;
use super::words::{FilePreview, ImportPreview, ImportReport, ImportRequest, SourceFormat};
use crate::accounts::Actor;
use crate::store::framework as db;
use crate::{access, audit, Error, Result};

const MAX_NAME: usize = 120;

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
        warnings_not_listed: parsed.warnings_not_listed,
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
    check_name(&request.name)?;
    let parsed = parse(bytes, request.format)?;
    import_parsed(conn, actor, &parsed, request, imported_at)
}

/// [`import`] for a file already read with [`parse`] (its format, not the
/// request's, counts): the command line reads a file once, refusing a bad
/// one before it opens the database.
pub fn import_parsed(
    conn: &mut Connection,
    actor: &Actor,
    parsed: &Parsed,
    request: &ImportRequest,
    imported_at: NaiveDateTime,
) -> Result<ImportReport> {
    access::can_manage_framework(actor)?;
    let name = check_name(&request.name)?;
    let stored = db::NewFramework {
        name: &name,
        source_name: request.file_name.trim(),
        imported_at,
        builtin: false,
        corrections_sha256: None,
    };
    let counts = parsed.counts();
    let tx = crate::store::write(conn)?;
    let framework_id = store_in(&tx, &stored, parsed)?;
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
            "warnings": parsed.warnings.len() + parsed.warnings_not_listed as usize,
        }),
        imported_at,
    )?;
    tx.commit()?;
    Ok(ImportReport {
        framework_id,
        skills: counts.skills,
        competencies: counts.competencies,
        statements: counts.statements,
        warnings: parsed.warnings.clone(),
        warnings_not_listed: parsed.warnings_not_listed,
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
pub(super) fn store(conn: &mut Connection, framework: &db::NewFramework, parsed: &Parsed) -> Result<i64> {
    let tx = crate::store::write(conn)?;
    let id = store_in(&tx, framework, parsed)?;
    tx.commit()?;
    Ok(id)
}

/// [`store`] inside the caller's transaction.
pub(super) fn store_in(tx: &Connection, framework: &db::NewFramework, parsed: &Parsed) -> Result<i64> {
    let version = db::next_version(tx, framework.name)?;
    let id = db::insert_framework(tx, framework, version, &parsed.source_sha256, parsed.format)?;
    let names = parsed.skill_names();
    let mut skills: HashMap<&str, i64> = HashMap::new();
    let mut competencies: HashMap<(&str, &str), i64> = HashMap::new();
    for (position, entry) in parsed.entries.iter().enumerate() {
        let skill_id = match skills.get(entry.code.as_str()) {
            Some(sid) => *sid,
            None => {
                let sid = db::insert_skill(tx, id, &entry.code, &names[entry.code.as_str()], skills.len())?;
                skills.insert(&entry.code, sid);
                sid
            }
        };
        let key = (entry.code.as_str(), entry.competency.as_str());
        let competency_id = match competencies.get(&key) {
            Some(cid) => *cid,
            None => {
                let cid = db::insert_competency(tx, skill_id, &entry.competency, competencies.len())?;
                competencies.insert(key, cid);
                cid
            }
        };
        db::insert_statement(tx, id, competency_id, entry, position)?;
    }
    Ok(id)
}

/// The file's bytes and name; a file far too large for a framework is
/// refused before it is read.
fn read_source(path: &Path) -> Result<(Vec<u8>, String)> {
    if let Ok(meta) = std::fs::metadata(path) {
        check_size(usize::try_from(meta.len()).unwrap_or(usize::MAX))?;
    }
    let bytes = std::fs::read(path).map_err(|e| Error::Io(format!("Cannot read {}: {e}.", path.display())))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((bytes, file_name))
}

/// Reads and checks the file at `path` without touching the database: the
/// first step of an import, so the administrator's only.
pub fn preview_file(actor: &Actor, path: &Path) -> Result<FilePreview> {
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
    path: &Path,
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

#[cfg(test)]
mod tests {
    use super::super::builtin::{ensure_builtin, BUILTIN_SOURCE};
    use super::super::check::MAX_WARNINGS;
    use super::super::parse::MAX_FILE_BYTES;
    use super::super::stored::{export_csv, list, tree};
    use super::super::words::{level_name, FrameworkTree, ImportWarning, WarningKind};
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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

    /// A wrong file picked by mistake: 100,000 statements (about 8 MB), each
    /// its own competency in one of 150 skills, their names near-identical.
    fn huge_framework() -> String {
        const WORDS: [&str; 15] = [
            "Coding",
            "accuracy",
            "audit",
            "quality",
            "data",
            "records",
            "information",
            "analysis",
            "security",
            "assets",
            "clinical",
            "governance",
            "review",
            "planning",
            "training",
        ];
        let mut text = String::new();
        for n in 0..100_000usize {
            let skill = n % 150;
            let code: String = [skill / 26, skill % 26]
                .iter()
                .map(|&i| char::from(b'A' + i as u8))
                .collect();
            let name = format!("{} {} {}", WORDS[n % 15], WORDS[n / 15 % 15], n / 150);
            text.push_str(&format!(
                "{name} (Level {}) (X{code})\nStatement {n}: {} at level {}.\n",
                n % 7 + 1,
                name.to_lowercase(),
                n % 7 + 1
            ));
        }
        text
    }

    #[test]
    fn a_file_of_a_hundred_thousand_statements_is_imported_listing_a_thousand_warnings() {
        let mut store = crate::store::testing::store();
        let file = huge_framework();
        let report = import(
            store.conn_mut(),
            &Actor::system(),
            file.as_bytes(),
            &request("Wrong file", SourceFormat::Text),
            now(),
        )
        .unwrap();
        assert_eq!(
            (report.skills, report.competencies, report.statements),
            (150, 100_000, 100_000),
            "imported, not refused"
        );
        assert_eq!(report.warnings.len(), MAX_WARNINGS, "at most a thousand listed");
        assert!(
            report.warnings_not_listed > 0,
            "the rest are counted: {}",
            report.warnings_not_listed
        );
        let lines: Vec<u32> = report.warnings.iter().map(|w| w.line).collect();
        assert!(lines.is_sorted(), "the first ones, in line order");
        let stored = get(store.conn(), report.framework_id).unwrap();
        assert_eq!(stored.statements, 100_000, "every statement stored");
    }

    #[test]
    fn a_file_far_larger_than_any_framework_is_refused_saying_so() {
        let err = preview(&vec![b'x'; MAX_FILE_BYTES + 1], SourceFormat::Text).unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert!(err.to_string().contains("far larger than any framework"), "{err}");
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let store = crate::store::testing::store();
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
