//! The appraisal as a signed-in person works on it: who may read it, which
//! parts each person writes, and an audit row for every save, written in
//! the same transaction as the save. The window and the CLI go through
//! these; the functions of the parent module without `_as` are for core's
//! own use (demonstration data, tests).
//!
//! Who writes what (reading is `access::can_view_appraisal`; writing needs
//! `access::can_edit_appraisal` as well):
//! - the appraisee gives their own level for each competency (before the
//!   meeting if they like, signed in as themselves), their comments, and
//!   whether the wellbeing conversation is printed; between appraisals only
//!   they record progress on their PDP;
//! - the appraiser's side (the appraiser, the managers above them, the
//!   administrator) writes the rest of the meeting, and at the shared screen
//!   may also type the appraisee's part as they say it: the audit trail
//!   records who typed what, and the appraisee signs what they read;
//! - only the appraiser confirms the pay progression standards;
//! - each party signs with their own passphrase, whoever is signed in;
//! - only the administrator re-opens a signed appraisal.
//!
//! A signed appraisal refuses every save as `locked`, before any question
//! of who writes which part.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::pay::confirm_pay_criterion_in;
use super::pdp::{add_pdp_item_in, remove_pdp_item_in, set_pdp_progress_in, update_pdp_item_in};
use super::{
    add_objective_in, get, in_tx, locked, remove_objective_in, set_comments_in, set_kpi_objective_in, set_level_in,
    set_previous_outcome_in, set_step_in, set_wellbeing_in, start_in, update_objective_in, AppraisalDue, AppraisalKind,
    AppraisalRecord, AppraisalSummary, KpiInput, KpiObjective, LearningNeed, Objective, ObjectiveInput, Outcome, Party,
    PayCriterionKind, PayProgression, PdpItem, PdpItemInput, PdpPlan, PdpProgress, PdpProgressInput, PreviousObjective,
    SkillAssessment, SkillField, Step, Wellbeing,
};
use crate::accounts::{Actor, Role};
use crate::store::appraisal as db;
use crate::{access, audit, Error, Result};

/// What the signed-in person may do with one appraisal, so the window can
/// offer only that. Core checks every save again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct MeetingRights {
    /// The signed-in person is the appraisee.
    pub is_appraisee: bool,
    /// The appraiser's side of the meeting: outcomes, agreed levels,
    /// objectives, the PDP, the wellbeing notes, the appraiser's comments,
    /// and the step the meeting is at.
    pub edit_meeting: bool,
    /// The appraisee's part: self-assessed levels, their comments, and
    /// whether the wellbeing conversation is printed.
    pub edit_appraisee_part: bool,
    /// Confirm the pay progression standards Appraise cannot work out.
    pub confirm_pay: bool,
    /// Each party may sign with their own passphrase.
    pub sign: bool,
    /// Re-open the signed appraisal as a new version.
    pub reopen: bool,
}

/// One appraisal and what the signed-in person may do with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppraisalView {
    pub record: AppraisalRecord,
    pub rights: MeetingRights,
}

/// Which part of the meeting a save writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The appraiser's side.
    Meeting,
    /// The appraisee's own part.
    Appraisee,
}

const APPRAISER_WRITES: &str =
    "Your line manager records this part of your appraisal. You give your own level for each \
     competency, your comments, and whether the wellbeing conversation is printed.";

/// The appraisal's header, once `actor` may see it: an appraisal that does
/// not exist is `forbidden` to anyone who could not see every appraisal.
fn visible(conn: &Connection, actor: &Actor, appraisal_id: i64) -> Result<db::Header> {
    match db::header(conn, appraisal_id)? {
        Some(h) => {
            access::can_view_appraisal(conn, actor, &h.appraisee.staff_number)?;
            Ok(h)
        }
        None => {
            // Refused unless the actor may see everyone; then it is missing.
            access::can_view_appraisal(conn, actor, "")?;
            Err(Error::NotFound(format!(
                "There is no appraisal with number {appraisal_id}."
            )))
        }
    }
}

/// May `actor` write `part` of this appraisal now: seen, not signed, the
/// appraisee not a leaver, and the part theirs to write.
fn writable(conn: &Connection, actor: &Actor, appraisal_id: i64, part: Part, today: NaiveDate) -> Result<db::Header> {
    let h = visible(conn, actor, appraisal_id)?;
    if h.signed {
        return Err(locked(&h));
    }
    access::can_edit_appraisal(conn, actor, &h.appraisee.staff_number, today)?;
    if part == Part::Meeting && actor.staff_number == h.appraisee.staff_number {
        return Err(Error::Forbidden(APPRAISER_WRITES.to_owned()));
    }
    Ok(h)
}

fn rights(conn: &Connection, actor: &Actor, h: &db::Header, today: NaiveDate) -> Result<MeetingRights> {
    let is_appraisee = actor.staff_number == h.appraisee.staff_number;
    let may_edit = !h.signed && access::can_edit_appraisal(conn, actor, &h.appraisee.staff_number, today).is_ok();
    Ok(MeetingRights {
        is_appraisee,
        edit_meeting: may_edit && !is_appraisee,
        edit_appraisee_part: may_edit,
        confirm_pay: may_edit && !is_appraisee && actor.staff_number == h.appraiser.staff_number,
        sign: may_edit,
        reopen: h.signed && h.superseded_by.is_none() && actor.is_administrator(),
    })
}

