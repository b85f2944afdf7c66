//! `appraise-cli training ...` and `appraise-cli cpd ...`: statutory and
//! mandatory training records, Standards refreshers, and the CPD log.

use std::path::PathBuf;

use appraise_core::dates::{display, parse_date};
use appraise_core::server::url::DbLocation;
use appraise_core::training::{self, cpd, import, refreshers, CpdInput, SubjectState, TrainingInput};
use appraise_core::Error;
use chrono::NaiveDate;
use clap::Subcommand;

use crate::{acting, now, open, today, Failure};

#[derive(Subcommand)]
pub enum TrainingCommand {
    /// Import an ESR/OLM competence compliance CSV (administrator). Columns:
    /// Employee Number (or Assignment Number), Competence Name, Achievement
    /// Date, Expiry Date. The whole file is checked first: if any line is
    /// wrong nothing is stored, every wrong line is listed and the exit code
    /// is 1.
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Record a completed competence by hand.
    Add {
        staff_number: String,
        /// The competence, e.g. "Fire Safety".
        #[arg(long)]
        name: String,
        /// Completed on, YYYY-MM-DD.
        #[arg(long)]
        completed: String,
        /// Expires on, YYYY-MM-DD; leave out for one that does not expire.
        #[arg(long)]
        expires: Option<String>,
    },
    /// A person's compliance: what is missing or expired.
    Status {
        staff_number: String,
        /// As at this date, YYYY-MM-DD. Defaults to today.
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every coder's Clinical Coding Standards refresher, accredited or
    /// not, overdue first.
    Refreshers {
        /// Only those overdue.
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum CpdCommand {
    /// Add to a CPD log (the person's own).
    Add {
        staff_number: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long)]
        activity: String,
        #[arg(long)]
        hours: String,
        #[arg(long, default_value = "")]
        reflection: String,
        /// The number of the PDP item it serves.
        #[arg(long)]
        pdp_item: Option<String>,
    },
    /// A person's CPD log, newest first.
    List {
        staff_number: String,
        #[arg(long)]
        json: bool,
    },
}

fn as_at(text: Option<String>) -> Result<NaiveDate, Failure> {
    match text {
        Some(t) => parse_date(&t).map_err(|m| Failure::Refused(Error::invalid("today", format!("--today: {m}")))),
        None => Ok(today()),
    }
}

pub fn run(cmd: TrainingCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        TrainingCommand::Import { file, json } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let report = import::import_file(store.conn_mut(), &actor, &file, now())?;
            if json {
                println!("{}", serde_json::to_string(&report).expect("report serialises"));
            } else {
                println!(
                    "Imported {} competences for {} people ({} already held).",
                    report.stored, report.people, report.already_held
                );
            }
        }
        TrainingCommand::Add {
            staff_number,
            name,
            completed,
            expires,
        } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let input = TrainingInput {
                competence: name,
                completed_on: completed,
                expires_on: expires.unwrap_or_default(),
            };
            let r = training::add_audited(store.conn_mut(), &actor, &staff_number, &input, now())?;
            println!(
                "Recorded {} completed on {}{}.",
                r.competence,
                display(r.completed_on),
                r.expires_on
                    .map(|e| format!(", expires {}", display(e)))
                    .unwrap_or_default()
            );
        }
        TrainingCommand::Status {
            staff_number,
            today,
            json,
        } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let c = training::status_as(store.conn(), &actor, &staff_number, as_at(today)?)?;
            if json {
                println!("{}", serde_json::to_string(&c).expect("compliance serialises"));
            } else {
                println!("{}", c.summary());
                for i in &c.items {
                    let state = match i.state {
                        SubjectState::InDate => "in date",
                        SubjectState::Expired => "EXPIRED",
                        SubjectState::Missing => "MISSING",
                    };
                    let until = i
                        .expires_on
                        .map(|e| format!(" (until {})", display(e)))
                        .unwrap_or_default();
                    println!("  {}: {state}{until}", i.subject);
                }
            }
        }
        TrainingCommand::Refreshers { overdue, today, json } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let list: Vec<_> = refreshers::refreshers_as(store.conn(), &actor, as_at(today)?)?
                .into_iter()
                .filter(|r| !overdue || r.overdue)
                .collect();
            if json {
                println!("{}", serde_json::to_string(&list).expect("refreshers serialise"));
            } else {
                for r in &list {
                    let due = match r.refresher_due {
                        Some(d) => format!("refresher due {}", display(d)),
                        None => "no Standards course recorded".to_owned(),
                    };
                    println!(
                        "{} ({}){}: {due}{}",
                        r.name,
                        r.staff_number,
                        if r.accredited { ", ACC" } else { "" },
                        if r.overdue { " — OVERDUE" } else { "" }
                    );
                }
            }
        }
    }
    Ok(())
}

pub fn run_cpd(cmd: CpdCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        CpdCommand::Add {
            staff_number,
            date,
            activity,
            hours,
            reflection,
            pdp_item,
        } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let input = CpdInput {
                date,
                activity,
                hours,
                reflection,
                pdp_item_id: pdp_item.unwrap_or_default(),
            };
            let e = cpd::add_audited(store.conn_mut(), &actor, &staff_number, &input, now())?;
            println!("Logged {} hours on {}: {}.", e.hours, display(e.date), e.activity);
        }
        CpdCommand::List { staff_number, json } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let log = cpd::list_as(store.conn(), &actor, &staff_number)?;
            if json {
                println!("{}", serde_json::to_string(&log).expect("log serialises"));
            } else {
                for e in &log {
                    println!("{}  {:>5} h  {}", display(e.date), e.hours, e.activity);
                    if !e.reflection.is_empty() {
                        println!("            {}", e.reflection);
                    }
                }
            }
        }
    }
    Ok(())
}
