//! Backing up and restoring the SQLite store: the rules for a copy that can
//! be trusted later.
//!
//! A backup is made with SQLite's online backup API in one step (one read
//! transaction, so writers in other processes carry on and the copy is one
//! moment of the database), turned into a single self-contained file
//! (rollback journal, not WAL), checked as a restore would check it, and
//! given a SHA-256 of the whole file beside it (`FILE.sha256`, as `sha256sum`
//! writes it), so that any later change — even to one byte of text that
//! SQLite's own checks accept — is caught.
//!
//! A restore checks the backup before anything is replaced: the checksum
//! first, then integrity, Appraise's application id and a schema version this
//! Appraise knows, then the audit chain. The current file is kept aside under
//! a new name, never overwritten; a database still open elsewhere is refused
//! (leaving WAL mode needs the only connection). Afterwards the chain is
//! checked again and an audit row records the restore.
//!
//! Paths and the time come in as parameters; core touches only the files it
//! is given and the ones it names beside them. The window's actions
//! ([`backup_by`], [`inspect`], [`restore_by`]) ask `access.rs` first and
//! leave an audit row; automatic backups are [`automatic`].

pub mod automatic;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::accounts::Actor;
use crate::store::{self, APPLICATION_ID, MIGRATIONS};
use crate::{access, audit, Error, Result, Store};

/// The first migration that has the audit trail: an older file has no chain
/// to check, so it is not accepted as a backup.
const FIRST_WITH_AUDIT: usize = 4;

/// What a finished backup is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupReport {
    #[ts(type = "string")]
    pub file: PathBuf,
    #[ts(type = "string")]
    pub checksum_file: PathBuf,
    pub bytes: u64,
    pub sha256: String,
    pub audit_rows: i64,
}

/// The database in use is never read as a backup: apart from not being
/// one, reading it outside SQLite would drop this process's locks on it
/// (see `store::check_before_open`).
fn not_the_live_database(file: &Path, live: &Path) -> Result<()> {
    let same = match (fs::canonicalize(file), fs::canonicalize(live)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Error::invalid(
            "backup",
            format!(
                "{} is the database in use, not a backup. Choose a backup file.",
                file.display()
            ),
        ));
    }
    Ok(())
}

/// What a finished restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreReport {
    /// Where the database that was replaced now is (none if there was none).
    #[ts(type = "string | null")]
    pub kept_aside: Option<PathBuf>,
    pub sha256: String,
    /// Audit rows after the restore's own row.
    pub audit_rows: i64,
}

/// A backup checked as a restore would check it, before anyone confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupCheck {
    #[ts(type = "string")]
    pub file: PathBuf,
    pub bytes: u64,
    pub sha256: String,
    pub audit_rows: i64,
}

/// The checksum file of a backup: the same name with `.sha256` added.
pub fn checksum_path(backup: &Path) -> PathBuf {
    let mut name = backup.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

/// Where a restore keeps the replaced database: `DB.before-restore-YYYYMMDDTHHMMSS`.
pub fn kept_aside_path(db: &Path, now: NaiveDateTime) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(format!(".before-restore-{}", now.format("%Y%m%dT%H%M%S")));
    PathBuf::from(name)
}

