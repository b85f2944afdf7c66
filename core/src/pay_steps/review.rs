//! Recording a pay-step review: confirming by hand a standard Appraise
//! holds no evidence for, and the outcome (progresses, deferred with the
//! unmet standard and a review date, or not applicable at the top of the
//! band). A standard missed for reasons outside the employee's control
//! (an appraisal the manager did not hold, authorised absence) does not
//! defer: the outcome is "progresses" and the record says why.
//!
//! Each is one guarded door: the write transaction, `access.rs` inside it
//! (the line manager or the administrator; never a leaver's), the change
//! and its audit row, then commit.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::status::{staff_id, status, PayStatus};
use super::words::{ConfirmedStandard, PayOutcome, PayReview};
use crate::accounts::Actor;
use crate::appraisal::words::PayCriterionKind;
use crate::dates::{display, parse_date};
use crate::store::db::Connection;
use crate::store::pay_steps as db;
use crate::{access, audit, Error, FieldError, Result};

/// A standard confirmed by hand, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StandardInput {
    /// The pay step it is for (one of the person's step dates).
    pub step_date: String,
    /// `no_capability_process` or `no_disciplinary_sanction` (or
    /// `capability`, `disciplinary`).
    pub standard: String,
    pub met: bool,
    pub reason: String,
}

/// A review outcome, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReviewInput {
    pub step_date: String,
    /// `progresses`, `deferred` or `not_applicable`.
    pub outcome: String,
    /// Deferred: the code of the standard not met.
    pub unmet_standard: String,
    /// Deferred: when it is looked at again.
    pub review_date: String,
    /// Progresses although a standard is not met: why that was outside the
    /// employee's control.
    pub outside_control: String,
    pub note: String,
}

fn by_hand(text: &str) -> Option<PayCriterionKind> {
    match text.trim().to_lowercase().as_str() {
        "capability" => Some(PayCriterionKind::NoCapabilityProcess),
        "disciplinary" => Some(PayCriterionKind::NoDisciplinarySanction),
        other => PayCriterionKind::parse(other).filter(|k| {
            matches!(
                k,
                PayCriterionKind::NoCapabilityProcess | PayCriterionKind::NoDisciplinarySanction
            )
        }),
    }
}

fn step_of(now: &PayStatus, text: &str) -> Result<NaiveDate> {
    let step = parse_date(text).map_err(|m| Error::invalid("step_date", format!("Pay step: {m}")))?;
    if now.steps.contains(&step) {
        Ok(step)
    } else if now.steps.is_empty() {
        Err(Error::invalid(
            "step_date",
            "Record the date they entered their band first: their pay steps follow from it.",
        ))
    } else {
        let all: Vec<String> = now.steps.iter().map(|s| display(*s)).collect();
        Err(Error::invalid(
            "step_date",
            format!("{} is not one of their pay steps ({}).", display(step), all.join(", ")),
        ))
    }
}

/// Confirms (by hand, with a reason) a standard Appraise holds no evidence
/// for, for one pay step.
pub fn confirm_standard_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    input: &StandardInput,
    now: NaiveDateTime,
) -> Result<PayStatus> {
    let tx = crate::store::write(conn)?;
    access::can_record_pay_review(&tx, actor, staff_number, now.date())?;
    let before = status(&tx, staff_number, now.date())?;
    let step = step_of(&before, &input.step_date)?;
    let Some(kind) = by_hand(&input.standard) else {
        return Err(Error::invalid(
            "standard",
            "Confirm by hand only \"no formal capability process\" or \"no live disciplinary sanction\": the others Appraise works out.",
        ));
    };
    let reason = input.reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Give the reason: what the confirmation rests on.",
        ));
    }
    let confirmed = ConfirmedStandard {
        standard: kind.code().to_owned(),
        met: input.met,
        reason: reason.to_owned(),
        confirmed_by: actor.staff_number.clone(),
        confirmed_at: now,
    };
    db::set_standard(&tx, staff_id(&tx, staff_number)?, step, &confirmed)?;
    audit::record_by(
        &tx,
        actor,
        "pay.standard_confirm",
        "pay_step_standard",
        staff_number.trim(),
        serde_json::json!({"step_date": step, "standard": kind.code(), "met": input.met, "reason": reason}),
        now,
    )?;
    let after = status(&tx, staff_number, now.date())?;
    tx.commit()?;
    Ok(PayStatus {
        may_record: true,
        ..after
    })
}

