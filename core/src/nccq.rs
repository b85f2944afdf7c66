//! The NCCQ pathway: every rule about how a trainee clinical coder becomes an
//! Accredited Clinical Coder (ACC), and the records those rules read.
//!
//! Owns the deadlines counted from the appointment date (Standards course
//! start, NCCQ, refresher courses), the exam sittings left before them, pass
//! or fail at a sitting, the ACC award, and the status a manager sees (on
//! track, at risk, missed, achieved) with its reasons and next steps. The
//! store (`crate::store::nccq`) only persists.
//!
//! The rules, as the trust applies them (the numbers are [`NccqSettings`]):
//! - The Clinical Coding Standards course must start within 6 months of
//!   appointment (national training rule).
//! - The NCCQ must be passed within 24 months of appointment (the trust's
//!   rule): both papers, Paper 1 Practical and Paper 2 Theory, each at or
//!   above its own pass mark (90% and 70% by default), which may differ by
//!   year. The ACC date is the date of the later of the two first passes.
//! - A refresher course is due 3 years after the most recent course, the
//!   Standards course or a refresher.
//! - The exam is sat at sittings (1 March and 1 September each year unless
//!   the trust lists its own dates), and a valid IHRIM membership is needed
//!   to sit.
//!
//! Every period is counted in calendar months; see [`add_months`] for how a
//! month end is handled.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Actor;
use crate::dates::{display, parse_date};
use crate::staff::{self, StaffMember};
use crate::store::nccq as db;
use crate::store::staff as staff_db;
use crate::{access, audit, Error, FieldError, Result};

/// How many refresher due dates [`deadlines`] lists: nine years ahead is
/// longer than any plan a manager makes for a trainee.
const REFRESHERS_SHOWN: u32 = 3;
/// A refresher due within this many months is worth booking now: places on
/// courses fill months ahead.
const REFRESHER_NOTICE_MONTHS: u32 = 6;

// ---------------------------------------------------------------- words --

/// The two NCCQ papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// Paper 1.
    Practical,
    /// Paper 2.
    Theory,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::Practical, Paper::Theory];

    /// The stored and typed form: `practical`, `theory`.
    pub fn code(self) -> &'static str {
        match self {
            Paper::Practical => "practical",
            Paper::Theory => "theory",
        }
    }

    /// The word in sentences: `Practical`, `Theory`.
    pub fn label(self) -> &'static str {
        match self {
            Paper::Practical => "Practical",
            Paper::Theory => "Theory",
        }
    }

    /// Understands the code, the label and the paper number (`1`, `paper 2`).
    pub fn parse(text: &str) -> Option<Paper> {
        let t = text.trim().to_lowercase();
        let t = t.strip_prefix("paper").map(str::trim).unwrap_or(&t);
        match t {
            "practical" | "1" | "1 practical" => Some(Paper::Practical),
            "theory" | "2" | "2 theory" => Some(Paper::Theory),
            _ => None,
        }
    }
}

/// The Clinical Coding Standards course (CCSC) and its refresher (CCSRC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CourseKind {
    Standards,
    Refresher,
}

impl CourseKind {
    /// The stored and typed form: `standards`, `refresher`.
    pub fn code(self) -> &'static str {
        match self {
            CourseKind::Standards => "standards",
            CourseKind::Refresher => "refresher",
        }
    }

    /// The words in a sentence: the Standards course is a proper name.
    pub fn label(self) -> &'static str {
        match self {
            CourseKind::Standards => "Standards course",
            CourseKind::Refresher => "refresher course",
        }
    }

    /// Understands the code and the national abbreviations (CCSC, CCSRC).
    pub fn parse(text: &str) -> Option<CourseKind> {
        match text.trim().to_lowercase().as_str() {
            "standards" | "ccsc" => Some(CourseKind::Standards),
            "refresher" | "ccsrc" => Some(CourseKind::Refresher),
            _ => None,
        }
    }
}

/// Where a trainee stands. Ordered from best to settled, so the worst of
/// several findings is their maximum; `Achieved` outranks all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NccqState {
    OnTrack,
    AtRisk,
    Missed,
    Achieved,
}

impl NccqState {
    pub fn label(self) -> &'static str {
        match self {
            NccqState::OnTrack => "on track",
            NccqState::AtRisk => "at risk",
            NccqState::Missed => "missed",
            NccqState::Achieved => "achieved",
        }
    }
}

// ------------------------------------------------------------- settings --

// The settings the rules read are owned by `crate::settings::nccq`; their
// old paths stay for the code that uses them.
pub use crate::settings::nccq::{
    load as settings, save as save_settings, NccqSettings, PassMarks, DEFAULT_COURSE_MONTHS, DEFAULT_DEADLINE_MONTHS,
    DEFAULT_PASS_MARK_PRACTICAL, DEFAULT_PASS_MARK_THEORY, DEFAULT_REFRESHER_YEARS, DEFAULT_SITTING_MONTHS,
};

// ---------------------------------------------------------------- rules --

/// Adds calendar months. When the day does not exist in the month reached,
/// the result is that month's last day: 31/03/2025 + 6 months = 30/09/2025,
/// 29/02/2024 + 24 months = 28/02/2026. A deadline therefore never spills
/// into the following month, which would give a trainee days the rule does
/// not.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .expect("dates typed with four-digit years stay far inside chrono's range")
}

/// Whole calendar months from `from` to `to`, counted the way [`add_months`]
/// counts them: the most `n` with `add_months(from, n) <= to`. Zero when `to`
/// is not after `from`.
pub fn whole_months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let guess = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let guess = guess.max(0) as u32;
    if add_months(from, guess) <= to {
        guess
    } else {
        guess - 1
    }
}

/// The last day on which the Standards course may start: appointment +
/// `course_months` (6).
pub fn standards_course_start_by(appointed: NaiveDate, settings: &NccqSettings) -> NaiveDate {
    add_months(appointed, settings.course_months)
}

/// The last day by which both NCCQ papers must be passed: appointment +
/// `deadline_months` (24). A pass at a sitting on this day is in time.
pub fn nccq_deadline(appointed: NaiveDate, settings: &NccqSettings) -> NaiveDate {
    add_months(appointed, settings.deadline_months)
}

/// The sittings from `from` to `to`, both included (a sitting today can
/// still be sat), in order. The trust's list wins; with no list, 1 March and
/// 1 September of every year.
pub fn sittings_between(settings: &NccqSettings, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    if to < from {
        return Vec::new();
    }
    let mut sittings: Vec<NaiveDate> = if settings.sittings.is_empty() {
        (from.year()..=to.year())
            .flat_map(|y| DEFAULT_SITTING_MONTHS.map(|m| NaiveDate::from_ymd_opt(y, m, 1).expect("1st exists")))
            .collect()
    } else {
        settings.sittings.clone()
    };
    sittings.retain(|d| (from..=to).contains(d));
    sittings.sort();
    sittings.dedup();
    sittings
}

/// When the next refresher course is due: `refresher_years` (3) after the
/// start of the most recent course, Standards or refresher. Each course
/// restarts the clock, so a late refresher does not make the next one early.
pub fn next_refresher_due(latest_course_start: NaiveDate, settings: &NccqSettings) -> NaiveDate {
    add_months(latest_course_start, settings.refresher_years * 12)
}

/// The first `count` refresher due dates after a course starting on
/// `course_start`, supposing each refresher is taken when due. Each is
/// counted from `course_start` itself, not from the one before, so a leap
/// day is clamped only in the years that need it (29/02/2024 gives
/// 28/02/2027, 28/02/2030, then 29/02/2036 at 12 years).
pub fn refresher_due_dates(course_start: NaiveDate, settings: &NccqSettings, count: u32) -> Vec<NaiveDate> {
    (1..=count)
        .map(|n| add_months(course_start, n * settings.refresher_years * 12))
        .collect()
}

/// The pass mark in force at a sitting: the trust's marks for the latest
/// year not after the sitting's year, or the defaults before any.
pub fn pass_mark(settings: &NccqSettings, paper: Paper, sitting: NaiveDate) -> u32 {
    let marks = settings
        .pass_marks
        .iter()
        .filter(|m| m.year <= sitting.year())
        .max_by_key(|m| m.year);
    match (paper, marks) {
        (Paper::Practical, Some(m)) => m.practical,
        (Paper::Theory, Some(m)) => m.theory,
        (Paper::Practical, None) => DEFAULT_PASS_MARK_PRACTICAL,
        (Paper::Theory, None) => DEFAULT_PASS_MARK_THEORY,
    }
}

/// A score at or above the pass mark passes.
pub fn passes(score: f64, pass_mark: u32) -> bool {
    score >= f64::from(pass_mark)
}

/// The ACC award date: once both papers are passed, the date of the later
/// of the two first passes. `None` while a paper is still to pass.
pub fn acc_award_date(attempts: &[ExamAttempt]) -> Option<NaiveDate> {
    Paper::ALL
        .iter()
        .map(|&p| first_pass(attempts, p))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .max()
}

fn first_pass(attempts: &[ExamAttempt], paper: Paper) -> Option<NaiveDate> {
    attempts
        .iter()
        .filter(|a| a.paper == paper && a.passed)
        .map(|a| a.sitting)
        .min()
}

// -------------------------------------------------------------- records --

