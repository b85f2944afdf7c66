//! `appraise-cli account ...`: accounts and passphrases. The command line
//! acts as the system (an administrator, audited as `system`): whoever may
//! open the database file may manage it.

use std::io::Read;

use appraise_core::accounts::{self, AccountSummary, Role};
use appraise_core::server::url::DbLocation;
use appraise_core::staff::StaffInput;
use appraise_core::Error;
use appraise_core::{dates, settings};
use chrono::NaiveDateTime;
use clap::{Args, Subcommand};

use crate::{acting, now, open, Failure};

/// Where the passphrase comes from. Prefer --passphrase-stdin: a
/// passphrase on the command line is visible to other users of the machine
/// and lands in shell history.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct PassphraseSource {
    /// The passphrase itself.
    #[arg(long)]
    passphrase: Option<String>,
    /// Read the passphrase from the first line of standard input.
    #[arg(long)]
    passphrase_stdin: bool,
}

impl PassphraseSource {
    fn read(self) -> Result<String, Failure> {
        if let Some(p) = self.passphrase {
            return Ok(p);
        }
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Usage(format!("cannot read the passphrase from standard input: {e}")))?;
        // Only the line ending goes: spaces may be part of a passphrase.
        let line = text.lines().next().unwrap_or("");
        Ok(line.to_owned())
    }
}

#[derive(Subcommand)]
pub enum AccountCommand {
    /// First run: make the administrator (refused once any account exists).
    /// An existing staff member with this staff number and name becomes the
    /// administrator; otherwise the staff member is added.
    CreateAdmin {
        #[arg(long)]
        staff_number: String,
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
        #[arg(long)]
        job_title: Option<String>,
        /// The trust's name printed on every page (otherwise as stored).
        #[arg(long)]
        trust: Option<String>,
        /// The department's name printed on every page (otherwise as stored).
        #[arg(long)]
        department: Option<String>,
        #[command(flatten)]
        passphrase: PassphraseSource,
    },
    /// Give a staff member an account. They choose their own passphrase at
    /// first sign-in.
    Add {
        staff_number: String,
        /// administrator, manager or coder.
        #[arg(long)]
        role: String,
        #[command(flatten)]
        passphrase: PassphraseSource,
    },
    /// Set a forgotten passphrase; its owner must change it at next sign-in.
    Reset {
        staff_number: String,
        #[command(flatten)]
        passphrase: PassphraseSource,
    },
    /// Change an account's role.
    Role {
        staff_number: String,
        /// administrator, manager or coder.
        #[arg(long)]
        role: String,
    },
    /// List accounts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Check a passphrase as the sign-in screen does, waits after wrong ones
    /// included. Exit 0 when right, 1 when refused.
    Check {
        staff_number: String,
        #[command(flatten)]
        passphrase: PassphraseSource,
        /// Check as at this time, YYYY-MM-DDTHH:MM:SS. Defaults to now.
        #[arg(long)]
        at: Option<String>,
    },
    /// Minutes of no use before the window locks: show, or set with --minutes.
    IdleLock {
        #[arg(long)]
        minutes: Option<u32>,
    },
}

fn role(text: &str) -> Result<Role, Failure> {
    Role::parse(text).ok_or_else(|| {
        Failure::Refused(Error::invalid(
            "role",
            format!("{text} is not a role. Use administrator, manager or coder."),
        ))
    })
}

pub fn run(cmd: AccountCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        AccountCommand::CreateAdmin {
            staff_number,
            forename,
            surname,
            band,
            appointed,
            job_title,
            trust,
            department,
            passphrase,
        } => {
            let passphrase = passphrase.read()?;
            let mut store = open(db)?;
            let input = StaffInput {
                staff_number,
                forename,
                surname,
                band,
                appointed,
                job_title: job_title.unwrap_or_default(),
                ..Default::default()
            };
            let admin = if trust.is_none() && department.is_none() {
                accounts::create_first_administrator(store.conn_mut(), &input, &passphrase, now())?
            } else {
                let stored = settings::print::load(store.conn())?;
                let form = accounts::FirstRun {
                    existing: String::new(),
                    person: input,
                    trust: trust.unwrap_or(stored.trust),
                    department: department.unwrap_or(stored.department),
                };
                accounts::first_run(store.conn_mut(), &form, &passphrase, now())?
            };
            println!(
                "{} (staff number {}) is the administrator.",
                admin.name, admin.staff_number
            );
        }
        AccountCommand::Add {
            staff_number,
            role: r,
            passphrase,
        } => {
            let role = role(&r)?;
            let passphrase = passphrase.read()?;
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let account = accounts::create_account(store.conn_mut(), &actor, &staff_number, role, &passphrase, now())?;
            println!(
                "{} (staff number {}) can now sign in as {}. They will be asked for a new passphrase.",
                account.name,
                account.staff_number,
                account.role.label()
            );
        }
        AccountCommand::Reset {
            staff_number,
            passphrase,
        } => {
            let passphrase = passphrase.read()?;
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let account = accounts::reset_passphrase(store.conn_mut(), &actor, &staff_number, &passphrase, now())?;
            println!(
                "The passphrase of {} is reset. They will be asked for a new one at sign-in.",
                account.name
            );
        }
        AccountCommand::Role { staff_number, role: r } => {
            let role = role(&r)?;
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let account = accounts::set_role(store.conn_mut(), &actor, &staff_number, role, now())?;
            println!("{} is now {}.", account.name, article(account.role));
        }
        AccountCommand::List { json } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let list = accounts::list(store.conn(), &actor)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list).expect("accounts serialise"));
            } else {
                print_table(&list);
            }
        }
        AccountCommand::Check {
            staff_number,
            passphrase,
            at,
        } => {
            let at = match at {
                Some(text) => parse_time(&text)?,
                None => now(),
            };
            let passphrase = passphrase.read()?;
            let mut store = open(db)?;
            let actor = accounts::sign_in(store.conn_mut(), &staff_number, &passphrase, at)?;
            println!("Right: {} signs in as {}.", actor.name, actor.role.label());
        }
        AccountCommand::IdleLock { minutes } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let minutes = match minutes {
                Some(m) => settings::idle_lock::save(store.conn_mut(), &actor, m, now())?,
                None => settings::idle_lock::load(store.conn())?,
            };
            println!("Appraise locks after {minutes} minutes of no use.");
        }
    }
    Ok(())
}

fn article(role: Role) -> String {
    match role {
        Role::Administrator => "an administrator".to_owned(),
        other => format!("a {}", other.label()),
    }
}

fn parse_time(text: &str) -> Result<NaiveDateTime, Failure> {
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S")
        .map_err(|_| Failure::Usage(format!("{text} is not a time: give YYYY-MM-DDTHH:MM:SS")))
}

fn print_table(list: &[AccountSummary]) {
    if list.is_empty() {
        println!("No accounts yet. Make the administrator with: appraise-cli account create-admin ...");
        return;
    }
    println!("{:<10} {:<30} {:<14} Notes", "Number", "Name", "Role");
    for a in list {
        let mut notes = Vec::new();
        if a.must_change_passphrase {
            notes.push("must change passphrase".to_owned());
        }
        if a.failed_attempts > 0 {
            notes.push(format!("{} wrong passphrases", a.failed_attempts));
        }
        if let Some(left) = a.leaver_date {
            notes.push(format!("leaves {}", dates::display(left)));
        }
        println!(
            "{:<10} {:<30} {:<14} {}",
            a.staff_number,
            a.name,
            a.role.label(),
            notes.join("; ")
        );
    }
}
