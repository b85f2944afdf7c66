//! The store: opening a SQLite file safely (pragmas, migrations) or a
//! department server's database, both behind one [`db::Connection`]. One
//! submodule per aggregate holds its SQL (get/list/insert/update), written
//! once for both engines.
//!
//! Opening never changes a file that is not an Appraise database, nor one
//! written by a newer Appraise: those are checked read-only first.

pub mod accounts;
pub mod appraisal;
pub mod audit;
pub mod coding_audit;
pub mod dashboard;
pub mod db;
pub mod demo_bulk;
pub mod framework;
pub mod nccq;
pub mod pay_steps;
pub mod reports;
pub mod retention;
mod server_value;
pub mod settings;
pub mod staff;
#[doc(hidden)]
pub mod testing;
pub mod training;

use std::path::Path;

use rusqlite::OpenFlags;

pub use db::{Connection, Engine, Transaction};
use serde::Serialize;
use ts_rs::TS;

use crate::{Error, ErrorPayload, Result};

/// Where the app's database is and, when it could not be opened, why. The
/// window shows the error instead of the app crashing.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OpenStatus {
    pub db_path: String,
    pub error: Option<ErrorPayload>,
}

/// Marks a SQLite file as ours (`PRAGMA application_id`): "APPR".
pub const APPLICATION_ID: i32 = 0x4150_5052;

/// Append-only: a released migration is never edited, only followed by a new
/// one. `user_version` counts how many have been applied.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_staff", include_str!("../../migrations/0001_staff.sql")),
    ("0002_framework", include_str!("../../migrations/0002_framework.sql")),
    ("0003_nccq", include_str!("../../migrations/0003_nccq.sql")),
    (
        "0004_accounts_audit",
        include_str!("../../migrations/0004_accounts_audit.sql"),
    ),
    ("0005_appraisal", include_str!("../../migrations/0005_appraisal.sql")),
    ("0006_settings", include_str!("../../migrations/0006_settings.sql")),
    (
        "0007_row_versions",
        include_str!("../../migrations/0007_row_versions.sql"),
    ),
    ("0008_staff_card", include_str!("../../migrations/0008_staff_card.sql")),
    ("0009_training", include_str!("../../migrations/0009_training.sql")),
    (
        "0010_coding_audit",
        include_str!("../../migrations/0010_coding_audit.sql"),
    ),
    ("0011_pathway", include_str!("../../migrations/0011_pathway.sql")),
    ("0012_dashboard", include_str!("../../migrations/0012_dashboard.sql")),
    ("0013_retention", include_str!("../../migrations/0013_retention.sql")),
    (
        "0014_dashboard_reads",
        include_str!("../../migrations/0014_dashboard_reads.sql"),
    ),
    (
        "0015_dashboard_plans",
        include_str!("../../migrations/0015_dashboard_plans.sql"),
    ),
];

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (or creates) the database at `path`, refusing any file that is
    /// not an Appraise database without writing a byte to it.
    pub fn open(path: &Path) -> Result<Store> {
        check_before_open(path)?;
        let conn = rusqlite::Connection::open(path)?;
        // WAL: readers (the UI listing staff) are not blocked by a writer, and
        // a killed app leaves a consistent database.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // NORMAL is durable enough under WAL (a power cut may lose the last
        // transaction, never corrupt) and avoids an fsync per keystroke-save.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Store::init(conn)
    }

    /// A fresh in-memory database: for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(rusqlite::Connection::open_in_memory()?)
    }

    /// The department's server, through a connection already made (see
    /// `server::connect`): its schema must be Appraise's and current. The
    /// login that owns the database acts as its owner role (the system);
    /// anyone else as themselves, under the server's row-level security.
    pub fn on_server(client: postgres::Client) -> Result<Store> {
        crate::server::open(client).map(|conn| Store { conn })
    }

    fn init(conn: rusqlite::Connection) -> Result<Store> {
        // SQLite does not enforce foreign keys unless asked, per connection.
        conn.pragma_update(None, "foreign_keys", true)?;
        // The CLI and the app may use the same file at once: wait for a lock
        // for a while instead of failing at once with SQLITE_BUSY.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mut store = Store {
            conn: Connection::from_sqlite(conn),
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        // Up to date: write nothing and take no write lock, so merely opening
        // (or a refused import) leaves the file as it was.
        if self.schema_version()? == MIGRATIONS.len() {
            return Ok(());
        }
        // Two processes opening a new file at once: the second waits for the
        // first's lock, then finds the migrations applied.
        let conn = self.conn.sqlite_mut().expect("migrate is SQLite's");
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let applied: usize = tx.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
        check_version(applied)?;
        if applied == MIGRATIONS.len() {
            return Ok(());
        }
        for (_name, sql) in &MIGRATIONS[applied..] {
            // 0013 re-hashes the audit chain in core, between its halves.
            match sql.split_once(REHASH_AUDIT_CHAIN) {
                Some((before, after)) => {
                    tx.execute_batch(before)?;
                    let at = chrono::Local::now().naive_local();
                    audit::rehash_with_digests(&tx, &at.format("%Y-%m-%dT%H:%M:%S").to_string())?;
                    tx.execute_batch(after)?;
                }
                None => tx.execute_batch(sql)?,
            }
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
        tx.commit()?;
        Ok(())
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn engine(&self) -> Engine {
        self.conn.engine()
    }

    /// How many migrations this database has had (its engine's own list).
    pub fn schema_version(&self) -> Result<usize> {
        match self.conn.sqlite() {
            Some(c) => Ok(c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize),
            None => Ok(self
                .conn
                .query_row("SELECT max(version) FROM appraise_migration", [], |r| {
                    r.get::<_, i64>(0)
                })? as usize),
        }
    }
}

/// Opens the transaction of every change: `BEGIN IMMEDIATE`, which takes the
/// write lock at its start. A deferred transaction that reads and then writes
/// fails at once with "database is locked" when another connection (the CLI
/// beside the window) wrote in between; the busy timeout only helps a
/// transaction that asks for the lock before it reads.
///
/// On the server the same: the transaction waits for the database's write
/// lock (an advisory lock held to commit), so a read-then-write step never
/// races another writer there either.
pub fn write(conn: &mut Connection) -> Result<Transaction<'_>> {
    Ok(Transaction::immediate(conn)?)
}

