//! The one handle the store reaches its database through: the embedded
//! SQLite file (rusqlite) or the department's PostgreSQL server (the
//! synchronous `postgres` client), with one small API shaped like
//! rusqlite's, so every query is written once.
//!
//! The SQL is shared: `?N` placeholders become `$N` on the server, values
//! are bound and read through rusqlite's `ToSql`/`FromSql` (so a date or a
//! code is written the same text on both engines), and a server column is
//! read as the SQLite value it would have been (integers as `i64`, flags
//! from booleans as 0/1). What differs per engine (PRAGMAs, the audit
//! chain's append, signing as a person) asks [`Connection::engine`].

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use rusqlite::types::{FromSql, FromSqlError, Type, Value, ValueRef};
pub use rusqlite::{params, ToSql};

use super::server_value::{Cell as ServerCell, Param};

/// Which database a [`Connection`] speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A failure from either engine. "No rows" is rusqlite's
/// `QueryReturnedNoRows` on both, so [`OptionalExtension`] reads it alike.
#[derive(Debug)]
pub enum Error {
    Sqlite(rusqlite::Error),
    Server(postgres::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sqlite(e) => e.fmt(f),
            Error::Server(e) => match e.as_db_error() {
                Some(db) => f.write_str(db.message()),
                None => e.fmt(f),
            },
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Sqlite(e) => Some(e),
            Error::Server(e) => Some(e),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Sqlite(e)
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        Error::Server(e)
    }
}

impl Error {
    /// The server's SQLSTATE, when the server refused.
    pub fn server_code(&self) -> Option<&str> {
        match self {
            Error::Server(e) => e.code().map(|c| c.code()),
            Error::Sqlite(_) => None,
        }
    }

    fn no_rows() -> Error {
        Error::Sqlite(rusqlite::Error::QueryReturnedNoRows)
    }
}

/// `.optional()` on a single-row query, as rusqlite's.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::Sqlite(rusqlite::Error::QueryReturnedNoRows)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The parameters of one statement, in the shapes the store writes them:
/// `params![…]`, `[]`, `[a, b]`, `(a, b)` and [`params_from_iter`].
pub trait Params {
    fn each(&self) -> Vec<&dyn ToSql>;
}

impl Params for [&(dyn ToSql + Send + Sync); 0] {
    fn each(&self) -> Vec<&dyn ToSql> {
        Vec::new()
    }
}

impl Params for &[&dyn ToSql] {
    fn each(&self) -> Vec<&dyn ToSql> {
        self.to_vec()
    }
}

impl Params for () {
    fn each(&self) -> Vec<&dyn ToSql> {
        Vec::new()
    }
}

macro_rules! array_params {
    ($($n:literal)+) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn each(&self) -> Vec<&dyn ToSql> {
                self.iter().map(|v| v as &dyn ToSql).collect()
            }
        }
        impl<T: ToSql + ?Sized> Params for &[&T; $n] {
            fn each(&self) -> Vec<&dyn ToSql> {
                self.iter().map(|v| v as &dyn ToSql).collect()
            }
        }
    )+};
}
array_params!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

macro_rules! tuple_params {
    ($(($($i:tt $t:ident),+))+) => {$(
        impl<$($t: ToSql),+> Params for ($($t,)+) {
            fn each(&self) -> Vec<&dyn ToSql> {
                vec![$(&self.$i as &dyn ToSql),+]
            }
        }
    )+};
}
tuple_params!(
    (0 A)
    (0 A, 1 B)
    (0 A, 1 B, 2 C)
    (0 A, 1 B, 2 C, 3 D)
    (0 A, 1 B, 2 C, 3 D, 4 E)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H)
);

/// Parameters from a list built at run time (a filter's optional parts).
pub struct ParamsFromIter<T>(Vec<T>);

pub fn params_from_iter<I: IntoIterator>(iter: I) -> ParamsFromIter<I::Item>
where
    I::Item: ToSql,
{
    ParamsFromIter(iter.into_iter().collect())
}

impl<T: ToSql> Params for ParamsFromIter<T> {
    fn each(&self) -> Vec<&dyn ToSql> {
        self.0.iter().map(|v| v as &dyn ToSql).collect()
    }
}

