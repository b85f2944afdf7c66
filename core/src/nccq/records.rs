//! A person's NCCQ records: courses, exam results and IHRIM membership,
//! read and changed through one guarded door each.
//!
//! Each change the window and the CLI make (`*_audited`) opens the write
//! transaction (BEGIN IMMEDIATE), asks `access.rs` inside it (which also
//! refuses a leaver's records), checks and makes the change and writes the
//! audit row before committing: a refusal or a bad input leaves nothing
//! behind, and no other writer can slip in between the check and the
//! change. The unchecked forms are core's own (the demonstration data).

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::{acc_award_date, on_pathway, ExamAttempt};
use super::words::{CourseAttendance, CourseKind, ExamResult, Paper};
use crate::accounts::Actor;
use crate::dates::{display, parse_date};
use crate::framework::{default_role, default_role_codes, RoleProfile};
use crate::settings::nccq::{load as settings, NccqSettings};
use crate::staff::{self, StaffMember, StaffRights};
use crate::store::framework as framework_db;
use crate::store::nccq as db;
use crate::store::staff as staff_db;
use crate::{access, audit, Error, FieldError, Result};

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
    /// The role profile their band and job title match, if any.
    pub role: Option<String>,
    /// Their role is a coding role (the role profile's flag, or the shipped
    /// default for their band when the department has no role for it).
    pub coding_role: bool,
    /// On the NCCQ pathway: see [`on_pathway`]; `staff.nccq_pathway`, when
    /// set, is the answer given by hand.
    pub on_pathway: bool,
}

/// What a person typed to record a course: raw text, checked by
/// [`add_course_audited`]. `end` may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CourseInput {
    /// `standards` or `refresher`.
    pub kind: String,
    pub start: String,
    pub end: String,
}

/// What a person typed to record an exam result: raw text, checked by
/// [`add_exam_attempt_audited`].
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
    access::can_view_nccq(conn, actor, staff_number)?;
    let settings = settings(conn)?;
    record_with(conn, staff_number, &settings)
}

/// One person's NCCQ record as the trainee page shows it: the record's own
/// fields and what the signed-in person may do with it (`record_nccq`: may
/// they add courses, exam results and IHRIM membership).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NccqView {
    // Flattened, so a view reads as an `NccqRecord`.
    #[serde(flatten)]
    pub record: NccqRecord,
    pub rights: StaffRights,
}

