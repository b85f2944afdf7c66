//! A person's training records through one guarded door each: reading them
//! with their compliance, and recording a competence by hand.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

use super::compliance::{assess, Compliance};
use super::words::{NewTrainingRecord, TrainingInput, TrainingRecord};
use crate::accounts::Actor;
use crate::dates::parse_date;
use crate::settings::training as settings;
use crate::store::db::Connection;
use crate::store::staff as staff_db;
use crate::store::training as db;
use crate::{access, audit, Error, FieldError, Result};

/// A person's competences, their compliance on a day and what the
/// signed-in person may do with them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TrainingView {
    pub staff_number: String,
    /// Newest first.
    pub records: Vec<TrainingRecord>,
    pub compliance: Compliance,
    /// May record a competence by hand.
    pub may_record: bool,
    /// May import an ESR/OLM export (for everyone).
    pub may_import: bool,
}

/// A person's records and compliance on `as_at`, if `actor` may see them.
pub fn view_as(conn: &Connection, actor: &Actor, staff_number: &str, as_at: NaiveDate) -> Result<TrainingView> {
    access::can_view_training(conn, actor, staff_number)?;
    let id = staff_id(conn, staff_number)?;
    let records = db::records(conn, id)?;
    let required = settings::load(conn)?.required;
    Ok(TrainingView {
        staff_number: staff_number.trim().to_owned(),
        compliance: assess(&required, &records, as_at),
        records,
        may_record: access::can_record_training(conn, actor, staff_number, as_at).is_ok(),
        may_import: access::can_import_training(actor).is_ok(),
    })
}

/// A person's compliance on `as_at`, if `actor` may see it.
pub fn status_as(conn: &Connection, actor: &Actor, staff_number: &str, as_at: NaiveDate) -> Result<Compliance> {
    Ok(view_as(conn, actor, staff_number, as_at)?.compliance)
}

/// Compliance for core's own rules (pay progression) once access has been
/// decided.
pub(crate) fn compliance(conn: &Connection, staff_id: i64, as_at: NaiveDate) -> Result<Compliance> {
    let records = db::records(conn, staff_id)?;
    Ok(assess(&settings::load(conn)?.required, &records, as_at))
}

pub(super) fn staff_id(conn: &Connection, staff_number: &str) -> Result<i64> {
    staff_db::id_of(conn, staff_number.trim())?
        .ok_or_else(|| Error::NotFound(format!("There is no staff member with staff number {staff_number}.")))
}

/// Checks a competence as typed, with a message per bad field.
pub(super) fn check(input: &TrainingInput) -> std::result::Result<NewTrainingRecord, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let competence = input.competence.trim();
    if competence.is_empty() {
        bad(
            "competence",
            "Enter the competence, for example Fire Safety.".to_owned(),
        );
    } else if competence.chars().count() > 200 {
        bad(
            "competence",
            "The competence must be 200 characters or fewer.".to_owned(),
        );
    }
    let completed = if input.completed_on.trim().is_empty() {
        bad(
            "completed_on",
            "Enter the date it was completed, for example 01/03/2026.".to_owned(),
        );
        None
    } else {
        parse_date(&input.completed_on)
            .map_err(|m| bad("completed_on", format!("Completed on: {m}")))
            .ok()
    };
    let expires = if input.expires_on.trim().is_empty() {
        None
    } else {
        match parse_date(&input.expires_on) {
            Err(m) => {
                bad("expires_on", format!("Expires on: {m}"));
                None
            }
            Ok(e) if completed.is_some_and(|c| e < c) => {
                bad(
                    "expires_on",
                    "The expiry date cannot be before the date it was completed.".to_owned(),
                );
                None
            }
            Ok(e) => Some(e),
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewTrainingRecord {
        competence: competence.to_owned(),
        completed_on: completed.expect("checked above"),
        expires_on: expires,
    })
}

/// Records a competence by hand as `actor` (the administrator, or a line
/// manager for their reports; never a leaver's), audited, in one write
/// transaction. Recording the same competence completed the same day again
/// is refused.
pub fn add_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    input: &TrainingInput,
    now: NaiveDateTime,
) -> Result<TrainingRecord> {
    let tx = crate::store::write(conn)?;
    access::can_record_training(&tx, actor, staff_number, now.date())?;
    let id = staff_id(&tx, staff_number)?;
    let new = check(input).map_err(Error::Invalid)?;
    let Some(row_id) = db::insert_record(&tx, id, &new, "hand")? else {
        return Err(Error::invalid(
            "competence",
            format!(
                "{} completed on {} is already recorded.",
                new.competence,
                crate::dates::display(new.completed_on)
            ),
        ));
    };
    let record = TrainingRecord {
        id: row_id,
        competence: new.competence,
        completed_on: new.completed_on,
        expires_on: new.expires_on,
        source: "hand".to_owned(),
    };
    audit::record_by(
        &tx,
        actor,
        "training.add",
        "training_record",
        staff_number.trim(),
        audit::snapshot(&record),
        now,
    )?;
    tx.commit()?;
    Ok(record)
}