/// A column by position or by name, as in rusqlite.
pub trait ColumnIndex {
    fn position(&self, columns: &[String]) -> Result<usize>;
    fn sqlite_position(&self, row: &rusqlite::Row<'_>) -> Result<usize>;
}

impl ColumnIndex for usize {
    fn position(&self, columns: &[String]) -> Result<usize> {
        if *self < columns.len() {
            Ok(*self)
        } else {
            Err(Error::Sqlite(rusqlite::Error::InvalidColumnIndex(*self)))
        }
    }
    fn sqlite_position(&self, _row: &rusqlite::Row<'_>) -> Result<usize> {
        Ok(*self)
    }
}

impl ColumnIndex for &str {
    fn position(&self, columns: &[String]) -> Result<usize> {
        columns
            .iter()
            .position(|c| c.eq_ignore_ascii_case(self))
            .ok_or_else(|| Error::Sqlite(rusqlite::Error::InvalidColumnName((*self).to_owned())))
    }
    fn sqlite_position(&self, row: &rusqlite::Row<'_>) -> Result<usize> {
        Ok(row.as_ref().column_index(self)?)
    }
}

/// One row of a result, read with `get` as a rusqlite row is.
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Server(&'a ServerRow),
}

/// A server row, already read into SQLite's values.
pub struct ServerRow {
    columns: Arc<[String]>,
    values: Vec<Value>,
}

impl Row<'_> {
    pub fn get<I: ColumnIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        match self {
            Row::Sqlite(row) => {
                let i = idx.sqlite_position(row)?;
                Ok(row.get(i)?)
            }
            Row::Server(row) => {
                let i = idx.position(&row.columns)?;
                let value = ValueRef::from(&row.values[i]);
                T::column_result(value).map_err(|e| {
                    Error::Sqlite(match e {
                        FromSqlError::InvalidType => {
                            rusqlite::Error::InvalidColumnType(i, row.columns[i].clone(), value.data_type())
                        }
                        FromSqlError::OutOfRange(n) => rusqlite::Error::IntegralValueOutOfRange(i, n),
                        other => rusqlite::Error::FromSqlConversionFailure(i, value.data_type(), Box::new(other)),
                    })
                })
            }
        }
    }
}

/// A connection to either engine. Like rusqlite's it is used from one
/// thread at a time; the server client sits in a `RefCell` so both are
/// used through `&Connection`.
pub struct Connection {
    inner: Inner,
    /// Statements run, for the page benchmark's count (no query per row).
    statements: Cell<u64>,
    // Declared after `inner`, so it runs once the connection has closed
    // (a test's database is dropped then).
    on_close: OnClose,
}

enum Inner {
    Sqlite(rusqlite::Connection),
    Server(Box<RefCell<Server>>),
}

struct Server {
    client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
    in_transaction: Cell<bool>,
    owner: bool,
}

/// Runs its closure when dropped: after the connection it follows.
struct OnClose(Option<Box<dyn FnOnce() + Send>>);

impl Drop for OnClose {
    fn drop(&mut self) {
        if let Some(close) = self.0.take() {
            close();
        }
    }
}

impl Connection {
    pub fn from_sqlite(conn: rusqlite::Connection) -> Connection {
        Connection {
            inner: Inner::Sqlite(conn),
            statements: Cell::new(0),
            on_close: OnClose(None),
        }
    }

    /// `owner`: the login acts as the database's owner role (the system).
    pub fn from_server(client: postgres::Client, owner: bool) -> Connection {
        Connection {
            inner: Inner::Server(Box::new(RefCell::new(Server {
                client,
                owner,
                statements: HashMap::new(),
                in_transaction: Cell::new(false),
            }))),
            statements: Cell::new(0),
            on_close: OnClose(None),
        }
    }

    /// How many statements this connection has run (`execute`,
    /// `execute_batch`, `query_row`, `query_map`; not BEGIN and COMMIT).
    pub fn statements_run(&self) -> u64 {
        self.statements.get()
    }

    fn count_statement(&self) {
        self.statements.set(self.statements.get() + 1);
    }

    pub fn engine(&self) -> Engine {
        match &self.inner {
            Inner::Sqlite(_) => Engine::Sqlite,
            Inner::Server(_) => Engine::Postgres,
        }
    }

