//! Appraisal compliance: people with a signed annual appraisal in the last
//! 12 months (in Appraise, or held before it as the staff record says) ÷
//! people in post, by team (line manager) and for each of the last 12
//! months. Two reads over everyone: the staff list and the signed dates.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::table::{Cell, Table};
use crate::accounts::Actor;
use crate::staff::StaffMember;
use crate::store::db::Connection;
use crate::{access, Result};

/// One team's figure: a line manager's direct reports.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamCompliance {
    /// The line manager's name, or "No line manager".
    pub team: String,
    pub in_post: u32,
    pub appraised: u32,
    pub percent: f64,
}

/// The figure at the end of one month (or today, for this month).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ComplianceOn {
    /// The day the figure is taken, ISO.
    #[ts(type = "string")]
    pub on: NaiveDate,
    pub in_post: u32,
    pub appraised: u32,
    pub percent: f64,
}

/// AppraisalCompliance by team today, and over the last 12 months.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppraisalCompliance {
    pub teams: Vec<TeamCompliance>,
    pub department: ComplianceOn,
    /// Oldest first; the last is today.
    pub months: Vec<ComplianceOn>,
}

/// Who counts: in post on `on`, as the schedule counts them.
fn in_post(member: &StaffMember, on: NaiveDate) -> bool {
    crate::appraisal::employed(member, on)
}

/// Appraised on `on`: the one compliance rule, `cycle::appraised_on`.
fn appraised(member: &StaffMember, signed: &[NaiveDate], on: NaiveDate) -> bool {
    crate::cycle::appraised_on(signed, member.last_appraisal_before, on)
}

fn percent(appraised: u32, in_post: u32) -> f64 {
    if in_post == 0 {
        0.0
    } else {
        (f64::from(appraised) * 1000.0 / f64::from(in_post)).round() / 10.0
    }
}

/// The figure over `people` on `on`.
pub fn figure(people: &[&StaffMember], signed: &HashMap<String, Vec<NaiveDate>>, on: NaiveDate) -> ComplianceOn {
    let counted: Vec<_> = people.iter().filter(|m| in_post(m, on)).collect();
    let done = counted
        .iter()
        .filter(|m| appraised(m, signed.get(&m.staff_number).map_or(&[][..], |v| v), on))
        .count() as u32;
    ComplianceOn {
        on,
        in_post: counted.len() as u32,
        appraised: done,
        percent: percent(done, counted.len() as u32),
    }
}

/// The last day of each of the 11 months before `today`'s, then `today`.
pub fn month_ends(today: NaiveDate) -> Vec<NaiveDate> {
    let mut ends = vec![today];
    let mut first = today.with_day(1).expect("day 1");
    for _ in 0..11 {
        let last = first.pred_opt().expect("a day before");
        ends.push(last);
        first = last.with_day(1).expect("day 1");
    }
    ends.reverse();
    ends
}

/// AppraisalCompliance over the people `actor` may see (not the actor themselves
/// when they are a line manager: their team).
pub fn compliance_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<AppraisalCompliance> {
    access::can_view_reports(actor)?;
    let visible: HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    let everyone = crate::staff::list(conn)?;
    let names: HashMap<&str, String> = everyone
        .iter()
        .map(|m| (m.staff_number.as_str(), m.full_name()))
        .collect();
    let people: Vec<&StaffMember> = everyone
        .iter()
        .filter(|m| visible.contains(&m.staff_number) && m.staff_number != actor.staff_number)
        .collect();
    let mut signed: HashMap<String, Vec<NaiveDate>> = HashMap::new();
    for (number, day) in crate::store::reports::signed_annual_dates(conn)? {
        signed.entry(number).or_default().push(day);
    }
    let mut by_team: BTreeMap<String, Vec<&StaffMember>> = BTreeMap::new();
    for member in &people {
        let team = member
            .manager
            .as_deref()
            .and_then(|m| names.get(m).cloned())
            .unwrap_or_else(|| "No line manager".to_owned());
        by_team.entry(team).or_default().push(member);
    }
    let teams = by_team
        .into_iter()
        .map(|(team, members)| {
            let f = figure(&members, &signed, today);
            TeamCompliance {
                team,
                in_post: f.in_post,
                appraised: f.appraised,
                percent: f.percent,
            }
        })
        .filter(|t| t.in_post > 0)
        .collect();
    let months = month_ends(today)
        .into_iter()
        .map(|on| figure(&people, &signed, on))
        .collect();
    Ok(AppraisalCompliance {
        teams,
        department: figure(&people, &signed, today),
        months,
    })
}

pub(super) fn table(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Table> {
    let c = compliance_as(conn, actor, today)?;
    let mut t = Table::new(
        "Appraisal compliance by team",
        &[
            "Team",
            "In post",
            "Appraised in the last 12 months",
            "AppraisalCompliance (%)",
            "As at",
        ],
    );
    for team in &c.teams {
        t.rows.push(vec![
            Cell::text(&team.team),
            Cell::Number(f64::from(team.in_post)),
            Cell::Number(f64::from(team.appraised)),
            Cell::Number(team.percent),
            Cell::Date(today),
        ]);
    }
    t.rows.push(vec![
        Cell::text("Department"),
        Cell::Number(f64::from(c.department.in_post)),
        Cell::Number(f64::from(c.department.appraised)),
        Cell::Number(c.department.percent),
        Cell::Date(today),
    ]);
    Ok(t)
}
