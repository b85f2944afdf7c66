//! A person's own database login, on the department's server: made with
//! their account, its password kept their passphrase. On a file there are
//! no database logins and nothing here happens.
//!
//! The server makes and changes the login in its definer functions (see
//! `server::login`), given only a SCRAM-SHA-256 verifier of the passphrase;
//! they hold the same rule as `access::can_manage_accounts`, which the
//! caller has asked first (or, for one's own passphrase, proved the current
//! one). Each runs inside the caller's write transaction, so an account
//! never exists without its login, nor a login without its account.

use crate::server::login::verifier;
use crate::store::accounts as db;
use crate::store::db::{Connection, Engine};
use crate::Result;

/// Gives the staff member whose account was just made their login, its
/// password `passphrase`.
pub(super) fn give(tx: &Connection, staff_id: i64, passphrase: &str) -> Result<()> {
    if tx.engine() == Engine::Postgres {
        db::create_login(tx, staff_id, &verifier(passphrase))?;
    }
    Ok(())
}

/// The login's password becomes `passphrase` (an account carried over
/// without a login is given one).
pub(super) fn set_password(tx: &Connection, staff_id: i64, passphrase: &str) -> Result<()> {
    if tx.engine() == Engine::Postgres {
        db::set_login_password(tx, staff_id, &verifier(passphrase))?;
    }
    Ok(())
}
