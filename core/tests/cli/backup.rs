//! `backup` and `restore`: a checked copy made while another process writes,
//! any changed byte refused with the database untouched, and a good restore
//! that keeps the old file aside and records itself in the audit trail.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::common::{cli, cli_without_db, ok, on_server, stderr, stdout};

/// `appraise-cli restore FILE --to DB`, with no --db at all.
fn restore(file: &Path, to: &Path) -> Output {
    let args = [
        OsStr::new("restore"),
        file.as_os_str(),
        OsStr::new("--to"),
        to.as_os_str(),
    ];
    cli_without_db(to.parent().expect("the database is in a folder"), &args)
}

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("dept.db");
    ok(&cli(&db, &["demo", "--seed", "7"]));
    db
}

fn add_staff(db: &Path, surname: &str) -> Output {
    cli(
        db,
        &[
            "staff",
            "add",
            "--forename",
            "Sam",
            "--surname",
            surname,
            "--band",
            "4",
            "--appointed",
            "2025-01-06",
        ],
    )
}

/// A copy of the file that is not SQLite's own: the backup and its checksum
/// moved to another name, so the original stays for comparison.
fn altered_copy(dir: &Path, backup: &Path, name: &str, change: impl Fn(&mut Vec<u8>)) -> PathBuf {
    let copy = dir.join(name);
    let mut bytes = std::fs::read(backup).unwrap();
    change(&mut bytes);
    std::fs::write(&copy, bytes).unwrap();
    let sum = std::fs::read_to_string(format!("{}.sha256", backup.display())).unwrap();
    std::fs::write(format!("{}.sha256", copy.display()), sum).unwrap();
    copy
}

#[test]
fn a_backup_made_while_another_process_writes_passes_the_integrity_check_and_audit_verify() {
    if on_server() {
        return; // backup and restore are a file's; a server is backed up with pg_dump
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, stop) = (db.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut added = 0;
            while !stop.load(Ordering::Relaxed) || added < 3 {
                let out = add_staff(&db, &format!("Writer{added}"));
                assert_eq!(
                    out.status.code(),
                    Some(0),
                    "the writer is not stopped: {}",
                    stderr(&out)
                );
                added += 1;
            }
            added
        })
    };
    // Let the writer get going, then back up a few times while it writes.
    let started = std::time::Instant::now();
    while !dir.path().join("dept.db-wal").exists() && started.elapsed().as_secs() < 10 {
        std::thread::yield_now();
    }
    for n in 0..3 {
        let out = dir.path().join(format!("backup-{n}.db"));
        let made = ok(&cli(&db, &["backup", "--out", out.to_str().unwrap()]));
        assert!(made.contains("Backed up to"), "says what it did: {made}");
        let check = rusqlite::Connection::open(&out).unwrap();
        let integrity: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "the copy passes SQLite's integrity check");
        drop(check);
        let verified = ok(&cli(&out, &["audit", "verify"]));
        assert!(
            verified.starts_with("ok"),
            "the copy's audit chain verifies: {verified}"
        );
    }
    stop.store(true, Ordering::Relaxed);
    let added = writer.join().unwrap();
    assert!(added >= 3, "the writer kept writing during the backups");
    ok(&cli(&db, &["audit", "verify"]));
}

