//! Retention and disposal on both engines, on the demonstration department.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::accounts::{Actor, Role};
use crate::print::test_support::{at, demo};
use crate::store::{db::params, Engine};
use crate::Store;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn noon(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(12, 0, 0).unwrap()
}

fn admin() -> Actor {
    Actor::system()
}

/// Gives `staff_number` a leaving date (as the owner: on the server the
/// test store is the owner's login).
fn leaves(store: &Store, staff_number: &str, on: &str) {
    store
        .conn()
        .execute(
            "UPDATE staff SET leaver_date = ?1 WHERE staff_number = ?2",
            params![on, staff_number],
        )
        .unwrap();
}

/// A coder with a signed appraisal of their own who appraised no one,
/// whose surname no one else has, and whom no one else's signed record
/// names (a manager's pay criterion lists the team members they did not
/// appraise in time: that name is part of the manager's record and stays).
fn quiet_coder(store: &Store) -> (String, String, String) {
    store
        .conn()
        .query_row(
            "SELECT s.staff_number, s.forename, s.surname FROM staff s
             WHERE EXISTS (SELECT 1 FROM appraisal a WHERE a.appraisee_id = s.id AND a.status = 'signed')
               AND NOT EXISTS (SELECT 1 FROM appraisal a WHERE a.appraiser_id = s.id)
               AND NOT EXISTS (SELECT 1 FROM staff o WHERE o.id <> s.id AND o.surname = s.surname)
               AND NOT EXISTS (SELECT 1 FROM appraisal_pay_criterion c JOIN appraisal a ON a.id = c.appraisal_id
                               WHERE a.appraisee_id <> s.id AND c.reason LIKE '%' || s.surname || '%')
             ORDER BY s.staff_number LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// Every text column of every table, as (table, column).
fn text_columns(store: &Store) -> Vec<(String, String)> {
    let sql = match store.engine() {
        Engine::Sqlite => {
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND upper(p.type) = 'TEXT'"
        }
        Engine::Postgres => {
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND data_type = 'text'"
        }
    };
    let mut stmt = store.conn().prepare(sql).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<std::result::Result<Vec<_>, _>>()
        .unwrap()
}

/// The (table, column) pairs where `word` appears.
fn holding(store: &Store, word: &str) -> Vec<(String, String)> {
    text_columns(store)
        .into_iter()
        .filter(|(table, column)| {
            let n: i64 = store
                .conn()
                .query_row(
                    &format!("SELECT count(*) FROM {table} WHERE {column} LIKE '%' || ?1 || '%'"),
                    params![word],
                    |r| r.get(0),
                )
                .unwrap();
            n > 0
        })
        .collect()
}

#[test]
fn a_leaver_past_the_period_is_listed_marked_disposed_after_the_grace_and_no_table_holds_their_name() {
    let mut store = demo();
    let (number, forename, surname) = quiet_coder(&store);
    assert!(!holding(&store, &surname).is_empty(), "the name is held before");
    leaves(&store, &number, "2026-01-15");

    let early = day(2031, 6, 1);
    let listed = due_as(store.conn(), &admin(), early).unwrap();
    assert!(
        listed.iter().all(|d| d.staff_number != number),
        "not due within 6 years"
    );
    let err = mark_as(store.conn_mut(), &admin(), &number, "Schedule", early, noon(early)).unwrap_err();
    assert!(err.to_string().contains("kept until 15/01/2032"), "{err}");

    let today = day(2032, 2, 1);
    let listed = due_as(store.conn(), &admin(), today).unwrap();
    let due = listed
        .iter()
        .find(|d| d.staff_number == number)
        .expect("listed once due");
    assert_eq!(due.period_ended, "2032-01-15");
    assert_eq!(due.dispose_from, "2032-03-02", "30 days' grace from marking today");
    let err = dispose_as(store.conn_mut(), &admin(), &number, today, noon(today)).unwrap_err();
    assert!(err.to_string().contains("mark these records"), "{err}");
    let err = mark_as(store.conn_mut(), &admin(), &number, "  ", today, noon(today)).unwrap_err();
    assert_eq!(err.code(), "invalid", "a reason is needed: {err}");
    mark_as(
        store.conn_mut(),
        &admin(),
        &number,
        "Retention schedule review",
        today,
        noon(today),
    )
    .unwrap();
    let err = dispose_as(store.conn_mut(), &admin(), &number, today, noon(today)).unwrap_err();
    assert!(
        err.to_string().contains("from 02/03/2032"),
        "refused in the grace period: {err}"
    );

    let later = day(2032, 3, 2);
    let done = dispose_as(store.conn_mut(), &admin(), &number, later, noon(later)).unwrap();
    assert!(done.audit_rows_erased > 0, "{done:?}");
    assert_eq!(
        holding(&store, &surname),
        Vec::<(String, String)>::new(),
        "no table holds {surname}"
    );
    assert_eq!(
        holding(&store, &format!("{forename} {surname}")),
        Vec::<(String, String)>::new()
    );
    let report = crate::audit::verify(store.conn()).unwrap();
    assert!(report.ok, "the chain verifies after disposal: {report:?}");
    assert!(
        due_as(store.conn(), &admin(), later)
            .unwrap()
            .iter()
            .all(|d| d.staff_number != number),
        "no longer due"
    );
    let tombstone: (String, String) = store
        .conn()
        .query_row(
            "SELECT actor, detail FROM audit WHERE action = 'retention.dispose' AND record_id = ?1",
            params![number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(tombstone.0, "system", "by whom");
    assert!(
        tombstone.1.contains("6 years after leaving"),
        "under which rule: {}",
        tombstone.1
    );
    let err = dispose_as(store.conn_mut(), &admin(), &number, later, noon(later)).unwrap_err();
    assert!(err.to_string().contains("disposed of on 02/03/2032"), "{err}");
}

#[test]
fn a_signed_appraisal_the_disposed_person_held_as_appraiser_still_verifies_with_its_pdf() {
    let mut store = demo();
    let (appraiser, appraisal): (String, i64) = store
        .conn()
        .query_row(
            "SELECT s.staff_number, a.id FROM appraisal a JOIN staff s ON s.id = a.appraiser_id
             WHERE a.status = 'signed' ORDER BY a.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let pdf = crate::print::appraisal_pdf(store.conn(), &admin(), appraisal, at(2026, 1, 15, 10, 0)).unwrap();
    let check = crate::print::verify_pdf(store.conn(), &admin(), &pdf).unwrap();
    assert!(check.genuine, "before: {check:?}");
    leaves(&store, &appraiser, "2026-01-15");
    let check = crate::print::verify_pdf(store.conn(), &admin(), &pdf).unwrap();
    assert!(check.genuine, "after leaving: {check:?}");
    let today = day(2032, 2, 1);
    mark_as(store.conn_mut(), &admin(), &appraiser, "Schedule", today, noon(today)).unwrap();
    let later = day(2032, 3, 2);
    dispose_as(store.conn_mut(), &admin(), &appraiser, later, noon(later)).unwrap();

    let again = crate::print::appraisal_pdf(store.conn(), &admin(), appraisal, at(2026, 1, 15, 10, 0)).unwrap();
    assert_eq!(again, pdf, "printed again, byte for byte the same");
    let check = crate::print::verify_pdf(store.conn(), &admin(), &pdf).unwrap();
    assert!(
        check.genuine,
        "another person's signed record still verifies: {check:?}"
    );
    let report = crate::audit::verify(store.conn()).unwrap();
    assert!(report.ok, "{report:?}");
}

#[test]
fn a_legal_hold_stops_marking_and_disposal() {
    let mut store = demo();
    let (number, _, _) = quiet_coder(&store);
    leaves(&store, &number, "2026-01-15");
    let today = day(2032, 2, 1);
    mark_as(store.conn_mut(), &admin(), &number, "Schedule", today, noon(today)).unwrap();
    hold_as(store.conn_mut(), &admin(), &number, "Employment tribunal", noon(today)).unwrap();
    let later = day(2032, 6, 1);
    let err = dispose_as(store.conn_mut(), &admin(), &number, later, noon(later)).unwrap_err();
    assert_eq!(err.code(), "locked", "{err}");
    assert!(err.to_string().contains("legal hold"), "{err}");
    let err = mark_as(store.conn_mut(), &admin(), &number, "Again", later, noon(later)).unwrap_err();
    assert!(err.to_string().contains("Employment tribunal"), "{err}");
    let listed = due_as(store.conn(), &admin(), later).unwrap();
    let due = listed.iter().find(|d| d.staff_number == number).unwrap();
    assert!(!due.may_dispose, "held: {due:?}");
}

#[test]
fn once_the_hold_is_lifted_with_a_reason_the_records_are_disposed_of_as_before() {
    let mut store = demo();
    let (number, _, _) = quiet_coder(&store);
    leaves(&store, &number, "2026-01-15");
    let today = day(2032, 2, 1);
    mark_as(store.conn_mut(), &admin(), &number, "Schedule", today, noon(today)).unwrap();
    let err = lift_hold_as(store.conn_mut(), &admin(), &number, "Tribunal over", noon(today)).unwrap_err();
    assert!(
        err.to_string().contains("not under a legal hold"),
        "no hold to lift: {err}"
    );
    hold_as(store.conn_mut(), &admin(), &number, "Employment tribunal", noon(today)).unwrap();

    let err = lift_hold_as(store.conn_mut(), &admin(), &number, "  ", noon(today)).unwrap_err();
    assert_eq!(err.code(), "invalid", "a reason is needed: {err}");
    let later = day(2032, 6, 1);
    lift_hold_as(store.conn_mut(), &admin(), &number, "Tribunal decided", noon(later)).unwrap();

    let listed = due_as(store.conn(), &admin(), later).unwrap();
    let due = listed.iter().find(|d| d.staff_number == number).unwrap();
    assert_eq!(due.held_on, None, "the hold has gone: {due:?}");
    assert!(due.may_dispose, "marked before the hold, the grace long over: {due:?}");
    let rows = crate::audit::list(store.conn(), &admin(), &Default::default()).unwrap();
    let lifted = rows
        .iter()
        .find(|r| r.action == "retention.lift_hold")
        .expect("the lifting is audited");
    assert_eq!(lifted.detail["reason"], "Tribunal decided", "with its reason");
    assert_eq!(
        lifted.detail["hold_reason"], "Employment tribunal",
        "and the hold it lifted"
    );
    dispose_as(store.conn_mut(), &admin(), &number, later, noon(later)).expect("disposed of as before the hold");
}

#[test]
fn only_the_administrator_manages_retention() {
    let mut store = demo();
    let (number, _, _) = quiet_coder(&store);
    let coder = Actor {
        staff_number: number.clone(),
        role: Role::Manager,
        name: String::new(),
        must_change_passphrase: false,
    };
    let today = day(2032, 2, 1);
    let refusals = [
        due_as(store.conn(), &coder, today).map(|_| ()).unwrap_err(),
        mark_as(store.conn_mut(), &coder, &number, "x", today, noon(today))
            .map(|_| ())
            .unwrap_err(),
        hold_as(store.conn_mut(), &coder, &number, "x", noon(today)).unwrap_err(),
        lift_hold_as(store.conn_mut(), &coder, &number, "x", noon(today)).unwrap_err(),
        dispose_as(store.conn_mut(), &coder, &number, today, noon(today))
            .map(|_| ())
            .unwrap_err(),
    ];
    for err in refusals {
        assert_eq!(err.code(), "forbidden", "{err}");
    }
}

#[test]
fn outside_disposal_no_audit_detail_is_erased_and_no_signed_appraisal_removed() {
    let store = demo();
    let err = store
        .conn()
        .execute(
            "UPDATE audit SET detail = ?1 WHERE id = 1",
            params![crate::audit::ERASED],
        )
        .unwrap_err();
    assert!(err.to_string().contains("cannot be changed"), "{err}");
    let signed: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM appraisal WHERE status = 'signed' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let err = store
        .conn()
        .execute("DELETE FROM appraisal_skill WHERE appraisal_id = ?1", params![signed])
        .unwrap_err();
    assert!(err.to_string().contains("signed and locked"), "{err}");
}
