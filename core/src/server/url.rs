//! Where the database is: a file, or a PostgreSQL server named by a URL
//! (`--db`, `APPRAISE_DB`), with the TLS rule for reaching it. Pure parsing:
//! the caller reads `PGPASSWORD` and passes it in.

use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;

use crate::{Error, Result};

/// PostgreSQL's port when the address names none.
pub const DEFAULT_PORT: u16 = 5432;

/// The settings a server address may carry after `?`.
const SETTINGS: &str = "host, port, user, password, dbname and sslmode";

/// A database file (one PC) or a PostgreSQL server (a department).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbLocation {
    File(PathBuf),
    Server(ServerUrl),
}

impl DbLocation {
    /// Reads `--db` or `APPRAISE_DB`. Text that starts `postgres://` or
    /// `postgresql://` is a server; text that starts with another URL
    /// scheme (`mysql://`, `file://`, …), or `postgres:` without the `//`,
    /// is refused; anything else is a file path, exactly as before
    /// department mode.
    ///
    /// A server address is `postgres://LOGIN:PASSWORD@HOST:PORT/DATABASE`,
    /// with the login, password and database name percent-encoded (`@` as
    /// `%40`, `/` as `%2F`, `%` as `%25`); `HOST` may be an IPv6 address in
    /// brackets (`[::1]`), the port defaults to 5432, and a Unix socket is
    /// written `postgres://LOGIN@/DATABASE?host=/socket/dir`. The settings
    /// `host`, `port`, `user`, `password`, `dbname` and `sslmode` may follow
    /// `?`. When the address holds no password, `pgpassword` (the caller's
    /// `$PGPASSWORD`) is used.
    ///
    /// TLS (`sslmode`, as libpq reads it):
    /// - To a host on the network, TLS is required: `sslmode` unset means
    ///   `require`; `prefer`, `require`, `verify-ca` and `verify-full` are
    ///   honoured, and `sslmode=disable` is refused, since the records (and,
    ///   with a server set to ask for it, the passphrase) would cross the
    ///   trust's network unencrypted.
    /// - To a loopback address (`127.0.0.0/8`, `::1`, `localhost`), nothing
    ///   leaves this computer: unset means `prefer` (TLS when the server
    ///   offers it), and every mode, `disable` included, is honoured.
    /// - Over a Unix socket, TLS does not apply (PostgreSQL offers none there
    ///   and libpq ignores `sslmode`): the mode is always `disable`.
    ///
    /// Errors name what is wrong and never quote the login or password.
    pub fn parse(text: &str, pgpassword: Option<&str>) -> Result<DbLocation> {
        match scheme(text) {
            // A mistyped address would otherwise be a file path, and a
            // message about that file would quote its password.
            None if starts_like_postgres(text) => Err(refused(
                "A PostgreSQL server's address starts postgres:// (two slashes), \
                 as in postgres://LOGIN@HOST/DATABASE.",
            )),
            None => Ok(DbLocation::File(PathBuf::from(text))),
            Some((scheme, rest)) if is_postgres(scheme) => ServerUrl::parse(rest, pgpassword).map(DbLocation::Server),
            Some((scheme, _)) => Err(refused(format!(
                "`{scheme}://` is not a database Appraise can open: give a database file's path, \
                 or a PostgreSQL server as postgres://LOGIN@HOST/DATABASE."
            ))),
        }
    }
}

/// Where the server listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// A host name, resolved when connecting.
    Name(String),
    Ip(IpAddr),
    /// The directory holding the server's Unix socket.
    Socket(PathBuf),
}

