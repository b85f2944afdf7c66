//! `#[tauri::command]` adapters for the appraisal meeting: each
//! goes through `session::with_actor` and makes one call into
//! `appraise_core::appraisal`, where who may read and write which part is
//! decided and every save is audited.

use appraise_core::appraisal::{
    self, AppraisalDue, AppraisalKind, AppraisalRecord, AppraisalSettings, AppraisalSummary, AppraisalView, KpiInput,
    KpiObjective, LearningNeed, Objective, ObjectiveInput, Outcome, Party, PayCriterionKind, PayProgression, PdpItem,
    PdpItemInput, PreviousObjective, SkillAssessment, Step, Wellbeing,
};
use tauri::State;

use crate::clock::{now, today_date};
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// The appraisals the signed-in person may see, newest cycle first.
#[tauri::command(async)]
pub fn appraisal_list(state: State<AppState>) -> CmdResult<Vec<AppraisalSummary>> {
    with_actor(&state, move |s, actor| appraisal::list_as(s.conn(), actor))
}

/// Who is due which meeting in the current cycle, among those they may see.
#[tauri::command(async)]
pub fn appraisal_schedule(state: State<AppState>) -> CmdResult<Vec<AppraisalDue>> {
    with_actor(&state, move |s, actor| {
        appraisal::schedule_as(s.conn(), actor, today_date())
    })
}

/// The trust's appraisal settings (administrator only).
#[tauri::command(async)]
pub fn appraisal_settings_get(state: State<AppState>) -> CmdResult<AppraisalSettings> {
    with_actor(&state, move |s, actor| appraisal::settings_as(s.conn(), actor))
}

/// Checks and stores the appraisal settings (administrator only, audited).
#[tauri::command(async)]
pub fn appraisal_settings_save(state: State<AppState>, settings: AppraisalSettings) -> CmdResult<AppraisalSettings> {
    with_actor(&state, move |s, actor| {
        appraisal::save_settings_as(s.conn_mut(), actor, &settings, now())
    })
}

#[tauri::command(async)]
pub fn appraisal_start(
    state: State<AppState>,
    staff_number: String,
    kind: AppraisalKind,
) -> CmdResult<AppraisalRecord> {
    with_actor(&state, move |s, actor| {
        appraisal::start_as(s.conn_mut(), actor, &staff_number, kind, now())
    })
}

/// One appraisal and what the signed-in person may do with it.
#[tauri::command(async)]
pub fn appraisal_get(state: State<AppState>, id: i64) -> CmdResult<AppraisalView> {
    with_actor(&state, move |s, actor| {
        appraisal::get_as(s.conn(), actor, id, today_date())
    })
}

#[tauri::command(async)]
pub fn appraisal_set_step(state: State<AppState>, id: i64, step: Step) -> CmdResult<()> {
    with_actor(&state, move |s, actor| {
        appraisal::set_step_as(s.conn_mut(), actor, id, step, now())
    })
}

/// Cancels a meeting nobody has signed (audited).
#[tauri::command(async)]
pub fn appraisal_cancel(state: State<AppState>, id: i64) -> CmdResult<()> {
    with_actor(&state, move |s, actor| {
        appraisal::cancel_as(s.conn_mut(), actor, id, now())
    })
}

/// Sets the day the meeting was held (a meeting held yesterday is
/// entered today); gives the date as saved.
#[tauri::command(async)]
pub fn appraisal_set_meeting_date(state: State<AppState>, id: i64, date: String) -> CmdResult<String> {
    with_actor(&state, move |s, actor| {
        appraisal::set_meeting_date_as(s.conn_mut(), actor, id, &date, now()).map(|d| d.format("%Y-%m-%d").to_string())
    })
}

/// The outcome of one of last year's objectives. `expected_version`: the
/// row's `row_version` as the window read it; if someone has saved the row
/// since, the save is refused as a `conflict` naming who and when (the same
/// for the four saves below). `None` saves whatever is there.
#[tauri::command(async)]
pub fn appraisal_set_previous_outcome(
    state: State<AppState>,
    previous_id: i64,
    outcome: Option<Outcome>,
    comments: String,
    expected_version: Option<i64>,
) -> CmdResult<PreviousObjective> {
    with_actor(&state, move |s, actor| {
        appraisal::set_previous_outcome_as(
            s.conn_mut(),
            actor,
            previous_id,
            outcome,
            &comments,
            expected_version,
            now(),
        )
    })
}

#[tauri::command(async)]
pub fn appraisal_set_self_level(
    state: State<AppState>,
    skill_id: i64,
    level: Option<u8>,
    expected_version: Option<i64>,
) -> CmdResult<SkillAssessment> {
    with_actor(&state, move |s, actor| {
        appraisal::set_self_level_as(s.conn_mut(), actor, skill_id, level, expected_version, now())
    })
}

#[tauri::command(async)]
pub fn appraisal_set_agreed_level(
    state: State<AppState>,
    skill_id: i64,
    level: Option<u8>,
    expected_version: Option<i64>,
) -> CmdResult<SkillAssessment> {
    with_actor(&state, move |s, actor| {
        appraisal::set_agreed_level_as(s.conn_mut(), actor, skill_id, level, expected_version, now())
    })
}

