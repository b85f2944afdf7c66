//! The coding audit summary of this audit period (an NHS year): each coder
//! audited with their latest outcome (the coding audit summary's rule).

use chrono::NaiveDate;

use super::table::{Cell, Table};
use crate::accounts::Actor;
use crate::coding_audit::summary::period_of;
use crate::coding_audit::summary_as;
use crate::store::db::Connection;
use crate::Result;

pub(super) fn table(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Table> {
    let summary = summary_as(conn, actor, &period_of(today))?;
    let mut t = Table::new(
        &format!("Coding audit summary {}", summary.period),
        &[
            "Staff number",
            "Name",
            "Audits",
            "Not met",
            "Latest audit",
            "Latest outcome",
            "Code types below the line",
        ],
    );
    for c in summary.coders {
        t.rows.push(vec![
            Cell::text(&c.staff_number),
            Cell::text(&c.name),
            Cell::Number(f64::from(c.audits)),
            Cell::Number(f64::from(c.not_met)),
            Cell::Date(c.latest_date),
            Cell::text(c.latest_outcome.words()),
            Cell::text(c.below.iter().map(|b| b.label()).collect::<Vec<_>>().join("; ")),
        ]);
    }
    Ok(t)
}
