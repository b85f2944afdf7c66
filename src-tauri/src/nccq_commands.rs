//! The NCCQ pathway: where trainees stand, their records, and recording
//! courses, exam results and IHRIM membership (core decides who may).

use appraise_core::nccq::{
    self, CourseAttendance, CourseInput, ExamInput, ExamOutcome, NccqSettings, NccqStatus, NccqView,
};
use tauri::State;

use crate::clock::{now, today_date};
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// Everyone the signed-in person may see who is still working towards the
/// NCCQ, least time left first.
#[tauri::command(async)]
pub fn nccq_team(state: State<AppState>) -> CmdResult<Vec<NccqStatus>> {
    with_actor(&state, move |s, actor| nccq::team_status(s.conn(), actor, today_date()))
}

#[tauri::command(async)]
pub fn nccq_status(state: State<AppState>, staff_number: String) -> CmdResult<NccqStatus> {
    with_actor(&state, move |s, actor| {
        nccq::status_as(s.conn(), actor, &staff_number, today_date())
    })
}

/// One trainee's record, with what the signed-in person may record on it.
#[tauri::command(async)]
pub fn nccq_record(state: State<AppState>, staff_number: String) -> CmdResult<NccqView> {
    with_actor(&state, move |s, actor| {
        nccq::view_as(s.conn(), actor, &staff_number, today_date())
    })
}

#[tauri::command(async)]
pub fn nccq_settings(state: State<AppState>) -> CmdResult<NccqSettings> {
    with_actor(&state, move |s, _| nccq::settings(s.conn()))
}

/// Checks and stores the NCCQ rules: months, sittings, pass marks by year
/// (administrator only, audited).
#[tauri::command(async)]
pub fn nccq_settings_save(state: State<AppState>, settings: NccqSettings) -> CmdResult<NccqSettings> {
    with_actor(&state, move |s, actor| {
        appraise_core::settings::nccq::save(s.conn_mut(), actor, &settings, now())
    })
}

#[tauri::command(async)]
pub fn nccq_add_course(
    state: State<AppState>,
    staff_number: String,
    input: CourseInput,
) -> CmdResult<CourseAttendance> {
    with_actor(&state, move |s, actor| {
        nccq::add_course_audited(s.conn_mut(), actor, &staff_number, &input, now())
    })
}

#[tauri::command(async)]
pub fn nccq_add_exam(state: State<AppState>, staff_number: String, input: ExamInput) -> CmdResult<ExamOutcome> {
    with_actor(&state, move |s, actor| {
        nccq::add_exam_attempt_audited(s.conn_mut(), actor, &staff_number, &input, today_date(), now())
    })
}

/// Records the last day of someone's IHRIM membership; returns it (ISO).
#[tauri::command(async)]
pub fn nccq_set_membership(state: State<AppState>, staff_number: String, valid_until: String) -> CmdResult<String> {
    with_actor(&state, move |s, actor| {
        nccq::set_ihrim_membership_audited(s.conn_mut(), actor, &staff_number, &valid_until, now())
            .map(|d| d.to_string())
    })
}
