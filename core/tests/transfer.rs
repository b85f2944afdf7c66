//! Moving a department in (`transfer`), against a real, throwaway
//! PostgreSQL: the demonstration department arrives whole, its audit chain
//! and its printed records verify on the server, and any other target is
//! refused untouched (the "Must show", transfer part).
//!
//! The server and a database per test come from `support`, as in
//! `tests/server.rs`, so the tests run in parallel.

mod support;

use std::path::Path;
use std::process::Command;

use appraise_core::accounts::{self, Actor, Role};
use appraise_core::demo::{self, DemoOptions};
use appraise_core::server::transfer::{self, TABLES};
use appraise_core::server::{self, State};
use appraise_core::store::Connection;
use appraise_core::{audit, print, Error, Store};
use chrono::{NaiveDate, NaiveDateTime};
use postgres::NoTls;
use rusqlite::types::Value;
use support::{config, Db, DBA_PASSWORD};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 30, 0).unwrap()
}

impl Db {
    fn new(test: &str) -> Db {
        Db::create("x", test)
    }

    fn initialised(test: &str) -> Db {
        let db = Db::new(test);
        server::init(&mut db.owner(), now()).expect("init on an empty database");
        db
    }

    /// The store on this database as the owner's login: the system.
    fn store(&self) -> Store {
        Store::on_server(self.owner()).expect("the store opens on the server")
    }

    /// The database as a `postgres://` address for the owner's login, as
    /// the CLI is given it.
    fn owner_url(&self) -> String {
        self.url(&format!("{}_dba", self.name), DBA_PASSWORD)
    }
}

/// The demonstration department (`demo --seed 7`) in a new file, with an
/// administrator's and a coder's account. Returns the coder's staff number.
fn demo_file(path: &Path, staff: u32, years: u32) -> String {
    let mut store = Store::open(path).unwrap();
    let options = DemoOptions {
        staff,
        years,
        ..DemoOptions::new(today())
    };
    let made = demo::generate(store.conn_mut(), &options).expect("the demonstration department");
    let coder: String = store
        .conn()
        .query_row(
            "SELECT staff_number FROM staff WHERE staff_number <> ?1 ORDER BY id DESC LIMIT 1",
            [&made.manager_staff_number],
            |r| r.get(0),
        )
        .unwrap();
    for (number, role) in [
        (made.manager_staff_number.as_str(), Role::Administrator),
        (coder.as_str(), Role::Coder),
    ] {
        accounts::create_account(
            store.conn_mut(),
            &Actor::system(),
            number,
            role,
            "a first passphrase long enough",
            now(),
        )
        .expect("an account in the file");
    }
    coder
}

