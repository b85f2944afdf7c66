//! Moving a department in: copying a single-PC database (a SQLite file)
//! into a server database that has had `server init` and nothing else,
//! every row with its id, as the login that owns the database, in one
//! transaction. Any other target is refused untouched.
//!
//! What does not arrive exactly as it left:
//! - the built-in framework `init` wrote is kept where the file has the
//!   same rows with the same ids (its import time is the server's);
//! - the default role profiles `init` wrote give way to the file's, which
//!   the department may have edited;
//! - accounts arrive needing a new passphrase from the administrator: the
//!   file's passphrase hashes are not carried, and the person has no
//!   database login until that passphrase is set;
//! - a few columns arrive empty and are set once every row is in (see
//!   `later`), so no row names one not yet copied and no row is added
//!   under an appraisal the server already holds as signed.
//!
//! The audit rows are copied verbatim, so the chain verifies on the server.

use std::collections::{BTreeMap, BTreeSet};

use postgres::types::{ToSql, Type};
use postgres::Transaction;
use rusqlite::types::Value;
use serde::Serialize;

use super::copy::{advance_identity, copy_table, ident, param};
use super::server_error;
use crate::store::Engine;
use crate::{Error, Result, Store};

/// Every table of the store, in an order its rows can arrive in: each
/// refers only to tables before it (or to itself, to rows with lower ids,
/// or through a column `later` names).
pub const TABLES: &[&str] = &[
    "staff",
    "framework",
    "framework_skill",
    "framework_competency",
    "framework_statement",
    "role_profile",
    "role_expectation",
    "nccq_course",
    "nccq_exam_attempt",
    "ihrim_membership",
    "coding_audit",
    "account",
    "audit",
    "setting",
    "appraisal",
    "appraisal_previous_objective",
    "appraisal_objective",
    "appraisal_skill",
    "appraisal_kpi_objective",
    "appraisal_pdp_item",
    "pdp_progress",
    "appraisal_wellbeing",
    "appraisal_pay_criterion",
    "training_record",
    "cpd_entry",
    "pay_step_standard",
    "pay_step_review",
    "retention_case",
];

/// The built-in framework's tables: `init` fills them, and a framework
/// version is never changed, so the server's rows must be the file's.
const FRAMEWORK: &[&str] = &[
    "framework",
    "framework_skill",
    "framework_competency",
    "framework_statement",
];

/// The time a framework was added to a database: the server's is when
/// `init` ran, the file's when it was first opened. Not its content.
const IMPORT_TIME: (&str, &str) = ("framework", "imported_at");

/// What an account carried over holds instead of the file's passphrase
/// hash: not a PHC string, so no passphrase matches it.
pub const PASSPHRASE_NOT_CARRIED: &str = "!transferred: the administrator sets a new passphrase";

/// What [`transfer`] did, table by table, in [`TABLES`] order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransferReport {
    pub tables: Vec<TableCopied>,
    /// Accounts that need a new passphrase from the administrator before
    /// their person can sign in.
    pub accounts_to_reset: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCopied {
    pub table: String,
    /// Rows copied from the file.
    pub copied: u64,
    /// Rows the server had already, identical to the file's (the built-in
    /// framework).
    pub kept: u64,
}

impl TransferReport {
    /// One line for a person, after the table of counts.
    pub fn message(&self) -> String {
        let copied: u64 = self.tables.iter().map(|t| t.copied).sum();
        match self.accounts_to_reset {
            0 => format!("Copied {copied} rows. The file had no accounts."),
            1 => format!("Copied {copied} rows. 1 account was carried over: it needs a new passphrase, set by the administrator, before its person can sign in."),
            n => format!("Copied {copied} rows. {n} accounts were carried over: each needs a new passphrase, set by the administrator, before its person can sign in."),
        }
    }
}

