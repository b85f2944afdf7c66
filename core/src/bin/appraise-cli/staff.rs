//! `appraise-cli staff ...`

use std::path::PathBuf;

use appraise_core::dates;
use appraise_core::staff::{self, StaffInput, StaffMember};
use clap::Subcommand;

use crate::{open, today, Failure};

#[derive(Subcommand)]
pub enum StaffCommand {
    /// Add a staff member.
    Add {
        #[arg(long)]
        forename: String,
        #[arg(long)]
        surname: String,
        /// Agenda for Change band: 2-7, 8a-8d or 9.
        #[arg(long)]
        band: String,
        /// Appointment date, YYYY-MM-DD.
        #[arg(long)]
        appointed: String,
        /// Assigned if not given.
        #[arg(long)]
        staff_number: Option<String>,
        #[arg(long)]
        job_title: Option<String>,
        /// The line manager's staff number.
        #[arg(long)]
        manager: Option<String>,
        /// Accredited Clinical Coder since, YYYY-MM-DD.
        #[arg(long)]
        acc_date: Option<String>,
    },
    /// List staff members.
    List {
        /// A JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: StaffCommand, db: Option<PathBuf>) -> Result<(), Failure> {
    match cmd {
        StaffCommand::Add {
            forename,
            surname,
            band,
            appointed,
            staff_number,
            job_title,
            manager,
            acc_date,
        } => {
            let mut store = open(db)?;
            let input = StaffInput {
                staff_number: staff_number.unwrap_or_default(),
                forename,
                surname,
                band,
                job_title: job_title.unwrap_or_default(),
                appointed,
                manager: manager.unwrap_or_default(),
                acc_date: acc_date.unwrap_or_default(),
                leaver_date: String::new(),
            };
            let added = staff::add(store.conn_mut(), &input, today())?;
            println!(
                "Added {} (Band {}), staff number {}.",
                added.full_name(),
                added.band,
                added.staff_number
            );
        }
        StaffCommand::List { json } => {
            let store = open(db)?;
            let people = staff::list(store.conn())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&people).expect("staff serialise"));
            } else {
                print_table(&people);
            }
        }
    }
    Ok(())
}

fn print_table(people: &[StaffMember]) {
    if people.is_empty() {
        println!("No staff yet. Add one with: appraise-cli staff add --forename F --surname S --band B --appointed YYYY-MM-DD");
        return;
    }
    println!(
        "{:<10} {:<30} {:<5} {:<11} Line manager",
        "Number", "Name", "Band", "Appointed"
    );
    for p in people {
        println!(
            "{:<10} {:<30} {:<5} {:<11} {}",
            p.staff_number,
            p.full_name(),
            p.band,
            dates::display(p.appointed),
            p.manager_name.as_deref().unwrap_or("")
        );
    }
}
