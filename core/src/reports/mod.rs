//! The department's reports (appraisal compliance by team, the overdue
//! list, the NCCQ pathway, pay steps due, the training needs analysis, the
//! coding audit summary), their CSV and Excel files, and a person's or a
//! team's dates as an iCalendar file. Line managers see their reports up
//! the chain, the administrator everyone (access.rs decides). Every figure
//! comes from the rules that already own it (the schedule, the NCCQ
//! status, pay steps, refreshers, the coding audit summary).

pub mod audits;
pub mod calendar;
pub mod charts;
pub mod compliance;
pub mod csv;
pub mod heatmap;
pub mod nccq;
pub mod overdue;
pub mod pay_steps;
pub mod table;
pub mod training_needs;
pub mod xlsx;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use crate::accounts::Actor;
use crate::store::db::Connection;
use crate::{access, Error, Result};

pub use calendar::{calendar_as, CalendarScope};
pub use charts::{overview_as, ReportsOverview};
pub use heatmap::{heatmap_as, SkillsHeatmap};
pub use table::{Cell, Table};

/// The reports there are, by the name the CLI and the window use.
pub const NAMES: [&str; 6] = ["compliance", "overdue", "nccq", "pay-steps", "training-needs", "audits"];

/// One report as a table, over the people `actor` may see.
pub fn report_as(conn: &Connection, actor: &Actor, name: &str, today: NaiveDate) -> Result<Table> {
    access::can_view_reports(actor)?;
    match name {
        "compliance" => compliance::table(conn, actor, today),
        "overdue" => overdue::table(conn, actor, today),
        "nccq" => nccq::table(conn, actor, today),
        "pay-steps" => pay_steps::table(conn, actor, today),
        "training-needs" => training_needs::table(conn, actor, today),
        "audits" => audits::table(conn, actor, today),
        other => Err(Error::invalid(
            "report",
            format!(
                "There is no report called {other:?}: choose one of {}.",
                NAMES.join(", ")
            ),
        )),
    }
}
