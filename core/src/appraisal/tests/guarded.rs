//! The guarded operations as the window and the CLI call them: who may
//! read and write which part, and an audit row for every save.

use chrono::NaiveDateTime;

use super::*;
use crate::access::tests::{actor, department, today};
use crate::accounts::{self, Actor, Role};
use crate::appraisal::{ActivityType, PdpStatus};
use crate::audit;
use crate::audit::AuditFilter;
use crate::Store;

// The department of `access::tests`: 10 (manager A) manages 11 (a
// coder) and 12, who manages 121; 20 (manager B) manages 21.
const PASSPHRASES: [(&str, Role, &str); 3] = [
    ("1", Role::Administrator, "the administrator's own words"),
    ("10", Role::Manager, "manager a passphrase"),
    ("11", Role::Coder, "the coder's passphrase"),
];

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

fn admin() -> Actor {
    actor("1", Role::Administrator)
}
fn manager() -> Actor {
    actor("10", Role::Manager)
}
fn coder() -> Actor {
    actor("11", Role::Coder)
}
fn other_manager() -> Actor {
    actor("20", Role::Manager)
}

fn setup() -> Store {
    let mut store = department();
    crate::framework::ensure_builtin(store.conn_mut(), now()).unwrap();
    for (number, role, passphrase) in PASSPHRASES {
        accounts::create_account(store.conn_mut(), &Actor::system(), number, role, passphrase, now()).unwrap();
    }
    store
}

fn actions(store: &Store) -> Vec<String> {
    let filter = AuditFilter {
        table: Some("appraisal".into()),
        ..Default::default()
    };
    let mut rows = audit::list(store.conn(), &Actor::system(), &filter).unwrap();
    rows.reverse();
    rows.into_iter().map(|r| r.action).collect()
}

fn objective(level: Option<u8>) -> ObjectiveInput {
    ObjectiveInput {
        text: "Code 95% of day-case episodes within five working days of discharge.".into(),
        measure: "Monthly audit of 20 episodes.".into(),
        due: "2027-03-31".into(),
        framework_id: None,
        skill_code: "ANCC".into(),
        competency: "Coding accuracy".into(),
        target_level: level,
    }
}

fn code(r: Result<impl std::fmt::Debug>) -> String {
    r.expect_err("refused").code().to_owned()
}

#[test]
fn a_manager_starts_their_reports_appraisal_and_everyone_else_sees_only_what_they_may() {
    let mut store = setup();
    let c = store.conn_mut();
    assert_eq!(
        code(start_as(c, &coder(), "11", AppraisalKind::Annual, now())),
        "forbidden"
    );
    assert_eq!(
        code(start_as(c, &other_manager(), "11", AppraisalKind::Annual, now())),
        "forbidden"
    );
    assert_eq!(
        code(start_as(c, &manager(), "10", AppraisalKind::Annual, now())),
        "forbidden"
    );
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    assert_eq!(a.appraiser.staff_number, "10", "the manager who starts it appraises");
    let b = start_as(c, &admin(), "121", AppraisalKind::Annual, now()).unwrap();
    assert_eq!(
        b.appraiser.staff_number, "12",
        "the administrator starts it with the line manager"
    );

    let c = store.conn();
    let ids = |who: &Actor| list_as(c, who).unwrap().into_iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(ids(&coder()), [a.id]);
    assert_eq!(ids(&other_manager()), Vec::<i64>::new());
    assert_eq!(ids(&manager()).len(), 2, "their report and their report's report");
    assert_eq!(code(get_as(c, &other_manager(), a.id, today())), "forbidden");
    assert_eq!(code(get_as(c, &coder(), b.id, today())), "forbidden");
    assert_eq!(
        code(get_as(c, &coder(), 9999, today())),
        "forbidden",
        "no hint that it is missing"
    );
    assert_eq!(code(get_as(c, &admin(), 9999, today())), "not_found");
    let due: Vec<String> = schedule_as(c, &coder(), today())
        .unwrap()
        .into_iter()
        .map(|d| d.staff_number)
        .collect();
    assert_eq!(due, ["11"]);

    let mine = get_as(c, &coder(), a.id, today()).unwrap().rights;
    assert!(mine.is_appraisee && mine.edit_appraisee_words && !mine.edit_meeting && !mine.confirm_pay);
    assert!(!mine.move_step, "the appraiser moves the meeting on");
    let theirs = get_as(c, &manager(), a.id, today()).unwrap().rights;
    assert!(theirs.edit_meeting && theirs.move_step && theirs.confirm_pay && !theirs.reopen);
    assert!(!theirs.edit_appraisee_words, "the appraisee's words are theirs");
    assert_eq!(actions(&store), ["appraisal.start", "appraisal.start"]);
}

