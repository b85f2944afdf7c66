//! Setting up the department's database ([`init`], once, by the login that
//! owns it) and bringing it up to date ([`migrate`]). Both look first,
//! reading only, and change nothing unless the database is empty (init) or
//! Appraise's (migrate); everything either does is one transaction.

use chrono::NaiveDateTime;
use postgres::{Client, Transaction};
use serde::Serialize;

use super::copy::{advance_identity, copy_table, ident};
use super::server_error;
use crate::{framework, Error, Result, Store};

/// The schema every table is in. `init` makes it the database's
/// search_path, so a person's `psql` session reads `staff` as it is.
pub const SCHEMA: &str = "appraise";

/// The server's migrations, in order: (version, name, SQL). Append-only, as
/// the SQLite ones are; `{{owner}}` and `{{person}}` stand for the roles.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "0001_tables",
        include_str!("../../migrations/postgres/0001_tables.sql"),
    ),
    (
        2,
        "0002_locking",
        include_str!("../../migrations/postgres/0002_locking.sql"),
    ),
    (
        3,
        "0003_access",
        include_str!("../../migrations/postgres/0003_access.sql"),
    ),
    (
        4,
        "0004_signing",
        include_str!("../../migrations/postgres/0004_signing.sql"),
    ),
    (
        5,
        "0005_parts",
        include_str!("../../migrations/postgres/0005_parts.sql"),
    ),
    (
        6,
        "0006_store",
        include_str!("../../migrations/postgres/0006_store.sql"),
    ),
    (
        7,
        "0007_logins",
        include_str!("../../migrations/postgres/0007_logins.sql"),
    ),
    (
        8,
        "0008_row_versions",
        include_str!("../../migrations/postgres/0008_row_versions.sql"),
    ),
    (
        9,
        "0009_staff_card",
        include_str!("../../migrations/postgres/0009_staff_card.sql"),
    ),
    (
        10,
        "0010_guard_rest",
        include_str!("../../migrations/postgres/0010_guard_rest.sql"),
    ),
    (
        11,
        "0011_reach_once",
        include_str!("../../migrations/postgres/0011_reach_once.sql"),
    ),
    (12, "0012_live", include_str!("../../migrations/postgres/0012_live.sql")),
    (
        13,
        "0013_training",
        include_str!("../../migrations/postgres/0013_training.sql"),
    ),
    (
        14,
        "0014_coding_audit",
        include_str!("../../migrations/postgres/0014_coding_audit.sql"),
    ),
    (
        15,
        "0015_pathway",
        include_str!("../../migrations/postgres/0015_pathway.sql"),
    ),
    (
        16,
        "0016_words_and_cancel",
        include_str!("../../migrations/postgres/0016_words_and_cancel.sql"),
    ),
    (
        17,
        "0017_dashboard",
        include_str!("../../migrations/postgres/0017_dashboard.sql"),
    ),
    (
        18,
        "0018_retention",
        include_str!("../../migrations/postgres/0018_retention.sql"),
    ),
    (
        19,
        "0019_dashboard_reads",
        include_str!("../../migrations/postgres/0019_dashboard_reads.sql"),
    ),
    (
        20,
        "0020_dashboard_plans",
        include_str!("../../migrations/postgres/0020_dashboard_plans.sql"),
    ),
];

/// The time zone audit times are written in, until the department sets
/// another in `appraise_server`: local time, as the single-PC app writes.
const DEFAULT_TIME_ZONE: &str = "Europe/London";

/// The two roles `init` makes for a database: names of the cluster are
/// shared by all its databases, so both carry the database's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roles {
    /// Cannot log in; owns every object. The login that ran `init` is a
    /// member and acts through it as the system.
    pub owner: String,
    /// Every person's login is a member: the grants are made to it.
    pub person: String,
}

/// The roles for database `db`.
pub fn roles_for(db: &str) -> Roles {
    Roles {
        owner: format!("{db}_owner"),
        person: format!("{db}_person"),
    }
}

/// What a database holds, as far as Appraise is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Nothing of anyone's: `init` may set it up.
    Empty,
    /// Appraise's, with migrations up to this version applied.
    Ours { version: i64 },
    /// Something else, described for a person.
    Foreign(String),
}

/// What [`init`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InitOutcome {
    /// False when the schema was already current and nothing changed.
    pub created: bool,
    pub version: i64,
    pub roles: Roles,
}

impl InitOutcome {
    /// One line for a person.
    pub fn message(&self) -> String {
        if self.created {
            format!(
                "Initialised: schema version {}, objects owned by {}, logins join {}.",
                self.version, self.roles.owner, self.roles.person
            )
        } else {
            format!("The schema is current (version {}); nothing changed.", self.version)
        }
    }
}

