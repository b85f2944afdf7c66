//! Starting an appraisal: its cycle, who appraises whom, what it copies in.

use super::*;

#[test]
fn an_annual_appraisal_starts_in_the_nhs_year_with_the_roles_competencies_and_expected_levels() {
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
    assert_eq!(a.cycle.label, "2025/26", "1 May 2025 is in 2025/26");
    assert_eq!(a.status, AppraisalStatus::InProgress);
    assert_eq!(a.step, Step::PreviousObjectives, "the meeting opens at its first step");
    assert_eq!(a.appraisee.name, "Zoë Ní Bhriain", "accents intact");
    assert_eq!(a.appraiser.name, "Siân Jones");
    assert_eq!(a.role.as_deref(), Some("Band 4 Clinical coder"));
    assert!(a.previous_objectives.is_empty(), "no earlier appraisal to review");
    let accuracy = a.skills.iter().find(|s| s.competency == "Coding accuracy").unwrap();
    assert_eq!(accuracy.expected_level, 3, "a qualified coder is expected at level 3");
    let levels: Vec<u8> = accuracy.levels.iter().map(|l| l.level).collect();
    assert_eq!(levels, [2, 3, 4], "only the levels the competency has, with statements");
    assert_eq!(accuracy.levels[2].statements.len(), 2, "level 4 has two statements");
    assert!(
        a.skills
            .iter()
            .all(|s| s.skill_code == "ANCC" || s.skill_code == "RMGT"),
        "a coder's profile is clinical coding and records management"
    );
}

#[test]
fn a_second_appraisal_of_the_same_kind_in_a_cycle_is_refused() {
    let mut store = department();
    start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::Annual,
        None,
        at(2025, 5, 1),
    )
    .unwrap();
    let err = start(
        store.conn_mut(),
        CODER,
        MANAGER,
        AppraisalKind::Annual,
        Some(2025),
        at(2025, 6, 1),
    )
    .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string().contains("already has an annual appraisal for 2025/26"),
        "{err}"
    );
    start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::MidYear,
        None,
        at(2025, 10, 1),
    )
    .expect("a mid-year review is another kind");
}

#[test]
fn a_cycle_that_has_not_started_is_refused() {
    let mut store = department();
    let err = start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::Annual,
        Some(2026),
        at(2026, 3, 31),
    )
    .unwrap_err();
    let f = fields(err);
    assert_eq!(f[0].0, "cycle");
    assert!(f[0].1.contains("2026/27 cycle has not started yet"), "{}", f[0].1);
    start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::Annual,
        Some(2024),
        at(2026, 3, 31),
    )
    .expect("a late meeting for an earlier cycle is fine");
}

#[test]
fn nobody_appraises_themselves() {
    let mut store = department();
    let err = start(
        store.conn_mut(),
        CODER,
        CODER,
        AppraisalKind::Annual,
        None,
        at(2025, 5, 1),
    )
    .unwrap_err();
    assert_eq!(fields(err)[0].0, "appraiser");
}

#[test]
fn a_trust_that_starts_its_cycle_in_july_labels_appraisals_by_its_own_year() {
    let mut store = department();
    let mut s = settings(store.conn()).unwrap();
    s.cycle_start_month = 7;
    save_settings(store.conn_mut(), &s).unwrap();
    let a = start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::Annual,
        None,
        at(2025, 5, 1),
    )
    .unwrap();
    assert_eq!(
        a.cycle.label, "2024/25",
        "May is still in the cycle that started in July 2024"
    );
    assert_eq!(a.cycle.end, ymd(2025, 6, 30));
}
