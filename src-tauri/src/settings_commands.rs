//! Trust settings with no other home: the Agenda for Change pay-step table
//! (core checks, refuses anyone but the administrator, and audits).

use appraise_core::pay_steps::PayStepTable;
use appraise_core::settings;
use tauri::State;

use crate::clock::now;
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// The years after entry to each band at which the next pay points are reached.
#[tauri::command(async)]
pub fn pay_steps_get(state: State<AppState>) -> CmdResult<PayStepTable> {
    with_actor(&state, move |s, _| settings::pay_steps::load(s.conn()))
}

/// Checks and stores the pay-step table whole (administrator only, audited).
#[tauri::command(async)]
pub fn pay_steps_save(state: State<AppState>, steps: PayStepTable) -> CmdResult<PayStepTable> {
    with_actor(&state, move |s, actor| {
        settings::pay_steps::save(s.conn_mut(), actor, &steps, now())
    })
}