/// Copies the database at `source` to `out` while other processes may be
/// writing, checks the copy and writes `out.sha256`. Refuses an existing
/// `out` (or its checksum file); a copy that fails its checks is removed.
pub fn backup(source: &Path, out: &Path) -> Result<BackupReport> {
    for path in [out.to_path_buf(), checksum_path(out)] {
        if path.exists() {
            return Err(Error::Conflict(format!(
                "{} already exists. Appraise does not overwrite a file: choose another name, or move that one away.",
                path.display()
            )));
        }
    }
    if !source.is_file() {
        return Err(Error::NotFound(format!(
            "There is no database at {}.",
            source.display()
        )));
    }
    // Store::open refuses a file that is not ours without writing to it.
    let store = Store::open(source)?;
    // A temporary file left by a backup that was killed is ours to replace.
    let part = sibling(out, ".part");
    let _ = fs::remove_file(&part);
    create_new(&part)?;
    let made =
        copy_online(store.conn().sqlite().expect("Store::open is SQLite"), &part).and_then(|()| check_file(&part));
    let audit_rows = match made {
        Ok(rows) => rows,
        Err(err) => {
            let _ = fs::remove_file(&part);
            return Err(err);
        }
    };
    // The checksum is written first and the backup then appears under its
    // name in one step (a hard link, which fails if `out` appeared meanwhile:
    // never overwrite), so a backup is never seen without its checksum, even
    // if the process is killed between the two.
    let bytes = fs::read(&part).map_err(|e| io(&part, e));
    let bytes = match bytes {
        Ok(b) => b,
        Err(err) => {
            let _ = fs::remove_file(&part);
            return Err(err);
        }
    };
    let sha256 = hex_sha256(&bytes);
    let checksum_file = checksum_path(out);
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let written = create_new(&checksum_file).and_then(|mut f| {
        f.write_all(format!("{sha256}  {name}\n").as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| io(&checksum_file, e))
    });
    if let Err(err) = written {
        let _ = fs::remove_file(&part);
        return Err(err);
    }
    let linked = fs::hard_link(&part, out).map_err(|e| io(out, e));
    let _ = fs::remove_file(&part);
    if let Err(err) = linked {
        let _ = fs::remove_file(&checksum_file);
        return Err(err);
    }
    Ok(BackupReport {
        file: out.to_path_buf(),
        checksum_file,
        bytes: bytes.len() as u64,
        sha256,
        audit_rows,
    })
}

/// "Back up now…": [`backup`] of the database at `source` (the one `conn`
/// is open on) by `actor`, who must be the administrator, with an audit row
/// in the database naming the file and its checksum.
pub fn backup_by(
    conn: &mut crate::store::Connection,
    actor: &Actor,
    source: &Path,
    out: &Path,
    now: NaiveDateTime,
) -> Result<BackupReport> {
    access::can_back_up(actor)?;
    let report = backup(source, out)?;
    let tx = store::write(conn)?;
    audit::record_by(
        &tx,
        actor,
        "database.backup",
        "database",
        &file_name(out),
        serde_json::json!({
            "backup": file_name(out),
            "sha256": report.sha256,
            "bytes": report.bytes,
            "audit_rows": report.audit_rows,
        }),
        now,
    )?;
    tx.commit()?;
    Ok(report)
}

/// Checks a backup as [`restore`] would (checksum, integrity, application
/// id, schema version, audit chain) without restoring it, so the window
/// can say what it holds before anyone confirms (administrator only). The
/// checked bytes are copied to a temporary file first: opening the backup
/// itself could leave files beside it.
pub fn inspect(actor: &Actor, file: &Path, live: &Path) -> Result<BackupCheck> {
    access::can_restore(actor)?;
    not_the_live_database(file, live)?;
    let bytes = fs::read(file).map_err(|e| Error::NotFound(format!("Cannot read {}: {e}.", file.display())))?;
    let sha256 = check_checksum(file, &bytes)?;
    let part = std::env::temp_dir().join(format!("appraise-inspect-{}-{}.db", std::process::id(), &sha256[..16]));
    remove_part(&part);
    let checked = create_new(&part)
        .and_then(|mut f| f.write_all(&bytes).map_err(|e| io(&part, e)))
        .and_then(|()| check_file(&part));
    remove_part(&part);
    let audit_rows = checked.map_err(|err| refused(file, err))?;
    Ok(BackupCheck {
        file: file.to_path_buf(),
        bytes: bytes.len() as u64,
        sha256,
        audit_rows,
    })
}

/// "Restore from a backup…": [`restore`] by `actor`, who must be the
/// administrator; the restore's audit row names them.
pub fn restore_by(file: &Path, db: &Path, actor: &Actor, now: NaiveDateTime) -> Result<RestoreReport> {
    access::can_restore(actor)?;
    restore_as(file, db, actor, now)
}

/// Replaces the database at `db` with the backup at `file`, after checking
/// the backup; `now` names the kept-aside file and dates the audit row.
/// Anything refused leaves `db` as it was.
pub fn restore(file: &Path, db: &Path, now: NaiveDateTime) -> Result<RestoreReport> {
    restore_as(file, db, &Actor::system(), now)
}

