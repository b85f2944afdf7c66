//! The meeting itself: the step it is at, the day it was held, and both
//! people's comments.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};

use super::door::{change, editable, header, locked, Target};
use super::{checked_text, in_tx, required_date, Party, Step, MAX_NOTES};
use crate::access::{self, AppraisalPart};
use crate::accounts::Actor;
use crate::dates::display;
use crate::store::appraisal as db;
use crate::{Error, Result};

/// Records the step the meeting has reached, so it resumes there: only the
/// appraiser running it moves it, and only forwards. Going back to look at
/// or correct an earlier step leaves it at the furthest step reached, which
/// is what "at step c" on the list means; a move that changes nothing
/// writes nothing and leaves no audit row.
pub fn set_step_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    step: Step,
    now: NaiveDateTime,
) -> Result<()> {
    let target = Target::Appraisal(appraisal_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Step,
        now,
        "appraisal.step",
        |tx, h| {
            if step <= h.step {
                return Ok(((), None));
            }
            set_step_in(tx, appraisal_id, step, now)?;
            let detail = serde_json::json!({ "step": { "from": h.step.code(), "to": step.code() } });
            Ok(((), Some(detail)))
        },
    )
}

/// Records the step the meeting is at, so it resumes there. Where the
/// meeting is is not part of what is signed, so moving between steps leaves
/// a lone signature standing.
pub(crate) fn set_step(conn: &mut Connection, id: i64, step: Step, now: NaiveDateTime) -> Result<()> {
    in_tx(conn, |tx| set_step_in(tx, id, step, now))
}

pub(super) fn set_step_in(tx: &Connection, id: i64, step: Step, now: NaiveDateTime) -> Result<()> {
    let h = header(tx, id)?;
    if h.signed {
        return Err(locked(&h));
    }
    db::touch(tx, id, now, false)?;
    db::set_step(tx, id, step)
}

/// Corrects the meeting date (the appraiser's side; see
/// [`set_meeting_date`] for the checks). The same date again changes
/// nothing and leaves no audit row.
pub fn set_meeting_date_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    date: &str,
    now: NaiveDateTime,
) -> Result<NaiveDate> {
    let target = Target::Appraisal(appraisal_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Meeting,
        now,
        "appraisal.meeting_date",
        |tx, h| {
            let typed = required_date("meeting_date", "Meeting date", date)?;
            if typed == h.meeting_date {
                return Ok((typed, None));
            }
            let date = set_meeting_date_in(tx, appraisal_id, date, now)?;
            let detail = serde_json::json!({ "meeting_date": { "from": h.meeting_date, "to": date } });
            Ok((date, Some(detail)))
        },
    )
}

/// Corrects the meeting date. It must fall in the appraisal's cycle or
/// after it (a late meeting), and not after today.
#[cfg(test)]
pub(crate) fn set_meeting_date(conn: &mut Connection, id: i64, date: &str, now: NaiveDateTime) -> Result<NaiveDate> {
    in_tx(conn, |tx| set_meeting_date_in(tx, id, date, now))
}

fn set_meeting_date_in(tx: &Connection, id: i64, date: &str, now: NaiveDateTime) -> Result<NaiveDate> {
    let date = required_date("meeting_date", "Meeting date", date)?;
    let h = editable(tx, id, now)?;
    let cycle = h.cycle();
    if date < cycle.start {
        return Err(Error::invalid(
            "meeting_date",
            format!(
                "The meeting date cannot be before the {} cycle starts ({}).",
                cycle.label,
                display(cycle.start)
            ),
        ));
    }
    if date > now.date() {
        return Err(Error::invalid(
            "meeting_date",
            "The meeting date cannot be in the future.",
        ));
    }
    db::set_meeting_date(tx, id, date)?;
    Ok(date)
}

/// The appraisee's comments (theirs alone to write) or the appraiser's
/// (the appraiser's alone: `access::can_write_appraiser_words`). The same
/// words again change nothing and leave no audit row.
pub fn set_comments_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    party: Party,
    comments: &str,
    now: NaiveDateTime,
) -> Result<String> {
    let part = match party {
        Party::Appraisee => AppraisalPart::AppraiseeWords,
        Party::Appraiser => AppraisalPart::Meeting,
    };
    let target = Target::Appraisal(appraisal_id);
    change(conn, actor, target, part, now, "appraisal.comments", |tx, h| {
        if party == Party::Appraiser {
            access::can_write_appraiser_words(actor, &h.appraiser)?;
        }
        let before = match party {
            Party::Appraisee => &h.appraisee_comments,
            Party::Appraiser => &h.appraiser_comments,
        };
        if checked_text("comments", "Comments", comments, MAX_NOTES)? == *before {
            return Ok((before.clone(), None));
        }
        let after = set_comments_in(tx, appraisal_id, party, comments, now)?;
        let detail = serde_json::json!({ "party": party.code(), "from": before, "to": after });
        Ok((after, Some(detail)))
    })
}

/// Saves the appraisee's or the appraiser's comments.
pub(crate) fn set_comments(
    conn: &mut Connection,
    appraisal_id: i64,
    party: Party,
    comments: &str,
    now: NaiveDateTime,
) -> Result<()> {
    in_tx(conn, |tx| {
        set_comments_in(tx, appraisal_id, party, comments, now).map(drop)
    })
}

/// [`set_comments`] inside the caller's transaction; gives the comments as
/// stored.
pub(super) fn set_comments_in(
    tx: &Connection,
    appraisal_id: i64,
    party: Party,
    comments: &str,
    now: NaiveDateTime,
) -> Result<String> {
    let comments = checked_text("comments", "Comments", comments, MAX_NOTES)?;
    editable(tx, appraisal_id, now)?;
    db::set_comments(tx, appraisal_id, party, &comments)?;
    Ok(comments)
}