/// Copies the department in `from` (a SQLite file) into `to` (a server
/// database opened by the login that owns it, which has had `server init`
/// and nothing else), in one transaction on the server. Anything else is
/// refused and nothing on the server changes; the file is only read.
pub fn transfer(from: &Store, to: &Store) -> Result<TransferReport> {
    let source = from
        .conn()
        .sqlite()
        .ok_or_else(|| Error::invalid("from", "A transfer copies from a database file, not from a server."))?;
    if to.engine() != Engine::Postgres {
        return Err(Error::invalid(
            "to",
            "A transfer copies into a department's PostgreSQL server, not into a file.",
        ));
    }
    if !to.conn().acts_as_system() {
        return Err(Error::invalid(
            "to",
            "Only the login that owns the server database (the one that ran `server init`) can transfer a department into it.",
        ));
    }
    // One consistent view of the file, even with the app open on it.
    let read = source.unchecked_transaction()?;
    to.conn()
        .with_server(|client| {
            let mut tx = client.transaction().map_err(server_error)?;
            let report = copy_all(&read, &mut tx)?;
            tx.commit().map_err(server_error)?;
            Ok(report)
        })
        .expect("the target is a server")
}

fn copy_all(from: &rusqlite::Connection, tx: &mut Transaction) -> Result<TransferReport> {
    // A second transfer begun meanwhile waits here, then finds the rows.
    tx.batch_execute("LOCK TABLE staff, audit IN EXCLUSIVE MODE")
        .map_err(server_error)?;
    refuse_unless_as_init_left_it(tx)?;
    let mut tables = Vec::new();
    let mut pending = Vec::new();
    let mut accounts_to_reset = 0;
    for &table in TABLES {
        let (copied, kept) = if FRAMEWORK.contains(&table) {
            copy_framework_table(from, tx, table)?
        } else if table == "role_profile" {
            // The server's are init's defaults and nothing refers to them
            // yet; the department's own (perhaps edited) take their place.
            // role_expectation's rows go with them.
            tx.execute("DELETE FROM role_profile", &[]).map_err(server_error)?;
            (copy_table(from, tx, table)?, 0)
        } else if table == "account" {
            let copied = copy_accounts(from, tx)?;
            accounts_to_reset = copied;
            (copied, 0)
        } else if !later(table).is_empty() {
            let (copied, set_later) = copy_with_later(from, tx, table)?;
            pending.push(set_later);
            (copied, 0)
        } else {
            (copy_table(from, tx, table)?, 0)
        };
        tables.push(TableCopied {
            table: table.to_owned(),
            copied,
            kept,
        });
    }
    // Backwards, so the appraisals' status and signatures are set after
    // every change to the rows under them.
    for set_later in pending.iter().rev() {
        set_later.apply(tx)?;
    }
    for table in identity_tables(tx)? {
        advance_identity(tx, &table)?;
    }
    Ok(TransferReport {
        tables,
        accounts_to_reset,
    })
}

/// Refuses a server database that holds anything `init` did not write:
/// every table but the built-in framework's and the role profiles' must be
/// empty (the framework's are checked row by row as they are copied).
fn refuse_unless_as_init_left_it(tx: &mut Transaction) -> Result<()> {
    let mut holding = Vec::new();
    for &table in TABLES {
        if FRAMEWORK.contains(&table) || table == "role_profile" || table == "role_expectation" {
            continue;
        }
        let any: bool = tx
            .query_one(&format!("SELECT EXISTS (SELECT 1 FROM {})", ident(table)), &[])
            .map_err(server_error)?
            .get(0);
        if any {
            holding.push(table);
        }
    }
    if holding.is_empty() {
        return Ok(());
    }
    Err(Error::Conflict(format!(
        "This server database already holds records ({}): a department moves only into a database that has had `server init` and nothing else. Nothing was changed.",
        holding.join(", ")
    )))
}

/// A framework table: the server's rows (the built-in framework `init`
/// wrote) must be the file's, with the same ids; they are kept and the
/// file's others copied. Returns (copied, kept).
fn copy_framework_table(from: &rusqlite::Connection, tx: &mut Transaction, table: &str) -> Result<(u64, u64)> {
    let (columns, mut rows) = read_rows(from, table)?;
    let on_server = server_rows(tx, table, &columns)?;
    let id = column(&columns, table, "id")?;
    let ignored = columns.iter().position(|c| (table, c.as_str()) == IMPORT_TIME);
    let in_file: BTreeMap<i64, &Vec<Value>> = rows.iter().filter_map(|r| Some((integer(&r[id])?, r))).collect();
    let mut kept = BTreeSet::new();
    for row in &on_server {
        let server_id = integer(&row[id]).unwrap_or_default();
        let same = in_file.get(&server_id).is_some_and(|file| {
            file.iter()
                .zip(row)
                .enumerate()
                .all(|(i, (a, b))| Some(i) == ignored || a == b)
        });
        if !same {
            return Err(Error::Conflict(format!(
                "The server's {table} row {server_id} is not the same as this file's: the file's built-in framework comes from another version of Appraise, or another framework has that id. This Appraise cannot merge the two. Nothing was changed."
            )));
        }
        kept.insert(server_id);
    }
    rows.retain(|r| !integer(&r[id]).is_some_and(|i| kept.contains(&i)));
    let copied = copy_table(&stage(table, &columns, &rows)?, tx, table)?;
    Ok((copied, kept.len() as u64))
}

