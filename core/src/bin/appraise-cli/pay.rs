//! `appraise-cli pay ...`: Agenda for Change pay. `steps` is arithmetic on
//! the date of entry to a band and needs no database.

use appraise_core::dates::parse_date;
use appraise_core::pay_steps::{pay_step_dates, PayStepTable};
use appraise_core::server::url::DbLocation;
use appraise_core::settings;
use appraise_core::Error;
use clap::Subcommand;

use crate::{open, Failure};

#[derive(Subcommand)]
pub enum PayCommand {
    /// The dates of the next pay points after entry to a band. Uses the
    /// trust's table when a database is given, the national defaults otherwise.
    Steps {
        /// Agenda for Change band: 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d or 9.
        #[arg(long)]
        band: String,
        /// Date of entry to the band (ESR's incremental date), YYYY-MM-DD.
        #[arg(long)]
        entered: String,
        /// `{"steps":["YYYY-MM-DD",...]}` instead of text.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: PayCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        PayCommand::Steps { band, entered, json } => {
            // A date that cannot be read is bad input, named (exit 1), as
            // every command that takes a date answers.
            let entered = parse_date(&entered)
                .map_err(|m| Failure::Refused(Error::invalid("entered", format!("--entered: {m}"))))?;
            let table = match db {
                Some(path) => settings::pay_steps::load(open(Some(path))?.conn())?,
                None => PayStepTable::default(),
            };
            let steps = pay_step_dates(&band, entered, &table)?;
            if json {
                println!("{}", serde_json::json!({ "steps": steps }));
            } else {
                for date in steps {
                    println!("{}", date.format("%d/%m/%Y"));
                }
            }
        }
    }
    Ok(())
}
