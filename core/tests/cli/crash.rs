//! Killed mid-way: `appraise-cli` is killed (SIGKILL, no chance to tidy up)
//! at several moments of an import, a backup, a restore and a re-opening,
//! then the database is opened again. Whenever the kill lands, nothing
//! committed is lost, nothing half-done is visible, SQLite's integrity check
//! passes and the audit chain verifies. A file's own guarantees: on the
//! server these tests return (PostgreSQL's transactions are its own).

use super::common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Moments to kill at, from before the work starts to after it is done.
const KILL_AFTER_MS: [u64; 6] = [5, 40, 120, 300, 700, 1500];

fn spawn_and_kill(db: &Path, args: &[&str], after: Duration) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("APPRAISE_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run appraise-cli");
    std::thread::sleep(after);
    // SIGKILL on Unix; an error only means it had already finished.
    let _ = child.kill();
    child.wait().unwrap();
}

fn integrity_ok(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows, ["ok"], "{} passes SQLite's integrity check", db.display());
}

fn audit_ok(db: &Path) {
    let out = cli(db, &["audit", "verify"]);
    assert!(
        out.status.success() && stdout(&out).starts_with("ok"),
        "the audit chain of {} verifies: {}{}",
        db.display(),
        stdout(&out),
        stderr(&out)
    );
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// An ESR file of `n` new staff.
fn esr_file(dir: &Path, n: usize) -> PathBuf {
    let mut csv = String::from("staff_number,surname,forename,band,job_title,start_date,manager_staff_number\n");
    for i in 0..n {
        csv.push_str(&format!(
            "{},Surname{i},Forename{i},4,Clinical coder,2020-01-06,100001\n",
            500_000 + i
        ));
    }
    let file = dir.join("esr.csv");
    std::fs::write(&file, csv).unwrap();
    file
}

/// The demonstration department: a file to copy for each kill.
fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    ok(&cli(&db, &["demo", "--seed", "7", "--today", "2026-01-15"]));
    db
}

fn copy_db(from: &Path, to: &Path) {
    // Written by a finished command: one file, nothing beside it to copy.
    std::fs::copy(from, to).unwrap();
}

#[test]
fn an_import_killed_at_any_moment_is_all_there_or_not_at_all() {
    if on_server() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let base = demo(dir.path());
    let before = count(&base, "SELECT count(*) FROM staff");
    let file = esr_file(dir.path(), 3_000);
    for ms in KILL_AFTER_MS {
        let db = dir.path().join(format!("import-{ms}.db"));
        copy_db(&base, &db);
        spawn_and_kill(
            &db,
            &["staff", "import", file.to_str().unwrap()],
            Duration::from_millis(ms),
        );
        integrity_ok(&db);
        audit_ok(&db);
        let staff = count(&db, "SELECT count(*) FROM staff");
        eprintln!(
            "import killed after {ms} ms: {}",
            if staff == before { "not imported" } else { "imported" }
        );
        assert!(
            staff == before || staff == before + 3_000,
            "killed after {ms} ms: {staff} staff, not {before} or {}",
            before + 3_000
        );
    }
}

#[test]
fn a_backup_killed_at_any_moment_leaves_the_database_whole_and_no_backup_without_its_checksum() {
    if on_server() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // Big enough that the copy and its checks take a while.
    ok(&cli(
        &db,
        &["staff", "import", esr_file(dir.path(), 3_000).to_str().unwrap()],
    ));
    for ms in KILL_AFTER_MS {
        let out = dir.path().join(format!("backup-{ms}.db"));
        spawn_and_kill(
            &db,
            &["backup", "--out", out.to_str().unwrap()],
            Duration::from_millis(ms),
        );
        integrity_ok(&db);
        audit_ok(&db);
        let sum = PathBuf::from(format!("{}.sha256", out.display()));
        eprintln!(
            "backup killed after {ms} ms: backup {}",
            if out.exists() { "made" } else { "not made" }
        );
        if out.exists() {
            assert!(
                sum.exists(),
                "killed after {ms} ms: a backup is never there without its checksum"
            );
            let target = dir.path().join(format!("restored-{ms}.db"));
            ok(&cli(
                &target,
                &["restore", out.to_str().unwrap(), "--to", target.to_str().unwrap()],
            ));
            integrity_ok(&target);
        }
        // Whatever was left, the same name can be backed up to again once it is cleared.
        let _ = std::fs::remove_file(&out);
        let _ = std::fs::remove_file(&sum);
        ok(&cli(&db, &["backup", "--out", out.to_str().unwrap()]));
    }
}

