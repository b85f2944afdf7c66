//! Where the window's data lives, as a PC's settings describe it: a
//! database file on this computer, or the department's server (host, port,
//! database, TLS). The shell finds the JSON (the machine-wide file a trust's
//! IT writes, or the person's own choice) and this module reads and checks
//! it, so the rule is the same whichever file it came from; and connects a
//! person's own login to that server when they sign in.
//!
//! ```json
//! {"location": "server", "host": "appraise-db.trust.nhs.uk", "port": 5432,
//!  "database": "appraise_coding", "sslmode": "verify-full"}
//! ```
//!
//! `{"location": "file"}` is a database file on this computer, as before
//! department mode. `port` defaults to 5432; `sslmode` as `server::url`
//! reads it (TLS required unless the host is this computer or a Unix
//! socket, which is written as its directory, `/run/postgresql`).

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::connect::connect;
use super::login::login_name;
use super::url::{parse_host, Host, ServerUrl, SslMode, DEFAULT_PORT};
use crate::error::FieldError;
use crate::store::Store;
use crate::{Error, Result};

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "location", rename_all = "snake_case")]
pub enum ConnectionChoice {
    /// A database file on this computer.
    File,
    /// The department's server.
    Server(ServerPlace),
}

/// The department's server, without anyone's login: each person connects
/// as their own. A key Appraise does not read (a password, say) is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ServerPlace {
    /// A host name, an IP address, or the directory of a Unix socket.
    pub host: String,
    #[serde(default = "default_port")]
    pub port: u32,
    pub database: String,
    /// libpq's sslmode; none means the rule's default (TLS required to
    /// another computer).
    #[serde(default)]
    pub sslmode: Option<String>,
}

/// What the window shows about where its data lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConnectionStatus {
    /// None at first start, before anyone has chosen.
    pub choice: Option<ConnectionChoice>,
    /// The file that sets this computer's choice for every user (the
    /// machine-wide file, or `APPRAISE_DB`): the window cannot change it.
    pub fixed_by: Option<String>,
    /// Where the person's own choice is saved.
    pub saved_in: String,
}

fn default_port() -> u32 {
    u32::from(DEFAULT_PORT)
}

/// Reads a connection file's text; `source` names the file in a message.
pub fn read(json: &str, source: &str) -> Result<ConnectionChoice> {
    let choice: ConnectionChoice = serde_json::from_str(json).map_err(|e| {
        Error::invalid(
            "connection",
            format!(
                "{source} is not a connection description Appraise can read ({e}). \
                 Write {{\"location\": \"file\"}} or {{\"location\": \"server\", \"host\": …, \"port\": 5432, \"database\": …}}."
            ),
        )
    })?;
    check(choice).map_err(|e| match e {
        Error::Invalid(fields) => Error::invalid(
            "connection",
            format!(
                "{source}: {}",
                fields.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(" ")
            ),
        ),
        other => other,
    })
}

/// The text saved for `choice` (checked first).
pub fn write(choice: &ConnectionChoice) -> Result<String> {
    let choice = check(choice.clone())?;
    Ok(serde_json::to_string_pretty(&choice).expect("a connection choice is plain JSON") + "\n")
}

