//! Coding audits: recording results through the door, who may, and the
//! period summary.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::access::tests::{actor, department};
use crate::accounts::actor::Role;
use crate::Error;

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(10, 0, 0).unwrap()
}

fn input(date: &str, pd: &str, sd: &str, pp: &str, sp: &str) -> CodingAuditInput {
    CodingAuditInput {
        date: date.into(),
        auditor: "Dee Auditor".into(),
        episodes: "100".into(),
        primary_diagnosis: pd.into(),
        secondary_diagnosis: sd.into(),
        primary_procedure: pp.into(),
        secondary_procedure: sp.into(),
        errors_coder: "3".into(),
        errors_documentation: "2".into(),
        ..Default::default()
    }
}

fn manager() -> crate::accounts::Actor {
    actor("10", Role::Manager)
}

#[test]
fn a_line_manager_records_a_result_judged_against_the_dspt_thresholds() {
    let mut store = department();
    let c = store.conn_mut();
    let not_met = add_audited(
        c,
        &manager(),
        "11",
        &input("2026-05-01", "92", "85", "91", "78"),
        at(2026, 5, 2),
    )
    .unwrap();
    assert_eq!(
        not_met.judgement.outcome,
        AuditOutcome::NotMet,
        "78% secondary procedure"
    );
    assert_eq!(not_met.judgement.below, [CodeType::SecondaryProcedure], "named");
    let exceeded = add_audited(
        c,
        &manager(),
        "11",
        &input("2026-06-01", "96", "91", "95", "90"),
        at(2026, 6, 2),
    )
    .unwrap();
    assert_eq!(exceeded.judgement.outcome, AuditOutcome::Exceeded);
    let met = add_audited(
        c,
        &manager(),
        "12",
        &input("2026-06-01", "92", "85", "91", "82"),
        at(2026, 6, 2),
    )
    .unwrap();
    assert_eq!(met.judgement.outcome, AuditOutcome::Met);
    assert_eq!(met.audit.errors.coder, 3, "error counts kept");
    assert_eq!(met.audit.errors.other, 0, "an empty count is none");

    let listed = list_as(store.conn(), &actor("11", Role::Coder), "11").unwrap();
    assert_eq!(listed.len(), 2, "the coder reads their own");
    assert_eq!(
        listed[0].audit.date,
        NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
        "oldest first"
    );
    let trail: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'coding_audit.add'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(trail, 3, "each result has its audit row");
}

#[test]
fn only_a_line_manager_or_the_administrator_records_and_a_coder_sees_only_their_own() {
    let mut store = department();
    let c = store.conn_mut();
    let good = input("2026-05-01", "92", "85", "91", "82");
    for (who, number) in [
        (actor("11", Role::Coder), "11"),
        (actor("10", Role::Manager), "10"),
        (actor("20", Role::Manager), "11"),
        (actor("20", Role::Manager), "no-such"),
    ] {
        let err = add_audited(c, &who, number, &good, at(2026, 5, 2)).unwrap_err();
        assert!(
            matches!(err, Error::Forbidden(_)),
            "{} for {number}: {err:?}",
            who.staff_number
        );
    }
    assert!(add_audited(c, &actor("1", Role::Administrator), "11", &good, at(2026, 5, 2)).is_ok());
    assert!(
        add_audited(c, &actor("10", Role::Manager), "121", &good, at(2026, 5, 2)).is_ok(),
        "up the chain"
    );
    let refused = list_as(store.conn(), &actor("21", Role::Coder), "11").unwrap_err();
    let missing = list_as(store.conn(), &actor("21", Role::Coder), "no-such").unwrap_err();
    assert_eq!(
        refused.to_string(),
        missing.to_string(),
        "the same answer whether or not it exists"
    );
    let view = view_as(store.conn(), &actor("11", Role::Coder), "11", at(2026, 5, 2).date()).unwrap();
    assert!(!view.may_record, "a coder does not record their own");
    assert!(
        view_as(store.conn(), &manager(), "11", at(2026, 5, 2).date())
            .unwrap()
            .may_record
    );
}

#[test]
fn bad_input_is_refused_with_a_message_per_field_and_nothing_stored() {
    let mut store = department();
    let bad = CodingAuditInput {
        date: "2099-01-01".into(),
        episodes: "0".into(),
        primary_diagnosis: "101".into(),
        secondary_diagnosis: "".into(),
        primary_procedure: "9O".into(),
        secondary_procedure: "80%".into(),
        errors_coder: "-1".into(),
        ..Default::default()
    };
    let Err(Error::Invalid(fields)) = add_audited(store.conn_mut(), &manager(), "11", &bad, at(2026, 5, 2)) else {
        panic!("refused");
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        names,
        [
            "date",
            "episodes",
            "primary_diagnosis",
            "secondary_diagnosis",
            "primary_procedure",
            "errors_coder"
        ],
        "every bad field, in the form's order"
    );
    assert!(
        list_as(store.conn(), &manager(), "11").unwrap().is_empty(),
        "nothing stored"
    );
}

