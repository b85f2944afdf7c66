//! Dates for the demonstration, every one counted from `today`, and a
//! meeting's clock.

use chrono::{Days, NaiveDate, NaiveDateTime};

pub(super) fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_hms_opt(hour, minute, 0).expect("a real time")
}

pub(super) fn days(date: NaiveDate, n: u64) -> NaiveDate {
    date + Days::new(n)
}

pub(super) fn days_back(date: NaiveDate, n: u64) -> NaiveDate {
    date - Days::new(n)
}

/// A meeting's clock: a minute a save, from half past nine.
pub(super) struct Clock(NaiveDateTime);

impl Clock {
    pub(super) fn new(date: NaiveDate) -> Clock {
        Clock(at(date, 9, 30))
    }

    pub(super) fn tick(&mut self) -> NaiveDateTime {
        self.0 += chrono::TimeDelta::minutes(1);
        self.0
    }
}
