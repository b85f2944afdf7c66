//! `appraise-cli training ...`, `cpd ...` and `pay status/review` as a
//! script would use them: an ESR/OLM export imported whole or not at all,
//! compliance, and the pay standard it decides.

use super::common::*;

use std::path::Path;

const SUBJECTS: [&str; 11] = [
    "Conflict Resolution",
    "Equality, Diversity and Human Rights",
    "Fire Safety",
    "Health, Safety and Welfare",
    "Infection Prevention and Control",
    "Information Governance and Data Security",
    "Moving and Handling",
    "Preventing Radicalisation",
    "Resuscitation",
    "Safeguarding Adults",
    "Safeguarding Children",
];

/// A band 5 coder, staff number 100001, who entered the band on
/// 01/04/2024.
fn with_coder(db: &Path) {
    ok(&cli(
        db,
        &[
            "staff",
            "add",
            "--forename",
            "Siân",
            "--surname",
            "Jones",
            "--band",
            "5",
            "--job-title",
            "Clinical Coder",
            "--appointed",
            "2020-01-06",
            "--band-entered",
            "2024-04-01",
        ],
    ));
}

/// An ESR/OLM export with every subject in date except Fire Safety, which
/// expired on 01/05/2025.
fn export(dir: &Path) -> std::path::PathBuf {
    let mut csv = String::from("Assignment Number,Employee Name,Competence Name,Achievement Date,Expiry Date\n");
    for s in SUBJECTS {
        let (done, expires) = if s == "Fire Safety" {
            ("01/05/2023", "01/05/2025")
        } else {
            ("01/06/2025", "01/06/2027")
        };
        csv.push_str(&format!(
            "100001-1,\"Jones, Siân\",\"NHS|CSTF|{s} - 2 Years|\",{done},{expires}\n"
        ));
    }
    let path = dir.join("olm.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn one_expired_mandatory_competence_means_the_pay_standard_is_not_met_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    with_coder(&db);
    let file = export(dir.path());
    let report = json(&cli(&db, &["training", "import", file.to_str().unwrap(), "--json"]));
    assert_eq!(report["stored"], 11, "{report}");

    let status = json(&cli(
        &db,
        &["pay", "status", "100001", "--today", "2026-01-15", "--json"],
    ));
    assert_eq!(status["next_step"], "2026-04-01", "band 5 entered 01/04/2024: {status}");
    assert_eq!(status["review_due"], "2026-02-04", "8 weeks before");
    let training = status["standards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Statutory and mandatory training complete")
        .expect("the training standard is listed");
    assert_eq!(training["met"], false, "{training}");
    assert!(
        training["reason"].as_str().unwrap().contains("Fire Safety"),
        "names it: {training}"
    );
    let capability = status["standards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "No formal capability process")
        .unwrap();
    assert_eq!(capability["met"], serde_json::Value::Null, "confirmed by hand");

    let compliance = json(&cli(
        &db,
        &["training", "status", "100001", "--today", "2026-01-15", "--json"],
    ));
    assert_eq!(
        compliance["expired"],
        serde_json::json!(["Fire Safety"]),
        "{compliance}"
    );
    assert_eq!(compliance["compliant"], false);
}

#[test]
fn a_bad_export_names_every_wrong_line_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    with_coder(&db);
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "Employee Number,Competence Name,Achievement Date,Expiry Date\n\
         100001,Fire Safety,01/05/2025,01/05/2027\n\
         999999,Fire Safety,01/05/2025,01/05/2027\n\
         100001,Fire Safety,32/05/2025,\n",
    )
    .unwrap();
    let out = cli(&db, &["training", "import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "refused: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("Line 3") && err.contains("999999"), "{err}");
    assert!(err.contains("Line 4"), "{err}");
    let compliance = json(&cli(&db, &["training", "status", "100001", "--json"]));
    assert_eq!(compliance["has_records"], false, "nothing stored: {compliance}");
}

#[test]
fn a_competence_added_by_hand_counts_and_a_review_defers_the_step_naming_the_standard() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    with_coder(&db);
    ok(&cli(
        &db,
        &[
            "training",
            "add",
            "100001",
            "--name",
            "Fire Safety",
            "--completed",
            "2025-01-10",
            "--expires",
            "2027-01-10",
        ],
    ));
    let c = json(&cli(
        &db,
        &["training", "status", "100001", "--today", "2026-01-15", "--json"],
    ));
    assert!(
        !c["missing"].as_array().unwrap().iter().any(|m| m == "Fire Safety"),
        "fire safety counts: {c}"
    );
    ok(&cli(
        &db,
        &[
            "pay",
            "review",
            "100001",
            "--step",
            "2026-04-01",
            "--outcome",
            "deferred",
            "--unmet",
            "mandatory_training",
            "--review-date",
            "2099-06-01",
        ],
    ));
    let status = json(&cli(
        &db,
        &["pay", "status", "100001", "--today", "2026-01-15", "--json"],
    ));
    assert_eq!(status["reviews"][0]["outcome"], "deferred", "{status}");
    assert_eq!(status["reviews"][0]["unmet_standard"], "mandatory_training");
}

#[test]
fn a_cpd_entry_is_logged_and_listed_and_overdue_refreshers_are_listed_for_every_coder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    with_coder(&db);
    ok(&cli(
        &db,
        &[
            "cpd",
            "add",
            "100001",
            "--date",
            "2025-10-03",
            "--activity",
            "Coding clinic: sepsis",
            "--hours",
            "1.5",
            "--reflection",
            "Sequencing of sepsis codes.",
        ],
    ));
    let log = json(&cli(&db, &["cpd", "list", "100001", "--json"]));
    assert_eq!(log[0]["activity"], "Coding clinic: sepsis", "{log}");
    assert_eq!(log[0]["hours"], 1.5);
    let list = json(&cli(&db, &["training", "refreshers", "--overdue", "--json"]));
    assert_eq!(
        list[0]["staff_number"], "100001",
        "a coder with no course recorded: {list}"
    );
    assert_eq!(list[0]["overdue"], true);
}
