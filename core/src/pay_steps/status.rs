//! Where a person stands for their next Agenda for Change pay step: the
//! step dates from their band and the date they entered it, when the review
//! is due, and the national pay-progression standards, each met, not met or
//! not yet known, with the evidence:
//! - an annual appraisal signed within the last 12 months
//!   (`cycle::within_12_months`, the one definition) — worked out;
//! - statutory and mandatory training in date (`crate::training`) — worked
//!   out when Appraise holds any training record for them;
//! - no formal capability process, no live disciplinary sanction — Appraise
//!   holds no evidence: confirmed by hand for the step, with a reason.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::words::{ConfirmedStandard, PayReview};
use super::{pay_step_dates, PayStepTable};
use crate::accounts::Actor;
use crate::appraisal::words::{AppraisalKind, CriterionSource, PayCriterionKind};
use crate::cycle::within_12_months;
use crate::dates::display;
use crate::settings::pay_steps as settings;
use crate::staff::StaffMember;
use crate::store::appraisal as appraisal_db;
use crate::store::db::Connection;
use crate::store::pay_steps as db;
use crate::training::compliance::{assess, Compliance};
use crate::training::records::compliance;
use crate::{access, Error, Result};

/// The standards of a pay-step review, in the order they are shown.
pub const STANDARDS: [PayCriterionKind; 4] = [
    PayCriterionKind::AppraisalWithin12Months,
    PayCriterionKind::MandatoryTraining,
    PayCriterionKind::NoCapabilityProcess,
    PayCriterionKind::NoDisciplinarySanction,
];

/// One standard: met (`Some(true)`), not met (`Some(false)`) or not yet
/// known (`None`), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PayStandard {
    pub code: PayCriterionKind,
    pub name: String,
    pub met: Option<bool>,
    pub reason: String,
    pub source: CriterionSource,
}

/// A person's pay steps and the standards for the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PayStatus {
    pub staff_number: String,
    pub name: String,
    pub band: String,
    /// ESR's incremental date; without it there are no step dates.
    #[ts(type = "string | null")]
    pub band_entered: Option<NaiveDate>,
    /// Every step date in the band, in order.
    #[ts(type = "Array<string>")]
    pub steps: Vec<NaiveDate>,
    /// The first step on or after the day asked about; none at the top of
    /// the band (or with no incremental date).
    #[ts(type = "string | null")]
    pub next_step: Option<NaiveDate>,
    /// When the review of the next step is due.
    #[ts(type = "string | null")]
    pub review_due: Option<NaiveDate>,
    pub top_of_band: bool,
    pub standards: Vec<PayStandard>,
    /// In a sentence: where they stand.
    pub summary: String,
    /// Recorded outcomes, latest step first.
    pub reviews: Vec<PayReview>,
    /// May confirm standards and record outcomes.
    pub may_record: bool,
    #[ts(type = "string")]
    pub as_at: NaiveDate,
}

