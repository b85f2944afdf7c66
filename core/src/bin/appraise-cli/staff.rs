//! `appraise-cli staff ...`

use std::path::PathBuf;

use appraise_core::server::url::DbLocation;
use appraise_core::staff::{self, StaffInput, StaffMember};
use appraise_core::{dates, staff_import, Error};
use clap::Subcommand;

use crate::{acting, now, open, today, Failure};

// Parsed once per run: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
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
        /// On the NCCQ pathway whatever the role: yes or no. Not given,
        /// the role profile decides.
        #[arg(long)]
        nccq_pathway: Option<String>,
        /// The last appraisal held before Appraise, YYYY-MM-DD: the next is
        /// due 12 months after it.
        #[arg(long)]
        last_appraisal: Option<String>,
        /// The date they entered their band (ESR's incremental date),
        /// YYYY-MM-DD: their pay steps follow from it.
        #[arg(long)]
        band_entered: Option<String>,
    },
    /// List staff members.
    List {
        /// A JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Import staff from an ESR CSV export (header
    /// staff_number,surname,forename,band,job_title,start_date,manager_staff_number).
    /// The whole file is checked first: if any line is wrong nothing is
    /// imported, every wrong line is listed and the exit code is 1.
    Import {
        file: PathBuf,
        /// JSON instead of text: the report, or the check with every problem.
        #[arg(long)]
        json: bool,
    },
    /// Record that someone leaves; their records are kept, read-only.
    Leaver {
        staff_number: String,
        /// The leaving date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
    },
}

pub fn run(cmd: StaffCommand, db: Option<DbLocation>) -> Result<(), Failure> {
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
            nccq_pathway,
            last_appraisal,
            band_entered,
        } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
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
                nccq_pathway: nccq_pathway.unwrap_or_default(),
                last_appraisal_before: last_appraisal.unwrap_or_default(),
                band_entered: band_entered.unwrap_or_default(),
            };
            let added = staff::add_audited(store.conn_mut(), &actor, &input, today(), now())?;
            println!(
                "Added {} (Band {}), staff number {}.",
                added.full_name(),
                added.band,
                added.staff_number
            );
        }
        StaffCommand::List { json } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let people = staff::list_as(store.conn(), &actor)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&people).expect("staff serialise"));
            } else {
                print_table(&people);
            }
        }
        StaffCommand::Import { file, json } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let system = actor.clone();
            let preview = staff_import::preview_file(store.conn(), &system, &file, today())?;
            if !preview.problems.is_empty() {
                if json {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&preview).expect("preview serialises")
                    );
                }
                for problem in &preview.problems {
                    eprintln!("{}", problem.message());
                }
                let lines = preview
                    .problems
                    .iter()
                    .map(|p| p.line)
                    .collect::<std::collections::BTreeSet<_>>();
                return Err(Failure::Refused(Error::invalid(
                    "file",
                    format!(
                        "{} of {} {} wrong; nothing was imported.",
                        if lines.len() == 1 {
                            "1 line".to_owned()
                        } else {
                            format!("{} lines", lines.len())
                        },
                        file.display(),
                        if lines.len() == 1 { "is" } else { "are" },
                    ),
                )));
            }
            // Checked again inside the import's transaction: the database may
            // have changed since the preview.
            let report = staff_import::import_file(store.conn_mut(), &system, &file, today(), now())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report).expect("report serialises"));
            } else {
                println!(
                    "Imported {} staff {} from {}.",
                    report.imported,
                    if report.imported == 1 { "member" } else { "members" },
                    file.display()
                );
            }
        }
        StaffCommand::Leaver { staff_number, date } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let left = staff::mark_leaver(store.conn_mut(), &actor, &staff_number, &date, now())?;
            println!(
                "{} leaves on {}. Their records are kept, read-only from that day.",
                left.full_name(),
                left.leaver_date.map(dates::display).unwrap_or_default()
            );
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
