//! What every CLI test shares: running `appraise-cli` on a database file
//! and reading what it printed.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `appraise-cli --db DB ARGS...`, ignoring any `APPRAISE_DB` set
/// around the tests.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("APPRAISE_DB")
        .output()
        .expect("run appraise-cli")
}

/// [`cli`] with `stdin` typed in (a passphrase read with `--passphrase-stdin`).
pub fn cli_with_input(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
        .arg("--db")
        .arg(db)
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