fn restore_as(file: &Path, db: &Path, actor: &Actor, now: NaiveDateTime) -> Result<RestoreReport> {
    not_the_live_database(file, db)?;
    let bytes = fs::read(file).map_err(|e| io(file, e))?;
    let sha256 = check_checksum(file, &bytes)?;
    // The bytes already read and hashed are the ones restored, into a file in
    // the database's own folder so the final rename cannot cross disks. A
    // temporary file left by a restore that was killed is ours to replace.
    let part = sibling(db, ".restore-part");
    remove_part(&part);
    let mut f = create_new(&part)?;
    let written = f
        .write_all(&bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| io(&part, e));
    drop(f);
    let checked = written.and_then(|()| check_file(&part));
    if let Err(err) = checked {
        remove_part(&part);
        return Err(refused(file, err));
    }
    let prepared = prepare_restored(&part, file, db, &sha256, actor, now);
    let kept_aside = match prepared {
        Ok(kept) => kept,
        Err(err) => {
            remove_part(&part);
            return Err(err);
        }
    };
    // The database is never missing: the old file keeps a second name, then
    // the restored one takes its place in one rename. A kill at any moment
    // leaves either the old database or the restored one with its audit row.
    if let Some(aside) = &kept_aside {
        if let Err(e) = fs::hard_link(db, aside) {
            remove_part(&part);
            return Err(io(aside, e));
        }
    }
    fs::rename(&part, db).map_err(|e| io(db, e))?;
    let store = Store::open(db)?;
    let after = audit::verify_as(store.conn(), &Actor::system())?;
    if !after.ok {
        return Err(Error::Conflict(after.message()));
    }
    Ok(RestoreReport {
        kept_aside,
        sha256,
        audit_rows: after.rows_checked,
    })
}

/// Makes the checked copy at `part` the database to put in place: refuses
/// when the current database is open elsewhere (before anything changes),
/// brings the copy's schema up to date, checks its audit chain and records
/// the restore in it, so the row is there the moment the file is. Returns
/// the name the current database will be kept under, if there is one.
fn prepare_restored(
    part: &Path,
    file: &Path,
    db: &Path,
    sha256: &str,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<Option<PathBuf>> {
    let kept_aside = if db.exists() {
        only_connection(db)?;
        // A name already taken (a restore killed a moment ago left its
        // second name behind) is never overwritten: the next free one is used.
        let first = kept_aside_path(db, now);
        let aside = std::iter::once(first.clone())
            .chain((2..).map(|n| sibling(&first, &format!("-{n}"))))
            .find(|p| !p.exists())
            .expect("a free name");
        Some(aside)
    } else {
        None
    };
    let mut store = Store::open(part)?;
    let before = audit::verify_as(store.conn(), &Actor::system())?;
    if !before.ok {
        return Err(Error::Conflict(format!(
            "The restored database's audit trail does not verify: {}",
            before.message()
        )));
    }
    let name = file_name(file);
    let tx = store::write(store.conn_mut())?;
    audit::record_by(
        &tx,
        actor,
        "database.restore",
        "database",
        &name,
        serde_json::json!({
            "backup": name,
            "sha256": sha256,
            "kept_aside": kept_aside.as_ref().and_then(|p| p.file_name()).map(|n| n.to_string_lossy()),
        }),
        now,
    )?;
    tx.commit()?;
    // One file, nothing beside it, before it is renamed into place.
    store
        .conn()
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))?;
    drop(store);
    for leftover in ["-wal", "-shm"] {
        let _ = fs::remove_file(sibling(part, leftover));
    }
    Ok(kept_aside)
}

fn remove_part(part: &Path) {
    for leftover in ["", "-wal", "-shm", "-journal"] {
        let _ = fs::remove_file(sibling(part, leftover));
    }
}

