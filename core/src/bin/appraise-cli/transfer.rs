//! `appraise-cli transfer --from FILE --to URL`: moving a single-PC
//! department into a server database that has had `server init` and
//! nothing else, run by the login that owns that database.

use std::path::PathBuf;

use appraise_core::server::url::DbLocation;
use appraise_core::server::{self, transfer};
use appraise_core::{Error, Store};
use clap::Args;

use crate::Failure;

/// Copy a department's database file into a PostgreSQL database that has
/// had `server init` and nothing else: every row with its id, the audit
/// trail as it is. Accounts arrive needing a new passphrase, set by the
/// administrator. Any other database is refused and left unchanged. The
/// file is only read (one from an older Appraise is first brought up to
/// date, as opening it in Appraise does).
#[derive(Args)]
pub struct TransferArgs {
    /// The department's database file.
    #[arg(long, value_name = "FILE")]
    from: PathBuf,
    /// The server database, as postgres://LOGIN@HOST/DATABASE, with the
    /// login that owns it (the password from $PGPASSWORD when the address
    /// has none).
    // Never shown in --help or messages: it may hold a password.
    #[arg(long, value_name = "URL")]
    to: String,
    /// Print the rows copied, table by table, as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: TransferArgs) -> Result<(), Failure> {
    // Opening a missing file would make a new, empty database there.
    if !args.from.is_file() {
        return Err(Failure::Refused(Error::invalid(
            "from",
            format!("There is no database file at {}.", args.from.display()),
        )));
    }
    let url = match DbLocation::parse(&args.to, std::env::var("PGPASSWORD").ok().as_deref())? {
        DbLocation::Server(url) => url,
        DbLocation::File(_) => {
            return Err(Failure::Refused(Error::invalid(
                "to",
                "`transfer --to` takes the server database as postgres://LOGIN@HOST/DATABASE.",
            )))
        }
    };
    let from = Store::open(&args.from)?;
    let to = Store::on_server(server::connect::connect(&url.config())?)?;
    let report = transfer::transfer(&from, &to)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).expect("report serialises"));
        return Ok(());
    }
    let width = report.tables.iter().map(|t| t.table.len()).max().unwrap_or(0);
    for t in &report.tables {
        if t.kept > 0 {
            println!("{:width$}  {} copied, {} already there", t.table, t.copied, t.kept);
        } else {
            println!("{:width$}  {} copied", t.table, t.copied);
        }
    }
    println!("{}", report.message());
    Ok(())
}
