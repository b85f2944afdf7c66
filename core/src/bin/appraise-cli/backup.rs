//! `appraise-cli backup` and `restore`: a checked copy of the database file
//! with its SHA-256 beside it, and putting one back. The rules are in
//! `appraise_core::backup`; this is the edge that reads the clock.

use std::path::{Path, PathBuf};
use std::time::Instant;

use appraise_core::backup;

use crate::{now, Failure};

/// `backup --out FILE`: prints the file, its size, checksum and the time taken.
pub fn run_backup(db: Option<PathBuf>, out: &Path) -> Result<(), Failure> {
    let db = db.ok_or_else(|| Failure::Usage("no database: give --db PATH or set APPRAISE_DB".into()))?;
    let started = Instant::now();
    let report = backup::backup(&db, out)?;
    println!(
        "Backed up to {} ({} bytes, {} audit rows verified) in {} ms.",
        report.file.display(),
        report.bytes,
        report.audit_rows,
        started.elapsed().as_millis()
    );
    println!(
        "SHA-256 {} written to {}.",
        report.sha256,
        report.checksum_file.display()
    );
    Ok(())
}

/// `restore FILE --to DB`.
pub fn run_restore(file: &Path, to: &Path) -> Result<(), Failure> {
    let report = backup::restore(file, to, now())?;
    match &report.kept_aside {
        Some(aside) => println!("The database that was there is kept as {}.", aside.display()),
        None => println!("There was no database at {}; nothing was set aside.", to.display()),
    }
    println!(
        "Restored {} (SHA-256 {}) to {}; audit chain ok ({} rows, the restore recorded).",
        file.display(),
        report.sha256,
        to.display(),
        report.audit_rows
    );
    Ok(())
}
