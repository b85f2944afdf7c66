//! Migration 0013 on a file written before it: the chain re-hashed under
//! the digest formula where it fitted the old one, and an `audit.rehash`
//! row naming the old newest hash; a chain broken before stays broken at
//! the same row.

use super::chain::verify;
use super::test_support::{three_rows, undo_0013};
use crate::store::db::params;
use crate::Store;

/// A file with three audit rows, taken back to before 0013: its path, and
/// the newest hash under the old formula.
fn file_before_0013(dir: &tempfile::TempDir) -> (std::path::PathBuf, String) {
    let path = dir.path().join("old.db");
    three_rows(&Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    undo_0013(&conn);
    let head = conn
        .query_row("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    (path, head)
}

#[test]
fn a_chain_written_before_the_digest_is_rehashed_and_the_rehash_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old_head) = file_before_0013(&dir);
    let store = Store::open(&path).expect("migrates");
    let report = verify(store.conn()).unwrap();
    assert!(report.ok, "the re-hashed chain verifies: {report:?}");
    assert_eq!(report.rows_checked, 4, "three rows and the re-hash's own");
    let (action, detail): (String, String) = store
        .conn()
        .query_row("SELECT action, detail FROM audit WHERE id = 4", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(action, "audit.rehash");
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["rows_rehashed"], 3, "{detail}");
    assert_eq!(detail["previous_newest_hash"], old_head.as_str(), "{detail}");
}

#[test]
fn a_chain_broken_before_the_digest_stays_broken_at_the_same_row() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = file_before_0013(&dir);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("DROP TRIGGER audit_no_update").unwrap();
        conn.execute(
            "UPDATE audit SET detail = '{\"role\":\"administrator\"}' WHERE id = 2",
            [],
        )
        .unwrap();
        conn.execute_batch(
            "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
             BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed.'); END;",
        )
        .unwrap();
    }
    let store = Store::open(&path).expect("migrates");
    let report = verify(store.conn()).unwrap();
    assert_eq!(report.broken_row, Some(2), "not laundered by the re-hash: {report:?}");
    let rehashed: String = store
        .conn()
        .query_row(
            "SELECT detail FROM audit WHERE action = ?1",
            params!["audit.rehash"],
            |r| r.get(0),
        )
        .unwrap();
    assert!(rehashed.contains("\"rows_rehashed\":1"), "{rehashed}");
}
