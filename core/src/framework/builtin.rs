//! The framework Appraise ships: the department's file, byte for byte, with
//! a corrections file (data, documented in its own comments) that restores
//! a lost heading and merges a misspelt competency. Both are compiled in;
//! nothing is read from disk at run time.
//!
//! [`ensure_builtin`] adds it, and the default role profiles, to a database
//! that lacks them. The app and the CLI call it after opening a database;
//! it is not part of a migration, because migrations hold schema, and the
//! built-in framework is data that a later Appraise may ship a new version of.

use crate::store::db::Connection;
use chrono::NaiveDateTime;
use serde::Serialize;
use ts_rs::TS;

use super::import::store;
use super::parse::{parse, Parsed};
use super::roles;
use super::source::{file_error, sha256_hex, tidy};
use super::words::{Entry, SourceFormat};
use crate::store::framework as db;
use crate::Result;

/// The department's framework file, exactly as given.
pub const BUILTIN_SOURCE: &[u8] = include_bytes!("../../data/skills-framework.txt");

/// The corrections applied to [`BUILTIN_SOURCE`]; the file explains its format.
pub const BUILTIN_CORRECTIONS: &str = include_str!("../../data/framework-corrections.txt");

pub const BUILTIN_NAME: &str = "Clinical coding skills (SFIA 9)";

const BUILTIN_FILE_NAME: &str = "skills-framework.txt";

/// What [`ensure_builtin`] found or did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BuiltinStatus {
    /// The stored built-in framework matching this Appraise.
    pub framework_id: i64,
    /// It was added just now.
    pub added_framework: bool,
    /// The default role profiles were added just now (there were none).
    pub added_roles: bool,
}

/// The built-in framework, parsed and corrected.
pub fn builtin() -> Result<Parsed> {
    let parsed = parse(BUILTIN_SOURCE, SourceFormat::Text)?;
    apply_corrections(parsed, BUILTIN_CORRECTIONS)
}

/// Adds the built-in framework when this database has no copy of this
/// Appraise's version of it (same source and corrections), and the default
/// role profiles when it has no role profiles at all, so an administrator's
/// edits are never overwritten. Call it after opening a database; it does
/// nothing the second time.
pub fn ensure_builtin(conn: &mut Connection, now: NaiveDateTime) -> Result<BuiltinStatus> {
    let source_sha = sha256_hex(BUILTIN_SOURCE);
    let corrections_sha = sha256_hex(BUILTIN_CORRECTIONS.as_bytes());
    let existing = db::builtin_id(conn, &source_sha, &corrections_sha)?;
    let (framework_id, added_framework) = match existing {
        Some(id) => (id, false),
        None => {
            let parsed = builtin()?;
            let stored = db::NewFramework {
                name: BUILTIN_NAME,
                source_name: BUILTIN_FILE_NAME,
                imported_at: now,
                builtin: true,
                corrections_sha256: Some(&corrections_sha),
            };
            (store(conn, &stored, &parsed)?, true)
        }
    };
    let added_roles = roles::ensure_defaults(conn, framework_id)?;
    Ok(BuiltinStatus {
        framework_id,
        added_framework,
        added_roles,
    })
}

/// One line of a corrections file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Correction {
    /// Text at `line` with no heading gets `heading`.
    Heading { line: u32, heading: String },
    /// In skill `code`, competency `wrong` is `right`.
    Merge { code: String, wrong: String, right: String },
}

fn read_corrections(text: &str) -> Result<Vec<Correction>> {
    let mut corrections = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed = if let Some(rest) = line.strip_prefix("heading ") {
            rest.split_once('=').and_then(|(at, heading)| {
                Some(Correction::Heading {
                    line: at.trim().parse().ok()?,
                    heading: heading.trim().to_owned(),
                })
            })
        } else if let Some(rest) = line.strip_prefix("merge ") {
            rest.split_once(':').and_then(|(code, names)| {
                let (wrong, right) = names.split_once("=>")?;
                Some(Correction::Merge {
                    code: code.trim().to_owned(),
                    wrong: tidy(wrong),
                    right: tidy(right),
                })
            })
        } else {
            None
        };
        match parsed {
            Some(c) => corrections.push(c),
            None => errors.push(format!(
                "Corrections line {n}: “{line}” is not “heading LINE = HEADING” or “merge CODE: WRONG => RIGHT”."
            )),
        }
    }
    if !errors.is_empty() {
        return Err(file_error(errors));
    }
    Ok(corrections)
}

