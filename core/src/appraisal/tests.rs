//! The appraisal rules on a fixed clock and an in-memory store: a small
//! department of a manager (Band 7), a specialist (Band 5) who manages a
//! coder (Band 4).

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::accounts::{Actor, Role};
use crate::framework::ensure_builtin;
use crate::staff::{self, StaffInput};
use crate::Store;

const MANAGER: &str = "100001";
const SPECIALIST: &str = "100002";
const CODER: &str = "100003";

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    ymd(y, m, d).and_hms_opt(10, 0, 0).unwrap()
}

fn member(forename: &str, surname: &str, band: &str, manager: &str, appointed: &str) -> StaffInput {
    StaffInput {
        forename: forename.into(),
        surname: surname.into(),
        band: band.into(),
        appointed: appointed.into(),
        manager: manager.into(),
        ..Default::default()
    }
}

/// Bea Boss (Band 7) manages Siân Jones (Band 5), who manages Zoë Ní
/// Bhriain (Band 4), with the built-in framework and role profiles.
fn department() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    ensure_builtin(store.conn_mut(), at(2020, 1, 1)).unwrap();
    let today = ymd(2020, 1, 1);
    for (f, s, b, m, a) in [
        ("Bea", "Boss", "7", "", "2015-06-01"),
        ("Siân", "Jones", "5", MANAGER, "2017-03-01"),
        ("Zoë", "Ní Bhriain", "4", SPECIALIST, "2019-09-01"),
    ] {
        staff::add(store.conn_mut(), &member(f, s, b, m, a), today).unwrap();
    }
    store
}

fn administrator() -> Actor {
    Actor {
        staff_number: MANAGER.into(),
        role: Role::Administrator,
        name: "Bea Boss".into(),
        must_change_passphrase: false,
    }
}

fn accuracy(level: Option<u8>) -> ObjectiveInput {
    ObjectiveInput {
        text: "Code 95% of day-case episodes within five working days of discharge by March.".into(),
        measure: "Monthly audit of 20 episodes.".into(),
        due: "2026-03-31".into(),
        framework_id: None,
        skill_code: "ANCC".into(),
        competency: "Coding accuracy".into(),
        target_level: level,
    }
}

fn fields(err: Error) -> Vec<(String, String)> {
    match err {
        Error::Invalid(f) => f.into_iter().map(|f| (f.field, f.message)).collect(),
        other => panic!("expected invalid, got {other:?}"),
    }
}

/// Makes an appraisal ready to sign: every reviewed objective met, every
/// pay standard confirmed.
fn complete(store: &mut Store, id: i64, now: NaiveDateTime) {
    let record = get(store.conn(), id).unwrap();
    for p in &record.previous_objectives {
        set_previous_outcome(store.conn_mut(), p.id, Some(Outcome::Met), "", now).unwrap();
    }
    for kind in [
        PayCriterionKind::MandatoryTraining,
        PayCriterionKind::NoCapabilityProcess,
        PayCriterionKind::NoDisciplinarySanction,
    ] {
        confirm_pay_criterion(
            store.conn_mut(),
            id,
            kind,
            Some(true),
            "",
            &record.appraiser.staff_number,
            now,
        )
        .unwrap();
    }
}

fn sign_both(store: &mut Store, id: i64, now: NaiveDateTime) -> AppraisalRecord {
    let r = get(store.conn(), id).unwrap();
    sign_unchecked(store.conn_mut(), id, Party::Appraisee, &r.appraisee.staff_number, now).unwrap();
    sign_unchecked(store.conn_mut(), id, Party::Appraiser, &r.appraiser.staff_number, now).unwrap()
}

/// Zoë's 2025/26 annual appraisal with one objective at Coding accuracy
/// level 3, signed by both on 01/05/2025.
fn signed_2025(store: &mut Store) -> AppraisalRecord {
    let now = at(2025, 5, 1);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    add_objective(store.conn_mut(), a.id, &accuracy(Some(3)), now).unwrap();
    let mut second = accuracy(Some(2));
    second.text = "Attend two coding clinics on oncology.".into();
    second.competency = "Coding standards".into();
    second.due = "2025-12-31".into();
    add_objective(store.conn_mut(), a.id, &second, now).unwrap();
    complete(store, a.id, now);
    sign_both(store, a.id, now)
}

// ---------------------------------------------------------------- start --

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

// ----------------------------------------------------------- objectives --

#[test]
fn an_objective_mapped_to_a_level_its_competency_does_not_have_is_refused_with_a_clear_message() {
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
    let err = add_objective(store.conn_mut(), a.id, &accuracy(Some(7)), at(2025, 5, 1)).unwrap_err();
    assert_eq!(err.code(), "invalid");
    let f = fields(err);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "target_level");
    assert_eq!(f[0].1, "Coding accuracy has no level 7 statement; choose 2, 3 or 4.");
    assert!(get(store.conn(), a.id).unwrap().objectives.is_empty(), "nothing stored");
}

