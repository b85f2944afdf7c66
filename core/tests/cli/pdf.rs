//! `appraise-cli pdf ...` and `appraise-cli verify` as a script would use
//! them: the demonstration department, real files, pdftotext where it is
//! installed, exit codes.

use super::common::*;

use std::path::Path;
use std::process::Command;

const TODAY: &str = "2026-01-15";
const AT: &str = "2026-01-15T10:30";

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

fn demo(db: &Path) -> Vec<serde_json::Value> {
    ok(&cli(db, &["demo", "--seed", "7", "--today", TODAY]));
    let text = ok(&cli(db, &["appraisal", "list", "--json"]));
    serde_json::from_str::<serde_json::Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// A signed annual appraisal of the current cycle whose appraisee has a
/// name beyond ASCII.
fn signed_with_accent(list: &[serde_json::Value]) -> &serde_json::Value {
    list.iter()
        .find(|a| {
            a["status"] == "signed"
                && a["kind"] == "annual"
                && a["cycle"] == "2025/26"
                && !a["name"].as_str().unwrap().is_ascii()
        })
        .expect("the demo has a signed annual appraisal of someone with an accented name")
}

fn verify(db: &Path, file: &Path) -> (i32, serde_json::Value) {
    let out = cli(db, &["verify", file.to_str().unwrap(), "--json"]);
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "verify --json prints JSON: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), value)
}

#[test]
fn a_printed_demo_record_holds_every_section_and_verifies_and_a_changed_byte_fails() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let list = demo(&db);
    let a = signed_with_accent(&list);
    let id = a["id"].as_i64().unwrap().to_string();
    let file = dir.path().join("record.pdf");
    ok(&cli(
        &db,
        &[
            "pdf",
            "appraisal",
            &id,
            "--out",
            file.to_str().unwrap(),
            "--generated-at",
            AT,
        ],
    ));

    // The same record and time give the same bytes.
    let again = dir.path().join("again.pdf");
    ok(&cli(
        &db,
        &[
            "pdf",
            "appraisal",
            &id,
            "--out",
            again.to_str().unwrap(),
            "--generated-at",
            AT,
        ],
    ));
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(bytes, std::fs::read(&again).unwrap(), "deterministic");

    let shown: serde_json::Value = serde_json::from_str(&ok(&cli(&db, &["appraisal", "show", &id, "--json"]))).unwrap();
    if have("pdftotext") {
        let text = text_of(&file);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for heading in [
            "Annual appraisal record",
            "OFFICIAL-SENSITIVE: PERSONAL",
            "Cycle 2025/26",
            "Last year's objectives and outcomes",
            "Skills",
            "New objectives",
            "Personal development plan",
            "Wellbeing",
            "Pay progression",
            "Comments",
            "Signatures",
            "Page 1 of",
        ] {
            assert!(flat.contains(heading), "{heading:?} in the text:\n{text}");
        }
        for skill in shown["skills"].as_array().unwrap() {
            let code = skill["skill_code"].as_str().unwrap();
            assert!(flat.contains(code), "skill code {code} printed");
        }
        let hash = text
            .lines()
            .find_map(|l| l.strip_prefix("SHA-256 "))
            .expect("the footer carries the hash")
            .trim()
            .to_owned();
        assert_eq!(hash.len(), 64, "{hash}");
        for name in [&shown["appraisee"]["name"], &shown["appraiser"]["name"]] {
            let name = name.as_str().unwrap();
            assert!(
                flat.contains(&format!("Electronically signed by {name}")),
                "signature of {name} printed intact:\n{text}"
            );
        }
        let accented = a["name"].as_str().unwrap();
        assert!(flat.contains(accented), "{accented} intact");
    }

    let (code, check) = verify(&db, &file);
    assert_eq!(code, 0, "{check}");
    assert_eq!(check["genuine"], true);
    assert_eq!(check["record_id"], id.as_str());

    let mut altered = bytes.clone();
    let middle = altered.len() / 2;
    altered[middle] ^= 0x01;
    let bad = dir.path().join("altered.pdf");
    std::fs::write(&bad, &altered).unwrap();
    let (code, check) = verify(&db, &bad);
    assert_eq!(code, 1, "{check}");
    assert_eq!(check["genuine"], false);
    assert_eq!(check["file_intact"], false);
    assert_eq!(check["record_unchanged"], true);
    assert!(check["message"].as_str().unwrap().contains("altered"), "{check}");

    // Without --json: a word and the message, and the same exit codes.
    let out = cli(&db, &["verify", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("NOT GENUINE"));
    let out = cli(&db, &["verify", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("GENUINE"));

    // A signed record changed behind Appraise's back (the lock's trigger
    // dropped, which only a file allows: the server refuses it to every
    // login, tests/server.rs): the untouched file no longer matches it.
    if on_server() {
        return;
    }
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("DROP TRIGGER appraisal_signed_no_update;").unwrap();
        conn.execute(
            "UPDATE appraisal SET appraiser_comments = 'Changed afterwards.' WHERE id = ?1",
            [a["id"].as_i64().unwrap()],
        )
        .unwrap();
    }
    let (code, check) = verify(&db, &file);
    assert_eq!(code, 1, "{check}");
    assert_eq!(check["record_unchanged"], false);
    assert!(check["message"].as_str().unwrap().contains("changed"), "{check}");
}

#[test]
fn an_in_progress_appraisal_changed_after_printing_fails_as_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let list = demo(&db);
    let open = list
        .iter()
        .find(|a| a["status"] == "in_progress")
        .expect("one in progress");
    let id = open["id"].as_i64().unwrap();
    let file = dir.path().join("draft.pdf");
    ok(&cli(
        &db,
        &["pdf", "appraisal", &id.to_string(), "--out", file.to_str().unwrap()],
    ));
    if have("pdftotext") {
        let text = text_of(&file);
        assert!(text.contains("Signature"), "blank lines for a wet signature:\n{text}");
        assert!(!text.contains("Electronically signed"), "{text}");
    }
    assert_eq!(verify(&db, &file).0, 0);
    {
        let store = open_store(&db);
        let conn = store.conn();
        conn.execute(
            "UPDATE appraisal SET appraisee_comments = 'Added after printing.' WHERE id = ?1",
            [id],
        )
        .unwrap();
    }
    let (code, check) = verify(&db, &file);
    assert_eq!(code, 1, "{check}");
    assert_eq!(check["genuine"], false);
    assert_eq!(check["record_unchanged"], false);
    assert!(check["message"].as_str().unwrap().contains("changed since"), "{check}");
}

