//! `#[tauri::command]` adapters: lock the store, make one call into core,
//! convert the error. The clock is read here, at the edge.
//!
//! Every command on records goes through `session::with_actor`, which hands
//! core the signed-in `Actor`; core decides what that actor may see and do.
//!
//! Two environment variables serve automated tests and demonstrations:
//! `APPRAISE_TODAY` (YYYY-MM-DD) fixes the date the app works with, and
//! `APPRAISE_PICK_FILE` answers the file-open dialog with a path instead of
//! showing it (WebDriver cannot reach a native dialog).

use std::path::Path;

use appraise_core::accounts::{self, AccountSummary, Role};
use appraise_core::audit::{self, AuditEntry, AuditFilter, VerifyReport};
use appraise_core::framework::{self, FilePreview, FrameworkSummary, FrameworkTree, ImportReport, RoleGrid};
use appraise_core::nccq::{
    self, CourseAttendance, CourseInput, ExamInput, ExamOutcome, NccqRecord, NccqSettings, NccqStatus,
};
use appraise_core::staff::{self, StaffInput, StaffMember};
use appraise_core::staff_import::{self, StaffImportPreview, StaffImportReport};
use appraise_core::store::OpenStatus;
use appraise_core::team::{self, TeamMember};
use appraise_core::{settings, Error, ErrorPayload, Store};
use tauri::State;

use crate::session::with_actor;
use crate::AppState;

pub type CmdResult<T> = Result<T, ErrorPayload>;

