//! The CLI as a script would use it: real process, real files, exit codes.

use super::common::*;

use std::process::Command;

#[test]
fn added_staff_are_listed_as_json_with_accents_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let add = cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Zoë",
            "--surname",
            "Ní Bhriain",
            "--band",
            "4",
            "--appointed",
            "2025-09-01",
        ],
    );
    assert_eq!(add.status.code(), Some(0), "add succeeds: {}", stderr(&add));
    let list = cli(&db, &["staff", "list", "--json"]);
    assert_eq!(list.status.code(), Some(0), "list succeeds: {}", stderr(&list));
    let people: serde_json::Value = serde_json::from_slice(&list.stdout).expect("list --json is JSON");
    let zoe = &people[0];
    assert_eq!(zoe["forename"], "Zoë");
    assert_eq!(zoe["surname"], "Ní Bhriain");
    assert_eq!(zoe["band"], "4");
    assert_eq!(zoe["appointed"], "2025-09-01");
    assert_eq!(zoe["staff_number"], "100001");
}

#[test]
fn an_unknown_band_exits_1_naming_the_band() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "A",
            "--surname",
            "B",
            "--band",
            "12",
            "--appointed",
            "2025-09-01",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "refused input exits 1");
    assert!(stderr(&out).contains("12"), "message names 12: {}", stderr(&out));
    let list = cli(&db, &["staff", "list", "--json"]);
    assert_eq!(String::from_utf8_lossy(&list.stdout).trim(), "[]", "nothing was added");
}

#[test]
fn a_text_file_at_the_db_path_exits_1_and_is_unchanged() {
    if on_server() {
        return; // about a file at the path
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "not a database\n").unwrap();
    let out = cli(&db, &["staff", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not an Appraise database"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), b"not a database\n", "file untouched");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no -wal or -shm left beside it: {names:?}");
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = cli(&db, &["staff", "add", "--forename", "A"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "missing required flags is usage: {}",
        stderr(&out)
    );
    let out = cli(&db, &["staff", "fly"]);
    assert_eq!(out.status.code(), Some(2), "unknown subcommand is usage");
}

#[test]
fn a_database_is_needed_for_staff_commands() {
    let out = Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
        .args(["staff", "list"])
        .env_remove("APPRAISE_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "no --db is usage");
    assert!(stderr(&out).contains("--db"), "{}", stderr(&out));
}

#[test]
fn the_text_list_shows_dates_as_day_month_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Łukasz",
            "--surname",
            "Wiśniewski",
            "--band",
            "8a",
            "--appointed",
            "2024-03-31",
            "--staff-number",
            "12345678",
        ],
    );
    let out = cli(&db, &["staff", "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Łukasz Wiśniewski"), "{text}");
    assert!(text.contains("31/03/2024"), "{text}");
    assert!(text.contains("12345678"), "{text}");
}

#[test]
fn four_writer_processes_at_once_lose_no_staff_member_and_keep_the_audit_chain() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let first = cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Ada",
            "--surname",
            "First",
            "--band",
            "5",
            "--appointed",
            "2024-04-01",
        ],
    );
    assert_eq!(first.status.code(), Some(0), "first add: {}", stderr(&first));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..50 {
                    let surname = format!("Writer{w}-{i}");
                    let out = cli(
                        &db,
                        &[
                            "staff",
                            "add",
                            "--forename",
                            "Sam",
                            "--surname",
                            &surname,
                            "--band",
                            "4",
                            "--appointed",
                            "2025-01-06",
                        ],
                    );
                    if out.status.code() != Some(0) {
                        failures.push(format!("{surname}: {}", stderr(&out)));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = writers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert!(
        failures.is_empty(),
        "no add fails under concurrent writers: {failures:?}"
    );
    let list = cli(&db, &["staff", "list", "--json"]);
    let people: serde_json::Value = serde_json::from_slice(&list.stdout).expect("list --json is JSON");
    assert_eq!(people.as_array().unwrap().len(), 201, "every add is kept");
    let verify = cli(&db, &["audit", "verify"]);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "audit chain verifies: {}",
        stderr(&verify)
    );
}