#[test]
fn an_objective_keeps_the_framework_version_and_statement_it_was_agreed_against() {
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
    let o = add_objective(store.conn_mut(), a.id, &accuracy(Some(4)), at(2025, 5, 1)).unwrap();
    let c = o.competency.as_ref().expect("mapped");
    assert_eq!(Some(c.framework_id), a.framework_id);
    assert_eq!(c.competency, "Coding accuracy");
    assert_eq!(o.target_level, Some(4));
    let text = o.statement_text.as_deref().unwrap();
    assert!(
        text.contains("on a regular basis") && text.contains('\n'),
        "both level 4 statements, one per line: {text}"
    );
    let stored: (i64, String) = store
        .conn()
        .query_row(
            "SELECT framework_id, text FROM framework_statement WHERE id = ?1",
            [o.statement_id.unwrap()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        stored.0, c.framework_id,
        "the statement is of the same framework version"
    );
    assert!(text.starts_with(&stored.1), "the first statement's words, as agreed");
    assert!(o.missing.is_empty(), "complete: {:?}", o.missing);
}

#[test]
fn every_bad_objective_field_gets_its_own_message() {
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
    let bad = ObjectiveInput {
        text: "  ".into(),
        due: "2026-04-01".into(),
        skill_code: "ANCC".into(),
        competency: "Coding acuracy".into(),
        target_level: Some(3),
        ..Default::default()
    };
    let f = fields(add_objective(store.conn_mut(), a.id, &bad, at(2025, 5, 1)).unwrap_err());
    let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["text", "due", "competency"], "{f:?}");
    assert!(
        f[1].1.contains("inside the 2025/26 cycle, 01/04/2025 to 31/03/2026"),
        "{}",
        f[1].1
    );
    assert!(
        f[2].1.contains("Coding acuracy"),
        "the message quotes the name: {}",
        f[2].1
    );

    let level_only = ObjectiveInput {
        text: "Something".into(),
        target_level: Some(3),
        ..Default::default()
    };
    let f = fields(add_objective(store.conn_mut(), a.id, &level_only, at(2025, 5, 1)).unwrap_err());
    assert_eq!(f[0].0, "competency", "a level needs its competency first");
}

#[test]
fn a_draft_objective_saves_with_only_its_text_and_says_what_is_missing() {
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
    let draft = ObjectiveInput {
        text: "Improve".into(),
        ..Default::default()
    };
    let o = add_objective(store.conn_mut(), a.id, &draft, at(2025, 5, 1)).unwrap();
    assert_eq!(o.missing, ["measure", "due", "competency", "target_level"]);
    let o = update_objective(store.conn_mut(), o.id, &accuracy(Some(3)), at(2025, 5, 1)).unwrap();
    assert!(o.missing.is_empty());
    remove_objective(store.conn_mut(), o.id, at(2025, 5, 1)).unwrap();
    assert!(get(store.conn(), a.id).unwrap().objectives.is_empty());
}

// --------------------------------------------------------------- skills --

#[test]
fn self_and_agreed_levels_are_saved_and_gaps_follow_the_agreed_one() {
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
    let s = set_self_level(store.conn_mut(), skill, Some(2), at(2025, 4, 28)).unwrap();
    assert_eq!(
        (s.self_level, s.gap),
        (Some(2), 1),
        "self-assessed below expected: a gap"
    );
    let s = set_agreed_level(store.conn_mut(), skill, Some(3), at(2025, 5, 1)).unwrap();
    assert_eq!((s.agreed_level, s.gap), (Some(3), 0), "the agreed level decides");
    let err = set_agreed_level(store.conn_mut(), skill, Some(7), at(2025, 5, 1)).unwrap_err();
    assert_eq!(
        fields(err)[0].1,
        "Coding accuracy has no level 7 statement; choose 2, 3 or 4."
    );
    let s = set_agreed_level(store.conn_mut(), skill, None, at(2025, 5, 1)).unwrap();
    assert_eq!(
        (s.agreed_level, s.gap),
        (None, 1),
        "cleared: back to the self-assessment"
    );
}

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

// -------------------------------------------------------- carry forward --

