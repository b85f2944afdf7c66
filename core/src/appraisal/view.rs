//! Reading appraisals: one whole record as the meeting screen shows it and
//! the PDF prints it, with what the signed-in person may do with it, and
//! the list.

use std::collections::HashSet;

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

use super::door::{header, seen, Target};
use super::objectives::missing;
use super::readiness::{readiness, Readiness};
use super::skills::skills;
use super::{pay, AppraisalRecord, AppraisalSummary, PayProgression, Person, Signature};
use crate::access::{self, AppraisalPart};
use crate::accounts::Actor;
use crate::store::appraisal as db;
use crate::Result;

/// What the signed-in person may do with one appraisal, so the window can
/// offer only that. Core checks every save again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct MeetingRights {
    /// The signed-in person is the appraisee.
    pub is_appraisee: bool,
    /// The appraiser's side of the meeting: outcomes, agreed levels,
    /// objectives, the PDP, the wellbeing notes and the appraiser's
    /// comments.
    pub edit_meeting: bool,
    /// Move the step the meeting has reached (the appraiser, forwards).
    /// Anyone else browsing the steps leaves it where it was.
    pub move_step: bool,
    /// The appraisee's own words: self-assessed levels and their comments.
    /// The appraisee alone.
    pub edit_appraisee_words: bool,
    /// The appraiser's comments: the appraiser alone.
    pub edit_appraiser_words: bool,
    /// Save the wellbeing form: its notes are the appraiser's side's, and
    /// whether it is printed is the appraisee's ([`choose_wellbeing_print`]).
    ///
    /// [`choose_wellbeing_print`]: MeetingRights::choose_wellbeing_print
    pub edit_wellbeing: bool,
    /// Confirm the pay progression standards Appraise cannot work out.
    pub confirm_pay: bool,
    /// Each party may sign with their own passphrase.
    pub sign: bool,
    /// Re-open the signed appraisal as a new version.
    pub reopen: bool,
    /// Cancel the meeting: nobody has signed it and it is not a re-opened
    /// version (see `cancel_as`).
    pub cancel: bool,
    /// Choose whether the wellbeing conversation is printed: the appraisee
    /// alone; everyone else sees the choice.
    pub choose_wellbeing_print: bool,
}

/// One appraisal and what the signed-in person may do with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppraisalView {
    pub record: AppraisalRecord,
    pub rights: MeetingRights,
    /// The meeting's own steps, where each stands, and what stops signing.
    pub readiness: Readiness,
}

fn rights(conn: &Connection, actor: &Actor, h: &db::Header, today: NaiveDate) -> MeetingRights {
    // The same questions every save asks, so the window offers only what
    // core would accept.
    let may =
        |part: AppraisalPart| access::can_write_appraisal(conn, actor, part, &h.appraisee, &h.appraiser, today).is_ok();
    let open = !h.signed;
    MeetingRights {
        is_appraisee: actor.staff_number == h.appraisee.staff_number,
        edit_meeting: open && may(AppraisalPart::Meeting),
        move_step: open && may(AppraisalPart::Step),
        edit_appraisee_words: open && may(AppraisalPart::AppraiseeWords),
        edit_appraiser_words: open
            && may(AppraisalPart::Meeting)
            && access::can_write_appraiser_words(actor, &h.appraiser).is_ok(),
        edit_wellbeing: open && may(AppraisalPart::Wellbeing),
        confirm_pay: open && may(AppraisalPart::Pay),
        sign: open && may(AppraisalPart::Signature),
        reopen: h.signed && h.superseded_by.is_none() && may(AppraisalPart::Reopening),
        cancel: h.appraisee_signature.is_none()
            && h.appraiser_signature.is_none()
            && h.version == 1
            && may(AppraisalPart::Meeting)
            && access::can_cancel_appraisal(conn, actor, &h.appraisee.staff_number, today).is_ok(),
        choose_wellbeing_print: open
            && may(AppraisalPart::Wellbeing)
            && access::can_choose_wellbeing_print(actor, &h.appraisee).is_ok(),
    }
}

/// The appraisals `actor` may see (see [`list`] for the order).
pub fn list_as(conn: &Connection, actor: &Actor) -> Result<Vec<AppraisalSummary>> {
    let visible: HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    Ok(list(conn)?
        .into_iter()
        .filter(|a| visible.contains(&a.staff_number))
        .collect())
}

/// One appraisal, with what `actor` may do with it.
pub fn get_as(conn: &Connection, actor: &Actor, appraisal_id: i64, today: NaiveDate) -> Result<AppraisalView> {
    let h = seen(conn, actor, Target::Appraisal(appraisal_id))?;
    let rights = rights(conn, actor, &h, today);
    let record = get(conn, appraisal_id)?;
    Ok(AppraisalView {
        readiness: readiness(&record),
        record,
        rights,
    })
}

/// Everything about one appraisal. Pay progression is as stored for a
/// signed appraisal, and otherwise worked out as at the meeting date.
pub(crate) fn get(conn: &Connection, id: i64) -> Result<AppraisalRecord> {
    let header = header(conn, id)?;
    let pay = pay::for_header(conn, &header, header.meeting_date)?;
    record_with(conn, header, pay)
}

fn record_with(conn: &Connection, h: db::Header, pay: PayProgression) -> Result<AppraisalRecord> {
    let id = h.id;
    let status = h.status();
    let signature = |sig: &Option<(String, NaiveDateTime)>, who: &Person| {
        sig.as_ref().map(|(number, at)| Signature {
            staff_number: number.clone(),
            name: if *number == who.staff_number {
                who.name.clone()
            } else {
                number.clone()
            },
            signed_at: *at,
        })
    };
    Ok(AppraisalRecord {
        id,
        version: h.version,
        kind: h.kind,
        status,
        step: h.step,
        cycle: h.cycle(),
        role: h
            .role_band
            .as_ref()
            .zip(h.role_title.as_ref())
            .map(|(band, title)| format!("Band {band} {title}")),
        framework_id: h.framework_id,
        meeting_date: h.meeting_date,
        previous_objectives: db::previous_objectives(conn, id)?,
        skills: skills(conn, id)?,
        objectives: db::objectives(conn, id)?
            .into_iter()
            .map(|mut o| {
                o.missing = missing(&o);
                o
            })
            .collect(),
        kpi: db::kpi(conn, id)?,
        pdp: db::pdp_items(conn, id)?,
        wellbeing: db::wellbeing(conn, id)?.unwrap_or_default(),
        pay,
        appraisee_comments: h.appraisee_comments.clone(),
        appraiser_comments: h.appraiser_comments.clone(),
        appraisee_signature: signature(&h.appraisee_signature, &h.appraisee),
        appraiser_signature: signature(&h.appraiser_signature, &h.appraiser),
        reopening: h.reopening.clone(),
        superseded_by: h.superseded_by,
        created_at: h.created_at,
        updated_at: h.updated_at,
        appraisee: h.appraisee,
        appraiser: h.appraiser,
    })
}

/// Every appraisal, newest cycle first, then by appraisee's surname, kind
/// and version.
pub(crate) fn list(conn: &Connection) -> Result<Vec<AppraisalSummary>> {
    db::list(conn)
}
