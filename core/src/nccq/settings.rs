//! The trust's NCCQ settings: the deadlines, the refresher interval, the
//! sitting dates and the pass marks by year, with their defaults; reading
//! them over the defaults and saving them (administrator only, audited).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::words::PassMarks;
use crate::accounts::Actor;
use crate::store::nccq as db;
use crate::{access, audit, Error, FieldError, Result};

/// Months from appointment to the NCCQ deadline: the trust's rule.
pub const DEFAULT_DEADLINE_MONTHS: u32 = 24;
/// Months from appointment by which the Standards course must start.
pub const DEFAULT_COURSE_MONTHS: u32 = 6;
/// Years from one course to the next refresher.
pub const DEFAULT_REFRESHER_YEARS: u32 = 3;
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
            sittings: Vec::new(),
            pass_marks: Vec::new(),
        }
    }
}

/// The trust's settings: stored values over the defaults.
pub fn settings(conn: &Connection) -> Result<NccqSettings> {
    let d = NccqSettings::default();
    Ok(NccqSettings {
        deadline_months: db::setting(conn, "deadline_months")?.unwrap_or(d.deadline_months),
        course_months: db::setting(conn, "course_months")?.unwrap_or(d.course_months),
        refresher_years: db::setting(conn, "refresher_years")?.unwrap_or(d.refresher_years),
        sittings: db::sittings(conn)?,
        pass_marks: db::pass_marks(conn)?,
    })
}

/// Checks and stores the settings whole (administrator only, audited),
/// collecting a message per bad field. Sittings are stored sorted and
/// without repeats.
pub fn save_settings(
    conn: &mut Connection,
    actor: &Actor,
    new: &NccqSettings,
    now: NaiveDateTime,
) -> Result<NccqSettings> {
    access::can_manage_settings(actor)?;
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    if !(1..=120).contains(&new.deadline_months) {
        bad(
            "deadline_months",
            "The NCCQ deadline must be between 1 and 120 months after appointment.".to_owned(),
        );
    }
    if !(1..=60).contains(&new.course_months) {
        bad(
            "course_months",
            "The Standards course deadline must be between 1 and 60 months after appointment.".to_owned(),
        );
    }
    if !(1..=10).contains(&new.refresher_years) {
        bad(
            "refresher_years",
            "Refresher courses must be due every 1 to 10 years.".to_owned(),
        );
    }
    let mut years: Vec<i32> = new.pass_marks.iter().map(|m| m.year).collect();
    years.sort();
    if let Some(w) = years.windows(2).find(|w| w[0] == w[1]) {
        bad("pass_marks", format!("Pass marks for {} are given twice.", w[0]));
    }
    if let Some(m) = new.pass_marks.iter().find(|m| m.practical > 100 || m.theory > 100) {
        bad(
            "pass_marks",
            format!("Pass marks for {} must be percentages from 0 to 100.", m.year),
        );
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let mut sittings = new.sittings.clone();
    sittings.sort();
    sittings.dedup();
    let mut marks = new.pass_marks.clone();
    marks.sort_by_key(|m| m.year);

    let tx = crate::store::write(conn)?;
    let before = settings(&tx)?;
    db::set_setting(&tx, "deadline_months", new.deadline_months)?;
    db::set_setting(&tx, "course_months", new.course_months)?;
    db::set_setting(&tx, "refresher_years", new.refresher_years)?;
    db::replace_sittings(&tx, &sittings)?;
    db::replace_pass_marks(&tx, &marks)?;
    let after = settings(&tx)?;
    let changed = audit::changes(&before, &after);
    if changed.as_object().is_some_and(|c| !c.is_empty()) {
        audit::record_by(&tx, actor, "setting.change", "nccq_setting", "nccq", changed, now)?;
    }
    tx.commit()?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nccq::test_support::{defaults, fields, noon, ymd};
    use crate::Store;

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
}
