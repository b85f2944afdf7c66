//! The skills framework and role profiles: reading them (anyone signed in),
//! importing and changing them (the administrator; core decides).

use std::path::Path;

use appraise_core::framework::{self, FilePreview, FrameworkSummary, FrameworkTree, ImportReport, RoleGrid};
use tauri::State;

use crate::clock::now;
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

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
