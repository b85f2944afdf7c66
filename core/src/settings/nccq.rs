//! The trust's NCCQ settings: the deadlines counted from appointment, the
//! exam sittings and the pass marks by year. The rules that read them live
//! in `crate::nccq`.

use crate::store::db::Connection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Problems, Topic};
use crate::accounts::Actor;
use crate::store::settings as db;
use crate::{FieldError, Result};

/// Months from appointment to the NCCQ deadline: the trust's rule.
pub const DEFAULT_DEADLINE_MONTHS: u32 = 24;
/// Months from appointment by which the Standards course must start.
pub const DEFAULT_COURSE_MONTHS: u32 = 6;
/// Years from one course to the next refresher.
pub const DEFAULT_REFRESHER_YEARS: u32 = 3;
/// Months of coding experience, counted from appointment, before a first
/// sitting: the national guidance (Connecting for Health) recommended about a
/// year, so a trainee does not sit in their first weeks.
pub const DEFAULT_FIRST_SITTING_MONTHS: u32 = 12;
/// Weeks before a sitting that registration for it closes, unless the
/// trust's sitting list gives the date: IHRIM takes entries about two months
/// ahead, and a valid membership is needed to register as well as to sit.
pub const DEFAULT_REGISTRATION_WEEKS: u32 = 8;
/// Pass marks, in percent, for sittings before any year the trust has set.
pub const DEFAULT_PASS_MARK_PRACTICAL: u32 = 90;
pub const DEFAULT_PASS_MARK_THEORY: u32 = 70;
/// Months of the default sittings (each on the 1st): historically the NCCQ
/// was sat in March and September.
pub const DEFAULT_SITTING_MONTHS: [u32; 2] = [3, 9];

/// The trust's NCCQ settings. Stored in the database; anything not stored
/// takes the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NccqSettings {
    /// Months from appointment to the NCCQ deadline.
    pub deadline_months: u32,
    /// Months from appointment by which the Standards course must start.
    pub course_months: u32,
    /// Years from one course to the next refresher.
    pub refresher_years: u32,
    /// Months of coding experience (from appointment) before a first
    /// sitting.
    pub first_sitting_months: u32,
    /// Weeks before each sitting that registration for it closes.
    pub registration_weeks: u32,
    /// The sitting dates, in order. Empty means 1 March and 1 September of
    /// every year; a list given here replaces those entirely.
    #[ts(type = "Array<string>")]
    pub sittings: Vec<NaiveDate>,
    /// Pass marks by year, in order of year.
    pub pass_marks: Vec<PassMarks>,
}

impl Default for NccqSettings {
    fn default() -> Self {
        NccqSettings {
            deadline_months: DEFAULT_DEADLINE_MONTHS,
            course_months: DEFAULT_COURSE_MONTHS,
            refresher_years: DEFAULT_REFRESHER_YEARS,
            first_sitting_months: DEFAULT_FIRST_SITTING_MONTHS,
            registration_weeks: DEFAULT_REGISTRATION_WEEKS,
            sittings: Vec::new(),
            pass_marks: Vec::new(),
        }
    }
}

/// The pass marks, in percent, for sittings in `year` and later years, until
/// a later year has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PassMarks {
    /// The calendar year of the sittings.
    pub year: i32,
    pub practical: u32,
    pub theory: u32,
}

/// The trust's settings: stored values over the defaults. Anyone may read
/// them: every trainee's deadlines follow from them.
pub fn load(conn: &Connection) -> Result<NccqSettings> {
    NccqSettings::load(conn)
}

/// Checks and stores the settings whole (administrator only, audited),
/// collecting a message per bad field. Sittings are stored sorted and
/// without repeats.
pub fn save(conn: &mut Connection, actor: &Actor, new: &NccqSettings, now: NaiveDateTime) -> Result<NccqSettings> {
    super::save(conn, actor, new, now)
}

impl Topic for NccqSettings {
    const AUDIT_ID: &'static str = "nccq";

    fn load(conn: &Connection) -> Result<Self> {
        let d = NccqSettings::default();
        Ok(NccqSettings {
            deadline_months: db::get(conn, "nccq.deadline_months")?.unwrap_or(d.deadline_months),
            course_months: db::get(conn, "nccq.course_months")?.unwrap_or(d.course_months),
            refresher_years: db::get(conn, "nccq.refresher_years")?.unwrap_or(d.refresher_years),
            first_sitting_months: db::get(conn, "nccq.first_sitting_months")?.unwrap_or(d.first_sitting_months),
            registration_weeks: db::get(conn, "nccq.registration_weeks")?.unwrap_or(d.registration_weeks),
            sittings: db::get(conn, "nccq.sittings")?.unwrap_or(d.sittings),
            pass_marks: db::get(conn, "nccq.pass_marks")?.unwrap_or(d.pass_marks),
        })
    }

