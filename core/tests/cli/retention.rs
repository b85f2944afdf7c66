//! `appraise-cli retention` as the must-show asks: a leaver whose retention
//! period has passed is listed by `retention due`, marked, refused in the
//! grace period, disposed of, and afterwards no table holds their name and
//! `audit verify` passes. A legal hold stops disposal until it is lifted.

use super::common::*;

use appraise_core::store::db::params;
use appraise_core::store::Engine;
use appraise_core::Store;

const TODAY: &str = "2026-11-28";

/// A demo coder with a signed appraisal who appraised no one, whose
/// surname no one else has, and whom no one else's record names (a
/// manager's pay criterion lists team members not appraised in time: that
/// stays, as part of the manager's record).
fn quiet_coder(store: &Store, skip: &str) -> (String, String, String) {
    store
        .conn()
        .query_row(
            "SELECT s.staff_number, s.forename, s.surname FROM staff s
             WHERE s.staff_number <> ?1
               AND EXISTS (SELECT 1 FROM appraisal a WHERE a.appraisee_id = s.id AND a.status = 'signed')
               AND NOT EXISTS (SELECT 1 FROM appraisal a WHERE a.appraiser_id = s.id)
               AND NOT EXISTS (SELECT 1 FROM staff o WHERE o.id <> s.id AND o.surname = s.surname)
               AND NOT EXISTS (SELECT 1 FROM appraisal_pay_criterion c JOIN appraisal a ON a.id = c.appraisal_id
                               WHERE a.appraisee_id <> s.id AND c.reason LIKE '%' || s.surname || '%')
               AND NOT EXISTS (SELECT 1 FROM coding_audit c WHERE c.auditor LIKE '%' || s.surname || '%')
             ORDER BY s.staff_number LIMIT 1",
            params![skip],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the demo has such a coder")
}

/// The (table, column) pairs of text columns where `word` appears.
fn holding(store: &Store, word: &str) -> Vec<String> {
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
    let columns: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(columns.len() > 50, "every table's text columns: {}", columns.len());
    columns
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
        .map(|(table, column)| format!("{table}.{column}"))
        .collect()
}

fn refused(out: &std::process::Output) -> String {
    assert!(!out.status.success(), "refused: {}", stdout(out));
    stderr(out)
}

#[test]
fn a_leaver_past_their_period_is_listed_marked_then_disposed_and_no_table_holds_their_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&cli(&db, &["demo", "--seed", "7", "--today", TODAY]));
    let (number, forename, surname) = quiet_coder(&open_store(&db), "");
    assert!(!holding(&open_store(&db), &surname).is_empty(), "held before");
    ok(&cli(&db, &["staff", "leaver", &number, "--date", TODAY]));

    let due = json(&cli(&db, &["retention", "due", "--today", "2032-11-27", "--json"]));
    assert!(
        due.as_array()
            .unwrap()
            .iter()
            .all(|d| d["staff_number"] != number.as_str()),
        "not due the day before 6 years: {due}"
    );
    let due = json(&cli(&db, &["retention", "due", "--today", "2032-12-01", "--json"]));
    let listed = due
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["staff_number"] == number.as_str())
        .expect("listed once the period has passed");
    assert_eq!(
        listed["dispose_from"], "2032-12-31",
        "30 days' grace from marking today"
    );

    let err = refused(&cli(&db, &["retention", "dispose", &number, "--today", "2032-12-01"]));
    assert!(err.contains("mark these records"), "{err}");
    ok(&cli(
        &db,
        &[
            "retention",
            "mark",
            &number,
            "--reason",
            "Retention schedule review",
            "--today",
            "2032-12-01",
        ],
    ));
    let err = refused(&cli(&db, &["retention", "dispose", &number, "--today", "2032-12-30"]));
    assert!(err.contains("from 31/12/2032"), "refused in the grace period: {err}");
    let said = ok(&cli(&db, &["retention", "dispose", &number, "--today", "2032-12-31"]));
    assert!(said.contains("Disposed of the records"), "{said}");

    let store = open_store(&db);
    assert_eq!(
        holding(&store, &surname),
        Vec::<String>::new(),
        "no table holds {surname}"
    );
    assert_eq!(holding(&store, &format!("{forename} {surname}")), Vec::<String>::new());
    let verified = ok(&cli(&db, &["audit", "verify"]));
    assert!(verified.contains("ok"), "{verified}");
    let due = json(&cli(&db, &["retention", "due", "--today", "2033-01-01", "--json"]));
    assert!(
        due.as_array()
            .unwrap()
            .iter()
            .all(|d| d["staff_number"] != number.as_str()),
        "disposed of: no longer due"
    );
}

#[test]
fn a_legal_hold_stops_disposal_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&cli(&db, &["demo", "--seed", "7", "--today", TODAY]));
    let (number, _, _) = quiet_coder(&open_store(&db), "");
    ok(&cli(&db, &["staff", "leaver", &number, "--date", TODAY]));
    ok(&cli(
        &db,
        &[
            "retention",
            "mark",
            &number,
            "--reason",
            "Schedule",
            "--today",
            "2032-12-01",
        ],
    ));
    ok(&cli(
        &db,
        &["retention", "hold", &number, "--reason", "Employment tribunal claim"],
    ));
    let err = refused(&cli(&db, &["retention", "dispose", &number, "--today", "2033-06-01"]));
    assert!(err.contains("legal hold"), "{err}");
    assert!(err.contains("Employment tribunal claim"), "{err}");
    let verified = ok(&cli(&db, &["audit", "verify"]));
    assert!(verified.contains("ok"), "{verified}");

    // Once the tribunal is over the hold is lifted, with a reason, and the
    // records are disposed of as before.
    let err = refused(&cli(&db, &["retention", "lift-hold", &number, "--reason", ""]));
    assert!(err.to_lowercase().contains("reason"), "a reason is asked for: {err}");
    let lifted = ok(&cli(
        &db,
        &["retention", "lift-hold", &number, "--reason", "Tribunal decided"],
    ));
    assert!(lifted.contains("Lifted the legal hold"), "{lifted}");
    let again = refused(&cli(&db, &["retention", "lift-hold", &number, "--reason", "Twice"]));
    assert!(again.contains("not under a legal hold"), "{again}");
    ok(&cli(&db, &["retention", "dispose", &number, "--today", "2033-06-01"]));
}
