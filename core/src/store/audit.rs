//! SQL for the `audit` table: append and read, never update or delete (the
//! table's triggers refuse both, but for disposal's erasing of a detail).
//! The chain rules live in `crate::audit`; re-hashing an older chain once,
//! when the detail's digest came in, is here because a migration does it.

use crate::store::db::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::audit::hash;
use crate::Result;

/// One audit row exactly as stored: the text that was hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub table_name: String,
    pub record_id: String,
    pub detail: String,
    /// SHA-256 of `detail` as written: what the hash covers.
    pub detail_digest: String,
    pub prev_hash: String,
    pub hash: String,
}

impl StoredRow {
    /// The hash over `prev_hash`, the row's fields and `detail`: the
    /// digest of the detail under today's formula, the detail itself under
    /// the formula before migration 0013 (which re-hashes from one to the
    /// other). One list of fields for both, and for `audit::chain`.
    pub(crate) fn hash_with(&self, prev_hash: &str, detail: &str) -> String {
        hash::over(&[
            prev_hash,
            &self.id.to_string(),
            &self.at,
            &self.actor,
            &self.action,
            &self.table_name,
            &self.record_id,
            detail,
        ])
    }
}

const SELECT: &str =
    "SELECT a.id, a.at, a.actor, a.action, a.table_name, a.record_id, a.detail, a.prev_hash, a.hash, a.detail_digest";

fn from_row(row: &Row) -> crate::store::db::Result<StoredRow> {
    Ok(StoredRow {
        id: row.get(0)?,
        at: row.get(1)?,
        actor: row.get(2)?,
        action: row.get(3)?,
        table_name: row.get(4)?,
        record_id: row.get(5)?,
        detail: row.get(6)?,
        prev_hash: row.get(7)?,
        hash: row.get(8)?,
        detail_digest: row.get(9)?,
    })
}

/// The id and hash of the newest row, if any.
pub fn last(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

pub fn insert(conn: &Connection, row: &StoredRow) -> Result<()> {
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, table_name, record_id, detail, prev_hash, hash, detail_digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            row.id,
            row.at,
            row.actor,
            row.action,
            row.table_name,
            row.record_id,
            row.detail,
            row.prev_hash,
            row.hash,
            row.detail_digest
        ],
    )?;
    Ok(())
}

