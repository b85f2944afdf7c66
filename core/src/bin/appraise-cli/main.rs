//! `appraise-cli`: headless and scripted work on an Appraise database.
//!
//! Exit codes: 0 done, 1 refused (bad input or file; message on stderr),
//! 2 bad usage (clap's own).

use std::path::PathBuf;
use std::process::ExitCode;

mod account;
mod appraisal;
mod audit;
mod demo;
mod framework;
mod nccq;
mod pdf;
mod server;
mod staff;

use appraise_core::{Error, Store};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "appraise-cli", version, about = "Appraise, without the window")]
struct Cli {
    /// The database file (created if missing). Defaults to $APPRAISE_DB.
    #[arg(long, global = true, env = "APPRAISE_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Staff members.
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// The skills framework: import, list, export, role profiles.
    #[command(subcommand)]
    Framework(framework::FrameworkCommand),
    /// The NCCQ pathway: deadlines, courses, exams, IHRIM membership and status.
    #[command(subcommand)]
    Nccq(nccq::NccqCommand),
    /// Accounts: the first administrator, new accounts, passphrases, roles.
    #[command(subcommand)]
    Account(account::AccountCommand),
    /// The audit trail: verify the chain, list changes.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Appraisals: list, show, who is due, re-open a signed one.
    #[command(subcommand)]
    Appraisal(appraisal::AppraisalCommand),
    /// Print records as PDFs: an appraisal, a PDP summary, an NCCQ report, a whole cycle.
    #[command(subcommand)]
    Pdf(pdf::PdfCommand),
    /// Check a printed PDF: exactly what Appraise produced, and the record unchanged? Exit 1 if not.
    Verify {
        file: PathBuf,
        /// One JSON object (genuine, file_intact, record_unchanged, kind, record_id, version, message).
        #[arg(long)]
        json: bool,
    },
    /// Fill an empty database with a demonstration department.
    Demo(demo::DemoArgs),
    /// A department's PostgreSQL database: set it up, bring it up to date.
    #[command(subcommand)]
    Server(server::ServerCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Verify { file, json } = &cli.command {
        return match pdf::verify(file, *json, cli.db.clone()) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(Failure::Usage(message)) => {
                eprintln!("appraise-cli: {message}");
                ExitCode::from(2)
            }
            Err(Failure::Refused(err)) => {
                eprintln!("appraise-cli: {err}");
                ExitCode::from(1)
            }
        };
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("appraise-cli: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Refused(err)) => {
            eprintln!("appraise-cli: {err}");
            ExitCode::from(1)
        }
    }
}

pub enum Failure {
    Usage(String),
    Refused(Error),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Refused(err)
    }
}

/// Opens the database named by --db or $APPRAISE_DB.
pub fn open(db: Option<PathBuf>) -> Result<Store, Failure> {
    let path = db.ok_or_else(|| Failure::Usage("no database: give --db PATH or set APPRAISE_DB".into()))?;
    Ok(Store::open(&path)?)
}

/// The CLI is an edge: it reads the clock and passes `today` into core.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The time of day too, for the audit trail and passphrase waits.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Staff(cmd) => staff::run(cmd, cli.db),
        Command::Framework(cmd) => framework::run(cmd, cli.db),
        Command::Nccq(cmd) => nccq::run(cmd, cli.db),
        Command::Account(cmd) => account::run(cmd, cli.db),
        Command::Audit(cmd) => audit::run(cmd, cli.db),
        Command::Appraisal(cmd) => appraisal::run(cmd, cli.db),
        Command::Pdf(cmd) => pdf::run(cmd, cli.db),
        Command::Verify { .. } => unreachable!("verify is run in main"),
        Command::Demo(args) => demo::run(args, cli.db),
        Command::Server(cmd) => server::run(cmd, cli.db),
    }
}
