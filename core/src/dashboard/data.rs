//! The rows a home page needs, read for the whole department in a fixed
//! number of queries (one per table, whatever the number of people) and
//! grouped by person, with the settings the rules take.

use std::collections::HashMap;

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

/// Everything read, by staff number.
pub(super) struct Department {
    pub staff: Vec<StaffMember>,
    pub headers: HashMap<String, Vec<Header>>,
    pub courses: HashMap<String, Vec<CourseAttendance>>,
    pub exams: HashMap<String, Vec<ExamResult>>,
    pub ihrim: HashMap<String, NaiveDate>,
    pub training: HashMap<String, Vec<TrainingRecord>>,
    pub pay_reviews: HashMap<String, Vec<NaiveDate>>,
    /// The last 12 months' audits, oldest first.
    pub audits: HashMap<String, Vec<(CodingAudit, AuditJudgement)>>,
    /// The dated PDP activities of each person's current plan, by appraisal id.
    pub pdp: HashMap<i64, Vec<PdpRow>>,
    /// Skills agreed below expectation in each person's current annual
    /// appraisal, by appraisal id.
    pub skill_gaps: HashMap<i64, i64>,
    /// The role profile per (band, job title), read once per pair.
    pub roles: HashMap<(String, String), Option<RoleProfile>>,
    pub schedule: ScheduleRules,
    pub nccq: NccqSettings,
    pub required_training: Vec<String>,
    pub pay_table: PayStepTable,
    pub review_weeks: u32,
}

fn group<K: std::hash::Hash + Eq, V>(rows: Vec<(K, V)>) -> HashMap<K, Vec<V>> {
    let mut out: HashMap<K, Vec<V>> = HashMap::new();
    for (k, v) in rows {
        out.entry(k).or_default().push(v);
    }
    out
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

/// Reads the department as it stands on `today`, and how long each read
/// took (for the benchmark).
pub(super) fn load(conn: &Connection, today: NaiveDate) -> Result<(Department, Vec<(&'static str, Duration)>)> {
    let mut t = Vec::new();
    let schedule = timed(&mut t, "settings", || schedule_rules(conn, today))?;
    let from_year = schedule.cycle.start_year - CYCLES_BACK;
    let staff = timed(&mut t, "staff", || crate::staff::list(conn))?;
    let roles = timed(&mut t, "role_profiles", || {
        let mut roles = HashMap::new();
        for m in &staff {
            let key = (m.band.clone(), m.job_title.clone());
            if let std::collections::hash_map::Entry::Vacant(e) = roles.entry(key) {
                e.insert(framework_db::role_for(conn, &m.band, &m.job_title)?);
            }
        }
        Ok(roles)
    })?;
    let year_ago = NaiveDate::from_ymd_opt(today.year() - 1, today.month(), 1).unwrap_or(today);
    let mut pdp: HashMap<i64, Vec<PdpRow>> = HashMap::new();
    for row in timed(&mut t, "pdp_items", || db::current_pdp_items_since(conn, from_year))? {
        pdp.entry(row.appraisal_id).or_default().push(row);
    }
    let headers = timed(&mut t, "appraisals", || db::appraisals_since(conn, from_year))?;
    let dept = Department {
        headers: group(
            headers
                .into_iter()
                .map(|h| (h.appraisee.staff_number.clone(), h))
                .collect(),
        ),
        courses: group(timed(&mut t, "nccq_courses", || db::courses(conn))?),
        exams: group(timed(&mut t, "nccq_exams", || db::exam_results(conn))?),
        ihrim: timed(&mut t, "ihrim", || db::ihrim(conn))?.into_iter().collect(),
        training: group(timed(&mut t, "training", || db::training(conn))?),
        pay_reviews: group(timed(&mut t, "pay_reviews", || db::pay_reviews(conn))?),
        audits: group(
            timed(&mut t, "coding_audits", || {
                crate::store::coding_audit::between(conn, year_ago, today)
            })?
            .into_iter()
            .map(|a| (a.0.staff_number.clone(), a))
            .collect(),
        ),
        pdp,
        skill_gaps: timed(&mut t, "skill_gaps", || db::skill_gaps_since(conn, from_year))?
            .into_iter()
            .collect(),
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

impl Department {
    pub fn headers_of(&self, staff_number: &str) -> &[Header] {
        self.headers.get(staff_number).map_or(&[], |h| h)
    }

    /// A person's current plan: their latest signed appraisal with dated
    /// PDP activities, not replaced by a later signed version.
    pub fn current_pdp(&self, staff_number: &str) -> Option<(i64, &[PdpRow])> {
        self.headers_of(staff_number)
            .iter()
            .filter(|h| h.signed && h.superseded_by.is_none())
            .filter_map(|h| self.pdp.get(&h.id).map(|rows| (h, rows)))
            .max_by_key(|(h, _)| (h.cycle_start, h.meeting_date, h.id))
            .map(|(h, rows)| (h.id, rows.as_slice()))
    }

    /// The person's NCCQ record from the rows read.
    pub fn nccq_record(&self, member: &StaffMember) -> crate::nccq::NccqRecord {
        let n = &member.staff_number;
        crate::nccq::record_from(
            member.clone(),
            self.roles
                .get(&(member.band.clone(), member.job_title.clone()))
                .and_then(Option::as_ref),
            self.courses.get(n).cloned().unwrap_or_default(),
            self.exams.get(n).cloned().unwrap_or_default(),
            self.ihrim.get(n).copied(),
            &self.nccq,
        )
    }
}
