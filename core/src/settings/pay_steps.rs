//! The trust's Agenda for Change pay-step table: per band, the years after
//! entry to the band at which the next pay points are reached; and how many
//! weeks before each step its review is due. The rules that read them and
//! the table's defaults live in `crate::pay_steps`.

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::{Problems, Topic};
use crate::accounts::Actor;
use crate::pay_steps::PayStepTable;
use crate::staff::BANDS;
use crate::store::settings as db;
use crate::{FieldError, Result};

/// The stored table, or the national defaults when none is stored. Anyone
/// may read it: everyone's pay-step dates follow from it.
pub fn load(conn: &Connection) -> Result<PayStepTable> {
    PayStepTable::load(conn)
}

/// Checks and stores the table whole (administrator only, audited),
/// collecting a message per bad band.
pub fn save(conn: &mut Connection, actor: &Actor, new: &PayStepTable, now: NaiveDateTime) -> Result<PayStepTable> {
    super::save(conn, actor, new, now)
}

impl Topic for PayStepTable {
    const AUDIT_ID: &'static str = "pay_steps";

    fn load(conn: &Connection) -> Result<Self> {
        Ok(db::get(conn, "pay_steps.years")?.unwrap_or_default())
    }

    fn check(&self) -> std::result::Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        for (band, years) in &self.0 {
            let field = format!("pay_steps.{band}");
            if !BANDS.contains(&band.as_str()) {
                problems.add(
                    &field,
                    format!("Band {band:?} is not an Agenda for Change band ({}).", BANDS.join(", ")),
                );
            } else if years.iter().any(|y| !(1..=15).contains(y)) {
                problems.add(
                    &field,
                    format!("Band {band}: each step must be 1 to 15 years after entry."),
                );
            } else if years.windows(2).any(|w| w[0] >= w[1]) {
                problems.add(&field, format!("Band {band}: the steps must come in increasing years."));
            }
        }
        problems.or(self.clone())
    }

    fn write(&self, tx: &Connection, _before: &Self) -> Result<()> {
        db::set(tx, "pay_steps.years", self)
    }
}

/// Weeks before a pay step that its review is due, unless the trust sets
/// another: time to meet a missing standard before the step date.
pub const DEFAULT_REVIEW_WEEKS: u32 = 8;

const REVIEW_WEEKS_KEY: &str = "pay_steps.review_weeks";

/// Weeks before each pay step that its review falls due.
pub fn review_weeks(conn: &Connection) -> Result<u32> {
    Ok(ReviewWeeks::load(conn)?.weeks)
}

/// Sets the weeks before a step that its review is due (administrator only,
/// audited): 1 to 26.
pub fn save_review_weeks(conn: &mut Connection, actor: &Actor, weeks: u32, now: NaiveDateTime) -> Result<u32> {
    Ok(super::save(conn, actor, &ReviewWeeks { weeks }, now)?.weeks)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
struct ReviewWeeks {
    weeks: u32,
}

impl Topic for ReviewWeeks {
    const AUDIT_ID: &'static str = REVIEW_WEEKS_KEY;

    fn load(conn: &Connection) -> Result<Self> {
        let stored: Option<u32> = db::get(conn, REVIEW_WEEKS_KEY)?;
        Ok(ReviewWeeks {
            weeks: stored.filter(|w| (1..=26).contains(w)).unwrap_or(DEFAULT_REVIEW_WEEKS),
        })
    }

    fn check(&self) -> std::result::Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        if !(1..=26).contains(&self.weeks) {
            problems.add(
                REVIEW_WEEKS_KEY,
                "A pay-step review is due 1 to 26 weeks before the step.",
            );
        }
        problems.or(*self)
    }

    fn write(&self, tx: &Connection, _before: &Self) -> Result<()> {
        db::set(tx, REVIEW_WEEKS_KEY, &self.weeks)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::accounts::Role;
    use crate::Error;

    fn noon() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 1, 15)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    fn person(role: Role) -> Actor {
        Actor {
            staff_number: "100004".into(),
            role,
            name: "Zoë Ní Bhriain".into(),
            must_change_passphrase: false,
        }
    }

    fn stored(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM setting WHERE key LIKE 'pay_steps.%'", [], |r| {
            r.get(0)
        })
        .unwrap()
    }

    #[test]
    fn the_defaults_apply_when_nothing_is_stored() {
        let store = crate::store::testing::store();
        assert_eq!(load(store.conn()).unwrap(), PayStepTable::default(), "a new database");
    }

    #[test]
    fn a_saved_table_reads_back_as_saved() {
        let mut store = crate::store::testing::store();
        let mut mine = PayStepTable::default();
        mine.0.insert("5".into(), vec![1, 3]);
        let saved = save(store.conn_mut(), &person(Role::Administrator), &mine, noon()).unwrap();
        assert_eq!(saved, mine, "returned as stored");
        assert_eq!(load(store.conn()).unwrap(), mine, "read back as saved");
    }

    #[test]
    fn bad_bands_and_years_each_get_a_message_and_nothing_is_stored() {
        let mut store = crate::store::testing::store();
        let mut bad = PayStepTable::default();
        bad.0.insert("10".into(), vec![2]);
        bad.0.insert("5".into(), vec![4, 2]);
        bad.0.insert("6".into(), vec![0, 16]);
        let err = save(store.conn_mut(), &person(Role::Administrator), &bad, noon()).unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!("expected invalid fields, got {err:?}");
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["pay_steps.10", "pay_steps.5", "pay_steps.6"], "{fields:?}");
        assert!(
            fields[0].message.contains("\"10\""),
            "names the band: {}",
            fields[0].message
        );
        assert_eq!(stored(store.conn()), 0, "nothing stored");
    }

    #[test]
    fn a_review_is_due_eight_weeks_before_a_step_unless_the_trust_says_otherwise() {
        let mut store = crate::store::testing::store();
        assert_eq!(review_weeks(store.conn()).unwrap(), 8, "the default");
        save_review_weeks(store.conn_mut(), &person(Role::Administrator), 12, noon()).unwrap();
        assert_eq!(review_weeks(store.conn()).unwrap(), 12, "as saved");
        let err = save_review_weeks(store.conn_mut(), &person(Role::Administrator), 40, noon()).unwrap_err();
        assert_eq!(err.code(), "invalid", "{err}");
    }

    #[test]
    fn only_the_administrator_changes_the_table() {
        let mut store = crate::store::testing::store();
        let mut mine = PayStepTable::default();
        mine.0.insert("4".into(), vec![2]);
        for role in [Role::Coder, Role::Manager] {
            let err = save(store.conn_mut(), &person(role), &mine, noon()).unwrap_err();
            assert_eq!(err.code(), "forbidden", "{role:?}: {err}");
        }
        assert_eq!(stored(store.conn()), 0, "nothing stored");
    }
}
