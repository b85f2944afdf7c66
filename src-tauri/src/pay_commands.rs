//! Agenda for Change pay steps: a person's next step, its standards with
//! their evidence, and recording the review (core decides who may).

use appraise_core::pay_steps::{self, PayStatus, ReviewInput, StandardInput};
use tauri::State;

use crate::clock::{now, today_date};
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

#[tauri::command(async)]
pub fn pay_status(state: State<AppState>, staff_number: String) -> CmdResult<PayStatus> {
    with_actor(&state, move |s, actor| {
        pay_steps::status_as(s.conn(), actor, &staff_number, today_date())
    })
}

#[tauri::command(async)]
pub fn pay_confirm_standard(
    state: State<AppState>,
    staff_number: String,
    input: StandardInput,
) -> CmdResult<PayStatus> {
    with_actor(&state, move |s, actor| {
        pay_steps::confirm_standard_audited(s.conn_mut(), actor, &staff_number, &input, now())
    })
}

#[tauri::command(async)]
pub fn pay_review(state: State<AppState>, staff_number: String, input: ReviewInput) -> CmdResult<PayStatus> {
    with_actor(&state, move |s, actor| {
        pay_steps::record_review_audited(s.conn_mut(), actor, &staff_number, &input, now())
    })
}
