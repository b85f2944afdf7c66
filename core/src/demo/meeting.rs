//! Holding one demonstration meeting through every step, as the window
//! would: outcomes, skills, objectives, the KPI objective, the PDP,
//! wellbeing, pay progression, comments and both signatures; re-opening one
//! and signing it again; and the progress recorded on the plan since.

use crate::store::db::Connection;
use chrono::NaiveDate;

use super::clock::{at, days, Clock};
use super::people::{Person, Post};
use super::phrases::{
    objective_text, outcome_index, APPRAISEE_COMMENTS, APPRAISER_COMMENTS, EVIDENCE, EXTRA_PDP, FLEXIBLE, MEASURES,
    OUTCOME_COMMENTS, PROGRESS, REFLECTION, SUPPORT, WELLBEING, WELLBEING_SUPPORT,
};
use super::plan::Meeting;
use super::rng::Rng;
use crate::accounts::{Actor, Role};
use crate::appraisal::{
    self, sign_unchecked, AppraisalKind, AppraisalRecord, KpiInput, ObjectiveInput, Outcome, Party, PayCriterionKind,
    PdpItemInput, PdpProgressInput, Step, Wellbeing,
};
use crate::Result;

/// Holds meeting `m`: every step in order, a minute a save, signed unless
/// it is the one left open.
pub(super) fn hold(
    conn: &mut Connection,
    rng: &mut Rng,
    today: NaiveDate,
    people: &[Person],
    m: &Meeting,
) -> Result<()> {
    let p = &people[m.person];
    let (number, post, manager) = (p.number.clone(), p.post, p.manager.clone().expect("not the manager"));
    let reopen_it = p.reopened && m.kind == AppraisalKind::Annual && !reopened_already(conn, &number)?;
    let mut clock = Clock::new(m.date);
    let a = appraisal::start(conn, &number, &manager, m.kind, Some(m.cycle_start_year), clock.tick())?;
    let cycle = a.cycle.clone();

    // Last year's objectives.
    for prev in &a.previous_objectives {
        let roll = rng.range(0, 99);
        let outcome = match (m.kind, roll) {
            (_, 0..=54) => Outcome::Met,
            (_, 55..=74) => Outcome::PartlyMet,
            (AppraisalKind::Annual, 75..=89) => Outcome::CarriedForward,
            _ => Outcome::NotMet,
        };
        let comment = rng.pick(OUTCOME_COMMENTS[outcome_index(outcome)]);
        appraisal::set_previous_outcome(conn, prev.id, Some(outcome), comment, clock.tick())?;
    }
    appraisal::set_step(conn, a.id, Step::Skills, clock.tick())?;

    // Skills: the appraisee's own view first, then the agreed level.
    let behind = match post {
        Post::Trainee => 1,
        _ => 0,
    };
    for s in &a.skills {
        let levels: Vec<u8> = s.levels.iter().map(|l| l.level).collect();
        let target = s.expected_level.saturating_sub(behind);
        let wobble = rng.range(0, 9);
        let self_level = nearest(
            &levels,
            match wobble {
                0..=1 => target.saturating_sub(1),
                2..=8 => target,
                _ => target + 1,
            },
        );
        appraisal::set_self_level(conn, s.id, self_level, clock.tick())?;
        let agreed = if rng.chance(20) {
            nearest(&levels, self_level.unwrap_or(target).saturating_sub(1))
        } else {
            self_level
        };
        if !m.open || rng.chance(50) {
            appraisal::set_agreed_level(conn, s.id, agreed, clock.tick())?;
        }
    }
    appraisal::set_step(conn, a.id, Step::Objectives, clock.tick())?;

    // New objectives, each at a level its competency has.
    let wanted = match m.kind {
        AppraisalKind::MidYear => rng.range(0, 1) as usize,
        AppraisalKind::ObjectiveSetting => 2,
        AppraisalKind::Annual => rng.range(2, 3) as usize,
    };
    let record = appraisal::get(conn, a.id)?;
    let mut chosen: Vec<i64> = Vec::new();
    // A competency already worked on this year (reviewed or carried
    // forward) is not given a second objective.
    let taken: Vec<i64> = record
        .previous_objectives
        .iter()
        .filter_map(|p| p.competency.as_ref())
        .chain(record.objectives.iter().filter_map(|o| o.competency.as_ref()))
        .map(|c| c.competency_id)
        .collect();
    let candidates: Vec<_> = record
        .skills
        .iter()
        .filter(|s| s.levels.len() > 1 && !taken.contains(&s.competency_id))
        .collect();
    while chosen.len() < wanted.min(candidates.len()) {
        let s = *rng.pick(&candidates);
        if chosen.contains(&s.id) {
            continue;
        }
        chosen.push(s.id);
        let levels: Vec<u8> = s.levels.iter().map(|l| l.level).collect();
        let now_at = s.agreed_level.or(s.self_level).unwrap_or(levels[0]);
        let target = levels.iter().copied().find(|&l| l > now_at).unwrap_or(now_at);
        let earliest = days(m.date, 60).min(cycle.end);
        let span = (cycle.end - earliest).num_days().max(0) as u64;
        let due = days(earliest, rng.range(span / 2, span));
        let mut input = ObjectiveInput {
            text: objective_text(&s.competency, target),
            measure: rng.pick(MEASURES).to_string(),
            due: due.to_string(),
            framework_id: Some(s.framework_id),
            skill_code: s.skill_code.clone(),
            competency: s.competency.clone(),
            target_level: Some(target),
        };
        if m.open && chosen.len() == 2 {
            // Still being written when the meeting paused.
            input.measure.clear();
            input.due.clear();
            input.target_level = None;
        }
        appraisal::add_objective(conn, a.id, &input, clock.tick())?;
    }
    if m.open {
        // The meeting is paused here, at the objectives step.
        return Ok(());
    }
    if m.kind == AppraisalKind::Annual && post != Post::Trainee {
        let kpi = KpiInput {
            primary_diagnosis: rng.range(90, 95).to_string(),
            secondary_diagnosis: rng.range(80, 88).to_string(),
            procedure: rng.range(90, 95).to_string(),
            due: cycle.end.to_string(),
            notes: "Measured by the annual DSPT clinical coding audit of 200 episodes.".into(),
        };
        appraisal::set_kpi_objective(conn, a.id, Some(&kpi), clock.tick())?;
    }

    // The plan: what the skills and the NCCQ pathway suggest, and a little
    // more.
    appraisal::set_step(conn, a.id, Step::Pdp, clock.tick())?;
    if m.kind != AppraisalKind::MidYear {
        let needs = appraisal::suggest_learning_needs(conn, a.id)?;
        for need in needs.iter().take(2) {
            let mut input = need.to_input();
            input.support = rng.pick(SUPPORT).to_string();
            if input.target_date.is_empty() || input.target_date.as_str() < cycle.start.to_string().as_str() {
                input.target_date = cycle.end.to_string();
            }
            appraisal::add_pdp_item(conn, a.id, &input, clock.tick())?;
        }
        if needs.len() < 2 || rng.chance(50) {
            let (need, activity, description) = *rng.pick(EXTRA_PDP);
            appraisal::add_pdp_item(
                conn,
                a.id,
                &PdpItemInput {
                    learning_need: need.into(),
                    activity: activity.into(),
                    description: description.into(),
                    target_date: days(m.date, 120).min(cycle.end).max(m.date).to_string(),
                    support: rng.pick(SUPPORT).to_string(),
                    ..Default::default()
                },
                clock.tick(),
            )?;
        }
    }

    appraisal::set_step(conn, a.id, Step::Wellbeing, clock.tick())?;
    let wellbeing = Wellbeing {
        notes: rng.pick(WELLBEING).to_string(),
        flexible_working: rng.pick(FLEXIBLE).to_string(),
        support_agreed: rng.pick(WELLBEING_SUPPORT).to_string(),
        include_in_print: rng.chance(40),
    };
    appraisal::set_wellbeing(conn, a.id, &wellbeing, clock.tick())?;

    appraisal::set_step(conn, a.id, Step::PayProgression, clock.tick())?;
    if m.kind == AppraisalKind::Annual {
        for criterion in [
            PayCriterionKind::MandatoryTraining,
            PayCriterionKind::NoCapabilityProcess,
            PayCriterionKind::NoDisciplinarySanction,
        ] {
            let (met, note) = if criterion == PayCriterionKind::MandatoryTraining && rng.chance(8) {
                (
                    false,
                    "Information governance refresher overdue; booked for next month.",
                )
            } else {
                (true, "")
            };
            appraisal::confirm_pay_criterion(conn, a.id, criterion, Some(met), note, &manager, clock.tick())?;
        }
    }

    appraisal::set_step(conn, a.id, Step::Comments, clock.tick())?;
    let appraisee_comment = rng.pick(APPRAISEE_COMMENTS).to_string();
    let appraiser_comment = rng.pick(APPRAISER_COMMENTS).to_string();
    appraisal::set_comments(conn, a.id, Party::Appraisee, &appraisee_comment, clock.tick())?;
    appraisal::set_comments(conn, a.id, Party::Appraiser, &appraiser_comment, clock.tick())?;
    appraisal::set_step(conn, a.id, Step::SignOff, clock.tick())?;
    sign_unchecked(conn, a.id, Party::Appraisee, &number, clock.tick())?;
    let signed = sign_unchecked(conn, a.id, Party::Appraiser, &manager, clock.tick())?;

    let signed = if reopen_it {
        reopen_and_sign_again(conn, &people[0], &signed)?
    } else {
        signed
    };
    record_progress(conn, rng, today, &signed)
}

