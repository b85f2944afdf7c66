//! Staff members: who they are, their Agenda for Change band, and who manages
//! them. Owns every rule about a staff record; the store only persists it.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates::parse_date;
use crate::store::staff as db;
use crate::{Error, FieldError, Result};

/// Agenda for Change pay bands.
pub const BANDS: &[&str] = &["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"];

const MAX_NAME: usize = 100;
const MAX_STAFF_NUMBER: usize = 20;
const MAX_JOB_TITLE: usize = 120;

/// A staff member as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffMember {
    pub staff_number: String,
    pub forename: String,
    pub surname: String,
    /// An Agenda for Change band: one of `BANDS`.
    pub band: String,
    pub job_title: String,
    #[ts(type = "string")]
    pub appointed: NaiveDate,
    /// The line manager's staff number.
    pub manager: Option<String>,
    /// The line manager's name, for lists.
    pub manager_name: Option<String>,
    /// Accredited Clinical Coder since.
    #[ts(type = "string | null")]
    pub acc_date: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub leaver_date: Option<NaiveDate>,
}

impl StaffMember {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.forename, self.surname)
    }
}

/// What a person typed into the staff form (or the CLI): raw text, checked
/// by [`validate`]. Dates may be dd/mm/yyyy or yyyy-mm-dd; empty optional
/// fields mean "none".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StaffInput {
    pub staff_number: String,
    pub forename: String,
    pub surname: String,
    pub band: String,
    pub job_title: String,
    pub appointed: String,
    pub manager: String,
    pub acc_date: String,
    pub leaver_date: String,
}

/// A checked staff record, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidStaff {
    pub staff_number: Option<String>,
    pub forename: String,
    pub surname: String,
    pub band: String,
    pub job_title: String,
    pub appointed: NaiveDate,
    pub manager: Option<String>,
    pub acc_date: Option<NaiveDate>,
    pub leaver_date: Option<NaiveDate>,
}

/// Checks every field on its own (no database), collecting a message per bad
/// field so the form can show them all at once.
pub fn validate(input: &StaffInput, today: NaiveDate) -> Result<ValidStaff> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };

    let staff_number = input.staff_number.trim();
    if staff_number.chars().count() > MAX_STAFF_NUMBER {
        bad(
            "staff_number",
            format!("Staff number must be {MAX_STAFF_NUMBER} characters or fewer."),
        );
    } else if !staff_number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        bad(
            "staff_number",
            format!("Staff number {staff_number} may contain only letters, digits and hyphens."),
        );
    }

    let forename = input.forename.trim();
    let surname = input.surname.trim();
    for (field, label, value) in [("forename", "First name", forename), ("surname", "Last name", surname)] {
        if value.is_empty() {
            bad(field, format!("Enter a {}.", label.to_lowercase()));
        } else if value.chars().count() > MAX_NAME {
            bad(field, format!("{label} must be {MAX_NAME} characters or fewer."));
        }
    }

    let band = input.band.trim().to_lowercase();
    let band = band.strip_prefix("band").map(str::trim).unwrap_or(&band).to_owned();
    if band.is_empty() {
        bad("band", "Choose an Agenda for Change band.".to_owned());
    } else if !BANDS.contains(&band.as_str()) {
        bad(
            "band",
            format!(
                "Band {} is not an Agenda for Change band. Use one of {}.",
                input.band.trim(),
                BANDS.join(", ")
            ),
        );
    }

    let job_title = input.job_title.trim();
    if job_title.chars().count() > MAX_JOB_TITLE {
        bad(
            "job_title",
            format!("Job title must be {MAX_JOB_TITLE} characters or fewer."),
        );
    }

    let appointed = if input.appointed.trim().is_empty() {
        bad(
            "appointed",
            "Enter the appointment date, for example 01/09/2025.".to_owned(),
        );
        None
    } else {
        parse_date(&input.appointed)
            .map_err(|m| bad("appointed", format!("Appointment date: {m}")))
            .ok()
    };

    let optional_date =
        |text: &str| -> Option<Result<NaiveDate, String>> { (!text.trim().is_empty()).then(|| parse_date(text)) };
    let acc_date = match optional_date(&input.acc_date) {
        None => None,
        Some(Err(m)) => {
            bad("acc_date", format!("ACC date: {m}"));
            None
        }
        Some(Ok(d)) if d > today => {
            bad("acc_date", "ACC date cannot be in the future.".to_owned());
            None
        }
        Some(Ok(d)) => Some(d),
    };
    let leaver_date = match optional_date(&input.leaver_date) {
        None => None,
        Some(Err(m)) => {
            bad("leaver_date", format!("Leaving date: {m}"));
            None
        }
        Some(Ok(d)) if appointed.is_some_and(|a| d < a) => {
            bad(
                "leaver_date",
                "Leaving date cannot be before the appointment date.".to_owned(),
            );
            None
        }
        Some(Ok(d)) => Some(d),
    };

    let manager = input.manager.trim();
    if !manager.is_empty() && manager == staff_number {
        bad("manager", "A staff member cannot be their own line manager.".to_owned());
    }

    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(ValidStaff {
        staff_number: (!staff_number.is_empty()).then(|| staff_number.to_owned()),
        forename: forename.to_owned(),
        surname: surname.to_owned(),
        band,
        job_title: job_title.to_owned(),
        appointed: appointed.expect("checked above"),
        manager: (!manager.is_empty()).then(|| manager.to_owned()),
        acc_date,
        leaver_date,
    })
}

