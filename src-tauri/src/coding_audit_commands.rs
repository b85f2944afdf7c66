//! Coding audits in the window: a person's results and recording one, the
//! results a meeting's coding-accuracy objective is measured by, and the
//! period summary on screen and as a PDF. Each goes through
//! `session::with_actor` and makes one call into
//! `appraise_core::coding_audit` (core decides who may).

use appraise_core::coding_audit::{self, CodingAuditInput, CodingAuditResult, CodingAuditSummary, CodingAuditsView};
use appraise_core::print;
use tauri::{AppHandle, State};

use crate::clock::{now, today_date};
use crate::print_commands::save_pdf;
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// A person's results, with whether the signed-in person may record one.
#[tauri::command(async)]
pub fn coding_audit_view(state: State<AppState>, staff_number: String) -> CmdResult<CodingAuditsView> {
    with_actor(&state, move |s, actor| {
        coding_audit::view_as(s.conn(), actor, &staff_number, today_date())
    })
}

/// Records a result; returns it with its outcome.
#[tauri::command(async)]
pub fn coding_audit_add(
    state: State<AppState>,
    staff_number: String,
    input: CodingAuditInput,
) -> CmdResult<CodingAuditResult> {
    with_actor(&state, move |s, actor| {
        coding_audit::add_audited(s.conn_mut(), actor, &staff_number, &input, now())
    })
}

/// The results an appraisal's coding-accuracy objective is measured by.
#[tauri::command(async)]
pub fn coding_audit_for_appraisal(state: State<AppState>, id: i64) -> CmdResult<Vec<CodingAuditResult>> {
    with_actor(&state, move |s, actor| {
        coding_audit::for_appraisal_as(s.conn(), actor, id, today_date())
    })
}

/// The summary of an audit period (as 2026/27); the current NHS year when
/// none is given.
#[tauri::command(async)]
pub fn coding_audit_summary(state: State<AppState>, period: Option<String>) -> CmdResult<CodingAuditSummary> {
    with_actor(&state, move |s, actor| {
        let period = period.unwrap_or_else(|| coding_audit::summary::period_of(today_date()));
        coding_audit::summary_as(s.conn(), actor, &period)
    })
}

/// "Save as PDF…" on the summary: "Coding audit summary 2026-27 2027-04-02.pdf".
#[tauri::command]
pub async fn pdf_save_coding_audit_summary(app: AppHandle, period: String) -> CmdResult<Option<String>> {
    save_pdf(&app, "Save the coding audit summary as PDF", move |s, actor| {
        let bytes = print::coding_audit_summary_pdf(s.conn(), actor, &period, now())?;
        let name = format!(
            "Coding audit summary {} {}",
            period.trim().replace('/', "-"),
            today_date()
        );
        Ok((bytes, format!("{}.pdf", print::safe_file_name(&name))))
    })
}
