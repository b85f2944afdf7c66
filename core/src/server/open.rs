//! Opening the store on the department's server: the schema must be
//! Appraise's and current, and the login decides who acts. The login that
//! owns the database (a member of the owner role) acts as that role, the
//! system; every other login as the person whose account it is, under the
//! server's row-level security.

use postgres::Client;

use super::schema::{latest, SCHEMA};
use super::server_error;
use crate::store::Connection;
use crate::{Error, Result};

pub(crate) fn open(mut client: Client) -> Result<Connection> {
    client
        .batch_execute(&format!("SET search_path = {SCHEMA}"))
        .map_err(server_error)?;
    let version = client
        .query_one("SELECT appraise_schema_version()", &[])
        .map(|r| r.get::<_, Option<i64>>(0).unwrap_or(0))
        .map_err(|_| {
            Error::NotAppraiseDatabase(
                "This server database is not set up for Appraise, or was set up by an older Appraise: its owner runs `appraise-cli server init` (or `server migrate`) first."
                    .to_owned(),
            )
        })?;
    if version < latest() {
        return Err(Error::NewerSchema(format!(
            "This server database has Appraise's schema version {version}; this Appraise needs {}: its owner runs `appraise-cli server migrate`.",
            latest()
        )));
    }
    if version > latest() {
        return Err(Error::NewerSchema(format!(
            "This server database has schema version {version}, from a newer Appraise (this one knows {}). Update Appraise to use it.",
            latest()
        )));
    }
    let owner: bool = client
        .query_one("SELECT appraise_acts_as_owner(session_user)", &[])
        .map_err(server_error)?
        .get(0);
    if owner {
        let role: String = client
            .query_one("SELECT value FROM appraise_server WHERE key = 'owner_role'", &[])
            .map_err(server_error)?
            .get(0);
        client
            .batch_execute(&format!("SET ROLE {}", super::copy::ident(&role)))
            .map_err(server_error)?;
    }
    Ok(Connection::from_server(client, owner))
}
