//! Where a trainee stands on the NCCQ pathway: the status rules (on track,
//! at risk, missed, achieved) applied to a record already read, with the
//! reasons and next steps a manager reads, one person's status and the
//! team's.

use crate::store::db::Connection;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::records::{record_with, records_of, NccqRecord};
use super::rules::{
    acc_award_date, add_months, earliest_first_sitting, first_pass, nccq_deadline, next_refresher_due, on_pathway,
    registration_closes, sittings_open, standards_course_start_by, whole_months_between,
};
use super::words::{CourseKind, NccqState, Paper};
use crate::accounts::Actor;
use crate::dates::display;
use crate::settings::nccq::{load as settings, NccqSettings};
use crate::staff;
use crate::{access, Result};

/// A refresher due within this many months is worth booking now: places on
/// courses fill months ahead.
const REFRESHER_NOTICE_MONTHS: u32 = 6;

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
    /// On the NCCQ pathway (a coding role not yet accredited, or set by
    /// hand), and why, in a sentence.
    pub on_pathway: bool,
    pub pathway_reason: String,
    /// No sitting before this day counts as a first sitting: a year of
    /// coding experience by default.
    #[ts(type = "string")]
    pub earliest_first_sitting: NaiveDate,
    /// Why the first sitting is no sooner, in plain words.
    pub earliest_sitting_reason: String,
}

