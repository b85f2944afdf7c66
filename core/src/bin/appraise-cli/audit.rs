//! `appraise-cli audit ...`: check and read the audit trail.

use appraise_core::audit::{self, AuditEntry, AuditFilter};
use appraise_core::dates::parse_date;
use appraise_core::server::url::DbLocation;
use appraise_core::Error;
use clap::Subcommand;

use crate::{acting, open, Failure};

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check that no audit row was changed or removed: prints ok, or the
    /// first row that breaks the chain and exits 1.
    Verify {
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The audit trail, newest first.
    List {
        /// Only this actor: a staff number, or `system`.
        #[arg(long)]
        actor: Option<String>,
        /// Only changes to this table (staff, account, ...).
        #[arg(long)]
        table: Option<String>,
        /// From this day, YYYY-MM-DD.
        #[arg(long)]
        from: Option<String>,
        /// To this day, included, YYYY-MM-DD.
        #[arg(long)]
        to: Option<String>,
        /// Words to find anywhere in the row.
        #[arg(long)]
        text: Option<String>,
        /// At most this many rows.
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: AuditCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        AuditCommand::Verify { json } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let report = audit::verify_as(store.conn(), &actor)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report).expect("report serialises"));
            } else if report.ok {
                println!("{}", report.message());
            }
            if !report.ok {
                return Err(Failure::Refused(Error::Conflict(report.message())));
            }
        }
        AuditCommand::List {
            actor,
            table,
            from,
            to,
            text,
            limit,
            json,
        } => {
            let day = |field: &str, text: Option<String>| -> Result<_, Failure> {
                text.map(|t| parse_date(&t).map_err(|m| Failure::Refused(Error::invalid(field, m))))
                    .transpose()
            };
            let filter = AuditFilter {
                actor,
                table,
                from: day("from", from)?,
                to: day("to", to)?,
                text,
                limit,
            };
            let store = open(db)?;
            let actor = acting(&store)?;
            let entries = audit::list(store.conn(), &actor, &filter)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&entries).expect("entries serialise"));
            } else {
                print_table(&entries);
            }
        }
    }
    Ok(())
}

fn print_table(entries: &[AuditEntry]) {
    if entries.is_empty() {
        println!("No audit rows match.");
        return;
    }
    for e in entries {
        let who = match &e.actor_name {
            Some(name) => format!("{name} ({})", e.actor),
            None => e.actor.clone(),
        };
        println!(
            "{:>6}  {}  {}  {} {} {}  {}",
            e.id,
            e.at.format("%d/%m/%Y %H:%M:%S"),
            who,
            e.action,
            e.table,
            e.record_id,
            e.detail
        );
    }
}