impl Host {
    /// A Unix socket or a loopback address: the connection never leaves
    /// this computer.
    pub fn is_local(&self) -> bool {
        match self {
            Host::Name(name) => name.eq_ignore_ascii_case("localhost"),
            Host::Ip(IpAddr::V4(ip)) => ip.is_loopback(),
            Host::Ip(IpAddr::V6(ip)) => ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
            Host::Socket(_) => true,
        }
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Name(name) => f.write_str(name),
            Host::Ip(IpAddr::V4(ip)) => write!(f, "{ip}"),
            Host::Ip(IpAddr::V6(ip)) => write!(f, "[{ip}]"),
            Host::Socket(dir) => write!(f, "the Unix socket in {}", dir.display()),
        }
    }
}

/// TLS to the server, as libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// TLS when the server offers it; the certificate is not checked.
    Prefer,
    /// TLS or no connection; the certificate is not checked.
    Require,
    /// TLS, the certificate signed by a trusted authority.
    VerifyCa,
    /// TLS, the certificate signed by a trusted authority and naming the host.
    VerifyFull,
}

impl SslMode {
    pub(crate) fn parse(text: &str) -> Option<SslMode> {
        Some(match text {
            "disable" => SslMode::Disable,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    /// The `postgres` crate's mode. It has no verifying modes: `verify-ca`
    /// and `verify-full` are `Require`, and the TLS connector given to
    /// `connect` must check the certificate (and for `verify-full` the host
    /// name) itself; for `prefer` and `require` it must not, as in libpq.
    pub fn postgres(self) -> postgres::config::SslMode {
        match self {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Prefer => postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => postgres::config::SslMode::Require,
        }
    }
}

/// A checked server address. Its `Display` and `Debug` forms hide the
/// password, so either may go into a message.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerUrl {
    host: Host,
    port: u16,
    login: String,
    password: Option<String>,
    dbname: String,
    sslmode: SslMode,
}

impl ServerUrl {
    pub fn host(&self) -> &Host {
        &self.host
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn login(&self) -> &str {
        &self.login
    }

    /// From the address, or else from `PGPASSWORD`; `None` leaves it to the
    /// server (a Unix socket's peer authentication, for one).
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    pub fn dbname(&self) -> &str {
        &self.dbname
    }

    /// The mode after the TLS rule (see [`DbLocation::parse`]).
    pub fn sslmode(&self) -> SslMode {
        self.sslmode
    }

    /// The connection description for `postgres::Config::connect`; the TLS
    /// connector passed with it must follow [`SslMode::postgres`].
    pub fn config(&self) -> postgres::Config {
        let mut config = postgres::Config::new();
        config
            .user(&self.login)
            .dbname(&self.dbname)
            .port(self.port)
            .ssl_mode(self.sslmode.postgres())
            // A server that does not answer is reported, not waited for.
            .connect_timeout(std::time::Duration::from_secs(10))
            .application_name("appraise");
        if let Some(password) = &self.password {
            config.password(password);
        }
        match &self.host {
            Host::Name(name) => config.host(name),
            Host::Ip(ip) => config.host(&ip.to_string()),
            #[cfg(unix)]
            Host::Socket(dir) => config.host_path(dir),
            // Refused when parsed: no Unix sockets here.
            #[cfg(not(unix))]
            Host::Socket(dir) => config.host(&dir.to_string_lossy()),
        };
        config
    }

    /// `rest` is what follows `postgres://`.
    /// A server address from its parts, as the window's connection settings
    /// give them (`server::connection`), under the same TLS rule.
    pub(crate) fn from_parts(
        host: Host,
        port: u16,
        login: String,
        password: Option<String>,
        dbname: String,
        sslmode: Option<SslMode>,
    ) -> Result<ServerUrl> {
        let sslmode = tls_rule(&host, sslmode)?;
        Ok(ServerUrl {
            host,
            port,
            login,
            password,
            dbname,
            sslmode,
        })
    }

    fn parse(rest: &str, pgpassword: Option<&str>) -> Result<ServerUrl> {
        // The login and password end at the last '@', so an unencoded '@' in
        // a password still reads, and no part of the password reaches the
        // host, port or settings below, whose messages quote what they read.
        let (userinfo, rest) = match rest.rfind('@') {
            Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
            None => (None, rest),
        };
        let mut login = None;
        let mut password = None;
        if let Some(userinfo) = userinfo {
            if userinfo.contains(['/', '?', '#']) {
                return Err(refused(
                    "The login or password in the server address holds a '/', '?' or '#': \
                     percent-encode it (/ as %2F, ? as %3F, # as %23, @ as %40).",
                ));
            }
            let (name, secret) = match userinfo.split_once(':') {
                Some((name, secret)) => (name, Some(secret)),
                None => (userinfo, None),
            };
            login = non_empty(decode(name, "login")?);
            if let Some(secret) = secret {
                password = non_empty(decode(secret, "password")?);
            }
        }
        if rest.contains('#') {
            return Err(refused("The server address holds a '#': percent-encode it as %23."));
        }
        let (rest, query) = match rest.split_once('?') {
            Some((rest, query)) => (rest, Some(query)),
            None => (rest, None),
        };
        let (authority, path) = match rest.split_once('/') {
            Some((authority, path)) => (authority, Some(path)),
            None => (rest, None),
        };
        let (mut host, mut port) = parse_authority(authority)?;
        let mut dbname = None;
        if let Some(path) = path {
            if path.contains('/') {
                return Err(refused(
                    "The database name in the server address holds a '/': \
                     the address ends /DATABASE (write a '/' in the name as %2F).",
                ));
            }
            dbname = non_empty(decode(path, "database name")?);
        }
        let mut sslmode = None;
        for pair in query.into_iter().flat_map(|q| q.split('&')).filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(key, "setting name")?;
            let value = decode(value, &format!("value of `{key}`"))?;
            if value.is_empty() {
                return Err(refused(format!("The server address gives `{key}` no value.")));
            }
            match key.as_str() {
                "host" => set_once(&mut host, parse_host(&value)?, "host")?,
                "port" => set_once(&mut port, parse_port(&value)?, "port")?,
                "user" => set_once(&mut login, value, "login")?,
                "password" => set_once(&mut password, value, "password")?,
                "dbname" => set_once(&mut dbname, value, "database name")?,
                "sslmode" => {
                    let mode = SslMode::parse(&value).ok_or_else(|| {
                        refused(format!(
                            "The server address's sslmode `{value}` is not one Appraise knows: \
                             use disable, prefer, require, verify-ca or verify-full."
                        ))
                    })?;
                    set_once(&mut sslmode, mode, "sslmode")?
                }
                _ => {
                    return Err(refused(format!(
                        "The server address has a setting Appraise does not use: `{key}` (it reads {SETTINGS})."
                    )));
                }
            }
        }
        let host = host.ok_or_else(|| {
            refused(
                "The server address names no host: write postgres://LOGIN@HOST/DATABASE, \
                 or postgres://LOGIN@/DATABASE?host=/socket/dir for a Unix socket.",
            )
        })?;
        let login =
            login.ok_or_else(|| refused("The server address names no login: write postgres://LOGIN@HOST/DATABASE."))?;
        let dbname = dbname.ok_or_else(|| {
            refused(
                "The server address names no database: end it with /DATABASE, as in postgres://LOGIN@HOST/DATABASE.",
            )
        })?;
        let password = password.or_else(|| pgpassword.filter(|p| !p.is_empty()).map(str::to_owned));
        let sslmode = tls_rule(&host, sslmode)?;
        Ok(ServerUrl {
            host,
            port: port.unwrap_or(DEFAULT_PORT),
            login,
            password,
            dbname,
            sslmode,
        })
    }
}

/// `postgres://LOGIN:***@HOST:PORT/DATABASE?sslmode=MODE`, or for a socket
/// `postgres://LOGIN@/DATABASE?host=DIR&port=PORT`: the password is never
/// shown, only `***` where there is one.
impl fmt::Display for ServerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "postgres://{}", encode(&self.login, ""))?;
        if self.password.is_some() {
            f.write_str(":***")?;
        }
        f.write_str("@")?;
        match &self.host {
            Host::Socket(dir) => write!(
                f,
                "/{}?host={}&port={}",
                encode(&self.dbname, ""),
                encode(&dir.to_string_lossy(), "/"),
                self.port
            ),
            host => write!(
                f,
                "{host}:{}/{}?sslmode={}",
                self.port,
                encode(&self.dbname, ""),
                self.sslmode.as_str()
            ),
        }
    }
}

