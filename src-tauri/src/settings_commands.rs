//! Trust settings with no other home: the Agenda for Change pay-step table,
//! the weeks before a pay step that its review is due, and the statutory
//! and mandatory training everyone keeps in date (core checks, refuses
//! anyone but the administrator, and audits).

use appraise_core::pay_steps::PayStepTable;
use appraise_core::settings;
use appraise_core::settings::training::TrainingSettings;
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

/// Weeks before each pay step that its review is due.
#[tauri::command(async)]
pub fn pay_review_weeks_get(state: State<AppState>) -> CmdResult<u32> {
    with_actor(&state, move |s, _| settings::pay_steps::review_weeks(s.conn()))
}

/// Checks and stores the weeks before a pay step that its review is due.
#[tauri::command(async)]
pub fn pay_review_weeks_save(state: State<AppState>, weeks: u32) -> CmdResult<u32> {
    with_actor(&state, move |s, actor| {
        settings::pay_steps::save_review_weeks(s.conn_mut(), actor, weeks, now())
    })
}

/// The statutory and mandatory subjects everyone must hold in date.
#[tauri::command(async)]
pub fn training_settings_get(state: State<AppState>) -> CmdResult<TrainingSettings> {
    with_actor(&state, move |s, _| settings::training::load(s.conn()))
}

/// Checks and stores the list of required subjects whole.
#[tauri::command(async)]
pub fn training_settings_save(state: State<AppState>, training: TrainingSettings) -> CmdResult<TrainingSettings> {
    with_actor(&state, move |s, actor| {
        settings::training::save(s.conn_mut(), actor, &training, now())
    })
}
