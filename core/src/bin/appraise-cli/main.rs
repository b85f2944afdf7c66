//! `appraise-cli`: headless and scripted work on an Appraise database.
//!
//! Exit codes: 0 done, 1 refused (bad input or file; message on stderr),
//! 2 bad usage (clap's own).

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::process::ExitCode;

mod account;
mod appraisal;
mod audit;
mod backup;
mod coding_audit;
mod dashboard;
mod demo;
mod export;
mod framework;
mod nccq;
mod pay;
mod pdf;
mod report;
mod retention;
mod server;
mod staff;
mod training;
mod transfer;

use appraise_core::accounts::Actor;
use appraise_core::server::url::{DbLocation, ServerUrl};
use appraise_core::{Error, Store};
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "appraise-cli", version, about = "Appraise, without the window")]
struct Cli {
    /// The database: a file (created if missing), or a PostgreSQL server as
    /// postgres://LOGIN@HOST/DATABASE (the password from $PGPASSWORD when the
    /// address has none). Defaults to $APPRAISE_DB.
    // The value is never shown in --help: it may hold a password.
    #[arg(
        long,
        global = true,
        env = "APPRAISE_DB",
        hide_env_values = true,
        value_name = "PATH|URL"
    )]
    db: Option<OsString>,
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
    /// Agenda for Change pay: the dates of the next pay points, a person's
    /// pay-step standards and review outcomes.
    #[command(subcommand)]
    Pay(pay::PayCommand),
    /// Statutory and mandatory training: import, record, compliance, and
    /// the Clinical Coding Standards refreshers.
    #[command(subcommand)]
    Training(training::TrainingCommand),
    /// The CPD log.
    #[command(subcommand)]
    Cpd(training::CpdCommand),
    /// Accounts: the first administrator, new accounts, passphrases, roles.
    #[command(subcommand)]
    Account(account::AccountCommand),
    /// The audit trail: verify the chain, list changes.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Appraisals: list, show, who is due, re-open a signed one.
    #[command(subcommand)]
    Appraisal(appraisal::AppraisalCommand),
    /// Coding audit results per coder, and a period's summary.
    #[command(subcommand)]
    CodingAudit(coding_audit::CodingAuditCommand),
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
    /// Retention and disposal of leavers' records: who is due, mark, hold, dispose, the rules.
    #[command(subcommand)]
    Retention(retention::RetentionCommand),
    /// Everything held about one person, for a subject access request.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// The department at a glance: the home page's figures.
    Dashboard(dashboard::DashboardArgs),
    /// A department report as a CSV or Excel file: compliance, overdue, nccq,
    /// pay-steps, training-needs or audits.
    Report(report::ReportArgs),
    /// A person's or a team's dates as an iCalendar (.ics) file.
    Calendar(report::CalendarArgs),
    /// Fill an empty database with a demonstration department.
    Demo(demo::DemoArgs),
    /// A department's PostgreSQL database: set it up, bring it up to date.
    #[command(subcommand)]
    Server(server::ServerCommand),
    /// Move a department's database file into a server database that has had `server init` only.
    Transfer(transfer::TransferArgs),
    /// Copy the database, checked, with FILE.sha256 beside it (never overwrites FILE).
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace the database DB with a checked backup; the old file is kept aside.
    Restore {
        file: PathBuf,
        #[arg(long)]
        to: PathBuf,
    },
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    let result = location(cli.db.as_deref()).and_then(|db| run(cli.command, db, &command_name(&matches)));
    match result {
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

/// Where --db or $APPRAISE_DB points: a file or a server. The CLI is the
/// edge that reads `PGPASSWORD`, for an address without a password.
fn location(db: Option<&OsStr>) -> Result<Option<DbLocation>, Failure> {
    let Some(db) = db else { return Ok(None) };
    match db.to_str() {
        Some(text) => Ok(Some(DbLocation::parse(
            text,
            std::env::var("PGPASSWORD").ok().as_deref(),
        )?)),
        // Not UTF-8, so not an address: a file path, as always.
        None => Ok(Some(DbLocation::File(PathBuf::from(db)))),
    }
}

/// The database file, for the command that works only on one (`backup`: a
/// server is backed up with `pg_dump`). A server is refused, naming the
/// command.
fn file(db: Option<DbLocation>, command: &str) -> Result<Option<PathBuf>, Failure> {
    match db {
        None => Ok(None),
        Some(DbLocation::File(path)) => Ok(Some(path)),
        Some(DbLocation::Server(_)) => Err(Failure::Refused(Error::invalid(
            "db",
            format!(
                "`{command}` works on a database file, not the department's server (the server is backed up with pg_dump; see the README)."
            ),
        ))),
    }
}

/// The server, for the commands that work only on one (`server init`,
/// `server migrate`). A file is refused, naming the command.
pub fn server(db: Option<DbLocation>, command: &str) -> Result<ServerUrl, Failure> {
    match db {
        None => Err(Failure::Usage(format!(
            "no server: give --db postgres://LOGIN@HOST/DATABASE or set APPRAISE_DB for `{command}`"
        ))),
        Some(DbLocation::Server(url)) => Ok(url),
        Some(DbLocation::File(_)) => Err(Failure::Refused(Error::invalid(
            "db",
            format!("`{command}` works on a PostgreSQL server, not a database file: give --db postgres://LOGIN@HOST/DATABASE."),
        ))),
    }
}

/// The subcommand as typed, for messages: `staff list`, `account create-admin`.
fn command_name(matches: &ArgMatches) -> String {
    let mut words = Vec::new();
    let mut current = matches;
    while let Some((name, sub)) = current.subcommand() {
        words.push(name);
        current = sub;
    }
    words.join(" ")
}

/// Opens the database named by --db or $APPRAISE_DB: a file, or the
/// department's server as the login the address names.
pub fn open(db: Option<DbLocation>) -> Result<Store, Failure> {
    match db {
        None => Err(Failure::Usage("no database: give --db PATH or set APPRAISE_DB".into())),
        Some(DbLocation::File(path)) => Ok(Store::open(&path)?),
        Some(DbLocation::Server(url)) => {
            let client = appraise_core::server::connect::connect(&url.config())?;
            Ok(Store::on_server(client)?)
        }
    }
}

/// Who the command acts as: the system on a file or as the server
/// database's owner; the person whose login it is on the server otherwise.
pub fn acting(store: &Store) -> Result<Actor, Failure> {
    Ok(appraise_core::accounts::connected_actor(store.conn())?)
}

/// The CLI is an edge: it reads the clock and passes `today` into core.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The time of day too, for the audit trail and passphrase waits.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Runs one command; `Ok(false)` is a finished check that failed (`verify`), exit 1.
fn run(command: Command, db: Option<DbLocation>, name: &str) -> Result<bool, Failure> {
    if let Command::Server(cmd) = command {
        return server::run(cmd, server(db, name)?).map(|()| true);
    }
    if let Command::Transfer(args) = command {
        return transfer::run(args).map(|()| true);
    }
    match command {
        Command::Staff(cmd) => staff::run(cmd, db),
        Command::Framework(cmd) => framework::run(cmd, db),
        Command::Nccq(cmd) => nccq::run(cmd, db),
        Command::Pay(cmd) => pay::run(cmd, db),
        Command::Training(cmd) => training::run(cmd, db),
        Command::Cpd(cmd) => training::run_cpd(cmd, db),
        Command::Account(cmd) => account::run(cmd, db),
        Command::Audit(cmd) => audit::run(cmd, db),
        Command::Appraisal(cmd) => appraisal::run(cmd, db),
        Command::CodingAudit(cmd) => coding_audit::run(cmd, db),
        Command::Pdf(cmd) => pdf::run(cmd, db),
        Command::Verify { file, json } => return pdf::verify(&file, json, db),
        Command::Dashboard(args) => dashboard::run(args, db),
        Command::Report(args) => report::run_report(args, db),
        Command::Calendar(args) => report::run_calendar(args, db),
        Command::Demo(args) => demo::run(args, db),
        Command::Export(cmd) => export::run(cmd, db),
        Command::Retention(cmd) => retention::run(cmd, db),
        Command::Backup { out } => backup::run_backup(file(db, name)?, &out),
        Command::Restore { file, to } => backup::run_restore(&file, &to),
        Command::Server(_) | Command::Transfer(_) => unreachable!("the server commands are run above"),
    }
    .map(|()| true)
}