/// Adds a staff member; a staff number is assigned when none is given.
pub fn add(conn: &mut Connection, input: &StaffInput, today: NaiveDate) -> Result<StaffMember> {
    let staff = validate(input, today)?;
    let tx = conn.transaction()?;
    let number = match &staff.staff_number {
        Some(n) => {
            if db::id_of(&tx, n)?.is_some() {
                return Err(Error::Invalid(vec![FieldError {
                    field: "staff_number".into(),
                    message: format!("Staff number {n} is already in use."),
                }]));
            }
            n.clone()
        }
        None => next_staff_number(&tx)?,
    };
    let manager_id = manager_id(&tx, staff.manager.as_deref(), None)?;
    db::insert(&tx, &number, &staff, manager_id)?;
    tx.commit()?;
    get(conn, &number)
}

/// Changes a staff member's details; the staff number itself is fixed.
pub fn edit(conn: &mut Connection, staff_number: &str, input: &StaffInput, today: NaiveDate) -> Result<StaffMember> {
    let mut staff = validate(input, today)?;
    let tx = conn.transaction()?;
    let id = db::id_of(&tx, staff_number)?.ok_or_else(|| not_found(staff_number))?;
    if staff.staff_number.as_deref().is_some_and(|n| n != staff_number) {
        return Err(Error::invalid(
            "staff_number",
            "A staff number cannot be changed once given.",
        ));
    }
    staff.staff_number = Some(staff_number.to_owned());
    let manager_id = manager_id(&tx, staff.manager.as_deref(), Some(id))?;
    db::update(&tx, id, &staff, manager_id)?;
    tx.commit()?;
    get(conn, staff_number)
}

pub fn get(conn: &Connection, staff_number: &str) -> Result<StaffMember> {
    db::get(conn, staff_number)?.ok_or_else(|| not_found(staff_number))
}

