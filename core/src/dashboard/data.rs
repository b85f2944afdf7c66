//! The rows a home page needs, read for the whole department in a fixed
//! number of queries (one per table, whatever the number of people) and
//! grouped by person, with the settings the rules take.

use std::collections::HashMap;
use std::ops::Range;

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};

use crate::appraisal::{schedule_rules, ScheduleRules};
use crate::coding_audit::words::{AuditJudgement, CodingAudit};
use crate::framework::RoleProfile;
use crate::nccq::{CourseAttendance, ExamResult, NccqSettings};
use crate::pay_steps::PayStepTable;
use crate::staff::StaffMember;
use crate::store::appraisal::Header;
use crate::store::dashboard as db;
use crate::store::dashboard::PdpRow;
use crate::store::db::Connection;
use crate::store::framework as framework_db;
use crate::training::words::TrainingRecord;
use crate::Result;

/// How many cycles back appraisals are read: the 12 months of compliance
/// before this month reach into the cycle before last.
const CYCLES_BACK: i32 = 2;

/// Everything read: each person's rows beside them, so the rules reach a
/// person's rows without a lookup by staff number (at 5,000 staff the
/// lookups, each hashing a staff number and comparing it in another part of
/// memory, cost more than the rules).
pub(super) struct Department {
    pub staff: Vec<StaffMember>,
    /// Each person's rows, in the order of `staff`.
    pub rows: Vec<Rows>,
    /// The recent appraisals, each person's together (`Rows::headers`):
    /// made once where they are kept, not moved into a list per person.
    headers: Vec<Header>,
    /// Skills agreed below expectation in each person's current annual
    /// appraisal, by appraisal id.
    pub skill_gaps: HashMap<i64, i64>,
    /// The role profiles of the (band, job title) pairs in post, each read
    /// once; `Rows::role` points here.
    roles: Vec<Option<RoleProfile>>,
    pub schedule: ScheduleRules,
    pub nccq: NccqSettings,
    pub required_training: Vec<String>,
    pub pay_table: PayStepTable,
    pub review_weeks: u32,
}

/// One person's rows.
#[derive(Default)]
pub(super) struct Rows {
    /// Their recent appraisals' place in `Department::headers`.
    headers: Range<usize>,
    pub courses: Vec<CourseAttendance>,
    pub exams: Vec<ExamResult>,
    pub ihrim: Option<NaiveDate>,
    pub training: Vec<TrainingRecord>,
    pub pay_reviews: Vec<NaiveDate>,
    /// The last 12 months' audits, oldest first.
    pub audits: Vec<(CodingAudit, AuditJudgement)>,
    /// The dated PDP activities of their current plan, by appraisal, then
    /// target date.
    pdp: Vec<PdpRow>,
    /// Their role profile's place in `Department::roles`.
    role: usize,
}

