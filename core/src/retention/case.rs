//! A person's retention case as the rules see it: dates and reasons, no
//! store, so `access.rs` can decide on it.

use chrono::{Days, NaiveDate};

/// One person's retention facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionCase {
    pub staff_number: String,
    /// Their leaving date, if they have left.
    pub left: Option<NaiveDate>,
    /// When the retention period ends: `None` when the rules cannot tell
    /// (or they have not left), and the records are kept.
    pub period_ends: Option<NaiveDate>,
    /// The rule, by name (`settings::retention::RetentionRules::name`).
    pub rule: String,
    pub marked_on: Option<NaiveDate>,
    pub held_on: Option<NaiveDate>,
    pub hold_reason: String,
    pub disposed_on: Option<NaiveDate>,
    pub grace_days: u32,
}

impl RetentionCase {
    /// Past the retention period and not disposed of.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.disposed_on.is_none() && self.period_ends.is_some_and(|ends| ends <= today)
    }

    /// The first day the records may be disposed of: the end of the period
    /// or the end of the grace period after marking (after marking today,
    /// if not marked yet), whichever is later.
    pub fn dispose_from(&self, today: NaiveDate) -> Option<NaiveDate> {
        let ends = self.period_ends?;
        let marked = self.marked_on.unwrap_or(today);
        let grace_over = marked.checked_add_days(Days::new(u64::from(self.grace_days)))?;
        Some(ends.max(grace_over))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn disposal_may_start_when_both_the_period_and_the_grace_after_marking_are_over() {
        let case = RetentionCase {
            staff_number: "1".into(),
            left: Some(date("2019-01-31")),
            period_ends: Some(date("2025-01-31")),
            rule: "6 years after leaving".into(),
            marked_on: Some(date("2026-11-01")),
            held_on: None,
            hold_reason: String::new(),
            disposed_on: None,
            grace_days: 30,
        };
        assert!(case.is_due(date("2026-11-01")));
        assert_eq!(
            case.dispose_from(date("2026-11-05")),
            Some(date("2026-12-01")),
            "30 days after marking"
        );
        let unmarked = RetentionCase {
            marked_on: None,
            ..case
        };
        assert_eq!(
            unmarked.dispose_from(date("2026-11-05")),
            Some(date("2026-12-05")),
            "not marked: 30 days from today at the earliest"
        );
    }
}
