//! SQL for `setting`: every trust setting as JSON by key. Which keys exist,
//! their defaults, ranges and meaning are rules, in `crate::settings`; this
//! file only reads and writes values, and so imports no domain type.

use crate::store::db::{params, Connection, OptionalExtension};
use rusqlite::types::Type;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::Result;

/// A setting's stored value, if stored. A value that is not the JSON its key
/// holds means the file was edited by hand: say which key rather than guess.
pub fn get<T: DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0))
        .optional()?;
    let Some(text) = text else { return Ok(None) };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, Type::Text, format!("setting {key:?}: {e}").into()).into()
    })
}

/// Stores a value under `key`, replacing any.
pub fn set<T: Serialize + ?Sized>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    let json = serde_json::to_string(value).expect("settings are plain data and serialise");
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, json],
    )?;
    Ok(())
}
