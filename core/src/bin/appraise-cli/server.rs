//! `appraise-cli --db postgres://… server ...`: setting up and upgrading a
//! department's PostgreSQL database, run by the login that owns it.

use std::path::PathBuf;
use std::str::FromStr;

use appraise_core::server;
use appraise_core::Error;
use clap::Subcommand;

use crate::{now, Failure};

#[derive(Subcommand)]
pub enum ServerCommand {
    /// Set up an empty database: roles, schema, access rules, the built-in
    /// framework. Run once by the database's owner; a second run changes
    /// nothing. A database holding anything else is refused untouched.
    Init,
    /// Apply the migrations this Appraise has that the database lacks.
    Migrate,
}

pub fn run(cmd: ServerCommand, db: Option<PathBuf>) -> Result<(), Failure> {
    let mut client = server::connect::connect(&config(db)?)?;
    match cmd {
        ServerCommand::Init => println!("{}", server::init(&mut client, now())?.message()),
        ServerCommand::Migrate => match server::migrate(&mut client)?.as_slice() {
            [] => println!("The schema is current; nothing changed."),
            applied => println!(
                "Applied migration{} {}.",
                if applied.len() == 1 { "" } else { "s" },
                applied.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
            ),
        },
    }
    Ok(())
}

/// The server named by --db. Until `server::url` reads every form the issue
/// asks for (PGPASSWORD, TLS required off loopback), the postgres crate's
/// own parser: a `postgres://` URL or `key=value` pairs.
fn config(db: Option<PathBuf>) -> Result<postgres::Config, Failure> {
    let db = db.ok_or_else(|| Failure::Usage("no database: give --db postgres://… or set APPRAISE_DB".into()))?;
    let text = db.to_str().unwrap_or_default();
    if !(text.starts_with("postgres://") || text.starts_with("postgresql://") || text.contains('=')) {
        return Err(Failure::Usage(
            "`server` works on a PostgreSQL database: give --db postgres://LOGIN@host/db".into(),
        ));
    }
    postgres::Config::from_str(text).map_err(|e| {
        Failure::Refused(Error::invalid(
            "db",
            format!("The database address cannot be read: {e}"),
        ))
    })
}