#[test]
fn a_backup_never_overwrites_an_existing_file() {
    if on_server() {
        return; // backup and restore are a file's; a server is backed up with pg_dump
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = dir.path().join("b.db");
    std::fs::write(&out, b"something else").unwrap();
    let refused = cli(&db, &["backup", "--out", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "refused");
    assert!(
        stderr(&refused).contains("already exists"),
        "says why: {}",
        stderr(&refused)
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"something else", "the file is untouched");
}

#[test]
fn a_restore_of_a_backup_with_any_one_byte_changed_is_refused_and_the_database_is_untouched() {
    if on_server() {
        return; // backup and restore are a file's; a server is backed up with pg_dump
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let backup = dir.path().join("b.db");
    ok(&cli(&db, &["backup", "--out", backup.to_str().unwrap()]));
    ok(&add_staff(&db, "AfterTheBackup"));
    let before = std::fs::read(&db).unwrap();
    let middle = altered_copy(dir.path(), &backup, "middle.db", |b| {
        let at = b.len() / 2;
        b[at] ^= 0x01;
    });
    // One letter of a stored name: SQLite's own checks accept this file.
    let text = altered_copy(dir.path(), &backup, "text.db", |b| {
        let at = b
            .windows(7)
            .position(|w| w == b"Deepa W")
            .expect("a demo name in the file");
        b[at] = b'K';
    });
    let accepted: String = rusqlite::Connection::open(&text)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(accepted, "ok", "the text change passes SQLite's integrity check");
    for altered in [&middle, &text] {
        let out = restore(altered, &db);
        assert_eq!(out.status.code(), Some(1), "{} is refused", altered.display());
        assert!(
            stderr(&out).contains("does not match its checksum") && stderr(&out).contains("Nothing has been changed"),
            "says why: {}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "the database is byte for byte untouched"
        );
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.to_string_lossy().contains("before-restore") || n.to_string_lossy().contains("part")),
        "nothing set aside and no temporary file left: {names:?}"
    );
}

#[test]
fn a_restore_without_its_checksum_file_or_of_a_foreign_file_is_refused() {
    if on_server() {
        return; // backup and restore are a file's; a server is backed up with pg_dump
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::read(&db).unwrap();
    let backup = dir.path().join("b.db");
    ok(&cli(&db, &["backup", "--out", backup.to_str().unwrap()]));
    std::fs::remove_file(dir.path().join("b.db.sha256")).unwrap();
    let out = restore(&backup, &db);
    assert_eq!(out.status.code(), Some(1), "no checksum file, no restore");
    assert!(stderr(&out).contains("no checksum file"), "says why: {}", stderr(&out));
    let foreign = dir.path().join("notes.txt");
    std::fs::write(&foreign, b"not a database at all").unwrap();
    let sum = "0".repeat(64);
    std::fs::write(dir.path().join("notes.txt.sha256"), format!("{sum}  notes.txt\n")).unwrap();
    assert_eq!(
        restore(&foreign, &db).status.code(),
        Some(1),
        "a foreign file is refused"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database is untouched");
}

#[test]
fn a_good_restore_keeps_the_old_file_aside_and_the_audit_trail_records_it() {
    if on_server() {
        return; // backup and restore are a file's; a server is backed up with pg_dump
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let backup = dir.path().join("b.db");
    ok(&cli(&db, &["backup", "--out", backup.to_str().unwrap()]));
    ok(&add_staff(&db, "AfterTheBackup"));
    let before = std::fs::read(&db).unwrap();
    let said = ok(&restore(&backup, &db));
    assert!(said.contains("kept as"), "names the file kept aside: {said}");
    let aside: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("dept.db.before-restore-"))
        .collect();
    assert_eq!(aside.len(), 1, "one file kept aside: {aside:?}");
    let kept = rusqlite::Connection::open(&aside[0]).unwrap();
    let surnames: i64 = kept
        .query_row("SELECT count(*) FROM staff WHERE surname = 'AfterTheBackup'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(surnames, 1, "the kept-aside file is the database as it was");
    assert_eq!(
        before.len() as u64,
        std::fs::metadata(&aside[0]).unwrap().len(),
        "same size as before"
    );
    drop(kept);
    let list = stdout(&cli(&db, &["staff", "list"]));
    assert!(
        !list.contains("AfterTheBackup"),
        "the restored database is the backup's: {list}"
    );
    ok(&cli(&db, &["audit", "verify"]));
    let trail = ok(&cli(&db, &["audit", "list", "--limit", "1"]));
    let sum = std::fs::read_to_string(dir.path().join("b.db.sha256")).unwrap();
    assert!(
        trail.contains("database.restore") && trail.contains("b.db") && trail.contains(&sum[..64]),
        "the restore is the newest audit row, naming the backup and its checksum: {trail}"
    );
}