pub(crate) fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Reads, without changing anything, what the connected database holds.
pub fn state(client: &mut Client) -> Result<State> {
    let row = client
        .query_one(
            "SELECT current_database()::text, pg_encoding_to_char(encoding)::text,
                    EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)
             FROM pg_database WHERE datname = current_database()",
            &[&SCHEMA],
        )
        .map_err(server_error)?;
    let (db, encoding, ours): (String, String, bool) = (row.get(0), row.get(1), row.get(2));
    if encoding != "UTF8" {
        return Ok(State::Foreign(format!(
            "Database {db} is encoded {encoding}; Appraise needs UTF8 (CREATE DATABASE … ENCODING 'UTF8')."
        )));
    }
    if ours {
        let version = client
            .query_opt(
                "SELECT max(version) FROM appraise.appraise_migration
                 WHERE to_regclass('appraise.appraise_migration') IS NOT NULL",
                &[],
            )
            .ok()
            .flatten()
            .and_then(|r| r.get::<_, Option<i64>>(0));
        return Ok(match version {
            Some(version) => State::Ours { version },
            None => State::Foreign(format!(
                "Database {db} has a schema named {SCHEMA} that Appraise did not make."
            )),
        });
    }
    let found = client
        .query(
            "SELECT kind || ' ' || name FROM (
                 SELECT 'schema' AS kind, nspname::text AS name FROM pg_namespace
                 WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
                 UNION ALL
                 SELECT 'table', n.nspname || '.' || c.relname FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
                 UNION ALL
                 SELECT 'function', n.nspname || '.' || p.proname FROM pg_proc p
                 JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
                 UNION ALL
                 SELECT 'type', n.nspname || '.' || t.typname FROM pg_type t
                 JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'
                 UNION ALL
                 SELECT 'role', rolname::text FROM pg_roles WHERE rolname IN ($1, $2)
             ) found ORDER BY 1 LIMIT 3",
            &[&roles_for(&db).owner, &roles_for(&db).person],
        )
        .map_err(server_error)?;
    if found.is_empty() {
        Ok(State::Empty)
    } else {
        let names: Vec<String> = found.iter().map(|r| r.get(0)).collect();
        Ok(State::Foreign(format!(
            "Database {db} is not empty (it holds {}); Appraise sets up only an empty database.",
            names.join(", ")
        )))
    }
}

/// Sets up an empty database for Appraise, run once by the login that owns
/// it (it needs CREATEROLE, not superuser): the two [`Roles`], the schema
/// with every table, trigger, policy and function, and the built-in
/// framework with its role profiles (`now` is their import time). On a
/// database already set up it changes nothing and says the schema is
/// current; anything else is refused untouched.
pub fn init(client: &mut Client, now: NaiveDateTime) -> Result<InitOutcome> {
    let db: String = client
        .query_one("SELECT current_database()::text", &[])
        .map_err(server_error)?
        .get(0);
    let roles = roles_for(&db);
    match state(client)? {
        State::Ours { version } if version == latest() => {
            return Ok(InitOutcome {
                created: false,
                version,
                roles,
            })
        }
        State::Ours { version } if version < latest() => {
            return Err(Error::Conflict(format!(
                "This database has Appraise's schema version {version}; run `server migrate` to bring it to {}.",
                latest()
            )))
        }
        State::Ours { version } => return Err(newer(version)),
        State::Foreign(why) => return Err(Error::NotAppraiseDatabase(why)),
        State::Empty => {}
    }
    if roles.owner.len().max(roles.person.len()) > 63 {
        return Err(Error::NotAppraiseDatabase(format!(
            "The database name {db} is too long for its role names: use at most 56 characters."
        )));
    }
    let (owner, person) = (ident(&roles.owner), ident(&roles.person));
    let mut tx = client.transaction().map_err(server_error)?;
    tx.batch_execute(&format!(
        "CREATE ROLE {owner} NOLOGIN;
         CREATE ROLE {person} NOLOGIN;
         GRANT {owner} TO CURRENT_USER;
         CREATE SCHEMA {SCHEMA} AUTHORIZATION {owner};
         REVOKE ALL ON DATABASE {database} FROM PUBLIC;
         GRANT CONNECT ON DATABASE {database} TO {person};
         ALTER DATABASE {database} SET search_path = {SCHEMA};
         SET LOCAL search_path = {SCHEMA};
         SET LOCAL ROLE {owner};
         CREATE TABLE appraise_migration (
             version     BIGINT PRIMARY KEY,
             name        TEXT COLLATE \"C\" NOT NULL,
             applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
         );
         CREATE TABLE appraise_server (
             key    TEXT COLLATE \"C\" PRIMARY KEY,
             value  TEXT COLLATE \"C\" NOT NULL
         );",
        database = ident(&db),
    ))
    .map_err(server_error)?;
    for (key, value) in [
        ("owner_role", roles.owner.as_str()),
        ("person_role", roles.person.as_str()),
        ("time_zone", DEFAULT_TIME_ZONE),
    ] {
        tx.execute(
            "INSERT INTO appraise_server (key, value) VALUES ($1, $2)",
            &[&key, &value],
        )
        .map_err(server_error)?;
    }
    apply(&mut tx, &roles, 0)?;
    builtin_framework(&mut tx, now)?;
    tx.commit().map_err(server_error)?;
    // The database's search_path applies to sessions that start from now.
    client
        .batch_execute(&format!("SET search_path = {SCHEMA}"))
        .map_err(server_error)?;
    Ok(InitOutcome {
        created: true,
        version: latest(),
        roles,
    })
}

