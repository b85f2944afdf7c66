//! Pay progression: what Appraise works out, what the appraiser confirms.

use super::*;

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
    let day_before = pay_progression(store.conn(), m.id, ymd(2026, 4, 30)).unwrap();
    assert_eq!(
        day_before.criteria[0].met,
        Some(true),
        "{}",
        day_before.criteria[0].reason
    );
    let anniversary = pay_progression(store.conn(), m.id, ymd(2026, 5, 1)).unwrap();
    assert_eq!(
        anniversary.criteria[0].met,
        Some(true),
        "the anniversary counts as within: {}",
        anniversary.criteria[0].reason
    );
    let late = pay_progression(store.conn(), m.id, ymd(2026, 5, 2)).unwrap();
    assert_eq!(late.criteria[0].met, Some(false), "{}", late.criteria[0].reason);
    assert!(
        late.criteria[0].reason.contains("the last was signed on 01/05/2025"),
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

#[test]
fn with_training_records_held_the_meeting_works_out_mandatory_training_and_names_what_expired() {
    let mut store = department();
    let id = crate::store::staff::id_of(store.conn(), CODER).unwrap().unwrap();
    let expired = crate::training::words::NewTrainingRecord {
        competence: "NHS|CSTF|Fire Safety - 2 Years|".into(),
        completed_on: ymd(2022, 3, 1),
        expires_on: Some(ymd(2024, 3, 1)),
    };
    crate::store::training::insert_record(store.conn(), id, &expired, "import").unwrap();
    let a = start(
        store.conn_mut(),
        CODER,
        SPECIALIST,
        AppraisalKind::Annual,
        None,
        at(2025, 5, 1),
    )
    .unwrap();
    let training = a
        .pay
        .criteria
        .iter()
        .find(|c| c.criterion == PayCriterionKind::MandatoryTraining)
        .unwrap();
    assert_eq!(
        training.source,
        CriterionSource::Computed,
        "worked out from the records"
    );
    assert_eq!(training.met, Some(false), "{}", training.reason);
    assert!(
        training.reason.contains("Fire Safety (expired 01/03/2024)"),
        "names it: {}",
        training.reason
    );
}