    /// True when this connection acts as the system: a SQLite file always
    /// (whoever opens it may change anything), on the server only the login
    /// that owns the database. A person's server login writes the audit
    /// trail, signs and re-opens only through the server's definer
    /// functions.
    pub fn acts_as_system(&self) -> bool {
        match &self.inner {
            Inner::Sqlite(_) => true,
            Inner::Server(s) => s.borrow().owner,
        }
    }

    /// The SQLite connection itself, for what only SQLite has (PRAGMAs,
    /// the online backup, copying a file's rows to a server).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            Inner::Sqlite(c) => Some(c),
            Inner::Server(_) => None,
        }
    }

    pub fn sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.inner {
            Inner::Sqlite(c) => Some(c),
            Inner::Server(_) => None,
        }
    }

    /// Runs `f` on the server client (definer functions, `server init`).
    pub fn with_server<T>(&self, f: impl FnOnce(&mut postgres::Client) -> T) -> Option<T> {
        match &self.inner {
            Inner::Sqlite(_) => None,
            Inner::Server(s) => Some(f(&mut s.borrow_mut().client)),
        }
    }

    pub(crate) fn set_on_close(&mut self, close: Box<dyn FnOnce() + Send>) {
        self.on_close = OnClose(Some(close));
    }

    /// True outside any transaction.
    pub fn is_autocommit(&self) -> bool {
        match &self.inner {
            Inner::Sqlite(c) => c.is_autocommit(),
            Inner::Server(s) => !s.borrow().in_transaction.get(),
        }
    }

    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.count_statement();
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute(sql, params.each().as_slice())?),
            Inner::Server(s) => {
                let mut s = s.borrow_mut();
                let (statement, values) = s.prepare(sql, &params)?;
                let refs = param_refs(&values);
                Ok(s.client.execute(&statement, &refs)? as usize)
            }
        }
    }

    /// Statements without parameters, one after another.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        self.count_statement();
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Inner::Server(s) => Ok(s.borrow_mut().client.batch_execute(sql)?),
        }
    }

    pub fn query_row<T, P: Params, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        self.count_statement();
        match &self.inner {
            Inner::Sqlite(c) => {
                let mut stmt = c.prepare(sql)?;
                let mut rows = stmt.query(params.each().as_slice())?;
                match rows.next()? {
                    Some(row) => f(&Row::Sqlite(row)),
                    None => Err(Error::no_rows()),
                }
            }
            Inner::Server(_) => {
                let rows = self.server_rows(sql, &params)?;
                match rows.first() {
                    Some(row) => f(&Row::Server(row)),
                    None => Err(Error::no_rows()),
                }
            }
        }
    }

    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement {
            conn: self,
            sql: sql.to_owned(),
        })
    }

    /// As [`prepare`](Self::prepare): the server keeps every statement it
    /// has prepared, SQLite its own cache.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare(sql)
    }

    fn query_map<T, P: Params, F>(&self, sql: &str, params: P, mut f: F) -> Result<Vec<T>>
    where
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        self.count_statement();
        match &self.inner {
            Inner::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(params.each().as_slice())?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    out.push(f(&Row::Sqlite(row))?);
                }
                Ok(out)
            }
            Inner::Server(_) => self
                .server_rows(sql, &params)?
                .iter()
                .map(|r| f(&Row::Server(r)))
                .collect(),
        }
    }

    fn server_rows<P: Params>(&self, sql: &str, params: &P) -> Result<Vec<ServerRow>> {
        let Inner::Server(s) = &self.inner else {
            unreachable!("server_rows is called for the server only")
        };
        let mut s = s.borrow_mut();
        let (statement, values) = s.prepare(sql, params)?;
        let refs = param_refs(&values);
        let rows = s.client.query(&statement, &refs)?;
        let columns: Arc<[String]> = statement.columns().iter().map(|c| c.name().to_owned()).collect();
        rows.iter()
            .map(|row| {
                let values = (0..row.len())
                    .map(|i| row.try_get::<_, ServerCell>(i).map(|c| c.0))
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                Ok(ServerRow {
                    columns: columns.clone(),
                    values,
                })
            })
            .collect()
    }

    fn begin(&self, sqlite_sql: &str, write: bool) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute_batch(sqlite_sql)?),
            Inner::Server(s) => {
                let mut s = s.borrow_mut();
                // A writer waits for the department's write lock, held to
                // commit, as BEGIN IMMEDIATE waits for SQLite's: the store's
                // read-then-write steps (the next staff number, the next
                // position) then run one writer at a time on both engines.
                s.client.batch_execute(if write {
                    "BEGIN; SELECT pg_advisory_xact_lock(x'6170707261697365'::bigint)"
                } else {
                    "BEGIN"
                })?;
                s.in_transaction.set(true);
                Ok(())
            }
        }
    }

    fn end(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Inner::Server(s) => {
                let mut s = s.borrow_mut();
                s.in_transaction.set(false);
                Ok(s.client.batch_execute(sql)?)
            }
        }
    }
}

