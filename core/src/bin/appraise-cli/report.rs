//! `appraise-cli report NAME --csv FILE | --xlsx FILE` and `appraise-cli
//! calendar --staff N | --manager N --out FILE.ics`: the department's
//! reports and dates as files, as whoever the database is opened as
//! (`acting`), through the same guarded functions as the window.

use std::path::{Path, PathBuf};

use appraise_core::reports::{self, calendar_as, CalendarScope};
use appraise_core::server::url::DbLocation;
use appraise_core::Error;
use chrono::NaiveDate;
use clap::{ArgGroup, Args};

use crate::appraisal::date_arg;
use crate::{acting, now, open, today, Failure};

#[derive(Args)]
#[command(group(ArgGroup::new("format").required(true).multiple(true).args(["csv", "xlsx"])))]
pub struct ReportArgs {
    /// compliance, overdue, nccq, pay-steps, training-needs or audits.
    name: String,
    /// Write it as CSV (a header row, dates as YYYY-MM-DD).
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Write it as an Excel workbook (dates as dates, the header frozen).
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// As at this date, YYYY-MM-DD. Defaults to today.
    #[arg(long)]
    today: Option<String>,
}

#[derive(Args)]
#[command(group(ArgGroup::new("whose").required(true).args(["staff", "manager"])))]
pub struct CalendarArgs {
    /// One person's dates.
    #[arg(long, value_name = "STAFF_NUMBER")]
    staff: Option<String>,
    /// A line manager's and their reports' dates.
    #[arg(long, value_name = "STAFF_NUMBER")]
    manager: Option<String>,
    /// The .ics file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// As at this date, YYYY-MM-DD. Defaults to today.
    #[arg(long)]
    today: Option<String>,
}

fn as_at(text: Option<String>) -> Result<NaiveDate, Failure> {
    match text {
        Some(t) => date_arg("today", "Today", &t),
        None => Ok(today()),
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| {
        Failure::Refused(Error::invalid(
            "out",
            format!("Could not write {}: {e}", path.display()),
        ))
    })
}

pub fn run_report(args: ReportArgs, db: Option<DbLocation>) -> Result<(), Failure> {
    let store = open(db)?;
    let actor = acting(&store)?;
    let table = reports::report_as(store.conn(), &actor, &args.name, as_at(args.today)?)?;
    if let Some(path) = &args.csv {
        write(path, &reports::csv::to_csv(&table)?)?;
    }
    if let Some(path) = &args.xlsx {
        write(path, &reports::xlsx::to_xlsx(&table)?)?;
    }
    println!("{}: {} rows.", table.title, table.rows.len());
    Ok(())
}

pub fn run_calendar(args: CalendarArgs, db: Option<DbLocation>) -> Result<(), Failure> {
    let store = open(db)?;
    let actor = acting(&store)?;
    let scope = match (args.staff, args.manager) {
        (Some(n), _) => CalendarScope::Staff(n),
        (None, Some(n)) => CalendarScope::Manager(n),
        (None, None) => unreachable!("clap requires one"),
    };
    let ics = calendar_as(store.conn(), &actor, &scope, as_at(args.today)?, now())?;
    write(&args.out, ics.as_bytes())?;
    println!(
        "{} events written to {}.",
        ics.matches("BEGIN:VEVENT").count(),
        args.out.display()
    );
    Ok(())
}
