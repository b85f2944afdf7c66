//! Pay status and pay-step reviews on a store: the standards with their
//! evidence, who records, and the rules of each outcome.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::accounts::{Actor, Role};
use crate::appraisal::words::PayCriterionKind;
use crate::settings::training::CSTF_SUBJECTS;
use crate::staff::{self, StaffInput};
use crate::store::training as training_db;
use crate::training::words::NewTrainingRecord;
use crate::Store;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn now() -> NaiveDateTime {
    ymd(2026, 1, 15).and_hms_opt(10, 0, 0).unwrap()
}

fn actor(number: &str, role: Role) -> Actor {
    Actor {
        staff_number: number.into(),
        role,
        name: number.into(),
        must_change_passphrase: false,
    }
}

/// A manager (2001) and their band 5 report (2002), who entered the band
/// on 01/04/2024, with every CSTF subject in date except Fire Safety,
/// which expired on 01/05/2025.
fn store() -> Store {
    let mut store = crate::store::testing::store();
    for (number, manager, band, entered) in [("2001", "", "7", ""), ("2002", "2001", "5", "2024-04-01")] {
        staff::add(
            store.conn_mut(),
            &StaffInput {
                staff_number: number.into(),
                forename: "Sam".into(),
                surname: format!("Person{number}"),
                band: band.into(),
                appointed: "2020-01-06".into(),
                manager: manager.into(),
                band_entered: entered.into(),
                ..Default::default()
            },
            now().date(),
        )
        .unwrap();
    }
    let id = crate::store::staff::id_of(store.conn(), "2002").unwrap().unwrap();
    for subject in CSTF_SUBJECTS {
        let (done, expires) = if subject == "Fire Safety" {
            (ymd(2023, 5, 1), ymd(2025, 5, 1))
        } else {
            (ymd(2025, 6, 1), ymd(2027, 6, 1))
        };
        let record = NewTrainingRecord {
            competence: format!("NHS|CSTF|{subject} - 2 Years|"),
            completed_on: done,
            expires_on: Some(expires),
        };
        training_db::insert_record(store.conn(), id, &record, "import").unwrap();
    }
    store
}

fn standard(status: &PayStatus, code: PayCriterionKind) -> &PayStandard {
    status
        .standards
        .iter()
        .find(|s| s.code == code)
        .expect("every standard is listed")
}

#[test]
fn one_expired_mandatory_competence_fails_the_training_standard_and_names_it() {
    let store = store();
    let status = status_as(store.conn(), &actor("2001", Role::Manager), "2002", now().date()).unwrap();
    let training = standard(&status, PayCriterionKind::MandatoryTraining);
    assert_eq!(training.met, Some(false), "not met: {}", training.reason);
    assert!(training.reason.contains("Fire Safety"), "names it: {}", training.reason);
    assert_eq!(training.name, "Statutory and mandatory training complete");
    assert!(
        status.summary.contains("Statutory and mandatory training"),
        "{}",
        status.summary
    );
}

#[test]
fn the_next_step_and_its_review_follow_from_the_date_entered_the_band() {
    let store = store();
    let status = status_as(store.conn(), &actor("2002", Role::Coder), "2002", now().date()).unwrap();
    assert_eq!(
        status.steps,
        [ymd(2026, 4, 1), ymd(2028, 4, 1)],
        "band 5: after 2 and 4 years"
    );
    assert_eq!(status.next_step, Some(ymd(2026, 4, 1)));
    assert_eq!(status.review_due, Some(ymd(2026, 2, 4)), "8 weeks before");
    assert!(!status.may_record, "the person reads their own but does not record it");
    let appraisal = standard(&status, PayCriterionKind::AppraisalWithin12Months);
    assert_eq!(appraisal.met, Some(false), "{}", appraisal.reason);
    let capability = standard(&status, PayCriterionKind::NoCapabilityProcess);
    assert_eq!(capability.met, None, "confirmed by hand: {}", capability.reason);
}