impl Server {
    /// The server's prepared statement for `sql` (kept by its text) and the
    /// parameters as server values.
    fn prepare<P: Params + ?Sized>(&mut self, sql: &str, params: &P) -> Result<(postgres::Statement, Vec<Param>)> {
        let statement = match self.statements.get(sql) {
            Some(s) => s.clone(),
            None => {
                let s = self.client.prepare(&placeholders(sql))?;
                self.statements.insert(sql.to_owned(), s.clone());
                s
            }
        };
        let values = params
            .each()
            .into_iter()
            .map(Param::from_sql_value)
            .collect::<Result<Vec<_>>>()?;
        Ok((statement, values))
    }
}

fn param_refs(values: &[Param]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    values
        .iter()
        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

/// A statement to run more than once, as rusqlite's.
pub struct Statement<'c> {
    conn: &'c Connection,
    sql: String,
}

impl Statement<'_> {
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        self.conn.execute(&self.sql, params)
    }

    pub fn query_row<T, P: Params, F>(&mut self, params: P, f: F) -> Result<T>
    where
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        self.conn.query_row(&self.sql, params, f)
    }

    /// Every row, read at once.
    pub fn query_map<T, P: Params, F>(&mut self, params: P, f: F) -> Result<std::vec::IntoIter<Result<T>>>
    where
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        let rows = self.conn.query_map(&self.sql, params, f)?;
        Ok(rows.into_iter().map(Ok).collect::<Vec<_>>().into_iter())
    }

    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        Ok(!self.conn.query_map(&self.sql, params, |_| Ok(()))?.is_empty())
    }
}

/// A transaction on either engine: rolled back when dropped uncommitted.
/// A writing one takes the database's write lock at its start (`BEGIN
/// IMMEDIATE` on SQLite, an advisory lock on the server, at READ
/// COMMITTED), so writers take turns alike on both engines.
pub struct Transaction<'c> {
    conn: &'c Connection,
    open: bool,
}

impl<'c> Transaction<'c> {
    /// `BEGIN IMMEDIATE` on SQLite: the write lock at once.
    pub fn immediate(conn: &'c Connection) -> Result<Transaction<'c>> {
        conn.begin("BEGIN IMMEDIATE", true)?;
        Ok(Transaction { conn, open: true })
    }

    /// A reading transaction (`BEGIN DEFERRED`): one consistent view.
    pub fn deferred(conn: &'c Connection) -> Result<Transaction<'c>> {
        conn.begin("BEGIN DEFERRED", false)?;
        Ok(Transaction { conn, open: true })
    }

    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        self.conn.end("COMMIT")
    }

    pub fn rollback(mut self) -> Result<()> {
        self.open = false;
        self.conn.end("ROLLBACK")
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.end("ROLLBACK");
        }
    }
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

/// `?N` (and a bare `?`) become `$N`; quoted text, quoted names and
/// comments are left as they are.
pub fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut next_bare = 1;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    digits = next_bare.to_string();
                    next_bare += 1;
                }
                out.push('$');
                out.push_str(&digits);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The SQLite type a value would have, for messages.
pub fn type_of(value: &Value) -> Type {
    value.data_type()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_and_bare_placeholders_become_dollar_numbers_outside_quotes() {
        assert_eq!(
            placeholders("SELECT '?1', \"a?\" FROM t WHERE a = ?1 AND b = ?12 -- ?3\n AND c = ?"),
            "SELECT '?1', \"a?\" FROM t WHERE a = $1 AND b = $12 -- ?3\n AND c = $1",
            "placeholders in text, names and comments are not parameters"
        );
    }
}
