//! Who a connection acts as, before anyone signs in: whoever opens a
//! database file acts as the system (the operating system guards the file),
//! and so does the login that owns a department's server database; any
//! other server login acts as the person whose account it is, and nothing
//! else (the server's row-level security holds it to that too).

use chrono::NaiveDateTime;

use super::actor::{Actor, Role};
use crate::audit;
use crate::store::accounts as db;
use crate::store::db::OptionalExtension;
use crate::store::Connection;
use crate::{Error, Result};

/// Signing in to the department's server, once the server has taken the
/// person's passphrase as their login's password: who they are, with the
/// sign-in noted and audited as on a file, so the notification at sign-in
/// counts from the time before there too. The owner's login (acting as the
/// system) signs no one in.
pub fn sign_in_connected(conn: &mut Connection, now: NaiveDateTime) -> Result<Actor> {
    let actor = connected_actor(conn)?;
    if conn.acts_as_system() {
        return Ok(actor);
    }
    let tx = crate::store::write(conn)?;
    db::note_own_sign_in(&tx, now)?;
    audit::record(
        &tx,
        Some(&actor.staff_number),
        "account.sign_in",
        "account",
        &actor.staff_number,
        serde_json::json!({}),
        now,
    )?;
    tx.commit()?;
    Ok(actor)
}

pub fn connected_actor(conn: &Connection) -> Result<Actor> {
    if conn.acts_as_system() {
        return Ok(Actor::system());
    }
    let found = conn
        .query_row(
            "SELECT s.staff_number, a.role, s.forename || ' ' || s.surname, a.must_change
             FROM account a JOIN staff s ON s.id = a.staff_id
             WHERE a.db_login = session_user AND s.leaver_date IS NULL",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, bool>(3)?,
                ))
            },
        )
        .optional()?;
    let Some((staff_number, role, name, must_change_passphrase)) = found else {
        return Err(Error::Unauthenticated(
            "This database login has no Appraise account (or its owner has left): sign in with your own login, or ask the administrator."
                .to_owned(),
        ));
    };
    let role = Role::parse(&role).ok_or_else(|| Error::Unauthenticated(format!("Unknown role {role:?}.")))?;
    Ok(Actor {
        staff_number,
        role,
        name,
        must_change_passphrase,
    })
}
