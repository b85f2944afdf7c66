//! A manager's (or the administrator's) lists: each applies the rule its
//! own module owns (the appraisal schedule, NCCQ status, pay steps,
//! training compliance and refreshers, coding audit outcomes) to rows
//! already read.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::data::{Department, Rows};
use super::words::{AuditBelow, DuePerson, NccqRisk, PayStepDue, PdpActivityDue, TrainingDue};
use crate::appraisal::{due_for, employed, AppraisalDue, AppraisalStatus};
use crate::coding_audit::words::AuditOutcome;
use crate::nccq::NccqState;
use crate::pay_steps::pay_step_dates;
use crate::pay_steps::status::next_review;
use crate::staff::StaffMember;
use crate::training::compliance::assess;
use crate::training::refreshers::refresher_of;

/// How far ahead a coming review is worth showing.
pub(super) const LOOK_AHEAD_WEEKS: i64 = 8;

/// The people a page covers, each with their rows.
pub(super) type People<'a> = [(&'a StaffMember, &'a Rows)];

/// Everyone's appraisal schedule, for the people in post.
pub(super) fn schedule(dept: &Department, people: &People, today: NaiveDate) -> Vec<AppraisalDue> {
    people
        .iter()
        .filter(|(m, _)| employed(m, today))
        .map(|(m, r)| due_for(m, dept.headers(r), &dept.schedule, today))
        .collect()
}

fn item(d: &AppraisalDue, due: NaiveDate) -> DuePerson {
    DuePerson {
        staff_number: d.staff_number.clone(),
        name: d.name.clone(),
        due,
        appraisal_id: d.annual_id,
    }
}

/// (due later this cycle, overdue), each by due date.
pub(super) fn due_and_overdue(schedule: &[AppraisalDue], dept: &Department) -> (Vec<DuePerson>, Vec<DuePerson>) {
    let end = dept.schedule.cycle.end;
    let signed = |d: &AppraisalDue| d.annual_status == Some(AppraisalStatus::Signed);
    let mut overdue: Vec<DuePerson> = schedule
        .iter()
        .filter(|d| d.annual_overdue)
        .map(|d| item(d, d.annual_due))
        .collect();
    let mut due: Vec<DuePerson> = schedule
        .iter()
        .filter(|d| !d.annual_overdue && !signed(d) && d.annual_due <= end)
        .map(|d| item(d, d.annual_due))
        .collect();
    overdue.sort_by_key(|i| i.due);
    due.sort_by_key(|i| i.due);
    (due, overdue)
}

pub(super) fn objective_setting_late(schedule: &[AppraisalDue]) -> Vec<DuePerson> {
    schedule
        .iter()
        .filter(|d| d.objective_setting_late)
        .filter_map(|d| d.objective_setting_due.map(|due| item(d, due)))
        .collect()
}

/// Mid-year reviews not held, due within the look-ahead or already due,
/// for people appointed before the review date.
pub(super) fn mid_year_due(schedule: &[AppraisalDue], people: &People, today: NaiveDate) -> Vec<DuePerson> {
    let horizon = today + Duration::weeks(LOOK_AHEAD_WEEKS);
    let appointed: HashMap<&str, NaiveDate> = people
        .iter()
        .map(|(m, _)| (m.staff_number.as_str(), m.appointed))
        .collect();
    schedule
        .iter()
        .filter(|d| d.mid_year_due <= horizon && d.mid_year_status != Some(AppraisalStatus::Signed))
        .filter(|d| {
            appointed
                .get(d.staff_number.as_str())
                .is_some_and(|a| *a < d.mid_year_due)
        })
        .map(|d| DuePerson {
            appraisal_id: None,
            ..item(d, d.mid_year_due)
        })
        .collect()
}

/// Trainees on the pathway, not accredited, at risk or past it.
pub(super) fn nccq_at_risk(dept: &Department, people: &People, today: NaiveDate) -> Vec<NccqRisk> {
    let mut out: Vec<NccqRisk> = people
        .iter()
        .filter(|(m, _)| employed(m, today) && m.acc_date.is_none())
        .map(|(m, r)| dept.nccq_record(m, r))
        .filter(|r| r.on_pathway)
        .map(|r| crate::nccq::assess(&r, &dept.nccq, today))
        .filter(|s| matches!(s.state, NccqState::AtRisk | NccqState::Missed))
        .map(|s| NccqRisk {
            staff_number: s.staff_number,
            name: s.name,
            state: s.state,
            nccq_by: s.nccq_by,
            days_left: s.days_left,
        })
        .collect();
    out.sort_by_key(|i| i.days_left);
    out
}