#[test]
fn a_result_keeps_the_outcome_of_the_thresholds_in_force_when_recorded() {
    let mut store = department();
    let c = store.conn_mut();
    add_audited(
        c,
        &manager(),
        "11",
        &input("2026-05-01", "92", "85", "91", "82"),
        at(2026, 5, 2),
    )
    .unwrap();
    let mut s = crate::settings::appraisal::load(c).unwrap();
    s.audit_met.secondary_procedure = 85;
    s.audit_exceeded.secondary_procedure = 95;
    crate::settings::appraisal::save(c, &actor("1", Role::Administrator), &s, at(2026, 5, 3)).unwrap();
    let later = add_audited(
        c,
        &manager(),
        "11",
        &input("2026-05-04", "92", "85", "91", "82"),
        at(2026, 5, 4),
    )
    .unwrap();
    assert_eq!(
        later.judgement.outcome,
        AuditOutcome::NotMet,
        "judged on the new thresholds"
    );
    let first = &list_as(store.conn(), &manager(), "11").unwrap()[0];
    assert_eq!(
        first.judgement.outcome,
        AuditOutcome::Met,
        "the earlier result is not rewritten"
    );
}

#[test]
fn the_period_summary_gives_coders_audited_mean_lowest_and_trend() {
    let mut store = department();
    let c = store.conn_mut();
    let admin = actor("1", Role::Administrator);
    add_audited(
        c,
        &admin,
        "11",
        &input("2025-10-01", "90", "80", "90", "80"),
        at(2026, 5, 2),
    )
    .unwrap();
    add_audited(
        c,
        &admin,
        "11",
        &input("2026-05-01", "92", "85", "91", "78"),
        at(2026, 5, 2),
    )
    .unwrap();
    add_audited(
        c,
        &admin,
        "11",
        &input("2026-09-01", "96", "91", "95", "90"),
        at(2026, 9, 2),
    )
    .unwrap();
    add_audited(
        c,
        &admin,
        "21",
        &input("2027-03-31", "92", "85", "91", "82"),
        at(2027, 3, 31),
    )
    .unwrap();
    add_audited(
        c,
        &admin,
        "21",
        &input("2027-04-01", "50", "50", "50", "50"),
        at(2027, 4, 1),
    )
    .unwrap();

    let s = summary_as(store.conn(), &admin, "2026/27").unwrap();
    assert_eq!((s.period.as_str(), s.previous_period.as_str()), ("2026/27", "2025/26"));
    assert_eq!((s.coders_audited, s.results), (2, 3), "April to March only");
    assert_eq!((s.exceeded, s.met, s.not_met), (1, 1, 1));
    let sp = s.code_types[3];
    assert_eq!(sp.code_type, CodeType::SecondaryProcedure);
    assert_eq!(
        (sp.mean, sp.lowest, sp.change),
        (83.3, 78.0, Some(3.3)),
        "against 2025/26's 80"
    );
    assert_eq!(s.coders[0].name, "Cy Coder", "by name");
    assert_eq!(
        (s.coders[1].audits, s.coders[1].latest_outcome),
        (2, AuditOutcome::Exceeded),
        "latest result"
    );

    let zoe = summary_as(store.conn(), &manager(), "2026/27").unwrap();
    assert_eq!(zoe.coders_audited, 1, "a line manager sees only their own people");
    assert!(matches!(
        summary_as(store.conn(), &actor("11", Role::Coder), "2026/27"),
        Err(Error::Forbidden(_))
    ));
    assert!(
        summary_as(store.conn(), &admin, "2026").is_ok(),
        "a bare year is the NHS year"
    );
    assert!(matches!(
        summary_as(store.conn(), &admin, "26/27"),
        Err(Error::Invalid(_))
    ));
}

#[test]
fn the_coding_accuracy_objective_is_measured_by_the_results_of_its_cycle() {
    let mut store = department();
    let c = store.conn_mut();
    let a = crate::appraisal::start(
        c,
        "11",
        "10",
        crate::appraisal::AppraisalKind::MidYear,
        None,
        at(2026, 10, 1),
    )
    .unwrap();
    add_audited(
        c,
        &manager(),
        "11",
        &input("2026-03-31", "92", "85", "91", "82"),
        at(2026, 5, 2),
    )
    .unwrap();
    add_audited(
        c,
        &manager(),
        "11",
        &input("2026-04-01", "96", "91", "95", "90"),
        at(2026, 5, 2),
    )
    .unwrap();
    let seen = for_appraisal_as(store.conn(), &manager(), a.id, at(2026, 10, 1).date()).unwrap();
    assert_eq!(seen.len(), 1, "only 2026/27's result");
    assert_eq!(seen[0].judgement.outcome, AuditOutcome::Exceeded);
    let other = for_appraisal_as(store.conn(), &actor("21", Role::Coder), a.id, at(2026, 10, 1).date());
    assert!(matches!(other, Err(Error::Forbidden(_))), "another coder cannot");
}
