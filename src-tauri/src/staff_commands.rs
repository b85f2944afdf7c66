//! Staff records, the ESR import and the team view: each command one call
//! into core, as the signed-in person (`session::with_actor`).

use std::path::Path;

use appraise_core::staff::{self, StaffInput, StaffMember, StaffView};
use appraise_core::staff_import::{self, StaffImportPreview, StaffImportReport};
use appraise_core::team::{self, TeamMember};
use tauri::State;

use crate::clock::{now, today_date};
use crate::session::{with_actor, with_actor_slow};
use crate::state::CmdResult;
use crate::AppState;

/// The staff the signed-in person may see, each with what they may do with
/// them.
#[tauri::command(async)]
pub fn staff_list(state: State<AppState>) -> CmdResult<Vec<StaffView>> {
    with_actor(&state, move |s, actor| {
        staff::list_views_as(s.conn(), actor, today_date())
    })
}

#[tauri::command(async)]
pub fn staff_get(state: State<AppState>, staff_number: String) -> CmdResult<StaffView> {
    with_actor(&state, move |s, actor| {
        staff::view_as(s.conn(), actor, &staff_number, today_date())
    })
}

#[tauri::command(async)]
pub fn staff_add(state: State<AppState>, input: StaffInput) -> CmdResult<StaffMember> {
    with_actor(&state, move |s, actor| {
        staff::add_audited(s.conn_mut(), actor, &input, today_date(), now())
    })
}

#[tauri::command(async)]
pub fn staff_edit(state: State<AppState>, staff_number: String, input: StaffInput) -> CmdResult<StaffMember> {
    with_actor(&state, move |s, actor| {
        staff::edit_audited(s.conn_mut(), actor, &staff_number, &input, today_date(), now())
    })
}

/// Records a leaving date (dd/mm/yyyy or ISO); the records stay, read-only.
#[tauri::command(async)]
pub fn staff_mark_leaver(state: State<AppState>, staff_number: String, leaving_date: String) -> CmdResult<StaffMember> {
    with_actor(&state, move |s, actor| {
        staff::mark_leaver(s.conn_mut(), actor, &staff_number, &leaving_date, now())
    })
}

/// Undoes a leaving date recorded in error (administrator).
#[tauri::command(async)]
pub fn staff_reinstate(state: State<AppState>, staff_number: String) -> CmdResult<StaffMember> {
    with_actor(&state, move |s, actor| {
        staff::reinstate(s.conn_mut(), actor, &staff_number, now())
    })
}

/// Checks an ESR CSV export without storing anything (administrator).
#[tauri::command(async)]
pub fn staff_import_preview(state: State<AppState>, path: String) -> CmdResult<StaffImportPreview> {
    with_actor_slow(&state, move |s, actor| {
        staff_import::preview_file(s.conn(), actor, Path::new(&path), today_date())
    })
}

/// Imports an ESR CSV export: everyone, or nobody if any line is wrong
/// (administrator).
#[tauri::command(async)]
pub fn staff_import(state: State<AppState>, path: String) -> CmdResult<StaffImportReport> {
    with_actor_slow(&state, move |s, actor| {
        staff_import::import_file(s.conn_mut(), actor, Path::new(&path), today_date(), now())
    })
}

/// A line manager's reports (and their reports' reports); everyone for the
/// administrator.
#[tauri::command(async)]
pub fn team(state: State<AppState>) -> CmdResult<Vec<TeamMember>> {
    with_actor(&state, move |s, actor| team::team(s.conn(), actor, today_date()))
}
