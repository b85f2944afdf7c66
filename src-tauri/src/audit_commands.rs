//! The audit trail, the administrator's to read and verify (core refuses
//! anyone else).

use appraise_core::audit::{self, AuditEntry, AuditFilter, VerifyReport};
use tauri::State;

use crate::session::{with_actor, with_actor_slow};
use crate::state::CmdResult;
use crate::AppState;

#[tauri::command(async)]
pub fn audit_list(state: State<AppState>, filter: AuditFilter) -> CmdResult<Vec<AuditEntry>> {
    with_actor(&state, move |s, actor| audit::list(s.conn(), actor, &filter))
}

/// The record types the trail names, for the log browser's filter.
#[tauri::command(async)]
pub fn audit_record_types(state: State<AppState>) -> CmdResult<Vec<String>> {
    with_actor(&state, move |s, actor| audit::record_types(s.conn(), actor))
}

#[tauri::command(async)]
pub fn audit_verify(state: State<AppState>) -> CmdResult<VerifyReport> {
    with_actor_slow(&state, move |s, actor| audit::verify_as(s.conn(), actor))
}