/// A person's pay status on `today`, if `actor` may see it.
pub fn status_as(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<PayStatus> {
    access::can_view_pay_review(conn, actor, staff_number)?;
    let mut status = status(conn, staff_number, today)?;
    status.may_record = access::can_record_pay_review(conn, actor, staff_number, today).is_ok();
    Ok(status)
}

/// [`status_as`] once access has been decided: the evidence read for this
/// person alone.
pub(crate) fn status(conn: &Connection, staff_number: &str, today: NaiveDate) -> Result<PayStatus> {
    let member = crate::staff::get(conn, staff_number.trim())?;
    let id = staff_id(conn, &member.staff_number)?;
    let steps = Steps::of(&member, &settings::load(conn)?, settings::review_weeks(conn)?, today)?;
    let confirmed = match steps.next_step {
        Some(step) => db::standards(conn, id, step)?,
        None => Vec::new(),
    };
    let appraisal = appraisal_within_12_months(conn, id, member.last_appraisal_before, today)?;
    let training = training_standard(conn, id, today)?;
    let reviews = db::reviews(conn, id)?;
    Ok(status_from(
        member, steps, appraisal, training, &confirmed, reviews, today,
    ))
}

/// [`status`] of each of `members`, the evidence read for the whole
/// department in one query per table (the pay-steps report), whatever the
/// number of people.
pub(crate) fn statuses(conn: &Connection, members: Vec<StaffMember>, today: NaiveDate) -> Result<Vec<PayStatus>> {
    let table: PayStepTable = settings::load(conn)?;
    let weeks = settings::review_weeks(conn)?;
    let required = crate::settings::training::load(conn)?.required;
    let signed = by_person(db::signed_annual_dates(conn)?);
    let training = by_person(crate::store::dashboard::training(conn)?);
    let reviews = by_person(db::all_reviews(conn)?);
    let mut confirmed: HashMap<(String, NaiveDate), Vec<ConfirmedStandard>> = HashMap::new();
    for (staff_number, step, standard) in db::all_standards(conn)? {
        confirmed.entry((staff_number, step)).or_default().push(standard);
    }
    members
        .into_iter()
        .map(|member| {
            let n = member.staff_number.as_str();
            let steps = Steps::of(&member, &table, weeks, today)?;
            let confirmed = steps
                .next_step
                .and_then(|step| confirmed.get(&(n.to_owned(), step)))
                .map_or(&[][..], |c| c);
            let signed = signed.get(n).map_or(&[][..], |d| d);
            let appraisal = appraisal_judgement(signed, member.last_appraisal_before, today);
            let records = training.get(n).map_or(&[][..], |r| r);
            let training = training_judgement(&assess(&required, records, today));
            let reviews = reviews.get(n).cloned().unwrap_or_default();
            Ok(status_from(
                member, steps, appraisal, training, confirmed, reviews, today,
            ))
        })
        .collect()
}

fn by_person<V>(rows: Vec<(String, V)>) -> HashMap<String, Vec<V>> {
    let mut out: HashMap<String, Vec<V>> = HashMap::new();
    for (k, v) in rows {
        out.entry(k).or_default().push(v);
    }
    out
}

/// A person's step dates, the next on or after the day asked about and when
/// its review is due.
struct Steps {
    all: Vec<NaiveDate>,
    next_step: Option<NaiveDate>,
    review_due: Option<NaiveDate>,
}

impl Steps {
    fn of(member: &StaffMember, table: &PayStepTable, review_weeks: u32, today: NaiveDate) -> Result<Steps> {
        let all = match member.band_entered {
            Some(entered) => pay_step_dates(&member.band, entered, table)?,
            None => Vec::new(),
        };
        let (next_step, review_due) = next_review(&all, review_weeks, today);
        Ok(Steps {
            all,
            next_step,
            review_due,
        })
    }
}

/// The status from the evidence, however it was read.
fn status_from(
    member: StaffMember,
    steps: Steps,
    appraisal: (Option<bool>, String),
    training: (Option<bool>, String),
    confirmed: &[ConfirmedStandard],
    reviews: Vec<PayReview>,
    today: NaiveDate,
) -> PayStatus {
    let top_of_band = member.band_entered.is_some() && steps.next_step.is_none();
    let standards = standards(appraisal, training, confirmed);
    let summary = summary(&member, steps.next_step, steps.review_due, top_of_band, &standards);
    PayStatus {
        name: member.full_name(),
        staff_number: member.staff_number,
        band: member.band,
        band_entered: member.band_entered,
        steps: steps.all,
        next_step: steps.next_step,
        review_due: steps.review_due,
        top_of_band,
        standards,
        summary,
        reviews,
        may_record: false,
        as_at: today,
    }
}

/// The next pay step on or after `today` and when its review is due:
/// `weeks` (a setting) before it.
pub(crate) fn next_review(steps: &[NaiveDate], weeks: u32, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let next_step = steps.iter().copied().find(|s| *s >= today);
    (next_step, next_step.map(|s| s - Duration::weeks(i64::from(weeks))))
}

pub(super) fn staff_id(conn: &Connection, staff_number: &str) -> Result<i64> {
    crate::store::staff::id_of(conn, staff_number.trim())?
        .ok_or_else(|| Error::NotFound(format!("There is no staff member with staff number {staff_number}.")))
}

fn summary(
    member: &StaffMember,
    next_step: Option<NaiveDate>,
    review_due: Option<NaiveDate>,
    top_of_band: bool,
    standards: &[PayStandard],
) -> String {
    let Some(step) = next_step else {
        return if top_of_band {
            format!("At the top of Band {}: no further pay step.", member.band)
        } else {
            "No date of entry to the band is recorded, so the pay steps are not known.".to_owned()
        };
    };
    let due = review_due.map(display).unwrap_or_default();
    let unmet: Vec<&str> = standards
        .iter()
        .filter(|s| s.met == Some(false))
        .map(|s| s.name.as_str())
        .collect();
    let open = standards.iter().filter(|s| s.met.is_none()).count();
    let standing = if !unmet.is_empty() {
        format!("Not met: {}.", unmet.join("; "))
    } else if open > 0 {
        format!("{open} standard(s) still to confirm.")
    } else {
        "Every standard is met.".to_owned()
    };
    format!("Next pay step on {}; review due {due}. {standing}", display(step))
}

/// The four standards: the two worked out (`appraisal`, `training`: met or
/// not, and why) and the two confirmed by hand for the step.
fn standards(
    appraisal: (Option<bool>, String),
    training: (Option<bool>, String),
    confirmed: &[ConfirmedStandard],
) -> Vec<PayStandard> {
    let make = |code: PayCriterionKind, met: Option<bool>, reason: String, source| PayStandard {
        code,
        name: code.label().to_owned(),
        met,
        reason,
        source,
    };
    let mut out = vec![make(
        PayCriterionKind::AppraisalWithin12Months,
        appraisal.0,
        appraisal.1,
        CriterionSource::Computed,
    )];
    out.push(make(
        PayCriterionKind::MandatoryTraining,
        training.0,
        training.1,
        CriterionSource::Computed,
    ));
    for code in [
        PayCriterionKind::NoCapabilityProcess,
        PayCriterionKind::NoDisciplinarySanction,
    ] {
        out.push(match confirmed.iter().find(|c| c.standard == code.code()) {
            Some(c) => make(
                code,
                Some(c.met),
                format!(
                    "Confirmed {} by {} on {}: {}",
                    if c.met { "met" } else { "not met" },
                    c.confirmed_by,
                    display(c.confirmed_at.date()),
                    c.reason
                ),
                CriterionSource::Confirmed,
            ),
            None => make(
                code,
                None,
                "Appraise holds no evidence of this: the line manager confirms it, with a reason.".to_owned(),
                CriterionSource::Confirmed,
            ),
        });
    }
    out
}

/// Whether an annual appraisal falls within 12 months of `as_at`, and why:
/// the latest signed in Appraise, or the last held before Appraise (a date
/// on the staff record) when that is later. The one place this AfC
/// standard is worked out, for the pay-step review and the meeting's pay
/// step alike.
pub(crate) fn appraisal_within_12_months(
    conn: &Connection,
    staff_id: i64,
    held_before_appraise: Option<NaiveDate>,
    as_at: NaiveDate,
) -> Result<(Option<bool>, String)> {
    let dates = appraisal_db::signed_dates(conn, staff_id, &[AppraisalKind::Annual])?;
    Ok(appraisal_judgement(&dates, held_before_appraise, as_at))
}

/// [`appraisal_within_12_months`] from the days the current signed annual
/// appraisals were completed (in any order).
fn appraisal_judgement(
    signed_annual: &[NaiveDate],
    held_before_appraise: Option<NaiveDate>,
    as_at: NaiveDate,
) -> (Option<bool>, String) {
    let signed = signed_annual.iter().copied().filter(|d| *d <= as_at).max();
    let before = held_before_appraise.filter(|d| *d <= as_at);
    let last = match (signed, before) {
        (Some(s), Some(b)) if b > s => Some((b, "held before Appraise")),
        (Some(s), _) => Some((s, "signed")),
        (None, Some(b)) => Some((b, "held before Appraise")),
        (None, None) => None,
    };
    match last {
        Some((d, how)) if within_12_months(d, as_at) => (
            Some(true),
            format!(
                "The last annual appraisal was {how} on {}, within 12 months.",
                display(d)
            ),
        ),
        Some((d, how)) => (
            Some(false),
            format!(
                "No annual appraisal in the 12 months to {}; the last was {how} on {}.",
                display(as_at),
                display(d)
            ),
        ),
        None => (
            Some(false),
            format!(
                "No annual appraisal in the 12 months to {}; none is recorded in Appraise.",
                display(as_at)
            ),
        ),
    }
}

/// Statutory and mandatory training on `as_at`: worked out from the
/// training records when any are held, otherwise not known. Shared with the
/// appraisal meeting's pay step.
pub(crate) fn training_standard(conn: &Connection, staff_id: i64, as_at: NaiveDate) -> Result<(Option<bool>, String)> {
    Ok(training_judgement(&compliance(conn, staff_id, as_at)?))
}

/// [`training_standard`] from the compliance worked out.
fn training_judgement(c: &Compliance) -> (Option<bool>, String) {
    if !c.has_records {
        (
            None,
            "No training records are held in Appraise: import the ESR competences, record them by hand, or confirm."
                .to_owned(),
        )
    } else if c.compliant {
        (Some(true), c.summary())
    } else {
        (
            Some(false),
            format!("Not in date on {}. {}", display(c.as_at), c.summary()),
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::pay_steps::words::{ConfirmedStandard, PayOutcome, PayReview};
    use crate::store::pay_steps as db;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_department_read_at_once_gives_everyone_the_same_pay_status_as_reading_each_person() {
        let today = ymd(2026, 11, 28);
        let mut store = crate::store::testing::store();
        let options = crate::demo::DemoOptions {
            staff: 90,
            years: 3,
            ..crate::demo::DemoOptions::new(today)
        };
        crate::demo::generate(store.conn_mut(), &options).unwrap();
        let conn = store.conn();
        let people = crate::staff::list(conn).unwrap();
        // Standards confirmed and reviews recorded for some people's next
        // step (one of each kind), and a review of an earlier step.
        let confirmed_at = today.and_hms_opt(9, 0, 0).unwrap();
        let mut marked = 0;
        for (i, m) in people.iter().enumerate() {
            let Some(step) = super::status(conn, &m.staff_number, today).unwrap().next_step else {
                continue;
            };
            let id = crate::store::staff::id_of(conn, &m.staff_number).unwrap().unwrap();
            let standard = |code: &str, met: bool| ConfirmedStandard {
                standard: code.to_owned(),
                met,
                reason: format!("Checked for {}", m.staff_number),
                confirmed_by: "1".to_owned(),
                confirmed_at,
            };
            db::set_standard(conn, id, step, &standard("no_capability_process", i % 2 == 0)).unwrap();
            if i % 3 == 0 {
                db::set_standard(conn, id, step, &standard("no_disciplinary_sanction", true)).unwrap();
            }
            for (date, outcome) in [(step, PayOutcome::Deferred), (ymd(2020, 4, 1), PayOutcome::Progresses)] {
                let review = PayReview {
                    step_date: date,
                    outcome,
                    unmet_standard: (outcome == PayOutcome::Deferred).then(|| "no_capability_process".to_owned()),
                    review_date: (outcome == PayOutcome::Deferred).then_some(today),
                    outside_control: String::new(),
                    note: format!("Note {i}"),
                    recorded_by: "1".to_owned(),
                    recorded_at: confirmed_at,
                };
                db::set_review(conn, id, &review).unwrap();
            }
            marked += 1;
            if marked == 12 {
                break;
            }
        }
        assert_eq!(marked, 12, "a dozen people have a next step to confirm");
        for as_at in [today, ymd(2025, 6, 30)] {
            let before = conn.statements_run();
            let batched = super::statuses(conn, people.clone(), as_at).unwrap();
            let statements = conn.statements_run() - before;
            assert!(
                statements <= 10,
                "one read per table, not per person: {statements} statements"
            );
            assert_eq!(batched.len(), people.len(), "everyone's status");
            for (m, b) in people.iter().zip(&batched) {
                let one = super::status(conn, &m.staff_number, as_at).unwrap();
                assert_eq!(b, &one, "{}'s pay status on {as_at}", m.staff_number);
            }
            let with_evidence = batched
                .iter()
                .filter(|s| {
                    !s.reviews.is_empty()
                        && s.standards
                            .iter()
                            .any(|x| x.met.is_some() && x.source == crate::appraisal::words::CriterionSource::Confirmed)
                })
                .count();
            assert!(
                as_at != today || with_evidence == 12,
                "the confirmed standards and reviews are read: {with_evidence}"
            );
        }
    }
}
