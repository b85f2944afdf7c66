//! Agenda for Change pay progression: whether the appraisee meets the
//! standard to move up a pay step, and why.
//!
//! The national standards (from April 2023): an appraisal completed within
//! the last 12 months, statutory and mandatory training complete, no formal
//! capability process, no live disciplinary sanction, and for line managers
//! appraisals done for all their own staff. Appraise works out the first and
//! the last from its own records, and the training from the person's
//! training records when it holds any (`crate::training`); the manager
//! confirms the rest, which it does not hold. Once the appraisal is signed, what was worked out
//! is stored with it and shown as it was then.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};

use super::door::{change, editable, header, seen, Target};
use super::{AppraisalKind, CriterionSource, PayCriterion, PayCriterionKind, PayProgression};
use crate::access::{self, AppraisalPart};
use crate::accounts::Actor;
use crate::cycle::within_12_months;
use crate::dates::display;
use crate::pay_steps::status::training_standard;
use crate::store::appraisal::{self as db, CriterionRow, Header};
use crate::{Error, Result};

impl PayCriterionKind {
    /// The question the manager answers, for a criterion they confirm.
    fn question(self) -> &'static str {
        match self {
            PayCriterionKind::MandatoryTraining => "is their statutory and mandatory training complete?",
            PayCriterionKind::NoCapabilityProcess => "are they free of any formal capability process?",
            PayCriterionKind::NoDisciplinarySanction => "are they free of any live disciplinary sanction?",
            _ => "",
        }
    }

    /// The finding in a sentence, for a confirmed yes or no.
    fn finding(self, met: bool) -> &'static str {
        match (self, met) {
            (PayCriterionKind::MandatoryTraining, true) => "Statutory and mandatory training is complete",
            (PayCriterionKind::MandatoryTraining, false) => "Statutory and mandatory training is not complete",
            (PayCriterionKind::NoCapabilityProcess, true) => "There is no formal capability process",
            (PayCriterionKind::NoCapabilityProcess, false) => "A formal capability process is in place",
            (PayCriterionKind::NoDisciplinarySanction, true) => "There is no live disciplinary sanction",
            (PayCriterionKind::NoDisciplinarySanction, false) => "A disciplinary sanction is live",
            _ => "",
        }
    }
}

/// The pay progression outcome (see [`pay_progression`]).
pub fn pay_progression_as(conn: &Connection, actor: &Actor, appraisal_id: i64) -> Result<PayProgression> {
    let h = seen(conn, actor, Target::Appraisal(appraisal_id))?;
    pay_progression(conn, appraisal_id, h.meeting_date)
}

/// The appraiser confirms (or, with `None`, un-confirms) a pay progression
/// standard Appraise cannot work out.
pub fn confirm_pay_criterion_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    criterion: PayCriterionKind,
    met: Option<bool>,
    note: &str,
    now: NaiveDateTime,
) -> Result<PayProgression> {
    let target = Target::Appraisal(appraisal_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Pay,
        now,
        "appraisal.pay_confirm",
        |tx, _| {
            let outcome = confirm_pay_criterion_in(tx, appraisal_id, criterion, met, note, &actor.staff_number, now)?;
            let detail = serde_json::json!({
                "criterion": criterion.code(),
                "met": met,
                "note": note.trim(),
                "meets_standard": outcome.meets_standard,
            });
            Ok((outcome, Some(detail)))
        },
    )
}

/// The outcome for an appraisal: as stored once it is signed, otherwise
/// worked out as at `today`.
pub(crate) fn pay_progression(conn: &Connection, appraisal_id: i64, today: NaiveDate) -> Result<PayProgression> {
    let h = header(conn, appraisal_id)?;
    for_header(conn, &h, today)
}

/// The manager confirms (or, with `None`, un-confirms) a standard Appraise
/// cannot work out. Only the appraiser may.
pub(crate) fn confirm_pay_criterion(
    conn: &mut Connection,
    appraisal_id: i64,
    criterion: PayCriterionKind,
    met: Option<bool>,
    note: &str,
    confirmer_staff_number: &str,
    now: NaiveDateTime,
) -> Result<PayProgression> {
    super::in_tx(conn, |tx| {
        confirm_pay_criterion_in(tx, appraisal_id, criterion, met, note, confirmer_staff_number, now)
    })
}

