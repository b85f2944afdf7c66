//! Signing, locking and re-opening an appraisal.
//!
//! Each party signs with their own passphrase. When the second signs, what
//! Appraise worked out for pay progression and both people's names and
//! titles are written into the record, then the status becomes signed in
//! the same statement that records the signature; from then on the record
//! is locked (see the module documentation of `crate::appraisal`).
//!
//! Re-opening is the administrator's, with a reason that goes into the
//! audit trail: it copies the signed version into a new, unsigned version
//! and leaves the signed one exactly as it was.

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::door::{change, header, locked, may_change, Target};
use super::readiness::{as_field_errors, readiness};
use super::view::get;
use super::{in_tx, pay, AppraisalRecord, Party, Person};
use crate::access::{self, AppraisalPart};
use crate::accounts::Actor;
use crate::store::appraisal as db;
use crate::{accounts, audit, Error, Result};

/// One party signs with their own passphrase, typed at whoever's screen:
/// `signer_staff_number` is the person signing, not necessarily the one
/// signed in. The signed-in person must be able to change the appraisal.
/// A wrong passphrase is a message for the passphrase field (its waits
/// apply as at sign-in); the signed-in session is not affected.
pub fn sign_off_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    party: Party,
    signer_staff_number: &str,
    passphrase: &str,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    let target = Target::Appraisal(appraisal_id);
    // Asked before the passphrase, whose check keeps its own count of
    // attempts, and again in the door's transaction.
    may_change(conn, actor, target, AppraisalPart::Signature, now.date())?;
    check_passphrase(conn, appraisal_id, party, signer_staff_number, passphrase, now).map_err(|e| match e {
        Error::Unauthenticated(message) => Error::invalid("passphrase", message),
        other => other,
    })?;
    // The signature's audit row names the signer, so `sign_in` writes it.
    change(
        conn,
        actor,
        target,
        AppraisalPart::Signature,
        now,
        "appraisal.sign",
        |tx, _| sign_in(tx, appraisal_id, party, signer_staff_number, now).map(|()| ((), None)),
    )?;
    get(conn, appraisal_id)
}

/// One party signs, confirming with their own passphrase (checked by
/// `accounts::verify_passphrase`, whose wrong-passphrase waits apply). The
/// signer must be that party. When both have signed, the appraisal is
/// locked.
///
/// Before anyone signs, every one of last year's objectives needs an
/// outcome, every new objective a measure, a due date, a competency and a
/// target level, and an annual appraisal a pay progression outcome.
#[cfg(test)]
pub(crate) fn sign_off(
    conn: &mut Connection,
    appraisal_id: i64,
    party: Party,
    signer_staff_number: &str,
    passphrase: &str,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    check_passphrase(conn, appraisal_id, party, signer_staff_number, passphrase, now)?;
    sign_unchecked(conn, appraisal_id, party, signer_staff_number, now)
}

/// Who may sign is asked before the passphrase, so a wrong person's
/// attempt does not count against their account.
fn check_passphrase(
    conn: &mut Connection,
    appraisal_id: i64,
    party: Party,
    signer_staff_number: &str,
    passphrase: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let h = header(conn, appraisal_id)?;
    access::can_sign_as(party, h_party(&h, party), signer_staff_number)?;
    accounts::verify_passphrase(conn, signer_staff_number.trim(), passphrase, now)
}

/// A signature without the passphrase: for the demonstration department,
/// whose people have no accounts. Every other rule applies.
pub(crate) fn sign_unchecked(
    conn: &mut Connection,
    appraisal_id: i64,
    party: Party,
    signer_staff_number: &str,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    in_tx(conn, |tx| sign_in(tx, appraisal_id, party, signer_staff_number, now))?;
    get(conn, appraisal_id)
}

/// Signs inside the caller's transaction, with the audit row naming the
/// signer.
fn sign_in(
    tx: &Connection,
    appraisal_id: i64,
    party: Party,
    signer_staff_number: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let h = header(tx, appraisal_id)?;
    if h.signed {
        return Err(locked(&h));
    }
    access::can_sign_as(party, h_party(&h, party), signer_staff_number)?;
    let (own, other) = match party {
        Party::Appraisee => (&h.appraisee_signature, &h.appraiser_signature),
        Party::Appraiser => (&h.appraiser_signature, &h.appraisee_signature),
    };
    if own.is_some() {
        return Err(Error::Conflict(format!(
            "{} has already signed this {}.",
            signer_name(&h, party),
            h.kind.label()
        )));
    }
    let blockers = readiness(&get(tx, appraisal_id)?).blockers;
    if !blockers.is_empty() {
        return Err(Error::Invalid(as_field_errors(&blockers)));
    }
    if other.is_some() {
        // The second signature locks the record: first write into it what
        // it must keep as it is now.
        pay::store_computed(tx, &h, h.meeting_date)?;
        db::before_lock(tx, appraisal_id)?;
    }
    db::sign(tx, appraisal_id, party, &h_party(&h, party).staff_number, now)?;
    audit::record(
        tx,
        Some(signer_staff_number.trim()),
        "appraisal.sign",
        "appraisal",
        &appraisal_id.to_string(),
        serde_json::json!({ "party": party.code(), "locked": other.is_some() }),
        now,
    )?;
    Ok(())
}

fn h_party(h: &db::Header, party: Party) -> &Person {
    match party {
        Party::Appraisee => &h.appraisee,
        Party::Appraiser => &h.appraiser,
    }
}

fn signer_name(h: &db::Header, party: Party) -> String {
    h_party(h, party).name.clone()
}

/// Re-opens a signed appraisal (administrator only): copies it, everything
/// but the signatures, into a new version that can be changed and signed
/// again. The signed version is kept as it was. The reason is required and
/// goes into the audit trail and onto the new version.
pub fn reopen_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    let target = Target::Appraisal(appraisal_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Reopening,
        now,
        "appraisal.reopen",
        |tx, h| {
            let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
            if reason.is_empty() {
                return Err(Error::invalid(
                    "reason",
                    "Give the reason for re-opening this appraisal: it is kept in the audit trail.",
                ));
            }
            if reason.chars().count() > 2_000 {
                return Err(Error::invalid("reason", "The reason must be 2000 characters or fewer."));
            }
            if !h.signed {
                return Err(Error::Conflict(format!(
                    "Only a signed appraisal is re-opened: this {} is still in progress and can simply be changed.",
                    h.kind.label()
                )));
            }
            if let Some(next) = h.superseded_by {
                return Err(Error::Conflict(format!(
                    "This {} was re-opened already, as appraisal {next}.",
                    h.kind.label()
                )));
            }
            let new_id = db::insert_version(tx, appraisal_id, &reason, &actor.staff_number, now)?;
            let previous = db::copy_previous(tx, appraisal_id, new_id)?;
            db::copy_skills(tx, appraisal_id, new_id)?;
            db::copy_objectives(tx, appraisal_id, new_id, &previous)?;
            db::copy_kpi(tx, appraisal_id, new_id)?;
            db::copy_wellbeing(tx, appraisal_id, new_id)?;
            db::copy_pdp(tx, appraisal_id, new_id)?;
            db::copy_confirmations(tx, appraisal_id, new_id)?;
            let detail = serde_json::json!({
                "reason": reason,
                "new_version": new_id,
                "version": h.version + 1,
                "appraisee": h.appraisee.staff_number,
            });
            Ok((get(tx, new_id)?, Some(detail)))
        },
    )
}
