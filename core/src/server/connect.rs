//! Connecting to the department's server: always through TLS-capable
//! `postgres` with the system's OpenSSL, so `sslmode=require` (and
//! `verify-full` once [`url`](super::url) sets it) is honoured; a Unix
//! socket needs no TLS and the connector is simply not used.

use postgres::{Client, Config};
use postgres_native_tls::MakeTlsConnector;

use super::server_error;
use crate::{Error, Result};

/// Connects with `config` (from a URL or `key=value` string; its sslmode
/// decides whether TLS is asked for).
pub fn connect(config: &Config) -> Result<Client> {
    let tls = native_tls::TlsConnector::new()
        .map_err(|e| Error::Io(format!("TLS could not be set up on this computer: {e}")))?;
    config.connect(MakeTlsConnector::new(tls)).map_err(server_error)
}
