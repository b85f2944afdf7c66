//! Last year's objectives, reviewed in this meeting: an outcome and
//! comments for each, and carrying one forward into this year's objectives.

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::door::{change_row, editable, Target};
use super::{checked_text, in_tx, AppraisalKind, Outcome, PreviousObjective, MAX_NOTES};
use crate::access::AppraisalPart;
use crate::accounts::Actor;
use crate::store::appraisal as db;
use crate::{audit, Error, Result};

/// The outcome of one of last year's objectives, with comments;
/// `expected_version` as for an objective (`update_objective_as`).
pub fn set_previous_outcome_as(
    conn: &mut Connection,
    actor: &Actor,
    previous_id: i64,
    outcome: Option<Outcome>,
    comments: &str,
    expected_version: Option<i64>,
    now: NaiveDateTime,
) -> Result<PreviousObjective> {
    let target = Target::Previous(previous_id);
    change_row(
        conn,
        actor,
        target,
        expected_version,
        AppraisalPart::Meeting,
        now,
        "appraisal.previous_outcome",
        |tx, _| {
            let before = db::previous_objective(tx, previous_id)?.expect("found by the door");
            let after = set_previous_outcome_in(tx, previous_id, outcome, comments, now)?;
            let detail =
                serde_json::json!({ "previous_objective": previous_id, "changes": audit::changes(&before, &after) });
            Ok((after, Some(detail)))
        },
        |tx, _| Ok(db::previous_objective(tx, previous_id)?.expect("found by the door")),
    )
}

/// Records the outcome of one of last year's objectives, and comments on
/// it. Carrying it forward copies it into this year's objectives, due on
/// the same day a year on (kept inside this cycle); choosing another
/// outcome takes that copy away again.
pub(crate) fn set_previous_outcome(
    conn: &mut Connection,
    previous_id: i64,
    outcome: Option<Outcome>,
    comments: &str,
    now: NaiveDateTime,
) -> Result<PreviousObjective> {
    in_tx(conn, |tx| {
        set_previous_outcome_in(tx, previous_id, outcome, comments, now)
    })
}

pub(super) fn set_previous_outcome_in(
    tx: &Connection,
    previous_id: i64,
    outcome: Option<Outcome>,
    comments: &str,
    now: NaiveDateTime,
) -> Result<PreviousObjective> {
    let comments = checked_text("comments", "Comments", comments, MAX_NOTES)?;
    let id = db::previous_appraisal(tx, previous_id)?
        .ok_or_else(|| Error::NotFound(format!("There is no reviewed objective with number {previous_id}.")))?;
    let h = editable(tx, id, now)?;
    if outcome == Some(Outcome::CarriedForward) && h.kind == AppraisalKind::MidYear {
        return Err(Error::invalid(
            "outcome",
            "At a mid-year review an objective simply runs on to the year end: carry it forward at the annual appraisal.",
        ));
    }
    db::set_previous_outcome(tx, previous_id, outcome, &comments)?;
    let previous = db::previous_objective(tx, previous_id)?.expect("updated above");
    match (outcome, previous.carried_objective_id) {
        (Some(Outcome::CarriedForward), None) => {
            let cycle = h.cycle();
            let due = previous
                .due
                .map(|d| crate::nccq::add_months(d, 12).clamp(cycle.start, cycle.end));
            db::insert_objective(
                tx,
                id,
                &db::ObjectiveRow {
                    text: previous.text.clone(),
                    measure: previous.measure.clone(),
                    due,
                    competency: previous.competency.clone(),
                    target_level: previous.target_level,
                    statement: match (&previous.competency, previous.target_level) {
                        (Some(c), Some(level)) => db::statement_at(tx, c.competency_id, level)?,
                        _ => None,
                    },
                    carried_from: Some(previous_id),
                },
            )?;
        }
        (Some(Outcome::CarriedForward), Some(_)) => {}
        (_, Some(copy)) => db::delete_objective(tx, copy)?,
        (_, None) => {}
    }
    Ok(db::previous_objective(tx, previous_id)?.expect("updated above"))
}
