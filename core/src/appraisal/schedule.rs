//! Who is due which meeting in the current cycle: the annual appraisal (12
//! months after the latest of the last one signed in Appraise, the last one
//! held before Appraise and the appointment, or the department's date;
//! overdue the day after), the mid-year review,
//! and for new starters the objective-setting meeting, flagged when late.

use std::collections::{HashMap, HashSet};

use crate::store::db::Connection;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{settings, AppraisalKind, AppraisalStatus};
use crate::access;
use crate::accounts::Actor;
use crate::cycle::{self, cycle_for, Cycle};
use crate::nccq::add_months;
use crate::staff::StaffMember;
use crate::store::appraisal as db;
use crate::store::appraisal::Header;
use crate::Result;

/// One person's meetings in the cycle of `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppraisalDue {
    pub staff_number: String,
    pub name: String,
    pub band: String,
    /// The line manager's staff number.
    pub manager: Option<String>,
    /// As 2025/26.
    pub cycle: String,
    /// When their last annual appraisal (or, for a new starter, their
    /// objective-setting meeting) was signed.
    #[ts(type = "string | null")]
    pub last_signed: Option<NaiveDate>,
    /// The last appraisal held before the department used Appraise, from
    /// the staff record.
    #[ts(type = "string | null")]
    pub last_appraisal_before: Option<NaiveDate>,
    /// 12 months after the latest of `last_signed`,
    /// `last_appraisal_before` and the appointment date, or the
    /// department's date.
    #[ts(type = "string")]
    pub annual_due: NaiveDate,
    /// This cycle's annual appraisal, if started.
    pub annual_status: Option<AppraisalStatus>,
    pub annual_id: Option<i64>,
    /// Not signed in this cycle, and `today` is after the due date.
    pub annual_overdue: bool,
    #[ts(type = "string")]
    pub mid_year_due: NaiveDate,
    pub mid_year_status: Option<AppraisalStatus>,
    /// For staff appointed in the last 12 months.
    #[ts(type = "string | null")]
    pub objective_setting_due: Option<NaiveDate>,
    /// The day it was held (its meeting date), once signed.
    #[ts(type = "string | null")]
    pub objective_setting_held: Option<NaiveDate>,
    pub objective_setting_late: bool,
}

/// What the schedule rules need besides a person's own rows: the cycle of
/// the day asked about, the department's date for it, the setting.
#[derive(Debug, Clone)]
pub(crate) struct ScheduleRules {
    pub cycle: Cycle,
    pub department_date: Option<NaiveDate>,
    pub objective_setting_weeks: u32,
}

/// The rules in force on `today`, from the settings.
pub(crate) fn rules(conn: &Connection, today: NaiveDate) -> Result<ScheduleRules> {
    let settings = settings(conn)?;
    let cycle = cycle_for(today, settings.cycle_start_month);
    let department_date = settings
        .department_dates
        .iter()
        .find(|d| d.cycle_start_year == cycle.start_year)
        .map(|d| d.due);
    Ok(ScheduleRules {
        cycle,
        department_date,
        objective_setting_weeks: settings.objective_setting_weeks,
    })
}

/// Employed on `today`: appointed by then and not yet left.
pub(crate) fn employed(member: &StaffMember, today: NaiveDate) -> bool {
    !(member.leaver_date.is_some_and(|d| d <= today) || member.appointed > today)
}

/// Everyone employed on `today`, by surname, with the meetings due. Every
/// appraisal is read in one query, not one per person.
pub(crate) fn schedule(conn: &Connection, today: NaiveDate) -> Result<Vec<AppraisalDue>> {
    let rules = rules(conn, today)?;
    let mut by_person: HashMap<String, Vec<Header>> = HashMap::new();
    for h in db::all_headers(conn)? {
        by_person.entry(h.appraisee.staff_number.clone()).or_default().push(h);
    }
    Ok(crate::staff::list(conn)?
        .iter()
        .filter(|m| employed(m, today))
        .map(|m| due_for(m, by_person.get(&m.staff_number).map_or(&[][..], |h| h), &rules, today))
        .collect())
}

/// One person's meetings in the cycle of `today`, from their appraisal rows
/// (`headers`, in any order). The one place the schedule rules are applied.
pub(crate) fn due_for(
    member: &StaffMember,
    headers: &[Header],
    rules: &ScheduleRules,
    today: NaiveDate,
) -> AppraisalDue {
    let cycle = &rules.cycle;
    let current_signed = |kind: AppraisalKind| {
        headers
            .iter()
            .filter(|h| h.kind == kind && h.signed)
            .filter(|h| {
                // The signed version no later signed version replaces.
                !headers.iter().any(|n| n.supersedes_id == Some(h.id) && n.signed)
            })
            .collect::<Vec<_>>()
    };
    let newest_in_cycle = |kind: AppraisalKind| {
        headers
            .iter()
            .filter(|h| h.kind == kind && h.cycle_start == cycle.start_year)
            .max_by_key(|h| h.version)
    };
    let objective_setting = current_signed(AppraisalKind::ObjectiveSetting)
        .into_iter()
        .min_by_key(|h| h.meeting_date);
    let last_signed = current_signed(AppraisalKind::Annual)
        .into_iter()
        .chain(objective_setting)
        .filter_map(|h| h.signed_on())
        .filter(|d| *d <= today)
        .max();
    // The last appraisal held, in Appraise or before it: the year runs
    // from the later.
    let last_held = last_signed.max(member.last_appraisal_before.filter(|d| *d <= today));
    let annual_due = cycle::due_date(last_held, member.appointed, rules.department_date);
    let overdue = cycle::annual_overdue(last_held, member.appointed, rules.department_date, today);
    let annual = newest_in_cycle(AppraisalKind::Annual);
    let annual_signed = annual.is_some_and(|h| h.signed);
    let new_starter = add_months(member.appointed, 12) > today;
    let objective_setting_due =
        new_starter.then(|| cycle::objective_setting_due(member.appointed, rules.objective_setting_weeks));
    let objective_setting_held = objective_setting.map(|h| h.meeting_date);
    AppraisalDue {
        staff_number: member.staff_number.clone(),
        name: member.full_name(),
        band: member.band.clone(),
        manager: member.manager.clone(),
        cycle: cycle.label.clone(),
        last_signed,
        last_appraisal_before: member.last_appraisal_before,
        annual_due,
        annual_status: annual.map(|h| h.status()),
        annual_id: annual.map(|h| h.id),
        annual_overdue: !annual_signed && overdue,
        mid_year_due: cycle::mid_year_review_date(cycle),
        mid_year_status: newest_in_cycle(AppraisalKind::MidYear).map(|h| h.status()),
        objective_setting_due,
        objective_setting_held,
        objective_setting_late: objective_setting_due
            .is_some_and(|due| cycle::is_late(due, objective_setting_held, today)),
    }
}

/// Who is due which meeting, among the people `actor` may see.
pub fn schedule_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<AppraisalDue>> {
    let visible: HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    Ok(schedule(conn, today)?
        .into_iter()
        .filter(|d| visible.contains(&d.staff_number))
        .collect())
}