/// Every row of `table`, every column as the SQLite value it is (or would
/// be), in one order on both engines.
fn rows(conn: &Connection, table: &str, columns: &[String]) -> Vec<Vec<Value>> {
    let order = (1..=columns.len())
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("SELECT {} FROM {table} ORDER BY {order}", columns.join(", "));
    conn.prepare(&sql)
        .unwrap()
        .query_map([], |r| (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn columns(file: &Store, table: &str) -> Vec<String> {
    file.conn()
        .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
        .unwrap()
        .query_map([table], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// How many rows each table holds, and the newest audit hash.
fn fingerprint(conn: &Connection) -> Vec<String> {
    let mut out: Vec<String> = TABLES.iter().map(|t| format!("{t} {}", count(conn, t))).collect();
    out.push(
        conn.query_row("SELECT coalesce(max(hash), '') FROM audit", [], |r| r.get(0))
            .unwrap(),
    );
    out
}

#[test]
fn the_demo_department_arrives_whole_with_its_audit_chain_and_printed_records_verifying() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("appraise.db");
    let coder = demo_file(&path, demo::DEFAULT_STAFF, demo::DEFAULT_YEARS);
    let file = Store::open(&path).unwrap();
    let signed: i64 = file
        .conn()
        .query_row("SELECT min(id) FROM appraisal WHERE status = 'signed'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let printed = print::appraisal_pdf(file.conn(), &Actor::system(), signed, now()).expect("printed from the file");
    let db = Db::initialised("demo");
    let mut to = db.store();

    let report = transfer::transfer(&file, &to).expect("the transfer");

    for (i, &table) in TABLES.iter().enumerate() {
        let copied = &report.tables[i];
        assert_eq!(copied.table, table, "the report follows TABLES");
        assert_eq!(
            count(file.conn(), table),
            count(to.conn(), table),
            "{table}: as many rows on the server as in the file"
        );
        assert_eq!(
            (copied.copied + copied.kept) as i64,
            count(file.conn(), table),
            "{table}: every row of the file copied or already there"
        );
        let columns = columns(&file, table);
        let (mut before, mut after) = (rows(file.conn(), table, &columns), rows(to.conn(), table, &columns));
        // What does not arrive as it left: the built-in framework's import
        // time is the server's, and accounts need a new passphrase.
        for (name, table_of) in [
            ("imported_at", "framework"),
            ("passphrase_hash", "account"),
            ("must_change", "account"),
        ] {
            if table == table_of {
                let at = columns.iter().position(|c| c == name).unwrap();
                for row in before.iter_mut().chain(after.iter_mut()) {
                    row[at] = Value::Null;
                }
            }
        }
        assert!(
            before == after,
            "{table}: every row with its id and every value as it was"
        );
    }
    let staff = &report.tables[0];
    assert_eq!(staff.copied, demo::DEFAULT_STAFF as u64, "the department's staff");
    assert!(
        report
            .tables
            .iter()
            .any(|t| t.table == "framework_statement" && t.kept > 0),
        "the built-in framework init wrote is kept"
    );
    assert_eq!(report.accounts_to_reset, 2, "both accounts carried over");

    let chain = audit::verify_as(to.conn(), &Actor::system()).unwrap();
    assert!(chain.ok, "the audit chain verifies on the server: {}", chain.message());
    assert_eq!(
        chain.rows_checked,
        count(file.conn(), "audit"),
        "every audit row checked"
    );
    let check = print::verify_pdf(to.conn(), &Actor::system(), &printed).unwrap();
    assert!(
        check.genuine,
        "the file's printed record verifies on the server: {}",
        check.message
    );

    let (hash, must_change, login): (String, i64, Option<String>) = to
        .conn()
        .query_row(
            "SELECT a.passphrase_hash, a.must_change, a.db_login FROM account a JOIN staff s ON s.id = a.staff_id
             WHERE s.staff_number = ?1",
            [&coder],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        hash,
        transfer::PASSPHRASE_NOT_CARRIED,
        "the file's passphrase hash is not carried"
    );
    assert_eq!(must_change, 1, "a new passphrase is needed");
    assert_eq!(login, None, "no database login until the administrator sets one");

    let locked = to.conn().execute(
        "UPDATE appraisal SET appraiser_comments = 'changed' WHERE id = ?1",
        [signed],
    );
    assert!(
        locked.is_err(),
        "a signed appraisal is still locked on the server, for the owner too"
    );
    let next: i64 = to
        .conn()
        .query_row(
            "INSERT INTO staff (staff_number, forename, surname, band, appointed) VALUES ('N1', 'Nia', 'Evans', '3', '2026-11-28') RETURNING id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let max: i64 = file
        .conn()
        .query_row("SELECT max(id) FROM staff", [], |r| r.get(0))
        .unwrap();
    assert_eq!(next, max + 1, "the server numbers new rows after the copied ones");
    accounts::create_account(
        to.conn_mut(),
        &Actor::system(),
        "N1",
        Role::Coder,
        "another long passphrase",
        now(),
    )
    .expect("a change on the server, audited");
    let chain = audit::verify_as(to.conn(), &Actor::system()).unwrap();
    assert!(chain.ok, "the chain goes on from the copied rows: {}", chain.message());
}

#[test]
fn a_second_transfer_into_the_same_database_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("appraise.db");
    demo_file(&path, 4, 1);
    let file = Store::open(&path).unwrap();
    let db = Db::initialised("twice");
    let to = db.store();
    transfer::transfer(&file, &to).expect("the first transfer");
    let before = fingerprint(to.conn());

    let err = transfer::transfer(&file, &to).expect_err("a second transfer");

    assert_eq!(err.code(), "conflict", "{err}");
    assert!(err.to_string().contains("already holds"), "{err}");
    assert_eq!(fingerprint(to.conn()), before, "nothing changed on the server");
}

#[test]
fn two_transfers_at_once_copy_the_department_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("appraise.db");
    demo_file(&path, 4, 1);
    let db = Db::initialised("at_once");
    let outcomes: Vec<Result<transfer::TransferReport, Error>> = std::thread::scope(|s| {
        let runs: Vec<_> = (0..2)
            .map(|_| {
                let (path, db) = (&path, &db);
                s.spawn(move || transfer::transfer(&Store::open(path).unwrap(), &db.store()))
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1, "one transfer copies");
    let refused = outcomes
        .into_iter()
        .find_map(Result::err)
        .expect("the other is refused");
    assert!(refused.to_string().contains("already holds"), "{refused}");
    let file = Store::open(&path).unwrap();
    assert_eq!(
        fingerprint(db.store().conn()),
        fingerprint(file.conn()),
        "the department once"
    );
}

#[test]
fn a_line_manager_who_joined_after_their_reports_arrives_above_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("appraise.db");
    demo_file(&path, 4, 1);
    let file = Store::open(&path).unwrap();
    file.conn()
        .execute_batch(
            "INSERT INTO staff (staff_number, forename, surname, band, appointed)
                 VALUES ('900001', 'Siân', 'Ó Murchú', '7', '2026-10-01');
             UPDATE staff SET manager_id = (SELECT id FROM staff WHERE staff_number = '900001')
                 WHERE id = (SELECT min(id) FROM staff);",
        )
        .unwrap();
    let db = Db::initialised("late_manager");
    let to = db.store();

    transfer::transfer(&file, &to).expect("the transfer");

    let managers = |conn: &Connection| -> Vec<(i64, Option<i64>)> {
        conn.prepare("SELECT id, manager_id FROM staff ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(
        managers(to.conn()),
        managers(file.conn()),
        "everyone reports to whom they did"
    );
}

#[test]
fn a_database_that_was_not_initialised_is_refused_untouched() {
    let db = Db::new("uninitialised");
    let err = Store::on_server(db.owner()).err().expect("refused");
    assert_eq!(err.code(), "not_appraise_database", "{err}");
    assert_eq!(
        server::state(&mut db.owner()).unwrap(),
        State::Empty,
        "the database is still empty"
    );
}

#[test]
fn a_database_with_an_older_or_newer_schema_is_refused_untouched() {
    let db = Db::initialised("schema");
    let mut su = config();
    su.dbname(&db.name);
    let mut su = su.connect(NoTls).unwrap();
    let latest = server::MIGRATIONS.last().unwrap().0;
    let older = format!("DELETE FROM appraise.appraise_migration WHERE version = {latest}");
    let newer = format!(
        "INSERT INTO appraise.appraise_migration (version, name) VALUES ({latest}, 'again'), ({}, 'from the future')",
        latest + 1
    );
    for (change, says) in [(older, "server migrate"), (newer, "newer Appraise")] {
        su.batch_execute(&change).unwrap();
        let state = server::state(&mut db.owner()).unwrap();
        let err = Store::on_server(db.owner()).err().expect("refused");
        assert_eq!(err.code(), "newer_schema", "{err}");
        assert!(err.to_string().contains(says), "{err}");
        assert_eq!(server::state(&mut db.owner()).unwrap(), state, "nothing changed");
    }
}

#[test]
fn a_framework_with_the_servers_id_but_other_content_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("appraise.db");
    let file = Store::open(&path).unwrap();
    file.conn()
        .execute(
            "INSERT INTO framework (id, name, version, imported_at, source_sha256, source_format)
             VALUES (1, 'Our own framework', 1, '2020-01-01T09:00:00', ?1, 'text')",
            [&"a".repeat(64)],
        )
        .unwrap();
    let db = Db::initialised("framework");
    let to = db.store();
    let before = fingerprint(to.conn());

    let err = transfer::transfer(&file, &to).expect_err("refused");

    assert_eq!(err.code(), "conflict", "{err}");
    assert!(err.to_string().contains("cannot merge"), "{err}");
    assert_eq!(fingerprint(to.conn()), before, "nothing changed on the server");
}

#[test]
fn only_the_login_that_owns_the_database_may_transfer_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = Store::open(&dir.path().join("appraise.db")).unwrap();
    let db = Db::initialised("person");
    let login = format!("{}_someone", db.name);
    db.owner()
        .batch_execute(&format!(
            "CREATE ROLE {login} LOGIN PASSWORD '{}' IN ROLE {}_person",
            postgres_protocol::password::scram_sha_256(b"someone's passphrase"),
            db.name
        ))
        .unwrap();
    let mut c = config();
    c.dbname(&db.name).user(&login).password("someone's passphrase");
    let person = Store::on_server(server::connect::connect(&c).unwrap()).unwrap();

    let err = transfer::transfer(&file, &person).expect_err("refused");

    assert_eq!(err.code(), "invalid", "{err}");
    assert!(err.to_string().contains("owns the server database"), "{err}");
}

#[test]
fn the_cli_moves_a_demo_department_in_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("appraise.db");
    let cli = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
            .args(args)
            .env_remove("APPRAISE_DB")
            .env_remove("PGPASSWORD")
            .output()
            .unwrap()
    };
    let demo = cli(&[
        "--db",
        path.to_str().unwrap(),
        "demo",
        "--seed",
        "7",
        "--staff",
        "4",
        "--years",
        "1",
        "--today",
        "2026-11-28",
    ]);
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let db = Db::initialised("cli");
    let url = db.owner_url();

    let first = cli(&["transfer", "--from", path.to_str().unwrap(), "--to", &url, "--json"]);

    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).expect("JSON");
    let staff = &report["tables"][0];
    assert_eq!(staff["table"], "staff");
    assert_eq!(staff["copied"], 4, "{report}");
    let second = cli(&["transfer", "--from", path.to_str().unwrap(), "--to", &url]);
    assert_eq!(second.status.code(), Some(1), "a second transfer is refused");
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(said.contains("already holds"), "{said}");
    assert!(!said.contains(DBA_PASSWORD), "the password is never shown: {said}");
    let notes = dir.path().join("notes.db");
    std::fs::write(&notes, "shopping list\n").unwrap();
    let foreign = cli(&["transfer", "--from", notes.to_str().unwrap(), "--to", &url]);
    assert_eq!(foreign.status.code(), Some(1), "not an Appraise file");
    assert!(String::from_utf8_lossy(&foreign.stderr).contains("not an Appraise database"));
    assert_eq!(std::fs::read(&notes).unwrap(), b"shopping list\n", "the file untouched");
    let missing = cli(&["transfer", "--from", "/nonexistent/appraise.db", "--to", &url]);
    assert_eq!(missing.status.code(), Some(1), "no such file");
    assert!(
        !Path::new("/nonexistent/appraise.db").exists(),
        "no database made where none was"
    );
    let refused: Error = Store::open(&path)
        .and_then(|file| transfer::transfer(&file, &db.store()))
        .expect_err("refused again");
    assert_eq!(refused.code(), "conflict");
}

/// The store as a person's own login, acting as them.
fn person_store(db: &Db, login: &str, passphrase: &str) -> (Store, Actor) {
    let mut c = config();
    c.dbname(&db.name).user(login).password(passphrase);
    let client = server::connect::connect(&c).unwrap_or_else(|e| panic!("{login} connects: {e}"));
    let store = Store::on_server(client).expect("the store opens as the person");
    let actor = accounts::connected_actor(store.conn()).expect("the login is someone's");
    (store, actor)
}

#[test]
fn a_department_moved_in_reopens_and_signs_through_its_peoples_own_logins() {
    use appraise_core::appraisal::{self, Party};

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("appraise.db");
    demo_file(&file, 8, 2);
    let db = Db::initialised("sign_own");
    let mut owner = db.store();
    transfer::transfer(&Store::open(&file).unwrap(), &owner).expect("the transfer");

    let (id, appraisee, appraiser): (i64, String, String) = owner
        .conn()
        .query_row(
            "SELECT a.id, e.staff_number, r.staff_number FROM appraisal a
             JOIN staff e ON e.id = a.appraisee_id JOIN staff r ON r.id = a.appraiser_id
             WHERE a.status = 'signed' AND NOT EXISTS (SELECT 1 FROM appraisal b WHERE b.supersedes_id = a.id)
             ORDER BY a.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the demonstration has a signed appraisal");
    let admin: String = owner
        .conn()
        .query_row(
            "SELECT s.staff_number FROM account a JOIN staff s ON s.id = a.staff_id WHERE a.role = 'administrator'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Carried-over accounts need a new passphrase; the others are new. Each
    // gets its own login either way.
    let passphrase = |n: &str| format!("the passphrase of {n} at least");
    for n in [&admin, &appraiser, &appraisee] {
        let has_account = accounts::list(owner.conn(), &Actor::system())
            .unwrap()
            .iter()
            .any(|a| &a.staff_number == n);
        if has_account {
            accounts::reset_passphrase(owner.conn_mut(), &Actor::system(), n, &passphrase(n), now()).unwrap();
        } else if n != &admin {
            accounts::create_account(
                owner.conn_mut(),
                &Actor::system(),
                n,
                Role::Manager,
                &passphrase(n),
                now(),
            )
            .unwrap();
        }
    }
    let login = |n: &str| {
        accounts::list(owner.conn(), &Actor::system())
            .unwrap()
            .into_iter()
            .find(|a| a.staff_number == n)
            .and_then(|a| a.db_login)
            .unwrap_or_else(|| panic!("{n} has a login"))
    };

    let (mut as_admin, admin_actor) = person_store(&db, &login(&admin), &passphrase(&admin));
    assert_eq!(admin_actor.staff_number, admin);
    let reopened = appraisal::reopen_as(as_admin.conn_mut(), &admin_actor, id, "A typo in objective 1", now())
        .expect("the administrator re-opens it through the server's appraise_reopen");
    assert_ne!(reopened.id, id);

    for (party, n) in [(Party::Appraiser, &appraiser), (Party::Appraisee, &appraisee)] {
        let (mut mine, me) = person_store(&db, &login(n), &passphrase(n));
        appraisal::sign_off_as(mine.conn_mut(), &me, reopened.id, party, n, &passphrase(n), now())
            .unwrap_or_else(|e| panic!("{n} signs as the {party:?} through appraise_sign: {e}"));
    }
    let (status, by, reopened_by): (String, String, String) = owner
        .conn()
        .query_row(
            "SELECT status, appraisee_signed_by, reopened_by FROM appraisal WHERE id = ?1",
            [reopened.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(status, "signed", "both signatures lock the new version");
    assert_eq!(by, appraisee, "the server wrote who signed from the login");
    assert_eq!(reopened_by, admin, "and who re-opened it");
    let report = audit::verify_as(owner.conn(), &Actor::system()).unwrap();
    assert!(report.ok, "the chain still verifies: {}", report.message());
}