#[test]
fn the_appraisee_writes_only_their_own_part_and_every_save_is_audited() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    let skill = a.skills.first().expect("the role expects competencies").clone();
    let level = skill.levels[0].level;

    set_self_level_as(c, &coder(), skill.id, Some(level), None, now()).expect("their own assessment");
    set_comments_as(c, &coder(), a.id, Party::Appraisee, "A good year.", now()).unwrap();
    let w = Wellbeing {
        include_in_print: true,
        ..Default::default()
    };
    set_wellbeing_as(c, &coder(), a.id, &w, now()).expect("they choose whether it is printed");
    let said = Wellbeing {
        notes: "Feeling stretched in winter.".into(),
        ..w.clone()
    };
    assert_eq!(code(set_wellbeing_as(c, &coder(), a.id, &said, now())), "forbidden");
    assert_eq!(
        code(set_agreed_level_as(c, &coder(), skill.id, Some(level), None, now())),
        "forbidden"
    );
    assert_eq!(
        code(add_objective_as(c, &coder(), a.id, &objective(Some(3)), now())),
        "forbidden"
    );
    assert_eq!(
        code(set_comments_as(c, &coder(), a.id, Party::Appraiser, "Mine", now())),
        "forbidden"
    );
    assert_eq!(code(set_step_as(c, &coder(), a.id, Step::Skills, now())), "forbidden");
    assert_eq!(
        code(set_agreed_level_as(
            c,
            &other_manager(),
            skill.id,
            Some(level),
            None,
            now()
        )),
        "forbidden"
    );
    assert_eq!(
        code(set_agreed_level_as(c, &coder(), 9999, Some(1), None, now())),
        "forbidden"
    );

    set_step_as(c, &manager(), a.id, Step::Skills, now()).unwrap();
    set_step_as(c, &manager(), a.id, Step::Skills, now()).expect("staying put is no change");
    set_agreed_level_as(c, &manager(), skill.id, Some(level), None, now()).unwrap();
    set_wellbeing_as(c, &manager(), a.id, &said, now()).unwrap();
    let o = add_objective_as(c, &manager(), a.id, &objective(None), now()).unwrap();
    let mut typed = objective(Some(3));
    typed.measure = "Monthly audit of 30 episodes.".into();
    update_objective_as(c, &manager(), o.id, &typed, None, now()).unwrap();

    let log = actions(&store);
    assert_eq!(
        log,
        [
            "appraisal.start",
            "appraisal.self_level",
            "appraisal.comments",
            "appraisal.wellbeing",
            "appraisal.step",
            "appraisal.agreed_level",
            "appraisal.wellbeing",
            "appraisal.objective_add",
            "appraisal.objective_update",
        ],
        "refusals leave no row; each save leaves one"
    );
    let filter = AuditFilter {
        table: Some("appraisal".into()),
        ..Default::default()
    };
    let rows = audit::list(store.conn(), &Actor::system(), &filter).unwrap();
    let update = &rows[0];
    assert_eq!(update.actor, "10");
    assert_eq!(
        update.detail["changes"]["measure"]["to"],
        "Monthly audit of 30 episodes."
    );
    assert_eq!(update.detail["changes"]["target_level"]["to"], 3);
    let wellbeing = &rows[2];
    assert_eq!(wellbeing.detail["changed"], serde_json::json!(["notes"]));
    assert!(
        !wellbeing.detail.to_string().contains("stretched"),
        "what was said stays out of the trail"
    );
}

#[test]
fn an_objective_at_a_level_its_competency_lacks_is_refused_naming_the_levels_it_has() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    let err = add_objective_as(c, &manager(), a.id, &objective(Some(7)), now()).unwrap_err();
    let Error::Invalid(fields) = err else {
        panic!("invalid expected")
    };
    assert_eq!(fields[0].field, "target_level");
    assert!(
        fields[0]
            .message
            .starts_with("Coding accuracy has no level 7 statement; choose "),
        "{}",
        fields[0].message
    );
}

