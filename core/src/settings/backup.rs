//! Automatic backups: whether they are made, into which folder and how many
//! are kept; and the outcome of the last one, which the administrator's
//! home page shows when it failed. The rule that makes them is
//! `crate::backup::automatic`.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Problems, Topic};
use crate::accounts::Actor;
use crate::store::db::Connection;
use crate::store::settings as db;
use crate::{access, FieldError, Result};

/// Automatic backups kept unless the administrator chooses another number.
pub const DEFAULT_KEEP: u32 = 7;
/// The most the form accepts: about a year of daily backups.
pub const MAX_KEEP: u32 = 366;

const ENABLED: &str = "backup.enabled";
const FOLDER: &str = "backup.folder";
const KEEP: &str = "backup.keep";
const LAST: &str = "backup.last_automatic";

/// The administrator's schedule: daily, on the first start of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSettings {
    pub enabled: bool,
    /// The folder the backups go into (an absolute path).
    pub folder: String,
    /// How many automatic backups to keep; older ones are deleted.
    pub keep: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings {
            enabled: false,
            folder: String::new(),
            keep: DEFAULT_KEEP,
        }
    }
}

/// How the last automatic backup went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LastAutomatic {
    #[ts(type = "string")]
    pub at: NaiveDateTime,
    pub ok: bool,
    /// The backup file (or the one it tried to make).
    pub file: String,
    /// Why it failed, or what it made.
    pub message: String,
}

/// The stored schedule over the defaults.
pub fn load(conn: &Connection) -> Result<BackupSettings> {
    BackupSettings::load(conn)
}

/// The schedule, for the Settings page (administrator only).
pub fn load_as(conn: &Connection, actor: &Actor) -> Result<BackupSettings> {
    access::can_back_up(actor)?;
    load(conn)
}

/// Checks and stores the schedule (administrator only, audited).
pub fn save(conn: &mut Connection, actor: &Actor, new: &BackupSettings, now: NaiveDateTime) -> Result<BackupSettings> {
    super::save(conn, actor, new, now)
}

/// The last automatic backup's outcome, for the administrator's home page;
/// `None` for anyone else, and before the first.
pub fn last_automatic_as(conn: &Connection, actor: &Actor) -> Result<Option<LastAutomatic>> {
    if access::can_back_up(actor).is_err() {
        return Ok(None);
    }
    last_automatic(conn)
}

pub(crate) fn last_automatic(conn: &Connection) -> Result<Option<LastAutomatic>> {
    // A value that does not read (a file edited by hand) is as if none.
    Ok(db::get::<serde_json::Value>(conn, LAST)?.and_then(|v| serde_json::from_value(v).ok()))
}

/// Records the outcome in its own write transaction: a machine's note, not
/// a person's change, so no audit row (the backup itself has one).
pub(crate) fn record_last_automatic(conn: &mut Connection, last: &LastAutomatic) -> Result<()> {
    let tx = crate::store::write(conn)?;
    db::set(&tx, LAST, last)?;
    tx.commit()?;
    Ok(())
}

impl Topic for BackupSettings {
    const AUDIT_ID: &'static str = "backup";

    fn load(conn: &Connection) -> Result<Self> {
        let default = BackupSettings::default();
        Ok(BackupSettings {
            enabled: db::get(conn, ENABLED)?.unwrap_or(default.enabled),
            folder: db::get(conn, FOLDER)?.unwrap_or(default.folder),
            keep: db::get::<u32>(conn, KEEP)?
                .filter(|k| (1..=MAX_KEEP).contains(k))
                .unwrap_or(default.keep),
        })
    }

    fn check(&self) -> std::result::Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        let folder = self.folder.trim().to_owned();
        if self.enabled && folder.is_empty() {
            problems.add("folder", "Choose the folder automatic backups go into.");
        } else if !folder.is_empty() && !std::path::Path::new(&folder).is_absolute() {
            problems.add(
                "folder",
                "Give the folder's full path (for example /home/coding/backups or D:\\Backups).",
            );
        }
        if !(1..=MAX_KEEP).contains(&self.keep) {
            problems.add("keep", format!("Keep between 1 and {MAX_KEEP} automatic backups."));
        }
        problems.or(BackupSettings {
            enabled: self.enabled,
            folder,
            keep: self.keep,
        })
    }

    fn write(&self, tx: &Connection, _before: &Self) -> Result<()> {
        db::set(tx, ENABLED, &self.enabled)?;
        db::set(tx, FOLDER, &self.folder)?;
        db::set(tx, KEEP, &self.keep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Role;
    use crate::store::testing::store;
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 29)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    }

    fn coder() -> Actor {
        Actor {
            staff_number: "2".into(),
            role: Role::Coder,
            name: "A coder".into(),
            must_change_passphrase: false,
        }
    }

    #[test]
    fn automatic_backups_are_off_until_the_administrator_turns_them_on() {
        let store = store();
        assert_eq!(load(store.conn()).unwrap(), BackupSettings::default(), "the defaults");
        assert_eq!(DEFAULT_KEEP, 7, "a week of daily backups");
    }

    #[test]
    fn the_schedule_is_saved_and_read_back_tidied() {
        let mut store = store();
        let new = BackupSettings {
            enabled: true,
            folder: "  /srv/backups ".into(),
            keep: 14,
        };
        let saved = save(store.conn_mut(), &Actor::system(), &new, now()).expect("saved");
        assert_eq!(saved.folder, "/srv/backups", "trimmed");
        assert_eq!(load(store.conn()).unwrap(), saved, "read back as saved");
    }

    #[test]
    fn turning_them_on_without_a_folder_or_with_a_relative_one_is_refused() {
        let mut store = store();
        for folder in ["", "backups"] {
            let new = BackupSettings {
                enabled: true,
                folder: folder.into(),
                keep: 0,
            };
            let err = save(store.conn_mut(), &Actor::system(), &new, now()).expect_err("refused");
            let crate::Error::Invalid(fields) = err else {
                panic!("a field error, not {err:?}")
            };
            let names: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(names, ["folder", "keep"], "each wrong field says so");
        }
    }

    #[test]
    fn only_the_administrator_sees_or_changes_the_schedule_or_the_last_outcome() {
        let mut store = store();
        assert_eq!(load_as(store.conn(), &coder()).unwrap_err().code(), "forbidden");
        let err = save(store.conn_mut(), &coder(), &BackupSettings::default(), now()).unwrap_err();
        assert_eq!(err.code(), "forbidden", "a coder cannot change it");
        let failed = LastAutomatic {
            at: now(),
            ok: false,
            file: "/srv/backups/appraise-2026-11-29.db".into(),
            message: "disk full".into(),
        };
        record_last_automatic(store.conn_mut(), &failed).unwrap();
        assert_eq!(
            last_automatic_as(store.conn(), &coder()).unwrap(),
            None,
            "a coder is not told"
        );
        assert_eq!(
            last_automatic_as(store.conn(), &Actor::system()).unwrap(),
            Some(failed),
            "the administrator is"
        );
    }
}