/// The refusal for a record that does not exist: `forbidden`, as for one
/// that exists, to anyone who may not see every appraisal.
fn missing(conn: &Connection, actor: &Actor, what: String) -> Error {
    match access::can_view_appraisal(conn, actor, "") {
        Err(e) => e,
        Ok(()) => Error::NotFound(what),
    }
}

fn record(
    tx: &Connection,
    actor: &Actor,
    action: &str,
    appraisal_id: i64,
    detail: serde_json::Value,
    now: NaiveDateTime,
) -> Result<()> {
    audit::record_by(tx, actor, action, "appraisal", &appraisal_id.to_string(), detail, now).map(drop)
}

// ----------------------------------------------------------------- read --

/// The appraisals `actor` may see (see [`super::list`] for the order).
pub fn list_as(conn: &Connection, actor: &Actor) -> Result<Vec<AppraisalSummary>> {
    let visible: HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    Ok(super::list(conn)?
        .into_iter()
        .filter(|a| visible.contains(&a.staff_number))
        .collect())
}

/// Who is due which meeting, among the people `actor` may see.
pub fn schedule_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<AppraisalDue>> {
    let visible: HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    Ok(super::schedule(conn, today)?
        .into_iter()
        .filter(|d| visible.contains(&d.staff_number))
        .collect())
}

/// One appraisal, with what `actor` may do with it.
pub fn get_as(conn: &Connection, actor: &Actor, appraisal_id: i64, today: NaiveDate) -> Result<AppraisalView> {
    let h = visible(conn, actor, appraisal_id)?;
    let rights = rights(conn, actor, &h, today)?;
    Ok(AppraisalView {
        record: get(conn, appraisal_id)?,
        rights,
    })
}

/// The pay progression outcome (see [`super::pay_progression`]).
pub fn pay_progression_as(conn: &Connection, actor: &Actor, appraisal_id: i64) -> Result<PayProgression> {
    let h = visible(conn, actor, appraisal_id)?;
    super::pay_progression(conn, appraisal_id, h.meeting_date)
}

/// Learning needs for the plan (see [`super::suggest_learning_needs`]).
pub fn suggest_learning_needs_as(conn: &Connection, actor: &Actor, appraisal_id: i64) -> Result<Vec<LearningNeed>> {
    visible(conn, actor, appraisal_id)?;
    super::suggest_learning_needs(conn, appraisal_id)
}

// ------------------------------------------------------------- settings --

/// The trust's appraisal settings, for the administrator's form, and saving
/// them (administrator only, audited): see `crate::settings::appraisal`.
pub use crate::settings::appraisal::{load_as as settings_as, save as save_settings_as};

// ---------------------------------------------------------------- start --

/// Starts `kind` for `appraisee` in the cycle of `now`: a line manager for
/// someone who reports to them, with themselves as the appraiser; the
/// administrator for anyone, with the appraisee's line manager as the
/// appraiser (themselves when there is none).
pub fn start_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisee: &str,
    kind: AppraisalKind,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    let appraisee = appraisee.trim();
    access::can_edit_appraisal(conn, actor, appraisee, now.date())?;
    if actor.staff_number == appraisee {
        return Err(Error::Forbidden(
            "Your line manager starts your appraisal; you cannot start your own.".to_owned(),
        ));
    }
    let appraiser = match actor.role {
        Role::Coder => {
            return Err(Error::Forbidden(
                "Only a line manager or the administrator starts an appraisal.".to_owned(),
            ))
        }
        Role::Manager => actor.staff_number.clone(),
        Role::Administrator => crate::staff::get(conn, appraisee)?
            .manager
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| actor.staff_number.clone()),
    };
    in_tx(conn, |tx| {
        let record = start_in(tx, appraisee, &appraiser, kind, None, now)?;
        self::record(
            tx,
            actor,
            "appraisal.start",
            record.id,
            serde_json::json!({
                "appraisee": record.appraisee.staff_number,
                "appraiser": record.appraiser.staff_number,
                "kind": record.kind.code(),
                "cycle": record.cycle.label,
                "role": record.role,
                "framework_id": record.framework_id,
            }),
            now,
        )?;
        Ok(record)
    })
}

// ---------------------------------------------------------------- saves --

/// Records the step the meeting is at (the appraiser's side).
pub fn set_step_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    step: Step,
    now: NaiveDateTime,
) -> Result<()> {
    in_tx(conn, |tx| {
        let h = writable(tx, actor, appraisal_id, Part::Meeting, now.date())?;
        if h.step == step {
            return Ok(());
        }
        set_step_in(tx, appraisal_id, step, now)?;
        record(
            tx,
            actor,
            "appraisal.step",
            appraisal_id,
            serde_json::json!({ "step": { "from": h.step.code(), "to": step.code() } }),
            now,
        )
    })
}

