//! Accounts and the idle lock, the administrator's (core refuses anyone
//! else).

use appraise_core::accounts::{self, AccountSummary, Role};
use appraise_core::settings;
use tauri::State;

use crate::clock::now;
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

#[tauri::command(async)]
pub fn account_list(state: State<AppState>) -> CmdResult<Vec<AccountSummary>> {
    with_actor(&state, move |s, actor| accounts::list(s.conn(), actor))
}

/// Gives a staff member an account with a first passphrase, which they
/// change at their first sign-in.
#[tauri::command(async)]
pub fn account_create(
    state: State<AppState>,
    staff_number: String,
    role: Role,
    passphrase: String,
) -> CmdResult<AccountSummary> {
    with_actor(&state, move |s, actor| {
        accounts::create_account(s.conn_mut(), actor, &staff_number, role, &passphrase, now())
    })
}

#[tauri::command(async)]
pub fn account_reset_passphrase(
    state: State<AppState>,
    staff_number: String,
    passphrase: String,
) -> CmdResult<AccountSummary> {
    with_actor(&state, move |s, actor| {
        accounts::reset_passphrase(s.conn_mut(), actor, &staff_number, &passphrase, now())
    })
}

#[tauri::command(async)]
pub fn account_set_role(state: State<AppState>, staff_number: String, role: Role) -> CmdResult<AccountSummary> {
    with_actor(&state, move |s, actor| {
        accounts::set_role(s.conn_mut(), actor, &staff_number, role, now())
    })
}

/// Minutes of no use before the window locks.
#[tauri::command(async)]
pub fn idle_lock_get(state: State<AppState>) -> CmdResult<u32> {
    with_actor(&state, move |s, _| settings::idle_lock::load(s.conn()))
}

#[tauri::command(async)]
pub fn idle_lock_set(state: State<AppState>, minutes: u32) -> CmdResult<u32> {
    with_actor(&state, move |s, actor| {
        settings::idle_lock::save(s.conn_mut(), actor, minutes, now())
    })
}
