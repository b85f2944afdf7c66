//! Signing, locking and re-opening an appraisal, and its canonical content.
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

use chrono::NaiveDateTime;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::{get, header, locked, pay, AppraisalKind, AppraisalRecord, Objective, Party, Step};
use crate::accounts::Actor;
use crate::store::appraisal as db;
use crate::{accounts, audit, Error, FieldError, Result};

/// One party signs, confirming with their own passphrase (checked by
/// `accounts::verify_passphrase`, whose wrong-passphrase waits apply). The
/// signer must be that party. When both have signed, the appraisal is
/// locked.
///
/// Before anyone signs, every one of last year's objectives needs an
/// outcome, every new objective a measure, a due date, a competency and a
/// target level, and an annual appraisal a pay progression outcome.
pub fn sign_off(
    conn: &mut Connection,
    appraisal_id: i64,
    party: Party,
    signer_staff_number: &str,
    passphrase: &str,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    // Who may sign is checked before the passphrase, so a wrong person's
    // attempt does not count against their account.
    let h = header(conn, appraisal_id)?;
    check_signer(&h, party, signer_staff_number)?;
    accounts::verify_passphrase(conn, signer_staff_number.trim(), passphrase, now)?;
    sign_unchecked(conn, appraisal_id, party, signer_staff_number, now)
}

/// [`sign_off`] without the passphrase: for the demonstration department,
/// whose people have no accounts. Every other rule applies.
pub(crate) fn sign_unchecked(
    conn: &mut Connection,
    appraisal_id: i64,
    party: Party,
    signer_staff_number: &str,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    let tx = crate::store::write(conn)?;
    let h = header(&tx, appraisal_id)?;
    if h.signed {
        return Err(locked(&h));
    }
    check_signer(&h, party, signer_staff_number)?;
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
    ready_to_sign(&tx, &h)?;
    if other.is_some() {
        // The second signature locks the record: first write into it what
        // it must keep as it is now.
        pay::store_computed(&tx, &h, h.meeting_date)?;
        db::snapshot_people(&tx, appraisal_id)?;
        db::set_step(&tx, appraisal_id, Step::SignOff)?;
    }
    db::sign(&tx, appraisal_id, party, &h_party(&h, party).staff_number, now)?;
    audit::record(
        &tx,
        Some(signer_staff_number.trim()),
        "appraisal.sign",
        "appraisal",
        &appraisal_id.to_string(),
        serde_json::json!({ "party": party.code(), "locked": other.is_some() }),
        now,
    )?;
    tx.commit()?;
    get(conn, appraisal_id)
}

fn h_party(h: &db::Header, party: Party) -> &super::Person {
    match party {
        Party::Appraisee => &h.appraisee,
        Party::Appraiser => &h.appraiser,
    }
}

fn signer_name(h: &db::Header, party: Party) -> String {
    h_party(h, party).name.clone()
}

fn check_signer(h: &db::Header, party: Party, signer: &str) -> Result<()> {
    let who = h_party(h, party);
    if signer.trim() != who.staff_number {
        return Err(Error::Forbidden(format!(
            "Only the {}, {}, can sign as the {}.",
            party.code(),
            who.name,
            party.code()
        )));
    }
    Ok(())
}

