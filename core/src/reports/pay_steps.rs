//! Pay steps due: everyone below the top of their band with a next step,
//! the earliest review first (the pay-step rule).

use chrono::NaiveDate;

use super::table::{Cell, Table};
use crate::accounts::Actor;
use crate::pay_steps::PayStatus;
use crate::store::db::Connection;
use crate::{access, Result};

/// The pay status of everyone `actor` may see who has a next step, read
/// for the whole department at once (one query per table).
pub fn due_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<PayStatus>> {
    access::can_view_reports(actor)?;
    let visible: std::collections::HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    let members: Vec<_> = crate::staff::list(conn)?
        .into_iter()
        .filter(|m| visible.contains(&m.staff_number) && m.staff_number != actor.staff_number)
        .filter(|m| m.leaver_date.is_none_or(|d| d > today) && m.appointed <= today)
        .collect();
    let mut out: Vec<PayStatus> = crate::pay_steps::status::statuses(conn, members, today)?
        .into_iter()
        .filter(|s| s.next_step.is_some())
        .collect();
    out.sort_by_key(|s| s.review_due.or(s.next_step));
    Ok(out)
}

pub(super) fn table(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Table> {
    let mut t = Table::new(
        "Pay steps due",
        &[
            "Staff number",
            "Name",
            "Band",
            "In band since",
            "Next pay step",
            "Review due",
            "Where they stand",
        ],
    );
    for s in due_as(conn, actor, today)? {
        t.rows.push(vec![
            Cell::text(&s.staff_number),
            Cell::text(&s.name),
            Cell::text(&s.band),
            Cell::date(s.band_entered),
            Cell::date(s.next_step),
            Cell::date(s.review_due),
            Cell::text(&s.summary),
        ]);
    }
    Ok(t)
}
