//! The personal development plan: agreed in the meeting (learning needs,
//! activities, target dates, support) and signed with it, then kept up to
//! date by the appraisee until the next appraisal (progress, evidence,
//! reflection, completion).
//!
//! The plan is part of the signed record and is locked with it; the
//! progress is not, and lives beside it (`pdp_progress`), so the coder can
//! record what they did without touching what was agreed.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::door::{change, editable, header, seen, Target};
use super::{checked_text, in_tx, optional_date, ActivityType, PdpItem, PdpProgress, PdpStatus, MAX_LINE, MAX_NOTES};
use crate::access::{self, AppraisalPart};
use crate::accounts::Actor;
use crate::dates::display;
use crate::store::appraisal as db;
use crate::store::staff as staff_db;
use crate::{audit, nccq, Error, FieldError, Result};

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

/// What the appraisee typed about their progress on an item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PdpProgressInput {
    /// `not_started`, `in_progress` or `completed`.
    pub status: String,
    pub progress: String,
    pub evidence: String,
    pub reflection: String,
    /// Giving a date marks the item completed; completing it without one
    /// means today.
    pub completed_on: String,
}

/// A learning need Appraise suggests: from a gap between the level agreed
/// (or self-assessed) and the level the role expects, or from the NCCQ
/// pathway. Shaped like [`PdpItemInput`], so it can be added as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LearningNeed {
    pub learning_need: String,
    pub activity: ActivityType,
    pub description: String,
    #[ts(type = "string | null")]
    pub target_date: Option<NaiveDate>,
    pub skill_code: Option<String>,
    pub competency: Option<String>,
    pub current_level: Option<u8>,
    pub expected_level: Option<u8>,
}

impl LearningNeed {
    /// The input that adds this suggestion to the plan.
    pub fn to_input(&self) -> PdpItemInput {
        PdpItemInput {
            learning_need: self.learning_need.clone(),
            activity: self.activity.code().to_owned(),
            description: self.description.clone(),
            target_date: self.target_date.map(|d| d.to_string()).unwrap_or_default(),
            support: String::new(),
            skill_code: self.skill_code.clone().unwrap_or_default(),
            competency: self.competency.clone().unwrap_or_default(),
        }
    }
}

/// A person's current plan, for their PDP page between appraisals: the one
/// in their latest signed appraisal that has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PdpPlan {
    pub staff_number: String,
    pub name: String,
    /// The signed appraisal the plan was agreed in; `None` before any.
    pub appraisal_id: Option<i64>,
    pub cycle: Option<String>,
    #[ts(type = "string | null")]
    pub agreed_on: Option<NaiveDate>,
    pub items: Vec<PdpItem>,
    pub completed: u32,
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

