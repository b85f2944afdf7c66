//! This year's objectives: SMART, each mapped to a competency of the
//! framework version at a level it has a statement at, due inside the
//! cycle; and the coding-accuracy KPI objective, from the trust's DSPT
//! thresholds.

use crate::store::db::Connection;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::door::{change, change_row, editable, Target};
use super::skills::level_message;
use super::{in_tx, tidy, KpiObjective, Objective, MAX_LINE, MAX_NOTES};
use crate::access::AppraisalPart;
use crate::accounts::Actor;
use crate::dates::{display, parse_date};
use crate::store::appraisal as db;
use crate::{audit, Error, FieldError, Result};

/// What a person typed for an objective: raw text, checked by
/// [`add_objective`] and [`update_objective`]. Only the text is needed to
/// save a draft; the rest is checked as it is given and needed to sign.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ObjectiveInput {
    pub text: String,
    pub measure: String,
    /// dd/mm/yyyy or ISO; empty for none yet.
    pub due: String,
    /// The framework version; the appraisal's when not given.
    pub framework_id: Option<i64>,
    /// The SFIA code, such as ANCC.
    pub skill_code: String,
    /// The competency's name, such as Coding accuracy.
    pub competency: String,
    pub target_level: Option<u8>,
}

/// What a person typed for the KPI objective: percentages as text (a
/// trailing % is fine); an empty one takes the trust's DSPT threshold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct KpiInput {
    pub primary_diagnosis: String,
    pub secondary_diagnosis: String,
    pub procedure: String,
    pub due: String,
    pub notes: String,
}

/// Adds one of this year's objectives (the appraiser's side; see
/// [`update_objective`] for the checks).
pub fn add_objective_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    let target = Target::Appraisal(appraisal_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Meeting,
        now,
        "appraisal.objective_add",
        |tx, _| {
            let after = add_objective_in(tx, appraisal_id, input, now)?;
            let detail = serde_json::json!({ "objective": after.id, "added": audit::snapshot(&after) });
            Ok((after, Some(detail)))
        },
    )
}

/// Saves an objective as typed. `expected_version`: the row version the
/// person started from; a save since by someone else refuses this one as a
/// `conflict` (see `door::change_row`).
pub fn update_objective_as(
    conn: &mut Connection,
    actor: &Actor,
    objective_id: i64,
    input: &ObjectiveInput,
    expected_version: Option<i64>,
    now: NaiveDateTime,
) -> Result<Objective> {
    let target = Target::Objective(objective_id);
    change_row(
        conn,
        actor,
        target,
        expected_version,
        AppraisalPart::Meeting,
        now,
        "appraisal.objective_update",
        |tx, _| {
            let mut before = db::objective(tx, objective_id)?.expect("found by the door");
            let after = update_objective_in(tx, objective_id, input, now)?;
            before.missing = after.missing.clone();
            let detail = serde_json::json!({ "objective": objective_id, "changes": audit::changes(&before, &after) });
            Ok((after, Some(detail)))
        },
        |tx, _| objective(tx, objective_id),
    )
}

/// Takes an objective out.
pub fn remove_objective_as(conn: &mut Connection, actor: &Actor, objective_id: i64, now: NaiveDateTime) -> Result<()> {
    let target = Target::Objective(objective_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Meeting,
        now,
        "appraisal.objective_remove",
        |tx, _| {
            let before = db::objective(tx, objective_id)?.expect("found by the door");
            remove_objective_in(tx, objective_id, now)?;
            let detail = serde_json::json!({ "objective": objective_id, "removed": audit::snapshot(&before) });
            Ok(((), Some(detail)))
        },
    )
}

/// Sets the coding-accuracy KPI objective, or with `None` takes it away.
pub fn set_kpi_objective_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    input: Option<&KpiInput>,
    now: NaiveDateTime,
) -> Result<Option<KpiObjective>> {
    let target = Target::Appraisal(appraisal_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Meeting,
        now,
        "appraisal.kpi",
        |tx, _| {
            let before = db::kpi(tx, appraisal_id)?;
            let after = set_kpi_objective_in(tx, appraisal_id, input, now)?;
            let detail = serde_json::json!({ "from": before, "to": after });
            Ok((after, Some(detail)))
        },
    )
}

/// Adds one of this year's objectives; see [`update_objective`] for the
/// checks.
pub(crate) fn add_objective(
    conn: &mut Connection,
    appraisal_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    in_tx(conn, |tx| add_objective_in(tx, appraisal_id, input, now))
}

