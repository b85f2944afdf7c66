//! Leavers: recording that someone leaves, and undoing a date recorded in
//! error. A leaver's records are kept and shown, read-only from the day
//! they leave, and their account can no longer sign in.

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::records::get;
use super::words::StaffMember;
use crate::accounts::actor::Actor;
use crate::dates::parse_date;
use crate::store::{self, staff as db};
use crate::{access, audit, Error, Result};

/// Records that someone leaves (or left) on `leaving_date`: the
/// administrator, or a line manager for someone who reports to them. The
/// only administrator cannot be marked: nobody could manage Appraise after
/// them.
pub fn mark_leaver(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    leaving_date: &str,
    now: NaiveDateTime,
) -> Result<StaffMember> {
    let today = now.date();
    let tx = store::write(conn)?;
    // Asks about the leaver's lock too: a date already passed stays.
    access::can_edit_staff(&tx, actor, staff_number, today)?;
    let before = get(&tx, staff_number)?;
    let date = parse_date(leaving_date).map_err(|m| Error::invalid("leaver_date", format!("Leaving date: {m}")))?;
    if date < before.appointed {
        return Err(Error::invalid(
            "leaver_date",
            "Leaving date cannot be before the appointment date.",
        ));
    }
    if store::accounts::working_administrators(&tx, today)? == [before.staff_number.clone()] {
        return Err(Error::Conflict(format!(
            "{} is the only administrator. Make someone else an administrator before marking them as a leaver.",
            before.full_name()
        )));
    }
    let id = db::id_of(&tx, &before.staff_number)?.expect("just read");
    db::set_leaver_date(&tx, id, Some(date))?;
    let after = get(&tx, &before.staff_number)?;
    audit::record_by(
        &tx,
        actor,
        "staff.leaver",
        "staff",
        &before.staff_number,
        audit::changes(&before, &after),
        now,
    )?;
    tx.commit()?;
    Ok(after)
}

/// Undoes a leaving date recorded in error (administrator only, audited).
pub fn reinstate(conn: &mut Connection, actor: &Actor, staff_number: &str, now: NaiveDateTime) -> Result<StaffMember> {
    let tx = store::write(conn)?;
    access::can_reinstate(actor)?;
    let before = get(&tx, staff_number)?;
    let id = db::id_of(&tx, &before.staff_number)?.expect("just read");
    db::set_leaver_date(&tx, id, None)?;
    let after = get(&tx, &before.staff_number)?;
    audit::record_by(
        &tx,
        actor,
        "staff.reinstate",
        "staff",
        &before.staff_number,
        audit::changes(&before, &after),
        now,
    )?;
    tx.commit()?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::access::tests::{actor, department, today};
    use crate::accounts::Role;
    use crate::staff::{edit_audited, StaffInput};
    use crate::Store;

    fn input(forename: &str, surname: &str, band: &str) -> StaffInput {
        StaffInput {
            forename: forename.into(),
            surname: surname.into(),
            band: band.into(),
            appointed: "01/09/2025".into(),
            ..Default::default()
        }
    }

    /// True when the staff member has left by `day`.
    fn has_left(store: &Store, staff_number: &str, day: NaiveDate) -> bool {
        get(store.conn(), staff_number)
            .unwrap()
            .leaver_date
            .is_some_and(|d| d <= day)
    }

    #[test]
    fn a_leaver_keeps_their_records_read_only_until_reinstated() {
        let mut store = department();
        let now = today().and_hms_opt(9, 30, 0).unwrap();
        let admin = actor("1", Role::Administrator);
        let bad = mark_leaver(store.conn_mut(), &admin, "11", "2024-08-31", now).unwrap_err();
        assert!(bad.to_string().contains("before the appointment"), "{bad}");
        let coder = mark_leaver(store.conn_mut(), &actor("11", Role::Coder), "11", "2026-10-31", now).unwrap_err();
        assert_eq!(coder.code(), "forbidden", "a coder cannot mark themselves as a leaver");

        let left = mark_leaver(store.conn_mut(), &actor("10", Role::Manager), "11", "2026-10-31", now).unwrap();
        assert_eq!(left.leaver_date, NaiveDate::from_ymd_opt(2026, 10, 31));
        assert!(has_left(&store, "11", today()));
        assert!(!has_left(&store, "11", NaiveDate::from_ymd_opt(2026, 10, 30).unwrap()));
        assert_eq!(get(store.conn(), "11").unwrap().full_name(), "Siân Jones", "kept");
        let edit = edit_audited(
            store.conn_mut(),
            &admin,
            "11",
            &input("Siân", "Jones", "5"),
            today(),
            now,
        );
        assert_eq!(edit.unwrap_err().code(), "locked", "a leaver's record is read-only");

        let err = reinstate(store.conn_mut(), &actor("10", Role::Manager), "11", now).unwrap_err();
        assert_eq!(err.code(), "forbidden", "only the administrator undoes a leaving date");
        reinstate(store.conn_mut(), &admin, "11", now).unwrap();
        assert!(!has_left(&store, "11", today()));
        let log = audit::list(store.conn(), &admin, &audit::AuditFilter::default()).unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["staff.reinstate", "staff.leaver"],
            "both are audited, newest first"
        );
    }

    #[test]
    fn the_only_administrator_cannot_be_marked_as_a_leaver() {
        let mut store = crate::store::testing::store();
        let now = today().and_hms_opt(9, 30, 0).unwrap();
        let mut boss = input("Łukasz", "Wiśniewski", "8a");
        boss.staff_number = "1".into();
        let admin =
            crate::accounts::create_first_administrator(store.conn_mut(), &boss, "correct horse battery", now).unwrap();
        let err = mark_leaver(store.conn_mut(), &admin, "1", "2026-12-31", now).unwrap_err();
        assert!(err.to_string().contains("only administrator"), "{err}");
        assert_eq!(get(store.conn(), "1").unwrap().leaver_date, None, "nothing stored");
    }
}
