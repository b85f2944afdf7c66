//! The audit trail: every change to a record (who, when, which record, what
//! changed), appended to a table that no code path updates or deletes (its
//! SQL triggers refuse both).
//!
//! Each row carries the hash of the row before it, and its own hash is
//! SHA-256 over that and the row's fields, so changing, removing or
//! reordering a row breaks the chain from that row on; [`verify`] names the
//! first row that does not fit. The chain cannot show that rows were cut off
//! the end: the newest row has nothing after it to disagree.
//!
//! Call [`record`] inside the transaction that makes the change, so the
//! change and its audit row are stored together or not at all.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::accounts::actor::Actor;
use crate::store::audit::{self as db, StoredRow};
use crate::{access, Result};

/// The actor recorded for changes made outside any sign-in: the command line
/// and migrations.
pub use crate::accounts::actor::SYSTEM;

/// How `at` is written: to the second, so the text that is hashed is the
/// text that is stored, whatever precision the clock gave.
const AT_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// How many rows [`list`] returns when the filter gives no limit.
pub const DEFAULT_LIST_LIMIT: u32 = 500;

/// One row of the audit trail, for the administrator's log browser.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AuditEntry {
    pub id: i64,
    /// ISO date and time, to the second.
    #[ts(type = "string")]
    pub at: NaiveDateTime,
    /// The acting staff member's staff number, or `system`.
    pub actor: String,
    /// The actor's name, when the actor is a staff member.
    pub actor_name: Option<String>,
    /// What was done, as `table.verb`: `account.create`, `staff.import`, ...
    pub action: String,
    pub table: String,
    pub record_id: String,
    /// What changed: for an edit `{field: {from, to}}`, for an addition the
    /// new record's fields.
    #[ts(type = "unknown")]
    pub detail: serde_json::Value,
}

/// What the log browser asks for; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct AuditFilter {
    /// A staff number, or `system`.
    pub actor: Option<String>,
    pub table: Option<String>,
    /// First day included.
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    /// Last day included.
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// Words to find anywhere in the row (action, record, what changed, the
    /// actor's name), ignoring case.
    pub text: Option<String>,
    /// At most this many rows, newest first; [`DEFAULT_LIST_LIMIT`] if absent.
    pub limit: Option<u32>,
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VerifyReport {
    /// True when every row fits the chain.
    pub ok: bool,
    /// How many rows were checked (up to and including a broken one).
    pub rows_checked: i64,
    /// The first row that does not fit, if any.
    pub broken_row: Option<i64>,
    /// Why it does not fit, for a person.
    pub reason: Option<String>,
}

impl VerifyReport {
    /// One line for a person: `ok (12 rows)` or the broken row and why.
    pub fn message(&self) -> String {
        match (self.broken_row, &self.reason) {
            (Some(id), Some(reason)) => format!("Audit row {id} breaks the chain: {reason}"),
            _ => format!(
                "ok ({} row{})",
                self.rows_checked,
                if self.rows_checked == 1 { "" } else { "s" }
            ),
        }
    }
}

/// Appends one row and returns its id. `actor` is the acting staff member's
/// staff number, or `None` for the system. Inside a transaction the row
/// joins it; outside one it is written in a transaction of its own, so two
/// writers can never give two rows the same predecessor.
pub(crate) fn record(
    conn: &Connection,
    actor: Option<&str>,
    action: &str,
    table: &str,
    record_id: &str,
    detail: serde_json::Value,
    at: NaiveDateTime,
) -> Result<i64> {
    if conn.is_autocommit() {
        let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        let id = append(&tx, actor, action, table, record_id, &detail, at)?;
        tx.commit()?;
        Ok(id)
    } else {
        append(conn, actor, action, table, record_id, &detail, at)
    }
}

/// [`record`] with the actor taken from who is acting.
pub(crate) fn record_by(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    table: &str,
    record_id: &str,
    detail: serde_json::Value,
    at: NaiveDateTime,
) -> Result<i64> {
    record(
        conn,
        Some(actor.staff_number.as_str()),
        action,
        table,
        record_id,
        detail,
        at,
    )
}

