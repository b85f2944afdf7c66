//! The items of the plan agreed in the meeting: what a person typed for one
//! ([`PdpItemInput`]), checked against the appraisal's cycle and framework,
//! and added, changed or taken out while the appraisal is open.

use crate::store::db::Connection;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::AppraisalPart;
use crate::accounts::Actor;
use crate::appraisal::door::{change, change_row, editable, Target};
use crate::appraisal::{in_tx, optional_date, tidy, ActivityType, PdpItem, MAX_LINE, MAX_NOTES};
use crate::dates::display;
use crate::store::appraisal as db;
use crate::{audit, Error, FieldError, Result};

/// What a person typed for a PDP item: raw text, checked by
/// [`add_pdp_item`] and [`update_pdp_item`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PdpItemInput {
    pub learning_need: String,
    /// An [`ActivityType`] code, such as `e_learning`.
    pub activity: String,
    pub description: String,
    pub target_date: String,
    pub support: String,
    pub skill_code: String,
    pub competency: String,
}

/// Adds an item to the plan being agreed (the appraiser's side).
pub fn add_pdp_item_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    input: &PdpItemInput,
    now: NaiveDateTime,
) -> Result<PdpItem> {
    let target = Target::Appraisal(appraisal_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Meeting,
        now,
        "appraisal.pdp_add",
        |tx, _| {
            let after = add_pdp_item_in(tx, appraisal_id, input, now)?;
            let detail = serde_json::json!({ "pdp_item": after.id, "added": audit::snapshot(&after) });
            Ok((after, Some(detail)))
        },
    )
}

/// Saves an item of the plan being agreed, as typed; `expected_version`
/// as for an objective (`update_objective_as`).
pub fn update_pdp_item_as(
    conn: &mut Connection,
    actor: &Actor,
    item_id: i64,
    input: &PdpItemInput,
    expected_version: Option<i64>,
    now: NaiveDateTime,
) -> Result<PdpItem> {
    let target = Target::PdpItem(item_id);
    change_row(
        conn,
        actor,
        target,
        expected_version,
        AppraisalPart::Meeting,
        now,
        "appraisal.pdp_update",
        |tx, _| {
            let before = item(tx, item_id)?;
            let after = update_pdp_item_in(tx, item_id, input, now)?;
            let detail = serde_json::json!({ "pdp_item": item_id, "changes": audit::changes(&before, &after) });
            Ok((after, Some(detail)))
        },
        |tx, _| item(tx, item_id),
    )
}

/// Takes an item out of the plan being agreed.
pub fn remove_pdp_item_as(conn: &mut Connection, actor: &Actor, item_id: i64, now: NaiveDateTime) -> Result<()> {
    let target = Target::PdpItem(item_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Meeting,
        now,
        "appraisal.pdp_remove",
        |tx, _| {
            let before = item(tx, item_id)?;
            remove_pdp_item_in(tx, item_id, now)?;
            let detail = serde_json::json!({ "pdp_item": item_id, "removed": audit::snapshot(&before) });
            Ok(((), Some(detail)))
        },
    )
}

/// Adds an item to the plan being agreed.
pub(crate) fn add_pdp_item(
    conn: &mut Connection,
    appraisal_id: i64,
    input: &PdpItemInput,
    now: NaiveDateTime,
) -> Result<PdpItem> {
    in_tx(conn, |tx| add_pdp_item_in(tx, appraisal_id, input, now))
}

fn add_pdp_item_in(tx: &Connection, appraisal_id: i64, input: &PdpItemInput, now: NaiveDateTime) -> Result<PdpItem> {
    let h = editable(tx, appraisal_id, now)?;
    let row = check_item(tx, &h, input)?;
    let id = db::insert_pdp_item(tx, appraisal_id, &row)?;
    item(tx, id)
}

fn update_pdp_item_in(tx: &Connection, item_id: i64, input: &PdpItemInput, now: NaiveDateTime) -> Result<PdpItem> {
    let (appraisal_id, _) = db::pdp_item_appraisal(tx, item_id)?.ok_or_else(|| item_not_found(item_id))?;
    let h = editable(tx, appraisal_id, now)?;
    let row = check_item(tx, &h, input)?;
    db::update_pdp_item(tx, item_id, &row)?;
    item(tx, item_id)
}

fn remove_pdp_item_in(tx: &Connection, item_id: i64, now: NaiveDateTime) -> Result<()> {
    let (appraisal_id, _) = db::pdp_item_appraisal(tx, item_id)?.ok_or_else(|| item_not_found(item_id))?;
    editable(tx, appraisal_id, now)?;
    db::delete_pdp_item(tx, item_id)
}

pub(super) fn item(conn: &Connection, item_id: i64) -> Result<PdpItem> {
    db::pdp_item(conn, item_id)?.ok_or_else(|| item_not_found(item_id))
}

pub(super) fn item_not_found(item_id: i64) -> Error {
    Error::NotFound(format!("There is no PDP item with number {item_id}."))
}

fn check_item(conn: &Connection, h: &db::Header, input: &PdpItemInput) -> Result<db::PdpRow> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let need = input.learning_need.trim();
    if need.is_empty() {
        bad("learning_need", "Enter the learning need.".to_owned());
    } else if need.chars().count() > MAX_LINE {
        bad(
            "learning_need",
            format!("A learning need must be {MAX_LINE} characters or fewer."),
        );
    }
    let activity = match ActivityType::parse(&input.activity) {
        Some(a) => Some(a),
        None => {
            let known: Vec<&str> = ActivityType::ALL.iter().map(|a| a.code()).collect();
            bad(
                "activity",
                if input.activity.trim().is_empty() {
                    "Choose the activity: a course, e-learning, mentoring, shadowing, a workshop, ...".to_owned()
                } else {
                    format!(
                        "Activity {} is not known. Use one of {}.",
                        input.activity.trim(),
                        known.join(", ")
                    )
                },
            );
            None
        }
    };
    for (field, label, text) in [
        ("description", "The description", &input.description),
        ("support", "Support needed", &input.support),
    ] {
        if text.trim().chars().count() > MAX_NOTES {
            bad(field, format!("{label} must be {MAX_NOTES} characters or fewer."));
        }
    }
    let cycle = h.cycle();
    let target_date = match optional_date("target_date", "Target date", &input.target_date) {
        Ok(Some(d)) if d < cycle.start => {
            bad(
                "target_date",
                format!(
                    "The target date cannot be before the {} cycle starts ({}).",
                    cycle.label,
                    display(cycle.start)
                ),
            );
            None
        }
        Ok(d) => d,
        Err(Error::Invalid(f)) => {
            errors.extend(f);
            None
        }
        Err(e) => return Err(e),
    };
    let code = input.skill_code.trim().to_ascii_uppercase();
    let name = tidy(&input.competency);
    let (skill_code, competency) = if code.is_empty() && name.is_empty() {
        (None, None)
    } else {
        match h.framework_id {
            Some(fw) => match db::find_competency(conn, fw, &code, &name)? {
                Some(c) => (Some(c.skill_code), Some(c.competency)),
                None => {
                    errors.push(FieldError {
                        field: "competency".into(),
                        message: format!("{name} is not a competency of {code} in the appraisal's framework."),
                    });
                    (None, None)
                }
            },
            None => (Some(code), Some(name)),
        }
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(db::PdpRow {
        learning_need: need.to_owned(),
        activity: activity.expect("checked above"),
        description: input.description.trim().to_owned(),
        target_date,
        support: input.support.trim().to_owned(),
        skill_code,
        competency,
    })
}