#[tauri::command(async)]
pub fn appraisal_add_objective(state: State<AppState>, id: i64, input: ObjectiveInput) -> CmdResult<Objective> {
    with_actor(&state, move |s, actor| {
        appraisal::add_objective_as(s.conn_mut(), actor, id, &input, now())
    })
}

#[tauri::command(async)]
pub fn appraisal_update_objective(
    state: State<AppState>,
    objective_id: i64,
    input: ObjectiveInput,
    expected_version: Option<i64>,
) -> CmdResult<Objective> {
    with_actor(&state, move |s, actor| {
        appraisal::update_objective_as(s.conn_mut(), actor, objective_id, &input, expected_version, now())
    })
}

#[tauri::command(async)]
pub fn appraisal_remove_objective(state: State<AppState>, objective_id: i64) -> CmdResult<()> {
    with_actor(&state, move |s, actor| {
        appraisal::remove_objective_as(s.conn_mut(), actor, objective_id, now())
    })
}

/// Sets the coding-accuracy KPI objective; `null` takes it away.
#[tauri::command(async)]
pub fn appraisal_set_kpi(state: State<AppState>, id: i64, input: Option<KpiInput>) -> CmdResult<Option<KpiObjective>> {
    with_actor(&state, move |s, actor| {
        appraisal::set_kpi_objective_as(s.conn_mut(), actor, id, input.as_ref(), now())
    })
}

#[tauri::command(async)]
pub fn appraisal_suggest_learning_needs(state: State<AppState>, id: i64) -> CmdResult<Vec<LearningNeed>> {
    with_actor(&state, move |s, actor| {
        appraisal::suggest_learning_needs_as(s.conn(), actor, id)
    })
}

#[tauri::command(async)]
pub fn appraisal_add_pdp_item(state: State<AppState>, id: i64, input: PdpItemInput) -> CmdResult<PdpItem> {
    with_actor(&state, move |s, actor| {
        appraisal::add_pdp_item_as(s.conn_mut(), actor, id, &input, now())
    })
}

#[tauri::command(async)]
pub fn appraisal_update_pdp_item(
    state: State<AppState>,
    item_id: i64,
    input: PdpItemInput,
    expected_version: Option<i64>,
) -> CmdResult<PdpItem> {
    with_actor(&state, move |s, actor| {
        appraisal::update_pdp_item_as(s.conn_mut(), actor, item_id, &input, expected_version, now())
    })
}

#[tauri::command(async)]
pub fn appraisal_remove_pdp_item(state: State<AppState>, item_id: i64) -> CmdResult<()> {
    with_actor(&state, move |s, actor| {
        appraisal::remove_pdp_item_as(s.conn_mut(), actor, item_id, now())
    })
}

#[tauri::command(async)]
pub fn appraisal_set_wellbeing(state: State<AppState>, id: i64, wellbeing: Wellbeing) -> CmdResult<Wellbeing> {
    with_actor(&state, move |s, actor| {
        appraisal::set_wellbeing_as(s.conn_mut(), actor, id, &wellbeing, now())
    })
}

#[tauri::command(async)]
pub fn appraisal_pay(state: State<AppState>, id: i64) -> CmdResult<PayProgression> {
    with_actor(&state, move |s, actor| {
        appraisal::pay_progression_as(s.conn(), actor, id)
    })
}

/// The appraiser confirms a pay progression standard; `met: null` takes the
/// confirmation back.
#[tauri::command(async)]
pub fn appraisal_confirm_pay(
    state: State<AppState>,
    id: i64,
    criterion: PayCriterionKind,
    met: Option<bool>,
    note: String,
) -> CmdResult<PayProgression> {
    with_actor(&state, move |s, actor| {
        appraisal::confirm_pay_criterion_as(s.conn_mut(), actor, id, criterion, met, &note, now())
    })
}

#[tauri::command(async)]
pub fn appraisal_set_comments(state: State<AppState>, id: i64, party: Party, comments: String) -> CmdResult<String> {
    with_actor(&state, move |s, actor| {
        appraisal::set_comments_as(s.conn_mut(), actor, id, party, &comments, now())
    })
}

/// One party signs with their own passphrase, typed at this screen: the
/// signer need not be the person signed in.
#[tauri::command(async)]
pub fn appraisal_sign_off(
    state: State<AppState>,
    id: i64,
    party: Party,
    signer_staff_number: String,
    passphrase: String,
) -> CmdResult<AppraisalRecord> {
    with_actor(&state, move |s, actor| {
        appraisal::sign_off_as(s.conn_mut(), actor, id, party, &signer_staff_number, &passphrase, now())
    })
}

/// Re-opens a signed appraisal as a new version (administrator).
#[tauri::command(async)]
pub fn appraisal_reopen(state: State<AppState>, id: i64, reason: String) -> CmdResult<AppraisalRecord> {
    with_actor(&state, move |s, actor| {
        appraisal::reopen_as(s.conn_mut(), actor, id, &reason, now())
    })
}
