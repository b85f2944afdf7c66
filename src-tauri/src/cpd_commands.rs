//! The CPD log: read by the person and their line managers, written by the
//! person (core decides who may).

use appraise_core::training::cpd::CpdLog;
use appraise_core::training::{cpd, CpdEntry, CpdInput};
use tauri::State;

use crate::clock::{now, today_date};
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// A person's CPD log and whether the signed-in person may add to it.
#[tauri::command(async)]
pub fn cpd_log(state: State<AppState>, staff_number: String) -> CmdResult<CpdLog> {
    with_actor(&state, move |s, actor| {
        cpd::view_as(s.conn(), actor, &staff_number, today_date())
    })
}

#[tauri::command(async)]
pub fn cpd_add(state: State<AppState>, staff_number: String, input: CpdInput) -> CmdResult<CpdEntry> {
    with_actor(&state, move |s, actor| {
        cpd::add_audited(s.conn_mut(), actor, &staff_number, &input, now())
    })
}
