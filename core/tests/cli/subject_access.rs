//! `appraise-cli export person` as a trust answering a subject access
//! request would use it: a demo coder's folder, every PDF in it checked by
//! `verify`, and nobody else in it but by name where they acted.

use super::common::*;

use std::path::Path;

const TODAY: &str = "2026-11-28";
const AT: &str = "2026-11-28T10:30";

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}

#[test]
fn a_coders_export_holds_each_signed_appraisal_as_a_verified_pdf_and_no_one_else_but_who_acted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&cli(&db, &["demo", "--seed", "7", "--today", TODAY]));
    let appraisals = json(&cli(&db, &["appraisal", "list", "--json"]));
    let appraisals = appraisals.as_array().unwrap();
    // The coder with the most signed appraisals.
    let coder = appraisals
        .iter()
        .filter(|a| a["status"] == "signed")
        .map(|a| a["staff_number"].as_str().unwrap().to_owned())
        .max_by_key(|n| appraisals.iter().filter(|a| a["staff_number"] == n.as_str()).count())
        .unwrap();
    let theirs: Vec<&serde_json::Value> = appraisals
        .iter()
        .filter(|a| a["staff_number"] == coder.as_str())
        .collect();
    let signed = theirs.iter().filter(|a| a["status"] == "signed").count();
    assert!(signed >= 2, "the demo coder has several signed appraisals");

    let out = dir.path().join("request");
    let report = json(&cli(
        &db,
        &[
            "export",
            "person",
            &coder,
            "--out",
            out.to_str().unwrap(),
            "--generated-at",
            AT,
            "--json",
        ],
    ));
    assert_eq!(
        report["appraisals"],
        theirs.len(),
        "every appraisal of theirs, no one else's"
    );

    let files = files_under(&out);
    let pdfs: Vec<_> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf") && f.starts_with(out.join("appraisals")))
        .collect();
    assert_eq!(pdfs.len(), theirs.len(), "one printed record per appraisal");
    for pdf in files.iter().filter(|f| f.extension().is_some_and(|e| e == "pdf")) {
        let check = json(&cli(&db, &["verify", pdf.to_str().unwrap(), "--json"]));
        assert_eq!(check["genuine"], true, "{} passes verify: {check}", pdf.display());
    }
    let index = std::fs::read_to_string(out.join("index.txt")).unwrap();
    for file in &files {
        let name = file.strip_prefix(&out).unwrap().to_str().unwrap();
        if name != "index.txt" {
            assert!(index.contains(name), "index.txt names {name}");
        }
    }

    // Who acted: their appraisers, line manager and whoever the audit trail
    // shows changing their records (re-opening an appraisal, say) may be
    // named; nobody else.
    let staff = json(&cli(&db, &["staff", "list", "--json"]));
    let me = staff
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["staff_number"] == coder.as_str())
        .unwrap();
    let mut acted: Vec<String> = theirs
        .iter()
        .map(|a| a["appraiser_staff_number"].as_str().unwrap().to_owned())
        .collect();
    acted.extend(me["manager"].as_str().map(str::to_owned));
    acted.push(coder.clone());
    let trail: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("audit-trail.json")).unwrap()).unwrap();
    acted.extend(
        trail
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["actor"].as_str().unwrap().to_owned()),
    );
    let text: String = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e != "pdf"))
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    for person in staff.as_array().unwrap() {
        let number = person["staff_number"].as_str().unwrap();
        if acted.iter().any(|a| a == number) {
            continue;
        }
        let name = format!(
            "{} {}",
            person["forename"].as_str().unwrap(),
            person["surname"].as_str().unwrap()
        );
        assert!(
            !text.contains(&name),
            "{name} ({number}) took no part in {coder}'s records, so is not in the export"
        );
        assert!(
            !text.contains(&format!("\"{number}\"")),
            "{number} took no part in {coder}'s records, so is not in the export"
        );
    }
}

#[test]
fn an_export_into_a_folder_that_holds_files_is_refused_and_leaves_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&cli(&db, &["demo", "--seed", "7", "--today", TODAY]));
    let out = dir.path().join("busy");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let refused = cli(&db, &["export", "person", "100011", "--out", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "refused: {}", stderr(&refused));
    assert!(
        stderr(&refused).contains("already holds files"),
        "says why: {}",
        stderr(&refused)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt")).unwrap(),
        "mine",
        "nothing of theirs touched"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1, "nothing added");
}