pub(super) fn add_objective_in(
    tx: &Connection,
    appraisal_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    let h = editable(tx, appraisal_id, now)?;
    let row = check_objective(tx, &h, input, None)?;
    let objective_id = db::insert_objective(tx, appraisal_id, &row)?;
    objective(tx, objective_id)
}

/// Saves an objective as typed. The text is needed; the rest may come
/// later (it is needed to sign), but what is given is checked now: the
/// competency must be in the framework version, the target level one it
/// has a statement at, and the due date inside the cycle.
pub(crate) fn update_objective(
    conn: &mut Connection,
    objective_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    in_tx(conn, |tx| update_objective_in(tx, objective_id, input, now))
}

pub(super) fn update_objective_in(
    tx: &Connection,
    objective_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    let (appraisal_id, carried_from) = db::objective_appraisal(tx, objective_id)?
        .ok_or_else(|| Error::NotFound(format!("There is no objective with number {objective_id}.")))?;
    let h = editable(tx, appraisal_id, now)?;
    let row = check_objective(tx, &h, input, carried_from)?;
    db::update_objective(tx, objective_id, &row)?;
    objective(tx, objective_id)
}

/// Takes an objective out. A carried-forward copy goes back to being only
/// reviewed: its outcome is cleared.
#[cfg(test)]
pub(crate) fn remove_objective(conn: &mut Connection, objective_id: i64, now: NaiveDateTime) -> Result<()> {
    in_tx(conn, |tx| remove_objective_in(tx, objective_id, now))
}

pub(super) fn remove_objective_in(tx: &Connection, objective_id: i64, now: NaiveDateTime) -> Result<()> {
    let (appraisal_id, carried_from) = db::objective_appraisal(tx, objective_id)?
        .ok_or_else(|| Error::NotFound(format!("There is no objective with number {objective_id}.")))?;
    editable(tx, appraisal_id, now)?;
    db::delete_objective(tx, objective_id)?;
    if let Some(previous) = carried_from {
        db::clear_previous_outcome(tx, previous)?;
    }
    Ok(())
}

fn objective(conn: &Connection, objective_id: i64) -> Result<Objective> {
    let mut o = db::objective(conn, objective_id)?
        .ok_or_else(|| Error::NotFound(format!("There is no objective with number {objective_id}.")))?;
    o.missing = missing(&o);
    Ok(o)
}

