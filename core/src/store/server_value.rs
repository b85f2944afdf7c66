//! SQLite's values on the PostgreSQL wire, both ways. A parameter is bound
//! as the type the server expects for it (an `i64` id to a `bigint`, a
//! date's text to `text`); a column is read as the value SQLite would have
//! given (every integer as `i64`, a boolean as 0/1, text as text), so the
//! store's `FromSql` reads work unchanged on both engines.

use std::error::Error as StdError;

use postgres::types::{accepts, FromSql, IsNull, ToSql, Type};
use rusqlite::types::{ToSqlOutput, Value};

use super::db;

type BoxError = Box<dyn StdError + Sync + Send>;

/// A parameter: the SQLite value rusqlite's `ToSql` made of it.
#[derive(Debug)]
pub struct Param(Value);

impl Param {
    pub fn from_sql_value(v: &dyn rusqlite::ToSql) -> db::Result<Param> {
        Ok(Param(match v.to_sql()? {
            ToSqlOutput::Borrowed(r) => Value::from(r),
            ToSqlOutput::Owned(v) => v,
            _ => unreachable!("the store binds plain values only"),
        }))
    }
}

impl ToSql for Param {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        match &self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                _ => i.to_string().to_sql(&Type::TEXT, out),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::FLOAT8 => f.to_sql(ty, out),
                _ => f.to_string().to_sql(&Type::TEXT, out),
            },
            Value::Text(s) => match *ty {
                Type::INT8 => s.parse::<i64>()?.to_sql(ty, out),
                Type::INT4 => s.parse::<i32>()?.to_sql(ty, out),
                Type::FLOAT8 => s.parse::<f64>()?.to_sql(ty, out),
                Type::BYTEA => s.as_bytes().to_sql(ty, out),
                _ => s.as_str().to_sql(&Type::TEXT, out),
            },
            Value::Blob(b) => b.as_slice().to_sql(&Type::BYTEA, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A column as SQLite's value.
pub struct Cell(pub Value);

impl<'a> FromSql<'a> for Cell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Cell, BoxError> {
        Ok(Cell(match *ty {
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Value::Integer(i16::from_sql(ty, raw)?.into()),
            Type::OID => Value::Integer(u32::from_sql(ty, raw)?.into()),
            Type::BOOL => Value::Integer(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::BYTEA => Value::Blob(raw.to_vec()),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                Value::Text(String::from_sql(ty, raw)?)
            }
            _ => return Err(format!("the store reads no {ty} column (cast it to bigint or text in the query)").into()),
        }))
    }

    fn from_sql_null(_: &Type) -> Result<Cell, BoxError> {
        Ok(Cell(Value::Null))
    }

    accepts!(INT8, INT4, INT2, OID, BOOL, FLOAT8, FLOAT4, BYTEA, TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN);
}