/// Applies every correction, or none: one that does not fit the file is an
/// error. Each changed entry carries a note saying what it was corrected from.
fn apply_corrections(mut parsed: Parsed, corrections: &str) -> Result<Parsed> {
    let mut errors = Vec::new();
    for correction in read_corrections(corrections)? {
        match correction {
            Correction::Heading { line, heading } => {
                let Some(at) = parsed.orphans.iter().position(|o| o.line == line) else {
                    errors.push(format!(
                        "Corrections: line {line} of the framework is not text without a heading."
                    ));
                    continue;
                };
                let orphan = parsed.orphans.remove(at);
                // Read the heading as the file's own heading would be.
                let restored = parse(format!("{heading}\n{}\n", orphan.text).as_bytes(), SourceFormat::Text);
                let Ok(Some(mut entry)) = restored.map(|p| p.entries.into_iter().next()) else {
                    errors.push(format!("Corrections: “{heading}” is not a heading."));
                    continue;
                };
                entry.line = line;
                entry.text_line = line;
                entry.correction = Some(format!(
                    "Corrected from text with no heading (line {line} of the source): its heading is restored as “{heading}”."
                ));
                let before = parsed
                    .entries
                    .iter()
                    .position(|e| e.line > line)
                    .unwrap_or(parsed.entries.len());
                parsed.entries.insert(before, entry);
                parsed.warnings.retain(|w| w.line != line);
            }
            Correction::Merge { code, wrong, right } => {
                let is = |e: &Entry, name: &str| e.code == code && e.competency == name;
                if !parsed.entries.iter().any(|e| is(e, &right)) {
                    errors.push(format!(
                        "Corrections: {code} has no competency “{right}” to merge into."
                    ));
                    continue;
                }
                let mut merged = 0;
                for e in parsed.entries.iter_mut().filter(|e| is(e, &wrong)) {
                    e.competency = right.clone();
                    e.correction = Some(format!(
                        "Corrected from “{wrong}” (line {} of the source), a misspelling of “{right}”.",
                        e.line
                    ));
                    merged += 1;
                }
                if merged == 0 {
                    errors.push(format!("Corrections: {code} has no competency “{wrong}” to merge."));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(file_error(errors));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::super::stored::{get, tree};
    use super::super::words::WarningKind;
    use super::*;

    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn the_built_in_copy_is_the_department_file_byte_for_byte() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds/skills-framework.txt");
        // The shared folder sits beside the repository on developers'
        // machines and CI, but the app never reads it.
        if let Ok(original) = std::fs::read(&shared) {
            assert_eq!(
                BUILTIN_SOURCE,
                original.as_slice(),
                "core/data copy differs from {}",
                shared.display()
            );
        }
        assert_eq!(
            sha256_hex(BUILTIN_SOURCE),
            "123d2b5db18a50bbdf1f3ebd825aae6e71c539f4887ddb8343fd83f51e95514c"
        );
    }

    #[test]
    fn the_corrections_restore_strategy_level_six_and_merge_the_misspelling() {
        let parsed = builtin().expect("every correction fits the built-in file");
        let counts = parsed.counts();
        assert_eq!(counts.statements, 100, "99 headed statements and the restored line 1");
        assert_eq!(
            counts.competencies, 36,
            "Clinical infomation is merged into Clinical information"
        );
        assert_eq!(counts.skills, 5);
        let first = &parsed.entries[0];
        assert_eq!(
            (first.competency.as_str(), first.level, first.code.as_str()),
            ("Strategy", 6, "ANCC")
        );
        assert!(first.text.starts_with("Develops and implements"), "{}", first.text);
        assert!(first.correction.as_deref().unwrap().starts_with("Corrected from"));
        let merged: Vec<u32> = parsed
            .entries
            .iter()
            .filter(|e| e.correction.as_deref().is_some_and(|c| c.contains("infomation")))
            .map(|e| e.line)
            .collect();
        assert_eq!(merged, [51, 91], "both misspelt headings corrected");
        assert!(parsed.entries.iter().all(|e| e.competency != "Clinical infomation"));
        assert!(
            !parsed
                .warnings
                .iter()
                .any(|w| w.line == 1 && w.kind == WarningKind::NoHeading),
            "the orphan warning is resolved"
        );
    }

    #[test]
    fn ensure_builtin_adds_the_framework_and_roles_once() {
        let mut store = crate::store::testing::store();
        let first = ensure_builtin(store.conn_mut(), now()).unwrap();
        assert!(first.added_framework && first.added_roles);
        let again = ensure_builtin(store.conn_mut(), now()).unwrap();
        assert_eq!(again.framework_id, first.framework_id, "the same framework");
        assert!(
            !again.added_framework && !again.added_roles,
            "nothing added the second time"
        );
        let summary = get(store.conn(), first.framework_id).unwrap();
        assert!(summary.builtin);
        assert_eq!(summary.name, BUILTIN_NAME);
        assert_eq!((summary.skills, summary.competencies, summary.statements), (5, 36, 100));
        assert_eq!(summary.corrections, 3, "line 1 and the two misspelt headings");
        assert_eq!(summary.imported_at, now());
    }

    #[test]
    fn the_browser_shows_each_correction() {
        let mut store = crate::store::testing::store();
        let id = ensure_builtin(store.conn_mut(), now()).unwrap().framework_id;
        let t = tree(store.conn(), id).unwrap();
        let ancc = &t.skills[0];
        assert_eq!(ancc.code, "ANCC");
        let info = ancc
            .competencies
            .iter()
            .find(|c| c.name == "Clinical information")
            .unwrap();
        let levels: Vec<u8> = info.levels.iter().map(|l| l.level).collect();
        assert_eq!(levels, [2, 3, 4], "one competency with all three levels");
        let notes: Vec<&str> = info
            .levels
            .iter()
            .flat_map(|l| &l.statements)
            .filter_map(|s| s.correction.as_deref())
            .collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(
            notes
                .iter()
                .all(|n| n.starts_with("Corrected from “Clinical infomation”")),
            "{notes:?}"
        );
        let strategy = ancc.competencies.iter().find(|c| c.name == "Strategy").unwrap();
        let six = strategy.levels.iter().find(|l| l.level == 6).unwrap();
        assert_eq!(six.statements[0].source_line, Some(1));
        assert!(six.statements[0]
            .correction
            .as_deref()
            .unwrap()
            .contains("Strategy (Level Six) (ANCC)"));
    }

    #[test]
    fn a_correction_that_does_not_fit_is_refused() {
        let parsed = parse(BUILTIN_SOURCE, SourceFormat::Text).unwrap();
        for bad in [
            "heading 3 = Strategy (Level Six) (ANCC)",
            "heading 1 = Strategy (Level Nine) (ANCC)",
            "merge ANCC: Nonsense => Clinical information",
            "merge ANCC: Clinical infomation => Nonsense",
            "rename everything",
        ] {
            assert!(apply_corrections(parsed.clone(), bad).is_err(), "{bad} refused");
        }
    }
}
