//! The audit trail, the administrator's to read and verify (core refuses
//! anyone else).

use appraise_core::audit::{self, AuditEntry, AuditFilter, VerifyReport};
use tauri::State;

use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

#[tauri::command]
pub fn audit_list(state: State<AppState>, filter: AuditFilter) -> CmdResult<Vec<AuditEntry>> {
    with_actor(&state, |s, actor| audit::list(s.conn(), actor, &filter))
}

/// The record types the trail names, for the log browser's filter.
#[tauri::command]
pub fn audit_record_types(state: State<AppState>) -> CmdResult<Vec<String>> {
    with_actor(&state, |s, actor| audit::record_types(s.conn(), actor))
}

#[tauri::command]
pub fn audit_verify(state: State<AppState>) -> CmdResult<VerifyReport> {
    with_actor(&state, |s, actor| audit::verify_as(s.conn(), actor))
}
