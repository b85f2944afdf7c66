//! `#[tauri::command]` adapters: lock the store, make one call into core,
//! convert the error. The clock is read here, at the edge.
//!
//! Two environment variables serve automated tests and demonstrations:
//! `APPRAISE_TODAY` (YYYY-MM-DD) fixes the date the app works with, and
//! `APPRAISE_PICK_FILE` answers the file-open dialog with a path instead of
//! showing it (WebDriver cannot reach a native dialog).

use appraise_core::framework::{self, FilePreview, FrameworkSummary, FrameworkTree, ImportReport, RoleGrid};
use appraise_core::nccq::{
    self, CourseAttendance, CourseInput, ExamInput, ExamOutcome, NccqRecord, NccqSettings, NccqStatus,
};
use appraise_core::staff::{self, StaffInput, StaffMember};
use appraise_core::store::OpenStatus;
use appraise_core::{Error, ErrorPayload, Store};
use tauri::State;

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

#[tauri::command]
pub fn staff_list(state: State<AppState>) -> CmdResult<Vec<StaffMember>> {
    with_store(&state, |s| staff::list(s.conn()))
}

#[tauri::command]
pub fn staff_get(state: State<AppState>, staff_number: String) -> CmdResult<StaffMember> {
    with_store(&state, |s| staff::get(s.conn(), &staff_number))
}

#[tauri::command]
pub fn staff_add(state: State<AppState>, input: StaffInput) -> CmdResult<StaffMember> {
    with_store(&state, |s| staff::add(s.conn_mut(), &input, today_date()))
}

#[tauri::command]
pub fn staff_edit(state: State<AppState>, staff_number: String, input: StaffInput) -> CmdResult<StaffMember> {
    with_store(&state, |s| {
        staff::edit(s.conn_mut(), &staff_number, &input, today_date())
    })
}

/// The date the app works with (ISO), for "today" marks on screen.
#[tauri::command]
pub fn today() -> String {
    today_date().to_string()
}

/// Shows the system's file-open dialog; `None` when the person cancels.
/// Async so the dialog does not block the main thread it needs.
#[tauri::command]
pub async fn pick_file(app: tauri::AppHandle, title: String, extensions: Vec<String>) -> Option<String> {
    use tauri_plugin_dialog::DialogExt;
    if let Some(path) = std::env::var_os("APPRAISE_PICK_FILE").filter(|p| !p.is_empty()) {
        return Some(path.to_string_lossy().into_owned());
    }
    let exts: Vec<&str> = extensions.iter().map(String::as_str).collect();
    app.dialog()
        .file()
        .set_title(title)
        .add_filter("Framework files", &exts)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

#[tauri::command]
pub fn framework_list(state: State<AppState>) -> CmdResult<Vec<FrameworkSummary>> {
    with_store(&state, |s| framework::list(s.conn()))
}

#[tauri::command]
pub fn framework_tree(state: State<AppState>, framework_id: i64) -> CmdResult<FrameworkTree> {
    with_store(&state, |s| framework::tree(s.conn(), framework_id))
}

/// Reads and checks a file; writes nothing.
#[tauri::command]
pub fn framework_preview(path: String) -> CmdResult<FilePreview> {
    framework::preview_file(std::path::Path::new(&path)).map_err(ErrorPayload::from)
}

#[tauri::command]
pub fn framework_import(state: State<AppState>, path: String, name: String) -> CmdResult<ImportReport> {
    with_store(&state, |s| {
        framework::import_file(s.conn_mut(), std::path::Path::new(&path), &name, now())
    })
}

#[tauri::command]
pub fn framework_role_grid(state: State<AppState>, framework_id: i64) -> CmdResult<RoleGrid> {
    with_store(&state, |s| framework::role_grid(s.conn(), framework_id))
}

#[tauri::command]
pub fn framework_set_expectation(
    state: State<AppState>,
    role_id: i64,
    skill_code: String,
    competency: String,
    level: Option<u8>,
) -> CmdResult<()> {
    with_store(&state, |s| {
        framework::set_expectation(s.conn(), role_id, &skill_code, &competency, level)
    })
}

/// Everyone still working towards the NCCQ, least time left first.
#[tauri::command]
pub fn nccq_team(state: State<AppState>) -> CmdResult<Vec<NccqStatus>> {
    with_store(&state, |s| nccq::team_status(s.conn(), today_date()))
}

#[tauri::command]
pub fn nccq_status(state: State<AppState>, staff_number: String) -> CmdResult<NccqStatus> {
    with_store(&state, |s| nccq::status(s.conn(), &staff_number, today_date()))
}

#[tauri::command]
pub fn nccq_record(state: State<AppState>, staff_number: String) -> CmdResult<NccqRecord> {
    with_store(&state, |s| nccq::record(s.conn(), &staff_number))
}

#[tauri::command]
pub fn nccq_settings(state: State<AppState>) -> CmdResult<NccqSettings> {
    with_store(&state, |s| nccq::settings(s.conn()))
}

#[tauri::command]
pub fn nccq_add_course(
    state: State<AppState>,
    staff_number: String,
    input: CourseInput,
) -> CmdResult<CourseAttendance> {
    with_store(&state, |s| nccq::add_course(s.conn_mut(), &staff_number, &input))
}

#[tauri::command]
pub fn nccq_add_exam(state: State<AppState>, staff_number: String, input: ExamInput) -> CmdResult<ExamOutcome> {
    with_store(&state, |s| {
        nccq::add_exam_attempt(s.conn_mut(), &staff_number, &input, today_date())
    })
}

/// Records the last day of someone's IHRIM membership; returns it (ISO).
#[tauri::command]
pub fn nccq_set_membership(state: State<AppState>, staff_number: String, valid_until: String) -> CmdResult<String> {
    with_store(&state, |s| {
        nccq::set_ihrim_membership(s.conn_mut(), &staff_number, &valid_until).map(|d| d.to_string())
    })
}
