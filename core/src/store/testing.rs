//! A fresh, empty store for a test, on the engine the test run asks for:
//! `APPRAISE_TEST_ENGINE=postgres` gives each test a database of its own on
//! the throwaway server named by `APPRAISE_TEST_PG` (a superuser connection
//! string; `scripts/test.sh` starts one), copied from a template set up
//! once with `server init`; otherwise an in-memory SQLite database. The
//! server's database is dropped when the store is, and with it the logins
//! its accounts made (logins are the whole server's, not one database's).

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use postgres::{Client, Config, NoTls};

use super::Store;
use crate::server;
use crate::server::url::percent_encode;

/// The engine this test run uses.
pub fn engine() -> super::Engine {
    match std::env::var("APPRAISE_TEST_ENGINE").as_deref() {
        Ok("postgres") => super::Engine::Postgres,
        Ok("sqlite") | Err(_) => super::Engine::Sqlite,
        Ok(other) => panic!("APPRAISE_TEST_ENGINE is sqlite or postgres, not {other:?}"),
    }
}

/// A fresh store: every table empty, as a new SQLite file is.
pub fn store() -> Store {
    match engine() {
        super::Engine::Sqlite => Store::open_in_memory().expect("an in-memory database"),
        super::Engine::Postgres => server_store(),
    }
}

/// The template's name carries a hash of the server's migrations, so a
/// run with a new migration sets up a template of its own.
fn template_name() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        for (_, name, sql) in server::MIGRATIONS {
            hash.update(name.as_bytes());
            hash.update(sql.as_bytes());
        }
        let hex: String = hash.finalize()[..6].iter().map(|b| format!("{b:02x}")).collect();
        format!("appraise_test_template_{hex}")
    })
}
const OWNER: &str = "appraise_test_owner";
const OWNER_PASSWORD: &str = "the test owner's passphrase";

fn superuser() -> Config {
    let conn = std::env::var("APPRAISE_TEST_PG")
        .expect("APPRAISE_TEST_ENGINE=postgres needs APPRAISE_TEST_PG, a superuser connection string (scripts/test.sh sets both)");
    Config::from_str(&conn).expect("APPRAISE_TEST_PG is a connection string")
}

fn connect_superuser() -> Client {
    superuser()
        .connect(NoTls)
        .expect("the test server accepts its superuser")
}

/// Sets up the template database once per server (test binaries run at
/// the same time take turns under an advisory lock).
fn template() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let mut su = connect_superuser();
        su.batch_execute("SELECT pg_advisory_lock(7272)").unwrap();
        let exists = su
            .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&template_name()])
            .unwrap()
            .is_some();
        if !exists {
            su.batch_execute(&format!(
                "DO $$ BEGIN
                     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{OWNER}') THEN
                         CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{}';
                     END IF;
                 END $$;",
                postgres_protocol::password::scram_sha_256(OWNER_PASSWORD.as_bytes())
            ))
            .unwrap();
            // Made under another name and renamed once complete, so a run
            // that stopped half-way leaves no template to copy.
            let template = template_name();
            let part = format!("{template}_part");
            // Each on its own: several statements would be one transaction.
            su.batch_execute(&format!("DROP DATABASE IF EXISTS {part} WITH (FORCE)"))
                .unwrap();
            su.batch_execute(&format!("CREATE DATABASE {part} OWNER {OWNER}"))
                .unwrap();
            let mut owner = owner_config(&part).connect(NoTls).unwrap();
            server::init(&mut owner, chrono::NaiveDateTime::default()).expect("server init on the template");
            drop(owner);
            // A new SQLite store holds no framework: empty the template's
            // too (as the superuser, past the triggers that keep a framework
            // version for ever), ids starting again from 1.
            let mut cfg = superuser();
            cfg.dbname(&part);
            let mut t = cfg.connect(NoTls).unwrap();
            t.batch_execute(
                "SET search_path = appraise;
                 SET session_replication_role = replica;
                 TRUNCATE role_expectation, role_profile, framework_statement, framework_competency,
                          framework_skill, framework RESTART IDENTITY CASCADE;",
            )
            .unwrap();
            drop(t);
            su.batch_execute(&format!("ALTER DATABASE {part} RENAME TO {template}"))
                .unwrap();
        }
        su.batch_execute("SELECT pg_advisory_unlock(7272)").unwrap();
    });
}

/// A database of its own on the test server for `key` (made once per key
/// in this process, from the template), as a `postgres://` address for the
/// login that owns it: what the CLI's tests give `--db` on PostgreSQL.
pub fn server_database_url(key: &str) -> String {
    static MADE: std::sync::Mutex<BTreeMap<String, String>> = std::sync::Mutex::new(BTreeMap::new());
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(url) = made.get(key) {
        return url.clone();
    }
    template();
    let name = format!("c{}_{}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed));
    connect_superuser()
        .batch_execute(&format!(
            "CREATE DATABASE {name} TEMPLATE {} OWNER {OWNER}",
            template_name()
        ))
        .expect("a database for the test");
    let cfg = superuser();
    let (host, query) = match &cfg.get_hosts()[0] {
        postgres::config::Host::Unix(path) => (
            String::new(),
            format!("?host={}", percent_encode(&path.to_string_lossy())),
        ),
        postgres::config::Host::Tcp(host) => (format!("{host}:{}", cfg.get_ports()[0]), String::new()),
    };
    let url = format!(
        "postgres://{OWNER}:{}@{host}/{name}{query}",
        percent_encode(OWNER_PASSWORD)
    );
    made.insert(key.to_owned(), url.clone());
    url
}

fn owner_config(db: &str) -> Config {
    let mut cfg = superuser();
    cfg.dbname(db).user(OWNER).password(OWNER_PASSWORD);
    cfg
}

fn server_store() -> Store {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    template();
    let name = format!("t{}_{}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed));
    connect_superuser()
        .batch_execute(&format!(
            "CREATE DATABASE {name} TEMPLATE {} OWNER {OWNER}",
            template_name()
        ))
        .expect("a database for the test");
    let client = owner_config(&name).connect(NoTls).expect("the owner connects");
    let mut store = Store::on_server(client).expect("the store opens on the server");
    store.conn_mut().set_on_close(Box::new(move || {
        let mut cfg = superuser();
        cfg.dbname(&name);
        let logins: Vec<String> = cfg
            .connect(NoTls)
            .and_then(|mut c| c.query("SELECT db_login FROM appraise.account WHERE db_login IS NOT NULL", &[]))
            .map(|rows| rows.iter().map(|r| r.get(0)).collect())
            .unwrap_or_default();
        let mut su = connect_superuser();
        let _ = su.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        for login in logins {
            let _ = su.batch_execute(&format!("DROP ROLE IF EXISTS \"{}\"", login.replace('"', "\"\"")));
        }
    }));
    store
}
