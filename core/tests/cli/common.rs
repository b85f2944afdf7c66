//! What every CLI test shares: running `appraise-cli` on a database file
//! and reading what it printed.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Whether this run's CLI tests are on the department server
/// (`APPRAISE_TEST_ENGINE=postgres`): each test's database file then stands
/// for a database of its own there.
pub fn on_server() -> bool {
    appraise_core::store::testing::engine() == appraise_core::store::Engine::Postgres
}

/// What `--db` is given for the test database `db`: the file, or on the
/// server the address of the database that stands for it.
pub fn db_arg(db: &Path) -> OsString {
    if on_server() {
        appraise_core::store::testing::server_database_url(&db.to_string_lossy()).into()
    } else {
        db.as_os_str().to_owned()
    }
}

/// Runs `appraise-cli --db DB ARGS...`, ignoring any `APPRAISE_DB` set
/// around the tests.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
        .arg("--db")
        .arg(db_arg(db))
        .args(args)
        .env_remove("APPRAISE_DB")
        .output()
        .expect("run appraise-cli")
}

/// [`cli`] with `stdin` typed in (a passphrase read with `--passphrase-stdin`).
pub fn cli_with_input(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
        .arg("--db")
        .arg(db_arg(db))
        .args(args)
        .env_remove("APPRAISE_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run appraise-cli");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// Runs `appraise-cli ARGS...` with no database given at all, in `dir`
/// (so a file it wrongly made would show there).
pub fn cli_without_db<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
        .args(args)
        .current_dir(dir)
        .env_remove("APPRAISE_DB")
        .output()
        .expect("run appraise-cli")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What a command that must succeed printed.
pub fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "command succeeds: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a command that must succeed printed with `--json`.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(out)).expect("--json prints JSON")
}

/// The store behind the test database `db`, opened as the CLI opens it:
/// the file, or on the server its database as the login that owns it.
pub fn open_store(db: &Path) -> appraise_core::Store {
    if !on_server() {
        return appraise_core::Store::open(db).expect("the test database opens");
    }
    let url = db_arg(db);
    match appraise_core::server::url::DbLocation::parse(url.to_str().unwrap(), None).unwrap() {
        appraise_core::server::url::DbLocation::Server(server) => {
            let client = appraise_core::server::connect::connect(&server.config()).expect("the owner connects");
            appraise_core::Store::on_server(client).expect("the store opens on the server")
        }
        appraise_core::server::url::DbLocation::File(_) => unreachable!("a server address"),
    }
}

/// What a refused command must leave as it was: the file's bytes, or on
/// the server what it holds as the CLI lists it (every change writes an
/// audit row, so the audit list shows any).
pub fn snapshot(db: &Path) -> Vec<u8> {
    if !on_server() {
        return std::fs::read(db).expect("the database file");
    }
    [
        &["audit", "list", "--json"][..],
        &["framework", "list", "--json"],
        &["staff", "list", "--json"],
    ]
    .iter()
    .flat_map(|args| ok(&cli(db, args)).into_bytes())
    .collect()
}
