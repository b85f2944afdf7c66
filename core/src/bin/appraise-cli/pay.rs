//! `appraise-cli pay ...`: Agenda for Change pay. `steps` is arithmetic on
//! the date of entry to a band and needs no database; `status`, `confirm`
//! and `review` read and record a person's pay-step review.

use appraise_core::dates::{display, parse_date};
use appraise_core::pay_steps::{self, pay_step_dates, PayStatus, PayStepTable, ReviewInput, StandardInput};
use appraise_core::server::url::DbLocation;
use appraise_core::settings;
use appraise_core::Error;
use clap::Subcommand;

use crate::{acting, now, open, today, Failure};

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
    /// A person's next pay step, when its review is due and the standards
    /// with their evidence.
    Status {
        staff_number: String,
        /// As at this date, YYYY-MM-DD. Defaults to today.
        #[arg(long)]
        today: Option<String>,
        /// `{"next_step":…,"review_due":…,"standards":[{"name":…,"met":…,"reason":…}],…}`.
        #[arg(long)]
        json: bool,
    },
    /// Confirm by hand a standard Appraise holds no evidence for, for one
    /// pay step (line manager or administrator).
    Confirm {
        staff_number: String,
        /// The pay step, YYYY-MM-DD.
        #[arg(long)]
        step: String,
        /// capability or disciplinary.
        #[arg(long)]
        standard: String,
        /// yes (met) or no (not met).
        #[arg(long)]
        met: String,
        /// What the confirmation rests on.
        #[arg(long)]
        reason: String,
    },
    /// Record a pay-step review's outcome (line manager or administrator).
    Review {
        staff_number: String,
        /// The pay step, YYYY-MM-DD.
        #[arg(long)]
        step: String,
        /// progresses, deferred or not-applicable.
        #[arg(long)]
        outcome: String,
        /// Deferred: the standard not met (e.g. mandatory_training).
        #[arg(long)]
        unmet: Option<String>,
        /// Deferred: when it is reviewed again, YYYY-MM-DD.
        #[arg(long)]
        review_date: Option<String>,
        /// Progresses although a standard is not met: why that was outside
        /// the employee's control.
        #[arg(long)]
        outside_control: Option<String>,
        #[arg(long)]
        note: Option<String>,
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
        PayCommand::Status {
            staff_number,
            today: as_at,
            json,
        } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let as_at = match as_at {
                Some(t) => {
                    parse_date(&t).map_err(|m| Failure::Refused(Error::invalid("today", format!("--today: {m}"))))?
                }
                None => today(),
            };
            let status = pay_steps::status_as(store.conn(), &actor, &staff_number, as_at)?;
            if json {
                println!("{}", serde_json::to_string(&status).expect("pay status serialises"));
            } else {
                print_status(&status);
            }
        }
        PayCommand::Confirm {
            staff_number,
            step,
            standard,
            met,
            reason,
        } => {
            let met = match met.trim().to_lowercase().as_str() {
                "yes" | "y" | "met" | "true" => true,
                "no" | "n" | "not-met" | "false" => false,
                other => {
                    return Err(Failure::Refused(Error::invalid(
                        "met",
                        format!("--met {other:?}: answer yes or no."),
                    )))
                }
            };
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let input = StandardInput {
                step_date: step,
                standard,
                met,
                reason,
            };
            let status = pay_steps::confirm_standard_audited(store.conn_mut(), &actor, &staff_number, &input, now())?;
            print_status(&status);
        }
        PayCommand::Review {
            staff_number,
            step,
            outcome,
            unmet,
            review_date,
            outside_control,
            note,
        } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let input = ReviewInput {
                step_date: step,
                outcome,
                unmet_standard: unmet.unwrap_or_default(),
                review_date: review_date.unwrap_or_default(),
                outside_control: outside_control.unwrap_or_default(),
                note: note.unwrap_or_default(),
            };
            let status = pay_steps::record_review_audited(store.conn_mut(), &actor, &staff_number, &input, now())?;
            let r = &status.reviews.iter().find(|r| r.recorded_at.date() == now().date());
            if let Some(r) = r {
                println!(
                    "Recorded for the pay step on {}: {}.",
                    display(r.step_date),
                    r.outcome.code().replace('_', " ")
                );
            }
        }
    }
    Ok(())
}

fn print_status(s: &PayStatus) {
    println!("{} (Band {}): {}", s.name, s.band, s.summary);
    for st in &s.standards {
        let met = match st.met {
            Some(true) => "met",
            Some(false) => "NOT MET",
            None => "to confirm",
        };
        println!("  {} — {met}. {}", st.name, st.reason);
    }
}
