//! SQL for `app_setting`: application settings as text by name. Which keys
//! exist, their defaults and ranges are rules, in the modules that own them
//! (`crate::accounts` for the idle lock).

use rusqlite::{params, Connection, OptionalExtension};

use crate::Result;

/// A setting's stored text, if stored.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM app_setting WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO app_setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
