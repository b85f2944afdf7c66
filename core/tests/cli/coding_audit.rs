//! `appraise-cli coding-audit ...` as a script would use it: recording
//! results and reading their outcome, listing them, a period's summary as
//! text, JSON and PDF, and a PDF printed before layout 3 still verifying.

use super::common::*;

use std::path::Path;
use std::process::Command;

/// Two coders, 100001 and 100002.
fn department(db: &Path) {
    for (forename, surname) in [("Siân", "Jones"), ("Ann", "Lee")] {
        ok(&cli(
            db,
            &[
                "staff",
                "add",
                "--forename",
                forename,
                "--surname",
                surname,
                "--band",
                "5",
                "--appointed",
                "2020-01-06",
            ],
        ));
    }
}

fn add(db: &Path, staff: &str, date: &str, scores: [&str; 4]) -> serde_json::Value {
    json(&cli(
        db,
        &[
            "coding-audit",
            "add",
            staff,
            "--date",
            date,
            "--episodes",
            "100",
            "--primary-diagnosis",
            scores[0],
            "--secondary-diagnosis",
            scores[1],
            "--primary-procedure",
            scores[2],
            "--secondary-procedure",
            scores[3],
            "--auditor",
            "Dee Auditor",
            "--json",
        ],
    ))
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

#[test]
fn each_result_prints_its_outcome_and_names_the_code_types_below_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    department(&db);
    assert_eq!(
        add(&db, "100001", "2026-05-01", ["92", "85", "91", "78"]),
        serde_json::json!({"outcome": "not_met", "below": ["secondary_procedure"]}),
        "78% secondary procedure is below 80%"
    );
    assert_eq!(
        add(&db, "100001", "2026-06-01", ["96", "91", "95", "90"]),
        serde_json::json!({"outcome": "exceeded", "below": []})
    );
    assert_eq!(
        add(&db, "100002", "2026-06-01", ["92", "85", "91", "82"]),
        serde_json::json!({"outcome": "met", "below": []})
    );

    let listed = json(&cli(&db, &["coding-audit", "list", "100001", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 2, "two results");
    assert_eq!(listed[0]["date"], "2026-05-01", "oldest first");
    assert_eq!(listed[0]["auditor"], "Dee Auditor");
    let text = ok(&cli(&db, &["coding-audit", "list", "100001"]));
    assert!(text.contains("Not met (below the line: secondary procedure)"), "{text}");

    let bad = cli(
        &db,
        &[
            "coding-audit",
            "add",
            "100001",
            "--date",
            "2026-06-01",
            "--episodes",
            "0",
            "--primary-diagnosis",
            "101",
            "--secondary-diagnosis",
            "80",
            "--primary-procedure",
            "90",
            "--secondary-procedure",
            "80",
        ],
    );
    assert_eq!(bad.status.code(), Some(1), "refused");
    let message = stderr(&bad);
    assert!(
        message.contains("Episodes audited") && message.contains("101"),
        "{message}"
    );
}

#[test]
fn the_period_summary_gives_means_lowest_and_trend_as_json_text_and_a_pdf_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    department(&db);
    add(&db, "100001", "2025-10-01", ["90", "80", "90", "80"]);
    add(&db, "100001", "2026-05-01", ["92", "85", "91", "78"]);
    add(&db, "100002", "2026-06-01", ["96", "91", "95", "90"]);

    let s = json(&cli(&db, &["coding-audit", "summary", "--period", "2026/27", "--json"]));
    assert_eq!(s["period"], "2026/27");
    assert_eq!(s["coders_audited"], 2);
    assert_eq!((s["exceeded"].clone(), s["not_met"].clone()), (1.into(), 1.into()));
    let sp = &s["code_types"][3];
    assert_eq!(sp["code_type"], "secondary_procedure");
    assert_eq!((sp["mean"].as_f64(), sp["lowest"].as_f64()), (Some(84.0), Some(78.0)));
    assert_eq!(sp["change"].as_f64(), Some(4.0), "against 2025/26");

    let text = ok(&cli(&db, &["coding-audit", "summary", "--period", "2026/27"]));
    assert!(text.contains("2 coders audited"), "{text}");
    assert!(text.contains("up 4 points on 2025/26"), "{text}");

    let file = dir.path().join("summary.pdf");
    ok(&cli(
        &db,
        &[
            "coding-audit",
            "summary",
            "--period",
            "2026/27",
            "--pdf",
            file.to_str().unwrap(),
            "--generated-at",
            "2027-04-02T09:00",
        ],
    ));
    let check = json(&cli(&db, &["verify", file.to_str().unwrap(), "--json"]));
    assert_eq!(check["genuine"], true, "{check}");
    assert_eq!(check["kind"], "coding-audit-summary");
    if have("pdftotext") {
        let flat = text_of(&file).split_whitespace().collect::<Vec<_>>().join(" ");
        for words in [
            "Coding audit summary",
            "2026/27",
            "Accuracy by code type",
            "Secondary procedure",
            "Jones",
            "Not met",
        ] {
            assert!(flat.contains(words), "{words:?} in {flat}");
        }
    }
    let bad = cli(&db, &["coding-audit", "summary", "--period", "26/27"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("2026/27"), "the message shows the form");
}

#[test]
fn an_appraisal_record_prints_the_cycles_audit_results_and_a_file_printed_before_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&cli(&db, &["demo", "--seed", "7", "--today", "2026-01-20"]));
    let list = json(&cli(&db, &["appraisal", "list", "--json"]));
    let a = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["status"] == "signed" && a["cycle"] == "2025/26")
        .expect("a signed appraisal of 2025/26");
    let (id, staff) = (
        a["id"].as_i64().unwrap().to_string(),
        a["staff_number"].as_str().unwrap(),
    );
    let before = dir.path().join("before.pdf");
    ok(&cli(&db, &["pdf", "appraisal", &id, "--out", before.to_str().unwrap()]));
    // Print times and recording times are kept to the second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    add(&db, staff, "2025-10-01", ["92", "85", "91", "78"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let after = dir.path().join("after.pdf");
    ok(&cli(&db, &["pdf", "appraisal", &id, "--out", after.to_str().unwrap()]));
    for file in [&before, &after] {
        let check = json(&cli(&db, &["verify", file.to_str().unwrap(), "--json"]));
        assert_eq!(check["genuine"], true, "{}: {check}", file.display());
    }
    if have("pdftotext") {
        let flat = |f: &Path| text_of(f).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            !flat(&before).contains("Coding audit results"),
            "no results, no section"
        );
        let with = flat(&after);
        assert!(with.contains("Coding audit results"), "{with}");
        assert!(with.contains("Not met: secondary procedure"), "{with}");
    }
}

#[test]
fn a_record_printed_in_layout_2_before_this_version_still_verifies() {
    // Printed by the previous version (layout 2, no language, no audit
    // section): appraisal 36 of the demonstration, seed 7, on 20/01/2026,
    // generated at 2026-01-15T10:30. Its hash is in the PDF baseline.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layout-2-appraisal-36.pdf");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&cli(&db, &["demo", "--seed", "7", "--today", "2026-01-20"]));
    let check = json(&cli(&db, &["verify", fixture.to_str().unwrap(), "--json"]));
    assert_eq!(check["genuine"], true, "{check}");
    assert_eq!(check["record_id"], "36");

    let mut altered = std::fs::read(&fixture).unwrap();
    let middle = altered.len() / 2;
    altered[middle] ^= 1;
    let file = dir.path().join("altered.pdf");
    std::fs::write(&file, altered).unwrap();
    let out = cli(&db, &["verify", file.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1), "a changed byte fails in the old layout too");
}
