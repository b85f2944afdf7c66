//! The Clinical Coding Standards course and its refresher, owed by every
//! coder, accredited or not: a refresher falls due 3 years (the NCCQ
//! setting) after their most recent course, by the NCCQ's own rule
//! (`nccq::next_refresher_due`).
//!
//! Who codes: a current member of staff with an ACC date, a Standards or
//! refresher course recorded, or a job title that names coding ("Clinical
//! Coder", "Coding Team Leader"). Others (a department's administrators)
//! owe no refresher.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::accounts::Actor;
use crate::nccq::{next_refresher_due, settings, CourseAttendance, NccqSettings};
use crate::staff::{self, StaffMember};
use crate::store::db::Connection;
use crate::store::nccq as nccq_db;
use crate::store::staff as staff_db;
use crate::{access, Result};

/// One coder's Standards course and next refresher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RefresherStatus {
    pub staff_number: String,
    pub name: String,
    pub accredited: bool,
    /// The start of their most recent Standards or refresher course.
    #[ts(type = "string | null")]
    pub last_course: Option<NaiveDate>,
    /// When the next refresher is due; none when no course is recorded.
    #[ts(type = "string | null")]
    pub refresher_due: Option<NaiveDate>,
    /// The refresher's due date has passed, or no course is recorded.
    pub overdue: bool,
}

/// True when the record says the person codes.
pub fn codes(member: &StaffMember, has_course: bool) -> bool {
    let title = member.job_title.to_lowercase();
    member.acc_date.is_some() || has_course || title.contains("coder") || title.contains("coding")
}

/// Every coder `actor` may see, with their refresher, most overdue first.
pub fn refreshers_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<RefresherStatus>> {
    let visible: std::collections::HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    let years = settings(conn)?;
    let mut out = Vec::new();
    for member in staff::list(conn)?
        .into_iter()
        .filter(|m| visible.contains(&m.staff_number) && m.leaver_date.is_none_or(|d| d > today))
    {
        let Some(id) = staff_db::id_of(conn, &member.staff_number)? else {
            continue;
        };
        let courses = nccq_db::courses(conn, id)?;
        out.extend(refresher_of(&member, &courses, &years, today));
    }
    out.sort_by_key(|r| (!r.overdue, r.refresher_due));
    Ok(out)
}

/// One person's refresher from their courses, or none when they do not
/// code: the rule [`refreshers_as`] applies to each person, for callers that
/// read a whole department's courses at once.
pub(crate) fn refresher_of(
    member: &StaffMember,
    courses: &[CourseAttendance],
    years: &NccqSettings,
    today: NaiveDate,
) -> Option<RefresherStatus> {
    let last_course = courses.iter().map(|c| c.start).filter(|s| *s <= today).max();
    if !codes(member, last_course.is_some()) {
        return None;
    }
    let due = last_course.map(|c| next_refresher_due(c, years));
    Some(RefresherStatus {
        name: member.full_name(),
        staff_number: member.staff_number.clone(),
        accredited: member.acc_date.is_some(),
        last_course,
        refresher_due: due,
        overdue: due.is_none_or(|d| d < today),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Role;
    use crate::nccq::test_support::{course, ymd};

    #[test]
    fn an_accredited_coder_owes_a_refresher_three_years_after_their_last_course() {
        let mut store = crate::store::testing::store();
        let acc = staff::add(
            store.conn_mut(),
            &staff::StaffInput {
                forename: "Amara".into(),
                surname: "Okafor".into(),
                band: "5".into(),
                job_title: "Senior Clinical Coder".into(),
                appointed: "2015-01-05".into(),
                acc_date: "2017-03-01".into(),
                ..Default::default()
            },
            ymd(2026, 11, 28),
        )
        .unwrap();
        let clerk = staff::add(
            store.conn_mut(),
            &staff::StaffInput {
                forename: "Sam".into(),
                surname: "Clerk".into(),
                band: "3".into(),
                job_title: "Administrator".into(),
                appointed: "2015-01-05".into(),
                ..Default::default()
            },
            ymd(2026, 11, 28),
        )
        .unwrap();
        course(&mut store, &acc.staff_number, "standards", "2023-06-12").unwrap();
        let admin = Actor {
            staff_number: "x".into(),
            role: Role::Administrator,
            name: "x".into(),
            must_change_passphrase: false,
        };
        let list = refreshers_as(store.conn(), &admin, ymd(2026, 11, 28)).unwrap();
        assert_eq!(list.len(), 1, "the administrator owes none: {list:?}");
        assert_eq!(list[0].refresher_due, Some(ymd(2026, 6, 12)), "3 years on");
        assert!(list[0].overdue && list[0].accredited, "{:?}", list[0]);
        assert!(!list.iter().any(|r| r.staff_number == clerk.staff_number));
    }
}
