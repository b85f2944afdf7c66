//! The overdue list: everyone whose annual appraisal is past its due date
//! and not signed this cycle, most overdue first (the schedule's rule).

use chrono::NaiveDate;

use super::table::{Cell, Table};
use crate::accounts::Actor;
use crate::appraisal::{schedule_as, AppraisalDue};
use crate::store::db::Connection;
use crate::Result;

/// The people `actor` may see whose annual appraisal is overdue.
pub fn overdue_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<AppraisalDue>> {
    crate::access::can_view_reports(actor)?;
    let mut out: Vec<AppraisalDue> = schedule_as(conn, actor, today)?
        .into_iter()
        .filter(|d| d.annual_overdue && d.staff_number != actor.staff_number)
        .collect();
    out.sort_by_key(|d| d.annual_due);
    Ok(out)
}

pub(super) fn table(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Table> {
    let mut t = Table::new(
        "Appraisals overdue",
        &[
            "Staff number",
            "Name",
            "Band",
            "Line manager",
            "Cycle",
            "Last appraisal",
            "Due",
            "Days overdue",
            "This cycle's appraisal",
        ],
    );
    for d in overdue_as(conn, actor, today)? {
        t.rows.push(vec![
            Cell::text(&d.staff_number),
            Cell::text(&d.name),
            Cell::text(&d.band),
            Cell::text(d.manager.clone().unwrap_or_default()),
            Cell::text(&d.cycle),
            Cell::date(d.last_signed.max(d.last_appraisal_before)),
            Cell::Date(d.annual_due),
            Cell::Number((today - d.annual_due).num_days() as f64),
            Cell::text(d.annual_status.map_or("not started", |s| s.label())),
        ]);
    }
    Ok(t)
}