/// The outcome of one of last year's objectives, with comments.
pub fn set_previous_outcome_as(
    conn: &mut Connection,
    actor: &Actor,
    previous_id: i64,
    outcome: Option<Outcome>,
    comments: &str,
    now: NaiveDateTime,
) -> Result<PreviousObjective> {
    in_tx(conn, |tx| {
        let (appraisal_id, before) = match db::previous_appraisal(tx, previous_id)? {
            Some(id) => (id, db::previous_objective(tx, previous_id)?.expect("found above")),
            None => {
                return Err(missing(
                    tx,
                    actor,
                    format!("There is no reviewed objective with number {previous_id}."),
                ))
            }
        };
        writable(tx, actor, appraisal_id, Part::Meeting, now.date())?;
        let after = set_previous_outcome_in(tx, previous_id, outcome, comments, now)?;
        record(
            tx,
            actor,
            "appraisal.previous_outcome",
            appraisal_id,
            serde_json::json!({ "previous_objective": previous_id, "changes": audit::changes(&before, &after) }),
            now,
        )?;
        Ok(after)
    })
}

fn skill_appraisal(tx: &Connection, actor: &Actor, skill_id: i64) -> Result<(i64, SkillAssessment)> {
    let Some((id, _, _)) = db::skill_appraisal(tx, skill_id)? else {
        return Err(missing(
            tx,
            actor,
            format!("There is no skill assessment with number {skill_id}."),
        ));
    };
    let skill = super::skills(tx, id)?
        .into_iter()
        .find(|s| s.id == skill_id)
        .expect("found above");
    Ok((id, skill))
}

/// The appraisee's own level for a competency; `None` clears it.
pub fn set_self_level_as(
    conn: &mut Connection,
    actor: &Actor,
    skill_id: i64,
    level: Option<u8>,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    set_level_as(conn, actor, skill_id, level, SkillField::SelfLevel, now)
}

/// The level agreed in the meeting; `None` clears it.
pub fn set_agreed_level_as(
    conn: &mut Connection,
    actor: &Actor,
    skill_id: i64,
    level: Option<u8>,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    set_level_as(conn, actor, skill_id, level, SkillField::AgreedLevel, now)
}

fn set_level_as(
    conn: &mut Connection,
    actor: &Actor,
    skill_id: i64,
    level: Option<u8>,
    field: SkillField,
    now: NaiveDateTime,
) -> Result<SkillAssessment> {
    let (part, action, name) = match field {
        SkillField::SelfLevel => (Part::Appraisee, "appraisal.self_level", "self_level"),
        SkillField::AgreedLevel => (Part::Meeting, "appraisal.agreed_level", "agreed_level"),
    };
    in_tx(conn, |tx| {
        let (appraisal_id, before) = skill_appraisal(tx, actor, skill_id)?;
        writable(tx, actor, appraisal_id, part, now.date())?;
        let after = set_level_in(tx, skill_id, level, field, now)?;
        let from = match field {
            SkillField::SelfLevel => before.self_level,
            SkillField::AgreedLevel => before.agreed_level,
        };
        let mut detail = serde_json::Map::new();
        detail.insert("skill".into(), skill_id.into());
        detail.insert(
            "competency".into(),
            format!("{} {}", after.skill_code, after.competency).into(),
        );
        detail.insert(name.into(), serde_json::json!({ "from": from, "to": level }));
        record(tx, actor, action, appraisal_id, detail.into(), now)?;
        Ok(after)
    })
}

/// Adds one of this year's objectives.
pub fn add_objective_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    in_tx(conn, |tx| {
        writable(tx, actor, appraisal_id, Part::Meeting, now.date())?;
        let after = add_objective_in(tx, appraisal_id, input, now)?;
        record(
            tx,
            actor,
            "appraisal.objective_add",
            appraisal_id,
            serde_json::json!({ "objective": after.id, "added": audit::snapshot(&after) }),
            now,
        )?;
        Ok(after)
    })
}

fn objective_appraisal(tx: &Connection, actor: &Actor, objective_id: i64) -> Result<(i64, Objective)> {
    match db::objective_appraisal(tx, objective_id)? {
        Some((id, _)) => Ok((id, db::objective(tx, objective_id)?.expect("found above"))),
        None => Err(missing(
            tx,
            actor,
            format!("There is no objective with number {objective_id}."),
        )),
    }
}

/// Saves an objective as typed.
pub fn update_objective_as(
    conn: &mut Connection,
    actor: &Actor,
    objective_id: i64,
    input: &ObjectiveInput,
    now: NaiveDateTime,
) -> Result<Objective> {
    in_tx(conn, |tx| {
        let (appraisal_id, mut before) = objective_appraisal(tx, actor, objective_id)?;
        writable(tx, actor, appraisal_id, Part::Meeting, now.date())?;
        let after = update_objective_in(tx, objective_id, input, now)?;
        before.missing = after.missing.clone();
        record(
            tx,
            actor,
            "appraisal.objective_update",
            appraisal_id,
            serde_json::json!({ "objective": objective_id, "changes": audit::changes(&before, &after) }),
            now,
        )?;
        Ok(after)
    })
}

