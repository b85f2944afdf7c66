//! Who may read and write training records and CPD logs, on a store.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::accounts::{Actor, Role};
use crate::staff::{self, StaffInput};
use crate::Store;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn actor(number: &str, role: Role) -> Actor {
    Actor {
        staff_number: number.into(),
        role,
        name: number.into(),
        must_change_passphrase: false,
    }
}

/// 3001 manages 3002 and 3003.
fn store() -> Store {
    let mut store = crate::store::testing::store();
    for (number, manager) in [("3001", ""), ("3002", "3001"), ("3003", "3001")] {
        staff::add(
            store.conn_mut(),
            &StaffInput {
                staff_number: number.into(),
                forename: "Alex".into(),
                surname: format!("Person{number}"),
                band: "4".into(),
                appointed: "2021-05-04".into(),
                manager: manager.into(),
                ..Default::default()
            },
            now().date(),
        )
        .unwrap();
    }
    store
}

fn fire_safety() -> TrainingInput {
    TrainingInput {
        competence: "Fire Safety".into(),
        completed_on: "01/02/2026".into(),
        expires_on: "01/02/2028".into(),
    }
}

#[test]
fn a_line_manager_records_a_competence_for_a_report_but_nobody_for_themselves() {
    let mut store = store();
    let err = add_audited(
        store.conn_mut(),
        &actor("3002", Role::Coder),
        "3002",
        &fire_safety(),
        now(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "forbidden", "not one's own: {err}");
    let r = add_audited(
        store.conn_mut(),
        &actor("3001", Role::Manager),
        "3002",
        &fire_safety(),
        now(),
    )
    .unwrap();
    assert_eq!(r.source, "hand");
    let again = add_audited(
        store.conn_mut(),
        &actor("3001", Role::Manager),
        "3002",
        &fire_safety(),
        now(),
    )
    .unwrap_err();
    assert_eq!(again.code(), "invalid", "the same competence twice: {again}");
    let view = view_as(store.conn(), &actor("3002", Role::Coder), "3002", now().date()).unwrap();
    assert_eq!(view.records.len(), 1, "the person reads their own");
    assert!(!view.may_record && !view.may_import, "but records none");
}

#[test]
fn a_coder_gets_the_same_refusal_for_a_colleague_and_for_nobody() {
    let store = store();
    let coder = actor("3002", Role::Coder);
    let colleague = view_as(store.conn(), &coder, "3003", now().date()).unwrap_err();
    let nobody = view_as(store.conn(), &coder, "9999", now().date()).unwrap_err();
    assert_eq!(colleague.code(), "forbidden");
    assert_eq!(
        colleague.to_string(),
        nobody.to_string(),
        "the refusal does not tell whether they exist"
    );
}

#[test]
fn a_cpd_log_is_written_by_its_owner_and_read_by_their_manager() {
    let mut store = store();
    let entry = CpdInput {
        date: "2026-02-20".into(),
        activity: "ICD-10 coding clinic".into(),
        hours: "2".into(),
        reflection: "Neoplasm sequencing.".into(),
        pdp_item_id: String::new(),
    };
    let err = cpd::add_audited(store.conn_mut(), &actor("3001", Role::Manager), "3002", &entry, now()).unwrap_err();
    assert_eq!(err.code(), "forbidden", "the manager does not write it: {err}");
    cpd::add_audited(store.conn_mut(), &actor("3002", Role::Coder), "3002", &entry, now()).unwrap();
    let log = cpd::view_as(store.conn(), &actor("3001", Role::Manager), "3002", now().date()).unwrap();
    assert_eq!(log.entries.len(), 1, "the manager reads it");
    assert!(!log.may_write, "but may not add to it");
    let other = cpd::list_as(store.conn(), &actor("3003", Role::Coder), "3002").unwrap_err();
    assert_eq!(other.code(), "forbidden", "a colleague does not read it");
    let bad = CpdInput {
        hours: "0".into(),
        pdp_item_id: "12345".into(),
        ..entry
    };
    let err = cpd::add_audited(store.conn_mut(), &actor("3002", Role::Coder), "3002", &bad, now()).unwrap_err();
    let crate::Error::Invalid(fields) = err else {
        panic!("expected invalid")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, ["hours", "pdp_item_id"], "{fields:?}");
}

#[test]
fn a_cpd_entry_may_serve_an_item_of_the_current_plan_which_the_log_offers_by_name() {
    let mut store = crate::print::test_support::demo();
    let day = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let plan = crate::appraisal::current_pdp(store.conn(), "100011").unwrap();
    let first = plan.items.first().expect("the demo trainee has a plan");
    let log = cpd::view_as(store.conn(), &Actor::system(), "100011", day).unwrap();
    assert_eq!(
        log.pdp_items
            .iter()
            .map(|i| (i.id, i.learning_need.clone()))
            .collect::<Vec<_>>(),
        plan.items
            .iter()
            .map(|i| (i.id, i.learning_need.clone()))
            .collect::<Vec<_>>(),
        "the log offers the current plan's items by their learning need"
    );
    let input = CpdInput {
        date: "2026-01-10".into(),
        activity: "Read the coding standards on neoplasms".into(),
        hours: "2".into(),
        reflection: String::new(),
        pdp_item_id: first.id.to_string(),
    };
    cpd::add_audited(
        store.conn_mut(),
        &Actor::system(),
        "100011",
        &input,
        day.and_hms_opt(9, 0, 0).unwrap(),
    )
    .expect("one of their own items");
    let log = cpd::view_as(store.conn(), &Actor::system(), "100011", day).unwrap();
    assert_eq!(
        log.entries[0].pdp_item_id,
        Some(first.id),
        "the entry names the item it serves"
    );
}