/// Everything a record needs before it is signed, a message per step.
fn ready_to_sign(conn: &Connection, h: &db::Header) -> Result<()> {
    let mut errors = Vec::new();
    let open = db::previous_objectives(conn, h.id)?
        .iter()
        .filter(|p| p.outcome.is_none())
        .count();
    if open > 0 {
        errors.push(FieldError {
            field: "previous_objectives".into(),
            message: format!(
                "Record an outcome for each of last year's objectives: {open} still {} none.",
                if open == 1 { "has" } else { "have" }
            ),
        });
    }
    for (n, o) in db::objectives(conn, h.id)?.iter().enumerate() {
        let missing = needs(o);
        if !missing.is_empty() {
            errors.push(FieldError {
                field: "objectives".into(),
                message: format!("Objective {} needs {}.", n + 1, join_words(&missing)),
            });
        }
    }
    if h.kind == AppraisalKind::Annual {
        let pay = pay::for_header(conn, h, h.meeting_date)?;
        if pay.meets_standard.is_none() {
            errors.push(FieldError {
                field: "pay_progression".into(),
                message: format!("Pay progression is not decided yet. {}", pay.reasons.join(" ")),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

fn needs(o: &Objective) -> Vec<&'static str> {
    let mut needs = Vec::new();
    if o.measure.trim().is_empty() {
        needs.push("a measure of success");
    }
    if o.due.is_none() {
        needs.push("a due date");
    }
    if o.competency.is_none() {
        needs.push("a competency");
    }
    if o.target_level.is_none() {
        needs.push("a target level");
    }
    needs
}

fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Re-opens a signed appraisal (administrator only): copies it, everything
/// but the signatures, into a new version that can be changed and signed
/// again. The signed version is kept as it was. The reason is required and
/// goes into the audit trail and onto the new version.
pub fn reopen(
    conn: &mut Connection,
    appraisal_id: i64,
    reason: &str,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    if !actor.is_administrator() {
        return Err(Error::Forbidden(
            "Only the administrator can re-open a signed appraisal.".to_owned(),
        ));
    }
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
    let tx = crate::store::write(conn)?;
    let h = header(&tx, appraisal_id)?;
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
    let new_id = db::insert_version(&tx, appraisal_id, &reason, &actor.staff_number, now)?;
    let previous = db::copy_previous(&tx, appraisal_id, new_id)?;
    db::copy_skills(&tx, appraisal_id, new_id)?;
    db::copy_objectives(&tx, appraisal_id, new_id, &previous)?;
    db::copy_kpi(&tx, appraisal_id, new_id)?;
    db::copy_wellbeing(&tx, appraisal_id, new_id)?;
    db::copy_pdp(&tx, appraisal_id, new_id)?;
    db::copy_confirmations(&tx, appraisal_id, new_id)?;
    audit::record_by(
        &tx,
        actor,
        "appraisal.reopen",
        "appraisal",
        &appraisal_id.to_string(),
        serde_json::json!({
            "reason": reason,
            "new_version": new_id,
            "version": h.version + 1,
            "appraisee": h.appraisee.staff_number,
        }),
        now,
    )?;
    tx.commit()?;
    get(conn, new_id)
}

// ------------------------------------------------------------ canonical --

/// The content of an appraisal as one line of JSON, fields always in the
/// same order: what a printed record's hash is taken over, so the file can
/// be checked against the database later.
///
/// Only what a signature locks is in it: not where the meeting is, not the
/// progress kept on the PDP since, not whether a later version has replaced
/// it, not today's names (the names stored at signing are). The wellbeing
/// conversation is in it only when the appraisee chose to print it.
pub fn canonical_json(record: &AppraisalRecord) -> String {
    let r = record;
    let value = serde_json::json!({
        "format": "appraise-appraisal/1",
        "id": r.id,
        "version": r.version,
        "supersedes": r.reopening.as_ref().map(|x| x.supersedes),
        "kind": r.kind.code(),
        "cycle": r.cycle.label,
        "cycle_start": r.cycle.start.to_string(),
        "cycle_end": r.cycle.end.to_string(),
        "appraisee": person(&r.appraisee),
        "appraiser": person(&r.appraiser),
        "role": r.role,
        "framework_id": r.framework_id,
        "meeting_date": r.meeting_date.to_string(),
        "previous_objectives": r.previous_objectives.iter().map(|p| serde_json::json!({
            "text": p.text,
            "measure": p.measure,
            "due": p.due.map(|d| d.to_string()),
            "competency": p.competency.as_ref().map(competency),
            "target_level": p.target_level,
            "statement_text": p.statement_text,
            "outcome": p.outcome.map(|o| o.code()),
            "comments": p.comments,
        })).collect::<Vec<_>>(),
        "skills": r.skills.iter().map(|s| serde_json::json!({
            "framework_id": s.framework_id,
            "competency_id": s.competency_id,
            "skill_code": s.skill_code,
            "competency": s.competency,
            "expected_level": s.expected_level,
            "self_level": s.self_level,
            "agreed_level": s.agreed_level,
        })).collect::<Vec<_>>(),
        "objectives": r.objectives.iter().map(|o| serde_json::json!({
            "text": o.text,
            "measure": o.measure,
            "due": o.due.map(|d| d.to_string()),
            "competency": o.competency.as_ref().map(competency),
            "target_level": o.target_level,
            "statement_id": o.statement_id,
            "statement_text": o.statement_text,
            "carried_forward": o.carried_from.is_some(),
        })).collect::<Vec<_>>(),
        "kpi": r.kpi.as_ref().map(|k| serde_json::json!({
            "primary_diagnosis": k.primary_diagnosis,
            "secondary_diagnosis": k.secondary_diagnosis,
            "procedure": k.procedure,
            "due": k.due.map(|d| d.to_string()),
            "notes": k.notes,
        })),
        "pdp": r.pdp.iter().map(|i| serde_json::json!({
            "learning_need": i.learning_need,
            "activity": i.activity.code(),
            "description": i.description,
            "target_date": i.target_date.map(|d| d.to_string()),
            "support": i.support,
            "skill_code": i.skill_code,
            "competency": i.competency,
        })).collect::<Vec<_>>(),
        "wellbeing_in_print": r.wellbeing.include_in_print,
        "wellbeing": r.wellbeing.include_in_print.then(|| serde_json::json!({
            "notes": r.wellbeing.notes,
            "flexible_working": r.wellbeing.flexible_working,
            "support_agreed": r.wellbeing.support_agreed,
        })),
        "pay": {
            "meets_standard": r.pay.meets_standard,
            "criteria": r.pay.criteria.iter().map(|c| serde_json::json!({
                "criterion": c.criterion.code(),
                "applies": c.applies,
                "met": c.met,
                "source": c.source.code(),
                "reason": if c.source == super::CriterionSource::Computed { c.reason.clone() } else { String::new() },
                "note": c.note,
                "confirmed_by": c.confirmed_by,
                "confirmed_at": c.confirmed_at.map(db::timestamp),
            })).collect::<Vec<_>>(),
        },
        "appraisee_comments": r.appraisee_comments,
        "appraiser_comments": r.appraiser_comments,
        "appraisee_signature": r.appraisee_signature.as_ref().map(signature),
        "appraiser_signature": r.appraiser_signature.as_ref().map(signature),
        "reopening": r.reopening.as_ref().map(|x| serde_json::json!({
            "reason": x.reason,
            "by": x.by,
            "at": db::timestamp(x.at),
        })),
    });
    let mut out = String::new();
    write_sorted(&value, &mut out);
    out
}

/// Writes JSON with every object's keys in sorted order, whatever order
/// serde_json keeps them in: in the whole workspace it keeps insertion
/// order (a dependency of the shell turns on `preserve_order`), so its own
/// `to_string` would give the app and the CLI different text.
fn write_sorted(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(key.clone()).to_string());
                out.push(':');
                write_sorted(&map[key], out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_sorted(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// SHA-256 of [`canonical_json`], lower-case hex: for the PDF footer.
pub fn content_sha256(record: &AppraisalRecord) -> String {
    Sha256::digest(canonical_json(record).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn person(p: &super::Person) -> serde_json::Value {
    serde_json::json!({
        "staff_number": p.staff_number,
        "name": p.name,
        "band": p.band,
        "job_title": p.job_title,
    })
}

fn competency(c: &super::CompetencyRef) -> serde_json::Value {
    serde_json::json!({
        "framework_id": c.framework_id,
        "competency_id": c.competency_id,
        "skill_code": c.skill_code,
        "competency": c.competency,
    })
}

fn signature(s: &super::Signature) -> serde_json::Value {
    serde_json::json!({
        "staff_number": s.staff_number,
        "signed_at": db::timestamp(s.signed_at),
    })
}
