//! The NCCQ pathway report: every trainee on the pathway, the least time
//! left first, as `nccq::team_status` lists them (one read of each table
//! for the whole department, never one per person).

use chrono::NaiveDate;

use super::table::{Cell, Table};
use crate::accounts::Actor;
use crate::store::db::Connection;
use crate::Result;

pub(super) fn table(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Table> {
    let mut t = Table::new(
        "NCCQ pathway",
        &[
            "Staff number",
            "Name",
            "State",
            "Appointed",
            "Standards course by",
            "Standards course",
            "NCCQ by",
            "Days left",
            "Next sitting",
            "Practical passed",
            "Theory passed",
        ],
    );
    for s in crate::nccq::team_status(conn, actor, today)? {
        t.rows.push(vec![
            Cell::text(&s.staff_number),
            Cell::text(&s.name),
            Cell::text(s.state.label()),
            Cell::Date(s.appointed),
            Cell::Date(s.standards_course_start_by),
            Cell::date(s.standards_course_start),
            Cell::Date(s.nccq_by),
            Cell::Number(s.days_left as f64),
            Cell::date(s.sittings_left.first().copied()),
            Cell::date(s.practical_passed),
            Cell::date(s.theory_passed),
        ]);
    }
    Ok(t)
}
