//! `#[tauri::command]` adapters for the home page and the notification at
//! sign-in: one call into `appraise_core::dashboard` each, where whose
//! figures the reader gets is decided (`access::dashboard_people`).

use appraise_core::dashboard::{self, Dashboard, NewlyOverdue};
use tauri::{AppHandle, State};
use tauri_plugin_notification::NotificationExt;

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

/// At sign-in: what became overdue since the person's sign-in before this
/// one (`appraise_core::dashboard::since`), shown as one desktop
/// notification when there is any. Showing it never fails the sign-in: a
/// desktop with no notification service (a test display) is noted in the
/// log and the window carries on; the items are returned either way.
#[tauri::command(async)]
pub fn dashboard_overdue_since_sign_in(app: AppHandle, state: State<AppState>) -> CmdResult<NewlyOverdue> {
    let news = with_actor(&state, move |s, actor| {
        dashboard::overdue_since_last_sign_in_as(s.conn(), actor, today_date())
    })?;
    if !news.items.is_empty() {
        if let Err(e) = app.notification().builder().title(&news.title).body(&news.body).show() {
            eprintln!("appraise: the desktop notification could not be shown: {e}");
        }
    }
    Ok(news)
}