/// The display form, so a `{:?}` in a log or a test failure never shows the
/// password either.
impl fmt::Debug for ServerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServerUrl({self})")
    }
}

/// The TLS rule of [`DbLocation::parse`].
fn tls_rule(host: &Host, asked: Option<SslMode>) -> Result<SslMode> {
    match (host, asked) {
        (Host::Socket(_), _) => Ok(SslMode::Disable),
        (_, Some(SslMode::Disable)) if !host.is_local() => Err(refused(format!(
            "The server address asks for sslmode=disable to {host}, which is not on this computer: \
             the records would cross the network unencrypted. Leave sslmode out (TLS is then required) \
             or use verify-full."
        ))),
        (_, Some(mode)) => Ok(mode),
        (_, None) if host.is_local() => Ok(SslMode::Prefer),
        (_, None) => Ok(SslMode::Require),
    }
}

/// `HOST`, `HOST:PORT`, `[IPV6]:PORT` or nothing.
fn parse_authority(authority: &str) -> Result<(Option<Host>, Option<u16>)> {
    if authority.contains(',') {
        return Err(refused(
            "The server address names more than one host; Appraise connects to one.",
        ));
    }
    if let Some(inner) = authority.strip_prefix('[') {
        let (address, after) = inner.split_once(']').ok_or_else(|| {
            refused("The server address opens '[' for an IPv6 address but does not close it with ']'.")
        })?;
        let ip = address.parse::<std::net::Ipv6Addr>().map_err(|_| {
            refused(format!(
                "`{address}` in brackets in the server address is not an IPv6 address."
            ))
        })?;
        let port = match after {
            "" => None,
            after => {
                let port = after
                    .strip_prefix(':')
                    .ok_or_else(|| refused("In the server address only :PORT may follow an IPv6 address's ']'."))?;
                Some(parse_port(port)?)
            }
        };
        return Ok((Some(Host::Ip(IpAddr::V6(ip))), port));
    }
    let (host, port) = match authority.split_once(':') {
        Some((_, port)) if port.contains(':') => {
            return Err(refused(
                "The server address has an IPv6 address without brackets: write it as postgres://LOGIN@[::1]/DATABASE.",
            ));
        }
        Some((host, port)) => (host, Some(parse_port(port)?)),
        None => (authority, None),
    };
    let host = decode(host, "host")?;
    let host = if host.is_empty() {
        None
    } else {
        Some(parse_host(&host)?)
    };
    Ok((host, port))
}