/// Everyone, ordered by surname then forename.
pub fn list(conn: &Connection) -> Result<Vec<StaffMember>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn input(forename: &str, surname: &str, band: &str) -> StaffInput {
        StaffInput {
            forename: forename.into(),
            surname: surname.into(),
            band: band.into(),
            appointed: "01/09/2025".into(),
            ..Default::default()
        }
    }

    fn field_messages(err: Error) -> Vec<(String, String)> {
        match err {
            Error::Invalid(f) => f.into_iter().map(|f| (f.field, f.message)).collect(),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_staff_member_is_added_with_an_assigned_number_and_their_name_intact() {
        let mut store = Store::open_in_memory().unwrap();
        let zoe = add(store.conn_mut(), &input("Zoë", "Ní Bhriain", "4"), today()).unwrap();
        assert_eq!(zoe.full_name(), "Zoë Ní Bhriain", "accents survive the round trip");
        assert_eq!(zoe.staff_number, "100001", "first assigned number");
        let siân = add(store.conn_mut(), &input("Siân", "Jones", "Band 5"), today()).unwrap();
        assert_eq!(siân.staff_number, "100002", "numbers continue");
        assert_eq!(siân.band, "5", "'Band 5' is understood as 5");
        assert_eq!(list(store.conn()).unwrap().len(), 2);
    }

    #[test]
    fn an_unknown_band_is_refused_naming_the_band() {
        let mut store = Store::open_in_memory().unwrap();
        let msgs = field_messages(add(store.conn_mut(), &input("A", "B", "12"), today()).unwrap_err());
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert_eq!(msgs[0].0, "band");
        assert!(msgs[0].1.contains("Band 12"), "message names 12: {}", msgs[0].1);
        assert!(list(store.conn()).unwrap().is_empty(), "nothing stored");
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let bad = StaffInput {
            forename: " ".into(),
            band: "10".into(),
            appointed: "2025-02-30".into(),
            acc_date: "01/01/2030".into(),
            ..Default::default()
        };
        let fields: Vec<String> = field_messages(validate(&bad, today()).unwrap_err())
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(fields, ["forename", "surname", "band", "appointed", "acc_date"]);
    }

    #[test]
    fn a_duplicate_staff_number_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let mut a = input("Ann", "Lee", "4");
        a.staff_number = "12345678".into();
        add(store.conn_mut(), &a, today()).unwrap();
        let msgs = field_messages(add(store.conn_mut(), &a, today()).unwrap_err());
        assert_eq!(msgs[0].0, "staff_number");
        assert!(msgs[0].1.contains("already in use"), "{msgs:?}");
    }

    #[test]
    fn assigned_numbers_follow_the_highest_typed_number() {
        let mut store = Store::open_in_memory().unwrap();
        let mut a = input("Ann", "Lee", "4");
        a.staff_number = "20000000".into();
        add(store.conn_mut(), &a, today()).unwrap();
        let b = add(store.conn_mut(), &input("Bo", "Ray", "3"), today()).unwrap();
        assert_eq!(b.staff_number, "20000001");
    }

    #[test]
    fn a_line_manager_must_exist() {
        let mut store = Store::open_in_memory().unwrap();
        let mut a = input("Ann", "Lee", "4");
        a.manager = "999".into();
        let msgs = field_messages(add(store.conn_mut(), &a, today()).unwrap_err());
        assert_eq!(msgs[0].0, "manager");
        assert!(msgs[0].1.contains("999"), "{msgs:?}");
    }

    #[test]
    fn line_management_cycles_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let boss = add(store.conn_mut(), &input("Bea", "Boss", "7"), today()).unwrap();
        let mut mid = input("Mo", "Middle", "5");
        mid.manager = boss.staff_number.clone();
        let mid = add(store.conn_mut(), &mid, today()).unwrap();
        let mut coder = input("Cy", "Coder", "4");
        coder.manager = mid.staff_number.clone();
        let coder = add(store.conn_mut(), &coder, today()).unwrap();
        assert_eq!(coder.manager_name.as_deref(), Some("Mo Middle"));

        let mut boss_edit = input("Bea", "Boss", "7");
        boss_edit.manager = coder.staff_number.clone();
        let msgs = field_messages(edit(store.conn_mut(), &boss.staff_number, &boss_edit, today()).unwrap_err());
        assert_eq!(msgs[0].0, "manager");
        assert!(msgs[0].1.contains("report"), "{msgs:?}");

        boss_edit.manager = boss.staff_number.clone();
        let msgs = field_messages(edit(store.conn_mut(), &boss.staff_number, &boss_edit, today()).unwrap_err());
        assert!(msgs[0].1.contains("own line manager"), "{msgs:?}");
        assert_eq!(
            get(store.conn(), &boss.staff_number).unwrap().manager,
            None,
            "boss unchanged"
        );
    }

    #[test]
    fn editing_changes_details_but_not_the_staff_number() {
        let mut store = Store::open_in_memory().unwrap();
        let a = add(store.conn_mut(), &input("Ciaran", "Byrne", "3"), today()).unwrap();
        let mut changed = input("Ciarán", "Byrne", "4");
        changed.acc_date = "2026-06-30".into();
        changed.job_title = "Clinical Coder".into();
        let b = edit(store.conn_mut(), &a.staff_number, &changed, today()).unwrap();
        assert_eq!(b.forename, "Ciarán");
        assert_eq!(b.band, "4");
        assert_eq!(b.acc_date, NaiveDate::from_ymd_opt(2026, 6, 30));
        changed.staff_number = "777".into();
        assert!(
            edit(store.conn_mut(), &a.staff_number, &changed, today()).is_err(),
            "number fixed"
        );
    }

    #[test]
    fn a_leaving_date_before_appointment_is_refused() {
        let mut a = input("Ann", "Lee", "4");
        a.leaver_date = "31/08/2025".into();
        let msgs = field_messages(validate(&a, today()).unwrap_err());
        assert_eq!(msgs[0].0, "leaver_date");
    }

    #[test]
    fn editing_someone_who_does_not_exist_is_not_found() {
        let mut store = Store::open_in_memory().unwrap();
        let err = edit(store.conn_mut(), "42", &input("A", "B", "4"), today()).unwrap_err();
        assert_eq!(err.code(), "not_found");
    }
}