/// Every row, oldest first, for checking the chain.
pub fn all(conn: &Connection) -> Result<Vec<StoredRow>> {
    let sql = format!("{SELECT} FROM audit a ORDER BY a.id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Rows matching the given columns exactly and falling in `[from, before)`
/// (ISO text compared as text), newest first, with the actor's name when the
/// actor is a staff member.
pub fn select(
    conn: &Connection,
    actor: Option<&str>,
    table_name: Option<&str>,
    from: Option<&str>,
    before: Option<&str>,
) -> Result<Vec<(StoredRow, Option<String>)>> {
    let mut conditions = Vec::new();
    let mut values: Vec<&str> = Vec::new();
    for (column, op, value) in [
        ("a.actor", "=", actor),
        ("a.table_name", "=", table_name),
        ("a.at", ">=", from),
        ("a.at", "<", before),
    ] {
        if let Some(value) = value {
            values.push(value);
            conditions.push(format!("{column} {op} ?{}", values.len()));
        }
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let sql = format!(
        "{SELECT}, s.forename || ' ' || s.surname FROM audit a
         LEFT JOIN staff s ON s.staff_number = a.actor {filter} ORDER BY a.id DESC"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(values), |r| Ok((from_row(r)?, r.get(10)?)))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The rows about one record: `table_name` and `record_id` exactly, oldest
/// first, with the actor's name when the actor is a staff member.
pub fn about_record(conn: &Connection, table_name: &str, record_id: &str) -> Result<Vec<(StoredRow, Option<String>)>> {
    select_where(conn, "a.table_name = ?1 AND a.record_id = ?2", &[table_name, record_id])
}

/// The rows of every table but `except_table` whose record is `record_id`
/// (the person-keyed records name a staff number), oldest first.
pub fn about_record_except(
    conn: &Connection,
    except_table: &str,
    record_id: &str,
) -> Result<Vec<(StoredRow, Option<String>)>> {
    select_where(
        conn,
        "a.table_name <> ?1 AND a.record_id = ?2",
        &[except_table, record_id],
    )
}

fn select_where(conn: &Connection, condition: &str, values: &[&str]) -> Result<Vec<(StoredRow, Option<String>)>> {
    let sql = format!(
        "{SELECT}, s.forename || ' ' || s.surname FROM audit a
         LEFT JOIN staff s ON s.staff_number = a.actor WHERE {condition} ORDER BY a.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(values.iter().copied()), |r| {
            Ok((from_row(r)?, r.get(10)?))
        })?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The record types (tables) the trail names, in alphabetical order.
pub fn table_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT table_name FROM audit ORDER BY table_name")?;
    let rows = stmt
        .query_map([], |r| r.get(0))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Replaces the detail of the given rows with the erased marker, keeping
/// their digest. The table's trigger allows this only while a person's
/// disposal is under way in the same transaction.
pub fn erase_details(conn: &Connection, ids: &[i64]) -> Result<usize> {
    let mut erased = 0;
    for id in ids {
        erased += conn.execute(
            "UPDATE audit SET detail = ?1 WHERE id = ?2 AND detail <> ?1",
            params![hash::ERASED, id],
        )?;
    }
    Ok(erased)
}

/// The tables whose audit rows name a person by staff number in
/// `record_id`.
const PERSON_TABLES: &[&str] = &[
    "staff",
    "account",
    "nccq_course",
    "nccq_exam_attempt",
    "ihrim_membership",
    "training_record",
    "cpd_entry",
    "pay_step_standard",
    "pay_step_review",
    "coding_audit",
    "retention_case",
];

/// The ids of the rows about one person: their person-keyed records (by
/// staff number), their appraisals (by id), and any row whose detail holds
/// every one of `words` (their forename and surname, as written: the
/// detail is JSON text, which keeps letters as they are).
pub fn ids_about(conn: &Connection, staff_number: &str, appraisal_ids: &[i64], words: &[String]) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    let mut collect = |sql: &str, values: Vec<String>| -> Result<()> {
        let mut stmt = conn.prepare(sql)?;
        let found = stmt
            .query_map(params_from_iter(values), |r| r.get(0))?
            .collect::<crate::store::db::Result<Vec<i64>>>()?;
        ids.extend(found);
        Ok(())
    };
    for table in PERSON_TABLES {
        collect(
            "SELECT id FROM audit WHERE table_name = ?1 AND record_id = ?2",
            vec![(*table).to_owned(), staff_number.to_owned()],
        )?;
    }
    for appraisal in appraisal_ids {
        collect(
            "SELECT id FROM audit WHERE table_name = 'appraisal' AND record_id = ?1",
            vec![appraisal.to_string()],
        )?;
    }
    if !words.is_empty() {
        let conditions: Vec<String> = (1..=words.len())
            .map(|i| format!("detail LIKE '%' || ?{i} || '%'"))
            .collect();
        collect(
            &format!("SELECT id FROM audit WHERE {}", conditions.join(" AND ")),
            words.to_vec(),
        )?;
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// SQLite migration 0013: gives every row its detail's digest and re-hashes
/// the chain under the formula that covers the digest (see
/// `crate::audit::chain`). Rows are re-hashed while they fit the old
/// formula; from the first that does not, they keep their hashes, so the
/// break stays where it was. When there were rows, appends `audit.rehash`
/// with the count and the old newest hash. Runs with the append-only
/// trigger dropped, inside the migration's transaction.
pub(crate) fn rehash_with_digests(conn: &rusqlite::Transaction, at: &str) -> Result<()> {
    let mut rows = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, at, actor, action, table_name, record_id, detail, prev_hash, hash FROM audit ORDER BY id",
        )?;
        let mut found = stmt.query([])?;
        while let Some(r) = found.next()? {
            rows.push(StoredRow {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                table_name: r.get(4)?,
                record_id: r.get(5)?,
                detail: r.get(6)?,
                prev_hash: r.get(7)?,
                hash: r.get(8)?,
                detail_digest: String::new(),
            });
        }
    }
    let Some(old_head) = rows.last().map(|r| r.hash.clone()) else {
        return Ok(());
    };
    let (mut old_prev, mut new_prev) = (String::new(), String::new());
    let mut fits = true;
    let mut rehashed = 0i64;
    let mut last_id = 0;
    for row in &rows {
        let digest = hash::digest(&row.detail);
        fits = fits
            && row.id == last_id + 1
            && row.prev_hash == old_prev
            && row.hash_with(&row.prev_hash, &row.detail) == row.hash;
        if fits {
            let new_hash = row.hash_with(&new_prev, &digest);
            conn.execute(
                "UPDATE audit SET detail_digest = ?1, prev_hash = ?2, hash = ?3 WHERE id = ?4",
                rusqlite::params![digest, new_prev, new_hash, row.id],
            )?;
            old_prev = row.hash.clone();
            new_prev = new_hash;
            rehashed += 1;
        } else {
            conn.execute(
                "UPDATE audit SET detail_digest = ?1 WHERE id = ?2",
                rusqlite::params![digest, row.id],
            )?;
        }
        last_id = row.id;
    }
    let (head_id, head_hash): (i64, String) =
        conn.query_row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let detail = serde_json::json!({
        "rows_rehashed": rehashed,
        "rows": rows.len(),
        "previous_newest_hash": old_head,
        "formula": "hash covers the SHA-256 digest of the detail",
    })
    .to_string();
    let mut row = StoredRow {
        id: head_id + 1,
        at: at.to_owned(),
        actor: "system".to_owned(),
        action: "audit.rehash".to_owned(),
        table_name: "audit".to_owned(),
        record_id: String::new(),
        detail_digest: hash::digest(&detail),
        detail,
        prev_hash: head_hash,
        hash: String::new(),
    };
    row.hash = row.hash_with(&row.prev_hash, &row.detail_digest);
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, table_name, record_id, detail, prev_hash, hash, detail_digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            row.id,
            row.at,
            row.actor,
            row.action,
            row.table_name,
            row.record_id,
            row.detail,
            row.prev_hash,
            row.hash,
            row.detail_digest
        ],
    )?;
    Ok(())
}