#[test]
fn last_years_objectives_are_copied_for_review_and_a_carried_forward_one_into_this_year() {
    let mut store = department();
    let last = signed_2025(&mut store);
    let now = at(2026, 4, 20);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    assert_eq!(a.cycle.label, "2026/27");
    assert_eq!(a.previous_objectives.len(), 2, "both of last year's objectives");
    let p = &a.previous_objectives[0];
    assert_eq!(p.source_objective_id, Some(last.objectives[0].id));
    assert_eq!(p.text, last.objectives[0].text);
    assert_eq!(p.target_level, Some(3));

    let reviewed = set_previous_outcome(
        store.conn_mut(),
        p.id,
        Some(Outcome::CarriedForward),
        "Nearly there: keep going.",
        now,
    )
    .unwrap();
    let copy_id = reviewed.carried_objective_id.expect("copied into this year");
    let record = get(store.conn(), a.id).unwrap();
    let copy = record.objectives.iter().find(|o| o.id == copy_id).unwrap();
    assert_eq!(copy.text, p.text);
    assert_eq!(copy.carried_from, Some(p.id));
    assert_eq!(copy.due, Some(ymd(2027, 3, 31)), "due a year on, inside 2026/27");
    assert_eq!(copy.statement_text, last.objectives[0].statement_text, "same words");
    assert_eq!(reviewed.comments, "Nearly there: keep going.");

    let again = set_previous_outcome(store.conn_mut(), p.id, Some(Outcome::CarriedForward), "", now).unwrap();
    assert_eq!(
        again.carried_objective_id,
        Some(copy_id),
        "saving again does not copy twice"
    );
    let met = set_previous_outcome(store.conn_mut(), p.id, Some(Outcome::Met), "", now).unwrap();
    assert_eq!(met.carried_objective_id, None);
    assert!(get(store.conn(), a.id).unwrap().objectives.is_empty(), "the copy goes");
}

#[test]
fn removing_a_carried_forward_objective_clears_the_outcome_it_came_from() {
    let mut store = department();
    signed_2025(&mut store);
    let now = at(2026, 4, 20);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    let p = a.previous_objectives[0].id;
    let copy = set_previous_outcome(store.conn_mut(), p, Some(Outcome::CarriedForward), "", now)
        .unwrap()
        .carried_objective_id
        .unwrap();
    remove_objective(store.conn_mut(), copy, now).unwrap();
    let record = get(store.conn(), a.id).unwrap();
    assert_eq!(record.previous_objectives[0].outcome, None, "to be decided again");
}

#[test]
fn a_mid_year_review_looks_at_this_years_objectives_and_does_not_carry_forward() {
    let mut store = department();
    signed_2025(&mut store);
    let now = at(2025, 10, 2);
    let m = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::MidYear, None, now).unwrap();
    assert_eq!(m.previous_objectives.len(), 2, "this cycle's objectives");
    let err = set_previous_outcome(
        store.conn_mut(),
        m.previous_objectives[0].id,
        Some(Outcome::CarriedForward),
        "",
        now,
    )
    .unwrap_err();
    assert_eq!(fields(err)[0].0, "outcome");
}

// ------------------------------------------------- saved as it is typed --

