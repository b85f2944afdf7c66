//! The demonstration's NCCQ records: Standards and refresher courses for
//! everyone, exams and IHRIM membership for trainees.

use crate::store::db::Connection;
use chrono::{Days, Months, NaiveDate};

use super::clock::days;
use super::people::{Person, Post};
use super::rng::Rng;
use crate::nccq::{self, CourseInput, ExamInput};
use crate::Result;

/// Standards and refresher courses for everyone, exams and IHRIM
/// membership for trainees: a mix of on track, at risk and missed.
pub(super) fn add(conn: &mut Connection, rng: &mut Rng, today: NaiveDate, people: &[Person]) -> Result<()> {
    for p in people {
        let (number, appointed, post) = (p.number.clone(), p.appointed, p.post);
        let course_start = days(appointed, 30 + rng.range(0, 120));
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
                refresher = refresher + Months::new(36) + Days::new(rng.range(0, 40));
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
            for (paper, passed, lo, hi) in [("practical", &mut practical, 84, 97), ("theory", &mut theory, 60, 86)] {
                if *passed {
                    continue;
                }
                let score = rng.range(lo, hi);
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