/// Checks a file as a backup: SQLite's integrity check, Appraise's
/// application id, a schema version this Appraise knows, and the audit
/// chain. Returns how many audit rows it holds.
pub fn check_file(path: &Path) -> Result<i64> {
    let foreign = || {
        Error::NotAppraiseDatabase(format!(
            "{} is not an Appraise backup: it is not an Appraise database.",
            path.display()
        ))
    };
    let conn = crate::store::Connection::from_sqlite(Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?);
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| foreign())?;
    if app_id != APPLICATION_ID {
        return Err(foreign());
    }
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| damaged(path, &e.to_string()))?;
    if integrity != ["ok"] {
        return Err(damaged(path, &integrity.join("; ")));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < FIRST_WITH_AUDIT as i64 || version > MIGRATIONS.len() as i64 {
        return Err(Error::NewerSchema(format!(
            "{} has schema version {version}; this Appraise knows versions {FIRST_WITH_AUDIT} to {}.",
            path.display(),
            MIGRATIONS.len()
        )));
    }
    let report = audit::verify_as(&conn, &Actor::system())?;
    if !report.ok {
        return Err(damaged(path, &report.message()));
    }
    Ok(report.rows_checked)
}

/// Checks the bytes of a backup against the `.sha256` file beside it and
/// returns the checksum.
fn check_checksum(file: &Path, bytes: &[u8]) -> Result<String> {
    let sum_path = checksum_path(file);
    let text = fs::read_to_string(&sum_path).map_err(|_| {
        Error::Conflict(format!(
            "Restore refused: {} has no checksum file beside it ({}), so it cannot be trusted. Nothing has been changed.",
            file.display(),
            sum_path.display()
        ))
    })?;
    let expected = text.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    let actual = hex_sha256(bytes);
    if expected != actual {
        return Err(Error::Conflict(format!(
            "Restore refused: {} does not match its checksum ({}): it was changed or damaged after the backup was made. Nothing has been changed.",
            file.display(),
            sum_path.display()
        )));
    }
    Ok(actual)
}

/// Refuses a database open elsewhere (the window, another command):
/// leaving WAL mode needs the only connection. Afterwards the file has no
/// -wal or -shm beside it, so a second name for it holds all of it.
fn only_connection(db: &Path) -> Result<()> {
    let conn = Store::open(db)?;
    conn.conn()
        .sqlite()
        .expect("Store::open is SQLite")
        .busy_timeout(Duration::from_secs(2))?;
    let mode: String = conn
        .conn()
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(|_| open_elsewhere(db))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(open_elsewhere(db));
    }
    Ok(())
}

/// The whole database in one step of the online backup API: one read
/// transaction, so the copy is one moment even while others write. The
/// copy is then made a single file (no WAL beside it).
fn copy_online(source: &Connection, dest: &Path) -> Result<()> {
    let mut to = Connection::open(dest)?;
    {
        let backup = Backup::new(source, &mut to)?;
        let mut waits = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked if waits < 200 => {
                    waits += 1;
                    std::thread::sleep(Duration::from_millis(25));
                }
                StepResult::Busy | StepResult::Locked => {
                    return Err(Error::Conflict(
                        "The database stayed busy for too long to be backed up; try again.".to_owned(),
                    ))
                }
                _ => {}
            }
        }
    }
    to.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))?;
    to.close().map_err(|(_, e)| Error::from(e))?;
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn create_new(path: &Path) -> Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| io(path, e))
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Io(format!("Cannot write {}: {e}.", path.display()))
}

fn damaged(path: &Path, why: &str) -> Error {
    Error::Conflict(format!("{} is damaged: {why}", path.display()))
}

fn open_elsewhere(db: &Path) -> Error {
    Error::Conflict(format!(
        "Restore refused: {} is open elsewhere (the window or another command). Close it and try again. Nothing has been changed.",
        db.display()
    ))
}