fn ready(store: &mut Store) -> AppraisalRecord {
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    add_objective_as(c, &manager(), a.id, &objective(Some(3)), now()).unwrap();
    let need = PdpItemInput {
        learning_need: "OPCS-4 chapter X".into(),
        activity: ActivityType::ELearning.code().into(),
        ..Default::default()
    };
    add_pdp_item_as(c, &manager(), a.id, &need, now()).unwrap();
    for kind in [
        PayCriterionKind::MandatoryTraining,
        PayCriterionKind::NoCapabilityProcess,
        PayCriterionKind::NoDisciplinarySanction,
    ] {
        assert_eq!(
            code(confirm_pay_criterion_as(c, &admin(), a.id, kind, Some(true), "", now())),
            "forbidden",
            "only the appraiser confirms"
        );
        confirm_pay_criterion_as(c, &manager(), a.id, kind, Some(true), "", now()).unwrap();
    }
    get(c, a.id).unwrap()
}

#[test]
fn both_sign_with_their_own_passphrases_then_nothing_changes_it_until_the_administrator_reopens_it() {
    let mut store = setup();
    let a = ready(&mut store);
    let c = store.conn_mut();
    let wrong = sign_off_as(c, &manager(), a.id, Party::Appraisee, "11", "not the one", now()).unwrap_err();
    assert_eq!(wrong.code(), "invalid", "a field message, not a sign-out");
    assert!(
        matches!(&wrong, Error::Invalid(f) if f[0].field == "passphrase"),
        "{wrong:?}"
    );
    assert_eq!(
        code(sign_off_as(
            c,
            &other_manager(),
            a.id,
            Party::Appraisee,
            "11",
            "the coder's passphrase",
            now()
        )),
        "forbidden"
    );
    // The coder types theirs at the manager's screen.
    sign_off_as(
        c,
        &manager(),
        a.id,
        Party::Appraisee,
        "11",
        "the coder's passphrase",
        now(),
    )
    .unwrap();
    set_step_as(c, &manager(), a.id, Step::Comments, now()).unwrap();
    assert!(
        get(c, a.id).unwrap().appraisee_signature.is_some(),
        "moving between steps changes nothing signed"
    );
    let signed = sign_off_as(
        c,
        &manager(),
        a.id,
        Party::Appraiser,
        "10",
        "manager a passphrase",
        now(),
    )
    .unwrap();
    assert!(signed.is_locked());

    let skill = signed.skills[0].id;
    let objective_id = signed.objectives[0].id;
    let item = signed.pdp[0].id;
    let refusals: Vec<(&str, Result<()>)> = vec![
        ("step", set_step_as(c, &manager(), a.id, Step::Skills, now())),
        (
            "agreed",
            set_agreed_level_as(c, &manager(), skill, None, None, now()).map(drop),
        ),
        (
            "self",
            set_self_level_as(c, &coder(), skill, None, None, now()).map(drop),
        ),
        (
            "objective",
            update_objective_as(c, &manager(), objective_id, &objective(Some(3)), None, now()).map(drop),
        ),
        ("remove", remove_objective_as(c, &admin(), objective_id, now())),
        ("kpi", set_kpi_objective_as(c, &manager(), a.id, None, now()).map(drop)),
        ("pdp", remove_pdp_item_as(c, &manager(), item, now())),
        (
            "wellbeing",
            set_wellbeing_as(c, &manager(), a.id, &Wellbeing::default(), now()).map(drop),
        ),
        (
            "comments",
            set_comments_as(c, &coder(), a.id, Party::Appraisee, "later", now()).map(drop),
        ),
        (
            "pay",
            confirm_pay_criterion_as(
                c,
                &manager(),
                a.id,
                PayCriterionKind::MandatoryTraining,
                None,
                "",
                now(),
            )
            .map(drop),
        ),
        (
            "sign",
            sign_off_as(
                c,
                &manager(),
                a.id,
                Party::Appraiser,
                "10",
                "manager a passphrase",
                now(),
            )
            .map(drop),
        ),
    ];
    for (what, result) in refusals {
        assert_eq!(code(result), "locked", "{what}");
    }
    let rights = get_as(c, &manager(), a.id, today()).unwrap().rights;
    assert!(!rights.edit_meeting && !rights.edit_wellbeing && !rights.sign && !rights.reopen);
    assert!(get_as(c, &admin(), a.id, today()).unwrap().rights.reopen);

    assert_eq!(
        code(reopen_as(c, &manager(), a.id, "Typo in objective 1", now())),
        "forbidden"
    );
    assert_eq!(code(reopen_as(c, &admin(), a.id, "  ", now())), "invalid");
    let v2 = reopen_as(c, &admin(), a.id, "Typo in objective 1", now()).unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(get(c, a.id).unwrap().status, AppraisalStatus::Reopened);
    assert!(get_as(c, &manager(), v2.id, today()).unwrap().rights.edit_meeting);
}