#[test]
fn a_standard_missed_outside_the_employees_control_does_not_defer_and_the_record_says_why() {
    let mut store = store();
    let manager = actor("2001", Role::Manager);
    let mut input = ReviewInput {
        step_date: "2026-04-01".into(),
        outcome: "progresses".into(),
        ..Default::default()
    };
    let err = record_review_audited(store.conn_mut(), &manager, "2002", &input, now()).unwrap_err();
    assert!(err.to_string().contains("Not met"), "progress needs a reason: {err}");
    input.outside_control = "The manager did not hold the appraisal; training booked during authorised absence.".into();
    let status = record_review_audited(store.conn_mut(), &manager, "2002", &input, now()).unwrap();
    assert_eq!(status.reviews[0].outcome, PayOutcome::Progresses);
    assert!(
        status.reviews[0].outside_control.contains("did not hold"),
        "{:?}",
        status.reviews[0]
    );
}

#[test]
fn a_deferral_names_the_unmet_standard_and_a_review_date() {
    let mut store = store();
    let manager = actor("2001", Role::Manager);
    let mut input = ReviewInput {
        step_date: "01/04/2026".into(),
        outcome: "deferred".into(),
        ..Default::default()
    };
    let err = record_review_audited(store.conn_mut(), &manager, "2002", &input, now()).unwrap_err();
    let crate::Error::Invalid(fields) = err else {
        panic!("expected invalid")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, ["unmet_standard", "review_date"], "{fields:?}");
    input.unmet_standard = "mandatory_training".into();
    input.review_date = "2026-05-01".into();
    let status = record_review_audited(store.conn_mut(), &manager, "2002", &input, now()).unwrap();
    assert_eq!(status.reviews[0].unmet_standard.as_deref(), Some("mandatory_training"));
    assert_eq!(status.reviews[0].review_date, Some(ymd(2026, 5, 1)));
}

#[test]
fn capability_is_confirmed_by_hand_with_a_reason_by_the_manager_only() {
    let mut store = store();
    let input = StandardInput {
        step_date: "2026-04-01".into(),
        standard: "capability".into(),
        met: true,
        reason: "No capability process; checked with HR on 14/01/2026.".into(),
    };
    let err =
        confirm_standard_audited(store.conn_mut(), &actor("2002", Role::Coder), "2002", &input, now()).unwrap_err();
    assert_eq!(err.code(), "forbidden", "not one's own: {err}");
    let status =
        confirm_standard_audited(store.conn_mut(), &actor("2001", Role::Manager), "2002", &input, now()).unwrap();
    let capability = standard(&status, PayCriterionKind::NoCapabilityProcess);
    assert_eq!(capability.met, Some(true));
    assert!(capability.reason.contains("checked with HR"), "{}", capability.reason);
    let audited: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'pay.standard_confirm'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1, "audited");
}

#[test]
fn not_applicable_is_only_for_the_top_of_the_band() {
    let mut store = store();
    let input = ReviewInput {
        step_date: "2026-01-15".into(),
        outcome: "not applicable".into(),
        ..Default::default()
    };
    let err =
        record_review_audited(store.conn_mut(), &actor("2001", Role::Manager), "2002", &input, now()).unwrap_err();
    assert!(err.to_string().contains("top of the band"), "{err}");
}

#[test]
fn an_appraisal_held_before_appraise_counts_for_the_appraisal_standard_for_12_months() {
    let mut store = store();
    let never = super::status::status(store.conn(), "2002", ymd(2026, 1, 15)).unwrap();
    let standard_now = standard(&never, PayCriterionKind::AppraisalWithin12Months);
    assert_eq!(standard_now.met, Some(false), "{}", standard_now.reason);
    store
        .conn_mut()
        .execute(
            "UPDATE staff SET last_appraisal_before = '2025-03-10' WHERE staff_number = '2002'",
            [],
        )
        .unwrap();
    let held = super::status::status(store.conn(), "2002", ymd(2026, 1, 15)).unwrap();
    let within = standard(&held, PayCriterionKind::AppraisalWithin12Months);
    assert_eq!(within.met, Some(true), "{}", within.reason);
    assert!(
        within.reason.contains("held before Appraise on 10/03/2025"),
        "says which appraisal: {}",
        within.reason
    );
    let anniversary = super::status::status(store.conn(), "2002", ymd(2026, 3, 10)).unwrap();
    assert_eq!(
        standard(&anniversary, PayCriterionKind::AppraisalWithin12Months).met,
        Some(true),
        "the anniversary counts as within"
    );
    let after = super::status::status(store.conn(), "2002", ymd(2026, 3, 11)).unwrap();
    assert_eq!(
        standard(&after, PayCriterionKind::AppraisalWithin12Months).met,
        Some(false),
        "not the day after"
    );
}
