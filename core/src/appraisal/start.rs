//! Starting an appraisal: the cycle it belongs to, who appraises whom, and
//! what it copies in as it is now (last year's objectives for review, the
//! role's competencies with their expected levels).

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::view::get;
use super::{in_tx, AppraisalKind, AppraisalRecord};
use crate::accounts::{Actor, Role};
use crate::cycle::{cycle_for, Cycle};
use crate::dates::display;
use crate::store::appraisal as db;
use crate::store::staff as staff_db;
use crate::{access, audit, Error, Result};

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
    // There is no appraisal yet to go through the door with: the same
    // sequence, asked of the appraisee.
    let tx = crate::store::write(conn)?;
    access::can_start_appraisal(&tx, actor, appraisee, now.date())?;
    let appraiser = match actor.role {
        Role::Administrator => crate::staff::get(&tx, appraisee)?
            .manager
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| actor.staff_number.clone()),
        _ => actor.staff_number.clone(),
    };
    let record = start_in(&tx, appraisee, &appraiser, kind, None, now)?;
    audit::record_by(
        &tx,
        actor,
        "appraisal.start",
        "appraisal",
        &record.id.to_string(),
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
    tx.commit()?;
    Ok(record)
}

/// Starts an appraisal of `kind` for `appraisee` with `appraiser`, in the
/// cycle starting in `cycle_start_year` (the cycle of `now` when `None`).
/// The meeting date is `now`'s date, and the meeting opens at its first
/// step.
///
/// Copies in, as they are now:
/// - for an annual appraisal, the objectives of the appraisee's signed
///   appraisals in the latest earlier cycle that has any, for review; for a
///   mid-year review, those of this cycle's signed appraisals;
/// - one skill row per competency the appraisee's role profile expects
///   (the role for their band and job title, or the first for their band),
///   from the newest framework version, with the expected level.
pub(crate) fn start(
    conn: &mut Connection,
    appraisee: &str,
    appraiser: &str,
    kind: AppraisalKind,
    cycle_start_year: Option<i32>,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    in_tx(conn, |tx| {
        start_in(tx, appraisee, appraiser, kind, cycle_start_year, now)
    })
}

/// [`start`] inside the caller's transaction.
pub(super) fn start_in(
    tx: &Connection,
    appraisee: &str,
    appraiser: &str,
    kind: AppraisalKind,
    cycle_start_year: Option<i32>,
    now: NaiveDateTime,
) -> Result<AppraisalRecord> {
    let settings = super::settings(tx)?;
    let today = now.date();
    let cycle = match cycle_start_year {
        Some(year) => Cycle::new(year, settings.cycle_start_month),
        None => cycle_for(today, settings.cycle_start_month),
    };
    if today < cycle.start {
        return Err(Error::invalid(
            "cycle",
            format!(
                "The {} cycle has not started yet: its meetings are held from {}.",
                cycle.label,
                display(cycle.start)
            ),
        ));
    }
    let appraisee_member = crate::staff::get(tx, appraisee)?;
    let appraiser_member = crate::staff::get(tx, appraiser).map_err(|_| {
        Error::invalid(
            "appraiser",
            format!("There is no staff member with staff number {appraiser} to be the appraiser."),
        )
    })?;
    if appraisee_member.staff_number == appraiser_member.staff_number {
        return Err(Error::invalid(
            "appraiser",
            "Nobody can appraise themselves: choose another appraiser.",
        ));
    }
    if appraisee_member.leaver_date.is_some_and(|d| d < today) {
        return Err(Error::invalid(
            "appraisee",
            format!(
                "{} left on {}: there is no appraisal to hold.",
                appraisee_member.full_name(),
                display(appraisee_member.leaver_date.expect("checked"))
            ),
        ));
    }
    let appraisee_id = staff_db::id_of(tx, appraisee)?.expect("read above");
    let appraiser_id = staff_db::id_of(tx, appraiser)?.expect("read above");
    if let Some((existing, status)) = db::existing(tx, appraisee_id, cycle.start_year, kind)? {
        return Err(Error::Conflict(format!(
            "{} already has {} {} for {} (number {existing}, {}).",
            appraisee_member.full_name(),
            article(kind),
            kind.label(),
            cycle.label,
            status.label()
        )));
    }

    let framework_id = db::newest_framework(tx)?;
    let role = db::role_for(tx, &appraisee_member.band, &appraisee_member.job_title)?;
    let id = db::insert_appraisal(
        tx,
        &db::NewAppraisal {
            appraisee_id,
            appraiser_id,
            cycle: &cycle,
            kind,
            meeting_date: today,
            framework_id,
            role_band: role.as_ref().map(|r| r.band.as_str()),
            role_title: role.as_ref().map(|r| r.title.as_str()),
            now,
        },
    )?;
    if let (Some(framework_id), Some(role)) = (framework_id, &role) {
        for (position, c) in db::expected_competencies(tx, framework_id, role.id)?.iter().enumerate() {
            db::insert_skill(tx, id, position, c)?;
        }
    }
    let review_cycle = match kind {
        AppraisalKind::Annual => db::latest_signed_cycle_before(tx, appraisee_id, cycle.start_year)?,
        AppraisalKind::MidYear => Some(cycle.start_year),
        AppraisalKind::ObjectiveSetting => None,
    };
    if let Some(review_cycle) = review_cycle {
        let kinds: &[AppraisalKind] = match kind {
            AppraisalKind::MidYear => &[AppraisalKind::Annual, AppraisalKind::ObjectiveSetting],
            _ => &AppraisalKind::ALL,
        };
        for (position, o) in db::signed_objectives(tx, appraisee_id, review_cycle, kinds)?
            .iter()
            .enumerate()
        {
            db::insert_previous(tx, id, position, o)?;
        }
    }
    get(tx, id)
}

fn article(kind: AppraisalKind) -> &'static str {
    match kind {
        AppraisalKind::Annual => "an",
        _ => "a",
    }
}