#[test]
fn only_the_appraisee_records_progress_on_their_plan_and_their_manager_sees_it() {
    let mut store = setup();
    let a = ready(&mut store);
    let c = store.conn_mut();
    sign_off_as(
        c,
        &manager(),
        a.id,
        Party::Appraisee,
        "11",
        "the coder's passphrase",
        now(),
    )
    .unwrap();
    sign_off_as(
        c,
        &manager(),
        a.id,
        Party::Appraiser,
        "10",
        "manager a passphrase",
        now(),
    )
    .unwrap();
    let item = current_pdp_as(c, &coder(), "11").unwrap().items[0].id;
    let done = PdpProgressInput {
        status: "completed".into(),
        evidence: "Certificate".into(),
        completed_on: "2026-11-20".into(),
        ..Default::default()
    };
    assert_eq!(
        code(set_pdp_progress_as(c, &manager(), item, &done, now())),
        "forbidden"
    );
    assert_eq!(
        code(set_pdp_progress_as(c, &other_manager(), item, &done, now())),
        "forbidden"
    );
    let p = set_pdp_progress_as(c, &coder(), item, &done, now()).unwrap();
    assert_eq!(p.status, PdpStatus::Completed);
    let team = team_pdp_as(c, &manager(), today()).unwrap();
    let siân = team.iter().find(|p| p.staff_number == "11").expect("a report");
    assert_eq!(siân.completed, 1);
    assert!(team.iter().all(|p| p.staff_number != "10"), "not their own");
    assert_eq!(code(current_pdp_as(c, &other_manager(), "11")), "forbidden");
    let rows = audit::list(
        store.conn(),
        &Actor::system(),
        &AuditFilter {
            table: Some("pdp_item".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].detail["changes"]["status"]["to"], "completed");
}

/// Every guarded operation a coder might ask about someone else's
/// appraisal, addressed by the numbers given.
fn refusals(
    c: &mut Connection,
    me: &Actor,
    id: i64,
    skill: i64,
    objective_id: i64,
    item: i64,
) -> Vec<(&'static str, Error)> {
    let need = PdpItemInput {
        learning_need: "OPCS-4 chapter X".into(),
        activity: ActivityType::ELearning.code().into(),
        ..Default::default()
    };
    let done = PdpProgressInput {
        status: "completed".into(),
        ..Default::default()
    };
    let kind = PayCriterionKind::MandatoryTraining;
    let results: Vec<(&'static str, Result<()>)> = vec![
        ("get", get_as(c, me, id, today()).map(drop)),
        ("pay_progression", pay_progression_as(c, me, id).map(drop)),
        ("suggest_learning_needs", suggest_learning_needs_as(c, me, id).map(drop)),
        ("set_step", set_step_as(c, me, id, Step::Skills, now())),
        (
            "set_meeting_date",
            set_meeting_date_as(c, me, id, "2026-11-20", now()).map(drop),
        ),
        (
            "set_comments",
            set_comments_as(c, me, id, Party::Appraisee, "Mine", now()).map(drop),
        ),
        (
            "set_wellbeing",
            set_wellbeing_as(c, me, id, &Wellbeing::default(), now()).map(drop),
        ),
        (
            "set_kpi_objective",
            set_kpi_objective_as(c, me, id, None, now()).map(drop),
        ),
        (
            "add_objective",
            add_objective_as(c, me, id, &objective(None), now()).map(drop),
        ),
        ("add_pdp_item", add_pdp_item_as(c, me, id, &need, now()).map(drop)),
        (
            "confirm_pay",
            confirm_pay_criterion_as(c, me, id, kind, Some(true), "", now()).map(drop),
        ),
        (
            "sign_off",
            sign_off_as(c, me, id, Party::Appraisee, "11", "the coder's passphrase", now()).map(drop),
        ),
        ("reopen", reopen_as(c, me, id, "Typo", now()).map(drop)),
        (
            "set_self_level",
            set_self_level_as(c, me, skill, Some(1), None, now()).map(drop),
        ),
        (
            "set_agreed_level",
            set_agreed_level_as(c, me, skill, Some(1), None, now()).map(drop),
        ),
        (
            "update_objective",
            update_objective_as(c, me, objective_id, &objective(None), None, now()).map(drop),
        ),
        ("remove_objective", remove_objective_as(c, me, objective_id, now())),
        (
            "update_pdp_item",
            update_pdp_item_as(c, me, item, &need, None, now()).map(drop),
        ),
        ("remove_pdp_item", remove_pdp_item_as(c, me, item, now())),
        (
            "set_pdp_progress",
            set_pdp_progress_as(c, me, item, &done, now()).map(drop),
        ),
    ];
    results
        .into_iter()
        .map(|(operation, result)| (operation, result.expect_err(operation)))
        .collect()
}

#[test]
fn a_coder_is_refused_in_the_same_words_whether_or_not_the_appraisal_exists() {
    let mut store = setup();
    let c = store.conn_mut();
    let theirs = start_as(c, &other_manager(), "21", AppraisalKind::Annual, now()).unwrap();
    let skill = theirs.skills.first().expect("the role expects competencies").id;
    let objective_id = add_objective_as(c, &other_manager(), theirs.id, &objective(None), now())
        .unwrap()
        .id;
    let need = PdpItemInput {
        learning_need: "OPCS-4 chapter X".into(),
        activity: ActivityType::ELearning.code().into(),
        ..Default::default()
    };
    let item = add_pdp_item_as(c, &other_manager(), theirs.id, &need, now())
        .unwrap()
        .id;
    let trail = |store: &Store| audit::verify(store.conn()).unwrap().rows_checked;
    let before = trail(&store);

    let c = store.conn_mut();
    let existing = refusals(c, &coder(), theirs.id, skill, objective_id, item);
    let missing = refusals(c, &coder(), 9999, 9999, 9999, 9999);
    for ((operation, seen), (_, unseen)) in existing.iter().zip(&missing) {
        assert_eq!(seen.code(), "forbidden", "{operation} on someone else's appraisal");
        assert_eq!(
            seen.to_string(),
            unseen.to_string(),
            "{operation}: a missing appraisal is refused in the same words"
        );
    }
    assert_eq!(
        current_pdp_as(store.conn(), &coder(), "21").unwrap_err().to_string(),
        current_pdp_as(store.conn(), &coder(), "no-such-person")
            .unwrap_err()
            .to_string(),
        "nor does a plan say whether its person exists"
    );
    assert_eq!(trail(&store), before, "nothing refused was audited");
}

fn audit_rows(store: &Store) -> i64 {
    audit::verify(store.conn()).unwrap().rows_checked
}

#[test]
fn nobody_but_the_appraisee_writes_their_comments_or_self_assessed_levels() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    let skill = a.skills.first().expect("the role expects competencies").clone();
    let level = skill.levels[0].level;
    let before = audit_rows(&store);

    let c = store.conn_mut();
    for (who, name) in [(admin(), "the administrator"), (manager(), "the appraiser")] {
        let comment = set_comments_as(c, &who, a.id, Party::Appraisee, "Typed for her.", now()).unwrap_err();
        assert_eq!(
            comment.code(),
            "forbidden",
            "{name} may not write the appraisee's comments"
        );
        assert!(
            comment.to_string().contains("Siân"),
            "the message names whose words they are: {comment}"
        );
        assert_eq!(
            code(set_self_level_as(c, &who, skill.id, Some(level), None, now())),
            "forbidden",
            "{name} may not give the appraisee's own level"
        );
        let rights = get_as(c, &who, a.id, today()).unwrap().rights;
        assert!(
            !rights.edit_appraisee_words,
            "{name} is not offered the appraisee's words"
        );
    }
    assert_eq!(
        code(set_comments_as(c, &coder(), a.id, Party::Appraiser, "Mine", now())),
        "forbidden",
        "the appraisee may not write the appraiser's comments"
    );
    assert_eq!(
        code(set_agreed_level_as(c, &coder(), skill.id, Some(level), None, now())),
        "forbidden",
        "nor the agreed level"
    );
    assert_eq!(audit_rows(&store), before, "refusals leave no row");
    let record = get(store.conn(), a.id).unwrap();
    assert_eq!(record.appraisee_comments, "", "nothing was saved");
    assert_eq!(record.skills[0].self_level, None, "nothing was saved");

    let c = store.conn_mut();
    set_comments_as(c, &coder(), a.id, Party::Appraisee, "A good year.", now()).expect("her own words");
    set_self_level_as(c, &coder(), skill.id, Some(level), None, now()).expect("her own level");
    set_comments_as(c, &manager(), a.id, Party::Appraiser, "A steady year.", now()).expect("the appraiser's own words");
    assert_eq!(audit_rows(&store), before + 3, "each save leaves one row");
}