/// Pay-step reviews due within the look-ahead (or due already) with no
/// review recorded for that step.
pub(super) fn pay_step_reviews_due(dept: &Department, people: &People, today: NaiveDate) -> Vec<PayStepDue> {
    let horizon = today + Duration::weeks(LOOK_AHEAD_WEEKS);
    let mut out: Vec<PayStepDue> = people
        .iter()
        .filter(|(m, _)| employed(m, today))
        .filter_map(|(m, r)| {
            let steps = pay_step_dates(&m.band, m.band_entered?, &dept.pay_table).ok()?;
            let (step, review_due) = next_review(&steps, dept.review_weeks, today);
            let (step, review_due) = (step?, review_due?);
            let reviewed = r.pay_reviews.contains(&step);
            (review_due <= horizon && !reviewed).then(|| PayStepDue {
                staff_number: m.staff_number.clone(),
                name: m.full_name(),
                band: m.band.clone(),
                step_date: step,
                review_due,
            })
        })
        .collect();
    out.sort_by_key(|i| i.review_due);
    out
}

/// Mandatory training expired or missing (for people with training records
/// at all), and NCCQ refreshers overdue.
pub(super) fn training_overdue(dept: &Department, people: &People, today: NaiveDate) -> Vec<TrainingDue> {
    people
        .iter()
        .filter(|(m, _)| employed(m, today))
        .filter_map(|(m, r)| {
            let compliance = assess(&dept.required_training, &r.training, today);
            let mut subjects = compliance.expired;
            if compliance.has_records {
                subjects.extend(compliance.missing);
            }
            let refresher = refresher_of(m, &r.courses, &dept.nccq, today);
            let refresher_overdue = refresher.as_ref().is_some_and(|r| r.overdue);
            (!subjects.is_empty() || refresher_overdue).then(|| TrainingDue {
                staff_number: m.staff_number.clone(),
                name: m.full_name(),
                subjects,
                refresher_overdue,
                refresher_due: refresher.and_then(|r| r.refresher_due),
            })
        })
        .collect()
}

/// Each person's latest audit in the last 12 months, when it was not met.
pub(super) fn audits_below(people: &People) -> Vec<AuditBelow> {
    people
        .iter()
        .filter_map(|(m, r)| {
            let (audit, judgement) = r.audits.last()?;
            (judgement.outcome == AuditOutcome::NotMet).then(|| AuditBelow {
                staff_number: m.staff_number.clone(),
                name: m.full_name(),
                date: audit.date,
                below: judgement.below.iter().map(|c| c.label().to_owned()).collect(),
            })
        })
        .collect()
}

/// A person's current plan's activities not completed (and due before
/// `before`, when given), by target date.
pub(super) fn pdp_open(dept: &Department, m: &StaffMember, r: &Rows, before: Option<NaiveDate>) -> Vec<PdpActivityDue> {
    let Some((id, rows)) = dept.current_pdp(r) else {
        return Vec::new();
    };
    let mut open = rows
        .iter()
        .filter(|r| !r.completed && before.is_none_or(|d| r.target_date < d))
        .peekable();
    if open.peek().is_none() {
        return Vec::new();
    }
    let name = m.full_name();
    open.map(|r| PdpActivityDue {
        staff_number: m.staff_number.clone(),
        name: name.clone(),
        appraisal_id: id,
        learning_need: r.learning_need.clone(),
        target_date: r.target_date,
    })
    .collect()
}

/// PDP activities past their target date, for the people in post.
pub(super) fn pdp_overdue(dept: &Department, people: &People, today: NaiveDate) -> Vec<PdpActivityDue> {
    let mut out: Vec<PdpActivityDue> = people
        .iter()
        .filter(|(m, _)| employed(m, today))
        .flat_map(|(m, r)| pdp_open(dept, m, r, Some(today)))
        .collect();
    out.sort_by_key(|i| i.target_date);
    out
}

/// Skills agreed below expectation in each person's current annual
/// appraisal (the newest version of the newest cycle's), for the people in
/// post.
pub(super) fn skills_gaps(dept: &Department, people: &People, today: NaiveDate) -> u32 {
    people
        .iter()
        .filter(|(m, _)| employed(m, today))
        .filter_map(|(_, r)| {
            dept.headers(r)
                .iter()
                .filter(|h| h.kind == crate::appraisal::AppraisalKind::Annual && h.superseded_by.is_none())
                .max_by_key(|h| (h.cycle_start, h.version))
        })
        .map(|h| dept.skill_gaps.get(&h.id).copied().unwrap_or(0))
        .sum::<i64>()
        .try_into()
        .unwrap_or(u32::MAX)
}
