//! `appraise-cli export person`: everything held about one person, for a
//! subject access request. The rules are in `appraise_core::subject_access`.

use std::path::PathBuf;

use appraise_core::server::url::DbLocation;
use appraise_core::subject_access;
use clap::Subcommand;

use crate::pdf::generated_at;
use crate::{acting, open, Failure};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Every record about one person (staff record, appraisals as PDF and
    /// JSON, PDP, NCCQ, training, CPD, coding audits, pay steps, audit-trail
    /// rows) into a new folder, with index.txt. The administrator only.
    Person {
        staff_number: String,
        /// The folder to create (it must not exist, or be empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The time printed on the PDFs, YYYY-MM-DDTHH:MM[:SS]; defaults to now.
        #[arg(long, value_name = "TIME")]
        generated_at: Option<String>,
        /// What was written, as one JSON object.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: ExportCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        ExportCommand::Person {
            staff_number,
            out,
            generated_at: at,
            json,
        } => {
            let at = generated_at(at.as_deref())?;
            let store = open(db)?;
            let actor = acting(&store)?;
            let report = subject_access::export_person(store.conn(), &actor, &staff_number, &out, at)?;
            if json {
                println!("{}", serde_json::to_string(&report).expect("a report serialises"));
            } else {
                println!(
                    "Wrote {} files about {staff_number} to {} ({} appraisals, {} audit-trail rows); index.txt lists them.",
                    report.files.len(),
                    report.folder,
                    report.appraisals,
                    report.audit_rows
                );
            }
        }
    }
    Ok(())
}