/// Runs one read, noting how long it took under `name`.
fn timed<T>(
    timings: &mut Vec<(&'static str, Duration)>,
    name: &'static str,
    read: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let start = Instant::now();
    let out = read()?;
    timings.push((name, start.elapsed()));
    Ok(out)
}

/// Puts each row read beside its person, in the order read. Rows of
/// someone not in the staff list (none, as the store stands) are left out,
/// as a lookup by their staff number would find nobody.
fn spread<V>(
    rows: &mut [Rows],
    place: &HashMap<String, usize>,
    read: Vec<(String, V)>,
    field: fn(&mut Rows) -> &mut Vec<V>,
) {
    for (staff_number, v) in read {
        if let Some(&i) = place.get(&staff_number) {
            field(&mut rows[i]).push(v);
        }
    }
}

/// Reads the department as it stands on `today`, and how long each read
/// took (for the benchmark).
pub(super) fn load(conn: &Connection, today: NaiveDate) -> Result<(Department, Vec<(&'static str, Duration)>)> {
    let mut t = Vec::new();
    let schedule = timed(&mut t, "settings", || schedule_rules(conn, today))?;
    let from_year = schedule.cycle.start_year - CYCLES_BACK;
    let staff = timed(&mut t, "staff", || crate::staff::list(conn))?;
    let place: HashMap<String, usize> = staff
        .iter()
        .enumerate()
        .map(|(i, m)| (m.staff_number.clone(), i))
        .collect();
    let mut rows: Vec<Rows> = staff.iter().map(|_| Rows::default()).collect();
    let roles = timed(&mut t, "role_profiles", || {
        let mut roles = Vec::new();
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for (m, r) in staff.iter().zip(rows.iter_mut()) {
            r.role = match seen.entry((m.band.as_str(), m.job_title.as_str())) {
                std::collections::hash_map::Entry::Occupied(e) => *e.get(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    roles.push(framework_db::role_for(conn, &m.band, &m.job_title)?);
                    *e.insert(roles.len() - 1)
                }
            };
        }
        Ok(roles)
    })?;
    let pdp = timed(&mut t, "pdp_items", || db::current_pdp_items_since(conn, from_year))?;
    spread(&mut rows, &place, pdp, |r| &mut r.pdp);
    let recent = timed(&mut t, "appraisals", || db::appraisals_since(conn, from_year))?;
    for (staff_number, range) in recent.people {
        if let Some(&i) = place.get(&staff_number) {
            rows[i].headers = range;
        }
    }
    let courses = timed(&mut t, "nccq_courses", || db::courses(conn))?;
    spread(&mut rows, &place, courses, |r| &mut r.courses);
    let exams = timed(&mut t, "nccq_exams", || db::exam_results(conn))?;
    spread(&mut rows, &place, exams, |r| &mut r.exams);
    for (staff_number, valid_until) in timed(&mut t, "ihrim", || db::ihrim(conn))? {
        if let Some(&i) = place.get(&staff_number) {
            rows[i].ihrim = Some(valid_until);
        }
    }
    let training = timed(&mut t, "training", || db::training(conn))?;
    spread(&mut rows, &place, training, |r| &mut r.training);
    let pay_reviews = timed(&mut t, "pay_reviews", || db::pay_reviews(conn))?;
    spread(&mut rows, &place, pay_reviews, |r| &mut r.pay_reviews);
    let audits = timed(&mut t, "coding_audits", || {
        crate::store::coding_audit::between(conn, year_ago(today), today)
    })?;
    for a in audits {
        if let Some(&i) = place.get(&a.0.staff_number) {
            rows[i].audits.push(a);
        }
    }
    // A plan is one appraisal's activities; grouped by appraisal (the order
    // by target date kept within each) should a person ever have more.
    for r in &mut rows {
        r.pdp.sort_by_key(|p| p.appraisal_id);
    }
    let skill_gaps = timed(&mut t, "skill_gaps", || db::skill_gaps_since(conn, from_year))?
        .into_iter()
        .collect();
    let dept = Department {
        rows,
        headers: recent.headers,
        skill_gaps,
        roles,
        schedule,
        nccq: crate::nccq::settings(conn)?,
        required_training: crate::settings::training::load(conn)?.required,
        pay_table: crate::settings::pay_steps::load(conn)?,
        review_weeks: crate::settings::pay_steps::review_weeks(conn)?,
        staff,
    };
    Ok((dept, t))
}

/// The first of the month a year before `today`'s: the audits of the last
/// 12 months run from it.
fn year_ago(today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(today.year() - 1, today.month(), 1).unwrap_or(today)
}

impl Department {
    /// A person's recent appraisals, oldest first.
    pub fn headers(&self, rows: &Rows) -> &[Header] {
        &self.headers[rows.headers.clone()]
    }

    /// A person's current plan: their latest signed appraisal with dated
    /// PDP activities, not replaced by a later version.
    pub fn current_pdp<'a>(&'a self, rows: &'a Rows) -> Option<(i64, &'a [PdpRow])> {
        self.headers(rows)
            .iter()
            .filter(|h| h.signed && h.superseded_by.is_none())
            .filter_map(|h| {
                let start = rows.pdp.partition_point(|p| p.appraisal_id < h.id);
                let end = rows.pdp.partition_point(|p| p.appraisal_id <= h.id);
                (start < end).then(|| (h, &rows.pdp[start..end]))
            })
            .max_by_key(|(h, _)| (h.cycle_start, h.meeting_date, h.id))
            .map(|(h, plan)| (h.id, plan))
    }

    /// Everyone with their rows, in the order of the staff list.
    pub fn people(&self) -> impl Iterator<Item = (&StaffMember, &Rows)> {
        self.staff.iter().zip(&self.rows)
    }

    /// The person's NCCQ record from the rows read.
    pub fn nccq_record(&self, member: &StaffMember, rows: &Rows) -> crate::nccq::NccqRecord {
        crate::nccq::record_from(
            member.clone(),
            self.roles[rows.role].as_ref(),
            rows.courses.clone(),
            rows.exams.clone(),
            rows.ihrim,
            &self.nccq,
        )
    }
}