/// Takes an objective out.
pub fn remove_objective_as(conn: &mut Connection, actor: &Actor, objective_id: i64, now: NaiveDateTime) -> Result<()> {
    in_tx(conn, |tx| {
        let (appraisal_id, before) = objective_appraisal(tx, actor, objective_id)?;
        writable(tx, actor, appraisal_id, Part::Meeting, now.date())?;
        remove_objective_in(tx, objective_id, now)?;
        record(
            tx,
            actor,
            "appraisal.objective_remove",
            appraisal_id,
            serde_json::json!({ "objective": objective_id, "removed": audit::snapshot(&before) }),
            now,
        )
    })
}

/// Sets the coding-accuracy KPI objective, or with `None` takes it away.
pub fn set_kpi_objective_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    input: Option<&KpiInput>,
    now: NaiveDateTime,
) -> Result<Option<KpiObjective>> {
    in_tx(conn, |tx| {
        writable(tx, actor, appraisal_id, Part::Meeting, now.date())?;
        let before = db::kpi(tx, appraisal_id)?;
        let after = set_kpi_objective_in(tx, appraisal_id, input, now)?;
        record(
            tx,
            actor,
            "appraisal.kpi",
            appraisal_id,
            serde_json::json!({ "from": before, "to": after }),
            now,
        )?;
        Ok(after)
    })
}

/// Adds an item to the plan being agreed.
pub fn add_pdp_item_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    input: &PdpItemInput,
    now: NaiveDateTime,
) -> Result<PdpItem> {
    in_tx(conn, |tx| {
        writable(tx, actor, appraisal_id, Part::Meeting, now.date())?;
        let after = add_pdp_item_in(tx, appraisal_id, input, now)?;
        record(
            tx,
            actor,
            "appraisal.pdp_add",
            appraisal_id,
            serde_json::json!({ "pdp_item": after.id, "added": audit::snapshot(&after) }),
            now,
        )?;
        Ok(after)
    })
}

fn pdp_item_appraisal(tx: &Connection, actor: &Actor, item_id: i64) -> Result<(i64, PdpItem)> {
    match db::pdp_item_appraisal(tx, item_id)? {
        Some((id, _)) => Ok((id, db::pdp_item(tx, item_id)?.expect("found above"))),
        None => Err(missing(
            tx,
            actor,
            format!("There is no PDP item with number {item_id}."),
        )),
    }
}

/// Saves an item of the plan being agreed, as typed.
pub fn update_pdp_item_as(
    conn: &mut Connection,
    actor: &Actor,
    item_id: i64,
    input: &PdpItemInput,
    now: NaiveDateTime,
) -> Result<PdpItem> {
    in_tx(conn, |tx| {
        let (appraisal_id, before) = pdp_item_appraisal(tx, actor, item_id)?;
        writable(tx, actor, appraisal_id, Part::Meeting, now.date())?;
        let after = update_pdp_item_in(tx, item_id, input, now)?;
        record(
            tx,
            actor,
            "appraisal.pdp_update",
            appraisal_id,
            serde_json::json!({ "pdp_item": item_id, "changes": audit::changes(&before, &after) }),
            now,
        )?;
        Ok(after)
    })
}

/// Takes an item out of the plan being agreed.
pub fn remove_pdp_item_as(conn: &mut Connection, actor: &Actor, item_id: i64, now: NaiveDateTime) -> Result<()> {
    in_tx(conn, |tx| {
        let (appraisal_id, before) = pdp_item_appraisal(tx, actor, item_id)?;
        writable(tx, actor, appraisal_id, Part::Meeting, now.date())?;
        remove_pdp_item_in(tx, item_id, now)?;
        record(
            tx,
            actor,
            "appraisal.pdp_remove",
            appraisal_id,
            serde_json::json!({ "pdp_item": item_id, "removed": audit::snapshot(&before) }),
            now,
        )
    })
}

/// Saves the wellbeing conversation. The appraisee may change only whether
/// it is printed. The audit row names the fields that changed, not what
/// was said: the conversation is personal.
pub fn set_wellbeing_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    wellbeing: &Wellbeing,
    now: NaiveDateTime,
) -> Result<Wellbeing> {
    in_tx(conn, |tx| {
        let h = writable(tx, actor, appraisal_id, Part::Appraisee, now.date())?;
        let before = db::wellbeing(tx, appraisal_id)?.unwrap_or_default();
        let texts = |w: &Wellbeing| {
            [
                ("notes", w.notes.trim().to_owned()),
                ("flexible_working", w.flexible_working.trim().to_owned()),
                ("support_agreed", w.support_agreed.trim().to_owned()),
            ]
        };
        let changed: Vec<&str> = texts(&before)
            .into_iter()
            .zip(texts(wellbeing))
            .filter(|(a, b)| a.1 != b.1)
            .map(|(a, _)| a.0)
            .collect();
        if !changed.is_empty() && actor.staff_number == h.appraisee.staff_number {
            return Err(Error::Forbidden(
                "Your line manager records the wellbeing conversation; you choose whether it is printed.".to_owned(),
            ));
        }
        let after = set_wellbeing_in(tx, appraisal_id, wellbeing, now)?;
        record(
            tx,
            actor,
            "appraisal.wellbeing",
            appraisal_id,
            serde_json::json!({
                "changed": changed,
                "include_in_print": { "from": before.include_in_print, "to": after.include_in_print },
            }),
            now,
        )?;
        Ok(after)
    })
}