/// A decoded host: a socket directory when it starts with '/', else an IP
/// address or a host name.
pub(crate) fn parse_host(text: &str) -> Result<Host> {
    if text.starts_with('/') {
        if !cfg!(unix) {
            return Err(refused(
                "A Unix socket (host=/…) cannot be used on this computer: give a host name.",
            ));
        }
        return Ok(Host::Socket(PathBuf::from(text)));
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Ok(Host::Ip(ip));
    }
    let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_');
    if text.chars().all(name_char) {
        Ok(Host::Name(text.to_owned()))
    } else {
        Err(refused(format!(
            "`{text}` in the server address is not a host name or address."
        )))
    }
}

/// The port text is never quoted back: with a login and password that are
/// missing their '@', it may be the password.
fn parse_port(text: &str) -> Result<u16> {
    text.parse::<u16>()
        .ok()
        .filter(|port| *port != 0 && text.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| refused("The port in the server address must be a number from 1 to 65535."))
}

fn set_once<T>(slot: &mut Option<T>, value: T, what: &str) -> Result<()> {
    if slot.is_some() {
        return Err(refused(format!("The server address gives the {what} twice.")));
    }
    *slot = Some(value);
    Ok(())
}

/// Percent-decoding; `what` names the part in a message, which never quotes it.
fn decode(text: &str, what: &str) -> Result<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                .ok_or_else(|| {
                    refused(format!(
                        "The {what} in the server address has a '%' not followed by two hexadecimal digits: \
                         write % itself as %25."
                    ))
                })?;
            let hex = std::str::from_utf8(hex).expect("hexadecimal digits are ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("two hexadecimal digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| refused(format!("The {what} in the server address is not UTF-8 once decoded.")))
}

