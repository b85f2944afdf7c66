//! Staff members: who they are, their Agenda for Change band, and who manages
//! them. Owns every rule about a staff record; the store only persists it.

mod leavers;
pub mod words;

pub use leavers::{mark_leaver, reinstate};
pub use words::{StaffInput, StaffMember, ValidStaff, BANDS};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use crate::accounts::actor::Actor;
use crate::dates::parse_date;
use crate::store::{self, staff as db};
use crate::{access, audit, Error, FieldError, Result};

const MAX_NAME: usize = 100;
const MAX_STAFF_NUMBER: usize = 20;
const MAX_JOB_TITLE: usize = 120;

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

/// Adds a staff member as `actor` (the administrator, or a line manager
/// within their own team), with an audit row, in one transaction. A staff
/// number is assigned when none is given.
pub fn add_audited(
    conn: &mut Connection,
    actor: &Actor,
    input: &StaffInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<StaffMember> {
    let tx = store::write(conn)?;
    access::can_add_staff(&tx, actor, Some(input.manager.as_str()))?;
    let number = add_in(&tx, input, today)?;
    let added = get(&tx, &number)?;
    audit::record_by(&tx, actor, "staff.add", "staff", &number, audit::snapshot(&added), now)?;
    tx.commit()?;
    Ok(added)
}

/// Changes a staff member's details as `actor`, recording what changed. The
/// staff number itself is fixed. A line manager may move someone only
/// within their own team.
pub fn edit_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    input: &StaffInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<StaffMember> {
    let tx = store::write(conn)?;
    // Asks about the leaver's lock too.
    access::can_edit_staff(&tx, actor, staff_number, today)?;
    let before = get(&tx, staff_number)?;
    if before.manager.as_deref().unwrap_or("") != input.manager.trim() {
        access::can_add_staff(&tx, actor, Some(input.manager.as_str()))?;
    }
    // Leaving is recorded with `mark_leaver` (and undone with `reinstate`),
    // so its own rules apply: the form keeps the date it was given.
    if validate(input, today)?.leaver_date != before.leaver_date {
        return Err(Error::invalid(
            "leaver_date",
            "Record a leaving date with “Mark as a leaver”, so the rules for leavers apply.",
        ));
    }
    edit_in(&tx, staff_number, input, today)?;
    let after = get(&tx, staff_number)?;
    let changed = audit::changes(&before, &after);
    if changed.as_object().is_some_and(|c| !c.is_empty()) {
        audit::record_by(&tx, actor, "staff.edit", "staff", staff_number, changed, now)?;
    }
    tx.commit()?;
    Ok(after)
}

/// One staff member, if `actor` may see them (see `access::can_view_staff`).
/// A refusal does not say whether the staff number exists.
pub fn get_as(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<StaffMember> {
    access::can_view_staff(conn, actor, staff_number)?;
    get(conn, staff_number)
}

/// The staff members `actor` may see, ordered by surname then forename:
/// everyone for the administrator, oneself and one's reports for a line
/// manager, oneself for a coder.
pub fn list_as(conn: &Connection, actor: &Actor) -> Result<Vec<StaffMember>> {
    let visible: std::collections::HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    Ok(list(conn)?
        .into_iter()
        .filter(|m| visible.contains(&m.staff_number))
        .collect())
}

/// Adds a staff member with no access check and no audit row: for the
/// demonstration data and tests. Everything else goes through
/// [`add_audited`].
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
fn edit_in(conn: &Connection, staff_number: &str, input: &StaffInput, today: NaiveDate) -> Result<()> {
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
/// through [`get_as`].
pub(crate) fn get(conn: &Connection, staff_number: &str) -> Result<StaffMember> {
    db::get(conn, staff_number)?.ok_or_else(|| not_found(staff_number))
}

/// Everyone, ordered by surname then forename, whoever asks: for core's own
/// use. The window and the CLI go through [`list_as`].
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn noon() -> NaiveDateTime {
        today().and_hms_opt(12, 0, 0).unwrap()
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
        let msgs = field_messages(
            edit_audited(
                store.conn_mut(),
                &Actor::system(),
                &boss.staff_number,
                &boss_edit,
                today(),
                noon(),
            )
            .unwrap_err(),
        );
        assert_eq!(msgs[0].0, "manager");
        assert!(msgs[0].1.contains("report"), "{msgs:?}");

        boss_edit.manager = boss.staff_number.clone();
        let msgs = field_messages(
            edit_audited(
                store.conn_mut(),
                &Actor::system(),
                &boss.staff_number,
                &boss_edit,
                today(),
                noon(),
            )
            .unwrap_err(),
        );
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
        let b = edit_audited(
            store.conn_mut(),
            &Actor::system(),
            &a.staff_number,
            &changed,
            today(),
            noon(),
        )
        .unwrap();
        assert_eq!(b.forename, "Ciarán");
        assert_eq!(b.band, "4");
        assert_eq!(b.acc_date, NaiveDate::from_ymd_opt(2026, 6, 30));
        changed.staff_number = "777".into();
        assert!(
            edit_audited(
                store.conn_mut(),
                &Actor::system(),
                &a.staff_number,
                &changed,
                today(),
                noon()
            )
            .is_err(),
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
    fn audited_changes_record_who_and_what_changed() {
        use crate::access::tests::{actor, department};
        use crate::accounts::Role;
        let mut store = department();
        let now = today().and_hms_opt(9, 30, 0).unwrap();
        let manager = actor("10", Role::Manager);
        let mut new_starter = input("Zoë", "Ó Briain", "3");
        new_starter.manager = "12".into();
        let zoe = add_audited(store.conn_mut(), &manager, &new_starter, today(), now).unwrap();
        let mut changed = new_starter.clone();
        changed.band = "4".into();
        edit_audited(store.conn_mut(), &manager, &zoe.staff_number, &changed, today(), now).unwrap();

        let log = audit::list(store.conn(), &Actor::system(), &audit::AuditFilter::default()).unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].action, "staff.edit");
        assert_eq!(log[0].actor, "10");
        assert_eq!(log[0].actor_name.as_deref(), Some("Zoë Ní Bhriain"));
        assert_eq!(
            log[0].detail,
            serde_json::json!({"band": {"from": "3", "to": "4"}}),
            "only what changed"
        );
        assert_eq!(log[1].action, "staff.add");
        assert_eq!(log[1].detail["surname"], "Ó Briain");

        let mut moved = changed.clone();
        moved.manager = "20".into();
        let err = edit_audited(store.conn_mut(), &manager, &zoe.staff_number, &moved, today(), now).unwrap_err();
        assert_eq!(err.code(), "forbidden", "a manager cannot hand someone to another team");
        let err = add_audited(store.conn_mut(), &actor("11", Role::Coder), &new_starter, today(), now).unwrap_err();
        assert_eq!(err.code(), "forbidden");
        assert!(audit::verify(store.conn()).unwrap().ok);
    }

    #[test]
    fn the_edit_form_cannot_set_a_leaving_date_and_lists_are_filtered() {
        use crate::access::tests::{actor, department};
        use crate::accounts::Role;
        let mut store = department();
        let now = today().and_hms_opt(9, 30, 0).unwrap();
        let admin = actor("1", Role::Administrator);
        let mut ann = input("Ann", "Lee", "4");
        ann.appointed = "2024-09-01".into();
        ann.manager = "12".into();
        ann.leaver_date = "2026-10-31".into();
        let err = edit_audited(store.conn_mut(), &admin, "121", &ann, today(), now).unwrap_err();
        assert_eq!(
            field_messages(err)[0].0,
            "leaver_date",
            "leaving goes through mark_leaver"
        );
        ann.leaver_date.clear();
        ann.band = "5".into();
        edit_audited(store.conn_mut(), &admin, "121", &ann, today(), now).expect("other changes are fine");

        let names = |who: &Actor| -> Vec<String> {
            list_as(store.conn(), who)
                .unwrap()
                .into_iter()
                .map(|m| m.staff_number)
                .collect()
        };
        assert_eq!(
            names(&actor("10", Role::Manager)),
            ["12", "11", "121", "10"],
            "by surname"
        );
        assert_eq!(names(&actor("11", Role::Coder)), ["11"]);
        assert_eq!(names(&admin).len(), 7);
        assert_eq!(
            get_as(store.conn(), &actor("11", Role::Coder), "21")
                .unwrap_err()
                .code(),
            "forbidden"
        );
        assert_eq!(get_as(store.conn(), &admin, "404").unwrap_err().code(), "not_found");
    }

    #[test]
    fn editing_someone_who_does_not_exist_is_not_found() {
        let mut store = Store::open_in_memory().unwrap();
        let err = edit_audited(
            store.conn_mut(),
            &Actor::system(),
            "42",
            &input("A", "B", "4"),
            today(),
            noon(),
        )
        .unwrap_err();
        assert_eq!(
            err.code(),
            "not_found",
            "the administrator may be told it does not exist"
        );
    }

    #[test]
    fn a_missing_staff_number_is_refused_like_someone_not_yours() {
        use crate::access::tests::{actor, department};
        use crate::accounts::Role;
        let mut store = department();
        let now = today().and_hms_opt(9, 30, 0).unwrap();
        // Cy (21) exists but reports to manager B; 404 does not exist.
        for who in [actor("11", Role::Coder), actor("10", Role::Manager)] {
            let c = store.conn_mut();
            let theirs = get_as(c, &who, "21").unwrap_err();
            let missing = get_as(c, &who, "404").unwrap_err();
            assert_eq!(theirs.code(), "forbidden", "{:?} cannot see 21", who.role);
            assert_eq!(
                (missing.code(), missing.to_string()),
                (theirs.code(), theirs.to_string()),
                "{:?}: reading a missing number says nothing more than reading someone not theirs",
                who.role
            );
            let theirs = edit_audited(c, &who, "21", &input("Cy", "Coder", "5"), today(), now).unwrap_err();
            let missing = edit_audited(c, &who, "404", &input("Cy", "Coder", "5"), today(), now).unwrap_err();
            assert_eq!(
                (missing.code(), missing.to_string()),
                (theirs.code(), theirs.to_string()),
                "{:?}: changing a missing number is refused like changing someone not theirs",
                who.role
            );
            let theirs = mark_leaver(c, &who, "21", "2026-11-30", now).unwrap_err();
            let missing = mark_leaver(c, &who, "404", "2026-11-30", now).unwrap_err();
            assert_eq!(
                (missing.code(), missing.to_string()),
                (theirs.code(), theirs.to_string()),
                "{:?}: marking a missing number as a leaver is refused like someone not theirs",
                who.role
            );
        }
    }
}
