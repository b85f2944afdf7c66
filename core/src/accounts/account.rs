//! An account as stored, turned into what people see: the [`Actor`] it
//! signs in as, the [`AccountSummary`] the administrator lists, and its
//! role. An unknown role code is a damaged row, never a guess.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

use super::actor::{Actor, Role};
use crate::store::accounts::{self as db, AccountRow};
use crate::{Error, Result};

/// A role as the database holds it; an unknown code is a damaged row.
pub(super) fn role_from_stored(code: &str) -> Result<Role> {
    Role::parse(code).ok_or_else(|| Error::Conflict(format!("An account has the unknown role {code}.")))
}

/// Turns a stored account into the person acting.
pub(super) fn actor_of(account: &AccountRow) -> Result<Actor> {
    Ok(Actor {
        staff_number: account.staff_number.clone(),
        role: role_from_stored(&account.role)?,
        name: format!("{} {}", account.forename, account.surname),
        must_change_passphrase: account.must_change,
    })
}

/// An account as the administrator sees it. Never the hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccountSummary {
    pub staff_number: String,
    pub name: String,
    pub role: Role,
    pub must_change_passphrase: bool,
    /// Wrong passphrases since the last right one.
    pub failed_attempts: u32,
    /// No attempt is taken before this time.
    #[ts(type = "string | null")]
    pub locked_until: Option<NaiveDateTime>,
    #[ts(type = "string | null")]
    pub leaver_date: Option<NaiveDate>,
    /// Their own database login on the department's server (the
    /// `session_user` they connect as); `None` on a file, and for an
    /// account carried over until its passphrase is reset.
    pub db_login: Option<String>,
}

pub(super) fn summary(account: &AccountRow) -> Result<AccountSummary> {
    Ok(AccountSummary {
        staff_number: account.staff_number.clone(),
        name: format!("{} {}", account.forename, account.surname),
        role: role_from_stored(&account.role)?,
        must_change_passphrase: account.must_change,
        failed_attempts: account.failed_attempts,
        locked_until: account.locked_until,
        leaver_date: account.leaver_date,
        db_login: account.db_login.clone(),
    })
}

/// The role of a staff member's account, if they have one.
pub fn role_of(conn: &Connection, staff_number: &str) -> Result<Option<Role>> {
    db::role_of(conn, staff_number)?
        .map(|code| role_from_stored(&code))
        .transpose()
}