fn reopened_already(conn: &Connection, number: &str) -> Result<bool> {
    Ok(appraisal::list(conn)?
        .iter()
        .any(|a| a.staff_number == number && a.version > 1))
}

/// A week later the administrator re-opens the appraisal to correct an
/// objective's due date, and both sign again.
fn reopen_and_sign_again(conn: &mut Connection, manager: &Person, signed: &AppraisalRecord) -> Result<AppraisalRecord> {
    let admin = Actor {
        staff_number: manager.number.clone(),
        role: Role::Administrator,
        name: manager.name.clone(),
        must_change_passphrase: false,
    };
    let mut clock = Clock::new(days(signed.meeting_date, 7));
    let v2 = appraisal::reopen_as(
        conn,
        &admin,
        signed.id,
        "The due date of the first objective was entered as the end of the year; it was agreed for the end of January.",
        clock.tick(),
    )?;
    if let Some(o) = v2.objectives.first() {
        let c = o.competency.clone().expect("demo objectives are mapped");
        let january = NaiveDate::from_ymd_opt(v2.cycle.start_year + 1, 1, 31).expect("31 January exists");
        let input = ObjectiveInput {
            text: o.text.clone(),
            measure: o.measure.clone(),
            due: january.min(v2.cycle.end).to_string(),
            framework_id: Some(c.framework_id),
            skill_code: c.skill_code,
            competency: c.competency,
            target_level: o.target_level,
        };
        appraisal::update_objective(conn, o.id, &input, clock.tick())?;
    }
    appraisal::set_step(conn, v2.id, Step::SignOff, clock.tick())?;
    sign_unchecked(conn, v2.id, Party::Appraisee, &v2.appraisee.staff_number, clock.tick())?;
    sign_unchecked(conn, v2.id, Party::Appraiser, &v2.appraiser.staff_number, clock.tick())
}