/// Checks a choice (from a file or the chooser's form) and tidies it: every
/// refusal is a message for the field it concerns (`host`, `port`,
/// `database`, `sslmode`).
pub fn check(choice: ConnectionChoice) -> Result<ConnectionChoice> {
    let ConnectionChoice::Server(place) = choice else {
        return Ok(ConnectionChoice::File);
    };
    let place = ServerPlace {
        host: place.host.trim().to_owned(),
        port: place.port,
        database: place.database.trim().to_owned(),
        sslmode: place.sslmode.map(|m| m.trim().to_owned()).filter(|m| !m.is_empty()),
    };
    let mut fields = Vec::new();
    let mut refuse = |field: &str, message: String| {
        fields.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let host = match place.host.as_str() {
        "" => {
            refuse("host", "Enter the server's name or address.".into());
            None
        }
        text => match parse_host(text) {
            Ok(host) => Some(host),
            Err(_) => {
                refuse(
                    "host",
                    "Enter the server's name (such as appraise-db.trust.nhs.uk), its IP address, or the folder of its Unix socket."
                        .into(),
                );
                None
            }
        },
    };
    if !(1..=65535).contains(&place.port) {
        refuse(
            "port",
            "Enter the port as a number from 1 to 65535 (usually 5432).".into(),
        );
    }
    if place.database.is_empty() {
        refuse("database", "Enter the name of the department's database.".into());
    } else if place.database.len() > 63 {
        refuse(
            "database",
            "A database name is at most 63 characters: check it with the database administrator.".into(),
        );
    }
    let sslmode = match place.sslmode.as_deref().map(|m| (m, SslMode::parse(m))) {
        None => None,
        Some((_, Some(mode))) => Some(mode),
        Some((_, None)) => {
            refuse(
                "sslmode",
                "The TLS setting (sslmode) must be one of disable, prefer, require, verify-ca or verify-full.".into(),
            );
            None
        }
    };
    if let Some(host) = &host {
        if sslmode == Some(SslMode::Disable) && !host.is_local() {
            refuse(
                "sslmode",
                format!(
                    "{host} is not this computer, so the connection must use TLS: the records would cross the network unencrypted. Leave the TLS setting out, or use verify-full."
                ),
            );
        }
    }
    if !fields.is_empty() {
        return Err(Error::Invalid(fields));
    }
    Ok(ConnectionChoice::Server(place))
}

/// The words a person reads when the server refuses their login: the same
/// as a wrong passphrase on a file (`accounts`), whether or not the staff
/// number has an account.
pub const WRONG_PASSPHRASE: &str = "That passphrase is not right. Try again.";

/// Opens the store on `place` as the person with `staff_number`, their
/// passphrase the login's password. The server's refusal of the login (a
/// wrong passphrase, or no such login) is `unauthenticated` with
/// [`WRONG_PASSPHRASE`]; a server that cannot be reached is an `io` error.
pub fn connect_as(place: &ServerPlace, staff_number: &str, passphrase: &str) -> Result<Store> {
    let url = url_for(place, staff_number.trim(), passphrase)?;
    let mut config = url.config();
    // A server that stops answering without closing the connection (a
    // network gone quiet) fails a query within seconds, instead of holding
    // the window's store until the system gives up on it.
    config
        .tcp_user_timeout(Duration::from_secs(10))
        .keepalives_idle(Duration::from_secs(30));
    let client = connect(&config).map_err(|e| match e {
        Error::Io(message) if message.contains("password authentication failed") || refused_login(&message) => {
            Error::Unauthenticated(WRONG_PASSPHRASE.to_owned())
        }
        other => other,
    })?;
    Store::on_server(client)
}

/// The server address for one person's login on `place`.
pub fn url_for(place: &ServerPlace, staff_number: &str, passphrase: &str) -> Result<ServerUrl> {
    let ConnectionChoice::Server(place) = check(ConnectionChoice::Server(place.clone()))? else {
        unreachable!("a server stays a server");
    };
    let host: Host = parse_host(&place.host)?;
    let sslmode = place.sslmode.as_deref().and_then(SslMode::parse);
    ServerUrl::from_parts(
        host,
        u16::try_from(place.port).expect("checked: 1 to 65535"),
        login_name(&place.database, staff_number),
        Some(passphrase.to_owned()),
        place.database.clone(),
        sslmode,
    )
}

/// A login the server does not let in: PostgreSQL says only that the
/// password did not match, or that the role may not connect.
fn refused_login(message: &str) -> bool {
    message.contains("is not permitted to log in") || message.contains("role \"") && message.contains("does not exist")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(host: &str, port: u32, database: &str, sslmode: Option<&str>) -> ConnectionChoice {
        ConnectionChoice::Server(ServerPlace {
            host: host.into(),
            port,
            database: database.into(),
            sslmode: sslmode.map(str::to_owned),
        })
    }

    fn refused_fields(result: Result<ConnectionChoice>) -> Vec<String> {
        match result {
            Err(Error::Invalid(fields)) => fields.into_iter().map(|f| f.field).collect(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_file_is_read_from_its_one_word() {
        assert_eq!(
            read(r#"{"location": "file"}"#, "connection.json").expect("a file"),
            ConnectionChoice::File,
            "a database file on this computer"
        );
    }

    #[test]
    fn a_server_is_read_with_the_default_port_and_tidied() {
        let choice = read(
            r#"{"location": "server", "host": " db.trust.nhs.uk ", "database": "appraise_coding"}"#,
            "connection.json",
        )
        .expect("a server");
        assert_eq!(
            choice,
            server("db.trust.nhs.uk", 5432, "appraise_coding", None),
            "spaces trimmed, port 5432 when none is given"
        );
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let choice = server("10.1.2.3", 6432, "appraise", Some("verify-full"));
        let text = write(&choice).expect("written");
        assert_eq!(read(&text, "connection.json").expect("read back"), choice, "round trip");
    }

    #[test]
    fn an_unreadable_file_is_refused_naming_it() {
        let refused = read("{\"location\": \"cloud\"}", "/etc/appraise/connection.json").expect_err("refused");
        assert!(
            refused.to_string().contains("/etc/appraise/connection.json"),
            "the message names the file: {refused}"
        );
        let refused = read(
            r#"{"location": "server", "host": "db", "database": "d", "password": "x"}"#,
            "connection.json",
        )
        .expect_err("no passwords in the file");
        assert!(
            refused.to_string().contains("password"),
            "the unknown key is named: {refused}"
        );
    }

    #[test]
    fn tls_is_required_to_another_computer() {
        assert_eq!(
            refused_fields(check(server("db.trust.nhs.uk", 5432, "appraise", Some("disable")))),
            ["sslmode"],
            "sslmode=disable to the network is refused"
        );
        assert!(
            check(server("localhost", 5432, "appraise", Some("disable"))).is_ok(),
            "this computer may go without TLS"
        );
        assert!(
            check(server("/run/postgresql", 5432, "appraise", None)).is_ok(),
            "a Unix socket needs none"
        );
        let url = url_for(
            &ServerPlace {
                host: "db.trust.nhs.uk".into(),
                port: 5432,
                database: "appraise".into(),
                sslmode: None,
            },
            "C1001",
            "pass",
        )
        .expect("an address");
        assert_eq!(
            url.sslmode(),
            SslMode::Require,
            "unset means TLS required to the network"
        );
        assert_eq!(url.login(), "appraise_C1001", "the person's own login");
    }

    #[test]
    fn every_missing_or_wrong_part_is_named() {
        assert_eq!(
            refused_fields(check(server("", 0, " ", Some("sometimes")))),
            ["host", "port", "database", "sslmode"],
            "one message per field"
        );
        assert_eq!(
            refused_fields(check(server("db trust", 70000, &"d".repeat(64), None))),
            ["host", "port", "database"],
            "a host with a space, a port too high, a name too long"
        );
    }
}
