//! Readiness as the meeting goes: each step's state and the blockers,
//! each with its step, the same that the signature refuses.

use super::*;

fn state_of(r: &Readiness, step: Step) -> Option<StepState> {
    r.steps.iter().find(|s| s.step == step).map(|s| s.state)
}

#[test]
fn each_blocker_names_the_step_it_is_put_right_at_and_matches_the_signatures_refusal() {
    let mut store = department();
    signed_2025(&mut store);
    let now = at(2026, 4, 20);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    add_objective(
        store.conn_mut(),
        a.id,
        &ObjectiveInput {
            text: "Draft".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    let r = readiness(&get(store.conn(), a.id).unwrap());
    let steps: Vec<Step> = r.blockers.iter().map(|b| b.step).collect();
    assert_eq!(
        steps,
        [Step::PreviousObjectives, Step::Objectives, Step::PayProgression],
        "one blocker per step, in the meeting's order"
    );
    let refused = fields(sign_unchecked(store.conn_mut(), a.id, Party::Appraisee, CODER, now).unwrap_err());
    let listed: Vec<(String, String)> = r
        .blockers
        .iter()
        .map(|b| (b.step.code().to_owned(), b.message.clone()))
        .collect();
    assert_eq!(refused, listed, "the sign-off step lists exactly what signing refuses");
    for step in [
        Step::PreviousObjectives,
        Step::Objectives,
        Step::PayProgression,
        Step::SignOff,
    ] {
        assert_eq!(
            state_of(&r, step),
            Some(StepState::Incomplete),
            "{step:?} is incomplete"
        );
    }
}

#[test]
fn a_step_is_complete_once_its_part_is_done_and_a_ready_record_has_no_blockers() {
    let mut store = department();
    signed_2025(&mut store);
    let now = at(2026, 4, 20);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    complete(&mut store, a.id, now);
    let r = readiness(&get(store.conn(), a.id).unwrap());
    assert!(r.blockers.is_empty(), "ready to sign: {:?}", r.blockers);
    assert_eq!(state_of(&r, Step::PreviousObjectives), Some(StepState::Complete));
    assert_eq!(state_of(&r, Step::PayProgression), Some(StepState::Complete));
    assert_eq!(state_of(&r, Step::Pdp), Some(StepState::Incomplete), "no plan yet");
    let signed = sign_both(&mut store, a.id, now);
    assert_eq!(state_of(&readiness(&signed), Step::SignOff), Some(StepState::Complete));
}

#[test]
fn a_first_annual_appraisal_has_no_objectives_to_review() {
    let mut store = department();
    let a = start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::Annual,
        None,
        at(2025, 5, 1),
    )
    .unwrap();
    let r = readiness(&a);
    assert_eq!(r.steps.len(), Step::ALL.len(), "an annual appraisal has every step");
    assert_eq!(state_of(&r, Step::PreviousObjectives), Some(StepState::NotApplicable));
}

#[test]
fn an_objective_setting_meeting_shows_only_its_own_steps() {
    let mut store = department();
    let a = start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::ObjectiveSetting,
        None,
        at(2025, 5, 1),
    )
    .unwrap();
    let steps: Vec<Step> = readiness(&a).steps.iter().map(|s| s.step).collect();
    assert!(
        !steps.contains(&Step::PreviousObjectives) && !steps.contains(&Step::PayProgression),
        "no last year's objectives nor pay progression for a new starter: {steps:?}"
    );
    assert_eq!(steps.first(), Some(&Step::Skills));
    assert_eq!(steps.last(), Some(&Step::SignOff));
}

#[test]
fn a_mid_year_review_has_no_skills_or_pay_progression_step() {
    let steps = AppraisalKind::MidYear.steps();
    assert!(!steps.contains(&Step::Skills), "{steps:?}");
    assert!(!steps.contains(&Step::PayProgression), "{steps:?}");
    assert!(
        steps.contains(&Step::PreviousObjectives),
        "the year's objectives so far"
    );
}
