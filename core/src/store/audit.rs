//! SQL for the `audit` table: append and read, never update or delete (the
//! table's triggers refuse both). The chain rules live in `crate::audit`.

use crate::store::db::{params, params_from_iter, Connection, OptionalExtension, Row};

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
    pub prev_hash: String,
    pub hash: String,
}

const SELECT: &str = "SELECT a.id, a.at, a.actor, a.action, a.table_name, a.record_id, a.detail, a.prev_hash, a.hash";

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
        "INSERT INTO audit (id, at, actor, action, table_name, record_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            row.id,
            row.at,
            row.actor,
            row.action,
            row.table_name,
            row.record_id,
            row.detail,
            row.prev_hash,
            row.hash
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
        .query_map(params_from_iter(values), |r| Ok((from_row(r)?, r.get(9)?)))?
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
            Ok((from_row(r)?, r.get(9)?))
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