pub(super) fn confirm_pay_criterion_in(
    tx: &Connection,
    appraisal_id: i64,
    criterion: PayCriterionKind,
    met: Option<bool>,
    note: &str,
    confirmer_staff_number: &str,
    now: NaiveDateTime,
) -> Result<PayProgression> {
    if criterion.computed() {
        return Err(Error::invalid(
            "criterion",
            format!(
                "“{}” is worked out by Appraise from its records, not confirmed by hand.",
                criterion.label()
            ),
        ));
    }
    let note = super::checked_text("note", "The note", note, 2_000)?;
    let h = editable(tx, appraisal_id, now)?;
    access::can_confirm_pay(confirmer_staff_number, &h.appraiser)?;
    db::upsert_pay_criterion(
        tx,
        appraisal_id,
        &CriterionRow {
            criterion,
            applies: true,
            met,
            source: CriterionSource::Confirmed,
            reason: note,
            confirmed_by: met.map(|_| h.appraiser.staff_number.clone()),
            confirmed_by_name: None,
            confirmed_at: met.map(|_| now),
        },
    )?;
    let h = header(tx, appraisal_id)?;
    for_header(tx, &h, h.meeting_date)
}

/// Writes what Appraise worked out into the appraisal, so the signed record
/// keeps it as it was. Called while signing, before the lock.
pub(super) fn store_computed(conn: &Connection, h: &Header, as_at: NaiveDate) -> Result<()> {
    for c in computed(conn, h, as_at)? {
        db::upsert_pay_criterion(
            conn,
            h.id,
            &CriterionRow {
                criterion: c.criterion,
                applies: c.applies,
                met: c.met,
                source: CriterionSource::Computed,
                reason: c.reason,
                confirmed_by: None,
                confirmed_by_name: None,
                confirmed_at: None,
            },
        )?;
    }
    Ok(())
}

pub(super) fn for_header(conn: &Connection, h: &Header, as_at: NaiveDate) -> Result<PayProgression> {
    let stored = db::pay_criteria(conn, h.id)?;
    let live = if h.signed {
        Vec::new()
    } else {
        computed(conn, h, as_at)?
    };
    let criteria = PayCriterionKind::ALL
        .into_iter()
        .map(|kind| {
            if let Some(c) = live.iter().find(|c| c.criterion == kind) {
                return c.clone();
            }
            match stored.iter().find(|s| s.criterion == kind) {
                Some(s) if s.source == CriterionSource::Computed => PayCriterion {
                    criterion: kind,
                    label: kind.label().to_owned(),
                    applies: s.applies,
                    met: s.met,
                    source: CriterionSource::Computed,
                    reason: s.reason.clone(),
                    note: String::new(),
                    confirmed_by: None,
                    confirmed_by_name: None,
                    confirmed_at: None,
                },
                Some(s) => confirmed(kind, s),
                None => unconfirmed(kind),
            }
        })
        .collect();
    let as_at = if h.signed { h.meeting_date } else { as_at };
    Ok(outcome(criteria, as_at))
}

fn unconfirmed(kind: PayCriterionKind) -> PayCriterion {
    PayCriterion {
        criterion: kind,
        label: kind.label().to_owned(),
        applies: true,
        met: None,
        source: if kind.computed() {
            CriterionSource::Computed
        } else {
            CriterionSource::Confirmed
        },
        reason: if kind.computed() {
            format!("{}: not worked out.", kind.label())
        } else {
            format!("To confirm: {}", kind.question())
        },
        note: String::new(),
        confirmed_by: None,
        confirmed_by_name: None,
        confirmed_at: None,
    }
}

fn confirmed(kind: PayCriterionKind, s: &CriterionRow) -> PayCriterion {
    let Some(met) = s.met else {
        return PayCriterion {
            note: s.reason.clone(),
            ..unconfirmed(kind)
        };
    };
    let who = s
        .confirmed_by_name
        .clone()
        .or_else(|| s.confirmed_by.clone())
        .unwrap_or_else(|| "the manager".to_owned());
    let when = s
        .confirmed_at
        .map(|at| format!(" on {}", display(at.date())))
        .unwrap_or_default();
    let note = if s.reason.is_empty() {
        String::new()
    } else {
        format!(" Note: {}", s.reason)
    };
    PayCriterion {
        criterion: kind,
        label: kind.label().to_owned(),
        applies: true,
        met: Some(met),
        source: CriterionSource::Confirmed,
        reason: format!("{}, as confirmed by {who}{when}.{note}", kind.finding(met)),
        note: s.reason.clone(),
        confirmed_by: s.confirmed_by.clone(),
        confirmed_by_name: s.confirmed_by_name.clone(),
        confirmed_at: s.confirmed_at,
    }
}