fn check_objective(
    conn: &Connection,
    h: &db::Header,
    input: &ObjectiveInput,
    carried_from: Option<i64>,
) -> Result<db::ObjectiveRow> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let text = input.text.trim();
    if text.is_empty() {
        bad(
            "text",
            "Enter the objective: what will be done, and by when.".to_owned(),
        );
    } else if text.chars().count() > MAX_LINE {
        bad("text", format!("An objective must be {MAX_LINE} characters or fewer."));
    }
    let measure = input.measure.trim();
    if measure.chars().count() > MAX_LINE {
        bad(
            "measure",
            format!("A measure of success must be {MAX_LINE} characters or fewer."),
        );
    }
    let cycle = h.cycle();
    let due = if input.due.trim().is_empty() {
        None
    } else {
        match parse_date(&input.due) {
            Err(m) => {
                bad("due", format!("Due date: {m}"));
                None
            }
            Ok(d) if !cycle.contains(d) => {
                bad(
                    "due",
                    format!(
                        "The due date must be inside the {} cycle, {} to {}.",
                        cycle.label,
                        display(cycle.start),
                        display(cycle.end)
                    ),
                );
                None
            }
            Ok(d) => Some(d),
        }
    };
    let code = input.skill_code.trim().to_ascii_uppercase();
    let name = tidy(&input.competency);
    let mut competency = None;
    let mut statement = None;
    if code.is_empty() && name.is_empty() {
        if input.target_level.is_some() {
            bad(
                "competency",
                "Choose the competency before its target level.".to_owned(),
            );
        }
    } else {
        let framework_id = input.framework_id.or(h.framework_id);
        match framework_id {
            None => bad(
                "competency",
                "There is no skills framework to map the objective to: add one first.".to_owned(),
            ),
            Some(framework_id) => match db::find_competency(conn, framework_id, &code, &name)? {
                None => bad(
                    "competency",
                    format!(
                        "{} is not a competency of {code} in framework {framework_id}.",
                        if name.is_empty() { "(none)" } else { name.as_str() }
                    ),
                ),
                Some(c) => {
                    if let Some(level) = input.target_level {
                        let levels = db::competency_levels(conn, c.competency_id)?;
                        if levels.contains(&level) {
                            statement = db::statement_at(conn, c.competency_id, level)?;
                        } else {
                            bad("target_level", level_message(&c.competency, level, &levels));
                        }
                    }
                    competency = Some(c);
                }
            },
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(db::ObjectiveRow {
        text: text.to_owned(),
        measure: measure.to_owned(),
        due,
        target_level: statement.as_ref().map(|_| input.target_level.expect("checked")),
        competency,
        statement,
        carried_from,
    })
}

/// What an objective still needs before the appraisal can be signed.
pub(super) fn missing(o: &Objective) -> Vec<String> {
    let mut missing = Vec::new();
    if o.measure.trim().is_empty() {
        missing.push("measure".to_owned());
    }
    if o.due.is_none() {
        missing.push("due".to_owned());
    }
    if o.competency.is_none() {
        missing.push("competency".to_owned());
    }
    if o.target_level.is_none() {
        missing.push("target_level".to_owned());
    }
    missing
}

/// Sets the coding-accuracy KPI objective, or with `None` takes it away.
/// An empty percentage takes the trust's DSPT threshold.
pub(crate) fn set_kpi_objective(
    conn: &mut Connection,
    appraisal_id: i64,
    input: Option<&KpiInput>,
    now: NaiveDateTime,
) -> Result<Option<KpiObjective>> {
    in_tx(conn, |tx| set_kpi_objective_in(tx, appraisal_id, input, now))
}

pub(super) fn set_kpi_objective_in(
    tx: &Connection,
    appraisal_id: i64,
    input: Option<&KpiInput>,
    now: NaiveDateTime,
) -> Result<Option<KpiObjective>> {
    let settings = super::settings(tx)?;
    let h = editable(tx, appraisal_id, now)?;
    let Some(input) = input else {
        db::delete_kpi(tx, appraisal_id)?;
        return Ok(None);
    };
    let mut errors = Vec::new();
    let mut percent = |field: &str, label: &str, text: &str, default: u32| -> f64 {
        let t = text.trim();
        if t.is_empty() {
            return f64::from(default);
        }
        match t.trim_end_matches('%').trim().parse::<f64>() {
            Ok(v) if v.is_finite() && (0.0..=100.0).contains(&v) => v,
            _ => {
                errors.push(FieldError {
                    field: field.to_owned(),
                    message: format!("{label}: {t} is not a percentage from 0 to 100."),
                });
                0.0
            }
        }
    };
    let kpi_primary = percent(
        "primary_diagnosis",
        "Primary diagnosis accuracy",
        &input.primary_diagnosis,
        settings.audit_met.primary_diagnosis,
    );
    let kpi_secondary = percent(
        "secondary_diagnosis",
        "Secondary diagnosis accuracy",
        &input.secondary_diagnosis,
        settings.audit_met.secondary_diagnosis,
    );
    let kpi_procedure = percent(
        "procedure",
        "Procedure accuracy",
        &input.procedure,
        settings.audit_met.primary_procedure,
    );
    let cycle = h.cycle();
    let due = if input.due.trim().is_empty() {
        None
    } else {
        match parse_date(&input.due) {
            Ok(d) if cycle.contains(d) => Some(d),
            Ok(_) => {
                errors.push(FieldError {
                    field: "due".into(),
                    message: format!(
                        "The due date must be inside the {} cycle, {} to {}.",
                        cycle.label,
                        display(cycle.start),
                        display(cycle.end)
                    ),
                });
                None
            }
            Err(m) => {
                errors.push(FieldError {
                    field: "due".into(),
                    message: format!("Due date: {m}"),
                });
                None
            }
        }
    };
    let notes = input.notes.trim();
    if notes.chars().count() > MAX_NOTES {
        errors.push(FieldError {
            field: "notes".into(),
            message: format!("Notes must be {MAX_NOTES} characters or fewer."),
        });
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let kpi = KpiObjective {
        primary_diagnosis: kpi_primary,
        secondary_diagnosis: kpi_secondary,
        procedure: kpi_procedure,
        due,
        notes: notes.to_owned(),
    };
    db::upsert_kpi(tx, appraisal_id, &kpi)?;
    Ok(Some(kpi))
}