/// The appraiser confirms (or, with `None`, un-confirms) a pay progression
/// standard Appraise cannot work out.
pub fn confirm_pay_criterion_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    criterion: PayCriterionKind,
    met: Option<bool>,
    note: &str,
    now: NaiveDateTime,
) -> Result<PayProgression> {
    in_tx(conn, |tx| {
        writable(tx, actor, appraisal_id, Part::Meeting, now.date())?;
        let outcome = confirm_pay_criterion_in(tx, appraisal_id, criterion, met, note, &actor.staff_number, now)?;
        record(
            tx,
            actor,
            "appraisal.pay_confirm",
            appraisal_id,
            serde_json::json!({
                "criterion": criterion.code(),
                "met": met,
                "note": note.trim(),
                "meets_standard": outcome.meets_standard,
            }),
            now,
        )?;
        Ok(outcome)
    })
}

/// The appraisee's comments (their part) or the appraiser's.
pub fn set_comments_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    party: Party,
    comments: &str,
    now: NaiveDateTime,
) -> Result<String> {
    let part = match party {
        Party::Appraisee => Part::Appraisee,
        Party::Appraiser => Part::Meeting,
    };
    in_tx(conn, |tx| {
        let h = writable(tx, actor, appraisal_id, part, now.date())?;
        let before = match party {
            Party::Appraisee => h.appraisee_comments,
            Party::Appraiser => h.appraiser_comments,
        };
        let after = set_comments_in(tx, appraisal_id, party, comments, now)?;
        record(
            tx,
            actor,
            "appraisal.comments",
            appraisal_id,
            serde_json::json!({ "party": party.code(), "from": before, "to": after }),
            now,
        )?;
        Ok(after)
    })
}

// ------------------------------------------------------ signing, reopening --

/// One party signs with their own passphrase, typed at whoever's screen:
/// `signer_staff_number` is the person signing, not necessarily the one
/// signed in. The signed-in person must be able to change the appraisal.
/// A wrong passphrase is a message for the passphrase field (its waits
/// apply as at sign-in); the signed-in session is not affected.
pub fn sign_off_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    party: Party,
    signer_staff_number: &str,
    passphrase: &str,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    writable(conn, actor, appraisal_id, Part::Appraisee, now.date())?;
    super::sign_off(conn, appraisal_id, party, signer_staff_number, passphrase, now).map_err(|e| match e {
        Error::Unauthenticated(message) => Error::invalid("passphrase", message),
        other => other,
    })
}

/// Re-opens a signed appraisal as a new version (administrator only; see
/// [`super::reopen`]).
pub fn reopen_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    visible(conn, actor, appraisal_id)?;
    super::reopen(conn, appraisal_id, reason, actor, now)
}

// ------------------------------------------------------------------ PDP --

