//! The app shell: finds where the data lives (`connection`), starts the
//! store's own thread (`store_thread`), registers the IPC commands and
//! starts the window. No business rules here: each command is one call into
//! `appraise-core` and one error conversion.
//!
//! The commands are in one file per topic (`*_commands.rs`). Every command
//! on records goes through `session::with_actor`, which hands core the
//! signed-in `Actor`; core decides what that actor may see and do. Beneath
//! them all, `state` (the result type and the store) and `clock` (the date
//! the app works with), so the arrows point one way. `live` tells the
//! window when the department's server says something changed.

mod account_commands;
mod appraisal_commands;
mod audit_commands;
mod backup_commands;
mod clock;
mod coding_audit_commands;
#[cfg(test)]
mod command_bindings;
mod connection;
mod cpd_commands;
mod dashboard_commands;
mod framework_commands;
mod live;
mod nccq_commands;
mod pay_commands;
mod pdp_commands;
mod print_commands;
mod report_commands;
mod retention_commands;
mod session;
mod settings_commands;
mod shell_commands;
mod staff_commands;
mod state;
mod store_thread;
mod subject_access_commands;
mod training_commands;

use std::sync::{Arc, Mutex};

use store_thread::StoreThread;
use tauri::Manager;

/// What the commands share.
pub struct AppState {
    /// The store, on its own thread (`store_thread`).
    pub store: StoreThread,
    /// Where the data lives (`connection`).
    pub place: Mutex<connection::Place>,
    /// Who is signed in to this window.
    pub session: Arc<session::Session>,
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .manage(print_commands::PrintState::default())
        .manage(backup_commands::BackupState::default())
        .setup(|app| {
            let place = connection::find(app);
            let (choice, db_path, error) = (place.status.choice.clone(), place.db_path.clone(), place.error.clone());
            app.manage(AppState {
                store: StoreThread::start(move || {
                    let held = connection::open(choice.as_ref(), &db_path, error);
                    // The day's automatic backup, once the file is open (and migrated).
                    if held.store.is_some() && held.server.is_none() {
                        backup_commands::start_automatic(db_path);
                    }
                    held
                }),
                place: Mutex::new(place),
                session: Arc::default(),
            });
            live::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            shell_commands::startup_status,
            connection::connection_status,
            connection::connection_choose,
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
            framework_commands::framework_set_role_coding,
            nccq_commands::nccq_team,
            nccq_commands::nccq_status,
            nccq_commands::nccq_record,
            nccq_commands::nccq_settings,
            nccq_commands::nccq_settings_save,
            settings_commands::pay_steps_get,
            settings_commands::pay_steps_save,
            settings_commands::pay_review_weeks_get,
            settings_commands::pay_review_weeks_save,
            settings_commands::training_settings_get,
            settings_commands::training_settings_save,
            nccq_commands::nccq_add_course,
            nccq_commands::nccq_add_exam,
            nccq_commands::nccq_set_membership,
            coding_audit_commands::coding_audit_view,
            coding_audit_commands::coding_audit_add,
            coding_audit_commands::coding_audit_for_appraisal,
            coding_audit_commands::coding_audit_summary,
            coding_audit_commands::pdf_save_coding_audit_summary,
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
            dashboard_commands::dashboard_get,
            dashboard_commands::dashboard_overdue_since_sign_in,
            appraisal_commands::appraisal_start,
            appraisal_commands::appraisal_settings_get,
            appraisal_commands::appraisal_settings_save,
            appraisal_commands::appraisal_get,
            appraisal_commands::appraisal_set_step,
            appraisal_commands::appraisal_set_meeting_date,
            appraisal_commands::appraisal_cancel,
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
            subject_access_commands::person_export,
            backup_commands::backup_now,
            backup_commands::backup_check,
            backup_commands::backup_restore,
            backup_commands::backup_settings_get,
            backup_commands::backup_settings_save,
            backup_commands::backup_last_automatic,
            backup_commands::backup_pick_folder,
            retention_commands::retention_due,
            retention_commands::retention_rules,
            retention_commands::retention_mark,
            retention_commands::retention_hold,
            retention_commands::retention_lift_hold,
            retention_commands::retention_dispose,
            print_commands::pdf_export_cancel,
            print_commands::open_path,
            print_commands::pdf_verify,
            print_commands::print_settings_get,
            print_commands::print_settings_save,
            pay_commands::pay_status,
            pay_commands::pay_confirm_standard,
            pay_commands::pay_review,
            training_commands::training_view,
            training_commands::training_add,
            training_commands::training_import,
            training_commands::training_refreshers,
            cpd_commands::cpd_log,
            cpd_commands::cpd_add,
            report_commands::reports_overview,
            report_commands::skills_heatmap,
            report_commands::report_save,
            report_commands::calendar_save,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Appraise");
}
