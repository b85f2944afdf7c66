//! A person's coding audit results, recorded and read through one guarded
//! door each: the write opens its transaction, asks `access.rs` inside it
//! (which refuses a leaver's records), checks the input with a message per
//! field, judges the result, stores it and writes the audit row before
//! committing.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::judge;
use super::words::{AuditErrorCounts, AuditJudgement, CodingAudit, PerCodeType};
use crate::accounts::Actor;
use crate::dates::{display, parse_date};
use crate::store::coding_audit::{self as db, NewAudit};
use crate::store::staff as staff_db;
use crate::{access, audit, Error, FieldError, Result};

/// What a person typed to record a result: raw text, checked by
/// [`add_audited`]. Percentages may end in %; the error counts may be
/// empty (none); an empty auditor is the person recording it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CodingAuditInput {
    pub date: String,
    pub auditor: String,
    pub episodes: String,
    pub primary_diagnosis: String,
    pub secondary_diagnosis: String,
    pub primary_procedure: String,
    pub secondary_procedure: String,
    pub errors_coder: String,
    pub errors_documentation: String,
    pub errors_other: String,
}

/// A stored result with its judgement.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CodingAuditResult {
    #[serde(flatten)]
    pub audit: CodingAudit,
    #[serde(flatten)]
    pub judgement: AuditJudgement,
}

/// One person's results as their page shows them, with whether the reader
/// may record another.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CodingAuditsView {
    pub staff_number: String,
    /// Oldest first.
    pub results: Vec<CodingAuditResult>,
    pub may_record: bool,
}

const MAX_AUDITOR: usize = 200;

/// Records an audit result for `staff_number` as `actor` (the
/// administrator, or a line manager of the person; not one's own, never a
/// leaver's), judged against the thresholds in force, with an audit row,
/// all in one write transaction.
pub fn add_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    input: &CodingAuditInput,
    now: NaiveDateTime,
) -> Result<CodingAuditResult> {
    // To the second, as printed files keep their time: an appraisal record
    // prints the results recorded by the time it names.
    let now = now.with_nanosecond(0).unwrap_or(now);
    let tx = crate::store::write(conn)?;
    access::can_record_coding_audit(&tx, actor, staff_number, now.date())?;
    let staff_id = staff_db::id_of(&tx, staff_number.trim())?.ok_or_else(|| {
        Error::NotFound(format!(
            "There is no staff member with staff number {}.",
            staff_number.trim()
        ))
    })?;
    let checked = check(input, &actor.name, now.date())?;
    let settings = crate::settings::appraisal::load(&tx)?;
    let judgement = judge(&checked.scores, &settings.audit_met, &settings.audit_exceeded);
    let id = db::insert(
        &tx,
        staff_id,
        &NewAudit {
            date: checked.date,
            auditor: &checked.auditor,
            episodes: checked.episodes,
            scores: checked.scores,
            errors: checked.errors,
            judgement: &judgement,
            recorded_by: &actor.staff_number,
            recorded_at: now,
        },
    )?;
    let result = db::for_staff(&tx, staff_id)?
        .into_iter()
        .find(|(a, _)| a.id == id)
        .map(|(audit, judgement)| CodingAuditResult { audit, judgement })
        .ok_or_else(|| Error::NotFound("The result just recorded could not be read back.".into()))?;
    audit::record_by(
        &tx,
        actor,
        "coding_audit.add",
        "coding_audit",
        staff_number.trim(),
        audit::snapshot(&result),
        now,
    )?;
    tx.commit()?;
    Ok(result)
}

