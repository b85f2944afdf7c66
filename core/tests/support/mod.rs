//! The throwaway PostgreSQL the server tests share (`server.rs`,
//! `transfer.rs`): `$APPRAISE_TEST_PG` (a superuser connection string;
//! `scripts/test.sh` starts one), or else one the test binary starts with
//! `scripts/pg-test-server.sh` and a watchdog stops when the binary exits;
//! and a database of its own per test, owned by a login that may create
//! roles but is no superuser, as a trust's database administrator sets it
//! up. Each binary adds the methods it needs to [`Db`].

// Each test binary uses only part of what is here.
#![allow(dead_code)]

use std::process::{Command, Stdio};
use std::str::FromStr;
use std::sync::OnceLock;

use appraise_core::server;
use appraise_core::server::url::percent_encode;
use postgres::{Client, Config, NoTls};

fn script() -> String {
    format!("{}/../scripts/pg-test-server.sh", env!("CARGO_MANIFEST_DIR"))
}

/// The superuser connection string of the test server.
pub fn superuser() -> &'static str {
    static SERVER: OnceLock<String> = OnceLock::new();
    SERVER.get_or_init(|| {
        if let Ok(conn) = std::env::var("APPRAISE_TEST_PG") {
            return conn;
        }
        let dir = std::env::temp_dir().join(format!("appraise-pg-{}", std::process::id()));
        let dir = dir.to_str().expect("a temporary folder with a UTF-8 name");
        let out = Command::new("bash")
            .args([&script(), "start", dir])
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "the test server starts: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Stops the server when this test process has gone, however it ended;
        // setsid keeps the watchdog out of the test's process group (Ctrl-C)
        // and, with -f, returns as soon as it has started it.
        let watchdog = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; bash '{script}' stop '{dir}'",
            pid = std::process::id(),
            script = script(),
        );
        Command::new("setsid")
            .args(["-f", "sh", "-c", &watchdog])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("the watchdog starts");
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    })
}

pub fn config() -> Config {
    Config::from_str(superuser()).expect("a connection string")
}

/// A SCRAM-SHA-256 verifier, so no password reaches the server in clear.
pub fn verifier(password: &str) -> String {
    postgres_protocol::password::scram_sha_256(password.as_bytes())
}

pub const DBA_PASSWORD: &str = "the owner long passphrase";

/// A fresh database owned by a login of its own (`<name>_dba`).
pub struct Db {
    pub name: String,
}

impl Db {
    /// `prefix` keeps the databases of two test binaries apart.
    pub fn create(prefix: &str, test: &str) -> Db {
        let name = format!("{prefix}{}_{test}", std::process::id());
        let mut su = config().connect(NoTls).expect("the superuser connects");
        su.batch_execute(&format!(
            "CREATE ROLE {name}_dba LOGIN CREATEROLE PASSWORD '{}'",
            verifier(DBA_PASSWORD)
        ))
        .expect("the owner's login");
        // CREATE DATABASE runs on its own, outside any transaction.
        su.batch_execute(&format!("CREATE DATABASE {name} OWNER {name}_dba"))
            .expect("a database of its own");
        Db { name }
    }

    pub fn login(&self, user: &str, password: &str) -> Client {
        let mut c = config();
        c.dbname(&self.name).user(user).password(password);
        server::connect::connect(&c).unwrap_or_else(|e| panic!("{user} connects: {e}"))
    }

    /// The login that owns the database and runs `server init`.
    pub fn owner(&self) -> Client {
        self.login(&format!("{}_dba", self.name), DBA_PASSWORD)
    }

    /// The database as a `postgres://` address for `login`, as a person
    /// gives `--db`.
    pub fn url(&self, login: &str, password: &str) -> String {
        let c = config();
        let (host, query) = match &c.get_hosts()[0] {
            postgres::config::Host::Unix(path) => (
                String::new(),
                format!("?host={}", percent_encode(&path.to_string_lossy())),
            ),
            postgres::config::Host::Tcp(name) => (format!("{name}:{}", c.get_ports()[0]), String::new()),
        };
        format!(
            "postgres://{}:{}@{host}/{}{query}",
            percent_encode(login),
            percent_encode(password),
            self.name
        )
    }
}
