//! `#[tauri::command]` adapters: lock the store, make one call into core,
//! convert the error. The clock is read here, at the edge.

use appraise_core::staff::{self, StaffInput, StaffMember};
use appraise_core::store::OpenStatus;
use appraise_core::{Error, ErrorPayload, Store};
use tauri::State;

use crate::AppState;

type CmdResult<T> = Result<T, ErrorPayload>;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Runs `f` on the open store, or returns why there is none.
fn with_store<T>(state: &AppState, f: impl FnOnce(&mut Store) -> appraise_core::Result<T>) -> CmdResult<T> {
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
    with_store(&state, |s| staff::add(s.conn_mut(), &input, today()))
}

#[tauri::command]
pub fn staff_edit(state: State<AppState>, staff_number: String, input: StaffInput) -> CmdResult<StaffMember> {
    with_store(&state, |s| staff::edit(s.conn_mut(), &staff_number, &input, today()))
}