#[test]
fn a_cycle_prints_one_file_per_signed_record_with_progress_and_pdp_and_nccq_reports_verify() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let list = demo(&db);
    let signed: Vec<_> = list
        .iter()
        .filter(|a| a["cycle"] == "2025/26" && a["status"] == "signed")
        .collect();
    assert!(!signed.is_empty());
    let out_dir = dir.path().join("2025-26");
    let out = cli(
        &db,
        &[
            "pdf",
            "cycle",
            "2025/26",
            "--out",
            out_dir.to_str().unwrap(),
            "--generated-at",
            AT,
        ],
    );
    ok(&out);
    let progress = String::from_utf8_lossy(&out.stderr);
    assert!(
        progress.contains(&format!("1/{} ", signed.len())),
        "progress on stderr: {progress}"
    );
    let mut files: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files.len(), signed.len(), "{files:?}");
    for a in &signed {
        let number = a["staff_number"].as_str().unwrap();
        assert!(
            files
                .iter()
                .any(|f| f.starts_with("2025-26 ") && f.contains(number) && f.ends_with(".pdf")),
            "a file for {number}: {files:?}"
        );
    }
    assert!(
        files.iter().any(|f| !f.is_ascii()),
        "accents are kept in file names: {files:?}"
    );
    for f in &files {
        assert_eq!(verify(&db, &out_dir.join(f)).0, 0, "{f} verifies");
    }

    // PDP summary and NCCQ report of a trainee.
    let trainee = list
        .iter()
        .find(|a| a["kind"] == "objective_setting" && a["cycle"] == "2025/26")
        .map(|a| a["staff_number"].as_str().unwrap().to_owned())
        .expect("a new starter");
    let pdp = dir.path().join("pdp.pdf");
    let nccq = dir.path().join("nccq.pdf");
    ok(&cli(&db, &["pdf", "pdp", &trainee, "--out", pdp.to_str().unwrap()]));
    ok(&cli(
        &db,
        &[
            "pdf",
            "nccq",
            &trainee,
            "--out",
            nccq.to_str().unwrap(),
            "--generated-at",
            AT,
        ],
    ));
    if have("pdftotext") {
        let text = text_of(&nccq);
        for s in [
            "NCCQ progress report",
            "Status",
            "Deadlines",
            "Courses",
            "Exam attempts",
            "Page 1 of",
        ] {
            assert!(text.contains(s), "{s:?} in:\n{text}");
        }
        assert!(text_of(&pdp).contains("Personal development plan summary"));
    }
    let (code, check) = verify(&db, &nccq);
    assert_eq!(code, 0, "{check}");
    assert_eq!(check["kind"], "nccq-progress");
    assert_eq!(verify(&db, &pdp).0, 0);

    // A new exam result changes the NCCQ record the report was printed from.
    ok(&cli(
        &db,
        &[
            "nccq",
            "exam",
            "add",
            &trainee,
            "--sitting",
            "2025-09-01",
            "--paper",
            "practical",
            "--score",
            "81",
        ],
    ));
    let (code, check) = verify(&db, &nccq);
    assert_eq!(code, 1, "{check}");
    assert_eq!(check["record_unchanged"], false);

    // Not an Appraise PDF at all.
    let other = dir.path().join("other.pdf");
    std::fs::write(&other, b"%PDF-1.4\n%%EOF\n").unwrap();
    let (code, check) = verify(&db, &other);
    assert_eq!(code, 1);
    assert!(check["message"]
        .as_str()
        .unwrap()
        .contains("not a record printed by Appraise"));
}
