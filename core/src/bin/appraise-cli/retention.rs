//! `appraise-cli retention`: who is due for disposal, marking, legal holds
//! and disposal, and the retention rules. The rules and refusals are in
//! `appraise_core::retention` and `access.rs`.

use appraise_core::retention::{self, DueRecord};
use appraise_core::server::url::DbLocation;
use appraise_core::settings::retention::{self as rules, RetentionRules};
use chrono::NaiveDate;
use clap::Subcommand;

use crate::appraisal::date_arg;
use crate::{acting, now, open, today, Failure};

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// Leavers whose retention period has ended and whose records are not
    /// yet disposed of. The administrator only.
    Due {
        /// As at this date, YYYY-MM-DD. Defaults to today.
        #[arg(long)]
        today: Option<String>,
        /// A JSON list (staff_number, name, leaver_date, period_ended, rule,
        /// marked_on, held_on, dispose_from, may_dispose, ...).
        #[arg(long)]
        json: bool,
    },
    /// Mark a leaver's records for disposal: they may be disposed of once
    /// the grace period is over.
    Mark {
        staff_number: String,
        #[arg(long)]
        reason: String,
        /// As at this date, YYYY-MM-DD. Defaults to today.
        #[arg(long)]
        today: Option<String>,
    },
    /// Dispose of a marked leaver's records (refused in the grace period or
    /// under a legal hold).
    Dispose {
        staff_number: String,
        /// As at this date, YYYY-MM-DD. Defaults to today.
        #[arg(long)]
        today: Option<String>,
    },
    /// Put a legal hold on a person's records: no marking or disposal.
    Hold {
        staff_number: String,
        #[arg(long)]
        reason: String,
    },
    /// Lift a legal hold (the case it was for is over), with a reason.
    LiftHold {
        staff_number: String,
        #[arg(long)]
        reason: String,
    },
    /// Show the retention rules, or set them (administrator).
    Rules {
        /// Years a leaver's records are kept from their leaving date.
        #[arg(long)]
        years_after_leaving: Option<u32>,
        /// Days between marking records and disposing of them.
        #[arg(long)]
        grace_days: Option<u32>,
        /// Keep records until the 75th birthday too (needs dates of birth,
        /// which Appraise does not hold: no one is then due).
        #[arg(long)]
        until_75th_birthday: Option<bool>,
        #[arg(long)]
        json: bool,
    },
}

fn as_at(text: Option<String>) -> Result<NaiveDate, Failure> {
    match text {
        Some(t) => date_arg("today", "Today", &t),
        None => Ok(today()),
    }
}

fn print_due(due: &[DueRecord]) {
    if due.is_empty() {
        println!("No one's records are due for disposal.");
        return;
    }
    for d in due {
        let state = match (&d.held_on, &d.marked_on) {
            (Some(on), _) => format!("held since {on}: {}", d.hold_reason),
            (None, Some(on)) => format!("marked on {on}, disposal from {}", d.dispose_from),
            (None, None) => format!("not marked (disposal from {} if marked today)", d.dispose_from),
        };
        println!(
            "{}\t{}\tleft {}\tperiod ended {}\t{state}",
            d.staff_number, d.name, d.leaver_date, d.period_ended
        );
    }
}

pub fn run(cmd: RetentionCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        RetentionCommand::Due { today, json } => {
            let as_at = as_at(today)?;
            let store = open(db)?;
            let actor = acting(&store)?;
            let due = retention::due_as(store.conn(), &actor, as_at)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&due).expect("a list serialises"));
            } else {
                print_due(&due);
            }
        }
        RetentionCommand::Mark {
            staff_number,
            reason,
            today,
        } => {
            let as_at = as_at(today)?;
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let at = as_at.and_time(now().time());
            let marked = retention::mark_as(store.conn_mut(), &actor, &staff_number, &reason, as_at, at)?;
            println!(
                "Marked the records of {} for disposal: they can be disposed of from {}.",
                marked.staff_number, marked.dispose_from
            );
        }
        RetentionCommand::Dispose { staff_number, today } => {
            let as_at = as_at(today)?;
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let at = as_at.and_time(now().time());
            let done = retention::dispose_as(store.conn_mut(), &actor, &staff_number, as_at, at)?;
            println!(
                "Disposed of the records of {} ({}); {} audit-trail details erased, the chain kept.",
                done.staff_number, done.rule, done.audit_rows_erased
            );
        }
        RetentionCommand::Hold { staff_number, reason } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            retention::hold_as(store.conn_mut(), &actor, &staff_number, &reason, now())?;
            println!("Put a legal hold on the records of {}.", staff_number.trim());
        }
        RetentionCommand::LiftHold { staff_number, reason } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            retention::lift_hold_as(store.conn_mut(), &actor, &staff_number, &reason, now())?;
            println!("Lifted the legal hold on the records of {}.", staff_number.trim());
        }
        RetentionCommand::Rules {
            years_after_leaving,
            grace_days,
            until_75th_birthday,
            json,
        } => {
            let mut store = open(db)?;
            let mut current = rules::load(store.conn())?;
            if years_after_leaving.is_some() || grace_days.is_some() || until_75th_birthday.is_some() {
                let actor = acting(&store)?;
                let wanted = RetentionRules {
                    years_after_leaving: years_after_leaving.unwrap_or(current.years_after_leaving),
                    grace_days: grace_days.unwrap_or(current.grace_days),
                    until_75th_birthday: until_75th_birthday.unwrap_or(current.until_75th_birthday),
                };
                current = rules::save(store.conn_mut(), &actor, &wanted, now())?;
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&current).expect("rules serialise"));
            } else {
                println!("Kept: {}. Grace period: {} days.", current.name(), current.grace_days);
            }
        }
    }
    Ok(())
}
