//! A large demonstration department (more staff than the guided one holds:
//! hundreds or thousands, to try Appraise at a trust's size): a head of
//! coding, coding managers, team leaders, specialists, coders and trainees,
//! with an annual appraisal in most cycles (some missed, so some are
//! overdue), mid-year reviews, objective-setting for new starters, skills
//! and PDPs, Standards courses and training records.
//!
//! Written in bulk, in one transaction, with the same seeded generator and
//! phrases as the guided department; every date is counted from `today`,
//! so the same options give the same database. The meetings are written
//! signed as they were agreed rather than held step by step, and the audit
//! trail records the whole department as one change.

use chrono::{Days, NaiveDate};

use super::clock::{at, days, days_back};
use super::people::{FORENAMES, SURNAMES};
use super::phrases::EXTRA_PDP;
use super::rng::Rng;
use super::DemoReport;
use crate::accounts::Actor;
use crate::cycle::{cycle_for, Cycle};
use crate::store::db::Connection;
use crate::store::demo_bulk::{self as db, AppraisalRow, StaffRow};
use crate::{audit, framework, Result};

/// People per team leader, and team leaders per coding manager.
const TEAM: usize = 12;
const TEAMS_PER_MANAGER: usize = 8;
/// In a hundred: a missed annual appraisal, a leaver, a mid-year review
/// held.
const MISSED: u64 = 7;
const LEFT: u64 = 3;
const MID_YEAR: u64 = 70;
/// Skills assessed per annual appraisal.
const SKILLS: usize = 4;
const TRAINING: &[(&str, u64)] = &[("Fire Safety", 2), ("Information Governance and Data Security", 1)];

struct Made {
    id: i64,
    number: String,
    appointed: NaiveDate,
    leaver: Option<NaiveDate>,
    manager: Option<usize>,
    trainee: bool,
}

fn post(i: usize, total: usize) -> (&'static str, &'static str) {
    let leaders = total.div_ceil(TEAM);
    let managers = leaders.div_ceil(TEAMS_PER_MANAGER);
    if i == 0 {
        ("8a", "Head of clinical coding")
    } else if i <= managers {
        ("7", "Clinical coding manager")
    } else if i <= managers + leaders {
        ("6", "Clinical coding team leader")
    } else {
        match i % 7 {
            0 => ("5", "Clinical Coding Specialist"),
            1 | 2 => ("3", "Trainee clinical coder"),
            _ => ("4", "Clinical coder"),
        }
    }
}

fn manager_of(i: usize, total: usize) -> Option<usize> {
    let leaders = total.div_ceil(TEAM);
    let managers = leaders.div_ceil(TEAMS_PER_MANAGER);
    if i == 0 {
        None
    } else if i <= managers {
        Some(0)
    } else if i <= managers + leaders {
        Some(1 + (i - managers - 1) % managers)
    } else {
        Some(managers + 1 + (i - managers - leaders - 1) % leaders)
    }
}

