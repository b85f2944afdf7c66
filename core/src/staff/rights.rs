//! What the signed-in person may do with one staff record and the NCCQ
//! records that hang from it, so the staff and NCCQ pages offer only that.
//! Each right is "the check in `access` that the operation asks would
//! pass": the window and core cannot disagree. Core asks again on every
//! change.

use crate::store::db::Connection;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::records::{get, list};
use super::words::StaffMember;
use crate::accounts::actor::Actor;
use crate::{access, Error, Result};

/// What the signed-in person may do with one person's records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct StaffRights {
    /// Change their details (`staff::edit_audited`).
    pub edit: bool,
    /// Record a leaving date (`staff::mark_leaver`).
    pub mark_leaver: bool,
    /// Undo a leaving date recorded in error (`staff::reinstate`).
    pub reinstate: bool,
    /// Record their courses, exam results and IHRIM membership (the NCCQ
    /// `*_audited` operations).
    pub record_nccq: bool,
    /// They have left: their records are kept, read-only for everyone.
    pub read_only: bool,
    /// Export everything held about them (`subject_access::export_person`).
    pub export_person: bool,
}

/// A staff record as the staff page shows it: the record's own fields and
/// what the signed-in person may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffView {
    // Flattened, so a view is also a `StaffMember` to the pages that only
    // read names and numbers.
    #[serde(flatten)]
    pub member: StaffMember,
    pub rights: StaffRights,
}