#[test]
fn the_step_moves_only_forwards_and_only_for_the_appraiser_and_no_change_leaves_no_row() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    set_step_as(c, &manager(), a.id, Step::Objectives, now()).unwrap();
    let before = audit_rows(&store);
    let row = get(store.conn(), a.id).unwrap();

    let c = store.conn_mut();
    set_step_as(c, &manager(), a.id, Step::Objectives, now()).expect("the same step is no change");
    set_step_as(c, &manager(), a.id, Step::PreviousObjectives, now()).expect("going back to look is no change");
    for reader in [admin(), coder()] {
        assert!(!get_as(c, &reader, a.id, today()).unwrap().rights.move_step);
        for step in Step::ALL {
            assert_eq!(
                code(set_step_as(c, &reader, a.id, step, now())),
                "forbidden",
                "{} does not move the meeting on",
                reader.staff_number
            );
        }
    }
    assert_eq!(audit_rows(&store), before, "no change and no right: no audit row");
    assert_eq!(get(store.conn(), a.id).unwrap(), row, "the appraisal row is as it was");

    let c = store.conn_mut();
    set_step_as(c, &manager(), a.id, Step::Pdp, now()).unwrap();
    assert_eq!(get(c, a.id).unwrap().step, Step::Pdp);
    assert_eq!(audit_rows(&store), before + 1, "a move forwards leaves one row");
}