/// The line in a migration where core re-hashes the audit chain
/// ([`audit::rehash_with_digests`]).
const REHASH_AUDIT_CHAIN: &str = "-- appraise:rehash-audit-chain\n";

fn check_version(applied: usize) -> Result<()> {
    if applied > MIGRATIONS.len() {
        return Err(Error::NewerSchema(format!(
            "This database was written by a newer version of Appraise (schema {applied}; this version knows up to {}). Update Appraise to open it; the file has not been changed.",
            MIGRATIONS.len()
        )));
    }
    Ok(())
}

/// Reads the file without writing: a missing or empty file is fine (it will
/// become a new database); anything else must be SQLite, carry our
/// application id (or be a blank SQLite file), and not be from the future.
fn check_before_open(path: &Path) -> Result<()> {
    let shown = path.display();
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::Io(format!("Cannot read {shown}: {e}."))),
    };
    if meta.is_dir() {
        return Err(Error::NotAppraiseDatabase(format!(
            "{shown} is a folder, not an Appraise database file."
        )));
    }
    if meta.len() == 0 {
        return Ok(());
    }
    // Only SQLite reads the file: opening and closing a file of our own on it
    // would drop every POSIX lock this process holds on it, another open
    // connection's included (SQLite tracks only its own descriptors), and
    // that connection's WAL could then be deleted under it. A file that is
    // not SQLite fails the first query below ("file is not a database").
    let conn = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| not_ours(path))?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|_| not_ours(path))?;
    if app_id != APPLICATION_ID && !(app_id == 0 && tables == 0) {
        return Err(not_ours(path));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    check_version(version as usize)
}

fn not_ours(path: &Path) -> Error {
    Error::NotAppraiseDatabase(format!(
        "{} is not an Appraise database. Appraise has not changed it. Choose another file, or move this one away.",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_in_order_to_an_empty_database() {
        let store = Store::open_in_memory().expect("fresh database migrates");
        assert_eq!(
            store.schema_version().unwrap(),
            MIGRATIONS.len(),
            "every migration applied"
        );
    }

    #[test]
    fn migrations_are_numbered_in_sequence_and_each_is_valid_sql_on_its_own_step() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
            let expected = format!("{:04}_", i + 1);
            assert!(
                name.starts_with(&expected),
                "migration {name} should start with {expected}"
            );
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("migration {name} fails: {e}"));
        }
        let fk_problems: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk_problems, 0, "schema has no dangling foreign keys");
    }

    #[test]
    fn migration_files_on_disk_are_exactly_the_embedded_list() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        // Files only: migrations/postgres/ holds the server's, checked in
        // server/schema.rs.
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().is_file())
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .trim_end_matches(".sql")
                    .to_owned()
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = MIGRATIONS.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(
            on_disk, embedded,
            "every file in migrations/ is listed in MIGRATIONS, in order"
        );
    }

    #[test]
    fn reopening_a_database_keeps_its_data_and_runs_no_migration_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        Store::open(&path).unwrap();
        let store = Store::open(&path).expect("second open of our own file works");
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
    }

    #[test]
    fn a_text_file_is_refused_and_left_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(&path, "shopping list\n").unwrap();
        let err = Store::open(&path).err().expect("text file refused");
        assert_eq!(err.code(), "not_appraise_database");
        assert!(err.to_string().contains("not an Appraise database"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"shopping list\n", "file untouched");
        assert!(!dir.path().join("notes.db-wal").exists(), "no WAL file left beside it");
    }

    #[test]
    fn another_applications_sqlite_file_is_refused_and_left_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.sqlite");
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect("foreign SQLite refused");
        assert_eq!(err.code(), "not_appraise_database");
        assert_eq!(std::fs::read(&path).unwrap(), before, "file untouched");
    }

    #[test]
    fn a_database_from_a_newer_appraise_is_refused_and_left_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        drop(Store::open(&path).unwrap());
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.pragma_update(None, "journal_mode", "DELETE").unwrap();
            c.pragma_update(None, "user_version", 999).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect("newer schema refused");
        assert_eq!(err.code(), "newer_schema");
        assert!(err.to_string().contains("newer version of Appraise"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "file untouched");
    }

    #[test]
    fn opening_a_current_database_leaves_the_file_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        drop(Store::open(&path).unwrap());
        let before = std::fs::read(&path).unwrap();
        drop(Store::open(&path).unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), before, "a second open writes nothing");
    }

    #[test]
    fn an_empty_file_becomes_a_new_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.db");
        std::fs::write(&path, b"").unwrap();
        let store = Store::open(&path).expect("empty file is adopted");
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
    }
}
