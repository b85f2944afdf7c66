//! "Back up now…", "Restore from a backup…" and the automatic backups'
//! settings, on the Backups and Settings pages. Core makes, checks and
//! restores backups and decides who may (`appraise_core::backup`); the
//! shell asks where, reads the clock, and for a restore closes the store,
//! lets core replace the file and opens it again.
//!
//! Only a database file on this computer is backed up here; on the
//! department's server the README's `pg_dump` runbook applies. As for the
//! other dialogs, `APPRAISE_SAVE_FILE` (a file, or a folder for the
//! suggested name), `APPRAISE_PICK_FILE` and `APPRAISE_PICK_FOLDER` answer
//! them for automated tests.

use std::path::PathBuf;
use std::sync::Mutex;

use appraise_core::backup::{self, BackupCheck, BackupReport, RestoreReport};
use appraise_core::server::connection::ConnectionChoice;
use appraise_core::settings::backup::{self as schedule, BackupSettings, LastAutomatic};
use appraise_core::{access, Error, Store};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::clock::{now, today_date};
use crate::connection;
use crate::session::{with_actor, with_actor_slow};
use crate::state::{with_held, CmdResult};
use crate::store_thread::SLOW_LIMIT;
use crate::AppState;

/// The backup the administrator last checked in this window: the only one
/// "Restore" restores, so a script in the window cannot name another file.
#[derive(Default)]
pub struct BackupState {
    checked: Mutex<Option<PathBuf>>,
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|p| !p.is_empty()).map(PathBuf::from)
}

/// The database file, or why there is none to back up here (the data is
/// on the department's server).
fn database_file(state: &AppState) -> CmdResult<PathBuf> {
    let place = state.place.lock().expect("place lock");
    match place.status.choice {
        Some(ConnectionChoice::File) if !place.db_path.as_os_str().is_empty() => Ok(place.db_path.clone()),
        _ => Err(Error::invalid(
            "backup",
            "The data is on the department's server: its database administrator backs it up with pg_dump (the README's runbook \"Running a department server\", step 5, \"Backups\").",
        )
        .into()),
    }
}

