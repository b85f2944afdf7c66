//! Appraisal cycles and the dates that follow from them.
//!
//! A cycle is the NHS year, 1 April to 31 March, written 2025/26, unless the
//! trust starts its cycle in another month (a setting): a cycle starting in
//! January is a calendar year and is written 2025. Everyone is due one
//! appraisal per cycle, 12 months after their last signed one (or their
//! appointment, when that is later) unless the department sets a date; a
//! mid-year review half way through; and a new starter an objective-setting
//! meeting within 6 weeks of appointment.
//!
//! Pure arithmetic: no database, no clock.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::dates::add_months;

/// The NHS year starts in April.
pub const DEFAULT_START_MONTH: u32 = 4;
/// A new starter's objective-setting meeting is due within this many weeks
/// of appointment.
pub const DEFAULT_OBJECTIVE_SETTING_WEEKS: u32 = 6;
/// The mid-year review is due this many months into the cycle.
pub const MID_YEAR_MONTHS: u32 = 6;
/// An appraisal is due this many months after the last signed one.
pub const APPRAISAL_INTERVAL_MONTHS: u32 = 12;

/// One appraisal cycle: twelve months from the 1st of `start_month` in
/// `start_year`. Built only by [`Cycle::new`], so the dates and the label
/// always agree with the year and month.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, TS)]
pub struct Cycle {
    /// The year the cycle starts: 2025 for 2025/26.
    pub start_year: i32,
    /// 1 to 12; 4 for the NHS year.
    pub start_month: u32,
    /// 2025/26, or 2025 for a cycle that is a calendar year.
    pub label: String,
    /// The first day.
    #[ts(type = "string")]
    pub start: NaiveDate,
    /// The last day.
    #[ts(type = "string")]
    pub end: NaiveDate,
}

impl Cycle {
    /// The cycle starting on the 1st of `start_month` (1-12; anything else
    /// is taken as April) in `start_year`.
    pub fn new(start_year: i32, start_month: u32) -> Cycle {
        let start_month = if (1..=12).contains(&start_month) {
            start_month
        } else {
            DEFAULT_START_MONTH
        };
        let start = NaiveDate::from_ymd_opt(start_year, start_month, 1).expect("the 1st of a month exists");
        let end = add_months(start, 12) - Days::new(1);
        let label = if start_month == 1 {
            start_year.to_string()
        } else {
            format!("{start_year}/{:02}", (start_year + 1).rem_euclid(100))
        };
        Cycle {
            start_year,
            start_month,
            label,
            start,
            end,
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.start..=self.end).contains(&date)
    }

    pub fn next(&self) -> Cycle {
        Cycle::new(self.start_year + 1, self.start_month)
    }

    pub fn previous(&self) -> Cycle {
        Cycle::new(self.start_year - 1, self.start_month)
    }

    /// Reads a label as [`Cycle::label`] writes it (2025/26, or 2025), or a
    /// bare start year. The second year must follow the first.
    pub fn parse(label: &str, start_month: u32) -> Option<Cycle> {
        let t = label.trim();
        let (first, second) = match t.split_once('/') {
            Some((a, b)) => (a.trim(), Some(b.trim())),
            None => (t, None),
        };
        if first.len() != 4 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = first.parse().ok()?;
        if let Some(second) = second {
            let expected = format!("{:02}", (year + 1).rem_euclid(100));
            let long = (year + 1).to_string();
            if second != expected && second != long {
                return None;
            }
        }
        Some(Cycle::new(year, start_month))
    }
}

/// The cycle a date falls in.
pub fn cycle_for(date: NaiveDate, start_month: u32) -> Cycle {
    let month = if (1..=12).contains(&start_month) {
        start_month
    } else {
        DEFAULT_START_MONTH
    };
    let year = if date.month() >= month {
        date.year()
    } else {
        date.year() - 1
    };
    Cycle::new(year, month)
}

/// The last day that is still within 12 months of `date`: the same day a
/// year on, clamped at month ends (31/03 gives 31/03; 29/02 gives 28/02).
pub fn anniversary(date: NaiveDate) -> NaiveDate {
    add_months(date, APPRAISAL_INTERVAL_MONTHS)
}