#[test]
fn saving_a_field_as_it_already_is_writes_nothing() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    let skill = a.skills.first().expect("the role expects competencies").clone();
    let level = skill.levels[0].level;
    set_comments_as(c, &coder(), a.id, Party::Appraisee, "A good year.", now()).unwrap();
    set_self_level_as(c, &coder(), skill.id, Some(level), None, now()).unwrap();
    set_agreed_level_as(c, &manager(), skill.id, Some(level), None, now()).unwrap();
    set_comments_as(c, &manager(), a.id, Party::Appraiser, "Steady.", now()).unwrap();
    let before = audit_rows(&store);
    let row = get(store.conn(), a.id).unwrap();

    let later = now() + chrono::Duration::hours(1);
    let c = store.conn_mut();
    set_comments_as(c, &coder(), a.id, Party::Appraisee, " A good year. ", later).unwrap();
    set_self_level_as(c, &coder(), skill.id, Some(level), None, later).unwrap();
    set_agreed_level_as(c, &manager(), skill.id, Some(level), None, later).unwrap();
    set_comments_as(c, &manager(), a.id, Party::Appraiser, "Steady.", later).unwrap();
    let date = row.meeting_date.format("%Y-%m-%d").to_string();
    set_meeting_date_as(c, &manager(), a.id, &date, later).unwrap();
    assert_eq!(audit_rows(&store), before, "nothing changed, so no audit row");
    assert_eq!(
        get(store.conn(), a.id).unwrap(),
        row,
        "the appraisal row is as it was, its time stamp too"
    );
}

