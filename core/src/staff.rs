//! Staff members: who they are, their Agenda for Change band, and who manages
//! them. Owns every rule about a staff record; the store only persists it.
//!
//! The operations here are the one door to a staff record for the window
//! and the CLI. A read asks `access` before returning anything; a change
//! opens the write transaction, asks `access` inside it (the leaver's lock
//! included), makes the change and writes its audit row before committing. `words` holds the types,
//! `validate` the form's checks, `leavers` leaving and reinstating,
//! `rights` what the signed-in person may do with a record (for the
//! window), and `records` the unchecked steps, private to core.

mod leavers;
mod records;
mod rights;
mod validate;
pub mod words;

pub use leavers::{mark_leaver, reinstate};
pub(crate) use records::{add, add_in, get, list};
pub use rights::{list_views_as, rights, view_as, StaffRights, StaffView};
pub use validate::validate;
pub use words::{StaffInput, StaffMember, ValidStaff, BANDS};

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};

use crate::accounts::actor::Actor;
use crate::store;
use crate::{access, audit, Error, Result};
use records::edit_in;

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

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
        let msgs = field_messages(add(store.conn_mut(), &input("A", "B", "12"), today()).unwrap_err());
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert_eq!(msgs[0].0, "band");
        assert!(msgs[0].1.contains("Band 12"), "message names 12: {}", msgs[0].1);
        assert!(list(store.conn()).unwrap().is_empty(), "nothing stored");
    }

    #[test]
    fn a_duplicate_staff_number_is_refused() {
        let mut store = crate::store::testing::store();
        let mut a = input("Ann", "Lee", "4");
        a.staff_number = "12345678".into();
        add(store.conn_mut(), &a, today()).unwrap();
        let msgs = field_messages(add(store.conn_mut(), &a, today()).unwrap_err());
        assert_eq!(msgs[0].0, "staff_number");
        assert!(msgs[0].1.contains("already in use"), "{msgs:?}");
    }

    #[test]
    fn assigned_numbers_follow_the_highest_typed_number() {
        let mut store = crate::store::testing::store();
        let mut a = input("Ann", "Lee", "4");
        a.staff_number = "20000000".into();
        add(store.conn_mut(), &a, today()).unwrap();
        let b = add(store.conn_mut(), &input("Bo", "Ray", "3"), today()).unwrap();
        assert_eq!(b.staff_number, "20000001");
    }

    #[test]
    fn a_line_manager_must_exist() {
        let mut store = crate::store::testing::store();
        let mut a = input("Ann", "Lee", "4");
        a.manager = "999".into();
        let msgs = field_messages(add(store.conn_mut(), &a, today()).unwrap_err());
        assert_eq!(msgs[0].0, "manager");
        assert!(msgs[0].1.contains("999"), "{msgs:?}");
    }

    #[test]
    fn line_management_cycles_are_refused() {
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
