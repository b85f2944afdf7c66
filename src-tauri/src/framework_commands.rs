//! The skills framework and role profiles: reading them (anyone signed in),
//! importing and changing them (the administrator; core decides).

use std::path::Path;

use appraise_core::framework::{self, FilePreview, FrameworkSummary, FrameworkTree, ImportReport, RoleGrid};
use tauri::State;

use crate::clock::now;
use crate::session::{with_actor, with_actor_slow};
use crate::state::CmdResult;
use crate::AppState;

#[tauri::command(async)]
pub fn framework_list(state: State<AppState>) -> CmdResult<Vec<FrameworkSummary>> {
    with_actor(&state, move |s, _| framework::list(s.conn()))
}

#[tauri::command(async)]
pub fn framework_tree(state: State<AppState>, framework_id: i64) -> CmdResult<FrameworkTree> {
    with_actor(&state, move |s, _| framework::tree(s.conn(), framework_id))
}

/// Reads and checks a file; writes nothing (administrator).
#[tauri::command(async)]
pub fn framework_preview(state: State<AppState>, path: String) -> CmdResult<FilePreview> {
    with_actor_slow(&state, move |_, actor| framework::preview_file(actor, Path::new(&path)))
}

#[tauri::command(async)]
pub fn framework_import(state: State<AppState>, path: String, name: String) -> CmdResult<ImportReport> {
    with_actor_slow(&state, move |s, actor| {
        framework::import_file(s.conn_mut(), actor, Path::new(&path), &name, now())
    })
}

#[tauri::command(async)]
pub fn framework_role_grid(state: State<AppState>, framework_id: i64) -> CmdResult<RoleGrid> {
    with_actor(&state, move |s, _| framework::role_grid(s.conn(), framework_id))
}

#[tauri::command(async)]
pub fn framework_set_expectation(
    state: State<AppState>,
    role_id: i64,
    skill_code: String,
    competency: String,
    level: Option<u8>,
) -> CmdResult<()> {
    with_actor(&state, move |s, actor| {
        framework::set_expectation(s.conn_mut(), actor, role_id, &skill_code, &competency, level, now())
    })
}

/// Marks a role as a coding role or not: its holders without an ACC date
/// are on the NCCQ pathway, unless their staff record says otherwise.
#[tauri::command(async)]
pub fn framework_set_role_coding(state: State<AppState>, role_id: i64, coding: bool) -> CmdResult<()> {
    with_actor(&state, move |s, actor| {
        framework::set_role_coding(s.conn_mut(), actor, role_id, coding, now())
    })
}