/// A course attended (or booked, when it starts after today).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CourseAttendance {
    pub id: i64,
    pub kind: CourseKind,
    #[ts(type = "string")]
    pub start: NaiveDate,
    #[ts(type = "string | null")]
    pub end: Option<NaiveDate>,
}

/// One paper's result as stored: no pass or fail, which depends on the
/// settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamResult {
    pub id: i64,
    pub sitting: NaiveDate,
    pub paper: Paper,
    /// Percent.
    pub score: f64,
}

/// One paper sat at one sitting, judged against the pass mark in force then.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExamAttempt {
    pub id: i64,
    #[ts(type = "string")]
    pub sitting: NaiveDate,
    pub paper: Paper,
    /// Percent.
    pub score: f64,
    /// Percent, as in force at the sitting.
    pub pass_mark: u32,
    pub passed: bool,
}

impl ExamAttempt {
    pub fn judge(result: ExamResult, settings: &NccqSettings) -> ExamAttempt {
        let pass_mark = pass_mark(settings, result.paper, result.sitting);
        ExamAttempt {
            id: result.id,
            sitting: result.sitting,
            paper: result.paper,
            score: result.score,
            pass_mark,
            passed: passes(result.score, pass_mark),
        }
    }
}

/// Everything recorded about one person's NCCQ pathway.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NccqRecord {
    pub staff: StaffMember,
    /// By start date.
    pub courses: Vec<CourseAttendance>,
    /// By sitting, Practical before Theory.
    pub exams: Vec<ExamAttempt>,
    /// The last day of their IHRIM membership.
    #[ts(type = "string | null")]
    pub ihrim_valid_until: Option<NaiveDate>,
}

/// What a person typed to record a course: raw text, checked by
/// [`add_course`]. `end` may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CourseInput {
    /// `standards` or `refresher`.
    pub kind: String,
    pub start: String,
    pub end: String,
}

/// What a person typed to record an exam result: raw text, checked by
/// [`add_exam_attempt`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ExamInput {
    pub sitting: String,
    /// `practical` or `theory` (or 1, 2).
    pub paper: String,
    /// Percent; a trailing % is allowed.
    pub score: String,
}

/// A recorded result and, when it completed the NCCQ, the ACC date it gave.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExamOutcome {
    pub attempt: ExamAttempt,
    #[ts(type = "string | null")]
    pub acc_awarded: Option<NaiveDate>,
}

/// One person's courses, judged exam attempts and IHRIM membership, if
/// `actor` may see them: a coder their own, a line manager their reports',
/// the administrator anyone's.
pub fn record(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<NccqRecord> {
    access::can_view_staff(conn, actor, staff_number)?;
    let settings = settings(conn)?;
    record_with(conn, staff_number, &settings)
}

fn record_with(conn: &Connection, staff_number: &str, settings: &NccqSettings) -> Result<NccqRecord> {
    let staff = staff::get(conn, staff_number)?;
    let id = staff_id(conn, staff_number)?;
    Ok(NccqRecord {
        staff,
        courses: db::courses(conn, id)?,
        exams: db::exam_results(conn, id)?
            .into_iter()
            .map(|r| ExamAttempt::judge(r, settings))
            .collect(),
        ihrim_valid_until: db::ihrim_valid_until(conn, id)?,
    })
}

fn staff_id(conn: &Connection, staff_number: &str) -> Result<i64> {
    staff_db::id_of(conn, staff_number)?
        .ok_or_else(|| Error::NotFound(format!("There is no staff member with staff number {staff_number}.")))
}

/// Records a Standards or refresher course. A course starting after today is
/// a booking. A refresher needs the Standards course recorded first, and
/// cannot start before it. No access check and no audit row: for core's own
/// use (demonstration data); the window and the CLI use
/// [`add_course_audited`].
pub fn add_course(conn: &mut Connection, staff_number: &str, input: &CourseInput) -> Result<CourseAttendance> {
    let tx = crate::store::write(conn)?;
    let course = add_course_in(&tx, staff_number, input)?;
    tx.commit()?;
    Ok(course)
}

/// [`add_course`] as `actor` (the administrator, or a line manager for
/// someone who reports to them; never for a leaver), with an audit row in the
/// same transaction.
pub fn add_course_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    input: &CourseInput,
    now: NaiveDateTime,
) -> Result<CourseAttendance> {
    access::can_edit_staff(conn, actor, staff_number, now.date())?;
    let tx = crate::store::write(conn)?;
    let course = add_course_in(&tx, staff_number, input)?;
    audit::record_by(
        &tx,
        actor,
        "nccq.course_add",
        "nccq_course",
        staff_number.trim(),
        audit::snapshot(&course),
        now,
    )?;
    tx.commit()?;
    Ok(course)
}

