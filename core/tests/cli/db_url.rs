//! `--db` and `APPRAISE_DB`: a file path works as before; a PostgreSQL
//! address is read and, until the store speaks PostgreSQL, refused with a
//! message that never shows its password.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{ok, stderr, stdout};

const SECRET: &str = "Sekr3t-Pa55";

/// Runs `appraise-cli` in `dir` with `envs` set and `APPRAISE_DB` and
/// `PGPASSWORD` otherwise unset.
fn cli_in(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_appraise-cli"));
    command
        .current_dir(dir)
        .args(args)
        .env_remove("APPRAISE_DB")
        .env_remove("PGPASSWORD");
    for (key, value) in envs {
        command.env(key, value);
    }
    command.output().expect("run appraise-cli")
}

fn refused(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "refused with exit 1: {}", stderr(out));
    stderr(out)
}

fn files_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_file_path_still_works_through_db_and_appraise_db() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        ok(&cli_in(dir.path(), &["--db", "x.db", "staff", "list", "--json"], &[])).trim(),
        "[]"
    );
    assert!(
        dir.path().join("x.db").exists(),
        "the relative path is a file in the working folder"
    );
    let out = cli_in(dir.path(), &["staff", "list", "--json"], &[("APPRAISE_DB", "y.db")]);
    assert_eq!(ok(&out).trim(), "[]");
    assert!(dir.path().join("y.db").exists(), "APPRAISE_DB names a file too");
}

#[test]
fn a_server_address_is_refused_for_a_command_that_works_on_a_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("postgres://appraise_100004:{SECRET}@db.trust.example/appraise");
    let message = refused(&cli_in(dir.path(), &["--db", &url, "backup", "--out", "b.db"], &[]));
    assert!(
        message.contains("`backup` works on a database file, not the department's server")
            && message.contains("pg_dump"),
        "the message names the command and points to pg_dump: {message}"
    );
    let message = refused(&cli_in(
        dir.path(),
        &["backup", "--out", "b.db"],
        &[("APPRAISE_DB", &url)],
    ));
    assert!(message.contains("`backup`"), "through APPRAISE_DB too: {message}");
    assert!(files_in(dir.path()).is_empty(), "no file is made from the address");
}

#[test]
fn an_unknown_sslmode_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let url = "postgres://me@db.trust.example/appraise?sslmode=allways";
    let message = refused(&cli_in(dir.path(), &["--db", url, "staff", "list"], &[]));
    assert!(message.contains("sslmode `allways`"), "the mode is named: {message}");
    assert!(files_in(dir.path()).is_empty(), "no file is made from the address");
}

#[test]
fn sslmode_disable_to_another_computer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let url = "postgres://me@db.trust.example/appraise?sslmode=disable";
    let message = refused(&cli_in(dir.path(), &["--db", url, "audit", "verify"], &[]));
    assert!(
        message.contains("sslmode=disable") && message.contains("unencrypted"),
        "{message}"
    );
}

#[test]
fn another_kind_of_url_is_refused_rather_than_made_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "mysql://me@db.trust.example/appraise",
        "postgres:/me@db.trust.example/appraise",
    ] {
        refused(&cli_in(dir.path(), &["--db", url, "staff", "list"], &[]));
    }
    assert!(files_in(dir.path()).is_empty(), "no file is made from the address");
}

#[test]
fn no_output_shows_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let addresses = [
        format!("postgres://appraise_100004:{SECRET}@db.trust.example/appraise"),
        "postgres://appraise_100004@db.trust.example/appraise".to_owned(),
        format!("postgres://me:{SECRET}@db.trust.example/a?sslmode=allways"),
        format!("postgres://me:{SECRET}@db.trust.example/a?sslmode=disable"),
        format!("postgres://me:{SECRET}@db.trust.example:port/a"),
        format!("postgres://me:{SECRET}"),
        format!("postgres://me:{SECRET}/a"),
        format!("postgres:/me:{SECRET}@db.trust.example/a"),
        format!("postgresx://me:{SECRET}@db.trust.example/a"),
        format!("postgres://me:{SECRET}%@db.trust.example/a"),
        format!("postgres://me@/a?host=/run/postgresql&password={SECRET}"),
    ];
    let commands: [&[&str]; 4] = [&["staff", "list"], &["verify", "x.pdf"], &["nosuch"], &["--help"]];
    for address in &addresses {
        for args in commands {
            let through_flag = [&["--db", address.as_str()][..], args].concat();
            let pgpassword = ("PGPASSWORD", SECRET);
            for out in [
                cli_in(dir.path(), &through_flag, &[pgpassword]),
                cli_in(dir.path(), args, &[("APPRAISE_DB", address), pgpassword]),
            ] {
                assert_ne!(out.status.code(), None, "the command ends");
                let shown = stdout(&out) + &stderr(&out);
                assert!(
                    !shown.contains("Sekr3t") && !shown.contains("Pa55"),
                    "{args:?} with {address} shows the password: {shown}"
                );
            }
        }
    }
    assert!(files_in(dir.path()).is_empty(), "no file is made from an address");
}