/// The standards Appraise works out, as at `as_at`: the appraisal, the
/// reports', and statutory and mandatory training when it holds the records.
fn computed(conn: &Connection, h: &Header, as_at: NaiveDate) -> Result<Vec<PayCriterion>> {
    let within = |d: &NaiveDate| within_12_months(*d, as_at);
    let appraisal = if h.kind == AppraisalKind::Annual {
        (
            Some(true),
            format!(
                "This annual appraisal, held on {}, is the appraisal within the last 12 months.",
                display(h.meeting_date)
            ),
        )
    } else {
        let held_before = crate::staff::get(conn, &h.appraisee.staff_number)?.last_appraisal_before;
        crate::pay_steps::status::appraisal_within_12_months(conn, h.appraisee_id, held_before, as_at)?
    };

    let weeks = super::settings(conn)?.objective_setting_weeks;
    let mut due = Vec::new();
    let mut not_appraised = Vec::new();
    for report in db::reports(conn, h.appraisee_id)? {
        let db::Report {
            staff_id: id,
            name,
            appointed,
            leaver_date,
        } = report;
        let employed = appointed <= as_at && leaver_date.is_none_or(|l| l > as_at);
        // A new starter is not yet due a meeting until their
        // objective-setting meeting is.
        let not_yet_due = crate::cycle::objective_setting_due(appointed, weeks) >= as_at;
        if !employed || not_yet_due {
            continue;
        }
        due.push(name.clone());
        let dates = db::signed_dates(conn, id, &[AppraisalKind::Annual, AppraisalKind::ObjectiveSetting])?;
        if !dates.iter().any(within) {
            not_appraised.push(name);
        }
    }
    let reports = if due.is_empty() {
        (false, None, "Does not line-manage anyone due an appraisal.".to_owned())
    } else if not_appraised.is_empty() {
        let all = match due.len() {
            1 => "Their one report has".to_owned(),
            n => format!("All {n} of their reports have"),
        };
        (
            true,
            Some(true),
            format!("{all} been appraised in the 12 months to {}.", display(as_at)),
        )
    } else {
        (
            true,
            Some(false),
            format!(
                "Not appraised in the 12 months to {}: {}.",
                display(as_at),
                not_appraised.join(", ")
            ),
        )
    };
    let make = |criterion: PayCriterionKind, applies: bool, met: Option<bool>, reason: String| PayCriterion {
        criterion,
        label: criterion.label().to_owned(),
        applies,
        met,
        source: CriterionSource::Computed,
        reason,
        note: String::new(),
        confirmed_by: None,
        confirmed_by_name: None,
        confirmed_at: None,
    };
    let mut out = vec![
        make(
            PayCriterionKind::AppraisalWithin12Months,
            true,
            appraisal.0,
            appraisal.1,
        ),
        make(PayCriterionKind::ReportsAppraised, reports.0, reports.1, reports.2),
    ];
    // Worked out only when Appraise holds their training records; without
    // any, the appraiser confirms it as before.
    if let (Some(met), reason) = training_standard(conn, h.appraisee_id, as_at)? {
        out.push(make(PayCriterionKind::MandatoryTraining, true, Some(met), reason));
    }
    Ok(out)
}

fn outcome(criteria: Vec<PayCriterion>, as_at: NaiveDate) -> PayProgression {
    let applicable: Vec<&PayCriterion> = criteria.iter().filter(|c| c.applies).collect();
    let unmet: Vec<String> = applicable
        .iter()
        .filter(|c| c.met == Some(false))
        .map(|c| c.reason.clone())
        .collect();
    let open: Vec<String> = applicable
        .iter()
        .filter(|c| c.met.is_none())
        .map(|c| c.reason.clone())
        .collect();
    let (meets_standard, summary, reasons) = if !unmet.is_empty() {
        (
            Some(false),
            format!("Meets the standard for pay-step progression: no. {}", unmet.join(" ")),
            unmet,
        )
    } else if !open.is_empty() {
        (
            None,
            format!(
                "Meets the standard for pay-step progression: not yet known. {}",
                open.join(" ")
            ),
            open,
        )
    } else {
        (
            Some(true),
            "Meets the standard for pay-step progression: yes.".to_owned(),
            applicable.iter().map(|c| c.reason.clone()).collect(),
        )
    };
    PayProgression {
        criteria,
        meets_standard,
        summary,
        reasons,
        as_at,
    }
}
