//! The app shell: opens the store, registers the IPC commands and starts the
//! window. No business rules here: each command is one call into
//! `appraise-core` and one error conversion.
//!
//! The commands are in one file per topic (`*_commands.rs`). Every command
//! on records goes through `session::with_actor`, which hands core the
//! signed-in `Actor`; core decides what that actor may see and do. Beneath
//! them all, `state` (the result type and the store) and `clock` (the date
//! the app works with), so the arrows point one way.

mod account_commands;
mod appraisal_commands;
mod audit_commands;
mod clock;
#[cfg(test)]
mod command_bindings;
mod framework_commands;
mod nccq_commands;
mod pdp_commands;
mod print_commands;
mod session;
mod shell_commands;
mod staff_commands;
mod state;

use std::path::PathBuf;
use std::sync::Mutex;

use appraise_core::server::url::DbLocation;
use appraise_core::{Error, ErrorPayload, Store};
use tauri::Manager;

/// What the commands share. The store is `None` when the database could not
/// be opened; `startup_error` then says why, and the window shows it.
pub struct AppState {
    pub store: Mutex<Option<Store>>,
    pub db_path: PathBuf,
    pub startup_error: Option<ErrorPayload>,
    /// Who is signed in to this window.
    pub session: session::Session,
}

/// The database path: `$APPRAISE_DB` if set, else `appraise.db` in the
/// platform's app-data folder (on Linux `~/.local/share/uk.nhs.appraise`).
fn database_path(app: &tauri::App) -> Result<PathBuf, ErrorPayload> {
    if let Some(p) = std::env::var_os("APPRAISE_DB").filter(|p| !p.is_empty()) {
        // Read as the CLI reads --db, so a server address is never opened as
        // a file (nor its password shown in a message about one).
        return match DbLocation::parse(&p.to_string_lossy(), None)? {
            DbLocation::File(path) => Ok(path),
            DbLocation::Server(_) => Err(ErrorPayload::from(Error::invalid(
                "db",
                "APPRAISE_DB names a department server (PostgreSQL). This version of the window opens a database file only; set APPRAISE_DB to a file, or leave it unset.".to_owned(),
            ))),
        };
    }
    let dir = app.path().app_data_dir().map_err(|e| ErrorPayload {
        code: "io".into(),
        message: format!("Cannot find the app-data folder: {e}"),
        fields: vec![],
    })?;
    std::fs::create_dir_all(&dir).map_err(|e| ErrorPayload {
        code: "io".into(),
        message: format!("Cannot create {}: {e}", dir.display()),
        fields: vec![],
    })?;
    Ok(dir.join("appraise.db"))
}

/// Opens with the built-in skills framework and role profiles in place.
fn seed(mut store: Store) -> appraise_core::Result<Store> {
    appraise_core::framework::ensure_builtin(store.conn_mut(), clock::now())?;
    Ok(store)
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(print_commands::PrintState::default())
        .setup(|app| {
            let (store, db_path, startup_error) = match database_path(app) {
                Ok(path) => match Store::open(&path).and_then(seed) {
                    Ok(store) => (Some(store), path, None),
                    Err(e) => (None, path, Some(ErrorPayload::from(e))),
                },
                Err(e) => (None, PathBuf::new(), Some(e)),
            };
            app.manage(AppState {
                store: Mutex::new(store),
                db_path,
                startup_error,
                session: session::Session::default(),
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            shell_commands::startup_status,
            session::session_status,
            session::first_run,
            session::sign_in,
            session::sign_out,
            session::unlock,
            session::change_passphrase,
            session::session_touch,
            session::rights,
            staff_commands::staff_list,
            staff_commands::staff_get,
            staff_commands::staff_add,
            staff_commands::staff_edit,
            staff_commands::staff_mark_leaver,
            staff_commands::staff_reinstate,
            staff_commands::staff_import_preview,
            staff_commands::staff_import,
            staff_commands::team,
            shell_commands::today,
            shell_commands::pick_file,
            framework_commands::framework_list,
            framework_commands::framework_tree,
            framework_commands::framework_preview,
            framework_commands::framework_import,
            framework_commands::framework_role_grid,
            framework_commands::framework_set_expectation,
            nccq_commands::nccq_team,
            nccq_commands::nccq_status,
            nccq_commands::nccq_record,
            nccq_commands::nccq_settings,
            nccq_commands::nccq_add_course,
            nccq_commands::nccq_add_exam,
            nccq_commands::nccq_set_membership,
            account_commands::account_list,
            account_commands::account_create,
            account_commands::account_reset_passphrase,
            account_commands::account_set_role,
            account_commands::idle_lock_get,
            account_commands::idle_lock_set,
            audit_commands::audit_list,
            audit_commands::audit_record_types,
            audit_commands::audit_verify,
            appraisal_commands::appraisal_list,
            appraisal_commands::appraisal_schedule,
            appraisal_commands::appraisal_start,
            appraisal_commands::appraisal_settings_get,
            appraisal_commands::appraisal_settings_save,
            appraisal_commands::appraisal_get,
            appraisal_commands::appraisal_set_step,
            appraisal_commands::appraisal_set_previous_outcome,
            appraisal_commands::appraisal_set_self_level,
            appraisal_commands::appraisal_set_agreed_level,
            appraisal_commands::appraisal_add_objective,
            appraisal_commands::appraisal_update_objective,
            appraisal_commands::appraisal_remove_objective,
            appraisal_commands::appraisal_set_kpi,
            appraisal_commands::appraisal_suggest_learning_needs,
            appraisal_commands::appraisal_add_pdp_item,
            appraisal_commands::appraisal_update_pdp_item,
            appraisal_commands::appraisal_remove_pdp_item,
            appraisal_commands::appraisal_set_wellbeing,
            appraisal_commands::appraisal_pay,
            appraisal_commands::appraisal_confirm_pay,
            appraisal_commands::appraisal_set_comments,
            appraisal_commands::appraisal_sign_off,
            appraisal_commands::appraisal_reopen,
            pdp_commands::pdp_current,
            pdp_commands::pdp_team,
            pdp_commands::pdp_set_progress,
            print_commands::pdf_save_appraisal,
            print_commands::pdf_save_pdp,
            print_commands::pdf_save_nccq,
            print_commands::pdf_export_cycle,
            print_commands::pdf_export_cancel,
            print_commands::open_path,
            print_commands::pdf_verify,
            print_commands::print_settings_get,
            print_commands::print_settings_save,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Appraise");
}
