//! The Retention page: who is due for disposal, marking, legal holds and
//! disposal. Core decides and refuses (`appraise_core::retention`,
//! `access.rs`); the shell reads the clock (`APPRAISE_TODAY` fixes the date
//! for automated tests).

use appraise_core::retention::{self, Disposal, DueRecord};
use appraise_core::settings::retention::{self as rules, RetentionRules};
use tauri::State;

use crate::clock::{now, today_date};
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// The leavers whose retention period has ended, not yet disposed of.
#[tauri::command(async)]
pub fn retention_due(state: State<AppState>) -> CmdResult<Vec<DueRecord>> {
    with_actor(&state, move |s, actor| retention::due_as(s.conn(), actor, today_date()))
}

/// The retention rules in force.
#[tauri::command(async)]
pub fn retention_rules(state: State<AppState>) -> CmdResult<RetentionRules> {
    with_actor(&state, move |s, _actor| rules::load(s.conn()))
}

/// Marks a leaver's records for disposal, with a reason.
#[tauri::command(async)]
pub fn retention_mark(state: State<AppState>, staff_number: String, reason: String) -> CmdResult<DueRecord> {
    with_actor(&state, move |s, actor| {
        retention::mark_as(s.conn_mut(), actor, &staff_number, &reason, today_date(), now())
    })
}

/// Puts a legal hold on a person's records, with a reason.
#[tauri::command(async)]
pub fn retention_hold(state: State<AppState>, staff_number: String, reason: String) -> CmdResult<()> {
    with_actor(&state, move |s, actor| {
        retention::hold_as(s.conn_mut(), actor, &staff_number, &reason, now())
    })
}

/// Lifts a legal hold, with a reason.
#[tauri::command(async)]
pub fn retention_lift_hold(state: State<AppState>, staff_number: String, reason: String) -> CmdResult<()> {
    with_actor(&state, move |s, actor| {
        retention::lift_hold_as(s.conn_mut(), actor, &staff_number, &reason, now())
    })
}

/// Disposes of a marked leaver's records once the grace period is over.
#[tauri::command(async)]
pub fn retention_dispose(state: State<AppState>, staff_number: String) -> CmdResult<Disposal> {
    with_actor(&state, move |s, actor| {
        retention::dispose_as(s.conn_mut(), actor, &staff_number, today_date(), now())
    })
}
