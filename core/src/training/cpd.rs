//! The CPD log: what a person learned, when, for how long and what they
//! made of it, optionally serving an item of their development plan. The
//! person writes it; their line managers and the administrator read it.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

use super::records::staff_id;
use super::words::{CpdEntry, CpdInput};
use crate::accounts::Actor;
use crate::dates::parse_date;
use crate::store::db::Connection;
use crate::store::training as db;
use crate::{access, audit, Error, FieldError, Result};

/// A person's CPD log, newest first, if `actor` may read it.
pub fn list_as(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<Vec<CpdEntry>> {
    access::can_view_cpd(conn, actor, staff_number)?;
    db::cpd(conn, staff_id(conn, staff_number)?)
}

/// A CPD log, whether the signed-in person may add to it, and the items of
/// the person's current development plan an entry may serve.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CpdLog {
    pub entries: Vec<CpdEntry>,
    pub may_write: bool,
    pub pdp_items: Vec<PdpChoice>,
}

/// An item of the current development plan, as a CPD entry names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PdpChoice {
    pub id: i64,
    pub learning_need: String,
}

/// [`list_as`] with what `actor` may do with the log on `today`.
pub fn view_as(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<CpdLog> {
    let entries = list_as(conn, actor, staff_number)?;
    let plan = crate::appraisal::current_pdp(conn, staff_number.trim())?;
    Ok(CpdLog {
        entries,
        may_write: access::can_write_cpd(conn, actor, staff_number, today).is_ok(),
        pdp_items: plan
            .items
            .into_iter()
            .map(|i| PdpChoice {
                id: i.id,
                learning_need: i.learning_need,
            })
            .collect(),
    })
}

/// Adds an entry to `actor`'s own CPD log, audited, in one write
/// transaction. A linked plan item must be one of their own.
pub fn add_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    input: &CpdInput,
    now: NaiveDateTime,
) -> Result<CpdEntry> {
    let tx = crate::store::write(conn)?;
    access::can_write_cpd(&tx, actor, staff_number, now.date())?;
    let id = staff_id(&tx, staff_number)?;
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: &str| {
        errors.push(FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        })
    };
    let date = if input.date.trim().is_empty() {
        bad("date", "Enter the date of the activity, for example 12/03/2026.");
        None
    } else {
        match parse_date(&input.date) {
            Ok(d) if d > now.date() => {
                bad("date", "The date cannot be in the future: log what has been done.");
                None
            }
            Ok(d) => Some(d),
            Err(m) => {
                bad("date", &format!("Date: {m}"));
                None
            }
        }
    };
    let activity = input.activity.trim();
    if activity.is_empty() {
        bad(
            "activity",
            "Enter the activity, for example a coding clinic or a webinar.",
        );
    } else if activity.chars().count() > 300 {
        bad("activity", "The activity must be 300 characters or fewer.");
    }
    let hours = match input.hours.trim().parse::<f64>() {
        Ok(h) if h > 0.0 && h <= 1000.0 => Some(h),
        _ => {
            bad("hours", "Enter the hours as a number greater than 0, for example 1.5.");
            None
        }
    };
    let reflection = input.reflection.trim();
    if reflection.chars().count() > 4000 {
        bad("reflection", "The reflection must be 4,000 characters or fewer.");
    }
    let pdp_item_id = match input.pdp_item_id.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(item) if db::pdp_item_owner(&tx, item)? == Some(id) => Some(item),
            _ => {
                bad("pdp_item_id", "Choose an item of your own development plan, or none.");
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let (date, hours) = (date.expect("checked"), hours.expect("checked"));
    let entry_id = db::insert_cpd(&tx, id, date, activity, hours, reflection, pdp_item_id)?;
    let entry = CpdEntry {
        id: entry_id,
        date,
        activity: activity.to_owned(),
        hours,
        reflection: reflection.to_owned(),
        pdp_item_id,
    };
    audit::record_by(
        &tx,
        actor,
        "cpd.add",
        "cpd_entry",
        staff_number.trim(),
        audit::snapshot(&entry),
        now,
    )?;
    tx.commit()?;
    Ok(entry)
}
