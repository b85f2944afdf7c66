//! Department mode, the server side: one PostgreSQL database for the whole
//! department, where the server itself enforces who sees and changes what.
//!
//! Owns setting up and upgrading that database ([`init`], [`migrate`]; the
//! SQL is in `core/migrations/postgres/`, its guard mirroring `access.rs`),
//! copying rows from a SQLite store into it ([`copy`], used for the
//! built-in framework), and connecting with TLS ([`connect`]). Reading a
//! `--db` value is [`url`]'s, the window's connection settings
//! [`connection`]'s; logins, their names and SCRAM verifiers are
//! [`login`]'s. Moving a single-PC department in is [`transfer`]'s.
//!
//! The schema has the SQLite store's tables and columns (a test holds them
//! together), plus `account.db_login` and two tables of its own:
//! `appraise_migration` (which migrations ran) and `appraise_server` (the
//! roles `init` made and the department's time zone for audit times).

pub mod connect;
pub mod connection;
pub mod copy;
pub mod login;
mod open;
mod schema;
pub mod transfer;
pub mod url;

pub(crate) use open::open;
pub use schema::{init, migrate, roles_for, state, InitOutcome, Roles, State, MIGRATIONS, SCHEMA};

use crate::Error;

/// A server's refusal or a lost connection, for a person: the server's own
/// message when it gave one.
pub(crate) fn server_error(e: postgres::Error) -> Error {
    match e.as_db_error() {
        Some(db) => Error::Io(format!("The database server refused: {}", db.message())),
        None => Error::Io(format!("The database server could not be reached: {e}")),
    }
}
