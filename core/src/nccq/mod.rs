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
//!   the trust lists its own dates), the first no sooner than 12 months of
//!   coding experience after appointment (the national guidance recommended
//!   about a year), and a valid IHRIM membership is needed both to register
//!   (8 weeks before a sitting) and to sit.
//! - A person is on the pathway when their role is a coding role and they
//!   are not yet accredited, or when their staff record says so by hand;
//!   people who do not code never are.
//!
//! Every period is counted in calendar months; see [`add_months`] for how a
//! month end is handled.
//!
//! By topic, from the bottom up: `words` (the papers, courses and states,
//! and the records as stored: the only part the store sees), `settings`
//! (the trust's numbers), `rules` (the pure date and pass rules), `records`
//! (a person's courses, exam results and IHRIM membership, each change
//! through one guarded door) and `status` (where a trainee stands, and the
//! team). Everything is used from here, `crate::nccq`.

mod records;
mod rules;
mod status;
#[cfg(test)]
pub(crate) mod test_support;
pub(crate) mod words;

pub use crate::settings::nccq::{
    load as settings, save as save_settings, NccqSettings, PassMarks, DEFAULT_COURSE_MONTHS, DEFAULT_DEADLINE_MONTHS,
    DEFAULT_FIRST_SITTING_MONTHS, DEFAULT_PASS_MARK_PRACTICAL, DEFAULT_PASS_MARK_THEORY, DEFAULT_REFRESHER_YEARS,
    DEFAULT_REGISTRATION_WEEKS, DEFAULT_SITTING_MONTHS,
};
pub(crate) use records::{add_course, add_exam_attempt, record_from, records_of, set_ihrim_membership};
pub use records::{
    add_course_audited, add_exam_attempt_audited, record, set_ihrim_membership_audited, view_as, CourseInput,
    ExamInput, ExamOutcome, NccqRecord, NccqView,
};
pub use rules::{
    acc_award_date, add_months, deadlines, earliest_first_sitting, nccq_deadline, next_refresher_due, on_pathway,
    pass_mark, passes, refresher_due_dates, registration_closes, sittings_between, sittings_open,
    standards_course_start_by, whole_months_between, ExamAttempt, NccqDeadlines,
};
pub(crate) use status::status;
pub use status::{assess, status_as, team_status, NccqStatus};
pub use words::{CourseAttendance, CourseKind, ExamResult, NccqState, Paper};
