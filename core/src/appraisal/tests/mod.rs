//! The appraisal rules on a fixed clock and an in-memory store: a small
//! department of a manager (Band 7), a specialist (Band 5) who manages a
//! coder (Band 4).
//!
//! One file per part of the meeting, as the rules are; `guarded` calls
//! the operations as the window does.

mod canonical;
mod guarded;
mod meeting;
mod objectives;
mod pay;
mod pdp;
mod previous;
mod readiness;
mod schedule;
mod settings;
mod sign_off;
mod skills;
mod start;
mod wellbeing;

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
    let mut store = crate::store::testing::store();
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