/// A login, password, database or socket folder as one part of a
/// `postgres://` address: everything but letters, digits and `-._~`
/// percent-encoded (what [`DbLocation::parse`] decodes).
pub fn percent_encode(text: &str) -> String {
    encode(text, "")
}

/// Percent-encoding for the display form: everything but letters, digits,
/// `-._~` and the characters in `keep`.
fn encode(text: &str, keep: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || "-._~".contains(c) || keep.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// The URL scheme and what follows `://`, when the text has one: letters
/// first, then letters, digits, `+`, `-` or `.`, at least two characters (so
/// that `C://x` stays a Windows path).
fn scheme(text: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = text.split_once("://")?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = scheme.len() >= 2
        && first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// `postgres:` or `postgresql:` without the `//`.
fn starts_like_postgres(text: &str) -> bool {
    text.split_once(':').is_some_and(|(scheme, _)| is_postgres(scheme))
}

fn is_postgres(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("postgres") || scheme.eq_ignore_ascii_case("postgresql")
}

fn refused(message: impl Into<String>) -> Error {
    Error::invalid("db", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "Sekr3t-Pa55";

    fn server(text: &str) -> ServerUrl {
        match DbLocation::parse(text, None) {
            Ok(DbLocation::Server(url)) => url,
            other => panic!("{text} should be a server address, got {other:?}"),
        }
    }

    fn refusal(text: &str) -> String {
        match DbLocation::parse(text, Some(SECRET)) {
            Err(err) => {
                assert_eq!(err.code(), "invalid", "a bad address is refused as invalid input");
                err.to_string()
            }
            Ok(location) => panic!("{text} should be refused, got {location:?}"),
        }
    }

    #[test]
    fn anything_that_is_not_a_url_is_a_file_path_as_before() {
        for text in [
            "x.db",
            "/tmp/a b.db",
            "relative/dir/appraise.db",
            "C:\\Users\\me\\x.db",
            "C://x.db",
            "postgres",
            "postgres.db",
        ] {
            assert_eq!(
                DbLocation::parse(text, Some(SECRET)).unwrap(),
                DbLocation::File(PathBuf::from(text)),
                "{text} stays a file path"
            );
        }
    }

    #[test]
    fn a_full_address_is_read_with_its_password_percent_decoded() {
        let url = server("postgres://appraise_100004:p%40ss%2Fw%3Ard%25@db.trust.example:5433/appraise");
        assert_eq!(url.login(), "appraise_100004");
        assert_eq!(url.password(), Some("p@ss/w:rd%"), "%40, %2F, %3A and %25 are decoded");
        assert_eq!(url.host(), &Host::Name("db.trust.example".into()));
        assert_eq!(url.port(), 5433);
        assert_eq!(url.dbname(), "appraise");
        assert_eq!(
            url.sslmode(),
            SslMode::Require,
            "TLS is required to a host on the network"
        );
    }

    #[test]
    fn postgresql_is_the_same_scheme_in_any_case() {
        for scheme in ["postgresql", "POSTGRES", "PostgreSQL"] {
            let url = server(&format!("{scheme}://me@db.trust.example/appraise"));
            assert_eq!(url.login(), "me", "{scheme}:// is a server address");
        }
    }

    #[test]
    fn the_port_defaults_to_5432() {
        assert_eq!(server("postgres://me@db.trust.example/appraise").port(), DEFAULT_PORT);
        assert_eq!(DEFAULT_PORT, 5432);
    }

    #[test]
    fn a_unix_socket_is_named_by_the_host_setting_or_an_encoded_path() {
        let url = server("postgres://appraise_100004@/appraise?host=/var/run/postgresql");
        assert_eq!(url.host(), &Host::Socket("/var/run/postgresql".into()));
        assert_eq!(url.port(), 5432);
        assert_eq!(url.sslmode(), SslMode::Disable, "no TLS over a Unix socket");
        let url = server("postgres://me@%2Ftmp%2Fpg/appraise?port=5433");
        assert_eq!(
            url.host(),
            &Host::Socket("/tmp/pg".into()),
            "a host starting with %2F is a socket directory"
        );
        assert_eq!(url.port(), 5433, "the port names the socket file");
    }

    #[test]
    fn an_ipv6_host_is_written_in_brackets() {
        let url = server("postgres://me@[2001:db8::1]:6543/appraise");
        assert_eq!(url.host(), &Host::Ip("2001:db8::1".parse().unwrap()));
        assert_eq!(url.port(), 6543);
        assert_eq!(url.sslmode(), SslMode::Require);
        assert!(
            refusal("postgres://me@2001:db8::1/appraise").contains("brackets"),
            "unbracketed IPv6 is refused"
        );
        assert!(
            refusal("postgres://me@[2001:db8::1/appraise").contains("']'"),
            "an unclosed bracket is refused"
        );
        assert!(refusal("postgres://me@[db.example]/appraise").contains("not an IPv6 address"));
    }

    #[test]
    fn tls_is_required_by_default_except_on_this_computer() {
        for (text, expected) in [
            ("postgres://me@db.trust.example/a", SslMode::Require),
            ("postgres://me@10.1.2.3/a", SslMode::Require),
            ("postgres://me@[2001:db8::1]/a", SslMode::Require),
            ("postgres://me@localhost/a", SslMode::Prefer),
            ("postgres://me@LocalHost:5433/a", SslMode::Prefer),
            ("postgres://me@127.0.0.1/a", SslMode::Prefer),
            ("postgres://me@127.4.5.6/a", SslMode::Prefer),
            ("postgres://me@[::1]/a", SslMode::Prefer),
            ("postgres://me@[::ffff:127.0.0.1]/a", SslMode::Prefer),
            ("postgres://me@/a?host=/run/postgresql", SslMode::Disable),
        ] {
            assert_eq!(server(text).sslmode(), expected, "default sslmode for {text}");
        }
    }

    #[test]
    fn every_sslmode_is_honoured_to_a_network_host_but_disable() {
        for mode in ["prefer", "require", "verify-ca", "verify-full"] {
            let url = server(&format!("postgres://me@db.trust.example/a?sslmode={mode}"));
            assert_eq!(url.sslmode().as_str(), mode, "sslmode={mode} is kept");
        }
        let message = refusal("postgres://me@db.trust.example/a?sslmode=disable");
        assert!(
            message.contains("sslmode=disable"),
            "the refusal names the setting: {message}"
        );
        assert!(message.contains("db.trust.example"), "and the host: {message}");
        assert!(message.contains("unencrypted"), "and says why: {message}");
    }

    #[test]
    fn sslmode_disable_is_allowed_on_this_computer() {
        assert_eq!(
            server("postgres://me@localhost/a?sslmode=disable").sslmode(),
            SslMode::Disable
        );
        assert_eq!(
            server("postgres://me@[::1]/a?sslmode=disable").sslmode(),
            SslMode::Disable
        );
        assert_eq!(
            server("postgres://me@/a?host=/tmp&sslmode=verify-full").sslmode(),
            SslMode::Disable,
            "a socket ignores sslmode, as libpq does"
        );
    }

    #[test]
    fn an_unknown_sslmode_is_refused_naming_it() {
        let message = refusal("postgres://me:pw@db.trust.example/a?sslmode=allways");
        assert!(message.contains("sslmode") && message.contains("allways"), "{message}");
        assert!(
            message.contains("verify-full"),
            "the message lists the modes: {message}"
        );
    }

    #[test]
    fn the_password_comes_from_pgpassword_when_the_address_has_none() {
        let parse = |text: &str, env: Option<&str>| match DbLocation::parse(text, env).unwrap() {
            DbLocation::Server(url) => url.password().map(str::to_owned),
            DbLocation::File(_) => panic!("a server"),
        };
        assert_eq!(
            parse("postgres://me@h.example/a", Some("from-env")).as_deref(),
            Some("from-env")
        );
        assert_eq!(
            parse("postgres://me:in-url@h.example/a", Some("from-env")).as_deref(),
            Some("in-url"),
            "the address wins"
        );
        assert_eq!(
            parse("postgres://me:@h.example/a", Some("from-env")).as_deref(),
            Some("from-env"),
            "an empty password is none"
        );
        assert_eq!(
            parse("postgres://me@h.example/a", Some("")),
            None,
            "an empty PGPASSWORD is none"
        );
        assert_eq!(parse("postgres://me@h.example/a", None), None);
    }

    #[test]
    fn settings_may_carry_the_login_password_and_database() {
        let url = server("postgres://db.trust.example/?user=appraise_100004&password=p%26w&dbname=appraise");
        assert_eq!(url.login(), "appraise_100004");
        assert_eq!(url.password(), Some("p&w"));
        assert_eq!(url.dbname(), "appraise");
    }

    #[test]
    fn an_unencoded_at_sign_in_the_password_still_reads() {
        assert_eq!(server("postgres://me:p@ss@db.trust.example/a").password(), Some("p@ss"));
    }

    #[test]
    fn a_bad_address_is_refused_naming_what_is_wrong() {
        for (text, expected) in [
            ("postgres://me@/appraise", "names no host"),
            ("postgres://db.trust.example/appraise", "names no login"),
            ("postgres://me@db.trust.example", "names no database"),
            ("postgres://me@db.trust.example/", "names no database"),
            ("postgres://me@db.trust.example:0/a", "port"),
            ("postgres://me@db.trust.example:70000/a", "port"),
            ("postgres://me@db.trust.example:54x/a", "port"),
            ("postgres://me@db.trust.example:/a", "port"),
            ("postgres://me@a.example,b.example/a", "more than one host"),
            ("postgres://me:p%zz@db.trust.example/a", "password"),
            ("postgres://me:p%C3@db.trust.example/a", "not UTF-8"),
            ("postgres://me@db.trust.example/a?sslcert=x.pem", "`sslcert`"),
            (
                "postgres://me@db.trust.example/a?sslmode=require&sslmode=require",
                "sslmode twice",
            ),
            ("postgres://me@db.trust.example/a?host=other.example", "host twice"),
            ("postgres://me@db.trust.example/a?user=you", "login twice"),
            ("postgres://me@db.trust.example/a?port", "`port` no value"),
            ("postgres://me@db.trust.example/a/b", "database name"),
            ("postgres://me@db trust/a", "not a host name"),
            ("postgres://me@db.trust.example/a#x", "'#'"),
            ("mysql://me@db.trust.example/a", "`mysql://`"),
            ("postgres:/me@db.trust.example/a", "postgres://"),
        ] {
            let message = refusal(text);
            assert!(
                message.contains(expected),
                "{text}: expected {expected:?} in {message:?}"
            );
        }
    }

    #[test]
    fn no_refusal_quotes_the_password() {
        for text in [
            "postgres://me:Sekr3t-Pa55@db.trust.example/a?sslmode=disable",
            "postgres://me:Sekr3t-Pa55@db.trust.example/a?sslmode=bogus",
            "postgres://me:Sekr3t-Pa55@db.trust.example/a?unknown=1",
            "postgres://me:Sekr3t-Pa55@db.trust.example:port/a",
            "postgres://me:Sekr3t-Pa55@/a",
            "postgres://me:Sekr3t-Pa55@db.trust.example",
            "postgres://me:Sekr3t-Pa55%@db.trust.example/a",
            "postgres://me:Sekr3t/Pa55@db.trust.example/a",
            "postgres://me:Sekr3t?Pa55@db.trust.example/a",
            "postgres://me:Sekr3t#Pa55@db.trust.example/a",
            "postgres://me:Sekr3t-Pa55",
            "postgres://me:Sekr3t-Pa55/a",
            "postgres://db.trust.example/a?password=Sekr3t-Pa55&password=Sekr3t-Pa55",
            "postgres:me:Sekr3t-Pa55@db.trust.example/a",
            "postgresql:/me:Sekr3t-Pa55@db.trust.example/a",
            "postgresx://me:Sekr3t-Pa55@db.trust.example/a",
        ] {
            let message = refusal(text);
            for part in ["Sekr3t", "Pa55"] {
                assert!(
                    !message.contains(part),
                    "the message for {text} quotes the password: {message}"
                );
            }
        }
    }

    #[test]
    fn the_display_and_debug_forms_hide_the_password() {
        let url = server("postgres://appraise_100004:Sekr3t-Pa55@db.trust.example/appraise");
        assert_eq!(
            url.to_string(),
            "postgres://appraise_100004:***@db.trust.example:5432/appraise?sslmode=require"
        );
        assert!(!format!("{url:?}").contains("Sekr3t"), "Debug hides the password");
        assert!(!format!("{:?}", DbLocation::Server(url)).contains("Sekr3t"));
        let url = server("postgres://me%20x@/my%2Fdb?host=/run/postgresql&port=5433");
        assert_eq!(
            url.to_string(),
            "postgres://me%20x@/my%2Fdb?host=/run/postgresql&port=5433"
        );
        let url = server("postgres://me@[::1]/a");
        assert_eq!(url.to_string(), "postgres://me@[::1]:5432/a?sslmode=prefer");
        assert_eq!(server(&url.to_string()), url, "the display form reads back");
    }

    #[test]
    fn the_postgres_config_carries_every_part() {
        let url = server("postgres://appraise_100004:p%40ss@db.trust.example:5433/appraise?sslmode=verify-full");
        let config = url.config();
        assert_eq!(config.get_user(), Some("appraise_100004"));
        assert_eq!(config.get_password(), Some(&b"p@ss"[..]));
        assert_eq!(config.get_dbname(), Some("appraise"));
        assert_eq!(
            config.get_hosts(),
            &[postgres::config::Host::Tcp("db.trust.example".into())]
        );
        assert_eq!(config.get_ports(), &[5433]);
        assert_eq!(
            config.get_ssl_mode(),
            postgres::config::SslMode::Require,
            "verify-full needs TLS"
        );
        let config = server("postgres://me@[::1]/a").config();
        assert_eq!(config.get_hosts(), &[postgres::config::Host::Tcp("::1".into())]);
        assert_eq!(config.get_ssl_mode(), postgres::config::SslMode::Prefer);
        assert_eq!(config.get_password(), None);
    }

    #[cfg(unix)]
    #[test]
    fn the_postgres_config_of_a_socket_names_its_directory() {
        let config = server("postgres://me@/a?host=/run/postgresql&port=5433").config();
        assert_eq!(
            config.get_hosts(),
            &[postgres::config::Host::Unix("/run/postgresql".into())]
        );
        assert_eq!(config.get_ports(), &[5433]);
        assert_eq!(config.get_ssl_mode(), postgres::config::SslMode::Disable);
    }
}
