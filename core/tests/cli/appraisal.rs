//! `appraise-cli demo` and `appraise-cli appraisal ...` as a script would
//! use them: real process, real files, exit codes, a fixed `--today`.

use super::common::*;

use std::path::Path;

const TODAY: &str = "2026-06-15";

fn demo(db: &Path, seed: &str) {
    ok(&cli(db, &["demo", "--seed", seed, "--today", TODAY]));
}

fn list(db: &Path) -> (String, Vec<serde_json::Value>) {
    let text = ok(&cli(db, &["appraisal", "list", "--json"]));
    let value: serde_json::Value = serde_json::from_str(&text).expect("list --json is JSON");
    (text, value.as_array().expect("an array").clone())
}

fn with_status<'a>(list: &'a [serde_json::Value], status: &str) -> Vec<&'a serde_json::Value> {
    list.iter().filter(|a| a["status"] == status).collect()
}

#[test]
fn demo_with_seed_7_twice_gives_identical_appraisal_lists_with_signed_ones_and_one_in_progress() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    demo(&a, "7");
    demo(&b, "7");
    let (text_a, list_a) = list(&a);
    let (text_b, _) = list(&b);
    assert_eq!(text_a, text_b, "the same seed gives the same appraisals");
    assert!(with_status(&list_a, "signed").len() >= 3, "{text_a}");
    assert_eq!(with_status(&list_a, "in_progress").len(), 1, "{text_a}");
    for appraisal in &list_a {
        assert!(appraisal["id"].is_i64(), "{appraisal}");
        assert!(appraisal["staff_number"].is_string(), "{appraisal}");
        let cycle = appraisal["cycle"].as_str().unwrap();
        let (first, second) = cycle.split_once('/').expect("written 2025/26");
        let first: i32 = first.parse().unwrap();
        assert_eq!(second, format!("{:02}", (first + 1) % 100), "{cycle}");
    }
    assert_eq!(list_a[0]["cycle"], "2026/27", "newest cycle first");
}

#[test]
fn another_seed_gives_another_department() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    demo(&a, "7");
    demo(&b, "8");
    assert_ne!(list(&a).0, list(&b).0);
}

#[test]
fn demo_refuses_a_database_that_already_has_staff() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("real.db");
    ok(&cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Siân",
            "--surname",
            "Jones",
            "--band",
            "5",
            "--appointed",
            "2020-01-06",
        ],
    ));
    let out = cli(&db, &["demo", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(1), "refused: {}", stderr(&out));
    assert!(stderr(&out).contains("already has 1 staff member"), "{}", stderr(&out));
    assert!(list(&db).1.is_empty(), "nothing added");
    let people: serde_json::Value = serde_json::from_str(&ok(&cli(&db, &["staff", "list", "--json"]))).unwrap();
    assert_eq!(people.as_array().unwrap().len(), 1, "the real record alone");
}

#[test]
fn demo_sizes_outside_the_limits_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(&dir.path().join("x.db"), &["demo", "--staff", "2", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("4 to 20000 staff"), "{}", stderr(&out));
}

#[test]
fn raw_sql_cannot_change_or_delete_a_signed_appraisal() {
    if on_server() {
        return; // a file's triggers; the server's are tested through every login in tests/server.rs
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    demo(&db, "7");
    let (_, appraisals) = list(&db);
    let id = with_status(&appraisals, "signed")[0]["id"].as_i64().unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    for sql in [
        format!("UPDATE appraisal SET appraiser_comments = 'changed' WHERE id = {id}"),
        format!("DELETE FROM appraisal WHERE id = {id}"),
        format!("DELETE FROM appraisal_objective WHERE appraisal_id = {id}"),
        format!("UPDATE appraisal_skill SET agreed_level = 1 WHERE appraisal_id = {id}"),
    ] {
        let err = conn.execute(&sql, []).expect_err(&sql);
        assert!(
            err.to_string().contains("appraisal is signed and locked"),
            "{sql}: {err}"
        );
    }
    drop(conn);
    assert_eq!(list(&db).1, appraisals, "nothing changed");
}

#[test]
fn show_prints_a_record_with_objectives_at_levels_and_its_content_hash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    demo(&db, "7");
    let (_, appraisals) = list(&db);
    let signed = appraisals
        .iter()
        .find(|a| a["status"] == "signed" && a["kind"] == "annual")
        .unwrap();
    let id = signed["id"].to_string();
    let record: serde_json::Value =
        serde_json::from_str(&ok(&cli(&db, &["appraisal", "show", &id, "--json"]))).unwrap();
    assert_eq!(record["status"], "signed");
    let objective = &record["objectives"][0];
    assert!(objective["target_level"].is_u64(), "{objective}");
    assert!(objective["statement_text"].is_string(), "{objective}");
    assert!(record["pay"]["summary"]
        .as_str()
        .unwrap()
        .starts_with("Meets the standard for pay-step progression"));
    let text = ok(&cli(&db, &["appraisal", "show", &id]));
    assert!(text.contains("Content SHA-256: "), "{text}");
    assert!(text.contains("Pay progression: Meets the standard"), "{text}");

    let missing = cli(&db, &["appraisal", "show", "99999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no appraisal with number 99999"),
        "{}",
        stderr(&missing)
    );
    assert_eq!(
        cli(&db, &["appraisal", "show", "first"]).status.code(),
        Some(2),
        "bad usage"
    );
}

