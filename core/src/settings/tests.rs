//! The one check-and-save shape, for every topic.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};

use super::appraisal::AppraisalSettings;
use super::nccq::{NccqSettings, PassMarks};
use super::print::PrintSettings;
use super::{appraisal, idle_lock, nccq, print};
use crate::accounts::{Actor, Role};
use crate::Error;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn noon() -> NaiveDateTime {
    ymd(2026, 1, 15).and_hms_opt(12, 0, 0).unwrap()
}

fn person(role: Role) -> Actor {
    Actor {
        staff_number: "100004".into(),
        role,
        name: "Zoë Ní Bhriain".into(),
        must_change_passphrase: false,
    }
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The field names of an `Invalid` error, in order.
fn fields<T: std::fmt::Debug>(result: crate::Result<T>) -> Vec<(String, String)> {
    match result {
        Err(Error::Invalid(f)) => f.into_iter().map(|f| (f.field, f.message)).collect(),
        other => panic!("expected invalid fields, got {other:?}"),
    }
}

/// Saves settings of every topic as `actor`, all good or each with bad
/// fields; the results in topic order: appraisal, NCCQ, print, idle lock.
fn save_every_topic(conn: &mut Connection, actor: &Actor, good: bool) -> Vec<crate::Result<()>> {
    let appraisal = AppraisalSettings {
        cycle_start_month: if good { 7 } else { 13 },
        objective_setting_weeks: if good { 8 } else { 0 },
        audit_met: crate::coding_audit::words::Thresholds {
            primary_diagnosis: if good { 95 } else { 101 },
            ..crate::coding_audit::words::DSPT_MET
        },
        ..Default::default()
    };
    let nccq = NccqSettings {
        deadline_months: if good { 18 } else { 0 },
        pass_marks: vec![PassMarks {
            year: 2026,
            practical: if good { 85 } else { 101 },
            theory: 65,
        }],
        ..Default::default()
    };
    let print = PrintSettings {
        trust: if good { "Ysbyty Gwynedd NHS Trust" } else { " " }.into(),
        department: if good { "Clinical Coding" } else { "two\nlines" }.into(),
        ..Default::default()
    };
    vec![
        appraisal::save(conn, actor, &appraisal, noon()).map(drop),
        nccq::save(conn, actor, &nccq, noon()).map(drop),
        print::save(conn, actor, &print, noon()).map(drop),
        idle_lock::save(conn, actor, if good { 30 } else { 121 }, noon()).map(drop),
    ]
}

#[test]
fn every_topic_refuses_bad_input_with_a_message_per_field_and_saves_nothing() {
    let mut store = crate::store::testing::store();
    let results = save_every_topic(store.conn_mut(), &Actor::system(), false);
    let names: Vec<Vec<String>> = results
        .into_iter()
        .map(|r| fields(r).into_iter().map(|(f, _)| f).collect())
        .collect();
    assert_eq!(
        names,
        [
            vec![
                "cycle_start_month",
                "objective_setting_weeks",
                "audit_met.primary_diagnosis"
            ],
            vec!["deadline_months", "pass_marks"],
            vec!["trust", "department"],
            vec!["idle_lock_minutes"],
        ],
        "every bad field named, in the form's order"
    );
    let c = store.conn();
    assert_eq!(count(c, "SELECT count(*) FROM setting"), 0, "nothing stored");
    assert_eq!(count(c, "SELECT count(*) FROM audit"), 0, "nothing audited");
}

#[test]
fn the_messages_say_what_is_allowed() {
    let mut store = crate::store::testing::store();
    let results = save_every_topic(store.conn_mut(), &Actor::system(), false);
    let messages: Vec<String> = results
        .into_iter()
        .flat_map(|r| fields(r).into_iter().map(|(_, m)| m))
        .collect();
    for expected in [
        "1 (January) to 12 (December)",
        "between 1 and 52 weeks",
        "101% is not a percentage",
        "between 1 and 120 months",
        "Pass marks for 2026 must be percentages from 0 to 100.",
        "The trust's name is needed",
        "The department's name must be one line.",
        "Choose between 1 and 120 minutes",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(expected)),
            "a message says {expected:?}: {messages:?}"
        );
    }
}