/// [`record`] with what `actor` may do with it on `today`.
pub fn view_as(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<NccqView> {
    let record = record(conn, actor, staff_number)?;
    let rights = staff::rights(conn, actor, &record.staff.staff_number, today)?;
    Ok(NccqView { record, rights })
}

/// One person's record, whoever asks: for the status rules once access has
/// been decided, or for core's own reading.
pub(super) fn record_with(conn: &Connection, staff_number: &str, settings: &NccqSettings) -> Result<NccqRecord> {
    let staff = staff::get(conn, staff_number)?;
    let id = staff_id(conn, staff_number)?;
    let role = framework_db::role_for(conn, &staff.band, &staff.job_title)?;
    Ok(record_from(
        staff,
        role.as_ref(),
        db::courses(conn, id)?,
        db::exam_results(conn, id)?,
        db::ihrim_valid_until(conn, id)?,
        settings,
    ))
}

/// The records of `members`, in their order, from one read of each table
/// for all of them (courses, exam results, IHRIM membership) and one of the
/// role profiles per band and title: the team view and the pathway's
/// lists, never a query per person.
pub(crate) fn records_of(
    conn: &Connection,
    members: Vec<StaffMember>,
    settings: &NccqSettings,
) -> Result<Vec<NccqRecord>> {
    use std::collections::HashMap;
    fn grouped<V>(rows: Vec<(String, V)>) -> HashMap<String, Vec<V>> {
        let mut out: HashMap<String, Vec<V>> = HashMap::new();
        for (k, v) in rows {
            out.entry(k).or_default().push(v);
        }
        out
    }
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let mut courses = grouped(crate::store::dashboard::courses(conn)?);
    let mut exams = grouped(crate::store::dashboard::exam_results(conn)?);
    let ihrim: HashMap<String, NaiveDate> = crate::store::dashboard::ihrim(conn)?.into_iter().collect();
    let mut roles: HashMap<(String, String), Option<RoleProfile>> = HashMap::new();
    members
        .into_iter()
        .map(|member| {
            let key = (member.band.clone(), member.job_title.clone());
            if !roles.contains_key(&key) {
                let role = framework_db::role_for(conn, &member.band, &member.job_title)?;
                roles.insert(key.clone(), role);
            }
            let n = member.staff_number.clone();
            Ok(record_from(
                member,
                roles[&key].as_ref(),
                courses.remove(&n).unwrap_or_default(),
                exams.remove(&n).unwrap_or_default(),
                ihrim.get(&n).copied(),
                settings,
            ))
        })
        .collect()
}

/// A record from rows already read (`role`: the role profile the person's
/// band and title match, if any): for a whole department read at once.
pub(crate) fn record_from(
    staff: StaffMember,
    role: Option<&RoleProfile>,
    courses: Vec<CourseAttendance>,
    exams: Vec<ExamResult>,
    ihrim_valid_until: Option<NaiveDate>,
    settings: &NccqSettings,
) -> NccqRecord {
    let (role, coding_role) = match role {
        Some(r) => (Some(format!("Band {} {}", r.band, r.title)), r.coding),
        None => (
            default_role(&staff.band, &staff.job_title).map(|r| format!("Band {} {}", r.band, r.title)),
            default_role_codes(&staff.band, &staff.job_title),
        ),
    };
    NccqRecord {
        role,
        coding_role,
        on_pathway: on_pathway(staff.nccq_pathway, coding_role, staff.acc_date),
        staff,
        courses,
        exams: exams.into_iter().map(|r| ExamAttempt::judge(r, settings)).collect(),
        ihrim_valid_until,
    }
}

fn staff_id(conn: &Connection, staff_number: &str) -> Result<i64> {
    staff_db::id_of(conn, staff_number)?
        .ok_or_else(|| Error::NotFound(format!("There is no staff member with staff number {staff_number}.")))
}

/// Records a Standards or refresher course as `actor` (the administrator, or
/// a line manager for someone who reports to them; never for a leaver), with
/// an audit row, all in one write transaction. A course starting after today
/// is a booking. A refresher needs the Standards course recorded first, and
/// cannot start before it.
pub fn add_course_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    input: &CourseInput,
    now: NaiveDateTime,
) -> Result<CourseAttendance> {
    let tx = crate::store::write(conn)?;
    access::can_edit_nccq(&tx, actor, staff_number, now.date())?;
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

/// [`add_course_audited`] with no access check and no audit row: for core's
/// own demonstration data.
pub(crate) fn add_course(conn: &mut Connection, staff_number: &str, input: &CourseInput) -> Result<CourseAttendance> {
    let tx = crate::store::write(conn)?;
    let course = add_course_in(&tx, staff_number, input)?;
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

/// Records one paper's score at a sitting as `actor` (the administrator, or
/// a line manager for someone who reports to them; never for a leaver), with
/// an audit row, all in one write transaction. The score is judged against
/// the pass mark in force at the sitting. When it completes the NCCQ and the
/// staff record has no ACC date yet, the award date is written there; a date
/// a manager entered themselves is never overwritten. `today` decides which
/// sittings have happened; `now` stamps the audit row.
pub fn add_exam_attempt_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    input: &ExamInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<ExamOutcome> {
    let tx = crate::store::write(conn)?;
    access::can_edit_nccq(&tx, actor, staff_number, today)?;
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

/// [`add_exam_attempt_audited`] with no access check and no audit row: for
/// core's own demonstration data.
pub(crate) fn add_exam_attempt(
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

/// Records the last valid day of someone's IHRIM membership as `actor` (the
/// administrator, or a line manager for someone who reports to them; never
/// for a leaver), replacing any earlier one, with the old and new dates in
/// the audit trail, all in one write transaction.
pub fn set_ihrim_membership_audited(
    conn: &mut Connection,
    actor: &Actor,
    staff_number: &str,
    valid_until: &str,
    now: NaiveDateTime,
) -> Result<NaiveDate> {
    let tx = crate::store::write(conn)?;
    access::can_edit_nccq(&tx, actor, staff_number, now.date())?;
    let date = ihrim_date(valid_until)?;
    let before = set_ihrim_membership_in(&tx, staff_number, date)?;
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

/// [`set_ihrim_membership_audited`] with no access check and no audit row:
/// for core's own demonstration data.
pub(crate) fn set_ihrim_membership(conn: &mut Connection, staff_number: &str, valid_until: &str) -> Result<NaiveDate> {
    let date = ihrim_date(valid_until)?;
    let tx = crate::store::write(conn)?;
    set_ihrim_membership_in(&tx, staff_number, date)?;
    tx.commit()?;
    Ok(date)
}

/// Stores the new last valid day and gives the one it replaced.
fn set_ihrim_membership_in(tx: &Connection, staff_number: &str, valid_until: NaiveDate) -> Result<Option<NaiveDate>> {
    let id = staff_id(tx, staff_number)?;
    let before = db::ihrim_valid_until(tx, id)?;
    db::set_ihrim_valid_until(tx, id, valid_until)?;
    Ok(before)
}

fn ihrim_date(valid_until: &str) -> Result<NaiveDate> {
    if valid_until.trim().is_empty() {
        Err("Enter the date the IHRIM membership is valid until, for example 31/03/2027.".to_owned())
    } else {
        parse_date(valid_until).map_err(|m| format!("Valid until: {m}"))
    }
    .map_err(|m| Error::invalid("valid_until", m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nccq::test_support::{course, defaults, exam, fields, noon, trainee, ymd};
    use crate::nccq::{save_settings, PassMarks};
    use crate::staff::StaffInput;

    #[test]
    fn a_course_is_recorded_and_a_refresher_needs_the_standards_course_first() {
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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

    #[test]
    fn a_staff_number_that_does_not_exist_is_refused_as_one_that_is_not_yours() {
        use crate::access::tests::{actor, department};
        use crate::accounts::Role;
        let mut store = department();
        let now = noon();
        let course = CourseInput {
            kind: "standards".into(),
            start: "2025-01-06".into(),
            end: String::new(),
        };
        let exam = ExamInput {
            sitting: "2026-09-01".into(),
            paper: "theory".into(),
            score: "71".into(),
        };
        let c = store.conn_mut();
        let mut answers = |who: &Actor, number: &str| -> Vec<(String, String)> {
            let results: Vec<Result<()>> = vec![
                record(c, who, number).map(drop),
                view_as(c, who, number, now.date()).map(drop),
                crate::nccq::status_as(c, who, number, now.date()).map(drop),
                add_course_audited(c, who, number, &course, now).map(drop),
                add_exam_attempt_audited(c, who, number, &exam, now.date(), now).map(drop),
                set_ihrim_membership_audited(c, who, number, "2027-03-31", now).map(drop),
            ];
            results
                .into_iter()
                .map(|r| {
                    let err = r.expect_err("refused");
                    (err.code().to_owned(), err.to_string())
                })
                .collect()
        };
        let other_team = actor("20", Role::Manager);
        let theirs = answers(&other_team, "121");
        assert!(theirs.iter().all(|(code, _)| code == "forbidden"), "{theirs:?}");
        assert_eq!(
            answers(&other_team, "no-such-person"),
            theirs,
            "the same refusal, word for word, whether or not the person exists"
        );
        let admin = actor("1", Role::Administrator);
        let missing = answers(&admin, "no-such-person");
        assert!(
            missing.iter().all(|(code, _)| code == "not_found"),
            "the administrator may see everyone, so is told it is missing: {missing:?}"
        );
        let log = audit::list(c, &Actor::system(), &audit::AuditFilter::default()).unwrap();
        assert!(
            log.iter().all(|e| !e.action.starts_with("nccq.")),
            "nothing refused was recorded"
        );
    }

    #[test]
    fn the_trainee_page_may_record_exactly_when_the_check_passes() {
        use crate::access::tests::{actor, department};
        use crate::accounts::Role;
        let mut store = department();
        let now = noon();
        let admin = actor("1", Role::Administrator);
        crate::staff::mark_leaver(store.conn_mut(), &admin, "121", "2026-10-31", now).unwrap();
        let c = store.conn();
        let people = [
            actor("11", Role::Coder),
            actor("10", Role::Manager),
            actor("12", Role::Manager),
            actor("20", Role::Manager),
            admin,
        ];
        let mut offered = 0;
        for who in &people {
            for number in ["11", "121", "21", "10", "1"] {
                let Ok(view) = view_as(c, who, number, now.date()) else {
                    continue; // not theirs to see
                };
                assert_eq!(view.record, record(c, who, number).unwrap(), "the same record");
                assert_eq!(
                    view.rights.record_nccq,
                    access::can_edit_nccq(c, who, number, now.date()).is_ok(),
                    "{} on {number}: offered exactly when the check passes",
                    who.staff_number
                );
                offered += usize::from(view.rights.record_nccq);
            }
        }
        assert_eq!(
            offered, 6,
            "10 on 11; 20 on 21; the administrator on 11, 21, 10 and their own; nobody on Ann, who left"
        );
    }
}
