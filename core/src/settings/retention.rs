//! How long a leaver's records are kept, and the grace period between
//! marking them for disposal and disposing of them.
//!
//! The defaults follow the Records Management Code of Practice for Health
//! and Social Care 2021 (Appendix II, the retention schedule's staff
//! record row: the 75th birthday or 6 years after the person leaves; see
//! the README). Appraise holds no date of birth, so it counts 6 years from
//! the leaving date; a trust that records dates of birth may turn on the
//! 75th-birthday rule, and until Appraise holds them that rule keeps every
//! record (no one is due), which is the safe side.

use std::ops::RangeInclusive;

use chrono::{Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Problems, Topic};
use crate::accounts::Actor;
use crate::store::db::Connection;
use crate::store::settings as db;
use crate::{FieldError, Result};

pub const DEFAULT_YEARS_AFTER_LEAVING: u32 = 6;
pub const YEARS_AFTER_LEAVING_RANGE: RangeInclusive<u32> = 1..=100;
pub const DEFAULT_GRACE_DAYS: u32 = 30;
pub const GRACE_DAYS_RANGE: RangeInclusive<u32> = 0..=365;

const YEARS_KEY: &str = "retention.years_after_leaving";
const BIRTHDAY_KEY: &str = "retention.until_75th_birthday";
const GRACE_KEY: &str = "retention.grace_days";

/// The retention rules: one topic of settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RetentionRules {
    /// Years a leaver's records are kept from their leaving date.
    pub years_after_leaving: u32,
    /// Keep records until the person's 75th birthday too, if later (needs
    /// dates of birth, which Appraise does not hold).
    pub until_75th_birthday: bool,
    /// Days between marking records for disposal and disposing of them.
    pub grace_days: u32,
}

impl Default for RetentionRules {
    fn default() -> Self {
        RetentionRules {
            years_after_leaving: DEFAULT_YEARS_AFTER_LEAVING,
            until_75th_birthday: false,
            grace_days: DEFAULT_GRACE_DAYS,
        }
    }
}

impl RetentionRules {
    /// The rule, as the audit tombstone and the list name it.
    pub fn name(&self) -> String {
        let years = format!("{} years after leaving", self.years_after_leaving);
        if self.until_75th_birthday {
            format!("{years}, and the 75th-birthday rule")
        } else {
            years
        }
    }

    /// The last day the records of someone who left on `left` are kept:
    /// `None` when the rules cannot tell (the 75th-birthday rule, with no
    /// date of birth held), so the records are kept.
    pub fn kept_until(&self, left: NaiveDate) -> Option<NaiveDate> {
        if self.until_75th_birthday {
            return None;
        }
        left.checked_add_months(Months::new(12 * self.years_after_leaving))
    }
}

/// The rules stored, over the defaults.
pub fn load(conn: &Connection) -> Result<RetentionRules> {
    RetentionRules::load(conn)
}

/// Sets the rules (administrator only, audited).
pub fn save(
    conn: &mut Connection,
    actor: &Actor,
    rules: &RetentionRules,
    now: NaiveDateTime,
) -> Result<RetentionRules> {
    super::save(conn, actor, rules, now)
}

impl Topic for RetentionRules {
    const AUDIT_ID: &'static str = "retention";

    fn load(conn: &Connection) -> Result<Self> {
        let defaults = RetentionRules::default();
        let number = |key: &str, range: &RangeInclusive<u32>, default: u32| -> Result<u32> {
            let stored: Option<serde_json::Value> = db::get(conn, key)?;
            Ok(stored
                .and_then(|v| v.as_u64())
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| range.contains(n))
                .unwrap_or(default))
        };
        let birthday: Option<serde_json::Value> = db::get(conn, BIRTHDAY_KEY)?;
        Ok(RetentionRules {
            years_after_leaving: number(YEARS_KEY, &YEARS_AFTER_LEAVING_RANGE, defaults.years_after_leaving)?,
            until_75th_birthday: birthday.and_then(|v| v.as_bool()).unwrap_or(false),
            grace_days: number(GRACE_KEY, &GRACE_DAYS_RANGE, defaults.grace_days)?,
        })
    }

    fn check(&self) -> std::result::Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        if !YEARS_AFTER_LEAVING_RANGE.contains(&self.years_after_leaving) {
            problems.add(
                "years_after_leaving",
                format!(
                    "Choose between {} and {} years after leaving.",
                    YEARS_AFTER_LEAVING_RANGE.start(),
                    YEARS_AFTER_LEAVING_RANGE.end()
                ),
            );
        }
        if !GRACE_DAYS_RANGE.contains(&self.grace_days) {
            problems.add(
                "grace_days",
                format!(
                    "Choose between {} and {} days between marking and disposal.",
                    GRACE_DAYS_RANGE.start(),
                    GRACE_DAYS_RANGE.end()
                ),
            );
        }
        problems.or(*self)
    }

    fn write(&self, tx: &Connection, _before: &Self) -> Result<()> {
        db::set(tx, YEARS_KEY, &self.years_after_leaving)?;
        db::set(tx, BIRTHDAY_KEY, &self.until_75th_birthday)?;
        db::set(tx, GRACE_KEY, &self.grace_days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn by_default_records_are_kept_six_years_from_leaving_with_thirty_days_grace() {
        let store = crate::store::testing::store();
        let rules = load(store.conn()).unwrap();
        assert_eq!(rules, RetentionRules::default(), "nothing stored means the defaults");
        assert_eq!(rules.grace_days, 30);
        assert_eq!(rules.kept_until(date("2019-03-31")), Some(date("2025-03-31")));
        assert_eq!(rules.name(), "6 years after leaving");
    }

    #[test]
    fn the_75th_birthday_rule_keeps_every_record_while_no_date_of_birth_is_held() {
        let rules = RetentionRules {
            until_75th_birthday: true,
            ..RetentionRules::default()
        };
        assert_eq!(rules.kept_until(date("2000-01-01")), None, "no date of birth: kept");
    }

    #[test]
    fn the_administrator_saves_rules_in_range_and_a_coder_cannot() {
        let mut store = crate::access::tests::department();
        let admin = crate::access::tests::actor("1", crate::accounts::Role::Administrator);
        let now = crate::access::tests::today().and_hms_opt(9, 0, 0).unwrap();
        let rules = RetentionRules {
            years_after_leaving: 7,
            until_75th_birthday: false,
            grace_days: 14,
        };
        assert_eq!(save(store.conn_mut(), &admin, &rules, now).unwrap(), rules);
        assert_eq!(load(store.conn()).unwrap(), rules, "stored");
        let bad = RetentionRules {
            grace_days: 400,
            ..rules
        };
        let err = save(store.conn_mut(), &admin, &bad, now).unwrap_err();
        assert_eq!(err.code(), "invalid", "{err}");
        let coder = crate::access::tests::actor("11", crate::accounts::Role::Coder);
        let err = save(store.conn_mut(), &coder, &rules, now).unwrap_err();
        assert_eq!(err.code(), "forbidden", "{err}");
    }
}