/// A refused backup, said as a restore refusal.
fn refused(file: &Path, err: Error) -> Error {
    let why = match &err {
        Error::Database(e) => format!("{} cannot be read as a database ({e})", file.display()),
        other => other.to_string(),
    };
    Error::Conflict(format!("Restore refused: {why}. Nothing has been changed."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 28)
            .unwrap()
            .and_hms_opt(21, 30, 5)
            .unwrap()
    }

    fn department(dir: &Path) -> PathBuf {
        let db = dir.join("dept.db");
        let mut store = Store::open(&db).unwrap();
        let tx = store::write(store.conn_mut()).unwrap();
        audit::record(
            &tx,
            None,
            "test.add",
            "staff",
            "1",
            serde_json::json!({"name": "Ada"}),
            now(),
        )
        .unwrap();
        tx.commit().unwrap();
        db
    }

    #[test]
    fn a_backup_passes_its_own_checks_and_carries_a_sha256sum_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let out = dir.path().join("copy.db");
        let report = backup(&db, &out).expect("backup succeeds");
        assert_eq!(check_file(&out).unwrap(), 1, "the copy holds the audit row");
        let line = fs::read_to_string(checksum_path(&out)).unwrap();
        assert_eq!(line, format!("{}  copy.db\n", report.sha256), "sha256sum's format");
        assert!(!sibling(&out, "-wal").exists(), "the backup is a single file");
    }

    #[test]
    fn a_backup_never_overwrites_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let out = dir.path().join("copy.db");
        fs::write(&out, b"keep me").unwrap();
        let err = backup(&db, &out).expect_err("an existing file is refused");
        assert_eq!(err.code(), "conflict");
        assert_eq!(fs::read(&out).unwrap(), b"keep me", "the file is untouched");
    }

    #[test]
    fn a_restore_keeps_the_old_file_aside_and_records_itself() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let out = dir.path().join("copy.db");
        backup(&db, &out).unwrap();
        let report = restore(&out, &db, now()).expect("restore succeeds");
        let aside = report.kept_aside.expect("old file kept");
        assert_eq!(aside, dir.path().join("dept.db.before-restore-20261128T213005"));
        assert!(aside.exists(), "the old database is still there");
        assert_eq!(report.audit_rows, 2, "the restore's own row joins the chain");
    }

    #[test]
    fn a_second_restore_in_the_same_second_keeps_the_old_file_under_the_next_free_name() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let out = dir.path().join("copy.db");
        backup(&db, &out).unwrap();
        let taken = dir.path().join("dept.db.before-restore-20261128T213005");
        fs::write(&taken, b"left by a restore that was killed").unwrap();
        let report = restore(&out, &db, now()).expect("restore succeeds");
        assert_eq!(
            report.kept_aside.expect("old file kept"),
            dir.path().join("dept.db.before-restore-20261128T213005-2")
        );
        assert_eq!(
            fs::read(&taken).unwrap(),
            b"left by a restore that was killed",
            "a file already there is never overwritten"
        );
    }

    #[test]
    fn a_restore_of_a_changed_backup_is_refused_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let out = dir.path().join("copy.db");
        backup(&db, &out).unwrap();
        let mut bytes = fs::read(&out).unwrap();
        let at = bytes
            .windows(3)
            .position(|w| w == b"Ada")
            .expect("the name is in the file");
        bytes[at] = b'E';
        fs::write(&out, &bytes).unwrap();
        let before = fs::read(&db).unwrap();
        let err = restore(&out, &db, now()).expect_err("a changed byte is refused");
        assert!(err.to_string().contains("checksum"), "says why: {err}");
        assert_eq!(fs::read(&db).unwrap(), before, "the database is untouched");
        assert!(!kept_aside_path(&db, now()).exists(), "nothing was set aside");
    }

    #[test]
    fn a_restore_over_a_database_open_elsewhere_is_refused_before_anything_moves() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let out = dir.path().join("copy.db");
        backup(&db, &out).unwrap();
        let window = Store::open(&db).unwrap();
        let err = restore(&out, &db, now()).expect_err("open elsewhere");
        assert!(err.to_string().contains("open elsewhere"), "says why: {err}");
        assert!(!kept_aside_path(&db, now()).exists(), "nothing was set aside");
        assert!(!sibling(&db, ".restore-part").exists(), "no temporary file left");
        drop(window);
    }

    #[test]
    fn a_plain_copy_of_a_database_in_wal_mode_restores_and_leaves_no_files_behind() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let copy = dir.path().join("copy.db");
        fs::copy(&db, &copy).unwrap();
        let sum = hex_sha256(&fs::read(&copy).unwrap());
        fs::write(checksum_path(&copy), format!("{sum}  copy.db\n")).unwrap();
        restore(&copy, &db, now()).expect("a checked plain copy restores");
        for leftover in ["-wal", "-shm"] {
            let path = sibling(&sibling(&db, ".restore-part"), leftover);
            assert!(!path.exists(), "{} is removed", path.display());
        }
    }

    #[test]
    fn a_foreign_file_with_a_matching_checksum_is_still_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        let sum = hex_sha256(&fs::read(&other).unwrap());
        fs::write(checksum_path(&other), format!("{sum}  other.db\n")).unwrap();
        let err = restore(&other, &db, now()).expect_err("not ours");
        assert!(err.to_string().contains("not an Appraise"), "says why: {err}");
    }

    fn coder() -> Actor {
        Actor {
            staff_number: "2".into(),
            role: crate::accounts::Role::Coder,
            name: "A coder".into(),
            must_change_passphrase: false,
        }
    }

    #[test]
    fn only_the_administrator_backs_up_inspects_or_restores() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let out = dir.path().join("copy.db");
        let mut store = Store::open(&db).unwrap();
        let err = backup_by(store.conn_mut(), &coder(), &db, &out, now()).expect_err("a coder");
        assert_eq!(err.code(), "forbidden");
        assert!(!out.exists(), "no copy made for a coder");
        backup_by(store.conn_mut(), &Actor::system(), &db, &out, now()).expect("the administrator");
        drop(store);
        assert_eq!(inspect(&coder(), &out, &db).unwrap_err().code(), "forbidden");
        assert_eq!(restore_by(&out, &db, &coder(), now()).unwrap_err().code(), "forbidden");
    }

    #[test]
    fn a_backup_from_the_window_leaves_an_audit_row_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let out = dir.path().join("copy.db");
        let mut store = Store::open(&db).unwrap();
        let report = backup_by(store.conn_mut(), &Actor::system(), &db, &out, now()).unwrap();
        let (action, record): (String, String) = store
            .conn()
            .query_row(
                "SELECT action, record_id FROM audit ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((action.as_str(), record.as_str()), ("database.backup", "copy.db"));
        assert_eq!(report.audit_rows, 1, "the copy holds the rows before its own");
    }

    #[test]
    fn the_database_in_use_is_refused_as_a_backup_under_any_name_to_check_or_restore() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let _open = Store::open(&db).unwrap();
        let roundabout = dir.path().join(".").join(db.file_name().unwrap());
        let err = inspect(&Actor::system(), &roundabout, &db).expect_err("the live database");
        assert_eq!(err.code(), "invalid", "{err}");
        assert!(err.to_string().contains("the database in use"), "{err}");
        let err = restore(&roundabout, &db, now()).expect_err("onto itself");
        assert!(err.to_string().contains("the database in use"), "{err}");
    }

    #[test]
    fn inspecting_a_backup_says_what_it_holds_and_refuses_a_changed_one_leaving_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let out = dir.path().join("copy.db");
        let made = backup(&db, &out).unwrap();
        let check = inspect(&Actor::system(), &out, &db).expect("a good backup");
        assert_eq!(
            (check.sha256, check.audit_rows, check.bytes),
            (made.sha256, 1, made.bytes)
        );
        let mut bytes = fs::read(&out).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&out, &bytes).unwrap();
        let err = inspect(&Actor::system(), &out, &db).expect_err("changed");
        assert!(err.to_string().contains("checksum"), "says why: {err}");
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["copy.db", "copy.db.sha256", "dept.db"],
            "nothing new beside the files"
        );
    }

    #[test]
    fn a_restore_from_the_window_names_the_administrator_in_its_audit_row() {
        let dir = tempfile::tempdir().unwrap();
        let db = department(dir.path());
        let out = dir.path().join("copy.db");
        backup(&db, &out).unwrap();
        let admin = Actor {
            staff_number: "100001".into(),
            ..Actor::system()
        };
        restore_by(&out, &db, &admin, now()).expect("restored");
        let store = Store::open(&db).unwrap();
        let (action, by): (String, String) = store
            .conn()
            .query_row("SELECT action, actor FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((action.as_str(), by.as_str()), ("database.restore", "100001"));
    }
}
