//! `#[tauri::command]` adapters for personal development plans between
//! meetings: a person's current plan, a manager's team plans, and progress
//! on an activity. Each goes through `session::with_actor` and makes one call
//! into `appraise_core::appraisal`.

use appraise_core::appraisal::{self, PdpPlan, PdpProgress, PdpProgressInput};
use tauri::State;

use crate::clock::{now, today_date};
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// A person's current plan and progress: the signed-in person's own when
/// no staff number is given.
#[tauri::command(async)]
pub fn pdp_current(state: State<AppState>, staff_number: Option<String>) -> CmdResult<PdpPlan> {
    with_actor(&state, move |s, actor| {
        let who = staff_number.unwrap_or_else(|| actor.staff_number.clone());
        appraisal::current_pdp_as(s.conn(), actor, &who)
    })
}

/// The plans of the people the signed-in person manages.
#[tauri::command(async)]
pub fn pdp_team(state: State<AppState>) -> CmdResult<Vec<PdpPlan>> {
    with_actor(&state, move |s, actor| {
        appraisal::team_pdp_as(s.conn(), actor, today_date())
    })
}

#[tauri::command(async)]
pub fn pdp_set_progress(state: State<AppState>, item_id: i64, input: PdpProgressInput) -> CmdResult<PdpProgress> {
    with_actor(&state, move |s, actor| {
        appraisal::set_pdp_progress_as(s.conn_mut(), actor, item_id, &input, now())
    })
}
