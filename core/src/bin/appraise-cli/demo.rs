//! `appraise-cli demo`: fills an empty database with a demonstration
//! department.

use appraise_core::demo::{self, DemoOptions};
use appraise_core::server::url::DbLocation;
use clap::Args;

use crate::appraisal::date_arg;
use crate::{open, today, Failure};

/// Fill an empty database with a demonstration coding department: a
/// manager, Clinical Coding Specialists, coders and trainees, several years
/// of signed appraisals, NCCQ records and one appraisal in progress. The
/// same seed, size and --today give the same database. A database that
/// already has staff is refused (exit 1) and left alone.
///
/// Nobody has an account: open the database in Appraise and make one of the
/// staff, such as the manager, the first administrator by entering their
/// staff number and name; give the others accounts from there.
#[derive(Args)]
pub struct DemoArgs {
    /// Different seeds give different people and histories.
    #[arg(long, default_value_t = demo::DEFAULT_SEED)]
    seed: u64,
    /// How many staff, the manager included: 4 to 60 held meeting by
    /// meeting, or up to 20,000 (a large department) written in bulk.
    #[arg(long, default_value_t = demo::DEFAULT_STAFF)]
    staff: u32,
    /// Whole cycles of appraisal history before the current one (1 to 10).
    #[arg(long, default_value_t = demo::DEFAULT_YEARS)]
    years: u32,
    /// Count every date back from this day, YYYY-MM-DD. Defaults to today.
    #[arg(long)]
    today: Option<String>,
    /// Print what was made as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: DemoArgs, db: Option<DbLocation>) -> Result<(), Failure> {
    let as_at = match &args.today {
        Some(t) => date_arg("today", "Today", t)?,
        None => today(),
    };
    let mut store = open(db)?;
    if !store.conn().acts_as_system() {
        // Demonstration people go only into an empty database, by whoever
        // set it up: on a server, the login that owns it.
        return Err(Failure::Refused(appraise_core::Error::Forbidden(
            "A demonstration department is made by the database's owner, not through a person's own login.".into(),
        )));
    }
    let options = DemoOptions {
        seed: args.seed,
        staff: args.staff,
        years: args.years,
        today: as_at,
    };
    let report = demo::generate(store.conn_mut(), &options)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).expect("report serialises"));
    } else {
        println!(
            "Made a demonstration department of {} staff with {} appraisals from {} to {}: {} signed, {} in progress, {} re-opened and signed again.",
            report.staff,
            report.appraisals,
            report.first_cycle,
            report.current_cycle,
            report.signed,
            report.in_progress,
            report.reopened
        );
        println!(
            "Nobody has an account yet: open it in Appraise and make {} ({}) the first administrator.",
            report.manager_name, report.manager_staff_number
        );
    }
    Ok(())
}
