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

use chrono::{Days, Months, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::accounts::{Actor, Role};
use crate::appraisal::{
    self, sign_unchecked, AppraisalKind, AppraisalRecord, AppraisalStatus, KpiInput, ObjectiveInput, Outcome, Party,
    PayCriterionKind, PdpItemInput, PdpProgressInput, Step, Wellbeing,
};
use crate::cycle::{cycle_for, Cycle};
use crate::nccq::{self, CourseInput, ExamInput};
use crate::staff::{self, StaffInput};
use crate::store::appraisal as db;
use crate::{framework, Error, Result};

pub const DEFAULT_SEED: u64 = 7;
pub const DEFAULT_STAFF: u32 = 12;
pub const DEFAULT_YEARS: u32 = 3;
const MIN_STAFF: u32 = 4;
const MAX_STAFF: u32 = 60;
const MAX_YEARS: u32 = 10;

/// What to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub seed: u64,
    /// Everyone, the manager included: 4 to 60.
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
    if !(MIN_STAFF..=MAX_STAFF).contains(&options.staff) {
        return Err(Error::invalid(
            "staff",
            format!(
                "The demonstration department needs {MIN_STAFF} to {MAX_STAFF} staff: a manager, a specialist, a coder and a trainee at least."
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
    let mut demo = Demo {
        rng: Rng::new(options.seed),
        today: options.today,
        people: Vec::new(),
    };
    let month = appraisal::settings(conn)?.cycle_start_month;
    let current = cycle_for(options.today, month);
    let first = Cycle::new(current.start_year - options.years as i32, month);
    framework::ensure_builtin(conn, at(first.start - Days::new(30), 9, 0))?;
    demo.make_staff(conn, options.staff, &first)?;
    demo.nccq_records(conn)?;
    let plan = demo.plan(&first, &current);
    for meeting in &plan {
        demo.hold(conn, meeting)?;
    }

    let list = appraisal::list(conn)?;
    let count = |status: AppraisalStatus| list.iter().filter(|a| a.status == status).count() as u32;
    let manager = &demo.people[0];
    Ok(DemoReport {
        staff: demo.people.len() as u32,
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

// ------------------------------------------------------------ randomness --

/// SplitMix64: tiny, fast, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from `lo` to `hi`, both included.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_hms_opt(hour, minute, 0).expect("a real time")
}

fn days(date: NaiveDate, n: u64) -> NaiveDate {
    date + Days::new(n)
}

fn days_back(date: NaiveDate, n: u64) -> NaiveDate {
    date - Days::new(n)
}

// ------------------------------------------------------------------ staff --

const FORENAMES: &[&str] = &[
    "Aisha",
    "Amelia",
    "Aoife",
    "Bethan",
    "Callum",
    "Chloé",
    "Dafydd",
    "Deepa",
    "Eilidh",
    "Emeka",
    "Fatima",
    "Ffion",
    "Gráinne",
    "Hamish",
    "Imran",
    "Joanne",
    "Kwame",
    "Liam",
    "Mairéad",
    "Mohammed",
    "Niamh",
    "Oluwaseun",
    "Priya",
    "Rhys",
    "Rónán",
    "Sarah",
    "Seán",
    "Tomasz",
    "Renée",
    "Yusuf",
    "Mei",
    "Gareth",
    "Agnieszka",
    "Hannah",
    "Elin",
    "Declan",
    "Noémie",
    "Owain",
    "Saoirse",
    "Kieran",
];

const SURNAMES: &[&str] = &[
    "Ahmed",
    "Begum",
    "Campbell",
    "Davies",
    "Evans",
    "Fitzgerald",
    "Ó Súilleabháin",
    "Ní Bhriain",
    "Hughes",
    "Jones",
    "Khan",
    "Lewis",
    "MacLeod",
    "McAllister",
    "Nowak",
    "O'Connor",
    "Okafor",
    "Patel",
    "Price",
    "Rees",
    "Roberts",
    "Singh",
    "Thomas",
    "Walsh",
    "Williams",
    "Wright",
    "Brontë",
    "Lefèvre",
    "Adeyemi",
    "Chen",
    "Gruffydd",
    "Ó Ceallaigh",
    "Mac Giolla",
    "Pritchard",
    "Ellis",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Post {
    Trainee,
    Coder,
    Specialist,
    Manager,
}

impl Post {
    fn band(self) -> &'static str {
        match self {
            Post::Manager => "7",
            Post::Specialist => "5",
            Post::Coder => "4",
            Post::Trainee => "3",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Post::Manager => "Clinical coding manager",
            Post::Specialist => "Clinical Coding Specialist",
            Post::Coder => "Clinical coder",
            Post::Trainee => "Trainee clinical coder",
        }
    }
}

struct Person {
    number: String,
    name: String,
    post: Post,
    appointed: NaiveDate,
    manager: Option<String>,
    /// The coder whose appraisal is left in progress.
    in_progress: bool,
    /// The coder whose first appraisal is re-opened and signed again.
    reopened: bool,
    /// The trainee whose objective-setting meeting was late.
    late_start: bool,
}

struct Demo {
    rng: Rng,
    today: NaiveDate,
    people: Vec<Person>,
}

/// One meeting to hold, in date order.
struct Meeting {
    person: usize,
    kind: AppraisalKind,
    cycle_start_year: i32,
    date: NaiveDate,
    /// Left in progress rather than signed.
    open: bool,
}

impl Demo {
    /// The manager, then specialists, coders and trainees, each reporting to
    /// a specialist (specialists to the manager). Zoë, Siân, Ciarán and
    /// Łukasz Wiśniewski are always there; the other names come from the
    /// seed.
    fn make_staff(&mut self, conn: &mut Connection, total: u32, first: &Cycle) -> Result<()> {
        let specialists = (total / 5).max(1);
        let trainees = (total / 4).max(1);
        let coders = total - 1 - specialists - trainees;
        let mut posts = vec![Post::Manager];
        posts.extend(std::iter::repeat_n(Post::Specialist, specialists as usize));
        posts.extend(std::iter::repeat_n(Post::Coder, coders as usize));
        posts.extend(std::iter::repeat_n(Post::Trainee, trainees as usize));

        let mut used: Vec<(String, String)> = Vec::new();
        let today = self.today;
        let mut n_specialist = 0u64;
        let mut n_coder = 0u64;
        let mut n_trainee = 0u64;
        for post in posts {
            let fixed = match post {
                Post::Specialist if n_specialist == 0 => Some(("Siân", None)),
                Post::Coder if n_coder == 0 => Some(("Zoë", None)),
                Post::Coder if n_coder == 1 => Some(("Ciarán", None)),
                Post::Trainee if n_trainee == 0 => Some(("Łukasz", Some("Wiśniewski"))),
                _ => None,
            };
            let (forename, surname) = loop {
                let forename = fixed.map(|f| f.0).unwrap_or_else(|| *self.rng.pick(FORENAMES));
                let surname = fixed.and_then(|f| f.1).unwrap_or_else(|| *self.rng.pick(SURNAMES));
                let pair = (forename.to_owned(), surname.to_owned());
                // Different forenames while the list lasts, so people are
                // told apart at a glance; different full names always.
                let forename_free = used.len() >= FORENAMES.len() / 2 || !used.iter().any(|u| u.0 == pair.0);
                if !used.contains(&pair) && forename_free {
                    break pair;
                }
            };
            used.push((forename.clone(), surname.clone()));
            let history_start = first.start;
            let (appointed, acc) = match post {
                Post::Manager => {
                    let a = days_back(history_start, 365 * 9 + self.rng.range(0, 300));
                    (a, Some(days_back(a, 365 * 6)))
                }
                Post::Specialist => {
                    let a = days_back(history_start, 365 * (3 + n_specialist) + self.rng.range(30, 300));
                    (a, Some(days_back(a, 365 * 2 + self.rng.range(0, 200))))
                }
                Post::Coder => {
                    let a = days_back(history_start, 365 * self.rng.range(1, 6) + self.rng.range(0, 300));
                    (a, Some(days(a, 610 + self.rng.range(0, 120))))
                }
                Post::Trainee => {
                    // A new starter, one whose first meeting was late, one near
                    // the NCCQ deadline, one past it, then a spread.
                    const AGO: [u64; 8] = [21, 150, 660, 820, 330, 510, 240, 420];
                    let a = days_back(today, AGO[(n_trainee % 8) as usize] + self.rng.range(0, 10));
                    (a, None)
                }
            };
            let manager = match post {
                Post::Manager => None,
                Post::Specialist => Some(self.people[0].number.clone()),
                Post::Coder | Post::Trainee => {
                    // Round the specialists: coders and trainees alike.
                    let k = (n_coder + n_trainee) % u64::from(specialists);
                    Some(self.people[1 + k as usize].number.clone())
                }
            };
            let input = StaffInput {
                forename: forename.clone(),
                surname: surname.clone(),
                band: post.band().to_owned(),
                job_title: post.title().to_owned(),
                appointed: appointed.to_string(),
                manager: manager.clone().unwrap_or_default(),
                acc_date: acc.filter(|d| *d <= today).map(|d| d.to_string()).unwrap_or_default(),
                ..Default::default()
            };
            let added = staff::add(conn, &input, today)?;
            self.people.push(Person {
                number: added.staff_number.clone(),
                name: added.full_name(),
                post,
                appointed,
                manager,
                in_progress: post == Post::Coder && n_coder == 0,
                reopened: post == Post::Coder && n_coder == 1,
                late_start: post == Post::Trainee && n_trainee == 1,
            });
            match post {
                Post::Specialist => n_specialist += 1,
                Post::Coder => n_coder += 1,
                Post::Trainee => n_trainee += 1,
                Post::Manager => {}
            }
        }
        Ok(())
    }

    /// Standards and refresher courses for everyone, exams and IHRIM
    /// membership for trainees: a mix of on track, at risk and missed.
    fn nccq_records(&mut self, conn: &mut Connection) -> Result<()> {
        let today = self.today;
        for i in 0..self.people.len() {
            let (number, appointed, post) = {
                let p = &self.people[i];
                (p.number.clone(), p.appointed, p.post)
            };
            let course_start = days(appointed, 30 + self.rng.range(0, 120));
            if course_start > today {
                continue;
            }
            let end = days(course_start, 20);
            nccq::add_course(
                conn,
                &number,
                &CourseInput {
                    kind: "standards".into(),
                    start: course_start.to_string(),
                    end: if end <= today { end.to_string() } else { String::new() },
                },
            )?;
            if post != Post::Trainee {
                let mut refresher = course_start;
                loop {
                    refresher = refresher + Months::new(36) + Days::new(self.rng.range(0, 40));
                    if refresher > today {
                        break;
                    }
                    nccq::add_course(
                        conn,
                        &number,
                        &CourseInput {
                            kind: "refresher".into(),
                            start: refresher.to_string(),
                            end: days(refresher, 3).min(today).to_string(),
                        },
                    )?;
                }
                continue;
            }
            nccq::set_ihrim_membership(conn, &number, &days(appointed, 730).to_string())?;
            let settings = nccq::settings(conn)?;
            let sittings = nccq::sittings_between(&settings, appointed + Months::new(12), today);
            let (mut practical, mut theory) = (false, false);
            for sitting in sittings.into_iter().take(3) {
                for (paper, passed, lo, hi) in [("practical", &mut practical, 84, 97), ("theory", &mut theory, 60, 86)]
                {
                    if *passed {
                        continue;
                    }
                    let score = self.rng.range(lo, hi);
                    let outcome = nccq::add_exam_attempt(
                        conn,
                        &number,
                        &ExamInput {
                            sitting: sitting.to_string(),
                            paper: paper.into(),
                            score: score.to_string(),
                        },
                        today,
                    )?;
                    *passed = outcome.attempt.passed;
                }
            }
        }
        Ok(())
    }

    /// Every meeting from the first cycle to today, in date order: a new
    /// starter's objective-setting meeting within about five weeks (one
    /// late), then an annual appraisal early in each cycle (coders before
    /// the specialists who manage them, so their reports are appraised),
    /// and mid-year reviews in the last full cycle.
    fn plan(&mut self, first: &Cycle, current: &Cycle) -> Vec<Meeting> {
        let mut plan = Vec::new();
        for (i, p) in self.people.iter().enumerate() {
            if p.post == Post::Manager {
                continue;
            }
            for year in first.start_year..=current.start_year {
                let cycle = Cycle::new(year, first.start_month);
                if cycle.contains(p.appointed) {
                    let after = if p.late_start { 62 } else { self.rng.range(21, 38) };
                    let date = days(p.appointed, after);
                    plan.push(Meeting {
                        person: i,
                        kind: AppraisalKind::ObjectiveSetting,
                        cycle_start_year: cycle_for(date, first.start_month).start_year,
                        date,
                        open: false,
                    });
                } else if days(p.appointed, 90) < cycle.start {
                    // Someone who started just before the cycle has their
                    // objective-setting meeting in it instead.
                    let (lo, hi) = match p.post {
                        Post::Specialist => (62, 88),
                        _ => (8, 55),
                    };
                    let mut date = days(cycle.start, self.rng.range(lo, hi));
                    let open = p.in_progress && year == current.start_year;
                    if open {
                        date = self.today.max(cycle.start);
                    }
                    plan.push(Meeting {
                        person: i,
                        kind: AppraisalKind::Annual,
                        cycle_start_year: year,
                        date,
                        open,
                    });
                    if year == current.start_year - 1 && p.post != Post::Specialist {
                        let mid = cycle.start + Months::new(6) + Days::new(self.rng.range(0, 20));
                        plan.push(Meeting {
                            person: i,
                            kind: AppraisalKind::MidYear,
                            cycle_start_year: year,
                            date: mid,
                            open: false,
                        });
                    }
                }
            }
        }
        plan.retain(|m| m.date <= self.today);
        // The open meeting is today's, after any other held today.
        plan.sort_by_key(|m| (m.open, m.date, self.people[m.person].post, m.person));
        plan
    }

    fn hold(&mut self, conn: &mut Connection, m: &Meeting) -> Result<()> {
        let p = &self.people[m.person];
        let (number, post, manager) = (p.number.clone(), p.post, p.manager.clone().expect("not the manager"));
        let reopen_it = p.reopened && m.kind == AppraisalKind::Annual && !self.reopened_already(conn, &number)?;
        let mut clock = Clock::new(m.date);
        let a = appraisal::start(conn, &number, &manager, m.kind, Some(m.cycle_start_year), clock.tick())?;
        let cycle = a.cycle.clone();

        // Last year's objectives.
        for prev in &a.previous_objectives {
            let roll = self.rng.range(0, 99);
            let outcome = match (m.kind, roll) {
                (_, 0..=54) => Outcome::Met,
                (_, 55..=74) => Outcome::PartlyMet,
                (AppraisalKind::Annual, 75..=89) => Outcome::CarriedForward,
                _ => Outcome::NotMet,
            };
            let comment = self.rng.pick(OUTCOME_COMMENTS[outcome_index(outcome)]);
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
            let wobble = self.rng.range(0, 9);
            let self_level = nearest(
                &levels,
                match wobble {
                    0..=1 => target.saturating_sub(1),
                    2..=8 => target,
                    _ => target + 1,
                },
            );
            appraisal::set_self_level(conn, s.id, self_level, clock.tick())?;
            let agreed = if self.rng.chance(20) {
                nearest(&levels, self_level.unwrap_or(target).saturating_sub(1))
            } else {
                self_level
            };
            if !m.open || self.rng.chance(50) {
                appraisal::set_agreed_level(conn, s.id, agreed, clock.tick())?;
            }
        }
        appraisal::set_step(conn, a.id, Step::Objectives, clock.tick())?;

        // New objectives, each at a level its competency has.
        let wanted = match m.kind {
            AppraisalKind::MidYear => self.rng.range(0, 1) as usize,
            AppraisalKind::ObjectiveSetting => 2,
            AppraisalKind::Annual => self.rng.range(2, 3) as usize,
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
            let s = *self.rng.pick(&candidates);
            if chosen.contains(&s.id) {
                continue;
            }
            chosen.push(s.id);
            let levels: Vec<u8> = s.levels.iter().map(|l| l.level).collect();
            let now_at = s.agreed_level.or(s.self_level).unwrap_or(levels[0]);
            let target = levels.iter().copied().find(|&l| l > now_at).unwrap_or(now_at);
            let earliest = days(m.date, 60).min(cycle.end);
            let span = (cycle.end - earliest).num_days().max(0) as u64;
            let due = days(earliest, self.rng.range(span / 2, span));
            let mut input = ObjectiveInput {
                text: objective_text(&s.competency, target),
                measure: self.rng.pick(MEASURES).to_string(),
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
                primary_diagnosis: self.rng.range(90, 95).to_string(),
                secondary_diagnosis: self.rng.range(80, 88).to_string(),
                procedure: self.rng.range(90, 95).to_string(),
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
                input.support = self.rng.pick(SUPPORT).to_string();
                if input.target_date.is_empty() || input.target_date.as_str() < cycle.start.to_string().as_str() {
                    input.target_date = cycle.end.to_string();
                }
                appraisal::add_pdp_item(conn, a.id, &input, clock.tick())?;
            }
            if needs.len() < 2 || self.rng.chance(50) {
                let (need, activity, description) = *self.rng.pick(EXTRA_PDP);
                appraisal::add_pdp_item(
                    conn,
                    a.id,
                    &PdpItemInput {
                        learning_need: need.into(),
                        activity: activity.into(),
                        description: description.into(),
                        target_date: days(m.date, 120).min(cycle.end).max(m.date).to_string(),
                        support: self.rng.pick(SUPPORT).to_string(),
                        ..Default::default()
                    },
                    clock.tick(),
                )?;
            }
        }

        appraisal::set_step(conn, a.id, Step::Wellbeing, clock.tick())?;
        let wellbeing = Wellbeing {
            notes: self.rng.pick(WELLBEING).to_string(),
            flexible_working: self.rng.pick(FLEXIBLE).to_string(),
            support_agreed: self.rng.pick(WELLBEING_SUPPORT).to_string(),
            include_in_print: self.rng.chance(40),
        };
        appraisal::set_wellbeing(conn, a.id, &wellbeing, clock.tick())?;

        appraisal::set_step(conn, a.id, Step::PayProgression, clock.tick())?;
        if m.kind == AppraisalKind::Annual {
            for criterion in [
                PayCriterionKind::MandatoryTraining,
                PayCriterionKind::NoCapabilityProcess,
                PayCriterionKind::NoDisciplinarySanction,
            ] {
                let (met, note) = if criterion == PayCriterionKind::MandatoryTraining && self.rng.chance(8) {
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
        let appraisee_comment = self.rng.pick(APPRAISEE_COMMENTS).to_string();
        let appraiser_comment = self.rng.pick(APPRAISER_COMMENTS).to_string();
        appraisal::set_comments(conn, a.id, Party::Appraisee, &appraisee_comment, clock.tick())?;
        appraisal::set_comments(conn, a.id, Party::Appraiser, &appraiser_comment, clock.tick())?;
        appraisal::set_step(conn, a.id, Step::SignOff, clock.tick())?;
        sign_unchecked(conn, a.id, Party::Appraisee, &number, clock.tick())?;
        let signed = sign_unchecked(conn, a.id, Party::Appraiser, &manager, clock.tick())?;

        let signed = if reopen_it {
            self.reopen_and_sign_again(conn, &signed)?
        } else {
            signed
        };
        self.record_progress(conn, &signed)
    }

    fn reopened_already(&self, conn: &Connection, number: &str) -> Result<bool> {
        Ok(appraisal::list(conn)?
            .iter()
            .any(|a| a.staff_number == number && a.version > 1))
    }

    /// A week later the administrator re-opens the appraisal to correct an
    /// objective's due date, and both sign again.
    fn reopen_and_sign_again(&mut self, conn: &mut Connection, signed: &AppraisalRecord) -> Result<AppraisalRecord> {
        let manager = &self.people[0];
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
    fn record_progress(&mut self, conn: &mut Connection, signed: &AppraisalRecord) -> Result<()> {
        for item in &signed.pdp {
            let roll = self.rng.range(0, 99);
            let old = signed.cycle.end < self.today;
            let status = match (old, roll) {
                (true, 0..=69) | (false, 0..=19) => "completed",
                (true, 70..=89) | (false, 20..=69) => "in_progress",
                _ => continue,
            };
            let when = days(signed.meeting_date, self.rng.range(30, 300)).min(self.today);
            let input = PdpProgressInput {
                status: status.into(),
                progress: self.rng.pick(PROGRESS).to_string(),
                evidence: self.rng.pick(EVIDENCE).to_string(),
                reflection: if status == "completed" {
                    self.rng.pick(REFLECTION).to_string()
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
}

/// A meeting's clock: a minute a save, from half past nine.
struct Clock(NaiveDateTime);

impl Clock {
    fn new(date: NaiveDate) -> Clock {
        Clock(at(date, 9, 30))
    }

    fn tick(&mut self) -> NaiveDateTime {
        self.0 += chrono::TimeDelta::minutes(1);
        self.0
    }
}

/// The level of `levels` nearest `want`, the lower on a tie.
fn nearest(levels: &[u8], want: u8) -> Option<u8> {
    levels.iter().copied().min_by_key(|&l| (l.abs_diff(want), l))
}

fn outcome_index(o: Outcome) -> usize {
    match o {
        Outcome::Met => 0,
        Outcome::PartlyMet => 1,
        Outcome::NotMet => 2,
        Outcome::CarriedForward => 3,
    }
}

/// A SMART objective for a competency.
fn objective_text(competency: &str, level: u8) -> String {
    let what = match competency {
        "Coding accuracy" => "Achieve 95% or better in each quarterly internal audit of my coding, checking every diagnosis against the ICD-10 and OPCS-4 rules before submission",
        "Coding standards" => "Apply each National Clinical Coding Standards update to my specialty within a month of publication and share a summary with the team",
        "Coding deadlines" => "Code every inpatient episode of my specialty before the monthly freeze date",
        "Coding quality" => "Raise documentation queries with clinicians through the query log and see each one resolved within 10 working days",
        "Clinical information" => "Code complex multi-episode spells in cardiology from the full case notes without referral",
        "Clinical coding audit" => "Take part in two internal audits this year and present the findings at a team meeting",
        "Quality assurance" => "Peer-review 20 episodes a month coded by a junior colleague and feed back within a week",
        "Escalation" => "Answer colleagues' coding queries through the national query mechanism and keep the query log up to date",
        "Information interpretation" => "Review ambiguous documentation with the responsible clinician before coding it",
        "Advice and guidance" => "Run the weekly coding clinic for junior coders for six months",
        "Records management" => "Track every case-note request and return in the records system on the day",
        "Reports and analysis" => "Produce the monthly coding KPI report for the divisional meeting",
        "Data standards" => "Check the department's local coding policies against the national data standards and propose updates",
        "Collaboration" => "Work with the oncology team to improve the quality of discharge summaries",
        "Strategy" => "Contribute a section on coding capacity to the department's three-year plan",
        "Policies, procedures and standards" => "Review the department's case-note tracking procedure against the records management policy and report the risks found",
        "Information Handling" | "Data transformation" => "Check every coded-data extract I send to the information team against the data-handling policy before release",
        "Controls" => "Carry out the quarterly check of who can change coded records in the coding system and report any exceptions",
        "Access requests" => "Handle the department's routine requests for case notes within two working days",
        "Advice/guidance" => "Give the new starters a session on records management practice in the department",
        _ => "Develop this competency through agreed work and evidence it",
    };
    format!("{what} (towards level {level} of {competency}).")
}

const MEASURES: &[&str] = &[
    "Quarterly internal audit results, reviewed at 1:1s.",
    "Query log and monthly 1:1 discussion.",
    "Done on time in at least 11 of 12 months.",
    "Feedback from the audit lead and the clinicians involved.",
    "Evidence kept in the PDP folder and reviewed at mid-year.",
];

const OUTCOME_COMMENTS: [&[&str]; 4] = [
    &[
        "Met in full; well evidenced.",
        "Met ahead of the due date.",
        "Met: audit results above target all year.",
    ],
    &[
        "Good progress; staffing pressures in the winter slowed it.",
        "Most of it done; the last part moved to the new year.",
    ],
    &[
        "Not met: the training place was cancelled twice.",
        "Not met; agreed it was the wrong priority after the restructure.",
    ],
    &[
        "Still the right objective: carried into this year.",
        "Carried forward with a clearer measure.",
    ],
];

const SUPPORT: &[&str] = &[
    "Two hours a week of protected study time.",
    "Funding for the course fee from the training budget.",
    "A mentor from the audit team.",
    "Cover for the day away from coding.",
    "Access to the e-learning platform.",
];

const EXTRA_PDP: &[(&str, &str, &str)] = &[
    (
        "Understand how coded data drives HRGs and payment.",
        "workshop",
        "Attend the regional HRG and tariff workshop.",
    ),
    (
        "See how documentation is written on the wards.",
        "shadowing",
        "Shadow a junior doctor on a ward round in general surgery.",
    ),
    (
        "Keep up with classification changes.",
        "e_learning",
        "Complete the e-learning on the latest ICD-10 and OPCS-4 updates.",
    ),
    (
        "Build confidence presenting audit findings.",
        "course",
        "Trust course: presenting to clinical audiences.",
    ),
];

const WELLBEING: &[&str] = &[
    "Feeling settled in the team; workload manageable most months.",
    "Finds month-end pressure stressful; talked about planning the workload earlier.",
    "Caring responsibilities at home this year; wants to keep hybrid working.",
    "Enjoying the specialty work; would like more variety.",
];

const FLEXIBLE: &[&str] = &[
    "",
    "Works from home two days a week.",
    "Compressed hours: nine-day fortnight.",
    "Starts at 07:30 to finish by 15:30 on school days.",
];

const WELLBEING_SUPPORT: &[&str] = &[
    "",
    "Referral to the staff wellbeing service offered.",
    "Monthly check-in at 1:1s.",
    "Display screen assessment to be redone after the office move.",
];

const APPRAISEE_COMMENTS: &[&str] = &[
    "A good year. I would like more complex specialties next year.",
    "Thank you for the support with the course.",
    "I am keen to start on the audit work.",
    "Happy with the objectives agreed.",
];

const APPRAISER_COMMENTS: &[&str] = &[
    "Consistently accurate and reliable; a real asset to the team.",
    "Great progress this year; the next step is audit.",
    "Thank you for covering the oncology backlog in the winter.",
    "Clear objectives agreed; we will review them at mid-year.",
];

const PROGRESS: &[&str] = &[
    "Booked on the next available date.",
    "Half of the modules done.",
    "Discussed at 1:1; on track.",
    "Started with the mentor meeting fortnightly.",
];

const EVIDENCE: &[&str] = &[
    "Certificate of completion saved to the PDP folder.",
    "Audit report with my results.",
    "Notes from the mentoring sessions.",
    "Email of thanks from the clinical lead.",
];

const REFLECTION: &[&str] = &[
    "I now check the procedure codes against the operation note first; fewer errors.",
    "Presenting the findings was daunting but the team took the changes on board.",
    "Seeing the ward made the documentation gaps much clearer.",
    "I can now answer most standards queries from colleagues without escalating.",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    }

    fn made(seed: u64) -> (Store, DemoReport) {
        let mut store = Store::open_in_memory().unwrap();
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
        let mut store = Store::open_in_memory().unwrap();
        let mut o = DemoOptions::new(today());
        o.staff = 3;
        assert_eq!(generate(store.conn_mut(), &o).unwrap_err().code(), "invalid");
        o.staff = 12;
        o.years = 0;
        assert_eq!(generate(store.conn_mut(), &o).unwrap_err().code(), "invalid");
    }

    #[test]
    fn a_larger_department_over_more_years_is_made_too() {
        let mut store = Store::open_in_memory().unwrap();
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
