//! A staff record in and out of the store with no access check and no audit
//! row: the steps the guarded operations in `staff` are made of, and what
//! core's own code (demonstration data, tests) uses after asking `access`.
//! Refuses unknown and circular line managers, which no caller may skip.

use crate::store::db::Connection;
use chrono::NaiveDate;

use super::validate::validate;
use super::words::{StaffInput, StaffMember};
use crate::store::{self, staff as db};
use crate::{Error, FieldError, Result};

/// Adds a staff member with no access check and no audit row: for the
/// demonstration data and tests. Everything else goes through
/// `staff::add_audited`.
pub(crate) fn add(conn: &mut Connection, input: &StaffInput, today: NaiveDate) -> Result<StaffMember> {
    let tx = store::write(conn)?;
    let number = add_in(&tx, input, today)?;
    tx.commit()?;
    get(conn, &number)
}

/// Stores a new staff member inside the caller's transaction, so an audit
/// row or an account can be stored with it. Returns the staff number. The
/// caller has asked `access`.
pub(crate) fn add_in(conn: &Connection, input: &StaffInput, today: NaiveDate) -> Result<String> {
    let staff = validate(input, today)?;
    let number = match &staff.staff_number {
        Some(n) => {
            if db::id_of(conn, n)?.is_some() {
                return Err(Error::Invalid(vec![FieldError {
                    field: "staff_number".into(),
                    message: format!("Staff number {n} is already in use."),
                }]));
            }
            n.clone()
        }
        None => next_staff_number(conn)?,
    };
    let manager_id = manager_id(conn, staff.manager.as_deref(), None)?;
    db::insert(conn, &number, &staff, manager_id)?;
    Ok(number)
}

/// Stores a staff member's new details inside the caller's transaction.
pub(crate) fn edit_in(conn: &Connection, staff_number: &str, input: &StaffInput, today: NaiveDate) -> Result<()> {
    let mut staff = validate(input, today)?;
    let id = db::id_of(conn, staff_number)?.ok_or_else(|| not_found(staff_number))?;
    if staff.staff_number.as_deref().is_some_and(|n| n != staff_number) {
        return Err(Error::invalid(
            "staff_number",
            "A staff number cannot be changed once given.",
        ));
    }
    staff.staff_number = Some(staff_number.to_owned());
    let manager_id = manager_id(conn, staff.manager.as_deref(), Some(id))?;
    db::update(conn, id, &staff, manager_id)?;
    Ok(())
}

/// One staff member, whoever asks: for core's own use, after it has asked
/// `access` (the appraisal, NCCQ, printing). The window and the CLI go
/// through `staff::get_as`.
pub(crate) fn get(conn: &Connection, staff_number: &str) -> Result<StaffMember> {
    db::get(conn, staff_number)?.ok_or_else(|| not_found(staff_number))
}

/// Everyone, ordered by surname then forename, whoever asks: for core's own
/// use. The window and the CLI go through `staff::list_as`.
pub(crate) fn list(conn: &Connection) -> Result<Vec<StaffMember>> {
    db::list(conn)
}

fn not_found(staff_number: &str) -> Error {
    Error::NotFound(format!("There is no staff member with staff number {staff_number}."))
}

/// Resolves the manager's staff number to a row id, refusing unknown managers
/// and line-management cycles (A manages B manages A).
fn manager_id(conn: &Connection, manager: Option<&str>, member: Option<i64>) -> Result<Option<i64>> {
    let Some(manager) = manager else { return Ok(None) };
    let Some(mid) = db::id_of(conn, manager)? else {
        return Err(Error::invalid(
            "manager",
            format!("There is no staff member with staff number {manager} to be the line manager."),
        ));
    };
    if let Some(member) = member {
        // Walk up from the proposed manager: meeting the member means a cycle.
        let mut cursor = Some(mid);
        let mut steps = 0;
        while let Some(id) = cursor {
            if id == member {
                let message = if mid == member {
                    "A staff member cannot be their own line manager.".to_owned()
                } else {
                    format!("{manager} cannot be the line manager: they report, directly or through others, to this staff member.")
                };
                return Err(Error::invalid("manager", message));
            }
            steps += 1;
            if steps > 10_000 {
                break; // a cycle already in the data; never loop forever
            }
            cursor = db::manager_of(conn, id)?;
        }
    }
    Ok(Some(mid))
}

/// Assigned numbers continue after the highest numeric staff number, from
/// 100001, so they never collide with ones typed in.
fn next_staff_number(conn: &Connection) -> Result<String> {
    let highest = db::highest_numeric_staff_number(conn)?.unwrap_or(100_000);
    Ok((highest.max(100_000) + 1).to_string())
}
