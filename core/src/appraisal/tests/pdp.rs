//! The PDP: suggested learning needs, items, and progress after signing.

use super::*;

#[test]
fn learning_needs_are_suggested_from_skill_gaps_and_left_out_once_planned() {
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
    let skill = a.skills.iter().find(|s| s.competency == "Coding accuracy").unwrap().id;
    set_agreed_level(store.conn_mut(), skill, Some(2), at(2025, 5, 1)).unwrap();
    let needs = suggest_learning_needs(store.conn(), a.id).unwrap();
    let need = needs
        .iter()
        .find(|n| n.competency.as_deref() == Some("Coding accuracy"))
        .expect("the gap is suggested");
    assert_eq!((need.current_level, need.expected_level), (Some(2), Some(3)));
    assert!(
        need.learning_need.contains("from level 2 to level 3"),
        "{}",
        need.learning_need
    );
    assert!(
        need.description.starts_with("Work towards level 3:"),
        "{}",
        need.description
    );
    assert_eq!(need.activity, ActivityType::Mentoring);
    add_pdp_item(store.conn_mut(), a.id, &need.to_input(), at(2025, 5, 1)).unwrap();
    let again = suggest_learning_needs(store.conn(), a.id).unwrap();
    assert!(
        again.iter().all(|n| n.competency.as_deref() != Some("Coding accuracy")),
        "already planned"
    );
}

#[test]
fn a_trainee_is_suggested_the_standards_course_and_nccq_revision() {
    let mut store = department();
    staff::add(
        store.conn_mut(),
        &member("Ciarán", "Ó Súilleabháin", "3", SPECIALIST, "2025-04-14"),
        ymd(2025, 4, 14),
    )
    .unwrap();
    let a = start(
        store.conn_mut(),
        "100004",
        SPECIALIST,
        AppraisalKind::ObjectiveSetting,
        None,
        at(2025, 5, 1),
    )
    .unwrap();
    let needs = suggest_learning_needs(store.conn(), a.id).unwrap();
    let kinds: Vec<ActivityType> = needs.iter().map(|n| n.activity).collect();
    assert!(kinds.contains(&ActivityType::StandardsCourse), "{kinds:?}");
    assert!(kinds.contains(&ActivityType::NccqRevision), "{kinds:?}");
    let course = needs
        .iter()
        .find(|n| n.activity == ActivityType::StandardsCourse)
        .unwrap();
    assert_eq!(
        course.target_date,
        Some(ymd(2025, 10, 14)),
        "6 months after appointment"
    );
}

#[test]
fn a_pdp_item_needs_a_need_and_a_known_activity() {
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
    let bad = PdpItemInput {
        activity: "juggling".into(),
        target_date: "2025-03-01".into(),
        ..Default::default()
    };
    let f = fields(add_pdp_item(store.conn_mut(), a.id, &bad, at(2025, 5, 1)).unwrap_err());
    let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["learning_need", "activity", "target_date"], "{f:?}");
    let good = PdpItemInput {
        learning_need: "Refresh knowledge of the oncology chapter".into(),
        activity: "e-learning".into(),
        target_date: "30/09/2025".into(),
        support: "Two hours a week of study time.".into(),
        ..Default::default()
    };
    let item = add_pdp_item(store.conn_mut(), a.id, &good, at(2025, 5, 1)).unwrap();
    assert_eq!(item.activity, ActivityType::ELearning);
    assert_eq!(item.target_date, Some(ymd(2025, 9, 30)));
    assert_eq!(item.progress.status, PdpStatus::NotStarted);
}

#[test]
fn pdp_progress_follows_the_plan_into_a_reopened_version() {
    let mut store = department();
    let now = at(2025, 5, 1);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    let item = add_pdp_item(
        store.conn_mut(),
        a.id,
        &PdpItemInput {
            learning_need: "Oncology coding".into(),
            activity: "workshop".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    complete(&mut store, a.id, now);
    sign_both(&mut store, a.id, now);
    let progress = PdpProgressInput {
        status: "in_progress".into(),
        progress: "Booked for November.".into(),
        ..Default::default()
    };
    set_pdp_progress(store.conn_mut(), item.id, &progress, at(2025, 6, 1)).unwrap();
    let v2 = reopen_as(
        store.conn_mut(),
        &administrator(),
        a.id,
        "Correct the KPI.",
        at(2025, 7, 1),
    )
    .unwrap();
    assert_eq!(
        v2.pdp[0].progress.progress, "Booked for November.",
        "kept against the same item"
    );
}
