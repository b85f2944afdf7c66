//! `#[tauri::command]` adapter for the home page: one call into
//! `appraise_core::dashboard`, where whose figures the reader gets is
//! decided (`access::dashboard_people`).

use appraise_core::dashboard::{self, Dashboard};
use tauri::State;

use crate::clock::today_date;
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// The signed-in person's home page: their team's figures (the
/// administrator's narrowed to one manager's team when `manager` is given)
/// and their own next actions.
#[tauri::command(async)]
pub fn dashboard_get(state: State<AppState>, manager: Option<String>) -> CmdResult<Dashboard> {
    with_actor(&state, move |s, actor| {
        dashboard::dashboard_as(s.conn(), actor, manager.as_deref(), today_date())
    })
}
