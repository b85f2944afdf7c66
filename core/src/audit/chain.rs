//! The hash chain: appending a row (inside the transaction that makes the
//! change) and checking the whole chain.
//!
//! Each row carries the hash of the row before it, and its own hash is
//! SHA-256 over that and the row's fields, so changing, removing or
//! reordering a row breaks the chain from that row on; [`verify`] names the
//! first row that does not fit. The chain cannot show that rows were cut off
//! the end: the newest row has nothing after it to disagree.
//!
//! The detail (which names people) is not hashed itself: each row stores
//! the SHA-256 digest of its detail (`detail_digest`) and the hash covers
//! the digest. So disposal of a person's records can erase a detail (it
//! becomes [`ERASED`]) and the chain still verifies, while [`verify`]
//! checks every detail that is not erased against its digest, so editing a
//! detail is still found. Only disposal may erase, inside its own
//! transaction (the table's triggers allow nothing else, `retention`).
//!
//! Databases from before the digest (SQLite migration 0013, PostgreSQL
//! 0018): the migration checks the old chain row by row under the old
//! formula (the detail hashed itself) and re-hashes each row that fits
//! under the new one; from the first row that does not fit (a chain already
//! broken) nothing is re-hashed, so `verify` still stops there. It then
//! appends an `audit.rehash` row naming how many rows were re-hashed and the
//! old newest hash, so a copy kept from before the upgrade can be matched
//! to it.

use crate::store::db::{params, Connection};
use crate::store::Engine;
use chrono::NaiveDateTime;
use serde::Serialize;
use ts_rs::TS;

use super::hash::{self, ERASED};

use crate::accounts::actor::{Actor, SYSTEM};
use crate::store::audit::{self as db, StoredRow};
use crate::{access, Result};

/// How `at` is written: to the second, so the text that is hashed is the
/// text that is stored, whatever precision the clock gave.
pub(super) const AT_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

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
        let tx = crate::store::Transaction::immediate(conn)?;
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
    if conn.engine() == Engine::Postgres {
        return append_on_server(conn, actor, action, table, record_id, detail, at);
    }
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
        detail_digest: String::new(),
        prev_hash,
        hash: String::new(),
    };
    row.detail_digest = hash::digest(&row.detail);
    row.hash = hash_of(&row);
    db::insert(conn, &row)?;
    Ok(id)
}

/// The server makes the row itself, under its lock, with the chain's hash
/// computed as [`hash_of`] does (`appraise_audit_hash`): the system (the
/// database owner's login) names the actor and time as on a file; a
/// person's row gets their staff number and the server's time.
fn append_on_server(
    conn: &Connection,
    actor: Option<&str>,
    action: &str,
    table: &str,
    record_id: &str,
    detail: &serde_json::Value,
    at: NaiveDateTime,
) -> Result<i64> {
    let detail = detail.to_string();
    if conn.acts_as_system() {
        Ok(conn.query_row(
            "SELECT appraise_audit_at(?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                actor.unwrap_or(SYSTEM),
                at.format(AT_FORMAT).to_string(),
                action,
                table,
                record_id,
                detail
            ],
            |r| r.get(0),
        )?)
    } else {
        Ok(conn.query_row(
            "SELECT appraise_audit(?1, ?2, ?3, ?4)",
            params![action, table, record_id, detail],
            |r| r.get(0),
        )?)
    }
}

/// The row's hash ([`hash::over`]): the previous hash, then every field of
/// the row with the detail's digest in place of the detail.
pub(crate) fn hash_of(row: &StoredRow) -> String {
    row.hash_with(&row.prev_hash, &row.detail_digest)
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
        if row.detail != ERASED && hash::digest(&row.detail) != row.detail_digest {
            return Ok(broken("its detail was changed after it was written.".to_owned()));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::test_support::three_rows;

    #[test]
    fn an_untouched_chain_verifies() {
        let store = crate::store::testing::store();
        assert!(verify(store.conn()).unwrap().ok, "an empty trail is ok");
        three_rows(&store);
        let report = verify(store.conn()).unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!(report.rows_checked, 3);
        assert_eq!(report.message(), "ok (3 rows)");
    }

    #[test]
    fn each_row_names_the_hash_of_the_row_before() {
        let store = crate::store::testing::store();
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
        let store = crate::store::testing::store();
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
        // Tampering by hand drops a SQLite trigger: the server refuses it
        // to every login (tests/server.rs).
        let store = crate::Store::open_in_memory().unwrap();
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
        // Tampering by hand drops a SQLite trigger: the server refuses it
        // to every login (tests/server.rs).
        let store = crate::Store::open_in_memory().unwrap();
        three_rows(&store);
        let c = store.conn();
        c.execute_batch("DROP TRIGGER audit_no_update").unwrap();
        let mut row = db::all(c).unwrap().remove(1);
        row.detail = "{\"forename\":\"Sian\"}".into();
        row.detail_digest = hash::digest(&row.detail);
        row.hash = hash_of(&row);
        c.execute(
            "UPDATE audit SET detail = ?1, detail_digest = ?2, hash = ?3 WHERE id = 2",
            [&row.detail, &row.detail_digest, &row.hash],
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
    fn an_erased_detail_still_verifies_but_an_edited_one_is_named() {
        // Erasing outside disposal is refused by the trigger: dropped here
        // to look at verify alone (disposal's own tests go through it).
        let store = crate::Store::open_in_memory().unwrap();
        three_rows(&store);
        let c = store.conn();
        c.execute_batch("DROP TRIGGER audit_no_update").unwrap();
        c.execute("UPDATE audit SET detail = ?1 WHERE id = 2", [ERASED])
            .unwrap();
        let report = verify(c).unwrap();
        assert!(report.ok, "an erased detail keeps the chain: {report:?}");
        c.execute("UPDATE audit SET detail = '{\"forename\":\"X\"}' WHERE id = 3", [])
            .unwrap();
        let report = verify(c).unwrap();
        assert_eq!(report.broken_row, Some(3), "{report:?}");
        assert!(report.message().contains("detail was changed"), "{}", report.message());
    }

    #[test]
    fn a_removed_row_is_found() {
        // Tampering by hand drops a SQLite trigger: the server refuses it
        // to every login (tests/server.rs).
        let store = crate::Store::open_in_memory().unwrap();
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
        let store = crate::store::testing::store();
        three_rows(&store);
        let rows = db::all(store.conn()).unwrap();
        let mut fork = rows[2].clone();
        fork.id = 4;
        let err = db::insert(store.conn(), &fork).unwrap_err();
        assert_eq!(err.code(), "database", "two rows cannot share a predecessor");
    }
}
