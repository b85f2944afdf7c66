//! Every trust setting, and the one way to check and save them.
//!
//! A topic (one file each) owns its settings type, their defaults and
//! ranges, how they are loaded and how they are checked:
//! - [`appraisal`]: the cycle's start month, weeks to the objective-setting
//!   meeting, the DSPT coding-audit thresholds, department due dates;
//! - [`nccq`]: the NCCQ deadlines, exam sittings and pass marks by year;
//! - [`print`]: the header printed on every page, and every header used
//!   before, which checking an older printed file needs;
//! - [`idle_lock`]: minutes of no use before the window locks;
//! - [`pay_steps`]: the years from entry to a band to each next pay point,
//!   and how many weeks before a step its review is due;
//! - [`retention`]: how long a leaver's records are kept and the grace
//!   period before disposal;
//! - [`training`]: the statutory and mandatory subjects everyone keeps in
//!   date;
//! - [`backup`]: automatic backups (on or off, folder, how many to keep)
//!   and how the last one went.
//!
//! Saving is the same for each ([`save`]): the administrator only (asked of
//! `access.rs`), every field checked with a message of its own and nothing
//! stored when one is wrong, then one IMMEDIATE transaction that writes the
//! topic whole and records one audit row of what changed.
//!
//! Storage: one table, `setting(key, value)`, with JSON values under
//! `topic.field` keys (`crate::store::settings`). The lists (sittings, pass
//! marks, department dates, earlier headers) are JSON lists under one key
//! rather than tables of their own: they are always read and replaced whole
//! with their topic, never looked up by element, and their rules (no year
//! twice, percentages) are checked here, so a table would add SQL without
//! adding a guarantee. A missing key means the default.

pub mod appraisal;
pub mod backup;
pub mod idle_lock;
pub mod nccq;
pub mod pay_steps;
pub mod print;
pub mod retention;
pub mod training;

use crate::store::db::Connection;
use chrono::NaiveDateTime;
use serde::Serialize;

use crate::accounts::Actor;
use crate::{access, audit, Error, FieldError, Result};

/// One topic of settings: what [`save`] needs to load, check and write it.
pub(crate) trait Topic: Sized + PartialEq + Serialize {
    /// Names the topic in the audit trail (`record_id` of `setting.change`).
    const AUDIT_ID: &'static str;

    /// The stored values over the defaults.
    fn load(conn: &Connection) -> Result<Self>;

    /// A message per bad field, or the value to store, tidied (trimmed,
    /// sorted, without repeats).
    fn check(&self) -> std::result::Result<Self, Vec<FieldError>>;

    /// Writes a checked value inside the caller's transaction; `before` is
    /// what was stored until now.
    fn write(&self, tx: &Connection, before: &Self) -> Result<()>;
}

/// Checks and stores a topic's settings whole (administrator only, audited
/// when anything changed) and returns them as stored.
pub(crate) fn save<T: Topic>(conn: &mut Connection, actor: &Actor, new: &T, now: NaiveDateTime) -> Result<T> {
    access::can_manage_settings(actor)?;
    new.check().map_err(Error::Invalid)?;
    let tx = crate::store::write(conn)?;
    let saved = save_in(&tx, actor, new, now)?;
    tx.commit()?;
    Ok(saved)
}

/// [`save`] inside the caller's write transaction, for a change that must
/// land together with another (the first run saves the header with the
/// administrator's account). Asks `access.rs` and checks every field the
/// same way.
pub(crate) fn save_in<T: Topic>(tx: &Connection, actor: &Actor, new: &T, now: NaiveDateTime) -> Result<T> {
    access::can_manage_settings(actor)?;
    let new = new.check().map_err(Error::Invalid)?;
    let before = T::load(tx)?;
    if before != new {
        new.write(tx, &before)?;
        let after = T::load(tx)?;
        audit::record_by(
            tx,
            actor,
            "setting.change",
            "setting",
            T::AUDIT_ID,
            audit::changes(&before, &after),
            now,
        )?;
    }
    T::load(tx)
}

/// Collects a message per bad field, in the order the form shows them.
#[derive(Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// `value` when nothing was wrong, every message otherwise.
    pub(crate) fn or<T>(self, value: T) -> std::result::Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

#[cfg(test)]
mod migration_tests;
#[cfg(test)]
mod tests;