fn append(
    conn: &Connection,
    actor: Option<&str>,
    action: &str,
    table: &str,
    record_id: &str,
    detail: &serde_json::Value,
    at: NaiveDateTime,
) -> Result<i64> {
    let (id, prev_hash) = match db::last(conn)? {
        Some((id, hash)) => (id + 1, hash),
        None => (1, String::new()),
    };
    let mut row = StoredRow {
        id,
        at: at.format(AT_FORMAT).to_string(),
        actor: actor.unwrap_or(SYSTEM).to_owned(),
        action: action.to_owned(),
        table_name: table.to_owned(),
        record_id: record_id.to_owned(),
        // serde_json's maps are sorted by key, so the same change always
        // gives the same text.
        detail: detail.to_string(),
        prev_hash,
        hash: String::new(),
    };
    row.hash = hash_of(&row);
    db::insert(conn, &row)?;
    Ok(id)
}

/// SHA-256, in lower-case hex, over the previous hash and every field of the
/// row. Each field is written with its length first, so no two different
/// rows give the same bytes ("ab"+"c" and "a"+"bc" differ).
fn hash_of(row: &StoredRow) -> String {
    let mut hasher = Sha256::new();
    for field in [
        row.prev_hash.as_str(),
        &row.id.to_string(),
        &row.at,
        &row.actor,
        &row.action,
        &row.table_name,
        &row.record_id,
        &row.detail,
    ] {
        hasher.update(field.len().to_string().as_bytes());
        hasher.update(b":");
        hasher.update(field.as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks the whole chain, oldest row first, and stops at the first row that
/// does not fit: a missing row, a row that does not follow the one before,
/// or a row whose contents no longer match its hash.
pub(crate) fn verify(conn: &Connection) -> Result<VerifyReport> {
    let rows = db::all(conn)?;
    let mut prev_hash = String::new();
    let mut prev_id = 0;
    let mut checked = 0;
    for row in rows {
        checked += 1;
        let broken = |reason: String| VerifyReport {
            ok: false,
            rows_checked: checked,
            broken_row: Some(row.id),
            reason: Some(reason),
        };
        if row.id != prev_id + 1 {
            let missing = if row.id == prev_id + 2 {
                format!("row {} is missing", prev_id + 1)
            } else {
                format!("rows {} to {} are missing", prev_id + 1, row.id - 1)
            };
            return Ok(broken(format!("{missing} before it.")));
        }
        if row.prev_hash != prev_hash {
            let what = if prev_id == 0 {
                "it is the first row but names a row before it".to_owned()
            } else {
                format!("it does not follow row {prev_id} (that row was changed, or this one was)")
            };
            return Ok(broken(format!("{what}.")));
        }
        if hash_of(&row) != row.hash {
            return Ok(broken("its contents were changed after it was written.".to_owned()));
        }
        prev_hash = row.hash;
        prev_id = row.id;
    }
    Ok(VerifyReport {
        ok: true,
        rows_checked: checked,
        broken_row: None,
        reason: None,
    })
}

/// [`verify`], for the administrator's log browser: the report names rows
/// of a trail only the administrator may read.
pub fn verify_as(conn: &Connection, actor: &Actor) -> Result<VerifyReport> {
    access::can_read_audit(actor)?;
    verify(conn)
}

/// The record types the trail names (`account`, `staff`, ...), for the log
/// browser's filter. The administrator only.
pub fn record_types(conn: &Connection, actor: &Actor) -> Result<Vec<String>> {
    access::can_read_audit(actor)?;
    db::table_names(conn)
}

/// The log browser: rows matching `filter`, newest first. The administrator
/// only: the trail names everyone and what changed in their records.
pub fn list(conn: &Connection, actor: &Actor, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    access::can_read_audit(actor)?;
    let from = filter.from.map(|d| d.to_string());
    let before = filter.to.and_then(|d| d.succ_opt()).map(|d| d.to_string());
    let rows = db::select(
        conn,
        filter.actor.as_deref().map(str::trim).filter(|s| !s.is_empty()),
        filter.table.as_deref().map(str::trim).filter(|s| !s.is_empty()),
        from.as_deref(),
        before.as_deref(),
    )?;
    // Text is matched here, not in SQL: SQLite lowers only ASCII letters, and
    // a search for "łukasz" must find "Łukasz".
    let words: Vec<String> = filter
        .text
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let limit = filter.limit.unwrap_or(DEFAULT_LIST_LIMIT) as usize;
    let mut entries = Vec::new();
    for (row, actor_name) in rows {
        if entries.len() >= limit {
            break;
        }
        if !words.is_empty() {
            let haystack = format!(
                "{} {} {} {} {} {}",
                row.actor,
                actor_name.as_deref().unwrap_or(""),
                row.action,
                row.table_name,
                row.record_id,
                row.detail
            )
            .to_lowercase();
            if !words.iter().all(|w| haystack.contains(w.as_str())) {
                continue;
            }
        }
        entries.push(entry(row, actor_name));
    }
    Ok(entries)
}

fn entry(row: StoredRow, actor_name: Option<String>) -> AuditEntry {
    AuditEntry {
        id: row.id,
        // Written by `append` in AT_FORMAT; a row edited by hand into
        // something else still lists, at the start of time.
        at: NaiveDateTime::parse_from_str(&row.at, AT_FORMAT).unwrap_or_default(),
        actor: row.actor,
        actor_name,
        action: row.action,
        table: row.table_name,
        record_id: row.record_id,
        // A hand-edited detail that is no longer JSON still shows, as text.
        detail: serde_json::from_str(&row.detail).unwrap_or(serde_json::Value::String(row.detail)),
    }
}

/// A whole record, as the detail of its addition.
pub fn snapshot<T: Serialize>(record: &T) -> serde_json::Value {
    serde_json::to_value(record).unwrap_or(serde_json::Value::Null)
}

/// What changed between two versions of a record: `{field: {from, to}}` for
/// each field whose value differs. Both must serialise to JSON objects.
pub fn changes<T: Serialize>(before: &T, after: &T) -> serde_json::Value {
    let (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return serde_json::Value::Null;
    };
    let mut changed = serde_json::Map::new();
    for (field, new) in &after {
        let old = before.get(field).unwrap_or(&serde_json::Value::Null);
        if old != new {
            changed.insert(field.clone(), serde_json::json!({ "from": old, "to": new }));
        }
    }
    serde_json::Value::Object(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::actor::Role;
    use crate::Store;
    use serde_json::json;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn admin() -> Actor {
        Actor::system()
    }

    fn three_rows(store: &Store) {
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

    #[test]
    fn an_untouched_chain_verifies() {
        let store = Store::open_in_memory().unwrap();
        assert!(verify(store.conn()).unwrap().ok, "an empty trail is ok");
        three_rows(&store);
        let report = verify(store.conn()).unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!(report.rows_checked, 3);
        assert_eq!(report.message(), "ok (3 rows)");
    }

    #[test]
    fn each_row_names_the_hash_of_the_row_before() {
        let store = Store::open_in_memory().unwrap();
        three_rows(&store);
        let rows = db::all(store.conn()).unwrap();
        assert_eq!(rows[0].prev_hash, "", "the first row follows nothing");
        assert_eq!(rows[1].prev_hash, rows[0].hash);
        assert_eq!(rows[2].prev_hash, rows[1].hash);
        assert_eq!(rows[1].actor, "system", "no actor means the system");
        assert_eq!(rows[0].hash.len(), 64, "SHA-256 in hex");
    }

    #[test]
    fn the_triggers_refuse_to_change_or_remove_a_row() {
        let store = Store::open_in_memory().unwrap();
        three_rows(&store);
        let update = store
            .conn()
            .execute("UPDATE audit SET detail = '{}' WHERE id = 2", [])
            .unwrap_err();
        assert!(update.to_string().contains("cannot be changed"), "{update}");
        let delete = store.conn().execute("DELETE FROM audit WHERE id = 3", []).unwrap_err();
        assert!(delete.to_string().contains("cannot be removed"), "{delete}");
        assert!(verify(store.conn()).unwrap().ok, "nothing changed");
    }

    #[test]
    fn a_row_edited_by_hand_is_named_by_verify() {
        let store = Store::open_in_memory().unwrap();
        three_rows(&store);
        let c = store.conn();
        c.execute_batch("DROP TRIGGER audit_no_update").unwrap();
        c.execute(
            "UPDATE audit SET detail = '{\"role\":\"administrator\"}' WHERE id = 3",
            [],
        )
        .unwrap();
        let report = verify(c).unwrap();
        assert!(!report.ok);
        assert_eq!(report.broken_row, Some(3), "{report:?}");
        assert!(report.message().contains("row 3"), "{}", report.message());
        assert!(report.message().contains("changed"), "{}", report.message());
    }

    #[test]
    fn a_row_edited_with_its_hash_recomputed_breaks_the_next_row() {
        let store = Store::open_in_memory().unwrap();
        three_rows(&store);
        let c = store.conn();
        c.execute_batch("DROP TRIGGER audit_no_update").unwrap();
        let mut row = db::all(c).unwrap().remove(1);
        row.detail = "{\"forename\":\"Sian\"}".into();
        row.hash = hash_of(&row);
        c.execute(
            "UPDATE audit SET detail = ?1, hash = ?2 WHERE id = 2",
            [&row.detail, &row.hash],
        )
        .unwrap();
        let report = verify(c).unwrap();
        assert_eq!(
            report.broken_row,
            Some(3),
            "the forger cannot fix the row after: {report:?}"
        );
        assert!(
            report.message().contains("does not follow row 2"),
            "{}",
            report.message()
        );
    }

    #[test]
    fn a_removed_row_is_found() {
        let store = Store::open_in_memory().unwrap();
        three_rows(&store);
        let c = store.conn();
        c.execute_batch("DROP TRIGGER audit_no_delete").unwrap();
        c.execute("DELETE FROM audit WHERE id = 2", []).unwrap();
        let report = verify(c).unwrap();
        assert_eq!(report.broken_row, Some(3), "{report:?}");
        assert!(report.message().contains("row 2 is missing"), "{}", report.message());
    }

    #[test]
    fn appending_after_a_row_is_never_a_fork() {
        let store = Store::open_in_memory().unwrap();
        three_rows(&store);
        let rows = db::all(store.conn()).unwrap();
        let mut fork = rows[2].clone();
        fork.id = 4;
        let err = db::insert(store.conn(), &fork).unwrap_err();
        assert_eq!(err.code(), "database", "two rows cannot share a predecessor");
    }

    #[test]
    fn the_log_is_filtered_by_actor_table_dates_and_accented_text() {
        let store = Store::open_in_memory().unwrap();
        three_rows(&store);
        record(
            store.conn(),
            Some("1001"),
            "staff.edit",
            "staff",
            "1002",
            json!({"band": {"from": "3", "to": "4"}}),
            at(9, 0) + chrono::Duration::days(2),
        )
        .unwrap();
        let c = store.conn();
        let ids = |f: AuditFilter| -> Vec<i64> { list(c, &admin(), &f).unwrap().iter().map(|e| e.id).collect() };
        assert_eq!(ids(AuditFilter::default()), [4, 3, 2, 1], "newest first");
        let by = |actor: &str| AuditFilter {
            actor: Some(actor.into()),
            ..Default::default()
        };
        assert_eq!(ids(by("1001")), [4, 3, 1]);
        assert_eq!(ids(by("system")), [2]);
        let table = AuditFilter {
            table: Some("account".into()),
            ..Default::default()
        };
        assert_eq!(ids(table), [3]);
        let day = NaiveDate::from_ymd_opt(2026, 11, 21);
        let on_the_day = AuditFilter {
            from: day,
            to: day,
            ..Default::default()
        };
        assert_eq!(ids(on_the_day), [3, 2, 1], "both ends of the range are included");
        let text = |t: &str| AuditFilter {
            text: Some(t.into()),
            ..Default::default()
        };
        assert_eq!(ids(text("łukasz")), [1], "case is ignored beyond ASCII");
        assert_eq!(ids(text("SIÂN import")), [2], "every word must match");
        let limited = AuditFilter {
            limit: Some(2),
            ..Default::default()
        };
        assert_eq!(ids(limited), [4, 3]);
        let entry = &list(c, &admin(), &AuditFilter::default()).unwrap()[3];
        assert_eq!(entry.detail, json!({"forename": "Łukasz"}), "detail comes back as JSON");
        assert_eq!(entry.at, at(9, 0));
    }

    #[test]
    fn only_the_administrator_may_read_the_log() {
        let store = Store::open_in_memory().unwrap();
        let manager = Actor {
            staff_number: "2".into(),
            role: Role::Manager,
            name: "Mo Manager".into(),
            must_change_passphrase: false,
        };
        let err = list(store.conn(), &manager, &AuditFilter::default()).unwrap_err();
        assert_eq!(err.code(), "forbidden");
    }

    #[test]
    fn changes_lists_only_the_fields_that_differ() {
        let before = json!({"band": "3", "forename": "Ciaran", "surname": "Byrne"});
        let after = json!({"band": "4", "forename": "Ciarán", "surname": "Byrne"});
        assert_eq!(
            changes(&before, &after),
            json!({"band": {"from": "3", "to": "4"}, "forename": {"from": "Ciaran", "to": "Ciarán"}})
        );
    }
}
