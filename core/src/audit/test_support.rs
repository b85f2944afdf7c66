//! What the audit tests share: a fixed day, a trail of three rows, and a
//! file taken back to before the chain hashed the detail's digest.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;

use super::record;
use crate::Store;

pub(super) fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

pub(super) fn three_rows(store: &Store) {
    let c = store.conn();
    record(
        c,
        Some("1001"),
        "staff.add",
        "staff",
        "1001",
        json!({"forename": "Łukasz"}),
        at(9, 0),
    )
    .unwrap();
    record(
        c,
        None,
        "staff.import",
        "staff",
        "1002",
        json!({"forename": "Siân"}),
        at(9, 5),
    )
    .unwrap();
    record(
        c,
        Some("1001"),
        "account.create",
        "account",
        "1002",
        json!({"role": "coder"}),
        at(10, 0),
    )
    .unwrap();
}

fn trigger_in(sql: &str, name: &str) -> String {
    let start = sql
        .find(&format!("CREATE TRIGGER {name} "))
        .unwrap_or_else(|| panic!("{name} is in the migration"));
    let end = start + sql[start..].find("END;").unwrap() + 4;
    sql[start..end].to_owned()
}

/// Takes a file back to schema 13: migration 0015's indexes, and 0014's
/// indexes and sign-in times gone (a newer migration adds its own undo here
/// first).
fn undo_0014(conn: &rusqlite::Connection) {
    conn.execute_batch(
        "DROP INDEX appraisal_signed_by_person; DROP INDEX appraisal_annual_by_person;
         DROP INDEX appraisal_dashboard; DROP INDEX appraisal_pdp_item_dated;
         DROP INDEX appraisal_skill_gap; DROP INDEX staff_by_name;
         ALTER TABLE account DROP COLUMN last_signed_in_at;
         ALTER TABLE account DROP COLUMN previous_signed_in_at;",
    )
    .unwrap();
}

/// Takes a file back to schema 12 (after [`undo_0014`]), as the release before migration 0013
/// left it: no `retention_case`, no `detail_digest`, 0004's and 0005's
/// triggers, and each audit row hashed under the old formula (the detail
/// itself hashed).
pub(crate) fn undo_0013(conn: &rusqlite::Connection) {
    use crate::store::MIGRATIONS;
    undo_0014(conn);
    let (accounts_audit, appraisal) = (MIGRATIONS[3].1, MIGRATIONS[4].1);
    conn.execute_batch("DROP TRIGGER audit_no_update; ALTER TABLE audit DROP COLUMN detail_digest;")
        .unwrap();
    let rows: Vec<[String; 8]> = {
        let mut stmt = conn
            .prepare("SELECT id, at, actor, action, table_name, record_id, detail FROM audit ORDER BY id")
            .unwrap();
        let found = stmt
            .query_map([], |r| {
                Ok([
                    r.get::<_, i64>(0)?.to_string(),
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    String::new(),
                ])
            })
            .unwrap();
        found.map(|r| r.unwrap()).collect()
    };
    let mut prev = String::new();
    for mut row in rows {
        let fields: Vec<&str> = std::iter::once(prev.as_str())
            .chain(row[..7].iter().map(String::as_str))
            .collect();
        row[7] = super::hash::over(&fields);
        conn.execute(
            "UPDATE audit SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
            rusqlite::params![prev, row[7], row[0]],
        )
        .unwrap();
        prev = row[7].clone();
    }
    conn.execute_batch(&trigger_in(accounts_audit, "audit_no_update"))
        .unwrap();
    for table in [
        "appraisal",
        "appraisal_previous_objective",
        "appraisal_skill",
        "appraisal_objective",
        "appraisal_kpi_objective",
        "appraisal_pdp_item",
        "appraisal_wellbeing",
        "appraisal_pay_criterion",
    ] {
        let name = format!("{table}_signed_no_delete");
        conn.execute_batch(&format!("DROP TRIGGER {name};")).unwrap();
        conn.execute_batch(&trigger_in(appraisal, &name)).unwrap();
    }
    for table in ["appraisal_previous_objective", "appraisal_pdp_item"] {
        let name = format!("{table}_signed_no_update");
        conn.execute_batch(&format!("DROP TRIGGER {name};")).unwrap();
        conn.execute_batch(&trigger_in(appraisal, &name)).unwrap();
    }
    conn.execute_batch("DROP TABLE retention_case;").unwrap();
    conn.pragma_update(None, "user_version", 12).unwrap();
}
