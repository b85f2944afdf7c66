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
