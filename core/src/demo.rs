//! A demonstration department: a coding manager, Clinical Coding
//! Specialists, clinical coders and trainees, with several years of signed
//! appraisals (objectives at levels, PDPs with progress, KPI objectives, a
//! re-opened one), NCCQ courses and exams, and one appraisal in progress.
//!
//! Everything is written through the same core functions the window uses,
//! so the demonstration obeys every rule. It is deterministic: the same
//! seed, size and `today` give the same database, because the only
//! randomness is a small seeded generator of our own (SplitMix64) and every
//! date is counted from `today`. Signatures are recorded without
//! passphrases (the demonstration people have no accounts); the first
//! person to open the database in Appraise makes one of them, such as the
//! manager, the first administrator.
//!
//! A department larger than 60 is written in bulk instead ([`large`]).
//!
//! One file per topic: the [`people`], their [`nccq_records`], the [`plan`]
//! of meetings and holding each [`meeting`], with the [`phrases`] they
//! write, the seeded [`rng`] and the [`clock`].

mod clock;
mod large;
mod meeting;
mod nccq_records;
mod people;
mod phrases;
mod plan;
mod rng;

use crate::store::db::Connection;
use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::appraisal::{self, AppraisalStatus};
use crate::cycle::{cycle_for, Cycle};
use crate::store::appraisal as db;
use crate::{framework, Error, Result};
use clock::at;
use rng::Rng;

pub const DEFAULT_SEED: u64 = 7;
pub const DEFAULT_STAFF: u32 = 12;
pub const DEFAULT_YEARS: u32 = 3;
const MIN_STAFF: u32 = 4;
const MAX_STAFF: u32 = 60;
/// Beyond `MAX_STAFF`, a department is written in bulk ([`large`]).
const MAX_LARGE_STAFF: u32 = 20_000;
const MAX_YEARS: u32 = 10;

/// What to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub seed: u64,
    /// Everyone, the manager included: 4 to 60 held meeting by meeting,
    /// or up to 20,000 written in bulk.
    pub staff: u32,
    /// Whole cycles of history before the current one: 1 to 10.
    pub years: u32,
    pub today: NaiveDate,
}

impl DemoOptions {
    pub fn new(today: NaiveDate) -> DemoOptions {
        DemoOptions {
            seed: DEFAULT_SEED,
            staff: DEFAULT_STAFF,
            years: DEFAULT_YEARS,
            today,
        }
    }
}

/// What was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DemoReport {
    pub staff: u32,
    pub appraisals: u32,
    pub signed: u32,
    pub in_progress: u32,
    pub reopened: u32,
    /// The earliest and the current cycle, as 2022/23.
    pub first_cycle: String,
    pub current_cycle: String,
    /// The manager, who is a natural first administrator.
    pub manager_staff_number: String,
    pub manager_name: String,
}