pub fn today_date() -> chrono::NaiveDate {
    std::env::var("APPRAISE_TODAY")
        .ok()
        .and_then(|t| chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Now, on `today_date()`: the time of day is the clock's.
pub fn now() -> chrono::NaiveDateTime {
    today_date().and_time(chrono::Local::now().time())
}

/// Runs `f` on the open store, or returns why there is none.
pub fn with_store<T>(state: &AppState, f: impl FnOnce(&mut Store) -> appraise_core::Result<T>) -> CmdResult<T> {
    let mut guard = state.store.lock().map_err(|_| {
        ErrorPayload::from(Error::Io(
            "The store is unavailable after an earlier failure; restart Appraise.".into(),
        ))
    })?;
    match guard.as_mut() {
        Some(store) => f(store).map_err(ErrorPayload::from),
        None => Err(state.startup_error.clone().expect("no store means a startup error")),
    }
}

#[tauri::command]
pub fn startup_status(state: State<AppState>) -> OpenStatus {
    OpenStatus {
        db_path: state.db_path.display().to_string(),
        error: state.startup_error.clone(),
    }
}

// ------------------------------------------------------------------ staff --

/// The staff the signed-in person may see.
#[tauri::command]
pub fn staff_list(state: State<AppState>) -> CmdResult<Vec<StaffMember>> {
    with_actor(&state, |s, actor| staff::list_as(s.conn(), actor))
}

#[tauri::command]
pub fn staff_get(state: State<AppState>, staff_number: String) -> CmdResult<StaffMember> {
    with_actor(&state, |s, actor| staff::get_as(s.conn(), actor, &staff_number))
}

#[tauri::command]
pub fn staff_add(state: State<AppState>, input: StaffInput) -> CmdResult<StaffMember> {
    with_actor(&state, |s, actor| {
        staff::add_audited(s.conn_mut(), actor, &input, today_date(), now())
    })
}

#[tauri::command]
pub fn staff_edit(state: State<AppState>, staff_number: String, input: StaffInput) -> CmdResult<StaffMember> {
    with_actor(&state, |s, actor| {
        staff::edit_audited(s.conn_mut(), actor, &staff_number, &input, today_date(), now())
    })
}

/// Records a leaving date (dd/mm/yyyy or ISO); the records stay, read-only.
#[tauri::command]
pub fn staff_mark_leaver(state: State<AppState>, staff_number: String, leaving_date: String) -> CmdResult<StaffMember> {
    with_actor(&state, |s, actor| {
        staff::mark_leaver(s.conn_mut(), actor, &staff_number, &leaving_date, now())
    })
}

/// Undoes a leaving date recorded in error (administrator).
#[tauri::command]
pub fn staff_reinstate(state: State<AppState>, staff_number: String) -> CmdResult<StaffMember> {
    with_actor(&state, |s, actor| {
        staff::reinstate(s.conn_mut(), actor, &staff_number, now())
    })
}

/// Checks an ESR CSV export without storing anything (administrator).
#[tauri::command]
pub fn staff_import_preview(state: State<AppState>, path: String) -> CmdResult<StaffImportPreview> {
    with_actor(&state, |s, actor| {
        staff_import::preview_file(s.conn(), actor, Path::new(&path), today_date())
    })
}

/// Imports an ESR CSV export: everyone, or nobody if any line is wrong
/// (administrator).
#[tauri::command]
pub fn staff_import(state: State<AppState>, path: String) -> CmdResult<StaffImportReport> {
    with_actor(&state, |s, actor| {
        staff_import::import_file(s.conn_mut(), actor, Path::new(&path), today_date(), now())
    })
}

/// A line manager's reports (and their reports' reports); everyone for the
/// administrator.
#[tauri::command]
pub fn team(state: State<AppState>) -> CmdResult<Vec<TeamMember>> {
    with_actor(&state, |s, actor| team::team(s.conn(), actor, today_date()))
}

/// The date the app works with (ISO), for "today" marks on screen.
#[tauri::command]
pub fn today() -> String {
    today_date().to_string()
}

/// Shows the system's file-open dialog; `None` when the person cancels.
/// `filter` names the kind of file in the dialog ("Framework files" unless
/// given). Async so the dialog does not block the main thread it needs.
#[tauri::command]
pub async fn pick_file(
    app: tauri::AppHandle,
    title: String,
    extensions: Vec<String>,
    filter: Option<String>,
) -> Option<String> {
    use tauri_plugin_dialog::DialogExt;
    if let Some(path) = std::env::var_os("APPRAISE_PICK_FILE").filter(|p| !p.is_empty()) {
        return Some(path.to_string_lossy().into_owned());
    }
    let exts: Vec<&str> = extensions.iter().map(String::as_str).collect();
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.as_deref().unwrap_or("Framework files"), &exts)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

// -------------------------------------------------------------- framework --

#[tauri::command]
pub fn framework_list(state: State<AppState>) -> CmdResult<Vec<FrameworkSummary>> {
    with_actor(&state, |s, _| framework::list(s.conn()))
}

#[tauri::command]
pub fn framework_tree(state: State<AppState>, framework_id: i64) -> CmdResult<FrameworkTree> {
    with_actor(&state, |s, _| framework::tree(s.conn(), framework_id))
}

/// Reads and checks a file; writes nothing (administrator).
#[tauri::command]
pub fn framework_preview(state: State<AppState>, path: String) -> CmdResult<FilePreview> {
    with_actor(&state, |_, actor| framework::preview_file(actor, Path::new(&path)))
}

#[tauri::command]
pub fn framework_import(state: State<AppState>, path: String, name: String) -> CmdResult<ImportReport> {
    with_actor(&state, |s, actor| {
        framework::import_file(s.conn_mut(), actor, Path::new(&path), &name, now())
    })
}

#[tauri::command]
pub fn framework_role_grid(state: State<AppState>, framework_id: i64) -> CmdResult<RoleGrid> {
    with_actor(&state, |s, _| framework::role_grid(s.conn(), framework_id))
}

#[tauri::command]
pub fn framework_set_expectation(
    state: State<AppState>,
    role_id: i64,
    skill_code: String,
    competency: String,
    level: Option<u8>,
) -> CmdResult<()> {
    with_actor(&state, |s, actor| {
        framework::set_expectation(s.conn_mut(), actor, role_id, &skill_code, &competency, level, now())
    })
}

// ------------------------------------------------------------------- NCCQ --

/// Everyone the signed-in person may see who is still working towards the
/// NCCQ, least time left first.
#[tauri::command]
pub fn nccq_team(state: State<AppState>) -> CmdResult<Vec<NccqStatus>> {
    with_actor(&state, |s, actor| nccq::team_status(s.conn(), actor, today_date()))
}

#[tauri::command]
pub fn nccq_status(state: State<AppState>, staff_number: String) -> CmdResult<NccqStatus> {
    with_actor(&state, |s, actor| {
        nccq::status_as(s.conn(), actor, &staff_number, today_date())
    })
}

#[tauri::command]
pub fn nccq_record(state: State<AppState>, staff_number: String) -> CmdResult<NccqRecord> {
    with_actor(&state, |s, actor| nccq::record(s.conn(), actor, &staff_number))
}

#[tauri::command]
pub fn nccq_settings(state: State<AppState>) -> CmdResult<NccqSettings> {
    with_actor(&state, |s, _| nccq::settings(s.conn()))
}

#[tauri::command]
pub fn nccq_add_course(
    state: State<AppState>,
    staff_number: String,
    input: CourseInput,
) -> CmdResult<CourseAttendance> {
    with_actor(&state, |s, actor| {
        nccq::add_course_audited(s.conn_mut(), actor, &staff_number, &input, now())
    })
}

#[tauri::command]
pub fn nccq_add_exam(state: State<AppState>, staff_number: String, input: ExamInput) -> CmdResult<ExamOutcome> {
    with_actor(&state, |s, actor| {
        nccq::add_exam_attempt_audited(s.conn_mut(), actor, &staff_number, &input, today_date(), now())
    })
}

/// Records the last day of someone's IHRIM membership; returns it (ISO).
#[tauri::command]
pub fn nccq_set_membership(state: State<AppState>, staff_number: String, valid_until: String) -> CmdResult<String> {
    with_actor(&state, |s, actor| {
        nccq::set_ihrim_membership_audited(s.conn_mut(), actor, &staff_number, &valid_until, now())
            .map(|d| d.to_string())
    })
}

// ------------------------------------------------------- accounts (admin) --

#[tauri::command]
pub fn account_list(state: State<AppState>) -> CmdResult<Vec<AccountSummary>> {
    with_actor(&state, |s, actor| accounts::list(s.conn(), actor))
}

/// Gives a staff member an account with a first passphrase, which they
/// change at their first sign-in.
#[tauri::command]
pub fn account_create(
    state: State<AppState>,
    staff_number: String,
    role: Role,
    passphrase: String,
) -> CmdResult<AccountSummary> {
    with_actor(&state, |s, actor| {
        accounts::create_account(s.conn_mut(), actor, &staff_number, role, &passphrase, now())
    })
}

#[tauri::command]
pub fn account_reset_passphrase(
    state: State<AppState>,
    staff_number: String,
    passphrase: String,
) -> CmdResult<AccountSummary> {
    with_actor(&state, |s, actor| {
        accounts::reset_passphrase(s.conn_mut(), actor, &staff_number, &passphrase, now())
    })
}

#[tauri::command]
pub fn account_set_role(state: State<AppState>, staff_number: String, role: Role) -> CmdResult<AccountSummary> {
    with_actor(&state, |s, actor| {
        accounts::set_role(s.conn_mut(), actor, &staff_number, role, now())
    })
}

/// Minutes of no use before the window locks.
#[tauri::command]
pub fn idle_lock_get(state: State<AppState>) -> CmdResult<u32> {
    with_actor(&state, |s, _| settings::idle_lock::load(s.conn()))
}

#[tauri::command]
pub fn idle_lock_set(state: State<AppState>, minutes: u32) -> CmdResult<u32> {
    with_actor(&state, |s, actor| {
        settings::idle_lock::save(s.conn_mut(), actor, minutes, now())
    })
}

// ------------------------------------------------------ audit trail (admin) --

#[tauri::command]
pub fn audit_list(state: State<AppState>, filter: AuditFilter) -> CmdResult<Vec<AuditEntry>> {
    with_actor(&state, |s, actor| audit::list(s.conn(), actor, &filter))
}

/// The record types the trail names, for the log browser's filter.
#[tauri::command]
pub fn audit_record_types(state: State<AppState>) -> CmdResult<Vec<String>> {
    with_actor(&state, |s, actor| audit::record_types(s.conn(), actor))
}

#[tauri::command]
pub fn audit_verify(state: State<AppState>) -> CmdResult<VerifyReport> {
    with_actor(&state, |s, actor| audit::verify_as(s.conn(), actor))
}