/// Accounts arrive needing a new passphrase: the file's hash is not
/// carried (a person signs in to the server with a database login, which
/// the administrator's reset will create), and the person is asked to
/// choose their own once signed in.
fn copy_accounts(from: &rusqlite::Connection, tx: &mut Transaction) -> Result<u64> {
    let (columns, mut rows) = read_rows(from, "account")?;
    let hash = column(&columns, "account", "passphrase_hash")?;
    let must_change = column(&columns, "account", "must_change")?;
    for row in &mut rows {
        row[hash] = Value::Text(PASSPHRASE_NOT_CARRIED.to_owned());
        row[must_change] = Value::Integer(1);
    }
    copy_table(&stage("account", &columns, &rows)?, tx, "account")
}

/// The columns of `table` that arrive holding a stand-in (SQL NULL, or
/// the text given) and are set once every row is in.
fn later(table: &str) -> &'static [(&'static str, Option<&'static str>)] {
    match table {
        // A line manager may have joined after the people reporting to them.
        "staff" => &[("manager_id", None)],
        // The objective of an earlier meeting it reviews: objectives are
        // copied after this table, since one carried forward names it.
        "appraisal_previous_objective" => &[("source_objective_id", None)],
        // The server refuses any row added under a signed appraisal, the
        // owner's too: its rows are copied while it is in progress, and it
        // is signed, as it was, once they are in.
        "appraisal" => &[
            ("status", Some("in_progress")),
            ("appraisee_signed_at", None),
            ("appraisee_signed_by", None),
            ("appraiser_signed_at", None),
            ("appraiser_signed_by", None),
        ],
        _ => &[],
    }
}

/// The values of `later`'s columns, by row id, to set once every row is in.
struct SetLater {
    table: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<(i64, Vec<Value>)>,
}

impl SetLater {
    fn apply(&self, tx: &mut Transaction) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let set = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} = ${}", ident(c), i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let update = tx
            .prepare(&format!("UPDATE {} SET {set} WHERE id = $1", ident(self.table)))
            .map_err(server_error)?;
        let types = update.params().to_vec();
        for (id, values) in &self.rows {
            let mut params: Vec<Box<dyn ToSql + Sync>> = vec![Box::new(*id)];
            for (i, value) in values.iter().enumerate() {
                params.push(param(self.table, self.columns[i], &types[i + 1], value.clone())?);
            }
            let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
            tx.execute(&update, &refs).map_err(server_error)?;
        }
        Ok(())
    }
}

fn copy_with_later(from: &rusqlite::Connection, tx: &mut Transaction, table: &'static str) -> Result<(u64, SetLater)> {
    let (columns, mut rows) = read_rows(from, table)?;
    let id = column(&columns, table, "id")?;
    let late = later(table);
    let at = late
        .iter()
        .map(|(name, _)| column(&columns, table, name))
        .collect::<Result<Vec<_>>>()?;
    let mut set_later = SetLater {
        table,
        columns: late.iter().map(|(name, _)| *name).collect(),
        rows: Vec::new(),
    };
    for row in &mut rows {
        let stand_ins: Vec<Value> = late
            .iter()
            .map(|(_, v)| v.map_or(Value::Null, |t| Value::Text(t.to_owned())))
            .collect();
        let values: Vec<Value> = at.iter().map(|&i| row[i].clone()).collect();
        if values != stand_ins {
            let Some(row_id) = integer(&row[id]) else {
                return Err(Error::Io(format!("{table}: a row without a whole-number id.")));
            };
            set_later.rows.push((row_id, values));
        }
        for (&i, stand_in) in at.iter().zip(stand_ins) {
            row[i] = stand_in;
        }
    }
    let copied = copy_table(&stage(table, &columns, &rows)?, tx, table)?;
    Ok((copied, set_later))
}