/// `on` falls within 12 months of `since`: not before it, and no later than
/// its [`anniversary`], which itself counts as within. The one definition
/// the cycle (an annual appraisal on time) and pay progression ("an
/// appraisal within the last 12 months") share.
pub fn within_12_months(since: NaiveDate, on: NaiveDate) -> bool {
    since <= on && on <= anniversary(since)
}

/// Appraisal compliance on `on`, the figure a department reports upward: an
/// annual appraisal signed in Appraise, or the last held before it, within
/// the 12 months up to `on` ([`within_12_months`]). The home page and the
/// compliance report both count with it.
pub fn appraised_on(signed_annual: &[NaiveDate], held_before_appraise: Option<NaiveDate>, on: NaiveDate) -> bool {
    signed_annual
        .iter()
        .copied()
        .chain(held_before_appraise)
        .any(|d| within_12_months(d, on))
}

/// What the annual appraisal's 12 months run from: the latest of the last
/// appraisal held (signed in Appraise, or recorded on the staff record as
/// held before Appraise: the caller passes the later) and the appointment
/// date, so someone never appraised is due a year after they started.
fn counted_from(last_signed: Option<NaiveDate>, appointed: NaiveDate) -> NaiveDate {
    last_signed.map_or(appointed, |signed| signed.max(appointed))
}

/// When the annual appraisal is due: the department's date for the cycle
/// when it has set one, otherwise 12 months after the later of the last
/// signed appraisal and the appointment date (see [`anniversary`]).
pub fn due_date(last_signed: Option<NaiveDate>, appointed: NaiveDate, department_date: Option<NaiveDate>) -> NaiveDate {
    department_date.unwrap_or_else(|| anniversary(counted_from(last_signed, appointed)))
}

/// The annual appraisal is overdue from the day after it is due: once
/// `today` is no longer [`within_12_months`] of what the year runs from, or
/// is past the department's date.
pub fn annual_overdue(
    last_signed: Option<NaiveDate>,
    appointed: NaiveDate,
    department_date: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    match department_date {
        Some(due) => today > due,
        None => {
            let since = counted_from(last_signed, appointed);
            today > since && !within_12_months(since, today)
        }
    }
}

/// The mid-year review is due six months into the cycle: 1 October in the
/// NHS year.
pub fn mid_year_review_date(cycle: &Cycle) -> NaiveDate {
    add_months(cycle.start, MID_YEAR_MONTHS)
}

/// The last day for a new starter's objective-setting meeting: `weeks` (6)
/// after appointment.
pub fn objective_setting_due(appointed: NaiveDate, weeks: u32) -> NaiveDate {
    appointed + Days::new(u64::from(weeks) * 7)
}

