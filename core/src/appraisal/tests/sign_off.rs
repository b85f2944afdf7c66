//! Signing, locking and re-opening.

use super::*;

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