#[test]
fn only_the_administrator_changes_any_setting() {
    let mut store = crate::store::testing::store();
    for role in [Role::Coder, Role::Manager] {
        for result in save_every_topic(store.conn_mut(), &person(role), true) {
            let err = result.unwrap_err();
            assert_eq!(err.code(), "forbidden", "{role:?}: {err}");
        }
        // Asked before the fields are checked: a refusal teaches nothing.
        for result in save_every_topic(store.conn_mut(), &person(role), false) {
            assert_eq!(result.unwrap_err().code(), "forbidden", "{role:?}");
        }
    }
    assert!(matches!(
        appraisal::load_as(store.conn(), &person(Role::Manager)),
        Err(Error::Forbidden(_))
    ));
    let c = store.conn();
    assert_eq!(count(c, "SELECT count(*) FROM setting"), 0, "nothing stored");
    assert_eq!(count(c, "SELECT count(*) FROM audit"), 0, "nothing audited");
}

#[test]
fn each_save_that_changes_something_writes_one_audit_row_of_the_changes() {
    let mut store = crate::store::testing::store();
    for result in save_every_topic(store.conn_mut(), &person(Role::Administrator), true) {
        result.unwrap();
    }
    for result in save_every_topic(store.conn_mut(), &person(Role::Administrator), true) {
        result.unwrap();
    }
    let c = store.conn();
    let rows: Vec<(String, String, String, String)> = c
        .prepare("SELECT action, table_name, record_id, detail FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<crate::store::db::Result<_>>()
        .unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(
        ids,
        ["appraisal", "nccq", "print", "idle_lock_minutes"],
        "one row per topic; saving the same again changes nothing and records nothing"
    );
    assert!(rows.iter().all(|r| r.0 == "setting.change" && r.1 == "setting"));
    let idle: serde_json::Value = serde_json::from_str(&rows[3].3).unwrap();
    assert_eq!(idle, serde_json::json!({"minutes": {"from": 10, "to": 30}}));
    assert_eq!(idle_lock::load(c).unwrap(), 30);
    assert_eq!(nccq::load(c).unwrap().deadline_months, 18);
    assert_eq!(appraisal::load(c).unwrap().cycle_start_month, 7);
    assert_eq!(print::load(c).unwrap().trust, "Ysbyty Gwynedd NHS Trust");
    assert_eq!(
        print::history(c).unwrap(),
        [PrintSettings::default()],
        "the header replaced is kept"
    );
    assert!(crate::audit::verify(c).unwrap().ok);
}

#[test]
fn the_idle_lock_defaults_to_ten_minutes_and_a_hand_edited_value_out_of_range_means_the_default() {
    let mut store = crate::store::testing::store();
    assert_eq!(idle_lock::load(store.conn()).unwrap(), 10);
    idle_lock::save(store.conn_mut(), &Actor::system(), 5, noon()).unwrap();
    assert_eq!(idle_lock::load(store.conn()).unwrap(), 5);
    for edited in ["0", "500", "-3", "\"ten\""] {
        store
            .conn()
            .execute(
                "UPDATE setting SET value = ?1 WHERE key = 'idle_lock_minutes'",
                [edited],
            )
            .unwrap();
        assert_eq!(idle_lock::load(store.conn()).unwrap(), 10, "{edited} means the default");
    }
}

#[test]
fn a_hand_edited_value_that_is_not_its_keys_json_names_the_key() {
    let mut store = crate::store::testing::store();
    let mine = NccqSettings {
        deadline_months: 18,
        ..Default::default()
    };
    nccq::save(store.conn_mut(), &Actor::system(), &mine, noon()).unwrap();
    store
        .conn()
        .execute(
            "UPDATE setting SET value = '\"soon\"' WHERE key = 'nccq.deadline_months'",
            [],
        )
        .unwrap();
    let err = nccq::load(store.conn()).unwrap_err();
    assert!(err.to_string().contains("nccq.deadline_months"), "{err}");
}
