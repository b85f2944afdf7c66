//! A person's or a team's dates as an iCalendar file (RFC 5545, through the
//! `icalendar` crate): appraisal due dates, mid-year reviews,
//! objective-setting meetings, pay-step reviews, NCCQ sittings and
//! deadlines, refreshers and PDP target dates, each an all-day event. Each
//! UID is made from the person, the kind of date and the date (or the
//! record's id), so importing a later export updates the events instead of
//! adding them again; DTSTAMP is the time passed in.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use icalendar::{Calendar, Component, Event, EventLike};
use serde::Serialize;
use ts_rs::TS;

use crate::accounts::Actor;
use crate::store::db::Connection;
use crate::{access, Result};

/// The domain every UID ends in.
const UID_DOMAIN: &str = "appraise.nhs";

/// Whose dates: one person's, or a line manager's and their reports'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarScope {
    Staff(String),
    Manager(String),
}

/// One dated thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarDate {
    pub staff_number: String,
    pub name: String,
    /// `appraisal-due`, `mid-year-review`, `objective-setting`,
    /// `pay-step-review`, `nccq-deadline`, `nccq-sitting`,
    /// `standards-course`, `refresher`, `pdp-target`.
    pub kind: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub summary: String,
    /// Tells one date of a kind from another on the same day (a PDP item's id).
    pub key: String,
}

impl CalendarDate {
    /// Stable across exports: the same person, kind and date (or record)
    /// give the same UID.
    pub fn uid(&self) -> String {
        format!("{}-{}-{}@{UID_DOMAIN}", self.staff_number, self.kind, self.key)
    }
}

/// The people in the scope, if `actor` may see them.
fn people(conn: &Connection, actor: &Actor, scope: &CalendarScope) -> Result<HashSet<String>> {
    match scope {
        CalendarScope::Staff(number) => {
            access::can_view_appraisal(conn, actor, number)?;
            Ok(HashSet::from([number.clone()]))
        }
        CalendarScope::Manager(number) => {
            access::can_view_reports(actor)?;
            access::can_view_staff(conn, actor, number)?;
            let mut team: HashSet<String> = crate::store::staff::reports_of(conn, number)?
                .into_iter()
                .map(|(n, _)| n)
                .collect();
            team.insert(number.clone());
            Ok(team)
        }
    }
}

fn date(
    staff_number: &str,
    name: &str,
    kind: &str,
    date: NaiveDate,
    summary: String,
    key: Option<String>,
) -> CalendarDate {
    CalendarDate {
        staff_number: staff_number.to_owned(),
        name: name.to_owned(),
        kind: kind.to_owned(),
        date,
        summary,
        key: key.unwrap_or_else(|| date.format("%Y%m%d").to_string()),
    }
}

/// Every date in the scope from `today`'s cycle on, by date.
pub fn dates_as(
    conn: &Connection,
    actor: &Actor,
    scope: &CalendarScope,
    today: NaiveDate,
) -> Result<Vec<CalendarDate>> {
    let people = people(conn, actor, scope)?;
    let mut out = Vec::new();
    for d in crate::appraisal::schedule_as(conn, actor, today)?
        .into_iter()
        .filter(|d| people.contains(&d.staff_number))
    {
        if d.annual_status != Some(crate::appraisal::AppraisalStatus::Signed) {
            out.push(date(
                &d.staff_number,
                &d.name,
                "appraisal-due",
                d.annual_due,
                format!("Annual appraisal due: {}", d.name),
                None,
            ));
        }
        if d.mid_year_status.is_none() {
            out.push(date(
                &d.staff_number,
                &d.name,
                "mid-year-review",
                d.mid_year_due,
                format!("Mid-year review: {}", d.name),
                None,
            ));
        }
        if let (Some(due), None) = (d.objective_setting_due, d.objective_setting_held) {
            out.push(date(
                &d.staff_number,
                &d.name,
                "objective-setting",
                due,
                format!("Objective setting due: {}", d.name),
                None,
            ));
        }
        let pay = crate::pay_steps::status_as(conn, actor, &d.staff_number, today)?;
        if let Some(review) = pay.review_due {
            out.push(date(
                &d.staff_number,
                &d.name,
                "pay-step-review",
                review,
                format!("Pay-step review due: {}", d.name),
                None,
            ));
        }
        let plan = crate::appraisal::current_pdp_as(conn, actor, &d.staff_number)?;
        for item in plan.items {
            if let Some(target) = item.target_date {
                out.push(date(
                    &d.staff_number,
                    &d.name,
                    "pdp-target",
                    target,
                    format!("PDP target: {} ({})", item.learning_need, d.name),
                    Some(item.id.to_string()),
                ));
            }
        }
    }
    for s in crate::nccq::team_status(conn, actor, today)?
        .into_iter()
        .filter(|s| people.contains(&s.staff_number))
    {
        out.push(date(
            &s.staff_number,
            &s.name,
            "nccq-deadline",
            s.nccq_by,
            format!("NCCQ deadline: {}", s.name),
            None,
        ));
        if s.standards_course_start.is_none() {
            out.push(date(
                &s.staff_number,
                &s.name,
                "standards-course",
                s.standards_course_start_by,
                format!("Standards course to start by: {}", s.name),
                None,
            ));
        }
        for sitting in &s.sittings_left {
            out.push(date(
                &s.staff_number,
                &s.name,
                "nccq-sitting",
                *sitting,
                format!("NCCQ sitting: {}", s.name),
                None,
            ));
        }
    }
    for r in crate::training::refreshers::refreshers_as(conn, actor, today)?
        .into_iter()
        .filter(|r| people.contains(&r.staff_number))
    {
        if let Some(due) = r.refresher_due {
            out.push(date(
                &r.staff_number,
                &r.name,
                "refresher",
                due,
                format!("Standards refresher due: {}", r.name),
                None,
            ));
        }
    }
    out.sort_by(|a, b| (a.date, &a.staff_number, &a.kind).cmp(&(b.date, &b.staff_number, &b.kind)));
    Ok(out)
}

/// The dates as the text of an .ics file.
pub fn to_ics(dates: &[CalendarDate], stamp: NaiveDateTime) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Appraise");
    for d in dates {
        calendar.push(
            Event::new()
                .uid(&d.uid())
                .timestamp(stamp.and_utc())
                .all_day(d.date)
                .summary(&d.summary)
                .add_property("CATEGORIES", &d.kind)
                .done(),
        );
    }
    calendar.done().to_string()
}

/// The scope's dates as an .ics file, if `actor` may see them.
pub fn calendar_as(
    conn: &Connection,
    actor: &Actor,
    scope: &CalendarScope,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<String> {
    Ok(to_ics(&dates_as(conn, actor, scope, today)?, now))
}