    fn check(&self) -> std::result::Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        if !(1..=120).contains(&self.deadline_months) {
            problems.add(
                "deadline_months",
                "The NCCQ deadline must be between 1 and 120 months after appointment.",
            );
        }
        if !(1..=60).contains(&self.course_months) {
            problems.add(
                "course_months",
                "The Standards course deadline must be between 1 and 60 months after appointment.",
            );
        }
        if !(1..=10).contains(&self.refresher_years) {
            problems.add("refresher_years", "Refresher courses must be due every 1 to 10 years.");
        }
        // Checked against a deadline that is itself good, so a bad deadline
        // gets one message, not two.
        if (1..=120).contains(&self.deadline_months) && self.first_sitting_months > self.deadline_months {
            problems.add(
                "first_sitting_months",
                "The months before a first sitting cannot be more than the months to the NCCQ deadline.",
            );
        }
        if !(1..=26).contains(&self.registration_weeks) {
            problems.add(
                "registration_weeks",
                "Registration must close between 1 and 26 weeks before a sitting.",
            );
        }
        let mut years: Vec<i32> = self.pass_marks.iter().map(|m| m.year).collect();
        years.sort();
        if let Some(w) = years.windows(2).find(|w| w[0] == w[1]) {
            problems.add("pass_marks", format!("Pass marks for {} are given twice.", w[0]));
        }
        if let Some(m) = self.pass_marks.iter().find(|m| m.practical > 100 || m.theory > 100) {
            problems.add(
                "pass_marks",
                format!("Pass marks for {} must be percentages from 0 to 100.", m.year),
            );
        }
        let mut sittings = self.sittings.clone();
        sittings.sort();
        sittings.dedup();
        let mut pass_marks = self.pass_marks.clone();
        pass_marks.sort_by_key(|m| m.year);
        problems.or(NccqSettings {
            sittings,
            pass_marks,
            ..self.clone()
        })
    }

    fn write(&self, tx: &Connection, _before: &Self) -> Result<()> {
        db::set(tx, "nccq.deadline_months", &self.deadline_months)?;
        db::set(tx, "nccq.course_months", &self.course_months)?;
        db::set(tx, "nccq.refresher_years", &self.refresher_years)?;
        db::set(tx, "nccq.first_sitting_months", &self.first_sitting_months)?;
        db::set(tx, "nccq.registration_weeks", &self.registration_weeks)?;
        db::set(tx, "nccq.sittings", &self.sittings)?;
        db::set(tx, "nccq.pass_marks", &self.pass_marks)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests_from_nccq {
    use crate::accounts::Actor;
    use crate::nccq::test_support::{defaults, fields, noon, ymd};
    use crate::nccq::{save_settings, settings, NccqSettings, PassMarks};

    #[test]
    fn settings_default_when_nothing_is_stored_and_round_trip_when_saved() {
        let mut store = crate::store::testing::store();
        assert_eq!(
            settings(store.conn()).unwrap(),
            defaults(),
            "a new database uses the defaults"
        );
        let mine = NccqSettings {
            deadline_months: 18,
            course_months: 4,
            refresher_years: 2,
            first_sitting_months: 9,
            registration_weeks: 6,
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
            (saved.first_sitting_months, saved.registration_weeks),
            (9, 6),
            "the first sitting and registration settings are kept"
        );
        assert_eq!(
            saved.sittings,
            [ymd(2026, 3, 9), ymd(2026, 9, 14)],
            "sorted, without repeats"
        );
        assert_eq!(settings(store.conn()).unwrap(), saved, "read back as saved");
    }

    #[test]
    fn bad_settings_each_get_a_message_and_nothing_is_saved() {
        let mut store = crate::store::testing::store();
        let bad = NccqSettings {
            deadline_months: 0,
            course_months: 61,
            refresher_years: 11,
            first_sitting_months: 12,
            registration_weeks: 0,
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
                "registration_weeks",
                "pass_marks",
                "pass_marks"
            ],
            "{msgs:?}"
        );
        assert!(msgs[4].1.contains("2026"), "names the year given twice: {}", msgs[4].1);
        assert_eq!(settings(store.conn()).unwrap(), defaults(), "nothing saved");
        let late = NccqSettings {
            deadline_months: 18,
            first_sitting_months: 19,
            ..defaults()
        };
        let msgs = fields(save_settings(store.conn_mut(), &Actor::system(), &late, noon()).unwrap_err());
        assert_eq!(
            msgs[0].0, "first_sitting_months",
            "a first sitting after the deadline is refused: {msgs:?}"
        );
    }
}