/// A meeting is late when it was held after its due date, or has not been
/// held and its due date has passed. A meeting on the due date is in time.
pub fn is_late(due: NaiveDate, held: Option<NaiveDate>, today: NaiveDate) -> bool {
    match held {
        Some(held) => held > due,
        None => today > due,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_nhs_year_runs_from_1_april_to_31_march_and_is_written_2025_26() {
        let c = Cycle::new(2025, 4);
        assert_eq!(c.label, "2025/26");
        assert_eq!(c.start, ymd(2025, 4, 1));
        assert_eq!(c.end, ymd(2026, 3, 31));
        assert_eq!(Cycle::new(2099, 4).label, "2099/00", "the century turns in two digits");
    }

    #[test]
    fn the_last_day_of_march_and_the_first_of_april_are_in_different_cycles() {
        assert_eq!(cycle_for(ymd(2026, 3, 31), 4).label, "2025/26");
        assert_eq!(cycle_for(ymd(2026, 4, 1), 4).label, "2026/27");
        assert_eq!(cycle_for(ymd(2025, 12, 31), 4).label, "2025/26");
        assert_eq!(cycle_for(ymd(2026, 1, 1), 4).label, "2025/26");
    }

    #[test]
    fn a_trust_may_start_its_cycle_in_another_month() {
        let c = cycle_for(ymd(2025, 6, 30), 7);
        assert_eq!((c.start, c.end), (ymd(2024, 7, 1), ymd(2025, 6, 30)), "July to June");
        assert_eq!(c.label, "2024/25");
        let calendar = cycle_for(ymd(2025, 6, 30), 1);
        assert_eq!(calendar.label, "2025", "a calendar-year cycle is one year");
        assert_eq!(calendar.end, ymd(2025, 12, 31));
        let march = Cycle::new(2023, 3);
        assert_eq!(
            march.end,
            ymd(2024, 2, 29),
            "a cycle from March ends on a leap day when there is one"
        );
        assert_eq!(
            cycle_for(ymd(2025, 1, 1), 13),
            cycle_for(ymd(2025, 1, 1), 4),
            "a bad month means April"
        );
    }

    #[test]
    fn next_and_previous_cycles_follow_on_without_a_gap() {
        let c = Cycle::new(2025, 4);
        assert_eq!(c.next().start, c.end + Days::new(1));
        assert_eq!(c.previous().end, c.start - Days::new(1));
        assert!(c.contains(c.start) && c.contains(c.end));
        assert!(!c.contains(c.next().start));
    }

    #[test]
    fn labels_read_back_as_written() {
        assert_eq!(Cycle::parse("2025/26", 4), Some(Cycle::new(2025, 4)));
        assert_eq!(Cycle::parse("2025/2026", 4), Some(Cycle::new(2025, 4)));
        assert_eq!(Cycle::parse("2025", 4), Some(Cycle::new(2025, 4)));
        assert_eq!(Cycle::parse("2025/27", 4), None, "the years must follow on");
        assert_eq!(Cycle::parse("25/26", 4), None);
    }

    #[test]
    fn an_appraisal_is_due_12_months_after_the_last_one_clamped_at_month_ends() {
        let long_ago = ymd(2015, 1, 1);
        assert_eq!(due_date(Some(ymd(2025, 3, 31)), long_ago, None), ymd(2026, 3, 31));
        assert_eq!(
            due_date(Some(ymd(2024, 2, 29)), long_ago, None),
            ymd(2025, 2, 28),
            "no 29 February in 2025"
        );
    }

    #[test]
    fn someone_never_appraised_is_due_12_months_after_appointment_and_overdue_the_day_after() {
        let appointed = ymd(2020, 1, 6);
        assert_eq!(due_date(None, appointed, None), ymd(2021, 1, 6), "due on 06/01/2021");
        assert!(
            !annual_overdue(None, appointed, None, ymd(2021, 1, 6)),
            "due today: not overdue"
        );
        assert!(
            annual_overdue(None, appointed, None, ymd(2021, 1, 7)),
            "overdue the day after"
        );
        assert!(
            annual_overdue(None, appointed, None, ymd(2026, 11, 28)),
            "and still on 28/11/2026"
        );
    }

    #[test]
    fn the_later_of_the_last_appraisal_and_the_appointment_counts() {
        let appointed = ymd(2024, 9, 1);
        assert_eq!(
            due_date(Some(ymd(2023, 5, 1)), appointed, None),
            ymd(2025, 9, 1),
            "re-appointed after the last appraisal: a year from appointment"
        );
        assert_eq!(due_date(Some(ymd(2025, 5, 1)), appointed, None), ymd(2026, 5, 1));
        assert!(!annual_overdue(Some(ymd(2025, 5, 1)), appointed, None, ymd(2026, 5, 1)));
        assert!(annual_overdue(Some(ymd(2025, 5, 1)), appointed, None, ymd(2026, 5, 2)));
    }

    #[test]
    fn a_department_date_wins_over_the_anniversary() {
        let appointed = ymd(2015, 1, 1);
        assert_eq!(
            due_date(Some(ymd(2025, 5, 14)), appointed, Some(ymd(2026, 6, 30))),
            ymd(2026, 6, 30)
        );
        assert_eq!(due_date(None, appointed, Some(ymd(2026, 6, 30))), ymd(2026, 6, 30));
        assert!(!annual_overdue(
            None,
            appointed,
            Some(ymd(2026, 6, 30)),
            ymd(2026, 6, 30)
        ));
        assert!(annual_overdue(None, appointed, Some(ymd(2026, 6, 30)), ymd(2026, 7, 1)));
    }

    #[test]
    fn the_anniversary_itself_is_within_12_months_and_the_day_after_is_not() {
        let since = ymd(2025, 5, 1);
        assert!(within_12_months(since, ymd(2026, 4, 30)), "the day before");
        assert!(within_12_months(since, ymd(2026, 5, 1)), "the anniversary");
        assert!(!within_12_months(since, ymd(2026, 5, 2)), "the day after");
        assert!(within_12_months(since, since), "the day itself");
        assert!(!within_12_months(since, ymd(2025, 4, 30)), "a day before it happened");
    }

    #[test]
    fn within_12_months_clamps_at_the_31st_and_29_february() {
        let last_of_march = ymd(2025, 3, 31);
        assert!(within_12_months(last_of_march, ymd(2026, 3, 30)), "the day before");
        assert!(within_12_months(last_of_march, ymd(2026, 3, 31)), "the anniversary");
        assert!(!within_12_months(last_of_march, ymd(2026, 4, 1)), "the day after");
        let leap_day = ymd(2024, 2, 29);
        assert_eq!(anniversary(leap_day), ymd(2025, 2, 28), "no 29 February in 2025");
        assert!(within_12_months(leap_day, ymd(2025, 2, 27)), "the day before");
        assert!(within_12_months(leap_day, ymd(2025, 2, 28)), "the anniversary");
        assert!(!within_12_months(leap_day, ymd(2025, 3, 1)), "the day after");
        let into_a_leap_year = ymd(2023, 2, 28);
        assert!(within_12_months(into_a_leap_year, ymd(2024, 2, 28)), "the anniversary");
        assert!(!within_12_months(into_a_leap_year, ymd(2024, 2, 29)), "the day after");
    }

    #[test]
    fn overdue_is_exactly_the_day_after_the_due_date() {
        let appointed = ymd(2019, 9, 1);
        for last in [
            None,
            Some(ymd(2024, 2, 29)),
            Some(ymd(2025, 3, 31)),
            Some(ymd(2025, 8, 31)),
        ] {
            let due = due_date(last, appointed, None);
            assert!(
                !annual_overdue(last, appointed, None, due),
                "{last:?}: due {due}, not overdue"
            );
            assert!(
                annual_overdue(last, appointed, None, due + Days::new(1)),
                "{last:?}: overdue the day after {due}"
            );
        }
    }

    #[test]
    fn the_mid_year_review_is_six_months_in() {
        assert_eq!(mid_year_review_date(&Cycle::new(2025, 4)), ymd(2025, 10, 1));
        assert_eq!(mid_year_review_date(&Cycle::new(2025, 9)), ymd(2026, 3, 1));
    }

    #[test]
    fn objective_setting_is_due_six_weeks_after_appointment_across_month_and_year_ends() {
        assert_eq!(objective_setting_due(ymd(2025, 9, 1), 6), ymd(2025, 10, 13));
        assert_eq!(objective_setting_due(ymd(2025, 1, 31), 6), ymd(2025, 3, 14));
        assert_eq!(objective_setting_due(ymd(2025, 12, 15), 6), ymd(2026, 1, 26));
        assert_eq!(objective_setting_due(ymd(2024, 1, 25), 5), ymd(2024, 2, 29), "leap day");
    }

    #[test]
    fn a_meeting_is_late_only_after_its_due_date() {
        let due = ymd(2025, 10, 13);
        assert!(!is_late(due, Some(due), ymd(2026, 1, 1)), "held on the day: in time");
        assert!(
            is_late(due, Some(ymd(2025, 10, 14)), ymd(2026, 1, 1)),
            "held a day late"
        );
        assert!(!is_late(due, None, due), "not held, still the due date");
        assert!(is_late(due, None, ymd(2025, 10, 14)), "not held, due date passed");
    }
}
