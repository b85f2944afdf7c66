//! Progress on the signed plan: the appraisee keeps it up to date until the
//! next appraisal (progress, evidence, reflection, completion), and anyone
//! who may see their appraisals reads their current plan with it.
//!
//! Progress is not part of the signed record and lives beside it
//! (`pdp_progress`), so the coder can record what they did without touching
//! what was agreed.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::items::{item, item_not_found};
use crate::access::{self, AppraisalPart};
use crate::accounts::Actor;
use crate::appraisal::door::{change, header, Target};
use crate::appraisal::{checked_text, in_tx, optional_date, PdpItem, PdpProgress, PdpStatus, MAX_NOTES};
use crate::staff::StaffMember;
use crate::store::appraisal as db;
use crate::store::staff as staff_db;
use crate::{audit, Error, Result};

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
/// Read in a fixed number of statements whatever the team's size: everyone's
/// current plan, its appraisal and its items each in one read.
pub fn team_pdp_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<PdpPlan>> {
    let visible: std::collections::HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    let members: Vec<StaffMember> = crate::staff::list(conn)?
        .into_iter()
        .filter(|m| m.staff_number != actor.staff_number && visible.contains(&m.staff_number))
        .filter(|m| m.leaver_date.is_none_or(|d| d > today))
        .collect();
    let current = db::latest_signed_with_pdp_all(conn)?;
    let ids: Vec<i64> = members
        .iter()
        .filter_map(|m| current.get(&m.staff_number).copied())
        .collect();
    let mut headers: std::collections::HashMap<i64, db::Header> =
        db::headers_by_ids(conn, &ids)?.into_iter().map(|h| (h.id, h)).collect();
    let mut items = db::pdp_items_of(conn, &ids)?;
    let mut plans: Vec<PdpPlan> = members
        .into_iter()
        .map(|member| {
            let agreed = current.get(&member.staff_number).and_then(|id| {
                let header = headers.remove(id)?;
                Some((header, items.remove(id).unwrap_or_default()))
            });
            plan(member, agreed)
        })
        .collect();
    plans.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(plans)
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

fn set_pdp_progress_in(
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
    let agreed = match db::latest_signed_with_pdp(conn, staff_id)? {
        Some(appraisal_id) => Some((header(conn, appraisal_id)?, db::pdp_items(conn, appraisal_id)?)),
        None => None,
    };
    Ok(plan(member, agreed))
}

/// A person's plan from the appraisal it was agreed in and its items
/// (none before any signed appraisal with a plan).
fn plan(member: StaffMember, agreed: Option<(db::Header, Vec<PdpItem>)>) -> PdpPlan {
    let (appraisal_id, cycle, agreed_on, items) = match agreed {
        Some((h, items)) => (Some(h.id), Some(h.cycle().label), h.signed_on(), items),
        None => (None, None, None, Vec::new()),
    };
    PdpPlan {
        staff_number: member.staff_number.clone(),
        name: member.full_name(),
        appraisal_id,
        cycle,
        agreed_on,
        completed: items
            .iter()
            .filter(|i| i.progress.status == PdpStatus::Completed)
            .count() as u32,
        items,
    }
}
