//! Automatic backups on the administrator's schedule (`settings::backup`):
//! the first start of the app on a day makes `appraise-YYYY-MM-DD.db` (and
//! its `.sha256`) in the chosen folder, then deletes the oldest automatic
//! backups beyond the number to keep. Only files named exactly as an
//! automatic backup are ever deleted; anything else in the folder is left
//! alone. The outcome is recorded, so a failure shows on the
//! administrator's home page.
//!
//! The date, the time and the paths come in as parameters: the shell reads
//! the clock and runs this off the window's thread.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

use super::{backup_by, checksum_path};
use crate::accounts::Actor;
use crate::settings::backup::{self as settings, LastAutomatic};
use crate::store::db::Connection;
use crate::Result;

/// The automatic backup of `day`: `appraise-2026-11-29.db`.
pub fn file_name(day: NaiveDate) -> String {
    format!("appraise-{}.db", day.format("%Y-%m-%d"))
}

/// The day an automatic backup's file name carries; `None` for any other
/// name (which pruning therefore never touches).
pub fn day_of(name: &str) -> Option<NaiveDate> {
    let date = name.strip_prefix("appraise-")?.strip_suffix(".db")?;
    // Exactly YYYY-MM-DD: chrono alone would accept `2026-1-9`.
    if date.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// The file to make today, or `None` when today's is already there.
pub fn due(folder: &Path, today: NaiveDate) -> Option<PathBuf> {
    let file = folder.join(file_name(today));
    (!file.exists()).then_some(file)
}

/// Deletes the automatic backups in `folder` beyond the newest `keep`
/// (each with its `.sha256`), and returns the ones deleted, oldest first.
pub fn prune(folder: &Path, keep: usize) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(folder)
        .map_err(|e| crate::Error::Io(format!("Cannot read the folder {}: {e}.", folder.display())))?;
    let mut backups: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| Some((day_of(e.file_name().to_str()?)?, e.path())))
        .collect();
    backups.sort();
    let extra = backups.len().saturating_sub(keep);
    let mut removed = Vec::new();
    for (_, path) in backups.into_iter().take(extra) {
        fs::remove_file(&path).map_err(|e| crate::Error::Io(format!("Cannot delete {}: {e}.", path.display())))?;
        let _ = fs::remove_file(checksum_path(&path));
        removed.push(path);
    }
    Ok(removed)
}