#[test]
fn reading_a_meeting_writes_nothing() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    set_step_as(c, &manager(), a.id, Step::Objectives, now()).unwrap();
    let before = audit_rows(&store);
    let row = get(store.conn(), a.id).unwrap();
    // SQLite counts every row written; the server has no such counter.
    let changes = store.conn().sqlite().map(|c| c.total_changes());

    for reader in [admin(), manager(), coder()] {
        get_as(store.conn(), &reader, a.id, today()).expect("they may read it");
        list_as(store.conn(), &reader).unwrap();
    }
    assert_eq!(
        store.conn().sqlite().map(|c| c.total_changes()),
        changes,
        "no row was written"
    );
    assert_eq!(audit_rows(&store), before, "no audit row");
    assert_eq!(get(store.conn(), a.id).unwrap(), row, "the appraisal row is as it was");
}

#[test]
fn two_people_saving_the_same_objective_the_second_from_the_version_they_opened_is_told_who_saved_first() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    let o = add_objective_as(c, &manager(), a.id, &objective(None), now()).unwrap();
    let opened = o.row_version;

    let mut theirs = objective(Some(3));
    theirs.measure = "Monthly audit of 30 episodes.".into();
    let first_save = today().and_hms_opt(10, 15, 0).unwrap();
    let saved = update_objective_as(c, &admin(), o.id, &theirs, Some(opened), first_save).unwrap();
    assert_eq!(
        saved.row_version,
        opened + 1,
        "a save moves the row to its next version"
    );

    let mut mine = objective(Some(3));
    mine.measure = "Weekly audit of 10 episodes.".into();
    let err = update_objective_as(c, &manager(), o.id, &mine, Some(opened), now()).unwrap_err();
    assert_eq!(err.code(), "conflict", "a save from an older version is a conflict");
    let message = err.to_string();
    assert!(
        message.contains("Łukasz Wiśniewski changed this at 10:15 on 21/11/2026"),
        "it says who saved since and when: {message}"
    );
    let kept = get_as(c, &manager(), a.id, today()).unwrap().record.objectives;
    assert_eq!(
        kept[0].measure, "Monthly audit of 30 episodes.",
        "the first save is kept, not overwritten"
    );

    let again = update_objective_as(c, &manager(), o.id, &mine, Some(saved.row_version), now())
        .expect("a save from the current version goes through");
    assert_eq!(again.measure, "Weekly audit of 10 episodes.");
    assert_eq!(again.row_version, saved.row_version + 1);
    update_objective_as(c, &manager(), o.id, &theirs, None, now()).expect("a save naming no version is not checked");
}

#[test]
fn a_conflict_names_the_appraisee_and_writes_nothing() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    let skill = a.skills.first().expect("the role expects competencies").clone();
    let level = skill.levels[0].level;
    set_self_level_as(c, &coder(), skill.id, Some(level), Some(skill.row_version), now()).unwrap();
    let before = audit_rows(&store);
    let c = store.conn_mut();
    let err = set_agreed_level_as(c, &manager(), skill.id, Some(level), Some(skill.row_version), now()).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().starts_with("Siân Jones changed this at 10:00"), "{err}");
    assert_eq!(audit_rows(&store), before, "a refused save leaves no audit row");
    let c = store.conn_mut();
    let skills = get_as(c, &manager(), a.id, today()).unwrap().record.skills;
    assert_eq!(skills[0].agreed_level, None, "nothing was agreed");
}

#[test]
fn browsing_a_meeting_does_not_move_its_step() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    set_step_as(c, &manager(), a.id, Step::Objectives, now()).unwrap();
    let before = audit_rows(&store);
    let row = get(store.conn(), a.id).unwrap();

    // The administrator clicks through every step, as the window does: it
    // reads the meeting each time and asks to move only when it may.
    let c = store.conn_mut();
    for step in Step::ALL {
        let view = get_as(c, &admin(), a.id, today()).expect("the administrator reads it");
        assert!(!view.rights.move_step, "the administrator is not offered moving it");
        let _ = set_step_as(c, &admin(), a.id, step, now());
    }
    set_step_as(c, &manager(), a.id, Step::PreviousObjectives, now()).expect("going back to look is no change");
    assert_eq!(
        get(store.conn(), a.id).unwrap().step,
        Step::Objectives,
        "still at step c"
    );
    assert_eq!(get(store.conn(), a.id).unwrap(), row, "the appraisal row is as it was");
    assert_eq!(audit_rows(&store), before, "browsing leaves no audit row");
}

