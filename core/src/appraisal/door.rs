//! The one door every guarded operation on an appraisal goes through. A
//! read asks `access.rs` before returning anything; a change opens the
//! IMMEDIATE write transaction, asks `access.rs` inside it, refuses a
//! signed (locked) appraisal, makes the change and writes the audit row,
//! all in that one transaction.
//!
//! Changes are addressed to the appraisal or to one of its rows by the
//! row's own number; a number that does not exist is refused as one that
//! exists but is not the actor's, so a refusal never tells whether it
//! exists (`access::can_view_appraisal_record`).

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};

use crate::access::{self, AppraisalPart};
use crate::accounts::Actor;
use crate::dates::display;
use crate::store::appraisal as db;
use crate::{audit, Error, Result};

/// What a guarded operation is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Appraisal(i64),
    /// One of last year's objectives, as reviewed.
    Previous(i64),
    Skill(i64),
    Objective(i64),
    PdpItem(i64),
}

impl Target {
    fn appraisal_id(self, conn: &Connection) -> Result<Option<i64>> {
        Ok(match self {
            Target::Appraisal(id) => Some(id),
            Target::Previous(id) => db::previous_appraisal(conn, id)?,
            Target::Skill(id) => db::skill_appraisal(conn, id)?.map(|(appraisal, _, _)| appraisal),
            Target::Objective(id) => db::objective_appraisal(conn, id)?.map(|(appraisal, _)| appraisal),
            Target::PdpItem(id) => db::pdp_item_appraisal(conn, id)?.map(|(appraisal, _)| appraisal),
        })
    }

    /// The versioned row the target is, if it is one.
    fn versioned(self) -> Option<(db::VersionedTable, i64)> {
        match self {
            Target::Appraisal(_) => None,
            Target::Previous(id) => Some((db::VersionedTable::PreviousObjective, id)),
            Target::Skill(id) => Some((db::VersionedTable::Skill, id)),
            Target::Objective(id) => Some((db::VersionedTable::Objective, id)),
            Target::PdpItem(id) => Some((db::VersionedTable::PdpItem, id)),
        }
    }

    fn missing(self) -> String {
        match self {
            Target::Appraisal(id) => format!("There is no appraisal with number {id}."),
            Target::Previous(id) => format!("There is no reviewed objective with number {id}."),
            Target::Skill(id) => format!("There is no skill assessment with number {id}."),
            Target::Objective(id) => format!("There is no objective with number {id}."),
            Target::PdpItem(id) => format!("There is no PDP item with number {id}."),
        }
    }
}

/// The header of the appraisal `target` belongs to, once `actor` may see
/// it.
pub(super) fn seen(conn: &Connection, actor: &Actor, target: Target) -> Result<db::Header> {
    let h = match target.appraisal_id(conn)? {
        Some(id) => db::header(conn, id)?,
        None => None,
    };
    access::can_view_appraisal_record(
        conn,
        actor,
        h.as_ref().map(|h| h.appraisee.staff_number.as_str()),
        || target.missing(),
    )?;
    Ok(h.expect("refused above when missing"))
}

/// May `actor` change `part` of the appraisal `target` belongs to now:
/// seen, not locked, and theirs to write. Re-opening and PDP progress are
/// what a signed appraisal still allows.
pub(super) fn may_change(
    conn: &Connection,
    actor: &Actor,
    target: Target,
    part: AppraisalPart,
    today: NaiveDate,
) -> Result<db::Header> {
    let h = seen(conn, actor, target)?;
    if h.signed && !matches!(part, AppraisalPart::Reopening | AppraisalPart::PdpProgress) {
        return Err(locked(&h));
    }
    access::can_write_appraisal(conn, actor, part, &h.appraisee, &h.appraiser, today)?;
    Ok(h)
}

/// Makes one guarded change: `make` gets the transaction and the header
/// and gives what it made and the audit row's detail (`None` when nothing
/// changed, which leaves no row). The row is the appraisal's, or for PDP
/// progress the item's.
pub(super) fn change<T>(
    conn: &mut Connection,
    actor: &Actor,
    target: Target,
    part: AppraisalPart,
    now: NaiveDateTime,
    action: &str,
    make: impl FnOnce(&Connection, &db::Header) -> Result<(T, Option<serde_json::Value>)>,
) -> Result<T> {
    let tx = crate::store::write(conn)?;
    let h = may_change(&tx, actor, target, part, now.date())?;
    let (made, detail) = make(&tx, &h)?;
    if let Some(detail) = detail {
        let (table, id) = match (part, target) {
            (AppraisalPart::PdpProgress, Target::PdpItem(item)) => ("pdp_item", item),
            _ => ("appraisal", h.id),
        };
        audit::record_by(&tx, actor, action, table, &id.to_string(), detail, now)?;
    }
    tx.commit()?;
    Ok(made)
}

