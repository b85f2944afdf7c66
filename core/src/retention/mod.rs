//! Retention and disposal of a leaver's records.
//!
//! The rules are settings (`settings::retention`: 6 years from the leaving
//! date by default, a 30-day grace period). [`due_as`] lists the leavers
//! whose period has ended. Disposal takes two steps, each by the
//! administrator with a reason: [`mark_as`], then, once the grace period is
//! over, [`dispose_as`]; a legal hold ([`hold_as`]) stops both. `access.rs`
//! decides every refusal.
//!
//! Disposing removes the person's records (appraisals, signed ones too,
//! PDP, NCCQ, training, CPD, coding audits, pay-step reviews, their
//! account), keeps their staff row down to the staff number, band and
//! dates (other people's records point to it, and a signed appraisal they
//! held as appraiser keeps their name in its own snapshot), erases the
//! detail of every audit row about them (the chain hashes a digest of each
//! detail, so it still verifies: `audit::chain`), and appends a tombstone:
//! `retention.dispose` on their staff number, with the rule and dates, by
//! the administrator, naming no one.

pub mod case;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

use crate::accounts::Actor;
use crate::settings::retention::{self as rules, RetentionRules};
use crate::store::db::Connection;
use crate::store::retention::{self as db, StoredCase};
use crate::{access, audit, Error, FieldError, Result};
use case::RetentionCase;

/// One leaver whose retention period has ended, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DueRecord {
    pub staff_number: String,
    pub name: String,
    /// ISO dates, as in files and the CLI.
    pub leaver_date: String,
    pub period_ended: String,
    pub rule: String,
    pub marked_on: Option<String>,
    pub mark_reason: String,
    pub held_on: Option<String>,
    pub hold_reason: String,
    /// The first day the records may be disposed of (after marking today,
    /// if not marked yet).
    pub dispose_from: String,
    /// Disposal would go through today.
    pub may_dispose: bool,
}

/// What a disposal did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Disposal {
    pub staff_number: String,
    pub rule: String,
    pub disposed_at: String,
    /// Audit rows whose detail was erased.
    pub audit_rows_erased: u32,
}

fn date(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(t.get(..10).unwrap_or(t), "%Y-%m-%d").ok())
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn case_of(stored: &StoredCase, rules: &RetentionRules) -> RetentionCase {
    let left = date(stored.leaver_date.as_deref());
    RetentionCase {
        staff_number: stored.staff_number.clone(),
        left,
        period_ends: left.and_then(|l| rules.kept_until(l)),
        rule: rules.name(),
        marked_on: date(stored.marked_on.as_deref()),
        held_on: date(stored.held_on.as_deref()),
        hold_reason: stored.hold_reason.clone(),
        disposed_on: date(stored.disposed_at.as_deref()),
        grace_days: rules.grace_days,
    }
}

fn listed(stored: &StoredCase, case: &RetentionCase, today: NaiveDate) -> Option<DueRecord> {
    Some(DueRecord {
        staff_number: stored.staff_number.clone(),
        name: format!("{} {}", stored.forename, stored.surname),
        leaver_date: iso(case.left?),
        period_ended: iso(case.period_ends?),
        rule: case.rule.clone(),
        marked_on: case.marked_on.map(iso),
        mark_reason: stored.mark_reason.clone(),
        held_on: case.held_on.map(iso),
        hold_reason: stored.hold_reason.clone(),
        dispose_from: iso(case.dispose_from(today)?),
        may_dispose: access::can_dispose(case, today).is_ok(),
    })
}

/// The leavers whose retention period has ended and whose records have not
/// been disposed of, by leaving date (administrator only).
pub fn due_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<DueRecord>> {
    access::can_manage_retention(actor)?;
    let rules = rules::load(conn)?;
    Ok(db::leavers(conn)?
        .iter()
        .filter_map(|stored| {
            let case = case_of(stored, &rules);
            case.is_due(today).then(|| listed(stored, &case, today)).flatten()
        })
        .collect())
}

fn reason_given(reason: &str) -> Result<&str> {
    match reason.trim() {
        "" => Err(Error::Invalid(vec![FieldError {
            field: "reason".to_owned(),
            message: "Give a reason.".to_owned(),
        }])),
        given => Ok(given),
    }
}

fn stored(conn: &Connection, staff_number: &str) -> Result<StoredCase> {
    db::case_of(conn, staff_number.trim())?
        .ok_or_else(|| Error::NotFound(format!("No staff member has staff number {}.", staff_number.trim())))
}