/// A person's current plan with its progress, for anyone who may see their
/// appraisals.
pub fn current_pdp_as(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<PdpPlan> {
    access::can_view_appraisal(conn, actor, staff_number)?;
    super::current_pdp(conn, staff_number)
}

/// The current plans of everyone else `actor` may see who has not left:
/// a line manager's reports, everyone for the administrator.
pub fn team_pdp_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<PdpPlan>> {
    let mut plans = Vec::new();
    for number in access::visible_staff(conn, actor)? {
        if number == actor.staff_number {
            continue;
        }
        let member = crate::staff::get(conn, &number)?;
        if member.leaver_date.is_some_and(|d| d <= today) {
            continue;
        }
        plans.push(super::current_pdp(conn, &number)?);
    }
    plans.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(plans)
}

/// The appraisee records progress on an item of their signed plan; only
/// they may (their managers see it).
pub fn set_pdp_progress_as(
    conn: &mut Connection,
    actor: &Actor,
    item_id: i64,
    input: &PdpProgressInput,
    now: NaiveDateTime,
) -> Result<PdpProgress> {
    in_tx(conn, |tx| {
        let (appraisal_id, before) = pdp_item_appraisal(tx, actor, item_id)?;
        let h = visible(tx, actor, appraisal_id)?;
        if actor.staff_number != h.appraisee.staff_number {
            return Err(Error::Forbidden(format!(
                "Only {} records progress on their own plan; you can see it.",
                h.appraisee.name
            )));
        }
        access::not_read_only(tx, &h.appraisee.staff_number, now.date())?;
        let after = set_pdp_progress_in(tx, item_id, input, now)?;
        let before = before.progress;
        audit::record_by(
            tx,
            actor,
            "pdp.progress",
            "pdp_item",
            &item_id.to_string(),
            serde_json::json!({ "appraisal": appraisal_id, "changes": audit::changes(&before, &after) }),
            now,
        )?;
        Ok(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::tests::{actor, department, today};
    use crate::accounts::{self, Role};
    use crate::appraisal::{ActivityType, PdpStatus};
    use crate::audit::AuditFilter;
    use crate::Store;

    // The department of `access::tests`: 10 (manager A) manages 11 (a
    // coder) and 12, who manages 121; 20 (manager B) manages 21.
    const PASSPHRASES: [(&str, Role, &str); 3] = [
        ("1", Role::Administrator, "the administrator's own words"),
        ("10", Role::Manager, "manager a passphrase"),
        ("11", Role::Coder, "the coder's passphrase"),
    ];

    fn now() -> NaiveDateTime {
        today().and_hms_opt(10, 0, 0).unwrap()
    }

    fn admin() -> Actor {
        actor("1", Role::Administrator)
    }
    fn manager() -> Actor {
        actor("10", Role::Manager)
    }
    fn coder() -> Actor {
        actor("11", Role::Coder)
    }
    fn other_manager() -> Actor {
        actor("20", Role::Manager)
    }

    fn setup() -> Store {
        let mut store = department();
        crate::framework::ensure_builtin(store.conn_mut(), now()).unwrap();
        for (number, role, passphrase) in PASSPHRASES {
            accounts::create_account(store.conn_mut(), &Actor::system(), number, role, passphrase, now()).unwrap();
        }
        store
    }

    fn actions(store: &Store) -> Vec<String> {
        let filter = AuditFilter {
            table: Some("appraisal".into()),
            ..Default::default()
        };
        let mut rows = audit::list(store.conn(), &Actor::system(), &filter).unwrap();
        rows.reverse();
        rows.into_iter().map(|r| r.action).collect()
    }

    fn objective(level: Option<u8>) -> ObjectiveInput {
        ObjectiveInput {
            text: "Code 95% of day-case episodes within five working days of discharge.".into(),
            measure: "Monthly audit of 20 episodes.".into(),
            due: "2027-03-31".into(),
            framework_id: None,
            skill_code: "ANCC".into(),
            competency: "Coding accuracy".into(),
            target_level: level,
        }
    }

    fn code(r: Result<impl std::fmt::Debug>) -> String {
        r.expect_err("refused").code().to_owned()
    }

    #[test]
    fn a_manager_starts_their_reports_appraisal_and_everyone_else_sees_only_what_they_may() {
        let mut store = setup();
        let c = store.conn_mut();
        assert_eq!(
            code(start_as(c, &coder(), "11", AppraisalKind::Annual, now())),
            "forbidden"
        );
        assert_eq!(
            code(start_as(c, &other_manager(), "11", AppraisalKind::Annual, now())),
            "forbidden"
        );
        assert_eq!(
            code(start_as(c, &manager(), "10", AppraisalKind::Annual, now())),
            "forbidden"
        );
        let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
        assert_eq!(a.appraiser.staff_number, "10", "the manager who starts it appraises");
        let b = start_as(c, &admin(), "121", AppraisalKind::Annual, now()).unwrap();
        assert_eq!(
            b.appraiser.staff_number, "12",
            "the administrator starts it with the line manager"
        );

        let c = store.conn();
        let ids = |who: &Actor| list_as(c, who).unwrap().into_iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(ids(&coder()), [a.id]);
        assert_eq!(ids(&other_manager()), Vec::<i64>::new());
        assert_eq!(ids(&manager()).len(), 2, "their report and their report's report");
        assert_eq!(code(get_as(c, &other_manager(), a.id, today())), "forbidden");
        assert_eq!(code(get_as(c, &coder(), b.id, today())), "forbidden");
        assert_eq!(
            code(get_as(c, &coder(), 9999, today())),
            "forbidden",
            "no hint that it is missing"
        );
        assert_eq!(code(get_as(c, &admin(), 9999, today())), "not_found");
        let due: Vec<String> = schedule_as(c, &coder(), today())
            .unwrap()
            .into_iter()
            .map(|d| d.staff_number)
            .collect();
        assert_eq!(due, ["11"]);

        let mine = get_as(c, &coder(), a.id, today()).unwrap().rights;
        assert!(mine.is_appraisee && mine.edit_appraisee_part && !mine.edit_meeting && !mine.confirm_pay);
        let theirs = get_as(c, &manager(), a.id, today()).unwrap().rights;
        assert!(theirs.edit_meeting && theirs.confirm_pay && !theirs.reopen);
        assert_eq!(actions(&store), ["appraisal.start", "appraisal.start"]);
    }

    #[test]
    fn the_appraisee_writes_only_their_own_part_and_every_save_is_audited() {
        let mut store = setup();
        let c = store.conn_mut();
        let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
        let skill = a.skills.first().expect("the role expects competencies").clone();
        let level = skill.levels[0].level;

        set_self_level_as(c, &coder(), skill.id, Some(level), now()).expect("their own assessment");
        set_comments_as(c, &coder(), a.id, Party::Appraisee, "A good year.", now()).unwrap();
        let w = Wellbeing {
            include_in_print: true,
            ..Default::default()
        };
        set_wellbeing_as(c, &coder(), a.id, &w, now()).expect("they choose whether it is printed");
        let said = Wellbeing {
            notes: "Feeling stretched in winter.".into(),
            ..w.clone()
        };
        assert_eq!(code(set_wellbeing_as(c, &coder(), a.id, &said, now())), "forbidden");
        assert_eq!(
            code(set_agreed_level_as(c, &coder(), skill.id, Some(level), now())),
            "forbidden"
        );
        assert_eq!(
            code(add_objective_as(c, &coder(), a.id, &objective(Some(3)), now())),
            "forbidden"
        );
        assert_eq!(
            code(set_comments_as(c, &coder(), a.id, Party::Appraiser, "Mine", now())),
            "forbidden"
        );
        assert_eq!(code(set_step_as(c, &coder(), a.id, Step::Skills, now())), "forbidden");
        assert_eq!(
            code(set_agreed_level_as(c, &other_manager(), skill.id, Some(level), now())),
            "forbidden"
        );
        assert_eq!(
            code(set_agreed_level_as(c, &coder(), 9999, Some(1), now())),
            "forbidden"
        );

        set_step_as(c, &manager(), a.id, Step::Skills, now()).unwrap();
        set_step_as(c, &manager(), a.id, Step::Skills, now()).expect("staying put is no change");
        set_agreed_level_as(c, &manager(), skill.id, Some(level), now()).unwrap();
        set_wellbeing_as(c, &manager(), a.id, &said, now()).unwrap();
        let o = add_objective_as(c, &manager(), a.id, &objective(None), now()).unwrap();
        let mut typed = objective(Some(3));
        typed.measure = "Monthly audit of 30 episodes.".into();
        update_objective_as(c, &manager(), o.id, &typed, now()).unwrap();

        let log = actions(&store);
        assert_eq!(
            log,
            [
                "appraisal.start",
                "appraisal.self_level",
                "appraisal.comments",
                "appraisal.wellbeing",
                "appraisal.step",
                "appraisal.agreed_level",
                "appraisal.wellbeing",
                "appraisal.objective_add",
                "appraisal.objective_update",
            ],
            "refusals leave no row; each save leaves one"
        );
        let filter = AuditFilter {
            table: Some("appraisal".into()),
            ..Default::default()
        };
        let rows = audit::list(store.conn(), &Actor::system(), &filter).unwrap();
        let update = &rows[0];
        assert_eq!(update.actor, "10");
        assert_eq!(
            update.detail["changes"]["measure"]["to"],
            "Monthly audit of 30 episodes."
        );
        assert_eq!(update.detail["changes"]["target_level"]["to"], 3);
        let wellbeing = &rows[2];
        assert_eq!(wellbeing.detail["changed"], serde_json::json!(["notes"]));
        assert!(
            !wellbeing.detail.to_string().contains("stretched"),
            "what was said stays out of the trail"
        );
    }

    #[test]
    fn an_objective_at_a_level_its_competency_lacks_is_refused_naming_the_levels_it_has() {
        let mut store = setup();
        let c = store.conn_mut();
        let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
        let err = add_objective_as(c, &manager(), a.id, &objective(Some(7)), now()).unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!("invalid expected")
        };
        assert_eq!(fields[0].field, "target_level");
        assert!(
            fields[0]
                .message
                .starts_with("Coding accuracy has no level 7 statement; choose "),
            "{}",
            fields[0].message
        );
    }

    fn ready(store: &mut Store) -> AppraisalRecord {
        let c = store.conn_mut();
        let a = start_as(c, &manager(), "11", AppraisalKind::Annual, now()).unwrap();
        add_objective_as(c, &manager(), a.id, &objective(Some(3)), now()).unwrap();
        let need = PdpItemInput {
            learning_need: "OPCS-4 chapter X".into(),
            activity: ActivityType::ELearning.code().into(),
            ..Default::default()
        };
        add_pdp_item_as(c, &manager(), a.id, &need, now()).unwrap();
        for kind in [
            PayCriterionKind::MandatoryTraining,
            PayCriterionKind::NoCapabilityProcess,
            PayCriterionKind::NoDisciplinarySanction,
        ] {
            assert_eq!(
                code(confirm_pay_criterion_as(c, &admin(), a.id, kind, Some(true), "", now())),
                "forbidden",
                "only the appraiser confirms"
            );
            confirm_pay_criterion_as(c, &manager(), a.id, kind, Some(true), "", now()).unwrap();
        }
        get(c, a.id).unwrap()
    }

    #[test]
    fn both_sign_with_their_own_passphrases_then_nothing_changes_it_until_the_administrator_reopens_it() {
        let mut store = setup();
        let a = ready(&mut store);
        let c = store.conn_mut();
        let wrong = sign_off_as(c, &manager(), a.id, Party::Appraisee, "11", "not the one", now()).unwrap_err();
        assert_eq!(wrong.code(), "invalid", "a field message, not a sign-out");
        assert!(
            matches!(&wrong, Error::Invalid(f) if f[0].field == "passphrase"),
            "{wrong:?}"
        );
        assert_eq!(
            code(sign_off_as(
                c,
                &other_manager(),
                a.id,
                Party::Appraisee,
                "11",
                "the coder's passphrase",
                now()
            )),
            "forbidden"
        );
        // The coder types theirs at the manager's screen.
        sign_off_as(
            c,
            &manager(),
            a.id,
            Party::Appraisee,
            "11",
            "the coder's passphrase",
            now(),
        )
        .unwrap();
        set_step_as(c, &manager(), a.id, Step::Comments, now()).unwrap();
        assert!(
            get(c, a.id).unwrap().appraisee_signature.is_some(),
            "moving between steps changes nothing signed"
        );
        let signed = sign_off_as(
            c,
            &manager(),
            a.id,
            Party::Appraiser,
            "10",
            "manager a passphrase",
            now(),
        )
        .unwrap();
        assert!(signed.is_locked());

        let skill = signed.skills[0].id;
        let objective_id = signed.objectives[0].id;
        let item = signed.pdp[0].id;
        let refusals: Vec<(&str, Result<()>)> = vec![
            ("step", set_step_as(c, &manager(), a.id, Step::Skills, now())),
            (
                "agreed",
                set_agreed_level_as(c, &manager(), skill, None, now()).map(drop),
            ),
            ("self", set_self_level_as(c, &coder(), skill, None, now()).map(drop)),
            (
                "objective",
                update_objective_as(c, &manager(), objective_id, &objective(Some(3)), now()).map(drop),
            ),
            ("remove", remove_objective_as(c, &admin(), objective_id, now())),
            ("kpi", set_kpi_objective_as(c, &manager(), a.id, None, now()).map(drop)),
            ("pdp", remove_pdp_item_as(c, &manager(), item, now())),
            (
                "wellbeing",
                set_wellbeing_as(c, &manager(), a.id, &Wellbeing::default(), now()).map(drop),
            ),
            (
                "comments",
                set_comments_as(c, &coder(), a.id, Party::Appraisee, "later", now()).map(drop),
            ),
            (
                "pay",
                confirm_pay_criterion_as(
                    c,
                    &manager(),
                    a.id,
                    PayCriterionKind::MandatoryTraining,
                    None,
                    "",
                    now(),
                )
                .map(drop),
            ),
            (
                "sign",
                sign_off_as(
                    c,
                    &manager(),
                    a.id,
                    Party::Appraiser,
                    "10",
                    "manager a passphrase",
                    now(),
                )
                .map(drop),
            ),
        ];
        for (what, result) in refusals {
            assert_eq!(code(result), "locked", "{what}");
        }
        let rights = get_as(c, &manager(), a.id, today()).unwrap().rights;
        assert!(!rights.edit_meeting && !rights.edit_appraisee_part && !rights.sign && !rights.reopen);
        assert!(get_as(c, &admin(), a.id, today()).unwrap().rights.reopen);

        assert_eq!(
            code(reopen_as(c, &manager(), a.id, "Typo in objective 1", now())),
            "forbidden"
        );
        assert_eq!(code(reopen_as(c, &admin(), a.id, "  ", now())), "invalid");
        let v2 = reopen_as(c, &admin(), a.id, "Typo in objective 1", now()).unwrap();
        assert_eq!(v2.version, 2);
        assert_eq!(get(c, a.id).unwrap().status, super::super::AppraisalStatus::Reopened);
        assert!(get_as(c, &manager(), v2.id, today()).unwrap().rights.edit_meeting);
    }

    #[test]
    fn only_the_appraisee_records_progress_on_their_plan_and_their_manager_sees_it() {
        let mut store = setup();
        let a = ready(&mut store);
        let c = store.conn_mut();
        sign_off_as(
            c,
            &manager(),
            a.id,
            Party::Appraisee,
            "11",
            "the coder's passphrase",
            now(),
        )
        .unwrap();
        sign_off_as(
            c,
            &manager(),
            a.id,
            Party::Appraiser,
            "10",
            "manager a passphrase",
            now(),
        )
        .unwrap();
        let item = current_pdp_as(c, &coder(), "11").unwrap().items[0].id;
        let done = PdpProgressInput {
            status: "completed".into(),
            evidence: "Certificate".into(),
            completed_on: "2026-11-20".into(),
            ..Default::default()
        };
        assert_eq!(
            code(set_pdp_progress_as(c, &manager(), item, &done, now())),
            "forbidden"
        );
        assert_eq!(
            code(set_pdp_progress_as(c, &other_manager(), item, &done, now())),
            "forbidden"
        );
        let p = set_pdp_progress_as(c, &coder(), item, &done, now()).unwrap();
        assert_eq!(p.status, PdpStatus::Completed);
        let team = team_pdp_as(c, &manager(), today()).unwrap();
        let siân = team.iter().find(|p| p.staff_number == "11").expect("a report");
        assert_eq!(siân.completed, 1);
        assert!(team.iter().all(|p| p.staff_number != "10"), "not their own");
        assert_eq!(code(current_pdp_as(c, &other_manager(), "11")), "forbidden");
        let rows = audit::list(
            store.conn(),
            &Actor::system(),
            &AuditFilter {
                table: Some("pdp_item".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].detail["changes"]["status"]["to"], "completed");
    }
}
