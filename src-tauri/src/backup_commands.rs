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
    database_file(&state)?;
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
    let checked = with_actor_slow(&state, move |_, actor| backup::inspect(actor, &file))?;
    *backups.checked.lock().expect("backup lock") = Some(checked.file.clone());
    Ok(Some(checked))
}

/// "Restore from a backup…", confirmed: closes the store, lets core check
/// the backup again and replace the database (the current file kept
/// aside), opens it again and signs everyone out (administrator only). A
/// refused restore changes nothing and keeps the session.
#[tauri::command(async)]
pub fn backup_restore(state: State<AppState>, backups: State<BackupState>) -> CmdResult<RestoreReport> {
    let actor = with_actor(&state, |_, actor| access::can_restore(actor).map(|()| actor.clone()))?;
    let db = database_file(&state)?;
    let Some(file) = backups.checked.lock().expect("backup lock").take() else {
        return Err(Error::invalid("backup", "Choose the backup to restore first.").into());
    };
    let report = with_held(&state, SLOW_LIMIT, move |held| {
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