#[test]
fn reopening_from_the_command_line_needs_a_reason_and_keeps_the_signed_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    demo(&db, "7");
    let (_, before) = list(&db);
    let signed = with_status(&before, "signed")[0]["id"].clone();
    let id = signed.to_string();
    let out = cli(&db, &["appraisal", "reopen", &id, "--reason", " "]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("reason"), "{}", stderr(&out));
    let out = ok(&cli(
        &db,
        &[
            "appraisal",
            "reopen",
            &id,
            "--reason",
            "Wrong competency on objective 2.",
        ],
    ));
    assert!(out.contains("the signed version is kept"), "{out}");
    let (_, after) = list(&db);
    assert_eq!(after.len(), before.len() + 1, "a new version");
    let old = after.iter().find(|a| a["id"] == signed).unwrap();
    assert_eq!(old["status"], "reopened");
    assert_eq!(
        with_status(&after, "in_progress").len(),
        2,
        "the demo's and the re-opened one"
    );
}

#[test]
fn due_lists_everyone_with_the_new_starters_objective_setting_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    demo(&db, "7");
    let due: serde_json::Value =
        serde_json::from_str(&ok(&cli(&db, &["appraisal", "due", "--today", TODAY, "--json"]))).unwrap();
    let lukasz = due
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "Łukasz Wiśniewski")
        .expect("the newest trainee");
    assert!(lukasz["objective_setting_due"].is_string(), "{lukasz}");
    assert_eq!(lukasz["objective_setting_late"], false, "{lukasz}");
}

#[test]
fn someone_appointed_in_2020_with_no_appraisal_recorded_is_overdue_in_2026() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    ok(&cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Ada",
            "--surname",
            "Long",
            "--band",
            "4",
            "--appointed",
            "2020-01-06",
            "--staff-number",
            "20200106",
        ],
    ));
    let due: serde_json::Value =
        serde_json::from_str(&ok(&cli(&db, &["appraisal", "due", "--today", "2026-11-28", "--json"]))).unwrap();
    let ada = &due[0];
    assert_eq!(ada["staff_number"], "20200106", "{due}");
    assert_eq!(
        ada["last_signed"],
        serde_json::Value::Null,
        "no appraisal recorded: {ada}"
    );
    assert_eq!(ada["annual_due"], "2021-01-06", "12 months after appointment: {ada}");
    assert_eq!(ada["annual_overdue"], true, "overdue on 28/11/2026: {ada}");

    let on_the_day: serde_json::Value =
        serde_json::from_str(&ok(&cli(&db, &["appraisal", "due", "--today", "2021-01-06", "--json"]))).unwrap();
    assert_eq!(
        on_the_day[0]["annual_overdue"], false,
        "not overdue on the day it is due"
    );

    let text = ok(&cli(&db, &["appraisal", "due", "--today", "2026-11-28"]));
    let line = text.lines().find(|l| l.contains("Ada Long")).expect("Ada is listed");
    assert!(line.contains("06/01/2021") && line.contains("overdue"), "{line}");
}

#[test]
fn the_last_appraisal_before_appraise_moves_the_due_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    ok(&cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Ada",
            "--surname",
            "Long",
            "--band",
            "4",
            "--appointed",
            "2020-01-06",
            "--last-appraisal",
            "2026-03-10",
        ],
    ));
    let due: serde_json::Value =
        serde_json::from_str(&ok(&cli(&db, &["appraisal", "due", "--today", "2026-11-28", "--json"]))).unwrap();
    let ada = &due[0];
    assert_eq!(ada["last_appraisal_before"], "2026-03-10", "{ada}");
    assert_eq!(ada["annual_due"], "2027-03-10", "12 months after it: {ada}");
    assert_eq!(ada["annual_overdue"], false, "{ada}");
}
