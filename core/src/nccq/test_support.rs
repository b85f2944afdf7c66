//! Helpers the NCCQ tests share: a trainee, a course, an exam result, and
//! the field messages of a refusal.

use chrono::{NaiveDate, NaiveDateTime};

use super::records::{add_course, add_exam_attempt, CourseInput, ExamInput, ExamOutcome};
use super::words::CourseAttendance;
use crate::settings::nccq::NccqSettings;
use crate::staff::{self, StaffInput};
use crate::{Error, Result, Store};

pub(crate) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(crate) fn noon() -> NaiveDateTime {
    ymd(2026, 11, 21).and_hms_opt(12, 0, 0).unwrap()
}

pub(crate) fn defaults() -> NccqSettings {
    NccqSettings::default()
}

/// Adds a trainee appointed on `appointed` and gives their staff number.
pub(crate) fn trainee(store: &mut Store, forename: &str, appointed: &str) -> String {
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

pub(crate) fn exam(store: &mut Store, who: &str, sitting: &str, paper: &str, score: &str) -> ExamOutcome {
    let input = ExamInput {
        sitting: sitting.into(),
        paper: paper.into(),
        score: score.into(),
    };
    add_exam_attempt(store.conn_mut(), who, &input, ymd(2030, 1, 1)).unwrap()
}

pub(crate) fn course(store: &mut Store, who: &str, kind: &str, start: &str) -> Result<CourseAttendance> {
    let input = CourseInput {
        kind: kind.into(),
        start: start.into(),
        end: String::new(),
    };
    add_course(store.conn_mut(), who, &input)
}

pub(crate) fn fields(err: Error) -> Vec<(String, String)> {
    match err {
        Error::Invalid(f) => f.into_iter().map(|f| (f.field, f.message)).collect(),
        other => panic!("expected invalid, got {other:?}"),
    }
}
