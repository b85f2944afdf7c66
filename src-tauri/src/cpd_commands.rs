//! The CPD log: read by the person and their line managers, written by the
//! person (core decides who may).

use appraise_core::training::{cpd, CpdEntry, CpdInput};
use tauri::State;

use crate::clock::now;
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

#[tauri::command(async)]
pub fn cpd_list(state: State<AppState>, staff_number: String) -> CmdResult<Vec<CpdEntry>> {
    with_actor(&state, move |s, actor| cpd::list_as(s.conn(), actor, &staff_number))
}

#[tauri::command(async)]
pub fn cpd_add(state: State<AppState>, staff_number: String, input: CpdInput) -> CmdResult<CpdEntry> {
    with_actor(&state, move |s, actor| {
        cpd::add_audited(s.conn_mut(), actor, &staff_number, &input, now())
    })
}