/// Records the outcome of a pay-step review (replacing any recorded for the
/// same step).
pub fn record_review_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    input: &ReviewInput,
    now: NaiveDateTime,
) -> Result<PayStatus> {
    let tx = crate::store::write(conn)?;
    access::can_record_pay_review(&tx, actor, staff_number, now.date())?;
    let current = status(&tx, staff_number, now.date())?;
    let review = checked(&current, input, actor, now)?;
    db::set_review(&tx, staff_id(&tx, staff_number)?, &review)?;
    audit::record_by(
        &tx,
        actor,
        "pay.review",
        "pay_step_review",
        staff_number.trim(),
        audit::snapshot(&review),
        now,
    )?;
    let after = status(&tx, staff_number, now.date())?;
    tx.commit()?;
    Ok(PayStatus {
        may_record: true,
        ..after
    })
}

fn checked(current: &PayStatus, input: &ReviewInput, actor: &Actor, now: NaiveDateTime) -> Result<PayReview> {
    let outcome = PayOutcome::parse(&input.outcome)
        .ok_or_else(|| Error::invalid("outcome", "Choose the outcome: progresses, deferred or not applicable."))?;
    let outside_control = input.outside_control.trim().to_owned();
    let note = input.note.trim().to_owned();
    let mut problems: Vec<FieldError> = Vec::new();
    let mut bad = |field: &str, message: String| {
        problems.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let (step_date, unmet_standard, review_date) = match outcome {
        PayOutcome::NotApplicable => {
            let step = parse_date(&input.step_date).map_err(|m| Error::invalid("step_date", format!("Date: {m}")))?;
            if current.steps.iter().any(|s| *s >= step) {
                bad(
                    "outcome",
                    "Not applicable is for the top of the band: they have a pay step still to come.".to_owned(),
                );
            }
            (step, None, None)
        }
        PayOutcome::Deferred => {
            let step = step_of(current, &input.step_date)?;
            let unmet = PayCriterionKind::parse(&input.unmet_standard)
                .or_else(|| by_hand(&input.unmet_standard))
                .filter(|k| super::status::STANDARDS.contains(k));
            if unmet.is_none() {
                bad("unmet_standard", "Name the standard that is not met.".to_owned());
            }
            let review = match parse_date(&input.review_date) {
                Ok(d) if d > now.date() => Some(d),
                Ok(_) => {
                    bad("review_date", "The review date must be after today.".to_owned());
                    None
                }
                Err(_) => {
                    bad(
                        "review_date",
                        "Enter the date it will be reviewed again, for example 01/06/2026.".to_owned(),
                    );
                    None
                }
            };
            if !outside_control.is_empty() {
                bad(
                    "outside_control",
                    "A standard missed for reasons outside the employee's control does not defer: record \"progresses\" with the reason.".to_owned(),
                );
            }
            (step, unmet.map(|k| k.code().to_owned()), review)
        }
        PayOutcome::Progresses => {
            let step = step_of(current, &input.step_date)?;
            let unmet: Vec<&str> = current
                .standards
                .iter()
                .filter(|s| s.met == Some(false))
                .map(|s| s.name.as_str())
                .collect();
            if !unmet.is_empty() && outside_control.is_empty() {
                bad(
                    "outside_control",
                    format!(
                        "Not met: {}. Defer the step, or say why this was outside the employee's control (for example, the manager did not hold the appraisal, or authorised absence).",
                        unmet.join("; ")
                    ),
                );
            }
            (step, None, None)
        }
    };
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(PayReview {
        step_date,
        outcome,
        unmet_standard,
        review_date,
        outside_control,
        note,
        recorded_by: actor.staff_number.clone(),
        recorded_at: now,
    })
}