fn add_course_in(tx: &Connection, staff_number: &str, input: &CourseInput) -> Result<CourseAttendance> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let kind = match CourseKind::parse(&input.kind) {
        Some(k) => Some(k),
        None if input.kind.trim().is_empty() => {
            bad("kind", "Choose the course: standards or refresher.".to_owned());
            None
        }
        None => {
            bad(
                "kind",
                format!(
                    "Course type {} is not known. Use standards or refresher.",
                    input.kind.trim()
                ),
            );
            None
        }
    };
    let start = if input.start.trim().is_empty() {
        bad(
            "start",
            "Enter the course start date, for example 01/03/2026.".to_owned(),
        );
        None
    } else {
        parse_date(&input.start)
            .map_err(|m| bad("start", format!("Start date: {m}")))
            .ok()
    };
    let end = if input.end.trim().is_empty() {
        None
    } else {
        match parse_date(&input.end) {
            Err(m) => {
                bad("end", format!("End date: {m}"));
                None
            }
            Ok(e) if start.is_some_and(|s| e < s) => {
                bad("end", "The end date cannot be before the start date.".to_owned());
                None
            }
            Ok(e) => Some(e),
        }
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let (kind, start) = (kind.expect("checked above"), start.expect("checked above"));

    let id = staff_id(tx, staff_number)?;
    if kind == CourseKind::Refresher {
        let standards = db::courses(tx, id)?
            .into_iter()
            .filter(|c| c.kind == CourseKind::Standards)
            .map(|c| c.start)
            .min();
        match standards {
            None => {
                return Err(Error::invalid(
                    "kind",
                    "Record the Standards course before a refresher course.",
                ))
            }
            Some(s) if start < s => {
                return Err(Error::invalid(
                    "start",
                    format!(
                        "A refresher course cannot start before the Standards course ({}).",
                        display(s)
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    let course_id = db::insert_course(tx, id, kind, start, end)?;
    Ok(CourseAttendance {
        id: course_id,
        kind,
        start,
        end,
    })
}

/// Records one paper's score at a sitting, judged against the pass mark in
/// force then. When it completes the NCCQ and the staff record has no ACC
/// date yet, the award date is written there; a date a manager entered
/// themselves is never overwritten. No access check and no audit row: for
/// core's own use (demonstration data); the window and the CLI use
/// [`add_exam_attempt_audited`].
pub fn add_exam_attempt(
    conn: &mut Connection,
    staff_number: &str,
    input: &ExamInput,
    today: NaiveDate,
) -> Result<ExamOutcome> {
    let tx = crate::store::write(conn)?;
    let outcome = add_exam_attempt_in(&tx, staff_number, input, today)?;
    tx.commit()?;
    Ok(outcome)
}

/// [`add_exam_attempt`] as `actor` (the administrator, or a line manager for
/// someone who reports to them; never for a leaver), with an audit row in the
/// same transaction. `today` decides which sittings have happened; `now`
/// stamps the audit row.
pub fn add_exam_attempt_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    input: &ExamInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<ExamOutcome> {
    access::can_edit_staff(conn, actor, staff_number, today)?;
    let tx = crate::store::write(conn)?;
    let outcome = add_exam_attempt_in(&tx, staff_number, input, today)?;
    audit::record_by(
        &tx,
        actor,
        "nccq.exam_add",
        "nccq_exam_attempt",
        staff_number.trim(),
        audit::snapshot(&outcome),
        now,
    )?;
    tx.commit()?;
    Ok(outcome)
}

fn add_exam_attempt_in(
    tx: &Connection,
    staff_number: &str,
    input: &ExamInput,
    today: NaiveDate,
) -> Result<ExamOutcome> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let sitting = if input.sitting.trim().is_empty() {
        bad("sitting", "Enter the sitting date, for example 01/03/2026.".to_owned());
        None
    } else {
        match parse_date(&input.sitting) {
            Err(m) => {
                bad("sitting", format!("Sitting date: {m}"));
                None
            }
            Ok(d) if d > today => {
                bad(
                    "sitting",
                    format!(
                        "The {} sitting has not happened yet: record the result once it is known.",
                        display(d)
                    ),
                );
                None
            }
            Ok(d) => Some(d),
        }
    };
    let paper = Paper::parse(&input.paper);
    if paper.is_none() {
        bad(
            "paper",
            format!(
                "Paper {} is not an NCCQ paper. Use practical or theory.",
                input.paper.trim()
            ),
        );
    }
    let score_text = input.score.trim();
    let score = score_text.trim_end_matches('%').trim().parse::<f64>().ok();
    let score = match score {
        Some(s) if s.is_finite() && (0.0..=100.0).contains(&s) => Some(s),
        _ => {
            bad(
                "score",
                format!("Score {score_text} is not a percentage from 0 to 100."),
            );
            None
        }
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let (sitting, paper, score) = (
        sitting.expect("checked above"),
        paper.expect("checked above"),
        score.expect("checked above"),
    );

    let settings = settings(tx)?;
    let staff = staff::get(tx, staff_number)?;
    let id = staff_id(tx, staff_number)?;
    if db::exam_recorded(tx, id, sitting, paper)? {
        return Err(Error::invalid(
            "paper",
            format!(
                "{} at the {} sitting is already recorded for {}.",
                paper.label(),
                display(sitting),
                staff.full_name()
            ),
        ));
    }
    let attempt_id = db::insert_exam(tx, id, sitting, paper, score)?;
    let attempts: Vec<ExamAttempt> = db::exam_results(tx, id)?
        .into_iter()
        .map(|r| ExamAttempt::judge(r, &settings))
        .collect();
    let acc_awarded = match acc_award_date(&attempts) {
        Some(date) if staff.acc_date.is_none() => {
            db::set_acc_date_if_unset(tx, id, date)?;
            Some(date)
        }
        _ => None,
    };
    let attempt = attempts
        .into_iter()
        .find(|a| a.id == attempt_id)
        .expect("the attempt just inserted is listed");
    Ok(ExamOutcome { attempt, acc_awarded })
}

/// Records the last valid day of someone's IHRIM membership, replacing any
/// earlier one. No access check and no audit row: for core's own use
/// (demonstration data); the window and the CLI use
/// [`set_ihrim_membership_audited`].
pub fn set_ihrim_membership(conn: &mut Connection, staff_number: &str, valid_until: &str) -> Result<NaiveDate> {
    let date = ihrim_date(valid_until)?;
    let tx = crate::store::write(conn)?;
    let id = staff_id(&tx, staff_number)?;
    db::set_ihrim_valid_until(&tx, id, date)?;
    tx.commit()?;
    Ok(date)
}

/// [`set_ihrim_membership`] as `actor` (the administrator, or a line manager
/// for someone who reports to them; never for a leaver), recording the old
/// and new dates in the audit trail in the same transaction.
pub fn set_ihrim_membership_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    valid_until: &str,
    now: NaiveDateTime,
) -> Result<NaiveDate> {
    access::can_edit_staff(conn, actor, staff_number, now.date())?;
    let date = ihrim_date(valid_until)?;
    let tx = crate::store::write(conn)?;
    let id = staff_id(&tx, staff_number)?;
    let before = db::ihrim_valid_until(&tx, id)?;
    db::set_ihrim_valid_until(&tx, id, date)?;
    audit::record_by(
        &tx,
        actor,
        "nccq.membership_set",
        "ihrim_membership",
        staff_number.trim(),
        serde_json::json!({ "valid_until": { "from": before, "to": date } }),
        now,
    )?;
    tx.commit()?;
    Ok(date)
}

fn ihrim_date(valid_until: &str) -> Result<NaiveDate> {
    if valid_until.trim().is_empty() {
        Err("Enter the date the IHRIM membership is valid until, for example 31/03/2027.".to_owned())
    } else {
        parse_date(valid_until).map_err(|m| format!("Valid until: {m}"))
    }
    .map_err(|m| Error::invalid("valid_until", m))
}

// --------------------------------------------------------------- status --

/// The dates that follow from an appointment date alone: what `appraise-cli
/// nccq deadlines` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NccqDeadlines {
    #[ts(type = "string")]
    pub standards_course_start_by: NaiveDate,
    #[ts(type = "string")]
    pub nccq_by: NaiveDate,
    /// Sittings from today (or the appointment, if later) to `nccq_by`.
    #[ts(type = "Array<string>")]
    pub sittings_left: Vec<NaiveDate>,
    /// Days from today to `nccq_by`; negative once it has passed.
    pub days_left: i64,
    /// The next refresher due dates, counted from the Standards course (or,
    /// when none is given, from its latest allowed start).
    #[ts(type = "Array<string>")]
    pub refresher_due: Vec<NaiveDate>,
    #[ts(type = "string")]
    pub appointed: NaiveDate,
    #[ts(type = "string")]
    pub today: NaiveDate,
}

/// Every date rule applied to one appointment date.
pub fn deadlines(
    appointed: NaiveDate,
    standards_course: Option<NaiveDate>,
    settings: &NccqSettings,
    today: NaiveDate,
) -> NccqDeadlines {
    let start_by = standards_course_start_by(appointed, settings);
    let nccq_by = nccq_deadline(appointed, settings);
    NccqDeadlines {
        standards_course_start_by: start_by,
        nccq_by,
        sittings_left: sittings_between(settings, today.max(appointed), nccq_by),
        days_left: (nccq_by - today).num_days(),
        refresher_due: refresher_due_dates(standards_course.unwrap_or(start_by), settings, REFRESHERS_SHOWN),
        appointed,
        today,
    }
}

/// Where one person stands on the NCCQ pathway, why, and what to do next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NccqStatus {
    pub staff_number: String,
    pub name: String,
    pub state: NccqState,
    /// Plain sentences, the ones that set the state first.
    pub reasons: Vec<String>,
    /// Plain sentences, the most urgent first.
    pub next_steps: Vec<String>,
    #[ts(type = "string")]
    pub appointed: NaiveDate,
    #[ts(type = "string")]
    pub standards_course_start_by: NaiveDate,
    #[ts(type = "string")]
    pub nccq_by: NaiveDate,
    /// Days from today to `nccq_by`; negative once it has passed.
    pub days_left: i64,
    #[ts(type = "Array<string>")]
    pub sittings_left: Vec<NaiveDate>,
    /// The start of the first Standards course, attended or booked.
    #[ts(type = "string | null")]
    pub standards_course_start: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub practical_passed: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub theory_passed: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub acc_date: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub ihrim_valid_until: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub next_refresher_due: Option<NaiveDate>,
}

/// One person's status, read from the database, whoever asks: for core's
/// own use (the team view, the appraisal). The window and the CLI use
/// [`status_as`].
pub fn status(conn: &Connection, staff_number: &str, today: NaiveDate) -> Result<NccqStatus> {
    let settings = settings(conn)?;
    Ok(assess(&record_with(conn, staff_number, &settings)?, &settings, today))
}

/// One person's status, if `actor` may see them: a coder their own, a line
/// manager their reports', the administrator anyone's.
pub fn status_as(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<NccqStatus> {
    access::can_view_staff(conn, actor, staff_number)?;
    status(conn, staff_number, today)
}

/// Everyone `actor` may see who is still working towards the NCCQ (no ACC
/// date, not left by today), the least time left first.
pub fn team_status(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<NccqStatus>> {
    let visible: std::collections::HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    let settings = settings(conn)?;
    let mut team = Vec::new();
    for member in staff::list(conn)?
        .into_iter()
        .filter(|m| visible.contains(&m.staff_number))
    {
        let left = member.leaver_date.is_some_and(|d| d <= today);
        if member.acc_date.is_none() && !left {
            team.push(assess(
                &record_with(conn, &member.staff_number, &settings)?,
                &settings,
                today,
            ));
        }
    }
    // Stable: people with the same days left stay in surname order.
    team.sort_by_key(|s| s.days_left);
    Ok(team)
}

/// Findings gathered while assessing: each carries the state it implies, so
/// the worst sets the status and its words come first.
#[derive(Default)]
struct Findings {
    reasons: Vec<(NccqState, String)>,
    next_steps: Vec<(NccqState, String)>,
}

impl Findings {
    fn note(&mut self, state: NccqState, reason: String, next_step: Option<String>) {
        self.reasons.push((state, reason));
        if let Some(step) = next_step {
            self.next_steps.push((state, step));
        }
    }

    /// A next step that follows from reasons already noted.
    fn step(&mut self, state: NccqState, next_step: String) {
        self.next_steps.push((state, next_step));
    }

    fn state(&self) -> NccqState {
        self.reasons.iter().map(|r| r.0).max().unwrap_or(NccqState::OnTrack)
    }

    fn worst_first(mut list: Vec<(NccqState, String)>) -> Vec<String> {
        list.sort_by_key(|(state, _)| std::cmp::Reverse(*state));
        list.into_iter().map(|(_, text)| text).collect()
    }
}

/// The status rules, on a record already read:
/// - achieved: an ACC date is recorded, or both papers have been passed;
/// - missed: papers are still to pass and the NCCQ deadline has passed, or
///   no sitting is left before it;
/// - at risk: the Standards course has not started with a month or less to
///   go (or is booked after its deadline, or its deadline has passed), only
///   one sitting is left, a paper has been failed with only two sittings
///   left, or the IHRIM membership ends before the next sitting;
/// - on track otherwise.
///
/// A refresher course that is due or overdue is a next step, never a state:
/// it does not change whether someone qualifies.
pub fn assess(record: &NccqRecord, settings: &NccqSettings, today: NaiveDate) -> NccqStatus {
    use NccqState::*;
    let staff = &record.staff;
    let start_by = standards_course_start_by(staff.appointed, settings);
    let nccq_by = nccq_deadline(staff.appointed, settings);
    let sittings_left = sittings_between(settings, today.max(staff.appointed), nccq_by);
    let practical_passed = first_pass(&record.exams, Paper::Practical);
    let theory_passed = first_pass(&record.exams, Paper::Theory);
    let acc_date = staff.acc_date.or_else(|| acc_award_date(&record.exams));
    let standards_course_start = record
        .courses
        .iter()
        .filter(|c| c.kind == CourseKind::Standards)
        .map(|c| c.start)
        .min();
    let latest_course = record.courses.iter().map(|c| c.start).filter(|&d| d <= today).max();
    let next_refresher = latest_course.map(|d| next_refresher_due(d, settings));

    let mut found = Findings::default();
    if let Some(acc) = acc_date {
        found.note(
            Achieved,
            format!("Accredited Clinical Coder since {}.", display(acc)),
            None,
        );
        if acc > nccq_by {
            found.note(
                Achieved,
                format!("Qualified after the NCCQ deadline of {}.", display(nccq_by)),
                None,
            );
        }
    } else {
        course_findings(&mut found, record, settings, today, start_by);
        exam_findings(&mut found, record, settings, today, nccq_by, &sittings_left);
    }
    if let Some(due) = next_refresher {
        if due < today {
            found.note(
                OnTrack,
                format!("The refresher course was due by {}.", display(due)),
                Some("Book a Clinical Coding Standards refresher course.".to_owned()),
            );
        } else if due <= add_months(today, REFRESHER_NOTICE_MONTHS) {
            found.note(
                OnTrack,
                format!("A refresher course is due by {}.", display(due)),
                Some(format!("Book a refresher course to start by {}.", display(due))),
            );
        }
    }

    let state = found.state();
    NccqStatus {
        staff_number: staff.staff_number.clone(),
        name: staff.full_name(),
        state,
        reasons: Findings::worst_first(found.reasons),
        next_steps: Findings::worst_first(found.next_steps),
        appointed: staff.appointed,
        standards_course_start_by: start_by,
        nccq_by,
        days_left: (nccq_by - today).num_days(),
        sittings_left,
        standards_course_start,
        practical_passed,
        theory_passed,
        acc_date,
        ihrim_valid_until: record.ihrim_valid_until,
        next_refresher_due: next_refresher,
    }
}

fn course_findings(
    found: &mut Findings,
    record: &NccqRecord,
    settings: &NccqSettings,
    today: NaiveDate,
    start_by: NaiveDate,
) {
    use NccqState::*;
    let starts = record
        .courses
        .iter()
        .filter(|c| c.kind == CourseKind::Standards)
        .map(|c| c.start);
    let started = starts.clone().filter(|&d| d <= today).min();
    let booked = starts.filter(|&d| d > today).min();
    let (by, months) = (display(start_by), settings.course_months);
    match (started, booked) {
        (Some(s), _) if s > start_by => found.note(
            OnTrack,
            format!(
                "Standards course started {}, after its start deadline of {by}.",
                display(s)
            ),
            None,
        ),
        (Some(s), _) => found.note(OnTrack, format!("Standards course started {}.", display(s)), None),
        (None, Some(b)) if b > start_by => found.note(
            AtRisk,
            format!(
                "Standards course booked to start {}, after its start deadline of {by}.",
                display(b)
            ),
            Some("Ask for an earlier place on a Standards course.".to_owned()),
        ),
        (None, Some(b)) => found.note(
            OnTrack,
            format!("Standards course booked to start {}.", display(b)),
            None,
        ),
        (None, None) if today > start_by => found.note(
            AtRisk,
            format!("Standards course not started and its start deadline of {by} has passed."),
            Some("Book the next Standards course now.".to_owned()),
        ),
        (None, None) => {
            let gone = whole_months_between(record.staff.appointed, today);
            // The last month before the deadline is the time to worry: a
            // course needs booking weeks ahead.
            let state = if gone + 1 >= months { AtRisk } else { OnTrack };
            let joiner = if state == AtRisk { "and" } else { "yet;" };
            found.note(
                state,
                format!("Standards course not started {joiner} {gone} of {months} months gone."),
                Some(format!("Book a Standards course to start by {by}.")),
            );
        }
    }
}

fn exam_findings(
    found: &mut Findings,
    record: &NccqRecord,
    settings: &NccqSettings,
    today: NaiveDate,
    nccq_by: NaiveDate,
    sittings_left: &[NaiveDate],
) {
    use NccqState::*;
    let by = display(nccq_by);
    let mut outstanding = Vec::new();
    for paper in Paper::ALL {
        let attempts = record.exams.iter().filter(|a| a.paper == paper);
        if let Some(pass) = attempts.clone().filter(|a| a.passed).min_by_key(|a| a.sitting) {
            found.note(
                OnTrack,
                format!(
                    "{} passed in {} ({}).",
                    paper.label(),
                    month_year(pass.sitting),
                    percent(pass.score)
                ),
                None,
            );
        } else {
            outstanding.push((paper, attempts.max_by_key(|a| a.sitting)));
        }
    }
    if outstanding.is_empty() {
        return; // both passed: the ACC date is assessed by the caller
    }
    let to_pass = outstanding
        .iter()
        .map(|(p, _)| p.label())
        .collect::<Vec<_>>()
        .join(" and ");
    let failures: Vec<String> = outstanding
        .iter()
        .filter_map(|(paper, last)| {
            last.map(|a| {
                format!(
                    "{} failed in {} ({}; pass mark {}%)",
                    paper.label(),
                    month_year(a.sitting),
                    percent(a.score),
                    a.pass_mark
                )
            })
        })
        .collect();
    let missed_step = format!(
        "Agree a plan with the coding manager: the {}-month NCCQ rule has not been met.",
        settings.deadline_months
    );

    match sittings_left {
        _ if today > nccq_by => {
            found.note(
                Missed,
                format!("The NCCQ deadline of {by} has passed with {to_pass} still to pass."),
                Some(missed_step),
            );
            failures
                .into_iter()
                .for_each(|f| found.note(Missed, format!("{f}."), None));
        }
        [] => {
            found.note(
                Missed,
                format!("No sitting is left before the NCCQ deadline of {by}, and {to_pass} is still to pass."),
                Some(missed_step),
            );
            failures
                .into_iter()
                .for_each(|f| found.note(Missed, format!("{f}."), None));
        }
        [last] => {
            if failures.is_empty() {
                found.note(
                    AtRisk,
                    format!(
                        "Only one sitting left before {by} ({}), and {to_pass} still to pass.",
                        display(*last)
                    ),
                    None,
                );
            }
            for f in failures {
                found.note(AtRisk, format!("{f}; only one sitting left before {by}."), None);
            }
            found.step(
                AtRisk,
                format!(
                    "Sit {to_pass} on {}: it is the last sitting before the deadline.",
                    display(*last)
                ),
            );
        }
        [next, ..] => {
            // A failed paper with only two sittings left leaves one resit
            // and no room for a second failure: worth a manager's eye now.
            let (state, tail) = if sittings_left.len() == 2 {
                (AtRisk, format!("; only 2 sittings left before {by}."))
            } else {
                (OnTrack, ".".to_owned())
            };
            for f in failures {
                found.note(state, format!("{f}{tail}"), None);
            }
            found.note(
                OnTrack,
                format!(
                    "{} sittings left before the NCCQ deadline of {by}.",
                    sittings_left.len()
                ),
                Some(format!(
                    "Enter {to_pass} for a sitting; the next is {}.",
                    display(*next)
                )),
            );
        }
    }

    if let Some(&next) = sittings_left.first() {
        let sitting = display(next);
        match record.ihrim_valid_until {
            None => found.note(
                OnTrack,
                "No IHRIM membership is recorded; a valid one is needed to sit.".to_owned(),
                Some(format!(
                    "Join IHRIM, or record the membership, before the {sitting} sitting."
                )),
            ),
            Some(until) if until < today => found.note(
                AtRisk,
                format!(
                    "IHRIM membership expired on {}; a valid one is needed to sit on {sitting}.",
                    display(until)
                ),
                Some(format!("Renew IHRIM membership before {sitting}.")),
            ),
            Some(until) if until < next => found.note(
                AtRisk,
                format!(
                    "IHRIM membership expires before the next sitting: it ends {}, the sitting is {sitting}.",
                    display(until)
                ),
                Some(format!("Renew IHRIM membership before {sitting}.")),
            ),
            Some(until) => found.note(
                OnTrack,
                format!("IHRIM membership valid until {}.", display(until)),
                None,
            ),
        }
    }
}

/// "March 2026": how people name a sitting.
fn month_year(date: NaiveDate) -> String {
    date.format("%B %Y").to_string()
}

/// "65%", "89.5%".
fn percent(score: f64) -> String {
    format!("{score}%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::StaffInput;
    use crate::Store;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn noon() -> NaiveDateTime {
        ymd(2026, 11, 21).and_hms_opt(12, 0, 0).unwrap()
    }

    fn defaults() -> NccqSettings {
        NccqSettings::default()
    }

    /// Adds a trainee appointed on `appointed` and gives their staff number.
    fn trainee(store: &mut Store, forename: &str, appointed: &str) -> String {
        let input = StaffInput {
            forename: forename.into(),
            surname: "Coder".into(),
            band: "3".into(),
            appointed: appointed.into(),
            ..Default::default()
        };
        staff::add(store.conn_mut(), &input, ymd(2030, 1, 1))
            .unwrap()
            .staff_number
    }

    fn exam(store: &mut Store, who: &str, sitting: &str, paper: &str, score: &str) -> ExamOutcome {
        let input = ExamInput {
            sitting: sitting.into(),
            paper: paper.into(),
            score: score.into(),
        };
        add_exam_attempt(store.conn_mut(), who, &input, ymd(2030, 1, 1)).unwrap()
    }

    fn course(store: &mut Store, who: &str, kind: &str, start: &str) -> Result<CourseAttendance> {
        let input = CourseInput {
            kind: kind.into(),
            start: start.into(),
            end: String::new(),
        };
        add_course(store.conn_mut(), who, &input)
    }

    fn fields(err: Error) -> Vec<(String, String)> {
        match err {
            Error::Invalid(f) => f.into_iter().map(|f| (f.field, f.message)).collect(),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    // ------------------------------------------------------ date rules --

    #[test]
    fn adding_months_clamps_to_the_end_of_a_shorter_month() {
        assert_eq!(add_months(ymd(2025, 3, 31), 6), ymd(2025, 9, 30), "31 March + 6 months");
        assert_eq!(
            add_months(ymd(2025, 1, 31), 1),
            ymd(2025, 2, 28),
            "31 January + 1 month"
        );
        assert_eq!(add_months(ymd(2025, 12, 31), 2), ymd(2026, 2, 28), "across a year end");
        assert_eq!(
            add_months(ymd(2025, 9, 30), 6),
            ymd(2026, 3, 30),
            "30 September + 6 months stays on the 30th, not the month end"
        );
        assert_eq!(
            add_months(ymd(2025, 8, 15), 6),
            ymd(2026, 2, 15),
            "mid-month is untouched"
        );
        assert_eq!(add_months(ymd(2025, 8, 15), 0), ymd(2025, 8, 15), "no months, same day");
    }

    #[test]
    fn the_leap_day_is_kept_only_in_leap_years() {
        assert_eq!(
            add_months(ymd(2024, 2, 29), 24),
            ymd(2026, 2, 28),
            "29/02/2024 + 24 months"
        );
        assert_eq!(add_months(ymd(2024, 2, 29), 12), ymd(2025, 2, 28), "+ 12 months");
        assert_eq!(
            add_months(ymd(2024, 2, 29), 48),
            ymd(2028, 2, 29),
            "+ 48 months is a leap year again"
        );
        assert_eq!(
            add_months(ymd(2024, 1, 31), 1),
            ymd(2024, 2, 29),
            "31 January 2024 + 1 month"
        );
    }

    #[test]
    fn the_standards_course_must_start_within_six_months_of_appointment() {
        let s = defaults();
        assert_eq!(standards_course_start_by(ymd(2025, 9, 1), &s), ymd(2026, 3, 1));
        assert_eq!(
            standards_course_start_by(ymd(2025, 3, 31), &s),
            ymd(2025, 9, 30),
            "month end clamps"
        );
        assert_eq!(
            standards_course_start_by(ymd(2023, 8, 31), &s),
            ymd(2024, 2, 29),
            "clamps to the leap day in a leap year"
        );
        assert_eq!(
            standards_course_start_by(ymd(2024, 8, 31), &s),
            ymd(2025, 2, 28),
            "and to the 28th otherwise"
        );
        let three = NccqSettings {
            course_months: 3,
            ..defaults()
        };
        assert_eq!(
            standards_course_start_by(ymd(2025, 9, 1), &three),
            ymd(2025, 12, 1),
            "follows the setting"
        );
    }

    #[test]
    fn the_nccq_deadline_is_24_months_by_default_and_follows_the_setting() {
        let s = defaults();
        assert_eq!(nccq_deadline(ymd(2025, 8, 31), &s), ymd(2027, 8, 31));
        assert_eq!(
            nccq_deadline(ymd(2024, 2, 29), &s),
            ymd(2026, 2, 28),
            "leap day appointment"
        );
        let eighteen = NccqSettings {
            deadline_months: 18,
            ..defaults()
        };
        assert_eq!(
            nccq_deadline(ymd(2025, 3, 31), &eighteen),
            ymd(2026, 9, 30),
            "18 months, clamped to 30 September"
        );
    }

    #[test]
    fn whole_months_are_counted_the_way_deadlines_add_them() {
        assert_eq!(
            whole_months_between(ymd(2025, 1, 31), ymd(2025, 2, 28)),
            1,
            "31/01 to 28/02 is a month"
        );
        assert_eq!(
            whole_months_between(ymd(2025, 1, 31), ymd(2025, 2, 27)),
            0,
            "a day short"
        );
        assert_eq!(
            whole_months_between(ymd(2025, 3, 31), ymd(2025, 9, 30)),
            6,
            "appointment to course deadline"
        );
        assert_eq!(
            whole_months_between(ymd(2025, 3, 15), ymd(2025, 8, 14)),
            4,
            "the day before the 5th month"
        );
        assert_eq!(whole_months_between(ymd(2025, 3, 15), ymd(2025, 8, 15)), 5);
        assert_eq!(
            whole_months_between(ymd(2025, 3, 15), ymd(2025, 3, 1)),
            0,
            "backwards is none"
        );
        assert_eq!(
            whole_months_between(ymd(2024, 2, 29), ymd(2026, 2, 28)),
            24,
            "the leap day deadline"
        );
    }

    #[test]
    fn default_sittings_are_1_march_and_1_september_both_ends_included() {
        let s = defaults();
        assert_eq!(
            sittings_between(&s, ymd(2025, 9, 1), ymd(2027, 8, 31)),
            [ymd(2025, 9, 1), ymd(2026, 3, 1), ymd(2026, 9, 1), ymd(2027, 3, 1)],
            "a sitting today counts; one the day after the deadline does not"
        );
        assert_eq!(
            sittings_between(&s, ymd(2025, 9, 2), ymd(2026, 3, 1)),
            [ymd(2026, 3, 1)],
            "a sitting on the deadline counts"
        );
        assert!(
            sittings_between(&s, ymd(2026, 3, 2), ymd(2026, 8, 31)).is_empty(),
            "none in between"
        );
        assert!(
            sittings_between(&s, ymd(2027, 1, 1), ymd(2026, 1, 1)).is_empty(),
            "backwards is none"
        );
    }

    #[test]
    fn a_configured_sitting_list_replaces_the_defaults() {
        let s = NccqSettings {
            sittings: vec![ymd(2026, 9, 14), ymd(2026, 3, 9), ymd(2026, 3, 9), ymd(2027, 3, 8)],
            ..defaults()
        };
        assert_eq!(
            sittings_between(&s, ymd(2026, 1, 1), ymd(2027, 12, 31)),
            [ymd(2026, 3, 9), ymd(2026, 9, 14), ymd(2027, 3, 8)],
            "sorted, once each, and no 1 March or 1 September"
        );
        assert!(
            sittings_between(&s, ymd(2028, 1, 1), ymd(2029, 12, 31)).is_empty(),
            "beyond the list there are no sittings: the trust's list wins"
        );
    }

    #[test]
    fn refresher_courses_fall_due_every_three_years_counted_from_the_course() {
        let s = defaults();
        assert_eq!(
            refresher_due_dates(ymd(2025, 10, 6), &s, 3),
            [ymd(2028, 10, 6), ymd(2031, 10, 6), ymd(2034, 10, 6)]
        );
        assert_eq!(
            refresher_due_dates(ymd(2024, 2, 29), &s, 4),
            [ymd(2027, 2, 28), ymd(2030, 2, 28), ymd(2033, 2, 28), ymd(2036, 2, 29)],
            "a leap-day course is clamped only in common years"
        );
        assert_eq!(
            next_refresher_due(ymd(2024, 2, 29), &s),
            ymd(2027, 2, 28),
            "next due from a leap day"
        );
        let two = NccqSettings {
            refresher_years: 2,
            ..defaults()
        };
        assert_eq!(
            refresher_due_dates(ymd(2025, 10, 6), &two, 1),
            [ymd(2027, 10, 6)],
            "follows the setting"
        );
    }

    #[test]
    fn the_pass_mark_is_the_one_in_force_in_the_sittings_year() {
        let s = NccqSettings {
            pass_marks: vec![
                PassMarks {
                    year: 2028,
                    practical: 88,
                    theory: 72,
                },
                PassMarks {
                    year: 2026,
                    practical: 85,
                    theory: 65,
                },
            ],
            ..defaults()
        };
        assert_eq!(
            pass_mark(&s, Paper::Practical, ymd(2025, 9, 1)),
            90,
            "before any year: default"
        );
        assert_eq!(
            pass_mark(&s, Paper::Theory, ymd(2025, 9, 1)),
            70,
            "before any year: default"
        );
        assert_eq!(pass_mark(&s, Paper::Practical, ymd(2026, 3, 1)), 85, "2026's marks");
        assert_eq!(
            pass_mark(&s, Paper::Theory, ymd(2027, 9, 1)),
            65,
            "2026's marks still in force in 2027"
        );
        assert_eq!(pass_mark(&s, Paper::Theory, ymd(2028, 3, 1)), 72, "2028's marks");
        assert!(passes(70.0, 70), "exactly the pass mark passes");
        assert!(!passes(69.9, 70), "just under fails");
    }

    #[test]
    fn the_acc_date_is_the_later_of_the_two_first_passes() {
        let s = defaults();
        let attempt = |id, sitting, paper, score| {
            ExamAttempt::judge(
                ExamResult {
                    id,
                    sitting,
                    paper,
                    score,
                },
                &s,
            )
        };
        let practical_pass = attempt(1, ymd(2026, 3, 1), Paper::Practical, 91.0);
        let theory_fail = attempt(2, ymd(2026, 3, 1), Paper::Theory, 60.0);
        let theory_pass = attempt(3, ymd(2026, 9, 1), Paper::Theory, 75.0);
        let theory_again = attempt(4, ymd(2027, 3, 1), Paper::Theory, 80.0);
        assert_eq!(
            acc_award_date(&[practical_pass.clone(), theory_fail.clone()]),
            None,
            "Theory still to pass"
        );
        assert_eq!(
            acc_award_date(&[practical_pass.clone(), theory_fail, theory_pass.clone()]),
            Some(ymd(2026, 9, 1)),
            "the later pass"
        );
        assert_eq!(
            acc_award_date(&[theory_again, theory_pass, practical_pass]),
            Some(ymd(2026, 9, 1)),
            "a later pass of the same paper does not move the date"
        );
    }

    #[test]
    fn deadlines_count_sittings_from_the_appointment_when_it_is_still_ahead() {
        let d = deadlines(ymd(2025, 9, 1), None, &defaults(), ymd(2025, 6, 1));
        assert_eq!(d.standards_course_start_by, ymd(2026, 3, 1));
        assert_eq!(d.nccq_by, ymd(2027, 9, 1));
        assert_eq!(
            d.sittings_left.first(),
            Some(&ymd(2025, 9, 1)),
            "no sitting before the appointment is offered"
        );
        assert_eq!(
            d.sittings_left.last(),
            Some(&ymd(2027, 9, 1)),
            "a sitting on the deadline is in time"
        );
        assert_eq!(d.days_left, 822, "from 01/06/2025 to 01/09/2027");
        assert_eq!(
            d.refresher_due[0],
            ymd(2029, 3, 1),
            "from the latest allowed course start"
        );
        let with_course = deadlines(ymd(2025, 9, 1), Some(ymd(2025, 10, 6)), &defaults(), ymd(2025, 6, 1));
        assert_eq!(with_course.refresher_due[0], ymd(2028, 10, 6), "from the course given");
    }

    // --------------------------------------------------------- records --

    #[test]
    fn settings_default_when_nothing_is_stored_and_round_trip_when_saved() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(
            settings(store.conn()).unwrap(),
            defaults(),
            "a new database uses the defaults"
        );
        let mine = NccqSettings {
            deadline_months: 18,
            course_months: 4,
            refresher_years: 2,
            sittings: vec![ymd(2026, 9, 14), ymd(2026, 3, 9), ymd(2026, 9, 14)],
            pass_marks: vec![PassMarks {
                year: 2026,
                practical: 85,
                theory: 65,
            }],
        };
        let saved = save_settings(store.conn_mut(), &Actor::system(), &mine, noon()).unwrap();
        assert_eq!(saved.deadline_months, 18);
        assert_eq!(
            saved.sittings,
            [ymd(2026, 3, 9), ymd(2026, 9, 14)],
            "sorted, without repeats"
        );
        assert_eq!(settings(store.conn()).unwrap(), saved, "read back as saved");
    }

    #[test]
    fn bad_settings_each_get_a_message_and_nothing_is_saved() {
        let mut store = Store::open_in_memory().unwrap();
        let bad = NccqSettings {
            deadline_months: 0,
            course_months: 61,
            refresher_years: 11,
            sittings: vec![],
            pass_marks: vec![
                PassMarks {
                    year: 2026,
                    practical: 101,
                    theory: 70,
                },
                PassMarks {
                    year: 2026,
                    practical: 90,
                    theory: 70,
                },
            ],
        };
        let msgs = fields(save_settings(store.conn_mut(), &Actor::system(), &bad, noon()).unwrap_err());
        let names: Vec<&str> = msgs.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "deadline_months",
                "course_months",
                "refresher_years",
                "pass_marks",
                "pass_marks"
            ],
            "{msgs:?}"
        );
        assert!(msgs[3].1.contains("2026"), "names the year given twice: {}", msgs[3].1);
        assert_eq!(settings(store.conn()).unwrap(), defaults(), "nothing saved");
    }

    #[test]
    fn a_course_is_recorded_and_a_refresher_needs_the_standards_course_first() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-09-01");
        let msgs = fields(course(&mut store, &who, "refresher", "2028-09-01").unwrap_err());
        assert_eq!(msgs[0].0, "kind");
        assert!(msgs[0].1.contains("Standards course before"), "{msgs:?}");

        let ccsc = course(&mut store, &who, "standards", "06/10/2025").unwrap();
        assert_eq!(ccsc.kind, CourseKind::Standards);
        assert_eq!(ccsc.start, ymd(2025, 10, 6), "dd/mm/yyyy is understood");

        let msgs = fields(course(&mut store, &who, "refresher", "2025-09-30").unwrap_err());
        assert_eq!(msgs[0].0, "start");
        assert!(
            msgs[0].1.contains("06/10/2025"),
            "names the Standards course date: {msgs:?}"
        );
        course(&mut store, &who, "CCSRC", "2028-10-02").expect("the national abbreviation is understood");
        assert_eq!(record(store.conn(), &Actor::system(), &who).unwrap().courses.len(), 2);
    }

    #[test]
    fn bad_course_input_is_refused_field_by_field() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-09-01");
        let input = CourseInput {
            kind: "induction".into(),
            start: "2025-10-06".into(),
            end: "2025-10-01".into(),
        };
        let msgs = fields(add_course(store.conn_mut(), &who, &input).unwrap_err());
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].1.contains("induction"), "quotes the type typed: {}", msgs[0].1);
        assert_eq!(msgs[1].0, "end");
        let input = CourseInput {
            kind: "standards".into(),
            start: "2025-02-30".into(),
            end: String::new(),
        };
        let msgs = fields(add_course(store.conn_mut(), &who, &input).unwrap_err());
        assert!(msgs[0].1.contains("2025-02-30"), "quotes the date: {}", msgs[0].1);
        let err = course(&mut store, "999", "standards", "2025-10-06").unwrap_err();
        assert_eq!(err.code(), "not_found", "an unknown staff number");
    }

    #[test]
    fn pass_or_fail_follows_the_pass_mark_in_force_at_the_sitting() {
        let mut store = Store::open_in_memory().unwrap();
        let marks = NccqSettings {
            pass_marks: vec![PassMarks {
                year: 2026,
                practical: 85,
                theory: 65,
            }],
            ..defaults()
        };
        save_settings(store.conn_mut(), &Actor::system(), &marks, noon()).unwrap();
        let who = trainee(&mut store, "Ada", "2025-03-01");
        let sept = exam(&mut store, &who, "2025-09-01", "practical", "87");
        assert!(!sept.attempt.passed, "87% under 2025's default 90%");
        assert_eq!(sept.attempt.pass_mark, 90);
        let march = exam(&mut store, &who, "2026-03-01", "Paper 1", "87%");
        assert!(march.attempt.passed, "87% over 2026's 85%");
        assert_eq!(march.attempt.pass_mark, 85);
        assert_eq!(march.acc_awarded, None, "Theory still to pass");
    }

    #[test]
    fn bad_exam_input_is_refused_field_by_field() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-03-01");
        let today = ymd(2026, 2, 1);
        let input = ExamInput {
            sitting: "2026-03-01".into(),
            paper: "oral".into(),
            score: "101".into(),
        };
        let msgs = fields(add_exam_attempt(store.conn_mut(), &who, &input, today).unwrap_err());
        let names: Vec<&str> = msgs.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(names, ["sitting", "paper", "score"], "{msgs:?}");
        assert!(
            msgs[0].1.contains("not happened yet"),
            "a future sitting: {}",
            msgs[0].1
        );
        assert!(msgs[1].1.contains("oral"), "quotes the paper: {}", msgs[1].1);
        assert!(msgs[2].1.contains("101"), "quotes the score: {}", msgs[2].1);

        exam(&mut store, &who, "2025-09-01", "theory", "60");
        let again = ExamInput {
            sitting: "01/09/2025".into(),
            paper: "theory".into(),
            score: "75".into(),
        };
        let msgs = fields(add_exam_attempt(store.conn_mut(), &who, &again, today).unwrap_err());
        assert!(
            msgs[0].1.contains("already recorded"),
            "one result per paper per sitting: {msgs:?}"
        );
    }

    #[test]
    fn passing_both_papers_writes_the_acc_date_of_the_later_pass_on_the_staff_record() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-03-01");
        exam(&mut store, &who, "2025-09-01", "theory", "72");
        exam(&mut store, &who, "2025-09-01", "practical", "80");
        let done = exam(&mut store, &who, "2026-03-01", "practical", "93");
        assert_eq!(done.acc_awarded, Some(ymd(2026, 3, 1)), "the Practical pass came later");
        assert_eq!(
            staff::get(store.conn(), &who).unwrap().acc_date,
            Some(ymd(2026, 3, 1)),
            "the staff record now shows the ACC date"
        );
        let later = exam(&mut store, &who, "2026-09-01", "theory", "80");
        assert_eq!(later.acc_awarded, None, "awarded once only");
    }

    #[test]
    fn an_acc_date_a_manager_entered_is_never_overwritten() {
        let mut store = Store::open_in_memory().unwrap();
        let input = StaffInput {
            forename: "Bo".into(),
            surname: "Coder".into(),
            band: "4".into(),
            appointed: "2025-03-01".into(),
            acc_date: "2026-04-20".into(),
            ..Default::default()
        };
        let who = staff::add(store.conn_mut(), &input, ymd(2027, 1, 1))
            .unwrap()
            .staff_number;
        exam(&mut store, &who, "2026-03-01", "practical", "95");
        let done = exam(&mut store, &who, "2026-03-01", "theory", "75");
        assert_eq!(done.acc_awarded, None, "nothing written");
        assert_eq!(staff::get(store.conn(), &who).unwrap().acc_date, Some(ymd(2026, 4, 20)));
    }

    #[test]
    fn ihrim_membership_is_replaced_not_added_to() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-03-01");
        set_ihrim_membership(store.conn_mut(), &who, "2026-03-31").unwrap();
        set_ihrim_membership(store.conn_mut(), &who, "31/03/2027").unwrap();
        assert_eq!(
            record(store.conn(), &Actor::system(), &who).unwrap().ihrim_valid_until,
            Some(ymd(2027, 3, 31))
        );
        let err = set_ihrim_membership(store.conn_mut(), &who, "2027-02-30").unwrap_err();
        assert!(err.to_string().contains("2027-02-30"), "quotes the date: {err}");
    }

    // ---------------------------------------------------------- status --

    #[test]
    fn a_new_trainee_is_on_track_and_told_to_book_the_course() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-09-01");
        set_ihrim_membership(store.conn_mut(), &who, "2027-12-31").unwrap();
        let s = status(store.conn(), &who, ymd(2025, 11, 10)).unwrap();
        assert_eq!(s.state, NccqState::OnTrack, "{s:?}");
        assert_eq!(s.nccq_by, ymd(2027, 9, 1));
        assert_eq!(s.days_left, 660);
        assert!(
            s.reasons
                .contains(&"Standards course not started yet; 2 of 6 months gone.".to_owned()),
            "{:?}",
            s.reasons
        );
        assert!(
            s.next_steps
                .contains(&"Book a Standards course to start by 01/03/2026.".to_owned()),
            "{:?}",
            s.next_steps
        );
    }

    #[test]
    fn a_trainee_without_a_course_five_months_in_is_at_risk() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-09-01");
        let s = status(store.conn(), &who, ymd(2026, 2, 1)).unwrap();
        assert_eq!(s.state, NccqState::AtRisk);
        assert_eq!(
            s.reasons[0], "Standards course not started and 5 of 6 months gone.",
            "worst reason first"
        );
        assert_eq!(s.next_steps[0], "Book a Standards course to start by 01/03/2026.");

        let late = status(store.conn(), &who, ymd(2026, 3, 2)).unwrap();
        assert_eq!(
            late.state,
            NccqState::AtRisk,
            "late for the course is not yet a missed NCCQ"
        );
        assert!(
            late.reasons[0].contains("start deadline of 01/03/2026 has passed"),
            "{:?}",
            late.reasons
        );
    }

    #[test]
    fn a_course_booked_in_time_is_on_track_and_one_booked_late_is_at_risk() {
        let mut store = Store::open_in_memory().unwrap();
        let ada = trainee(&mut store, "Ada", "2025-09-01");
        course(&mut store, &ada, "standards", "2026-02-16").unwrap();
        let s = status(store.conn(), &ada, ymd(2026, 2, 1)).unwrap();
        assert_eq!(s.state, NccqState::OnTrack, "{:?}", s.reasons);
        assert!(s
            .reasons
            .contains(&"Standards course booked to start 16/02/2026.".to_owned()));
        assert_eq!(s.standards_course_start, Some(ymd(2026, 2, 16)));

        let bo = trainee(&mut store, "Bo", "2025-09-01");
        course(&mut store, &bo, "standards", "2026-04-13").unwrap();
        let s = status(store.conn(), &bo, ymd(2026, 2, 1)).unwrap();
        assert_eq!(s.state, NccqState::AtRisk);
        assert!(
            s.reasons[0].contains("after its start deadline of 01/03/2026"),
            "{:?}",
            s.reasons
        );
    }

    #[test]
    fn a_failed_paper_with_one_sitting_left_is_at_risk_and_says_so() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-08-31");
        course(&mut store, &who, "standards", "2025-10-06").unwrap();
        set_ihrim_membership(store.conn_mut(), &who, "2027-12-31").unwrap();
        exam(&mut store, &who, "2026-03-01", "practical", "92");
        exam(&mut store, &who, "2026-03-01", "theory", "65");
        let s = status(store.conn(), &who, ymd(2026, 10, 1)).unwrap();
        assert_eq!(s.state, NccqState::AtRisk);
        assert_eq!(
            s.sittings_left,
            [ymd(2027, 3, 1)],
            "1 September 2027 is after the deadline"
        );
        assert_eq!(
            s.reasons[0],
            "Theory failed in March 2026 (65%; pass mark 70%); only one sitting left before 31/08/2027."
        );
        assert!(
            s.reasons.contains(&"Practical passed in March 2026 (92%).".to_owned()),
            "{:?}",
            s.reasons
        );
        assert_eq!(
            s.next_steps[0],
            "Sit Theory on 01/03/2027: it is the last sitting before the deadline."
        );
        assert_eq!(s.practical_passed, Some(ymd(2026, 3, 1)));
        assert_eq!(s.theory_passed, None);
    }

    #[test]
    fn a_failed_paper_turns_a_trainee_with_two_sittings_left_at_risk() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-10-01");
        course(&mut store, &who, "standards", "2025-11-03").unwrap();
        set_ihrim_membership(store.conn_mut(), &who, "2027-12-31").unwrap();
        let today = ymd(2026, 11, 21);
        let before = status(store.conn(), &who, today).unwrap();
        assert_eq!(before.state, NccqState::OnTrack, "{:?}", before.reasons);
        assert_eq!(before.sittings_left, [ymd(2027, 3, 1), ymd(2027, 9, 1)]);

        exam(&mut store, &who, "2026-09-01", "theory", "61");
        let after = status(store.conn(), &who, today).unwrap();
        assert_eq!(after.state, NccqState::AtRisk, "{:?}", after.reasons);
        assert_eq!(
            after.reasons[0],
            "Theory failed in September 2026 (61%; pass mark 70%); only 2 sittings left before 01/10/2027."
        );
    }

    #[test]
    fn a_failed_paper_with_three_sittings_left_is_still_on_track() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-10-01");
        course(&mut store, &who, "standards", "2025-11-03").unwrap();
        set_ihrim_membership(store.conn_mut(), &who, "2027-12-31").unwrap();
        exam(&mut store, &who, "2026-03-01", "theory", "61");
        let s = status(store.conn(), &who, ymd(2026, 4, 1)).unwrap();
        assert_eq!(s.sittings_left.len(), 3, "Sep 2026, Mar 2027, Sep 2027");
        assert_eq!(s.state, NccqState::OnTrack, "{:?}", s.reasons);
    }

    #[test]
    fn membership_ending_before_the_next_sitting_is_at_risk() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-09-01");
        course(&mut store, &who, "standards", "2025-10-06").unwrap();
        set_ihrim_membership(store.conn_mut(), &who, "2026-02-28").unwrap();
        let s = status(store.conn(), &who, ymd(2025, 12, 1)).unwrap();
        assert_eq!(s.state, NccqState::AtRisk);
        assert!(
            s.reasons[0].starts_with("IHRIM membership expires before the next sitting"),
            "{:?}",
            s.reasons
        );
        assert!(
            s.reasons[0].contains("28/02/2026") && s.reasons[0].contains("01/03/2026"),
            "{}",
            s.reasons[0]
        );
        assert_eq!(s.next_steps[0], "Renew IHRIM membership before 01/03/2026.");

        set_ihrim_membership(store.conn_mut(), &who, "2026-03-01").unwrap();
        let s = status(store.conn(), &who, ymd(2025, 12, 1)).unwrap();
        assert_eq!(
            s.state,
            NccqState::OnTrack,
            "valid on the sitting day is enough: {:?}",
            s.reasons
        );
    }

    #[test]
    fn no_membership_recorded_is_a_next_step_not_a_risk() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-09-01");
        course(&mut store, &who, "standards", "2025-10-06").unwrap();
        let s = status(store.conn(), &who, ymd(2025, 12, 1)).unwrap();
        assert_eq!(s.state, NccqState::OnTrack, "{:?}", s.reasons);
        assert!(
            s.next_steps
                .contains(&"Join IHRIM, or record the membership, before the 01/03/2026 sitting.".to_owned()),
            "{:?}",
            s.next_steps
        );
    }

    #[test]
    fn the_nccq_is_missed_once_the_deadline_passes_or_no_sitting_is_left() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-08-31");
        course(&mut store, &who, "standards", "2025-10-06").unwrap();
        exam(&mut store, &who, "2026-03-01", "practical", "92");
        let no_sitting = status(store.conn(), &who, ymd(2027, 3, 2)).unwrap();
        assert_eq!(
            no_sitting.state,
            NccqState::Missed,
            "the deadline is ahead but no sitting is"
        );
        assert!(no_sitting.sittings_left.is_empty());
        assert!(
            no_sitting.reasons[0].contains("No sitting is left before the NCCQ deadline of 31/08/2027"),
            "{:?}",
            no_sitting.reasons
        );
        let after = status(store.conn(), &who, ymd(2027, 9, 1)).unwrap();
        assert_eq!(after.state, NccqState::Missed);
        assert_eq!(after.days_left, -1, "a day past the deadline");
        assert_eq!(
            after.reasons[0],
            "The NCCQ deadline of 31/08/2027 has passed with Theory still to pass."
        );
        assert!(after.next_steps[0].contains("24-month"), "{:?}", after.next_steps);
    }

    #[test]
    fn passing_both_papers_is_achieved_even_after_the_deadline() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-08-31");
        course(&mut store, &who, "standards", "2025-10-06").unwrap();
        exam(&mut store, &who, "2026-03-01", "practical", "92");
        exam(&mut store, &who, "2027-09-01", "theory", "71");
        let s = status(store.conn(), &who, ymd(2027, 10, 1)).unwrap();
        assert_eq!(s.state, NccqState::Achieved);
        assert_eq!(s.acc_date, Some(ymd(2027, 9, 1)));
        assert_eq!(s.reasons[0], "Accredited Clinical Coder since 01/09/2027.");
        assert!(
            s.reasons
                .contains(&"Qualified after the NCCQ deadline of 31/08/2027.".to_owned()),
            "{:?}",
            s.reasons
        );
    }

    #[test]
    fn a_refresher_falling_due_is_a_next_step_and_does_not_change_the_state() {
        let mut store = Store::open_in_memory().unwrap();
        let who = trainee(&mut store, "Ada", "2025-03-01");
        course(&mut store, &who, "standards", "2025-04-07").unwrap();
        exam(&mut store, &who, "2025-09-01", "practical", "92");
        exam(&mut store, &who, "2025-09-01", "theory", "80");
        let soon = status(store.conn(), &who, ymd(2027, 12, 1)).unwrap();
        assert_eq!(soon.state, NccqState::Achieved);
        assert_eq!(soon.next_refresher_due, Some(ymd(2028, 4, 7)));
        assert_eq!(soon.next_steps, ["Book a refresher course to start by 07/04/2028."]);
        let overdue = status(store.conn(), &who, ymd(2028, 5, 1)).unwrap();
        assert_eq!(overdue.state, NccqState::Achieved);
        assert!(
            overdue
                .reasons
                .contains(&"The refresher course was due by 07/04/2028.".to_owned()),
            "{:?}",
            overdue.reasons
        );
        course(&mut store, &who, "refresher", "2028-05-15").unwrap();
        let after = status(store.conn(), &who, ymd(2028, 6, 1)).unwrap();
        assert_eq!(
            after.next_refresher_due,
            Some(ymd(2031, 5, 15)),
            "the clock restarts at the refresher"
        );
        assert!(after.next_steps.is_empty(), "{:?}", after.next_steps);
    }

    #[test]
    fn configured_sittings_decide_how_many_are_left() {
        let mut store = Store::open_in_memory().unwrap();
        let only_march = NccqSettings {
            sittings: vec![ymd(2026, 3, 9), ymd(2027, 3, 8)],
            ..defaults()
        };
        save_settings(store.conn_mut(), &Actor::system(), &only_march, noon()).unwrap();
        let who = trainee(&mut store, "Ada", "2025-09-01");
        course(&mut store, &who, "standards", "2025-10-06").unwrap();
        let s = status(store.conn(), &who, ymd(2026, 4, 1)).unwrap();
        assert_eq!(s.sittings_left, [ymd(2027, 3, 8)], "no default September sittings");
        assert_eq!(s.state, NccqState::AtRisk, "one sitting left");
    }

    #[test]
    fn the_team_lists_trainees_still_in_post_with_the_least_time_left_first() {
        let mut store = Store::open_in_memory().unwrap();
        let later = trainee(&mut store, "Later", "2026-01-05");
        let sooner = trainee(&mut store, "Sooner", "2025-09-01");
        let qualified = StaffInput {
            forename: "Qualified".into(),
            surname: "Coder".into(),
            band: "4".into(),
            appointed: "2020-01-01".into(),
            acc_date: "2021-09-01".into(),
            ..Default::default()
        };
        staff::add(store.conn_mut(), &qualified, ymd(2026, 1, 1)).unwrap();
        let mut gone = StaffInput {
            forename: "Gone".into(),
            surname: "Coder".into(),
            band: "3".into(),
            appointed: "2025-09-01".into(),
            leaver_date: "2026-02-01".into(),
            ..Default::default()
        };
        staff::add(store.conn_mut(), &gone, ymd(2026, 1, 1)).unwrap();
        gone.forename = "Leaving".into();
        gone.leaver_date = "2026-06-30".into();
        let leaving = staff::add(store.conn_mut(), &gone, ymd(2026, 1, 1))
            .unwrap()
            .staff_number;

        let team = team_status(store.conn(), &Actor::system(), ymd(2026, 2, 1)).unwrap();
        let order: Vec<&str> = team.iter().map(|s| s.staff_number.as_str()).collect();
        assert_eq!(
            order,
            [leaving.as_str(), sooner.as_str(), later.as_str()],
            "no ACC holder, no leaver; a future leaver is still here; equal days keep name order"
        );
        assert!(
            team.windows(2).all(|w| w[0].days_left <= w[1].days_left),
            "sorted by days left"
        );
    }

    #[test]
    fn the_ui_types_carry_dates_as_iso_strings_and_states_as_words() {
        use ts_rs::{Config, TS};
        let cfg = Config::new().with_large_int("number");
        assert_eq!(
            NccqState::decl(&cfg),
            r#"type NccqState = "on_track" | "at_risk" | "missed" | "achieved";"#
        );
        let status = NccqStatus::decl(&cfg);
        for field in [
            "nccq_by: string",
            "sittings_left: Array<string>",
            "acc_date: string | null",
            "days_left: number",
        ] {
            assert!(status.contains(field), "NccqStatus has {field}: {status}");
        }
        let d = deadlines(ymd(2025, 3, 31), None, &defaults(), ymd(2025, 4, 1));
        let json = serde_json::to_string(&d).unwrap();
        assert!(
            json.starts_with(r#"{"standards_course_start_by":"2025-09-30","nccq_by":"2027-03-31","sittings_left":["#),
            "the shape the CLI promises: {json}"
        );
    }

    #[test]
    fn changes_made_as_someone_are_checked_and_audited_in_the_same_transaction() {
        use crate::access::tests::{actor, department};
        use crate::accounts::Role;
        let mut store = department();
        let now = noon();
        let manager = actor("10", Role::Manager);
        let course = CourseInput {
            kind: "standards".into(),
            start: "2025-01-06".into(),
            end: String::new(),
        };
        let c = store.conn_mut();
        add_course_audited(c, &manager, "121", &course, now).expect("a report's report");
        let exam = ExamInput {
            sitting: "2026-09-01".into(),
            paper: "theory".into(),
            score: "71".into(),
        };
        add_exam_attempt_audited(c, &manager, "121", &exam, now.date(), now).unwrap();
        set_ihrim_membership_audited(c, &manager, "121", "2027-03-31", now).unwrap();
        let other = actor("20", Role::Manager);
        let err = add_course_audited(c, &other, "121", &course, now).unwrap_err();
        assert_eq!(err.code(), "forbidden", "another manager's team");
        let bad = add_exam_attempt_audited(c, &manager, "121", &exam, now.date(), now).unwrap_err();
        assert_eq!(bad.code(), "invalid", "recorded twice");

        let log = audit::list(c, &Actor::system(), &audit::AuditFilter::default()).unwrap();
        let rows: Vec<(&str, &str, &str)> = log
            .iter()
            .map(|e| (e.action.as_str(), e.actor.as_str(), e.record_id.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("nccq.membership_set", "10", "121"),
                ("nccq.exam_add", "10", "121"),
                ("nccq.course_add", "10", "121"),
            ],
            "one row per change, naming the trainee; nothing for the refusals"
        );
        assert_eq!(log[0].detail["valid_until"]["to"], "2027-03-31");
        assert_eq!(log[1].detail["attempt"]["score"], 71.0);
        assert!(audit::verify(c).unwrap().ok);

        crate::staff::mark_leaver(c, &Actor::system(), "121", "2026-10-31", now).unwrap();
        let left = set_ihrim_membership_audited(c, &manager, "121", "2028-03-31", now).unwrap_err();
        assert_eq!(left.code(), "locked", "a leaver's pathway is read-only");
        let settings = NccqSettings {
            deadline_months: 18,
            ..defaults()
        };
        let err = save_settings(c, &manager, &settings, now).unwrap_err();
        assert_eq!(err.code(), "forbidden", "only the administrator changes the rules");
        save_settings(c, &Actor::system(), &settings, now).unwrap();
        let log = audit::list(c, &Actor::system(), &audit::AuditFilter::default()).unwrap();
        assert_eq!(log[0].action, "setting.change");
        assert_eq!(
            log[0].detail,
            serde_json::json!({"deadline_months": {"from": 24, "to": 18}})
        );
    }
}