/// Marks a leaver's records for disposal, with a reason (administrator
/// only, audited): they may be disposed of once the grace period is over.
pub fn mark_as(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    reason: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<DueRecord> {
    access::can_manage_retention(actor)?;
    let reason = reason_given(reason)?;
    let tx = crate::store::write(conn)?;
    let rules = rules::load(&tx)?;
    let before = stored(&tx, staff_number)?;
    access::can_mark_for_disposal(&case_of(&before, &rules), today)?;
    db::mark(
        &tx,
        before.staff_id,
        &rules.name(),
        &iso(today),
        &actor.staff_number,
        reason,
    )?;
    audit::record_by(
        &tx,
        actor,
        "retention.mark",
        "retention_case",
        &before.staff_number,
        serde_json::json!({ "rule": rules.name(), "reason": reason, "marked_on": iso(today) }),
        now,
    )?;
    let after = stored(&tx, staff_number)?;
    let record = listed(&after, &case_of(&after, &rules), today)
        .ok_or_else(|| Error::Conflict("The records just marked could not be read back.".to_owned()))?;
    tx.commit()?;
    Ok(record)
}

/// Puts a legal hold on a person's records, with a reason (administrator
/// only, audited): they cannot be marked or disposed of while it stands.
pub fn hold_as(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    reason: &str,
    now: NaiveDateTime,
) -> Result<()> {
    access::can_manage_retention(actor)?;
    let reason = reason_given(reason)?;
    let tx = crate::store::write(conn)?;
    let person = stored(&tx, staff_number)?;
    db::hold(&tx, person.staff_id, &iso(now.date()), &actor.staff_number, reason)?;
    audit::record_by(
        &tx,
        actor,
        "retention.hold",
        "retention_case",
        &person.staff_number,
        serde_json::json!({ "reason": reason, "held_on": iso(now.date()) }),
        now,
    )?;
    tx.commit()?;
    Ok(())
}

/// Lifts a legal hold, with a reason (administrator only, audited): the
/// records may be marked and disposed of again once the rules allow.
pub fn lift_hold_as(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    reason: &str,
    now: NaiveDateTime,
) -> Result<()> {
    access::can_manage_retention(actor)?;
    let reason = reason_given(reason)?;
    let tx = crate::store::write(conn)?;
    let rules = rules::load(&tx)?;
    let person = stored(&tx, staff_number)?;
    let case = case_of(&person, &rules);
    access::can_lift_hold(&case)?;
    db::lift_hold(&tx, person.staff_id)?;
    audit::record_by(
        &tx,
        actor,
        "retention.lift_hold",
        "retention_case",
        &person.staff_number,
        serde_json::json!({
            "reason": reason,
            "held_on": case.held_on.map(iso),
            "hold_reason": case.hold_reason,
        }),
        now,
    )?;
    tx.commit()?;
    Ok(())
}

/// Disposes of a marked leaver's records once the grace period is over
/// (administrator only): see the module's doc for what goes and what
/// stays. One transaction: all of it, or nothing.
pub fn dispose_as(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Disposal> {
    access::can_manage_retention(actor)?;
    let tx = crate::store::write(conn)?;
    let rules = rules::load(&tx)?;
    let person = stored(&tx, staff_number)?;
    let case = case_of(&person, &rules);
    access::can_dispose(&case, today)?;
    let appraisals = db::appraisal_ids(&tx, person.staff_id)?;
    let words = vec![person.forename.trim().to_owned(), person.surname.trim().to_owned()];
    let erase = crate::store::audit::ids_about(&tx, &person.staff_number, &appraisals, &words)?;
    let at = now.format("%Y-%m-%dT%H:%M:%S").to_string();
    db::dispose(&tx, person.staff_id, &erase, &at, &actor.staff_number)?;
    audit::record_by(
        &tx,
        actor,
        "retention.dispose",
        "retention_case",
        &person.staff_number,
        serde_json::json!({
            "rule": case.rule,
            "left": case.left.map(iso),
            "period_ended": case.period_ends.map(iso),
            "marked_on": case.marked_on.map(iso),
            "appraisals_removed": appraisals.len(),
            "audit_details_erased": erase.len(),
        }),
        now,
    )?;
    tx.commit()?;
    Ok(Disposal {
        staff_number: person.staff_number,
        rule: case.rule,
        disposed_at: at,
        audit_rows_erased: erase.len() as u32,
    })
}

#[cfg(test)]
mod tests;
