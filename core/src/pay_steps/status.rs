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

/// [`status_as`] once access has been decided.
pub(crate) fn status(conn: &Connection, staff_number: &str, today: NaiveDate) -> Result<PayStatus> {
    let member = crate::staff::get(conn, staff_number.trim())?;
    let id = staff_id(conn, &member.staff_number)?;
    let table: PayStepTable = settings::load(conn)?;
    let steps = match member.band_entered {
        Some(entered) => pay_step_dates(&member.band, entered, &table)?,
        None => Vec::new(),
    };
    let (next_step, review_due) = next_review(&steps, settings::review_weeks(conn)?, today);
    let top_of_band = member.band_entered.is_some() && next_step.is_none();
    let confirmed = match next_step {
        Some(step) => db::standards(conn, id, step)?,
        None => Vec::new(),
    };
    let standards = standards(conn, id, member.last_appraisal_before, today, &confirmed)?;
    let summary = summary(&member, next_step, review_due, top_of_band, &standards);
    Ok(PayStatus {
        name: member.full_name(),
        staff_number: member.staff_number,
        band: member.band,
        band_entered: member.band_entered,
        steps,
        next_step,
        review_due,
        top_of_band,
        standards,
        summary,
        reviews: db::reviews(conn, id)?,
        may_record: false,
        as_at: today,
    })
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

/// The four standards on `as_at`.
fn standards(
    conn: &Connection,
    staff_id: i64,
    held_before_appraise: Option<NaiveDate>,
    as_at: NaiveDate,
    confirmed: &[ConfirmedStandard],
) -> Result<Vec<PayStandard>> {
    let make = |code: PayCriterionKind, met: Option<bool>, reason: String, source| PayStandard {
        code,
        name: code.label().to_owned(),
        met,
        reason,
        source,
    };
    let mut out = vec![appraisal_standard(conn, staff_id, held_before_appraise, as_at)?];
    let training = training_standard(conn, staff_id, as_at)?;
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
    Ok(out)
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
    let signed = dates.iter().copied().filter(|d| *d <= as_at).max();
    let before = held_before_appraise.filter(|d| *d <= as_at);
    let last = match (signed, before) {
        (Some(s), Some(b)) if b > s => Some((b, "held before Appraise")),
        (Some(s), _) => Some((s, "signed")),
        (None, Some(b)) => Some((b, "held before Appraise")),
        (None, None) => None,
    };
    Ok(match last {
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
    })
}

fn appraisal_standard(
    conn: &Connection,
    staff_id: i64,
    held_before_appraise: Option<NaiveDate>,
    as_at: NaiveDate,
) -> Result<PayStandard> {
    let (met, reason) = appraisal_within_12_months(conn, staff_id, held_before_appraise, as_at)?;
    Ok(PayStandard {
        code: PayCriterionKind::AppraisalWithin12Months,
        name: PayCriterionKind::AppraisalWithin12Months.label().to_owned(),
        met,
        reason,
        source: CriterionSource::Computed,
    })
}

/// Statutory and mandatory training on `as_at`: worked out from the
/// training records when any are held, otherwise not known. Shared with the
/// appraisal meeting's pay step.
pub(crate) fn training_standard(conn: &Connection, staff_id: i64, as_at: NaiveDate) -> Result<(Option<bool>, String)> {
    let c = compliance(conn, staff_id, as_at)?;
    Ok(if !c.has_records {
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
            format!("Not in date on {}. {}", display(as_at), c.summary()),
        )
    })
}
