//! The NCCQ date and pass rules, pure: deadlines counted from the
//! appointment date, the sittings left before them, refresher due dates,
//! the pass mark in force at a sitting, and the ACC award date. No store
//! and no clock: every date comes in as a parameter.
//!
//! Every period is counted in calendar months; see [`add_months`] for how a
//! month end is handled.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::words::{ExamResult, Paper};
use crate::settings::nccq::{
    NccqSettings, DEFAULT_PASS_MARK_PRACTICAL, DEFAULT_PASS_MARK_THEORY, DEFAULT_SITTING_MONTHS,
};

/// How many refresher due dates [`deadlines`] lists: nine years ahead is
/// longer than any plan a manager makes for a trainee.
const REFRESHERS_SHOWN: u32 = 3;

pub use crate::dates::add_months;

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

/// The first sitting a trainee should sit: none before `first_sitting_months`
/// (12) of coding experience, counted from appointment. A sitting on this
/// day may be sat.
pub fn earliest_first_sitting(appointed: NaiveDate, settings: &NccqSettings) -> NaiveDate {
    add_months(appointed, settings.first_sitting_months)
}

/// The last day to register for a sitting: `registration_weeks` (8) before
/// it. A valid IHRIM membership is needed on this day as well as on the
/// sitting's.
pub fn registration_closes(sitting: NaiveDate, settings: &NccqSettings) -> NaiveDate {
    sitting - chrono::Days::new(u64::from(settings.registration_weeks) * 7)
}

/// The sittings a trainee can still sit before their deadline: from today,
/// and, before any paper has been sat, not before the earliest first
/// sitting.
pub fn sittings_open(appointed: NaiveDate, any_sat: bool, settings: &NccqSettings, today: NaiveDate) -> Vec<NaiveDate> {
    let from = if any_sat {
        today.max(appointed)
    } else {
        today.max(earliest_first_sitting(appointed, settings))
    };
    sittings_between(settings, from, nccq_deadline(appointed, settings))
}

/// Whether a person is on the NCCQ pathway: their own record's answer when
/// someone set it by hand; otherwise when their role is a coding role and
/// they are not yet accredited. People who do not code are never on it.
pub fn on_pathway(by_hand: Option<bool>, coding_role: bool, acc_date: Option<NaiveDate>) -> bool {
    by_hand.unwrap_or(coding_role && acc_date.is_none())
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
/// The one refresher rule for every coder, accredited or not: lists of
/// overdue refreshers call this rather than counting years themselves.
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

/// The sitting at which `paper` was first passed, if it has been.
pub(super) fn first_pass(attempts: &[ExamAttempt], paper: Paper) -> Option<NaiveDate> {
    attempts
        .iter()
        .filter(|a| a.paper == paper && a.passed)
        .map(|a| a.sitting)
        .min()
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

/// The dates that follow from an appointment date alone: what `appraise-cli
/// nccq deadlines` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NccqDeadlines {
    #[ts(type = "string")]
    pub standards_course_start_by: NaiveDate,
    #[ts(type = "string")]
    pub nccq_by: NaiveDate,
    /// Sittings from today (or the earliest first sitting, if later) to
    /// `nccq_by`.
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
    /// The first sitting to sit: after `first_sitting_months` of coding
    /// experience.
    #[ts(type = "string")]
    pub earliest_first_sitting: NaiveDate,
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
        sittings_left: sittings_open(appointed, false, settings, today),
        days_left: (nccq_by - today).num_days(),
        refresher_due: refresher_due_dates(standards_course.unwrap_or(start_by), settings, REFRESHERS_SHOWN),
        appointed,
        today,
        earliest_first_sitting: earliest_first_sitting(appointed, settings),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nccq::test_support::{defaults, ymd};
    use crate::nccq::PassMarks;

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
    fn a_trainee_appointed_on_31_august_is_not_told_the_next_days_sitting_is_one_of_theirs() {
        let appointed = ymd(2025, 8, 31);
        let d = deadlines(appointed, None, &defaults(), appointed);
        assert!(
            !d.sittings_left.contains(&ymd(2025, 9, 1)),
            "01/09/2025, the day after appointment, is not a sitting of theirs: {:?}",
            d.sittings_left
        );
        assert_eq!(
            d.sittings_left,
            [ymd(2026, 9, 1), ymd(2027, 3, 1)],
            "from 31/08/2026, a year of coding on, to the deadline of 31/08/2027"
        );
        let no_rule = NccqSettings {
            first_sitting_months: 0,
            ..defaults()
        };
        assert_eq!(
            deadlines(appointed, None, &no_rule, appointed).sittings_left.len(),
            4,
            "with the rule set to 0 months every sitting before the deadline counts, as before"
        );
    }

    #[test]
    fn once_a_paper_has_been_sat_the_earliest_sitting_no_longer_holds_back_a_resit() {
        let appointed = ymd(2025, 8, 31);
        assert_eq!(
            sittings_open(appointed, true, &defaults(), ymd(2026, 3, 2)),
            [ymd(2026, 9, 1), ymd(2027, 3, 1)]
        );
        assert_eq!(
            sittings_open(appointed, true, &defaults(), ymd(2026, 1, 1)),
            [ymd(2026, 3, 1), ymd(2026, 9, 1), ymd(2027, 3, 1)],
            "someone who sat early may sit again at the next sitting"
        );
        assert_eq!(
            sittings_open(appointed, false, &defaults(), ymd(2026, 1, 1)),
            [ymd(2026, 9, 1), ymd(2027, 3, 1)],
            "before any paper, not before a year of coding"
        );
    }

    #[test]
    fn registration_for_a_sitting_closes_eight_weeks_before_it_by_default() {
        assert_eq!(registration_closes(ymd(2026, 9, 1), &defaults()), ymd(2026, 7, 7));
        let six = NccqSettings {
            registration_weeks: 6,
            ..defaults()
        };
        assert_eq!(
            registration_closes(ymd(2026, 3, 1), &six),
            ymd(2026, 1, 18),
            "follows the setting"
        );
    }

    #[test]
    fn only_a_coding_role_not_yet_accredited_or_a_hand_set_flag_puts_someone_on_the_pathway() {
        assert!(on_pathway(None, true, None), "a coder without ACC");
        assert!(!on_pathway(None, true, Some(ymd(2024, 5, 1))), "an accredited coder");
        assert!(!on_pathway(None, false, None), "someone who does not code");
        assert!(
            on_pathway(Some(true), false, None),
            "set by hand: a manager who codes and trains"
        );
        assert!(
            !on_pathway(Some(false), true, None),
            "set by hand: a coder not on the pathway"
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
    fn deadlines_count_sittings_from_the_earliest_first_sitting() {
        let d = deadlines(ymd(2025, 9, 1), None, &defaults(), ymd(2025, 6, 1));
        assert_eq!(d.standards_course_start_by, ymd(2026, 3, 1));
        assert_eq!(d.nccq_by, ymd(2027, 9, 1));
        assert_eq!(d.earliest_first_sitting, ymd(2026, 9, 1), "12 months after appointment");
        assert_eq!(
            d.sittings_left.first(),
            Some(&ymd(2026, 9, 1)),
            "no sitting before a year of coding is offered"
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
}
