//! Cancelling a meeting that nobody has signed: started by mistake, or for
//! the wrong kind. It goes, with every row of it, and the audit trail keeps
//! who cancelled it, when, and what it was. A signed record is never
//! cancelled (an administrator re-opens it instead), nor a re-opened
//! version, whose signed original points to it.

use chrono::NaiveDateTime;

use super::door::{change, Target};
use crate::access::{self, AppraisalPart};
use crate::accounts::Actor;
use crate::dates::display;
use crate::store::appraisal as db;
use crate::store::db::Connection;
use crate::{Error, Result};

/// Cancels the unsigned meeting `appraisal_id` (see the module
/// documentation) through the door: one transaction with its audit row.
pub fn cancel_as(conn: &mut Connection, actor: &Actor, appraisal_id: i64, now: NaiveDateTime) -> Result<()> {
    let target = Target::Appraisal(appraisal_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Meeting,
        now,
        "appraisal.cancel",
        |tx, h| {
            access::can_cancel_appraisal(tx, actor, &h.appraisee.staff_number, now.date())?;
            if h.appraisee_signature.is_some() || h.appraiser_signature.is_some() {
                return Err(Error::Conflict(format!(
                    "One of you has signed this {}, so it is kept: only a meeting nobody has signed can be cancelled.",
                    h.kind.label()
                )));
            }
            if h.version > 1 {
                return Err(Error::Conflict(format!(
                    "This is a re-opened version of a signed {}: it is finished and signed again, not cancelled.",
                    h.kind.label()
                )));
            }
            db::delete(tx, appraisal_id)?;
            let detail = serde_json::json!({
                "appraisee": h.appraisee.staff_number,
                "kind": h.kind.code(),
                "cycle": h.cycle().label,
                "meeting_date": display(h.meeting_date),
            });
            Ok(((), Some(detail)))
        },
    )
}