#[test]
fn everything_typed_survives_closing_the_app_and_the_meeting_resumes_at_its_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let id = {
        let mut store = Store::open(&path).unwrap();
        ensure_builtin(store.conn_mut(), at(2020, 1, 1)).unwrap();
        for (f, s, b, m) in [("Siân", "Jones", "5", ""), ("Zoë", "Ní Bhriain", "4", "100001")] {
            staff::add(store.conn_mut(), &member(f, s, b, m, "2019-01-01"), ymd(2020, 1, 1)).unwrap();
        }
        let now = at(2025, 5, 1);
        let a = start(store.conn_mut(), "100002", "100001", AppraisalKind::Annual, None, now).unwrap();
        let skill = a.skills[0].id;
        set_self_level(store.conn_mut(), skill, Some(2), now).unwrap();
        add_objective(store.conn_mut(), a.id, &accuracy(Some(3)), now).unwrap();
        set_kpi_objective(store.conn_mut(), a.id, Some(&KpiInput::default()), now).unwrap();
        set_wellbeing(
            store.conn_mut(),
            a.id,
            &Wellbeing {
                notes: "Settling in well.".into(),
                flexible_working: "Compressed hours on Fridays.".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
        set_comments(store.conn_mut(), a.id, Party::Appraisee, "A good year, Siân.", now).unwrap();
        set_step(store.conn_mut(), a.id, Step::Wellbeing, now).unwrap();
        a.id
        // The store is dropped here without any closing step: as if killed.
    };
    let store = Store::open(&path).unwrap();
    let a = get(store.conn(), id).unwrap();
    assert_eq!(a.step, Step::Wellbeing, "resumes at the same step");
    assert_eq!(a.skills[0].self_level, Some(2));
    assert_eq!(a.objectives.len(), 1);
    assert_eq!(a.kpi.as_ref().map(|k| k.primary_diagnosis), Some(90.0));
    assert_eq!(a.wellbeing.flexible_working, "Compressed hours on Fridays.");
    assert_eq!(a.appraisee_comments, "A good year, Siân.");
    assert_eq!(a.updated_at, at(2025, 5, 1));
}

#[test]
fn the_kpi_objective_starts_from_the_trusts_dspt_thresholds() {
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
    let k = set_kpi_objective(store.conn_mut(), a.id, Some(&KpiInput::default()), at(2025, 5, 1))
        .unwrap()
        .unwrap();
    assert_eq!(
        (k.primary_diagnosis, k.secondary_diagnosis, k.procedure),
        (90.0, 80.0, 90.0)
    );
    let mut s = settings(store.conn()).unwrap();
    s.kpi_secondary = 85;
    save_settings(store.conn_mut(), &s).unwrap();
    let input = KpiInput {
        primary_diagnosis: "92.5%".into(),
        ..Default::default()
    };
    let k = set_kpi_objective(store.conn_mut(), a.id, Some(&input), at(2025, 5, 1))
        .unwrap()
        .unwrap();
    assert_eq!(
        (k.primary_diagnosis, k.secondary_diagnosis),
        (92.5, 85.0),
        "typed, then the new default"
    );
    let bad = KpiInput {
        procedure: "110".into(),
        ..Default::default()
    };
    let f = fields(set_kpi_objective(store.conn_mut(), a.id, Some(&bad), at(2025, 5, 1)).unwrap_err());
    assert_eq!(f[0].0, "procedure");
    assert!(f[0].1.contains("110"), "{}", f[0].1);
    assert_eq!(
        set_kpi_objective(store.conn_mut(), a.id, None, at(2025, 5, 1)).unwrap(),
        None
    );
    assert!(get(store.conn(), a.id).unwrap().kpi.is_none(), "taken away");
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

// ------------------------------------------------------ sign-off and lock --

#[test]
fn signing_needs_every_outcome_every_objective_complete_and_a_pay_decision() {
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
    let f = fields(sign_unchecked(store.conn_mut(), a.id, Party::Appraisee, CODER, now).unwrap_err());
    let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["previous_objectives", "objectives", "pay_progression"], "{f:?}");
    assert!(f[0].1.contains("2 still have none"), "{}", f[0].1);
    assert_eq!(
        f[1].1,
        "Objective 1 needs a measure of success, a due date, a competency and a target level."
    );
    assert!(f[2].1.contains("To confirm"), "{}", f[2].1);
}

#[test]
fn only_the_party_themselves_can_sign() {
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
    let err = sign_unchecked(store.conn_mut(), a.id, Party::Appraisee, SPECIALIST, at(2025, 5, 1)).unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert!(err.to_string().contains("Only the appraisee, Zoë Ní Bhriain"), "{err}");
}

#[test]
fn once_both_have_signed_no_save_changes_the_appraisal() {
    let mut store = department();
    let a = signed_2025(&mut store);
    assert_eq!(a.status, AppraisalStatus::Signed);
    assert!(a.is_locked());
    let later = at(2025, 6, 1);
    let conn = store.conn_mut();
    let skill = a.skills[0].id;
    let attempts: Vec<(&str, Error)> = vec![
        ("step", set_step(conn, a.id, Step::Skills, later).unwrap_err()),
        ("self level", set_self_level(conn, skill, Some(3), later).unwrap_err()),
        (
            "agreed level",
            set_agreed_level(conn, skill, Some(3), later).unwrap_err(),
        ),
        (
            "add objective",
            add_objective(conn, a.id, &accuracy(Some(3)), later).unwrap_err(),
        ),
        (
            "update objective",
            update_objective(conn, a.objectives[0].id, &accuracy(Some(2)), later).unwrap_err(),
        ),
        (
            "remove objective",
            remove_objective(conn, a.objectives[0].id, later).unwrap_err(),
        ),
        (
            "kpi",
            set_kpi_objective(conn, a.id, Some(&KpiInput::default()), later).unwrap_err(),
        ),
        (
            "wellbeing",
            set_wellbeing(conn, a.id, &Wellbeing::default(), later).unwrap_err(),
        ),
        (
            "comments",
            set_comments(conn, a.id, Party::Appraiser, "x", later).unwrap_err(),
        ),
        (
            "pay",
            confirm_pay_criterion(
                conn,
                a.id,
                PayCriterionKind::MandatoryTraining,
                Some(false),
                "",
                SPECIALIST,
                later,
            )
            .unwrap_err(),
        ),
        (
            "pdp",
            add_pdp_item(
                conn,
                a.id,
                &PdpItemInput {
                    learning_need: "x".into(),
                    activity: "course".into(),
                    ..Default::default()
                },
                later,
            )
            .unwrap_err(),
        ),
        (
            "meeting date",
            set_meeting_date(conn, a.id, "2025-05-02", later).unwrap_err(),
        ),
        (
            "sign again",
            sign_unchecked(conn, a.id, Party::Appraisee, CODER, later).unwrap_err(),
        ),
    ];
    for (what, err) in attempts {
        assert_eq!(err.code(), "locked", "{what}: {err}");
    }
    let after = get(store.conn(), a.id).unwrap();
    assert_eq!(canonical_json(&after), canonical_json(&a), "nothing changed");
}

#[test]
fn raw_sql_cannot_update_or_delete_a_signed_appraisal_or_any_row_of_it() {
    let mut store = department();
    let a = signed_2025(&mut store);
    let conn = store.conn();
    let id = a.id;
    for sql in [
        format!("UPDATE appraisal SET appraiser_comments = 'changed' WHERE id = {id}"),
        format!("UPDATE appraisal SET status = 'in_progress', appraisee_signed_at = NULL WHERE id = {id}"),
        format!("DELETE FROM appraisal WHERE id = {id}"),
        format!("DELETE FROM appraisal_objective WHERE appraisal_id = {id}"),
        format!("UPDATE appraisal_objective SET target_level = 2 WHERE appraisal_id = {id}"),
        format!(
            "INSERT INTO appraisal_objective (appraisal_id, position, text) VALUES ({id}, 9, 'smuggled in')"
        ),
        format!("UPDATE appraisal_skill SET agreed_level = 4 WHERE appraisal_id = {id}"),
        format!("DELETE FROM appraisal_skill WHERE appraisal_id = {id}"),
        format!("DELETE FROM appraisal_pay_criterion WHERE appraisal_id = {id}"),
        format!("UPDATE appraisal_pay_criterion SET met = 0 WHERE appraisal_id = {id}"),
        format!("INSERT INTO appraisal_wellbeing (appraisal_id, notes) VALUES ({id}, 'x')"),
        format!("INSERT INTO appraisal_kpi_objective (appraisal_id, primary_diagnosis, secondary_diagnosis, procedure) VALUES ({id}, 1, 1, 1)"),
        format!("INSERT INTO appraisal_pdp_item (appraisal_id, position, learning_need, activity) VALUES ({id}, 1, 'x', 'course')"),
    ] {
        let err = conn.execute(&sql, []).expect_err(&sql);
        assert!(err.to_string().contains("appraisal is signed and locked"), "{sql}: {err}");
    }
    let after = get(conn, id).unwrap();
    assert_eq!(after.status, AppraisalStatus::Signed);
    assert_eq!(after.objectives, a.objectives, "rows intact");
}

#[test]
fn a_save_after_one_signature_takes_that_signature_away() {
    let mut store = department();
    let now = at(2025, 5, 1);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    add_objective(store.conn_mut(), a.id, &accuracy(Some(3)), now).unwrap();
    complete(&mut store, a.id, now);
    let signed = sign_unchecked(store.conn_mut(), a.id, Party::Appraisee, CODER, now).unwrap();
    assert!(signed.appraisee_signature.is_some());
    assert_eq!(
        signed.status,
        AppraisalStatus::InProgress,
        "one signature does not lock"
    );
    set_comments(store.conn_mut(), a.id, Party::Appraiser, "Added after Zoë signed.", now).unwrap();
    let after = get(store.conn(), a.id).unwrap();
    assert!(after.appraisee_signature.is_none(), "Zoë must sign what she has read");
}

#[test]
fn each_party_signs_with_their_own_passphrase() {
    let mut store = department();
    let now = at(2025, 5, 1);
    let mut bea = member("Bea", "Boss", "7", "", "2015-06-01");
    bea.staff_number = MANAGER.into();
    let admin =
        crate::accounts::create_first_administrator(store.conn_mut(), &bea, "correct horse battery", now).unwrap();
    for number in [SPECIALIST, CODER] {
        crate::accounts::create_account(store.conn_mut(), &admin, number, Role::Coder, "a long passphrase", now)
            .unwrap();
    }
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    add_objective(store.conn_mut(), a.id, &accuracy(Some(3)), now).unwrap();
    complete(&mut store, a.id, now);
    let wrong = sign_off(store.conn_mut(), a.id, Party::Appraisee, CODER, "not it at all", now).unwrap_err();
    assert_eq!(wrong.code(), "unauthenticated", "{wrong}");
    assert!(get(store.conn(), a.id).unwrap().appraisee_signature.is_none());
    let other = sign_off(
        store.conn_mut(),
        a.id,
        Party::Appraisee,
        SPECIALIST,
        "a long passphrase",
        now,
    )
    .unwrap_err();
    assert_eq!(other.code(), "forbidden", "the appraiser cannot sign for the appraisee");
    sign_off(
        store.conn_mut(),
        a.id,
        Party::Appraisee,
        CODER,
        "a long passphrase",
        now,
    )
    .unwrap();
    let done = sign_off(
        store.conn_mut(),
        a.id,
        Party::Appraiser,
        SPECIALIST,
        "a long passphrase",
        now,
    )
    .unwrap();
    assert_eq!(done.status, AppraisalStatus::Signed);
    assert_eq!(done.appraiser_signature.unwrap().name, "Siân Jones");
}

// --------------------------------------------------------------- reopen --

#[test]
fn reopening_makes_a_new_version_and_keeps_the_signed_one_as_it_was() {
    let mut store = department();
    let signed = signed_2025(&mut store);
    let hash = content_sha256(&signed);
    let later = at(2025, 7, 1);

    let err = reopen_as(store.conn_mut(), &administrator(), signed.id, "  ", later).unwrap_err();
    assert_eq!(fields(err)[0].0, "reason", "a reason is required");
    let mut coder = administrator();
    coder.role = Role::Coder;
    let err = reopen_as(store.conn_mut(), &coder, signed.id, "Typo", later).unwrap_err();
    assert_eq!(err.code(), "forbidden");

    let v2 = reopen_as(
        store.conn_mut(),
        &administrator(),
        signed.id,
        "The due date of objective 2 was typed wrongly.",
        later,
    )
    .unwrap();
    assert_eq!((v2.version, v2.status), (2, AppraisalStatus::InProgress));
    assert!(v2.appraisee_signature.is_none() && v2.appraiser_signature.is_none());
    let r = v2.reopening.as_ref().unwrap();
    assert_eq!((r.supersedes, r.by.as_str()), (signed.id, MANAGER));
    assert_eq!(v2.objectives.len(), signed.objectives.len(), "everything copied");
    assert_eq!(v2.objectives[0].statement_text, signed.objectives[0].statement_text);
    assert_eq!(v2.skills.len(), signed.skills.len());
    assert_eq!(
        v2.pay.criteria[1].met,
        Some(true),
        "the manager's confirmations come too"
    );

    let v1 = get(store.conn(), signed.id).unwrap();
    assert_eq!(v1.status, AppraisalStatus::Reopened);
    assert_eq!(v1.superseded_by, Some(v2.id));
    assert_eq!(content_sha256(&v1), hash, "the signed version is exactly as it was");
    assert_eq!(
        set_step(store.conn_mut(), v1.id, Step::Skills, later)
            .unwrap_err()
            .code(),
        "locked"
    );
    let again = reopen_as(store.conn_mut(), &administrator(), signed.id, "Again", later).unwrap_err();
    assert_eq!(again.code(), "conflict");

    let audited: String = store
        .conn()
        .query_row(
            "SELECT detail FROM audit WHERE action = 'appraisal.reopen' AND record_id = ?1",
            [signed.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        audited.contains("typed wrongly"),
        "the reason is in the audit trail: {audited}"
    );

    let mut fixed = accuracy(Some(2));
    fixed.text = v2.objectives[1].text.clone();
    fixed.competency = "Coding standards".into();
    fixed.due = "2026-01-31".into();
    update_objective(store.conn_mut(), v2.objectives[1].id, &fixed, later).unwrap();
    complete(&mut store, v2.id, later);
    let v2 = sign_both(&mut store, v2.id, later);
    assert_eq!(v2.status, AppraisalStatus::Signed);
    let list = list(store.conn()).unwrap();
    let statuses: Vec<(u32, AppraisalStatus)> = list.iter().map(|s| (s.version, s.status)).collect();
    assert_eq!(statuses, [(1, AppraisalStatus::Reopened), (2, AppraisalStatus::Signed)]);
}

#[test]
fn next_years_review_takes_the_objectives_of_the_version_that_replaced_a_reopened_one() {
    let mut store = department();
    let signed = signed_2025(&mut store);
    let later = at(2025, 7, 1);
    let v2 = reopen_as(
        store.conn_mut(),
        &administrator(),
        signed.id,
        "Add an objective.",
        later,
    )
    .unwrap();
    let mut third = accuracy(Some(2));
    third.text = "Shadow the auditor for a day.".into();
    add_objective(store.conn_mut(), v2.id, &third, later).unwrap();
    sign_both(&mut store, v2.id, later);
    let next = start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::Annual,
        None,
        at(2026, 4, 20),
    )
    .unwrap();
    assert_eq!(
        next.previous_objectives.len(),
        3,
        "version 2's three, not version 1's two as well"
    );
}

// ---------------------------------------------------------- pay progression --

#[test]
fn a_line_manager_meets_the_pay_standard_only_when_their_reports_are_appraised() {
    let mut store = department();
    let now = at(2025, 5, 1);
    let s = start(store.conn_mut(), SPECIALIST, MANAGER, AppraisalKind::Annual, None, now).unwrap();
    let reports = s
        .pay
        .criteria
        .iter()
        .find(|c| c.criterion == PayCriterionKind::ReportsAppraised)
        .unwrap();
    assert!(reports.applies, "Siân manages Zoë");
    assert_eq!(reports.met, Some(false));
    assert!(
        reports.reason.contains("Zoë Ní Bhriain"),
        "names who is missing: {}",
        reports.reason
    );
    assert_eq!(s.pay.meets_standard, Some(false));
    assert!(
        s.pay
            .summary
            .starts_with("Meets the standard for pay-step progression: no."),
        "{}",
        s.pay.summary
    );

    signed_2025(&mut store);
    let pay = pay_progression(store.conn(), s.id, ymd(2025, 5, 2)).unwrap();
    let reports = pay
        .criteria
        .iter()
        .find(|c| c.criterion == PayCriterionKind::ReportsAppraised)
        .unwrap();
    assert_eq!(reports.met, Some(true), "{}", reports.reason);
    assert_eq!(
        pay.meets_standard, None,
        "the manager has still to confirm three standards"
    );
    assert_eq!(pay.reasons.len(), 3, "{:?}", pay.reasons);

    complete(&mut store, s.id, now);
    let pay = pay_progression(store.conn(), s.id, ymd(2025, 5, 2)).unwrap();
    assert_eq!(pay.meets_standard, Some(true), "{:?}", pay.reasons);
    assert_eq!(pay.summary, "Meets the standard for pay-step progression: yes.");
}

#[test]
fn a_confirmed_no_gives_a_no_with_the_reason_and_only_the_appraiser_confirms() {
    let mut store = department();
    let now = at(2025, 5, 1);
    let a = start(store.conn_mut(), CODER, SPECIALIST, AppraisalKind::Annual, None, now).unwrap();
    let err = confirm_pay_criterion(
        store.conn_mut(),
        a.id,
        PayCriterionKind::MandatoryTraining,
        Some(true),
        "",
        CODER,
        now,
    )
    .unwrap_err();
    assert_eq!(err.code(), "forbidden", "the appraisee cannot confirm their own");
    let err = confirm_pay_criterion(
        store.conn_mut(),
        a.id,
        PayCriterionKind::ReportsAppraised,
        Some(true),
        "",
        SPECIALIST,
        now,
    )
    .unwrap_err();
    assert_eq!(fields(err)[0].0, "criterion", "worked out, not confirmed by hand");
    complete(&mut store, a.id, now);
    let pay = confirm_pay_criterion(
        store.conn_mut(),
        a.id,
        PayCriterionKind::MandatoryTraining,
        Some(false),
        "Information governance module outstanding.",
        SPECIALIST,
        now,
    )
    .unwrap();
    assert_eq!(pay.meets_standard, Some(false));
    assert_eq!(pay.reasons.len(), 1);
    assert_eq!(
        pay.reasons[0],
        "Statutory and mandatory training is not complete, as confirmed by Siân Jones on 01/05/2025. Note: Information governance module outstanding."
    );
}

#[test]
fn a_mid_year_review_finds_the_annual_appraisal_of_the_last_12_months() {
    let mut store = department();
    signed_2025(&mut store);
    let m = start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::MidYear,
        None,
        at(2025, 10, 2),
    )
    .unwrap();
    let within = &m.pay.criteria[0];
    assert_eq!(within.criterion, PayCriterionKind::AppraisalWithin12Months);
    assert_eq!(within.met, Some(true), "{}", within.reason);
    let late = pay_progression(store.conn(), m.id, ymd(2026, 5, 2)).unwrap();
    assert_eq!(late.criteria[0].met, Some(false), "{}", late.criteria[0].reason);
    assert!(
        late.criteria[0].reason.contains("the last was on 01/05/2025"),
        "{}",
        late.criteria[0].reason
    );
}

