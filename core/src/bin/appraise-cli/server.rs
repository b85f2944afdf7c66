//! `appraise-cli --db postgres://… server ...`: setting up and upgrading a
//! department's PostgreSQL database, run by the login that owns it.

use appraise_core::server;
use appraise_core::server::url::ServerUrl;
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

pub fn run(cmd: ServerCommand, url: ServerUrl) -> Result<(), Failure> {
    let mut client = server::connect::connect(&url.config())?;
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