/// A save of one row two people may edit at once (one of last year's
/// objectives, a skill, an objective, a PDP item), as [`change`]: when
/// `expected` names the version the person started from and someone has
/// saved the row since, it is refused as a `conflict` that says who and
/// when, and nothing is written. A save that changes the row moves it to
/// the next version with who and when; `read` then gives the row as saved.
#[allow(clippy::too_many_arguments, reason = "change's arguments and the row's own two")]
pub(super) fn change_row<T>(
    conn: &mut Connection,
    actor: &Actor,
    target: Target,
    expected: Option<i64>,
    part: AppraisalPart,
    now: NaiveDateTime,
    action: &str,
    make: impl FnOnce(&Connection, &db::Header) -> Result<(T, Option<serde_json::Value>)>,
    read: impl FnOnce(&Connection, &db::Header) -> Result<T>,
) -> Result<T> {
    let (table, id) = target.versioned().expect("change_row is for a versioned row");
    change(conn, actor, target, part, now, action, |tx, h| {
        let stamp = db::row_stamp(tx, table, id)?.expect("found by the door");
        if expected.is_some_and(|v| v != stamp.version) {
            return Err(conflict(tx, h, actor, &stamp));
        }
        let (made, detail) = make(tx, h)?;
        if detail.is_none() {
            return Ok((made, None));
        }
        db::stamp_row(tx, table, id, &actor.staff_number, now)?;
        Ok((read(tx, h)?, detail))
    })
}

/// Who saved a row since the person opened it, and when, for the message.
/// Someone the person cannot see (on the server) is named by staff number.
fn conflict(conn: &Connection, h: &db::Header, actor: &Actor, stamp: &db::RowStamp) -> Error {
    let who = match stamp.changed_by.as_deref() {
        Some(n) if n == actor.staff_number => "You (in another window)".to_owned(),
        Some(n) if n == h.appraisee.staff_number => h.appraisee.name.clone(),
        Some(n) if n == h.appraiser.staff_number => h.appraiser.name.clone(),
        Some(n) if n == crate::accounts::actor::SYSTEM => "The command line".to_owned(),
        Some(n) => match crate::store::staff::get(conn, n) {
            Ok(Some(person)) => person.full_name(),
            _ => format!("Staff number {n}"),
        },
        None => "Someone".to_owned(),
    };
    let when = stamp
        .changed_at
        .as_deref()
        .and_then(|t| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").ok())
        .map(|t| format!(" at {} on {}", t.format("%H:%M"), display(t.date())))
        .unwrap_or_default();
    Error::Conflict(format!(
        "{who} changed this{when}, after you opened it. What you typed has not been saved: compare it with their version, or reload and type it again."
    ))
}

pub(crate) fn header(conn: &Connection, id: i64) -> Result<db::Header> {
    db::header(conn, id)?.ok_or_else(|| not_found(id))
}

fn not_found(id: i64) -> Error {
    Error::NotFound(format!("There is no appraisal with number {id}."))
}

/// Opens an appraisal for a change inside `tx`: refuses a signed one, takes
/// away a lone signature (the words under it are about to change) and
/// stamps the time. Every save of the meeting goes through here.
pub(crate) fn editable(tx: &Connection, id: i64, now: NaiveDateTime) -> Result<db::Header> {
    let h = header(tx, id)?;
    if h.signed {
        return Err(locked(&h));
    }
    db::touch(
        tx,
        id,
        now,
        h.appraisee_signature.is_some() || h.appraiser_signature.is_some(),
    )?;
    Ok(h)
}

pub(crate) fn locked(h: &db::Header) -> Error {
    let on = h
        .appraisee_signature
        .iter()
        .chain(h.appraiser_signature.iter())
        .map(|(_, at)| at.date())
        .max()
        .map(|d| format!(" on {}", display(d)))
        .unwrap_or_default();
    let replaced = match h.superseded_by {
        Some(next) => format!(" It was re-opened as appraisal {next}."),
        None => " An administrator can re-open it, which makes a new version and keeps this one.".to_owned(),
    };
    Error::Locked(format!(
        "This {} was signed by both parties{on} and is locked: nothing in it can be changed.{replaced}",
        h.kind.label()
    ))
}