/// The tables whose `id` the server numbers (an identity column), so their
/// sequences move past the copied ids.
fn identity_tables(tx: &mut Transaction) -> Result<Vec<String>> {
    Ok(tx
        .query(
            "SELECT table_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'
             ORDER BY 1",
            &[],
        )
        .map_err(server_error)?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

/// Every row of a file's table, in rowid order, with its column names.
fn read_rows(from: &rusqlite::Connection, table: &str) -> Result<(Vec<String>, Vec<Vec<Value>>)> {
    let columns: Vec<String> = {
        let mut stmt = from.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
        let names = stmt.query_map([table], |r| r.get(0))?;
        names.collect::<rusqlite::Result<_>>()?
    };
    let list = columns.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ");
    let mut stmt = from.prepare(&format!("SELECT {list} FROM {} ORDER BY rowid", ident(table)))?;
    let rows = stmt.query_map([], |r| (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect())?;
    let rows = rows.collect::<rusqlite::Result<Vec<Vec<Value>>>>()?;
    Ok((columns, rows))
}

/// The server's rows of `table`, as the SQLite values they would be.
fn server_rows(tx: &mut Transaction, table: &str, columns: &[String]) -> Result<Vec<Vec<Value>>> {
    let list = columns.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ");
    let rows = tx
        .query(&format!("SELECT {list} FROM {} ORDER BY 1", ident(table)), &[])
        .map_err(server_error)?;
    rows.iter()
        .map(|row| {
            (0..row.len())
                .map(|i| {
                    let ty = row.columns()[i].type_();
                    Ok(if *ty == Type::INT8 {
                        row.get::<_, Option<i64>>(i).map_or(Value::Null, Value::Integer)
                    } else if *ty == Type::FLOAT8 {
                        row.get::<_, Option<f64>>(i).map_or(Value::Null, Value::Real)
                    } else if *ty == Type::TEXT {
                        row.get::<_, Option<String>>(i).map_or(Value::Null, Value::Text)
                    } else {
                        return Err(Error::Io(format!(
                            "{table}.{}: the server's {ty} column has no SQLite value.",
                            columns[i]
                        )));
                    })
                })
                .collect()
        })
        .collect()
}

/// `rows` as a table named `table` in a database of their own in memory,
/// for [`copy_table`] to send as it sends every other table. Its columns
/// have no type, so each value is kept as it is.
fn stage(table: &str, columns: &[String], rows: &[Vec<Value>]) -> Result<rusqlite::Connection> {
    let staged = rusqlite::Connection::open_in_memory()?;
    let list = columns.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ");
    staged.execute_batch(&format!("CREATE TABLE {} ({list})", ident(table)))?;
    let placeholders = (1..=columns.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    {
        let mut insert = staged.prepare(&format!("INSERT INTO {} VALUES ({placeholders})", ident(table)))?;
        for row in rows {
            insert.execute(rusqlite::params_from_iter(row))?;
        }
    }
    Ok(staged)
}

fn column(columns: &[String], table: &str, name: &str) -> Result<usize> {
    columns
        .iter()
        .position(|c| c == name)
        .ok_or_else(|| Error::Io(format!("{table} has no column {name}.")))
}

fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Integer(i) => Some(*i),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_of_the_store_is_transferred_once_after_the_tables_it_refers_to() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn().sqlite().unwrap();
        let mut tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut listed: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
        listed.sort();
        tables.sort();
        assert_eq!(listed, tables, "TABLES names every table of the store, once");
        for (i, &table) in TABLES.iter().enumerate() {
            let mut refers = conn
                .prepare("SELECT DISTINCT \"table\", \"from\" FROM pragma_foreign_key_list(?1)")
                .unwrap();
            let references: Vec<(String, String)> = refers
                .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            for (target, column) in references {
                let later_column = later(table).iter().any(|(c, _)| *c == column);
                let before = TABLES[..i].contains(&target.as_str());
                assert!(
                    before || target == table || later_column,
                    "{table}.{column} refers to {target}, which is copied after it"
                );
            }
        }
    }

    #[test]
    fn a_passphrase_hash_not_carried_matches_no_passphrase() {
        assert!(
            !PASSPHRASE_NOT_CARRIED.starts_with('$'),
            "not a PHC string, so no passphrase can match it"
        );
    }
}