#[test]
fn a_signed_appraisal_keeps_the_pay_outcome_it_was_signed_with() {
    let mut store = department();
    let now = at(2025, 5, 1);
    let s = start(store.conn_mut(), SPECIALIST, MANAGER, AppraisalKind::Annual, None, now).unwrap();
    complete(&mut store, s.id, now);
    let signed = sign_both(&mut store, s.id, now);
    assert_eq!(signed.pay.meets_standard, Some(false), "Zoë was not appraised");
    signed_2025(&mut store);
    let later = get(store.conn(), s.id).unwrap();
    assert_eq!(
        later.pay, signed.pay,
        "Zoë's appraisal afterwards does not rewrite the record"
    );
}

// ------------------------------------------------------------- canonical --

#[test]
fn the_content_hash_is_stable_and_ignores_pdp_progress_and_private_wellbeing() {
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
    set_wellbeing(
        store.conn_mut(),
        a.id,
        &Wellbeing {
            notes: "Private.".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    let err = set_pdp_progress(store.conn_mut(), item.id, &PdpProgressInput::default(), now).unwrap_err();
    assert_eq!(err.code(), "conflict", "progress comes after signing");
    complete(&mut store, a.id, now);
    let signed = sign_both(&mut store, a.id, now);
    let json = canonical_json(&signed);
    assert!(!json.contains("Private."), "not chosen for print: {json}");
    assert!(
        json.starts_with("{\"appraisee\":"),
        "keys in sorted order: {}",
        &json[..40]
    );
    let hash = content_sha256(&signed);
    assert_eq!(hash.len(), 64);

    let p = set_pdp_progress(
        store.conn_mut(),
        item.id,
        &PdpProgressInput {
            status: "in_progress".into(),
            evidence: "Certificate of attendance.".into(),
            reflection: "I now check the morphology codes first.".into(),
            completed_on: "2025-09-30".into(),
            ..Default::default()
        },
        at(2025, 10, 1),
    )
    .unwrap();
    assert_eq!(p.status, PdpStatus::Completed, "a completion date completes it");
    assert_eq!(p.completed_on, Some(ymd(2025, 9, 30)));
    let after = get(store.conn(), a.id).unwrap();
    assert_eq!(after.pdp[0].progress.evidence, "Certificate of attendance.");
    assert_eq!(
        content_sha256(&after),
        hash,
        "progress since signing is not the signed content"
    );

    let plan = current_pdp(store.conn(), CODER).unwrap();
    assert_eq!(plan.appraisal_id, Some(a.id));
    assert_eq!((plan.items.len(), plan.completed), (1, 1));
    assert_eq!(plan.cycle.as_deref(), Some("2025/26"));
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

// -------------------------------------------------------------- schedule --

#[test]
fn a_new_starter_without_an_objective_setting_meeting_after_six_weeks_is_flagged_late() {
    let mut store = department();
    staff::add(
        store.conn_mut(),
        &member("Łukasz", "Wiśniewski", "3", SPECIALIST, "2025-09-01"),
        ymd(2025, 9, 1),
    )
    .unwrap();
    let on_time = schedule(store.conn(), ymd(2025, 10, 13)).unwrap();
    let lukasz = on_time.iter().find(|d| d.name == "Łukasz Wiśniewski").unwrap();
    assert_eq!(lukasz.objective_setting_due, Some(ymd(2025, 10, 13)));
    assert!(!lukasz.objective_setting_late, "due today: not late yet");
    assert_eq!(lukasz.annual_due, None, "never appraised");
    let late = schedule(store.conn(), ymd(2025, 10, 14)).unwrap();
    assert!(
        late.iter()
            .find(|d| d.name == "Łukasz Wiśniewski")
            .unwrap()
            .objective_setting_late
    );

    signed_2025(&mut store);
    let zoe = schedule(store.conn(), ymd(2025, 10, 14))
        .unwrap()
        .into_iter()
        .find(|d| d.staff_number == CODER)
        .unwrap();
    assert_eq!(zoe.last_signed, Some(ymd(2025, 5, 1)));
    assert_eq!(zoe.annual_due, Some(ymd(2026, 5, 1)), "12 months after the last");
    assert_eq!(zoe.annual_status, Some(AppraisalStatus::Signed));
    assert_eq!(zoe.mid_year_due, ymd(2025, 10, 1));
    assert!(!zoe.annual_overdue);
}

#[test]
fn settings_are_checked_and_stored_whole() {
    let mut store = department();
    let bad = AppraisalSettings {
        cycle_start_month: 13,
        kpi_primary: 101,
        ..Default::default()
    };
    let f = fields(save_settings(store.conn_mut(), &bad).unwrap_err());
    let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["cycle_start_month", "kpi_primary"]);
    let good = AppraisalSettings {
        department_dates: vec![DepartmentDate {
            cycle_start_year: 2025,
            due: ymd(2025, 6, 30),
        }],
        ..Default::default()
    };
    assert_eq!(save_settings(store.conn_mut(), &good).unwrap(), good);
    let zoe = schedule(store.conn(), ymd(2025, 7, 1))
        .unwrap()
        .into_iter()
        .find(|d| d.staff_number == CODER)
        .unwrap();
    assert_eq!(zoe.annual_due, Some(ymd(2025, 6, 30)), "the department's date");
    assert!(zoe.annual_overdue);
}

#[test]
fn only_the_administrator_changes_the_appraisal_settings_and_it_is_audited() {
    let mut store = department();
    let coder = Actor {
        staff_number: SPECIALIST.into(),
        role: Role::Coder,
        name: "Zoë Ní Bhriain".into(),
        must_change_passphrase: false,
    };
    let now = at(2025, 5, 1);
    let mine = AppraisalSettings {
        cycle_start_month: 7,
        objective_setting_weeks: 8,
        kpi_primary: 95,
        kpi_secondary: 85,
        kpi_procedure: 92,
        ..Default::default()
    };
    assert!(matches!(
        save_settings_as(store.conn_mut(), &coder, &mine, now),
        Err(Error::Forbidden(_))
    ));
    assert!(matches!(settings_as(store.conn(), &coder), Err(Error::Forbidden(_))));
    let bad = AppraisalSettings {
        cycle_start_month: 0,
        ..mine.clone()
    };
    let f = fields(save_settings_as(store.conn_mut(), &administrator(), &bad, now).unwrap_err());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].0, "cycle_start_month");
    assert!(f[0].1.contains("1 (January) to 12 (December)"), "{}", f[0].1);
    assert_eq!(settings(store.conn()).unwrap(), AppraisalSettings::default());
    let saved = save_settings_as(store.conn_mut(), &administrator(), &mine, now).unwrap();
    assert_eq!(saved, mine);
    assert_eq!(settings_as(store.conn(), &administrator()).unwrap(), mine);
    let audited: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'setting.change' AND record_id = 'appraisal'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
}
