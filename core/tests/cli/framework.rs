//! `appraise-cli framework ...` as a script would use it: real process, real
//! files, exit codes.

use super::common::*;

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The department's file, from the copy built into Appraise.
fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/skills-framework.txt")
}

fn warnings_of(report: &Value, kind: &str) -> Vec<u64> {
    report["warnings"]
        .as_array()
        .expect("warnings is an array")
        .iter()
        .filter(|w| w["kind"] == kind)
        .map(|w| w["line"].as_u64().unwrap())
        .collect()
}

fn import_json(db: &Path, file: &Path) -> Value {
    json(&cli(db, &["framework", "import", file.to_str().unwrap(), "--json"]))
}

#[test]
fn the_seed_imports_as_5_skills_and_99_statements_with_its_faults_warned_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let report = import_json(&db, &seed());
    assert_eq!(report["skills"], 5);
    assert_eq!(report["statements"], 99);
    assert_eq!(report["competencies"], 37);
    assert!(report["framework_id"].as_i64().is_some(), "{report}");
    assert_eq!(
        warnings_of(&report, "no_heading"),
        [1],
        "the orphan statement at line 1"
    );
    assert_eq!(warnings_of(&report, "section_title"), [2]);
    assert_eq!(
        warnings_of(&report, "duplicate_heading"),
        [49, 53],
        "Coding accuracy and Clinical coding audit (Level Four) each appear twice"
    );
    assert_eq!(warnings_of(&report, "similar_name"), [73], "infomation/information");
    let similar = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "similar_name")
        .unwrap();
    assert!(
        similar["message"].as_str().unwrap().contains("Clinical infomation"),
        "{similar}"
    );
    assert!(
        !warnings_of(&report, "same_text").is_empty(),
        "repeated descriptors are warned"
    );
}

#[test]
fn a_crlf_copy_with_a_byte_order_mark_gives_identical_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let text = std::fs::read_to_string(seed()).unwrap();
    let copy = dir.path().join("windows.txt");
    std::fs::write(&copy, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    let original = import_json(&db, &seed());
    let windows = import_json(&db, &copy);
    for key in ["skills", "competencies", "statements"] {
        assert_eq!(windows[key], original[key], "{key}");
    }
    let lines = |r: &Value| {
        r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| (w["line"].clone(), w["kind"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(&windows), lines(&original), "the same warnings at the same lines");
}

/// Imports `contents` into a database that already exists, expecting a
/// refusal: exit 1, the message on stderr, the database untouched.
fn refused(contents: &[u8], file_name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let made = cli(&db, &["framework", "list"]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let before = snapshot(&db);
    let file = dir.path().join(file_name);
    std::fs::write(&file, contents).unwrap();
    let out = cli(&db, &["framework", "import", file.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1), "refused: {}", stderr(&out));
    assert!(out.stdout.is_empty(), "no report printed");
    assert!(snapshot(&db) == before, "database untouched (the file byte-identical)");
    let list = json(&cli(&db, &["framework", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1, "only the built-in framework");
    stderr(&out)
}

#[test]
fn a_level_outside_1_to_7_is_refused_with_its_line_and_nothing_written() {
    let msg = refused(
        b"Coding accuracy (Level 3) (ANCC)\nRefers to ICD10.\n\nEscalation (Level Eight) (ANCC)\nRaises issues.\n",
        "bad.txt",
    );
    assert!(msg.contains("Line 4") && msg.contains("outside 1–7"), "{msg}");
    assert!(msg.contains("nothing was written"), "{msg}");
}

#[test]
fn a_heading_with_no_descriptor_is_refused_with_its_line() {
    let msg = refused(
        b"Coding accuracy (Level 3) (ANCC)\nRefers to ICD10.\nEscalation (Level 3) (ANCC)\n",
        "bad.txt",
    );
    assert!(msg.contains("Line 3") && msg.contains("no descriptor"), "{msg}");
}

#[test]
fn a_file_that_is_not_utf8_is_refused_saying_so() {
    let msg = refused(
        b"Strategy (Level 5) (ANCC)\nThe organisation\x92s strategy.\n",
        "latin1.txt",
    );
    assert!(msg.contains("not UTF-8") && msg.contains("line 2"), "{msg}");
}

#[test]
fn a_file_with_no_entries_is_refused() {
    let msg = refused(b"SFIA Skills: Delivery and operation\n", "empty.txt");
    assert!(msg.contains("no framework entries"), "{msg}");
}

#[test]
fn a_bad_csv_row_is_refused_with_its_row_number() {
    let msg = refused(
        b"code,skill,competency,level,statement\r\nANCC,,Coding accuracy,3,Refers to ICD10.\r\nANCC,,Escalation,9,Raises.\r\n",
        "bad.csv",
    );
    assert!(msg.contains("Row 3") && msg.contains("outside 1–7"), "{msg}");
}

#[test]
fn an_export_imports_back_as_csv_with_the_same_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let report = import_json(&db, &seed());
    let id = report["framework_id"].to_string();
    let export = cli(&db, &["framework", "export", &id, "--csv"]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let text = String::from_utf8(export.stdout).expect("UTF-8");
    assert!(
        text.starts_with("\u{feff}code,skill,competency,level,statement\r\n"),
        "{text:.80}"
    );
    assert_eq!(text.lines().count(), 100, "a header and 99 rows");
    let csv = dir.path().join("framework.csv");
    std::fs::write(&csv, &text).unwrap();
    let again = import_json(&db, &csv);
    for key in ["skills", "competencies", "statements"] {
        assert_eq!(again[key], report[key], "{key}");
    }
    let list = json(&cli(&db, &["framework", "list", "--json"]));
    let names: Vec<(&str, u64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["version"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("Clinical coding skills (SFIA 9)", 1),
            ("skills-framework", 1),
            ("framework", 1)
        ],
        "the built-in first, then each import under its file's name"
    );
}

#[test]
fn importing_under_the_same_name_adds_a_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let seed = seed();
    let args = |name| ["framework", "import", seed.to_str().unwrap(), "--name", name, "--json"];
    json(&cli(&db, &args("Department")));
    let second = json(&cli(&db, &args("Department")));
    let list = json(&cli(&db, &["framework", "list", "--json"]));
    let stored = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == second["framework_id"])
        .unwrap();
    assert_eq!(stored["name"], "Department");
    assert_eq!(stored["version"], 2);
}

#[test]
fn the_built_in_framework_is_there_from_the_first_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let list = json(&cli(&db, &["framework", "list", "--json"]));
    let builtin = &list[0];
    assert_eq!(builtin["builtin"], true);
    assert_eq!(builtin["statements"], 100, "the 99 and the restored Strategy Level 6");
    assert_eq!(builtin["competencies"], 36, "Clinical infomation merged");
    assert_eq!(builtin["corrections"], 3);
    let export = cli(&db, &["framework", "export", "1", "--csv"]);
    let text = String::from_utf8(export.stdout).unwrap();
    assert!(
        text.contains("ANCC,Analytical classification and coding,Strategy,6,Develops and implements"),
        "line 1 restored"
    );
    assert!(!text.contains("infomation"), "misspelling merged");
}

#[test]
fn the_band_5_profile_expects_the_ancc_competencies_at_level_4() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let grid = json(&cli(&db, &["framework", "roles", "--json"]));
    let roles = grid["roles"].as_array().unwrap();
    let b5 = roles.iter().position(|r| r["band"] == "5").expect("a Band 5 role");
    assert_eq!(roles[b5]["title"], "Clinical Coding Specialist");
    let ancc: Vec<&Value> = grid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["skill_code"] == "ANCC")
        .collect();
    let at_four: Vec<&Value> = ancc
        .iter()
        .filter(|r| r["levels"].as_array().unwrap().contains(&Value::from(4)))
        .copied()
        .collect();
    assert!(at_four.len() >= 10, "most ANCC competencies are defined at level 4");
    for row in at_four {
        assert_eq!(row["expected"][b5], 4, "{}", row["competency"]);
    }
}