#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_database_or_the_restored_one_with_its_audit_row() {
    if on_server() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let base = demo(dir.path());
    // The backup holds 3,000 more staff than the database it replaces.
    let bigger = dir.path().join("bigger.db");
    copy_db(&base, &bigger);
    ok(&cli(
        &bigger,
        &["staff", "import", esr_file(dir.path(), 3_000).to_str().unwrap()],
    ));
    let backup = dir.path().join("backup.db");
    ok(&cli(&bigger, &["backup", "--out", backup.to_str().unwrap()]));
    let (old, new) = (
        count(&base, "SELECT count(*) FROM staff"),
        count(&bigger, "SELECT count(*) FROM staff"),
    );
    for ms in KILL_AFTER_MS {
        let db = dir.path().join(format!("restore-{ms}.db"));
        copy_db(&base, &db);
        let restores = || count(&db, "SELECT count(*) FROM audit WHERE action = 'database.restore'");
        spawn_and_kill(
            &db,
            &["restore", backup.to_str().unwrap(), "--to", db.to_str().unwrap()],
            Duration::from_millis(ms),
        );
        assert!(db.is_file(), "killed after {ms} ms: the database is never missing");
        integrity_ok(&db);
        audit_ok(&db);
        let staff = count(&db, "SELECT count(*) FROM staff");
        eprintln!(
            "restore killed after {ms} ms: {}",
            if staff == new { "restored" } else { "old database" }
        );
        if staff == new {
            assert_eq!(
                restores(),
                1,
                "killed after {ms} ms: the restored database records its restore"
            );
        } else {
            assert_eq!(
                staff, old,
                "killed after {ms} ms: the old database, or the restored one"
            );
            assert_eq!(restores(), 0, "killed after {ms} ms: the old database, untouched");
        }
        // A restore killed part way can simply be run again.
        ok(&cli(
            &db,
            &["restore", backup.to_str().unwrap(), "--to", db.to_str().unwrap()],
        ));
        assert_eq!(count(&db, "SELECT count(*) FROM staff"), new);
    }
}

#[test]
fn a_reopening_killed_at_any_moment_makes_the_new_version_whole_or_not_at_all() {
    if on_server() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let base = demo(dir.path());
    let list = json(&cli(&base, &["appraisal", "list", "--json"]));
    let signed = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["status"] == "signed" && a["superseded_by"].is_null())
        .expect("a signed appraisal not yet re-opened")["id"]
        .to_string();
    let versions = count(&base, "SELECT count(*) FROM appraisal");
    for ms in [1, 10, 30, 80, 200] {
        let db = dir.path().join(format!("reopen-{ms}.db"));
        copy_db(&base, &db);
        spawn_and_kill(
            &db,
            &["appraisal", "reopen", &signed, "--reason", "Killed mid-way on purpose."],
            Duration::from_millis(ms),
        );
        integrity_ok(&db);
        audit_ok(&db);
        let now = count(&db, "SELECT count(*) FROM appraisal");
        let reopened = count(&db, "SELECT count(*) FROM audit WHERE action = 'appraisal.reopen'")
            - count(&base, "SELECT count(*) FROM audit WHERE action = 'appraisal.reopen'");
        eprintln!(
            "reopen killed after {ms} ms: {}",
            if now == versions { "not re-opened" } else { "re-opened" }
        );
        assert!(
            (now == versions && reopened == 0) || (now == versions + 1 && reopened == 1),
            "killed after {ms} ms: {now} appraisals and {reopened} new audit rows: the new version and its row together, or neither"
        );
    }
}