#[test]
fn only_the_appraisee_writes_the_appraisees_comments() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    for (who, name) in [(admin(), "the administrator"), (manager(), "the appraiser")] {
        assert_eq!(
            code(set_comments_as(c, &who, a.id, Party::Appraisee, "Typed for her", now())),
            "forbidden",
            "{name} may not write the appraisee's comments"
        );
        assert!(
            !get_as(c, &who, a.id, today()).unwrap().rights.edit_appraisee_words,
            "{name} is shown them as text"
        );
    }
    assert!(get_as(c, &coder(), a.id, today()).unwrap().rights.edit_appraisee_words);
    set_comments_as(c, &coder(), a.id, Party::Appraisee, "A good year.", now()).expect("her own words");
    assert_eq!(get(store.conn(), a.id).unwrap().appraisee_comments, "A good year.");
}

#[test]
fn only_the_appraiser_writes_the_appraisers_comments() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    let before = audit_rows(&store);
    let c = store.conn_mut();
    for (who, name) in [(admin(), "the administrator"), (coder(), "the appraisee")] {
        assert_eq!(
            code(set_comments_as(c, &who, a.id, Party::Appraiser, "Typed for him", now())),
            "forbidden",
            "{name} may not write the appraiser's comments"
        );
        assert!(
            !get_as(c, &who, a.id, today()).unwrap().rights.edit_appraiser_words,
            "{name} is shown them as text"
        );
    }
    assert_eq!(audit_rows(&store), before, "refusals leave no row");
    let c = store.conn_mut();
    assert!(
        get_as(c, &manager(), a.id, today())
            .unwrap()
            .rights
            .edit_appraiser_words
    );
    set_comments_as(c, &manager(), a.id, Party::Appraiser, "A steady year.", now()).expect("his own words");
    assert_eq!(get(store.conn(), a.id).unwrap().appraiser_comments, "A steady year.");
}

#[test]
fn an_unsigned_meeting_is_cancelled_by_a_manager_with_an_audit_row_and_can_be_started_again() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
    set_comments_as(c, &coder(), a.id, Party::Appraisee, "A good year.", now()).unwrap();
    let before = audit_rows(&store);
    let c = store.conn_mut();
    for (who, name) in [(coder(), "the appraisee"), (other_manager(), "another team's manager")] {
        assert_eq!(
            code(cancel_as(c, &who, a.id, now())),
            "forbidden",
            "{name} may not cancel it"
        );
    }
    assert_eq!(audit_rows(&store), before, "refusals leave no row");
    assert!(
        !get_as(store.conn(), &coder(), a.id, today()).unwrap().rights.cancel,
        "not offered to her"
    );
    assert!(
        get_as(store.conn(), &manager(), a.id, today()).unwrap().rights.cancel,
        "offered to him"
    );

    let c = store.conn_mut();
    cancel_as(c, &manager(), a.id, now()).expect("the line manager cancels it");
    assert_eq!(audit_rows(&store), before + 1, "one audit row");
    assert_eq!(actions(&store).last().map(String::as_str), Some("appraisal.cancel"));
    let c = store.conn_mut();
    assert_eq!(code(get_as(c, &admin(), a.id, today())), "not_found", "it is gone");
    assert!(
        list_as(c, &manager()).unwrap().iter().all(|s| s.id != a.id),
        "and off the list"
    );
    start_as(c, &manager(), "11", AppraisalKind::Annual, now()).expect("it can be started again");
}

#[test]
fn a_meeting_one_party_has_signed_is_not_cancelled() {
    let mut store = setup();
    let c = store.conn_mut();
    let a = start_as(c, &manager(), "11", AppraisalKind::ObjectiveSetting, now()).unwrap();
    sign_off_as(
        c,
        &coder(),
        a.id,
        Party::Appraisee,
        "11",
        "the coder's passphrase",
        now(),
    )
    .expect("she signs");
    let before = audit_rows(&store);
    let c = store.conn_mut();
    assert!(
        !get_as(c, &admin(), a.id, today()).unwrap().rights.cancel,
        "not offered"
    );
    assert_eq!(
        code(cancel_as(c, &admin(), a.id, now())),
        "conflict",
        "a signature is kept"
    );
    assert_eq!(audit_rows(&store), before, "no row");
    assert!(get_as(store.conn(), &admin(), a.id, today()).is_ok(), "still there");
}