/// Saves an item of the plan being agreed, as typed.
pub fn update_pdp_item_as(
    conn: &mut Connection,
    actor: &Actor,
    item_id: i64,
    input: &PdpItemInput,
    now: NaiveDateTime,
) -> Result<PdpItem> {
    let target = Target::PdpItem(item_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Meeting,
        now,
        "appraisal.pdp_update",
        |tx, _| {
            let before = item(tx, item_id)?;
            let after = update_pdp_item_in(tx, item_id, input, now)?;
            let detail = serde_json::json!({ "pdp_item": item_id, "changes": audit::changes(&before, &after) });
            Ok((after, Some(detail)))
        },
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

/// Learning needs for the plan (see [`suggest_learning_needs`]).
pub fn suggest_learning_needs_as(conn: &Connection, actor: &Actor, appraisal_id: i64) -> Result<Vec<LearningNeed>> {
    seen(conn, actor, Target::Appraisal(appraisal_id))?;
    suggest_learning_needs(conn, appraisal_id)
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
    let target = Target::PdpItem(item_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::PdpProgress,
        now,
        "pdp.progress",
        |tx, h| {
            let before = item(tx, item_id)?.progress;
            let after = set_pdp_progress_in(tx, item_id, input, now)?;
            let detail = serde_json::json!({ "appraisal": h.id, "changes": audit::changes(&before, &after) });
            Ok((after, Some(detail)))
        },
    )
}

/// A person's current plan with its progress, for anyone who may see their
/// appraisals.
pub fn current_pdp_as(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<PdpPlan> {
    access::can_view_appraisal(conn, actor, staff_number)?;
    current_pdp(conn, staff_number)
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
        plans.push(current_pdp(conn, &number)?);
    }
    plans.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(plans)
}

pub(super) fn items(conn: &Connection, appraisal_id: i64) -> Result<Vec<PdpItem>> {
    db::pdp_items(conn, appraisal_id)
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

pub(super) fn add_pdp_item_in(
    tx: &Connection,
    appraisal_id: i64,
    input: &PdpItemInput,
    now: NaiveDateTime,
) -> Result<PdpItem> {
    let h = editable(tx, appraisal_id, now)?;
    let row = check_item(tx, &h, input)?;
    let id = db::insert_pdp_item(tx, appraisal_id, &row)?;
    item(tx, id)
}

pub(super) fn update_pdp_item_in(
    tx: &Connection,
    item_id: i64,
    input: &PdpItemInput,
    now: NaiveDateTime,
) -> Result<PdpItem> {
    let (appraisal_id, _) = db::pdp_item_appraisal(tx, item_id)?.ok_or_else(|| item_not_found(item_id))?;
    let h = editable(tx, appraisal_id, now)?;
    let row = check_item(tx, &h, input)?;
    db::update_pdp_item(tx, item_id, &row)?;
    item(tx, item_id)
}

pub(super) fn remove_pdp_item_in(tx: &Connection, item_id: i64, now: NaiveDateTime) -> Result<()> {
    let (appraisal_id, _) = db::pdp_item_appraisal(tx, item_id)?.ok_or_else(|| item_not_found(item_id))?;
    editable(tx, appraisal_id, now)?;
    db::delete_pdp_item(tx, item_id)
}

pub(super) fn item(conn: &Connection, item_id: i64) -> Result<PdpItem> {
    db::pdp_item(conn, item_id)?.ok_or_else(|| item_not_found(item_id))
}

fn item_not_found(item_id: i64) -> Error {
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
    let name = super::tidy(&input.competency);
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

/// Learning needs for the plan: one for each competency where the level
/// agreed (or, until one is agreed, self-assessed) is below the role's
/// expected level, then the NCCQ pathway's: the Standards course for a
/// trainee who has not started it, NCCQ revision for a trainee not yet
/// accredited, and a refresher course falling due in the cycle. Needs the
/// plan already has an item for (same competency, or same activity for the
/// NCCQ ones) are left out.
pub(crate) fn suggest_learning_needs(conn: &Connection, appraisal_id: i64) -> Result<Vec<LearningNeed>> {
    let h = header(conn, appraisal_id)?;
    let record = super::view::get(conn, appraisal_id)?;
    let cycle = h.cycle();
    let planned = |code: &str, competency: &str| {
        record
            .pdp
            .iter()
            .any(|i| i.skill_code.as_deref() == Some(code) && i.competency.as_deref() == Some(competency))
    };
    let planned_activity = |a: ActivityType| record.pdp.iter().any(|i| i.activity == a);
    let mut needs = Vec::new();
    for s in record.skills.iter().filter(|s| s.gap > 0) {
        if planned(&s.skill_code, &s.competency) {
            continue;
        }
        let current = s.agreed_level.or(s.self_level);
        // Work towards the next level the competency has, up to the expected.
        let next = s
            .levels
            .iter()
            .map(|l| l.level)
            .filter(|&l| current.is_none_or(|c| l > c) && l <= s.expected_level)
            .min()
            .unwrap_or(s.expected_level);
        let statement = s
            .levels
            .iter()
            .find(|l| l.level == next)
            .map(|l| l.statements.join(" "))
            .unwrap_or_default();
        let activity = match (s.skill_code.as_str(), s.gap) {
            (_, g) if g >= 2 => ActivityType::Course,
            ("ANCC", _) => ActivityType::Mentoring,
            ("ASMG", _) => ActivityType::Workshop,
            _ => ActivityType::ELearning,
        };
        needs.push(LearningNeed {
            learning_need: format!(
                "{}: from level {} to level {}, the level the role expects.",
                s.competency,
                current.map(|c| c.to_string()).unwrap_or_else(|| "—".to_owned()),
                s.expected_level
            ),
            activity,
            description: if statement.is_empty() {
                String::new()
            } else {
                format!("Work towards level {next}: {statement}")
            },
            target_date: Some(cycle.end),
            skill_code: Some(s.skill_code.clone()),
            competency: Some(s.competency.clone()),
            current_level: current,
            expected_level: Some(s.expected_level),
        });
    }

    let member = crate::staff::get(conn, &h.appraisee.staff_number)?;
    let status = nccq::status(conn, &member.staff_number, h.meeting_date)?;
    let trainee = member.acc_date.is_none() && ["2", "3", "4"].contains(&member.band.as_str());
    let mut nccq_need = |activity: ActivityType, need: String, description: String, by: Option<NaiveDate>| {
        if !planned_activity(activity) {
            needs.push(LearningNeed {
                learning_need: need,
                activity,
                description,
                target_date: by,
                skill_code: None,
                competency: None,
                current_level: None,
                expected_level: None,
            });
        }
    };
    if trainee && status.standards_course_start.is_none() {
        nccq_need(
            ActivityType::StandardsCourse,
            "Attend the Clinical Coding Standards course.".to_owned(),
            format!(
                "The course must start by {}, 6 months after appointment.",
                display(status.standards_course_start_by)
            ),
            Some(status.standards_course_start_by),
        );
    }
    if trainee && status.acc_date.is_none() {
        let sittings: Vec<String> = status.sittings_left.iter().map(|d| display(*d)).collect();
        nccq_need(
            ActivityType::NccqRevision,
            "Prepare for the NCCQ and become an Accredited Clinical Coder.".to_owned(),
            format!(
                "Both papers to be passed by {}. Sittings left: {}.",
                display(status.nccq_by),
                if sittings.is_empty() {
                    "none".to_owned()
                } else {
                    sittings.join(", ")
                }
            ),
            status.sittings_left.first().copied().or(Some(status.nccq_by)),
        );
    }
    if let Some(due) = status.next_refresher_due.filter(|d| *d <= cycle.end) {
        nccq_need(
            ActivityType::RefresherCourse,
            "Attend the Clinical Coding Standards refresher course.".to_owned(),
            format!("A refresher is due by {}, 3 years after the last course.", display(due)),
            Some(due),
        );
    }
    Ok(needs)
}

/// Records the appraisee's progress on an item of a signed plan. The plan
/// itself stays as signed; progress can be saved again and again.
pub(crate) fn set_pdp_progress(
    conn: &mut Connection,
    item_id: i64,
    input: &PdpProgressInput,
    now: NaiveDateTime,
) -> Result<PdpProgress> {
    in_tx(conn, |tx| set_pdp_progress_in(tx, item_id, input, now))
}

pub(super) fn set_pdp_progress_in(
    tx: &Connection,
    item_id: i64,
    input: &PdpProgressInput,
    now: NaiveDateTime,
) -> Result<PdpProgress> {
    let today = now.date();
    let mut status = PdpStatus::parse(&input.status).ok_or_else(|| {
        Error::invalid(
            "status",
            format!(
                "Status {} is not known. Use not_started, in_progress or completed.",
                input.status.trim()
            ),
        )
    })?;
    let progress = checked_text("progress", "Progress notes", &input.progress, MAX_NOTES)?;
    let evidence = checked_text("evidence", "Evidence", &input.evidence, MAX_NOTES)?;
    let reflection = checked_text("reflection", "Reflection", &input.reflection, MAX_NOTES)?;
    let mut completed_on = optional_date("completed_on", "Completion date", &input.completed_on)?;
    if completed_on.is_some() {
        status = PdpStatus::Completed;
    }
    match status {
        PdpStatus::Completed => {
            let date = completed_on.unwrap_or(today);
            if date > today {
                return Err(Error::invalid(
                    "completed_on",
                    "The completion date cannot be in the future.",
                ));
            }
            completed_on = Some(date);
        }
        _ => completed_on = None,
    }
    let (appraisal_id, key) = db::pdp_item_appraisal(tx, item_id)?.ok_or_else(|| item_not_found(item_id))?;
    let h = header(tx, appraisal_id)?;
    if !h.signed {
        return Err(Error::Conflict(
            "Progress is recorded once the plan is signed; until then, change the plan itself.".to_owned(),
        ));
    }
    let p = PdpProgress {
        status,
        progress,
        evidence,
        reflection,
        completed_on,
        updated_at: Some(now),
    };
    db::upsert_pdp_progress(tx, key, &p, now)?;
    Ok(item(tx, item_id)?.progress)
}

/// A person's current plan with its progress (see [`PdpPlan`]).
pub(crate) fn current_pdp(conn: &Connection, staff_number: &str) -> Result<PdpPlan> {
    let member = crate::staff::get(conn, staff_number)?;
    let staff_id = staff_db::id_of(conn, staff_number)?.expect("read above");
    let Some(appraisal_id) = db::latest_signed_with_pdp(conn, staff_id)? else {
        return Ok(PdpPlan {
            staff_number: member.staff_number.clone(),
            name: member.full_name(),
            appraisal_id: None,
            cycle: None,
            agreed_on: None,
            items: Vec::new(),
            completed: 0,
        });
    };
    let h = header(conn, appraisal_id)?;
    let items = items(conn, appraisal_id)?;
    Ok(PdpPlan {
        staff_number: member.staff_number.clone(),
        name: member.full_name(),
        appraisal_id: Some(appraisal_id),
        cycle: Some(h.cycle().label),
        agreed_on: h.signed_on(),
        completed: items
            .iter()
            .filter(|i| i.progress.status == PdpStatus::Completed)
            .count() as u32,
        items,
    })
}