/// Progress the appraisee recorded on the plan since: most of an old plan
/// done, the newest one under way.
fn record_progress(conn: &mut Connection, rng: &mut Rng, today: NaiveDate, signed: &AppraisalRecord) -> Result<()> {
    for item in &signed.pdp {
        let roll = rng.range(0, 99);
        let old = signed.cycle.end < today;
        let status = match (old, roll) {
            (true, 0..=69) | (false, 0..=19) => "completed",
            (true, 70..=89) | (false, 20..=69) => "in_progress",
            _ => continue,
        };
        let when = days(signed.meeting_date, rng.range(30, 300)).min(today);
        let input = PdpProgressInput {
            status: status.into(),
            progress: rng.pick(PROGRESS).to_string(),
            evidence: rng.pick(EVIDENCE).to_string(),
            reflection: if status == "completed" {
                rng.pick(REFLECTION).to_string()
            } else {
                String::new()
            },
            completed_on: if status == "completed" {
                when.to_string()
            } else {
                String::new()
            },
        };
        appraisal::set_pdp_progress(conn, item.id, &input, at(when, 16, 0))?;
    }
    Ok(())
}

/// The level of `levels` nearest `want`, the lower on a tie.
fn nearest(levels: &[u8], want: u8) -> Option<u8> {
    levels.iter().copied().min_by_key(|&l| (l.abs_diff(want), l))
}