/// Applies the migrations newer than the database's, as its owner role, in
/// one transaction; returns the versions applied (none when current). A
/// database that is not Appraise's, or is newer, is refused untouched.
pub fn migrate(client: &mut Client) -> Result<Vec<i64>> {
    let version = match state(client)? {
        State::Ours { version } if version > latest() => return Err(newer(version)),
        State::Ours { version } => version,
        State::Empty => {
            return Err(Error::NotAppraiseDatabase(
                "This database is empty: set it up with `server init` first.".to_owned(),
            ))
        }
        State::Foreign(why) => return Err(Error::NotAppraiseDatabase(why)),
    };
    if version == latest() {
        return Ok(Vec::new());
    }
    let mut tx = client.transaction().map_err(server_error)?;
    let rows = tx
        .query(
            "SELECT key, value FROM appraise.appraise_server WHERE key IN ('owner_role', 'person_role') ORDER BY key",
            &[],
        )
        .map_err(server_error)?;
    let get = |key: &str| -> Result<String> {
        rows.iter()
            .find(|r| r.get::<_, String>(0) == key)
            .map(|r| r.get(1))
            .ok_or_else(|| Error::NotAppraiseDatabase(format!("appraise_server has no {key}.")))
    };
    let roles = Roles {
        owner: get("owner_role")?,
        person: get("person_role")?,
    };
    tx.batch_execute(&format!(
        "SET LOCAL search_path = {SCHEMA}; SET LOCAL ROLE {};",
        ident(&roles.owner)
    ))
    .map_err(server_error)?;
    let applied = apply(&mut tx, &roles, version)?;
    tx.commit().map_err(server_error)?;
    Ok(applied)
}

fn newer(version: i64) -> Error {
    Error::NewerSchema(format!(
        "This database has schema version {version}, from a newer Appraise (this one knows {}). Nothing was changed.",
        latest()
    ))
}

fn apply(tx: &mut Transaction, roles: &Roles, after: i64) -> Result<Vec<i64>> {
    let mut applied = Vec::new();
    for &(version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > after) {
        let sql = sql
            .replace("{{owner}}", &ident(&roles.owner))
            .replace("{{person}}", &ident(&roles.person));
        tx.batch_execute(&sql)
            .map_err(|e| Error::Io(format!("Migration {name} failed: {}", server_error(e))))?;
        tx.execute(
            "INSERT INTO appraise_migration (version, name) VALUES ($1, $2)",
            &[&version, &name],
        )
        .map_err(server_error)?;
        applied.push(version);
    }
    Ok(applied)
}

/// The built-in framework and default role profiles, exactly as core
/// stores them in a new SQLite database (same rows, same ids): made there
/// by `framework::ensure_builtin` and copied.
fn builtin_framework(tx: &mut Transaction, now: NaiveDateTime) -> Result<()> {
    let mut store = Store::open_in_memory()?;
    framework::ensure_builtin(store.conn_mut(), now)?;
    for table in [
        "framework",
        "framework_skill",
        "framework_competency",
        "framework_statement",
        "role_profile",
        "role_expectation",
    ] {
        copy_table(store.conn().sqlite().expect("an in-memory SQLite store"), tx, table)?;
        if table != "role_expectation" {
            advance_identity(tx, table)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_files_on_disk_are_exactly_the_embedded_list_in_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .trim_end_matches(".sql")
                    .to_owned()
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = MIGRATIONS.iter().map(|m| m.1.to_owned()).collect();
        assert_eq!(
            on_disk, embedded,
            "every file in migrations/postgres/ is listed, in order"
        );
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.0, i as i64 + 1, "versions count up from 1");
            assert!(m.1.starts_with(&format!("{:04}_", m.0)), "{} is numbered {}", m.1, m.0);
        }
    }

    #[test]
    fn each_database_gets_roles_of_its_own() {
        let roles = roles_for("coding");
        assert_eq!(roles.owner, "coding_owner");
        assert_eq!(roles.person, "coding_person");
    }
}