/// Fills an empty database with the demonstration department. A database
/// that has any staff is refused and left alone, so demonstration records
/// are never mixed with real ones.
pub fn generate(conn: &mut Connection, options: &DemoOptions) -> Result<DemoReport> {
    if !(MIN_STAFF..=MAX_LARGE_STAFF).contains(&options.staff) {
        return Err(Error::invalid(
            "staff",
            format!(
                "The demonstration department needs {MIN_STAFF} to {MAX_LARGE_STAFF} staff: a manager, a specialist, a coder and a trainee at least."
            ),
        ));
    }
    if !(1..=MAX_YEARS).contains(&options.years) {
        return Err(Error::invalid(
            "years",
            format!("Give 1 to {MAX_YEARS} years of appraisal history."),
        ));
    }
    let existing = db::staff_count(conn)?;
    if existing > 0 {
        return Err(Error::Conflict(format!(
            "This database already has {existing} staff member{}: the demonstration department goes only into an empty database, so it is never mixed with real records.",
            if existing == 1 { "" } else { "s" }
        )));
    }
    if options.staff > MAX_STAFF {
        return large::generate(conn, options.seed, options.staff, options.years, options.today);
    }
    let mut rng = Rng::new(options.seed);
    let month = appraisal::settings(conn)?.cycle_start_month;
    let current = cycle_for(options.today, month);
    let first = Cycle::new(current.start_year - options.years as i32, month);
    framework::ensure_builtin(conn, at(first.start - Days::new(30), 9, 0))?;
    let people = people::make_staff(conn, &mut rng, options.today, options.staff, &first)?;
    nccq_records::add(conn, &mut rng, options.today, &people)?;
    let plan = plan::plan(&mut rng, options.today, &people, &first, &current);
    for meeting in &plan {
        meeting::hold(conn, &mut rng, options.today, &people, meeting)?;
    }

    let list = appraisal::list(conn)?;
    let count = |status: AppraisalStatus| list.iter().filter(|a| a.status == status).count() as u32;
    let manager = &people[0];
    Ok(DemoReport {
        staff: people.len() as u32,
        appraisals: list.len() as u32,
        signed: count(AppraisalStatus::Signed),
        in_progress: count(AppraisalStatus::InProgress),
        reopened: count(AppraisalStatus::Reopened),
        first_cycle: first.label,
        current_cycle: current.label,
        manager_staff_number: manager.number.clone(),
        manager_name: manager.name.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appraisal::{AppraisalKind, AppraisalRecord, Step};
    use crate::{staff, Store};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    }

    fn made(seed: u64) -> (Store, DemoReport) {
        let mut store = crate::store::testing::store();
        let options = DemoOptions {
            seed,
            ..DemoOptions::new(today())
        };
        let report = generate(store.conn_mut(), &options).unwrap();
        (store, report)
    }

    #[test]
    fn the_demonstration_department_has_history_and_one_meeting_in_progress() {
        let (store, report) = made(7);
        assert_eq!(report.staff, 12);
        assert_eq!(report.in_progress, 1, "{report:?}");
        assert!(report.signed >= 3, "{report:?}");
        assert_eq!(report.reopened, 1, "one appraisal was re-opened and signed again");
        assert_eq!(report.first_cycle, "2023/24");
        assert_eq!(report.current_cycle, "2026/27");
        let people = staff::list(store.conn()).unwrap();
        let names: Vec<String> = people.iter().map(|p| p.full_name()).collect();
        assert!(names.contains(&"Łukasz Wiśniewski".to_owned()), "{names:?}");
        for forename in ["Zoë", "Siân", "Ciarán"] {
            assert!(people.iter().any(|p| p.forename == forename), "{forename} in {names:?}");
        }
        let bands: Vec<&str> = people.iter().map(|p| p.band.as_str()).collect();
        for band in ["7", "5", "4", "3"] {
            assert!(bands.contains(&band), "a Band {band}: {bands:?}");
        }
    }

    #[test]
    fn the_appraisal_in_progress_is_paused_at_the_objectives_step_with_a_draft() {
        let (store, _) = made(7);
        let list = appraisal::list(store.conn()).unwrap();
        let open = list.iter().find(|a| a.status == AppraisalStatus::InProgress).unwrap();
        assert_eq!(open.step, Step::Objectives);
        assert_eq!(open.name.split(' ').next(), Some("Zoë"));
        let record = appraisal::get(store.conn(), open.id).unwrap();
        assert!(
            record.objectives.iter().any(|o| !o.missing.is_empty()),
            "a draft objective"
        );
        assert!(!record.previous_objectives.is_empty(), "last year's were reviewed");
    }

    #[test]
    fn signed_appraisals_have_objectives_at_levels_pdps_and_kpi_objectives() {
        let (store, _) = made(7);
        let list = appraisal::list(store.conn()).unwrap();
        let annual: Vec<AppraisalRecord> = list
            .iter()
            .filter(|a| a.status == AppraisalStatus::Signed && a.kind == AppraisalKind::Annual)
            .map(|a| appraisal::get(store.conn(), a.id).unwrap())
            .collect();
        assert!(annual.len() >= 10, "{}", annual.len());
        for a in &annual {
            assert!(!a.objectives.is_empty(), "appraisal {} has objectives", a.id);
            assert!(a
                .objectives
                .iter()
                .all(|o| o.missing.is_empty() && o.statement_id.is_some()));
            assert!(!a.pdp.is_empty(), "appraisal {} has a PDP", a.id);
            assert!(a.pay.meets_standard.is_some());
        }
        assert!(annual.iter().any(|a| a.kpi.is_some()));
        assert!(annual
            .iter()
            .any(|a| a.pdp.iter().any(|i| i.progress.completed_on.is_some())));
        assert!(list.iter().any(|a| a.kind == AppraisalKind::ObjectiveSetting));
        assert!(list.iter().any(|a| a.kind == AppraisalKind::MidYear));
    }

    #[test]
    fn the_same_seed_gives_the_same_department_and_another_seed_another() {
        let dump = |store: &Store| {
            let list = appraisal::list(store.conn()).unwrap();
            let records: Vec<String> = list
                .iter()
                .map(|a| appraisal::canonical_json(&appraisal::get(store.conn(), a.id).unwrap()))
                .collect();
            (serde_json::to_string(&list).unwrap(), records)
        };
        let (a, _) = made(7);
        let (b, _) = made(7);
        assert_eq!(dump(&a), dump(&b));
        let (c, _) = made(8);
        assert_ne!(dump(&a), dump(&c));
    }

    #[test]
    fn a_database_with_staff_is_refused_and_left_alone() {
        let (mut store, _) = made(7);
        let before = appraisal::list(store.conn()).unwrap();
        let err = generate(store.conn_mut(), &DemoOptions::new(today())).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert!(err.to_string().contains("already has 12 staff members"), "{err}");
        assert_eq!(appraisal::list(store.conn()).unwrap(), before);
    }

    #[test]
    fn sizes_outside_the_limits_are_refused() {
        let mut store = crate::store::testing::store();
        let mut o = DemoOptions::new(today());
        o.staff = 3;
        assert_eq!(generate(store.conn_mut(), &o).unwrap_err().code(), "invalid");
        o.staff = 12;
        o.years = 0;
        assert_eq!(generate(store.conn_mut(), &o).unwrap_err().code(), "invalid");
    }

    #[test]
    fn a_larger_department_over_more_years_is_made_too() {
        let mut store = crate::store::testing::store();
        let o = DemoOptions {
            seed: 42,
            staff: 25,
            years: 5,
            today: NaiveDate::from_ymd_opt(2026, 4, 2).unwrap(),
        };
        let report = generate(store.conn_mut(), &o).unwrap();
        assert_eq!(report.staff, 25);
        assert_eq!(report.in_progress, 1);
    }
}
