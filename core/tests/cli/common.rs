//! What every CLI test shares: running `appraise-cli` on a database file
//! and reading what it printed.

use std::path::Path;
use std::process::{Command, Output};

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
        "command succeeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