/// One person's status, if `actor` may see them: a coder their own, a line
/// manager their reports', the administrator anyone's.
pub fn status_as(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<NccqStatus> {
    access::can_view_nccq(conn, actor, staff_number)?;
    status(conn, staff_number, today)
}

/// One person's status, whoever asks: for core's own reading once access
/// is decided elsewhere (the team view, a trainee's status as at their
/// appraisal meeting). The window and the CLI use [`status_as`].
pub(crate) fn status(conn: &Connection, staff_number: &str, today: NaiveDate) -> Result<NccqStatus> {
    let settings = settings(conn)?;
    Ok(assess(&record_with(conn, staff_number, &settings)?, &settings, today))
}

/// Everyone `actor` may see who is on the NCCQ pathway and still working
/// towards it (no ACC date, not left by today), the least time left first.
/// People who do not code are not listed.
pub fn team_status(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<NccqStatus>> {
    let visible: std::collections::HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    let settings = settings(conn)?;
    let working_towards = staff::list(conn)?
        .into_iter()
        .filter(|m| visible.contains(&m.staff_number))
        .filter(|m| m.acc_date.is_none() && m.leaver_date.is_none_or(|d| d > today))
        .collect();
    let mut team: Vec<NccqStatus> = records_of(conn, working_towards, &settings)?
        .iter()
        .filter(|record| record.on_pathway)
        .map(|record| assess(record, &settings, today))
        .collect();
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
    let earliest = earliest_first_sitting(staff.appointed, settings);
    let sittings_left = sittings_open(staff.appointed, !record.exams.is_empty(), settings, today);
    // From the record's own fields, not `record.on_pathway`: a record read
    // as it stood on an earlier day (a printed appraisal) has its ACC date
    // taken away.
    let on_pathway = on_pathway(staff.nccq_pathway, record.coding_role, staff.acc_date);
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
    } else if !on_pathway {
        found.note(OnTrack, pathway_reason(record, on_pathway), None);
    } else {
        course_findings(&mut found, record, settings, today, start_by);
        exam_findings(&mut found, record, settings, today, nccq_by, &sittings_left);
        if record.exams.is_empty() && today < earliest {
            found.note(OnTrack, earliest_sitting_reason(settings, earliest), None);
        }
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
        on_pathway,
        pathway_reason: pathway_reason(record, on_pathway),
        earliest_first_sitting: earliest,
        earliest_sitting_reason: earliest_sitting_reason(settings, earliest),
    }
}

/// Why someone is on the NCCQ pathway or not, in a sentence.
fn pathway_reason(record: &NccqRecord, on_pathway: bool) -> String {
    let role = record.role.clone().unwrap_or_else(|| {
        format!("Band {} {}", record.staff.band, record.staff.job_title)
            .trim()
            .to_owned()
    });
    match (record.staff.nccq_pathway, on_pathway) {
        (Some(true), _) => "On the NCCQ pathway: set by hand on their staff record.".to_owned(),
        (Some(false), _) => "Not on the NCCQ pathway: set by hand on their staff record.".to_owned(),
        (None, true) => format!("On the NCCQ pathway: {role} is a coding role and no ACC date is recorded."),
        (None, false) if record.coding_role => {
            format!("Not on the NCCQ pathway: {role} is a coding role, and they are accredited.")
        }
        (None, false) => format!("Not on the NCCQ pathway: {role} is not a coding role."),
    }
}

/// Why the first sitting is no sooner than `earliest`, in plain words.
fn earliest_sitting_reason(settings: &NccqSettings, earliest: NaiveDate) -> String {
    match settings.first_sitting_months {
        0 => "A trainee may sit the NCCQ at any sitting after appointment.".to_owned(),
        months => format!(
            "First sitting no sooner than {}: {months} months of coding experience are recommended before sitting the NCCQ.",
            display(earliest)
        ),
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
        let registration = registration_closes(next, settings);
        let closes = display(registration);
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
            Some(until) if today <= registration && until < registration => found.note(
                AtRisk,
                format!(
                    "IHRIM membership ends {}, before registration for the {sitting} sitting closes on {closes}: a valid one is needed to register as well as to sit.",
                    display(until)
                ),
                Some(format!(
                    "Renew IHRIM membership before {closes}, when registration for the {sitting} sitting closes."
                )),
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
    use crate::nccq::test_support::{course, defaults, exam, noon, trainee, ymd};
    use crate::nccq::{deadlines, save_settings, set_ihrim_membership};
    use crate::staff::StaffInput;

    #[test]
    fn a_new_trainee_is_on_track_and_told_to_book_the_course() {
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
        // Appointed a year before the 01/03/2026 sitting, so it is her first.
        let who = trainee(&mut store, "Ada", "2025-03-01");
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
        let mut store = crate::store::testing::store();
        // Appointed a year before the 01/03/2026 sitting, so it is her first.
        let who = trainee(&mut store, "Ada", "2025-03-01");
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
    fn membership_ending_before_registration_closes_is_at_risk_though_it_lasts_to_the_sitting_day() {
        let mut store = crate::store::testing::store();
        let who = trainee(&mut store, "Ada", "2025-03-01");
        course(&mut store, &who, "standards", "2025-04-07").unwrap();
        set_ihrim_membership(store.conn_mut(), &who, "2025-12-31").unwrap();
        let s = status(store.conn(), &who, ymd(2025, 12, 1)).unwrap();
        assert_eq!(s.state, NccqState::AtRisk, "{:?}", s.reasons);
        assert_eq!(
            s.reasons[0],
            "IHRIM membership ends 31/12/2025, before registration for the 01/03/2026 sitting closes on 04/01/2026: a valid one is needed to register as well as to sit."
        );
        assert_eq!(
            s.next_steps[0],
            "Renew IHRIM membership before 04/01/2026, when registration for the 01/03/2026 sitting closes."
        );
        set_ihrim_membership(store.conn_mut(), &who, "2026-03-31").unwrap();
        let s = status(store.conn(), &who, ymd(2025, 12, 1)).unwrap();
        assert_eq!(
            s.state,
            NccqState::OnTrack,
            "valid at registration and sitting: {:?}",
            s.reasons
        );
    }

    #[test]
    fn a_new_trainee_is_told_their_first_sitting_is_a_year_on_in_plain_words() {
        let mut store = crate::store::testing::store();
        let who = trainee(&mut store, "Ada", "2025-08-31");
        let s = status(store.conn(), &who, ymd(2025, 8, 31)).unwrap();
        assert_eq!(s.earliest_first_sitting, ymd(2026, 8, 31));
        assert_eq!(
            s.sittings_left,
            [ymd(2026, 9, 1), ymd(2027, 3, 1)],
            "not 01/09/2025, the day after appointment"
        );
        let words = "First sitting no sooner than 31/08/2026: 12 months of coding experience are recommended before sitting the NCCQ.";
        assert_eq!(s.earliest_sitting_reason, words);
        assert!(s.reasons.contains(&words.to_owned()), "{:?}", s.reasons);
        assert!(
            s.next_steps
                .contains(&"Enter Practical and Theory for a sitting; the next is 01/09/2026.".to_owned()),
            "{:?}",
            s.next_steps
        );
    }

    #[test]
    fn people_who_do_not_code_are_not_on_the_pathway_and_a_hand_set_flag_wins() {
        let mut store = crate::store::testing::store();
        let coder = trainee(&mut store, "Ada", "2025-09-01");
        let person = |forename: &str, band: &str, title: &str, pathway: &str| StaffInput {
            forename: forename.into(),
            surname: "Other".into(),
            band: band.into(),
            job_title: title.into(),
            appointed: "2015-01-05".into(),
            nccq_pathway: pathway.into(),
            ..Default::default()
        };
        let add = |store: &mut crate::Store, input: StaffInput| {
            staff::add(store.conn_mut(), &input, ymd(2026, 1, 1))
                .unwrap()
                .staff_number
        };
        let head = add(&mut store, person("Deepa", "8a", "Head of clinical coding", ""));
        let analyst = add(&mut store, person("Ian", "4", "Information analyst", "no"));
        let manager_training = add(&mut store, person("Mo", "7", "Clinical coding manager", "yes"));

        let listed: Vec<String> = team_status(store.conn(), &Actor::system(), ymd(2026, 2, 1))
            .unwrap()
            .into_iter()
            .map(|s| s.staff_number)
            .collect();
        assert!(listed.contains(&coder), "a band 3 trainee coder: {listed:?}");
        assert!(
            !listed.contains(&head),
            "a head of department with no ACC date is not shown as missed: {listed:?}"
        );
        assert!(!listed.contains(&analyst), "set by hand: not on the pathway");
        assert!(listed.contains(&manager_training), "set by hand: on the pathway");

        let s = status(store.conn(), &head, ymd(2026, 2, 1)).unwrap();
        assert!(!s.on_pathway);
        assert_eq!(s.state, NccqState::OnTrack, "never missed: {:?}", s.reasons);
        assert_eq!(
            s.pathway_reason,
            "Not on the NCCQ pathway: Band 8a Head of clinical coding is not a coding role."
        );
        assert_eq!(s.reasons.len(), 1, "nothing about courses or sittings: {:?}", s.reasons);
        assert_eq!(s.reasons[0], s.pathway_reason);
        let s = status(store.conn(), &coder, ymd(2026, 2, 1)).unwrap();
        assert_eq!(
            s.pathway_reason,
            "On the NCCQ pathway: Band 3 Trainee clinical coder is a coding role and no ACC date is recorded."
        );
        let s = status(store.conn(), &manager_training, ymd(2026, 2, 1)).unwrap();
        assert_eq!(
            s.pathway_reason,
            "On the NCCQ pathway: set by hand on their staff record."
        );
    }

    #[test]
    fn the_role_profile_decides_once_the_department_has_one() {
        let mut store = crate::store::testing::store();
        crate::framework::ensure_builtin(store.conn_mut(), noon()).unwrap();
        let coder = trainee(&mut store, "Ada", "2025-09-01");
        let roles = crate::store::framework::list_roles(store.conn()).unwrap();
        let trainee_role = roles.iter().find(|r| r.band == "3").unwrap();
        let listed = |store: &crate::Store| -> bool {
            team_status(store.conn(), &Actor::system(), ymd(2026, 2, 1))
                .unwrap()
                .iter()
                .any(|s| s.staff_number == coder)
        };
        assert!(listed(&store), "the Band 3 role codes");
        crate::framework::set_role_coding(store.conn_mut(), &Actor::system(), trainee_role.id, false, noon()).unwrap();
        assert!(!listed(&store), "not once the role is marked as not coding");
    }

    #[test]
    fn the_nccq_is_missed_once_the_deadline_passes_or_no_sitting_is_left() {
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
        let mut store = crate::store::testing::store();
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
}
