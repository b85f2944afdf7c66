//! `appraise-cli pdf ...` and `appraise-cli verify`: printing records as
//! PDFs and checking a printed file, as whoever the database is opened as
//! (`acting`).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use appraise_core::print::{self, PdfCheck};
use appraise_core::server::url::DbLocation;
use appraise_core::Error;
use chrono::NaiveDateTime;
use clap::{Args, Subcommand};

use crate::{acting, now, open, Failure};

#[derive(Subcommand)]
pub enum PdfCommand {
    /// One appraisal record, as `appraisal list` numbers it.
    Appraisal {
        id: i64,
        /// The PDF to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[command(flatten)]
        at: GeneratedAt,
    },
    /// A person's current personal development plan with its progress.
    Pdp {
        staff_number: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[command(flatten)]
        at: GeneratedAt,
    },
    /// A person's NCCQ progress report, as at the time it is generated.
    Nccq {
        staff_number: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[command(flatten)]
        at: GeneratedAt,
    },
    /// Every signed appraisal of a cycle, one file each, into a folder
    /// (created if missing). Progress goes to stderr.
    Cycle {
        /// As 2025/26.
        cycle: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        at: GeneratedAt,
    },
}

#[derive(Args)]
pub struct GeneratedAt {
    /// The time printed as "Generated", YYYY-MM-DDTHH:MM[:SS]. Defaults to
    /// now. The same record and time give the same bytes.
    #[arg(long, value_name = "TIME")]
    generated_at: Option<String>,
}

impl GeneratedAt {
    fn get(&self) -> Result<NaiveDateTime, Failure> {
        generated_at(self.generated_at.as_deref())
    }
}

/// The time a `--generated-at` gives, or now.
pub fn generated_at(text: Option<&str>) -> Result<NaiveDateTime, Failure> {
    match text {
        None => Ok(now()),
        Some(text) => parse_time(text).ok_or_else(|| {
            Failure::Refused(Error::invalid(
                "generated_at",
                format!("Generated at: {text:?} is not a time; give it as 2026-03-01T09:30."),
            ))
        }),
    }
}

fn parse_time(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim().replace(' ', "T");
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok())
}

pub fn run(cmd: PdfCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        PdfCommand::Appraisal { id, out, at } => {
            let at = at.get()?;
            let store = open(db)?;
            let actor = acting(&store)?;
            let bytes = print::appraisal_pdf(store.conn(), &actor, id, at)?;
            print::write_atomically(&out, &bytes)?;
            println!("Wrote appraisal {id} to {} ({} bytes).", out.display(), bytes.len());
        }
        PdfCommand::Pdp { staff_number, out, at } => {
            let at = at.get()?;
            let store = open(db)?;
            let actor = acting(&store)?;
            let bytes = print::pdp_summary_pdf(store.conn(), &actor, &staff_number, at)?;
            print::write_atomically(&out, &bytes)?;
            println!("Wrote the PDP summary of {staff_number} to {}.", out.display());
        }
        PdfCommand::Nccq { staff_number, out, at } => {
            let at = at.get()?;
            let store = open(db)?;
            let actor = acting(&store)?;
            let bytes = print::nccq_report_pdf(store.conn(), &actor, &staff_number, at)?;
            print::write_atomically(&out, &bytes)?;
            println!("Wrote the NCCQ progress report of {staff_number} to {}.", out.display());
        }
        PdfCommand::Cycle { cycle, out, at } => {
            let at = at.get()?;
            let store = open(db)?;
            let actor = acting(&store)?;
            let jobs = print::cycle_jobs(store.conn(), &actor, &cycle)?;
            if jobs.is_empty() {
                println!("No signed appraisals in cycle {}.", cycle.trim());
                return Ok(());
            }
            let report = print::export_cycle(
                &jobs,
                &out,
                |job| print::appraisal_pdf(store.conn(), &actor, job.appraisal_id, at),
                |p| eprintln!("{}/{} {}", p.done, p.total, p.file),
                &AtomicBool::new(false),
            )?;
            let total = report.written;
            println!(
                "Wrote {total} signed appraisal{} of cycle {} to {}.",
                if total == 1 { "" } else { "s" },
                cycle.trim(),
                out.display()
            );
        }
    }
    Ok(())
}

/// `appraise-cli verify FILE.pdf`: exit 0 when the file is genuine and the
/// record unchanged, 1 otherwise.
pub fn verify(file: &Path, json: bool, db: Option<DbLocation>) -> Result<bool, Failure> {
    let bytes = std::fs::read(file).map_err(|e| {
        Failure::Refused(Error::invalid(
            "file",
            format!("Could not read {}: {e}", file.display()),
        ))
    })?;
    let store = open(db)?;
    let actor = acting(&store)?;
    let check: PdfCheck = print::verify_pdf(store.conn(), &actor, &bytes)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&check).expect("the check serialises")
        );
    } else {
        println!("{}", if check.genuine { "GENUINE" } else { "NOT GENUINE" });
        println!("{}", check.message);
    }
    Ok(check.genuine)
}