/// Makes today's automatic backup of the database at `source` (the one
/// `conn` is open on) if the schedule is on and it is not made yet, prunes
/// the folder, and records the outcome. Returns the outcome, or `None` when
/// nothing was due.
pub fn run_if_due(
    conn: &mut Connection,
    source: &Path,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Option<LastAutomatic>> {
    let schedule = settings::load(conn)?;
    if !schedule.enabled || schedule.folder.is_empty() {
        return Ok(None);
    }
    let folder = PathBuf::from(&schedule.folder);
    let Some(file) = due(&folder, today) else {
        return Ok(None);
    };
    let made = fs::create_dir_all(&folder)
        .map_err(|e| crate::Error::Io(format!("Cannot create the folder {}: {e}.", folder.display())))
        .and_then(|()| backup_by(conn, &Actor::system(), source, &file, now))
        .and_then(|report| Ok((report, prune(&folder, schedule.keep as usize)?)));
    let last = match made {
        Ok((report, removed)) => LastAutomatic {
            at: now,
            ok: true,
            file: file.display().to_string(),
            message: format!(
                "Backed up ({} bytes, {} audit rows); {} older automatic backup{} deleted.",
                report.bytes,
                report.audit_rows,
                removed.len(),
                if removed.len() == 1 { "" } else { "s" }
            ),
        },
        Err(err) => LastAutomatic {
            at: now,
            ok: false,
            file: file.display().to_string(),
            message: err.to_string(),
        },
    };
    settings::record_last_automatic(conn, &last)?;
    Ok(Some(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::backup::BackupSettings;
    use crate::Store;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn at(d: u32) -> NaiveDateTime {
        day(d).and_hms_opt(8, 30, 0).unwrap()
    }

    /// A department file with automatic backups into `folder`, keeping `keep`.
    fn department(dir: &Path, folder: &Path, keep: u32) -> (Store, PathBuf) {
        let db = dir.join("dept.db");
        let mut store = Store::open(&db).unwrap();
        let schedule = BackupSettings {
            enabled: true,
            folder: folder.display().to_string(),
            keep,
        };
        settings::save(store.conn_mut(), &Actor::system(), &schedule, at(1)).unwrap();
        (store, db)
    }

    #[test]
    fn an_automatic_backup_is_named_with_its_date_and_only_such_names_are_read_as_one() {
        assert_eq!(file_name(day(9)), "appraise-2026-11-09.db");
        assert_eq!(day_of("appraise-2026-11-09.db"), Some(day(9)));
        for other in [
            "appraise-2026-11-9.db",
            "appraise-2026-11-09.db.sha256",
            "appraise-2026-13-01.db",
            "my-appraise-2026-11-09.db",
            "appraise.db",
        ] {
            assert_eq!(day_of(other), None, "{other} is not an automatic backup");
        }
    }

    #[test]
    fn the_first_start_of_a_day_makes_its_backup_and_a_second_start_does_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("backups");
        let (mut store, db) = department(dir.path(), &folder, 7);
        let first = run_if_due(store.conn_mut(), &db, day(29), at(29))
            .unwrap()
            .expect("due");
        assert!(first.ok, "made: {}", first.message);
        let file = folder.join("appraise-2026-11-29.db");
        assert!(
            file.exists() && checksum_path(&file).exists(),
            "the backup and its checksum"
        );
        assert!(super::super::check_file(&file).unwrap() > 0, "the backup checks");
        assert_eq!(
            run_if_due(store.conn_mut(), &db, day(29), at(29)).unwrap(),
            None,
            "nothing more is due that day"
        );
        assert_eq!(
            settings::last_automatic(store.conn()).unwrap(),
            Some(first),
            "the outcome is recorded"
        );
    }

    #[test]
    fn nothing_is_made_while_automatic_backups_are_off() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("dept.db");
        let mut store = Store::open(&db).unwrap();
        assert_eq!(run_if_due(store.conn_mut(), &db, day(29), at(29)).unwrap(), None);
        assert_eq!(
            settings::last_automatic(store.conn()).unwrap(),
            None,
            "nothing recorded"
        );
    }

    #[test]
    fn only_the_newest_automatic_backups_are_kept_and_other_files_are_never_touched() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("backups");
        fs::create_dir_all(&folder).unwrap();
        for d in 20..=27 {
            let old = folder.join(file_name(day(d)));
            fs::write(&old, b"an older backup").unwrap();
            fs::write(checksum_path(&old), b"its checksum").unwrap();
        }
        for other in ["notes.txt", "appraise-2026-11-01.db.keep", "appraise-2026-11-1.db"] {
            fs::write(folder.join(other), b"someone else's").unwrap();
        }
        let (mut store, db) = department(dir.path(), &folder, 3);
        let done = run_if_due(store.conn_mut(), &db, day(28), at(28))
            .unwrap()
            .expect("due");
        assert!(done.ok, "made: {}", done.message);
        let mut left: Vec<String> = fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "appraise-2026-11-01.db.keep",
                "appraise-2026-11-1.db",
                "appraise-2026-11-26.db",
                "appraise-2026-11-26.db.sha256",
                "appraise-2026-11-27.db",
                "appraise-2026-11-27.db.sha256",
                "appraise-2026-11-28.db",
                "appraise-2026-11-28.db.sha256",
                "notes.txt",
            ],
            "the three newest automatic backups and everything else"
        );
    }

    #[test]
    fn a_backup_that_cannot_be_made_is_recorded_as_failed() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the folder should be: the folder cannot be made.
        let folder = dir.path().join("not-a-folder");
        fs::write(&folder, b"in the way").unwrap();
        let (mut store, db) = department(dir.path(), &folder, 7);
        let failed = run_if_due(store.conn_mut(), &db, day(29), at(29))
            .unwrap()
            .expect("due");
        assert!(!failed.ok, "it failed");
        assert!(
            failed.message.contains("not-a-folder"),
            "says where: {}",
            failed.message
        );
        assert_eq!(
            settings::last_automatic(store.conn()).unwrap(),
            Some(failed),
            "the failure is recorded for the home page"
        );
    }
}