#[test]
fn a_dry_run_reports_but_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = cli(
        &db,
        &["framework", "import", seed().to_str().unwrap(), "--dry-run", "--json"],
    );
    let preview = json(&out);
    assert_eq!(preview["statements"], 99);
    assert_eq!(preview["source_sha256"].as_str().unwrap().len(), 64);
    assert!(!db.exists(), "the database was not even created");
}

#[test]
fn export_needs_a_format_and_a_real_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert_eq!(
        cli(&db, &["framework", "export", "1"]).status.code(),
        Some(2),
        "no format is usage"
    );
    let out = cli(&db, &["framework", "export", "99", "--csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("99"), "{}", stderr(&out));
}

#[test]
fn the_text_list_names_the_built_in_framework() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = cli(&db, &["framework", "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Clinical coding skills (SFIA 9) (built in)"), "{text}");
}

#[test]
fn a_file_with_thousands_of_warnings_lists_the_first_thousand_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    // 1,500 section titles (a warning each) above one real entry.
    let mut text: String = (1..=1_500).map(|n| format!("Section {n}\n")).collect();
    text.push_str("Coding accuracy (Level 3) (ANCC)\nChecks the codes.\n");
    let file = dir.path().join("titles.txt");
    std::fs::write(&file, text).unwrap();
    let out = cli(&db, &["framework", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "imported: {}", stderr(&out));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("1500 warnings:"), "the total: {shown:.300}");
    assert!(shown.contains("… and 500 more warnings."), "the rest counted");
    assert_eq!(
        shown.lines().filter(|l| l.starts_with("  line ")).count(),
        1_000,
        "a thousand listed"
    );
    let report = import_json(&db, &file);
    assert_eq!(report["warnings"].as_array().unwrap().len(), 1_000);
    assert_eq!(
        report["warnings_not_listed"], 500,
        "{:.200}",
        report["warnings_not_listed"]
    );
}