/// One person's results, oldest first, if `actor` may see them.
pub fn list_as(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<Vec<CodingAuditResult>> {
    access::can_view_coding_audits(conn, actor, staff_number)?;
    results(conn, staff_number)
}

/// [`list_as`] with whether `actor` may record another on `today`.
pub fn view_as(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<CodingAuditsView> {
    let results = list_as(conn, actor, staff_number)?;
    let may_record = match access::can_record_coding_audit(conn, actor, staff_number, today) {
        Ok(()) => true,
        Err(Error::Forbidden(_) | Error::Locked(_)) => false,
        Err(e) => return Err(e),
    };
    Ok(CodingAuditsView {
        staff_number: staff_number.trim().to_owned(),
        results,
        may_record,
    })
}

/// One person's results dated from `from` to `to` (an appraisal's cycle:
/// the coding-accuracy objective's period), if `actor` may see them.
pub fn in_period_as(
    conn: &Connection,
    actor: &Actor,
    staff_number: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CodingAuditResult>> {
    access::can_view_coding_audits(conn, actor, staff_number)?;
    in_period(conn, staff_number, from, to)
}

/// The results the coding-accuracy objective of an appraisal is measured
/// by: the appraisee's, dated in the appraisal's cycle, if `actor` may read
/// the appraisal (the meeting and the mid-year review show them beside the
/// objective).
pub fn for_appraisal_as(
    conn: &Connection,
    actor: &Actor,
    appraisal_id: i64,
    today: NaiveDate,
) -> Result<Vec<CodingAuditResult>> {
    let record = crate::appraisal::get_as(conn, actor, appraisal_id, today)?.record;
    in_period_as(
        conn,
        actor,
        &record.appraisee.staff_number,
        record.cycle.start,
        record.cycle.end,
    )
}

/// [`in_period_as`] once access has been decided (printing an appraisal
/// record the reader may see).
pub(crate) fn in_period(
    conn: &Connection,
    staff_number: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CodingAuditResult>> {
    Ok(results(conn, staff_number)?
        .into_iter()
        .filter(|r| (from..=to).contains(&r.audit.date))
        .collect())
}

fn results(conn: &Connection, staff_number: &str) -> Result<Vec<CodingAuditResult>> {
    let Some(id) = staff_db::id_of(conn, staff_number.trim())? else {
        return Err(Error::NotFound(format!(
            "There is no staff member with staff number {}.",
            staff_number.trim()
        )));
    };
    Ok(db::for_staff(conn, id)?
        .into_iter()
        .map(|(audit, judgement)| CodingAuditResult { audit, judgement })
        .collect())
}

/// A result as checked, before it is judged.
struct Checked {
    date: NaiveDate,
    auditor: String,
    episodes: u32,
    scores: PerCodeType<f64>,
    errors: AuditErrorCounts,
}

/// Every field checked, a message for each bad one.
fn check(input: &CodingAuditInput, recorder: &str, today: NaiveDate) -> Result<Checked> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let date = match parse_date(&input.date) {
        Ok(d) if d > today => {
            bad("date", format!("The audit date {} is after today.", display(d)));
            None
        }
        Ok(d) => Some(d),
        Err(m) => {
            bad("date", format!("Audit date: {m}"));
            None
        }
    };
    let auditor = match input.auditor.trim() {
        "" => recorder.trim().to_owned(),
        t => t.to_owned(),
    };
    if auditor.chars().count() > MAX_AUDITOR || auditor.contains(['\n', '\r']) {
        bad(
            "auditor",
            format!("The auditor's name must be one line of {MAX_AUDITOR} characters or fewer."),
        );
    }
    let episodes = match input.episodes.trim().parse::<u32>() {
        Ok(n) if n > 0 => n,
        _ => {
            bad(
                "episodes",
                format!(
                    "Episodes audited: {:?} is not a whole number above 0.",
                    input.episodes.trim()
                ),
            );
            0
        }
    };
    let mut percent =
        |field: &str, label: &str, text: &str| match text.trim().trim_end_matches('%').trim().parse::<f64>() {
            Ok(v) if v.is_finite() && (0.0..=100.0).contains(&v) => v,
            _ if text.trim().is_empty() => {
                bad(field, format!("{label}: enter the percentage correct."));
                0.0
            }
            _ => {
                bad(
                    field,
                    format!("{label}: {} is not a percentage from 0 to 100.", text.trim()),
                );
                0.0
            }
        };
    let scores = PerCodeType {
        primary_diagnosis: percent("primary_diagnosis", "Primary diagnosis", &input.primary_diagnosis),
        secondary_diagnosis: percent("secondary_diagnosis", "Secondary diagnosis", &input.secondary_diagnosis),
        primary_procedure: percent("primary_procedure", "Primary procedure", &input.primary_procedure),
        secondary_procedure: percent("secondary_procedure", "Secondary procedure", &input.secondary_procedure),
    };
    let mut count = |field: &str, label: &str, text: &str| match text.trim() {
        "" => 0,
        t => t.parse::<u32>().unwrap_or_else(|_| {
            bad(field, format!("{label}: {t} is not a whole number of errors."));
            0
        }),
    };
    let errors_found = AuditErrorCounts {
        coder: count("errors_coder", "Coder errors", &input.errors_coder),
        documentation: count(
            "errors_documentation",
            "Documentation errors",
            &input.errors_documentation,
        ),
        other: count("errors_other", "Other errors", &input.errors_other),
    };
    match date {
        Some(date) if errors.is_empty() => Ok(Checked {
            date,
            auditor,
            episodes,
            scores,
            errors: errors_found,
        }),
        _ => Err(Error::Invalid(errors)),
    }
}