/// True when the check passes, false when it refuses; any other failure
/// (the database) is passed on rather than shown as "not allowed".
fn passes(check: Result<()>) -> Result<bool> {
    match check {
        Ok(()) => Ok(true),
        Err(Error::Forbidden(_) | Error::Locked(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// What `actor` may do with `staff_number`'s records on `today`. Asks the
/// same functions the operations ask, and nothing else. The caller has
/// asked whether `actor` may see them.
pub fn rights(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<StaffRights> {
    rights_from(
        actor,
        access::can_edit_staff(conn, actor, staff_number, today),
        access::can_edit_nccq(conn, actor, staff_number, today),
        access::not_read_only(conn, staff_number, today),
    )
}

/// The rights from the answers of the checks about one person: an edit,
/// an NCCQ record, and whether their records are read-only.
fn rights_from(actor: &Actor, edit: Result<()>, record_nccq: Result<()>, writable: Result<()>) -> Result<StaffRights> {
    let edit = passes(edit)?;
    Ok(StaffRights {
        edit,
        // `mark_leaver` asks the same question as an edit.
        mark_leaver: edit,
        reinstate: passes(access::can_reinstate(actor))?,
        record_nccq: passes(record_nccq)?,
        read_only: !passes(writable)?,
        export_person: passes(access::can_export_person(actor))?,
    })
}

/// One staff member and what `actor` may do with them, if `actor` may see
/// them (see `access::can_view_staff`).
pub fn view_as(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<StaffView> {
    access::can_view_staff(conn, actor, staff_number)?;
    let member = get(conn, staff_number)?;
    let rights = rights(conn, actor, &member.staff_number, today)?;
    Ok(StaffView { member, rights })
}

/// The staff `actor` may see (as `staff::list_as`), each with what `actor`
/// may do with them.
/// A fixed number of queries, whatever the size of the department: whom
/// the actor keeps records of is read once, and each right asks the list
/// form of its operation's check.
pub fn list_views_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<StaffView>> {
    let visible = access::visible_staff(conn, actor)?;
    let keeper = access::RecordKeeper::among(actor, &visible);
    let visible: std::collections::HashSet<String> = visible.into_iter().collect();
    list(conn)?
        .into_iter()
        .filter(|m| visible.contains(&m.staff_number))
        .map(|member| {
            let rights = rights_from(
                actor,
                access::can_edit_staff_in(&keeper, actor, &member, today),
                access::can_edit_nccq_in(&keeper, actor, &member, today),
                access::not_a_leaver(&member, today),
            )?;
            Ok(StaffView { member, rights })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::tests::{actor, department, today};
    use crate::accounts::Role;
    use crate::staff::mark_leaver;

    /// The signed-in people of the test department: a coder, two line
    /// managers (one above the other), a manager of another team and the
    /// administrator.
    fn everyone() -> Vec<Actor> {
        vec![
            actor("11", Role::Coder),
            actor("10", Role::Manager),
            actor("12", Role::Manager),
            actor("20", Role::Manager),
            actor("1", Role::Administrator),
        ]
    }

    /// Every right agrees with the check its operation asks, for each
    /// person on each record they can see.
    fn assert_rights_agree_with_the_checks(store: &crate::Store) {
        let c = store.conn();
        for who in everyone() {
            for view in list_views_as(c, &who, today()).unwrap() {
                let n = view.member.staff_number.as_str();
                let r = view.rights;
                let edit = access::can_edit_staff(c, &who, n, today()).is_ok();
                let case = format!("{} ({:?}) on {n}", who.staff_number, who.role);
                assert_eq!(r.edit, edit, "edit: {case}");
                assert_eq!(r.mark_leaver, edit, "mark_leaver: {case}");
                assert_eq!(r.reinstate, access::can_reinstate(&who).is_ok(), "reinstate: {case}");
                assert_eq!(
                    r.record_nccq,
                    access::can_edit_nccq(c, &who, n, today()).is_ok(),
                    "record_nccq: {case}"
                );
                assert_eq!(
                    r.read_only,
                    access::not_read_only(c, n, today()).is_err(),
                    "read_only: {case}"
                );
                assert_eq!(
                    view_as(c, &who, n, today()).unwrap(),
                    view,
                    "one record reads as in the list: {case}"
                );
            }
        }
    }

    #[test]
    fn each_right_is_the_check_its_operation_asks() {
        let store = department();
        assert_rights_agree_with_the_checks(&store);
        let c = store.conn();
        let of = |who: &Actor, n: &str| view_as(c, who, n, today()).unwrap().rights;
        assert_eq!(
            of(&actor("11", Role::Coder), "11"),
            StaffRights::default(),
            "a coder reads their own record and changes nothing"
        );
        let manager = of(&actor("10", Role::Manager), "121");
        assert!(
            manager.edit && manager.record_nccq && !manager.reinstate,
            "a line manager changes their report's report: {manager:?}"
        );
        assert!(!of(&actor("10", Role::Manager), "10").edit, "but not their own record");
        let admin = of(&actor("1", Role::Administrator), "21");
        assert!(
            admin.edit && admin.mark_leaver && admin.reinstate && admin.record_nccq && !admin.read_only,
            "the administrator may do everything: {admin:?}"
        );
    }

    #[test]
    fn the_list_asks_the_same_few_statements_however_many_people_it_holds() {
        let mut store = department();
        let count = |store: &crate::Store, who: &Actor| {
            let before = store.conn().statements_run();
            let views = list_views_as(store.conn(), who, today()).unwrap();
            (views.len(), store.conn().statements_run() - before)
        };
        let who = [actor("10", Role::Manager), actor("1", Role::Administrator)];
        let small: Vec<_> = who.iter().map(|w| count(&store, w)).collect();
        for n in 0..30 {
            let input = crate::staff::StaffInput {
                staff_number: format!("5{n:02}"),
                forename: "New".into(),
                surname: format!("Starter{n}"),
                band: "4".into(),
                appointed: "2024-09-01".into(),
                manager: "12".into(),
                ..Default::default()
            };
            crate::staff::add(store.conn_mut(), &input, today()).unwrap();
        }
        assert_rights_agree_with_the_checks(&store);
        for (w, (people, statements)) in who.iter().zip(small) {
            let (more_people, more_statements) = count(&store, w);
            assert_eq!(more_people, people + 30, "{} sees the 30 new starters", w.staff_number);
            assert_eq!(
                more_statements, statements,
                "{}: the same statements for {people} and {more_people} people",
                w.staff_number
            );
            assert!(
                statements <= 4,
                "{}: a handful of statements, not one per person: {statements}",
                w.staff_number
            );
        }
    }

    #[test]
    fn a_leavers_records_are_read_only_for_everyone_who_sees_them() {
        let mut store = department();
        let now = today().and_hms_opt(9, 0, 0).unwrap();
        mark_leaver(
            store.conn_mut(),
            &actor("1", Role::Administrator),
            "121",
            "2026-10-31",
            now,
        )
        .unwrap();
        assert_rights_agree_with_the_checks(&store);
        for who in [
            actor("10", Role::Manager),
            actor("12", Role::Manager),
            actor("1", Role::Administrator),
        ] {
            let r = view_as(store.conn(), &who, "121", today()).unwrap().rights;
            assert!(r.read_only, "{} sees that Ann has left", who.staff_number);
            assert!(
                !r.edit && !r.mark_leaver && !r.record_nccq,
                "{} may change nothing of hers: {r:?}",
                who.staff_number
            );
        }
        assert!(
            view_as(store.conn(), &actor("1", Role::Administrator), "121", today())
                .unwrap()
                .rights
                .reinstate,
            "the administrator may still undo the leaving date"
        );
    }

    #[test]
    fn a_view_is_refused_as_a_read_is() {
        let store = department();
        let c = store.conn();
        let coder = actor("11", Role::Coder);
        let theirs = view_as(c, &coder, "21", today()).unwrap_err();
        let missing = view_as(c, &coder, "404", today()).unwrap_err();
        assert_eq!(theirs.code(), "forbidden", "a coder cannot see Cy");
        assert_eq!(
            (missing.code(), missing.to_string()),
            (theirs.code(), theirs.to_string()),
            "nor learn whether 404 exists"
        );
        let listed: Vec<String> = list_views_as(c, &actor("10", Role::Manager), today())
            .unwrap()
            .into_iter()
            .map(|v| v.member.staff_number)
            .collect();
        assert_eq!(listed, ["12", "11", "121", "10"], "the same people as the plain list");
    }

    #[test]
    fn a_view_reads_as_a_staff_member_with_its_rights() {
        let store = department();
        let view = view_as(store.conn(), &actor("1", Role::Administrator), "11", today()).unwrap();
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["staff_number"], "11", "the record's fields at the top level");
        assert_eq!(json["rights"]["edit"], true, "and the rights beside them");
    }
}
