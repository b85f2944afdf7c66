//! The idle lock: minutes of no use after which the window locks and asks
//! for the passphrase again. The shell's session keeps the clock.

use std::ops::RangeInclusive;

use crate::store::db::Connection;
use chrono::NaiveDateTime;
use serde::Serialize;

use super::{Problems, Topic};
use crate::accounts::Actor;
use crate::store::settings as db;
use crate::{FieldError, Result};

/// Minutes of no use before the app locks, unless the administrator sets
/// another.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;
/// The range the administrator may choose from.
pub const IDLE_LOCK_MINUTES_RANGE: RangeInclusive<u32> = 1..=120;

const KEY: &str = "idle_lock_minutes";

/// Minutes of no use after which the window locks. A stored value outside
/// the range (a file edited by hand) means the default: the lock must work.
pub fn load(conn: &Connection) -> Result<u32> {
    Ok(IdleLock::load(conn)?.minutes)
}

/// Sets the idle lock (administrator only, audited).
pub fn save(conn: &mut Connection, actor: &Actor, minutes: u32, now: NaiveDateTime) -> Result<u32> {
    Ok(super::save(conn, actor, &IdleLock { minutes }, now)?.minutes)
}

/// The setting as a topic of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
struct IdleLock {
    minutes: u32,
}

impl Topic for IdleLock {
    const AUDIT_ID: &'static str = KEY;

    fn load(conn: &Connection) -> Result<Self> {
        let stored: Option<serde_json::Value> = db::get(conn, KEY)?;
        let minutes = stored
            .and_then(|v| v.as_u64())
            .and_then(|m| u32::try_from(m).ok())
            .filter(|m| IDLE_LOCK_MINUTES_RANGE.contains(m))
            .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES);
        Ok(IdleLock { minutes })
    }

    fn check(&self) -> std::result::Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        if !IDLE_LOCK_MINUTES_RANGE.contains(&self.minutes) {
            problems.add(
                KEY,
                format!(
                    "Choose between {} and {} minutes before Appraise locks.",
                    IDLE_LOCK_MINUTES_RANGE.start(),
                    IDLE_LOCK_MINUTES_RANGE.end()
                ),
            );
        }
        problems.or(*self)
    }

    fn write(&self, tx: &Connection, _before: &Self) -> Result<()> {
        db::set(tx, KEY, &self.minutes)
    }
}
