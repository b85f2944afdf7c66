//! SQL for the `account` table, and on the server the definer functions
//! that make and change a person's database login. No rules here; they
//! live in `crate::accounts`.

use crate::store::db::{params, Connection, Engine, OptionalExtension, Row};
use chrono::{NaiveDate, NaiveDateTime};

use crate::Result;

/// An account as stored, with the name and leaving date of its staff member.
#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: i64,
    pub staff_number: String,
    pub forename: String,
    pub surname: String,
    /// The stored role code: `administrator`, `manager` or `coder`.
    pub role: String,
    pub passphrase_hash: String,
    pub failed_attempts: u32,
    pub last_failed_at: Option<NaiveDateTime>,
    pub locked_until: Option<NaiveDateTime>,
    pub must_change: bool,
    pub leaver_date: Option<NaiveDate>,
    /// The person's own database login, on the server; `None` on a file.
    pub db_login: Option<String>,
    pub staff_id: i64,
}

/// Every account column core reads; `account.db_login` is the server's
/// only (a file has no database logins), so a file reads NULL in its place.
fn select(conn: &Connection) -> &'static str {
    match conn.engine() {
        Engine::Sqlite => {
            "SELECT a.id, s.staff_number, s.forename, s.surname, a.role, a.passphrase_hash,
                a.failed_attempts, a.last_failed_at, a.locked_until, a.must_change, s.leaver_date, NULL, a.staff_id
            FROM account a JOIN staff s ON s.id = a.staff_id"
        }
        Engine::Postgres => {
            "SELECT a.id, s.staff_number, s.forename, s.surname, a.role, a.passphrase_hash,
                a.failed_attempts, a.last_failed_at, a.locked_until, a.must_change, s.leaver_date, a.db_login, a.staff_id
            FROM account a JOIN staff s ON s.id = a.staff_id"
        }
    }
}

fn from_row(row: &Row) -> crate::store::db::Result<AccountRow> {
    Ok(AccountRow {
        id: row.get(0)?,
        staff_number: row.get(1)?,
        forename: row.get(2)?,
        surname: row.get(3)?,
        role: row.get(4)?,
        passphrase_hash: row.get(5)?,
        failed_attempts: row.get(6)?,
        last_failed_at: row.get(7)?,
        locked_until: row.get(8)?,
        must_change: row.get(9)?,
        leaver_date: row.get(10)?,
        db_login: row.get(11)?,
        staff_id: row.get(12)?,
    })
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM account", [], |r| r.get(0))?)
}

pub fn get(conn: &Connection, staff_number: &str) -> Result<Option<AccountRow>> {
    let sql = format!("{} WHERE s.staff_number = ?1", select(conn));
    Ok(conn.query_row(&sql, [staff_number], from_row).optional()?)
}

/// Every account, ordered by surname then forename.
pub fn list(conn: &Connection) -> Result<Vec<AccountRow>> {
    let sql = format!(
        "{} ORDER BY lower(s.surname), lower(s.forename), s.staff_number",
        select(conn)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn insert(
    conn: &Connection,
    staff_id: i64,
    role: &str,
    passphrase_hash: &str,
    must_change: bool,
    created_at: NaiveDateTime,
) -> Result<()> {
    conn.execute(
        "INSERT INTO account (staff_id, role, passphrase_hash, must_change, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![staff_id, role, passphrase_hash, must_change, created_at],
    )?;
    Ok(())
}

pub fn record_failure(
    conn: &Connection,
    id: i64,
    failed_attempts: u32,
    at: NaiveDateTime,
    locked_until: Option<NaiveDateTime>,
) -> Result<()> {
    conn.execute(
        "UPDATE account SET failed_attempts = ?2, last_failed_at = ?3, locked_until = ?4 WHERE id = ?1",
        params![id, failed_attempts, at, locked_until],
    )?;
    Ok(())
}

/// A sign-in at `at`: the one before becomes the previous (what the
/// notification at sign-in counts from).
pub fn note_sign_in(conn: &Connection, id: i64, at: NaiveDateTime) -> Result<()> {
    conn.execute(
        "UPDATE account SET previous_signed_in_at = last_signed_in_at, last_signed_in_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

/// The same on the department's server, for the login's own account (the
/// server lets a person update only these columns of their own row).
pub fn note_own_sign_in(conn: &Connection, at: NaiveDateTime) -> Result<()> {
    conn.execute(
        "UPDATE account SET previous_signed_in_at = last_signed_in_at, last_signed_in_at = ?1
          WHERE db_login = session_user",
        params![at],
    )?;
    Ok(())
}

pub fn clear_failures(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE account SET failed_attempts = 0, last_failed_at = NULL, locked_until = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// A new passphrase also clears any delay: the person (or the administrator)
/// has just proved who they are.
pub fn set_passphrase(conn: &Connection, id: i64, passphrase_hash: &str, must_change: bool) -> Result<()> {
    conn.execute(
        "UPDATE account SET passphrase_hash = ?2, must_change = ?3,
             failed_attempts = 0, last_failed_at = NULL, locked_until = NULL
         WHERE id = ?1",
        params![id, passphrase_hash, must_change],
    )?;
    Ok(())
}

/// Server only: gives the staff member whose account was just made their
/// database login, its password `verifier` (a SCRAM-SHA-256 verifier), and
/// records it in `account.db_login`. Returns the login's name.
pub fn create_login(conn: &Connection, staff_id: i64, verifier: &str) -> Result<String> {
    Ok(conn.query_row(
        "SELECT appraise_create_login(?1, ?2)",
        params![staff_id, verifier],
        |r| r.get(0),
    )?)
}

/// Server only: the login's password becomes `verifier`; an account that
/// has no login yet is given one. Returns the login's name.
pub fn set_login_password(conn: &Connection, staff_id: i64, verifier: &str) -> Result<String> {
    Ok(conn.query_row(
        "SELECT appraise_set_password(?1, ?2)",
        params![staff_id, verifier],
        |r| r.get(0),
    )?)
}

pub fn set_role(conn: &Connection, id: i64, role: &str) -> Result<()> {
    conn.execute("UPDATE account SET role = ?2 WHERE id = ?1", params![id, role])?;
    Ok(())
}

/// Administrators who have not left by `today`.
pub fn working_administrators(conn: &Connection, today: NaiveDate) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT s.staff_number FROM account a JOIN staff s ON s.id = a.staff_id
         WHERE a.role = 'administrator' AND (s.leaver_date IS NULL OR s.leaver_date > ?1)
         ORDER BY s.staff_number",
    )?;
    let rows = stmt
        .query_map([today], |r| r.get(0))?
        .collect::<crate::store::db::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The role of a staff member's account, if they have one.
pub fn role_of(conn: &Connection, staff_number: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT a.role FROM account a JOIN staff s ON s.id = a.staff_id WHERE s.staff_number = ?1",
            [staff_number],
            |r| r.get(0),
        )
        .optional()?)
}