/// "Back up now…": asks where to save, then makes and checks the backup
/// and its `.sha256` (administrator only). `None` when they cancel.
#[tauri::command(async)]
pub fn backup_now(app: AppHandle, state: State<AppState>) -> CmdResult<Option<BackupReport>> {
    with_actor(&state, |_, actor| access::can_back_up(actor))?;
    let source = database_file(&state)?;
    let suggested = format!("appraise-backup-{}.db", today_date().format("%Y-%m-%d"));
    let chosen = match env_path("APPRAISE_SAVE_FILE") {
        Some(p) if p.is_dir() => Some(p.join(&suggested)),
        Some(p) => Some(p),
        None => app
            .dialog()
            .file()
            .set_title("Save a backup of the Appraise database")
            .set_file_name(&suggested)
            .add_filter("Appraise backup", &["db"])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(out) = chosen else {
        return Ok(None);
    };
    let out = if out.extension().is_some() {
        out
    } else {
        out.with_extension("db")
    };
    with_actor_slow(&state, move |s, actor| {
        backup::backup_by(s.conn_mut(), actor, &source, &out, now())
    })
    .map(Some)
}

/// "Restore from a backup…", first step: asks which backup, then checks it
/// as a restore would, without changing anything (administrator only).
/// `None` when they cancel; a damaged or foreign file is refused here.
#[tauri::command(async)]
pub fn backup_check(
    app: AppHandle,
    state: State<AppState>,
    backups: State<BackupState>,
) -> CmdResult<Option<BackupCheck>> {
    with_actor(&state, |_, actor| access::can_restore(actor))?;
    let live = database_file(&state)?;
    *backups.checked.lock().expect("backup lock") = None;
    let chosen = match env_path("APPRAISE_PICK_FILE") {
        Some(p) => Some(p),
        None => app
            .dialog()
            .file()
            .set_title("Choose the backup to restore")
            .add_filter("Appraise backup", &["db"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(file) = chosen else {
        return Ok(None);
    };
    let checked = with_actor_slow(&state, move |_, actor| backup::inspect(actor, &file, &live))?;
    *backups.checked.lock().expect("backup lock") = Some(checked.file.clone());
    Ok(Some(checked))
}

/// "Restore from a backup…", confirmed: closes the store, lets core check
/// the backup again and replace the database (the current file kept
/// aside), opens it again and signs everyone out (administrator only). A
/// refused restore changes nothing and keeps the session.
#[tauri::command(async)]
pub fn backup_restore(state: State<AppState>, backups: State<BackupState>) -> CmdResult<RestoreReport> {
    let file = backups.checked.lock().expect("backup lock").take();
    restore_checked(&state, file)
}

/// [`backup_restore`] of `file`, the backup checked in this window.
fn restore_checked(state: &AppState, file: Option<PathBuf>) -> CmdResult<RestoreReport> {
    let actor = with_actor(state, |_, actor| access::can_restore(actor).map(|()| actor.clone()))?;
    let db = database_file(state)?;
    let Some(file) = file else {
        return Err(Error::invalid("backup", "Choose the backup to restore first.").into());
    };
    let report = with_held(state, SLOW_LIMIT, move |held| {
        // Core needs the only connection to the file: close the window's.
        held.store = None;
        let restored = backup::restore_by(&file, &db, &actor, now());
        *held = connection::open(Some(&ConnectionChoice::File), &db, None);
        restored.map_err(Into::into)
    })?;
    state.session.clear();
    Ok(report)
}

/// The automatic backups' settings (administrator only).
#[tauri::command(async)]
pub fn backup_settings_get(state: State<AppState>) -> CmdResult<BackupSettings> {
    with_actor(&state, |s, actor| schedule::load_as(s.conn(), actor))
}

/// Saves the automatic backups' settings (administrator only, audited).
#[tauri::command(async)]
pub fn backup_settings_save(state: State<AppState>, settings: BackupSettings) -> CmdResult<BackupSettings> {
    with_actor(&state, move |s, actor| {
        schedule::save(s.conn_mut(), actor, &settings, now())
    })
}

/// How the last automatic backup went, for the administrator's home page;
/// `None` for anyone else and before the first.
#[tauri::command(async)]
pub fn backup_last_automatic(state: State<AppState>) -> CmdResult<Option<LastAutomatic>> {
    with_actor(&state, |s, actor| schedule::last_automatic_as(s.conn(), actor))
}

/// Shows the folder dialog for the automatic backups' folder
/// (administrator only); `None` when they cancel.
#[tauri::command(async)]
pub fn backup_pick_folder(app: AppHandle, state: State<AppState>) -> CmdResult<Option<String>> {
    with_actor(&state, |_, actor| access::can_back_up(actor))?;
    let folder = match env_path("APPRAISE_PICK_FOLDER") {
        Some(p) => Some(p),
        None => app
            .dialog()
            .file()
            .set_title("Choose the folder for automatic backups")
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok()),
    };
    Ok(folder.map(|p| p.display().to_string()))
}

/// At start, once the store is open on a file: makes the day's automatic
/// backup if it is due, on a thread of its own so neither the window nor
/// the store's thread waits for it. Its outcome is recorded in the
/// database (core), for the home page.
pub fn start_automatic(db: PathBuf) {
    let _ = std::thread::Builder::new()
        .name("automatic backup".into())
        .spawn(move || {
            let Ok(mut store) = Store::open(&db) else {
                return;
            };
            let _ = backup::automatic::run_if_due(store.conn_mut(), &db, today_date(), now());
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Instant;

    use appraise_core::accounts::{self, Actor};
    use appraise_core::server::connection::{ConnectionStatus, ServerPlace};
    use appraise_core::staff::StaffInput;

    use crate::connection::Place;
    use crate::store_thread::{StoreThread, LIMIT};

    const PASSPHRASE: &str = "a long enough passphrase for the test";

    /// A new empty folder of its own for one test.
    fn folder(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("appraise-backup-commands-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A window on a database file with its administrator signed in.
    fn window(db: &std::path::Path) -> (AppState, Actor) {
        let mut store = Store::open(db).unwrap();
        let input = StaffInput {
            forename: "Ada".into(),
            surname: "Admin".into(),
            band: "8a".into(),
            job_title: "Coding Services Manager".into(),
            appointed: "2020-04-01".into(),
            ..StaffInput::default()
        };
        let admin = accounts::create_first_administrator(store.conn_mut(), &input, PASSPHRASE, now()).unwrap();
        drop(store);
        let path = db.to_path_buf();
        let state = AppState {
            store: StoreThread::start(move || connection::open(Some(&ConnectionChoice::File), &path, None)),
            place: Mutex::new(Place {
                status: ConnectionStatus {
                    choice: Some(ConnectionChoice::File),
                    fixed_by: None,
                    saved_in: String::new(),
                },
                db_path: db.to_path_buf(),
                error: None,
            }),
            session: Arc::default(),
        };
        state.session.set(admin.clone(), Instant::now());
        (state, admin)
    }

    #[test]
    fn on_the_department_server_the_window_points_to_the_runbook_instead_of_backing_up() {
        let dir = folder("server");
        let (state, _) = window(&dir.join("appraise.db"));
        state.place.lock().unwrap().status.choice = Some(ConnectionChoice::Server(ServerPlace {
            host: "db.trust.nhs.uk".into(),
            port: 5432,
            database: "coding".into(),
            sslmode: None,
        }));
        let refused = database_file(&state).expect_err("no file to back up");
        assert!(
            refused.message.contains("pg_dump"),
            "names the runbook: {}",
            refused.message
        );
    }

    #[test]
    fn a_restore_closes_the_store_puts_the_backup_in_place_opens_it_again_and_signs_everyone_out() {
        let dir = folder("restore");
        let db = dir.join("appraise.db");
        let (state, _) = window(&db);
        let out = dir.join("backup.db");
        let source = db.clone();
        let target = out.clone();
        with_actor(&state, move |s, actor| {
            backup::backup_by(s.conn_mut(), actor, &source, &target, now())
        })
        .expect("backed up while the window has the file open");
        let report = restore_checked(&state, Some(out)).expect("restored with the window open");
        assert!(
            report.kept_aside.is_some_and(|p| p.exists()),
            "the old file is kept aside"
        );
        let refused = with_actor(&state, |_, _| Ok(())).expect_err("signed out");
        assert_eq!(refused.code, "unauthenticated", "everyone is signed out");
        let rows: i64 = with_held(&state, LIMIT, |held| {
            held.store()?
                .conn()
                .query_row(
                    "SELECT count(*) FROM audit WHERE action = 'database.restore'",
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| Error::from(e).into())
        })
        .expect("the store is open again");
        assert_eq!(rows, 1, "the restore is in the reopened database's audit trail");
    }

    #[test]
    fn a_damaged_backup_is_refused_the_store_stays_open_and_the_administrator_signed_in() {
        let dir = folder("damaged");
        let db = dir.join("appraise.db");
        let (state, admin) = window(&db);
        let out = dir.join("backup.db");
        let (source, target) = (db.clone(), out.clone());
        with_actor(&state, move |s, actor| {
            backup::backup_by(s.conn_mut(), actor, &source, &target, now())
        })
        .unwrap();
        let mut bytes = std::fs::read(&out).unwrap();
        bytes[200] ^= 1;
        std::fs::write(&out, bytes).unwrap();
        let refused = restore_checked(&state, Some(out)).expect_err("changed");
        assert!(refused.message.contains("checksum"), "says why: {}", refused.message);
        let who = with_actor(&state, |_, actor| Ok(actor.staff_number.clone())).expect("still signed in");
        assert_eq!(who, admin.staff_number, "the same administrator carries on");
        assert!(
            restore_checked(&state, None).is_err(),
            "nothing checked, nothing restored"
        );
    }
}
