//! Copying rows from a SQLite store into the server, every row with its id
//! and every value as stored: integers as BIGINT, reals as DOUBLE
//! PRECISION, text (dates and times too) as text. Used by [`init`] for the
//! built-in framework; a transfer of a whole department needs the same.
//!
//! [`init`]: super::init

use postgres::types::{ToSql, Type};
use postgres::Transaction;
use rusqlite::types::Value;
use rusqlite::Connection;

use super::server_error;
use crate::{Error, Result};

type Param = Box<dyn ToSql + Sync>;

/// Copies every row of `table` (same name and columns on both sides) and
/// returns how many. The server's column types decide how each value is
/// sent; a value that does not fit its column is refused, not converted.
pub fn copy_table(from: &Connection, to: &mut Transaction, table: &str) -> Result<u64> {
    let columns: Vec<String> = {
        let mut stmt = from.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
        let names = stmt.query_map([table], |r| r.get(0))?;
        names.collect::<rusqlite::Result<_>>()?
    };
    let types: Vec<Type> = {
        let list = columns.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ");
        let stmt = to
            .prepare(&format!("SELECT {list} FROM {} LIMIT 0", ident(table)))
            .map_err(server_error)?;
        stmt.columns().iter().map(|c| c.type_().clone()).collect()
    };
    let list = columns.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ");
    let placeholders = (1..=columns.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let insert = to
        .prepare(&format!(
            "INSERT INTO {} ({list}) VALUES ({placeholders})",
            ident(table)
        ))
        .map_err(server_error)?;
    let mut select = from.prepare(&format!("SELECT {list} FROM {} ORDER BY rowid", ident(table)))?;
    let mut rows = select.query([])?;
    let mut copied = 0;
    while let Some(row) = rows.next()? {
        let mut params: Vec<Param> = Vec::with_capacity(columns.len());
        for (i, ty) in types.iter().enumerate() {
            params.push(param(table, &columns[i], ty, row.get(i)?)?);
        }
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
        to.execute(&insert, &refs).map_err(server_error)?;
        copied += 1;
    }
    Ok(copied)
}

/// Moves `table`'s id sequence past its highest id, so the next row the
/// server numbers does not collide with a copied one.
pub fn advance_identity(to: &mut Transaction, table: &str) -> Result<()> {
    to.execute(
        &format!(
            "SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce(max(id), 0) + 1, false) FROM {}",
            ident(table)
        ),
        &[&table],
    )
    .map_err(server_error)?;
    Ok(())
}

pub(super) fn param(table: &str, column: &str, ty: &Type, value: Value) -> Result<Param> {
    Ok(match (ty, value) {
        (&Type::INT8, Value::Integer(i)) => Box::new(i),
        (&Type::INT8, Value::Null) => Box::new(None::<i64>),
        (&Type::FLOAT8, Value::Real(f)) => Box::new(f),
        (&Type::FLOAT8, Value::Integer(i)) => Box::new(i as f64),
        (&Type::FLOAT8, Value::Null) => Box::new(None::<f64>),
        (&Type::TEXT, Value::Text(s)) => Box::new(s),
        (&Type::TEXT, Value::Null) => Box::new(None::<String>),
        (ty, value) => {
            return Err(Error::Io(format!(
                "{table}.{column}: a {:?} value does not fit the server's {ty} column.",
                value.data_type()
            )))
        }
    })
}

/// An identifier, quoted for SQL.
pub(crate) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