/// Writes `staff` people and `years` cycles of history before the current
/// one into an empty database.
pub(super) fn generate(
    conn: &mut Connection,
    seed: u64,
    staff: u32,
    years: u32,
    today: NaiveDate,
) -> Result<DemoReport> {
    let mut rng = Rng::new(seed);
    let month = crate::appraisal::settings(conn)?.cycle_start_month;
    let current = cycle_for(today, month);
    let first = Cycle::new(current.start_year - years as i32, month);
    let framework_id = framework::ensure_builtin(conn, at(first.start - Days::new(30), 9, 0))?.framework_id;
    let tx = crate::store::write(conn)?;
    let competencies = db::competencies(&tx, framework_id, 40)?;
    let total = staff as usize;
    let mut people: Vec<Made> = Vec::with_capacity(total);
    for i in 0..total {
        let (band, title) = post(i, total);
        let trainee = band == "3";
        let appointed = if trainee {
            days_back(today, rng.range(20, 800))
        } else {
            days_back(first.start, rng.range(0, 365 * 6))
        };
        let number = format!("{}", 100_001 + i);
        let manager = manager_of(i, total);
        let leaver = (i > 0 && rng.chance(LEFT)).then(|| days_back(today, rng.range(1, 700)));
        let leaver = leaver.filter(|l| *l > appointed);
        let row = StaffRow {
            staff_number: &number,
            forename: rng.pick::<&str>(FORENAMES),
            surname: rng.pick::<&str>(SURNAMES),
            band,
            job_title: title,
            appointed,
            manager_id: manager.map(|m| people[m].id),
            acc_date: (!trainee).then(|| days(appointed, 600)).filter(|d| *d <= today),
            leaver_date: leaver,
        };
        let id = db::insert_staff(&tx, &row)?;
        people.push(Made {
            id,
            number,
            appointed,
            leaver,
            manager,
            trainee,
        });
    }

    let (mut appraisals, mut signed) = (0u32, 0u32);
    for p in &people {
        let Some(m) = p.manager.map(|m| &people[m]) else {
            continue;
        };
        let last_day = p.leaver.unwrap_or(today).min(today);
        if p.trainee {
            db::insert_course(&tx, p.id, "standards", days(p.appointed, rng.range(30, 200)).min(today))?;
        } else {
            db::insert_course(&tx, p.id, "refresher", days_back(today, rng.range(30, 365 * 4)))?;
        }
        for (competence, years) in TRAINING {
            let completed = days_back(today, rng.range(10, 365 * (years + 1)));
            db::insert_training(&tx, p.id, competence, completed, days(completed, 365 * years))?;
        }
        for year in first.start_year..=current.start_year {
            let cycle = Cycle::new(year, month);
            let mut meetings = Vec::new();
            if cycle.contains(p.appointed) {
                meetings.push(("objective_setting", days(p.appointed, rng.range(20, 60))));
            } else if p.appointed < cycle.start {
                if !rng.chance(MISSED) {
                    meetings.push(("annual", days(cycle.start, rng.range(8, 150))));
                }
                if rng.chance(MID_YEAR) {
                    meetings.push(("mid_year", days(cycle.start, 183 + rng.range(0, 20))));
                }
            }
            for (kind, date) in meetings.into_iter().filter(|(_, d)| *d <= last_day) {
                let id = db::insert_appraisal(
                    &tx,
                    &AppraisalRow {
                        appraisee_id: p.id,
                        appraiser_id: m.id,
                        cycle_start: cycle_for(date, month).start_year,
                        cycle_start_month: month,
                        kind,
                        meeting_date: date,
                        framework_id,
                        created_at: at(date, 9, 30),
                    },
                )?;
                if kind != "mid_year" {
                    let start = rng.range(0, (competencies.len() - SKILLS) as u64) as usize;
                    for (k, c) in competencies[start..start + SKILLS].iter().enumerate() {
                        let expected = rng.range(2, 4) as u8;
                        let agreed = (expected as i64 + rng.range(0, 2) as i64 - 1).clamp(1, 7) as u8;
                        db::insert_skill(&tx, id, k, framework_id, c, expected, agreed)?;
                    }
                    for k in 0..2 {
                        let item = rng.pick(EXTRA_PDP);
                        let target = days(date, rng.range(90, 300));
                        let done = (target < today && rng.chance(60)).then_some(target);
                        db::insert_pdp_item(&tx, id, k, *item, target, done)?;
                    }
                }
                db::sign(&tx, id, &p.number, &m.number, at(date, 16, 0))?;
                appraisals += 1;
                signed += 1;
            }
        }
    }
    audit::record_by(
        &tx,
        &Actor::system(),
        "demo",
        "staff",
        "",
        serde_json::json!({ "staff": total, "years": years, "appraisals": appraisals, "seed": seed }),
        at(today, 9, 0),
    )?;
    tx.commit()?;
    let head = crate::staff::get(conn, &people[0].number)?;
    Ok(DemoReport {
        staff,
        appraisals,
        signed,
        in_progress: 0,
        reopened: 0,
        first_cycle: first.label,
        current_cycle: current.label,
        manager_staff_number: head.staff_number.clone(),
        manager_name: head.full_name(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_person_but_the_head_reports_to_someone_of_a_higher_post() {
        let total = 500;
        for i in 1..total {
            let m = manager_of(i, total).expect("a manager");
            assert!(m < i, "{i} reports to {m}, made before them");
            assert!(post(m, total).0 > post(i, total).0, "{i}'s manager is in a higher band");
        }
    }
}
