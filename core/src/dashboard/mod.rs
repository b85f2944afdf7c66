//! The home page: the department at a glance for a manager (their reports)
//! or the administrator (everyone, or one manager's team), and everyone's
//! own next actions. `access.rs` decides whose figures a reader gets; the
//! rows are read for the whole department in a fixed number of queries
//! (`data`), and each figure applies the rule of the module that owns it
//! (`team`, `mine`, `compliance`).

mod compliance;
mod data;
mod mine;
pub mod since;
mod team;
#[cfg(test)]
mod tests;
pub mod words;

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::accounts::{Actor, Role};
use crate::store::db::Connection;
use crate::{access, Result};
pub use since::{newly_overdue, overdue_since_last_sign_in_as, NewlyOverdue, OverdueItem};
pub use words::{
    AuditBelow, Dashboard, DuePerson, MonthCompliance, NccqRisk, NextActions, PayStepDue, PdpActivityDue, TrainingDue,
    TrainingExpiring,
};

/// `actor`'s home page on `today`: their team's figures (narrowed to the
/// reports of `manager_filter`, when given) and their own next actions.
pub fn dashboard_as(
    conn: &Connection,
    actor: &Actor,
    manager_filter: Option<&str>,
    today: NaiveDate,
) -> Result<Dashboard> {
    let covered: HashSet<String> = access::dashboard_people(conn, actor, manager_filter)?
        .into_iter()
        .collect();
    let (dept, _) = data::load(conn, today)?;
    let people: Vec<_> = dept
        .people()
        .filter(|(m, _)| covered.contains(&m.staff_number))
        .collect();
    let schedule = team::schedule(&dept, &people, today);
    let (due, overdue) = team::due_and_overdue(&schedule, &dept);
    let by_month = compliance::by_month(&dept, &people, today);
    let now = by_month.last().expect("this month is listed");
    let team = manager_filter.map(str::trim).filter(|t| !t.is_empty());
    let scope = match (team, actor.role) {
        (Some(m), _) => match dept.staff.iter().find(|s| s.staff_number == m) {
            Some(s) => format!("{}'s team", s.full_name()),
            None => format!("The team of {m}"),
        },
        (None, Role::Administrator) => "The department".to_owned(),
        (None, Role::Manager) => "Your reports".to_owned(),
        (None, Role::Coder) => String::new(),
    };
    let me = dept.people().find(|(m, _)| m.staff_number == actor.staff_number);
    Ok(Dashboard {
        as_at: today,
        cycle: dept.schedule.cycle.label.clone(),
        scope,
        team: team.map(str::to_owned),
        shows_team: actor.role != Role::Coder,
        people_in_post: now.in_post,
        due,
        overdue,
        compliance_percent: now.percent,
        objective_setting_late: team::objective_setting_late(&schedule),
        mid_year_due: team::mid_year_due(&schedule, &people, today),
        nccq_at_risk: team::nccq_at_risk(&dept, &people, today),
        pay_step_reviews_due: team::pay_step_reviews_due(&dept, &people, today),
        training_overdue: team::training_overdue(&dept, &people, today),
        audits_below: team::audits_below(&people),
        pdp_overdue: team::pdp_overdue(&dept, &people, today),
        skills_gaps: team::skills_gaps(&dept, &people, today),
        mine: me.map(|(m, r)| mine::next_actions(&dept, m, r, today)),
        compliance_by_month: by_month,
    })
}

/// How long each of the home page's reads takes on `today` for `actor`, in
/// milliseconds, and the whole page (reads and rules): the benchmark's
/// figures. Asks `access.rs` as the page does.
pub fn timings_as(
    conn: &Connection,
    actor: &Actor,
    manager_filter: Option<&str>,
    today: NaiveDate,
) -> Result<Vec<(String, f64)>> {
    access::dashboard_people(conn, actor, manager_filter)?;
    let (_, reads) = data::load(conn, today)?;
    let start = std::time::Instant::now();
    dashboard_as(conn, actor, manager_filter, today)?;
    let whole = start.elapsed();
    Ok(reads
        .into_iter()
        .map(|(name, d)| (name.to_owned(), d.as_secs_f64() * 1000.0))
        .chain(std::iter::once(("whole page".to_owned(), whole.as_secs_f64() * 1000.0)))
        .collect())
}
